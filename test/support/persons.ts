import type { Instance } from '../../src/app.ts';
import type { DevMailbox } from '../../src/core/notify.ts';
import { orgCodeCheckChar, usccCheckChar } from '../../src/core/codes.ts';
import { idCheckChar } from '../../src/modules/identity/codes.ts';
import { call, type Session } from './instance.ts';

/** A valid ID number and mobile number, different for every n (born in 江岸区 in the 1980s–90s). */
export function personNumbers(n: number) {
  const day = new Date(Date.UTC(1980, 0, 1) + (n % 7000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `420102${day}${String(Math.floor(n / 7000) % 1000).padStart(3, '0')}`;
  return { idNumber: first17 + idCheckChar(first17), mobile: `139${String(n).padStart(8, '0')}` };
}

/** Each call a different client address, so per-address rate limits do not couple test cases. */
let address = 0;
export const nextAddress = () => `10.${(++address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;

/** The code in the newest development SMS to this number. */
export async function lastCode(i: Instance, mobile: string): Promise<string> {
  const messages = await (i.platform.sms as DevMailbox).list(200);
  const m = messages.find((x) => x.recipient === mobile);
  const code = m?.text.match(/\d{6}/)?.[0];
  if (!code) throw new Error(`no SMS code sent to ${mobile}`);
  return code;
}

export interface TestPerson extends Session {
  id: string;
  name: string;
  idNumber: string;
  mobile: string;
  password: string;
}

/** Registers a person through the API (code, then registration with a password). */
export async function registerPerson(i: Instance, n: number, name = '张三'): Promise<TestPerson> {
  const { idNumber, mobile } = personNumbers(n);
  const from = nextAddress();
  const sent = await call(i, null, 'POST', '/api/persons/codes', { mobile, purpose: 'register' }, {}, from);
  if (sent.statusCode !== 202) throw new Error(`code for ${mobile}: ${sent.statusCode} ${sent.body}`);
  const password = `Person-${n}-Pass!`;
  const res = await call(i, null, 'POST', '/api/persons/register', { name, idNumber, mobile, code: await lastCode(i, mobile), password }, {}, from);
  if (res.statusCode !== 201) throw new Error(`register ${mobile}: ${res.statusCode} ${res.body}`);
  const body = res.json() as { person: { id: string; csrfToken: string } };
  const cookie = res.cookies.find((c) => c.name === 'sid')!;
  return { id: body.person.id, name, idNumber, mobile, password, cookie: `sid=${cookie.value}`, csrf: body.person.csrfToken, userId: body.person.id };
}

/** A new session for a registered person, by ID number and password. */
export async function personLogin(i: Instance, p: Pick<TestPerson, 'idNumber' | 'password'>): Promise<Session> {
  const res = await call(i, null, 'POST', '/api/persons/login/password', { idNumber: p.idNumber, password: p.password }, {}, nextAddress());
  if (res.statusCode !== 200) throw new Error(`person login: ${res.statusCode} ${res.body}`);
  const body = res.json() as { person: { id: string; csrfToken: string } };
  return { cookie: `sid=${res.cookies.find((c) => c.name === 'sid')!.value}`, csrf: body.person.csrfToken, userId: body.person.id };
}

/** A valid enterprise credit code (9 工商, 1 企业, registered in 武汉市 unless told), different for every n. */
export function creditCode(n: number, division = '420100') {
  const org8 = String(n).padStart(8, '0');
  const first17 = `91${division}${org8}${orgCodeCheckChar(org8)}`;
  return first17 + usccCheckChar(first17);
}

/** The same code with a wrong last check character: what a few really issued codes look like. */
export const withBadCheck = (code: string) => code.slice(0, 17) + (code[17] === '0' ? '1' : '0');
