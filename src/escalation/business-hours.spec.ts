import { zonedTimeToUtc } from '../common/time-zone';
import { isWithinBusinessHours } from './business-hours';

const weekdays = { days: [1, 2, 3, 4, 5].map((day) => ({ day, open: '09:00', close: '17:30' })) };

describe('isWithinBusinessHours', () => {
  it('is always open without hours', () => {
    expect(isWithinBusinessHours(null, 'UTC', Date.now())).toBe(true);
  });

  it('uses the company time zone, open inclusive and close exclusive', () => {
    const tz = 'Europe/Paris';
    // Monday 2026-11-23
    expect(isWithinBusinessHours(weekdays, tz, zonedTimeToUtc(2026, 11, 23, 9, 0, tz))).toBe(true);
    expect(isWithinBusinessHours(weekdays, tz, zonedTimeToUtc(2026, 11, 23, 17, 29, tz))).toBe(true);
    expect(isWithinBusinessHours(weekdays, tz, zonedTimeToUtc(2026, 11, 23, 17, 30, tz))).toBe(false);
    expect(isWithinBusinessHours(weekdays, tz, zonedTimeToUtc(2026, 11, 23, 8, 59, tz))).toBe(false);
  });

  it('is closed on days without hours', () => {
    const tz = 'America/New_York';
    expect(isWithinBusinessHours(weekdays, tz, zonedTimeToUtc(2026, 11, 22, 12, 0, tz))).toBe(false); // Sunday
  });
});
