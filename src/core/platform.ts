import { existsSync } from 'node:fs';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { DirectoryBlobStore, type BlobStore } from './blobs.ts';
import { WorkingCalendar } from './calendar.ts';
import type { Config } from './config.ts';
import { openEmbedded, openServer, type Database } from './db.ts';
import { createHttp, type App, type Authenticator, type RouteInfo } from './http.ts';
import { migrate, type Migration } from './migrate.ts';
import { FieldCipher } from './fieldcrypto.ts';
import { DevMailbox, HttpSmsGateway, type SmsGateway } from './notify.ts';
import { Outbox } from './outbox.ts';
import { coreMigrations, type CoreTables } from './schema.ts';

/** What core gives every module. */
export interface Platform {
  config: Config;
  database: Database;
  db: Kysely<unknown>;
  outbox: Outbox;
  blobs: BlobStore;
  sms: SmsGateway;
  cipher: FieldCipher;
  /** The working-day calendar: published years and the years administrators entered (core.calendar_year). */
  calendar: WorkingCalendar;
  /** Parent of each region code; filled by the module that owns regions. */
  regionParents: Map<string, string | null>;
  authenticators: Authenticator[];
}

export interface Module {
  name: string;
  migrations?: Record<string, Migration>;
  /** Outbox subscribers and in-memory state; runs before any route is registered. */
  init?(p: Platform): Promise<void>;
  routes?(app: App, p: Platform): Promise<void> | void;
  /** Demo data for an empty database; returns lines to print once (e.g. credentials). */
  seedDemo?(p: Platform): Promise<string[]>;
}

/** Outside production without DATA_KEY: a published key, so development data is not secret. */
const DEVELOPMENT_DATA_KEY = Buffer.from('development only, not a secret!!');

export function allMigrations(modules: readonly Module[]): Record<string, Migration> {
  const all: Record<string, Migration> = { ...coreMigrations };
  for (const m of modules) {
    for (const [name, mig] of Object.entries(m.migrations ?? {})) {
      if (all[name]) throw new Error(`migration name ${name} is used twice`);
      all[name] = mig;
    }
  }
  return all;
}

export async function openDatabase(config: Config): Promise<Database> {
  return config.DATABASE_URL
    ? openServer(config.DATABASE_URL)
    : openEmbedded(path.join(config.DATA_DIR, 'pg'));
}

export async function createPlatform(config: Config, database: Database, modules: readonly Module[]): Promise<Platform> {
  await migrate(database.db, allMigrations(modules));
  const platform: Platform = {
    config,
    database,
    db: database.db,
    outbox: new Outbox(database.db),
    blobs: new DirectoryBlobStore(path.join(config.DATA_DIR, 'blobs')),
    cipher: new FieldCipher(config.DATA_KEY ?? DEVELOPMENT_DATA_KEY),
    sms: config.SMS_GATEWAY_URL ? new HttpSmsGateway(config.SMS_GATEWAY_URL, config.SMS_GATEWAY_TOKEN ?? '') : new DevMailbox(database.db),
    calendar: new WorkingCalendar(await enteredYears(database.db)),
    regionParents: new Map(),
    authenticators: [],
  };
  for (const m of modules) await m.init?.(platform);
  return platform;
}

async function enteredYears(db: Kysely<unknown>) {
  const rows = await (db as Kysely<CoreTables>).selectFrom('core.calendar_year').select(['year', 'off_days', 'work_days']).execute();
  return rows.map((r) => ({ year: r.year, offDays: r.off_days, workDays: r.work_days, source: 'admin' as const }));
}

const WEB_DIST = path.resolve(import.meta.dirname, '../../web/dist');

export async function buildHttp(platform: Platform, modules: readonly Module[]): Promise<{ app: App; routes: RouteInfo[] }> {
  const { app, routes } = createHttp({
    config: platform.config,
    parentOf: (code) => platform.regionParents.get(code),
    authenticators: platform.authenticators,
    webRoot: existsSync(WEB_DIST) ? WEB_DIST : null,
    ready: async () => {
      await sql`select 1`.execute(platform.db);
      return true;
    },
  });
  for (const m of modules) await app.register(async (scope) => m.routes?.(scope as unknown as App, platform));
  await app.ready();
  return { app, routes };
}

export async function seedDemo(platform: Platform, modules: readonly Module[]): Promise<string[]> {
  const lines: string[] = [];
  for (const m of modules) lines.push(...((await m.seedDemo?.(platform)) ?? []));
  return lines;
}
