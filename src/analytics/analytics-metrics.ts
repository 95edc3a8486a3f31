import { SENDER_TYPES } from '../chat/entities/message.entity';
import { ESCALATION_REASONS } from '../escalation/escalation.policy';
import { FeedbackSummary, summarizeRatingCounts } from '../feedback/feedback-store';
import { parseRatingDimension } from './analytics-rollup.service';
import { SlotDurations } from './analytics.repository';
import { DurationStats, durationStats } from './percentiles';
import { BucketIndex } from './time-buckets';

/** The metrics a time series can show; docs/metrics.md defines each one. */
export const METRICS = [
  'conversations', 'bot_resolved_rate', 'escalations', 'first_response_time', 'resolution_time', 'queue_wait',
  'csat_average', 'csat_response_rate', 'messages', 'worked_hours', 'idle_hours',
] as const;
export type MetricName = (typeof METRICS)[number];

/** A rollup or grouped count: bucket number, dimension, value. */
export interface BucketRow { i: number; dimension: string; value: number }

const zeros = (n: number) => new Array<number>(n).fill(0);
const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);
const filled = (keys: readonly string[]): Record<string, number> => Object.fromEntries(keys.map((k) => [k, 0]));

/** Slots lie on the 15-minute grid; the first may begin before `from` (its rows are all after it). */
export const slotBucket = (index: BucketIndex, slot: number) => index.indexOf(Math.max(slot, index.from));

export function conversationBuckets(index: BucketIndex, counts: { conversations: number[]; botOnly: number[] }, activeBot: number[]) {
  const botResolved = [...counts.botOnly];
  for (const createdAt of activeBot) {
    const i = index.indexOf(createdAt);
    if (i >= 0) botResolved[i] -= 1;
  }
  return { conversations: counts.conversations, botResolved, botResolvedRate: botResolved.map((b, i) => ratio(b, counts.conversations[i])) };
}

/** Per bucket: a map of every known key (zeros included) plus any other the rows name. */
export function keyedBuckets(size: number, keys: readonly string[], rows: BucketRow[]): Record<string, number>[] {
  const buckets = Array.from({ length: size }, () => filled(keys));
  for (const r of rows) if (r.i >= 0 && r.i < size) buckets[r.i][r.dimension] = (buckets[r.i][r.dimension] ?? 0) + r.value;
  return buckets;
}

const total = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

export function escalationBuckets(size: number, rows: BucketRow[]) {
  const byReason = keyedBuckets(size, ESCALATION_REASONS, rows);
  return { total: byReason.map(total), byReason };
}

export function messageBuckets(size: number, rows: BucketRow[]) {
  const bySender = keyedBuckets(size, SENDER_TYPES, rows);
  return { total: bySender.map(total), bySender };
}

/** p50/p90 per bucket of durations tagged with the slot they started in. */
export function durationBuckets(index: BucketIndex, durations: SlotDurations): DurationStats[] {
  const values = Array.from({ length: index.size }, () => [] as number[]);
  for (let k = 0; k < durations.slots.length; k++) {
    const i = slotBucket(index, durations.slots[k]);
    if (i >= 0) values[i].push(durations.values[k]);
  }
  return values.map(durationStats);
}

export interface CsatBucket extends FeedbackSummary {
  resolved: number;
  responseRate: number | null;
}

/** Rating counters (dimension `agent|rating`) per bucket, and the response rate against resolutions. */
export function csatBuckets(size: number, rows: BucketRow[], resolved: number[] = zeros(size)): CsatBucket[] {
  const counts = Array.from({ length: size }, () => new Map<number, number>());
  for (const r of rows) {
    const { rating } = parseRatingDimension(r.dimension);
    counts[r.i]?.set(rating, (counts[r.i].get(rating) ?? 0) + r.value);
  }
  return counts.map((m, i) => {
    const summary = summarizeRatingCounts([...m].map(([rating, count]) => ({ rating, count })));
    return { ...summary, resolved: resolved[i], responseRate: ratio(summary.count, resolved[i]) };
  });
}

/** Per agent over all buckets: how many ratings and their average. */
export function csatByAgent(rows: BucketRow[]): Map<string, { count: number; average: number | null }> {
  const byAgent = new Map<string, BucketRow[]>();
  for (const r of rows) {
    const { agentId } = parseRatingDimension(r.dimension);
    if (!agentId) continue;
    const list = byAgent.get(agentId) ?? [];
    list.push({ ...r, i: 0 });
    byAgent.set(agentId, list);
  }
  return new Map([...byAgent].map(([agentId, list]) => {
    const { count, average } = csatBuckets(1, list)[0];
    return [agentId, { count, average }];
  }));
}

export interface HoursBuckets {
  /** Milliseconds per bucket, all agents together. */
  worked: number[];
  idle: number[];
  /** Milliseconds per agent over the whole range. */
  perAgent: Map<string, { workedMs: number; idleMs: number }>;
  /** Milliseconds per agent and bucket. */
  byAgent: Map<string, { worked: number[]; idle: number[] }>;
}

/**
 * Worked time is time in work sessions; idle time is worked time with no conversation held (worked
 * minus busy, per agent and bucket). `busy` rows are milliseconds per bucket with the agent as dimension.
 */
export function hoursBuckets(index: BucketIndex, sessions: Array<{ agentId: string; startedAt: number; endedAt: number | null }>, busy: BucketRow[], now: number): HoursBuckets {
  const workedBy = new Map<string, number[]>();
  for (const s of sessions) {
    const row = workedBy.get(s.agentId) ?? zeros(index.size);
    index.spread(s.startedAt, Math.min(s.endedAt ?? now, now), (i, ms) => (row[i] += ms));
    workedBy.set(s.agentId, row);
  }
  const busyBy = new Map<string, number[]>();
  for (const b of busy) {
    const row = busyBy.get(b.dimension) ?? zeros(index.size);
    row[b.i] += b.value;
    busyBy.set(b.dimension, row);
  }
  const worked = zeros(index.size);
  const idle = zeros(index.size);
  const perAgent = new Map<string, { workedMs: number; idleMs: number }>();
  const byAgent = new Map<string, { worked: number[]; idle: number[] }>();
  for (const [agentId, row] of workedBy) {
    const totals = { workedMs: 0, idleMs: 0 };
    // Busy time is kept inside sessions; the clamp only guards sessions shortened after the fact (crash recovery).
    const idleRow = row.map((ms, i) => Math.max(0, ms - (busyBy.get(agentId)?.[i] ?? 0)));
    row.forEach((ms, i) => {
      worked[i] += ms;
      idle[i] += idleRow[i];
      totals.workedMs += ms;
      totals.idleMs += idleRow[i];
    });
    perAgent.set(agentId, totals);
    byAgent.set(agentId, { worked: row, idle: idleRow });
  }
  return { worked, idle, perAgent, byAgent };
}
