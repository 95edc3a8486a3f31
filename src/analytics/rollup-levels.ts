import { SLOT_MS } from './time-buckets';

const HOUR_MS = 3600 * 1000;
const DAY_MS = 24 * HOUR_MS;

/**
 * Every counter is kept at three grains of UTC time: 15-minute slots, hours and days. A read of
 * [from, to) takes days where it can, hours next to them and slots at the ends, so a 90-day range
 * reads about 90 + 2·23 + 2·3 rows per dimension instead of 8,640.
 */
export const LEVELS = [
  { ms: SLOT_MS, suffix: '' },
  { ms: HOUR_MS, suffix: '@1h' },
  { ms: DAY_MS, suffix: '@1d' },
] as const;

/** The stored metric name of a counter at one grain: `messages`, `messages@1h`, `messages@1d`. */
export const levelMetric = (metric: string, level: number) => `${metric}${LEVELS[level].suffix}`;

/** Every grain's row for one slot: [metric name, start of the hour/day holding the slot]. */
export const levelRows = (metric: string, slotStart: number): Array<[string, number]> =>
  LEVELS.map((l, k) => [levelMetric(metric, k), Math.floor(slotStart / l.ms) * l.ms]);

/** An increment of one counter in one 15-minute slot. */
export interface SlotCount {
  companyId: string;
  metric: string;
  slot: number;
  dimension: string;
  by: number;
}

export type CounterRow = [companyId: string, metric: string, bucketStart: number, dimension: string, value: number];

/** Slot increments as rows of every grain, summed where they meet (one upsert statement may touch a row only once). */
export function levelCounts(counts: Iterable<SlotCount>): CounterRow[] {
  const rows = new Map<string, CounterRow>();
  for (const c of counts) {
    for (const [metric, start] of levelRows(c.metric, c.slot)) {
      const key = `${c.companyId}|${metric}|${start}|${c.dimension}`;
      const row = rows.get(key);
      if (row) row[4] += c.by;
      else rows.set(key, [c.companyId, metric, start, c.dimension, c.by]);
    }
  }
  return [...rows.values()];
}

export interface LevelRange {
  metric: string;
  from: number;
  to: number;
}

/** Covers [from, to) (both on the slot grid) with the fewest rows: coarse grains inside, fine at the ends. */
export function decompose(metric: string, from: number, to: number): LevelRange[] {
  const out: LevelRange[] = [];
  let lo = from;
  let hi = to;
  for (let k = 0; k < LEVELS.length - 1; k++) {
    const up = LEVELS[k + 1].ms;
    const a = Math.ceil(lo / up) * up;
    const b = Math.floor(hi / up) * up;
    if (a >= b) {
      if (lo < hi) out.push({ metric: levelMetric(metric, k), from: lo, to: hi });
      return out;
    }
    if (lo < a) out.push({ metric: levelMetric(metric, k), from: lo, to: a });
    if (b < hi) out.push({ metric: levelMetric(metric, k), from: b, to: hi });
    lo = a;
    hi = b;
  }
  out.push({ metric: levelMetric(metric, LEVELS.length - 1), from: lo, to: hi });
  return out;
}
