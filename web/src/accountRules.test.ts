import { describe, expect, it } from 'vitest';
import { groupsOfFour, ID_NUMBER_RULE, methodOf, MOBILE_RULE, outcomeOf, safeNext, staffDestination } from './accountRules.ts';

describe('account rules', () => {
  it('groups an authenticator secret by four', () => {
    expect(groupsOfFour('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupsOfFour('JBSWY3DPEHPK3PXPABC')).toBe('JBSW Y3DP EHPK 3PXP ABC');
    expect(groupsOfFour(' JBSW Y3DP ')).toBe('JBSW Y3DP');
    expect(groupsOfFour('')).toBe('');
  });

  it('accepts mobile numbers and ID numbers by shape', () => {
    expect(MOBILE_RULE.test('13700001234')).toBe(true);
    expect(MOBILE_RULE.test('12700001234')).toBe(false);
    expect(MOBILE_RULE.test('1370000123')).toBe(false);
    expect(ID_NUMBER_RULE.test('11010519491231002X')).toBe(true);
    expect(ID_NUMBER_RULE.test('11010519491231002x')).toBe(true);
    expect(ID_NUMBER_RULE.test('110105491231002')).toBe(true);
    expect(ID_NUMBER_RULE.test('1101051949123100')).toBe(false);
    expect(ID_NUMBER_RULE.test('11010519491231002Y')).toBe(false);
  });

  it('sends people back only to internal pages', () => {
    expect(safeNext('/my/cases')).toBe('/my/cases');
    expect(safeNext(null)).toBe('/my');
    expect(safeNext('https://evil.example/')).toBe('/my');
    expect(safeNext('//evil.example/')).toBe('/my');
    expect(safeNext('/\\evil.example/')).toBe('/my');
    expect(safeNext('/a\\b')).toBe('/my');
    expect(safeNext('/oidc/interaction/abc', '')).toBe('/oidc/interaction/abc');
    expect(safeNext('//evil.example/', '')).toBe('');
    expect(safeNext('/my/login?next=/my')).toBe('/my');
    expect(staffDestination('/admin/staff')).toBe('/admin/staff');
    expect(staffDestination('/account/mfa')).toBe('/admin');
    expect(staffDestination('/login')).toBe('/admin');
    expect(staffDestination('//evil.example')).toBe('/admin');
    expect(staffDestination(undefined)).toBe('/admin');
  });

  it('reads login history entries', () => {
    expect(outcomeOf('staff.login')).toBe('login');
    expect(outcomeOf('person.login_failed')).toBe('failed');
    expect(outcomeOf('staff.logout')).toBe('logout');
    expect(outcomeOf('staff.locked')).toBe('locked');
    expect(outcomeOf('staff.mfa_enable')).toBe('other');
    expect(methodOf('sms-code')).toBe('smsCode');
    expect(methodOf('password')).toBe('password');
    expect(methodOf('totp')).toBe('totp');
    expect(methodOf(null)).toBe(null);
    expect(methodOf('face')).toBe(null);
  });
});
