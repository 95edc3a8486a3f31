import { BadRequestException } from '@nestjs/common';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

interface LocalParts { year: number; month: number; day: number; hour: number; minute: number; second: number }

export function localParts(ms: number, timeZone: string): LocalParts {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** How far the zone's wall clock is ahead of UTC at that instant. */
export function zoneOffsetMs(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/** The instant a local wall-clock time happens (the earlier one across a DST fold). */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const guess = Date.UTC(year, month - 1, day, hour, minute);
  const first = guess - zoneOffsetMs(guess, timeZone);
  return guess - zoneOffsetMs(first, timeZone);
}

/** 'YYYY-MM-DD' of the instant in the zone. */
export function localDateKey(ms: number, timeZone: string): string {
  const p = localParts(ms, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

export function startOfLocalDay(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  return zonedTimeToUtc(p.year, p.month, p.day, 0, 0, timeZone);
}

/** Local midnight after the day containing `ms` (23, 24 or 25 hours later). */
export function startOfNextLocalDay(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const noonUtc = Date.UTC(p.year, p.month - 1, p.day, 12) + 24 * 3600 * 1000;
  const next = new Date(noonUtc);
  return zonedTimeToUtc(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone);
}

/**
 * A `from`/`to` query value: a full ISO timestamp, epoch milliseconds, or a local date `YYYY-MM-DD`
 * (start of that day for `from`, start of the next day for `to`, so `to` dates are inclusive).
 */
export function parseRangeBound(value: string | undefined, timeZone: string, bound: 'from' | 'to', field = bound): number | undefined {
  if (value === undefined || value === '') return undefined;
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (date) {
    const start = zonedTimeToUtc(Number(date[1]), Number(date[2]), Number(date[3]), 0, 0, timeZone);
    return bound === 'from' ? start : startOfNextLocalDay(start, timeZone);
  }
  if (/^\d{10,14}$/.test(value)) return Number(value);
  const parsed = Date.parse(value);
  if (Number.isNaN(parsed)) {
    throw new BadRequestException({ message: `${field} must be a date (YYYY-MM-DD), an ISO 8601 time or epoch milliseconds`, details: [{ field, errors: [`${field} is not a date`] }] });
  }
  return parsed;
}
