import {
  calibrateConfidence,
  DEFAULT_CONFIDENCE_THRESHOLD,
  distinctiveness,
  relevance,
  RELEVANCE_FLOOR,
  RELEVANCE_FULL,
  RetrievalEvidence,
  TIE_CONFIDENCE,
} from './confidence';

const evidence = (overrides: Partial<RetrievalEvidence> = {}): RetrievalEvidence => ({
  topScore: 6,
  runnerUpScore: 2,
  idealScore: 10,
  coverage: 1,
  ...overrides,
});

describe('relevance', () => {
  it('is 0 at or below the floor share of the ideal and 1 from the full share up', () => {
    expect(relevance(evidence({ topScore: RELEVANCE_FLOOR * 10 }))).toBe(0);
    expect(relevance(evidence({ topScore: RELEVANCE_FULL * 10 }))).toBe(1);
    expect(relevance(evidence({ topScore: 25 }))).toBe(1);
  });

  it('grows with the score and with coverage', () => {
    expect(relevance(evidence({ topScore: 3 }))).toBeGreaterThan(relevance(evidence({ topScore: 2 })));
    expect(relevance(evidence({ topScore: 3, coverage: 1 }))).toBeGreaterThan(relevance(evidence({ topScore: 3, coverage: 0.3 })));
  });

  it('is 0 when nothing scored or the query has no ideal', () => {
    expect(relevance(evidence({ topScore: 0 }))).toBe(0);
    expect(relevance(evidence({ idealScore: 0 }))).toBe(0);
  });
});

describe('distinctiveness', () => {
  it('is the tie value for a tie and approaches 1 for a clear winner', () => {
    expect(distinctiveness(evidence({ runnerUpScore: 6 }))).toBeCloseTo(TIE_CONFIDENCE);
    expect(distinctiveness(evidence({ runnerUpScore: 0 }))).toBeGreaterThan(0.99);
  });

  it('grows with the lead over the runner-up', () => {
    expect(distinctiveness(evidence({ runnerUpScore: 4 }))).toBeGreaterThan(distinctiveness(evidence({ runnerUpScore: 5.5 })));
  });
});

describe('calibrateConfidence', () => {
  it('is high for a strong, clear match and 0 for noise', () => {
    expect(calibrateConfidence(evidence({ topScore: 7, runnerUpScore: 1 }))).toBeGreaterThan(0.9);
    expect(calibrateConfidence(evidence({ topScore: 0.5, runnerUpScore: 0 }))).toBe(0);
  });

  it('stays below the default threshold when two documents tie', () => {
    expect(calibrateConfidence(evidence({ topScore: 8, runnerUpScore: 8 }))).toBeLessThan(DEFAULT_CONFIDENCE_THRESHOLD);
  });

  it('stays within 0..1 with three decimals', () => {
    for (const topScore of [0, 0.7, 1.3, 4.4, 9, 30]) {
      for (const runnerUpScore of [0, 0.5, 3, topScore]) {
        const value = calibrateConfidence(evidence({ topScore, runnerUpScore, coverage: 0.4 }));
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        expect(Math.round(value * 1000) / 1000).toBe(value);
      }
    }
  });

  it('has a default threshold inside 0..1', () => {
    expect(DEFAULT_CONFIDENCE_THRESHOLD).toBeGreaterThan(0);
    expect(DEFAULT_CONFIDENCE_THRESHOLD).toBeLessThan(1);
  });
});
