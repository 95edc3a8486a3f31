import { Injectable } from '@nestjs/common';
import type { AssistantSource } from '../assistant/assistant.types';
import { ChatService } from '../chat/chat.service';
import { Conversation } from '../chat/entities/conversation.entity';
import { DomainEvents } from '../common/events/domain-events.service';
import { CompaniesService } from '../companies/companies.service';
import { PresenceService } from '../agents/presence.service';
import { isWithinBusinessHours } from './business-hours';
import type { EscalationReason } from './escalation.policy';
import { EscalationRepository } from './escalation.repository';
import { RoutingService } from './routing.service';

export interface EscalationInput {
  reason: EscalationReason;
  confidence: number | null;
  draft: string | null;
  sources: AssistantSource[];
  messageId: string | null;
}

// What the customer reads when the conversation goes to a person; the draft itself never reaches them.
const CUSTOMER_NOTICE: Record<EscalationReason, string> = {
  low_confidence: 'I want to be sure you get the right answer, so I am bringing in a member of our team.',
  no_answer: 'I could not find an answer to that, so I am bringing in a member of our team.',
  customer_request: 'Of course, I am connecting you with a member of our team.',
  keyword: 'A member of our team will take it from here.',
  negative_sentiment: 'I am sorry about the trouble. A member of our team will take it from here.',
  repeated_failure: 'I am not getting this right, so I am bringing in a member of our team.',
  ai_unavailable: 'Our assistant is unavailable right now, so a member of our team will answer you.',
  agent_transfer: 'You are being transferred to another member of our team.',
};

/** Stores why a conversation leaves the bot (with the draft for the agent) and queues it. */
@Injectable()
export class EscalationService {
  constructor(
    private readonly escalations: EscalationRepository,
    private readonly routing: RoutingService,
    private readonly chat: ChatService,
    private readonly companies: CompaniesService,
    private readonly presence: PresenceService,
    private readonly events: DomainEvents,
  ) {}

  /** True when nobody of the company can take a conversation right now. */
  async nobodyAvailable(companyId: string): Promise<boolean> {
    const company = await this.companies.cached(companyId);
    return this.presence.available(companyId, company.settings.maxChatsPerAgent).length === 0;
  }

  /** Outside business hours with nobody free: the widget shows the offline message and asks for an email. */
  async offlineNotice(companyId: string): Promise<{ offline: true; offlineMessage: string } | { offline: false }> {
    const { settings } = await this.companies.cached(companyId);
    const closed = !isWithinBusinessHours(settings.businessHours, settings.timeZone, Date.now());
    return closed && (await this.nobodyAvailable(companyId)) ? { offline: true, offlineMessage: settings.offlineMessage } : { offline: false };
  }

  async escalate(conversation: Conversation, input: EscalationInput): Promise<void> {
    if (conversation.status !== 'bot') return;
    const company = await this.companies.cached(conversation.companyId);
    const escalation = await this.escalations.create({
      companyId: conversation.companyId, conversationId: conversation.id, messageId: input.messageId, reason: input.reason,
      confidence: input.confidence, draft: input.draft, sources: input.sources.map((s) => ({ id: s.id, title: s.title, score: s.score })),
    });
    await this.events.publish('escalation.requested', { conversationId: conversation.id, companyId: conversation.companyId, escalationId: escalation.id, reason: input.reason, confidence: input.confidence });
    await this.chat.append(conversation, { senderType: 'system', text: CUSTOMER_NOTICE[input.reason] });
    const settings = company.settings;
    const nobodyFree = this.presence.available(conversation.companyId, settings.maxChatsPerAgent).length === 0;
    if (nobodyFree && !isWithinBusinessHours(settings.businessHours, settings.timeZone, Date.now())) {
      await this.chat.append(conversation, { senderType: 'system', text: settings.offlineMessage });
    }
    await this.routing.enqueue(conversation);
  }
}
