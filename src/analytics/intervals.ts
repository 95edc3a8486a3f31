/** A half-open time interval [start, end) in epoch ms. */
export type Span = readonly [number, number];

/** The union of spans as sorted, disjoint spans (touching spans merge). */
export function mergeSpans(spans: readonly Span[]): Span[] {
  const sorted = spans.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const [s, e] of sorted) {
    const last = merged[merged.length - 1];
    if (last && s <= last[1]) last[1] = Math.max(last[1], e);
    else merged.push([s, e]);
  }
  return merged;
}

/** `a` minus `b`: the parts of `a` that no span of `b` covers. Both are merged first. */
export function subtractSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const minus = mergeSpans(b);
  const result: Span[] = [];
  let j = 0;
  for (const [start, end] of mergeSpans(a)) {
    let s = start;
    while (j < minus.length && minus[j][1] <= s) j++;
    let k = j;
    while (s < end && k < minus.length && minus[k][0] < end) {
      if (minus[k][0] > s) result.push([s, minus[k][0]]);
      s = Math.max(s, minus[k][1]);
      k++;
    }
    if (s < end) result.push([s, end]);
  }
  return result;
}

/** The parts of `a` that `b` also covers. Both are merged first. */
export function intersectSpans(a: readonly Span[], b: readonly Span[]): Span[] {
  const x = mergeSpans(a);
  const y = mergeSpans(b);
  const result: Span[] = [];
  let i = 0;
  let j = 0;
  while (i < x.length && j < y.length) {
    const start = Math.max(x[i][0], y[j][0]);
    const end = Math.min(x[i][1], y[j][1]);
    if (start < end) result.push([start, end]);
    if (x[i][1] < y[j][1]) i++;
    else j++;
  }
  return result;
}

export const measure = (spans: readonly Span[]): number => spans.reduce((sum, [s, e]) => sum + Math.max(0, e - s), 0);

/** Splits spans at the boundaries of fixed `size` slots (epoch-aligned): slot start → milliseconds. */
export function perSlot(spans: readonly Span[], size: number): Map<number, number> {
  const slots = new Map<number, number>();
  for (const [start, end] of spans) {
    let s = start;
    while (s < end) {
      const slot = Math.floor(s / size) * size;
      const e = Math.min(end, slot + size);
      slots.set(slot, (slots.get(slot) ?? 0) + (e - s));
      s = e;
    }
  }
  return slots;
}
