/** A name with the parts that matched a search marked (<mark>), built from character ranges, never from HTML. */
import type { Highlights } from './types.ts';

/** Sorted, merged ranges clipped to the text. */
function mergeRanges(ranges: Highlights, length: number): Highlights {
  const sorted = ranges
    .map(([s, e]): [number, number] => [Math.max(0, s), Math.min(length, e)])
    .filter(([s, e]) => s < e)
    .sort((a, b) => a[0] - b[0]);
  const out: Highlights = [];
  for (const [s, e] of sorted) {
    const last = out.at(-1);
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else out.push([s, e]);
  }
  return out;
}

export function Highlighted({ text, ranges }: { text: string; ranges: Highlights }) {
  const parts: { text: string; hit: boolean }[] = [];
  let at = 0;
  for (const [s, e] of mergeRanges(ranges, text.length)) {
    if (s > at) parts.push({ text: text.slice(at, s), hit: false });
    parts.push({ text: text.slice(s, e), hit: true });
    at = e;
  }
  if (at < text.length) parts.push({ text: text.slice(at), hit: false });
  return (
    <>
      {parts.map((p, i) => (p.hit ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </>
  );
}
