/**
 * "A second start on an existing data directory is ready in under 5 s."
 *
 * Subject: the real server, `node --import tsx src/main.ts`, as a child process with a temporary
 * DATA_DIR (embedded) or a scratch database (--mode server), a free PORT and LOG_LEVEL=silent.
 * It is started once to create and seed the data (reported, not compared), stopped with
 * SIGTERM, then started again --runs times: wall time from spawn until GET /readyz answers 200.
 * Baseline: spawn-to-ready of bench/startup-baseline.ts (node + tsx, PGlite opened on a copy of
 * the same, seeded data directory — or a pool on the same database — and a bare Fastify with
 * /readyz). Rounds alternate subject and baseline; readiness is polled every 20 ms for both.
 */
import { spawn } from 'node:child_process';
import { cpSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { freePort, median, numberOption, progress, row, scratchDatabase, sleep, tempDir, type Benchmark, type BenchOptions, type BenchResult } from './lib.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const POLL_MS = 20;

function readyz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/readyz', agent: false, timeout: 2000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

interface Start {
  readyMs: number;
  /** What the process printed about itself (the server's own "ready … in X s" line). */
  selfReported: number | null;
  stopMs: number;
}

/** Spawns, waits for /readyz 200, stops with SIGTERM and waits for the exit. */
async function startOnce(script: string, env: Record<string, string>, timeoutS: number): Promise<Start> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    cwd: ROOT,
    env: { ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  let exited: number | null = null;
  const exit = new Promise<void>((resolve) => child.once('exit', (code, signal) => ((exited = code ?? (signal ? 128 : 1)), resolve())));
  try {
    let readyMs: number | undefined;
    while (readyMs === undefined) {
      if (exited !== null) throw new Error(`${script} exited (${exited}) before it was ready:\n${out}`);
      if (performance.now() - t0 > timeoutS * 1000) throw new Error(`${script} was not ready within ${timeoutS} s:\n${out}`);
      if ((await readyz(port)) === 200) readyMs = performance.now() - t0;
      else await sleep(POLL_MS);
    }
    const m = /in ([\d.]+) s/.exec(out);
    const t1 = performance.now();
    child.kill('SIGTERM');
    await Promise.race([exit, sleep(30_000)]);
    if (exited === null) {
      child.kill('SIGKILL');
      throw new Error(`${script} did not stop within 30 s of SIGTERM`);
    }
    if (exited !== 0) throw new Error(`${script} exited with ${exited} after SIGTERM:\n${out}`);
    return { readyMs, selfReported: m ? Number(m[1]) * 1000 : null, stopMs: performance.now() - t1 };
  } finally {
    if (exited === null) child.kill('SIGKILL');
  }
}

export const startup: Benchmark = {
  name: 'startup',
  summary: 'second start of the real server (spawn → /readyz 200) vs node+tsx+database+bare Fastify; ms; goal < 5 s',
  defaultRuns: 5,
  async run(opts: BenchOptions): Promise<BenchResult> {
    const timeoutS = numberOption(opts.extra, 'timeout', 60);
    const base: Record<string, string> = {};
    for (const [k, v] of Object.entries(process.env)) if (v !== undefined && k !== 'DATABASE_URL' && k !== 'NODE_OPTIONS') base[k] = v;
    const dataDir = tempDir('platform-bench-start');
    const subjectEnv: Record<string, string> = { ...base, DATA_DIR: dataDir, LOG_LEVEL: 'silent', HOST: '127.0.0.1', NODE_ENV: 'development', SEED_DEMO: 'true' };
    let baselineEnv: Record<string, string>;
    let where: string;
    if (opts.mode === 'server') {
      const { url, name } = await scratchDatabase();
      subjectEnv.DATABASE_URL = url;
      baselineEnv = { ...base, DATABASE_URL: url };
      where = `PostgreSQL scratch database ${name}`;
    } else {
      baselineEnv = { ...base, DATA_DIR: tempDir('platform-bench-start-copy') };
      where = `PGlite in ${dataDir}/pg`;
    }

    progress('first start: create, migrate and seed');
    const first = await startOnce('src/main.ts', subjectEnv, Math.max(timeoutS, 300));
    progress(`first start ready in ${(first.readyMs / 1000).toFixed(1)} s`);
    if (opts.mode === 'embedded') cpSync(path.join(dataDir, 'pg'), path.join(baselineEnv.DATA_DIR!, 'pg'), { recursive: true });

    progress('warm-up start of the baseline');
    await startOnce('bench/startup-baseline.ts', baselineEnv, timeoutS);

    const got: { subject: Start[]; baseline: Start[] } = { subject: [], baseline: [] };
    for (let i = 0; i < opts.runs; i++) {
      const order = i % 2 === 0 ? (['subject', 'baseline'] as const) : (['baseline', 'subject'] as const);
      for (const which of order) {
        const s = await startOnce(which === 'subject' ? 'src/main.ts' : 'bench/startup-baseline.ts', which === 'subject' ? subjectEnv : baselineEnv, timeoutS);
        got[which].push(s);
        progress(`round ${i + 1} ${which.padEnd(8)} ready in ${s.readyMs.toFixed(0)} ms (self-reported ${s.selfReported ?? '?'} ms), stopped in ${s.stopMs.toFixed(0)} ms`);
      }
    }

    const subject = row('subject', 'second start of src/main.ts, spawn → /readyz 200', got.subject.map((s) => s.readyMs));
    const baseline = row('baseline', `node+tsx, ${opts.mode === 'embedded' ? 'PGlite open of a copy' : 'pg pool'}, bare Fastify /readyz`, got.baseline.map((s) => s.readyMs));
    const selfMedian = (xs: Start[]) => median(xs.map((s) => s.selfReported ?? NaN).filter((x) => !Number.isNaN(x)));
    return {
      benchmark: 'startup',
      mode: opts.mode,
      unit: 'ms',
      better: 'lower',
      baseline,
      subjects: [subject],
      ratio: subject.median / baseline.median,
      goal: { text: 'median second start < 5 s', met: subject.median < 5000 },
      info: {
        database: where,
        'first start (create, migrate, seed)': `${first.readyMs.toFixed(0)} ms`,
        'self-reported ready time, median (baseline, subject)': [selfMedian(got.baseline), selfMedian(got.subject)].map((x) => `${x.toFixed(0)} ms`),
        'stop after SIGTERM, median ms (baseline, subject)': [+median(got.baseline.map((s) => s.stopMs)).toFixed(0), +median(got.subject.map((s) => s.stopMs)).toFixed(0)],
        'server extra over baseline, median': `${(subject.median - baseline.median).toFixed(0)} ms`,
      },
      notes: [
        `readiness is polled every ${POLL_MS} ms on both sides; self-reported times are from the process's own clock (0.1 s resolution) and leave out node and tsx start-up before the entry module runs`,
        'the second start migrates nothing and seeds nothing, but opens the database, checks migrations, loads the region index and builds the Fastify app with every route and plugin',
      ],
    };
  },
};
