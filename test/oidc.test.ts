/**
 * Single sign-on with real relying parties (openid-client 6) against the platform listening on
 * 127.0.0.1: discovery and JWKS, code + PKCE at two clients with one login, pairwise subjects,
 * userinfo, refresh, scopes a client is not registered for, RP-initiated logout and the platform's
 * own logout (staff and persons) ending both with back-channel logout tokens (received by a small
 * HTTP server, verified against the JWKS), client credentials on the machine API, key rotation, and
 * everything surviving a restart on the same database (an embedded data directory, or the same
 * PostgreSQL database). A small "browser" (cookie jar, manual redirects) plays the user agent.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify, type JSONWebKeySet } from 'jose';
import * as oidc from 'openid-client';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { createInstance, type Instance } from '../src/app.ts';
import { systemActor } from '../src/core/audit.ts';
import { testConfig } from '../src/core/config.ts';
import { openEmbedded, openServer, type Database } from '../src/core/db.ts';
import { createHttp } from '../src/core/http.ts';
import type { CoreTables } from '../src/core/schema.ts';
import { staffAccounts } from '../src/modules/identity/oidc/accounts.ts';
import type { OidcTables } from '../src/modules/identity/oidc/schema.ts';
import { DEMO_PASSWORD } from './support/instance.ts';
import { CookieBrowser } from './support/cookie-browser.ts';
import { lastCode, personNumbers } from './support/persons.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as AddressInfo;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

/**
 * A database that outlives one instance: a PGlite data directory loaded from the run's template,
 * or a PostgreSQL database created from the template database. `open` may be called again after
 * the previous opening was closed (a restart).
 */
function persistentDatabase(): { open(): Promise<Database>; dispose(): Promise<void>; embeddedDir: string | null } {
  const file = inject('templateFile');
  if (file) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'oidc-pg-'));
    let first = true;
    return {
      embeddedDir: dir,
      open: async () => {
        const db = await openEmbedded(dir, first ? new Blob([readFileSync(file)]) : undefined);
        first = false;
        return db;
      },
      dispose: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const serverUrl = process.env.TEST_DATABASE_URL!;
  const name = `t_${randomUUID().replaceAll('-', '')}`;
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  let created = false;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(sql);
    await c.end();
  };
  return {
    embeddedDir: null,
    open: async () => {
      if (!created) await admin(`create database ${name} template ${inject('templateDatabase')!}`);
      created = true;
      return openServer(url.toString(), 4);
    },
    dispose: () => admin(`drop database if exists ${name} with (force)`),
  };
}


interface Rp {
  clientId: string;
  secret: string;
  redirectUri: string;
  config: oidc.Configuration;
}

describe('single sign-on (OpenID Connect provider)', () => {
  let port: number;
  let base: string;
  let issuer: string;
  let store: ReturnType<typeof persistentDatabase>;
  let instance: Instance;
  let dataDir: string;
  let rpServer: Server;
  let rpBase: string;
  const backchannel: { client: string; body: string }[] = [];
  const browser = new CookieBrowser();
  let rp1: Rp;
  let rp2: Rp;
  let rp3: Rp;
  let tokens1: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  let tokens2: oidc.TokenEndpointResponse & oidc.TokenEndpointResponseHelpers;
  /** The latest refresh token of the second client (a refresh may or may not rotate it). */
  let refresh2: string;

  const start = async () => {
    instance = await createInstance(testConfig({ DATA_DIR: dataDir, PORT: String(port), PUBLIC_URL: base }), await store.open(), { seed: false });
    await instance.http.app.listen({ port, host: '127.0.0.1' });
  };

  const relyingParty = async (clientId: string, secret: string, redirectUri: string): Promise<Rp> => {
    const config = await oidc.discovery(new URL(issuer), clientId, undefined, oidc.ClientSecretBasic(secret), { execute: [oidc.allowInsecureRequests] });
    return { clientId, secret, redirectUri, config };
  };

  const register = async (name: string, extra: { scopes?: string[]; backchannel?: boolean } = {}): Promise<Rp> => {
    const slug = name.toLowerCase().replace(/\W+/g, '-');
    const c = await instance.identity.oidc.registerClient(systemActor('test'), {
      name,
      grant: 'authorization_code',
      redirectUris: [`${rpBase}/${slug}/cb`],
      postLogoutRedirectUris: [`${rpBase}/${slug}/signed-out`],
      backchannelLogoutUri: extra.backchannel ? `${rpBase}/backchannel/${slug}` : null,
      scopes: extra.scopes ?? ['openid', 'offline_access', 'profile'],
      regionCode: '420000',
    });
    return relyingParty(c.clientId, c.clientSecret, `${rpBase}/${slug}/cb`);
  };

  /** Starts an authorization at a relying party and lets the browser run it; returns where it ended. */
  const authorize = async (rp: Rp, scope = 'openid profile') => {
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(rp.config, {
      redirect_uri: rp.redirectUri,
      scope,
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const end = await browser.follow(url, base);
    return { ...end, verifier, state };
  };

  /** Authorizes and exchanges the code; fails if the browser was sent anywhere but back to the client. */
  const signIn = async (rp: Rp, scope?: string) => {
    const a = await authorize(rp, scope);
    expect(a.url.href.startsWith(rp.redirectUri), `ended at ${a.url.href}`).toBe(true);
    return oidc.authorizationCodeGrant(rp.config, a.url, { pkceCodeVerifier: a.verifier, expectedState: a.state });
  };

  const auditLog = () => (instance.platform.db as Kysely<CoreTables>).selectFrom('core.audit_log');
  const jwks = async () => (await (await fetch(`${issuer}/jwks`)).json()) as JSONWebKeySet;

  beforeAll(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    issuer = `${base}/oidc`;
    store = persistentDatabase();
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'oidc-data-'));
    rpServer = createHttpServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString()));
      req.on('end', () => {
        if (req.method === 'POST' && req.url?.startsWith('/backchannel/')) backchannel.push({ client: req.url.slice('/backchannel/'.length), body });
        res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      });
    });
    await new Promise<void>((resolve) => rpServer.listen(0, '127.0.0.1', resolve));
    rpBase = `http://127.0.0.1:${(rpServer.address() as AddressInfo).port}`;
    await start();
    rp1 = await register('Case portal', { backchannel: true });
    rp2 = await register('License wallet', { backchannel: true });
    rp3 = await register('Tax bureau', { scopes: ['openid', 'profile', 'id_number'] });
  });

  afterAll(async () => {
    await instance?.close();
    await new Promise((resolve) => rpServer?.close(resolve));
    await store?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes discovery and a JWKS at the issuer PUBLIC_URL/oidc', async () => {
    const meta = rp1.config.serverMetadata();
    expect(meta.issuer).toBe(issuer);
    expect(meta.authorization_endpoint).toBe(`${issuer}/auth`);
    expect(meta.jwks_uri).toBe(`${issuer}/jwks`);
    expect(meta.end_session_endpoint).toBe(`${issuer}/session/end`);
    expect(meta.backchannel_logout_supported).toBe(true);
    expect(meta.code_challenge_methods_supported).toEqual(['S256']);
    expect(meta.grant_types_supported).toEqual(expect.arrayContaining(['authorization_code', 'refresh_token', 'client_credentials']));
    expect(meta.subject_types_supported).toContain('pairwise');
    expect(meta.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'id_number', 'entity']));
    expect(meta.claims_supported).toEqual(expect.arrayContaining(['sub', 'name', 'id_number_masked', 'id_number', 'acting_for']));
    const head = await fetch(`${issuer}/.well-known/openid-configuration`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-frame-options')).toBe('DENY');
    expect(head.headers.get('x-content-type-options')).toBe('nosniff');
    const set = await jwks();
    expect(set.keys).toHaveLength(1);
    expect(set.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(set.keys[0]).not.toHaveProperty('d');
  });

  it('sends a browser without a platform session to the sign-in page (person or staff login), and back after logging in', async () => {
    const a = await authorize(rp1);
    expect(a.url.pathname).toBe('/login/choose');
    const next = a.url.searchParams.get('next')!;
    expect(next).toMatch(/^\/oidc\/interaction\/[\w-]+$/);
    const res = await browser.fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform_admin.hubei', password: DEMO_PASSWORD }),
    });
    expect(res.status).toBe(200);
    expect(browser.cookie('sid')).toBeTruthy();
    const back = await browser.follow(`${base}${next}`, base);
    expect(back.url.href.startsWith(rp1.redirectUri)).toBe(true);
    tokens1 = await oidc.authorizationCodeGrant(rp1.config, back.url, { pkceCodeVerifier: a.verifier, expectedState: a.state });
    expect(tokens1.claims()?.sub).toBeTruthy();
    expect(tokens1.refresh_token).toBeTruthy();
  });

  it('signs the same person in at a second client without any credential prompt, with another pairwise subject', async () => {
    const a = await authorize(rp2);
    expect(a.hops.map((h) => h.pathname)).not.toContain('/login');
    tokens2 = await oidc.authorizationCodeGrant(rp2.config, a.url, { pkceCodeVerifier: a.verifier, expectedState: a.state });
    refresh2 = tokens2.refresh_token!;
    const sub1 = tokens1.claims()!.sub;
    const sub2 = tokens2.claims()!.sub;
    expect(sub2).toBeTruthy();
    expect(sub2).not.toBe(sub1);
    expect(sub1).not.toContain('staff:');
    // The same client sees the same subject again.
    const again = await signIn(rp1);
    expect(again.claims()!.sub).toBe(sub1);
    const audit = await auditLog().select('target_id').where('action', '=', 'oidc.sso_login').execute();
    expect(audit.map((r) => r.target_id)).toEqual(expect.arrayContaining([rp1.clientId, rp2.clientId]));
  });

  it('answers userinfo with the name, and exchanges a refresh token', async () => {
    const sub = tokens2.claims()!.sub;
    const info = await oidc.fetchUserInfo(rp2.config, tokens2.access_token, sub);
    expect(info).toMatchObject({ sub, name: '湖北省平台管理员（演示）' });
    expect(info).not.toHaveProperty('id_number');
    const refreshed = await oidc.refreshTokenGrant(rp2.config, refresh2);
    expect(refreshed.access_token).not.toBe(tokens2.access_token);
    expect(refreshed.claims()!.sub).toBe(sub);
    refresh2 = refreshed.refresh_token ?? refresh2;
    tokens2 = refreshed;
  });

  it('refuses a scope the client is not registered for, and releases the full ID number only to a client granted it, audited', async () => {
    const refused = await authorize(rp1, 'openid id_number');
    expect(refused.url.href.startsWith(rp1.redirectUri)).toBe(true);
    expect(refused.url.searchParams.get('error')).toBe('invalid_scope');

    // Staff have no ID number: a stand-in account source gives the demo admin one.
    const idNumber = '420102199003071234';
    instance.identity.oidc.addAccountSource('staff', {
      find: async (accountId) => ({ kind: 'staff', id: accountId.slice(6), name: '测试', idNumberMasked: '4201**********1234', idNumber: async () => idNumber }),
    });
    const t3 = await signIn(rp3, 'openid profile id_number');
    const info = await oidc.fetchUserInfo(rp3.config, t3.access_token, t3.claims()!.sub);
    expect(info).toMatchObject({ id_number: idNumber, id_number_masked: '4201**********1234' });
    const t1 = await signIn(rp1, 'openid profile');
    const info1 = await oidc.fetchUserInfo(rp1.config, t1.access_token, t1.claims()!.sub);
    expect(info1).not.toHaveProperty('id_number');
    expect(info1).toMatchObject({ id_number_masked: '4201**********1234' });
    const released = await auditLog().selectAll().where('action', '=', 'oidc.claim_release').execute();
    expect(released.length).toBeGreaterThan(0);
    for (const r of released) {
      expect(r).toMatchObject({ actor_kind: 'machine', actor_id: `client:${rp3.clientId}`, target_type: 'staff', detail: { claim: 'id_number', clientId: rp3.clientId } });
    }
    // Back to the real staff accounts.
    instance.identity.oidc.addAccountSource('staff', staffAccounts(instance.platform.db));
  });

  it('signs a person in with the masked ID number, and releases the full one only for the id_number scope', async () => {
    const personBrowser = new CookieBrowser();
    const { idNumber, mobile } = personNumbers(900_001);
    const post = (url: string, body: unknown) =>
      personBrowser.fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/persons/codes', { mobile, purpose: 'register' })).status).toBe(202);
    const registered = await post('/api/persons/register', { name: '孙七', idNumber, mobile, code: await lastCode(instance, mobile) });
    expect(registered.status).toBe(201);
    const personId = ((await registered.json()) as { person: { id: string } }).person.id;
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const start = oidc.buildAuthorizationUrl(rp3.config, {
      redirect_uri: rp3.redirectUri,
      scope: 'openid profile id_number',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const end = await personBrowser.follow(start, base);
    expect(end.url.href.startsWith(rp3.redirectUri), `ended at ${end.url.href}`).toBe(true);
    const t = await oidc.authorizationCodeGrant(rp3.config, end.url, { pkceCodeVerifier: verifier, expectedState: state });
    const info = await oidc.fetchUserInfo(rp3.config, t.access_token, t.claims()!.sub);
    expect(info).toMatchObject({ name: '孙七', id_number: idNumber, id_number_masked: `${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}` });
    const released = await auditLog().selectAll().where('action', '=', 'oidc.claim_release').where('target_id', 'like', `%${personId}%`).execute();
    expect(released.length).toBeGreaterThan(0);
    expect(released[0]).toMatchObject({ target_type: 'person' });
  });

  it('lists a person’s authorized applications and revokes one: its refresh token stops working, audited', async () => {
    const personBrowser = new CookieBrowser();
    const { idNumber, mobile } = personNumbers(900_002);
    const post = (url: string, body: unknown) =>
      personBrowser.fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect((await post('/api/persons/codes', { mobile, purpose: 'register' })).status).toBe(202);
    const registered = await post('/api/persons/register', { name: '周八', idNumber, mobile, code: await lastCode(instance, mobile) });
    expect(registered.status).toBe(201);
    const { person } = (await registered.json()) as { person: { id: string; csrfToken: string } };
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const url = oidc.buildAuthorizationUrl(rp1.config, {
      redirect_uri: rp1.redirectUri,
      scope: 'openid profile',
      state,
      code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
    });
    const end = await personBrowser.follow(url, base);
    expect(end.url.href.startsWith(rp1.redirectUri), `ended at ${end.url.href}`).toBe(true);
    const t = await oidc.authorizationCodeGrant(rp1.config, end.url, { pkceCodeVerifier: verifier, expectedState: state });
    expect(t.refresh_token).toBeTruthy();
    const refreshed = await oidc.refreshTokenGrant(rp1.config, t.refresh_token!);
    const refresh = refreshed.refresh_token ?? t.refresh_token!;

    const list = async () => {
      const res = await personBrowser.fetch(`${base}/api/persons/me/applications`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: { clientId: string; clientName: string; scopes: string[]; grantedAt: string }[] }).items;
    };
    const before = await list();
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ clientId: rp1.clientId, clientName: 'Case portal', scopes: ['openid', 'profile'] });
    expect(Date.parse(before[0]!.grantedAt)).toBeGreaterThan(Date.now() - 60_000);

    const revoked = await personBrowser.fetch(`${base}/api/persons/me/applications/${rp1.clientId}`, { method: 'DELETE', headers: { 'x-csrf-token': person.csrfToken } });
    expect(revoked.status).toBe(204);
    expect(await list()).toEqual([]);
    await expect(oidc.refreshTokenGrant(rp1.config, refresh)).rejects.toMatchObject({ error: 'invalid_grant' });
    const info = await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${refreshed.access_token}` } });
    expect(info.status).toBe(401);
    const audit = await auditLog().selectAll().where('action', '=', 'oidc.grant_revoke').where('target_id', '=', rp1.clientId).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actor_kind: 'person', actor_id: person.id, detail: { personId: person.id } });
  });

  it('gives a machine client a client-credentials token that the machine API accepts, and refuses others', async () => {
    const admin = new CookieBrowser();
    await admin.fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform_admin.wuhan', password: DEMO_PASSWORD }),
    });
    const me = (await (await admin.fetch(`${base}/api/auth/me`)).json()) as { user: { csrfToken: string } };
    const created = await admin.fetch(`${base}/api/oidc/clients`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': me.user.csrfToken },
      body: JSON.stringify({ name: '武汉市市场监管局审批系统', grant: 'client_credentials', scopes: ['cases:read'], regionCode: '420100' }),
    });
    expect(created.status).toBe(201);
    const machine = (await created.json()) as { clientId: string; clientSecret: string };
    const config = await oidc.discovery(new URL(issuer), machine.clientId, undefined, oidc.ClientSecretBasic(machine.clientSecret), { execute: [oidc.allowInsecureRequests] });
    const token = await oidc.clientCredentialsGrant(config, { scope: 'cases:read' }).catch((e: { error?: string; error_description?: string }) => {
      throw new Error(`${e.error}: ${e.error_description}`);
    });
    expect(token.token_type.toLowerCase()).toBe('bearer');
    const whoami = await fetch(`${base}/api/machine/whoami`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(whoami.status).toBe(200);
    expect(await whoami.json()).toEqual({ clientId: machine.clientId, name: '武汉市市场监管局审批系统', scopes: ['cases:read'] });

    const bad = await fetch(`${base}/api/machine/whoami`, { headers: { authorization: 'Bearer not-a-token' } });
    expect(bad.status).toBe(401);
    expect(bad.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const none = await fetch(`${base}/api/machine/whoami`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    // A staff session does not open a machine route, and a machine token does not open a staff route.
    expect((await admin.fetch(`${base}/api/machine/whoami`)).status).toBe(401);
    const meAsMachine = await fetch(`${base}/api/auth/me`, { headers: { authorization: `Bearer ${token.access_token}` } });
    expect(await meAsMachine.json()).toEqual({ user: null });
    // A user's access token (authorization code) is not a machine token.
    expect((await fetch(`${base}/api/machine/whoami`, { headers: { authorization: `Bearer ${tokens2.access_token}` } })).status).toBe(401);
    // A client that cannot do client credentials gets no token.
    await expect(oidc.clientCredentialsGrant(rp1.config)).rejects.toMatchObject({ error: 'invalid_request', error_description: 'requested grant type is not allowed for this client' });

    // Removing the client ends its tokens at once.
    const removed = await admin.fetch(`${base}/api/oidc/clients/${machine.clientId}`, { method: 'DELETE', headers: { 'x-csrf-token': me.user.csrfToken } });
    expect(removed.status).toBe(204);
    expect((await fetch(`${base}/api/machine/whoami`, { headers: { authorization: `Bearer ${token.access_token}` } })).status).toBe(401);
  });

  it('rotates keys: the old key stays published so old tokens verify, new tokens use the new key', async () => {
    const before = await jwks();
    const oldKid = decodeProtectedHeader(tokens2.id_token!).kid!;
    expect(before.keys.map((k) => k.kid)).toEqual([oldKid]);
    const rotated = await instance.identity.oidc.rotateKeys(systemActor('test'));
    expect(rotated.retired).toEqual([oldKid]);
    const after = await jwks();
    expect(after.keys.map((k) => k.kid)).toEqual([rotated.kid, oldKid]);
    const verified = await jwtVerify(tokens2.id_token!, createLocalJWKSet(after), { issuer, audience: rp2.clientId });
    expect(verified.protectedHeader.kid).toBe(oldKid);
    const refreshed = await oidc.refreshTokenGrant(rp2.config, refresh2);
    expect(decodeProtectedHeader(refreshed.id_token!).kid).toBe(rotated.kid);
    await jwtVerify(refreshed.id_token!, createLocalJWKSet(after), { issuer, audience: rp2.clientId });
    refresh2 = refreshed.refresh_token ?? refresh2;
    tokens2 = refreshed;
  });

  it('keeps sessions, grants, refresh tokens, clients and keys across a restart on the same database', async () => {
    const kids = (await jwks()).keys.map((k) => k.kid);
    await instance.close();
    await start();
    expect((await jwks()).keys.map((k) => k.kid)).toEqual(kids);
    const refreshed = await oidc.refreshTokenGrant(rp2.config, refresh2);
    expect(refreshed.claims()!.sub).toBe(tokens2.claims()!.sub);
    refresh2 = refreshed.refresh_token ?? refresh2;
    tokens2 = refreshed;
    // The single sign-on session survived too: no credential prompt.
    const again = await signIn(rp1);
    expect(again.claims()!.sub).toBe(tokens1.claims()!.sub);
    tokens1 = again;
  });

  it('ends both clients’ sessions and the platform session when the user signs out at one (RP-initiated, back-channel)', async () => {
    backchannel.length = 0;
    const endUrl = oidc.buildEndSessionUrl(rp1.config, { id_token_hint: tokens1.id_token!, post_logout_redirect_uri: `${rpBase}/case-portal/signed-out` });
    const page = await browser.fetch(endUrl);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('退出所有系统');
    const form = /<form id="op.logoutForm" method="post" action="([^"]+)"><input type="hidden" name="xsrf" value="([^"]+)"\/>/.exec(html);
    expect(form).not.toBeNull();
    const confirmed = await browser.fetch(form![1]!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: form![2]!, logout: 'yes' }),
    });
    expect(confirmed.status).toBe(303);
    expect(confirmed.headers.get('location')).toBe(`${rpBase}/case-portal/signed-out`);
    expect(browser.cookie('sid')).toBeUndefined();

    // Both clients were told, with logout tokens signed by the provider.
    expect(backchannel.map((b) => b.client).sort()).toEqual(['case-portal', 'license-wallet']);
    const set = createLocalJWKSet(await jwks());
    for (const b of backchannel) {
      const rp = b.client === 'case-portal' ? rp1 : rp2;
      const token = new URLSearchParams(b.body).get('logout_token')!;
      const { payload } = await jwtVerify(token, set, { issuer, audience: rp.clientId });
      expect(payload.sub).toBe((rp === rp1 ? tokens1 : tokens2).claims()!.sub);
      expect(payload.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} });
      expect(payload.sid).toBeTruthy();
    }

    // The second client's tokens are revoked and a new sign-in there asks for credentials.
    await expect(oidc.refreshTokenGrant(rp2.config, refresh2)).rejects.toMatchObject({ error: 'invalid_grant' });
    const fresh = await authorize(rp2);
    expect(fresh.url.pathname).toBe('/login/choose');
    const me = (await (await browser.fetch(`${base}/api/auth/me`)).json()) as { user: unknown };
    expect(me.user).toBeNull();
  });

  /** Checks the back-channel logout tokens received: signed by a key of the JWKS, for the client, naming the subject. */
  const expectLogoutTokens = async (expected: Record<string, { rp: Rp; sub: string }>) => {
    expect(backchannel.map((b) => b.client).sort()).toEqual(Object.keys(expected).sort());
    const set = createLocalJWKSet(await jwks());
    for (const b of backchannel) {
      const { rp, sub } = expected[b.client]!;
      const token = new URLSearchParams(b.body).get('logout_token')!;
      const { payload, protectedHeader } = await jwtVerify(token, set, { issuer, audience: rp.clientId });
      expect(protectedHeader.alg).toBe('RS256');
      expect(payload.sub).toBe(sub);
      expect(payload.events).toEqual({ 'http://schemas.openid.net/event/backchannel-logout': {} });
      expect(payload.sid).toBeTruthy();
      expect(payload.jti).toBeTruthy();
      expect(payload).not.toHaveProperty('nonce');
    }
  };

  it('ends the single sign-on session when the user logs out of the platform itself (its web menu), telling both clients by back-channel', async () => {
    backchannel.length = 0;
    // Signed in again: at the first client through the sign-in page, at the second without credentials.
    const a = await authorize(rp1);
    expect(a.url.pathname).toBe('/login/choose');
    const login = await browser.fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform_admin.hubei', password: DEMO_PASSWORD }),
    });
    const { user } = (await login.json()) as { user: { id: string; csrfToken: string } };
    const back = await browser.follow(`${base}${a.url.searchParams.get('next')!}`, base);
    const t1 = await oidc.authorizationCodeGrant(rp1.config, back.url, { pkceCodeVerifier: a.verifier, expectedState: a.state });
    const t2 = await signIn(rp2);
    expect(browser.cookie('oidc_session')).toBeTruthy();

    // What the web app's account menu sends.
    const out = await browser.fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { 'x-csrf-token': user.csrfToken } });
    expect(out.status).toBe(204);
    expect(browser.cookie('sid')).toBeUndefined();
    expect(browser.cookie('oidc_session')).toBeUndefined();

    await expectLogoutTokens({ 'case-portal': { rp: rp1, sub: t1.claims()!.sub }, 'license-wallet': { rp: rp2, sub: t2.claims()!.sub } });
    for (const [rp, t] of [[rp1, t1], [rp2, t2]] as const) {
      await expect(oidc.refreshTokenGrant(rp.config, t.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
      expect((await fetch(`${issuer}/me`, { headers: { authorization: `Bearer ${t.access_token}` } })).status).toBe(401);
    }
    expect((await authorize(rp2)).url.pathname).toBe('/login/choose');
    const sessions = await (instance.platform.db as Kysely<OidcTables>)
      .selectFrom('identity.oidc_payload')
      .select('id')
      .where('kind', '=', 'Session')
      .where(sql<string>`payload->>'accountId'`, '=', `staff:${user.id}`)
      .execute();
    expect(sessions).toEqual([]);
    const audit = await auditLog().selectAll().where('action', '=', 'staff.logout').where('actor_id', '=', user.id).orderBy('seq', 'desc').executeTakeFirstOrThrow();
    expect((audit.detail as { singleSignOnClients: string[] }).singleSignOnClients.sort()).toEqual([rp1.clientId, rp2.clientId].sort());
  });

  it('ends a person’s single sign-on session with their logout, and no one else’s', async () => {
    backchannel.length = 0;
    const personBrowser = new CookieBrowser();
    const { idNumber, mobile } = personNumbers(900_003);
    const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
      personBrowser.fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    expect((await post('/api/persons/codes', { mobile, purpose: 'register' })).status).toBe(202);
    const registered = await post('/api/persons/register', { name: '吴九', idNumber, mobile, code: await lastCode(instance, mobile) });
    const { person } = (await registered.json()) as { person: { id: string; csrfToken: string } };
    const url = async (rp: Rp, verifier: string, state: string) =>
      oidc.buildAuthorizationUrl(rp.config, { redirect_uri: rp.redirectUri, scope: 'openid profile', state, code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' });
    const verifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const end = await personBrowser.follow(await url(rp1, verifier, state), base);
    const t = await oidc.authorizationCodeGrant(rp1.config, end.url, { pkceCodeVerifier: verifier, expectedState: state });

    // Someone else, signed in at the second client in another browser, stays signed in.
    await browser.fetch(`${base}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'platform_admin.hubei', password: DEMO_PASSWORD }),
    });
    const other = await signIn(rp2);
    const out = await personBrowser.fetch(`${base}/api/auth/logout`, { method: 'POST', headers: { 'x-csrf-token': person.csrfToken } });
    expect(out.status).toBe(204);
    await expectLogoutTokens({ 'case-portal': { rp: rp1, sub: t.claims()!.sub } });
    await expect(oidc.refreshTokenGrant(rp1.config, t.refresh_token!)).rejects.toMatchObject({ error: 'invalid_grant' });
    expect((await oidc.refreshTokenGrant(rp2.config, other.refresh_token!)).access_token).toBeTruthy();
    const audit = await auditLog().selectAll().where('action', '=', 'person.logout').where('actor_id', '=', person.id).executeTakeFirstOrThrow();
    expect(audit).toMatchObject({ target_type: 'person', target_id: person.id, detail: { singleSignOnClients: [rp1.clientId] } });
  });

  it('shows the provider’s pages in English when asked', async () => {
    const res = await fetch(`${issuer}/session/end/success`, { headers: { 'accept-language': 'en-US,en;q=0.9' } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Signed out');
    const zh = await (await fetch(`${issuer}/session/end/success`)).text();
    expect(zh).toContain('已退出登录');
  });
});

describe('the machine guard', () => {
  it('asks for the named scope', async () => {
    const { app } = createHttp({
      config: testConfig(),
      parentOf: () => null,
      authenticators: [async (req) => (req.headers.authorization === 'Bearer ok' ? { principal: { kind: 'machine', id: 'client:x', name: 'x', grants: [], scopes: ['a'] }, csrfToken: null, sessionId: null } : null)],
      ready: async () => true,
      webRoot: null,
    });
    app.get('/api/a', { config: { access: { machine: true, scope: 'a' } } }, async () => ({ ok: true }));
    app.post('/api/b', { config: { access: { machine: true, scope: 'b' } } }, async () => ({ ok: true }));
    app.get('/api/staff-only', { config: { access: { authenticated: true } } }, async () => ({ ok: true }));
    await app.ready();
    expect((await app.inject({ method: 'GET', url: '/api/a', headers: { authorization: 'Bearer ok' } })).statusCode).toBe(200);
    const noScope = await app.inject({ method: 'POST', url: '/api/b', headers: { authorization: 'Bearer ok' } });
    expect(noScope.statusCode).toBe(403);
    expect(noScope.headers['www-authenticate']).toBe('Bearer error="insufficient_scope", scope="b"');
    expect((await app.inject({ method: 'GET', url: '/api/a' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/staff-only', headers: { authorization: 'Bearer ok' } })).statusCode).toBe(401);
    await app.close();
  });
});

describe.skipIf(!!process.env.TEST_DATABASE_URL)('the CLI (embedded data directory)', () => {
  const cli = (args: string[], dataDir: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'silent', NODE_ENV: 'development' };
      delete env.TEST_DATABASE_URL;
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
      child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });

  it('registers clients (printing the secret once as JSON) and rotates keys', { timeout: 120_000 }, async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'oidc-cli-'));
    try {
      const db = await openEmbedded(path.join(dir, 'pg'), new Blob([readFileSync(inject('templateFile')!)]));
      await db.close();
      const add = await cli(
        [
          ...['clients', 'add', '--name', '不动产登记系统', '--grant', 'authorization_code', '--redirect-uri', 'https://bdc.example.gov.cn/cb', '--scope', 'openid profile id_number'],
          ...['--post-logout-redirect-uri', 'https://bdc.example.gov.cn/bye', '--backchannel-logout-uri', 'https://bdc.example.gov.cn/backchannel-logout'],
        ],
        dir,
      );
      expect(add.stderr).toBe('');
      expect(add.code).toBe(0);
      const out = JSON.parse(add.stdout) as Record<string, unknown>;
      expect(out).toMatchObject({
        name: '不动产登记系统',
        grant: 'authorization_code',
        redirectUris: ['https://bdc.example.gov.cn/cb'],
        postLogoutRedirectUris: ['https://bdc.example.gov.cn/bye'],
        backchannelLogoutUri: 'https://bdc.example.gov.cn/backchannel-logout',
        scopes: ['openid', 'profile', 'id_number'],
      });
      expect(out.client_id).toEqual(expect.any(String));
      expect(out.client_secret).toEqual(expect.any(String));
      const machine = await cli(['clients', 'add', '--name', '城市平台', '--grant', 'client_credentials', '--scope', 'cases:read'], dir);
      expect(machine.code).toBe(0);
      expect(JSON.parse(machine.stdout)).toMatchObject({ grant: 'client_credentials', scopes: ['cases:read'] });
      const wrong = await cli(['clients', 'add', '--name', 'x', '--grant', 'authorization_code'], dir);
      expect(wrong.code).toBe(2);
      expect(wrong.stderr).toContain('redirectUris');
      const rotated = await cli(['oidc', 'rotate-keys'], dir);
      expect(rotated.stderr).toBe('');
      expect(rotated.code).toBe(0);
      expect(JSON.parse(rotated.stdout)).toMatchObject({ kid: expect.any(String), retired: [expect.any(String)] });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
