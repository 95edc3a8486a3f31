import { randomUUID } from 'node:crypto';
import { AgentSession } from '../../src/agents/entities/agent-session.entity';
import { AnalyticsBackfillService } from '../../src/analytics/analytics-backfill.service';
import { sqlRows } from '../../src/analytics/sql';
import { Conversation, ConversationStatus } from '../../src/chat/entities/conversation.entity';
import { Message, SenderType } from '../../src/chat/entities/message.entity';
import { zonedTimeToUtc } from '../../src/common/time-zone';
import { Escalation } from '../../src/escalation/entities/escalation.entity';
import { FEEDBACK_STORE, FeedbackStore, Rating } from '../../src/feedback/feedback-store';
import { onlineAgent, openVisitor, quickTenant, say, statusPushed } from '../factories/chat.factory';
import { bearer, TestTenant, TestUser } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { cid, eventually, SocketPool } from '../utils/socket-client';

const NY = 'America/New_York';
const D1 = '2026-03-05';
const D2 = '2026-03-06';
const D3 = '2026-03-07';
const MIN = 60_000;

/** An instant given as a local wall-clock time of `tz` ('2026-03-05 23:30', optionally ':ss'). */
function local(tz: string, day: string, time: string): number {
  const [y, mo, d] = day.split('-').map(Number);
  const [h, mi, s = 0] = time.split(':').map(Number);
  return zonedTimeToUtc(y, mo, d, h, mi, tz) + s * 1000;
}

interface SeedConversation {
  created: number;
  status: ConversationStatus;
  messages: Array<[SenderType, number]>;
  escalation?: { reason: string; at: number; agent?: TestUser; assignedAt?: number; firstResponseAt?: number };
  resolvedAt?: number;
  rating?: { rating: Rating; at: number };
}

/** Writes a conversation with its messages, escalation and rating at known past times (no API can backdate). */
async function seed(t: TestApp, companyId: string, c: SeedConversation): Promise<string> {
  const id = randomUUID();
  const e = c.escalation;
  await t.dataSource.getRepository(Conversation).insert({
    id, companyId, visitorId: `v-${id.slice(0, 8)}`, visitorName: null, visitorEmail: null, channel: 'widget', status: c.status,
    assignedAgentId: e?.agent?.id ?? null, unsureStreak: 0, queuedAt: e?.at ?? null, queuePriority: 0, assignedAt: e?.assignedAt ?? null,
    escalatedAt: e?.at ?? null, firstAgentResponseAt: e?.firstResponseAt ?? null, resolvedAt: c.resolvedAt ?? null, createdAt: c.created,
    updatedAt: c.resolvedAt ?? e?.firstResponseAt ?? c.created,
  });
  await t.dataSource.getRepository(Message).insert(c.messages.map(([senderType, createdAt], i) => ({
    id: randomUUID(), conversationId: id, companyId, seq: i + 1, senderType, senderId: senderType === 'agent' ? (e?.agent?.id ?? null) : null,
    senderName: null, text: `${senderType} ${i + 1}`, clientMessageId: null, confidence: null, sources: null, attachments: null, createdAt,
  })));
  if (e) {
    await t.dataSource.getRepository(Escalation).insert({
      id: randomUUID(), companyId, conversationId: id, messageId: null, reason: e.reason, confidence: null, draft: null, sources: null,
      agentId: e.agent?.id ?? null, assignedAt: e.assignedAt ?? null, firstResponseAt: e.firstResponseAt ?? null, createdAt: e.at,
    });
  }
  if (c.rating) {
    // Through the store (SQL or MongoDB), which accepts the original time of imported history.
    await t.app.get<FeedbackStore>(FEEDBACK_STORE, { strict: false }).submit({ companyId, conversationId: id, agentId: e?.agent?.id ?? null, rating: c.rating.rating, createdAt: c.rating.at });
  }
  return id;
}

async function seedSession(t: TestApp, companyId: string, agent: TestUser, startedAt: number, endedAt: number): Promise<void> {
  await t.dataSource.getRepository(AgentSession).insert({
    id: randomUUID(), companyId, agentId: agent.id, startedAt, endedAt, durationSeconds: Math.round((endedAt - startedAt) / 1000), endReason: 'offline',
  });
}

/** A bot-only conversation: greeting, question, answer. */
const botOnly = (created: number, status: ConversationStatus = 'bot'): SeedConversation => ({
  created, status, messages: [['bot', created], ['customer', created + 30_000], ['bot', created + MIN]],
});

/** A conversation escalated, taken, answered and resolved by an agent, with the usual system notices. */
function handled(created: number, reason: string, agent: TestUser, esc: number, assigned: number, answered: number, resolved: number, rating?: { rating: Rating; at: number }): SeedConversation {
  return {
    created, status: 'resolved', resolvedAt: resolved, rating,
    escalation: { reason, at: esc, agent, assignedAt: assigned, firstResponseAt: answered },
    messages: [['bot', created], ['customer', created + 30_000], ['system', esc], ['system', assigned], ['agent', answered], ['system', resolved]],
  };
}

const noReasons = { low_confidence: 0, no_answer: 0, customer_request: 0, keyword: 0, negative_sentiment: 0, repeated_failure: 0, ai_unavailable: 0, agent_transfer: 0 };

describe('analytics (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;
  let A: TestTenant;
  let B: TestTenant;
  let X: TestUser;
  let Y: TestUser;
  const ids: Record<string, string> = {};
  const at = (day: string, time: string) => local(NY, day, time);

  const get = (user: TestUser | string, path: string) => t.http().get(path).set('Authorization', bearer(user));
  const ok = async (user: TestUser | string, path: string) => {
    const res = await get(user, path);
    if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
    A = await quickTenant(t, { name: 'Analytics A', agentCount: 2, agentNames: ['Xavier', 'Yolanda'], settings: { timeZone: NY } });
    [X, Y] = A.agents;
    B = await quickTenant(t, { name: 'Analytics B', agentCount: 1, agentNames: ['Bertha'], settings: { timeZone: 'Asia/Kathmandu' } });

    // Company A, 5-6 March 2026 (New York, UTC-5): 10 conversations, 4 escalated, 3 rated.
    ids.c1 = await seed(t, A.company.id, botOnly(at(D1, '09:00')));
    ids.c2 = await seed(t, A.company.id, { ...botOnly(at(D1, '10:00'), 'resolved'), resolvedAt: at(D1, '10:20'), messages: [...botOnly(at(D1, '10:00')).messages, ['system', at(D1, '10:20')]] });
    ids.c3 = await seed(t, A.company.id, handled(at(D1, '11:00'), 'low_confidence', X, at(D1, '11:02'), at(D1, '11:05'), at(D1, '11:06'), at(D1, '11:30'), { rating: 3, at: at(D1, '11:35') }));
    ids.c4 = await seed(t, A.company.id, handled(at(D1, '14:00'), 'customer_request', Y, at(D1, '14:01'), at(D1, '14:11'), at(D1, '14:12'), at(D1, '15:00'), { rating: 5, at: at(D1, '15:05') }));
    // 23:30 local is 04:30 UTC the next day: it belongs to 5 March; its resolution and rating fall on 6 March.
    ids.c5 = await seed(t, A.company.id, handled(at(D1, '23:30'), 'keyword', X, at(D1, '23:40'), at(D1, '23:45'), at(D1, '23:50'), at(D2, '00:30'), { rating: 4, at: at(D2, '00:35') }));
    ids.c6 = await seed(t, A.company.id, { created: at(D2, '08:00'), status: 'queued', escalation: { reason: 'negative_sentiment', at: at(D2, '08:10') }, messages: [['bot', at(D2, '08:00')], ['customer', at(D2, '08:00:30')], ['system', at(D2, '08:10')]] });
    ids.c7 = await seed(t, A.company.id, botOnly(at(D2, '09:00')));
    ids.c8 = await seed(t, A.company.id, botOnly(at(D2, '12:00')));
    ids.c9 = await seed(t, A.company.id, botOnly(at(D2, '13:00')));
    ids.c10 = await seed(t, A.company.id, botOnly(at(D2, '00:10')));
    await seedSession(t, A.company.id, X, at(D1, '10:30'), at(D1, '12:00'));
    await seedSession(t, A.company.id, X, at(D1, '23:00'), at(D2, '01:00'));
    await seedSession(t, A.company.id, Y, at(D1, '13:30'), at(D1, '15:30'));
    await seedSession(t, A.company.id, Y, at(D2, '09:00'), at(D2, '10:00'));

    // Company B (Kathmandu, +05:45) in the same days: 3 conversations, 1 escalation, 1 rating of 1.
    const [bertha] = B.agents;
    const kt = (day: string, time: string) => local('Asia/Kathmandu', day, time);
    ids.b1 = await seed(t, B.company.id, botOnly(kt(D1, '12:00')));
    ids.b2 = await seed(t, B.company.id, botOnly(kt(D2, '12:00')));
    ids.b3 = await seed(t, B.company.id, handled(kt(D2, '13:00'), 'keyword', bertha, kt(D2, '13:01'), kt(D2, '13:21'), kt(D2, '13:31'), kt(D2, '14:00'), { rating: 1, at: kt(D2, '14:01') }));
    await seedSession(t, B.company.id, bertha, kt(D2, '12:30'), kt(D2, '14:30'));

    // History written around the app: rebuild both companies' counters, spans and busy time from the raw data and the store.
    await t.app.get(AnalyticsBackfillService).rebuild(A.company.id);
    await t.app.get(AnalyticsBackfillService).rebuild(B.company.id);
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  const summaryOfA = {
    companyId: expect.any(String), timeZone: NY, from: '2026-03-05T05:00:00.000Z', to: '2026-03-07T05:00:00.000Z',
    conversations: 10,
    botResolved: { count: 6, rate: 0.6 },
    escalations: { total: 4, byReason: { ...noReasons, low_confidence: 1, customer_request: 1, keyword: 1, negative_sentiment: 1 } },
    // Escalation → first agent message: 4, 11 and 10 minutes (c6 has no answer yet).
    firstResponseTime: { count: 3, p50Seconds: 600, p90Seconds: 648 },
    // Creation → resolution: 20, 30, 60 and 60 minutes.
    resolutionTime: { count: 4, p50Seconds: 2700, p90Seconds: 3600 },
    // Escalation → assignment: 3, 10 and 5 minutes.
    queueWait: { count: 3, p50Seconds: 300, p90Seconds: 540 },
    csat: { count: 3, average: 4, distribution: { 1: 0, 2: 0, 3: 1, 4: 1, 5: 1 }, responseRate: 0.75, resolvedConversations: 4 },
    messages: { total: 40, bySender: { customer: 10, bot: 16, agent: 3, system: 11 } },
  };

  const agentsOfA = () => [
    { agentId: X.id, name: 'Xavier', email: X.email, conversationsHandled: 2, medianFirstResponseSeconds: 420, csat: { count: 2, average: 3.5 },
      workedSeconds: 12600, workedHours: 3.5, idleSeconds: 8400, idleHours: 2.33 },
    { agentId: Y.id, name: 'Yolanda', email: Y.email, conversationsHandled: 1, medianFirstResponseSeconds: 660, csat: { count: 1, average: 5 },
      workedSeconds: 10800, workedHours: 3, idleSeconds: 7860, idleHours: 2.18 },
  ];

  describe('summary: a seeded scenario with known answers', () => {
    it('gives every metric its exact value, by local days of the company', async () => {
      const body = await ok(A.admin, `/api/analytics/summary?from=${D1}&to=${D2}`);
      expect(body).toEqual({ ...summaryOfA, companyId: A.company.id, agents: agentsOfA() });
    });

    it('counts messages exactly when the range cuts through a 15-minute rollup slot', async () => {
      const rows = await t.dataSource.getRepository(Message).findBy({ companyId: A.company.id });
      for (const [from, to] of [[at(D1, '10:07'), at(D1, '23:41:10')], [at(D1, '11:05'), at(D1, '11:06')], [at(D1, '09:00:30'), at(D2, '12:59')]]) {
        const body = await ok(A.admin, `/api/analytics/summary?from=${new Date(from).toISOString()}&to=${from === at(D1, '11:05') ? to : new Date(to).toISOString()}`);
        const inRange = rows.filter((m) => m.createdAt >= from && m.createdAt < to);
        const bySender = { customer: 0, bot: 0, agent: 0, system: 0 };
        for (const m of inRange) bySender[m.senderType] += 1;
        expect(body.messages).toEqual({ total: inRange.length, bySender });
      }
    });

    it('super admin: one company by id, or every company added together (in UTC)', async () => {
      const superToken = await t.superAdminToken();
      const oneCompany = await ok(superToken, `/api/analytics/summary?companyId=${A.company.id}&from=${D1}&to=${D2}`);
      expect(oneCompany).toEqual({ ...summaryOfA, companyId: A.company.id, agents: agentsOfA() });

      const from = new Date(at(D1, '00:00')).toISOString();
      const to = new Date(at(D3, '00:00')).toISOString();
      const all = await ok(superToken, `/api/analytics/summary?from=${from}&to=${to}`);
      expect(all).toMatchObject({
        companyId: null, timeZone: 'UTC', conversations: 13, botResolved: { count: 8 },
        escalations: { total: 5, byReason: { ...noReasons, low_confidence: 1, customer_request: 1, keyword: 2, negative_sentiment: 1 } },
        // B's escalation adds a 20-minute wait and a 30-minute first response.
        queueWait: { count: 4, p50Seconds: 450 }, firstResponseTime: { count: 4, p50Seconds: 630 },
        csat: { count: 4, average: 3.25, distribution: { 1: 1, 2: 0, 3: 1, 4: 1, 5: 1 }, resolvedConversations: 5 },
        messages: { total: 52 },
      });
      expect(all.agents.map((a: any) => a.name).sort()).toEqual(['Bertha', 'Xavier', 'Yolanda']);
    });
  });

  describe('time series: local buckets, empty ones filled', () => {
    const series = async (metric: string, extra = '') => ok(A.admin, `/api/analytics/timeseries?metric=${metric}&from=${D1}&to=${D3}${extra}`);

    it('puts each metric in the right local day, 23:30 included, with an empty last day', async () => {
      const pick = (body: any, ...keys: string[]) => body.points.map((p: any) => Object.fromEntries([['label', p.label], ...keys.map((k) => [k, p[k]])]));
      const conversations = await series('conversations');
      expect(conversations).toMatchObject({ metric: 'conversations', interval: 'day', unit: 'count', timeZone: NY });
      expect(conversations.points.map((p: any) => p.start)).toEqual(['2026-03-05T05:00:00.000Z', '2026-03-06T05:00:00.000Z', '2026-03-07T05:00:00.000Z']);
      expect(pick(conversations, 'value')).toEqual([{ label: D1, value: 5 }, { label: D2, value: 5 }, { label: D3, value: 0 }]);
      expect(pick(await series('bot_resolved_rate'), 'value', 'botResolved')).toEqual([
        { label: D1, value: 0.4, botResolved: 2 }, { label: D2, value: 0.8, botResolved: 4 }, { label: D3, value: 0, botResolved: 0 },
      ]);
      expect(pick(await series('escalations'), 'value', 'byReason')).toEqual([
        { label: D1, value: 3, byReason: { ...noReasons, low_confidence: 1, customer_request: 1, keyword: 1 } },
        { label: D2, value: 1, byReason: { ...noReasons, negative_sentiment: 1 } },
        { label: D3, value: 0, byReason: noReasons },
      ]);
      const noSamples = { value: 0, count: 0, p50Seconds: null, p90Seconds: null };
      expect(pick(await series('queue_wait'), 'value', 'count', 'p50Seconds', 'p90Seconds')).toEqual([
        { label: D1, value: 300, count: 3, p50Seconds: 300, p90Seconds: 540 }, { label: D2, ...noSamples }, { label: D3, ...noSamples },
      ]);
      expect(pick(await series('first_response_time'), 'value', 'count', 'p90Seconds')).toEqual([
        { label: D1, value: 600, count: 3, p90Seconds: 648 }, { label: D2, value: 0, count: 0, p90Seconds: null }, { label: D3, value: 0, count: 0, p90Seconds: null },
      ]);
      expect(pick(await series('resolution_time'), 'value', 'count')).toEqual([
        { label: D1, value: 2700, count: 4 }, { label: D2, value: 0, count: 0 }, { label: D3, value: 0, count: 0 },
      ]);
      // Ratings count on the day they were given; c5's came at 00:35 on 6 March.
      expect(pick(await series('csat_average'), 'value', 'count')).toEqual([
        { label: D1, value: 4, count: 2 }, { label: D2, value: 4, count: 1 }, { label: D3, value: 0, count: 0 },
      ]);
      expect(pick(await series('csat_response_rate'), 'value', 'ratings', 'resolved')).toEqual([
        { label: D1, value: 2 / 3, ratings: 2, resolved: 3 }, { label: D2, value: 1, ratings: 1, resolved: 1 }, { label: D3, value: 0, ratings: 0, resolved: 0 },
      ]);
      expect(pick(await series('messages'), 'value', 'bySender')).toEqual([
        { label: D1, value: 24, bySender: { customer: 5, bot: 7, agent: 3, system: 9 } },
        { label: D2, value: 16, bySender: { customer: 5, bot: 9, agent: 0, system: 2 } },
        { label: D3, value: 0, bySender: { customer: 0, bot: 0, agent: 0, system: 0 } },
      ]);
      // X's evening session runs 23:00-01:00 across midnight; its conversation 23:45-00:30.
      expect(pick(await series('worked_hours'), 'value', 'seconds')).toEqual([
        { label: D1, value: 4.5, seconds: 16200 }, { label: D2, value: 2, seconds: 7200 }, { label: D3, value: 0, seconds: 0 },
      ]);
      expect(pick(await series('idle_hours'), 'value', 'seconds')).toEqual([
        { label: D1, value: 3.02, seconds: 10860 }, { label: D2, value: 1.5, seconds: 5400 }, { label: D3, value: 0, seconds: 0 },
      ]);
    });

    it('adds up to the summary', async () => {
      const total = (body: any) => body.points.reduce((sum: number, p: any) => sum + p.value, 0);
      expect(total(await series('conversations'))).toBe(summaryOfA.conversations);
      expect(total(await series('escalations'))).toBe(summaryOfA.escalations.total);
      expect(total(await series('messages'))).toBe(summaryOfA.messages.total);
    });

    it('buckets by local hour: 24 on an ordinary day, 23 on the day clocks spring forward', async () => {
      const hourly = await ok(A.admin, `/api/analytics/timeseries?metric=conversations&interval=hour&from=${D1}&to=${D1}`);
      expect(hourly.points).toHaveLength(24);
      const busy = hourly.points.filter((p: any) => p.value > 0).map((p: any) => [p.label, p.value]);
      expect(busy).toEqual([['2026-03-05T09:00-05:00', 1], ['2026-03-05T10:00-05:00', 1], ['2026-03-05T11:00-05:00', 1], ['2026-03-05T14:00-05:00', 1], ['2026-03-05T23:00-05:00', 1]]);
      const spring = await ok(A.admin, '/api/analytics/timeseries?metric=messages&interval=hour&from=2026-03-08&to=2026-03-08');
      expect(spring.points).toHaveLength(23);
      expect(spring.points.every((p: any) => p.value === 0)).toBe(true);
    });

    it("uses the company's zone: B's Kathmandu days start at 18:15 UTC", async () => {
      const body = await ok(B.admin, `/api/analytics/timeseries?metric=conversations&from=${D1}&to=${D2}`);
      expect(body.timeZone).toBe('Asia/Kathmandu');
      expect(body.points.map((p: any) => [p.label, p.start, p.value])).toEqual([
        [D1, '2026-03-04T18:15:00.000Z', 1], [D2, '2026-03-05T18:15:00.000Z', 2],
      ]);
    });
  });

  describe('tenant isolation', () => {
    it("a company's admin sees only their numbers and cannot ask for another company's", async () => {
      const b = await ok(B.admin, `/api/analytics/summary?from=${D1}&to=${D2}`);
      expect(b).toMatchObject({ companyId: B.company.id, conversations: 3, escalations: { total: 1 }, csat: { count: 1, average: 1 }, messages: { total: 12 } });
      expect(b.agents.map((a: any) => a.name)).toEqual(['Bertha']);
      const text = JSON.stringify(b);
      for (const needle of [A.company.id, X.id, Y.id, 'Xavier', 'Yolanda']) expect(text).not.toContain(needle);

      for (const path of ['summary?', 'timeseries?metric=conversations&', 'export/conversations?', 'export/agent-hours?', 'export/feedback?']) {
        const res = await get(A.admin, `/api/analytics/${path}companyId=${B.company.id}`);
        expect(res.status).toBe(403);
      }
    });

    it("exports carry only the caller's company", async () => {
      const needles = [B.company.id, ids.b1, ids.b2, ids.b3, B.agents[0].id];
      for (const path of ['conversations', 'agent-hours', 'feedback']) {
        const res = await get(A.admin, `/api/analytics/export/${path}?from=2026-03-01&to=2026-03-31`).expect(200);
        for (const needle of needles) expect(res.text).not.toContain(needle);
      }
    });

    it('agents cannot read analytics', async () => {
      await get(X, '/api/analytics/summary').expect(403);
      await get(X, '/api/analytics/export/feedback').expect(403);
    });
  });

  describe('validation', () => {
    it('names an unknown metric or interval in a 400', async () => {
      const bad = await get(A.admin, '/api/analytics/timeseries?metric=happiness').expect(400);
      expect(bad.body.message).toContain('"happiness"');
      expect(bad.body.details).toEqual([{ field: 'metric', errors: [expect.stringContaining('conversations, bot_resolved_rate')] }]);
      const missing = await get(A.admin, '/api/analytics/timeseries').expect(400);
      expect(missing.body.details[0].field).toBe('metric');
      const interval = await get(A.admin, '/api/analytics/timeseries?metric=messages&interval=week').expect(400);
      expect(interval.body.details).toEqual([{ field: 'interval', errors: [expect.stringContaining('"week"')] }]);
    });

    it('refuses from after to, a bad date, unknown parameters and too many hourly buckets', async () => {
      for (const path of ['summary?', 'timeseries?metric=conversations&', 'export/conversations?']) {
        const reversed = await get(A.admin, `/api/analytics/${path}from=${D2}&to=${D1}`).expect(400);
        expect(reversed.body).toMatchObject({ message: 'from must be before to', details: [{ field: 'from' }] });
      }
      expect((await get(A.admin, '/api/analytics/summary?from=yesterday').expect(400)).body.details[0].field).toBe('from');
      expect((await get(A.admin, '/api/analytics/summary?bogus=1').expect(400)).body.details[0].field).toBe('bogus');
      const long = await get(A.admin, '/api/analytics/timeseries?metric=messages&interval=hour&from=2025-01-01&to=2026-01-01').expect(400);
      expect(long.body.details[0].field).toBe('interval');
    });
  });

  describe('CSV exports', () => {
    const csvRows = (text: string) => text.trim().split('\r\n').map((line) => line.split(','));
    const asObjects = (text: string) => {
      const [header, ...rows] = csvRows(text);
      return rows.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };

    it('conversations: one row each, local dates, escalation timings and ratings', async () => {
      const res = await get(A.admin, `/api/analytics/export/conversations?from=${D1}&to=${D2}`).expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe('attachment; filename="conversations.csv"');
      const rows = asObjects(res.text);
      expect(rows).toHaveLength(10);
      const c5 = rows.find((r) => r.conversation_id === ids.c5)!;
      expect(c5).toMatchObject({
        created_at: '2026-03-06T04:30:00.000Z', local_date: D1, status: 'resolved', agent_id: X.id, agent_name: 'Xavier', human_involved: 'yes',
        bot_resolved: 'no', first_escalation_reason: 'keyword', queue_wait_seconds: '300', first_response_seconds: '600', resolution_seconds: '3600',
        messages: '6', rating: '4',
      });
      expect(rows.filter((r) => r.bot_resolved === 'yes').map((r) => r.conversation_id).sort()).toEqual([ids.c1, ids.c2, ids.c7, ids.c8, ids.c9, ids.c10].sort());
      const filtered = asObjects((await get(A.admin, `/api/analytics/export/conversations?from=${D1}&to=${D2}&agentId=${X.id}&status=resolved`).expect(200)).text);
      expect(filtered.map((r) => r.conversation_id).sort()).toEqual([ids.c3, ids.c5].sort());
    });

    it('agent hours: worked and idle time per agent and local day, split at midnight', async () => {
      const res = await get(A.admin, `/api/analytics/export/agent-hours?from=${D1}&to=${D2}`).expect(200);
      expect(res.headers['content-disposition']).toBe('attachment; filename="agent-hours.csv"');
      const rows = csvRows(res.text);
      expect(rows).toEqual([
        ['date', 'agent_id', 'agent_name', 'agent_email', 'worked_seconds', 'worked_hours', 'idle_seconds', 'idle_hours', 'conversations_handled'],
        [D1, X.id, 'Xavier', X.email, '9000', '2.5', '6600', '1.83', '2'],
        [D1, Y.id, 'Yolanda', Y.email, '7200', '2', '4260', '1.18', '1'],
        [D2, X.id, 'Xavier', X.email, '3600', '1', '1800', '0.5', '0'],
        [D2, Y.id, 'Yolanda', Y.email, '3600', '1', '3600', '1', '0'],
      ]);
      const onlyY = csvRows((await get(A.admin, `/api/analytics/export/agent-hours?from=${D1}&to=${D2}&agentId=${Y.id}`).expect(200)).text);
      expect(onlyY.slice(1).map((r) => r[1])).toEqual([Y.id, Y.id]);
    });

    it('feedback: every rating of the range, filterable by agent', async () => {
      const rows = asObjects((await get(A.admin, `/api/analytics/export/feedback?from=${D1}&to=${D2}`).expect(200)).text);
      expect(rows.map((r) => [r.conversation_id, r.local_date, r.agent_name, r.rating])).toEqual([
        [ids.c3, D1, 'Xavier', '3'], [ids.c4, D1, 'Yolanda', '5'], [ids.c5, D2, 'Xavier', '4'],
      ]);
      const onlyX = asObjects((await get(A.admin, `/api/analytics/export/feedback?from=${D1}&to=${D2}&agentId=${X.id}`).expect(200)).text);
      expect(onlyX.map((r) => r.rating)).toEqual(['3', '4']);
    });
  });

  describe('the live path feeds the same numbers', () => {
    it('a conversation driven through the sockets shows up in the summary, rollups and spans included', async () => {
      const C = await quickTenant(t, { agentCount: 1, agentNames: ['Live Lena'], settings: { timeZone: NY } });
      const [lena] = C.agents;
      const startedAt = Date.now();
      const agent = await onlineAgent(pool, lena);
      const v = await openVisitor(pool, C, { name: 'Live customer' });
      await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
      await statusPushed(v.socket, v.conversationId, 'assigned');
      await agent.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);
      // Once a person holds the conversation the bot stays quiet: this message cannot start another escalation.
      await v.socket.emitOk('message:send', { conversationId: v.conversationId, clientMessageId: cid('c'), text: 'Hello there' });
      await agent.emitOk('message:send', { conversationId: v.conversationId, clientMessageId: cid('a'), text: 'Hi, Lena here.' });
      await agent.emitOk('conversation:resolve', { conversationId: v.conversationId });
      await v.socket.emitOk('feedback:submit', { conversationId: v.conversationId, rating: 5 });
      await agent.emitOk('agent:status', { status: 'offline' });
      // A second visitor who has only just opened the chat: with the bot and still active, so not bot-resolved.
      const browsing = await openVisitor(pool, C, { name: 'Still browsing' });

      const conversation = await t.dataSource.getRepository(Conversation).findOneByOrFail({ id: v.conversationId });
      const [escalation] = await t.dataSource.getRepository(Escalation).findBy({ conversationId: v.conversationId });
      const [session] = await eventually(() => t.dataSource.getRepository(AgentSession).findBy({ agentId: lena.id }), (s) => s.length === 1 && s[0].endedAt !== null);
      const messages = await eventually(() => t.dataSource.getRepository(Message).findBy({ companyId: C.company.id }), (m) => m.some((x) => x.conversationId === browsing.conversationId));
      const [span] = await sqlRows<any>(t.dataSource, 'SELECT started_at, ended_at, agent_id FROM analytics_assignment_spans WHERE conversation_id = :id', { id: v.conversationId });
      expect(span.agent_id).toBe(lena.id);
      expect(Math.abs(Number(span.started_at) - (conversation.assignedAt as number))).toBeLessThan(100);
      expect(Math.abs(Number(span.ended_at) - (conversation.resolvedAt as number))).toBeLessThan(100);

      const from = new Date(startedAt - MIN).toISOString();
      const to = new Date(Date.now() + MIN).toISOString();
      const body = await ok(C.admin, `/api/analytics/summary?from=${from}&to=${to}`);
      const bySender = { customer: 0, bot: 0, agent: 0, system: 0 };
      for (const m of messages) bySender[m.senderType] += 1;
      const seconds = (a: number | null, b: number | null) => ((b as number) - (a as number)) / 1000;
      const worked = (session.endedAt as number) - session.startedAt;
      const busy = Math.min(Number(span.ended_at), session.endedAt as number) - Math.max(Number(span.started_at), session.startedAt);
      expect(body).toEqual({
        companyId: C.company.id, timeZone: NY, from, to,
        conversations: 2,
        botResolved: { count: 0, rate: 0 },
        escalations: { total: 1, byReason: { ...noReasons, customer_request: 1 } },
        firstResponseTime: { count: 1, p50Seconds: seconds(escalation.createdAt, escalation.firstResponseAt), p90Seconds: seconds(escalation.createdAt, escalation.firstResponseAt) },
        resolutionTime: { count: 1, p50Seconds: seconds(conversation.createdAt, conversation.resolvedAt), p90Seconds: seconds(conversation.createdAt, conversation.resolvedAt) },
        queueWait: { count: 1, p50Seconds: seconds(escalation.createdAt, escalation.assignedAt), p90Seconds: seconds(escalation.createdAt, escalation.assignedAt) },
        csat: { count: 1, average: 5, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 1 }, responseRate: 1, resolvedConversations: 1 },
        messages: { total: messages.length, bySender },
        agents: [{
          agentId: lena.id, name: 'Live Lena', email: lena.email, conversationsHandled: 1,
          medianFirstResponseSeconds: seconds(escalation.createdAt, escalation.firstResponseAt), csat: { count: 1, average: 5 },
          workedSeconds: Math.round(worked / 1000), workedHours: expect.any(Number), idleSeconds: Math.round((worked - busy) / 1000), idleHours: expect.any(Number),
        }],
      });
      expect(bySender).toMatchObject({ customer: 1, agent: 1 });
      // The counters came from message.created events, not a backfill: they match the message log row for row.
      const [rollup] = await sqlRows<any>(t.dataSource, "SELECT SUM(value) AS n FROM analytics_rollups WHERE company_id = :id AND metric = 'messages'", { id: C.company.id });
      expect(Number(rollup.n)).toBe(messages.length);
    });

    it('counts a message in the counters as soon as it is sent, though they are written in batches', async () => {
      const C = await quickTenant(t, { agentCount: 0, settings: { timeZone: NY } });
      const v = await openVisitor(pool, C, { name: 'Quick asker' });
      // A day either side: the message's 15-minute slot is whole, so it is read from the counters, not the message log.
      const range = `from=${new Date(Date.now() - 24 * 60 * MIN).toISOString()}&to=${new Date(Date.now() + 24 * 60 * MIN).toISOString()}`;
      await say(v, 'First question');
      expect((await ok(C.admin, `/api/analytics/summary?${range}`)).messages.bySender.customer).toBe(1);
      await say(v, 'Second question');
      const series = await ok(C.admin, `/api/analytics/timeseries?metric=messages&interval=hour&${range}`);
      expect(series.points.reduce((sum: number, p: any) => sum + p.bySender.customer, 0)).toBe(2);
    });
  });
});
