/** Excel files every module writes the same way: exports as one sheet, streamed row by row. */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The English header row and other hints. */
export const GREY = { color: { argb: 'FF7F7F7F' }, italic: true };

export interface ExportColumn {
  key: string;
  zh: string;
  en: string;
  width: number;
  code?: boolean;
}

/**
 * Writes rows as one sheet with the streaming writer (row 1 Chinese, row 2 English column names),
 * each row committed as it comes, so memory stays flat whatever the size.
 */
export async function writeXlsx(out: Writable, sheetName: string, columns: readonly ExportColumn[], rows: AsyncIterable<Record<string, unknown>>): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
  const ws = wb.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = columns.map((c) => ({ key: c.key, width: c.width, ...(c.code && { style: { numFmt: '@' } }) }));
  const zh = ws.addRow(columns.map((c) => c.zh));
  zh.font = { bold: true };
  zh.commit();
  const en = ws.addRow(columns.map((c) => c.en));
  en.font = GREY;
  en.commit();
  for await (const r of rows) ws.addRow(columns.map((c) => cellOf(r[c.key]))).commit();
  ws.commit();
  await wb.commit();
}

const cellOf = (v: unknown): ExcelJS.CellValue => (Array.isArray(v) ? v.join(',') : v === null || v === undefined ? null : typeof v === 'object' ? JSON.stringify(v) : (v as ExcelJS.CellValue));
