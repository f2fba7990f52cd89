import Fastify from 'fastify';
import type { Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayError } from '../../src/core/notify.ts';
import { DevelopmentIdentityVerifier, HttpIdentityVerifier } from '../../src/modules/identity/verification.ts';
import { call, login, testInstance, type Session, type TestInstance } from '../support/instance.ts';
import { lastCode, nextAddress, personLogin, personNumbers, registerPerson } from '../support/persons.ts';

let i: TestInstance;
let clerk: Session;
let auditor: Session;
let seq = 0;
const next = () => 200_000 + ++seq;

beforeAll(async () => {
  i = await testInstance();
  clerk = await login(i, 'window_clerk.wuhan');
  auditor = await login(i, 'auditor.hubei');
});
afterAll(() => i?.close());

const db = () => i.platform.db as never as Kysely<Record<string, Record<string, unknown>>>;
const auditOf = async (query: string) =>
  ((await call(i, auditor, 'GET', `/api/audit?${query}`)).json() as { items: { action: string; actorRole: string | null; targetId: string }[] }).items;

async function sendCode(mobile: string, purpose: 'register' | 'login', from = nextAddress()) {
  return call(i, null, 'POST', '/api/persons/codes', { mobile, purpose }, {}, from);
}

describe('registration', () => {
  it('registers with an SMS code at level L1, stores the ID number encrypted with a look-up hash, and logs in', async () => {
    const p = await registerPerson(i, next(), '张三');
    const me = await call(i, p, 'GET', '/api/persons/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ name: '张三', level: 1, hasPassword: true, idNumberMasked: `${p.idNumber.slice(0, 4)}**********${p.idNumber.slice(-4)}`, mobileMasked: `${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}` });
    const row = (await db().selectFrom('identity.person').selectAll().where('id', '=', p.id).executeTakeFirstOrThrow()) as Record<string, string>;
    expect(JSON.stringify(row)).not.toContain(p.idNumber);
    expect(row.id_number_enc).toMatch(/^v1\./);
    expect(i.platform.cipher.decrypt(row.id_number_enc!)).toBe(p.idNumber);
    expect(row.id_number_hash).toBe(i.platform.cipher.lookupHash(p.idNumber));
    expect(await auditOf(`action=person.register&targetId=${p.id}`)).toHaveLength(1);
  });

  it('names every problem of a bad ID number and a weak password at once, and keeps the code usable', async () => {
    const { mobile, idNumber } = personNumbers(next());
    const from = nextAddress();
    expect((await sendCode(mobile, 'register', from)).statusCode).toBe(202);
    const code = await lastCode(i, mobile);
    const bad = await call(i, null, 'POST', '/api/persons/register', { name: '张三', idNumber: `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`, mobile, code, password: 'short' }, {}, from);
    expect(bad.statusCode).toBe(400);
    const errors = (bad.json() as { errors: { field: string; rule: string }[] }).errors;
    expect(errors).toEqual(expect.arrayContaining([{ field: 'idNumber', rule: 'checksum', message: expect.any(String) }, expect.objectContaining({ field: 'password', rule: 'minLength' })]));
    const good = await call(i, null, 'POST', '/api/persons/register', { name: '张三', idNumber, mobile, code }, {}, from);
    expect(good.statusCode).toBe(201);
  });

  it('refuses a second account for the same mobile or ID number with 409 naming the field', async () => {
    const p = await registerPerson(i, next());
    const other = personNumbers(next());
    const from = nextAddress();
    // Skip the one-minute resend wait after registerPerson's code.
    await db().updateTable('identity.sms_code').set({ created_at: new Date(Date.now() - 61_000) }).where('mobile', '=', p.mobile).execute();
    expect((await sendCode(p.mobile, 'register', from)).statusCode).toBe(202);
    const sameMobile = await call(i, null, 'POST', '/api/persons/register', { name: '李四', idNumber: other.idNumber, mobile: p.mobile, code: await lastCode(i, p.mobile) }, {}, from);
    expect(sameMobile.statusCode).toBe(409);
    expect(sameMobile.json()).toMatchObject({ errors: [{ field: 'mobile', rule: 'unique' }] });
    await sendCode(other.mobile, 'register', from);
    const sameId = await call(i, null, 'POST', '/api/persons/register', { name: '李四', idNumber: p.idNumber, mobile: other.mobile, code: await lastCode(i, other.mobile) }, {}, from);
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json()).toMatchObject({ errors: [{ field: 'idNumber', rule: 'unique' }] });
  });
});

describe('SMS codes', () => {
  it('throttles a resend within a minute with 429 and Retry-After, and answers the same for any number', async () => {
    const { mobile } = personNumbers(next());
    const first = await sendCode(mobile, 'login');
    expect(first.statusCode).toBe(202);
    expect(first.json()).toEqual({ sentTo: `${mobile.slice(0, 3)}****${mobile.slice(-4)}`, expiresInSeconds: 300, resendAfterSeconds: 60 });
    const again = await sendCode(mobile, 'login');
    expect(again.statusCode).toBe(429);
    expect(Number(again.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('allows 5 tries per code, then not even the right code works', async () => {
    const p = await registerPerson(i, next());
    const from = nextAddress();
    await sendCode(p.mobile, 'login', from);
    const code = await lastCode(i, p.mobile);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let t = 0; t < 5; t++) {
      const res = await call(i, null, 'POST', '/api/persons/login/code', { mobile: p.mobile, code: wrong }, {}, from);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ errors: [{ field: 'code', rule: 'matches' }] });
    }
    expect((await call(i, null, 'POST', '/api/persons/login/code', { mobile: p.mobile, code }, {}, from)).statusCode).toBe(400);
  });

  it('takes a code once, and not after it expired', async () => {
    const p = await registerPerson(i, next());
    const from = nextAddress();
    await sendCode(p.mobile, 'login', from);
    const code = await lastCode(i, p.mobile);
    const ok = await call(i, null, 'POST', '/api/persons/login/code', { mobile: p.mobile, code }, {}, from);
    expect(ok.statusCode).toBe(200);
    expect(ok.cookies.find((c) => c.name === 'sid')).toBeDefined();
    expect((await call(i, null, 'POST', '/api/persons/login/code', { mobile: p.mobile, code }, {}, from)).statusCode).toBe(400);
    const q = await registerPerson(i, next());
    await sendCode(q.mobile, 'login', from);
    await db().updateTable('identity.sms_code').set({ expires_at: new Date(Date.now() - 1000) }).where('mobile', '=', q.mobile).execute();
    expect((await call(i, null, 'POST', '/api/persons/login/code', { mobile: q.mobile, code: await lastCode(i, q.mobile) }, {}, from)).statusCode).toBe(400);
  });

  it('shows sent messages in the dev mailbox with the number masked, saying nothing was sent', async () => {
    const p = await registerPerson(i, next());
    const box = (await call(i, null, 'GET', '/api/dev/mailbox')).json() as { notice: string; items: { recipient: string; text: string }[] };
    expect(box.notice).toContain('no SMS was really sent');
    expect(box.items.some((m) => m.recipient === `${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}`)).toBe(true);
    expect(JSON.stringify(box)).not.toContain(p.mobile);
  });
});

describe('password login', () => {
  it('answers a wrong password and an unknown ID number alike, audits the failure, and locks after 10 tries', async () => {
    const p = await registerPerson(i, next());
    const wrong = await call(i, null, 'POST', '/api/persons/login/password', { idNumber: p.idNumber, password: 'Wrong-Pass-123' }, {}, nextAddress());
    const unknown = await call(i, null, 'POST', '/api/persons/login/password', { idNumber: personNumbers(next()).idNumber, password: 'Wrong-Pass-123' }, {}, nextAddress());
    expect(wrong.statusCode).toBe(401);
    expect({ ...wrong.json(), requestId: 0 }).toEqual({ ...unknown.json(), requestId: 0 });
    expect(await auditOf(`action=person.login_failed&targetId=${p.id}`)).toHaveLength(1);
    for (let t = 0; t < 9; t++) await call(i, null, 'POST', '/api/persons/login/password', { idNumber: p.idNumber, password: 'Wrong-Pass-123' }, {}, nextAddress());
    const locked = await call(i, null, 'POST', '/api/persons/login/password', { idNumber: p.idNumber, password: p.password }, {}, nextAddress());
    expect(locked.statusCode).toBe(429);
  });

  it('a changed password ends the person’s other sessions', async () => {
    const p = await registerPerson(i, next());
    const other = await personLogin(i, p);
    expect((await call(i, p, 'POST', '/api/persons/me/password', { currentPassword: p.password, newPassword: 'Brand-New-Pass-9' })).statusCode).toBe(204);
    expect((await call(i, p, 'GET', '/api/persons/me')).statusCode).toBe(200);
    expect((await call(i, other, 'GET', '/api/persons/me')).statusCode).toBe(401);
  });
});

describe('real-name levels', () => {
  it('L2: the identity check confirms name and ID number; a mismatch keeps L1 and is audited', async () => {
    const ok = await registerPerson(i, next(), '陈小明');
    const verified = await call(i, ok, 'POST', '/api/persons/me/verify');
    expect(verified.statusCode).toBe(200);
    expect(verified.json()).toMatchObject({ level: 2, levelVerifiedAt: expect.any(String) });
    const mismatch = await registerPerson(i, next(), '名字不符');
    const refused = await call(i, mismatch, 'POST', '/api/persons/me/verify');
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ errors: [{ field: 'name', rule: 'identity' }] });
    expect(((await call(i, mismatch, 'GET', '/api/persons/me')).json() as { level: number }).level).toBe(1);
    expect(await auditOf(`action=person.verify_failed&targetId=${mismatch.id}`)).toHaveLength(1);
  });

  it('L3: a window clerk finds the person by ID card, checks it in person, audited as window_clerk', async () => {
    const p = await registerPerson(i, next(), '周大福');
    const found = (await call(i, clerk, 'POST', '/api/persons/lookup', { idNumber: p.idNumber })).json() as { person: { id: string; idNumberMasked: string } };
    expect(found.person.id).toBe(p.id);
    expect(JSON.stringify(found)).not.toContain(p.idNumber);
    const wrongCard = await call(i, clerk, 'POST', `/api/persons/${p.id}/verify-in-person`, { idNumber: personNumbers(next()).idNumber });
    expect(wrongCard.statusCode).toBe(400);
    const checked = await call(i, clerk, 'POST', `/api/persons/${p.id}/verify-in-person`, { idNumber: p.idNumber });
    expect(checked.json()).toMatchObject({ level: 3 });
    expect(await auditOf(`action=person.verify_in_person&targetId=${p.id}`)).toEqual([expect.objectContaining({ actorRole: 'window_clerk' })]);
  });

  it('reveals a full ID number only with a reason, which lands in the audit trail', async () => {
    const p = await registerPerson(i, next());
    const res = await call(i, clerk, 'POST', `/api/persons/${p.id}/id-number`, { reason: '核对办件申请人身份' });
    expect(res.json()).toEqual({ idNumber: p.idNumber });
    expect((await call(i, clerk, 'POST', `/api/persons/${p.id}/id-number`, { reason: '' })).statusCode).toBe(400);
    const entries = await auditOf(`action=person.id_number_read&targetId=${p.id}`);
    expect(entries).toHaveLength(1);
  });
});

describe('identity verification adapter', () => {
  it('speaks the documented contract: POST { name, idNumber } with a bearer token, 200 { match, reference }', async () => {
    const seen: unknown[] = [];
    const app = Fastify();
    app.post('/verify', async (req) => {
      seen.push({ auth: req.headers.authorization, body: req.body });
      return { match: true, reference: 'GA-0001' };
    });
    app.post('/broken', async (_req, reply) => reply.code(200).send({ ok: 1 }));
    const base = await app.listen({ port: 0, host: '127.0.0.1' });
    await expect(new HttpIdentityVerifier(`${base}/verify`, 'tok').verify('张三', '11010519491231002X')).resolves.toEqual({ match: true, reference: 'GA-0001' });
    expect(seen).toEqual([{ auth: 'Bearer tok', body: { name: '张三', idNumber: '11010519491231002X' } }]);
    await expect(new HttpIdentityVerifier(`${base}/broken`, 'tok').verify('张三', '11010519491231002X')).rejects.toBeInstanceOf(GatewayError);
    await app.close();
  });

  it('the development verifier follows its documented rule and marks its references', async () => {
    const v = new DevelopmentIdentityVerifier();
    expect(await v.verify('张三', '11010519491231002X')).toMatchObject({ match: true, reference: expect.stringMatching(/^DEV-/) });
    expect((await v.verify('张三不符', '11010519491231002X')).match).toBe(false);
    expect((await v.verify('Zhang San', '11010519491231002X')).match).toBe(false);
    expect((await v.verify('张三', '110105194912310021')).match).toBe(false);
  });
});
