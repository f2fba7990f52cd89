import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from '../../core/migrate.ts';
import type { Guide, ItemStatus, VersionStatus } from './model.ts';
import { refreshSearch, rekeyNames, type SearchRow } from './search-index.ts';

/** A base item (基本目录, kind base) or a local item (实施清单 handling item, kind local). */
export interface ItemTable {
  id: Generated<string>;
  kind: 'base' | 'local';
  base_id: string | null;
  base_code: string;
  /** Base code for a base item, the 33-character handling item code for a local one. */
  code: string;
  implementation_code: string | null;
  name: string;
  type: string;
  levels: string[];
  level: string;
  region_code: string;
  department_id: string | null;
  /** Kept in step with org's department through its org.department.changed events. */
  department_name: string | null;
  entrusted_department_id: string | null;
  entrusted_department_name: string | null;
  status: Generated<ItemStatus>;
  /** Number of the version the portal shows, once one is published. */
  published_version: number | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface ItemVersionTable {
  item_id: string;
  number: number;
  status: VersionStatus;
  guide: Guide;
  /** Edits of a draft, for optimistic concurrency. */
  rev: Generated<number>;
  change_note: string;
  created_by: string;
  created_at: Generated<Date>;
  submitted_by: string | null;
  submitted_at: Date | null;
  approved_by: string | null;
  approved_at: Date | null;
  published_by: string | null;
  published_at: Date | null;
  returned_reason: string | null;
}

export interface OperationTable {
  id: Generated<string>;
  op: string;
  reason: string;
  sources: string[];
  targets: string[];
  actor_id: string;
  actor_name: string;
  at: Generated<Date>;
}

/** An Excel import: its progress and report, kept so that any server copy (or a reload) shows it. */
export interface ImportJobTable {
  id: Generated<string>;
  kind: 'base' | 'local' | 'materials';
  region_code: string;
  file_sha256: string;
  file_name: string;
  import_valid: boolean;
  state: 'queued' | 'reading' | 'checking' | 'importing' | 'done' | 'rejected' | 'failed';
  total: Generated<number>;
  done: Generated<number>;
  imported: Generated<number>;
  invalid_rows: Generated<number>;
  problem_count: Generated<number>;
  report: Generated<unknown>;
  created_by: string;
  created_by_name: string;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
  finished_at: Date | null;
}

/** One distinct name of the items in the search index (see search-index.ts and search-text.ts). */
export interface SearchNameTable {
  id: Generated<number>;
  name: string;
  readings: string;
  /** Its index tokens, hashed (search-text.ts, `nameEntry`). */
  keys: number[];
  /** How many published active items bear this name. */
  items: number;
}

/** A published active item as search finds it. */
export type SearchTable = SearchRow & { name_id: number };

export interface CatalogTables {
  'catalog.item': ItemTable;
  'catalog.item_version': ItemVersionTable;
  'catalog.operation': OperationTable;
  'catalog.search_name': SearchNameTable;
  'catalog.search': SearchTable;
  'catalog.import_job': ImportJobTable;
}

export const catalogMigrations: Record<string, Migration> = {
  '0040_catalog': {
    async up(db: Kysely<unknown>) {
      await sql`
        create schema catalog;
        create table catalog.item (
          id uuid primary key default gen_random_uuid(),
          kind text not null check (kind in ('base', 'local')),
          base_id uuid references catalog.item(id),
          base_code char(12) not null,
          code text not null unique,
          implementation_code char(31),
          name text not null,
          type char(2) not null,
          levels text[] not null default '{}',
          level char(1) not null,
          region_code char(6) not null references org.region(code),
          department_id uuid references org.department(id),
          department_name text,
          entrusted_department_id uuid references org.department(id),
          entrusted_department_name text,
          status text not null default 'active' check (status in ('active', 'suspended', 'cancelled')),
          published_version int,
          version int not null default 1,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          check ((kind = 'base') = (base_id is null)),
          check (kind = 'base' or implementation_code is not null)
        );
        create index item_base on catalog.item (base_id);
        create index item_region on catalog.item (region_code, department_id);
        create index item_implementation on catalog.item (implementation_code);
        create table catalog.item_version (
          item_id uuid not null references catalog.item(id),
          number int not null check (number > 0),
          status text not null check (status in ('draft', 'submitted', 'approved', 'published', 'superseded')),
          guide jsonb not null,
          rev int not null default 1,
          change_note text not null default '',
          created_by text not null,
          created_at timestamptz not null default now(),
          submitted_by text,
          submitted_at timestamptz,
          approved_by text,
          approved_at timestamptz,
          published_by text,
          published_at timestamptz,
          returned_reason text,
          primary key (item_id, number)
        );
        create unique index item_version_open on catalog.item_version (item_id) where status in ('draft', 'submitted', 'approved');
        create table catalog.operation (
          id uuid primary key default gen_random_uuid(),
          op text not null,
          reason text not null check (length(reason) > 0),
          sources uuid[] not null default '{}',
          targets uuid[] not null default '{}',
          actor_id text not null,
          actor_name text not null,
          at timestamptz not null default now()
        );
        create index operation_sources on catalog.operation using gin (sources);
        create index operation_targets on catalog.operation using gin (targets);
        create function catalog.published_is_frozen() returns trigger language plpgsql as $$
        begin
          if old.status in ('published', 'superseded') and new.guide is distinct from old.guide then
            raise exception 'a published version never changes (item %, version %)', old.item_id, old.number;
          end if;
          return new;
        end $$;
        create trigger item_version_frozen before update on catalog.item_version
          for each row execute function catalog.published_is_frozen();
      `.execute(db);
    },
  },
  '0041_catalog_search': {
    async up(db: Kysely<unknown>) {
      // Codes and sort keys compare in "C": byte order, the same in both storage modes, and a
      // plain b-tree serves code LIKE 'prefix%'. GIN without fastupdate: its pending list would be
      // read by every search until a vacuum, which the embedded database never runs by itself.
      await sql`
        create table catalog.search_name (
          id serial primary key,
          name text not null unique,
          readings text not null,
          keys int[] not null,
          items int not null default 0 check (items >= 0)
        );
        create index search_name_keys on catalog.search_name using gin (keys) with (fastupdate = off);
        create table catalog.search (
          item_id uuid primary key references catalog.item(id),
          name_id int not null references catalog.search_name(id),
          code text collate "C" not null,
          base_code text collate "C" not null,
          region_code text not null,
          department_id uuid,
          type text not null,
          level text not null,
          audience text[] not null,
          themes text[] not null,
          can_apply_online boolean not null,
          sort_key text collate "C" not null
        );
        create index search_by_name on catalog.search (name_id, level, region_code, code);
        create index search_by_region on catalog.search (region_code, level, sort_key, code);
        create index search_browse on catalog.search (level, sort_key, code);
        create index search_code on catalog.search (code);
        create index search_base_code on catalog.search (base_code);
        create index search_department on catalog.search (department_id);
        create index search_themes on catalog.search using gin (themes) with (fastupdate = off);
      `.execute(db);
      // Items published before this migration.
      const { rows } = await sql<{ id: string }>`select id from catalog.item where published_version is not null and status = 'active'`.execute(db);
      await refreshSearch(db, rows.map((r) => r.id));
    },
  },
  '0042_catalog_import': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table catalog.import_job (
          id uuid primary key default gen_random_uuid(),
          kind text not null check (kind in ('base', 'local', 'materials')),
          region_code char(6) not null references org.region(code),
          file_sha256 char(64) not null,
          file_name text not null default '',
          import_valid boolean not null,
          state text not null check (state in ('queued', 'reading', 'checking', 'importing', 'done', 'rejected', 'failed')),
          total int not null default 0,
          done int not null default 0,
          imported int not null default 0,
          invalid_rows int not null default 0,
          problem_count int not null default 0,
          report jsonb not null default '[]',
          created_by text not null,
          created_by_name text not null,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          finished_at timestamptz
        );
        create index import_job_region on catalog.import_job (region_code, created_at desc);
      `.execute(db);
    },
  },
  '0043_catalog_search_pairs': {
    async up(db: Kysely<unknown>) {
      // Names gained tokens for neighbouring syllables (search-text.ts, `nameKeys`). The GIN index
      // is built anew after the update (keeping it up row by row takes several times longer), and
      // the table is rewritten without the old row versions, which the embedded database would
      // otherwise keep (it has no autovacuum) and every search would step over.
      await sql`drop index catalog.search_name_keys`.execute(db);
      await rekeyNames(db);
      await sql`
        cluster catalog.search_name using search_name_pkey;
        create index search_name_keys on catalog.search_name using gin (keys) with (fastupdate = off);
        analyze catalog.search_name;
      `.execute(db);
    },
  },
};
