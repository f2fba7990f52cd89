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
