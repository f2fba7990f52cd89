import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every depth, so equal values always give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Date)) {
      // No prototype: an own "__proto__" key (JSON.parse makes those) is kept, not swallowed by the setter.
      const sorted = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    return v;
  });
}

export const sha256Hex = (data: string | Uint8Array): string =>
  createHash('sha256').update(data).digest('hex');

/** Digest of a value's canonical JSON; null stays null (nothing before a create, nothing after a delete). */
export const digestOf = (value: unknown): string | null =>
  value === null || value === undefined ? null : sha256Hex(canonicalJson(value));
