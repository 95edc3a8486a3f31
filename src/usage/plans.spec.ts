import { limitForJson, PLAN_LIMITS, remaining, usagePeriod } from './plans';

describe('plans', () => {
  it('has the published limits', () => {
    expect(PLAN_LIMITS.free).toEqual({ knowledgeEntries: 50, assistantRequests: 1000 });
    expect(PLAN_LIMITS.basic).toEqual({ knowledgeEntries: 500, assistantRequests: 10000 });
    expect(PLAN_LIMITS.premium).toEqual({ knowledgeEntries: 5000, assistantRequests: 100000 });
    expect(PLAN_LIMITS.enterprise.assistantRequests).toBe(Infinity);
  });

  it('computes the UTC month and what is left', () => {
    expect(usagePeriod(Date.UTC(2026, 0, 31, 23, 59))).toBe('2026-01');
    expect(usagePeriod(Date.UTC(2026, 1, 1, 0, 0))).toBe('2026-02');
    expect(remaining(50, 49)).toBe(1);
    expect(remaining(50, 70)).toBe(0);
    expect(limitForJson(Infinity)).toBeNull();
  });
});
