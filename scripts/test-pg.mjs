// Runs the unit and HTTP test suite once more against a real PostgreSQL server
// (TEST_DATABASE_URL, default the local server's `test` database): every test file gets its own
// database created from a migrated and seeded template.
import { spawnSync } from 'node:child_process';

const url = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
console.log(`PostgreSQL pass against ${url.replace(/:[^:@/]*@/, ':***@')}`);
const r = spawnSync('npx', ['vitest', 'run', '--project', 'unit', ...process.argv.slice(2)], {
  stdio: 'inherit',
  env: { ...process.env, TEST_DATABASE_URL: url },
});
process.exit(r.status ?? 1);
