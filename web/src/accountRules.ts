/** Pure rules of the account pages (persons and staff), kept apart from React for unit tests. */

/** An 11-digit mainland mobile number. */
export const MOBILE_RULE = /^1[3-9]\d{9}$/;

/** The shape of a resident ID number: 18 characters (the last may be X) or a 15-digit old one. The server checks the rest. */
export const ID_NUMBER_RULE = /^(\d{17}[\dXx]|\d{15})$/;

/** `JBSWY3DPEHPK3PXP` → `JBSW Y3DP EHPK 3PXP`, easier to read out and type into an authenticator app. */
export const groupsOfFour = (secret: string) => secret.replace(/\s+/g, '').match(/.{1,4}/g)?.join(' ') ?? '';

/** Only an internal path may be the target of `?next=`, and never the login or registration page itself. */
export function safeNext(next: string | null, fallback = '/my'): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.includes('\\') && !/^\/my\/(login|register)/.test(next)
    ? next
    : fallback;
}

/** Where a staff member goes after logging in: where they came from (an internal path), else the admin area. */
export function staffDestination(from: string | undefined): string {
  return from && from.startsWith('/') && !from.startsWith('//') && !from.startsWith('/\\') && !/^\/(login|password|account\/mfa)/.test(from)
    ? from
    : '/admin';
}

export type LoginOutcome = 'login' | 'failed' | 'logout' | 'locked' | 'other';

/** staff.login, person.login_failed, auth.logout … → what happened. */
export function outcomeOf(action: string): LoginOutcome {
  const a = action.toLowerCase();
  if (a.includes('lock')) return 'locked';
  if (a.includes('fail')) return 'failed';
  if (a.includes('logout')) return 'logout';
  if (a.includes('login')) return 'login';
  return 'other';
}

export type LoginMethod = 'smsCode' | 'totp' | 'password';

/** The way of logging in that a history entry names (sms-code, password, totp …), if known. */
export function methodOf(method: string | null | undefined): LoginMethod | null {
  if (!method) return null;
  const m = method.toLowerCase();
  if (m.includes('sms') || m.includes('code')) return 'smsCode';
  if (m.includes('totp') || m.includes('mfa')) return 'totp';
  if (m.includes('password')) return 'password';
  return null;
}
