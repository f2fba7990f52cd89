/**
 * (a) An authenticated read over real HTTP against a bare Fastify route returning the same JSON.
 *
 * Subject: GET /api/regions/420100/children on the whole platform (migrated, seeded), as the demo
 * account platform_admin.wuhan with its session cookie: cookie parsing, session look-up (cached
 * 5 s), permission and region-scope guards, parameter validation, two count queries, response
 * serialization, security headers.
 * Baseline: a plain Fastify app (no plugins, no logger) on another port whose one route, at the
 * same path, sends exactly the bytes the real route returned, with the same content type.
 *
 * Both listen on 127.0.0.1 in this process; the load comes from bench/load-client.ts in a child
 * process (keep-alive, fixed concurrency, closed loop), sending the same request (cookie
 * included) to both. Rounds alternate baseline and subject (the order flips every round).
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import Fastify from 'fastify';
import { DEMO_PASSWORD } from '../src/modules/identity/index.ts';
import { median, numberOption, onCleanup, progress, row, seededInstance, type Benchmark, type BenchOptions, type BenchResult } from './lib.ts';

const DEFAULT_PATH = '/api/regions/420100/children';
const USER = 'platform_admin.wuhan';

interface ClientResult {
  type: 'result';
  id: number;
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  latencyMs: { p50: number; p90: number; p99: number };
  cpuMs: number;
}

/** The load generator child and a promise-returning way to run one round on it. */
async function startClient(): Promise<{ round: (m: Record<string, unknown>) => Promise<ClientResult>; stop: () => Promise<void> }> {
  const child: ChildProcess = fork(path.join(import.meta.dirname, 'load-client.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  let nextId = 1;
  const waiting = new Map<number, (r: ClientResult) => void>();
  const ready = new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load client exited early (${code})`)));
    child.on('message', (m: { type: string; id?: number }) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'result') waiting.get(m.id!)?.(m as ClientResult);
    });
  });
  await ready;
  const stop = async () => {
    if (child.exitCode !== null || !child.connected) return;
    const gone = new Promise((resolve) => child.once('exit', resolve));
    child.send({ type: 'exit' });
    await Promise.race([gone, new Promise((r) => setTimeout(r, 2000))]);
    if (child.exitCode === null) child.kill();
  };
  onCleanup(stop);
  return {
    round: (m) =>
      new Promise((resolve) => {
        const id = nextId++;
        waiting.set(id, resolve);
        child.send({ type: 'run', id, ...m });
      }),
    stop,
  };
}

export const httpRead: Benchmark = {
  name: 'http-read',
  summary: `authenticated GET ${DEFAULT_PATH} (${USER}) vs a bare Fastify route sending the same JSON; requests/s over HTTP; goal ≥ 0.7×`,
  defaultRuns: 5,
  async run(opts: BenchOptions): Promise<BenchResult> {
    const seconds = numberOption(opts.extra, 'seconds', 3);
    const warmup = numberOption(opts.extra, 'warmup', 2);
    const concurrency = Math.round(numberOption(opts.extra, 'concurrency', 16));
    const baselineKind = opts.extra.baseline === 'object' ? 'object' : 'bytes';
    // Another GET of the platform can be measured the same way (e.g. /api/department-kinds: the
    // same guards without a database query; /healthz: no session, no guards).
    const READ_PATH = opts.extra.path ?? DEFAULT_PATH;
    if (!READ_PATH.startsWith('/')) throw new Error('--path must start with /');

    progress(`creating and seeding the ${opts.mode} database`);
    const { instance, where, seedMs } = await seededInstance(opts.mode);
    const app = instance.http.app;
    const subjectBase = await app.listen({ host: '127.0.0.1', port: 0 });

    // Log in through HTTP like a browser and read the route once.
    const login = await fetch(`${subjectBase}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USER, password: DEMO_PASSWORD }),
    });
    if (login.status !== 200) throw new Error(`login failed: ${login.status} ${await login.text()}`);
    const sid = login.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('sid='));
    if (!sid) throw new Error('login set no sid cookie');
    const headers = { cookie: sid, accept: 'application/json' };
    const first = await fetch(`${subjectBase}${READ_PATH}`, { headers });
    const body = Buffer.from(await first.arrayBuffer());
    if (first.status !== 200) throw new Error(`GET ${READ_PATH}: ${first.status} ${body.toString()}`);
    const contentType = first.headers.get('content-type') ?? 'application/json; charset=utf-8';

    // The bare baseline: no plugins, no hooks, no schema; the same path and the same bytes.
    const bare = Fastify({ logger: false });
    const text = body.toString('utf8');
    const parsed = JSON.parse(text) as unknown;
    bare.get(READ_PATH.split('?')[0]!, async (_req, reply) => reply.type(contentType).send(baselineKind === 'object' ? parsed : text));
    const bareBase = await bare.listen({ host: '127.0.0.1', port: 0 });
    onCleanup(() => bare.close());
    const check = await fetch(`${bareBase}${READ_PATH}`, { headers });
    const checkBody = Buffer.from(await check.arrayBuffer());
    if (check.status !== 200 || !checkBody.equals(body)) throw new Error('the bare route does not return the same bytes as the real one');

    progress(`load client: ${concurrency} keep-alive connections, ${opts.runs} rounds × ${seconds} s per side after ${warmup} s warm-up`);
    const client = await startClient();
    const side = { baseline: `${bareBase}${READ_PATH}`, subject: `${subjectBase}${READ_PATH}` } as const;
    const measure = async (which: keyof typeof side, secs: number) => {
      const cpu0 = process.cpuUsage();
      const r = await client.round({ url: side[which], headers, concurrency, seconds: secs, expectStatus: 200, expectBytes: body.length });
      const cpu = process.cpuUsage(cpu0);
      return { ...r, rps: r.requests / r.seconds, serverCpuUsPerReq: (cpu.user + cpu.system) / Math.max(1, r.requests + r.errors), clientCpuUsPerReq: (r.cpuMs * 1000) / Math.max(1, r.requests + r.errors) };
    };

    await measure('baseline', warmup);
    await measure('subject', warmup);
    type M = Awaited<ReturnType<typeof measure>>;
    const got: Record<keyof typeof side, M[]> = { baseline: [], subject: [] };
    for (let i = 0; i < opts.runs; i++) {
      const order: (keyof typeof side)[] = i % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline'];
      for (const which of order) {
        const m = await measure(which, seconds);
        got[which].push(m);
        progress(`round ${i + 1} ${which.padEnd(8)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.latencyMs.p50.toFixed(2)} ms  server CPU ${m.serverCpuUsPerReq.toFixed(0)} µs/req${m.errors ? `  ${m.errors} errors (${m.firstError})` : ''}`);
      }
    }
    await client.stop();

    const baseline = row('baseline', `bare Fastify, same ${body.length} bytes${baselineKind === 'object' ? ' (object, JSON.stringify)' : ''}`, got.baseline.map((m) => m.rps));
    const subject = row('subject', `GET ${READ_PATH} as ${USER}`, got.subject.map((m) => m.rps));
    const ratio = subject.median / baseline.median;
    const cpuB = median(got.baseline.map((m) => m.serverCpuUsPerReq));
    const cpuS = median(got.subject.map((m) => m.serverCpuUsPerReq));
    const errors = [...got.baseline, ...got.subject].reduce((n, m) => n + m.errors, 0);
    const lat = (ms: M[]) => ({ p50: +median(ms.map((m) => m.latencyMs.p50)).toFixed(2), p99: +median(ms.map((m) => m.latencyMs.p99)).toFixed(2) });
    return {
      benchmark: 'http-read',
      mode: opts.mode,
      unit: 'req/s',
      better: 'higher',
      baseline,
      subjects: [subject],
      ratio,
      goal: { text: '≥ 0.70×', met: ratio >= 0.7 },
      info: {
        database: where,
        'seed time': `${(seedMs / 1000).toFixed(1)} s`,
        response: `${body.length} bytes, ${contentType}`,
        load: `${concurrency} keep-alive connections, child process, ${seconds} s rounds after ${warmup} s warm-up`,
        'server CPU µs/request (baseline, subject)': [+cpuB.toFixed(0), +cpuS.toFixed(0)],
        'server-CPU ratio (baseline CPU/req ÷ subject CPU/req)': +(cpuB / cpuS).toFixed(2),
        'client CPU µs/request (baseline, subject)': [+median(got.baseline.map((m) => m.clientCpuUsPerReq)).toFixed(0), +median(got.subject.map((m) => m.clientCpuUsPerReq)).toFixed(0)],
        'latency ms (baseline p50/p99, subject p50/p99)': [lat(got.baseline), lat(got.subject)],
        errors,
      },
      notes: [
        'server and load client share the machine\'s cores: the client\'s own cost per request is the same for both sides, which pulls the req/s ratio towards 1; the server-CPU ratio leaves the client out',
        'sessions are cached for 5 s, so about one request in every 5 s also re-reads the session and grants',
        ...(errors ? [`${errors} requests failed or returned unexpected bytes: figures are suspect`] : []),
      ],
    };
  },
};
