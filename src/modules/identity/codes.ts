/**
 * The two keys of the platform: the resident ID number (GB 11643-1999) of a person and the
 * unified social credit code (GB 32100-2015) of a legal entity. Pure: each parser returns every
 * problem it finds, so a form can show them all at once.
 */
import { orgCodeCheckChar, USCC_CHARSET, usccCheckChar } from '../../core/codes.ts';

export interface CodeError {
  code: string;
  message: { zh: string; en: string };
}
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: CodeError[] };

const err = (code: string, zh: string, en: string): CodeError => ({ code, message: { zh, en } });

/**
 * Province-level parts of GB/T 2260 division codes, plus 71 (Taiwan), 81 (Hong Kong), 82 (Macao)
 * and 83, which residence permits for residents of Hong Kong, Macao and Taiwan use.
 */
const PROVINCES = new Set([
  '11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54', '61', '62', '63', '64', '65', '71', '81', '82', '83',
]);

export const isKnownProvince = (division: string) => PROVINCES.has(division.slice(0, 2));

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** ISO 7064 MOD 11-2 check character of the first 17 digits of an ID number. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export interface IdNumber {
  /** The 18-character number, check character upper-case. */
  number: string;
  division: string;
  birthDate: string;
  sequence: string;
  sex: 'male' | 'female';
  /** True when the input was a 15-digit number from before 1999, converted here. */
  converted: boolean;
}

function realDate(y: number, m: number, d: number): boolean {
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Parses an ID number; `today` (YYYY-MM-DD) bounds the birth date (defaults to now). */
export function parseIdNumber(input: string, today = new Date().toISOString().slice(0, 10)): Parsed<IdNumber> {
  let s = input.trim().toUpperCase();
  let converted = false;
  if (/^\d{15}$/.test(s)) {
    const first17 = `${s.slice(0, 6)}19${s.slice(6)}`;
    s = first17 + idCheckChar(first17);
    converted = true;
  }
  if (s.length !== 18) return { ok: false, errors: [err('length', '身份证号码应为18位', 'an ID number has 18 characters (or 15 digits for an old one)')] };
  if (!/^\d{17}[\dX]$/.test(s)) {
    return { ok: false, errors: [err('characters', '身份证号码前17位应为数字，最后一位为数字或X', 'an ID number is 17 digits and a digit or X')] };
  }
  const errors: CodeError[] = [];
  const division = s.slice(0, 6);
  if (!isKnownProvince(division)) errors.push(err('division', `行政区划代码 ${division} 的省级部分不存在`, `division code ${division} names no province`));
  const birth = s.slice(6, 14);
  const [y, m, d] = [Number(birth.slice(0, 4)), Number(birth.slice(4, 6)), Number(birth.slice(6, 8))];
  const birthDate = `${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`;
  if (y < 1850 || !realDate(y, m, d)) errors.push(err('birthDate', `出生日期 ${birthDate} 不是有效日期`, `birth date ${birthDate} is not a real date`));
  else if (birthDate > today) errors.push(err('birthDateFuture', `出生日期 ${birthDate} 在未来`, `birth date ${birthDate} is in the future`));
  if (idCheckChar(s.slice(0, 17)) !== s[17]) errors.push(err('checksum', '身份证号码校验位不正确', 'the check character is wrong'));
  if (errors.length) return { ok: false, errors };
  const sequence = s.slice(14, 17);
  return { ok: true, value: { number: s, division, birthDate, sequence, sex: Number(sequence) % 2 === 1 ? 'male' : 'female', converted } };
}

/** GB 32100 code tables: registration authority → its organization types (as the standard and its amendments list them). */
export const USCC_AUTHORITIES: Record<string, { name: string; types: Record<string, string> }> = {
  '1': { name: '机构编制', types: { '1': '机关', '2': '事业单位', '3': '编办直接管理机构编制的群众团体', '9': '其他' } },
  '2': { name: '外交', types: { '1': '外国常驻新闻机构', '9': '其他' } },
  '3': { name: '司法行政', types: { '1': '律师执业机构', '2': '公证处', '3': '基层法律服务所', '4': '司法鉴定机构', '5': '仲裁委员会', '9': '其他' } },
  '4': { name: '文化', types: { '1': '外国在华文化中心', '9': '其他' } },
  '5': { name: '民政', types: { '1': '社会团体', '2': '民办非企业单位', '3': '基金会', '9': '其他' } },
  '6': { name: '旅游', types: { '1': '外国旅游部门常驻代表机构', '2': '港澳台地区旅游部门常驻内地（大陆）代表机构', '9': '其他' } },
  '7': { name: '宗教', types: { '1': '宗教活动场所', '2': '宗教院校', '9': '其他' } },
  '8': { name: '工会', types: { '1': '基层工会', '9': '其他' } },
  '9': { name: '工商', types: { '1': '企业', '2': '个体工商户', '3': '农民专业合作社' } },
  A: { name: '中央军委改革和编制办公室', types: { '1': '军队事业单位', '9': '其他' } },
  N: { name: '农业', types: { '1': '组级集体经济组织', '2': '村级集体经济组织', '3': '乡镇级集体经济组织', '9': '其他' } },
  Y: { name: '其他', types: { '1': '其他' } },
};

export interface CreditCode {
  code: string;
  authority: string;
  authorityName: string;
  orgType: string;
  orgTypeName: string;
  division: string;
  /** The nine-character organization code (GB 11714) inside the credit code. */
  organizationCode: string;
}

export function parseCreditCode(input: string): Parsed<CreditCode> {
  const s = input.trim().toUpperCase();
  if (s.length !== 18) return { ok: false, errors: [err('length', '统一社会信用代码应为18位', 'a credit code has 18 characters')] };
  const bad = [...s].filter((c) => !USCC_CHARSET.includes(c));
  if (bad.length) {
    return {
      ok: false,
      errors: [err('characters', `含有不允许的字符 ${[...new Set(bad)].join('')}（不使用I、O、S、V、Z）`, `has characters outside the code set: ${[...new Set(bad)].join('')} (no I, O, S, V, Z)`)],
    };
  }
  const errors: CodeError[] = [];
  const authority = USCC_AUTHORITIES[s[0]!];
  const orgTypeName = authority?.types[s[1]!];
  if (!authority) errors.push(err('authority', `登记管理部门代码 ${s[0]} 不存在`, `registration authority code ${s[0]} does not exist`));
  else if (!orgTypeName) errors.push(err('orgType', `机构类别代码 ${s[1]} 不属于登记管理部门 ${s[0]}`, `organization type ${s[1]} does not belong to authority ${s[0]}`));
  const division = s.slice(2, 8);
  if (!/^\d{6}$/.test(division) || !(isKnownProvince(division) || division === '100000')) {
    errors.push(err('division', `登记管理机关行政区划码 ${division} 无效`, `division code ${division} is not valid`));
  }
  if (orgCodeCheckChar(s.slice(8, 16)) !== s[16]) errors.push(err('orgCodeChecksum', '组织机构代码校验位不正确', 'the organization code check character is wrong'));
  if (usccCheckChar(s.slice(0, 17)) !== s[17]) errors.push(err('checksum', '统一社会信用代码校验位不正确', 'the credit code check character is wrong'));
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    value: { code: s, authority: s[0]!, authorityName: authority!.name, orgType: s[1]!, orgTypeName: orgTypeName!, division, organizationCode: s.slice(8, 17) },
  };
}
