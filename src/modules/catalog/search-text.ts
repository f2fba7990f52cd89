/**
 * The text side of catalog search, pure (no I/O): how an item name is keyed for the index, how a
 * query is read into terms (with the index tokens and, for pinyin, the regular expressions that
 * decide a match), whether and where the terms match a name (highlights) and how matches rank.
 *
 * A name is kept with the readings of each of its characters: up to two pinyin readings of a Han
 * character (the one pinyin-pro reads in context first, then its most common other reading, so
 * that 多音字 are found either way), the letter itself in capitals for a Latin letter (it counts
 * as an initial, never as a syllable), none for anything else.
 * A query is split on white space into terms, all of which must match:
 *   - a term of Latin letters is pinyin: full pinyin from the start of a character, the last
 *     syllable possibly unfinished (`chush` finds 出生), or initials (`csyxzm` finds 出生医学证明);
 *     one letter, or one unfinished syllable, only at the start of a name (anywhere they would
 *     match nine names in ten);
 *   - a term with a digit is a code (its prefix; see search.ts) and also a substring of the name;
 *   - any other term is a substring of the name.
 * Matching ignores case and full-width forms of letters and digits. A pinyin term is decided by a
 * regular expression over the name's readings (see `pinyinPatterns`).
 */
import { pinyin } from 'pinyin-pro';

/** A name as the index keeps it (table catalog.search_name). */
export interface NameEntry {
  name: string;
  /** One field per character, separated by spaces; alternatives by '/'; '-' when it has no reading. */
  readings: string;
  /** The name in pinyin (readings in context): orders names alphabetically. */
  sortKey: string;
  /** Its index tokens, hashed. */
  keys: number[];
}

export type TermKind = 'text' | 'pinyin' | 'code';

export interface Term {
  kind: TermKind;
  /** Folded: lower case, half-width. */
  text: string;
  /** Token sets of the name index, any of which a matching name holds all tokens of. */
  tokens: string[][];
  /** Pinyin only: regular expressions for a match anywhere in the readings, and of the whole name. */
  patterns?: { anywhere: RegExp; whole: RegExp };
}

/** [start, end) offsets into a string (UTF-16 code units, as String.prototype.slice counts). */
export type Range = [number, number];

/**
 * Toneless pinyin syllables (ü written v; lue and nue as commonly typed for lüe, nüe), without the
 * interjections m, n, ng, hm, hng: they would cut almost any term many more ways.
 */
const SYLLABLES = new Set(
  (
    'a ai an ang ao ba bai ban bang bao bei ben beng bi bian biao bie bin bing bo bu ca cai can cang cao ce cen ceng cha chai chan ' +
    'chang chao che chen cheng chi chong chou chu chua chuai chuan chuang chui chun chuo ci cong cou cu cuan cui cun cuo da dai dan ' +
    'dang dao de dei den deng di dia dian diao die ding diu dong dou du duan dui dun duo e ei en eng er fa fan fang fei fen feng fo ' +
    'fou fu ga gai gan gang gao ge gei gen geng gong gou gu gua guai guan guang gui gun guo ha hai han hang hao he hei hen heng ' +
    'hong hou hu hua huai huan huang hui hun huo ji jia jian jiang jiao jie jin jing jiong jiu ju juan jue jun ka kai kan kang ' +
    'kao ke kei ken keng kong kou ku kua kuai kuan kuang kui kun kuo la lai lan lang lao le lei leng li lia lian liang liao lie lin ' +
    'ling liu lo long lou lu luan lue lun luo lv lve ma mai man mang mao me mei men meng mi mian miao mie min ming miu mo mou mu ' +
    'na nai nan nang nao ne nei nen neng ni nian niang niao nie nin ning niu nong nou nu nuan nue nuo nv nve o ou pa pai pan pang ' +
    'pao pei pen peng pi pian piao pie pin ping po pou pu qi qia qian qiang qiao qie qin qing qiong qiu qu quan que qun ran rang rao ' +
    're ren reng ri rong rou ru rua ruan rui run ruo sa sai san sang sao se sen seng sha shai shan shang shao she shei shen sheng shi ' +
    'shou shu shua shuai shuan shuang shui shun shuo si song sou su suan sui sun suo ta tai tan tang tao te tei teng ti tian tiao tie ' +
    'ting tong tou tu tuan tui tun tuo wa wai wan wang wei wen weng wo wu xi xia xian xiang xiao xie xin xing xiong xiu xu xuan xue ' +
    'xun ya yan yang yao ye yi yin ying yo yong you yu yuan yue yun za zai zan zang zao ze zei zen zeng zha zhai zhan zhang zhao zhe ' +
    'zhei zhen zheng zhi zhong zhou zhu zhua zhuai zhuan zhuang zhui zhun zhuo zi zong zou zu zuan zui zun zuo'
  ).split(' '),
);
const SYLLABLE_PREFIXES = new Set([...SYLLABLES].flatMap((s) => Array.from(s, (_, i) => s.slice(0, i + 1))));
/** A term is read in at most this many ways of cutting it into syllables (longer syllables first). */
const MAX_SEGMENTATIONS = 16;

const HAN = /\p{Script=Han}/u;
const isSyllable = (r: string) => SYLLABLES.has(r);

const FOLDS = /[A-Z\uff10-\uff19\uff21-\uff3a\uff41-\uff5a]/g;
/** Lower case, and full-width letters and digits to ASCII; one code unit in, one out. */
export function fold(s: string): string {
  FOLDS.lastIndex = 0;
  return FOLDS.test(s) ? s.replace(FOLDS, (c) => (c < '\uff00' ? c : String.fromCharCode(c.charCodeAt(0) - 0xfee0)).toLowerCase()) : s;
}

const uVariant = (r: string) => (/^[ln]v/.test(r) ? [r, r.replace('v', 'u')] : [r]);

const dictionary = new Map<string, string[]>();
/** A character's readings in dictionary order (memoized: a few thousand characters occur in names). */
function dictionaryReadings(ch: string): string[] {
  let r = dictionary.get(ch);
  if (!r) {
    r = pinyin(ch, { toneType: 'none', type: 'array', multiple: true, v: true }).filter(isSyllable);
    dictionary.set(ch, r);
  }
  return r;
}

/** The readings of each character (code point) of a name: see the file comment. */
export function nameReadings(name: string): string[][] {
  const chars = [...name];
  const inContext = pinyin(name, { toneType: 'none', type: 'array', v: true });
  const aligned = inContext.length === chars.length;
  return chars.map((ch, i) => {
    if (!HAN.test(ch)) {
      const f = fold(ch);
      return /^[a-z]$/.test(f) ? [f.toUpperCase()] : [];
    }
    const all = dictionaryReadings(ch);
    const first = aligned && isSyllable(inContext[i]!) ? inContext[i]! : all[0];
    if (!first) return [];
    const other = all.find((r) => r !== first);
    return [...new Set([first, ...(other ? [other] : [])].flatMap(uVariant))];
  });
}

export const serializeReadings = (readings: readonly string[][]) => readings.map((r) => (r.length ? r.join('/') : '-')).join(' ');
export const parseReadings = (s: string): string[][] => (s === '' ? [] : s.split(' ').map((f) => (f === '-' ? [] : f.split('/'))));

const initialsOf = (readings: readonly string[]) => [...new Set(readings.map((r) => r[0]!.toLowerCase()))];
const prefixes = (r: string) => Array.from(r, (_, k) => r.slice(0, k + 1).toLowerCase());

/**
 * The index tokens of a name: each character (c:) and pair of neighbours (b:), folded; each
 * syllable (q:); the initials of each pair of neighbours (i:, every combination of their
 * readings); each syllable with every prefix of its neighbour's syllables (p:, so that full pinyin
 * finds only names where its syllables stand side by side: `gongshang` finds 工商 but not 公司 …
 * 伤); every prefix of the first character's readings (f:). The index keeps them hashed
 * (`tokenHash`).
 */
export function nameKeys(name: string, readings: readonly string[][]): string[] {
  const chars = [...fold(name)];
  const keys = new Set<string>();
  chars.forEach((c, i) => {
    keys.add(`c:${c}`);
    if (i + 1 < chars.length) keys.add(`b:${c}${chars[i + 1]}`);
  });
  readings.forEach((rs, i) => {
    const following = readings[i + 1] ?? [];
    for (const r of rs.filter(isSyllable)) {
      keys.add(`q:${r}`);
      for (const n of following.filter(isSyllable)) for (const p of prefixes(n)) keys.add(`p:${r} ${p}`);
    }
    const next = initialsOf(following);
    for (const a of initialsOf(rs)) for (const b of next) keys.add(`i:${a}${b}`);
  });
  for (const r of readings[0] ?? []) for (const p of isSyllable(r) ? prefixes(r) : [r.toLowerCase()]) keys.add(`f:${p}`);
  return [...keys];
}

/**
 * A token as the index keeps it: 32-bit FNV-1a, as a signed int (PostgreSQL's int4). Four bytes
 * instead of a text keep the name rows narrow; a collision only adds a candidate, which
 * `matchName` then turns down.
 */
export function tokenHash(token: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < token.length; i++) h = Math.imul(h ^ token.charCodeAt(i), 0x01000193);
  return h | 0;
}

/** A name's index tokens as the index keeps them: hashed, each once. */
export const hashedKeys = (name: string, readings: readonly string[][]) => [...new Set(nameKeys(name, readings).map(tokenHash))];

export function nameEntry(name: string): NameEntry {
  const readings = nameReadings(name);
  const sortKey = [...fold(name)].map((c, i) => readings[i]![0]?.toLowerCase() ?? c).join(' ');
  return { name, readings: serializeReadings(readings), sortKey, keys: hashedKeys(name, readings) };
}

/** The ways to cut a pinyin term into whole syllables and a last, possibly unfinished, one. */
export function segmentations(term: string, limit = MAX_SEGMENTATIONS): string[][] {
  const out: string[][] = [];
  const walk = (rest: string, pieces: string[]) => {
    if (out.length >= limit) return;
    if (SYLLABLE_PREFIXES.has(rest)) out.push([...pieces, rest]);
    for (let k = Math.min(6, rest.length - 1); k >= 1; k--) {
      const head = rest.slice(0, k);
      if (SYLLABLES.has(head)) walk(rest.slice(k), [...pieces, head]);
    }
  };
  walk(term, []);
  return out.slice(0, limit);
}

// The readings as stored: fields (one per character) separated by spaces, alternatives by '/'.
// some(x) is "some alternative of this field starts with x" (skipping whole alternatives before
// it, which keeps the engine from backtracking); ENDS finishes a whole syllable and its field; a
// match starts at the start of the readings or after a space.
const some = (body: string) => `(?:[a-zA-Z]+/)*${body}`;
const ENDS = '(?:/[^ ]*)?';

/** One way a pinyin term can be meant. */
interface Interpretation {
  body: string;
  /** The last piece may stop inside a reading. */
  open: boolean;
  /** Only from the first character. */
  startOnly: boolean;
}

/** The ways a pinyin term can be meant: each cut into syllables (full pinyin), then initials. */
function interpretations(t: string): Interpretation[] {
  const out: Interpretation[] = [];
  for (const pieces of segmentations(t)) {
    const body = pieces.map((p) => some(p)).join(`${ENDS} `);
    if (pieces.length > 1) out.push({ body, open: true, startOnly: false });
    else {
      out.push({ body, open: true, startOnly: true });
      if (SYLLABLES.has(t)) out.push({ body, open: false, startOnly: false });
    }
  }
  out.push({ body: [...t].map((l) => some(`[${l}${l.toUpperCase()}]`)).join('[^ ]* '), open: true, startOnly: t.length === 1 });
  return out;
}

/**
 * The regular expressions of a pinyin term over a name's readings: a match anywhere (it begins at
 * the field's first letter or at the space before it), and a match of the whole name.
 */
export function pinyinPatterns(t: string): { anywhere: RegExp; whole: RegExp } {
  const all = interpretations(t);
  const tail = (r: Interpretation) => (r.open ? '' : `${ENDS}(?: |$)`);
  const anywhere = all.filter((r) => !r.startOnly).map((r) => r.body + tail(r));
  const startOnly = all.filter((r) => r.startOnly).map((r) => r.body);
  return {
    anywhere: new RegExp([...(anywhere.length ? [`(?:^| )(?:${anywhere.join('|')})`] : []), ...(startOnly.length ? [`^(?:${startOnly.join('|')})`] : [])].join('|'), 'g'),
    whole: new RegExp(`^(?:${all.map((r) => r.body + (r.open ? '[^ ]*$' : `${ENDS}$`)).join('|')})`),
  };
}

const initialPairs = (letters: readonly string[]) => letters.slice(1).map((l, i) => `i:${letters[i]}${l}`);

function pinyinTokens(t: string): string[][] {
  const alternatives = [t.length === 1 ? [`f:${t}`] : initialPairs([...t])];
  for (const pieces of segmentations(t)) {
    // Each syllable with the next piece, the last of which may be unfinished.
    if (pieces.length > 1) alternatives.push(pieces.slice(1).map((p, i) => `p:${pieces[i]} ${p}`));
    else alternatives.push([`f:${t}`], ...(SYLLABLES.has(t) ? [[`q:${t}`]] : []));
  }
  return dedupe(alternatives);
}

function textTokens(t: string): string[][] {
  const chars = [...t];
  return [chars.length === 1 ? [`c:${t}`] : [...new Set(chars.slice(1).map((c, i) => `b:${chars[i]}${c}`))]];
}

function dedupe(sets: string[][]): string[][] {
  const seen = new Set<string>();
  return sets.filter((s) => {
    const k = [...s].sort().join(' ');
    return !seen.has(k) && seen.add(k);
  });
}

/** The terms of a query (white space separates them; an apostrophe inside pinyin is dropped). */
export function parseQuery(q: string): Term[] {
  return fold(q)
    .split(/[\s\u3000]+/)
    .filter(Boolean)
    .map((raw): Term => {
      const latin = raw.replace(/'/g, '');
      if (/^[a-z]+$/.test(latin)) return { kind: 'pinyin', text: latin, tokens: pinyinTokens(latin), patterns: pinyinPatterns(latin) };
      if (/^[0-9a-z]+$/.test(raw)) return { kind: 'code', text: raw, tokens: textTokens(raw) };
      return { kind: 'text', text: raw, tokens: textTokens(raw) };
    });
}

export interface NameMatch {
  /** Smaller first: [0 the whole name, 1 from its first character, 2 inside; the character where the first term matches; the name's length]. */
  rank: [number, number, number];
}

/** Whether every term matches a name, and how well (for many candidates: only what ranking needs). */
export function matchName(name: string, readings: string, terms: readonly Term[]): NameMatch | null {
  const folded = fold(name);
  let first = -1;
  for (const t of terms) {
    let at: number;
    if (t.patterns) {
      const re = t.patterns.anywhere;
      re.lastIndex = 0;
      const m = re.exec(readings);
      at = m ? fieldOf(readings, m.index) : -1;
    } else {
      const i = folded.indexOf(t.text);
      at = i < 0 ? -1 : charsIn(folded, i);
    }
    if (at < 0) return null;
    if (first < 0) first = at;
  }
  const [t] = terms;
  const whole = terms.length === 1 && first === 0 && (t!.patterns ? t!.patterns.whole.test(readings) : folded === t!.text);
  return { rank: [whole ? 0 : first === 0 ? 1 : 2, first, charsIn(folded, folded.length)] };
}

/** The characters (code points) in the first `end` code units of a string. */
function charsIn(s: string, end: number): number {
  let n = end;
  for (let k = 0; k < end; k++) if ((s.charCodeAt(k) & 0xfc00) === 0xdc00) n--;
  return n;
}

/** The field (character) of a position in the readings: the spaces up to and including it. */
function fieldOf(readings: string, at: number): number {
  let n = 0;
  for (let k = 0; k <= at; k++) if (readings.charCodeAt(k) === 32) n++;
  return n;
}

/** Where the terms match a matching name: [start, end) offsets in UTF-16 code units, sorted and merged. */
export function highlights(name: string, readings: string, terms: readonly Term[]): Range[] {
  const folded = fold(name);
  // Character (code point) index to UTF-16 offset: the same unless the name has surrogate pairs.
  const offsets = /[\ud800-\udfff]/.test(folded) ? Array.from(folded).reduce((o, c) => (o.push(o.at(-1)! + c.length), o), [0]) : null;
  const unit = (char: number) => (offsets ? offsets[char]! : char);
  const ranges: Range[] = [];
  for (const t of terms) {
    if (t.patterns) {
      const re = t.patterns.anywhere;
      re.lastIndex = 0;
      for (let m = re.exec(readings); m; m = re.exec(readings)) {
        ranges.push([unit(fieldOf(readings, m.index)), unit(fieldOf(readings, m.index + m[0].trimEnd().length - 1) + 1)]);
        // A whole syllable's match takes the space after it, which the next match may start with.
        if (m[0].endsWith(' ')) re.lastIndex--;
      }
    } else {
      for (let i = folded.indexOf(t.text); i >= 0; i = folded.indexOf(t.text, i + t.text.length)) ranges.push([i, i + t.text.length]);
    }
  }
  return mergeRanges(ranges);
}

/** Orders matching names: rank, then alphabetically by pinyin (the readings), then by the name itself. */
export function compareMatches(a: { rank: readonly number[]; readings: string; name: string }, b: { rank: readonly number[]; readings: string; name: string }): number {
  for (let i = 0; i < a.rank.length; i++) if (a.rank[i] !== b.rank[i]) return a.rank[i]! - b.rank[i]!;
  return a.readings < b.readings ? -1 : a.readings > b.readings ? 1 : a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

export function mergeRanges(ranges: readonly Range[]): Range[] {
  if (ranges.length < 2) return [...ranges];
  const sorted = [...ranges].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  const out: Range[] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
