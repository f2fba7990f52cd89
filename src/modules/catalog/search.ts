import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { OrgApi } from '../org/index.ts';
import { compareMatches, fold, highlights, matchName, parseQuery, tokenHash, type NameMatch, type Range, type Term } from './search-text.ts';

export interface SearchQuery {
  q?: string;
  /** Exactly this region: the province, a city or a county shows its own items. */
  regionCode?: string;
  departmentId?: string;
  type?: string;
  audience?: string;
  theme?: string;
  level?: string;
  page: number;
  pageSize: number;
}

export interface SearchHit {
  id: string;
  code: string;
  name: string;
  type: string;
  level: string;
  regionCode: string;
  regionName: string;
  departmentId: string | null;
  departmentName: string | null;
  audience: string[];
  themes: string[];
  canApplyOnline: boolean;
  highlights: Range[];
}

export interface Suggestion {
  code: string;
  name: string;
  regionName: string;
  highlights: Range[];
}

const SUGGESTIONS = 8;
/** Suggestions rank at most this many candidate names. */
const CANDIDATES = 500;

/** A row of catalog.search_name but for its item count: it never changes once written. */
interface Name {
  name: string;
  readings: string;
}

interface NameHit extends NameMatch, Name {
  id: number;
  items: number;
  /** The rank as one number (names are far shorter than 2^21 characters). */
  order: number;
}

interface HitRow {
  item_id: string;
  name_id: number;
  code: string;
  type: string;
  level: string;
  region_code: string;
  department_id: string | null;
  audience: string[];
  themes: string[];
  can_apply_online: boolean;
  name: string;
  department_name: string | null;
}

/** A query of a code alone also finds items whose item or base code starts with it. */
const codePrefix = (terms: readonly Term[]) => (terms.length === 1 && terms[0]!.kind === 'code' ? `${terms[0]!.text.toUpperCase()}%` : null);

const ITEM_COLUMNS = sql`s.item_id, s.name_id, s.code, s.type, s.level, s.region_code, s.department_id, s.audience, s.themes, s.can_apply_online`;
/** Within one name: province before city before county, then by region and code. */
const ITEM_ORDER = sql`s.level, s.region_code, s.code`;
/** Ranked names as a relation m(name_id, ord). */
const ranked = (ids: readonly number[]) => sql`unnest(${ids}::int[]) with ordinality as m(name_id, ord)`;

/** The k best names, best first: only those that can be among them are sorted. */
function best(names: NameHit[], k: number): NameHit[] {
  if (names.length <= k) return names.sort(compareMatches);
  const orders = new Float64Array(names.length);
  for (let i = 0; i < names.length; i++) orders[i] = names[i]!.order;
  const cut = orders.sort()[k - 1]!;
  return names
    .filter((n) => n.order <= cut)
    .sort(compareMatches)
    .slice(0, k);
}

/**
 * Search and suggestions over published active items (the index search-index.ts keeps).
 *
 * Text is matched per distinct name: the GIN index of the names' hashed tokens gives candidates,
 * which come back as one row of ids and item counts (the embedded database hands over many rows
 * slowly, and its regular expressions are slow too); search-text.ts decides and ranks each here,
 * over the names' text that this object keeps once read (a name's row never changes but for its
 * count, so the copy never goes stale). Then one statement reads a page of the items of the
 * matching names in that order, filtered. Without filters the page is cut from the names' item
 * counts and only the names before its end are sorted, so a query that matches thousands of items
 * costs little more than one that matches a few.
 */
export class CatalogSearch {
  /** Names by id, as far as read. Bounded by the distinct names of the catalog. */
  private readonly names = new Map<number, Name>();

  constructor(
    private readonly db: Kysely<unknown>,
    private readonly org: Pick<OrgApi, 'region'>,
  ) {}

  async search(query: SearchQuery): Promise<{ items: SearchHit[]; total: number }> {
    const terms = parseQuery(query.q ?? '');
    const filters = filterClauses(query);
    const offset = (query.page - 1) * query.pageSize;
    if (terms.length === 0) return this.browse(filters, offset, query.pageSize);
    const names = await this.matchingNames(terms, query.regionCode);
    const code = codePrefix(terms);
    if (filters.length === 0 && code === null) return this.pageOfNames(names, terms, offset, query.pageSize);

    names.sort(compareMatches);
    const ids = names.map((n) => n.id);
    const where = filters.length ? sql`and ${sql.join(filters, sql` and `)}` : sql``;
    const hits = sql`
      with hits as (
        select ${ITEM_COLUMNS}, m.ord from ${ranked(ids)} join lateral (select * from catalog.search s where s.name_id = m.name_id ${where}) s on true
        ${code === null ? sql`` : sql`union all select ${ITEM_COLUMNS}, null::bigint from catalog.search s where (s.code like ${code} or s.base_code like ${code}) and s.name_id <> all(${ids}::int[]) ${where}`}
      )`;
    const { rows } = await sql<HitRow & { total: number }>`
      ${hits},
      page as (select s.*, count(*) over () as total from hits s order by s.ord nulls last, ${ITEM_ORDER} limit ${query.pageSize} offset ${offset})
      select ${ITEM_COLUMNS}, s.total, i.name, i.department_name from page s join catalog.item i on i.id = s.item_id order by s.ord nulls last, ${ITEM_ORDER}`.execute(this.db);
    const total = rows.length || offset === 0 ? (rows[0]?.total ?? 0) : (await sql<{ n: number }>`${hits} select count(*) as n from hits`.execute(this.db)).rows[0]!.n;
    return { items: this.hits(rows, names, terms), total: Number(total) };
  }

  /** Up to eight items whose names match what has been typed so far, one per name, best first. */
  async suggest(q: string, regionCode?: string): Promise<Suggestion[]> {
    const terms = parseQuery(q);
    if (terms.length === 0) return [];
    const names = best(await this.matchingNames(terms, regionCode, CANDIDATES), SUGGESTIONS);
    const region = regionCode ? sql`and s.region_code = ${regionCode}` : sql``;
    const { rows } = await sql<{ code: string; region_code: string; name_id: number }>`
      select distinct on (m.ord) s.code, s.region_code, s.name_id
      from ${ranked(names.map((n) => n.id))} join catalog.search s on s.name_id = m.name_id
      where true ${region}
      order by m.ord, ${ITEM_ORDER} limit ${SUGGESTIONS}`.execute(this.db);
    const byId = new Map(names.map((n) => [n.id, n]));
    const out = rows.map((r) => {
      const n = byId.get(r.name_id)!;
      return { code: r.code, name: n.name, regionName: this.regionName(r.region_code), highlights: highlights(n.name, n.readings, terms) };
    });
    const code = codePrefix(terms);
    if (code === null || out.length >= SUGGESTIONS) return out;
    const { rows: coded } = await sql<{ code: string; region_code: string; name: string }>`
      select s.code, s.region_code, n.name from catalog.search s join catalog.search_name n on n.id = s.name_id
      where (s.code like ${code} or s.base_code like ${code}) ${region} and s.code <> all(${out.map((o) => o.code)}::text[])
      order by ${ITEM_ORDER} limit ${SUGGESTIONS - out.length}`.execute(this.db);
    return [...out, ...coded.map((r) => ({ code: r.code, name: r.name, regionName: this.regionName(r.region_code), highlights: [] }))];
  }

  /**
   * The names that match every term (and have items in the region, if one is given), in no order.
   * With a limit, only that many candidates are looked at: those that may match from the first
   * character first, then the shorter ones (for suggestions).
   */
  private async matchingNames(terms: readonly Term[], regionCode?: string, limit?: number): Promise<NameHit[]> {
    const clauses = terms.map((t) => sql`(${sql.join(t.tokens.map((set) => sql`keys @> ${set.map(tokenHash)}::int[]`), sql` or `)})`);
    // "offset 0" plans the index look-up on its own, before the region's items.
    const { rows } = await sql<{ names: string | null }>`
      select string_agg(id || ',' || items, ',') as names from (
        select id, items from catalog.search_name where items > 0 and ${sql.join(clauses, sql` and `)} offset 0
      ) n
      ${regionCode ? sql`where id in (select name_id from catalog.search where region_code = ${regionCode})` : sql``}`.execute(this.db);
    const found = rows[0]?.names?.split(',') ?? [];
    const ids: number[] = [];
    const counts: number[] = [];
    for (let k = 0; k < found.length; k += 2) {
      ids.push(+found[k]!);
      counts.push(+found[k + 1]!);
    }
    await this.learn(ids.filter((id) => !this.names.has(id)));
    const names: NameHit[] = [];
    for (const i of limit && ids.length > limit ? this.likelyFirst(ids, terms[0]!, limit) : ids.keys()) {
      const id = ids[i]!;
      const { name, readings } = this.names.get(id)!;
      const m = matchName(name, readings, terms);
      if (m) names.push({ id, items: counts[i]!, name, readings, rank: m.rank, order: m.rank[0] * 2 ** 42 + m.rank[1] * 2 ** 21 + m.rank[2] });
    }
    return names;
  }

  /** Where in `ids` the `limit` names are that may match from the first character first, then the shorter ones. */
  private likelyFirst(ids: readonly number[], first: Term, limit: number): number[] {
    const keys = new Float64Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      const { name, readings } = this.names.get(ids[i]!)!;
      const well = first.kind === 'pinyin' ? readings.startsWith(first.text[0]!) : fold(name).startsWith(first.text);
      keys[i] = ((well ? 0 : 2 ** 21) + name.length) * 2 ** 31 + i;
    }
    return Array.from(keys.sort().subarray(0, limit), (k) => k % 2 ** 31);
  }

  /** Reads the names of these ids, as one text (records split by \x1e, fields by \x1f, which names give up for spaces). */
  private async learn(ids: readonly number[]) {
    if (ids.length === 0) return;
    const { rows } = await sql<{ names: string | null }>`
      select string_agg(id || chr(31) || readings || chr(31) || translate(name, chr(30) || chr(31), '  '), chr(30)) as names
      from catalog.search_name where id = any(${ids}::int[])`.execute(this.db);
    for (const record of rows[0]?.names?.split('\x1e') ?? []) {
      const [id, readings, name] = record.split('\x1f') as [string, string, string];
      this.names.set(Number(id), { name, readings });
    }
  }

  /**
   * No filters: the total is the sum of the names' item counts; only the names up to the page's
   * end are ranked, and only those on the page are read.
   */
  private async pageOfNames(matching: NameHit[], terms: readonly Term[], offset: number, size: number) {
    const total = matching.reduce((n, x) => n + x.items, 0);
    // Every name has an item at least, so the names up to the page's end are among these.
    const names = best(matching, offset + size);
    const covering: number[] = [];
    let skip = 0;
    let start = 0;
    for (const n of names) {
      if (start >= offset + size) break;
      if (start + n.items > offset) {
        if (covering.length === 0) skip = offset - start;
        covering.push(n.id);
      }
      start += n.items;
    }
    if (covering.length === 0) return { items: [], total };
    const { rows } = await sql<HitRow>`
      select ${ITEM_COLUMNS}, i.name, i.department_name from (
        select ${ITEM_COLUMNS}, m.ord from ${ranked(covering)} join catalog.search s on s.name_id = m.name_id
        order by m.ord, ${ITEM_ORDER} offset ${skip} limit ${size}
      ) s join catalog.item i on i.id = s.item_id
      order by s.ord, ${ITEM_ORDER}`.execute(this.db);
    return { items: this.hits(rows, names, terms), total };
  }

  /** No text: the items the filters select, province first, then alphabetically by pinyin. */
  private async browse(filters: RawBuilder<boolean>[], offset: number, size: number) {
    const where = filters.length ? sql`where ${sql.join(filters, sql` and `)}` : sql``;
    const { rows } = await sql<HitRow>`
      select ${ITEM_COLUMNS}, i.name, i.department_name from catalog.search s join catalog.item i on i.id = s.item_id ${where}
      order by s.level, s.sort_key, s.code limit ${size} offset ${offset}`.execute(this.db);
    const count = filters.length
      ? sql<{ n: number }>`select count(*) as n from catalog.search s ${where}`
      : sql<{ n: number }>`select coalesce(sum(items), 0) as n from catalog.search_name`;
    const total = Number((await count.execute(this.db)).rows[0]!.n);
    return { items: this.hits(rows, [], []), total };
  }

  private hits(rows: readonly HitRow[], names: readonly NameHit[], terms: readonly Term[]): SearchHit[] {
    const byId = new Map(names.map((n) => [n.id, n]));
    const marks = new Map<number, Range[]>();
    const marked = (id: number) => {
      const n = byId.get(id);
      if (!n) return [];
      if (!marks.has(id)) marks.set(id, highlights(n.name, n.readings, terms));
      return marks.get(id)!;
    };
    return rows.map((r) => ({
      id: r.item_id,
      code: r.code,
      name: r.name,
      type: r.type,
      level: r.level,
      regionCode: r.region_code,
      regionName: this.regionName(r.region_code),
      departmentId: r.department_id,
      departmentName: r.department_name,
      audience: r.audience,
      themes: r.themes,
      canApplyOnline: r.can_apply_online,
      highlights: marked(r.name_id),
    }));
  }

  private regionName(code: string) {
    return this.org.region(code)?.name ?? code;
  }
}

function filterClauses(q: SearchQuery): RawBuilder<boolean>[] {
  const out: RawBuilder<boolean>[] = [];
  if (q.regionCode) out.push(sql`s.region_code = ${q.regionCode}`);
  if (q.departmentId) out.push(sql`s.department_id = ${q.departmentId}::uuid`);
  if (q.type) out.push(sql`s.type = ${q.type}`);
  if (q.level) out.push(sql`s.level = ${q.level}`);
  if (q.audience) out.push(sql`s.audience @> array[${q.audience}]::text[]`);
  if (q.theme) out.push(sql`s.themes @> array[${q.theme}]::text[]`);
  return out;
}
