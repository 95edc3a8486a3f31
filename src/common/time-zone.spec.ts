import { localDateKey, parseRangeBound, startOfLocalDay, startOfNextLocalDay, zonedTimeToUtc } from './time-zone';

describe('time-zone helpers', () => {
  it('finds local midnight in a zone ahead of and behind UTC', () => {
    expect(new Date(zonedTimeToUtc(2026, 3, 10, 0, 0, 'Asia/Tokyo')).toISOString()).toBe('2026-03-09T15:00:00.000Z');
    expect(new Date(zonedTimeToUtc(2026, 3, 10, 0, 0, 'America/New_York')).toISOString()).toBe('2026-03-10T04:00:00.000Z');
  });

  it('puts 23:30 local time on the local day, not the UTC one', () => {
    const lateEvening = zonedTimeToUtc(2026, 6, 1, 23, 30, 'America/Los_Angeles');
    expect(new Date(lateEvening).toISOString()).toBe('2026-06-02T06:30:00.000Z');
    expect(localDateKey(lateEvening, 'America/Los_Angeles')).toBe('2026-06-01');
    expect(localDateKey(lateEvening, 'UTC')).toBe('2026-06-02');
  });

  it('handles 23- and 25-hour days at DST changes', () => {
    const springDay = startOfLocalDay(Date.UTC(2026, 2, 29, 12), 'Europe/London');
    expect(startOfNextLocalDay(springDay, 'Europe/London') - springDay).toBe(23 * 3600 * 1000);
    const autumnDay = startOfLocalDay(Date.UTC(2026, 9, 25, 12), 'Europe/London');
    expect(startOfNextLocalDay(autumnDay, 'Europe/London') - autumnDay).toBe(25 * 3600 * 1000);
  });

  it('parses range bounds: dates are whole local days, to is inclusive', () => {
    expect(parseRangeBound('2026-01-05', 'Europe/Paris', 'from')).toBe(Date.parse('2026-01-04T23:00:00Z'));
    expect(parseRangeBound('2026-01-05', 'Europe/Paris', 'to')).toBe(Date.parse('2026-01-05T23:00:00Z'));
    expect(parseRangeBound('2026-01-05T10:00:00Z', 'Europe/Paris', 'from')).toBe(Date.parse('2026-01-05T10:00:00Z'));
    expect(parseRangeBound('1767225600000', 'UTC', 'from')).toBe(1767225600000);
    expect(parseRangeBound(undefined, 'UTC', 'from')).toBeUndefined();
    expect(() => parseRangeBound('yesterday', 'UTC', 'from')).toThrow('from must be a date');
  });
});
