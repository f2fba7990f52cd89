import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshDatabase } from '../../test/support/instance.ts';
import type { ConfigError} from './config.ts';
import { loadConfig } from './config.ts';
import type { Database } from './db.ts';
import { DevMailbox, GatewayError, HttpSmsGateway } from './notify.ts';

/** A local SMS gateway that implements docs/adapters.md, recording what it was sent. */
async function fakeGateway(answer: (body: unknown) => { status: number; body: unknown; delayMs?: number }) {
  const received: { auth: string | undefined; body: unknown }[] = [];
  const app = Fastify();
  app.post('/sms', async (req, reply) => {
    received.push({ auth: req.headers.authorization, body: req.body });
    const a = answer(req.body);
    if (a.delayMs) await new Promise((r) => setTimeout(r, a.delayMs));
    return reply.code(a.status).send(a.body);
  });
  const url = await app.listen({ port: 0, host: '127.0.0.1' });
  return { url: `${url}/sms`, received, close: () => app.close() };
}

describe('HTTP SMS gateway contract', () => {
  it('posts { to, text, purpose } with the bearer token and returns the gateway’s messageId', async () => {
    const g = await fakeGateway(() => ({ status: 200, body: { messageId: 'gw-42' } }));
    const sms = new HttpSmsGateway(g.url, 'secret-token');
    await expect(sms.send({ to: '13800138000', text: '验证码 123456', purpose: 'login-code' })).resolves.toEqual({ messageId: 'gw-42' });
    expect(g.received).toEqual([{ auth: 'Bearer secret-token', body: { to: '13800138000', text: '验证码 123456', purpose: 'login-code' } }]);
    await g.close();
  });

  it.each([
    ['a 500', { status: 500, body: { error: 'down' } }],
    ['a 200 without messageId', { status: 200, body: { ok: true } }],
    ['a 202', { status: 202, body: { messageId: 'x' } }],
  ])('treats %s as a failure naming the status', async (_what, answer) => {
    const g = await fakeGateway(() => answer);
    const err = await new HttpSmsGateway(g.url, 't').send({ to: '13800138000', text: 'x', purpose: 'p' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).status).toBe(answer.status);
    await g.close();
  });

  it('gives up after its timeout', async () => {
    const g = await fakeGateway(() => ({ status: 200, body: { messageId: 'late' }, delayMs: 500 }));
    const err = await new HttpSmsGateway(g.url, 't', 50).send({ to: '13800138000', text: 'x', purpose: 'p' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GatewayError);
    expect((err as GatewayError).status).toBeNull();
    await g.close();
  });
});

describe('dev mailbox', () => {
  let database: Database;
  beforeAll(async () => {
    database = await freshDatabase();
  });
  afterAll(() => database.close());

  it('keeps every message, newest first, and sends nothing', async () => {
    const mailbox = new DevMailbox(database.db);
    const a = await mailbox.send({ to: '13800138000', text: 'first', purpose: 'login-code' });
    await mailbox.send({ to: '13900139000', text: 'second', purpose: 'register-code' });
    expect(a.messageId).toMatch(/^dev-\d+$/);
    const list = await mailbox.list();
    expect(list.map((m) => [m.recipient, m.text])).toEqual([
      ['13900139000', 'second'],
      ['13800138000', 'first'],
    ]);
  });
});

describe('SMS configuration', () => {
  it('requires a real gateway in production, and a token with a gateway', () => {
    const err = (env: Record<string, string>) => {
      try {
        loadConfig(env);
      } catch (e) {
        return e as ConfigError;
      }
      return null;
    };
    expect(err({ NODE_ENV: 'production' })?.variable).toBe('SMS_GATEWAY_URL');
    expect(err({ SMS_GATEWAY_URL: 'https://sms.example.gov.cn/send' })?.variable).toBe('SMS_GATEWAY_TOKEN');
    expect(err({ SMS_GATEWAY_URL: 'ftp://x' })?.variable).toBe('SMS_GATEWAY_URL');
    const production = {
      NODE_ENV: 'production',
      SMS_GATEWAY_URL: 'https://sms.example.gov.cn/send',
      SMS_GATEWAY_TOKEN: 't',
      IDV_URL: 'https://idv.example.gov.cn/check',
      IDV_TOKEN: 't',
      MARKET_REGISTRY_URL: 'https://scjg.example.gov.cn/registry',
      MARKET_REGISTRY_TOKEN: 't',
      DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
      PUBLIC_URL: 'https://zwfw.example.gov.cn',
    };
    expect(err(production)).toBeNull();
    // Every national-service adapter and the data key are required in production.
    for (const name of ['IDV_URL', 'DATA_KEY', 'MARKET_REGISTRY_URL'] as const) {
      const { [name]: _left, ...without } = production;
      expect(err(without)?.variable).toBe(name);
    }
    expect(err({ DATA_KEY: 'c2hvcnQ=' })?.variable).toBe('DATA_KEY');
  });
});
