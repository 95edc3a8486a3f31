import { randomUUID } from 'node:crypto';

export const RATINGS = [1, 2, 3, 4, 5] as const;
export type Rating = (typeof RATINGS)[number];

/** One CSAT rating: at most one per conversation. Timestamps are epoch milliseconds. */
export interface Feedback {
  id: string;
  companyId: string;
  conversationId: string;
  agentId: string | null;
  rating: Rating;
  comment: string | null;
  createdAt: number;
}

export interface NewFeedback {
  companyId: string;
  conversationId: string;
  agentId?: string | null;
  rating: Rating;
  comment?: string | null;
  /** Defaults to now; callers importing history may pass the original time. */
  createdAt?: number;
}

export interface FeedbackListQuery {
  /** null = every company (super admin). */
  companyId: string | null;
  /** Inclusive lower bound on createdAt. */
  from?: number;
  /** Exclusive upper bound on createdAt. */
  to?: number;
  agentId?: string;
  limit: number;
  offset: number;
}

export interface FeedbackSummary {
  count: number;
  average: number | null;
  distribution: Record<Rating, number>;
}

/** Where CSAT ratings live: SQL by default, MongoDB when MONGODB_URI is set. Both pass feedback-store.contract.ts. */
export interface FeedbackStore {
  readonly kind: 'sql' | 'mongodb';
  /** Throws DuplicateFeedbackError when the conversation already has feedback; the first rating is kept. */
  submit(input: NewFeedback): Promise<Feedback>;
  /** companyId null = any company (super admin); a conversation of another company reads as null. */
  findByConversation(companyId: string | null, conversationId: string): Promise<Feedback | null>;
  /** Newest first. */
  list(query: FeedbackListQuery): Promise<{ items: Feedback[]; total: number }>;
  summary(companyId: string | null, from?: number, to?: number): Promise<FeedbackSummary>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

export const FEEDBACK_STORE = Symbol('FEEDBACK_STORE');

/** A customer may rate a conversation once. */
export class DuplicateFeedbackError extends Error {
  override readonly name = 'DuplicateFeedbackError';

  constructor(readonly conversationId: string) {
    super(`Conversation ${conversationId} already has feedback`);
  }
}

export function isRating(value: unknown): value is Rating {
  return typeof value === 'number' && (RATINGS as readonly number[]).includes(value);
}

/** Both stores build the stored value here, so validation and defaults cannot drift between them. */
export function buildFeedback(input: NewFeedback, now = Date.now()): Feedback {
  // Neither the SQL schema nor Mongo has a CHECK on rating: the stores are the last line.
  if (!isRating(input.rating)) throw new RangeError(`rating must be an integer from 1 to 5, got ${String(input.rating)}`);
  return {
    id: randomUUID(),
    companyId: input.companyId,
    conversationId: input.conversationId,
    agentId: input.agentId ?? null,
    rating: input.rating,
    comment: input.comment ?? null,
    createdAt: input.createdAt ?? now,
  };
}

/** Turns per-rating counts (one row per rating present) into the summary; both stores group by rating. */
export function summarizeRatingCounts(rows: Array<{ rating: number; count: number }>): FeedbackSummary {
  const distribution = { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } as Record<Rating, number>;
  let count = 0;
  let sum = 0;
  for (const row of rows) {
    // A row written around the store with an out-of-range rating must not skew the average.
    if (!isRating(row.rating)) continue;
    distribution[row.rating] += row.count;
    count += row.count;
    sum += row.rating * row.count;
  }
  return { count, average: count === 0 ? null : sum / count, distribution };
}
