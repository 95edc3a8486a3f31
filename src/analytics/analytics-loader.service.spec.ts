import { splitRange } from './analytics-loader.service';

const Q = 15 * 60 * 1000;

describe('splitRange', () => {
  it('reads whole slots from rollups and the partial ones at the edges raw', () => {
    expect(splitRange(10 * Q + 7, 20 * Q + 3)).toEqual({ whole: [11 * Q, 20 * Q], pieces: [[10 * Q + 7, 11 * Q], [20 * Q, 20 * Q + 3]] });
    expect(splitRange(10 * Q, 20 * Q)).toEqual({ whole: [10 * Q, 20 * Q], pieces: [] });
  });

  it('handles ranges inside one slot or across a single boundary', () => {
    expect(splitRange(10 * Q + 1, 10 * Q + 9)).toEqual({ whole: null, pieces: [[10 * Q + 1, 10 * Q + 9]] });
    expect(splitRange(10 * Q + 1, 11 * Q + 9)).toEqual({ whole: null, pieces: [[10 * Q + 1, 11 * Q], [11 * Q, 11 * Q + 9]] });
  });
});
