import { localDateKey, localParts, startOfLocalDay, startOfNextLocalDay, zoneOffsetMs } from '../common/time-zone';

export type BucketInterval = 'day' | 'hour';

/**
 * Rollups and SQL groupings use 15-minute UTC slots. Every zone in use today has an offset that is a
 * multiple of 15 minutes (e.g. +05:45, +12:45) and changes it on such a boundary, so a slot never
 * straddles a local hour or day: slots regroup into local buckets exactly.
 */
export const SLOT_MS = 15 * 60 * 1000;

export const slotOf = (ms: number): number => Math.floor(ms / SLOT_MS) * SLOT_MS;

export interface Bucket {
  /** The bucket's nominal start (local midnight or the top of a local hour), even if `from` cuts it. */
  start: number;
  /** Local label: `YYYY-MM-DD` for days, `YYYY-MM-DDTHH:00±hh:mm` for hours (unique across DST folds). */
  label: string;
}

const HOUR_MS = 3600 * 1000;

function offsetLabel(ms: number, timeZone: string): string {
  const offset = Math.round(zoneOffsetMs(ms, timeZone) / 60000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

function hourLabel(ms: number, timeZone: string): string {
  return `${localDateKey(ms, timeZone)}T${String(localParts(ms, timeZone).hour).padStart(2, '0')}:00${offsetLabel(ms, timeZone)}`;
}

const isTopOfLocalHour = (ms: number, timeZone: string) => {
  const p = localParts(ms, timeZone);
  return p.minute === 0 && p.second === 0;
};

/** The instant the local hour containing `ms` began. */
export function startOfLocalHour(ms: number, timeZone: string): number {
  let t = slotOf(ms);
  while (!isTopOfLocalHour(t, timeZone)) t -= SLOT_MS;
  return t;
}

/** The next instant after `start` (a local top of hour) where the local clock shows minute 0 again. */
function nextLocalHour(start: number, timeZone: string): number {
  let t = start + HOUR_MS;
  // Only zones that shift by 30 minutes (Lord Howe) ever need more than the first guess.
  while (!isTopOfLocalHour(t, timeZone)) t += SLOT_MS;
  return t;
}

/**
 * The local days or hours that cover [from, to), in order. The first bucket may start before `from`
 * and the last end after `to`; data is always clipped to [from, to).
 */
export function localBuckets(from: number, to: number, interval: BucketInterval, timeZone: string, maxBuckets = Infinity): Bucket[] {
  const buckets: Bucket[] = [];
  let start = interval === 'day' ? startOfLocalDay(from, timeZone) : startOfLocalHour(from, timeZone);
  while (start < to) {
    if (buckets.length >= maxBuckets) throw new RangeError(`more than ${maxBuckets} buckets`);
    buckets.push({ start, label: interval === 'day' ? localDateKey(start, timeZone) : hourLabel(start, timeZone) });
    start = interval === 'day' ? startOfNextLocalDay(start, timeZone) : nextLocalHour(start, timeZone);
  }
  return buckets;
}

/**
 * Maps instants to bucket numbers by binary search over the boundaries. `bounds` are the bucket
 * starts clipped to `from`, then `to`: bucket i is [bounds[i], bounds[i + 1]).
 */
export class BucketIndex {
  readonly bounds: number[];

  constructor(readonly from: number, readonly to: number, starts: number[] = [from]) {
    this.bounds = [...starts.map((s) => Math.max(s, from)), to];
  }

  get size(): number {
    return this.bounds.length - 1;
  }

  /** The bucket holding `ms`, or -1 outside [from, to). */
  indexOf(ms: number): number {
    if (!(ms >= this.from && ms < this.to)) return -1;
    let lo = 0;
    let hi = this.bounds.length - 2;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.bounds[mid] <= ms) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Calls `add(bucket, ms)` with the milliseconds of [start, end) that fall in each bucket. */
  spread(start: number, end: number, add: (bucket: number, ms: number) => void): void {
    let s = Math.max(start, this.from);
    const e = Math.min(end, this.to);
    if (s >= e) return;
    let i = this.indexOf(s);
    while (s < e && i < this.size) {
      const bucketEnd = Math.min(this.bounds[i + 1], e);
      add(i, bucketEnd - s);
      s = bucketEnd;
      i += 1;
    }
  }
}
