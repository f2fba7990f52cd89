/** The region tree (province → prefecture → county) built from the server's flat list. Pure. */
import type { Region } from './types.ts';

export interface RegionOption {
  value: string;
  label: string;
  children?: RegionOption[];
}

export interface RegionIndex {
  byCode: Map<string, Region>;
  childrenOf: Map<string | null, Region[]>;
}

export function indexRegions(regions: readonly Region[]): RegionIndex {
  const byCode = new Map(regions.map((r) => [r.code, r]));
  const childrenOf = new Map<string | null, Region[]>();
  for (const r of regions) {
    const parent = r.parentCode !== null && byCode.has(r.parentCode) ? r.parentCode : null;
    childrenOf.set(parent, [...(childrenOf.get(parent) ?? []), r]);
  }
  return { byCode, childrenOf };
}

/** Codes from the top of the tree down to `code` (empty when it is unknown). */
export function pathTo(index: RegionIndex, code: string): string[] {
  const path: string[] = [];
  for (let r = index.byCode.get(code); r && path.length < 8; r = r.parentCode ? index.byCode.get(r.parentCode) : undefined) {
    path.unshift(r.code);
  }
  return path;
}

/** Cascader options for the subtrees under `roots` (the whole tree when roots is omitted). */
export function regionOptions(index: RegionIndex, roots?: readonly string[]): RegionOption[] {
  const build = (r: Region): RegionOption => {
    const kids = index.childrenOf.get(r.code) ?? [];
    return kids.length ? { value: r.code, label: r.name, children: kids.map(build) } : { value: r.code, label: r.name };
  };
  const tops = roots
    ? roots.map((c) => index.byCode.get(c)).filter((r): r is Region => r !== undefined)
    : (index.childrenOf.get(null) ?? []);
  return tops.map(build);
}

/** Drops codes that lie inside another code of the list: what remains are the tops of the subtrees. */
export function topmost(index: RegionIndex, codes: readonly string[]): string[] {
  const set = new Set(codes);
  return [...set].filter((code) => !pathTo(index, code).slice(0, -1).some((ancestor) => set.has(ancestor)));
}

/** The cascader value for `code` in options built from `roots`: its path from the nearest root down. */
export function cascaderValue(index: RegionIndex, code: string, roots?: readonly string[]): string[] {
  const path = pathTo(index, code);
  if (!roots) return path;
  const start = path.findIndex((c) => roots.includes(c));
  return start < 0 ? [] : path.slice(start);
}
