import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from '../../core/migrate.ts';
import type { CaseCore, CaseState, Channel } from './model.ts';

export type Queue = 'to_accept' | 'to_review' | 'to_decide' | 'paused' | 'to_issue' | 'to_deliver';

/** One case (办件). `core` is the state machine's whole state; the columns beside it are copies for queries. */
export interface CaseTable {
  id: Generated<string>;
  number: string;
  query_code: string;
  channel: Channel;
  item_id: string;
  item_code: string;
  item_name: string;
  item_version: number;
  item_type: string;
  region_code: string;
  department_id: string;
  department_name: string;
  /** The hall whose window took the case in (window channel). */
  hall_id: string | null;
  applicant_kind: 'person' | 'enterprise';
  /** The person who applied: the applicant, or the agent or legal representative acting for an enterprise. */
  person_id: string;
  enterprise_id: string | null;
  /** Person's or enterprise's name, and the masked ID number or the credit code (never a full ID number). */
  applicant_name: string;
  applicant_number: string;
  /** Name of the person acting for the enterprise, when there is one. */
  agent_name: string | null;
  answers: Record<string, string>;
  form: Record<string, unknown>;
  /** What the item version asked for this case: the applicable materials and the steps with their review checkpoints. */
  snapshot: CaseSnapshot;
  /** Review checklist ticks by checkpoint key (`m:<material>:<n>` or `s:<step>:<n>`). */
  checks: Generated<Record<string, { ok: boolean; note: string; by: string; at: string }>>;
  core: CaseCore;
  state: CaseState;
  queue: Queue | null;
  /** The promised (or, before acceptance, the acceptance) deadline as of the last change; for ordering and the overdue queue. */
  due_on: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  result_sha256: string | null;
  version: Generated<number>;
  received_at: Date;
  completed_at: Date | null;
  submitted_by: string;
  idempotency_key: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface SnapshotMaterial {
  id: string;
  name: string;
  requirement: 'required' | 'conditional';
  source: string;
  /** The platform holds it (an e-license, shared data, a government document): not asked for (免提交). */
  held: boolean;
  originals: number;
  copies: number;
  checkpoints: string[];
}

export interface CaseSnapshot {
  materials: SnapshotMaterial[];
  steps: { name: string; role: string; days: number; standard: string; checkpoints: string[] }[];
  result: { name: string; kind: string };
  delivery: string[];
  hall: { address: string; hours: string };
  consultPhone: string;
}

/** A file a person uploaded: only its uploader may hand it in, now or for a later case (my materials). */
export interface UploadTable {
  person_id: string;
  sha256: string;
  media_type: string;
  size: number;
  file_name: string;
  at: Generated<Date>;
}

/** Online pre-review (预审): an applicant asks a hall whether the materials are complete before coming. */
export interface PrereviewTable {
  id: Generated<string>;
  person_id: string;
  item_code: string;
  item_name: string;
  region_code: string;
  department_id: string;
  answers: Record<string, string>;
  materials: { materialId: string; name: string; sha256: string; mediaType: string; fileName: string }[];
  state: Generated<'waiting' | 'complete' | 'incomplete'>;
  answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  created_at: Generated<Date>;
}

/** A material handed in for a case: an upload, a reused earlier one, a scan at the window, or one the platform holds. */
export interface CaseMaterialTable {
  case_id: string;
  material_id: string;
  name: string;
  sha256: string;
  media_type: string;
  size: number;
  file_name: string;
  source: 'upload' | 'reuse' | 'scan';
  /** 0 with the application, n with the n-th supplement. */
  round: number;
  added_at: Generated<Date>;
}

/** The timeline: every action on a case, with who, what and the notice texts. */
export interface CaseEventTable {
  case_id: string;
  seq: number;
  at: Generated<Date>;
  actor_kind: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  from_state: string | null;
  to_state: string;
  step: number;
  note: string | null;
  data: unknown;
}

/** An online application in progress; saved as the applicant types, kept across logins. */
export interface DraftTable {
  id: Generated<string>;
  person_id: string;
  /** The enterprise the person applies for ('' for themselves), part of the key. */
  enterprise_id: string;
  item_code: string;
  data: unknown;
  rev: Generated<number>;
  updated_at: Generated<Date>;
}

export interface CounterTable {
  region_code: string;
  day: string;
  last: number;
}

/** In-site messages to applicants (the same text also goes out by SMS). */
export interface MessageTable {
  id: Generated<number>;
  person_id: string;
  case_id: string | null;
  text_zh: string;
  text_en: string;
  at: Generated<Date>;
  read_at: Date | null;
}

export interface CasesTables {
  'cases.case': CaseTable;
  'cases.case_material': CaseMaterialTable;
  'cases.case_event': CaseEventTable;
  'cases.draft': DraftTable;
  'cases.counter': CounterTable;
  'cases.message': MessageTable;
  'cases.upload': UploadTable;
  'cases.prereview': PrereviewTable;
}

export const casesMigrations: Record<string, Migration> = {
  '0050_cases': {
    async up(db: Kysely<unknown>) {
      await sql`
        create schema cases;
        create table cases.case (
          id uuid primary key default gen_random_uuid(),
          number char(20) not null unique,
          query_code char(8) not null,
          channel text not null check (channel in ('online', 'window')),
          item_id uuid not null references catalog.item(id),
          item_code text not null,
          item_name text not null,
          item_version int not null,
          item_type char(2) not null,
          region_code char(6) not null references org.region(code),
          department_id uuid not null references org.department(id),
          department_name text not null,
          hall_id uuid,
          applicant_kind text not null check (applicant_kind in ('person', 'enterprise')),
          person_id uuid not null,
          enterprise_id uuid,
          applicant_name text not null,
          applicant_number text not null,
          agent_name text,
          answers jsonb not null default '{}',
          form jsonb not null default '{}',
          snapshot jsonb not null,
          checks jsonb not null default '{}',
          core jsonb not null,
          state text not null,
          queue text,
          due_on date,
          assignee_id text,
          assignee_name text,
          result_sha256 char(64),
          version int not null default 1,
          received_at timestamptz not null,
          completed_at timestamptz,
          submitted_by text not null,
          idempotency_key text,
          created_at timestamptz not null default now(),
          updated_at timestamptz not null default now(),
          unique (submitted_by, idempotency_key)
        );
        create index case_queue on cases.case (department_id, queue, due_on) where queue is not null;
        create index case_region_queue on cases.case (region_code, queue, due_on) where queue is not null;
        create index case_person on cases.case (person_id, received_at desc);
        create index case_enterprise on cases.case (enterprise_id, received_at desc) where enterprise_id is not null;
        create index case_assignee on cases.case (assignee_id, queue) where assignee_id is not null;
        create table cases.case_material (
          case_id uuid not null references cases.case(id),
          material_id text not null,
          name text not null,
          sha256 char(64) not null,
          media_type text not null,
          size int not null,
          file_name text not null,
          source text not null check (source in ('upload', 'reuse', 'scan')),
          round int not null default 0,
          added_at timestamptz not null default now(),
          primary key (case_id, material_id, sha256)
        );
        create table cases.case_event (
          case_id uuid not null references cases.case(id),
          seq int not null,
          at timestamptz not null default now(),
          actor_kind text not null,
          actor_id text,
          actor_name text not null,
          action text not null,
          from_state text,
          to_state text not null,
          step int not null,
          note text,
          data jsonb,
          primary key (case_id, seq)
        );
        create table cases.draft (
          id uuid primary key default gen_random_uuid(),
          person_id uuid not null,
          enterprise_id text not null default '',
          item_code text not null,
          data jsonb not null,
          rev int not null default 1,
          updated_at timestamptz not null default now(),
          unique (person_id, enterprise_id, item_code)
        );
        create table cases.counter (
          region_code char(6) not null,
          day date not null,
          last int not null,
          primary key (region_code, day)
        );
        create table cases.message (
          id bigserial primary key,
          person_id uuid not null,
          case_id uuid references cases.case(id),
          text_zh text not null,
          text_en text not null,
          at timestamptz not null default now(),
          read_at timestamptz
        );
        create index message_person on cases.message (person_id, id desc);
        create table cases.upload (
          person_id uuid not null,
          sha256 char(64) not null,
          media_type text not null,
          size int not null,
          file_name text not null,
          at timestamptz not null default now(),
          primary key (person_id, sha256)
        );
        create table cases.prereview (
          id uuid primary key default gen_random_uuid(),
          person_id uuid not null,
          item_code text not null,
          item_name text not null,
          region_code char(6) not null,
          department_id uuid not null,
          answers jsonb not null,
          materials jsonb not null,
          state text not null default 'waiting' check (state in ('waiting', 'complete', 'incomplete')),
          answer text,
          answered_by text,
          answered_at timestamptz,
          created_at timestamptz not null default now()
        );
        create index prereview_queue on cases.prereview (region_code, state, created_at);
        create index prereview_person on cases.prereview (person_id, created_at desc);
      `.execute(db);
    },
  },
  '0052_cases_queue_indexes': {
    // The workbench's queue reads (a page's ids, the tabs' counts) answered from an index alone:
    // each holds every column they filter, sort or count on (bench/cases.ts, one million cases).
    // By department (bound grants), by region (counts of a region's cases), in due order (a page
    // of a wide grant's queue stops after its rows, overdue ones too), by assignee. They replace
    // 0050's narrower ones.
    async up(db: Kysely<unknown>) {
      await sql`
        drop index cases.case_queue;
        drop index cases.case_region_queue;
        drop index cases.case_assignee;
        create index case_open_department on cases.case (department_id, queue, due_on, number) include (region_code, assignee_id, id) where queue is not null;
        create index case_open_region on cases.case (region_code, queue, due_on, number) include (department_id, assignee_id, id) where queue is not null;
        create index case_open_due on cases.case (due_on, number) include (queue, region_code, department_id, assignee_id, id) where queue is not null;
        create index case_open_assignee on cases.case (assignee_id, due_on, number) include (queue, region_code, department_id, id) where queue is not null;
      `.execute(db);
    },
  },
};
