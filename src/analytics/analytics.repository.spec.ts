import { BOT_ONLY_PREDICATE } from '../database/migrations/1763950000000-analytics-indexes';
import { BOT_ONLY } from './analytics.repository';
import { bucketTable, pairs } from './sql';

describe('analytics SQL', () => {
  it('queries bot-resolved conversations with the partial index predicate exactly, or SQLite would not use it', () => {
    expect(BOT_ONLY).toBe(BOT_ONLY_PREDICATE);
  });

  it('turns bucket bounds into a VALUES table with typed parameters', () => {
    expect(pairs([0, 10, 25])).toEqual([[0, 10], [10, 25]]);
    expect(bucketTable(pairs([0, 10, 25]))).toEqual({
      cte: 'b (i, s, e) AS (VALUES (0, CAST(:b0s AS BIGINT), CAST(:b0e AS BIGINT)), (1, CAST(:b1s AS BIGINT), CAST(:b1e AS BIGINT)))',
      params: { b0s: 0, b0e: 10, b1s: 10, b1e: 25 },
    });
  });
});
