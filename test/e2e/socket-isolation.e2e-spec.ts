import { randomUUID } from 'node:crypto';
import { createEntry, getConversation, onlineAgent, openVisitor, quickTenant, say, statusPushed, TestVisitor } from '../factories/chat.factory';
import { TestTenant } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { cid, SocketPool, TestSocket } from '../utils/socket-client';

const A_QUESTION = 'Where is the Zanzibar warehouse located?';
const A_ANSWER = 'Our Zanzibar warehouse is at 12 Quokka Lane, Stone Town.';
const A_CUSTOMER_TEXT = 'Please check parcel QX-771-ALPHA for me';
const A_AGENT_TEXT = 'Found parcel QX-771-ALPHA, it is on the truck.';

describe('socket isolation between companies and visitors (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;
  let A: TestTenant;
  let B: TestTenant;
  let aVisitor: TestVisitor;
  let aAgent: TestSocket;
  let aColleague: TestSocket;
  let bAgent: TestSocket;
  let bAdmin: TestSocket;
  let bOther: TestSocket;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
    A = await quickTenant(t, { name: `Alpha Widgets ${randomUUID().slice(0, 4)}`, agentCount: 2, agentNames: ['Alice Alphasson', 'Arnold Alphasson'] });
    B = await quickTenant(t, { name: `Bravo Gadgets ${randomUUID().slice(0, 4)}`, agentCount: 2, agentNames: ['Bob Bravosson', 'Bea Bravosson'] });
    await createEntry(t, A.admin, { question: A_QUESTION, answer: A_ANSWER });
    // B's whole team is connected and online while A's loop runs.
    bAgent = await onlineAgent(pool, B.agents[0], 'B agent');
    bOther = await onlineAgent(pool, B.agents[1], 'B agent 2');
    bAdmin = await onlineAgent(pool, B.admin, 'B admin');
  });
  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  it("runs A's loop (message, bot answer, escalation, queue, assignment, typing, replies) while B's whole team is connected and online", async () => {
    aVisitor = await openVisitor(pool, A, { name: 'Annabel Aardvark', email: 'annabel@alpha.test' });
    const asked = await say(aVisitor, A_QUESTION);
    const bot = await aVisitor.socket.waitFor('message:new', (m: any) => m.seq === asked.seq + 1);
    expect(bot.text).toBe(A_ANSWER);
    await aVisitor.socket.emitOk('typing', { conversationId: aVisitor.conversationId, isTyping: true });
    await aVisitor.socket.emitOk('handoff:request', { conversationId: aVisitor.conversationId });
    await statusPushed(aVisitor.socket, aVisitor.conversationId, 'queued');

    const aAdmin = await pool.staff({ token: A.admin.token }, 'A admin');
    await aAdmin.waitFor('queue:updated', (q: any) => q.waiting.some((w: any) => w.conversationId === aVisitor.conversationId));
    aAgent = await onlineAgent(pool, A.agents[0], 'A agent');
    const assigned = await aAgent.waitFor('conversation:assigned', (x: any) => x.conversation.id === aVisitor.conversationId);
    expect(assigned.escalation.reason).toBe('customer_request');
    aColleague = await onlineAgent(pool, A.agents[1], 'A colleague');

    await aAgent.emitOk('typing', { conversationId: aVisitor.conversationId, isTyping: true });
    await aVisitor.socket.waitFor('typing', (x: any) => x.sender.type === 'agent' && x.isTyping === true);
    await aVisitor.socket.emitOk('typing', { conversationId: aVisitor.conversationId, isTyping: false });
    await aAgent.waitFor('typing', (x: any) => x.sender.type === 'customer' && x.isTyping === false);
    const fromAgent = await aAgent.emitOk<any>('message:send', { conversationId: aVisitor.conversationId, clientMessageId: cid('a'), text: A_AGENT_TEXT });
    await aVisitor.socket.waitFor('message:new', (m: any) => m.id === fromAgent.message.id);
    const fromCustomer = await say(aVisitor, A_CUSTOMER_TEXT);
    await aAgent.waitFor('message:new', (m: any) => m.id === fromCustomer.id);
    await aAdmin.waitFor('agent:presence', (p: any) => p.agentId === A.agents[0].id && p.activeConversations === 1);
    await aAdmin.waitFor('metrics:live', (m: any) => m.companyId === A.company.id);
  });

  it("B's agents and admins cannot claim, resolve, transfer, write or type in A's conversation (not_found)", async () => {
    const id = aVisitor.conversationId;
    for (const socket of [bAgent, bAdmin]) {
      const attempts: [string, object][] = [
        ['conversation:claim', { conversationId: id }],
        ['conversation:resolve', { conversationId: id }],
        ['conversation:transfer', { conversationId: id }],
        ['conversation:transfer', { conversationId: id, agentId: B.agents[0].id }],
        ['message:send', { conversationId: id, clientMessageId: cid('x'), text: 'hijack' }],
        ['typing', { conversationId: id, isTyping: true }],
      ];
      for (const [event, payload] of attempts) {
        const ack = await socket.emitAck(event, payload);
        expect({ who: socket.label, event, ack }).toMatchObject({ who: socket.label, event, ack: { ok: false, error: { code: 'not_found' } } });
      }
    }
    // Nor hand one of B's own conversations to A's agent.
    const bVisitor = await openVisitor(pool, B, { name: 'Bernard' });
    await bAgent.emitOk('conversation:claim', { conversationId: bVisitor.conversationId });
    expect(await bAgent.emitAck('conversation:transfer', { conversationId: bVisitor.conversationId, agentId: A.agents[0].id })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    const stored = await getConversation(t, A.admin, id);
    expect(stored).toMatchObject({ status: 'assigned', assignedAgentId: A.agents[0].id });
    expect(stored.messages.map((m: any) => m.text)).not.toContain('hijack');
  });

  it("an A agent who does not hold the conversation cannot write, type, resolve or transfer it (forbidden), nor claim it (not_claimable)", async () => {
    const id = aVisitor.conversationId;
    const expectCode = async (event: string, payload: object, code: string) => {
      expect({ event, ack: await aColleague.emitAck(event, payload) }).toMatchObject({ event, ack: { ok: false, error: { code } } });
    };
    await expectCode('message:send', { conversationId: id, clientMessageId: cid('x'), text: 'butting in' }, 'forbidden');
    await expectCode('typing', { conversationId: id, isTyping: true }, 'forbidden');
    await expectCode('conversation:resolve', { conversationId: id }, 'forbidden');
    await expectCode('conversation:transfer', { conversationId: id, agentId: A.agents[1].id }, 'forbidden');
    await expectCode('conversation:claim', { conversationId: id }, 'not_claimable');
  });

  it("another visitor — of A or of B — cannot sync, send, type, hand off or rate the conversation (not_found), nor hears any of it", async () => {
    const id = aVisitor.conversationId;
    const sameCompany = await openVisitor(pool, A, { name: 'Nosy Neighbour' });
    const otherCompany = await openVisitor(pool, B, { name: 'Far Away Fred' });
    for (const intruder of [sameCompany, otherCompany]) {
      const attempts: [string, object][] = [
        ['conversation:sync', { conversationId: id, afterSeq: 0 }],
        ['message:send', { conversationId: id, clientMessageId: cid('x'), text: 'let me in' }],
        ['typing', { conversationId: id, isTyping: true }],
        ['handoff:request', { conversationId: id }],
        ['feedback:submit', { conversationId: id, rating: 1, comment: 'sabotage' }],
      ];
      for (const [event, payload] of attempts) {
        const ack = await intruder.socket.emitAck(event, payload);
        expect({ event, ack }).toMatchObject({ event, ack: { ok: false, error: { code: 'not_found' } } });
      }
    }
    // The owner's conversation keeps going; the intruders hear nothing of it.
    const more = await aAgent.emitOk<any>('message:send', { conversationId: id, clientMessageId: cid('a'), text: 'One more thing for Annabel' });
    await aVisitor.socket.waitFor('message:new', (m: any) => m.id === more.message.id);
    for (const intruder of [sameCompany, otherCompany]) {
      await intruder.socket.flush();
      expect(intruder.socket.dump()).not.toContain(id);
      expect(intruder.socket.dump()).not.toContain('Annabel');
    }
    const stored = await getConversation(t, A.admin, id);
    expect(stored.messages.map((m: any) => m.text)).not.toContain('let me in');
  });

  it("resolution and rating stay in A; after the whole loop, B's sockets got their own events and nothing of A's", async () => {
    const id = aVisitor.conversationId;
    await aAgent.emitOk('conversation:resolve', { conversationId: id });
    await statusPushed(aVisitor.socket, id, 'resolved');
    await aVisitor.socket.emitOk('feedback:submit', { conversationId: id, rating: 5, comment: 'Zanzibar rocks' });

    // Positive control: B's sockets are live and hear B's own loop.
    const bVisitor = await openVisitor(pool, B, { name: 'Bianca' });
    await bVisitor.socket.emitOk('handoff:request', { conversationId: bVisitor.conversationId });
    await statusPushed(bVisitor.socket, bVisitor.conversationId, 'assigned');
    await bAdmin.waitFor('queue:updated', (q: any) => q.companyId === B.company.id && q.waiting.length === 0);

    const needles = [
      id, aVisitor.open.visitorToken, A.company.id, A.company.name, A.company.widgetKey, 'Annabel', 'annabel@alpha.test', A_QUESTION, A_ANSWER,
      A_CUSTOMER_TEXT, A_AGENT_TEXT, 'QX-771', 'Zanzibar', ...[A.admin, ...A.agents].flatMap((u) => [u.id, u.name, u.email]),
    ];
    for (const socket of [bAgent, bOther, bAdmin]) {
      await socket.flush();
      expect(socket.received.length).toBeGreaterThan(1);
      const dump = socket.dump();
      const leaked = needles.filter((n) => dump.includes(n));
      expect({ socket: socket.label, leaked }).toEqual({ socket: socket.label, leaked: [] });
    }
    expect(bAdmin.all('agent:presence').every((p: any) => B.agents.some((a) => a.id === p.agentId) || p.agentId === B.admin.id)).toBe(true);
    expect(bAdmin.all('metrics:live').every((m: any) => m.companyId === B.company.id)).toBe(true);
  });
});
