import { randomUUID } from 'node:crypto';
import { DuplicateFeedbackError, Feedback, FeedbackStore, NewFeedback, Rating, RATINGS } from '../feedback-store';

// Every test gets fresh company ids and its own far-future time window, so one store serves the
// whole suite and even the all-companies (null) queries see only that test's rows.
let windowsUsed = 0;
const nextWindowStart = () => 4_000_000_000_000 + ++windowsUsed * 1_000_000;

const newest = (a: Feedback, b: Feedback) => b.createdAt - a.createdAt || (a.id < b.id ? 1 : -1);

/** The behaviour every FeedbackStore must have; each store's spec runs it against a real database. */
export function describeFeedbackStoreContract(
  name: string,
  setup: () => Promise<{ store: FeedbackStore; teardown: () => Promise<void> }>,
): void {
  describe(`FeedbackStore contract: ${name}`, () => {
    let store: FeedbackStore;
    let teardown: (() => Promise<void>) | undefined;

    beforeAll(async () => {
      ({ store, teardown } = await setup());
    });

    afterAll(async () => {
      await teardown?.();
    });

    const submit = (input: Partial<NewFeedback> & Pick<NewFeedback, 'companyId'>) =>
      store.submit({ conversationId: randomUUID(), rating: 4, ...input });

    it('submit returns the stored feedback and findByConversation reads the same back', async () => {
      const companyId = randomUUID();
      const agentId = randomUUID();
      const createdAt = nextWindowStart();
      const saved = await submit({ companyId, agentId, rating: 2, comment: 'Slow answer', createdAt });

      expect(saved).toEqual({
        id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/),
        companyId, conversationId: saved.conversationId, agentId, rating: 2, comment: 'Slow answer', createdAt,
      });
      expect(await store.findByConversation(companyId, saved.conversationId)).toEqual(saved);
      expect(await store.findByConversation(companyId, randomUUID())).toBeNull();
    });

    it('stamps createdAt with the current time when none is given', async () => {
      const before = Date.now();
      const saved = await submit({ companyId: randomUUID() });
      const after = Date.now();

      expect(saved.createdAt).toBeGreaterThanOrEqual(before);
      expect(saved.createdAt).toBeLessThanOrEqual(after);
      expect((await store.findByConversation(saved.companyId, saved.conversationId))?.createdAt).toBe(saved.createdAt);
    });

    it('round-trips a missing comment and agent as null, and unicode text exactly', async () => {
      const companyId = randomUUID();
      const unicode = 'Très bien 👍🏽 — 谢谢！\n«second line» ñ';
      const bare = await submit({ companyId, rating: 5 });
      const worded = await submit({ companyId, rating: 1, comment: unicode, agentId: null });

      expect(await store.findByConversation(companyId, bare.conversationId)).toMatchObject({ comment: null, agentId: null });
      expect((await store.findByConversation(companyId, worded.conversationId))?.comment).toBe(unicode);
      const { items } = await store.list({ companyId, limit: 10, offset: 0 });
      expect(items.map((f) => f.comment).sort()).toEqual([null, unicode].sort());
    });

    it('rejects a rating outside 1..5 and stores nothing', async () => {
      const companyId = randomUUID();
      const conversationId = randomUUID();
      for (const rating of [0, 6, 2.5, Number.NaN]) {
        await expect(store.submit({ companyId, conversationId, rating: rating as Rating })).rejects.toThrow(RangeError);
      }
      expect(await store.findByConversation(companyId, conversationId)).toBeNull();
      await expect(store.submit({ companyId, conversationId, rating: 3 })).resolves.toMatchObject({ rating: 3 });
    });

    it('accepts feedback once per conversation: a second submit throws and the first rating is kept', async () => {
      const companyId = randomUUID();
      const first = await submit({ companyId, rating: 5, comment: 'Great' });

      const again = store.submit({ companyId, conversationId: first.conversationId, rating: 1, comment: 'Changed my mind' });
      await expect(again).rejects.toBeInstanceOf(DuplicateFeedbackError);
      await expect(again).rejects.toMatchObject({ conversationId: first.conversationId });
      // Conversation ids are global: another company cannot rate (or overwrite) it either.
      const otherCompany = store.submit({ companyId: randomUUID(), conversationId: first.conversationId, rating: 2 });
      await expect(otherCompany).rejects.toBeInstanceOf(DuplicateFeedbackError);

      expect(await store.findByConversation(companyId, first.conversationId)).toEqual(first);
      expect((await store.list({ companyId, limit: 10, offset: 0 })).total).toBe(1);
    });

    it('lets exactly one of several concurrent submits for a conversation succeed', async () => {
      const companyId = randomUUID();
      const conversationId = randomUUID();
      const attempts = await Promise.allSettled(
        Array.from({ length: 8 }, (_, i) => store.submit({ companyId, conversationId, rating: RATINGS[i % 5], comment: `attempt ${i}` })),
      );

      const winners = attempts.filter((a): a is PromiseFulfilledResult<Feedback> => a.status === 'fulfilled');
      const losers = attempts.filter((a): a is PromiseRejectedResult => a.status === 'rejected');
      expect(winners).toHaveLength(1);
      expect(losers.map((l) => l.reason)).toEqual(Array(7).fill(expect.any(DuplicateFeedbackError)));
      expect(await store.findByConversation(companyId, conversationId)).toEqual(winners[0].value);
      expect(await store.summary(companyId)).toMatchObject({ count: 1 });
    });

    it('never shows one company another company\'s feedback', async () => {
      const [a, b] = [randomUUID(), randomUUID()];
      const t = nextWindowStart();
      const a1 = await submit({ companyId: a, rating: 5, createdAt: t });
      const a2 = await submit({ companyId: a, rating: 4, createdAt: t + 1 });
      const b1 = await submit({ companyId: b, rating: 1, createdAt: t + 2 });

      expect(await store.list({ companyId: a, limit: 10, offset: 0 })).toEqual({ items: [a2, a1], total: 2 });
      expect(await store.list({ companyId: b, limit: 10, offset: 0 })).toEqual({ items: [b1], total: 1 });
      expect(await store.summary(a)).toEqual({ count: 2, average: 4.5, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 1 } });
      expect(await store.findByConversation(b, a1.conversationId)).toBeNull();
      expect(await store.findByConversation(a, b1.conversationId)).toBeNull();
      expect(await store.findByConversation(a, a1.conversationId)).toEqual(a1);
    });

    it('reads every company when companyId is null (super admin)', async () => {
      const t = nextWindowStart();
      const a1 = await submit({ companyId: randomUUID(), rating: 5, createdAt: t });
      const b1 = await submit({ companyId: randomUUID(), rating: 2, createdAt: t + 1 });

      expect(await store.list({ companyId: null, from: t, to: t + 2, limit: 10, offset: 0 })).toEqual({ items: [b1, a1], total: 2 });
      expect(await store.summary(null, t, t + 2)).toEqual({ count: 2, average: 3.5, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 1 } });
      expect(await store.findByConversation(null, b1.conversationId)).toEqual(b1);
    });

    it('filters the list by from (inclusive), to (exclusive) and agent', async () => {
      const companyId = randomUUID();
      const [agent1, agent2] = [randomUUID(), randomUUID()];
      const t = nextWindowStart();
      const at0 = await submit({ companyId, agentId: agent1, createdAt: t });
      const at10 = await submit({ companyId, agentId: agent2, createdAt: t + 10 });
      const at20 = await submit({ companyId, agentId: agent1, createdAt: t + 20 });
      await submit({ companyId, agentId: null, createdAt: t + 30 });

      const list = (filters: { from?: number; to?: number; agentId?: string }) =>
        store.list({ companyId, limit: 10, offset: 0, ...filters });
      expect(await list({ from: t + 10, to: t + 30 })).toEqual({ items: [at20, at10], total: 2 });
      expect(await list({ agentId: agent1 })).toEqual({ items: [at20, at0], total: 2 });
      expect(await list({ agentId: agent1, from: t + 1 })).toEqual({ items: [at20], total: 1 });
      expect(await list({ to: t })).toEqual({ items: [], total: 0 });
      expect((await list({})).total).toBe(4);
    });

    it('lists newest first and pages with limit/offset, total counting every match', async () => {
      const companyId = randomUUID();
      const t = nextWindowStart();
      // Shuffled insert order and equal timestamps: the order must come from the query, not the insert.
      const offsets = [2, 0, 4, 2, 3, 0, 1];
      const saved: Feedback[] = [];
      for (const offset of offsets) saved.push(await submit({ companyId, createdAt: t + offset }));
      const expected = [...saved].sort(newest);

      const pages = await Promise.all([0, 3, 6].map((offset) => store.list({ companyId, limit: 3, offset })));
      expect(pages.map((p) => p.total)).toEqual([7, 7, 7]);
      expect(pages.map((p) => p.items.length)).toEqual([3, 3, 1]);
      expect(pages.flatMap((p) => p.items)).toEqual(expected);
      expect(await store.list({ companyId, limit: 3, offset: 10 })).toEqual({ items: [], total: 7 });
    });

    it('summarises count, average and distribution exactly, within from/to', async () => {
      const companyId = randomUUID();
      const t = nextWindowStart();
      const ratings: Rating[] = [5, 5, 4, 3, 1, 5, 2, 4];
      for (const [i, rating] of ratings.entries()) await submit({ companyId, rating, createdAt: t + i });

      expect(await store.summary(companyId)).toEqual({ count: 8, average: 29 / 8, distribution: { 1: 1, 2: 1, 3: 1, 4: 2, 5: 3 } });
      // Ratings at t+2..t+4 are 4, 3, 1.
      const windowed = await store.summary(companyId, t + 2, t + 5);
      expect(windowed).toEqual({ count: 3, average: 8 / 3, distribution: { 1: 1, 2: 0, 3: 1, 4: 1, 5: 0 } });
    });

    it('summarises no feedback as count 0, average null and an all-zero distribution', async () => {
      const companyId = randomUUID();
      await submit({ companyId, rating: 5, createdAt: nextWindowStart() });

      const empty = { count: 0, average: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 } };
      expect(await store.summary(randomUUID())).toEqual(empty);
      expect(await store.summary(companyId, 0, 1)).toEqual(empty);
      expect(await store.list({ companyId: randomUUID(), limit: 10, offset: 0 })).toEqual({ items: [], total: 0 });
    });

    it('answers ping', async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });
  });
}
