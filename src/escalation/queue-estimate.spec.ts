import { estimateWaitSeconds, RollingAverage } from './queue-estimate';

describe('estimateWaitSeconds', () => {
  it('grows with position and shrinks with agents online', () => {
    expect(estimateWaitSeconds(1, 1, 120)).toBe(120);
    expect(estimateWaitSeconds(3, 1, 120)).toBe(360);
    expect(estimateWaitSeconds(3, 2, 120)).toBe(240);
    expect(estimateWaitSeconds(4, 4, 120)).toBe(120);
  });

  it('still estimates when nobody is online', () => {
    expect(estimateWaitSeconds(2, 0, 100)).toBe(200);
  });
});

describe('RollingAverage', () => {
  it('falls back until it has values, then keeps only the last N', () => {
    const avg = new RollingAverage(2, 99);
    expect(avg.value).toBe(99);
    avg.add(10);
    avg.add(20);
    avg.add(60);
    expect(avg.value).toBe(40);
  });
});
