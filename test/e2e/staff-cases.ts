/**
 * What the staff-side browser tests of cases set up through the API: a registered person (SMS code
 * from the dev mailbox), the handling code of a demo item of 武汉, an online application, and a
 * pre-review. Each person gets a request context of their own (their session cookie).
 */
import { request, type APIRequestContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { idCheckChar } from '../../src/modules/identity/codes.ts';
import { PNG } from '../support/cases.ts';

/** Long enough for a page's code and data to arrive on a busy machine. */
export const soon = { timeout: 15_000 };
export const h1 = (page: Page) => page.getByRole('heading', { level: 1 }).textContent();
export const fitsPhone = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
/** A button by its exact name (antd puts a space between two Chinese characters of a button). */
export const button = (scope: Pick<Page, 'getByRole'>, name: string) => scope.getByRole('button', { name: new RegExp(`^${[...name].join('\\s*')}$`) });

/** A valid ID number (born in 江汉区, check character computed) and a mobile number, new for every run and every k. */
export function newPerson(name: string, k: number) {
  const n = Date.now() + k * 7919;
  const birth = new Date(Date.UTC(1975, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `420103${birth}${String(Math.floor(n / 9000) % 1000).padStart(3, '0')}`;
  return { name, idNumber: first17 + idCheckChar(first17), mobile: `1377${String(n % 10_000_000).padStart(7, '0')}` };
}

export interface ApiPerson {
  id: string;
  name: string;
  idNumber: string;
  api: APIRequestContext;
  csrf: string;
}

/** Registers a person through the API (which logs them in, in their own request context). */
export async function registerPerson(baseURL: string, p: { name: string; idNumber: string; mobile: string }): Promise<ApiPerson> {
  const api = await request.newContext({ baseURL });
  expect((await api.post('/api/persons/codes', { data: { mobile: p.mobile, purpose: 'register' } })).status()).toBe(202);
  const masked = `${p.mobile.slice(0, 3)}****${p.mobile.slice(-4)}`;
  let code: string | undefined;
  await expect
    .poll(async () => {
      const box = (await (await api.get('/api/dev/mailbox?limit=200')).json()) as { items: { recipient: string; text: string; purpose: string }[] };
      code = box.items.find((m) => m.recipient === masked && m.purpose === 'register-code')?.text.match(/\d{6}/)?.[0];
      return code;
    }, soon)
    .toMatch(/^\d{6}$/);
  const res = await api.post('/api/persons/register', { data: { ...p, code } });
  expect(res.status(), await res.text()).toBe(201);
  const { person } = (await res.json()) as { person: { id: string; csrfToken: string } };
  return { id: person.id, name: p.name, idNumber: p.idNumber, api, csrf: person.csrfToken };
}

/** The handling code of a published item of `regionCode` by its exact name. */
export async function itemCode(api: APIRequestContext, name: string, regionCode = '420100'): Promise<string> {
  const res = await api.get(`/api/portal/search?q=${encodeURIComponent(name)}&regionCode=${regionCode}`);
  const hit = ((await res.json()) as { items: { code: string; name: string }[] }).items.find((i) => i.name === name);
  expect(hit, `${name} in ${regionCode}`).toBeDefined();
  return hit!.code;
}

/** 个体工商户设立登记: a person running a shop online, without an agent; only the application form is handed in. */
export const SHOP_ANSWERS = { form: 'personal', premises: 'online', agent: 'no' };

async function uploadPng(p: ApiPerson): Promise<string> {
  const res = await p.api.post('/api/my/files', { headers: { 'x-csrf-token': p.csrf }, multipart: { file: { name: 'application.png', mimeType: 'image/png', buffer: PNG } } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { sha256: string }).sha256;
}

/** Applies online with one scanned application form; returns the case. */
export async function applyOnline(p: ApiPerson, code: string): Promise<{ id: string; number: string; queryCode: string }> {
  const sha256 = await uploadPng(p);
  const res = await p.api.post('/api/my/cases', {
    headers: { 'x-csrf-token': p.csrf, 'idempotency-key': `e2e-${Date.now()}-${Math.random()}` },
    data: { itemCode: code, answers: SHOP_ANSWERS, form: { mobile: '13900000000' }, materials: [{ materialId: 'application', sha256 }] },
  });
  expect(res.status(), await res.text()).toBe(201);
  return (await res.json()) as { id: string; number: string; queryCode: string };
}

/** Asks the hall for an online pre-review of the application form; returns its id. */
export async function askPrereview(p: ApiPerson, code: string): Promise<string> {
  const sha256 = await uploadPng(p);
  const res = await p.api.post('/api/my/prereviews', { headers: { 'x-csrf-token': p.csrf }, data: { itemCode: code, answers: SHOP_ANSWERS, materials: [{ materialId: 'application', sha256 }] } });
  expect(res.status(), await res.text()).toBe(201);
  return ((await res.json()) as { id: string }).id;
}
