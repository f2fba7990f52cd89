/**
 * npm run bench -- <name> [--runs N] [--mode embedded|server] [benchmark options]
 *
 * Without a name, lists the benchmarks. Each prints a small table (its figure, its baseline
 * measured in the same run, the ratio) and then one JSON line for machines. Progress goes to
 * stderr. See bench/README.md.
 */
import { auditedWrite } from './audited-write.ts';
import { cases } from './cases.ts';
import { catalogSearch } from './catalog-search.ts';
import { httpRead } from './http-read.ts';
import { identity } from './identity.ts';
import { environment, parseArgs, printResult, progress, redact, runCleanups, serverUrl, type Benchmark } from './lib.ts';
import { startup } from './startup.ts';

const benchmarks: Benchmark[] = [httpRead, auditedWrite, startup, identity, catalogSearch, cases];

const usage = () => {
  console.log('usage: npm run bench -- <name> [--runs N] [--mode embedded|server] [options]\n');
  console.log('benchmarks:');
  for (const b of benchmarks) console.log(`  ${b.name.padEnd(14)} ${b.summary} (default ${b.defaultRuns} runs)`);
  console.log('\ncommon options:');
  console.log('  --runs N         measured rounds of each side (subject and baseline alternate)');
  console.log(`  --mode server    use PostgreSQL: a scratch database created (and dropped) on DATABASE_URL or ${redact(serverUrl())}`);
  console.log('                   (default embedded: PGlite in a temporary DATA_DIR, removed afterwards)');
  console.log('http-read:      --seconds S (3) --warmup S (2) --concurrency C (16) --baseline bytes|object --path /api/… (another GET)');
  console.log('audited-write:  --seconds S (2) --warmup S (1) --no-http');
  console.log('startup:        --timeout S (60)');
  console.log('identity:       --seconds S (2) --warmup S (1) --concurrency C (16) --pool N (32) --only client-credentials,refresh-token,password-login');
  console.log('catalog-search: --items N (100000) --repeat R (5, each query per round) --no-analyze');
  console.log('cases:          --seconds S (2) --warmup S (1) --only submit,queue (queue: server mode only, its default there) --cases N (1000000) --repeat R (3)');
};

let exitCode = 0;
try {
  const args = parseArgs(process.argv.slice(2));
  if (!args.name) usage();
  else {
    const bench = benchmarks.find((b) => b.name === args.name);
    if (!bench) {
      console.error(`unknown benchmark ${args.name}\n`);
      usage();
      exitCode = 2;
    } else {
      progress(`${bench.name}: ${args.mode} mode`);
      const result = await bench.run({ mode: args.mode, runs: args.runs ?? bench.defaultRuns, extra: args.extra });
      printResult(result, environment());
    }
  }
} catch (e) {
  console.error(e);
  exitCode = 1;
} finally {
  await runCleanups();
}
// Stray handles (pools, timers of a failed run) must not keep the process alive.
process.exit(exitCode);
