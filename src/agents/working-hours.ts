import { localDateKey, startOfNextLocalDay } from '../common/time-zone';

export interface SessionSpan {
  agentId: string;
  startedAt: number;
  /** Null while the session is open: it counts up to `now`. */
  endedAt: number | null;
}

export interface DailyHours {
  agentId: string;
  date: string;
  seconds: number;
}

/** Splits sessions at local midnights and sums seconds per agent and local day, within [from, to). */
export function dailyTotals(sessions: SessionSpan[], timeZone: string, from: number, to: number, now: number): DailyHours[] {
  const totals = new Map<string, DailyHours>();
  for (const session of sessions) {
    let start = Math.max(session.startedAt, from);
    const end = Math.min(session.endedAt ?? now, to);
    while (start < end) {
      const dayEnd = Math.min(startOfNextLocalDay(start, timeZone), end);
      const key = `${session.agentId}|${localDateKey(start, timeZone)}`;
      const row = totals.get(key) ?? { agentId: session.agentId, date: localDateKey(start, timeZone), seconds: 0 };
      row.seconds += (dayEnd - start) / 1000;
      totals.set(key, row);
      start = dayEnd;
    }
  }
  return [...totals.values()]
    .map((r) => ({ ...r, seconds: Math.round(r.seconds) }))
    .sort((a, b) => a.date.localeCompare(b.date) || a.agentId.localeCompare(b.agentId));
}

/** Whole seconds between two instants, as stored on a closed session. */
export const sessionSeconds = (startedAt: number, endedAt: number) => Math.max(0, Math.round((endedAt - startedAt) / 1000));
