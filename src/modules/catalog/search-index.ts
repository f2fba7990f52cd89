/**
 * Keeps the search index in step with what the portal shows, the published version of every active
 * item: catalog.search holds one row per such item, catalog.search_name one row per distinct name
 * (its readings and index tokens, and how many such items bear it). Called inside the transactions
 * that publish, suspend, resume, cancel, split and merge items. Plain SQL and no import of
 * schema.ts, so that the migration creating the tables can fill them for items published before.
 */
import { sql, type Kysely } from 'kysely';
import { canApplyOnline, type Guide } from './model.ts';
import { hashedKeys, nameEntry, parseReadings } from './search-text.ts';

export interface SearchItem {
  id: string;
  kind: 'base' | 'local';
  name: string;
  code: string;
  base_code: string;
  region_code: string;
  department_id: string | null;
  type: string;
  level: string;
}

/** A row of catalog.search, but for the name's id. */
export interface SearchRow {
  item_id: string;
  code: string;
  base_code: string;
  region_code: string;
  department_id: string | null;
  type: string;
  level: string;
  audience: string[];
  themes: string[];
  can_apply_online: boolean;
  sort_key: string;
}

export function searchRow(item: SearchItem, guide: Pick<Guide, 'audience' | 'themes' | 'onlineDepth'>, sortKey: string): SearchRow {
  return {
    item_id: item.id,
    code: item.code,
    base_code: item.base_code,
    region_code: item.region_code,
    department_id: item.department_id,
    type: item.type,
    level: item.level,
    audience: [...guide.audience],
    themes: [...guide.themes],
    can_apply_online: item.kind === 'local' && canApplyOnline(guide.onlineDepth),
    sort_key: sortKey,
  };
}

/** Re-reads the items and (un)indexes each as its current state says. */
export async function refreshSearch(db: Kysely<unknown>, itemIds: readonly string[]): Promise<void> {
  if (itemIds.length === 0) return;
  const ids = [...new Set(itemIds)];
  const removed = await sql<{ name_id: number }>`delete from catalog.search where item_id = any(${ids}::uuid[]) returning name_id`.execute(db);
  if (removed.rows.length) {
    await sql`
      update catalog.search_name n set items = n.items - d.k
      from (select id, count(*)::int as k from unnest(${removed.rows.map((r) => r.name_id)}::int[]) as u(id) group by id) d
      where n.id = d.id`.execute(db);
  }
  const { rows } = await sql<SearchItem & Pick<Guide, 'audience' | 'themes' | 'onlineDepth'>>`
    select i.id, i.kind, i.name, i.code, i.base_code, i.region_code, i.department_id, i.type, i.level,
           v.guide->'audience' as "audience", v.guide->'themes' as "themes", v.guide->'onlineDepth' as "onlineDepth"
    from catalog.item i join catalog.item_version v on v.item_id = i.id and v.number = i.published_version
    where i.id = any(${ids}::uuid[]) and i.status = 'active'`.execute(db);
  const byName = new Map<string, typeof rows>();
  for (const r of rows) byName.set(r.name, [...(byName.get(r.name) ?? []), r]);
  // Names in a fixed order, so that two transactions indexing the same names lock them in the same order.
  for (const name of [...byName.keys()].sort()) {
    const items = byName.get(name)!;
    const entry = nameEntry(name);
    const { rows: named } = await sql<{ id: number }>`
      insert into catalog.search_name (name, readings, keys, items)
      values (${name}, ${entry.readings}, ${entry.keys}::int[], ${items.length})
      on conflict (name) do update set items = catalog.search_name.items + excluded.items
      returning id`.execute(db);
    const nameId = named[0]!.id;
    const values = items.map((item) => {
      const r = searchRow(item, item, entry.sortKey);
      return sql`(${r.item_id}::uuid, ${nameId}, ${r.code}, ${r.base_code}, ${r.region_code}, ${r.department_id}::uuid, ${r.type}, ${r.level}, ${r.audience}::text[], ${r.themes}::text[], ${r.can_apply_online}, ${r.sort_key})`;
    });
    await sql`
      insert into catalog.search (item_id, name_id, code, base_code, region_code, department_id, type, level, audience, themes, can_apply_online, sort_key)
      values ${sql.join(values)}`.execute(db);
  }
}

/** Writes every name's index tokens again, as `nameKeys` makes them now from its stored readings. */
export async function rekeyNames(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: number; name: string; readings: string }>`select id, name, readings from catalog.search_name order by id`.execute(db);
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    await sql`
      update catalog.search_name n set keys = u.keys::int[]
      from unnest(${batch.map((r) => r.id)}::int[], ${batch.map((r) => `{${hashedKeys(r.name, parseReadings(r.readings)).join(',')}}`)}::text[]) as u(id, keys)
      where n.id = u.id`.execute(db);
  }
}
