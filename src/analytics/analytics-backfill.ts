import { busyFromScratch } from './busy-time';
import { perSlot, Span } from './intervals';
import { CounterRow, LEVELS, levelCounts, levelMetric } from './rollup-levels';
import { num, numOrNull, sqlRows, SqlTarget } from './sql';
import { SLOT_MS } from './time-buckets';

const INSERT_CHUNK = 200;

export interface RatingRecord { companyId: string; agentId: string | null; rating: number; createdAt: number }

/** Per-slot counts at every grain (slot, hour, day), summed. */
const atEveryLevel = (metric: string, perSlotCounts: Array<[companyId: string, slot: number, dimension: string, value: number]>): CounterRow[] =>
  levelCounts(perSlotCounts.map(([companyId, slot, dimension, by]) => ({ companyId, metric, slot, dimension, by })));

async function insertCounters(target: SqlTarget, rows: CounterRow[]): Promise<void> {
  for (let k = 0; k < rows.length; k += INSERT_CHUNK) {
    const params: Record<string, unknown> = {};
    const values = rows.slice(k, k + INSERT_CHUNK).map(([companyId, metric, bucketStart, dimension, value], j) => {
      Object.assign(params, { [`c${j}`]: companyId, [`m${j}`]: metric, [`b${j}`]: bucketStart, [`d${j}`]: dimension, [`v${j}`]: value });
      return `(:c${j}, :m${j}, :b${j}, :d${j}, :v${j})`;
    });
    await sqlRows(target, `INSERT INTO analytics_rollups (company_id, metric, bucket_start, dimension, value) VALUES ${values.join(', ')}`, params);
  }
}

async function deleteCounters(target: SqlTarget, metric: string, only: string, params: Record<string, unknown>): Promise<void> {
  for (let k = 0; k < LEVELS.length; k++) {
    await sqlRows(target, `DELETE FROM analytics_rollups WHERE metric = :metric${only}`, { ...params, metric: levelMetric(metric, k) });
  }
}

/** A COUNT(*) per company, slot and dimension of a table, as counters at every grain (computed by the database). */
async function countIntoLevels(target: SqlTarget, metric: string, table: string, time: string, dimension: string, only: string, params: Record<string, unknown>): Promise<void> {
  await deleteCounters(target, metric, only, params);
  for (let k = 0; k < LEVELS.length; k++) {
    const start = `((${time} / ${LEVELS[k].ms}) * ${LEVELS[k].ms})`;
    await sqlRows(target,
      `INSERT INTO analytics_rollups (company_id, metric, bucket_start, dimension, value)
       SELECT company_id, :metric, ${start}, ${dimension}, COUNT(*) FROM ${table} WHERE 1 = 1${only} GROUP BY company_id, ${start}, ${dimension}`,
      { ...params, metric: levelMetric(metric, k) });
  }
}

/** Busy time from every closed assignment span and the agents' sessions, per agent and slot. */
async function rebuildBusyTime(target: SqlTarget, only: string, params: Record<string, unknown>): Promise<number> {
  await deleteCounters(target, 'busy_ms', only, params);
  const spans = await sqlRows(target, `SELECT company_id, agent_id, started_at, ended_at FROM analytics_assignment_spans WHERE ended_at IS NOT NULL${only}`, params);
  const sessions = await sqlRows(target, `SELECT agent_id, started_at, ended_at FROM agent_sessions WHERE 1 = 1${only}`, params);
  const byAgent = new Map<string, { companyId: string; spans: Span[]; sessions: Span[] }>();
  for (const s of spans) {
    const agent = byAgent.get(String(s.agent_id)) ?? { companyId: String(s.company_id), spans: [], sessions: [] };
    agent.spans.push([num(s.started_at), num(s.ended_at)]);
    byAgent.set(String(s.agent_id), agent);
  }
  for (const s of sessions) byAgent.get(String(s.agent_id))?.sessions.push([num(s.started_at), numOrNull(s.ended_at) ?? Number.MAX_SAFE_INTEGER]);
  const slots: Array<[string, number, string, number]> = [];
  for (const [agentId, agent] of byAgent) {
    for (const [slot, ms] of perSlot(busyFromScratch(agent.spans, agent.sessions), SLOT_MS)) slots.push([agent.companyId, slot, agentId, ms]);
  }
  const rows = atEveryLevel('busy_ms', slots);
  await insertCounters(target, rows);
  await sqlRows(target, `DELETE FROM analytics_rollups WHERE metric = 'span_max_ms'${only}`, params);
  await sqlRows(target,
    `INSERT INTO analytics_rollups (company_id, metric, bucket_start, dimension, value)
     SELECT company_id, 'span_max_ms', 0, '', MAX(ended_at - started_at) FROM analytics_assignment_spans WHERE ended_at IS NOT NULL${only} GROUP BY company_id`, params);
  return rows.length;
}

/**
 * Rebuilds the analytics tables that derive from the SQL tables: message counters from `messages`;
 * assignment spans from `conversations` (one per conversation: its last agent, from assigned_at to
 * resolution, open while still assigned; earlier holders of a transferred conversation are not in
 * the raw tables), with the conversations-handled counters; busy time from those spans and
 * `agent_sessions`. Rating counters come from the feedback store instead (`rebuildRatingRollups`, run
 * by AnalyticsBackfillService). Used by the migration that creates the tables, by the bench, and by
 * operators after restoring data; run it while no hub is writing, or live events in between are lost.
 * `companyId` limits it to one company.
 */
export async function backfillAnalytics(target: SqlTarget, options: { companyId?: string } = {}): Promise<{ rollupRows: number; spans: number; busyRows: number }> {
  const only = options.companyId ? ' AND company_id = :companyId' : '';
  const params = options.companyId ? { companyId: options.companyId } : {};
  await countIntoLevels(target, 'messages', 'messages', 'created_at', 'sender_type', only, params);
  await sqlRows(target, `DELETE FROM analytics_assignment_spans WHERE 1 = 1${only}`, params);
  await sqlRows(target,
    `INSERT INTO analytics_assignment_spans (id, company_id, agent_id, conversation_id, started_at, ended_at)
     SELECT id, company_id, assigned_agent_id, id, assigned_at, CASE WHEN status = 'assigned' THEN NULL ELSE COALESCE(resolved_at, updated_at) END
     FROM conversations WHERE assigned_agent_id IS NOT NULL AND assigned_at IS NOT NULL${only}`, params);
  await countIntoLevels(target, 'handled', 'analytics_assignment_spans', 'started_at', 'agent_id', only, params);
  const busyRows = await rebuildBusyTime(target, only, params);
  const [rollups] = await sqlRows(target, `SELECT COUNT(*) AS n FROM analytics_rollups WHERE metric = 'messages'${only}`, params);
  const [spans] = await sqlRows(target, `SELECT COUNT(*) AS n FROM analytics_assignment_spans WHERE 1 = 1${only}`, params);
  return { rollupRows: num(rollups.n), spans: num(spans.n), busyRows };
}

/** Replaces the rating counters (of one company, or all) with counts of the given ratings. */
export async function rebuildRatingRollups(target: SqlTarget, ratings: Iterable<RatingRecord>, companyId?: string): Promise<number> {
  await deleteCounters(target, 'ratings', companyId ? ' AND company_id = :companyId' : '', companyId ? { companyId } : {});
  const slots: Array<[string, number, string, number]> = [];
  for (const r of ratings) slots.push([r.companyId, Math.floor(r.createdAt / SLOT_MS) * SLOT_MS, `${r.agentId ?? ''}|${r.rating}`, 1]);
  const rows = atEveryLevel('ratings', slots);
  await insertCounters(target, rows);
  return rows.length;
}
