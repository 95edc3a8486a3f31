import { busyAddedByClosing, busyFromScratch, openBusy } from './busy-time';
import { measure, Span } from './intervals';

describe('busy time kept incrementally', () => {
  const sessions: Span[] = [[0, 100], [200, 300]];

  it('counts overlapping conversations once, whichever closes first', () => {
    // a [10, 50] and b [30, 70]: a closes first and counts 40, b then adds only [50, 70].
    expect(busyAddedByClosing([10, 50], sessions, [])).toEqual([[10, 50]]);
    expect(busyAddedByClosing([30, 70], sessions, [[10, 50]])).toEqual([[50, 70]]);
    // b closing first gives the same total.
    const total = measure(busyAddedByClosing([30, 70], sessions, [])) + measure(busyAddedByClosing([10, 50], sessions, [[30, 70]]));
    expect(total).toBe(60);
    expect(measure(busyFromScratch([[10, 50], [30, 70]], sessions))).toBe(60);
  });

  it('never counts time outside a work session', () => {
    expect(busyAddedByClosing([90, 210], sessions, [])).toEqual([[90, 100], [200, 210]]);
  });

  it('adds the still-open spans at read time without counting closed ones again', () => {
    expect(openBusy([[40, 120], [60, 80]], sessions, [[10, 50]])).toEqual([[50, 100]]);
  });

  it('matches a from-scratch count for any closing order', () => {
    const spans: Span[] = [[5, 25], [20, 60], [55, 58], [90, 230], [250, 260], [255, 300]];
    const expected = measure(busyFromScratch(spans, sessions));
    for (const order of [[0, 1, 2, 3, 4, 5], [5, 4, 3, 2, 1, 0], [2, 0, 5, 1, 3, 4]]) {
      const closed: Span[] = [];
      let total = 0;
      for (const k of order) {
        total += measure(busyAddedByClosing(spans[k], sessions, closed));
        closed.push(spans[k]);
      }
      expect(total).toBe(expected);
    }
  });
});
