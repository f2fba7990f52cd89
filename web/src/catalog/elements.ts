/**
 * Element paths of a guide, as the publication rules name them (`materials[2].source`,
 * `hall.address`) and as schema validation names them (`guide/materials/2/source`).
 */
export type NamePath = (string | number)[];

/** `materials[2].when[0]` → ['materials', 2, 'when', 0]. */
export function namePath(element: string): NamePath {
  const out: NamePath = [];
  for (const m of element.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (m[2] !== undefined) out.push(Number(m[2]));
    else if (m[1] !== undefined) out.push(m[1]);
  }
  return out;
}

/** ['materials', 2, 'source'] → `materials[2].source`. */
export function elementOf(path: NamePath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${p}` : p), '');
}

/** A field of a validation problem (`guide/materials/2/name`, `rev`) as a guide element path. */
export function elementOfField(field: string): string {
  const parts = field.split('/').filter(Boolean);
  if (parts[0] === 'guide') parts.shift();
  return elementOf(parts.map((p) => (/^\d+$/.test(p) ? Number(p) : p)));
}

/** The element a problem about a situation clause (`materials[1].when[0]`) is shown at: the `when` field. */
export const fieldElement = (element: string) => element.replace(/\.when\[\d+\]$/, '.when');

/** A DOM id for an element's container (lists and list items, which have no field of their own). */
export const elementDomId = (element: string) => `guide-el-${element.replace(/[^A-Za-z0-9]+/g, '-')}`;
