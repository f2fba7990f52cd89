import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testConfig } from '../../src/core/config.ts';
import { createHttp } from '../../src/core/http.ts';
import { maskPersonalNumbers } from '../../src/core/mask.ts';
import { call, DEMO_PASSWORD, login, testInstance, type TestInstance } from '../support/instance.ts';

let i: TestInstance;

beforeAll(async () => {
  i = await testInstance();
});
afterAll(() => i?.close());

const PROBLEM = /^application\/problem\+json/;

/** A bare HTTP app (no modules) with one extra route, for behaviour no real route shows. */
async function bareApp(logLevel = 'silent') {
  const { app } = createHttp({ config: testConfig({ LOG_LEVEL: logLevel }), parentOf: () => null, authenticators: [], ready: async () => true, webRoot: null });
  app.get('/api/boom', { config: { access: { public: true } } }, async () => {
    throw new Error('secret detail: connection postgres://admin:hunter2@db.internal/platform failed');
  });
  await app.ready();
  return app;
}

describe('API documentation', () => {
  interface Operation {
    responses: Record<string, { description: string; content?: Record<string, { schema?: unknown }> }>;
  }

  it('serves OpenAPI 3 with every API route and a response schema for each success status', async () => {
    const res = await call(i, null, 'GET', '/api/docs/json');
    expect(res.statusCode).toBe(200);
    const doc = res.json() as { openapi: string; paths: Record<string, Record<string, Operation>> };
    expect(doc.openapi).toMatch(/^3\./);
    const routes = i.http.routes.filter((r) => !r.url.startsWith('/api/docs'));
    expect(routes.length).toBeGreaterThan(20);
    const problems: string[] = [];
    for (const r of routes) {
      const name = `${r.method} ${r.url}`;
      const op = doc.paths[r.url.replace(/:(\w+)/g, '{$1}')]?.[r.method.toLowerCase()];
      if (!op) {
        problems.push(`${name}: not in the document`);
        continue;
      }
      const success = Object.entries(op.responses).filter(([status]) => /^2\d\d$/.test(status));
      if (success.length === 0) problems.push(`${name}: no success response`);
      for (const [status, response] of success) {
        // 204 has no body; every other success answer must say what its body is.
        // Downloads describe their bytes under their own media type.
        if (status !== '204' && !Object.values(response.content ?? {}).some((c) => c.schema)) problems.push(`${name}: ${status} has no schema`);
        if (status === '204' && response.content) problems.push(`${name}: 204 declares a body`);
      }
    }
    expect(problems, problems.join("\n")).toEqual([]);
  });

  it('documents the 204 of routes that answer without a body', async () => {
    const doc = (await call(i, null, 'GET', '/api/docs/json')).json() as { paths: Record<string, Record<string, Operation>> };
    expect(Object.keys(doc.paths['/api/auth/logout']!.post!.responses)).toEqual(['204']);
    const s = await login(i, 'supervisor.hubei');
    expect((await call(i, s, 'POST', '/api/auth/logout')).statusCode).toBe(204);
  });

  it('serves the browsable documentation page as HTML', async () => {
    const res = await call(i, null, 'GET', '/api/docs');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.body).toContain('swagger-ui');
    const script = await call(i, null, 'GET', '/api/docs/static/swagger-initializer.js');
    expect(script.statusCode).toBe(200);
    // The page loads the document from ./json, relative to /api/docs/.
    expect(script.body.includes("url: resolveUrl('./json')"), 'initializer points at ./json').toBe(true);
  });
});

describe('health', () => {
  it('answers /healthz and /readyz with 200 while the database is up', async () => {
    const health = await call(i, null, 'GET', '/healthz');
    expect(health.statusCode).toBe(200);
    expect(health.json()).toEqual({ status: 'ok' });
    const ready = await call(i, null, 'GET', '/readyz');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('answers /readyz with 503 once the database is closed, while /healthz stays 200', async () => {
    const other = await testInstance();
    try {
      await other.platform.outbox.stop();
      expect((await other.http.app.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
      await other.platform.database.close();
      const res = await other.http.app.inject({ method: 'GET', url: '/readyz' });
      expect(res.statusCode).toBe(503);
      expect(res.json()).toEqual({ status: 'database unreachable' });
      expect((await other.http.app.inject({ method: 'GET', url: '/healthz' })).statusCode).toBe(200);
    } finally {
      await other.http.app.close();
      rmSync(other.dataDir, { recursive: true, force: true });
    }
  });
});

describe('errors', () => {
  it('answers an unknown /api route with a 404 problem+json', async () => {
    for (const [method, url] of [['GET', '/api/no-such-thing'], ['DELETE', '/api/regions'], ['POST', '/api/nothing/here']] as const) {
      const res = await call(i, null, method, url, method === 'POST' ? {} : undefined, { 'accept-language': 'en' });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.json()).toMatchObject({ type: '/problems/not-found', status: 404, title: 'route not found', instance: url });
    }
  });

  it('answers a thrown error with a bare 500 problem: no message, no stack trace', async () => {
    const app = await bareApp();
    try {
      const res = await app.inject({ method: 'GET', url: '/api/boom', headers: { 'accept-language': 'en' } });
      expect(res.statusCode).toBe(500);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      const body = res.json() as Record<string, unknown>;
      expect(Object.keys(body).sort()).toEqual(['instance', 'requestId', 'status', 'title', 'type']);
      expect(body).toMatchObject({ type: '/problems/internal', status: 500, instance: '/api/boom' });
      expect(body.title).toContain(String(body.requestId));
      for (const leak of ['secret', 'hunter2', 'postgres://', 'Error', ' at ', '.ts:', 'stack']) expect(res.body).not.toContain(leak);
    } finally {
      await app.close();
    }
  });
});

describe('request ids', () => {
  it('puts an x-request-id on every kind of response', async () => {
    const s = await login(i, 'auditor.wuhan');
    const responses = [
      await call(i, null, 'GET', '/api/regions'),
      await call(i, null, 'GET', '/api/no-such-thing'),
      await call(i, null, 'GET', '/api/roles'),
      await call(i, s, 'GET', '/api/staff?regionCode=420200'),
      await call(i, null, 'GET', '/healthz'),
      await call(i, null, 'GET', '/api/docs'),
      await call(i, null, 'GET', '/api/docs/static/swagger-ui.css'),
      await call(i, s, 'POST', '/api/auth/logout'),
    ];
    expect(responses.map((r) => r.statusCode)).toEqual([200, 404, 401, 403, 200, 200, 200, 204]);
    for (const r of responses) expect(r.headers['x-request-id'], `${r.statusCode} ${r.body.slice(0, 80)}`).toMatch(/^[\w.-]{1,64}$/);
    const ids = new Set(responses.map((r) => r.headers['x-request-id']));
    expect(ids.size).toBe(responses.length);
  });

  it('uses an incoming x-request-id as the problem’s requestId and echoes it', async () => {
    const res = await call(i, null, 'GET', '/api/roles', undefined, { 'x-request-id': 'trace-2026.abc_1' });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ requestId: 'trace-2026.abc_1' });
    expect(res.headers['x-request-id']).toBe('trace-2026.abc_1');
  });

  it('replaces an incoming x-request-id that is not a safe token', async () => {
    for (const bad of ['has spaces in it', 'x'.repeat(65), '<script>']) {
      const res = await call(i, null, 'GET', '/api/roles', undefined, { 'x-request-id': bad });
      const { requestId } = res.json() as { requestId: string };
      expect(requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(res.headers['x-request-id']).toBe(requestId);
    }
  });
});

describe('transport conventions', () => {
  it('sends nosniff, same-origin referrer and frame-deny headers', async () => {
    for (const url of ['/api/regions', '/api/no-such-thing']) {
      const res = await call(i, null, 'GET', url);
      expect(res.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'same-origin', 'x-frame-options': 'DENY' });
    }
  });

  it('ignores x-forwarded-proto without TRUST_PROXY: the session cookie is not marked Secure', async () => {
    const res = await i.http.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'supervisor.hubei', password: DEMO_PASSWORD }, headers: { 'x-forwarded-proto': 'https' } });
    expect(res.statusCode).toBe(200);
    expect(res.cookies.find((c) => c.name === 'sid')!.secure).toBeFalsy();
  });
});

describe('masking personal numbers', () => {
  it.each([
    ['an ID number', '420102199001011234', '4201**********1234'],
    ['an ID number with the X check character', '42010219900101123X', '4201**********123X'],
    ['an ID number with a lower-case x', '42010219900101123x', '4201**********123x'],
    ['a mobile number', '13812345678', '138****5678'],
    ['both inside a URL', '/api/persons/420102199001011234?mobile=13812345678&x=1', '/api/persons/4201**********1234?mobile=138****5678&x=1'],
    ['an ID number between slashes in a path', '/a/11010519491231002X/b', '/a/1101**********002X/b'],
    ['text with Chinese around', '身份证420102199001011234电话15900001111', '身份证4201**********1234电话159****1111'],
  ])('masks %s', (_what, input, masked) => {
    expect(maskPersonalNumbers(input)).toBe(masked);
  });

  it.each([
    ['a region code', '420102'],
    ['a 19-digit number', '4201021990010112345'],
    ['a 17-digit number', '42010219900101123'],
    ['an 11-digit number that is not a mobile', '12012345678'],
    ['a 12-digit number', '138123456789'],
    ['a UUID', '6f1c2a7e-1b2c-4d3e-8f90-123456789012'],
  ])('leaves %s alone', (_what, input) => {
    expect(maskPersonalNumbers(input)).toBe(input);
  });

  it('masks an ID number in the URL of the request log line and of a problem', async () => {
    const app = await bareApp('fatal');
    try {
      const serializers = (app.log as unknown as Record<symbol, { req: (r: unknown) => { url: string } }>)[Symbol.for('pino.serializers')];
      expect(serializers?.req).toBeTypeOf('function');
      const logged = serializers!.req({ method: 'GET', url: '/api/persons/42010219900101123X?m=13912345678', ip: '127.0.0.1' });
      expect(logged).toEqual({ method: 'GET', url: '/api/persons/4201**********123X?m=139****5678', remoteAddress: '127.0.0.1' });
    } finally {
      await app.close();
    }
    const res = await call(i, null, 'GET', '/api/persons/420102199001011234');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ instance: '/api/persons/4201**********1234' });
    expect(res.body).not.toContain('420102199001011234');
  });
});
