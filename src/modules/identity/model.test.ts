import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passwordProblems, sessionAlive, USERNAME_PATTERN } from './model.ts';

describe('password rules', () => {
  it('accepts the demo password and rejects short, one-class or username-containing ones', () => {
    expect(passwordProblems('Demo-2026!', 'platform_admin.hubei')).toEqual([]);
    expect(passwordProblems('Ab1!', '').map((p) => p.rule)).toEqual(['minLength']);
    expect(passwordProblems('abcdefghijkl', '').map((p) => p.rule)).toEqual(['classes']);
    expect(passwordProblems('Zhangsan-2026', 'zhangsan').map((p) => p.rule)).toEqual(['username']);
  });

  it('counts characters, not bytes (Chinese passphrases)', () => {
    expect(passwordProblems('湖北政务服务平台Ab12', '')).toEqual([]);
  });

  it('any password with 10+ characters of all four classes and no username passes (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 6, maxLength: 30 }), (s) => {
        const pw = `aZ9!${s.replace(/[^\x21-\x7e]/g, 'x')}`;
        fc.pre(!pw.toLowerCase().includes('someone'));
        expect(passwordProblems(pw, 'someone')).toEqual([]);
      }),
    );
  });
});

describe('sessions', () => {
  const now = new Date('2026-11-24T10:00:00Z');
  it('end at expiry or after the idle time, whichever comes first', () => {
    expect(sessionAlive({ expiresAt: new Date('2026-11-24T11:00:00Z'), lastSeenAt: new Date('2026-11-24T09:45:00Z') }, now, 30)).toBe(true);
    expect(sessionAlive({ expiresAt: new Date('2026-11-24T11:00:00Z'), lastSeenAt: new Date('2026-11-24T09:29:00Z') }, now, 30)).toBe(false);
    expect(sessionAlive({ expiresAt: new Date('2026-11-24T09:59:59Z'), lastSeenAt: now }, now, 30)).toBe(false);
  });
});

describe('usernames', () => {
  it('are lower-case ASCII starting with a letter', () => {
    const re = new RegExp(USERNAME_PATTERN);
    expect(re.test('platform_admin.hubei')).toBe(true);
    expect(re.test('Admin')).toBe(false);
    expect(re.test('1admin')).toBe(false);
    expect(re.test('ab')).toBe(false);
  });
});

describe('real-name levels', () => {
  it('a level meets every minimum at or below it (property)', async () => {
    const { levelMeets } = await import('./model.ts');
    fc.assert(
      fc.property(fc.constantFrom(1, 2, 3), fc.constantFrom(1 as const, 2 as const, 3 as const), (level, minimum) => {
        expect(levelMeets(level, minimum)).toBe(level >= minimum);
      }),
    );
  });

  it('requireLevel refuses a person below the minimum with 403 level-required naming both levels, and anyone who is not a person', async () => {
    const { requireLevel } = await import('./levels.ts');
    const person = (level: 1 | 2 | 3) => ({ kind: 'person' as const, id: 'p', name: '张三', grants: [], level });
    expect(() => requireLevel(person(2), 2)).not.toThrow();
    expect(() => requireLevel(person(3), 2)).not.toThrow();
    let refused: unknown;
    try {
      requireLevel(person(1), 3);
    } catch (e) {
      refused = e;
    }
    expect(refused).toMatchObject({ status: 403, code: 'level-required', extra: { requiredLevel: 3, level: 1 } });
    expect(() => requireLevel({ kind: 'staff', id: 's', name: '李四', grants: [] }, 1)).toThrow();
    expect(() => requireLevel(null, 1)).toThrow();
  });
});
