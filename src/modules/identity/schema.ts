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
  mfa_exempt: Generated<boolean>;
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
  staff_id: string | null;
  person_id: string | null;
  acting_for: string | null;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Date;
  expires_at: Date;
  ip: string | null;
  user_agent: string | null;
}

export interface PersonTable {
  id: Generated<string>;
  name: string;
  id_number_enc: string;
  id_number_hash: string;
  id_number_masked: string;
  mobile: string;
  password_hash: string | null;
  level: Generated<number>;
  level_verified_at: Date | null;
  level_reference: string | null;
  active: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SmsCodeTable {
  id: Generated<string>;
  mobile: string;
  purpose: string;
  code_hash: string;
  expires_at: Date;
  attempts: Generated<number>;
  consumed_at: Date | null;
  created_at: Generated<Date>;
}

export interface StaffMfaTable {
  staff_id: string;
  secret_enc: string;
  enabled_at: Date | null;
  last_step: number | null;
  created_at: Generated<Date>;
}

export interface EnterpriseTable {
  id: Generated<string>;
  credit_code: string;
  name: string;
  legal_rep_person_id: string;
  registry_reference: string;
  checksum_override_by: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
}

export interface AgentGrantTable {
  id: Generated<string>;
  enterprise_id: string;
  person_id: string;
  item_types: string[] | null;
  expires_at: Date;
  granted_by: string;
  revoked_at: Date | null;
  created_at: Generated<Date>;
}

export interface CreditCodeExceptionTable {
  credit_code: string;
  reason: string;
  accepted_by: string;
  created_at: Generated<Date>;
}

export interface IdentityTables {
  'identity.staff': StaffTable;
  'identity.role_grant': RoleGrantTable;
  'identity.session': SessionTable;
  'identity.person': PersonTable;
  'identity.sms_code': SmsCodeTable;
  'identity.staff_mfa': StaffMfaTable;
  'identity.enterprise': EnterpriseTable;
  'identity.agent_grant': AgentGrantTable;
  'identity.credit_code_exception': CreditCodeExceptionTable;
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
  '0021_identity_persons': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table identity.person (
          id uuid primary key default gen_random_uuid(),
          name text not null,
          id_number_enc text not null,
          id_number_hash text not null unique,
          id_number_masked text not null,
          mobile text not null unique,
          password_hash text,
          level smallint not null default 1 check (level between 1 and 3),
          level_verified_at timestamptz,
          level_reference text,
          active boolean not null default true,
          version int not null default 1,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now()
        );
        create table identity.sms_code (
          id uuid primary key default gen_random_uuid(),
          mobile text not null,
          purpose text not null,
          code_hash text not null,
          expires_at timestamptz not null,
          attempts int not null default 0,
          consumed_at timestamptz,
          created_at timestamptz not null default now()
        );
        create index sms_code_mobile on identity.sms_code (mobile, purpose, created_at desc);
        alter table identity.session alter column staff_id drop not null;
        alter table identity.session add column person_id uuid references identity.person(id);
        alter table identity.session add constraint session_one_principal check ((staff_id is null) <> (person_id is null));
        create index session_person on identity.session (person_id);
      `.execute(db);
    },
  },
  '0022_identity_staff_mfa': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table identity.staff_mfa (
          staff_id uuid primary key references identity.staff(id),
          secret_enc text not null,
          enabled_at timestamptz,
          last_step bigint,
          created_at timestamptz not null default now()
        );
        -- Demo accounts only (never seeded in production) may skip the second factor.
        alter table identity.staff add column mfa_exempt boolean not null default false;
      `.execute(db);
    },
  },
  '0023_identity_enterprises': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table identity.enterprise (
          id uuid primary key default gen_random_uuid(),
          credit_code char(18) not null unique,
          name text not null,
          legal_rep_person_id uuid not null references identity.person(id),
          registry_reference text not null,
          checksum_override_by text,
          version int not null default 1,
          created_at timestamptz not null default now()
        );
        create table identity.agent_grant (
          id uuid primary key default gen_random_uuid(),
          enterprise_id uuid not null references identity.enterprise(id),
          person_id uuid not null references identity.person(id),
          item_types text[],
          expires_at timestamptz not null,
          granted_by uuid not null references identity.person(id),
          revoked_at timestamptz,
          created_at timestamptz not null default now()
        );
        create index agent_grant_person on identity.agent_grant (person_id) where revoked_at is null;
        create index agent_grant_enterprise on identity.agent_grant (enterprise_id);
        alter table identity.session add column acting_for uuid references identity.enterprise(id);
      `.execute(db);
    },
  },
  '0024_identity_credit_code_exceptions': {
    async up(db: Kysely<unknown>) {
      await sql`
        -- Codes really issued that fail a check character, accepted one by one by an administrator.
        create table identity.credit_code_exception (
          credit_code char(18) primary key,
          reason text not null,
          accepted_by uuid not null references identity.staff(id),
          created_at timestamptz not null default now()
        );
      `.execute(db);
    },
  },
};
