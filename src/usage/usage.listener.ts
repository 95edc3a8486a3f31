import { Injectable } from '@nestjs/common';
import { DomainEventMap } from '../common/events/domain-events';
import { OnDomainEvent } from '../common/events/domain-events.service';
import { UsageService } from './usage.service';

/** Counts what plans are priced on, from the events that already describe it. */
@Injectable()
export class UsageListener {
  constructor(private readonly usage: UsageService) {}

  @OnDomainEvent('assistant.replied')
  async onReply(e: DomainEventMap['assistant.replied']): Promise<void> {
    if (e.provider === null) return;
    await this.usage.increment(e.companyId, 'assistant_requests');
    await this.usage.increment(e.companyId, 'ai_tokens', e.tokens);
  }

  @OnDomainEvent('escalation.requested')
  onEscalation(e: DomainEventMap['escalation.requested']): Promise<void> {
    return this.usage.increment(e.companyId, 'escalations');
  }

  @OnDomainEvent('conversation.created')
  onConversation(e: DomainEventMap['conversation.created']): Promise<void> {
    return this.usage.increment(e.companyId, 'conversations');
  }
}
