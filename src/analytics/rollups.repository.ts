import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AssignmentSpan, TimeSpan } from './analytics.repository';
import { levelCounts, SlotCount } from './rollup-levels';
import { num, numOrNull, sqlRows, SqlTarget } from './sql';

/**
 * Adds slot increments to their counters at every grain (15-minute slot, hour, day) in one multi-row
 * upsert: a single statement, hence atomic on SQLite and PostgreSQL alike.
 */
export async function addToRollups(target: SqlTarget, counts: SlotCount[]): Promise<void> {
  const rows = levelCounts(counts);
  if (!rows.length) return;
  const params: Record<string, unknown> = {};
  const values = rows.map(([companyId, metric, bucketStart, dimension, value], k) => {
    Object.assign(params, { [`c${k}`]: companyId, [`m${k}`]: metric, [`s${k}`]: bucketStart, [`d${k}`]: dimension, [`v${k}`]: value });
    return `(:c${k}, :m${k}, :s${k}, :d${k}, :v${k})`;
  });
  await sqlRows(target,
    `INSERT INTO analytics_rollups (company_id, metric, bucket_start, dimension, value) VALUES ${values.join(', ')}
     ON CONFLICT (company_id, metric, bucket_start, dimension) DO UPDATE SET value = analytics_rollups.value + excluded.value`, params);
}

/** The rollup row `span_max_ms` only ever grows. */
export async function recordLongestSpan(target: SqlTarget, companyId: string, ms: number): Promise<void> {
  await sqlRows(target,
    `INSERT INTO analytics_rollups (company_id, metric, bucket_start, dimension, value) VALUES (:companyId, 'span_max_ms', 0, '', :ms)
     ON CONFLICT (company_id, metric, bucket_start, dimension) DO UPDATE SET value = CASE WHEN excluded.value > analytics_rollups.value THEN excluded.value ELSE analytics_rollups.value END`,
    { companyId, ms });
}

const toSpan = (r: Record<string, unknown>): AssignmentSpan => ({
  id: String(r.id), agentId: String(r.agent_id), conversationId: String(r.conversation_id), startedAt: num(r.started_at), endedAt: numOrNull(r.ended_at),
});

/** Writes to the analytics tables, kept current from domain events (see analytics-rollup.service.ts). */
@Injectable()
export class RollupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  increment(companyId: string, metric: string, slot: number, dimension: string, by = 1): Promise<void> {
    return this.add([{ companyId, metric, slot, dimension, by }]);
  }

  add(counts: SlotCount[]): Promise<void> {
    return addToRollups(this.dataSource, counts);
  }

  /** Whether the agent held this conversation before (a conversation counts once per agent as handled). */
  async hadSpan(conversationId: string, agentId: string): Promise<boolean> {
    const rows = await sqlRows(this.dataSource, 'SELECT 1 AS x FROM analytics_assignment_spans WHERE conversation_id = :conversationId AND agent_id = :agentId', { conversationId, agentId });
    return rows.length > 0;
  }

  async openSpan(companyId: string, agentId: string, conversationId: string, at: number): Promise<void> {
    await sqlRows(this.dataSource,
      `INSERT INTO analytics_assignment_spans (id, company_id, agent_id, conversation_id, started_at, ended_at) VALUES (:id, :companyId, :agentId, :conversationId, :at, NULL)`,
      { id: randomUUID(), companyId, agentId, conversationId, at });
  }

  async findOpenSpan(conversationId: string, agentId: string): Promise<AssignmentSpan | null> {
    const [row] = await sqlRows(this.dataSource,
      `SELECT id, agent_id, conversation_id, started_at, ended_at FROM analytics_assignment_spans WHERE conversation_id = :conversationId AND agent_id = :agentId AND ended_at IS NULL`,
      { conversationId, agentId });
    return row ? toSpan(row) : null;
  }

  /** Closes the span and keeps the company's longest span length (it bounds reads of spans around a moment). */
  async closeSpan(span: AssignmentSpan, companyId: string, at: number): Promise<void> {
    await sqlRows(this.dataSource, `UPDATE analytics_assignment_spans SET ended_at = :at WHERE id = :id AND ended_at IS NULL`, { id: span.id, at });
    await recordLongestSpan(this.dataSource, companyId, at - span.startedAt);
  }

  /** The agent's other closed spans overlapping [from, to): time they already counted as busy. */
  async closedSpansOverlapping(companyId: string, agentId: string, from: number, to: number, exceptId: string): Promise<AssignmentSpan[]> {
    const rows = await sqlRows(this.dataSource,
      `SELECT id, agent_id, conversation_id, started_at, ended_at FROM analytics_assignment_spans
       WHERE company_id = :companyId AND ended_at > :from AND started_at < :to AND agent_id = :agentId AND id <> :exceptId`,
      { companyId, agentId, from, to, exceptId });
    return rows.map(toSpan);
  }

  /** The agent's work sessions overlapping [from, to); an open one runs until `now`. */
  async sessionsOverlapping(companyId: string, agentId: string, from: number, to: number): Promise<TimeSpan[]> {
    const rows = await sqlRows(this.dataSource,
      `SELECT agent_id, started_at, ended_at FROM agent_sessions
       WHERE company_id = :companyId AND agent_id = :agentId AND started_at < :to AND (ended_at IS NULL OR ended_at > :from)`,
      { companyId, agentId, from, to });
    return rows.map((r) => ({ agentId: String(r.agent_id), startedAt: num(r.started_at), endedAt: numOrNull(r.ended_at) }));
  }
}
