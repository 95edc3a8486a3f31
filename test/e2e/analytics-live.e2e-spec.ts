import { onlineAgent, openVisitor, quickTenant } from '../factories/chat.factory';
import { TestTenant } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { SocketPool, TestSocket } from '../utils/socket-client';

/** The promise: an admin's dashboard hears about a change within a second. */
const LIVE_MS = 1000;

describe('live dashboard: metrics:live and agent:presence (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  /** Waits for the first matching event after `since` and returns it with how long after `changedAt` it arrived. */
  async function arrival(socket: TestSocket, event: string, predicate: (p: any) => boolean, since: number, changedAt: number) {
    const payload = await socket.waitFor(event, predicate, LIVE_MS + 500, since);
    const received = socket.received.slice(since).find((r) => r.event === event && r.payload === payload)!;
    return { payload, afterMs: received.at - changedAt };
  }

  it('pushes agent presence and live numbers to admins within a second of each change', async () => {
    const acme: TestTenant = await quickTenant(t, { agentCount: 1, agentNames: ['Ola Online'] });
    const [ola] = acme.agents;
    const admin = await pool.staff({ token: acme.admin.token }, 'admin');

    // 1. The agent opens the console and goes online.
    let since = admin.mark();
    let changedAt = Date.now();
    const agent = await onlineAgent(pool, ola);
    const online = await arrival(admin, 'agent:presence', (p) => p.agentId === ola.id && p.status === 'online', since, changedAt);
    expect(online.payload).toEqual({ agentId: ola.id, name: 'Ola Online', status: 'online', activeConversations: 0 });
    expect(online.afterMs).toBeLessThanOrEqual(LIVE_MS);
    const live = await arrival(admin, 'metrics:live', (p) => p.agentsOnline === 1, since, changedAt);
    expect(live.payload).toEqual({ companyId: acme.company.id, agentsOnline: 1, queueLength: 0, longestWaitSeconds: 0, activeConversations: 0, at: expect.any(String) });
    expect(live.afterMs).toBeLessThanOrEqual(LIVE_MS);

    // 2. The agent steps away; a customer asks for a person and waits in the queue.
    since = admin.mark();
    changedAt = Date.now();
    await agent.emitOk('agent:status', { status: 'offline' });
    const away = await arrival(admin, 'agent:presence', (p) => p.agentId === ola.id && p.status === 'offline', since, changedAt);
    expect(away.afterMs).toBeLessThanOrEqual(LIVE_MS);
    expect((await arrival(admin, 'metrics:live', (p) => p.agentsOnline === 0, since, changedAt)).afterMs).toBeLessThanOrEqual(LIVE_MS);

    const v = await openVisitor(pool, acme, { name: 'Queued Quinn' });
    since = admin.mark();
    changedAt = Date.now();
    await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
    const queued = await arrival(admin, 'metrics:live', (p) => p.queueLength === 1, since, changedAt);
    expect(queued.payload).toMatchObject({ agentsOnline: 0, queueLength: 1, activeConversations: 0 });
    expect(queued.payload.longestWaitSeconds).toBeGreaterThanOrEqual(0);
    expect(queued.afterMs).toBeLessThanOrEqual(LIVE_MS);

    // 3. The agent comes back and is given the waiting conversation: queue empties, one active conversation.
    since = admin.mark();
    changedAt = Date.now();
    await agent.emitOk('agent:status', { status: 'online' });
    const busy = await arrival(admin, 'agent:presence', (p) => p.agentId === ola.id && p.activeConversations === 1, since, changedAt);
    expect(busy.payload).toMatchObject({ status: 'online', activeConversations: 1 });
    expect(busy.afterMs).toBeLessThanOrEqual(LIVE_MS);
    const assigned = await arrival(admin, 'metrics:live', (p) => p.queueLength === 0 && p.activeConversations === 1, since, changedAt);
    expect(assigned.payload).toMatchObject({ agentsOnline: 1, queueLength: 0, longestWaitSeconds: 0, activeConversations: 1 });
    expect(assigned.afterMs).toBeLessThanOrEqual(LIVE_MS);
  });

  it('greets a newly connected admin with one agent:presence per agent', async () => {
    const acme = await quickTenant(t, { agentCount: 2, agentNames: ['Gina Green', 'Hal Hidden'] });
    await onlineAgent(pool, acme.agents[0]);
    await pool.staff({ token: acme.agents[1].token }, 'hal');
    const admin = await pool.staff({ token: acme.admin.token }, 'admin');
    const presence = await Promise.all(acme.agents.map((a) => admin.waitFor('agent:presence', (p: any) => p.agentId === a.id)));
    expect(presence).toEqual([
      { agentId: acme.agents[0].id, name: 'Gina Green', status: 'online', activeConversations: 0 },
      { agentId: acme.agents[1].id, name: 'Hal Hidden', status: 'offline', activeConversations: 0 },
    ]);
  });

  it("never sends one company's live numbers or presence to another company's admin, nor to agents", async () => {
    const acme = await quickTenant(t, { agentCount: 1 });
    const other = await quickTenant(t, { agentCount: 0 });
    const otherAdmin = await pool.staff({ token: other.admin.token }, 'other admin');
    const colleague = await pool.staff({ token: (await quickTenant(t, { agentCount: 1 })).agents[0].token }, 'unrelated agent');
    const admin = await pool.staff({ token: acme.admin.token }, 'admin');
    const since = admin.mark();
    const agent = await onlineAgent(pool, acme.agents[0]);
    await admin.waitFor('metrics:live', (p: any) => p.companyId === acme.company.id && p.agentsOnline === 1, LIVE_MS + 500, since);
    await otherAdmin.flush();
    await colleague.flush();
    await agent.flush();
    for (const socket of [otherAdmin, colleague]) {
      expect(socket.all('metrics:live', (p: any) => p.companyId === acme.company.id)).toEqual([]);
      expect(socket.dump()).not.toContain(acme.agents[0].id);
    }
    // Agents run the console, not the dashboard: no live metrics for them.
    expect(agent.all('metrics:live')).toEqual([]);
  });
});
