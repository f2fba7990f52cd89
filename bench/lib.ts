/**
 * Shared pieces of the benchmarks: command-line options, a scratch database (embedded in a
 * temporary DATA_DIR, or a scratch PostgreSQL database), statistics and the report format.
 *
 * Every benchmark measures its subject and a baseline in the same run, alternating rounds, and
 * reports medians and their ratio: the machine this runs on is small and noisy, so absolute
 * figures move from run to run while ratios move much less.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createInstance, type Instance } from '../src/app.ts';
import { testConfig, type Config } from '../src/core/config.ts';
import { openEmbedded, openServer, type Database } from '../src/core/db.ts';

export type Mode = 'embedded' | 'server';

export interface BenchOptions {
  mode: Mode;
  /** Measured rounds of each side (after a warm-up). */
  runs: number;
  /** Every other `--key value` (or `--flag`) given on the command line. */
  extra: Record<string, string>;
}

export interface Benchmark {
  name: string;
  summary: string;
  defaultRuns: number;
  run(opts: BenchOptions): Promise<BenchResult>;
}

export interface Row {
  key: string;
  label: string;
  /** One figure per measured round, in round order. */
  runs: number[];
  median: number;
}

export interface BenchResult {
  benchmark: string;
  mode: Mode;
  unit: string;
  better: 'higher' | 'lower';
  baseline: Row;
  /** The first subject is the headline one; `ratio` and `goal` refer to it. */
  subjects: Row[];
  /** subject median / baseline median, for the first subject. */
  ratio: number;
  goal?: { text: string; met: boolean };
  /** Further figures (not ratios): sizes, latencies, CPU per operation … */
  info: Record<string, unknown>;
  notes: string[];
}

// ---------------------------------------------------------------------------------------------
// command line

export function parseArgs(argv: string[]): { name: string | undefined; runs: number | undefined; mode: Mode; extra: Record<string, string> } {
  let name: string | undefined;
  let runs: number | undefined;
  let mode: Mode = 'embedded';
  const extra: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      let value: string;
      if (eq > 0) value = a.slice(eq + 1);
      else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith('--')) value = argv[++i]!;
      else value = 'true';
      if (key === 'runs') {
        runs = Number(value);
        if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${value})`);
      } else if (key === 'mode') {
        if (value !== 'embedded' && value !== 'server') throw new Error(`--mode must be embedded or server (got ${value})`);
        mode = value;
      } else extra[key] = value;
    } else if (name === undefined) name = a;
    else throw new Error(`unexpected argument ${a}`);
  }
  return { name, runs, mode, extra };
}

export function numberOption(extra: Record<string, string>, key: string, fallback: number): number {
  if (extra[key] === undefined) return fallback;
  const n = Number(extra[key]);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`--${key} must be a positive number (got ${extra[key]})`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// clean-up that also runs on Ctrl-C

const cleanups: (() => Promise<void> | void)[] = [];

export function onCleanup(fn: () => Promise<void> | void): void {
  cleanups.push(fn);
}

export async function runCleanups(): Promise<void> {
  while (cleanups.length) {
    const fn = cleanups.pop()!;
    try {
      await fn();
    } catch (e) {
      console.error('clean-up failed:', e);
    }
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: cleaning up`);
    void runCleanups().finally(() => process.exit(130));
  });
}

// ---------------------------------------------------------------------------------------------
// databases

export const DEFAULT_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/test';

export function serverUrl(): string {
  return process.env.DATABASE_URL || DEFAULT_SERVER_URL;
}

export const redact = (url: string) => url.replace(/:[^:@/]*@/, ':***@');

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), `${prefix}-`));
  onCleanup(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Creates an empty scratch database on the server (dropped at clean-up); returns its URL. */
export async function scratchDatabase(): Promise<{ url: string; name: string }> {
  const admin = serverUrl();
  const name = `bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  onCleanup(async () => {
    const a = new pg.Client({ connectionString: admin });
    await a.connect();
    try {
      // pg-pool's end() resolves before its clients' sockets have closed; a forced drop would
      // kill those sessions and their error would reach a pool without an error listener. So:
      // a plain drop, retried while the sessions go away, and force only as a last resort.
      for (let attempt = 0; ; attempt++) {
        try {
          await a.query(`drop database if exists ${name}${attempt >= 50 ? ' with (force)' : ''}`);
          break;
        } catch (e) {
          if ((e as { code?: string }).code !== '55006' || attempt >= 50) throw e;
          await sleep(100);
        }
      }
    } finally {
      await a.end();
    }
  });
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), name };
}

export interface BenchDatabase {
  config: Config;
  database: Database;
  /** Where it lives, for the report. */
  where: string;
}

/**
 * An empty database like the server's: embedded PGlite on disk in a temporary DATA_DIR (not in
 * memory: the real server runs on disk), or a scratch database on the PostgreSQL server.
 */
export async function openBenchDatabase(mode: Mode): Promise<BenchDatabase> {
  const dataDir = tempDir('platform-bench');
  if (mode === 'embedded') {
    const dir = path.join(dataDir, 'pg');
    return { config: testConfig({ DATA_DIR: dataDir }), database: await openEmbedded(dir), where: `PGlite in ${dir}` };
  }
  const { url, name } = await scratchDatabase();
  return {
    config: testConfig({ DATA_DIR: dataDir, DATABASE_URL: url }),
    database: await openServer(url),
    where: `PostgreSQL scratch database ${name} on ${redact(serverUrl())}`,
  };
}

/** The whole platform, migrated and seeded with demo data; closed at clean-up. */
export async function seededInstance(mode: Mode): Promise<{ instance: Instance; where: string; seedMs: number }> {
  const { config, database, where } = await openBenchDatabase(mode);
  const t0 = performance.now();
  const instance = await createInstance(config, database, { seed: true });
  const seedMs = performance.now() - t0;
  onCleanup(() => instance.close());
  return { instance, where, seedMs };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------
// statistics and report

export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function row(key: string, label: string, runs: number[]): Row {
  return { key, label, runs, median: median(runs) };
}

/** Median of the per-round ratios (round i of the subject against round i of the baseline). */
export function pairedRatio(subject: Row, baseline: Row): number {
  const n = Math.min(subject.runs.length, baseline.runs.length);
  return median(Array.from({ length: n }, (_, i) => subject.runs[i]! / baseline.runs[i]!));
}

const fmt = (x: number) => (!Number.isFinite(x) ? String(x) : Math.abs(x) >= 100 ? x.toFixed(0) : Math.abs(x) >= 10 ? x.toFixed(1) : x.toFixed(2));

const width = (s: string) => [...s].reduce((w, ch) => w + (/[\u1100-\uffff]/.test(ch) ? 2 : 1), 0);
const pad = (s: string, n: number) => s + ' '.repeat(Math.max(0, n - width(s)));

export function printResult(r: BenchResult, env: Record<string, unknown>): void {
  const rows = [r.baseline, ...r.subjects];
  const head = ['', 'what', `median ${r.unit}`, 'ratio', 'paired', 'runs'];
  const body = rows.map((x, i) => [
    i === 0 ? 'baseline' : 'subject',
    x.label,
    fmt(x.median),
    i === 0 ? '1' : `${(x.median / r.baseline.median).toFixed(2)}×`,
    i === 0 ? '' : `${pairedRatio(x, r.baseline).toFixed(2)}×`,
    x.runs.map(fmt).join(' '),
  ]);
  const widths = head.map((h, c) => Math.max(width(h), ...body.map((b) => width(b[c]!))));
  const line = (cells: string[]) => '  ' + cells.map((c, i) => pad(c, widths[i]!)).join('  ');
  console.log('');
  console.log(`${r.benchmark} · ${r.mode} · ${rows[0]!.runs.length} rounds each · ${r.unit}, ${r.better} is better`);
  console.log(line(head));
  console.log(line(widths.map((w) => '─'.repeat(w))));
  for (const b of body) console.log(line(b));
  console.log(`  ratio = subject median / baseline median; paired = median of per-round ratios`);
  if (r.goal) console.log(`  goal ${r.goal.text}: ${r.goal.met ? 'MET' : 'NOT MET'}`);
  for (const [k, v] of Object.entries(r.info)) console.log(`  ${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`);
  for (const n of r.notes) console.log(`  note: ${n}`);
  console.log('');
  console.log(
    JSON.stringify({
      ...r,
      pairedRatio: pairedRatio(r.subjects[0]!, r.baseline),
      subjects: r.subjects.map((s) => ({ ...s, ratio: s.median / r.baseline.median, pairedRatio: pairedRatio(s, r.baseline) })),
      env,
    }),
  );
}

export function environment(): Record<string, unknown> {
  return {
    node: process.version,
    platform: `${os.platform()} ${os.arch()}`,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model ?? '?',
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
    at: new Date().toISOString(),
  };
}

/** A progress line on stderr, so stdout stays the table and the JSON line. */
export function progress(msg: string): void {
  process.stderr.write(`  · ${msg}\n`);
}
