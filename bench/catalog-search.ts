/**
 * (e) Catalog search over 100,000 local items: typical portal queries through CatalogSearch (the
 * code path of GET /api/portal/search) against a plain `select … where name ilike '%q%'` over the
 * same items in the same run.
 *
 * Data: the demo data, then N local items (--items, 100,000) bulk-inserted with SQL. Their names
 * are the 624 real handling item names of ../shared/data/items.json: as they are (50 %), with a
 * handling variant such as （变更） (35 %), or after a region's name (15 %); their base codes are
 * the real ones, each under a base item; their agencies are the demo departments of the region or,
 * where the demo has none, generated ones with well-formed credit codes; implementation and
 * handling item codes follow the national layout. Each is published (published_version 1, no
 * version rows: search never reads them) and indexed with the very functions publishing uses
 * (`nameEntry`, `searchRow`). Audience, themes, online depth and type are drawn at random (fixed
 * seed).
 *
 * Queries (8 of each kind): Chinese substrings of 2–4 characters, full pinyin, pinyin initials,
 * code prefixes (handling item, implementation, agency credit and base codes). Subject: one page of
 * 20 (`search({ q, page: 1, pageSize: 20 })`, which also counts the total). Baseline: the same
 * items (`status = 'active' and published_version is not null`) with `name ilike '%q%'`, where q is
 * the Chinese the pinyin stands for; for codes `code ilike 'q%' or base_code ilike 'q%'`.
 * Before timing, every query's baseline hits are looked for among all of the search's hits
 * (recall). Further figures, not compared: the same queries with a region filter, one-character
 * queries, and suggestions for the first half of each query as typed.
 *
 * Each round runs every query --repeat times on the search sides and once on the baseline (the
 * order of the sides flips every round) and takes p50 and p95 of the round; the table shows the
 * medians over rounds.
 *
 * CatalogSearch keeps the text of the names it has read (a name's row never changes but for its
 * item count), as the server's one instance does: the recall pass and the warm-up read them, as a
 * server does in its first searches. The row "names not yet read" shows the other case: every
 * query on a fresh CatalogSearch, once per round.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { orgCodeCheckChar, usccCheckChar } from '../src/core/codes.ts';
import { ONLINE_DEPTHS, THEMES, type Audience, type OnlineDepth, type Theme } from '../src/modules/catalog/model.ts';
import type { CatalogTables } from '../src/modules/catalog/schema.ts';
import { searchRow, type SearchItem } from '../src/modules/catalog/search-index.ts';
import { nameEntry } from '../src/modules/catalog/search-text.ts';
import { CatalogSearch } from '../src/modules/catalog/search.ts';
import { median, numberOption, percentile, progress, row, seededInstance, type Benchmark, type BenchOptions, type BenchResult } from './lib.ts';

const ITEMS_FILE = path.resolve(import.meta.dirname, '../../shared/data/items.json');
const VARIANTS = ['新办', '变更', '延续', '注销', '补办', '个人', '单位', '网上办理', '窗口办理', '首次申请', '信息变更', '遗失补领'];
const TYPES: [string, number][] = [['01', 40], ['20', 30], ['07', 10], ['05', 6], ['10', 6], ['04', 4], ['08', 4]];
const AGENCY_KINDS = ['market_supervision', 'health', 'public_security', 'human_resources'];
const AGENCY_NAMES: Record<string, string> = { market_supervision: '市场监督管理局', health: '卫生健康局', public_security: '公安局', human_resources: '人力资源和社会保障局' };

type Kind = 'substring' | 'pinyin' | 'initials' | 'code';
interface Query {
  kind: Kind;
  q: string;
  /** What the baseline looks for: the Chinese the pinyin stands for, or the code itself. */
  like: string;
}

const TEXT_QUERIES: [string, string, string][] = [
  ['出生', 'chusheng', 'csyxzm:出生医学证明'],
  ['养老', 'yanglao', 'ylbx:养老保险'],
  ['律师', 'lvshi', 'lssws:律师事务所'],
  ['残疾人', 'canjiren', 'cjr:残疾人'],
  ['社保卡', 'shebaoka', 'sbk:社保卡'],
  ['医师资格', 'yishizige', 'yszg:医师资格'],
  ['工伤', 'gongshang', 'shbx:社会保险'],
  ['野生动物', 'yeshengdongwu', 'ysdw:野生动物'],
];
const ONE_CHARACTER = ['证', '养', '律', '出', '社', '医', '工', '林'];

/** A small seeded generator (mulberry32): the same data every run. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)]!;
  const weighted = (xs: readonly [string, number][]) => {
    let r = next() * xs.reduce((n, [, w]) => n + w, 0);
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[0]![0];
  };
  return { next, pick, weighted };
}

function creditCode(regionCode: string, kind: string): string {
  const first8 = `${String(AGENCY_KINDS.indexOf(kind) + 60)}${regionCode}`;
  const first17 = `11${regionCode}${first8}${orgCodeCheckChar(first8)}`;
  return first17 + usccCheckChar(first17);
}

interface Agency {
  id: string | null;
  name: string;
  creditCode: string;
}

/** Bulk-inserts the items and indexes them as publishing would; returns what the queries need. */
async function load(db: Kysely<CatalogTables>, count: number) {
  const rnd = random(20261125);
  const real = (JSON.parse(readFileSync(ITEMS_FILE, 'utf8')) as { items: { itemName: string; handlingItemName: string; basicCode: string }[] }).items;
  const regions = (await sql<{ code: string; name: string; level: string }>`select code, name, level from org.region order by code`.execute(db)).rows;
  const departments = (await sql<{ id: string; region_code: string; name: string; credit_code: string }>`select id, region_code, name, credit_code from org.department where credit_code is not null`.execute(db)).rows;
  const agencies = new Map<string, Agency[]>();
  for (const r of regions) {
    const own = departments.filter((d) => d.region_code === r.code).map((d) => ({ id: d.id, name: d.name, creditCode: d.credit_code }));
    agencies.set(r.code, own.length ? own : AGENCY_KINDS.map((k) => ({ id: null, name: `${r.name}${AGENCY_NAMES[k]}`, creditCode: creditCode(r.code, k) })));
  }

  // A base item for every real base code (the demo may hold some of them already).
  const bases = [...new Map(real.map((x) => [x.basicCode, x.itemName])).entries()];
  const baseCodes = bases.map(([code]) => code);
  await db
    .insertInto('catalog.item')
    .values(bases.map(([code, name]) => ({ kind: 'base' as const, base_id: null, base_code: code, code, implementation_code: null, name, type: '01', levels: ['2', '3', '4'], level: '2', region_code: '420000', department_id: null, department_name: null, entrusted_department_id: null, entrusted_department_name: null })))
    .onConflict((oc) => oc.column('code').doNothing())
    .execute();
  const baseIds = new Map((await db.selectFrom('catalog.item').select(['id', 'code']).where('code', 'in', baseCodes).execute()).map((b) => [b.code, b.id]));

  const taken = new Set((await db.selectFrom('catalog.item').select('code').execute()).map((r) => r.code));
  const levelOf: Record<string, string> = { province: '2', prefecture: '3', county: '4' };
  const themesOf = (a: Audience) => (Object.keys(THEMES) as Theme[]).filter((t) => THEMES[t].audience === a);
  const depths = Object.keys(ONLINE_DEPTHS) as OnlineDepth[];
  const items: (SearchItem & { agency: Agency; audience: Audience[]; themes: Theme[]; onlineDepth: OnlineDepth[]; base_id: string; implementation_code: string })[] = [];
  while (items.length < count) {
    const source = rnd.pick(real);
    const region = rnd.pick(regions);
    const agency = rnd.pick(agencies.get(region.code)!);
    const level = levelOf[region.level]!;
    const impl = `${agency.creditCode}${level}${source.basicCode}`;
    let seq = 1;
    while (seq < 100 && taken.has(`${impl}${String(seq).padStart(2, '0')}`)) seq++;
    if (seq === 100) continue;
    const code = `${impl}${String(seq).padStart(2, '0')}`;
    taken.add(code);
    const x = rnd.next();
    const name = x < 0.5 ? source.handlingItemName : x < 0.85 ? `${source.handlingItemName}（${rnd.pick(VARIANTS)}）` : `${region.name}${source.handlingItemName}`;
    const audience: Audience = /企业|单位|公司|机构/.test(name) ? 'enterprise' : rnd.next() < 0.85 ? 'person' : 'enterprise';
    const themes = [...new Set([rnd.pick(themesOf(audience)), ...(rnd.next() < 0.4 ? [rnd.pick(themesOf(audience))] : [])])];
    items.push({
      id: randomUUID(),
      kind: 'local',
      name,
      code,
      base_code: source.basicCode,
      base_id: baseIds.get(source.basicCode)!,
      implementation_code: impl,
      region_code: region.code,
      department_id: agency.id,
      type: rnd.weighted(TYPES),
      level,
      agency,
      audience: [audience],
      themes,
      onlineDepth: depths.filter(() => rnd.next() < 0.5),
    });
  }

  const chunk = 2000;
  for (let i = 0; i < items.length; i += chunk) {
    await db
      .insertInto('catalog.item')
      .values(
        items.slice(i, i + chunk).map((it) => ({
          id: it.id,
          kind: 'local' as const,
          base_id: it.base_id,
          base_code: it.base_code,
          code: it.code,
          implementation_code: it.implementation_code,
          name: it.name,
          type: it.type,
          levels: [it.level],
          level: it.level,
          region_code: it.region_code,
          department_id: it.department_id,
          department_name: it.agency.name,
          entrusted_department_id: null,
          entrusted_department_name: null,
          published_version: 1,
        })),
      )
      .execute();
    if ((i / chunk) % 10 === 9) progress(`${i + chunk} items inserted`);
  }

  // The index, as refreshSearch builds it, in bulk: the names (with their item counts) first.
  const counts = new Map<string, number>();
  for (const it of items) counts.set(it.name, (counts.get(it.name) ?? 0) + 1);
  const names = [...counts.keys()];
  const entries = new Map(names.map((n) => [n, nameEntry(n)]));
  const nameIds = new Map<string, number>();
  for (let i = 0; i < names.length; i += 500) {
    const rows = await db
      .insertInto('catalog.search_name')
      .values(names.slice(i, i + 500).map((n) => ({ name: n, readings: entries.get(n)!.readings, keys: entries.get(n)!.keys, items: counts.get(n)! })))
      .onConflict((oc) => oc.column('name').doUpdateSet((eb) => ({ items: sql`${eb.ref('catalog.search_name.items')} + ${eb.ref('excluded.items')}` })))
      .returning(['id', 'name'])
      .execute();
    for (const r of rows) nameIds.set(r.name, r.id);
  }
  for (let i = 0; i < items.length; i += chunk) {
    await db
      .insertInto('catalog.search')
      .values(items.slice(i, i + chunk).map((it) => ({ ...searchRow(it, it, entries.get(it.name)!.sortKey), name_id: nameIds.get(it.name)! })))
      .execute();
  }
  return { items, distinctNames: names.length };
}

function queriesOf(items: readonly { code: string; implementation_code: string; base_code: string }[]): Query[] {
  const rnd = random(7);
  const out: Query[] = [];
  for (const [text, full, abbr] of TEXT_QUERIES) {
    const [initials, phrase] = abbr.split(':') as [string, string];
    out.push({ kind: 'substring', q: text, like: text }, { kind: 'pinyin', q: full, like: text }, { kind: 'initials', q: initials, like: phrase });
  }
  for (let k = 0; k < 8; k++) {
    const it = rnd.pick(items);
    const q = [it.code, it.implementation_code, it.code.slice(0, 18), it.base_code][k % 4]!;
    out.push({ kind: 'code', q, like: q });
  }
  return out;
}

const KINDS: Kind[] = ['substring', 'pinyin', 'initials', 'code'];

export const catalogSearch: Benchmark = {
  name: 'catalog-search',
  summary: 'search 100,000 local items (Chinese, pinyin, initials, codes) vs a plain name ILIKE; p95 ms',
  defaultRuns: 5,
  async run(opts: BenchOptions): Promise<BenchResult> {
    const count = numberOption(opts.extra, 'items', 100_000);
    const repeat = numberOption(opts.extra, 'repeat', 5);
    const analyze = opts.extra['no-analyze'] === undefined;

    progress(`creating and seeding the ${opts.mode} database`);
    const { instance, where, seedMs } = await seededInstance(opts.mode);
    const db = instance.platform.db as Kysely<CatalogTables>;
    progress(`generating and inserting ${count} local items`);
    const t0 = performance.now();
    const { items, distinctNames } = await load(db, count);
    const loadMs = performance.now() - t0;
    if (analyze) await sql`analyze`.execute(db);
    const search = new CatalogSearch(instance.platform.db, instance.org);
    const queries = queriesOf(items);
    const regions = [...new Set(items.map((it) => it.region_code))].sort();

    const baseline = async (query: Query) => {
      const { rows } = await (query.kind === 'code'
        ? sql<{ id: string }>`select id, code, name from catalog.item where status = 'active' and published_version is not null and (code ilike ${`${query.like}%`} or base_code ilike ${`${query.like}%`})`
        : sql<{ id: string }>`select id, code, name from catalog.item where status = 'active' and published_version is not null and name ilike ${`%${query.like}%`}`
      ).execute(db);
      return rows;
    };

    progress('checking recall: every baseline hit among the search hits');
    const recall: Record<string, { baseline: number; found: number; search: number }> = {};
    for (const query of queries) {
      const expected = await baseline(query);
      const found = new Set<string>();
      let total = 0;
      for (let page = 1; ; page++) {
        const res = await search.search({ q: query.q, page, pageSize: 100 });
        total = res.total;
        for (const h of res.items) found.add(h.id);
        if (res.items.length < 100) break;
      }
      recall[`${query.kind} ${query.q}`] = { baseline: expected.length, found: expected.filter((r) => found.has(r.id)).length, search: total };
    }
    const missed = Object.entries(recall).filter(([, r]) => r.found < r.baseline);
    const baselineHits = Object.values(recall).reduce((n, r) => n + r.baseline, 0);
    const foundHits = Object.values(recall).reduce((n, r) => n + r.found, 0);

    const time = async (fn: () => Promise<unknown>) => {
      const t = performance.now();
      await fn();
      return performance.now() - t;
    };
    const half = (q: string) => [...q].slice(0, Math.max(1, Math.ceil([...q].length / 2))).join('');
    type Side = 'baseline' | 'search' | 'cold' | 'region' | 'one' | 'suggest';
    const sides: Record<Side, () => Promise<Samples>> = {
      baseline: async () => collect(queries, (q) => time(() => baseline(q)), 1),
      search: async () => collect(queries, (q) => time(() => search.search({ q: q.q, page: 1, pageSize: 20 })), repeat),
      cold: async () => collect(queries, (q) => time(() => new CatalogSearch(instance.platform.db, instance.org).search({ q: q.q, page: 1, pageSize: 20 })), 1),
      region: async () => collect(queries, (q, k) => time(() => search.search({ q: q.q, regionCode: regions[k % regions.length], page: 1, pageSize: 20 })), repeat),
      one: async () => collect(ONE_CHARACTER.map((q) => ({ kind: 'substring' as const, q, like: q })), (q) => time(() => search.search({ q: q.q, page: 1, pageSize: 20 })), repeat),
      suggest: async () => collect(queries, (q) => time(() => search.suggest(half(q.q))), repeat),
    };

    progress('warming up');
    for (const s of Object.values(sides)) await s();
    const rounds: Record<Side, Samples[]> = { baseline: [], search: [], cold: [], region: [], one: [], suggest: [] };
    const order: Side[] = ['baseline', 'search', 'cold', 'region', 'one', 'suggest'];
    for (let r = 0; r < opts.runs; r++) {
      for (const side of r % 2 ? [...order].reverse() : order) rounds[side].push(await sides[side]());
      const p95 = (s: Side) => percentile(sorted(rounds[s].at(-1)!.get('all')!), 95).toFixed(2);
      progress(`round ${r + 1}: p95 baseline ${p95('baseline')} ms, search ${p95('search')} ms, names not yet read ${p95('cold')} ms, with region ${p95('region')} ms, one character ${p95('one')} ms, suggest ${p95('suggest')} ms`);
    }
    const per = (side: Side, kind: Kind | 'all', p: number) => rounds[side].map((m) => percentile(sorted(m.get(kind)!), p));
    const base95 = row('baseline', 'plain ILIKE, all hits: p95', per('baseline', 'all', 95));
    const subjects = [
      row('search-p95', 'CatalogSearch.search, page of 20 + total: p95', per('search', 'all', 95)),
      row('search-p50', 'same: p50', per('search', 'all', 50)),
      ...KINDS.map((k) => row(`search-${k}-p95`, `  ${k}: p95`, per('search', k, 95))),
      row('cold-p95', 'names not yet read (fresh CatalogSearch): p95', per('cold', 'all', 95)),
      row('region-p95', 'with a region filter: p95', per('region', 'all', 95)),
      row('one-character-p95', 'one Chinese character: p95', per('one', 'all', 95)),
      row('suggest-p95', 'suggest (first half typed): p95', per('suggest', 'all', 95)),
    ];
    const head = subjects[0]!;
    const baseP50 = median(per('baseline', 'all', 50));
    const perQuery = queries.map((q, k) => ({ q: q.q, search: median(rounds.search.map((m) => m.get('each')![k]!)), baseline: median(rounds.baseline.map((m) => m.get('each')![k]!)) }));
    const speedups = perQuery.map((x) => x.baseline / x.search);
    const ratio = head.median / base95.median;
    const met = head.median <= 10 && ratio <= 0.1 && missed.length === 0;
    return {
      benchmark: 'catalog-search',
      mode: opts.mode,
      unit: 'ms',
      better: 'lower',
      baseline: base95,
      subjects,
      ratio,
      goal: { text: 'p95 ≤ 10 ms, ≥ 10× faster than the baseline (ratio ≤ 0.10×), every baseline hit found', met },
      info: {
        database: where,
        'seed time': `${(seedMs / 1000).toFixed(1)} s`,
        'load time (items + index)': `${(loadMs / 1000).toFixed(1)} s`,
        data: `${items.length} local items, ${distinctNames} distinct names, ${regions.length} regions${analyze ? ', analyzed' : ', not analyzed (--no-analyze)'}`,
        'baseline p50 (median of rounds)': `${baseP50.toFixed(1)} ms`,
        'speed-up per query (baseline ÷ search, medians): min / median / max': [Math.min(...speedups), median(speedups), Math.max(...speedups)].map((x) => +x.toFixed(1)),
        'slowest queries (search median ms)': Object.fromEntries([...perQuery].sort((a, b) => b.search - a.search).slice(0, 5).map((x) => [x.q, +x.search.toFixed(1)])),
        recall: `${foundHits}/${baselineHits} baseline hits found (${missed.length ? `MISSED in ${missed.map(([k]) => k).join(', ')}` : 'all'})`,
        'hits per query (baseline / search total)': Object.fromEntries(Object.entries(recall).map(([k, r]) => [k, `${r.baseline}/${r.search}`])),
        loop: `${queries.length} queries (8 per kind), each ${repeat}× per round on the search sides, once on the baseline`,
      },
      notes: [
        'the search side includes what the route does but serialization: candidate names from the name index, the check and ranking in JS, one page of items with its total',
        'CatalogSearch keeps the text of the names it has read; "names not yet read" runs each query once on a fresh one',
        'the baseline returns every hit and no total; for pinyin and initials it looks for the Chinese they stand for',
      ],
    };
  },
};

const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);

type Samples = Map<Kind | 'all' | 'each', number[]>;

/** Times every query `repeat` times; samples by kind, all together, and each query's median ('each', in query order). */
async function collect(queries: readonly Query[], run: (q: Query, k: number) => Promise<number>, repeat: number): Promise<Samples> {
  const out: Samples = new Map([['all', []]]);
  for (const k of KINDS) out.set(k, []);
  const each: number[][] = queries.map(() => []);
  for (let r = 0; r < repeat; r++) {
    for (let k = 0; k < queries.length; k++) {
      const ms = await run(queries[k]!, k + r);
      each[k]!.push(ms);
      out.get(queries[k]!.kind)!.push(ms);
      out.get('all')!.push(ms);
    }
  }
  out.set('each', each.map(median));
  return out;
}
