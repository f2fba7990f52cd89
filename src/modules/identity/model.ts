/** Staff accounts: pure rules. */

export interface PasswordProblem {
  rule: 'minLength' | 'classes' | 'username';
  zh: string;
  en: string;
}

/** At least 10 characters from at least three of: lower case, upper case, digits, symbols; not the username. */
export function passwordProblems(password: string, username = ''): PasswordProblem[] {
  const out: PasswordProblem[] = [];
  if ([...password].length < 10) out.push({ rule: 'minLength', zh: '密码至少 10 个字符', en: 'a password has at least 10 characters' });
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^a-zA-Z0-9]/].filter((r) => r.test(password)).length;
  if (classes < 3) {
    out.push({ rule: 'classes', zh: '密码须包含小写字母、大写字母、数字、符号中的至少三类', en: 'a password mixes at least three of: lower case, upper case, digits, symbols' });
  }
  if (username && password.toLowerCase().includes(username.toLowerCase())) {
    out.push({ rule: 'username', zh: '密码不能包含用户名', en: 'a password must not contain the username' });
  }
  return out;
}

/** A session ends at its absolute expiry or after being idle too long, whichever is first. */
export function sessionAlive(s: { expiresAt: Date; lastSeenAt: Date }, now: Date, idleMinutes: number): boolean {
  return now < s.expiresAt && now.getTime() - s.lastSeenAt.getTime() < idleMinutes * 60_000;
}

export const USERNAME_PATTERN = '^[a-z][a-z0-9_.-]{2,39}$';

/** One-time SMS codes: 6 digits, valid 5 minutes, 5 tries, one new code a minute per number. */
export const SMS_CODE = { digits: 6, ttlSeconds: 300, maxTries: 5, resendSeconds: 60 } as const;

export const MOBILE_PATTERN = '^1[3-9][0-9]{9}$';

/** Roles that decide cases or manage accounts: their holders need a second factor (TOTP). */
export const MFA_ROLES: readonly string[] = ['platform_admin', 'department_head', 'reviewer'];

/** The step an account must take before anything else: a new password first, then a second factor. */
export function pendingStep(a: { mustChangePassword: boolean; roles: readonly string[]; mfaEnabled: boolean; mfaExempt: boolean }): 'password-change' | 'mfa-enrolment' | null {
  if (a.mustChangePassword) return 'password-change';
  if (!a.mfaEnabled && !a.mfaExempt && a.roles.some((r) => MFA_ROLES.includes(r))) return 'mfa-enrolment';
  return null;
}

/**
 * Staff lockout: `max` failed logins within the window lock the username until the oldest of them
 * is older than the window.
 */
export const LOCKOUT = { max: 5, windowSeconds: 15 * 60 } as const;

/** Real-name levels in order: L1 registered, L2 checked online, L3 checked in person. */
export const levelMeets = (level: number, minimum: 1 | 2 | 3): boolean => level >= minimum;
