/**
 * (b) An audited write (create a department) against a raw INSERT of the same row.
 *
 * Subjects, one operation at a time in a loop:
 *   service — OrgService.createDepartment: one transaction with the department insert (returning
 *             the row), the outbox event, and the audit hash-chain append (lock the head row,
 *             hash, insert the entry, update the head);
 *   http    — POST /api/departments through app.inject as platform_admin.wuhan (cookie and CSRF
 *             token): the whole Fastify pipeline (auth, guards, validation, serialization) around
 *             the same service call, without a socket (skip with --no-http).
 * Baseline: `insert into org.department (region_code, kind, name, credit_code, phone, address)
 *           values (…)` through Kysely's `sql` on the same database and driver, one autocommit
 *           statement per row.
 * Every row gets a unique name in 江岸区 (420102). Rounds alternate the sides (rotating order).
 */
import { randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { verifyAudit, type Actor } from '../src/core/audit.ts';
import type { Principal } from '../src/core/permissions.ts';
import { DEMO_PASSWORD } from '../src/modules/identity/index.ts';
import { RegionIndex } from '../src/modules/org/regions.ts';
import { OrgService } from '../src/modules/org/service.ts';
import { numberOption, progress, row, seededInstance, type Benchmark, type BenchOptions, type BenchResult } from './lib.ts';

const REGION = '420102';
const KIND = 'market_supervision' as const;
const USER = 'platform_admin.wuhan';

export const auditedWrite: Benchmark = {
  name: 'audited-write',
  summary: 'create a department (service call, and POST through the HTTP pipeline) vs a raw INSERT of the same row; ops/s',
  defaultRuns: 5,
  async run(opts: BenchOptions): Promise<BenchResult> {
    const seconds = numberOption(opts.extra, 'seconds', 2);
    const warmup = numberOption(opts.extra, 'warmup', 1);
    const withHttp = opts.extra['no-http'] === undefined;

    progress(`creating and seeding the ${opts.mode} database`);
    const { instance, where, seedMs } = await seededInstance(opts.mode);
    const db = instance.platform.db;

    // The module keeps its OrgService to itself; this is the same class on the same platform
    // (same database, same outbox), with its own copy of the region index.
    const regions = new RegionIndex(new Map());
    await regions.reload(db);
    const org = new OrgService(instance.platform, regions);

    // An actor like the one the route builds for platform_admin.wuhan.
    const staff = await (db as Kysely<{ 'identity.staff': { id: string; name: string; username: string } }>)
      .selectFrom('identity.staff')
      .select(['id', 'name'])
      .where('username', '=', USER)
      .executeTakeFirstOrThrow();
    const grant = { role: 'platform_admin' as const, regionCode: '420100', departmentId: null };
    const principal: Principal = { kind: 'staff', id: staff.id, name: staff.name, grants: [grant] };
    const actor = (): Actor => ({ principal, grant, requestId: randomUUID(), ip: '127.0.0.1' });

    // A session for the HTTP subject.
    const app = instance.http.app;
    const login = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: USER, password: DEMO_PASSWORD } });
    if (login.statusCode !== 200) throw new Error(`login failed: ${login.statusCode} ${login.body}`);
    const cookie = `sid=${login.cookies.find((c) => c.name === 'sid')!.value}`;
    const csrf = (login.json() as { user: { csrfToken: string } }).user.csrfToken;

    const run = `${Date.now().toString(36)}`;
    let n = 0;
    const name = (side: string) => `基准${side}-${run}-${++n}`;
    const ops = {
      baseline: async () => {
        await sql`insert into org.department (region_code, kind, name, credit_code, phone, address) values (${REGION}, ${KIND}, ${name('r')}, ${null}, ${null}, ${null})`.execute(db);
      },
      service: async () => {
        await org.createDepartment(actor(), { regionCode: REGION, kind: KIND, name: name('s') });
      },
      http: async () => {
        const res = await app.inject({
          method: 'POST',
          url: '/api/departments',
          headers: { cookie, 'x-csrf-token': csrf },
          payload: { regionCode: REGION, kind: KIND, name: name('h') },
        });
        if (res.statusCode !== 201) throw new Error(`POST /api/departments: ${res.statusCode} ${res.body}`);
      },
    };
    type Side = keyof typeof ops;
    const sides: Side[] = withHttp ? ['baseline', 'service', 'http'] : ['baseline', 'service'];

    // Statements per operation (embedded only: counted on the PGlite client).
    const statements: Partial<Record<Side, number>> = {};
    const pglite = instance.platform.database.pglite;
    if (pglite) {
      let count = 0;
      const q = pglite.query.bind(pglite);
      const e = pglite.exec.bind(pglite);
      pglite.query = ((...a: Parameters<typeof q>) => (count++, q(...a))) as typeof pglite.query;
      pglite.exec = ((...a: Parameters<typeof e>) => (count++, e(...a))) as typeof pglite.exec;
      for (const s of sides) {
        await ops[s](); // once to settle caches (sessions, prepared plans)
        count = 0;
        await ops[s]();
        statements[s] = count;
      }
      pglite.query = q;
      pglite.exec = e;
    }

    const measure = async (side: Side, secs: number) => {
      const op = ops[side];
      let done = 0;
      const t0 = performance.now();
      const end = t0 + secs * 1000;
      while (performance.now() < end) {
        await op();
        done++;
      }
      return done / ((performance.now() - t0) / 1000);
    };

    for (const s of sides) await measure(s, warmup);
    const got: Record<Side, number[]> = { baseline: [], service: [], http: [] };
    for (let i = 0; i < opts.runs; i++) {
      const order = sides.map((_, j) => sides[(i + j) % sides.length]!);
      for (const s of order) {
        const r = await measure(s, seconds);
        got[s].push(r);
        progress(`round ${i + 1} ${s.padEnd(8)} ${r.toFixed(0).padStart(6)} ops/s`);
      }
    }

    progress('verifying the audit chain');
    const verified = await verifyAudit(db);
    const baseline = row('baseline', 'raw INSERT (one statement, autocommit)', got.baseline);
    const service = row('service', 'OrgService.createDepartment (tx + outbox + audit chain)', got.service);
    const subjects = [service];
    if (withHttp) subjects.push(row('http', 'POST /api/departments via app.inject', got.http));
    const ratio = service.median / baseline.median;
    return {
      benchmark: 'audited-write',
      mode: opts.mode,
      unit: 'ops/s',
      better: 'higher',
      baseline,
      subjects,
      ratio,
      info: {
        database: where,
        'seed time': `${(seedMs / 1000).toFixed(1)} s`,
        'ms per op (baseline, service, http)': [baseline, ...subjects].map((r) => +(1000 / r.median).toFixed(2)),
        ...(pglite ? { 'statements per op': statements } : {}),
        'audit chain after the run': verified.ok ? `intact, ${verified.entries} entries` : `BROKEN at ${verified.seq} (${verified.problem})`,
        loop: `one operation at a time, ${seconds} s rounds after ${warmup} s warm-up per side`,
      },
      notes: [
        'the audited write is one transaction of 7 statements (begin, insert … returning *, outbox insert, select audit head for update, insert audit entry, update head, commit) against 1 for the raw insert',
        'the tables grow during the run (every side adds rows); alternating rounds spreads that drift over all sides',
      ],
    };
  },
};
