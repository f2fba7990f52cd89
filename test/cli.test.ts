import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createInstance } from '../src/app.ts';
import { testConfig } from '../src/core/config.ts';
import { openEmbedded } from '../src/core/db.ts';

/** `npm run cli -- …` is `node --import tsx src/cli.ts …`; run it directly to keep npm's own lines out of the output. */

const ROOT = path.resolve(import.meta.dirname, '..');
const EMBEDDED_ONLY = 'embedded mode only: these commands run against a PGlite data directory in DATA_DIR, not TEST_DATABASE_URL';

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], dataDir: string): Promise<Run> {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', NODE_ENV: 'development' };
  delete env.TEST_DATABASE_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stdout, stderr })));
}

const tmp = (what: string) => mkdtempSync(path.join(os.tmpdir(), `cli-${what}-`));
const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

// The cases work on copies of their own, so they run side by side.
describe.skipIf(!!process.env.TEST_DATABASE_URL)(`CLI commands on a data directory (${EMBEDDED_ONLY})`, { concurrent: true }, () => {
  /** Seeded once, then copied for each case so no case sees another's changes. */
  let prepared: string;
  const copy = (what: string) => {
    const dir = tmp(what);
    made.push(dir);
    cpSync(prepared, dir, { recursive: true });
    return dir;
  };

  /** Opens a copied data directory directly, as someone with access to the files would. */
  async function tamper(dir: string, statement: string) {
    const database = await openEmbedded(path.join(dir, 'pg'));
    try {
      await sql`alter table core.audit_log disable trigger audit_log_append_only`.execute(database.db);
      await sql.raw(statement).execute(database.db);
    } finally {
      await database.close();
    }
  }

  beforeAll(async () => {
    prepared = tmp('prepared');
    made.push(prepared);
    const seeded = await cli(['seed-demo'], prepared);
    expect(seeded.code, seeded.stderr).toBe(0);
    expect(seeded.stdout).toContain('platform_admin.hubei');
    expect(existsSync(path.join(prepared, 'platform.lock'))).toBe(false);
  }, 120_000);

  it('audit verify exits 0 on an intact data directory', async () => {
    const dir = copy('intact');
    const r = await cli(['audit', 'verify'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^audit chain intact: \d+ entries$/m);
    expect(Number(/(\d+) entries/.exec(r.stdout)![1])).toBeGreaterThan(5);
  }, 120_000);

  it('audit verify exits 1 naming the entry whose row was changed in the table', async () => {
    const dir = copy('changed');
    await tamper(dir, `update core.audit_log set action = 'department.delete' where seq = 5`);
    const r = await cli(['audit', 'verify'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/audit chain broken: entry 5 was changed; 4 entries before it are intact/);
    expect(r.stdout).not.toMatch(/intact: \d+ entries/);
  }, 120_000);

  it('audit verify exits 1 naming the entry that was deleted from the table', async () => {
    const dir = copy('removed');
    await tamper(dir, `delete from core.audit_log where seq = 7`);
    const r = await cli(['audit', 'verify'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/entry 7 is missing \(removed\)/);
  }, 120_000);

  it('create-admin prints JSON with the id; the new admin can log in and must change the password', async () => {
    const dir = copy('admin');
    const password = 'Start-2026-pass';
    const r = await cli(['create-admin', '--username', 'new.admin', '--name', '新管理员', '--password', password], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const printed = JSON.parse(r.stdout.trim()) as { id: string; username: string; role: string; regionCode: string };
    expect(printed).toMatchObject({ username: 'new.admin', role: 'platform_admin', regionCode: '420000' });
    expect(printed.id).toMatch(/^[0-9a-f-]{36}$/);

    const instance = await createInstance(testConfig({ DATA_DIR: dir }), await openEmbedded(path.join(dir, 'pg')), { seed: false });
    try {
      const app = instance.http.app;
      const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'new.admin', password } });
      expect(login.statusCode).toBe(200);
      const user = (login.json() as { user: { id: string; mustChangePassword: boolean; csrfToken: string; grants: { role: string; regionCode: string }[] } }).user;
      expect(user).toMatchObject({ id: printed.id, mustChangePassword: true, grants: [{ role: 'platform_admin', regionCode: '420000' }] });
      const headers = { cookie: `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`, 'x-csrf-token': user.csrfToken };
      const changed = await app.inject({ method: 'POST', url: '/api/auth/password', headers, payload: { currentPassword: password, newPassword: 'Changed-2026-pass' } });
      expect(changed.statusCode).toBe(204);
      const me = (await app.inject({ method: 'GET', url: '/api/auth/me', headers })).json() as { user: { mustChangePassword: boolean } };
      expect(me.user.mustChangePassword).toBe(false);
    } finally {
      await instance.close();
    }
  }, 120_000);

  it('migrate on an up-to-date database says so', async () => {
    const dir = copy('migrate');
    const r = await cli(['migrate'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe('database is up to date');
    expect(existsSync(path.join(dir, 'platform.lock'))).toBe(false);
  }, 120_000);

  it('migrate on an empty data directory names the migrations it applied', async () => {
    const dir = tmp('empty');
    made.push(dir);
    const r = await cli(['migrate'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^applied: 0001_core(, \w+)+$/m);
  }, 120_000);
});

describe('CLI usage', () => {
  let dataDir: string;
  beforeAll(() => {
    dataDir = path.join(tmp('usage'), 'never-created');
    made.push(path.dirname(dataDir));
  });

  it('--help of every command exits 0 with its usage, without touching the data directory', async () => {
    const cases = [['migrate'], ['seed-demo'], ['create-admin'], ['audit', 'verify'], ['regions', 'load']];
    const runs = await Promise.all([...cases.map((c) => cli([...c, '--help'], dataDir)), cli(['--help'], dataDir)]);
    cases.forEach((c, k) => {
      expect(runs[k]!.code, c.join(' ')).toBe(0);
      expect(runs[k]!.stdout, c.join(' ')).toContain(`usage: npm run cli -- ${c.join(' ')}`);
    });
    expect(runs[2]!.stdout).toMatch(/--username/);
    const overall = runs.at(-1)!;
    expect(overall.code).toBe(0);
    for (const c of cases) expect(overall.stdout).toContain(c.join(' '));
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);

  it('create-admin refuses a weak password with exit 2 and creates nobody', async () => {
    const r = await cli(['create-admin', '--username', 'weak.admin', '--name', '弱密码', '--password', 'short'], dataDir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toBe('');
    expect(r.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);

  it('an unknown option or command exits 2 with the usage', async () => {
    const [option, command, missing] = await Promise.all([
      cli(['migrate', '--bogus'], dataDir),
      cli(['frobnicate'], dataDir),
      cli(['create-admin', '--username', 'x.admin'], dataDir),
    ]);
    expect(option.code).toBe(2);
    expect(option.stderr).toMatch(/--bogus/);
    expect(option.stderr).toContain('usage: npm run cli -- migrate');
    expect(command.code).toBe(2);
    expect(command.stdout).toContain('usage: npm run cli');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/missing --name, --password/);
    expect(existsSync(dataDir)).toBe(false);
  }, 120_000);
});
