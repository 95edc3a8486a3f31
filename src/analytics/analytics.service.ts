import { BadRequestException, Injectable } from '@nestjs/common';
import { Actor } from '../common/actor';
import {
  BucketRow, conversationBuckets, csatBuckets, csatByAgent, durationBuckets, escalationBuckets, hoursBuckets, messageBuckets, MetricName,
} from './analytics-metrics';
import { AnalyticsContext, AnalyticsContextService } from './analytics-context.service';
import { AnalyticsLoader } from './analytics-loader.service';
import { AnalyticsRepository, DurationKind } from './analytics.repository';
import { AnalyticsRangeQuery, TimeseriesQuery } from './dto/analytics.query';
import { DurationStats, median } from './percentiles';
import { Bucket, BucketIndex, localBuckets } from './time-buckets';

/** A bot conversation with no message for this long has ended (docs/metrics.md, bot-resolved). */
export const BOT_IDLE_MS = 30 * 60 * 1000;
export const MAX_BUCKETS = 2000;

const UNITS: Record<MetricName, string> = {
  conversations: 'count', bot_resolved_rate: 'ratio', escalations: 'count', first_response_time: 'seconds',
  resolution_time: 'seconds', queue_wait: 'seconds', csat_average: 'rating', csat_response_rate: 'ratio',
  messages: 'count', worked_hours: 'hours', idle_hours: 'hours',
};

const DURATION_METRICS: Partial<Record<MetricName, DurationKind>> = {
  first_response_time: 'first_response', resolution_time: 'resolution', queue_wait: 'queue_wait',
};

const iso = (ms: number) => new Date(ms).toISOString();
const hours = (ms: number) => Math.round(ms / 36_000) / 100;
const durationPoint = (s: DurationStats) => ({ value: s.p50Seconds, ...s });

type Point = { value: number | null } & Record<string, unknown>;

/** The dashboard's numbers: one summary over a range, or one metric per local day or hour. */
@Injectable()
export class AnalyticsService {
  constructor(private readonly repo: AnalyticsRepository, private readonly loader: AnalyticsLoader, private readonly context: AnalyticsContextService) {}

  async summary(actor: Actor, query: AnalyticsRangeQuery) {
    const ctx = await this.context.resolve(actor, query);
    const index = new BucketIndex(ctx.from, ctx.to);
    const bounds = index.bounds;
    const [sessions, staff] = await Promise.all([this.repo.sessions(ctx), this.context.staff(ctx)]);
    const [counts, active, reasons, queueWait, firstResponse, resolution, resolved, messages, ratings, ratingSummary, busy, responsesByAgent, handled] = await Promise.all([
      this.repo.conversationCounts(ctx, bounds), this.repo.activeBotConversations(ctx, ctx.now - BOT_IDLE_MS), this.reasons(ctx, bounds),
      this.repo.durations(ctx, 'queue_wait', true), this.repo.durations(ctx, 'first_response', true), this.repo.durations(ctx, 'resolution', true),
      this.repo.resolvedCounts(ctx, bounds), this.loader.messages(ctx, index), this.loader.ratings(ctx, index), this.context.ratingSummary(ctx),
      this.loader.busy(ctx, index, sessions), this.repo.firstResponsesByAgent(ctx, [...staff.values()]), this.loader.handled(ctx, index),
    ]);
    const conversations = conversationBuckets(index, counts, active);
    const escalations = escalationBuckets(1, reasons);
    const message = messageBuckets(1, messages);
    const hoursByAgent = hoursBuckets(index, sessions, busy, ctx.now).perAgent;
    const csatOfAgent = csatByAgent(ratings);
    const handledBy = new Map<string, number>();
    for (const h of handled) handledBy.set(h.dimension, (handledBy.get(h.dimension) ?? 0) + h.value);
    // Every active agent is listed (zeros when they did nothing); anyone else only if they did something in range.
    const agentIds = new Set([
      ...[...staff.values()].filter((u) => u.role === 'agent' && u.isActive).map((u) => u.id),
      ...hoursByAgent.keys(), ...responsesByAgent.keys(), ...handledBy.keys(), ...csatOfAgent.keys(),
    ]);
    const agents = [...agentIds].map((agentId) => {
      const person = staff.get(agentId);
      const time = hoursByAgent.get(agentId) ?? { workedMs: 0, idleMs: 0 };
      const workedSeconds = Math.round(time.workedMs / 1000);
      const idleSeconds = Math.round(time.idleMs / 1000);
      return {
        agentId, name: person?.name ?? null, email: person?.email ?? null,
        conversationsHandled: handledBy.get(agentId) ?? 0,
        medianFirstResponseSeconds: median(responsesByAgent.get(agentId) ?? []),
        csat: csatOfAgent.get(agentId) ?? { count: 0, average: null },
        workedSeconds, workedHours: hours(workedSeconds * 1000), idleSeconds, idleHours: hours(idleSeconds * 1000),
      };
    }).sort((a, b) => (a.name ?? '').localeCompare(b.name ?? '') || a.agentId.localeCompare(b.agentId));
    return {
      companyId: ctx.companyId, timeZone: ctx.timeZone, from: iso(ctx.from), to: iso(ctx.to),
      conversations: conversations.conversations[0],
      botResolved: { count: conversations.botResolved[0], rate: conversations.botResolvedRate[0] },
      escalations: { total: escalations.total[0], byReason: escalations.byReason[0] },
      firstResponseTime: durationBuckets(index, firstResponse)[0],
      resolutionTime: durationBuckets(index, resolution)[0],
      queueWait: durationBuckets(index, queueWait)[0],
      csat: {
        count: ratingSummary.count, average: ratingSummary.average, distribution: ratingSummary.distribution,
        responseRate: resolved[0] ? ratingSummary.count / resolved[0] : null, resolvedConversations: resolved[0],
      },
      messages: { total: message.total[0], bySender: message.bySender[0] },
      agents,
    };
  }

  async timeseries(actor: Actor, query: TimeseriesQuery) {
    const ctx = await this.context.resolve(actor, query);
    const interval = query.interval ?? 'day';
    let buckets: Bucket[];
    try {
      buckets = localBuckets(ctx.from, ctx.to, interval, ctx.timeZone, MAX_BUCKETS);
    } catch {
      throw new BadRequestException({
        message: `interval=${interval} over this range gives more than ${MAX_BUCKETS} buckets: use a shorter range or interval=day`,
        details: [{ field: 'interval', errors: [`more than ${MAX_BUCKETS} buckets`] }],
      });
    }
    const index = new BucketIndex(ctx.from, ctx.to, buckets.map((b) => b.start));
    const values = await this.points(query.metric, ctx, index);
    return {
      companyId: ctx.companyId, metric: query.metric, interval, unit: UNITS[query.metric], timeZone: ctx.timeZone,
      from: iso(ctx.from), to: iso(ctx.to),
      // Empty buckets are filled with zero; the statistic's own fields (count 0, null percentiles) say there were no samples.
      points: buckets.map((b, i) => ({ start: iso(b.start), label: b.label, ...values[i], value: values[i].value ?? 0 })),
    };
  }

  private async points(metric: MetricName, ctx: AnalyticsContext, index: BucketIndex): Promise<Point[]> {
    const bounds = index.bounds;
    const duration = DURATION_METRICS[metric];
    if (duration) return durationBuckets(index, await this.repo.durations(ctx, duration)).map(durationPoint);
    switch (metric) {
      case 'conversations':
      case 'bot_resolved_rate': {
        const [counts, active] = await Promise.all([this.repo.conversationCounts(ctx, bounds), this.repo.activeBotConversations(ctx, ctx.now - BOT_IDLE_MS)]);
        const c = conversationBuckets(index, counts, active);
        return metric === 'conversations'
          ? c.conversations.map((value) => ({ value }))
          : c.botResolvedRate.map((value, i) => ({ value, botResolved: c.botResolved[i], conversations: c.conversations[i] }));
      }
      case 'escalations': {
        const e = escalationBuckets(index.size, await this.reasons(ctx, bounds));
        return e.total.map((value, i) => ({ value, byReason: e.byReason[i] }));
      }
      case 'csat_average':
        return csatBuckets(index.size, await this.loader.ratings(ctx, index)).map((c) => ({ value: c.average, count: c.count, distribution: c.distribution }));
      case 'csat_response_rate': {
        const [ratings, resolved] = await Promise.all([this.loader.ratings(ctx, index), this.repo.resolvedCounts(ctx, bounds)]);
        return csatBuckets(index.size, ratings, resolved).map((c) => ({ value: c.responseRate, ratings: c.count, resolved: c.resolved }));
      }
      case 'messages': {
        const m = messageBuckets(index.size, await this.loader.messages(ctx, index));
        return m.total.map((value, i) => ({ value, bySender: m.bySender[i] }));
      }
      default: {
        const sessions = await this.repo.sessions(ctx);
        const busy = metric === 'idle_hours' ? await this.loader.busy(ctx, index, sessions) : [];
        const h = hoursBuckets(index, sessions, busy, ctx.now);
        return (metric === 'worked_hours' ? h.worked : h.idle).map((ms) => ({ value: hours(ms), seconds: Math.round(ms / 1000) }));
      }
    }
  }

  private async reasons(ctx: AnalyticsContext, bounds: number[]): Promise<BucketRow[]> {
    return (await this.repo.escalationReasons(ctx, bounds)).map((r) => ({ i: r.i, dimension: r.reason, value: r.count }));
  }
}
