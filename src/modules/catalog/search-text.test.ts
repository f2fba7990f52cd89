import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareMatches, fold, highlights, matchName, mergeRanges, nameEntry, nameKeys, nameReadings, parseQuery, parseReadings, segmentations, serializeReadings, tokenHash, type Term } from './search-text.ts';

const BIRTH = '出生医学证明办理';

/** Where the name is marked; null when a term does not match. */
const hl = (name: string, q: string) => {
  const { readings } = nameEntry(name);
  const terms = parseQuery(q);
  return matchName(name, readings, terms) ? highlights(name, readings, terms) : null;
};
const rank = (name: string, q: string) => matchName(name, nameEntry(name).readings, parseQuery(q))!.rank;

/**
 * Pinyin matching written the plain way, to check the regular expressions against. From some
 * character on: whole readings of consecutive characters and then the start of one (full pinyin),
 * or the first letters of consecutive characters (initials); a single letter, or a single
 * unfinished syllable, only from the first character.
 */
function plainMatch(readings: readonly string[][], t: string): boolean {
  const syllable = (r: string) => r === r.toLowerCase();
  const full = (start: number, j: number, rest: string): boolean =>
    (readings[j] ?? []).some(
      (r) =>
        syllable(r) &&
        (rest === r ||
          (rest.startsWith(r) && rest.length > r.length && full(start, j + 1, rest.slice(r.length))) ||
          (r.startsWith(rest) && (j > start || start === 0))),
    );
  const initials = (i: number) => (t.length > 1 || i === 0) && i + t.length <= readings.length && [...t].every((l, k) => readings[i + k]!.some((r) => r[0]!.toLowerCase() === l));
  return readings.some((_, i) => full(i, i, t) || initials(i));
}

/** What the index promises: a name the checker accepts holds every token of some alternative of each term. */
const reachable = (keys: readonly string[], terms: readonly Term[]) => {
  const have = new Set(keys);
  return terms.every((t) => t.tokens.some((set) => set.every((k) => have.has(k))));
};

describe('readings of a name', () => {
  it('reads Han characters in context, with a second reading of a 多音字', () => {
    expect(nameReadings(BIRTH)).toEqual([['chu'], ['sheng'], ['yi'], ['xue'], ['zheng'], ['ming'], ['ban'], ['li']]);
    expect(nameReadings('银行')).toEqual([['yin'], ['hang', 'xing']]);
    expect(nameReadings('行政')[0]).toEqual(['xing', 'hang']);
    expect(nameReadings('重庆')[0]).toEqual(['chong', 'zhong']);
  });

  it('writes ü as v and also accepts u; Latin letters read as capitals; punctuation and digits have none', () => {
    expect(nameReadings('律师')[0]).toEqual(['lv', 'lu']);
    expect(nameReadings('B超（2）')).toEqual([['B'], ['chao'], [], [], []]);
  });

  it('keeps readings in a text that round-trips', () => {
    const syllable = fc.constantFrom('chu', 'sheng', 'lv', 'hang', 'A', 'xing');
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(syllable, { maxLength: 3 }), { maxLength: 12 }), (r) => {
        expect(parseReadings(serializeReadings(r))).toEqual(r);
      }),
    );
  });

  it('sorts by pinyin', () => {
    expect(nameEntry(BIRTH).sortKey).toBe('chu sheng yi xue zheng ming ban li');
    expect(nameEntry('12348热线').sortKey).toBe('1 2 3 4 8 re xian');
  });
});

describe('queries', () => {
  it('reads white-space separated terms as pinyin, codes or text', () => {
    expect(parseQuery(' chusheng  出生 11420000011043372A ').map((t) => [t.kind, t.text])).toEqual([
      ['pinyin', 'chusheng'],
      ['text', '出生'],
      ['code', '11420000011043372a'],
    ]);
    expect(parseQuery("Xi'an　ＡＢＣ").map((t) => [t.kind, t.text])).toEqual([
      ['pinyin', 'xian'],
      ['pinyin', 'abc'],
    ]);
    expect(parseQuery('   ')).toEqual([]);
  });

  it('looks Chinese up by bigrams, a single character by itself', () => {
    expect(parseQuery('医学证明')[0]!.tokens).toEqual([['b:医学', 'b:学证', 'b:证明']]);
    expect(parseQuery('证')[0]!.tokens).toEqual([['c:证']]);
  });

  it('cuts pinyin into syllables, the last one possibly unfinished', () => {
    expect(segmentations('chusheng')).toContainEqual(['chu', 'sheng']);
    expect(segmentations('chush')).toEqual([['chu', 'sh']]);
    expect(segmentations('xian')).toEqual(expect.arrayContaining([['xian'], ['xi', 'an']]));
    expect(segmentations('iu')).toEqual([]);
    expect(segmentations('zhuangzhuangzhuangzhuang')).toHaveLength(16);
    const syllables = fc.array(fc.constantFrom('chu', 'sheng', 'yi', 'xue', 'zheng', 'ming', 'an', 'xi', 'e', 'er', 'zhuang'), { minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(syllables, fc.nat(5), (s, cut) => {
        const last = s.at(-1)!;
        const term = s.slice(0, -1).join('') + last.slice(0, 1 + (cut % last.length));
        const cuts = segmentations(term, 1000);
        expect(cuts.length).toBeGreaterThan(0);
        for (const c of cuts) expect(c.join('')).toBe(term);
      }),
    );
  });
});

describe('matching and highlights', () => {
  it('finds 出生医学证明办理 by full pinyin, unfinished pinyin and initials', () => {
    expect(hl(BIRTH, 'chusheng')).toEqual([[0, 2]]);
    expect(hl(BIRTH, 'chush')).toEqual([[0, 2]]);
    expect(hl(BIRTH, 'csyxzm')).toEqual([[0, 6]]);
    expect(hl(BIRTH, 'yixue')).toEqual([[2, 4]]);
    expect(hl(BIRTH, 'chushengyixuezhengmingbanli')).toEqual([[0, 8]]);
    expect(hl(BIRTH, 'shengchu')).toBeNull();
  });

  it('matches Chinese substrings of any length, every term, and merges what touches', () => {
    expect(hl(BIRTH, '证')).toEqual([[4, 5]]);
    expect(hl(BIRTH, '医学')).toEqual([[2, 4]]);
    expect(hl(BIRTH, '证明 办理')).toEqual([[4, 8]]);
    expect(hl(BIRTH, '证明 户口')).toBeNull();
    expect(hl('证明证明', '证明')).toEqual([[0, 4]]);
  });

  it('finds either reading of a 多音字, ü as v or u, Latin letters as initials, codes in names', () => {
    expect(hl('中国银行开户', 'yinxing')).toEqual([[2, 4]]);
    expect(hl('中国银行开户', 'yinhang')).toEqual([[2, 4]]);
    expect(hl('律师执业许可', 'lvshi')).toEqual([[0, 2]]);
    expect(hl('律师执业许可', 'lushi')).toEqual([[0, 2]]);
    expect(hl('B超检查', 'bcjc')).toEqual([[0, 4]]);
    expect(hl('12348司法服务', '12348')).toEqual([[0, 5]]);
    expect(hl('ＡＢＣ证明', 'abc')).toEqual([[0, 3]]);
  });

  it('gives offsets in UTF-16 code units when a name has characters beyond the BMP', () => {
    expect(hl('𠀾出生证明', '出生')).toEqual([[2, 4]]);
    expect(hl('𠀾出生证明', 'chusheng')).toEqual([[2, 4]]);
  });

  it('ranks the whole name first, then a match from its first character, then one inside; then earlier and shorter', () => {
    expect(rank('出生医学证明', '出生医学证明')).toEqual([0, 0, 6]);
    expect(rank(BIRTH, '出生医学证明')).toEqual([1, 0, 8]);
    expect(rank('补办出生医学证明', '出生医学证明')).toEqual([2, 2, 8]);
    expect(rank('出生医学证明', 'csyxzm')).toEqual([0, 0, 6]);
    expect(rank(BIRTH, 'chushengyixuezhengmingbanli')).toEqual([0, 0, 8]);
    expect(rank('补办出生医学证明', 'csyxzm')).toEqual([2, 2, 8]);
    expect(rank('𠀾出生证明', '出生')).toEqual([2, 1, 5]);
    const names = ['补办出生医学证明', BIRTH, '出生医学证明', '出生医学证明补办'].map((name) => ({ name, readings: nameEntry(name).readings, rank: rank(name, '出生医学证明') }));
    expect(names.sort(compareMatches).map((n) => n.name)).toEqual(['出生医学证明', BIRTH, '出生医学证明补办', '补办出生医学证明']);
  });

  it('finds one letter, or one unfinished syllable, only at the start of a name; a whole syllable anywhere', () => {
    expect(hl(BIRTH, 'c')).toEqual([[0, 1]]);
    expect(hl('补办出生', 'c')).toBeNull();
    expect(hl(BIRTH, 'ch')).toEqual([[0, 1]]);
    expect(hl('补办出生', 'ch')).toBeNull();
    expect(hl('补办出生', 'chu')).toEqual([[2, 3]]);
    expect(hl('生生不息', 'sheng')).toEqual([[0, 2]]);
    expect(hl('补办出生', 'cs')).toEqual([[2, 4]]);
  });

  it('merges ranges into sorted, disjoint ones covering the same offsets', () => {
    const range = fc.tuple(fc.nat(30), fc.nat(5)).map(([a, l]): [number, number] => [a, a + l + 1]);
    fc.assert(
      fc.property(fc.array(range, { maxLength: 8 }), (ranges) => {
        const merged = mergeRanges(ranges);
        const covered = (rs: [number, number][]) => new Set(rs.flatMap(([a, b]) => Array.from({ length: b - a }, (_, k) => a + k)));
        expect(covered(merged)).toEqual(covered(ranges));
        merged.slice(1).forEach(([a], k) => expect(a).toBeGreaterThan(merged[k]![1]));
      }),
    );
  });
});

describe('the index finds whatever matches', () => {
  const hanPool = [...'出生医学证明办理银行重庆长江律师执业许可行政省级单位参加社会保险登记西安和乐调'];
  const otherPool = [...'（）、 2AB'];
  const name = fc.array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...hanPool) }, { weight: 1, arbitrary: fc.constantFrom(...otherPool) }), { minLength: 2, maxLength: 14 }).map((cs) => cs.join(''));

  it('holds the tokens of every term a name matches: slices of its text, pinyin and initials', () => {
    fc.assert(
      fc.property(name, fc.nat(20), fc.nat(20), fc.nat(5), fc.constantFrom('text', 'full', 'initials'), (n, a, len, cut, how) => {
        const entry = nameEntry(n);
        const readings = parseReadings(entry.readings);
        const chars = [...n];
        const start = a % chars.length;
        const end = Math.min(chars.length, start + 1 + (len % 4));
        let q: string;
        if (how === 'text') q = chars.slice(start, end).join('');
        else {
          const rs = readings.slice(start, end).map((r) => r[r.length > 1 ? cut % r.length : 0]);
          if (rs.some((r) => r === undefined || r !== r.toLowerCase())) return;
          // One letter or one unfinished syllable matches only from the first character.
          const alone = rs.length === 1 && start > 0;
          if (how === 'initials' && alone) return;
          const last = rs.at(-1)!;
          q = how === 'initials' ? rs.map((r) => r![0]).join('') : rs.slice(0, -1).join('') + (alone ? last : last.slice(0, 1 + (cut % last.length)));
        }
        const terms = parseQuery(q);
        if (terms.length !== 1) return;
        // A Latin letter alone is pinyin: it matches only from the first character.
        if (terms[0]!.kind === 'pinyin' && terms[0]!.text.length === 1 && !(start === 0 && /^[a-z]$/i.test(chars[0]!))) return;
        expect(hl(n, q), `${n} / ${q}`).not.toBeNull();
        expect(reachable(nameKeys(n, parseReadings(entry.readings)), terms), `${n} / ${q}`).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('decides pinyin as the plain reading of it does, and holds the tokens of whatever matches', () => {
    const letters = fc.array(fc.constantFrom(...'abcdeghijlmnoqsuxyz'), { minLength: 1, maxLength: 6 }).map((l) => l.join(''));
    fc.assert(
      fc.property(name, letters, (n, q) => {
        const entry = nameEntry(n);
        const terms = parseQuery(q);
        const marks = hl(n, q);
        expect(marks !== null, `${n} / ${q}`).toBe(plainMatch(parseReadings(entry.readings), q));
        if (marks) {
          expect(marks.length, `${n} / ${q}`).toBeGreaterThan(0);
          expect(reachable(nameKeys(n, parseReadings(entry.readings)), terms), `${n} / ${q}`).toBe(true);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('looks full pinyin up by neighbouring syllables, so scattered syllables are no candidates', () => {
    const keys = (n: string) => nameKeys(n, nameReadings(n));
    expect(reachable(keys('工伤认定'), parseQuery('gongshang'))).toBe(true);
    expect(reachable(keys('工伤认定'), parseQuery('gongsha'))).toBe(true);
    expect(reachable(keys('公司受伤登记'), parseQuery('gongshang'))).toBe(false);
    expect(reachable(keys('出入境证明'), parseQuery('chusheng'))).toBe(false);
  });

  it('keeps tokens as 32-bit ints that PostgreSQL stores as int4', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), (t) => {
        const h = tokenHash(t);
        expect(Number.isInteger(h) && h >= -(2 ** 31) && h < 2 ** 31).toBe(true);
        expect(tokenHash(t)).toBe(h);
      }),
    );
    expect(new Set(nameKeys(BIRTH, nameReadings(BIRTH)).map(tokenHash)).size).toBe(nameKeys(BIRTH, nameReadings(BIRTH)).length);
    expect(nameEntry(BIRTH).keys).toContain(tokenHash('b:出生'));
  });

  it('folds without changing lengths, so offsets into the folded name are offsets into the name', () => {
    // İ and ß change length under toLowerCase and toUpperCase; 𠀾 is two code units.
    const text = fc.string({ unit: fc.constantFrom(...'AzZＡＺｚ０１İß出𠀾（a1 '), maxLength: 20 });
    fc.assert(
      fc.property(text, (s) => {
        expect(fold(s).length).toBe(s.length);
      }),
    );
  });
});
