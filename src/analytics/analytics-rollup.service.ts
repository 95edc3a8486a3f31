import { Injectable } from '@nestjs/common';
import { KeyedMutex } from '../common/keyed-mutex';
import { FeedbackService } from '../feedback/feedback.service';
import { busyAddedByClosing } from './busy-time';
import { perSlot, Span } from './intervals';
import { RollupFlusher } from './rollup-flusher.service';
import { RollupsRepository } from './rollups.repository';
import { slotOf, SLOT_MS } from './time-buckets';

/** Rollup metrics and how their dimension is spelled. */
export const ROLLUP = {
  messages: 'messages', // dimension: sender type
  busyMs: 'busy_ms', // dimension: agent id; milliseconds
  handled: 'handled', // dimension: agent id; conversations given to the agent for the first time
  ratings: 'ratings', // dimension: `${agentId}|${rating}` (agentId empty when nobody held the conversation)
} as const;

export const ratingDimension = (agentId: string | null, rating: number) => `${agentId ?? ''}|${rating}`;
export function parseRatingDimension(dimension: string): { agentId: string | null; rating: number } {
  const cut = dimension.lastIndexOf('|');
  return { agentId: dimension.slice(0, cut) || null, rating: Number(dimension.slice(cut + 1)) };
}

/** Keeps the analytics tables current as things happen, so that reads never scan the message log. */
@Injectable()
export class AnalyticsRollupService {
  // One agent's spans close one at a time: each closing reads what the previous ones counted.
  private readonly agentLock = new KeyedMutex();

  constructor(private readonly rollups: RollupsRepository, private readonly flusher: RollupFlusher, private readonly feedback: FeedbackService) {}

  /** In memory only: a write per chat message would double the hub's writes (RollupFlusher writes them together). */
  countMessage(companyId: string, senderType: string, at: number): void {
    this.flusher.add(companyId, ROLLUP.messages, slotOf(at), senderType);
  }

  startAssignment(companyId: string, agentId: string, conversationId: string, at: number): Promise<void> {
    return this.agentLock.run(agentId, async () => {
      const again = await this.rollups.hadSpan(conversationId, agentId);
      await this.rollups.openSpan(companyId, agentId, conversationId, at);
      if (!again) await this.rollups.increment(companyId, ROLLUP.handled, slotOf(at), agentId);
    });
  }

  /** Closes the agent's span of the conversation and adds the busy time it alone covered to the rollup. */
  endAssignment(companyId: string, agentId: string, conversationId: string, at: number): Promise<void> {
    return this.agentLock.run(agentId, async () => {
      const span = await this.rollups.findOpenSpan(conversationId, agentId);
      if (!span) return;
      const end = Math.max(at, span.startedAt);
      const [sessions, closed] = await Promise.all([
        this.rollups.sessionsOverlapping(companyId, agentId, span.startedAt, end),
        this.rollups.closedSpansOverlapping(companyId, agentId, span.startedAt, end, span.id),
      ]);
      const toSpan = (s: { startedAt: number; endedAt: number | null }): Span => [s.startedAt, s.endedAt ?? end];
      const added = busyAddedByClosing([span.startedAt, end], sessions.map(toSpan), closed.map(toSpan));
      await this.rollups.closeSpan(span, companyId, end);
      // Every slot the span touched, in one upsert.
      await this.rollups.add([...perSlot(added, SLOT_MS)].map(([slot, ms]) => ({ companyId, metric: ROLLUP.busyMs, slot, dimension: agentId, by: ms })));
    });
  }

  /** A rating counts in the slot it was given, for the agent the store recorded. */
  async countRating(companyId: string, conversationId: string): Promise<void> {
    const feedback = await this.feedback.findForConversation(companyId, conversationId);
    if (!feedback) return;
    await this.rollups.increment(companyId, ROLLUP.ratings, slotOf(feedback.createdAt), ratingDimension(feedback.agentId, feedback.rating));
  }
}
