/**
 * Reading one row of an uploaded sheet into typed values: formats, code tables and the rules that
 * tie a row's cells together, with a problem (row, column, zh + en) for each bad cell. Pure: no I/O.
 */
import { creditCodeChecksOut } from '../../core/codes.ts';
import { AUDIENCES, BASE_CODE, ITEM_TYPES, LEVELS, MATERIAL_FORMS, MATERIAL_SOURCES, parseItemCode, type Audience, type ItemType, type LevelDigit, type Material } from './model.ts';
import { isCatchAll } from './rules.ts';
import { COLUMNS, listText, lookup, normalizeCode, REQUIREMENTS, type Cells, type Label, type Letters, type RowProblem, type TransferKind } from './transfer-columns.ts';

const split = (raw: string) => raw.normalize('NFKC').split(/[,、;\s]+/).filter(Boolean);

/** Text that a spreadsheet would run as a formula when the export is opened. */
const FORMULA = /^[=+\-@]/;

/** Reads one row's cells into typed values, collecting a problem per bad cell. */
export class CellReader {
  readonly problems: RowProblem[] = [];
  constructor(
    readonly row: number,
    private readonly kind: TransferKind,
    private readonly cells: Cells,
    private readonly letters: Letters,
  ) {}

  fail(key: string | null, zh: string, en: string): null {
    this.problems.push({ row: this.row, column: key ? (this.letters[key] ?? null) : null, field: key, problem: { zh, en } });
    return null;
  }

  private spec(key: string) {
    return COLUMNS[this.kind].find((c) => c.key === key)!;
  }

  /** The trimmed cell, or null (with a problem when the column is required) when blank. */
  raw(key: string): string | null {
    const v = (this.cells[key] ?? '').trim();
    if (v) return v;
    const c = this.spec(key);
    return c.required ? this.fail(key, `“${c.zh}”必须填写`, `${c.en} is required`) : null;
  }

  text(key: string, max: number, min = 0): string | null {
    const v = this.raw(key);
    if (v === null) return null;
    const c = this.spec(key);
    return [...v].length < min || [...v].length > max ? this.fail(key, `“${c.zh}”应为 ${min}–${max} 个字`, `${c.en} must have ${min}–${max} characters`) : v;
  }

  /** A name: also never what a spreadsheet opening an export would run as a formula. */
  name(key: string, min: number): string | null {
    const v = this.text(key, 200, min);
    return v !== null && FORMULA.test(v) ? this.fail(key, `“${this.spec(key).zh}”不能以 = + - @ 开头`, `${this.spec(key).en} must not start with = + - @`) : v;
  }

  code(key: string): string | null {
    const v = this.raw(key);
    return v === null ? null : normalizeCode(v);
  }

  baseCode(key: string): string | null {
    const v = this.code(key);
    if (v === null || BASE_CODE.test(v)) return v;
    const hint = /^\d+$/.test(v) && v.length < 12 ? '（若开头的 0 丢失，请把该列设为文本格式）' : '';
    return this.fail(key, `基本编码“${v}”应为 12 位数字或大写字母${hint}`, `base code "${v}" must be 12 digits or capital letters${hint ? ' (leading zeros lost? format the column as text)' : ''}`);
  }

  creditCode(key: string): string | null {
    const v = this.code(key);
    if (v === null || creditCodeChecksOut(v)) return v;
    return this.fail(key, `统一社会信用代码“${v}”不正确（应为 18 位，校验位须正确）`, `credit code "${v}" is not valid (18 characters with correct check characters)`);
  }

  whole(key: string): number | null {
    const v = this.raw(key);
    if (v === null) return null;
    const [min, max] = this.spec(key).whole!;
    const n = Number(v.normalize('NFKC'));
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    return this.fail(key, `“${this.spec(key).zh}”应为 ${min}–${max} 的整数`, `${this.spec(key).en} must be a whole number ${min}–${max}`);
  }

  one<K extends string>(key: string, table: Record<K, Label>): K | null {
    const v = this.raw(key);
    if (v === null) return null;
    const found = lookup(table, v);
    const allowed = listText(table);
    return found ?? this.fail(key, `“${v}”不是有效的${this.spec(key).zh}，可选：${allowed.zh}`, `"${v}" is not a valid ${this.spec(key).en.toLowerCase()}; one of ${allowed.en}`);
  }

  many<K extends string>(key: string, table: Record<K, Label>): K[] | null {
    const v = this.raw(key);
    if (v === null) return null;
    const out: K[] = [];
    for (const part of split(v)) {
      const found = lookup(table, part);
      if (!found) return this.fail(key, `“${part}”不是有效的${this.spec(key).zh}，可选：${listText(table).zh}`, `"${part}" is not a valid ${this.spec(key).en.toLowerCase()}; each one of ${listText(table).en}`);
      if (!out.includes(found)) out.push(found);
    }
    return out;
  }
}

/** A row as read: null where a cell is blank or bad (each bad cell has its problem). */
export interface BaseRow {
  code: string | null;
  name: string | null;
  type: ItemType | null;
  levels: LevelDigit[] | null;
  department: string | null;
  law: string | null;
  article: string | null;
  audience: Audience[] | null;
  statutoryDays: number | null;
  promisedDays: number | null;
  summary: string | null;
}

export interface LocalRow {
  code: string | null;
  baseCode: string | null;
  name: string | null;
  regionCode: string | null;
  department: string | null;
  entrusted: string | null;
  promisedDays: number | null;
  consultPhone: string | null;
  complaintPhone: string | null;
  hallAddress: string | null;
  hallHours: string | null;
}

export interface MaterialRow {
  itemCode: string | null;
  name: string | null;
  /** Complete when the row has no problem. */
  material: Omit<Material, 'id'> | null;
}

export const REGION = /^(\d{6})(?:\D.*)?$/;

export function readBase(r: CellReader): BaseRow {
  const row = {
    code: r.baseCode('code'),
    name: r.name('name', 2),
    type: r.one('type', ITEM_TYPES),
    levels: r.many('levels', LEVELS),
    department: r.creditCode('department'),
    law: r.text('law', 200),
    article: r.text('article', 200),
    audience: r.many('audience', AUDIENCES),
    statutoryDays: r.whole('statutoryDays'),
    promisedDays: r.whole('promisedDays'),
    summary: r.text('summary', 4000),
  };
  if (row.article && !row.law) r.fail('law', '填写依据条款时须填写设定依据', 'an article needs the legal basis it belongs to');
  if (row.statutoryDays !== null && row.promisedDays !== null && row.promisedDays > row.statutoryDays) {
    r.fail('promisedDays', `承诺时限（${row.promisedDays}）超过法定时限（${row.statutoryDays}）`, `the promised limit (${row.promisedDays}) is above the statutory one (${row.statutoryDays})`);
  }
  return row;
}

export function readLocal(r: CellReader): LocalRow {
  let code = r.code('code');
  if (code !== null) {
    const parsed = parseItemCode(code);
    if (code.length !== 33 || !parsed.ok) code = r.fail('code', `业务办理项编码“${code}”应为 33 位：信用代码 18 位 + 层级 1 位 + 基本编码 12 位 + 顺序号 2 位`, `handling item code "${code}" must have 33 characters: credit code 18 + level 1 + base code 12 + sequence 2`);
  }
  const regionText = r.raw('regionCode');
  const regionCode = regionText === null ? null : (REGION.exec(regionText.normalize('NFKC'))?.[1] ?? r.fail('regionCode', `行政区划“${regionText}”应以 6 位代码开头`, `region "${regionText}" must start with its six-digit code`));
  const row = {
    code,
    baseCode: r.baseCode('baseCode'),
    name: r.name('name', 2),
    regionCode,
    department: r.creditCode('department'),
    entrusted: r.creditCode('entrusted'),
    promisedDays: r.whole('promisedDays'),
    consultPhone: r.text('consultPhone', 60),
    complaintPhone: r.text('complaintPhone', 60),
    hallAddress: r.text('hallAddress', 300),
    hallHours: r.text('hallHours', 300),
  };
  if (row.consultPhone && row.complaintPhone && row.consultPhone.replace(/\D/g, '') === row.complaintPhone.replace(/\D/g, '')) {
    r.fail('complaintPhone', '监督投诉电话不能与咨询电话相同', 'the complaint phone must differ from the consultation phone');
  }
  return row;
}

export function readMaterial(r: CellReader): MaterialRow {
  let itemCode = r.code('itemCode');
  if (itemCode !== null && itemCode.length !== 12 && itemCode.length !== 33) {
    itemCode = r.fail('itemCode', `事项编码“${itemCode}”应为 12 位基本编码或 33 位业务办理项编码`, `item code "${itemCode}" must be a 12-character base code or a 33-character handling item code`);
  }
  const typed = r.name('name', 1);
  const name = typed && isCatchAll(typed) ? r.fail('name', `“${typed}”属于兜底条款，不得列入`, `"${typed}" is a catch-all clause, which is banned`) : typed;
  const requirement = r.one('requirement', REQUIREMENTS);
  const conditionNote = r.text('conditionNote', 500);
  if (requirement === 'conditional' && !conditionNote) r.fail('conditionNote', '按情形提交的材料须说明何时需要', 'a conditional material must say when it is needed');
  const source = r.one('source', MATERIAL_SOURCES);
  const sourceRef = r.text('sourceRef', 200);
  if ((source === 'license' || source === 'shared') && !sourceRef) r.fail('sourceRef', '来源为电子证照或部门共享时，须注明具体证照或数据', 'an e-license or shared-data source must say which');
  const originals = r.whole('originals') ?? 1;
  const copies = r.whole('copies') ?? 0;
  const form = r.one('form', MATERIAL_FORMS);
  const basis = r.text('basis', 1000) ?? '';
  const notes = r.text('notes', 1000);
  const checkpoints = (r.raw('checkpoints') ?? '').split(/[\n;；]+/).map((s) => s.trim()).filter(Boolean);
  if (checkpoints.some((c) => [...c].length > 500) || checkpoints.length > 30) r.fail('checkpoints', '审查要点最多 30 条，每条最多 500 字', 'at most 30 checkpoints of at most 500 characters each');
  const complete = name && requirement && source && form && !r.problems.length;
  return {
    itemCode,
    name,
    material: complete ? { name, requirement, ...(conditionNote && { conditionNote }), originals, copies, form, source, ...(sourceRef && { sourceRef }), basis, ...(notes && { notes }), checkpoints } : null,
  };
}
