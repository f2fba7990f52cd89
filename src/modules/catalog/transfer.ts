/**
 * Checking the rows of an Excel import against what the database holds: references (base items,
 * agencies by credit code, regions, drafts) and duplicates inside the file and against the
 * database; a valid row becomes a planned item or material. Pure: transfer-import.ts loads what
 * `Known` answers and calls these.
 */
import { LEVEL_OF_REGION, LEVELS, nextHandlingSeq, type Guide, type Material } from './model.ts';
import { CellReader, readBase, readLocal, readMaterial, REGION, type BaseRow, type LocalRow, type MaterialRow } from './transfer-cells.ts';
import { normalizeCode, type Cells, type Letters, type RowProblem, type SheetRow, type TransferKind } from './transfer-columns.ts';

/**
 * The codes a row refers to, normalized as the checks read them: items (or base items), departments
 * by credit code, and implementation codes; what the import loads before checking the row.
 */
export function referencesOf(kind: TransferKind, cells: Cells, region: (code: string) => RegionRef | undefined): { items: string[]; departments: string[]; implementations: string[] } {
  const c = (key: string) => normalizeCode(cells[key] ?? '');
  const some = (xs: string[]) => xs.filter(Boolean);
  if (kind === 'base') return { items: some([c('code')]), departments: some([c('department')]), implementations: [] };
  if (kind === 'materials') return { items: some([c('itemCode')]), departments: [], implementations: [] };
  const regionCode = REGION.exec((cells.regionCode ?? '').trim().normalize('NFKC'))?.[1];
  const found = regionCode ? region(regionCode) : undefined;
  const level = found && LEVEL_OF_REGION[found.level as keyof typeof LEVEL_OF_REGION];
  return {
    items: some([c('code'), c('baseCode')]),
    departments: some([c('department'), c('entrusted')]),
    implementations: level && c('department') && c('baseCode') ? [`${c('department')}${level}${c('baseCode')}`] : [],
  };
}

export interface RegionRef {
  code: string;
  name: string;
  level: string;
}
export interface DepartmentRef {
  id: string;
  name: string;
  regionCode: string;
}
/** An item as the checks need it. */
export interface ItemRef {
  id: string;
  kind: 'base' | 'local';
  name: string;
  status: string;
  type: string;
  levels: string[];
  regionCode: string;
  departmentId: string | null;
  /** The promised limit of its published version, if any. */
  promisedDays: number | null;
  /** Its open draft: names and ids of the materials it has. Null when it has no draft. */
  draft: { materials: { id: string; name: string }[] } | null;
  /** A local item: the materials of its base item's published version (a local item may not add others). */
  baseMaterials: { id: string; name: string }[];
}

/** What the database holds, loaded by the import before each batch of rows. */
export interface Known {
  region(code: string): RegionRef | undefined;
  /** The region lies within the region of the import. */
  inScope(code: string): boolean;
  /** A grant bound to one department acts on that department's items only. */
  grantDepartmentId: string | null;
  department(creditCode: string): DepartmentRef | null;
  item(code: string): ItemRef | null;
  /** The handling items under an implementation code. */
  handlingItems(implementationCode: string): { code: string; name: string }[];
}

/** What a valid row makes: a new item with its first draft's guide elements… */
export interface PlannedItem {
  row: number;
  kind: 'base' | 'local';
  /** Null: the next free two-digit suffix under the implementation code, given after every row is checked. */
  code: string | null;
  baseCode: string;
  baseId: string | null;
  implementationCode: string | null;
  name: string;
  type: string;
  levels: string[];
  level: string;
  regionCode: string;
  department: DepartmentRef | null;
  entrusted: DepartmentRef | null;
  guide: Partial<Guide>;
}

/** …or a material appended to an item's draft. */
export interface PlannedMaterial {
  row: number;
  itemId: string;
  itemCode: string;
  material: Omit<Material, 'id'>;
}

/**
 * Checks the rows of one upload in order: formats, code tables, references and duplicates (inside
 * the file and against the database). Rows may come in batches, each with its `Known`.
 */
export class RowChecker {
  readonly items: PlannedItem[] = [];
  readonly materials: PlannedMaterial[] = [];
  readonly problems: RowProblem[] = [];
  private readonly seen = new Map<string, number>();

  constructor(
    readonly kind: TransferKind,
    private readonly letters: Letters,
  ) {}

  /** Rows with at least one problem. */
  badRows(): Set<number> {
    return new Set(this.problems.map((p) => p.row));
  }

  /** The first row that had this key, or records this one as having it. */
  private duplicate(key: string, row: number): number | null {
    const first = this.seen.get(key);
    if (first === undefined) this.seen.set(key, row);
    return first ?? null;
  }

  /** Every problem of the row (its cells, then what they refer to); a row without problems is planned. */
  check({ row, cells }: SheetRow, known: Known): void {
    const r = new CellReader(row, this.kind, cells, this.letters);
    if (this.kind === 'base') this.checkBase(r, readBase(r), known);
    else if (this.kind === 'local') this.checkLocal(r, readLocal(r), known);
    else this.checkMaterial(r, readMaterial(r), known);
    this.problems.push(...r.problems);
  }

  private checkBase(r: CellReader, v: BaseRow, known: Known) {
    if (v.code) {
      const first = this.duplicate(`code:${v.code}`, r.row);
      if (first !== null) r.fail('code', `基本编码 ${v.code} 与第 ${first} 行重复`, `base code ${v.code} repeats row ${first}`);
      else if (known.item(v.code)) r.fail('code', `基本编码 ${v.code} 的事项已存在`, `an item with base code ${v.code} exists already`);
    }
    const dept = v.department ? known.department(v.department) : null;
    if (v.department && dept?.regionCode !== '420000') r.fail('department', `没有统一社会信用代码为 ${v.department} 的省级部门`, `no province department has credit code ${v.department}`);
    else if (dept && known.grantDepartmentId && dept.id !== known.grantDepartmentId) r.fail('department', '该部门不在您的管辖范围内', 'this department is outside your grant');
    const { code, name, type, levels } = v;
    if (r.problems.length || !code || !name || !type || !levels) return;
    const guide: Partial<Guide> = { audience: v.audience ?? [] };
    if (v.law) guide.legalBasis = [{ law: v.law, article: v.article ?? '' }];
    if (v.summary) guide.summary = v.summary;
    if (v.statutoryDays !== null) guide.statutoryDays = v.statutoryDays;
    if (v.promisedDays !== null || v.statutoryDays !== null) guide.promisedDays = v.promisedDays ?? v.statutoryDays!;
    this.items.push({ row: r.row, kind: 'base', code, baseCode: code, baseId: null, implementationCode: null, name, type, levels: [...levels].sort(), level: '2', regionCode: '420000', department: dept, entrusted: null, guide });
  }

  private checkLocal(r: CellReader, v: LocalRow, known: Known) {
    const region = v.regionCode ? known.region(v.regionCode) : undefined;
    const level = region ? LEVEL_OF_REGION[region.level as keyof typeof LEVEL_OF_REGION] : undefined;
    if (v.regionCode && (!region || !level)) r.fail('regionCode', `行政区划 ${v.regionCode} 不存在`, `region ${v.regionCode} does not exist`);
    const inScope = !!region && known.inScope(region.code);
    if (region && !inScope) r.fail('regionCode', `${region.name}（${region.code}）不在本次导入的行政区划内`, `${region.code} is outside the region of this import`);
    const base = v.baseCode ? known.item(v.baseCode) : null;
    if (v.baseCode && (!base || base.kind !== 'base')) r.fail('baseCode', `基本编码 ${v.baseCode} 的基本目录事项不存在`, `no base item has code ${v.baseCode}`);
    else if (base?.status === 'cancelled') r.fail('baseCode', `基本目录事项 ${v.baseCode} 已取消`, `base item ${v.baseCode} is cancelled`);
    else if (base && level && !base.levels.includes(level)) r.fail('regionCode', `基本目录事项“${base.name}”不在${LEVELS[level].zh}行使`, `base item ${v.baseCode} is not exercised at ${LEVELS[level].en.toLowerCase()} level`);
    if (base && v.promisedDays !== null && base.promisedDays !== null && v.promisedDays > base.promisedDays) {
      r.fail('promisedDays', `承诺时限不得长于基本目录（${base.promisedDays} 个工作日）`, `the promised limit may not exceed the base item's (${base.promisedDays} working days)`);
    }
    const dept = v.department ? known.department(v.department) : null;
    if (v.department && !dept) r.fail('department', `没有统一社会信用代码为 ${v.department} 的部门`, `no department has credit code ${v.department}`);
    else if (dept && inScope && dept.regionCode !== v.regionCode) r.fail('department', `实施机构“${dept.name}”不属于行政区划 ${v.regionCode}`, `the agency does not belong to region ${v.regionCode}`);
    else if (dept && known.grantDepartmentId && dept.id !== known.grantDepartmentId) r.fail('department', '该部门不在您的管辖范围内', 'this department is outside your grant');
    const entrusted = v.entrusted ? known.department(v.entrusted) : null;
    if (v.entrusted && !entrusted) r.fail('entrusted', `没有统一社会信用代码为 ${v.entrusted} 的部门`, `no department has credit code ${v.entrusted}`);
    const impl = level && v.department && v.baseCode ? `${v.department}${level}${v.baseCode}` : null;
    if (v.code && impl && v.code.slice(0, 31) !== impl) {
      r.fail('code', `业务办理项编码应以实施编码 ${impl}（实施机构信用代码 + 层级 + 基本编码）开头`, `the handling item code must start with implementation code ${impl} (agency credit code, level, base code)`);
    }
    if (v.code) {
      const first = this.duplicate(`code:${v.code}`, r.row);
      if (first !== null) r.fail('code', `业务办理项编码 ${v.code} 与第 ${first} 行重复`, `handling item code ${v.code} repeats row ${first}`);
      else if (known.item(v.code)) r.fail('code', `业务办理项编码 ${v.code} 的事项已存在`, `an item with handling item code ${v.code} exists already`);
    }
    const name = v.name ?? base?.name ?? null;
    if (impl && name) {
      const first = this.duplicate(`name:${impl}:${name}`, r.row);
      const existing = known.handlingItems(impl).find((h) => h.name === name);
      if (first !== null) r.fail('name', `与第 ${first} 行是同一实施编码下的同名业务办理项`, `repeats row ${first}: the same name under the same implementation code`);
      else if (existing) r.fail('name', `实施编码 ${impl} 下已有同名业务办理项（${existing.code}）`, `implementation code ${impl} already has a handling item of this name (${existing.code})`);
    }
    if (r.problems.length || !base || !dept || !impl || !level || !name || !v.baseCode || !v.regionCode) return;
    const guide: Partial<Guide> = {};
    if (v.promisedDays !== null) guide.promisedDays = v.promisedDays;
    if (v.consultPhone) guide.consultPhone = v.consultPhone;
    if (v.complaintPhone) guide.complaintPhone = v.complaintPhone;
    if (v.hallAddress || v.hallHours) guide.hall = { address: v.hallAddress ?? '', hours: v.hallHours ?? '' };
    this.items.push({ row: r.row, kind: 'local', code: v.code, baseCode: v.baseCode, baseId: base.id, implementationCode: impl, name, type: base.type, levels: [level], level, regionCode: v.regionCode, department: dept, entrusted, guide });
  }

  private checkMaterial(r: CellReader, v: MaterialRow, known: Known) {
    const item = v.itemCode ? known.item(v.itemCode) : null;
    const name = v.name;
    if (v.itemCode && !item) r.fail('itemCode', `编码为 ${v.itemCode} 的事项不存在`, `no item has code ${v.itemCode}`);
    else if (item && !known.inScope(item.regionCode)) r.fail('itemCode', `事项 ${v.itemCode} 不在本次导入的行政区划内`, `item ${v.itemCode} is outside the region of this import`);
    else if (item && known.grantDepartmentId && item.departmentId !== known.grantDepartmentId) r.fail('itemCode', `事项 ${v.itemCode} 不属于您的部门`, `item ${v.itemCode} is not your department's`);
    else if (item && !item.draft) r.fail('itemCode', `事项 ${v.itemCode} 没有草稿版本（已发布的须先新建版本，已提交的须先退回）`, `item ${v.itemCode} has no draft version: start a new version first (or have a submitted one returned)`);
    else if (item && name && item.draft?.materials.some((m) => m.name === name)) r.fail('name', `事项 ${v.itemCode} 的草稿已有材料“${name}”`, `the draft of item ${v.itemCode} already has material "${name}"`);
    else if (item?.kind === 'local' && name && !item.baseMaterials.some((m) => m.name === name)) {
      r.fail('name', `材料“${name}”不在基本目录中，实施清单不得增加材料`, `material "${name}" is not in the base item: a local item may not add materials`);
    }
    if (v.itemCode && name) {
      const first = this.duplicate(`${v.itemCode}:${name}`, r.row);
      if (first !== null) r.fail('name', `与第 ${first} 行是同一事项的同名材料`, `repeats row ${first}: the same material of the same item`);
    }
    if (r.problems.length || !item || !v.material || !v.itemCode) return;
    const baseId = item.baseMaterials.find((m) => m.name === name)?.id;
    this.materials.push({ row: r.row, itemId: item.id, itemCode: v.itemCode, material: { ...v.material, ...(baseId && { baseId }) } });
  }

  /**
   * Gives each valid local row without a code the next free suffix under its implementation code
   * (after those in the database and those the file names), or a problem when all 99 are taken.
   */
  assignCodes(known: Known): void {
    const bad = this.badRows();
    const taken = new Map<string, Set<string>>();
    const takenUnder = (impl: string) => {
      let set = taken.get(impl);
      if (!set) {
        set = new Set(known.handlingItems(impl).map((h) => h.code.slice(31)));
        taken.set(impl, set);
      }
      return set;
    };
    for (const p of this.items) if (p.code && p.implementationCode && !bad.has(p.row)) takenUnder(p.implementationCode).add(p.code.slice(31));
    for (const p of this.items) {
      if (p.kind !== 'local' || p.code || bad.has(p.row)) continue;
      const set = takenUnder(p.implementationCode!);
      const seq = nextHandlingSeq([...set]);
      if (seq === null) {
        this.problems.push({ row: p.row, column: this.letters.code ?? null, field: 'code', problem: { zh: `实施编码 ${p.implementationCode} 下的 99 个业务办理项编码已用完`, en: `all 99 handling item codes under ${p.implementationCode} are taken` } });
        continue;
      }
      set.add(seq);
      p.code = p.implementationCode + seq;
    }
  }
}

/** Ids for new materials of a guide that has these: m1, m2 … skipping those in use. */
export function freshIds(existing: readonly string[], count: number, prefix = 'm'): string[] {
  const used = new Set(existing);
  const out: string[] = [];
  for (let n = 1; out.length < count; n++) if (!used.has(`${prefix}${n}`)) out.push(`${prefix}${n}`);
  return out;
}
