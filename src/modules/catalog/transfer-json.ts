/**
 * The JSON import of published handling items in the format of `../shared/data/items.json`
 * (`{ items: [{ itemName, handlingItemName, handlingItemCode, region, deptUscc, deptNameInferred,
 * phones, … }] }`), the pure part: every record checked, its real codes kept exactly. No I/O.
 */
import { isItemType, parseItemCode, type ItemType, type LevelDigit } from './model.ts';
import type { RowProblem } from './transfer-columns.ts';

/** The type a base code carries: national (00TT…) and Hubei (42TT…) codes hold it at characters 3–4; otherwise 10. */
export function typeFromBaseCode(code: string): ItemType {
  const t = code.slice(2, 4);
  return /^(00|42)/.test(code) && isItemType(t) ? t : '10';
}

/** One handling item (业务办理项) of the file. */
export interface JsonItem {
  /** Its place in `items`, from 1. */
  row: number;
  code: string;
  implementationCode: string;
  baseCode: string;
  level: LevelDigit;
  creditCode: string;
  name: string;
  /** The department name the file gives (not official), or null. */
  departmentName: string | null;
  phones: string[];
}

/** A base item as the file implies it: one per base code, named after its item, at the levels its handling items use. */
export interface JsonBase {
  code: string;
  name: string;
  type: ItemType;
  levels: LevelDigit[];
  creditCode: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v.trim() : null);

/** Reads the file's records for one region (by its name, e.g. 湖北省); names each bad record. */
export function readItemsJson(data: unknown, regionName: string): { items: JsonItem[]; bases: JsonBase[]; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const fail = (row: number, field: string | null, zh: string, en: string) => problems.push({ row, column: null, field, problem: { zh, en } });
  const records = (data as { items?: unknown } | null)?.items;
  if (!Array.isArray(records)) {
    fail(0, 'items', '文件应为 { "items": [ … ] }', 'the file must be { "items": [ … ] }');
    return { items: [], bases: [], problems };
  }
  const items: JsonItem[] = [];
  const seen = new Map<string, number>();
  records.forEach((rec: Record<string, unknown>, i) => {
    const row = i + 1;
    const before = problems.length;
    const code = str(rec?.handlingItemCode) ?? '';
    const parsed = parseItemCode(code);
    if (!parsed.ok || parsed.parts.seq === null) fail(row, 'handlingItemCode', `业务办理项编码“${code}”不正确（${parsed.ok ? '应为 33 位' : parsed.problem}）`, `handling item code "${code}" is not valid (${parsed.ok ? 'needs 33 characters' : parsed.problem})`);
    const itemName = str(rec?.itemName) ?? '';
    if ([...itemName].length < 2 || [...itemName].length > 200) fail(row, 'itemName', '事项名称应为 2–200 个字', 'itemName must have 2–200 characters');
    const name = str(rec?.handlingItemName) || itemName;
    if ([...name].length > 200) fail(row, 'handlingItemName', '业务办理项名称最多 200 个字', 'handlingItemName has at most 200 characters');
    const region = str(rec?.region);
    if (region !== null && region !== regionName) fail(row, 'region', `只导入${regionName}的事项，这一条属于“${region}”`, `only items of ${regionName} are imported; this one is of "${region}"`);
    for (const [field, from, to] of [['deptUscc', 0, 18], ['implementationCode', 0, 31], ['basicCode', 19, 31]] as const) {
      const given = str(rec?.[field]);
      if (given !== null && given !== code.slice(from, to)) fail(row, field, `${field} 与业务办理项编码不一致`, `${field} does not match the handling item code`);
    }
    const first = seen.get(code);
    if (first !== undefined) fail(row, 'handlingItemCode', `业务办理项编码 ${code} 与第 ${first} 条重复`, `handling item code ${code} repeats record ${first}`);
    else seen.set(code, row);
    if (problems.length > before || !parsed.ok) return;
    const phones = Array.isArray(rec.phones) ? rec.phones.filter((p): p is string => typeof p === 'string' && p.trim() !== '').map((p) => p.trim()) : [];
    items.push({
      row,
      code,
      implementationCode: code.slice(0, 31),
      baseCode: parsed.parts.baseCode,
      level: parsed.parts.level,
      creditCode: parsed.parts.creditCode,
      name,
      departmentName: str(rec.deptNameInferred) || null,
      phones,
    });
  });
  const bases = new Map<string, JsonBase>();
  for (const item of items) {
    const b = bases.get(item.baseCode);
    const name = str((records[item.row - 1] as Record<string, unknown>).itemName)!;
    if (!b) bases.set(item.baseCode, { code: item.baseCode, name, type: typeFromBaseCode(item.baseCode), levels: [item.level], creditCode: item.creditCode });
    else if (!b.levels.includes(item.level)) b.levels = [...b.levels, item.level].sort();
  }
  return { items, bases: [...bases.values()], problems };
}

/** The consultation phones as one guide element (at most 60 characters: whole numbers only). */
export function phoneLine(phones: readonly string[], max = 60): string {
  let line = '';
  for (const p of phones) {
    const next = line ? `${line}；${p}` : p;
    if ([...next].length > max) break;
    line = next;
  }
  return line;
}

/** The department name of an item whose agency is not (yet) an organization of the platform. */
export const unlinkedDepartmentName = (given: string | null, creditCode: string) => given ?? `待核实部门（统一社会信用代码 ${creditCode}）`;
