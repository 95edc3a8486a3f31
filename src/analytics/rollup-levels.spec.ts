import { decompose, levelCounts, levelRows } from './rollup-levels';

const Q = 15 * 60 * 1000;
const H = 4 * Q;
const D = 24 * H;

describe('rollup levels', () => {
  it('stores a slot at every grain', () => {
    expect(levelRows('messages', D + H + 3 * Q)).toEqual([['messages', D + H + 3 * Q], ['messages@1h', D + H], ['messages@1d', D]]);
  });

  it('covers a long range with days inside, hours and slots at the ends', () => {
    const parts = decompose('m', 2 * Q, 3 * D + 5 * H + Q);
    expect(parts).toEqual([
      { metric: 'm', from: 2 * Q, to: H },
      { metric: 'm', from: 3 * D + 5 * H, to: 3 * D + 5 * H + Q },
      { metric: 'm@1h', from: H, to: D },
      { metric: 'm@1h', from: 3 * D, to: 3 * D + 5 * H },
      { metric: 'm@1d', from: D, to: 3 * D },
    ]);
    // The parts tile the range exactly.
    const covered = parts.map((p) => p.to - p.from).reduce((a, b) => a + b, 0);
    expect(covered).toBe(3 * D + 5 * H + Q - 2 * Q);
  });

  it('stays on slots or hours for short ranges, and handles a Kathmandu day (starts at :15)', () => {
    expect(decompose('m', Q, 3 * Q)).toEqual([{ metric: 'm', from: Q, to: 3 * Q }]);
    expect(decompose('m', Q, 2 * H + Q)).toEqual([
      { metric: 'm', from: Q, to: H }, { metric: 'm', from: 2 * H, to: 2 * H + Q }, { metric: 'm@1h', from: H, to: 2 * H },
    ]);
    const start = 18 * H + Q;
    const parts = decompose('m', start, start + D);
    expect(parts.map((p) => p.metric).sort()).toEqual(['m', 'm', 'm@1h']);
    expect(parts.reduce((sum, p) => sum + (p.to - p.from), 0)).toBe(D);
  });

  it('returns nothing for an empty range', () => {
    expect(decompose('m', H, H)).toEqual([]);
  });

  it('sums slot increments into one row per counter at every grain', () => {
    const rows = levelCounts([
      { companyId: 'c', metric: 'm', slot: D + Q, dimension: 'x', by: 2 },
      { companyId: 'c', metric: 'm', slot: D + 2 * Q, dimension: 'x', by: 3 },
      { companyId: 'c', metric: 'm', slot: D + 2 * Q, dimension: 'y', by: 1 },
    ]);
    expect(rows).toEqual([
      ['c', 'm', D + Q, 'x', 2], ['c', 'm@1h', D, 'x', 5], ['c', 'm@1d', D, 'x', 5],
      ['c', 'm', D + 2 * Q, 'x', 3], ['c', 'm', D + 2 * Q, 'y', 1], ['c', 'm@1h', D, 'y', 1], ['c', 'm@1d', D, 'y', 1],
    ]);
  });
});
