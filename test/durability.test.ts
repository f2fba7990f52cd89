import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The server and CLI as real child processes. The embedded-database cases need a PGlite data
 * directory of their own; under TEST_DATABASE_URL they are skipped (the server then keeps no local
 * database, and durability and the data-directory lock are PostgreSQL's business).
 */

const ROOT = path.resolve(import.meta.dirname, '..');
const EMBEDDED_ONLY = 'embedded mode only: kill -9 durability and the data-directory lock concern PGlite in DATA_DIR, not TEST_DATABASE_URL';
const children = new Set<ChildProcess>();

interface Run {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function baseEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'silent', NODE_ENV: 'development', DATABASE_URL: '', ...extra };
  delete env.TEST_DATABASE_URL;
  return env;
}

function spawnNode(script: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: ROOT, env: baseEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<Run>((resolve) =>
    child.on('exit', (code, signal) => {
      children.delete(child);
      // Let the pipes drain before reporting.
      setImmediate(() => resolve({ code, signal, stdout, stderr }));
    }),
  );
  return { child, exited, out: () => stdout, err: () => stderr };
}

/** Runs a command to its end. */
const run = (script: string, args: string[], env: Record<string, string>) => spawnNode(script, args, env).exited;

interface Server {
  child: ChildProcess;
  url: string;
  exited: Promise<Run>;
}

/** Starts `node --import tsx src/main.ts` and waits for its "ready at http://…" line. */
async function startServer(dataDir: string): Promise<Server> {
  const s = spawnNode('src/main.ts', [], { DATA_DIR: dataDir });
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const m = /ready at (http:\/\/\S+)/.exec(s.out());
      if (m) resolve(m[1]!);
    };
    s.child.stdout!.on('data', check);
    void s.exited.then((r) => reject(new Error(`server exited (${r.code ?? r.signal}) before it was ready:\n${r.stdout}\n${r.stderr}`)));
  });
  return { child: s.child, url, exited: s.exited };
}

async function loginOver(url: string, username: string, password = 'Demo-2026!') {
  const res = await fetch(`${url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  expect(res.status, `login ${username}`).toBe(200);
  const sid = /sid=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')![1]!;
  const body = (await res.json()) as { user: { csrfToken: string } };
  return { cookie: `sid=${sid}`, csrf: body.user.csrfToken };
}

type Login = Awaited<ReturnType<typeof loginOver>>;

const api = (url: string, s: Login, method: string, route: string, body?: unknown) =>
  fetch(`${url}${route}`, {
    method,
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrf, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });

afterAll(() => {
  // Only the processes this file started, by their own handle.
  for (const c of children) c.kill('SIGKILL');
});

describe.skipIf(!!process.env.TEST_DATABASE_URL)(`the server in embedded mode (${EMBEDDED_ONLY})`, () => {
  let dataDir: string;
  let server: Server | undefined;
  const acknowledged: { id: string; name: string }[] = [];

  beforeAll(() => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'durability-'));
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps every acknowledged department after kill -9, and the restarted server takes over the stale lock', async () => {
    const first = await startServer(dataDir);
    const admin = await loginOver(first.url, 'platform_admin.hubei');
    const unawaited: Promise<unknown>[] = [];
    const runTag = Date.now().toString(36);
    for (let n = 1; n <= 30; n++) {
      const name = `持久性测试部门${runTag}-${n}`;
      const res = await api(first.url, admin, 'POST', '/api/departments', { regionCode: '420100', kind: 'education', name });
      expect(res.status, await res.clone().text()).toBe(201);
      acknowledged.push({ id: ((await res.json()) as { id: string }).id, name });
      if (n % 10 === 0) {
        // Writes in flight when the process dies: they may or may not be kept, but never half.
        for (let extra = 0; extra < 2; extra++) {
          unawaited.push(api(first.url, admin, 'POST', '/api/departments', { regionCode: '420100', kind: 'education', name: `未确认部门${runTag}-${n}-${extra}` }).catch(() => null));
        }
      }
    }
    first.child.kill('SIGKILL');
    const killed = await first.exited;
    expect(killed.signal).toBe('SIGKILL');
    await Promise.all(unawaited);

    // The dead process's lock is still there …
    const lock = JSON.parse(readFileSync(path.join(dataDir, 'platform.lock'), 'utf8')) as { pid: number };
    expect(lock.pid).toBe(first.child.pid);

    // … and a new server takes it over.
    server = await startServer(dataDir);
    expect((JSON.parse(readFileSync(path.join(dataDir, 'platform.lock'), 'utf8')) as { pid: number }).pid).toBe(server.child.pid);
    const again = await loginOver(server.url, 'platform_admin.hubei');
    const missing: string[] = [];
    for (const d of acknowledged) {
      const res = await api(server.url, again, 'GET', `/api/departments/${d.id}`);
      if (res.status !== 200 || ((await res.json()) as { name: string }).name !== d.name) missing.push(d.name);
    }
    expect(missing).toEqual([]);
    expect(acknowledged).toHaveLength(30);

    const auditor = await loginOver(server.url, 'auditor.hubei');
    const verify = (await (await api(server.url, auditor, 'GET', '/api/audit/verify')).json()) as { ok: boolean };
    expect(verify).toMatchObject({ ok: true });
    const creates = (await (await api(server.url, auditor, 'GET', '/api/audit?action=department.create&pageSize=100')).json()) as { items: { targetId: string }[] };
    const audited = new Set(creates.items.map((e) => e.targetId));
    expect(acknowledged.filter((d) => !audited.has(d.id))).toEqual([]);
  }, 150_000);

  it('refuses a second server on the same data directory: exit 1 with a line naming the directory', async () => {
    expect(server, 'the restarted server of the test before').toBeDefined();
    const second = await run('src/main.ts', [], { DATA_DIR: dataDir });
    expect(second.code).toBe(1);
    expect(second.stderr).toContain(dataDir);
    expect(second.stderr).toMatch(/in use/);
    expect(second.stdout).not.toMatch(/ready at/);
    // The running server is untouched.
    expect((await fetch(`${server!.url}/healthz`)).status).toBe(200);
  }, 60_000);

  it('refuses the CLI while the server runs: exit 1 saying the data directory is in use', async () => {
    const cli = await run('src/cli.ts', ['audit', 'verify'], { DATA_DIR: dataDir });
    expect(cli.code).toBe(1);
    expect(cli.stderr).toMatch(/data directory .* is in use/);
    expect(cli.stderr).toContain(dataDir);
    expect((await fetch(`${server!.url}/readyz`)).status).toBe(200);
  }, 60_000);

  it('stops on SIGTERM with exit 0 and releases the lock; audit verify then finds the chain intact', async () => {
    server!.child.kill('SIGTERM');
    const stopped = await server!.exited;
    expect(stopped.code).toBe(0);
    expect(existsSync(path.join(dataDir, 'platform.lock'))).toBe(false);

    const verify = await run('src/cli.ts', ['audit', 'verify'], { DATA_DIR: dataDir });
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
    const entries = Number(/audit chain intact: (\d+) entries/.exec(verify.stdout)?.[1]);
    expect(entries).toBeGreaterThanOrEqual(acknowledged.length);
    expect(existsSync(path.join(dataDir, 'platform.lock'))).toBe(false);
  }, 90_000);
});

describe('configuration errors at start', () => {
  it('PORT=abc exits 1 with one stderr line naming PORT; DATABASE_URL=mysql://x exits 1 naming DATABASE_URL', async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), 'config-error-'));
    try {
      const [port, url] = await Promise.all([
        run('src/main.ts', [], { DATA_DIR: dataDir, PORT: 'abc' }),
        run('src/main.ts', [], { DATA_DIR: dataDir, DATABASE_URL: 'mysql://x' }),
      ]);
      expect(port.code).toBe(1);
      expect(port.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(port.stderr).toMatch(/\bPORT\b/);
      expect(port.stdout).toBe('');
      expect(url.code).toBe(1);
      expect(url.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(url.stderr).toMatch(/\bDATABASE_URL\b/);
      expect(url.stdout).toBe('');
      // Nothing was started: no lock, no database.
      expect(existsSync(path.join(dataDir, 'platform.lock'))).toBe(false);
      expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);
});
