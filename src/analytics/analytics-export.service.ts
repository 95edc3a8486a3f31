import { Injectable } from '@nestjs/common';
import { Actor } from '../common/actor';
import { toCsv } from '../common/csv';
import { localDateKey } from '../common/time-zone';
import { CompaniesService } from '../companies/companies.service';
import { hoursBuckets } from './analytics-metrics';
import { AnalyticsContextService } from './analytics-context.service';
import { AnalyticsLoader } from './analytics-loader.service';
import { AnalyticsExportRepository, ConversationExportRow } from './analytics-export.repository';
import { AnalyticsRepository } from './analytics.repository';
import { AgentExportQuery, ConversationsExportQuery } from './dto/analytics.query';
import { BOT_IDLE_MS } from './analytics.service';
import { BucketIndex, localBuckets } from './time-buckets';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const seconds = (from: number | null, to: number | null) => (from === null || to === null || to < from ? null : (to - from) / 1000);
const yesNo = (value: boolean) => (value ? 'yes' : 'no');
const hours = (ms: number) => Math.round(ms / 36_000) / 100;

/** CSV exports with the same scope, range and definitions as the summary (docs/metrics.md). */
@Injectable()
export class AnalyticsExportService {
  constructor(
    private readonly repo: AnalyticsRepository,
    private readonly exportRepo: AnalyticsExportRepository,
    private readonly loader: AnalyticsLoader,
    private readonly context: AnalyticsContextService,
    private readonly companies: CompaniesService,
  ) {}

  async conversations(actor: Actor, query: ConversationsExportQuery): Promise<string> {
    const ctx = await this.context.resolve(actor, query);
    const [rows, staff, zones] = await Promise.all([
      this.exportRepo.conversationsForExport(ctx, { status: query.status, agentId: query.agentId }),
      this.context.staff(ctx),
      this.timeZones(ctx.companyIds),
    ]);
    // Ratings come after the conversation: everything rated since the range began.
    const ratings = new Map((await this.context.ratings(ctx, ctx.from, null)).map((f) => [f.conversationId, f.rating]));
    const humanInvolved = (r: ConversationExportRow) => r.escalatedAt !== null || r.queuedAt !== null || r.assignedAgentId !== null || r.firstAgentResponseAt !== null;
    const ended = (r: ConversationExportRow) => r.status === 'resolved' || (r.status === 'bot' && (r.lastMessageAt ?? r.createdAt) < ctx.now - BOT_IDLE_MS);
    return toCsv(
      ['conversation_id', 'company_id', 'created_at', 'local_date', 'channel', 'status', 'visitor_id', 'visitor_name', 'visitor_email',
        'agent_id', 'agent_name', 'human_involved', 'bot_resolved', 'first_escalation_reason', 'escalated_at', 'assigned_at',
        'first_agent_response_at', 'resolved_at', 'queue_wait_seconds', 'first_response_seconds', 'resolution_seconds', 'messages', 'rating'],
      rows.map((r) => [
        r.id, r.companyId, iso(r.createdAt), localDateKey(r.createdAt, zones.get(r.companyId) ?? 'UTC'), r.channel, r.status, r.visitorId,
        r.visitorName, r.visitorEmail, r.assignedAgentId, r.assignedAgentId ? (staff.get(r.assignedAgentId)?.name ?? null) : null,
        yesNo(humanInvolved(r)), yesNo(!humanInvolved(r) && ended(r)), r.firstReason, iso(r.firstEscalationAt ?? r.escalatedAt),
        iso(r.assignedAt), iso(r.firstAgentResponseAt), iso(r.resolvedAt),
        seconds(r.firstEscalationAt, r.firstEscalationAssignedAt), seconds(r.firstEscalationAt, r.firstEscalationResponseAt),
        seconds(r.createdAt, r.resolvedAt), r.messages, ratings.get(r.id) ?? null,
      ]),
    );
  }

  /** Per agent and local day (of each company's zone): worked and online-but-idle time, conversations taken. */
  async agentHours(actor: Actor, query: AgentExportQuery): Promise<string> {
    const ctx = await this.context.resolve(actor, query);
    const [staff, zones] = await Promise.all([this.context.staff(ctx), this.timeZones(ctx.companyIds)]);
    const rows: (string | number | null)[][] = [];
    for (const companyId of ctx.companyIds) {
      const one = { ...ctx, companyIds: [companyId] };
      const days = localBuckets(ctx.from, ctx.to, 'day', zones.get(companyId) ?? ctx.timeZone);
      const index = new BucketIndex(ctx.from, ctx.to, days.map((d) => d.start));
      const sessions = await this.repo.sessions(one);
      const [busy, handledRows] = await Promise.all([this.loader.busy(one, index, sessions), this.loader.handled(one, index)]);
      const { byAgent } = hoursBuckets(index, sessions, busy, ctx.now);
      const handled = new Map<string, number[]>();
      for (const h of handledRows) {
        const row = handled.get(h.dimension) ?? days.map(() => 0);
        row[h.i] += h.value;
        handled.set(h.dimension, row);
      }
      for (const agentId of new Set([...byAgent.keys(), ...handled.keys()])) {
        if (query.agentId && agentId !== query.agentId) continue;
        const time = byAgent.get(agentId) ?? { worked: days.map(() => 0), idle: days.map(() => 0) };
        const taken = handled.get(agentId) ?? days.map(() => 0);
        const person = staff.get(agentId);
        days.forEach((day, i) => {
          if (!time.worked[i] && !taken[i]) return;
          rows.push([day.label, agentId, person?.name ?? null, person?.email ?? null, Math.round(time.worked[i] / 1000), hours(time.worked[i]),
            Math.round(time.idle[i] / 1000), hours(time.idle[i]), taken[i]]);
        });
      }
    }
    rows.sort((a, b) => String(a[0]).localeCompare(String(b[0])) || String(a[2] ?? '').localeCompare(String(b[2] ?? '')) || String(a[1]).localeCompare(String(b[1])));
    return toCsv(['date', 'agent_id', 'agent_name', 'agent_email', 'worked_seconds', 'worked_hours', 'idle_seconds', 'idle_hours', 'conversations_handled'], rows);
  }

  async feedback(actor: Actor, query: AgentExportQuery): Promise<string> {
    const ctx = await this.context.resolve(actor, query);
    const [ratings, staff, zones] = await Promise.all([this.context.ratings(ctx, ctx.from, ctx.to, query.agentId), this.context.staff(ctx), this.timeZones(ctx.companyIds)]);
    return toCsv(
      ['created_at', 'local_date', 'company_id', 'conversation_id', 'agent_id', 'agent_name', 'rating', 'comment'],
      ratings.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).map((f) => [
        iso(f.createdAt), localDateKey(f.createdAt, zones.get(f.companyId) ?? 'UTC'), f.companyId, f.conversationId, f.agentId,
        f.agentId ? (staff.get(f.agentId)?.name ?? null) : null, f.rating, f.comment,
      ]),
    );
  }

  private async timeZones(companyIds: string[]): Promise<Map<string, string>> {
    const companies = companyIds.length === 1 ? [await this.companies.cached(companyIds[0])] : await this.companies.list();
    return new Map(companies.map((c) => [c.id, c.settings.timeZone]));
  }
}
