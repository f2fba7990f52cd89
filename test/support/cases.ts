import { expect } from 'vitest';
import type { Guide } from '../../src/modules/catalog/model.ts';
import { validGuide } from './catalog.ts';
import { publishedBase, publishVersion, type CatalogSessions } from './catalog-fixtures.ts';
import { call, login, type Session, type TestInstance } from './instance.ts';
import type { TestPerson } from './persons.ts';

// A 1×1 PNG and a minimal PDF: uploads are judged by content.
export const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

export interface CaseSessions {
  /** Publishes base items at the province. */
  province: CatalogSessions;
  /** Publishes 武汉's local items. */
  wuhan: CatalogSessions;
  /** 武汉 hall's window clerk, the market supervision bureau's reviewer and head. */
  clerk: Session;
  reviewer: Session;
  head: Session;
}

export async function caseSessions(i: TestInstance): Promise<CaseSessions> {
  const [editor, hubeiHead, wuhanEditor, head, clerk, reviewer] = await Promise.all(
    ['catalog_admin.hubei', 'department_head.hubei', 'catalog_admin.wuhan', 'department_head.wuhan', 'window_clerk.wuhan', 'reviewer.wuhan'].map((u) => login(i, u)),
  );
  return { province: { editor: editor!, head: hubeiHead! }, wuhan: { editor: wuhanEditor!, head: head! }, clerk: clerk!, reviewer: reviewer!, head: head! };
}

/** A published local item of 武汉市市场监督管理局 that persons and enterprises can apply for online; returns its handling item code. */
export async function onlineItem(i: TestInstance, s: CaseSessions, guide: Partial<Guide> = {}): Promise<string> {
  const base = await publishedBase(i, s.province, validGuide({ audience: ['person', 'enterprise'], ...guide }));
  const dept = await i.org.departmentOfKind('420100', 'market_supervision');
  const res = await call(i, s.wuhan.editor, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode: '420100', departmentId: dept!.id });
  expect(res.statusCode, res.body).toBe(201);
  const local = res.json() as { id: string; code: string };
  await publishVersion(i, s.wuhan, local.id, 1);
  return local.code;
}

/** Uploads a file as a person; returns its sha256. */
export async function upload(i: TestInstance, who: Session, bytes: Buffer = PNG, url = '/api/my/files', name = 'scan.png'): Promise<string> {
  const boundary = `----case${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    bytes,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  const res = await i.http.app.inject({ method: 'POST', url, payload: body, headers: { cookie: who.cookie, 'x-csrf-token': who.csrf, 'content-type': `multipart/form-data; boundary=${boundary}` } });
  expect(res.statusCode, res.body).toBe(201);
  return (res.json() as { sha256: string }).sha256;
}

/** Submits a person's application with the one required applicant material; returns the case. */
export async function apply(i: TestInstance, p: TestPerson | Session, code: string, key = `key-${Math.random()}`) {
  const sha = await upload(i, p);
  const res = await call(i, p, 'POST', '/api/my/cases', { itemCode: code, answers: { kind: 'new', agent: 'no' }, form: { mobile: '13900000000' }, materials: [{ materialId: 'form', sha256: sha }] }, { 'idempotency-key': key });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as CaseOut;
}

export interface CaseOut {
  id: string;
  number: string;
  queryCode: string;
  state: string;
  version: number;
  queue: string | null;
  step: { index: number; name: string; role: string };
  deadlines: { acceptanceDue: string | null; promisedDue: string | null; statutoryDue: string | null; light: string | null };
  core: Record<string, unknown>;
}

/** Runs a staff action and expects it to succeed. */
export async function act(i: TestInstance, who: Session, c: { id: string; version: number }, action: Record<string, unknown>, status = 200): Promise<CaseOut> {
  const res = await call(i, who, 'POST', `/api/cases/${c.id}/actions`, { version: c.version, action });
  expect(res.statusCode, res.body).toBe(status);
  return res.json() as CaseOut;
}

/** Raises a registered person to level 3 (checked in person by a window clerk). */
export async function verifyInPerson(i: TestInstance, clerk: Session, p: TestPerson) {
  const res = await call(i, clerk, 'POST', `/api/persons/${p.id}/verify-in-person`, { idNumber: p.idNumber });
  expect(res.statusCode, res.body).toBe(200);
}


/**
 * A published local item open to persons and enterprises online, of the department of `kind` in
 * `regionCode`, created and published by `publisher` (a catalog admin without a department, of
 * that region or above). The version is marked approved directly: approving is for a head bound to
 * the item's own bureau, and the demo heads are bound only to the market supervision bureaus of
 * 湖北 and 武汉. Returns the handling item code.
 */
export async function onlineItemIn(i: TestInstance, s: CaseSessions, regionCode: string, kind = 'market_supervision', publisher: Session = s.province.editor, guide: Partial<Guide> = {}): Promise<string> {
  const base = await publishedBase(i, s.province, validGuide({ audience: ['person', 'enterprise'], ...guide }));
  const dept = await i.org.departmentOfKind(regionCode, kind);
  expect(dept, `a ${kind} department in ${regionCode}`).not.toBeNull();
  const res = await call(i, publisher, 'POST', '/api/catalog/local-items', { baseId: base.id, regionCode, departmentId: dept!.id });
  expect(res.statusCode, res.body).toBe(201);
  const local = res.json() as { id: string; code: string };
  await i.platform.db.updateTable('catalog.item_version' as never).set({ status: 'approved' } as never).where('item_id' as never, '=', local.id as never).execute();
  const published = await call(i, publisher, 'POST', `/api/catalog/items/${local.id}/versions/1/publish`);
  expect(published.statusCode, published.body).toBe(200);
  return local.code;
}
