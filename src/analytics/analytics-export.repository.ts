import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Scope } from './analytics.repository';
import { num, numOrNull, sqlRows } from './sql';

export interface ConversationExportRow {
  id: string; companyId: string; channel: string; status: string; visitorId: string; visitorName: string | null; visitorEmail: string | null;
  assignedAgentId: string | null; createdAt: number; escalatedAt: number | null; queuedAt: number | null; assignedAt: number | null;
  firstAgentResponseAt: number | null; resolvedAt: number | null; firstReason: string | null; firstEscalationAt: number | null;
  firstEscalationAssignedAt: number | null; firstEscalationResponseAt: number | null; messages: number; lastMessageAt: number | null;
}

/** The CSV export's read: one row per conversation, with its first escalation and message count. */
@Injectable()
export class AnalyticsExportRepository {
  constructor(private readonly dataSource: DataSource) {}

  private rows(sql: string, params: Record<string, unknown>): Promise<Record<string, unknown>[]> {
    return sqlRows(this.dataSource, sql, params);
  }

  /** The conversations created in range, with their first escalation and message count: the CSV export. */
  async conversationsForExport(scope: Scope, filter: { status?: string; agentId?: string }): Promise<ConversationExportRow[]> {
    if (!scope.companyIds.length) return [];
    const rows = await this.rows(
      `SELECT c.id, c.company_id, c.channel, c.status, c.visitor_id, c.visitor_name, c.visitor_email, c.assigned_agent_id, c.created_at,
         c.escalated_at, c.queued_at, c.assigned_at, c.first_agent_response_at, c.resolved_at,
         e.reason AS first_reason, e.created_at AS e_created_at, e.assigned_at AS e_assigned_at, e.first_response_at AS e_first_response_at,
         (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id) AS messages,
         (SELECT m.created_at FROM messages m WHERE m.conversation_id = c.id ORDER BY m.seq DESC LIMIT 1) AS last_message_at
       FROM conversations c
       LEFT JOIN escalations e ON e.id = (SELECT e2.id FROM escalations e2 WHERE e2.conversation_id = c.id ORDER BY e2.created_at, e2.id LIMIT 1)
       WHERE c.company_id IN (:...ids) AND c.created_at >= :from AND c.created_at < :to
         ${filter.status ? 'AND c.status = :status' : ''} ${filter.agentId ? 'AND c.assigned_agent_id = :agentId' : ''}
       ORDER BY c.created_at, c.id`,
      { ids: scope.companyIds, from: scope.from, to: scope.to, status: filter.status, agentId: filter.agentId },
    );
    return rows.map((r) => ({
      id: String(r.id), companyId: String(r.company_id), channel: String(r.channel), status: String(r.status), visitorId: String(r.visitor_id),
      visitorName: (r.visitor_name as string | null) ?? null, visitorEmail: (r.visitor_email as string | null) ?? null,
      assignedAgentId: (r.assigned_agent_id as string | null) ?? null, createdAt: num(r.created_at), escalatedAt: numOrNull(r.escalated_at),
      queuedAt: numOrNull(r.queued_at), assignedAt: numOrNull(r.assigned_at), firstAgentResponseAt: numOrNull(r.first_agent_response_at),
      resolvedAt: numOrNull(r.resolved_at), firstReason: (r.first_reason as string | null) ?? null, firstEscalationAt: numOrNull(r.e_created_at),
      firstEscalationAssignedAt: numOrNull(r.e_assigned_at), firstEscalationResponseAt: numOrNull(r.e_first_response_at),
      messages: num(r.messages), lastMessageAt: numOrNull(r.last_message_at),
    }));
  }
}
