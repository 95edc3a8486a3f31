import { zonedTimeToUtc } from '../common/time-zone';
import { dailyTotals, sessionSeconds } from './working-hours';

const H = 3600 * 1000;

describe('dailyTotals', () => {
  it('splits a session that crosses local midnight into two local days', () => {
    const tz = 'America/New_York';
    const start = zonedTimeToUtc(2026, 5, 4, 22, 0, tz);
    const rows = dailyTotals([{ agentId: 'a', startedAt: start, endedAt: start + 3 * H }], tz, 0, Infinity, start + 10 * H);
    expect(rows).toEqual([
      { agentId: 'a', date: '2026-05-04', seconds: 2 * 3600 },
      { agentId: 'a', date: '2026-05-05', seconds: 3600 },
    ]);
  });

  it('sums several sessions of one day, keeps agents apart and clips to the range', () => {
    const tz = 'UTC';
    const day = Date.UTC(2026, 0, 10);
    const rows = dailyTotals([
      { agentId: 'a', startedAt: day + 9 * H, endedAt: day + 10 * H },
      { agentId: 'a', startedAt: day + 13 * H, endedAt: day + 13.5 * H },
      { agentId: 'b', startedAt: day + 8 * H, endedAt: day + 12 * H },
    ], tz, day + 11 * H, day + 24 * H, day + 30 * H);
    expect(rows).toEqual([
      { agentId: 'a', date: '2026-01-10', seconds: 1800 },
      { agentId: 'b', date: '2026-01-10', seconds: 3600 },
    ]);
  });

  it('counts an open session up to now', () => {
    const day = Date.UTC(2026, 0, 10);
    expect(dailyTotals([{ agentId: 'a', startedAt: day + H, endedAt: null }], 'UTC', 0, Infinity, day + 2.5 * H))
      .toEqual([{ agentId: 'a', date: '2026-01-10', seconds: 5400 }]);
  });

  it('rounds stored session lengths to whole seconds', () => {
    expect(sessionSeconds(1000, 62_600)).toBe(62);
    expect(sessionSeconds(5000, 1000)).toBe(0);
  });
});
