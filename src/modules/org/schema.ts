import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from '../../core/migrate.ts';

export interface RegionTable {
  code: string;
  name: string;
  level: string;
  parent_code: string | null;
  type: string;
  sort: number;
}

export interface DepartmentTable {
  id: Generated<string>;
  region_code: string;
  kind: string;
  name: string;
  credit_code: string | null;
  phone: string | null;
  address: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface HallTable {
  id: Generated<string>;
  region_code: string;
  name: string;
  address: string;
  hours: string;
  phone: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface WindowTable {
  id: Generated<string>;
  hall_id: string;
  number: number;
  name: string;
  kind: string;
  active: Generated<boolean>;
  version: Generated<number>;
}

export interface OrgTables {
  'org.region': RegionTable;
  'org.department': DepartmentTable;
  'org.hall': HallTable;
  'org.window': WindowTable;
}

export const orgMigrations: Record<string, Migration> = {
  '0010_org': {
    async up(db: Kysely<unknown>) {
      await sql`
        create schema org;
        create table org.region (
          code char(6) primary key,
          name text not null,
          level text not null check (level in ('province', 'prefecture', 'county')),
          parent_code char(6) references org.region(code),
          type text not null,
          sort int not null
        );
        create index region_parent on org.region (parent_code);
        create table org.department (
          id uuid primary key default gen_random_uuid(),
          region_code char(6) not null references org.region(code),
          kind text not null,
          name text not null,
          credit_code char(18),
          phone text,
          address text,
          active boolean not null default true,
          version int not null default 1,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          unique (region_code, name)
        );
        create unique index department_credit_code on org.department (credit_code) where credit_code is not null;
        create table org.hall (
          id uuid primary key default gen_random_uuid(),
          region_code char(6) not null references org.region(code),
          name text not null,
          address text not null,
          hours text not null,
          phone text,
          active boolean not null default true,
          version int not null default 1,
          created_at timestamptz not null default now(),
          unique (region_code, name)
        );
        create table org.window (
          id uuid primary key default gen_random_uuid(),
          hall_id uuid not null references org.hall(id),
          number int not null check (number > 0),
          name text not null,
          kind text not null check (kind in ('comprehensive', 'dedicated')),
          active boolean not null default true,
          version int not null default 1,
          unique (hall_id, number)
        );
      `.execute(db);
    },
  },
};
