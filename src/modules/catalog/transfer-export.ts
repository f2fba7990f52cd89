/**
 * Exports of the catalog as Excel, CSV and JSON, streamed page by page so that memory stays flat:
 * the published catalog as open data, and for staff a region's items with their drafts' metadata.
 */
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { canApplyOnline, ITEM_TYPES, isItemType, type OnlineDepth } from './model.ts';
import type { CatalogService } from './service.ts';
import { writeXlsx, XLSX, type ExportColumn } from '../../core/xlsx.ts';

export const EXPORT_TYPES = { json: 'application/json; charset=utf-8', csv: 'text/csv; charset=utf-8', xlsx: XLSX } as const;
export type ExportFormat = keyof typeof EXPORT_TYPES;

export interface ExportRecord {
  kind: 'base' | 'local';
  code: string;
  implementationCode: string | null;
  baseCode: string;
  name: string;
  type: string;
  typeName: string;
  levels: string[];
  level: string;
  regionCode: string;
  regionName: string;
  departmentName: string | null;
  entrustedDepartmentName: string | null;
  status: string;
  publishedVersion: number | null;
  publishedAt: string | null;
  statutoryDays: number | null;
  promisedDays: number | null;
  visits: number | null;
  onlineApply: boolean | null;
  /** Staff exports only: the version in the works and its stage. */
  openVersion?: number | null;
  openStatus?: string | null;
  openChangeNote?: string | null;
  updatedAt?: string;
}

const COLUMNS: (ExportColumn & { key: keyof ExportRecord; staff?: true })[] = [
  { key: 'kind', zh: '类别', en: 'Kind', width: 8 },
  { key: 'code', zh: '事项编码', en: 'Code', width: 36, code: true },
  { key: 'implementationCode', zh: '实施编码', en: 'Implementation code', width: 34, code: true },
  { key: 'baseCode', zh: '基本编码', en: 'Base code', width: 16, code: true },
  { key: 'name', zh: '事项名称', en: 'Name', width: 40 },
  { key: 'type', zh: '事项类型代码', en: 'Type code', width: 8, code: true },
  { key: 'typeName', zh: '事项类型', en: 'Type', width: 14 },
  { key: 'levels', zh: '行使层级', en: 'Levels', width: 10 },
  { key: 'level', zh: '实施层级', en: 'Level', width: 8 },
  { key: 'regionCode', zh: '行政区划代码', en: 'Region code', width: 10, code: true },
  { key: 'regionName', zh: '行政区划', en: 'Region', width: 14 },
  { key: 'departmentName', zh: '实施机构', en: 'Agency', width: 28 },
  { key: 'entrustedDepartmentName', zh: '受委托机构', en: 'Entrusted agency', width: 20 },
  { key: 'status', zh: '事项状态', en: 'Status', width: 10 },
  { key: 'publishedVersion', zh: '发布版本', en: 'Published version', width: 8 },
  { key: 'publishedAt', zh: '发布时间', en: 'Published at', width: 22 },
  { key: 'statutoryDays', zh: '法定办结时限', en: 'Statutory limit (working days)', width: 10 },
  { key: 'promisedDays', zh: '承诺办结时限', en: 'Promised limit (working days)', width: 10 },
  { key: 'visits', zh: '到现场次数', en: 'On-site visits', width: 8 },
  { key: 'onlineApply', zh: '可网上申请', en: 'Online application', width: 8 },
  { key: 'openVersion', zh: '在办版本', en: 'Open version', width: 8, staff: true },
  { key: 'openStatus', zh: '在办版本状态', en: 'Open version status', width: 10, staff: true },
  { key: 'openChangeNote', zh: '修改说明', en: 'Change note', width: 24, staff: true },
  { key: 'updatedAt', zh: '更新时间', en: 'Updated at', width: 22, staff: true },
];

/** The columns of an export: open data has the published catalog only, staff also see the work in progress. */
export const exportColumns = (staff: boolean) => COLUMNS.filter((c) => staff || !c.staff);

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote, a line break or edge spaces. */
export function csvField(v: unknown): string {
  const s = v === null || v === undefined ? '' : Array.isArray(v) ? v.join(',') : String(v);
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}
export const csvLine = (values: readonly unknown[]) => `${values.map(csvField).join(',')}\r\n`;

const PAGE = 1000;
const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);

export interface ExportQuery {
  regionCodes: string[];
  /** A department-bound grant exports its department's items only. */
  departmentId: string | null;
  /** Open data: active items with a published version, nothing of their drafts. */
  publishedOnly: boolean;
}

export class CatalogExport {
  constructor(private readonly s: CatalogService) {}

  /** Base items, then local items, each by code; read a page at a time. */
  async *records(q: ExportQuery): AsyncGenerator<ExportRecord> {
    for (const kind of ['base', 'local'] as const) {
      for (let after = ''; ; ) {
        let query = this.s.db
          .selectFrom('catalog.item as i')
          .leftJoin('catalog.item_version as p', (j) => j.onRef('p.item_id', '=', 'i.id').onRef('p.number', '=', 'i.published_version'))
          .leftJoin('catalog.item_version as o', (j) => j.onRef('o.item_id', '=', 'i.id').on('o.status', 'in', ['draft', 'submitted', 'approved']))
          .where('i.kind', '=', kind)
          .where('i.region_code', 'in', q.regionCodes)
          .where('i.code', '>', after);
        if (q.publishedOnly) query = query.where('i.status', '=', 'active').where('i.published_version', 'is not', null);
        if (q.departmentId) query = query.where('i.department_id', '=', q.departmentId);
        const rows = await query
          .selectAll('i')
          .select(['p.published_at', 'o.number as open_number', 'o.status as open_status', 'o.change_note as open_note'])
          .select(sql<number | null>`(p.guide->>'statutoryDays')::int`.as('statutory_days'))
          .select(sql<number | null>`(p.guide->>'promisedDays')::int`.as('promised_days'))
          .select(sql<number | null>`(p.guide->>'visits')::int`.as('visits'))
          .select(sql<OnlineDepth[] | null>`p.guide->'onlineDepth'`.as('online_depth'))
          .orderBy('i.code')
          .limit(PAGE)
          .execute();
        for (const r of rows) {
          const record: ExportRecord = {
            kind: r.kind,
            code: r.code,
            implementationCode: r.implementation_code,
            baseCode: r.base_code,
            name: r.name,
            type: r.type,
            typeName: isItemType(r.type) ? ITEM_TYPES[r.type].zh : '',
            levels: r.levels,
            level: r.level,
            regionCode: r.region_code,
            regionName: this.s.org.region(r.region_code)?.name ?? r.region_code,
            departmentName: r.department_name,
            entrustedDepartmentName: r.entrusted_department_name,
            status: r.status,
            publishedVersion: r.published_version,
            publishedAt: iso(r.published_at),
            statutoryDays: r.statutory_days,
            promisedDays: r.promised_days,
            visits: r.visits,
            onlineApply: r.online_depth ? r.kind === 'local' && canApplyOnline(r.online_depth) : null,
          };
          yield q.publishedOnly ? record : { ...record, openVersion: r.open_number, openStatus: r.open_status, openChangeNote: r.open_note, updatedAt: iso(r.updated_at)! };
        }
        if (rows.length < PAGE) break;
        after = rows.at(-1)!.code;
      }
    }
  }

  /** The export as a stream of the format's bytes. */
  stream(format: ExportFormat, q: ExportQuery, regionCode: string): Readable {
    const columns = exportColumns(!q.publishedOnly);
    const records = this.records(q);
    if (format === 'xlsx') {
      const out = new PassThrough();
      const rows = async function* () {
        for await (const r of records) yield r as unknown as Record<string, unknown>;
      };
      writeXlsx(out, q.publishedOnly ? '政务服务事项目录' : '事项目录（含草稿）', columns, rows()).catch((e: unknown) => out.destroy(e as Error));
      return out;
    }
    if (format === 'csv') {
      return Readable.from(
        (async function* () {
          // A byte order mark: Excel then reads the file as UTF-8 (Chinese would be garbled without it).
          yield `\uFEFF${csvLine(columns.map((c) => c.key))}`;
          for await (const r of records) yield csvLine(columns.map((c) => r[c.key]));
        })(),
      );
    }
    return Readable.from(
      (async function* () {
        yield `{"regionCode":${JSON.stringify(regionCode)},"generatedAt":"${new Date().toISOString()}","published":${q.publishedOnly},"items":[`;
        let n = 0;
        for await (const r of records) yield `${n++ ? ',' : ''}\n${JSON.stringify(r)}`;
        yield `\n],"count":${n}}\n`;
      })(),
    );
  }
}
