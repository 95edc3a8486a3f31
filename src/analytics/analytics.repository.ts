import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { decompose } from './rollup-levels';
import { bucketTable, num, numOrNull, pairs, sqlNumbers, sqlRows } from './sql';
import { SLOT_MS } from './time-buckets';

/** What a read covers: the companies (one, or every company for a super admin) and [from, to). */
export interface Scope {
  companyIds: string[];
  from: number;
  to: number;
}

export interface TimeSpan { agentId: string; startedAt: number; endedAt: number | null }
export interface AssignmentSpan extends TimeSpan { id: string; conversationId: string }

/** Durations packed with their 15-minute slot: see `durations`. */
export interface SlotDurations { slots: number[]; values: number[] }

// A conversation involved a human once it was escalated or queued, held by an agent, or written to by one.
export const humanFree = (c = '') =>
  `${c}escalated_at IS NULL AND ${c}queued_at IS NULL AND ${c}assigned_agent_id IS NULL AND ${c}first_agent_response_at IS NULL`;

/** Must stay word for word the predicate of the partial index ix_conversations_bot_only_created (analytics migration). */
export const BOT_ONLY = `status IN ('bot', 'resolved') AND ${humanFree()}`;

const toSpan = (r: Record<string, unknown>): AssignmentSpan => ({
  id: String(r.id), agentId: String(r.agent_id), conversationId: String(r.conversation_id), startedAt: num(r.started_at), endedAt: numOrNull(r.ended_at),
});

const DURATIONS = {
  resolution: { table: 'conversations', start: 'created_at', end: 'resolved_at' },
  queue_wait: { table: 'escalations', start: 'created_at', end: 'assigned_at' },
  first_response: { table: 'escalations', start: 'created_at', end: 'first_response_at' },
} as const;
export type DurationKind = keyof typeof DURATIONS;

/**
 * The analytics read model: aggregates computed by the database, one row per bucket (or per agent)
 * wherever possible, over the covering indexes of the analytics migration and the rollups.
 */
@Injectable()
export class AnalyticsRepository {
  constructor(private readonly dataSource: DataSource) {}

  private rows<T = Record<string, unknown>>(sql: string, params: Record<string, unknown>): Promise<T[]> {
    return sqlRows<T>(this.dataSource, sql, params);
  }

  /**
   * A hint where SQLite's planner, after ANALYZE, can pick a plan that scans everything: it cannot see
   * that most `queued_at` are NULL (and skip-scans the queue index for seconds instead of using the
   * partial index made for the query), and measured it once chose a whole-table index for a GROUP BY.
   * PostgreSQL keeps NULL fractions in its statistics and needs no hint.
   */
  private indexedBy(name: string): string {
    return this.dataSource.options.type === 'better-sqlite3' ? ` INDEXED BY ${name}` : '';
  }

  /** Per bucket: conversations created, and those of them that never involved a human and are with the bot or resolved. */
  async conversationCounts(scope: Scope, bounds: number[]): Promise<{ conversations: number[]; botOnly: number[] }> {
    const count = async (condition: string) => {
      const counts = bounds.slice(1).map(() => 0);
      if (!scope.companyIds.length) return counts;
      const b = bucketTable(pairs(bounds));
      // Unqualified columns so that SQLite sees the partial index's predicate in the query as written there.
      const rows = await this.rows(
        `WITH ${b.cte} SELECT b.i AS i, COUNT(*) AS n FROM b CROSS JOIN conversations${condition ? this.indexedBy('ix_conversations_bot_only_created') : ''}
         WHERE company_id IN (:...ids) AND created_at >= b.s AND created_at < b.e${condition} GROUP BY b.i`,
        { ...b.params, ids: scope.companyIds },
      );
      for (const r of rows) counts[num(r.i)] = num(r.n);
      return counts;
    };
    const [conversations, botOnly] = await Promise.all([count(''), count(` AND ${BOT_ONLY}`)]);
    return { conversations, botOnly };
  }

  /** Creation times of human-free bot conversations created in range that had a message since `since`. */
  async activeBotConversations(scope: Scope, since: number): Promise<number[]> {
    if (!scope.companyIds.length) return [];
    // Driven from the few recent messages (CROSS JOIN keeps that order on SQLite), not the range's conversations.
    return sqlNumbers(this.dataSource,
      `SELECT c.created_at
       FROM (SELECT DISTINCT m.conversation_id FROM messages m WHERE m.company_id IN (:...ids) AND m.created_at >= :since) recent
       CROSS JOIN conversations c
       WHERE c.id = recent.conversation_id AND c.status = 'bot' AND c.created_at >= :from AND c.created_at < :to AND ${humanFree('c.')}`,
      { ids: scope.companyIds, from: scope.from, to: scope.to, since });
  }

  /** Per bucket: conversations resolved in it. */
  async resolvedCounts(scope: Scope, bounds: number[]): Promise<number[]> {
    const counts = bounds.slice(1).map(() => 0);
    if (!scope.companyIds.length) return counts;
    const b = bucketTable(pairs(bounds));
    const rows = await this.rows(
      `WITH ${b.cte} SELECT b.i AS i, COUNT(*) AS n FROM b CROSS JOIN conversations c
       WHERE c.company_id IN (:...ids) AND c.resolved_at >= b.s AND c.resolved_at < b.e GROUP BY b.i`,
      { ...b.params, ids: scope.companyIds },
    );
    for (const r of rows) counts[num(r.i)] = num(r.n);
    return counts;
  }

  /** Per bucket: escalations by reason. */
  async escalationReasons(scope: Scope, bounds: number[]): Promise<Array<{ i: number; reason: string; count: number }>> {
    if (!scope.companyIds.length) return [];
    const b = bucketTable(pairs(bounds));
    const rows = await this.rows(
      `WITH ${b.cte} SELECT b.i AS i, e.reason AS reason, COUNT(*) AS n FROM b CROSS JOIN escalations e
       WHERE e.company_id IN (:...ids) AND e.created_at >= b.s AND e.created_at < b.e GROUP BY b.i, e.reason`,
      { ...b.params, ids: scope.companyIds },
    );
    return rows.map((r) => ({ i: num(r.i), reason: String(r.reason), count: num(r.n) }));
  }

  /**
   * Every duration of a kind whose start is in range, each with the 15-minute slot of its start.
   * Read as ONE number per row (slot in the high bits, milliseconds in the low ones): a row object
   * per value is what makes 10⁵ values slow. Durations beyond the low bits (≥ 2^34 ms, 198 days for
   * a 10-year range) are capped there.
   */
  async durations(scope: Scope, kind: DurationKind, oneBucket = false): Promise<SlotDurations> {
    if (!scope.companyIds.length) return { slots: [], values: [] };
    const { table, start, end } = DURATIONS[kind];
    if (oneBucket) {
      // A summary needs no slots: the values alone, all tagged with the range's start.
      const values = await sqlNumbers(this.dataSource,
        `SELECT ${end} - ${start} FROM ${table} WHERE company_id IN (:...ids) AND ${start} >= :from AND ${start} < :to AND ${end} IS NOT NULL AND ${end} >= ${start}`,
        { ids: scope.companyIds, from: scope.from, to: scope.to });
      return { slots: new Array<number>(values.length).fill(scope.from), values };
    }
    const base = Math.floor(scope.from / SLOT_MS) * SLOT_MS;
    const slotBits = Math.max(1, Math.ceil(Math.log2((scope.to - base) / SLOT_MS + 1)));
    const low = 2 ** Math.min(40, 53 - slotBits);
    const packed = await sqlNumbers(this.dataSource,
      `SELECT ((${start} - :base) / ${SLOT_MS}) * CAST(:low AS BIGINT) + (CASE WHEN ${end} - ${start} >= :low THEN :cap ELSE ${end} - ${start} END)
       FROM ${table} WHERE company_id IN (:...ids) AND ${start} >= :from AND ${start} < :to AND ${end} IS NOT NULL AND ${end} >= ${start}`,
      { ids: scope.companyIds, from: scope.from, to: scope.to, base, low, cap: low - 1 });
    const slots = new Array<number>(packed.length);
    const values = new Array<number>(packed.length);
    for (let k = 0; k < packed.length; k++) {
      const slot = Math.floor(packed[k] / low);
      slots[k] = base + slot * SLOT_MS;
      values[k] = packed[k] - slot * low;
    }
    return { slots, values };
  }

  /**
   * First-response times per agent (escalation → that agent's first message) for escalations in range.
   * `agents` must hold every agent of the scope: the query walks (company_id, agent_id, created_at) once
   * per agent, and each value comes back packed with its agent's position in the list, one number per row.
   */
  async firstResponsesByAgent(scope: Scope, agents: Array<{ id: string; companyId: string | null }>): Promise<Map<string, number[]>> {
    const result = new Map<string, number[]>();
    const mine = agents.filter((a) => a.companyId && scope.companyIds.includes(a.companyId));
    if (!mine.length) return result;
    const low = 2 ** Math.min(40, 53 - Math.ceil(Math.log2(mine.length + 1)));
    const params: Record<string, unknown> = { from: scope.from, to: scope.to, low, cap: low - 1 };
    const values = mine.map((a, k) => {
      Object.assign(params, { [`a${k}`]: a.id, [`c${k}`]: a.companyId });
      return `(${k}, :a${k}, :c${k})`;
    });
    const packed = await sqlNumbers(this.dataSource,
      `WITH a (k, id, c) AS (VALUES ${values.join(', ')})
       SELECT CAST(a.k AS BIGINT) * CAST(:low AS BIGINT) + (CASE WHEN e.first_response_at - e.created_at >= :low THEN :cap ELSE e.first_response_at - e.created_at END)
       FROM a CROSS JOIN escalations e${this.indexedBy('ix_escalations_company_agent_created')}
       WHERE e.company_id = a.c AND e.agent_id = a.id AND e.created_at >= :from AND e.created_at < :to AND e.first_response_at >= e.created_at`,
      params);
    for (const value of packed) {
      const k = Math.floor(value / low);
      const list = result.get(mine[k].id) ?? [];
      list.push(value - k * low);
      result.set(mine[k].id, list);
    }
    return result;
  }

  /**
   * Per bucket and dimension: a counter's sum. Each bucket is read at the coarsest grains that tile it
   * (days inside, hours and 15-minute slots at the ends); buckets must lie on the slot grid (the
   * caller counts partial slots at the edges of a range from the raw data).
   */
  async rollupByBucket(companyIds: string[], metric: string, buckets: Array<[number, number]>): Promise<Array<{ i: number; dimension: string; value: number }>> {
    const parts = buckets.flatMap(([from, to], i) => decompose(metric, from, to).map((part) => ({ i, ...part })));
    if (!companyIds.length || !parts.length) return [];
    const params: Record<string, unknown> = { ids: companyIds };
    const values = parts.map((p, k) => {
      Object.assign(params, { [`m${k}`]: p.metric, [`s${k}`]: p.from, [`e${k}`]: p.to });
      return `(${p.i}, :m${k}, CAST(:s${k} AS BIGINT), CAST(:e${k} AS BIGINT))`;
    });
    const rows = await this.rows(
      `WITH b (i, m, s, e) AS (VALUES ${values.join(', ')})
       SELECT b.i AS i, r.dimension AS dimension, SUM(r.value) AS v FROM b CROSS JOIN analytics_rollups r
       WHERE r.company_id IN (:...ids) AND r.metric = b.m AND r.bucket_start >= b.s AND r.bucket_start < b.e GROUP BY b.i, r.dimension`,
      params,
    );
    return rows.map((r) => ({ i: num(r.i), dimension: String(r.dimension), value: num(r.v) }));
  }

  /** Per agent: conversations given to them for the first time within [from, to) — short edge ranges only. */
  async rawHandled(companyIds: string[], from: number, to: number): Promise<Array<{ agentId: string; count: number }>> {
    if (!companyIds.length || from >= to) return [];
    const rows = await this.rows(
      `SELECT s.agent_id AS agent_id, COUNT(*) AS n FROM analytics_assignment_spans s
       WHERE s.company_id IN (:...ids) AND s.started_at >= :from AND s.started_at < :to AND NOT EXISTS (
         SELECT 1 FROM analytics_assignment_spans p WHERE p.conversation_id = s.conversation_id AND p.agent_id = s.agent_id AND p.started_at < s.started_at)
       GROUP BY s.agent_id`,
      { ids: companyIds, from, to },
    );
    return rows.map((r) => ({ agentId: String(r.agent_id), count: num(r.n) }));
  }

  async rawMessageCounts(companyIds: string[], from: number, to: number): Promise<Array<{ senderType: string; count: number }>> {
    if (!companyIds.length || from >= to) return [];
    const rows = await this.rows(
      `SELECT sender_type, COUNT(*) AS n FROM messages WHERE company_id IN (:...ids) AND created_at >= :from AND created_at < :to GROUP BY sender_type`,
      { ids: companyIds, from, to },
    );
    return rows.map((r) => ({ senderType: String(r.sender_type), count: num(r.n) }));
  }

  /** Work sessions overlapping the range (open ones have no end). */
  async sessions(scope: Scope): Promise<TimeSpan[]> {
    if (!scope.companyIds.length) return [];
    const params = { ids: scope.companyIds, from: scope.from, to: scope.to };
    // Two range scans of (company_id, ended_at, started_at): closed sessions ending after `from`, and open ones.
    const rows = [
      ...(await this.rows(`SELECT agent_id, started_at, ended_at FROM agent_sessions WHERE company_id IN (:...ids) AND ended_at > :from AND started_at < :to`, params)),
      ...(await this.rows(`SELECT agent_id, started_at, ended_at FROM agent_sessions WHERE company_id IN (:...ids) AND ended_at IS NULL AND started_at < :to`, params)),
    ];
    return rows.map((r) => ({ agentId: String(r.agent_id), startedAt: num(r.started_at), endedAt: numOrNull(r.ended_at) }));
  }

  /** Assignment spans still open, started before `to`. */
  async openSpans(companyIds: string[], to: number): Promise<AssignmentSpan[]> {
    if (!companyIds.length) return [];
    const rows = await this.rows(
      `SELECT id, agent_id, conversation_id, started_at, ended_at FROM analytics_assignment_spans WHERE company_id IN (:...ids) AND ended_at IS NULL AND started_at < :to`,
      { ids: companyIds, to },
    );
    return rows.map(toSpan);
  }

  /**
   * Spans overlapping a short range. A closed span reaching `from` started at most the longest span
   * ever closed (kept in the rollups) before it, which bounds the index range scan on started_at.
   */
  async spansAround(companyIds: string[], from: number, to: number): Promise<AssignmentSpan[]> {
    if (!companyIds.length || from >= to) return [];
    const [longest] = await this.rows(`SELECT MAX(value) AS v FROM analytics_rollups WHERE company_id IN (:...ids) AND metric = 'span_max_ms'`, { ids: companyIds });
    const rows = await this.rows(
      `SELECT id, agent_id, conversation_id, started_at, ended_at FROM analytics_assignment_spans
       WHERE company_id IN (:...ids) AND started_at >= :earliest AND started_at < :to AND ended_at > :from`,
      { ids: companyIds, from, to, earliest: from - num(longest?.v ?? 0) },
    );
    return [...rows.map(toSpan), ...(await this.openSpans(companyIds, to))];
  }

  /** Closed spans of these agents that end after `from`: what open spans must not count twice. */
  async closedSpansOf(agentIds: string[], from: number): Promise<AssignmentSpan[]> {
    if (!agentIds.length) return [];
    const rows = await this.rows(
      `SELECT id, agent_id, conversation_id, started_at, ended_at FROM analytics_assignment_spans WHERE agent_id IN (:...agents) AND ended_at > :from`,
      { agents: agentIds, from },
    );
    return rows.map(toSpan);
  }
}
