import { Injectable } from '@nestjs/common';
import { DomainEventMap } from '../common/events/domain-events';
import { OnDomainEvent } from '../common/events/domain-events.service';
import { AnalyticsRollupService } from './analytics-rollup.service';

type E<K extends keyof DomainEventMap> = DomainEventMap[K];

/**
 * Feeds the rollups from domain events. Assignment events carry no time: they are published right
 * after the change they report (inside the routing lock), so the moment the listener runs is that time.
 */
@Injectable()
export class RollupListener {
  constructor(private readonly rollups: AnalyticsRollupService) {}

  @OnDomainEvent('message.created')
  onMessage(e: E<'message.created'>): void {
    this.rollups.countMessage(e.companyId, e.senderType, Date.parse(e.message.createdAt));
  }

  @OnDomainEvent('conversation.assigned')
  onAssigned(e: E<'conversation.assigned'>): Promise<void> {
    return this.rollups.startAssignment(e.companyId, e.agentId, e.conversationId, Date.now());
  }

  @OnDomainEvent('conversation.released')
  onReleased(e: E<'conversation.released'>): Promise<void> {
    return this.rollups.endAssignment(e.companyId, e.agentId, e.conversationId, Date.now());
  }

  @OnDomainEvent('feedback.submitted')
  onRating(e: E<'feedback.submitted'>): Promise<void> {
    return this.rollups.countRating(e.companyId, e.conversationId);
  }
}
