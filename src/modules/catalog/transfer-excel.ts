/**
 * The catalog's Excel files: the import templates (with drop-down lists, notes and instructions),
 * and reading an uploaded sheet with the streaming reader.
 */
import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { GREY } from '../../core/xlsx.ts';
import { COLUMNS, columnLetter, isExampleRow, matchHeader, TRANSFER_KINDS, type RowProblem, type SheetRow, type TransferKind } from './transfer-columns.ts';

/** Rows of one upload at most (the import reads every row before it writes one). */
export const MAX_IMPORT_ROWS = 20_000;
/** Template rows that carry the drop-down lists and number checks. */
const TEMPLATE_ROWS = 5000;
const CODE_SHEET = '代码表';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const REQUIRED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFCE4D6' } };


/** Worksheet data validations over a range (exceljs has them, its typings do not). */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, v: ExcelJS.DataValidation): void } };

/** The import template of one kind: the data sheet, the instructions, and the code tables behind the lists. */
export async function templateWorkbook(kind: TransferKind, regions: readonly { code: string; name: string }[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '湖北政务服务平台';
  const columns = COLUMNS[kind];
  const sheet = wb.addWorksheet(TRANSFER_KINDS[kind].zh, { views: [{ state: 'frozen', ySplit: 2 }] }) as WithValidations;
  const guide = wb.addWorksheet('填写说明 Instructions');
  const codes = wb.addWorksheet(CODE_SHEET, { state: 'hidden' });

  sheet.addRow(columns.map((c) => (c.required ? `*${c.zh}` : c.zh)));
  sheet.addRow(columns.map((c) => c.en));
  sheet.addRow(columns.map((c) => c.example));
  let codeColumn = 0;
  columns.forEach((c, i) => {
    const letter = columnLetter(i + 1);
    const column = sheet.getColumn(i + 1);
    column.width = c.width;
    if (c.code) column.numFmt = '@';
    const head = sheet.getCell(`${letter}1`);
    head.font = { bold: true };
    head.fill = c.required ? REQUIRED_FILL : HEADER_FILL;
    head.note = `${c.required ? '必填。' : ''}${c.help.zh}\n${c.required ? 'Required. ' : ''}${c.help.en}`;
    sheet.getCell(`${letter}2`).font = GREY;
    sheet.getCell(`${letter}3`).font = GREY;
    const range = `${letter}3:${letter}${TEMPLATE_ROWS + 2}`;
    const values = c.regions ? regions.map((r) => `${r.code} ${r.name}`) : c.list;
    if (values) {
      const col = columnLetter(++codeColumn);
      codes.getCell(`${col}1`).value = c.zh;
      values.forEach((v, j) => (codes.getCell(`${col}${j + 2}`).value = v));
      sheet.dataValidations.add(range, {
        type: 'list',
        allowBlank: true,
        formulae: [`'${CODE_SHEET}'!$${col}$2:$${col}$${values.length + 1}`],
        showErrorMessage: true,
        errorStyle: c.openList ? 'warning' : 'stop',
        errorTitle: c.zh,
        error: `${c.help.zh} / ${c.help.en}`,
      });
    } else if (c.whole) {
      sheet.dataValidations.add(range, { type: 'whole', operator: 'between', allowBlank: true, formulae: [...c.whole], showErrorMessage: true, errorTitle: c.zh, error: `${c.help.zh} / ${c.help.en}` });
    }
  });
  sheet.getCell('A3').note = '示例行：原样保留时导入会跳过它，请从第 4 行起填写（也可改写或删除本行）。\nExample row: skipped by the import while left as it is; fill in from row 4 (or overwrite or delete this row).';

  guide.getColumn(1).width = 28;
  guide.getColumn(2).width = 10;
  guide.getColumn(3).width = 90;
  const title = guide.addRow([`${TRANSFER_KINDS[kind].zh}导入模板 / ${TRANSFER_KINDS[kind].en} import template`]);
  title.font = { bold: true, size: 14 };
  for (const line of INSTRUCTIONS) guide.addRow([line]);
  guide.addRow([]);
  const head = guide.addRow(['列 Column', '必填 Required', '填写要求 What to fill in']);
  head.font = { bold: true };
  for (const c of columns) guide.addRow([`${c.zh} ${c.en}`, c.required ? '是 yes' : '否 no', `${c.help.zh}\n${c.help.en}`]).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const INSTRUCTIONS = [
  '1. 第 1 行为中文列名（带 * 的必填），第 2 行为英文列名，第 3 行为示例；请从第 4 行起每行填写一条。Row 1 holds the Chinese column names (* = required), row 2 the English ones, row 3 an example; fill in one record per row from row 4.',
  '2. 编码列已设为文本格式，请勿改为数字，以免开头的 0 丢失。Code columns are formatted as text: keep them so, or Excel drops leading zeros.',
  '3. 下拉列表列请从列表中选择。Choose values of drop-down columns from their lists.',
  `4. 导入先逐行检查，并列出每个问题的行、列和原因；有任何问题时不导入，除非选择“只导入无误的行”。每次最多 ${MAX_IMPORT_ROWS} 行。The import checks every row first and reports each problem with its row, column and reason; with any problem nothing is imported unless you choose to import the valid rows. At most ${MAX_IMPORT_ROWS} rows per file.`,
  '5. 导入的事项以草稿版本开始，材料追加到事项的草稿中，之后按提交、审核、发布的流程办理。Imported items start as drafts and materials are added to the item’s draft; submit, approve and publish as usual.',
];

/** What a cell shows, as text: rich text joined, a formula's result, a hyperlink's text. */
export function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if ('richText' in v) return v.richText.map((t) => t.text).join('').trim();
  if ('text' in v) return cellText(v.text);
  if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
  return '';
}

const rowTexts = (row: ExcelJS.Row) => {
  const values = row.values as ExcelJS.CellValue[];
  return Array.from({ length: Math.max(values.length - 1, 0) }, (_, i) => cellText(values[i + 1]));
};

/**
 * Reads the first sheet of an upload whose header rows are this kind's (the streaming reader: a
 * big file is never held as a whole workbook). Blank rows and the untouched example row are skipped.
 */
export async function readSheet(data: Buffer, kind: TransferKind): Promise<{ letters: Record<string, string>; rows: SheetRow[]; problems: RowProblem[] }> {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(data), { sharedStrings: 'cache', worksheets: 'emit', hyperlinks: 'ignore', styles: 'ignore', entries: 'emit' });
  let firstProblems: RowProblem[] | null = null;
  for await (const ws of reader) {
    const header: string[][] = [];
    let match: ReturnType<typeof matchHeader> | null = null;
    const rows: SheetRow[] = [];
    const problems: RowProblem[] = [];
    for await (const row of ws) {
      if (row.number <= 2) {
        header[row.number - 1] = rowTexts(row);
        continue;
      }
      match ??= matchHeader(kind, header[0] ?? [], header[1] ?? []);
      if (match.problems.length) break;
      const texts = rowTexts(row);
      const cells = Object.fromEntries(Object.entries(match.letters).map(([key, letter]) => [key, texts[letterIndex(letter)] ?? '']));
      if (Object.values(cells).every((v) => v === '') || (row.number === 3 && isExampleRow(kind, cells))) continue;
      if (rows.length === MAX_IMPORT_ROWS) {
        problems.push({ row: row.number, column: null, field: null, problem: { zh: `每次最多导入 ${MAX_IMPORT_ROWS} 行，请拆分文件`, en: `at most ${MAX_IMPORT_ROWS} rows per import: split the file` } });
        break;
      }
      rows.push({ row: row.number, cells });
    }
    match ??= matchHeader(kind, header[0] ?? [], header[1] ?? []);
    if (!match.problems.length && !rows.length) problems.push({ row: 3, column: null, field: null, problem: { zh: '文件中没有数据行（请从第 4 行起填写）', en: 'the file has no data rows (fill them in from row 4)' } });
    if (!match.problems.length) return { letters: match.letters, rows, problems };
    firstProblems ??= match.problems;
  }
  return { letters: {}, rows: [], problems: firstProblems ?? [{ row: 1, column: null, field: null, problem: { zh: '文件中没有工作表', en: 'the file has no worksheet' } }] };
}

const letterIndex = (letter: string) => [...letter].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;


