import { Injectable, Logger } from '@nestjs/common';
import { AssistantService } from '../../assistant/assistant.service';
import { AssistantReply } from '../../assistant/assistant.types';
import { ChatService } from '../../chat/chat.service';
import { DomainEventMap } from '../../common/events/domain-events';
import { DomainEvents, OnDomainEvent } from '../../common/events/domain-events.service';
import { KeyedMutex } from '../../common/keyed-mutex';
import { CompaniesService } from '../../companies/companies.service';
import { PromptsService } from '../../companies/prompts/prompts.service';
import { UsageService } from '../../usage/usage.service';
import { decideReply, isUnsure } from '../escalation.policy';
import { EscalationService } from '../escalation.service';

const HISTORY_TURNS = 6;

/** The bot's turn: a customer message in a bot conversation gets an answer, or goes to a person. */
@Injectable()
export class CustomerMessageListener {
  private readonly logger = new Logger('BotTurn');
  // Turns of one conversation run in order; different conversations in parallel.
  private readonly turns = new KeyedMutex();

  constructor(
    private readonly chat: ChatService,
    private readonly assistant: AssistantService,
    private readonly escalation: EscalationService,
    private readonly companies: CompaniesService,
    private readonly usage: UsageService,
    private readonly prompts: PromptsService,
    private readonly events: DomainEvents,
  ) {}

  // A conversation never returns to the bot: once it has left, its messages need no bot turn and no read.
  private readonly leftBot = new Set<string>();

  @OnDomainEvent('message.created')
  onMessage(event: DomainEventMap['message.created']): Promise<void> | void {
    if (event.senderType !== 'customer' || this.leftBot.has(event.conversationId)) return;
    return this.turns.run(event.conversationId, () => this.botTurn(event));
  }

  @OnDomainEvent('conversation.queued')
  onQueued(event: DomainEventMap['conversation.queued']): void {
    this.leftBot.add(event.conversationId);
  }

  @OnDomainEvent('conversation.assigned')
  onAssigned(event: DomainEventMap['conversation.assigned']): void {
    this.leftBot.add(event.conversationId);
  }

  @OnDomainEvent('conversation.resolved')
  onResolved(event: DomainEventMap['conversation.resolved']): void {
    this.leftBot.delete(event.conversationId);
  }

  private async botTurn(event: DomainEventMap['message.created']): Promise<void> {
    const conversation = await this.chat.conversations.findById(event.conversationId);
    if (!conversation || conversation.status !== 'bot') return;
    const company = await this.companies.cached(conversation.companyId);
    const settings = company.settings;
    if (!(await this.usage.hasAssistantQuota(conversation.companyId))) {
      // The plan's monthly answers are used up: people answer instead of nobody.
      await this.escalation.escalate(conversation, { reason: 'ai_unavailable', confidence: null, draft: null, sources: [], messageId: event.messageId });
      return;
    }
    let reply: AssistantReply | null = null;
    try {
      const history = (await this.chat.recent(conversation.id, HISTORY_TURNS + 1)).filter((m) => m.id !== event.messageId && m.senderType !== 'system');
      reply = await this.assistant.answer({
        companyId: conversation.companyId, text: event.message.text, assistantName: settings.assistantName,
        systemPrompt: await this.prompts.activeFor(conversation.companyId),
        history: history.map((m) => ({ role: m.senderType === 'customer' ? 'customer' : m.senderType === 'bot' ? 'assistant' : 'agent', text: m.text })),
      });
    } catch (error) {
      this.logger.warn(`no assistant could answer: ${(error as Error).message}`);
    }
    const decision = decideReply({ message: event.message.text, reply, settings, previousUnsureReplies: conversation.unsureStreak });
    const unsure = isUnsure(reply, settings.confidenceThreshold);
    // The company's choice: while nobody can take it, an unsure answer goes out labelled, and the bot keeps the conversation.
    const draftToCustomer = decision.action === 'escalate' && decision.reason === 'low_confidence' && !!decision.draft &&
      settings.sendUnsureDraftWhenOffline && (await this.escalation.nobodyAvailable(conversation.companyId));
    if ((decision.action === 'send' || draftToCustomer) && reply) {
      const text = draftToCustomer ? `${reply.text}\n\n(I am not fully sure about this answer; a member of our team will check it when they are back.)` : reply.text;
      const { message } = await this.chat.append(conversation, {
        senderType: 'bot', senderName: settings.assistantName, text, confidence: reply.confidence,
        sources: reply.sources.map((s) => ({ id: s.id, title: s.title, score: s.score })),
      });
      const streak = unsure ? conversation.unsureStreak + 1 : 0;
      if (streak !== conversation.unsureStreak) await this.chat.conversations.repo.update({ id: conversation.id }, { unsureStreak: streak });
      await this.events.publish('assistant.replied', { conversationId: conversation.id, companyId: conversation.companyId, messageId: message.id, confidence: reply.confidence, sent: true, provider: reply.provider, fallbackReason: reply.fallbackReason ?? null, tokens: reply.usage?.totalTokens ?? 0 });
      return;
    }
    if (decision.action === 'escalate') {
      await this.events.publish('assistant.replied', { conversationId: conversation.id, companyId: conversation.companyId, messageId: null, confidence: reply?.confidence ?? 0, sent: false, provider: reply?.provider ?? null, fallbackReason: reply?.fallbackReason ?? null, tokens: reply?.usage?.totalTokens ?? 0 });
      await this.escalation.escalate(conversation, { reason: decision.reason, confidence: decision.confidence, draft: decision.draft, sources: decision.sources, messageId: event.messageId });
    }
  }
}
