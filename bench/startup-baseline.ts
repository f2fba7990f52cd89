/**
 * The baseline of bench/startup.ts: the least a server on this stack does before it is ready.
 * Started as `node --import tsx bench/startup-baseline.ts` with DATA_DIR (opens PGlite on
 * DATA_DIR/pg) or DATABASE_URL (a node-postgres pool), and PORT; serves GET /readyz with a
 * `select 1`, like the real server. No migrations, no modules, no plugins.
 */
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

const started = performance.now();
let select1: () => Promise<unknown>;
let close: () => Promise<void>;
if (process.env.DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
  select1 = () => pool.query('select 1');
  close = () => pool.end();
} else {
  const dir = process.env.DATA_DIR;
  if (!dir) throw new Error('DATA_DIR or DATABASE_URL must be set');
  const db = await PGlite.create(path.join(dir, 'pg'));
  select1 = () => db.query('select 1');
  close = () => db.close();
}

const app = Fastify({ logger: false });
app.get('/readyz', async () => {
  await select1();
  return { status: 'ready' };
});
await app.listen({ port: Number(process.env.PORT ?? 0), host: '127.0.0.1' });
console.log(`baseline ready in ${((performance.now() - started) / 1000).toFixed(1)} s`);

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    void app
      .close()
      .then(close)
      .then(() => process.exit(0));
  });
}
