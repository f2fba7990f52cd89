import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { orgCodeCheckChar, USCC_CHARSET, usccCheckChar } from '../../core/codes.ts';
import { idCheckChar, parseCreditCode, parseIdNumber, USCC_AUTHORITIES } from './codes.ts';

const shared = (f: string) => JSON.parse(readFileSync(new URL(`../../../../shared/data/${f}`, import.meta.url), 'utf8'));
const hubeiCodes = (shared('hubei-divisions.json') as { code: string }[]).map((r) => r.code);

const TODAY = '2026-11-24';
const date = fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date(`${TODAY}T00:00:00Z`), noInvalidDate: true });
const validId = fc
  .tuple(fc.constantFrom(...hubeiCodes), date, fc.integer({ min: 0, max: 999 }))
  .map(([division, d, seq]) => {
    const first17 = division + d.toISOString().slice(0, 10).replaceAll('-', '') + String(seq).padStart(3, '0');
    return first17 + idCheckChar(first17);
  });

const authorityPairs = Object.entries(USCC_AUTHORITIES).flatMap(([a, v]) => Object.keys(v.types).map((t) => a + t));
const validCreditCode = fc
  .tuple(fc.constantFrom(...authorityPairs), fc.constantFrom(...hubeiCodes), fc.array(fc.constantFrom(...USCC_CHARSET), { minLength: 8, maxLength: 8 }))
  .map(([pair, division, org]) => {
    const first8 = org.join('');
    const first17 = pair + division + first8 + orgCodeCheckChar(first8)!;
    return first17 + usccCheckChar(first17)!;
  });

/** Every string one character away from s, over the given alphabet. */
const oneChange = (s: string, alphabet: string) =>
  fc.tuple(fc.integer({ min: 0, max: s.length - 1 }), fc.constantFrom(...alphabet)).filter(([i, c]) => s[i] !== c).map(([i, c]) => s.slice(0, i) + c + s.slice(i + 1));

describe('parseIdNumber (GB 11643-1999)', () => {
  it('parses the examples printed in the standard', () => {
    expect(parseIdNumber('11010519491231002X', TODAY)).toEqual({
      ok: true,
      value: { number: '11010519491231002X', division: '110105', birthDate: '1949-12-31', sequence: '002', sex: 'female', converted: false },
    });
    expect(parseIdNumber('440524188001010014', TODAY)).toMatchObject({ ok: true, value: { birthDate: '1880-01-01', sex: 'male' } });
  });

  it('normalizes a lower-case x and converts a 15-digit number', () => {
    expect(parseIdNumber('11010519491231002x', TODAY)).toMatchObject({ ok: true, value: { number: '11010519491231002X' } });
    const old = parseIdNumber('420102850101123', TODAY);
    expect(old).toMatchObject({ ok: true, value: { birthDate: '1985-01-01', sex: 'male', converted: true } });
    if (old.ok) expect(old.value.number).toBe(`42010219850101123${idCheckChar('42010219850101123')}`);
  });

  it('names every problem at once', () => {
    const r = parseIdNumber('990000' + '20991301' + '123' + '0', TODAY);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.code).sort()).toEqual(['birthDate', 'checksum', 'division']);
    const future = parseIdNumber(`42010220991231123${idCheckChar('42010220991231123')}`, TODAY);
    expect(!future.ok && future.errors.map((e) => e.code)).toEqual(['birthDateFuture']);
    expect(!parseIdNumber('4201', TODAY).ok).toBe(true);
  });

  it('parses every generated valid number (property)', () => {
    fc.assert(fc.property(validId, (id) => {
      expect(parseIdNumber(id, TODAY).ok).toBe(true);
    }));
  });

  it('catches every single-character change (property)', () => {
    fc.assert(fc.property(validId.chain((id) => oneChange(id, '0123456789X')), (changed) => {
      expect(parseIdNumber(changed, TODAY).ok).toBe(false);
    }), { numRuns: 2000 });
  });
});

describe('parseCreditCode (GB 32100-2015)', () => {
  it('parses the example printed in the standard and the 46 department codes of Hubei items', () => {
    expect(parseCreditCode('91350100M000100Y43')).toEqual({
      ok: true,
      value: { code: '91350100M000100Y43', authority: '9', authorityName: '工商', orgType: '1', orgTypeName: '企业', division: '350100', organizationCode: 'M000100Y4' },
    });
    const items = (shared('items.json') as { items: { deptUscc: string }[] }).items;
    for (const code of new Set(items.map((i) => i.deptUscc))) expect(parseCreditCode(code).ok, code).toBe(true);
  });

  it('uses the code tables of ../shared/data/uscc-codes.json', () => {
    const t = shared('uscc-codes.json') as { registrationAuthorityCodes: { code: string; name: string }[]; institutionTypeCodes: { registrationAuthorityCode: string; code: string; name: string }[] };
    expect(Object.fromEntries(Object.entries(USCC_AUTHORITIES).map(([k, v]) => [k, v.name]))).toEqual(Object.fromEntries(t.registrationAuthorityCodes.map((a) => [a.code, a.name])));
    for (const it of t.institutionTypeCodes) expect(USCC_AUTHORITIES[it.registrationAuthorityCode]!.types[it.code]).toBe(it.name);
    expect(Object.values(USCC_AUTHORITIES).flatMap((a) => Object.keys(a.types))).toHaveLength(t.institutionTypeCodes.length);
  });

  it('names every problem at once', () => {
    const r = parseCreditCode('9Y4201000000000050');
    expect(!r.ok && r.errors.map((e) => e.code).sort()).toEqual(['checksum', 'orgCodeChecksum', 'orgType']);
    const chars = parseCreditCode('91350100M000100YIO');
    expect(!chars.ok && chars.errors[0]!.code).toBe('characters');
  });

  it('parses every generated valid code (property)', () => {
    fc.assert(fc.property(validCreditCode, (c) => {
      expect(parseCreditCode(c).ok).toBe(true);
    }));
  });

  it('catches every single-character change (property)', () => {
    fc.assert(fc.property(validCreditCode.chain((c) => oneChange(c, USCC_CHARSET + 'IOSVZ')), (changed) => {
      expect(parseCreditCode(changed).ok).toBe(false);
    }), { numRuns: 2000 });
  });
});
