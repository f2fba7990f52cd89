/**
 * (d) Identity: the platform's OpenID Connect provider and its staff password login, each against
 * a bare baseline measured in the same run. Three comparisons, three tables, three JSON lines:
 *
 *   client-credentials — POST PUBLIC_URL/oidc/token (grant_type=client_credentials, scope cases:read,
 *       client_secret_basic) for a machine client registered through `oidc.registerClient`: the
 *       whole platform (Fastify hooks, the /oidc route handing the raw request to the provider,
 *       clients and tokens in the database through the Kysely adapter, hashed client secrets).
 *       Baseline: a bare `oidc-provider` (loaded the same way, lazily, by provider.ts's
 *       `loadOidcProvider`) with its default memory adapter and a static client, the same
 *       resource-indicator settings (opaque access token for PUBLIC_URL/api, 3600 s, the client's
 *       scope), on a bare `node:http` server. Goal ≥ 0.6×.
 *   refresh-token — POST …/token (grant_type=refresh_token) with refresh tokens obtained beforehand,
 *       on both sides through real authorization-code flows (code + PKCE, openid-client, scope
 *       `openid profile`, pairwise subject, RS256 ID token): at the platform as a logged-in staff
 *       member (its sign-in page, then single sign-on for every further flow), at the bare provider
 *       through a tiny interaction handler that logs in a fixed account and grants the requested
 *       scopes. Same token shape on both sides: bound to the provider session (no offline_access),
 *       each exchange answers a new access token and a signed ID token. Goal ≥ 0.6×.
 *   password-login — POST /api/auth/login through `app.inject` (the correct password, a different
 *       remoteAddress each time: the per-IP limit is 60 per 15 minutes), one at a time.
 *       Baseline: `verify()` (@node-rs/argon2) of the very hash the login checks (the demo
 *       account's argon2id, m=19456 t=2 p=1), one at a time. Goal ≥ 0.85×.
 *
 * Both token servers listen on 127.0.0.1 in this process; the load comes from this same file run
 * as a child process (`--identity-load-client`): a closed loop of C keep-alive connections, each
 * POSTing one token request at a time, reading and parsing the whole answer. Rounds alternate
 * baseline and subject (the order flips every round).
 */
import { CookieBrowser } from '../test/support/cookie-browser.ts';
import { fork, type ChildProcess } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import { verify } from '@node-rs/argon2';
import type { Kysely } from 'kysely';
import type { InteractionResults } from 'oidc-provider';
import * as oidc from 'openid-client';
import { createInstance, type Instance } from '../src/app.ts';
import { systemActor } from '../src/core/audit.ts';
import { DEMO_PASSWORD } from '../src/modules/identity/index.ts';
import { newSigningKey } from '../src/modules/identity/oidc/keys.ts';
import { grantedScopes, OIDC_SCOPE_NAMES, SCOPE_CLAIMS } from '../src/modules/identity/oidc/model.ts';
import { CLOCK_TOLERANCE, loadOidcProvider, TTL } from '../src/modules/identity/oidc/provider.ts';
import {
  environment,
  freePort,
  median,
  numberOption,
  onCleanup,
  openBenchDatabase,
  pairedRatio,
  printResult,
  progress,
  row,
  type Benchmark,
  type BenchOptions,
  type BenchResult,
} from './lib.ts';

const CHILD_FLAG = '--identity-load-client';
const USER = 'platform_admin.wuhan';
const MACHINE_SCOPE = 'cases:read';
/** The relying parties' redirect URI: another origin, so the "browser" stops there with the code. */
const RP_REDIRECT = 'http://127.0.0.1:9/bench/cb';
const RP_SCOPE = 'openid profile';
/** The account the bare provider's interaction handler logs in. */
const BARE_ACCOUNT = 'staff:00000000-0000-4000-8000-000000000001';

// =============================================================================================
// the load client (child process)

type TokenKind = 'client_credentials' | 'refresh_token';

interface RunMessage {
  type: 'run';
  id: number;
  url: string;
  authorization: string;
  kind: TokenKind;
  /** client_credentials: the form body, the same for every request. */
  body?: string;
  /** refresh_token: the tokens to exchange, round-robin; a rotated token replaces its predecessor. */
  pool?: string[];
  concurrency: number;
  seconds: number;
}

interface ClientResult {
  type: 'result';
  id: number;
  requests: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  latencyMs: { p50: number; p90: number; p99: number };
  cpuMs: number;
  /** refresh_token: the pool after the round, and how many answers carried a new refresh token. */
  pool?: string[];
  rotated?: number;
}

function childMain() {
  const agents = new Map<string, http.Agent>();
  const agentFor = (key: string, concurrency: number) => {
    let a = agents.get(key);
    if (!a) agents.set(key, (a = new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency })));
    return a;
  };
  const post = (agent: http.Agent, u: URL, authorization: string, body: string) =>
    new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = http.request(
        {
          agent,
          host: u.hostname,
          port: u.port,
          path: u.pathname,
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), accept: 'application/json' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(body);
    });

  async function run(m: RunMessage): Promise<Omit<ClientResult, 'type' | 'id'>> {
    const u = new URL(m.url);
    const agent = agentFor(`${m.url}|${m.concurrency}`, m.concurrency);
    const pool = [...(m.pool ?? [])];
    let next = 0;
    let rotated = 0;
    const latencies: number[] = [];
    let requests = 0;
    let errors = 0;
    let firstError: string | null = null;
    const cpu0 = process.cpuUsage();
    const start = performance.now();
    const end = start + m.seconds * 1000;
    const worker = async () => {
      while (performance.now() < end) {
        const slot = m.kind === 'refresh_token' ? next++ % pool.length : -1;
        const sent = slot >= 0 ? pool[slot]! : '';
        const body = m.kind === 'refresh_token' ? `grant_type=refresh_token&refresh_token=${encodeURIComponent(sent)}` : m.body!;
        const t = performance.now();
        try {
          const r = await post(agent, u, m.authorization, body);
          const json = r.status === 200 ? (JSON.parse(r.text) as Record<string, unknown>) : null;
          const ok = json !== null && typeof json.access_token === 'string' && (m.kind === 'client_credentials' || typeof json.id_token === 'string');
          if (!ok) {
            errors++;
            firstError ??= `status ${r.status}: ${r.text.slice(0, 200)}`;
          } else {
            requests++;
            latencies.push(performance.now() - t);
            if (slot >= 0 && typeof json.refresh_token === 'string' && json.refresh_token !== sent) {
              rotated++;
              pool[slot] = json.refresh_token;
            }
          }
        } catch (e) {
          errors++;
          firstError ??= String((e as Error).message ?? e);
        }
      }
    };
    await Promise.all(Array.from({ length: m.concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpu0);
    latencies.sort((a, b) => a - b);
    const p = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
    return { requests, errors, firstError, seconds, latencyMs: { p50: p(0.5), p90: p(0.9), p99: p(0.99) }, cpuMs: (cpu.user + cpu.system) / 1000, ...(m.kind === 'refresh_token' ? { pool, rotated } : {}) };
  }

  process.on('message', (msg: RunMessage | { type: 'exit' }) => {
    if (msg.type === 'exit') {
      for (const a of agents.values()) a.destroy();
      process.disconnect();
      return;
    }
    run(msg).then(
      (r) => process.send!({ type: 'result', id: msg.id, ...r }),
      (e: unknown) => process.send!({ type: 'result', id: msg.id, requests: 0, errors: 1, firstError: String(e), seconds: 0, latencyMs: {}, cpuMs: 0 }),
    );
  });
  process.send!({ type: 'ready' });
}

async function startClient(): Promise<{ round: (m: Omit<RunMessage, 'type' | 'id'>) => Promise<ClientResult>; stop: () => Promise<void> }> {
  const child: ChildProcess = fork(import.meta.filename, [CHILD_FLAG], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  let nextId = 1;
  const waiting = new Map<number, (r: ClientResult) => void>();
  await new Promise<void>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`load client exited early (${code})`)));
    child.on('message', (m: { type: string; id?: number }) => {
      if (m.type === 'ready') resolve();
      else if (m.type === 'result') waiting.get(m.id!)?.(m as ClientResult);
    });
  });
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

/** One authorization-code flow (PKCE) run by `browser`; `login` is called if it lands on a login page. */
async function codeFlow(config: oidc.Configuration, browser: CookieBrowser, origin: string, login?: (at: URL) => Promise<URL>): Promise<string> {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: RP_REDIRECT,
    scope: RP_SCOPE,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
  });
  let end = (await browser.follow(url, origin)).url;
  if (!end.href.startsWith(RP_REDIRECT) && login) end = await login(end);
  if (!end.href.startsWith(RP_REDIRECT)) throw new Error(`the authorization ended at ${end.href}`);
  const tokens = await oidc.authorizationCodeGrant(config, end, { pkceCodeVerifier: verifier, expectedState: state });
  if (!tokens.refresh_token) throw new Error('no refresh token issued');
  return tokens.refresh_token;
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString('base64')}`;

// =============================================================================================
// the bare provider

interface Bare {
  base: string;
  machine: { id: string; secret: string };
  rp: { id: string; secret: string };
}

/**
 * oidc-provider with its memory adapter and static clients, configured like the platform's where it
 * matters to these two grants: RS256 key, PKCE, client_secret_basic, the same lifetimes, the same
 * refresh-token issuing rule, pairwise subjects (HMAC-SHA-256), resource indicators answering an
 * opaque client-credentials token for PUBLIC_URL/api with the client's scope.
 */
async function startBare(): Promise<Bare> {
  const { default: Provider } = await loadOidcProvider();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const api = `${base}/api`;
  const machine = { id: 'bench-machine', secret: randomBytes(32).toString('base64url') };
  const rp = { id: 'bench-rp', secret: randomBytes(32).toString('base64url') };
  const salt = randomBytes(32).toString('base64url');
  const configuration: Record<string, unknown> = {
    clients: [
      { client_id: machine.id, client_secret: machine.secret, client_name: 'Bench machine', token_endpoint_auth_method: 'client_secret_basic', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], subject_type: 'public' },
      {
        client_id: rp.id,
        client_secret: rp.secret,
        client_name: 'Bench RP',
        token_endpoint_auth_method: 'client_secret_basic',
        scope: 'openid offline_access profile',
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        redirect_uris: [RP_REDIRECT],
        subject_type: 'pairwise',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    jwks: { keys: [await newSigningKey()] },
    clockTolerance: CLOCK_TOLERANCE,
    cookies: { keys: [randomBytes(32).toString('base64url')], long: { httpOnly: true, sameSite: 'lax' }, short: { httpOnly: true, sameSite: 'lax' } },
    scopes: OIDC_SCOPE_NAMES,
    claims: { acr: null, auth_time: null, sid: null, iss: null, ...Object.fromEntries(Object.entries(SCOPE_CLAIMS).filter(([, c]) => c.length)) },
    subjectTypes: ['public', 'pairwise'],
    pairwiseIdentifier: async (_ctx: unknown, accountId: string, client: { clientId: string }) => createHmac('sha256', salt).update(`${client.clientId}\n${accountId}`).digest('base64url'),
    responseTypes: ['code'],
    pkce: { required: () => true },
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    clientBasedCORS: () => false,
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    ttl: { ...TTL, Session: 8 * 3600 },
    features: {
      devInteractions: { enabled: false },
      dPoP: { enabled: false },
      resourceIndicators: {
        enabled: true,
        defaultResource: async (ctx: { oidc: { route: string; params?: { grant_type?: string } } }, _client: unknown, oneOf?: string[]) =>
          ctx.oidc.route === 'token' && ctx.oidc.params?.grant_type === 'client_credentials' ? api : oneOf,
        useGrantedResource: async () => false,
        getResourceServerInfo: async (_ctx: unknown, resource: string, client: { clientId: string }) => {
          if (resource !== api || client.clientId !== machine.id) throw new Error('invalid target');
          return { scope: MACHINE_SCOPE, audience: resource, accessTokenFormat: 'opaque', accessTokenTTL: TTL.ClientCredentials };
        },
      },
      clientCredentials: { enabled: true },
      backchannelLogout: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: { enabled: true },
    },
    interactions: { url: async (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: async (_ctx: unknown, accountId: string) => ({
      accountId,
      claims: async (_use: string, scope: string) => ({ sub: accountId, ...(scope.split(' ').includes('profile') ? { name: '基准测试账号' } : {}) }),
    }),
  };
  const provider = new Provider(base, configuration);
  provider.on('server_error', (...args) => console.error('bare provider error', args[1]));
  const callback = provider.callback();

  // Login and consent without a page: the fixed account, the requested scopes the client has.
  const interaction = async (req: IncomingMessage, res: ServerResponse) => {
    const details = await provider.interactionDetails(req, res);
    const client = await provider.Client.find(details.params.client_id);
    if (!client) throw new Error('unknown client');
    const result: InteractionResults = {};
    if (details.prompt.name === 'login' || details.session?.accountId !== BARE_ACCOUNT) result.login = { accountId: BARE_ACCOUNT, amr: ['pwd'] };
    let grant = details.grantId ? await provider.Grant.find(details.grantId) : undefined;
    if (!grant || grant.accountId !== BARE_ACCOUNT || grant.clientId !== client.clientId) grant = new provider.Grant({ accountId: BARE_ACCOUNT, clientId: client.clientId });
    const scopes = grantedScopes(details.params.scope, client.scope);
    if (scopes.length) grant.addOIDCScope(scopes.join(' '));
    result.consent = { grantId: await grant.save() };
    const returnTo = await provider.interactionResult(req, res, result, { mergeWithLastSubmission: false });
    res.writeHead(303, { location: returnTo, 'cache-control': 'no-store' }).end();
  };

  const server = http.createServer((req, res) => {
    if (req.url?.startsWith('/interaction/')) {
      interaction(req, res).catch((e: unknown) => {
        if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(String(e));
      });
    } else void callback(req, res);
  });
  // Fastify's default, so idle keep-alive sockets live as long on both sides.
  server.keepAliveTimeout = 72_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  server.unref();
  return { base, machine, rp };
}

// =============================================================================================
// the benchmark

/**
 * Records the statements sent to the embedded database's client while `fn` runs, and how long
 * each took until it answered (null in server mode). Run alone, that is the time in the database.
 */
function statementCounter(instance: Instance) {
  const pglite = instance.platform.database.pglite;
  return async <T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] | null; dbMs: number }> => {
    if (!pglite) return { result: await fn(), statements: null, dbMs: 0 };
    const seen: string[] = [];
    let dbMs = 0;
    const q = pglite.query.bind(pglite);
    const e = pglite.exec.bind(pglite);
    const short = (s: unknown) => String(s).replace(/\s+/g, ' ').slice(0, 90);
    const timed = <R>(sql: unknown, p: Promise<R>) => {
      seen.push(short(sql));
      const t = performance.now();
      return p.finally(() => (dbMs += performance.now() - t));
    };
    pglite.query = ((...a: Parameters<typeof q>) => timed(a[0], q(...a))) as typeof pglite.query;
    pglite.exec = ((...a: Parameters<typeof e>) => timed(a[0], e(...a))) as typeof pglite.exec;
    try {
      return { result: await fn(), statements: seen, dbMs };
    } finally {
      pglite.query = q;
      pglite.exec = e;
    }
  };
}

/** Per-statement counts, most frequent first (for the info lines). */
const tally = (xs: string[]) => {
  const m = new Map<string, number>();
  for (const x of xs) m.set(x, (m.get(x) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]).map(([s, n]) => `${n}× ${s}`);
};

type Side = 'baseline' | 'subject';
const orderOf = (i: number): Side[] => (i % 2 === 0 ? ['baseline', 'subject'] : ['subject', 'baseline']);

export const identity: Benchmark = {
  name: 'identity',
  summary: 'OIDC client-credentials and refresh-token exchanges vs bare oidc-provider (memory adapter), goal ≥ 0.6×; staff password login vs raw argon2id verify, goal ≥ 0.85×',
  defaultRuns: 5,
  async run(opts: BenchOptions): Promise<BenchResult> {
    const seconds = numberOption(opts.extra, 'seconds', 2);
    const warmup = numberOption(opts.extra, 'warmup', 1);
    const concurrency = Math.round(numberOption(opts.extra, 'concurrency', 16));
    const poolSize = Math.round(numberOption(opts.extra, 'pool', 32));
    const only = new Set((opts.extra.only ?? 'client-credentials,refresh-token,password-login').split(',').map((s) => s.trim()));
    for (const o of only) if (!['client-credentials', 'refresh-token', 'password-login'].includes(o)) throw new Error(`--only: unknown part ${o} (client-credentials, refresh-token, password-login)`);

    progress(`creating and seeding the ${opts.mode} database`);
    const { config, database, where } = await openBenchDatabase(opts.mode);
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const t0 = performance.now();
    // PUBLIC_URL is where it listens, so the issuer the relying party discovers is the real one.
    const instance = await createInstance({ ...config, PORT: port, PUBLIC_URL: base }, database, { seed: true });
    const seedMs = performance.now() - t0;
    onCleanup(() => instance.close());
    await instance.http.app.listen({ host: '127.0.0.1', port });
    const counted = statementCounter(instance);
    const common = { database: where, 'seed time': `${(seedMs / 1000).toFixed(1)} s` };

    const results: BenchResult[] = [];
    let client: Awaited<ReturnType<typeof startClient>> | undefined;
    let bare: Bare | undefined;
    if (only.has('client-credentials') || only.has('refresh-token')) {
      progress('starting the bare oidc-provider and the load client');
      bare = await startBare();
      client = await startClient();
    }

    /** Alternating HTTP rounds of one grant against both token endpoints. */
    const httpRounds = async (kind: TokenKind, target: Record<Side, { url: string; authorization: string; body?: string; pool?: string[] }>) => {
      const measure = async (side: Side, secs: number) => {
        const t = target[side];
        const cpu0 = process.cpuUsage();
        const run = () => client!.round({ url: t.url, authorization: t.authorization, kind, body: t.body, pool: t.pool, concurrency, seconds: secs });
        const { result: r, statements } = side === 'subject' ? await counted(run) : { result: await run(), statements: null };
        const cpu = process.cpuUsage(cpu0);
        if (r.pool) t.pool = r.pool;
        const n = Math.max(1, r.requests + r.errors);
        return { ...r, rps: r.requests / r.seconds, serverCpuUsPerReq: (cpu.user + cpu.system) / n, clientCpuUsPerReq: (r.cpuMs * 1000) / n, statementsPerReq: statements ? statements.length / n : null };
      };
      await measure('baseline', warmup);
      await measure('subject', warmup);
      type M = Awaited<ReturnType<typeof measure>>;
      const got: Record<Side, M[]> = { baseline: [], subject: [] };
      for (let i = 0; i < opts.runs; i++) {
        for (const side of orderOf(i)) {
          const m = await measure(side, seconds);
          got[side].push(m);
          progress(`round ${i + 1} ${side.padEnd(8)} ${m.rps.toFixed(0).padStart(6)} req/s  p50 ${m.latencyMs.p50.toFixed(1)} ms  server CPU ${m.serverCpuUsPerReq.toFixed(0)} µs/req${m.errors ? `  ${m.errors} errors (${m.firstError})` : ''}`);
        }
      }
      const cpuB = median(got.baseline.map((m) => m.serverCpuUsPerReq));
      const cpuS = median(got.subject.map((m) => m.serverCpuUsPerReq));
      const errors = [...got.baseline, ...got.subject].reduce((n, m) => n + m.errors, 0);
      const firstError = [...got.baseline, ...got.subject].find((m) => m.firstError)?.firstError;
      const lat = (ms: M[]) => ({ p50: +median(ms.map((m) => m.latencyMs.p50)).toFixed(2), p99: +median(ms.map((m) => m.latencyMs.p99)).toFixed(2) });
      const stmts = got.subject.map((m) => m.statementsPerReq).filter((x): x is number => x !== null);
      return {
        got,
        errors,
        info: {
          load: `${concurrency} keep-alive connections, child process, ${seconds} s rounds after ${warmup} s warm-up`,
          'server CPU µs/request (baseline, subject)': [+cpuB.toFixed(0), +cpuS.toFixed(0)],
          'server-CPU ratio (baseline CPU/req ÷ subject CPU/req)': +(cpuB / cpuS).toFixed(2),
          'client CPU µs/request (baseline, subject)': [+median(got.baseline.map((m) => m.clientCpuUsPerReq)).toFixed(0), +median(got.subject.map((m) => m.clientCpuUsPerReq)).toFixed(0)],
          'latency ms (baseline p50/p99, subject p50/p99)': [lat(got.baseline), lat(got.subject)],
          ...(stmts.length ? { 'statements per request (subject, under load, embedded)': +median(stmts).toFixed(2) } : {}),
          errors,
          ...(firstError ? { 'first error': firstError } : {}),
        },
      };
    };

    /**
     * Sequential requests, after one to warm up: their wall time, and (embedded) the statements of
     * one and the time spent waiting for the database, for the info lines.
     */
    const probe = async (url: string, authorization: string, body: (i: number) => string, n = 20) => {
      const once = async (i: number) => {
        const res = await fetch(url, { method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body: body(i) });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`probe ${url}: ${res.status} ${text}`);
      };
      await once(0);
      const t = performance.now();
      const { statements, dbMs } = await counted(async () => {
        for (let i = 1; i <= n; i++) await once(i);
      });
      return { ms: (performance.now() - t) / n, dbMs: dbMs / n, statements: statements ? tally(statements.slice(0, statements.length / n)) : null, perRequest: statements ? statements.length / n : null };
    };
    const probeInfo = (b: Awaited<ReturnType<typeof probe>>, s: Awaited<ReturnType<typeof probe>>) => ({
      'one request at a time, ms (baseline, subject)': [+b.ms.toFixed(2), +s.ms.toFixed(2)],
      ...(s.statements
        ? {
            'of which waiting for the embedded database (subject), ms': +s.dbMs.toFixed(2),
            'statements per request (subject, one at a time)': s.perRequest,
            'statements of one request (subject)': s.statements,
          }
        : {}),
    });

    const finish = (r: BenchResult) => {
      results.push(r);
      return r;
    };

    // ------------------------------------------------------------------ client credentials
    if (only.has('client-credentials')) {
      const machine = await instance.identity.oidc.registerClient(systemActor('bench'), { name: 'Bench machine client', grant: 'client_credentials', scopes: [MACHINE_SCOPE], regionCode: '420100' });
      const body = `grant_type=client_credentials&scope=${encodeURIComponent(MACHINE_SCOPE)}`;
      const target = {
        baseline: { url: `${bare!.base}/token`, authorization: basic(bare!.machine.id, bare!.machine.secret), body },
        subject: { url: `${base}/oidc/token`, authorization: basic(machine.clientId, machine.clientSecret), body },
      };
      const probeS = await probe(target.subject.url, target.subject.authorization, () => body);
      const probeB = await probe(target.baseline.url, target.baseline.authorization, () => body);
      progress(`client credentials: ${opts.runs} rounds × ${seconds} s per side, ${concurrency} connections`);
      const { got, errors, info } = await httpRounds('client_credentials', target);
      const baseline = row('baseline', 'bare oidc-provider, memory adapter, node:http', got.baseline.map((m) => m.rps));
      const subject = row('subject', 'POST /oidc/token client_credentials (platform)', got.subject.map((m) => m.rps));
      const ratio = subject.median / baseline.median;
      finish({
        benchmark: 'identity.client-credentials',
        mode: opts.mode,
        unit: 'tokens/s',
        better: 'higher',
        baseline,
        subjects: [subject],
        ratio,
        goal: { text: '≥ 0.60×', met: ratio >= 0.6 },
        info: { ...common, ...info, ...probeInfo(probeB, probeS) },
        notes: [
          'both: client_secret_basic, scope cases:read, resource PUBLIC_URL/api by default, an opaque access token of 3600 s stored by the adapter',
          'subject: Fastify hooks and the /oidc route around the provider; client metadata and the resource server check from the registry (rows held 5 s), the token written to the database in statements shared by the requests that arrived together',
          ...(errors ? [`${errors} requests failed: figures are suspect`] : []),
        ],
      });
    }

    // ------------------------------------------------------------------ refresh tokens
    if (only.has('refresh-token')) {
      progress(`refresh tokens: ${poolSize} authorization-code flows on each side`);
      const rp = await instance.identity.oidc.registerClient(systemActor('bench'), {
        name: 'Bench relying party',
        grant: 'authorization_code',
        redirectUris: [RP_REDIRECT],
        scopes: ['openid', 'offline_access', 'profile'],
        regionCode: '420000',
      });
      const platformRp = await oidc.discovery(new URL(`${base}/oidc`), rp.clientId, undefined, oidc.ClientSecretBasic(rp.clientSecret), { execute: [oidc.allowInsecureRequests] });
      const bareRp = await oidc.discovery(new URL(bare!.base), bare!.rp.id, undefined, oidc.ClientSecretBasic(bare!.rp.secret), { execute: [oidc.allowInsecureRequests] });
      const staffBrowser = new CookieBrowser();
      // The first flow meets the sign-in page: log in as staff (once, over HTTP), then back to the interaction.
      const staffLogin = async (at: URL) => {
        if (at.pathname !== '/login/choose') throw new Error(`expected the sign-in page, got ${at.href}`);
        const res = await staffBrowser.fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: USER, password: DEMO_PASSWORD }) });
        if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
        return (await staffBrowser.follow(`${base}${at.searchParams.get('next')!}`, base)).url;
      };
      const bareBrowser = new CookieBrowser();
      const pools: Record<Side, string[]> = { baseline: [], subject: [] };
      const flowMs: Record<Side, number> = { baseline: 0, subject: 0 };
      for (let i = 0; i < poolSize; i++) {
        let t = performance.now();
        pools.subject.push(await codeFlow(platformRp, staffBrowser, base, staffLogin));
        flowMs.subject += performance.now() - t;
        t = performance.now();
        pools.baseline.push(await codeFlow(bareRp, bareBrowser, bare!.base));
        flowMs.baseline += performance.now() - t;
      }
      const target = {
        baseline: { url: `${bare!.base}/token`, authorization: basic(bare!.rp.id, bare!.rp.secret), pool: pools.baseline },
        subject: { url: `${base}/oidc/token`, authorization: basic(rp.clientId, rp.clientSecret), pool: pools.subject },
      };
      const refreshBody = (token: string) => `grant_type=refresh_token&refresh_token=${encodeURIComponent(token)}`;
      const probeS = await probe(target.subject.url, target.subject.authorization, (i) => refreshBody(pools.subject[i % poolSize]!));
      const probeB = await probe(target.baseline.url, target.baseline.authorization, (i) => refreshBody(pools.baseline[i % poolSize]!));
      progress(`refresh-token exchanges: ${opts.runs} rounds × ${seconds} s per side, ${concurrency} connections, pools of ${poolSize}`);
      const { got, errors, info } = await httpRounds('refresh_token', target);
      const rotated = (side: Side) => got[side].reduce((n, m) => n + (m.rotated ?? 0), 0);
      const baseline = row('baseline', 'bare oidc-provider, memory adapter, node:http', got.baseline.map((m) => m.rps));
      const subject = row('subject', 'POST /oidc/token refresh_token (platform)', got.subject.map((m) => m.rps));
      const ratio = subject.median / baseline.median;
      const rotation = `rotated answers: baseline ${rotated('baseline')}, subject ${rotated('subject')}`;
      finish({
        benchmark: 'identity.refresh-token',
        mode: opts.mode,
        unit: 'exchanges/s',
        better: 'higher',
        baseline,
        subjects: [subject],
        ratio,
        goal: { text: '≥ 0.60×', met: ratio >= 0.6 },
        info: {
          ...common,
          ...info,
          'refresh-token pool': `${poolSize} per side, from real code + PKCE flows (scope "${RP_SCOPE}"); ${rotation}`,
          'ms per authorization-code flow while filling the pool (baseline, subject)': [+(flowMs.baseline / poolSize).toFixed(1), +(flowMs.subject / poolSize).toFixed(1)],
          ...probeInfo(probeB, probeS),
        },
        notes: [
          'each exchange: find the refresh token, its session (the token ends with the provider session, no offline_access), its grant, the account; save a new access token; sign an RS256 ID token',
          'subject: the refresh token is read from the database every time (look-ups of requests that arrived together share a statement); grants, sessions, clients and accounts are held 5 s; the access token is written in a shared statement',
          'refresh tokens of confidential clients do not rotate under oidc-provider\'s default rotateRefreshToken (only public clients, or past 70 % of the lifetime): the same token is exchanged again, round-robin over the pool; a rotated answer would replace its token in the pool',
          'bare side: a tiny interaction handler logs in a fixed account and grants the requested scopes, so its tokens come from the same flow and have the same shape as the platform\'s (not minted with provider.RefreshToken)',
          ...(errors ? [`${errors} requests failed: figures are suspect`] : []),
        ],
      });
    }
    await client?.stop();

    // ------------------------------------------------------------------ password login
    if (only.has('password-login')) {
      const db = instance.platform.db as Kysely<{ 'identity.staff': { username: string; password_hash: string } }>;
      const { password_hash: stored } = await db.selectFrom('identity.staff').select('password_hash').where('username', '=', USER).executeTakeFirstOrThrow();
      const params = /^\$argon2id\$v=\d+\$(m=\d+,t=\d+,p=\d+)\$/.exec(stored)?.[1];
      if (params !== 'm=19456,t=2,p=1') throw new Error(`the demo account's hash is not argon2id m=19456,t=2,p=1: ${stored.slice(0, 40)}`);
      const app = instance.http.app;
      let n = 0;
      // 10.0.0.0/8 addresses, one per request: the per-IP limit (60 per 15 minutes) never trips.
      const nextIp = () => {
        const k = ++n;
        return `10.${(k >> 16) & 255}.${(k >> 8) & 255}.${k & 255}`;
      };
      const ops: Record<Side, () => Promise<void>> = {
        baseline: async () => {
          if (!(await verify(stored, DEMO_PASSWORD))) throw new Error('verify returned false');
        },
        subject: async () => {
          const res = await app.inject({ method: 'POST', url: '/api/auth/login', remoteAddress: nextIp(), payload: { username: USER, password: DEMO_PASSWORD } });
          if (res.statusCode !== 200) throw new Error(`POST /api/auth/login: ${res.statusCode} ${res.body}`);
        },
      };
      await ops.subject();
      const probeN = 20;
      let t = performance.now();
      const { statements, dbMs } = await counted(async () => {
        for (let i = 0; i < probeN; i++) await ops.subject();
      });
      const probeMs = (performance.now() - t) / probeN;
      t = performance.now();
      for (let i = 0; i < probeN; i++) await ops.baseline();
      const probeBaseMs = (performance.now() - t) / probeN;
      const measure = async (side: Side, secs: number) => {
        const op = ops[side];
        let done = 0;
        const cpu0 = process.cpuUsage();
        const start = performance.now();
        const end = start + secs * 1000;
        while (performance.now() < end) {
          await op();
          done++;
        }
        const cpu = process.cpuUsage(cpu0);
        return { ops: done / ((performance.now() - start) / 1000), cpuMsPerOp: (cpu.user + cpu.system) / 1000 / done };
      };
      progress(`password login: ${opts.runs} rounds × ${seconds} s per side, one at a time`);
      await measure('baseline', warmup);
      await measure('subject', warmup);
      const got: Record<Side, { ops: number; cpuMsPerOp: number }[]> = { baseline: [], subject: [] };
      for (let i = 0; i < opts.runs; i++) {
        for (const side of orderOf(i)) {
          const m = await measure(side, seconds);
          got[side].push(m);
          progress(`round ${i + 1} ${side.padEnd(8)} ${m.ops.toFixed(1).padStart(6)} ops/s  ${(1000 / m.ops).toFixed(1)} ms/op  process CPU ${m.cpuMsPerOp.toFixed(1)} ms/op`);
        }
      }
      const baseline = row('baseline', 'argon2id verify (m=19456 t=2 p=1), same hash', got.baseline.map((m) => m.ops));
      const subject = row('subject', 'POST /api/auth/login via app.inject', got.subject.map((m) => m.ops));
      const ratio = subject.median / baseline.median;
      const msB = 1000 / baseline.median;
      const msS = 1000 / subject.median;
      finish({
        benchmark: 'identity.password-login',
        mode: opts.mode,
        unit: 'logins/s',
        better: 'higher',
        baseline,
        subjects: [subject],
        ratio,
        goal: { text: '≥ 0.85×', met: ratio >= 0.85 },
        info: {
          ...common,
          'ms per op (baseline, subject)': [+msB.toFixed(2), +msS.toFixed(2)],
          'login work besides the hash check (ms/op, from the medians)': +(msS - msB).toFixed(2),
          'process CPU ms/op (baseline, subject; argon2 runs on a libuv thread, counted)': [+median(got.baseline.map((m) => m.cpuMsPerOp)).toFixed(2), +median(got.subject.map((m) => m.cpuMsPerOp)).toFixed(2)],
          ...(statements
            ? {
                'probe of 20 in a row, ms/op (verify, login; login of which waiting for the embedded database)': [+probeBaseMs.toFixed(2), +probeMs.toFixed(2), +(dbMs / probeN).toFixed(2)],
                'statements per login (embedded)': statements.length / probeN,
                'statements of one login (embedded)': tally(statements.slice(0, statements.length / probeN)),
              }
            : {}),
          loop: `one operation at a time, ${seconds} s rounds after ${warmup} s warm-up per side`,
        },
        notes: [
          `every login comes from another remoteAddress (10.x.y.z) with the correct password for ${USER}: no rate limit or lockout trips; each one opens a session`,
          'the login: one statement (the per-IP attempt counted over a sliding window, the lockout count, the staff row with its grants and MFA state, the audit head), then argon2id verify while the answer is built, then the session and its audit entry in one statement (a transaction when another entry came first or a second factor is checked); lockout clear only after failures',
        ],
      });
    }

    // The last comparison goes back to run.ts to print; the others are printed here, in order.
    const last = results.pop();
    if (!last) throw new Error('nothing measured');
    for (const r of results) printResult(r, environment());
    const summary = [...results, last].map((r) => ({ benchmark: r.benchmark, ratio: +r.ratio.toFixed(3), pairedRatio: +pairedRatio(r.subjects[0]!, r.baseline).toFixed(3), goal: r.goal }));
    if (summary.length > 1) last.info = { ...last.info, 'all identity comparisons': summary };
    return last;
  },
};

if (process.argv.includes(CHILD_FLAG) && process.send) childMain();
