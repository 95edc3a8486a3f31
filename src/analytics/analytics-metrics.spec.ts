import { conversationBuckets, csatBuckets, csatByAgent, durationBuckets, hoursBuckets } from './analytics-metrics';
import { BucketIndex } from './time-buckets';

const H = 3600 * 1000;
const Q = H / 4;

describe('analytics metrics', () => {
  const index = new BucketIndex(0, 2 * 24 * H, [0, 24 * H]);

  it('takes still-active bot conversations out of bot-resolved, in the bucket they were created', () => {
    const c = conversationBuckets(index, { conversations: [5, 5], botOnly: [2, 4] }, [25 * H]);
    expect(c).toEqual({ conversations: [5, 5], botResolved: [2, 3], botResolvedRate: [0.4, 0.6] });
    expect(conversationBuckets(index, { conversations: [0, 0], botOnly: [0, 0] }, []).botResolvedRate).toEqual([null, null]);
  });

  it('puts durations in the bucket of the slot they started in', () => {
    const stats = durationBuckets(index, { slots: [0, Q, 24 * H], values: [60_000, 120_000, 30_000] });
    expect(stats).toEqual([{ count: 2, p50Seconds: 90, p90Seconds: 114 }, { count: 1, p50Seconds: 30, p90Seconds: 30 }]);
  });

  it('summarises rating counters per bucket and per agent, with the response rate', () => {
    const rows = [{ i: 0, dimension: 'x|5', value: 2 }, { i: 0, dimension: 'y|2', value: 1 }, { i: 1, dimension: '|4', value: 1 }];
    expect(csatBuckets(2, rows, [4, 0])).toEqual([
      { count: 3, average: 4, distribution: { 1: 0, 2: 1, 3: 0, 4: 0, 5: 2 }, resolved: 4, responseRate: 0.75 },
      { count: 1, average: 4, distribution: { 1: 0, 2: 0, 3: 0, 4: 1, 5: 0 }, resolved: 0, responseRate: null },
    ]);
    expect(csatByAgent(rows)).toEqual(new Map([['x', { count: 2, average: 5 }], ['y', { count: 1, average: 2 }]]));
  });

  it('splits worked time at bucket edges and takes busy time out of it for idle time', () => {
    const sessions = [{ agentId: 'a', startedAt: 23 * H, endedAt: 25 * H }, { agentId: 'b', startedAt: 30 * H, endedAt: null }];
    const busy = [{ i: 0, dimension: 'a', value: 0.25 * H }, { i: 1, dimension: 'a', value: 0.5 * H }];
    const h = hoursBuckets(index, sessions, busy, 31 * H);
    expect(h.worked).toEqual([H, 2 * H]);
    expect(h.idle).toEqual([0.75 * H, 1.5 * H]);
    expect(h.perAgent.get('a')).toEqual({ workedMs: 2 * H, idleMs: 1.25 * H });
    expect(h.perAgent.get('b')).toEqual({ workedMs: H, idleMs: H });
  });
});
