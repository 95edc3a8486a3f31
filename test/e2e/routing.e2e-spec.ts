import { getConversation, onlineAgent, openVisitor, quickAgent, quickTenant, statusPushed, TestVisitor } from '../factories/chat.factory';
import { TestTenant, TestUser } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { cid, SocketPool, TestSocket } from '../utils/socket-client';

describe('routing (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  /** A visitor who asks for a person and waits until the conversation is queued or assigned. */
  async function escalated(tenant: TestTenant, name: string): Promise<TestVisitor> {
    const v = await openVisitor(pool, tenant, { name });
    await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
    return v;
  }

  /** Which agent the conversation went to, as its customer is told. */
  async function assignedTo(v: TestVisitor, since = 0): Promise<string> {
    return (await statusPushed(v.socket, v.conversationId, 'assigned', since)).agent.id;
  }

  const assignedIds = (socket: TestSocket) => socket.all('conversation:assigned').map((a: any) => a.conversation.id);

  it('assigns to the agent with the fewest active conversations, then the one idle longest', async () => {
    const acme = await quickTenant(t, { agentCount: 2 });
    const [u1, u2] = acme.agents;
    const a1 = await onlineAgent(pool, u1);
    const a2 = await onlineAgent(pool, u2);
    const who: string[] = [];
    const visitors: TestVisitor[] = [];
    for (const name of ['c1', 'c2', 'c3', 'c4']) {
      const v = await escalated(acme, name);
      visitors.push(v);
      who.push(await assignedTo(v));
    }
    // c1: tie at 0, u1 idle longer; c2: u2 has fewer; c3: tie at 1, u1's last assignment is older; c4: u2 has fewer.
    expect(who).toEqual([u1.id, u2.id, u1.id, u2.id]);
    await a1.emitOk('conversation:resolve', { conversationId: visitors[0].conversationId });
    // u1 now has 1 conversation, u2 has 2.
    const c5 = await escalated(acme, 'c5');
    expect(await assignedTo(c5)).toBe(u1.id);
    await a1.waitFor('conversation:assigned', (a: any) => a.conversation.id === c5.conversationId);
    await a2.flush();
    expect(assignedIds(a1)).toEqual([visitors[0], visitors[2], c5].map((v) => v.conversationId));
    expect(assignedIds(a2)).toEqual([visitors[1], visitors[3]].map((v) => v.conversationId));
  });

  it('never goes past maxChatsPerAgent; resolving frees the slot and the next in queue is assigned', async () => {
    const acme = await quickTenant(t, { agentCount: 1, settings: { maxChatsPerAgent: 1 } });
    const agent = await onlineAgent(pool, acme.agents[0]);
    const first = await escalated(acme, 'first');
    expect(await assignedTo(first)).toBe(acme.agents[0].id);
    const second = await escalated(acme, 'second');
    await second.socket.waitFor('conversation:updated', (u: any) => u.status === 'queued' && u.queuePosition === 1);
    const third = await escalated(acme, 'third');
    await third.socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 2);

    const overClaim = await agent.emitAck('conversation:claim', { conversationId: second.conversationId });
    expect(overClaim).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
    await agent.flush();
    expect(assignedIds(agent)).toEqual([first.conversationId]);
    expect((await getConversation(t, acme.admin, second.conversationId)).status).toBe('queued');

    await agent.emitOk('conversation:resolve', { conversationId: first.conversationId });
    expect(await assignedTo(second)).toBe(acme.agents[0].id);
    await third.socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 1);
    await agent.flush();
    expect(assignedIds(agent)).toEqual([first.conversationId, second.conversationId]);
  });

  it('transfer back to the queue is not re-offered to the transferring agent; an agent going online takes it; a queued conversation can be claimed', async () => {
    const acme = await quickTenant(t, { agentCount: 2 });
    const [u1, u2] = acme.agents;
    const a1 = await onlineAgent(pool, u1);
    const v = await escalated(acme, 'bounced');
    expect(await assignedTo(v)).toBe(u1.id);

    const since = v.socket.mark();
    const ack = await a1.emitOk<any>('conversation:transfer', { conversationId: v.conversationId });
    expect(ack.conversation).toMatchObject({ id: v.conversationId, status: 'queued', assignedAgentId: null });
    await a1.waitFor('conversation:unassigned', (u: any) => u.conversationId === v.conversationId && u.reason === 'transferred');
    await statusPushed(v.socket, v.conversationId, 'queued', since);
    await v.socket.waitFor('message:new', (m: any) => m.sender.type === 'system' && m.text.includes(u1.name), undefined, since);
    await a1.waitFor('queue:updated', (q: any) => q.waiting.some((w: any) => w.conversationId === v.conversationId));
    await a1.flush();
    // u1 is online with free capacity, but handed it back: it stays in the queue.
    expect(assignedIds(a1)).toEqual([v.conversationId]);
    expect((await getConversation(t, acme.admin, v.conversationId)).status).toBe('queued');

    const a2 = await onlineAgent(pool, u2);
    expect(await assignedTo(v, since)).toBe(u2.id);
    await a2.flush();
    expect(assignedIds(a2)).toEqual([v.conversationId]);

    // u2 hands it back too: nobody is offered it; u1 claims it from the queue.
    // The queue is pushed before the transfer is acked: mark before sending.
    const beforeSecondTransfer = a1.mark();
    await a2.emitOk('conversation:transfer', { conversationId: v.conversationId });
    await a1.waitFor('queue:updated', (q: any) => q.waiting.some((w: any) => w.conversationId === v.conversationId), undefined, beforeSecondTransfer);
    const beforeClaim = a1.mark();
    const claimed = await a1.emitOk<any>('conversation:claim', { conversationId: v.conversationId });
    expect(claimed.conversation).toMatchObject({ status: 'assigned', assignedAgentId: u1.id });
    await a1.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId, undefined, beforeClaim);
    expect(await a2.emitAck('conversation:claim', { conversationId: v.conversationId })).toMatchObject({ ok: false, error: { code: 'not_claimable' } });
    const stored = await getConversation(t, acme.admin, v.conversationId);
    expect(stored.escalations.map((e: any) => e.reason)).toEqual(['customer_request', 'agent_transfer', 'agent_transfer']);
  });

  it('claims a conversation straight from the bot, recording an agent_transfer escalation', async () => {
    const acme = await quickTenant(t, { agentCount: 1 });
    const agent = await onlineAgent(pool, acme.agents[0]);
    const v = await openVisitor(pool, acme, { name: 'Direct' });
    const ack = await agent.emitOk<any>('conversation:claim', { conversationId: v.conversationId });
    expect(ack.conversation).toMatchObject({ status: 'assigned', assignedAgentId: acme.agents[0].id });
    await statusPushed(v.socket, v.conversationId, 'assigned');
    expect((await getConversation(t, acme.admin, v.conversationId)).escalations.map((e: any) => e.reason)).toEqual(['agent_transfer']);
    // Going offline, then claiming, is refused.
    await agent.emitOk('agent:status', { status: 'offline' });
    const other = await openVisitor(pool, acme);
    expect(await agent.emitAck('conversation:claim', { conversationId: other.conversationId })).toMatchObject({ ok: false, error: { code: 'agent_offline' } });
  });

  describe('transfer to a named agent', () => {
    let acme: TestTenant;
    let u1: TestUser;
    let u2: TestUser;
    let u3: TestUser;
    // A fresh company each time: agents of an earlier test stay online through their grace period.
    beforeEach(async () => {
      acme = await quickTenant(t, { agentCount: 3, settings: { maxChatsPerAgent: 2 } });
      [u1, u2, u3] = acme.agents;
    });

    it('hands the conversation to the named online agent: they get it with its history, the customer is told', async () => {
      const a1 = await onlineAgent(pool, u1);
      const v = await escalated(acme, 'Transferred Tess');
      expect(await assignedTo(v)).toBe(u1.id);
      const a2 = await onlineAgent(pool, u2);
      const since = v.socket.mark();
      const ack = await a1.emitOk<any>('conversation:transfer', { conversationId: v.conversationId, agentId: u2.id });
      expect(ack.conversation).toMatchObject({ status: 'assigned', assignedAgentId: u2.id });
      const got = await a2.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);
      expect(got.escalation.reason).toBe('agent_transfer');
      expect(got.messages.length).toBeGreaterThan(0);
      await a1.waitFor('conversation:unassigned', (u: any) => u.conversationId === v.conversationId && u.reason === 'transferred');
      expect(await assignedTo(v, since)).toBe(u2.id);
      await v.socket.waitFor('message:new', (m: any) => m.sender.type === 'system' && m.text === `${u2.name} joined the conversation.`, undefined, since);
      // u1 no longer holds it; u2 does.
      const text = { conversationId: v.conversationId, clientMessageId: cid('a'), text: 'still me?' };
      expect(await a1.emitAck('message:send', text)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      expect(await a2.emitAck('message:send', { ...text, clientMessageId: cid('a') })).toMatchObject({ ok: true });
      await a2.emitOk('conversation:resolve', { conversationId: v.conversationId });
    });

    it('refuses a transfer to an offline agent, to oneself, to another company, to a full agent, and by someone who does not hold it', async () => {
      const a1 = await onlineAgent(pool, u1);
      const a2 = await onlineAgent(pool, u2);
      const a3 = await onlineAgent(pool, u3);
      await a3.emitOk('agent:status', { status: 'offline' });
      const rival = await quickTenant(t, { agentCount: 1 });
      const rivalAgent = await onlineAgent(pool, rival.agents[0]);
      const v = await escalated(acme, 'Stuck Stan');
      const holder = await assignedTo(v);
      const [mine, notMine] = holder === u1.id ? [a1, a2] : [a2, a1];
      const other = holder === u1.id ? u2 : u1;
      const transfer = (socket: TestSocket, agentId?: string) => socket.emitAck('conversation:transfer', { conversationId: v.conversationId, ...(agentId ? { agentId } : {}) });

      expect(await transfer(mine, u3.id)).toMatchObject({ ok: false, error: { code: 'agent_offline' } });
      expect(await transfer(mine, holder)).toMatchObject({ ok: false, error: { code: 'same_agent' } });
      expect(await transfer(mine, rival.agents[0].id)).toMatchObject({ ok: false, error: { code: 'not_found' } });
      expect(await transfer(notMine, other.id)).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      // Three more: the other agent gets 1st and 3rd (fewest), the holder the 2nd (idle longer): both are then full.
      const fillers = [];
      for (const name of ['fill 1', 'fill 2', 'fill 3']) {
        const f = await escalated(acme, name);
        fillers.push(await assignedTo(f));
      }
      expect(fillers).toEqual([other.id, holder, other.id]);
      expect(await transfer(mine, other.id)).toMatchObject({ ok: false, error: { code: 'at_capacity' } });
      expect((await getConversation(t, acme.admin, v.conversationId)).assignedAgentId).toBe(holder);
      await rivalAgent.flush();
      expect(rivalAgent.all('conversation:assigned')).toEqual([]);
    });

    it("refuses a transfer to a colleague who has not connected since start-up as agent_offline, not 'no such agent'", async () => {
      const fresh = await quickAgent(t, acme.admin);
      const a1 = await onlineAgent(pool, u1);
      const v = await openVisitor(pool, acme, { name: 'Patient Pia' });
      await a1.emitOk('conversation:claim', { conversationId: v.conversationId });
      const ack = await a1.emitAck('conversation:transfer', { conversationId: v.conversationId, agentId: fresh.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'agent_offline' } });
    });
  });

  it('an agent going online takes waiting conversations from the queue, oldest first', async () => {
    const acme = await quickTenant(t, { agentCount: 1, settings: { maxChatsPerAgent: 2 } });
    const waiting = [await escalated(acme, 'w1'), await escalated(acme, 'w2'), await escalated(acme, 'w3')];
    await waiting[2].socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 3);
    const agent = await onlineAgent(pool, acme.agents[0]);
    await assignedTo(waiting[0]);
    await assignedTo(waiting[1]);
    await waiting[2].socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 1);
    await agent.flush();
    expect(assignedIds(agent)).toEqual([waiting[0].conversationId, waiting[1].conversationId]);
  });

  it('never routes across companies', async () => {
    const a = await quickTenant(t, { agentCount: 1 });
    const b = await quickTenant(t, { agentCount: 1 });
    const bAgent = await onlineAgent(pool, b.agents[0]);
    const v = await escalated(a, 'Lonely in A');
    await v.socket.waitFor('conversation:updated', (u: any) => u.status === 'queued');
    await bAgent.flush();
    expect(bAgent.all('conversation:assigned')).toEqual([]);
    expect(bAgent.dump()).not.toContain(v.conversationId);
    expect(await bAgent.emitAck('conversation:claim', { conversationId: v.conversationId })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect((await getConversation(t, a.admin, v.conversationId)).status).toBe('queued');
    // A's own agent coming online gets it.
    const aAgent = await onlineAgent(pool, a.agents[0]);
    expect(await assignedTo(v)).toBe(a.agents[0].id);
    await aAgent.flush();
    expect(assignedIds(aAgent)).toEqual([v.conversationId]);
  });

  it('records manual reassignments in the audit log: a transfer as reassigned, a claim as claimed, with who did it', async () => {
    const acme = await quickTenant(t, { agentCount: 2 });
    const [u1, u2] = acme.agents;
    const a1 = await onlineAgent(pool, u1);
    await onlineAgent(pool, u2);
    const v = await escalated(acme, 'audited');
    expect(await assignedTo(v)).toBe(u1.id);
    await a1.emitOk('conversation:transfer', { conversationId: v.conversationId, agentId: u2.id });
    const bot = await openVisitor(pool, acme, { name: 'claimed from the bot' });
    await a1.emitOk('conversation:claim', { conversationId: bot.conversationId });
    const audit = (await t.http().get('/api/audit-logs?limit=50').set('Authorization', `Bearer ${acme.admin.token}`)).body.items as any[];
    const reassigned = audit.find((r) => r.action === 'conversation.reassigned');
    expect(reassigned).toMatchObject({ actorId: u1.id, actorEmail: u1.email, targetId: v.conversationId, details: { toAgentId: u2.id, fromAgentId: u1.id } });
    const claimed = audit.find((r) => r.action === 'conversation.claimed');
    expect(claimed).toMatchObject({ actorId: u1.id, actorEmail: u1.email, targetId: bot.conversationId, details: { toAgentId: u1.id, fromAgentId: null } });
  });
});
