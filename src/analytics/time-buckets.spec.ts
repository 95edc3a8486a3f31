import { zonedTimeToUtc } from '../common/time-zone';
import { BucketIndex, localBuckets, slotOf, SLOT_MS, startOfLocalHour } from './time-buckets';

const H = 3600 * 1000;

describe('localBuckets', () => {
  it('labels local days and puts 23:30 local on its own day, not the UTC one', () => {
    const tz = 'America/New_York';
    const from = zonedTimeToUtc(2026, 3, 5, 0, 0, tz);
    const to = zonedTimeToUtc(2026, 3, 7, 0, 0, tz);
    const buckets = localBuckets(from, to, 'day', tz);
    expect(buckets.map((b) => b.label)).toEqual(['2026-03-05', '2026-03-06']);
    const index = new BucketIndex(from, to, buckets.map((b) => b.start));
    const lateEvening = zonedTimeToUtc(2026, 3, 5, 23, 30, tz);
    expect(new Date(lateEvening).toISOString()).toBe('2026-03-06T04:30:00.000Z');
    expect(index.indexOf(lateEvening)).toBe(0);
    expect(index.indexOf(zonedTimeToUtc(2026, 3, 6, 0, 0, tz))).toBe(1);
    expect(index.indexOf(to)).toBe(-1);
  });

  it('gives a spring-forward day 23 hourly buckets and a fall-back day 25, with distinct labels', () => {
    const tz = 'America/New_York';
    const spring = localBuckets(zonedTimeToUtc(2026, 3, 8, 0, 0, tz), zonedTimeToUtc(2026, 3, 9, 0, 0, tz), 'hour', tz);
    expect(spring).toHaveLength(23);
    expect(spring[2].label).toBe('2026-03-08T03:00-04:00');
    const fall = localBuckets(zonedTimeToUtc(2026, 11, 1, 0, 0, tz), zonedTimeToUtc(2026, 11, 2, 0, 0, tz), 'hour', tz);
    expect(fall).toHaveLength(25);
    expect(fall.slice(1, 3).map((b) => b.label)).toEqual(['2026-11-01T01:00-04:00', '2026-11-01T01:00-05:00']);
    expect(new Set(fall.map((b) => b.label)).size).toBe(25);
  });

  it('starts hours at :45 past the UTC hour in Kathmandu (+05:45) and days at 18:15 UTC', () => {
    const tz = 'Asia/Kathmandu';
    const from = Date.UTC(2026, 0, 10, 18, 15);
    const hours = localBuckets(from, from + 3 * H, 'hour', tz);
    expect(hours.map((b) => new Date(b.start).toISOString())).toEqual([
      '2026-01-10T18:15:00.000Z', '2026-01-10T19:15:00.000Z', '2026-01-10T20:15:00.000Z',
    ]);
    expect(hours[0].label).toBe('2026-01-11T00:00+05:45');
    const days = localBuckets(from, from + 48 * H, 'day', tz);
    expect(days.map((b) => [b.label, new Date(b.start).toISOString()])).toEqual([
      ['2026-01-11', '2026-01-10T18:15:00.000Z'], ['2026-01-12', '2026-01-11T18:15:00.000Z'],
    ]);
    // Every local boundary is on the 15-minute slot grid the rollups use.
    for (const b of [...hours, ...days]) expect(slotOf(b.start)).toBe(b.start);
  });

  it('handles Lord Howe Island, whose clocks move by 30 minutes', () => {
    const tz = 'Australia/Lord_Howe';
    // DST starts on 2026-10-04 at 02:00 local, which becomes 02:30.
    const buckets = localBuckets(zonedTimeToUtc(2026, 10, 4, 0, 0, tz), zonedTimeToUtc(2026, 10, 4, 5, 0, tz), 'hour', tz);
    expect(buckets.map((b) => b.label)).toEqual([
      '2026-10-04T00:00+10:30', '2026-10-04T01:00+10:30', '2026-10-04T03:00+11:00', '2026-10-04T04:00+11:00',
    ]);
    expect(buckets[2].start - buckets[1].start).toBe(1.5 * H);
  });

  it('covers a range that starts and ends inside buckets, and refuses too many', () => {
    const from = Date.UTC(2026, 0, 1, 10, 7);
    const buckets = localBuckets(from, Date.UTC(2026, 0, 1, 12, 1), 'hour', 'UTC');
    expect(buckets.map((b) => b.label)).toEqual(['2026-01-01T10:00+00:00', '2026-01-01T11:00+00:00', '2026-01-01T12:00+00:00']);
    expect(() => localBuckets(0, 10 * H, 'hour', 'UTC', 5)).toThrow(RangeError);
  });
});

describe('startOfLocalHour', () => {
  it('finds the top of the local hour for half-hour zones', () => {
    expect(new Date(startOfLocalHour(Date.UTC(2026, 0, 1, 10, 10), 'Asia/Kolkata')).toISOString()).toBe('2026-01-01T09:30:00.000Z');
  });
});

describe('BucketIndex', () => {
  it('clips the first bucket to from and spreads intervals across buckets', () => {
    const from = 10 * H + 30 * 60 * 1000;
    const index = new BucketIndex(from, 13 * H, [10 * H, 11 * H, 12 * H]);
    expect(index.bounds).toEqual([from, 11 * H, 12 * H, 13 * H]);
    expect(index.indexOf(from - 1)).toBe(-1);
    expect(index.indexOf(11 * H)).toBe(1);
    const got: number[] = [0, 0, 0];
    index.spread(9 * H, 12.5 * H, (i, ms) => (got[i] += ms));
    expect(got).toEqual([0.5 * H, H, 0.5 * H]);
  });

  it('is one bucket for a summary', () => {
    const index = new BucketIndex(0, SLOT_MS);
    expect(index.size).toBe(1);
    expect(index.indexOf(SLOT_MS - 1)).toBe(0);
  });
});
