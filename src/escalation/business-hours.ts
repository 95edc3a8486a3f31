import type { BusinessHours } from '../companies/company-settings';
import { localParts } from '../common/time-zone';

/** Whether `now` falls inside the company's opening hours; no hours set means always open. */
export function isWithinBusinessHours(hours: BusinessHours | null, timeZone: string, now: number): boolean {
  if (!hours || !hours.days.length) return true;
  const local = localParts(now, timeZone);
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  const minutes = local.hour * 60 + local.minute;
  const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return hours.days.some((d) => d.day === weekday && minutes >= toMinutes(d.open) && minutes < toMinutes(d.close));
}
