import { Logger } from '@nestjs/common';
import { AnalyticsContext } from './analytics-context.service';
import { AnalyticsLoader } from './analytics-loader.service';
import { AnalyticsRollupService } from './analytics-rollup.service';
import { AnalyticsRepository } from './analytics.repository';
import { SlotCount } from './rollup-levels';
import { RollupFlusher } from './rollup-flusher.service';
import { RollupsRepository } from './rollups.repository';
import { BucketIndex } from './time-buckets';

const Q = 15 * 60 * 1000;

/** A RollupsRepository whose writes are recorded (and may be held or failed). */
function fakeRollups() {
  const written: SlotCount[][] = [];
  const add = jest.fn(async (counts: SlotCount[]) => {
    written.push(counts.map((c) => ({ ...c })));
  });
  const increment = jest.fn(async () => undefined);
  return { written, add, increment, repo: { add, increment } as unknown as RollupsRepository };
}

const total = (written: SlotCount[][]) => written.flat().reduce((sum, c) => sum + c.by, 0);

describe('RollupFlusher', () => {
  beforeEach(() => jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined));
  afterEach(() => {
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  it('countMessage writes nothing until a flush, which writes everything in one call', async () => {
    const db = fakeRollups();
    const flusher = new RollupFlusher(db.repo, 60_000);
    const service = new AnalyticsRollupService(db.repo, flusher, {} as never);
    service.countMessage('c1', 'customer', Q + 5);
    service.countMessage('c1', 'customer', Q + 9);
    service.countMessage('c1', 'bot', Q + 9);
    expect(db.add).not.toHaveBeenCalled();
    expect(db.increment).not.toHaveBeenCalled();
    await flusher.flush();
    expect(db.written).toEqual([[
      { companyId: 'c1', metric: 'messages', slot: Q, dimension: 'customer', by: 2 },
      { companyId: 'c1', metric: 'messages', slot: Q, dimension: 'bot', by: 1 },
    ]]);
    await flusher.flush();
    expect(db.add).toHaveBeenCalledTimes(1);
  });

  it('flushes by itself after the interval', async () => {
    jest.useFakeTimers();
    const db = fakeRollups();
    const flusher = new RollupFlusher(db.repo, 1000);
    flusher.add('c1', 'messages', Q, 'agent');
    await jest.advanceTimersByTimeAsync(999);
    expect(db.add).not.toHaveBeenCalled();
    await jest.advanceTimersByTimeAsync(1);
    expect(total(db.written)).toBe(1);
  });

  it('concurrent flushes neither lose nor double-count, and each waits for the write before it', async () => {
    const db = fakeRollups();
    let release!: () => void;
    db.add.mockImplementationOnce(async (counts: SlotCount[]) => {
      await new Promise<void>((resolve) => (release = resolve));
      db.written.push(counts);
    });
    const flusher = new RollupFlusher(db.repo, 60_000);
    flusher.add('c1', 'messages', Q, 'customer');
    let firstDone = false;
    const first = flusher.flush().then(() => (firstDone = true));
    await new Promise(setImmediate);
    flusher.add('c1', 'messages', Q, 'customer');
    let secondDone = false;
    const second = flusher.flush().then(() => (secondDone = true));
    await new Promise(setImmediate);
    expect([firstDone, secondDone]).toEqual([false, false]);
    release();
    await Promise.all([first, second]);
    expect(db.written.map((w) => w.map((c) => c.by))).toEqual([[1], [1]]);
  });

  it('puts the counts back when a write fails, and writes them with the next flush', async () => {
    const db = fakeRollups();
    db.add.mockRejectedValueOnce(new Error('SQLITE_BUSY'));
    const flusher = new RollupFlusher(db.repo, 60_000);
    flusher.add('c1', 'messages', Q, 'customer');
    flusher.add('c1', 'messages', Q, 'customer');
    await expect(flusher.flush()).resolves.toBeUndefined();
    expect(db.written).toEqual([]);
    expect(Logger.prototype.error).toHaveBeenCalledTimes(1);
    flusher.add('c1', 'messages', Q, 'customer');
    await flusher.flush();
    expect(db.written).toEqual([[{ companyId: 'c1', metric: 'messages', slot: Q, dimension: 'customer', by: 3 }]]);
  });

  it('flushes before shutdown, and writes a late count at once', async () => {
    const db = fakeRollups();
    const flusher = new RollupFlusher(db.repo, 60_000);
    flusher.add('c1', 'messages', Q, 'customer');
    await flusher.beforeApplicationShutdown();
    expect(total(db.written)).toBe(1);
    flusher.add('c1', 'messages', Q, 'system');
    await flusher.flush();
    expect(total(db.written)).toBe(2);
    expect(db.add).toHaveBeenCalledTimes(2);
  });
});

describe('AnalyticsLoader reads', () => {
  it('flush pending counts before reading the counters', async () => {
    const db = fakeRollups();
    const flusher = new RollupFlusher(db.repo, 60_000);
    const order: string[] = [];
    db.add.mockImplementation(async () => void order.push('write'));
    const repo = {
      rollupByBucket: jest.fn(async () => {
        order.push('read');
        return [{ i: 0, dimension: 'customer', value: 1 }];
      }),
      rawMessageCounts: jest.fn(async () => []),
    } as unknown as AnalyticsRepository;
    const loader = new AnalyticsLoader(repo, {} as never, flusher);
    flusher.add('c1', 'messages', Q, 'customer');
    const ctx = { companyIds: ['c1'], from: 0, to: 4 * Q } as AnalyticsContext;
    expect(await loader.messages(ctx, new BucketIndex(0, 4 * Q))).toEqual([{ i: 0, dimension: 'customer', value: 1 }]);
    expect(order).toEqual(['write', 'read']);
  });
});
