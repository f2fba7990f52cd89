import { sql, type Generated, type Kysely } from 'kysely';
import type { Migration } from '../../core/migrate.ts';
import type { AppealGround, AppealState, EvaluationChannel, Level, RectificationState } from './evaluation-model.ts';

/**
 * One service at a window (一次一评): who served whom where. The rater reaches it without logging in
 * by a random token (on the window's rating pad, or by QR code); only the token's SHA-256 is kept.
 */
export interface VisitTable {
  id: Generated<string>;
  token_sha256: string;
  hall_id: string;
  window_number: number;
  clerk_id: string;
  clerk_name: string;
  case_id: string | null;
  person_id: string | null;
  /** The department answerable for the service (the case's, or the clerk's) and its region. */
  region_code: string;
  department_id: string;
  department_name: string;
  item_name: string | null;
  opened_at: Generated<Date>;
}

/** One rating of a case (channel online) or a visit (channel window); round 2 follows a closed rectification. */
export interface EvaluationTable {
  id: Generated<string>;
  case_id: string | null;
  visit_id: string | null;
  round: 1 | 2;
  channel: EvaluationChannel;
  level: Level;
  indicators: string[];
  comment: string;
  /** The person who rated (null: an anonymous rating at a window pad). */
  person_id: string | null;
  region_code: string;
  department_id: string;
  department_name: string;
  /** An upheld appeal took it out of the statistics. */
  excluded: Generated<boolean>;
  /** The statistics count it: the subject's latest rating not excluded (`countedRating`). */
  counted: Generated<boolean>;
  rated_at: Generated<Date>;
  /** The Asia/Shanghai day it was given, for the public statistics by period. */
  rated_on: string;
}

/** The department's work on a poor rating: call the rater back, put it right, record the outcome. */
export interface RectificationTable {
  id: Generated<string>;
  evaluation_id: string;
  region_code: string;
  department_id: string;
  department_name: string;
  state: Generated<RectificationState>;
  opened_on: string;
  due_on: string;
  callback_record: string | null;
  callback_reached: boolean | null;
  called_back_by: string | null;
  called_back_at: Date | null;
  outcome: string | null;
  closed_by: string | null;
  closed_at: Date | null;
  created_at: Generated<Date>;
}

/** A department's appeal (申诉) against a mistaken or malicious rating, decided by a reviewer of ratings. */
export interface AppealTable {
  id: Generated<string>;
  evaluation_id: string;
  region_code: string;
  department_id: string;
  ground: AppealGround;
  reason: string;
  state: Generated<AppealState>;
  submitted_by: string;
  submitted_by_name: string;
  submitted_at: Generated<Date>;
  decision: string | null;
  decided_by: string | null;
  decided_by_name: string | null;
  decided_at: Date | null;
}

export interface EvaluationTables {
  'cases.visit': VisitTable;
  'cases.evaluation': EvaluationTable;
  'cases.rectification': RectificationTable;
  'cases.appeal': AppealTable;
}

export const evaluationMigrations: Record<string, Migration> = {
  '0051_cases_evaluation': {
    async up(db: Kysely<unknown>) {
      await sql`
        create table cases.visit (
          id uuid primary key default gen_random_uuid(),
          token_sha256 char(64) not null unique,
          hall_id uuid not null references org.hall(id),
          window_number int not null check (window_number > 0),
          clerk_id text not null,
          clerk_name text not null,
          case_id uuid references cases.case(id),
          person_id uuid,
          region_code char(6) not null references org.region(code),
          department_id uuid not null references org.department(id),
          department_name text not null,
          item_name text,
          opened_at timestamptz not null default now()
        );
        create index visit_case on cases.visit (case_id) where case_id is not null;
        create table cases.evaluation (
          id uuid primary key default gen_random_uuid(),
          case_id uuid references cases.case(id),
          visit_id uuid references cases.visit(id),
          round smallint not null check (round in (1, 2)),
          channel text not null check (channel in ('online', 'window')),
          level smallint not null check (level between 1 and 5),
          indicators text[] not null default '{}',
          comment text not null default '',
          person_id uuid,
          region_code char(6) not null,
          department_id uuid not null,
          department_name text not null,
          excluded boolean not null default false,
          counted boolean not null default true,
          rated_at timestamptz not null default now(),
          rated_on date not null,
          check ((case_id is null) <> (visit_id is null)),
          unique (case_id, round),
          unique (visit_id, round)
        );
        create index evaluation_counted on cases.evaluation (rated_on, region_code) where counted;
        create table cases.rectification (
          id uuid primary key default gen_random_uuid(),
          evaluation_id uuid not null unique references cases.evaluation(id),
          region_code char(6) not null,
          department_id uuid not null,
          department_name text not null,
          state text not null default 'open' check (state in ('open', 'called_back', 'closed', 'cancelled')),
          opened_on date not null,
          due_on date not null,
          callback_record text,
          callback_reached boolean,
          called_back_by text,
          called_back_at timestamptz,
          outcome text,
          closed_by text,
          closed_at timestamptz,
          created_at timestamptz not null default now()
        );
        create index rectification_queue on cases.rectification (region_code, department_id, state, due_on);
        create table cases.appeal (
          id uuid primary key default gen_random_uuid(),
          evaluation_id uuid not null unique references cases.evaluation(id),
          region_code char(6) not null,
          department_id uuid not null,
          ground text not null check (ground in ('mistaken', 'malicious')),
          reason text not null,
          state text not null default 'submitted' check (state in ('submitted', 'upheld', 'rejected')),
          submitted_by text not null,
          submitted_by_name text not null,
          submitted_at timestamptz not null default now(),
          decision text,
          decided_by text,
          decided_by_name text,
          decided_at timestamptz
        );
        create index appeal_queue on cases.appeal (region_code, state, submitted_at);
      `.execute(db);
    },
  },
};
