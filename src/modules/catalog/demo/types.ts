import type { DepartmentKind } from '../../org/index.ts';
import type { Guide, ItemType, LevelDigit } from '../model.ts';

/** One demo item: a base item kept by the province and its local items (实施清单) at each level. */
export interface DemoItem {
  base: {
    /** 12-character base code (基本编码). */
    code: string;
    name: string;
    type: ItemType;
    /** The department kind that is responsible for the item (主管部门). */
    department: DepartmentKind;
    levels: LevelDigit[];
    guide: Guide;
  };
  locals: DemoLocal[];
}

export interface DemoLocal {
  /** GB/T 2260 region code: 420000, a city such as 420100, or a 武汉 district such as 420102. */
  region: string;
  department: DepartmentKind;
  /** The handling item (业务办理项) name when it differs from the base name. */
  name?: string;
  /** Elements that differ from the base guide (only tightening: shorter promised limit, fewer visits, local hall and phones). */
  override?: Partial<Guide>;
}
