import { durationStats, quantileSorted } from './percentiles';

describe('quantileSorted', () => {
  it('interpolates between closest ranks', () => {
    expect(quantileSorted([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantileSorted([180, 300, 600], 0.5)).toBe(300);
    expect(quantileSorted([180, 300, 600], 0.9)).toBeCloseTo(540, 9);
    expect(quantileSorted([1200, 1800, 3600, 3600], 0.9)).toBe(3600);
  });

  it('returns the only value for one sample and null for none', () => {
    expect(quantileSorted([7], 0.9)).toBe(7);
    expect(quantileSorted([], 0.5)).toBeNull();
  });

  it('gives the minimum at 0 and the maximum at 1', () => {
    expect(quantileSorted([2, 5, 9], 0)).toBe(2);
    expect(quantileSorted([2, 5, 9], 1)).toBe(9);
  });
});

describe('durationStats', () => {
  it('sorts numerically (not as strings) and reports seconds', () => {
    expect(durationStats([600_000, 180_000, 1_000_000, 90_000])).toEqual({ count: 4, p50Seconds: 390, p90Seconds: 880 });
  });

  it('is all null for an empty set', () => {
    expect(durationStats([])).toEqual({ count: 0, p50Seconds: null, p90Seconds: null });
  });
});
