import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { AgentSession } from '../../src/agents/entities/agent-session.entity';
import { buildDataSourceOptions } from '../../src/database/data-source';
import { User } from '../../src/users/entities/user.entity';
import { getConversation, onlineAgent, openVisitor, quickTenant, say } from '../factories/chat.factory';
import { bearer, TestTenant, TestUser } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { cid, eventually, settle, SocketPool } from '../utils/socket-client';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function sessionsOf(ds: DataSource, agentId: string): Promise<AgentSession[]> {
  return ds.getRepository(AgentSession).find({ where: { agentId }, order: { startedAt: 'ASC' } });
}

async function workedTotal(ds: DataSource, agentId: string): Promise<number> {
  return (await ds.getRepository(User).findOneByOrFail({ id: agentId })).workedSecondsTotal;
}

/** Moves the agent's open session back in time, as if they had been online that long. */
async function backdateOpenSession(ds: DataSource, agentId: string, ms: number): Promise<void> {
  await ds.createQueryBuilder().update(AgentSession).set({ startedAt: () => `started_at - ${Math.round(ms)}` })
    .where('agent_id = :agentId AND ended_at IS NULL', { agentId }).execute();
  const open = (await sessionsOf(ds, agentId)).filter((s) => s.endedAt === null);
  if (open.length !== 1) throw new Error(`expected one open session, found ${open.length}`);
}

describe('presence and working hours (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  const agentRow = async (tenant: TestTenant, agentId: string) => {
    const res = await t.http().get('/api/agents').set('Authorization', bearer(tenant.admin)).expect(200);
    return res.body.find((a: any) => a.id === agentId);
  };

  it('several tabs of one agent are one presence: online once, one session; closing one tab keeps them online', async () => {
    const acme = await quickTenant(t, { agentCount: 1, settings: { gracePeriodSeconds: 1 } });
    const agent = acme.agents[0];
    const admin = await pool.staff({ token: acme.admin.token }, 'admin');
    const since = admin.mark();
    const tab1 = await pool.staff({ token: agent.token }, 'tab1');
    const tab2 = await pool.staff({ token: agent.token }, 'tab2');
    expect(await tab1.emitOk<any>('agent:status', { status: 'online' })).toMatchObject({ status: 'online', workedSecondsToday: expect.any(Number) });
    expect(await tab2.emitOk<any>('agent:status', { status: 'online' })).toMatchObject({ status: 'online' });
    await admin.waitFor('agent:presence', (p: any) => p.agentId === agent.id && p.status === 'online', undefined, since);
    expect(await sessionsOf(t.dataSource, agent.id)).toHaveLength(1);
    expect(await agentRow(acme, agent.id)).toMatchObject({ status: 'online', connected: true });

    tab1.close();
    await settle(1400); // past the 1 s grace period
    expect(await agentRow(acme, agent.id)).toMatchObject({ status: 'online', connected: true });
    const sessions = await sessionsOf(t.dataSource, agent.id);
    expect(sessions.map((s) => s.endedAt)).toEqual([null]);
    await admin.flush();
    expect(admin.all('agent:presence', (p: any) => p.agentId === agent.id && p.status === 'online')).toHaveLength(1);
    expect(admin.all('agent:presence', (p: any) => p.agentId === agent.id && p.status === 'offline')).toEqual([]);

    // The last tab gone: offline after the grace period, session closed.
    tab2.close();
    await admin.waitFor('agent:presence', (p: any) => p.agentId === agent.id && p.status === 'offline');
    const [closed] = await eventually(() => sessionsOf(t.dataSource, agent.id), (s) => s[0]?.endedAt !== null);
    expect(closed.endReason).toBe('grace_expired');
    expect(await agentRow(acme, agent.id)).toMatchObject({ status: 'offline', connected: false });
  });

  it('a second tab opened after an assignment follows that conversation too', async () => {
    const acme = await quickTenant(t, { agentCount: 1 });
    const tab1 = await onlineAgent(pool, acme.agents[0], 'tab1');
    const v = await openVisitor(pool, acme, { name: 'Tabitha' });
    await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
    await tab1.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);
    const tab2 = await pool.staff({ token: acme.agents[0].token }, 'tab2');
    const m = await say(v, 'Is anyone reading this?');
    await tab1.waitFor('message:new', (x: any) => x.id === m.id);
    await tab2.waitFor('message:new', (x: any) => x.id === m.id);
  });

  it('an agent who reconnects within the grace period keeps the assignment and the session', async () => {
    const acme = await quickTenant(t, { agentCount: 1, settings: { gracePeriodSeconds: 1 } });
    const agentUser = acme.agents[0];
    const tab = await onlineAgent(pool, agentUser);
    const v = await openVisitor(pool, acme, { name: 'Patience' });
    await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
    await tab.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);
    const since = v.socket.mark();
    tab.close();
    const back = await pool.staff({ token: agentUser.token }, 'reconnected');
    await settle(1500); // past the 1 s grace period
    expect((await getConversation(t, acme.admin, v.conversationId)).assignedAgentId).toBe(agentUser.id);
    expect(v.socket.all('conversation:updated', (u: any) => u.status === 'queued').length).toBe(0);
    expect(v.socket.received.slice(since)).toEqual([]);
    const sessions = await t.dataSource.getRepository(AgentSession).findBy({ agentId: agentUser.id });
    expect(sessions.map((s) => s.endedAt)).toEqual([null]);
    // The reconnected console can still write in it.
    const reply = await back.emitOk<any>('message:send', { conversationId: v.conversationId, clientMessageId: cid('a'), text: 'Sorry, my wifi dropped.' });
    await v.socket.waitFor('message:new', (m: any) => m.id === reply.message.id);
  });

  it("a console that reconnects within the grace period receives the customer's next messages", async () => {
    const acme = await quickTenant(t, { agentCount: 1, settings: { gracePeriodSeconds: 30 } });
    const agentUser = acme.agents[0];
    const tab = await onlineAgent(pool, agentUser);
    const v = await openVisitor(pool, acme, { name: 'Quentin' });
    await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
    await tab.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);
    tab.close();
    const back = await pool.staff({ token: agentUser.token }, 'reconnected');
    const m = await say(v, 'Hello? Are you still there?');
    await back.waitFor('message:new', (x: any) => x.id === m.id);
  });

  it('agent:status online opens a work session and offline closes it; worked_seconds_total is the sum of closed sessions', async () => {
    const acme = await quickTenant(t, { agentCount: 1, settings: { gracePeriodSeconds: 1 } });
    const agent = acme.agents[0];
    const tab = await pool.staff({ token: agent.token });
    await tab.emitOk('agent:status', { status: 'online' });
    let sessions = await sessionsOf(t.dataSource, agent.id);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ endedAt: null, durationSeconds: null, endReason: null, companyId: acme.company.id });

    await backdateOpenSession(t.dataSource, agent.id, HOUR);
    const off = await tab.emitOk<any>('agent:status', { status: 'offline' });
    expect(off.status).toBe('offline');
    sessions = await sessionsOf(t.dataSource, agent.id);
    expect(sessions[0]).toMatchObject({ endReason: 'offline' });
    expect(sessions[0].durationSeconds).toBeGreaterThanOrEqual(3600);
    expect(sessions[0].durationSeconds).toBeLessThan(3600 + 30);
    expect(sessions[0].endedAt! - sessions[0].startedAt).toBeGreaterThanOrEqual(HOUR);
    // Offline twice closes nothing twice.
    await tab.emitOk('agent:status', { status: 'offline' });
    expect(await workedTotal(t.dataSource, agent.id)).toBe(sessions[0].durationSeconds);

    // A second period, ended by the connection dropping (grace expiry).
    const again = await tab.emitOk<any>('agent:status', { status: 'online' });
    expect(again.workedSecondsToday).toBeGreaterThanOrEqual(0);
    await backdateOpenSession(t.dataSource, agent.id, 10 * 60_000);
    tab.close();
    sessions = await eventually(() => sessionsOf(t.dataSource, agent.id), (s) => s.length === 2 && s[1].endedAt !== null);
    expect(sessions.map((s) => s.endReason)).toEqual(['offline', 'grace_expired']);
    expect(sessions[1].durationSeconds).toBeGreaterThanOrEqual(600);
    const sum = sessions.reduce((total, s) => total + (s.durationSeconds ?? 0), 0);
    expect(sum).toBeGreaterThanOrEqual(4200);
    expect(await workedTotal(t.dataSource, agent.id)).toBe(sum);

    const res = await t.http().get(`/api/agents/${agent.id}/work-sessions`).set('Authorization', bearer(acme.admin)).expect(200);
    expect(res.body.workedSecondsTotal).toBe(sum);
    expect(res.body.sessions.map((s: any) => [s.durationSeconds, s.endReason, s.open])).toEqual(sessions.map((s) => [s.durationSeconds, s.endReason, false]));
  });

  describe('GET /api/agents/:id/work-sessions and /api/agents/hours', () => {
    let acme: TestTenant;
    let agent: TestUser;
    let other: TestUser;
    // Three days ago, in UTC; Tokyo is UTC+9 with no daylight saving.
    const base = Math.floor(Date.now() / DAY) * DAY - 3 * DAY;
    const day1 = isoDate(base);
    const day2 = isoDate(base + DAY);
    const from = isoDate(base - DAY);
    const to = isoDate(base + 2 * DAY);

    beforeAll(async () => {
      acme = await quickTenant(t, { agentCount: 2, settings: { timeZone: 'Asia/Tokyo' } });
      [agent, other] = acme.agents;
      const repo = t.dataSource.getRepository(AgentSession);
      const closed = (agentId: string, start: number, end: number) => repo.create({
        id: randomUUID(), companyId: acme.company.id, agentId, startedAt: start, endedAt: end, durationSeconds: Math.round((end - start) / 1000), endReason: 'offline',
      });
      await repo.insert([
        // 23:00 → 01:00 Tokyo time: one hour on each local day.
        closed(agent.id, base + 14 * HOUR, base + 16 * HOUR),
        // 10:00 → 10:30 Tokyo on the second day.
        closed(agent.id, base + DAY + HOUR, base + DAY + 1.5 * HOUR),
        closed(other.id, base + DAY + 2 * HOUR, base + DAY + 4 * HOUR),
      ]);
    });

    it('lists an agent’s sessions in a range, for an admin and for the agent themself only', async () => {
      const res = await t.http().get(`/api/agents/${agent.id}/work-sessions?from=${from}&to=${to}`).set('Authorization', bearer(acme.admin)).expect(200);
      expect(res.body).toMatchObject({ agentId: agent.id, timeZone: 'Asia/Tokyo' });
      expect(res.body.sessions.map((s: any) => [s.startedAt, s.durationSeconds, s.endReason, s.open])).toEqual([
        [new Date(base + 14 * HOUR).toISOString(), 7200, 'offline', false],
        [new Date(base + DAY + HOUR).toISOString(), 1800, 'offline', false],
      ]);
      await t.http().get(`/api/agents/${agent.id}/work-sessions?from=${from}&to=${to}`).set('Authorization', bearer(agent)).expect(200);
      await t.http().get(`/api/agents/${other.id}/work-sessions`).set('Authorization', bearer(agent)).expect(403);
      const rival = await quickTenant(t, { agentCount: 0 });
      await t.http().get(`/api/agents/${agent.id}/work-sessions`).set('Authorization', bearer(rival.admin)).expect(404);
    });

    it('totals hours per agent and local day (JSON), splitting sessions at local midnight', async () => {
      const res = await t.http().get(`/api/agents/hours?from=${from}&to=${to}`).set('Authorization', bearer(acme.admin)).expect(200);
      expect(res.body.timeZone).toBe('Asia/Tokyo');
      const rows = res.body.days.map((d: any) => [d.date, d.agentId, d.seconds, d.hours]);
      expect(rows).toEqual(expect.arrayContaining([
        [day1, agent.id, 3600, 1],
        [day2, agent.id, 5400, 1.5],
        [day2, other.id, 7200, 2],
      ]));
      expect(rows).toHaveLength(3);
      expect(res.body.days.find((d: any) => d.agentId === agent.id)).toMatchObject({ agentName: agent.name, agentEmail: agent.email });
      // An agent sees only their own hours.
      const own = await t.http().get(`/api/agents/hours?from=${from}&to=${to}`).set('Authorization', bearer(other)).expect(200);
      expect(own.body.days.map((d: any) => [d.date, d.agentId, d.seconds])).toEqual([[day2, other.id, 7200]]);
    });

    it('exports the same totals as CSV (format=csv)', async () => {
      const res = await t.http().get(`/api/agents/hours?from=${from}&to=${to}&format=csv&agentId=${agent.id}`).set('Authorization', bearer(acme.admin)).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toMatch(/attachment; filename="agent-hours\.csv"/);
      const lines = res.text.trim().split(/\r\n/);
      expect(lines[0]).toBe('date,agent_id,agent_name,agent_email,seconds,hours');
      expect(lines.slice(1)).toEqual([
        `${day1},${agent.id},${agent.name},${agent.email},3600,1`,
        `${day2},${agent.id},${agent.name},${agent.email},5400,1.5`,
      ]);
    });
  });
});

describe('work sessions across restarts (e2e)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-restart-'));
  const sqlitePath = path.join(dir, 'hub.sqlite');
  let app: TestApp | null = null;
  let pool: SocketPool | null = null;

  afterAll(async () => {
    pool?.closeAll();
    await app?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('closes open sessions at shutdown, and at start-up closes those a crash left open at the last heartbeat', async () => {
    app = await createTestApp({}, { sqlitePath });
    pool = new SocketPool(app);
    const acme = await quickTenant(app, { agentCount: 2 });
    const [agent, crashed] = acme.agents;
    const tab = await onlineAgent(pool, agent);
    await backdateOpenSession(app.dataSource, agent.id, 20 * 60_000);
    const closingAt = Date.now();
    await app.close(); // the socket is still connected: a real shutdown
    app = null;
    pool.closeAll();
    void tab;

    // Look at the file the way an operator would, with the app down.
    const ds = new DataSource(buildDataSourceOptions({ type: 'sqlite', path: sqlitePath }));
    await ds.initialize();
    const [shut] = await sessionsOf(ds, agent.id);
    expect(shut.endReason).toBe('shutdown');
    expect(shut.endedAt).toBeGreaterThanOrEqual(closingAt);
    expect(shut.durationSeconds).toBeGreaterThanOrEqual(1200);
    expect(shut.durationSeconds).toBeLessThan(1200 + 30);
    expect(await workedTotal(ds, crashed.id)).toBe(0);
    expect(await workedTotal(ds, agent.id)).toBe(shut.durationSeconds);

    // Simulate a crash: a session nobody closed, and the agent's last heartbeat an hour after it began.
    const startedAt = Date.now() - 3 * HOUR;
    const heartbeat = startedAt + HOUR;
    const crashId = randomUUID();
    await ds.getRepository(AgentSession).insert({ id: crashId, companyId: acme.company.id, agentId: crashed.id, startedAt, endedAt: null, durationSeconds: null, endReason: null });
    await ds.getRepository(User).update({ id: crashed.id }, { lastHeartbeatAt: heartbeat });
    await ds.destroy();

    app = await createTestApp({}, { sqlitePath });
    const recovered = await app.dataSource.getRepository(AgentSession).findOneByOrFail({ id: crashId });
    expect(recovered).toMatchObject({ endedAt: heartbeat, durationSeconds: 3600, endReason: 'crash_recovered' });
    expect(await workedTotal(app.dataSource, crashed.id)).toBe(3600);
    // The shutdown-closed session is left as it was.
    expect((await sessionsOf(app.dataSource, agent.id)).map((s) => [s.id, s.endReason, s.durationSeconds])).toEqual([[shut.id, 'shutdown', shut.durationSeconds]]);
    // Every closed session is counted once in the stored totals.
    const sums = await app.dataSource.query('SELECT agent_id AS agentId, SUM(duration_seconds) AS seconds FROM agent_sessions WHERE ended_at IS NOT NULL GROUP BY agent_id');
    for (const row of sums) expect(await workedTotal(app.dataSource, row.agentId)).toBe(Number(row.seconds));
    // And the API on the restarted app reports it.
    const adminToken = await app.login(acme.admin.email);
    const res = await app.http().get(`/api/agents/${crashed.id}/work-sessions?from=${isoDate(startedAt - DAY)}`).set('Authorization', bearer(adminToken)).expect(200);
    expect(res.body.sessions).toEqual([expect.objectContaining({ id: crashId, durationSeconds: 3600, endReason: 'crash_recovered', open: false })]);
    expect(res.body.workedSecondsTotal).toBe(3600);
  });
});
