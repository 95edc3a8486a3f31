import { Injectable, NotFoundException } from '@nestjs/common';
import { Between, FindOptionsWhere, LessThan, MoreThanOrEqual } from 'typeorm';
import { ChatService } from '../chat/chat.service';
import { toConversationSummary, toMessageView } from '../chat/dto/chat.views';
import { Conversation } from '../chat/entities/conversation.entity';
import { Actor, isSuperAdmin } from '../common/actor';
import { resolveCompanyScope } from '../common/tenant-scope';
import { parseRangeBound } from '../common/time-zone';
import { CompaniesService } from '../companies/companies.service';
import { EscalationRepository } from '../escalation/escalation.repository';
import { FeedbackService } from '../feedback/feedback.service';
import { ListConversationsQuery } from './dto/conversations.query';
import { toEscalationView } from './socket-push.listener';

/** Staff read access to conversations: lists and one conversation with everything that happened in it. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly chat: ChatService,
    private readonly escalations: EscalationRepository,
    private readonly feedback: FeedbackService,
    private readonly companies: CompaniesService,
  ) {}

  async list(actor: Actor, query: ListConversationsQuery) {
    const companyId = resolveCompanyScope(actor, query.companyId, true);
    const timeZone = companyId ? (await this.companies.cached(companyId)).settings.timeZone : 'UTC';
    const from = parseRangeBound(query.from, timeZone, 'from');
    const to = parseRangeBound(query.to, timeZone, 'to');
    const where: FindOptionsWhere<Conversation> = {};
    if (companyId) where.companyId = companyId;
    if (query.status) where.status = query.status;
    if (query.assignedTo) where.assignedAgentId = query.assignedTo === 'me' ? actor.id : query.assignedTo;
    if (from !== undefined && to !== undefined) where.createdAt = Between(from, to - 1);
    else if (from !== undefined) where.createdAt = MoreThanOrEqual(from);
    else if (to !== undefined) where.createdAt = LessThan(to);
    const [items, total] = await this.chat.conversations.repo.findAndCount({ where, order: { createdAt: 'DESC' }, skip: query.offset, take: query.limit });
    return { items: items.map(toConversationSummary), total };
  }

  async get(actor: Actor, id: string) {
    const conversation = await this.chat.conversations.findInCompany(id, isSuperAdmin(actor) ? null : actor.companyId);
    if (!conversation) throw new NotFoundException('Conversation not found');
    const [messages, escalations, feedback] = await Promise.all([
      this.chat.sync(id, 0),
      this.escalations.findForConversation(id),
      this.feedback.findForConversation(conversation.companyId, id),
    ]);
    return {
      ...toConversationSummary(conversation),
      messages: messages.map(toMessageView),
      escalations: escalations.map((e) => ({ ...toEscalationView(e), agentId: e.agentId, assignedAt: e.assignedAt ? new Date(e.assignedAt).toISOString() : null })),
      feedback: feedback ? { rating: feedback.rating, comment: feedback.comment, createdAt: new Date(feedback.createdAt).toISOString() } : null,
    };
  }
}
