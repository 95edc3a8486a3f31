import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { Actor } from '../common/actor';
import { AppError } from '../common/app-error';
import { DomainEvents } from '../common/events/domain-events.service';
import { resolveCompanyScope } from '../common/tenant-scope';
import { parseRangeBound } from '../common/time-zone';
import { ConversationRepository } from '../chat/conversation.repository';
import { CompaniesService } from '../companies/companies.service';
import { ListFeedbackQuery, SubmitFeedbackDto } from './dto/feedback.dto';
import { DuplicateFeedbackError, Feedback, FEEDBACK_STORE, FeedbackStore, Rating } from './feedback-store';

/** CSAT: a customer rates a resolved conversation once; staff read their company's ratings. */
@Injectable()
export class FeedbackService {
  constructor(
    @Inject(FEEDBACK_STORE) private readonly store: FeedbackStore,
    private readonly conversations: ConversationRepository,
    private readonly companies: CompaniesService,
    private readonly events: DomainEvents,
  ) {}

  async submit(visitor: { companyId: string; visitorId: string }, dto: SubmitFeedbackDto): Promise<Feedback> {
    const conversation = await this.conversations.findInCompany(dto.conversationId, visitor.companyId);
    if (!conversation || conversation.visitorId !== visitor.visitorId) throw new NotFoundException('Conversation not found');
    if (conversation.status !== 'resolved') throw new AppError('not_resolved', 'You can rate the conversation once it has been resolved', 409);
    try {
      const feedback = await this.store.submit({
        companyId: conversation.companyId, conversationId: conversation.id, agentId: conversation.assignedAgentId,
        rating: dto.rating as Rating, comment: dto.comment?.trim() || null,
      });
      await this.events.publish('feedback.submitted', { conversationId: conversation.id, companyId: conversation.companyId, rating: dto.rating });
      return feedback;
    } catch (error) {
      if (error instanceof DuplicateFeedbackError) throw new AppError('already_rated', 'This conversation has already been rated', 409);
      throw error;
    }
  }

  findForConversation(companyId: string, conversationId: string): Promise<Feedback | null> {
    return this.store.findByConversation(companyId, conversationId);
  }

  async list(actor: Actor, query: ListFeedbackQuery) {
    const companyId = resolveCompanyScope(actor, query.companyId, true);
    const timeZone = companyId ? (await this.companies.cached(companyId)).settings.timeZone : 'UTC';
    const from = parseRangeBound(query.from, timeZone, 'from');
    const to = parseRangeBound(query.to, timeZone, 'to');
    const [page, summary] = await Promise.all([
      this.store.list({ companyId, from, to, agentId: query.agentId, limit: query.limit, offset: query.offset }),
      this.store.summary(companyId, from, to),
    ]);
    return { ...page, summary, store: this.store.kind };
  }
}
