import { Injectable } from '@nestjs/common';
import { ChatService } from '../../chat/chat.service';
import { DomainEventMap } from '../../common/events/domain-events';
import { OnDomainEvent } from '../../common/events/domain-events.service';
import { EscalationService } from '../escalation.service';

/** "Talk to a person" from the widget or the API: escalate with customer_request, no draft. */
@Injectable()
export class HandoffListener {
  constructor(private readonly chat: ChatService, private readonly escalation: EscalationService) {}

  @OnDomainEvent('handoff.requested')
  async onHandoff(event: DomainEventMap['handoff.requested']): Promise<void> {
    const conversation = await this.chat.conversations.findById(event.conversationId);
    if (!conversation || conversation.status !== 'bot') return;
    await this.escalation.escalate(conversation, { reason: 'customer_request', confidence: null, draft: null, sources: [], messageId: event.messageId });
  }
}
