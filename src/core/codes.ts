/**
 * Check characters of the national codes (pure arithmetic of the standards). The identity module
 * builds the full parsers (with error lists, code tables and division checks) on these.
 */

/** GB 32100-2015: the 31 characters of a unified social credit code (no I, O, S, V, Z). */
export const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The 18th character for the first 17, or null when one of them is outside the charset. */
export function usccCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = USCC_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) return null;
    sum += v * USCC_WEIGHTS[i]!;
  }
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714-1997 organization code: the 9th character for the first 8 (digits and A–Z). */
export function orgCodeCheckChar(first8: string): string | null {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = first8[i] ?? '';
    const v = /[0-9]/.test(c) ? Number(c) : /[A-Z]/.test(c) ? c.charCodeAt(0) - 55 : -1;
    if (v < 0) return null;
    sum += v * weights[i]!;
  }
  const r = 11 - (sum % 11);
  return r === 10 ? 'X' : r === 11 ? '0' : String(r);
}

/** Both check characters of an 18-character credit code are right. */
export function creditCodeChecksOut(code: string): boolean {
  return (
    code.length === 18 &&
    usccCheckChar(code.slice(0, 17)) === code[17] &&
    orgCodeCheckChar(code.slice(8, 16)) === code[16]
  );
}
