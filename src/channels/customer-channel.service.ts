import { HttpStatus, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import { AttachmentsService } from '../attachments/attachments.service';
import { ApiKey } from '../auth/entities/api-key.entity';
import { Visitor, VisitorTokenService } from '../auth/visitor-token.service';
import { ChatService } from '../chat/chat.service';
import { ConversationAccess } from '../chat/conversation.repository';
import { toMessageView } from '../chat/dto/chat.views';
import { Conversation } from '../chat/entities/conversation.entity';
import { MessageAttachment } from '../chat/entities/message.entity';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/events/domain-events.service';
import { CompaniesService } from '../companies/companies.service';
import { Company } from '../companies/entities/company.entity';
import { EscalationRepository } from '../escalation/escalation.repository';
import { EscalationService } from '../escalation/escalation.service';
import { RoutingService } from '../escalation/routing.service';
import { FeedbackService } from '../feedback/feedback.service';
import { SubmitFeedbackDto } from '../feedback/dto/feedback.dto';
import { UsageService } from '../usage/usage.service';
import { ApiChatDto, ConversationRefDto, OpenConversationDto, SendMessageDto, SyncDto } from './dto/customer-events.dto';

export interface CustomerSession extends Visitor {
  companyName: string;
}

const HISTORY_ON_OPEN = 200;

/** Everything a customer can do, whether through the widget's socket or the server-to-server API. */
@Injectable()
export class CustomerChannelService {
  private readonly logger = new Logger('CustomerChannel');

  constructor(
    private readonly chat: ChatService,
    private readonly companies: CompaniesService,
    private readonly visitorTokens: VisitorTokenService,
    private readonly feedback: FeedbackService,
    private readonly escalations: EscalationRepository,
    private readonly routing: RoutingService,
    private readonly escalation: EscalationService,
    private readonly usage: UsageService,
    private readonly events: DomainEvents,
    private readonly attachments: AttachmentsService,
  ) {}

  /** The widget's handshake: a live company's widget key, and the visitor's token if they have one. */
  async authenticate(widgetKey: unknown, visitorToken: unknown): Promise<CustomerSession> {
    const company = typeof widgetKey === 'string' && widgetKey.length <= 64 ? await this.companies.findActiveByWidgetKey(widgetKey) : null;
    if (!company) throw new UnauthorizedException('Unknown or disabled widget key');
    if (visitorToken === undefined || visitorToken === null || visitorToken === '') {
      return { ...this.visitorTokens.newVisitor(company.id), companyName: company.name };
    }
    const visitor = await this.visitorTokens.verify(visitorToken, company.id);
    if (!visitor) throw new UnauthorizedException('Invalid visitor token: start a new conversation without it');
    return { ...visitor, companyName: company.name };
  }

  /** Resumes the visitor's open conversation (with its history) or starts one with the greeting. */
  async open(session: CustomerSession, dto: OpenConversationDto) {
    const company = await this.companies.cached(session.companyId);
    let conversation = await this.chat.conversations.findOpenByVisitor(session.companyId, session.visitorId);
    if (!conversation) {
      conversation = await this.chat.createConversation({ companyId: session.companyId, visitorId: session.visitorId, channel: 'widget', visitorName: dto.name?.trim() || null, visitorEmail: dto.email ?? null });
      await this.chat.append(conversation, { senderType: 'bot', senderName: company.settings.assistantName, text: company.settings.greeting });
    } else if ((dto.name && !conversation.visitorName) || (dto.email && !conversation.visitorEmail)) {
      const changes = { visitorName: conversation.visitorName ?? dto.name?.trim() ?? null, visitorEmail: conversation.visitorEmail ?? dto.email ?? null };
      await this.chat.conversations.repo.update({ id: conversation.id }, changes);
      Object.assign(conversation, changes);
    }
    const messages = await this.chat.recent(conversation.id, HISTORY_ON_OPEN);
    return {
      conversationId: conversation.id,
      visitorToken: await this.visitorTokens.issue(session),
      status: conversation.status,
      messages: messages.map(toMessageView),
      lastSeq: messages.length ? messages[messages.length - 1].seq : 0,
      assistantName: company.settings.assistantName,
      ...(await this.escalation.offlineNotice(session.companyId)),
      ...(await this.queueState(conversation)),
    };
  }

  async send(session: CustomerSession, dto: SendMessageDto) {
    const conversation = await this.own(session, dto.conversationId);
    if (conversation.status === 'resolved') throw new AppError('conversation_resolved', 'This conversation has ended; open a new one to keep chatting', HttpStatus.CONFLICT);
    const append = (attachments?: MessageAttachment[]) => this.chat.append(conversation, {
      senderType: 'customer', senderName: conversation.visitorName, text: dto.text, clientMessageId: dto.clientMessageId, attachments,
    });
    const { message, view, duplicate, delivered } = dto.attachmentIds?.length
      ? await this.attachments.sendWith(conversation, { type: 'customer', id: session.visitorId }, dto.attachmentIds, dto.clientMessageId, append)
      : await append();
    // The ack goes out now; the bot's turn and the pushes follow on their own.
    delivered.catch((error) => this.logger.error(`delivering message ${message.id} failed: ${error}`));
    // The message is kept and goes to people; the ack still says why the assistant will not answer.
    const notice = conversation.status === 'bot' && !duplicate && !(await this.usage.hasAssistantQuota(conversation.companyId))
      ? { notice: { code: 'plan_limit_reached', message: "This month's assistant answers are used up: a member of the team will reply" } }
      : {};
    return { message: view, duplicate, ...notice };
  }

  async sync(session: CustomerSession, dto: SyncDto) {
    const conversation = await this.own(session, dto.conversationId);
    return { messages: (await this.chat.sync(conversation.id, dto.afterSeq)).map(toMessageView), status: conversation.status };
  }

  async handoff(session: CustomerSession, dto: ConversationRefDto) {
    const conversation = await this.own(session, dto.conversationId);
    if (conversation.status === 'resolved') throw new AppError('conversation_resolved', 'This conversation has ended', HttpStatus.CONFLICT);
    await this.events.publish('handoff.requested', { conversationId: conversation.id, companyId: conversation.companyId, reason: 'customer_request', messageId: null });
    const fresh = (await this.chat.conversations.findById(conversation.id)) as Conversation;
    return { status: fresh.status, ...(await this.escalation.offlineNotice(fresh.companyId)), ...(await this.queueState(fresh)) };
  }

  async submitFeedback(session: CustomerSession, dto: SubmitFeedbackDto) {
    const feedback = await this.feedback.submit(session, dto);
    return { feedback: { id: feedback.id, rating: feedback.rating, comment: feedback.comment } };
  }

  /** Typing indicators only for the visitor's own, live conversation. */
  async assertOwnOpen(session: CustomerSession, conversationId: string): Promise<ConversationAccess> {
    const conversation = await this.own(session, conversationId);
    if (conversation.status === 'resolved') throw new AppError('conversation_resolved', 'This conversation has ended', HttpStatus.CONFLICT);
    return conversation;
  }

  /** `POST /api/v1/chat`: store, let the bot take its turn, and answer with what it did. */
  async apiChat(apiKey: ApiKey, dto: ApiChatDto) {
    const company = await this.companies.cached(apiKey.companyId);
    const existing = await this.findApiConversation(apiKey, company, dto);
    // Refuse before creating anything: a 402 leaves no empty conversation behind.
    if (!existing || existing.status === 'bot') await this.usage.assertAssistantQuota(company.id);
    const conversation = existing ?? (await this.chat.createConversation({ companyId: company.id, visitorId: apiVisitorId(apiKey, dto), channel: 'api' }));
    if (conversation.status === 'resolved') throw new AppError('conversation_resolved', 'This conversation has ended; omit conversationId to start a new one', HttpStatus.CONFLICT);
    const { message, duplicate, delivered } = await this.chat.append(conversation, {
      senderType: 'customer', text: dto.message, clientMessageId: dto.clientMessageId ?? null,
    });
    await delivered;
    const after = await this.chat.sync(conversation.id, message.seq);
    const bot = after.find((m) => m.senderType === 'bot');
    const fresh = (await this.chat.conversations.findById(conversation.id)) as Conversation;
    const escalation = await this.escalations.findLatestForConversation(conversation.id);
    const escalated = !!escalation && escalation.messageId === message.id;
    return {
      conversationId: conversation.id,
      visitorId: conversation.visitorId,
      messageId: message.id,
      duplicate,
      reply: bot ? { text: bot.text, confidence: bot.confidence ?? 0, sources: bot.sources ?? [] } : null,
      escalated,
      ...(escalated ? { reason: escalation.reason } : {}),
      status: fresh.status,
    };
  }

  /** The named conversation, or the visitor's open one; null when a new one is needed. */
  private async findApiConversation(apiKey: ApiKey, company: Company, dto: ApiChatDto): Promise<Conversation | null> {
    if (dto.conversationId) {
      const conversation = await this.chat.conversations.findInCompany(dto.conversationId, company.id);
      if (!conversation || (dto.visitorId && dto.visitorId !== conversation.visitorId)) throw new NotFoundException('Conversation not found');
      return conversation;
    }
    // Without a visitorId, a retried first message (same clientMessageId) must find the conversation it created.
    const visitorId = dto.visitorId ?? (dto.clientMessageId ? apiVisitorId(apiKey, dto) : null);
    return visitorId ? this.chat.conversations.findOpenByVisitor(company.id, visitorId) : null;
  }

  private async own(session: Visitor, conversationId: string): Promise<ConversationAccess> {
    const conversation = await this.chat.conversations.findAccess(conversationId, session.companyId);
    if (!conversation || conversation.visitorId !== session.visitorId) throw new NotFoundException('Conversation not found');
    return conversation;
  }

  private async queueState(conversation: Conversation) {
    if (conversation.status !== 'queued') return {};
    const entry = (await this.routing.queueOf(conversation.companyId)).find((e) => e.conversationId === conversation.id);
    return entry ? { queuePosition: entry.position, estimatedWaitSeconds: entry.estimatedWaitSeconds } : {};
  }
}

/** The visitor of an API conversation: the caller's, or one derived from the first message's idempotency key. */
function apiVisitorId(apiKey: ApiKey, dto: ApiChatDto): string {
  if (dto.visitorId) return dto.visitorId;
  if (!dto.clientMessageId) return `api:${randomUUID()}`;
  return `api:${createHash('sha256').update(`${apiKey.companyId}:${dto.clientMessageId}`).digest('hex').slice(0, 40)}`;
}
