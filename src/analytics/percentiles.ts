/**
 * The p-th quantile (0..1) of ascending values by linear interpolation between closest ranks
 * (numpy's default, Excel PERCENTILE.INC): the median of [1, 2, 3, 4] is 2.5. Null for no values.
 */
export function quantileSorted(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * p;
  const lower = Math.floor(h);
  const upper = Math.min(lower + 1, sorted.length - 1);
  return sorted[lower] + (h - lower) * (sorted[upper] - sorted[lower]);
}

export interface DurationStats {
  count: number;
  p50Seconds: number | null;
  p90Seconds: number | null;
}

/** p50/p90 of millisecond durations, in seconds rounded to the millisecond. */
export function durationStats(valuesMs: number[]): DurationStats {
  const sorted = Float64Array.from(valuesMs).sort();
  const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);
  const values = sorted as unknown as number[];
  return { count: sorted.length, p50Seconds: seconds(quantileSorted(values, 0.5)), p90Seconds: seconds(quantileSorted(values, 0.9)) };
}

export const median = (valuesMs: number[]): number | null => durationStats(valuesMs).p50Seconds;
