import { expect } from 'vitest';
import type { Guide } from '../../src/modules/catalog/model.ts';
import { validGuide } from './catalog.ts';
import { call, type Session, type TestInstance } from './instance.ts';

export interface CatalogSessions {
  /** catalog_admin.hubei: edits and publishes at the province. */
  editor: Session;
  /** department_head.hubei (市场监督管理局): approves. */
  head: Session;
}

let baseSeq = 0;

async function send<T>(i: TestInstance, s: Session, method: string, url: string, payload?: unknown, status = 200): Promise<T> {
  const res = await call(i, s, method, url, payload);
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
  return res.json() as T;
}

/** Takes version `number` of an item from draft to published through the API. */
export async function publishVersion(i: TestInstance, s: CatalogSessions, id: string, number: number, guide?: Guide, publisher: Session = s.editor) {
  if (guide) {
    const v = await send<{ rev: number }>(i, s.editor, 'GET', `/api/catalog/items/${id}/versions/${number}`);
    await send(i, s.editor, 'PUT', `/api/catalog/items/${id}/versions/${number}`, { guide, rev: v.rev });
  }
  await send(i, s.editor, 'POST', `/api/catalog/items/${id}/versions/${number}/submit`);
  await send(i, s.head, 'POST', `/api/catalog/items/${id}/versions/${number}/approve`);
  return send(i, publisher, 'POST', `/api/catalog/items/${id}/versions/${number}/publish`);
}

/** A published base item of the province's market supervision bureau, exercised at every level. */
export async function publishedBase(i: TestInstance, s: CatalogSessions, guide: Guide = validGuide(), name = '测试许可事项') {
  const dept = await i.org.departmentOfKind('420000', 'market_supervision');
  const code = `4201990${String(++baseSeq).padStart(2, '0')}T00`;
  const item = await send<{ id: string; code: string }>(i, s.editor, 'POST', '/api/catalog/base-items', { code, name, type: '01', departmentId: dept!.id, levels: ['2', '3', '4'] }, 201);
  await publishVersion(i, s, item.id, 1, guide);
  return item;
}
