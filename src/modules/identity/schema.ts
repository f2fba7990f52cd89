import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from '../../core/migrate.ts';

export interface StaffTable {
  id: Generated<string>;
  username: string;
  name: string;
  password_hash: string;
  region_code: string;
  department_id: string | null;
  active: Generated<boolean>;
  must_change_password: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  staff_id: string;
  role: string;
  region_code: string;
  department_id: string | null;
  granted_by: string | null;
  created_at: Generated<Date>;
}

export interface SessionTable {
  id: string;
  staff_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface IdentityTables {
  'identity.staff': StaffTable;
  'identity.role_grant': RoleGrantTable;
  'identity.session': SessionTable;
}

export const identityMigrations: Record<string, Migration> = {
  '0020_identity_staff': {
    async up(db: Kysely<unknown>) {
      await sql`
        create schema identity;
        create table identity.staff (
          id uuid primary key default gen_random_uuid(),
          username text not null,
          name text not null,
          password_hash text not null,
          region_code char(6) not null references org.region(code),
          department_id uuid references org.department(id),
          active boolean not null default true,
          must_change_password boolean not null default false,
          version int not null default 1,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create unique index staff_username on identity.staff (lower(username));
        create index staff_region on identity.staff (region_code);
        create table identity.role_grant (
          id uuid primary key default gen_random_uuid(),
          staff_id uuid not null references identity.staff(id),
          role text not null,
          region_code char(6) not null references org.region(code),
          department_id uuid references org.department(id),
          granted_by text,
          created_at timestamptz not null default now()
        );
        create unique index role_grant_unique on identity.role_grant
          (staff_id, role, region_code, coalesce(department_id, '00000000-0000-0000-0000-000000000000'));
        create table identity.session (
          id text primary key,
          staff_id uuid not null references identity.staff(id),
          csrf_token text not null,
          created_at timestamptz not null default now(),
          last_seen_at timestamptz not null,
          expires_at timestamptz not null,
          ip text,
          user_agent text
        );
        create index session_staff on identity.session (staff_id);
      `.execute(db);
    },
  },
};
