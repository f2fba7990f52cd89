/**
 * The Excel import templates of the catalog: the columns of each kind (base items, local items,
 * materials) with their Chinese and English names, help, lists and examples; finding them in an
 * uploaded sheet's header rows; reading code-table values. Pure: no I/O.
 */
import type { Text } from '../../core/errors.ts';
import { ITEM_TYPES, LEVELS, MATERIAL_FORMS, MATERIAL_SOURCES } from './model.ts';

export const TRANSFER_KINDS = {
  base: { zh: '基本目录事项', en: 'Base items' },
  local: { zh: '实施清单事项', en: 'Local items' },
  materials: { zh: '申请材料', en: 'Materials' },
} as const;
export type TransferKind = keyof typeof TRANSFER_KINDS;

export type Label = { zh: string; en: string };

export const REQUIREMENTS = {
  required: { zh: '必须提交', en: 'Required' },
  conditional: { zh: '按情形提交', en: 'Conditional' },
} as const satisfies Record<string, Label>;

/** One problem of an import: the row (1-based, as Excel numbers it), the column letter and key, why. */
export interface RowProblem {
  row: number;
  column: string | null;
  field: string | null;
  problem: Text;
}

export interface ColumnSpec {
  key: string;
  zh: string;
  en: string;
  required: boolean;
  help: Text;
  /** Values offered in a drop-down list. */
  list?: readonly string[];
  /** The list suggests: other values (e.g. other level combinations) may be typed. */
  openList?: boolean;
  /** The drop-down lists the province's regions. */
  regions?: boolean;
  whole?: readonly [number, number];
  /** A code: the cell is formatted as text so Excel keeps leading zeros. */
  code?: boolean;
  width: number;
  example: string;
}

/** A code table's entries in code order (numeric keys such as 10 and 20 otherwise come first in JavaScript). */
const entries = (table: Record<string, Label>) => Object.entries(table).sort(([a], [b]) => (/^\d+$/.test(a + b) ? a.localeCompare(b) : 0));
const coded = (table: Record<string, Label>) => entries(table).map(([k, v]) => `${k} ${v.zh}`);
const named = (table: Record<string, Label>) => Object.values(table).map((v) => v.zh);
/** Runs of consecutive levels ("2,3,4"): what items are exercised at, offered as a list. */
const LEVEL_RUNS = Object.keys(LEVELS).flatMap((a, i, all) => all.slice(i).map((_, j) => all.slice(i, i + j + 1).join(',')));
const DAYS = [0, 3650] as const;
const days = (zh: string, en: string) => ({ zh: `${zh}（工作日，0–3650 的整数）`, en: `${en} (working days, a whole number 0–3650)` });

export const COLUMNS: Record<TransferKind, readonly ColumnSpec[]> = {
  base: [
    { key: 'code', zh: '基本编码', en: 'Base code', required: true, code: true, width: 16, example: '420131099D00', help: { zh: '12 位数字或大写字母：国家目录 00 开头，湖北目录 42 开头，第 3–4 位为事项类型', en: '12 digits or capital letters: national codes start 00, Hubei codes 42; characters 3–4 are the item type' } },
    { key: 'name', zh: '事项名称', en: 'Item name', required: true, width: 30, example: '（示例）小餐饮经营许可', help: { zh: '2–200 个字', en: '2–200 characters' } },
    { key: 'type', zh: '事项类型', en: 'Item type', required: true, list: coded(ITEM_TYPES), width: 16, example: '01 行政许可', help: { zh: '从下拉列表选择，如“01 行政许可”', en: 'choose from the list, e.g. "01 行政许可"' } },
    { key: 'levels', zh: '行使层级', en: 'Levels', required: true, list: LEVEL_RUNS, openList: true, width: 12, example: '3,4', help: { zh: '层级代码，多个用逗号分隔：1 国家级、2 省级、3 市级、4 县级、5 乡镇（街道）级、6 村（社区）级', en: 'level digits, comma-separated: 1 national, 2 province, 3 city, 4 county, 5 township, 6 village' } },
    { key: 'department', zh: '主管部门统一社会信用代码', en: 'Department credit code', required: false, code: true, width: 22, example: '11420000MB1686999B', help: { zh: '省级部门的 18 位统一社会信用代码，可不填', en: "the province department's 18-character credit code; may be blank" } },
    { key: 'law', zh: '设定依据', en: 'Legal basis', required: false, width: 30, example: '《食品安全法》', help: { zh: '法律法规名称', en: 'name of the law or regulation' } },
    { key: 'article', zh: '依据条款', en: 'Article', required: false, width: 14, example: '第三十六条', help: { zh: '条款号，填写设定依据时填写', en: 'the article, with the legal basis' } },
    { key: 'audience', zh: '服务对象', en: 'Audience', required: false, list: ['自然人', '法人', '自然人,法人'], width: 14, example: '法人', help: { zh: '自然人、法人，或两者（逗号分隔）', en: 'persons (自然人), enterprises (法人), or both, comma-separated' } },
    { key: 'statutoryDays', zh: '法定办结时限', en: 'Statutory limit', required: false, whole: DAYS, width: 12, example: '20', help: days('法定办结时限', 'statutory limit') },
    { key: 'promisedDays', zh: '承诺办结时限', en: 'Promised limit', required: false, whole: DAYS, width: 12, example: '10', help: days('承诺办结时限，不得超过法定时限', 'promised limit, not above the statutory one') },
    { key: 'summary', zh: '事项概述', en: 'Summary', required: false, width: 40, example: '对小餐饮经营者的经营条件进行审查并发放许可证。', help: { zh: '最多 4000 字', en: 'at most 4000 characters' } },
  ],
  local: [
    { key: 'code', zh: '业务办理项编码', en: 'Handling item code', required: false, code: true, width: 36, example: '', help: { zh: '33 位；不填则按实施编码自动编号（01、02 …）', en: '33 characters; blank: numbered automatically under the implementation code (01, 02 …)' } },
    { key: 'baseCode', zh: '基本编码', en: 'Base code', required: true, code: true, width: 16, example: '000131009000', help: { zh: '已有基本目录事项的 12 位基本编码', en: 'the 12-character code of an existing base item' } },
    { key: 'name', zh: '业务办理项名称', en: 'Handling item name', required: false, width: 30, example: '（示例）特种设备作业人员资格认定', help: { zh: '不填则使用基本目录事项名称', en: "blank: the base item's name" } },
    { key: 'regionCode', zh: '行政区划', en: 'Region', required: true, regions: true, code: true, width: 18, example: '420000 湖北省', help: { zh: '6 位行政区划代码（可带名称，从下拉列表选择）', en: 'the six-digit region code (a name may follow; choose from the list)' } },
    { key: 'department', zh: '实施机构统一社会信用代码', en: 'Agency credit code', required: true, code: true, width: 22, example: '11420000MB1686999B', help: { zh: '该行政区划内实施机构的 18 位统一社会信用代码', en: "the 18-character credit code of the implementing agency in the region" } },
    { key: 'entrusted', zh: '受委托机构统一社会信用代码', en: 'Entrusted agency credit code', required: false, code: true, width: 22, example: '', help: { zh: '有受委托机构时填写', en: 'when an agency is entrusted' } },
    { key: 'promisedDays', zh: '承诺办结时限', en: 'Promised limit', required: false, whole: DAYS, width: 12, example: '15', help: days('承诺办结时限，不得超过基本目录', "promised limit, not above the base item's") },
    { key: 'consultPhone', zh: '咨询电话', en: 'Consultation phone', required: false, width: 16, example: '027-87000000', help: { zh: '最多 60 字', en: 'at most 60 characters' } },
    { key: 'complaintPhone', zh: '监督投诉电话', en: 'Complaint phone', required: false, width: 16, example: '12345', help: { zh: '不得与咨询电话相同', en: 'must differ from the consultation phone' } },
    { key: 'hallAddress', zh: '办理地点', en: 'Hall address', required: false, width: 30, example: '湖北省政务服务中心（示例地址）', help: { zh: '最多 300 字', en: 'at most 300 characters' } },
    { key: 'hallHours', zh: '办理时间', en: 'Opening hours', required: false, width: 24, example: '周一至周五 9:00—17:00', help: { zh: '最多 300 字', en: 'at most 300 characters' } },
  ],
  materials: [
    { key: 'itemCode', zh: '事项编码', en: 'Item code', required: true, code: true, width: 36, example: '420131099D00', help: { zh: '基本编码（12 位）或业务办理项编码（33 位）；该事项须有草稿版本', en: 'a base code (12) or a handling item code (33); the item must have a draft version' } },
    { key: 'name', zh: '材料名称', en: 'Material name', required: true, width: 30, example: '（示例）食品经营许可申请书', help: { zh: '不得使用“其他材料”等兜底表述', en: 'no catch-all wording such as 其他材料' } },
    { key: 'requirement', zh: '材料必要性', en: 'Requirement', required: true, list: named(REQUIREMENTS), width: 12, example: '必须提交', help: { zh: '必须提交，或按情形提交', en: '必须提交 (required) or 按情形提交 (conditional)' } },
    { key: 'conditionNote', zh: '情形说明', en: 'When needed', required: false, width: 24, example: '', help: { zh: '按情形提交时必填：何时需要', en: 'for a conditional material: when it is needed (required then)' } },
    { key: 'originals', zh: '原件份数', en: 'Originals', required: false, whole: [0, 20], width: 10, example: '1', help: { zh: '0–20，不填为 1', en: '0–20; blank means 1' } },
    { key: 'copies', zh: '复印件份数', en: 'Copies', required: false, whole: [0, 20], width: 10, example: '0', help: { zh: '0–20，不填为 0', en: '0–20; blank means 0' } },
    { key: 'form', zh: '材料形式', en: 'Form', required: true, list: named(MATERIAL_FORMS), width: 12, example: '纸质或电子', help: { zh: '纸质、电子、纸质或电子', en: 'paper (纸质), electronic (电子), either (纸质或电子)' } },
    { key: 'source', zh: '来源渠道', en: 'Source', required: true, list: named(MATERIAL_SOURCES), width: 14, example: '申请人自备', help: { zh: '申请人自备、电子证照、部门共享、政府部门核发', en: 'the applicant, an e-license, shared data, or issued by a government body' } },
    { key: 'sourceRef', zh: '证照或共享数据名称', en: 'License or data', required: false, width: 20, example: '', help: { zh: '来源为电子证照或部门共享时必填', en: 'required when the source is an e-license or shared data' } },
    { key: 'basis', zh: '设定依据', en: 'Legal basis', required: false, width: 30, example: '《食品经营许可和备案管理办法》第十三条', help: { zh: '最多 1000 字', en: 'at most 1000 characters' } },
    { key: 'notes', zh: '填报须知', en: 'Notes', required: false, width: 24, example: '', help: { zh: '最多 1000 字', en: 'at most 1000 characters' } },
    { key: 'checkpoints', zh: '审查要点', en: 'Review checkpoints', required: false, width: 30, example: '签字盖章齐全', help: { zh: '每行一条，或用分号分隔', en: 'one per line, or separated by semicolons' } },
  ],
};

export type Cells = Readonly<Record<string, string>>;
export interface SheetRow {
  row: number;
  cells: Cells;
}
/** Column key → its letter in the uploaded sheet. */
export type Letters = Readonly<Record<string, string>>;

const squeeze = (s: string) => s.normalize('NFKC').replace(/[\s*＊]/g, '').toLowerCase();

/**
 * Which column holds what, from the two header rows (Chinese, English; either is enough, in any
 * order). A required column that is missing is a problem of the whole file.
 */
export function matchHeader(kind: TransferKind, zhRow: readonly string[], enRow: readonly string[]): { letters: Record<string, string>; problems: RowProblem[] } {
  const letters: Record<string, string> = {};
  const width = Math.max(zhRow.length, enRow.length);
  for (let i = 0; i < width; i++) {
    const col = COLUMNS[kind].find((c) => squeeze(zhRow[i] ?? '') === squeeze(c.zh) || squeeze(enRow[i] ?? '') === squeeze(c.en));
    if (col && !letters[col.key]) letters[col.key] = columnLetter(i + 1);
  }
  const problems = COLUMNS[kind]
    .filter((c) => c.required && !letters[c.key])
    .map((c) => ({
      row: 1,
      column: null,
      field: c.key,
      problem: { zh: `缺少“${c.zh}”列：这不是${TRANSFER_KINDS[kind].zh}导入模板`, en: `no "${c.en}" column: this is not the ${TRANSFER_KINDS[kind].en.toLowerCase()} template` },
    }));
  return { letters, problems };
}

/** 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

/** The template's example row, left as it is: skipped. */
export const isExampleRow = (kind: TransferKind, cells: Cells) => COLUMNS[kind].every((c) => (cells[c.key] ?? '') === c.example);

/** A code-table value as its key, from the key, "key label", the Chinese or the English label. */
export function lookup<K extends string>(table: Record<K, Label>, raw: string): K | null {
  const v = squeeze(raw);
  for (const [key, label] of Object.entries(table) as [K, Label][]) {
    if ([key, label.zh, key + label.zh, label.en].some((x) => squeeze(x) === v)) return key;
  }
  return null;
}

/** A code as typed (full-width characters, spaces, small letters) in its canonical form. */
export const normalizeCode = (raw: string) => raw.normalize('NFKC').replace(/\s/g, '').toUpperCase();
export const listText = (table: Record<string, Label>) => ({ zh: entries(table).map(([, l]) => l.zh).join('、'), en: entries(table).map(([, l]) => l.en).join(', ') });

/** Problems in row order, then column order. */
export const sortProblems = (problems: RowProblem[]) =>
  [...problems].sort((a, b) => a.row - b.row || (a.column ?? '').length - (b.column ?? '').length || (a.column ?? '').localeCompare(b.column ?? ''));
