import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { createInstance, type Instance } from '../../src/app.ts';
import { testConfig } from '../../src/core/config.ts';
import { openEmbedded, openServer, type Database } from '../../src/core/db.ts';

/**
 * A fresh database for one test file, copied from the run's migrated and seeded template: a
 * PGlite data directory loaded in memory, or a PostgreSQL database created from the template.
 */
export async function freshDatabase(): Promise<Database> {
  const file = inject('templateFile');
  if (file) return openEmbedded(undefined, new Blob([readFileSync(file)]));
  const template = inject('templateDatabase');
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!template || !serverUrl) throw new Error('no test database template (global setup did not run)');
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${template}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = await openServer(url.toString(), 4);
  return {
    ...database,
    async close() {
      await database.close();
      const a = new pg.Client({ connectionString: serverUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}

export interface TestInstance extends Instance {
  dataDir: string;
}

/** The whole platform on a fresh copy of the seeded database (demo data included). */
export async function testInstance(overrides: Record<string, string> = {}): Promise<TestInstance> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'platform-test-'));
  const instance = await createInstance(testConfig({ DATA_DIR: dataDir, ...overrides }), await freshDatabase(), { seed: false });
  return {
    ...instance,
    dataDir,
    async close() {
      await instance.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export const DEMO_PASSWORD = 'Demo-2026!';

export interface Session {
  cookie: string;
  csrf: string;
  userId: string;
}

/** Logs a demo (or any) account in through the API and returns what later requests need. */
export async function login(i: Instance, username: string, password = DEMO_PASSWORD): Promise<Session> {
  const res = await i.http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'sid');
  const body = res.json() as { user: { csrfToken: string; id: string } };
  return { cookie: `sid=${cookie!.value}`, csrf: body.user.csrfToken, userId: body.user.id };
}

/** Sends a request as a logged-in session (with its CSRF token) or anonymously, from 127.0.0.1 or the given address. */
export function call(i: Instance, s: Session | null, method: string, url: string, payload?: unknown, headers: Record<string, string> = {}, remoteAddress?: string) {
  return i.http.app.inject({
    method: method as 'GET',
    url,
    ...(remoteAddress ? { remoteAddress } : {}),
    ...(payload === undefined ? {} : { payload: payload as object }),
    headers: s ? { cookie: s.cookie, 'x-csrf-token': s.csrf, ...headers } : headers,
  });
}
