import { sql, type ColumnType, type Generated, type Kysely } from 'kysely';
import type { Migration } from './migrate.ts';

export interface AuditLogTable {
  seq: number;
  at: Date;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string | null;
  actor_role: string | null;
  action: string;
  target_type: string;
  target_id: string;
  region_code: string | null;
  before_digest: string | null;
  after_digest: string | null;
  detail: unknown;
  request_id: string | null;
  client_ip: string | null;
  prev_hash: string;
  hash: string;
}

export interface AuditHeadTable {
  id: number;
  seq: number;
  hash: string;
}

export interface OutboxTable {
  id: Generated<number>;
  aggregate_type: string;
  aggregate_id: string;
  event_type: string;
  payload: unknown;
  created_at: Generated<Date>;
}

export interface OutboxDeliveryTable {
  subscriber: string;
  event_id: number;
  delivered_at: Date | null;
  attempts: number;
  last_error: string | null;
  next_attempt_at: Date;
}

export interface BlobTable {
  sha256: string;
  size: number;
  media_type: string;
  created_at: Generated<Date>;
}

export interface DevMessageTable {
  id: Generated<number>;
  channel: string;
  recipient: string;
  text: string;
  purpose: string;
  created_at: Generated<Date>;
}

export interface RateLimitTable {
  key: string;
  window_start: Date;
  count: number;
}

/** A year's holiday calendar entered by an administrator before chinese-days publishes it. */
export interface CalendarYearTable {
  year: number;
  /** JSON arrays of ISO dates, written as JSON text. */
  off_days: ColumnType<string[], string, string>;
  work_days: ColumnType<string[], string, string>;
  entered_by: string;
  entered_at: Date;
}

export interface CoreTables {
  'core.audit_log': AuditLogTable;
  'core.audit_head': AuditHeadTable;
  'core.outbox': OutboxTable;
  'core.outbox_delivery': OutboxDeliveryTable;
  'core.blob': BlobTable;
  'core.dev_message': DevMessageTable;
  'core.rate_limit': RateLimitTable;
  'core.calendar_year': CalendarYearTable;
}

export const GENESIS_HASH = '0'.repeat(64);

export const coreMigrations: Record<string, Migration> = {
  '0001_core': {
    async up(db: Kysely<unknown>) {
      await sql`
        create schema core;
        create table core.audit_log (
          seq bigint primary key,
          at timestamptz not null,
          actor_kind text not null,
          actor_id text,
          actor_name text,
          actor_role text,
          action text not null,
          target_type text not null,
          target_id text not null,
          region_code text,
          before_digest text,
          after_digest text,
          detail jsonb,
          request_id text,
          client_ip text,
          prev_hash text not null,
          hash text not null
        );
        create index audit_log_at on core.audit_log (at);
        create index audit_log_target on core.audit_log (target_type, target_id);
        create index audit_log_actor on core.audit_log (actor_id);
        create table core.audit_head (
          id int primary key check (id = 1),
          seq bigint not null,
          hash text not null
        );
        insert into core.audit_head values (1, 0, ${sql.lit(GENESIS_HASH)});
        create function core.audit_log_append_only() returns trigger language plpgsql as $$
          begin raise exception 'core.audit_log is append-only'; end $$;
        create trigger audit_log_append_only before update or delete or truncate on core.audit_log
          for each statement execute function core.audit_log_append_only();

        create table core.outbox (
          id bigserial primary key,
          aggregate_type text not null,
          aggregate_id text not null,
          event_type text not null,
          payload jsonb not null,
          created_at timestamptz not null default now()
        );
        create table core.outbox_delivery (
          subscriber text not null,
          event_id bigint not null references core.outbox(id),
          delivered_at timestamptz,
          attempts int not null default 0,
          last_error text,
          next_attempt_at timestamptz not null default now(),
          primary key (subscriber, event_id)
        );
        create index outbox_delivery_pending on core.outbox_delivery (subscriber, event_id)
          where delivered_at is null;

        create table core.blob (
          sha256 text primary key,
          size bigint not null,
          media_type text not null,
          created_at timestamptz not null default now()
        );
      `.execute(db);
    },
  },
  '0002_core_dev_mailbox': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table core.dev_message (
          id bigserial primary key,
          channel text not null,
          recipient text not null,
          text text not null,
          purpose text not null,
          created_at timestamptz not null default now()
        );
      `.execute(db);
    },
  },
  '0003_core_rate_limit': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table core.rate_limit (
          key text not null,
          window_start timestamptz not null,
          count int not null,
          primary key (key, window_start)
        );
      `.execute(db);
    },
  },
  '0004_core_calendar': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table core.calendar_year (
          year int primary key,
          off_days jsonb not null,
          work_days jsonb not null,
          entered_by text not null,
          entered_at timestamptz not null
        );
      `.execute(db);
    },
  },
};
