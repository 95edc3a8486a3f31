import { Collection, Db, Filter, MongoClient, MongoServerError } from 'mongodb';
import {
  buildFeedback, DuplicateFeedbackError, Feedback, FeedbackListQuery, FeedbackStore, FeedbackSummary, NewFeedback,
  summarizeRatingCounts,
} from '../feedback-store';

/**
 * `_id` stays an ObjectId and the uuid lives in `id`: CongoDB (our test server) coerces every `_id`
 * to an ObjectId and fails a uuid string with a bogus duplicate-key error (11000).
 */
type FeedbackDocument = Feedback;

const FEEDBACK_FIELDS = { _id: 0, id: 1, companyId: 1, conversationId: 1, agentId: 1, rating: 1, comment: 1, createdAt: 1 } as const;

interface Scope {
  companyId: string | null;
  from?: number;
  to?: number;
  agentId?: string;
}

function scopeFilter(scope: Scope): Filter<FeedbackDocument> {
  const filter: Filter<FeedbackDocument> = {};
  if (scope.companyId !== null) filter.companyId = scope.companyId;
  if (scope.from !== undefined || scope.to !== undefined) {
    filter.createdAt = {
      ...(scope.from === undefined ? {} : { $gte: scope.from }),
      ...(scope.to === undefined ? {} : { $lt: scope.to }),
    };
  }
  if (scope.agentId !== undefined) filter.agentId = scope.agentId;
  return filter;
}

/** Builds the Feedback field by field so stray document fields never leak into responses. */
function toFeedback(doc: FeedbackDocument): Feedback {
  return {
    id: doc.id,
    companyId: doc.companyId,
    conversationId: doc.conversationId,
    agentId: doc.agentId ?? null,
    rating: doc.rating,
    comment: doc.comment ?? null,
    createdAt: doc.createdAt,
  };
}

/** The optional store for deployments that keep feedback in MongoDB (MONGODB_URI). */
export class MongoFeedbackStore implements FeedbackStore {
  readonly kind = 'mongodb' as const;

  private readonly feedback: Collection<FeedbackDocument>;

  private constructor(private readonly client: MongoClient, private readonly db: Db) {
    this.feedback = db.collection<FeedbackDocument>('feedback');
  }

  /** Connects and creates the indexes. The URI may hold credentials: nothing here logs it or copies it into an error. */
  static async connect(uri: string, options: { dbName?: string } = {}): Promise<MongoFeedbackStore> {
    const client = new MongoClient(uri);
    try {
      await client.connect();
      const store = new MongoFeedbackStore(client, client.db(options.dbName));
      await store.createIndexes();
      return store;
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
  }

  async submit(input: NewFeedback): Promise<Feedback> {
    const { conversationId, ...insertOnly } = buildFeedback(input);
    try {
      // The server's find-then-insert of one upsert decides a race even where a unique index is not
      // enforced (CongoDB); on a real server the unique index makes the loser fail with 11000 or match.
      const result = await this.feedback.updateOne({ conversationId }, { $setOnInsert: insertOnly }, { upsert: true });
      if (result.upsertedCount !== 1) throw new DuplicateFeedbackError(conversationId);
    } catch (error) {
      if (error instanceof MongoServerError && error.code === 11000) throw new DuplicateFeedbackError(conversationId);
      throw error;
    }
    return { ...insertOnly, conversationId };
  }

  async findByConversation(companyId: string | null, conversationId: string): Promise<Feedback | null> {
    const filter: Filter<FeedbackDocument> = companyId === null ? { conversationId } : { conversationId, companyId };
    const doc = await this.feedback.findOne(filter, { projection: FEEDBACK_FIELDS });
    return doc ? toFeedback(doc) : null;
  }

  async list(query: FeedbackListQuery): Promise<{ items: Feedback[]; total: number }> {
    const filter = scopeFilter(query);
    const [docs, total] = await Promise.all([
      this.feedback.find(filter, { projection: FEEDBACK_FIELDS })
        .sort({ createdAt: -1, id: -1 })
        .skip(query.offset)
        .limit(query.limit)
        .toArray(),
      this.feedback.countDocuments(filter),
    ]);
    return { items: docs.map(toFeedback), total };
  }

  async summary(companyId: string | null, from?: number, to?: number): Promise<FeedbackSummary> {
    const rows = await this.feedback
      .aggregate<{ _id: number; count: number }>([
        { $match: scopeFilter({ companyId, from, to }) },
        { $group: { _id: '$rating', count: { $sum: 1 } } },
      ])
      .toArray();
    return summarizeRatingCounts(rows.map((row) => ({ rating: row._id, count: row.count })));
  }

  async ping(): Promise<void> {
    await this.db.command({ ping: 1 });
  }

  async close(): Promise<void> {
    await this.client.close();
  }

  private async createIndexes(): Promise<void> {
    await this.feedback.createIndexes([
      { key: { companyId: 1, createdAt: -1 }, name: 'ix_feedback_company_created' },
      // Enforced by real servers; CongoDB accepts it without enforcing, which submit() does not rely on.
      { key: { conversationId: 1 }, name: 'uq_feedback_conversation', unique: true },
    ]);
  }
}
