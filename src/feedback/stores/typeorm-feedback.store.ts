import { isUniqueViolation } from '../../common/db-errors';
import { DataSource, Repository, SelectQueryBuilder } from 'typeorm';
import { FeedbackRecord } from '../entities/feedback.entity';
import {
  buildFeedback, DuplicateFeedbackError, Feedback, FeedbackListQuery, FeedbackStore, FeedbackSummary, NewFeedback, Rating,
  summarizeRatingCounts,
} from '../feedback-store';

interface Scope {
  companyId: string | null;
  from?: number;
  to?: number;
  agentId?: string;
}

/** SQLite: "UNIQUE constraint failed: feedback.conversation_id"; PostgreSQL: SQLSTATE 23505. */
function toFeedback(record: FeedbackRecord): Feedback {
  return {
    id: record.id,
    companyId: record.companyId,
    conversationId: record.conversationId,
    agentId: record.agentId,
    rating: record.rating as Rating,
    comment: record.comment,
    createdAt: record.createdAt,
  };
}

/** The default store: the `feedback` table of the app's own database (SQLite or PostgreSQL). */
export class TypeormFeedbackStore implements FeedbackStore {
  readonly kind = 'sql' as const;

  private readonly records: Repository<FeedbackRecord>;

  constructor(private readonly dataSource: DataSource) {
    this.records = dataSource.getRepository(FeedbackRecord);
  }

  async submit(input: NewFeedback): Promise<Feedback> {
    const feedback = buildFeedback(input);
    try {
      // The unique index on conversation_id decides races: exactly one concurrent insert wins.
      await this.records.insert(this.records.create(feedback));
    } catch (error) {
      if (isUniqueViolation(error)) throw new DuplicateFeedbackError(input.conversationId);
      throw error;
    }
    return feedback;
  }

  async findByConversation(companyId: string | null, conversationId: string): Promise<Feedback | null> {
    const record = await this.records.findOneBy(companyId === null ? { conversationId } : { conversationId, companyId });
    return record ? toFeedback(record) : null;
  }

  async list(query: FeedbackListQuery): Promise<{ items: Feedback[]; total: number }> {
    const [records, total] = await this.scoped(query)
      .orderBy('feedback.createdAt', 'DESC')
      .addOrderBy('feedback.id', 'DESC')
      .offset(query.offset)
      .limit(query.limit)
      .getManyAndCount();
    return { items: records.map(toFeedback), total };
  }

  async summary(companyId: string | null, from?: number, to?: number): Promise<FeedbackSummary> {
    const rows = await this.scoped({ companyId, from, to })
      .select('feedback.rating', 'rating')
      .addSelect('COUNT(*)', 'count')
      .groupBy('feedback.rating')
      .getRawMany<{ rating: number | string; count: number | string }>();
    // pg returns COUNT(*) as a string (bigint).
    return summarizeRatingCounts(rows.map((row) => ({ rating: Number(row.rating), count: Number(row.count) })));
  }

  async ping(): Promise<void> {
    await this.dataSource.query('SELECT 1');
  }

  /** The DataSource belongs to the database module, which closes it at shutdown; closing it here would break the app. */
  async close(): Promise<void> {}

  private scoped(scope: Scope): SelectQueryBuilder<FeedbackRecord> {
    const qb = this.records.createQueryBuilder('feedback');
    if (scope.companyId !== null) qb.andWhere('feedback.companyId = :companyId', { companyId: scope.companyId });
    if (scope.from !== undefined) qb.andWhere('feedback.createdAt >= :from', { from: scope.from });
    if (scope.to !== undefined) qb.andWhere('feedback.createdAt < :to', { to: scope.to });
    if (scope.agentId !== undefined) qb.andWhere('feedback.agentId = :agentId', { agentId: scope.agentId });
    return qb;
  }
}
