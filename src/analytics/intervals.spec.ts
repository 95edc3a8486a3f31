import { intersectSpans, measure, mergeSpans, perSlot, subtractSpans } from './intervals';

describe('mergeSpans', () => {
  it('unions overlapping and touching spans and drops empty ones', () => {
    expect(mergeSpans([[5, 8], [1, 3], [2, 4], [8, 9], [10, 10]])).toEqual([[1, 4], [5, 9]]);
  });
});

describe('subtractSpans', () => {
  it('leaves the online time no conversation covers', () => {
    const online = [[0, 100], [200, 300]] as const;
    const busy = [[10, 20], [15, 30], [90, 210], [250, 260]] as const;
    expect(subtractSpans(online, busy)).toEqual([[0, 10], [30, 90], [210, 250], [260, 300]]);
  });

  it('returns everything when nothing is subtracted and nothing when all is covered', () => {
    expect(subtractSpans([[0, 10]], [])).toEqual([[0, 10]]);
    expect(subtractSpans([[0, 10]], [[-5, 20]])).toEqual([]);
  });

  it('handles one busy span reaching over several online spans', () => {
    expect(subtractSpans([[0, 10], [20, 30], [40, 50]], [[5, 45]])).toEqual([[0, 5], [45, 50]]);
  });
});

describe('intersectSpans, measure and perSlot', () => {
  it('keeps what both cover', () => {
    expect(intersectSpans([[0, 10], [20, 30]], [[5, 25], [28, 40]])).toEqual([[5, 10], [20, 25], [28, 30]]);
    expect(measure(intersectSpans([[0, 10]], [[10, 20]]))).toBe(0);
  });

  it('splits time at slot boundaries', () => {
    expect([...perSlot([[5, 25], [28, 31]], 10)]).toEqual([[0, 5], [10, 10], [20, 7], [30, 1]]);
  });
});
