import { Injectable } from '@nestjs/common';
import { BucketRow } from './analytics-metrics';
import { ROLLUP, ratingDimension } from './analytics-rollup.service';
import { AnalyticsContext, AnalyticsContextService } from './analytics-context.service';
import { AnalyticsRepository, TimeSpan } from './analytics.repository';
import { busyFromScratch, openBusy } from './busy-time';
import { intersectSpans, Span } from './intervals';
import { RollupFlusher } from './rollup-flusher.service';
import { BucketIndex, SLOT_MS } from './time-buckets';

/** How a range splits into whole 15-minute slots (read from rollups) and partial ones at its edges (read raw). */
export interface RangeSplit {
  whole: [number, number] | null;
  /** Each piece lies inside one slot, hence inside one bucket. */
  pieces: Array<[number, number]>;
}

export function splitRange(from: number, to: number): RangeSplit {
  const firstWhole = Math.ceil(from / SLOT_MS) * SLOT_MS;
  const lastWhole = Math.floor(to / SLOT_MS) * SLOT_MS;
  if (firstWhole > lastWhole) return { whole: null, pieces: [[from, to]] };
  return {
    whole: firstWhole < lastWhole ? [firstWhole, lastWhole] : null,
    pieces: ([[from, firstWhole], [lastWhole, to]] as Array<[number, number]>).filter(([s, e]) => s < e),
  };
}

const clip = (index: BucketIndex, [from, to]: [number, number]): Array<[number, number]> =>
  index.bounds.slice(0, -1).map((s, i) => [Math.max(s, from), Math.min(index.bounds[i + 1], to)]);

/**
 * Reads the rollup metrics per bucket: whole slots from the counters, edge slots exactly from the raw
 * data, and (for busy time) what still-open assignments add. Every number is exact for any range.
 */
@Injectable()
export class AnalyticsLoader {
  constructor(private readonly repo: AnalyticsRepository, private readonly context: AnalyticsContextService, private readonly flusher: RollupFlusher) {}

  async messages(ctx: AnalyticsContext, index: BucketIndex): Promise<BucketRow[]> {
    const { whole, pieces } = splitRange(ctx.from, ctx.to);
    // Message counters wait in memory for up to a second (RollupFlusher): written first, a message just sent is counted.
    await this.flusher.flush();
    const rows = whole ? await this.repo.rollupByBucket(ctx.companyIds, ROLLUP.messages, clip(index, whole)) : [];
    for (const [s, e] of pieces) {
      for (const c of await this.repo.rawMessageCounts(ctx.companyIds, s, e)) rows.push({ i: index.indexOf(s), dimension: c.senderType, value: c.count });
    }
    return rows;
  }

  async ratings(ctx: AnalyticsContext, index: BucketIndex): Promise<BucketRow[]> {
    const { whole, pieces } = splitRange(ctx.from, ctx.to);
    const rows = whole ? await this.repo.rollupByBucket(ctx.companyIds, ROLLUP.ratings, clip(index, whole)) : [];
    for (const [s, e] of pieces) {
      for (const f of await this.context.ratings(ctx, s, e)) rows.push({ i: index.indexOf(s), dimension: ratingDimension(f.agentId, f.rating), value: 1 });
    }
    return rows;
  }

  /** Conversations given to each agent (dimension) for the first time, per bucket. */
  async handled(ctx: AnalyticsContext, index: BucketIndex): Promise<BucketRow[]> {
    const { whole, pieces } = splitRange(ctx.from, ctx.to);
    const rows = whole ? await this.repo.rollupByBucket(ctx.companyIds, ROLLUP.handled, clip(index, whole)) : [];
    for (const [s, e] of pieces) {
      for (const c of await this.repo.rawHandled(ctx.companyIds, s, e)) rows.push({ i: index.indexOf(s), dimension: c.agentId, value: c.count });
    }
    return rows;
  }

  /** Busy milliseconds per bucket and agent (dimension), inside the agents' work sessions. */
  async busy(ctx: AnalyticsContext, index: BucketIndex, sessions: TimeSpan[]): Promise<BucketRow[]> {
    const { whole, pieces } = splitRange(ctx.from, ctx.to);
    const rows = whole ? await this.repo.rollupByBucket(ctx.companyIds, ROLLUP.busyMs, clip(index, whole)) : [];
    const sessionsOf = (agentId: string): Span[] => sessions.filter((s) => s.agentId === agentId).map((s) => [s.startedAt, Math.min(s.endedAt ?? ctx.now, ctx.now)]);
    const add = (agentId: string, spans: Span[], within: [number, number]) => {
      for (const [s, e] of intersectSpans(spans, [within])) index.spread(s, e, (i, ms) => rows.push({ i, dimension: agentId, value: ms }));
    };
    if (whole) {
      // Assignments still open are not in the counters yet.
      const open = await this.repo.openSpans(ctx.companyIds, whole[1]);
      const agents = [...new Set(open.map((s) => s.agentId))];
      const closed = agents.length ? await this.repo.closedSpansOf(agents, Math.max(whole[0], Math.min(...open.map((s) => s.startedAt)))) : [];
      for (const agentId of agents) {
        const mine = open.filter((s) => s.agentId === agentId).map((s): Span => [s.startedAt, ctx.now]);
        const done = closed.filter((s) => s.agentId === agentId).map((s): Span => [s.startedAt, s.endedAt as number]);
        add(agentId, openBusy(mine, sessionsOf(agentId), done), whole);
      }
    }
    for (const piece of pieces) {
      const spans = await this.repo.spansAround(ctx.companyIds, piece[0], piece[1]);
      for (const agentId of new Set(spans.map((s) => s.agentId))) {
        const mine = spans.filter((s) => s.agentId === agentId).map((s): Span => [s.startedAt, Math.min(s.endedAt ?? ctx.now, ctx.now)]);
        add(agentId, busyFromScratch(mine, sessionsOf(agentId)), piece);
      }
    }
    return rows;
  }
}
