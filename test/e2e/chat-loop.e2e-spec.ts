import { JwtService } from '@nestjs/jwt';
import { randomUUID } from 'node:crypto';
import { AgentSession } from '../../src/agents/entities/agent-session.entity';
import { Message } from '../../src/chat/entities/message.entity';
import { createEntry, getConversation, onlineAgent, openVisitor, quickAgent, quickTenant, say, statusPushed, TestEntry } from '../factories/chat.factory';
import { bearer, TestTenant } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { cid, eventually, settle, SocketPool, TestSocket } from '../utils/socket-client';

const SHIPPING = { question: 'How long does shipping take?', answer: 'Shipping takes 3 to 5 business days within the EU.' };
const RETURNS = { question: 'What is your returns policy?', answer: 'You can return unworn items within 30 days for free.' };
// Shares words with SHIPPING only: the assistant finds it, but far below a 0.99 threshold.
const UNSURE_SHIPPING = 'how long does delivery of my parcel to Norway take';
const UNKNOWN = 'What is the airspeed velocity of an unladen swallow?';

const fields = (ack: any) => (ack.error?.details ?? []).map((d: { field: string }) => d.field).sort();
const seqs = (messages: { seq: number }[]) => messages.map((m) => m.seq);
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe('chat loop (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  /** The customer's view of one bot turn: the bot's reply, or null once the conversation went to the queue. */
  async function botTurn(socket: TestSocket, conversationId: string, customerSeq: number): Promise<any | null> {
    const next = await socket.waitFor('message:new', (m: any) => m.conversationId === conversationId && m.seq === customerSeq + 1);
    return next.sender.type === 'bot' ? next : null;
  }

  async function escalationsOf(tenant: TestTenant, conversationId: string): Promise<any[]> {
    return eventually(async () => (await getConversation(t, tenant.admin, conversationId)).escalations as any[], (e) => e.length > 0);
  }

  describe('gateway: authentication at connect', () => {
    let acme: TestTenant;
    let other: TestTenant;
    beforeAll(async () => {
      acme = await quickTenant(t, { agentCount: 1 });
      other = await quickTenant(t, { agentCount: 0 });
    });

    it('refuses a bad widget key and a forged, expired or foreign visitor token (connect_error)', async () => {
      const badKey = await pool.refused('/customer', { widgetKey: 'wk_not-a-real-key' });
      expect(badKey.data).toMatchObject({ code: 'unauthorized' });
      expect((await pool.refused('/customer', {})).data?.code).toBe('unauthorized');

      const widgetKey = acme.company.widgetKey;
      const real = await openVisitor(pool, acme);
      const claims = JSON.parse(Buffer.from(real.visitorToken.split('.')[1], 'base64url').toString());
      const right = new JwtService({ secret: t.config.jwtSecret });
      const now = Math.floor(Date.now() / 1000);
      // Control: the same claims, signed with the app's secret and unexpired, are accepted.
      const control = await right.signAsync({ sub: claims.sub, cid: acme.company.id, aud: 'switchboard:visitor', iat: now, exp: now + 600 });
      await expect(pool.customer({ widgetKey, visitorToken: control })).resolves.toBeDefined();

      const forged = await new JwtService({ secret: 'x'.repeat(40) }).signAsync({ sub: claims.sub, cid: acme.company.id, aud: 'switchboard:visitor' });
      const expired = await right.signAsync({ sub: claims.sub, cid: acme.company.id, aud: 'switchboard:visitor', iat: now - 7200, exp: now - 60 });
      const staffToken = acme.agents[0].token; // a real JWT of this app, but not a visitor token
      const foreign = (await openVisitor(pool, other)).visitorToken; // another company's visitor
      for (const visitorToken of [forged, expired, staffToken, foreign, 'garbage']) {
        const refusal = await pool.refused('/customer', { widgetKey, visitorToken });
        expect(refusal.data).toMatchObject({ code: 'unauthorized' });
      }
      // A disabled company's widget key stops working too.
      await expect(pool.customer({ widgetKey: other.company.widgetKey })).resolves.toBeDefined();
      await t.http().patch(`/api/companies/${other.company.id}`).set('Authorization', bearer(await t.superAdminToken())).send({ isActive: false }).expect(200);
      expect((await pool.refused('/customer', { widgetKey: other.company.widgetKey })).data).toMatchObject({ code: 'unauthorized' });
    });

    it('refuses a missing, bad or forged JWT and a deactivated user on /staff (connect_error)', async () => {
      await expect(pool.staff({ token: acme.agents[0].token })).resolves.toBeDefined();
      const forged = await new JwtService({ secret: 'y'.repeat(40) }).signAsync({ sub: acme.admin.id, role: 'admin', cid: acme.company.id, ver: 0 });
      for (const auth of [{}, { token: 'not-a-jwt' }, { token: forged }]) {
        expect((await pool.refused('/staff', auth)).data).toMatchObject({ code: 'unauthorized' });
      }
      const leaver = await quickAgent(t, acme.admin);
      await expect(pool.staff({ token: leaver.token })).resolves.toBeDefined();
      await t.http().delete(`/api/users/${leaver.id}`).set('Authorization', bearer(acme.admin)).expect(200);
      expect((await pool.refused('/staff', { token: leaver.token })).data).toMatchObject({ code: 'unauthorized' });
    });

    it("disconnects a deactivated agent's open sockets and closes their work session", async () => {
      const leaver = await quickAgent(t, acme.admin);
      const tab1 = await onlineAgent(pool, leaver);
      const tab2 = await pool.staff({ token: leaver.token }, 'tab2');
      const v = await openVisitor(pool, acme, { name: 'Left Behind' });
      await tab1.emitOk('conversation:claim', { conversationId: v.conversationId });
      const since = v.socket.mark();
      await t.http().delete(`/api/users/${leaver.id}`).set('Authorization', bearer(acme.admin)).expect(200);
      await tab1.waitFor('disconnect');
      await tab2.waitFor('disconnect');
      expect(tab1.connected || tab2.connected).toBe(false);
      // Their conversation goes back to the queue at once, with a word to the customer.
      await statusPushed(v.socket, v.conversationId, 'queued', since);
      await v.socket.waitFor('message:new', (m: any) => m.sender.type === 'system' && /no longer available/.test(m.text), undefined, since);
      const sessions = await eventually(() => t.dataSource.getRepository(AgentSession).findBy({ agentId: leaver.id }), (s) => s.every((x) => x.endedAt !== null));
      expect(sessions).toHaveLength(1);
      expect(sessions[0].endReason).toBe('deactivated');
    });
  });

  describe('gateway: payload validation', () => {
    let acme: TestTenant;
    beforeAll(async () => {
      acme = await quickTenant(t, { agentCount: 1 });
    });

    it('answers every invalid customer payload with validation_failed naming the fields, and stores nothing', async () => {
      const v = await openVisitor(pool, acme);
      const own = v.conversationId;
      const cases: [string, unknown, string[]][] = [
        ['conversation:open', { name: 42, email: 'not-an-email', admin: true }, ['admin', 'email', 'name']],
        ['message:send', { conversationId: 'nope', clientMessageId: 'has spaces', text: '' }, ['clientMessageId', 'conversationId', 'text']],
        ['message:send', { conversationId: own, clientMessageId: cid(), text: 'x'.repeat(5001) }, ['text']],
        ['conversation:sync', { conversationId: own, afterSeq: -1 }, ['afterSeq']],
        ['handoff:request', {}, ['conversationId']],
        ['typing', { conversationId: own, isTyping: 'yes' }, ['isTyping']],
        ['feedback:submit', { conversationId: own, rating: 6, comment: 5 }, ['comment', 'rating']],
      ];
      for (const [event, payload, expected] of cases) {
        const ack = await v.socket.emitAck(event, payload);
        expect({ event, ok: ack.ok, code: (ack as any).error?.code, fields: fields(ack) }).toEqual({ event, ok: false, code: 'validation_failed', fields: expected });
        expect((ack as any).error.message).toEqual(expect.any(String));
      }
      const notAnObject = await v.socket.emitAck('message:send', 'hello');
      expect(notAnObject).toMatchObject({ ok: false, error: { code: 'validation_failed' } });
      const stored = await getConversation(t, acme.admin, own);
      expect(seqs(stored.messages)).toEqual([1]); // only the greeting
    });

    it('answers every invalid staff payload with validation_failed naming the fields', async () => {
      const agent = await pool.staff({ token: acme.agents[0].token });
      const id = randomUUID();
      const cases: [string, unknown, string[]][] = [
        ['agent:status', { status: 'away' }, ['status']],
        ['conversation:claim', { conversationId: 'x' }, ['conversationId']],
        ['conversation:resolve', {}, ['conversationId']],
        ['conversation:transfer', { conversationId: id, agentId: 'bob' }, ['agentId']],
        ['message:send', { conversationId: id, clientMessageId: cid(), text: 'x'.repeat(5001), extra: 1 }, ['extra', 'text']],
        ['typing', { conversationId: id }, ['isTyping']],
      ];
      for (const [event, payload, expected] of cases) {
        const ack = await agent.emitAck(event, payload);
        expect({ event, ok: ack.ok, code: (ack as any).error?.code, fields: fields(ack) }).toEqual({ event, ok: false, code: 'validation_failed', fields: expected });
      }
    });
  });

  describe('messages: storage, seq, idempotency, sync, resume', () => {
    let acme: TestTenant;
    let shipping: TestEntry;
    beforeAll(async () => {
      acme = await quickTenant(t, { agentCount: 1 });
      shipping = await createEntry(t, acme.admin, SHIPPING);
    });

    it('stores each message before acking it, with contiguous per-conversation seq', async () => {
      const v = await openVisitor(pool, acme);
      const messages = t.dataSource.getRepository(Message);
      const acked: number[] = [];
      for (const text of ['hello', SHIPPING.question, 'thanks']) {
        const message = await say(v, text);
        // The ack is only sent once the row exists.
        const row = await messages.findOneBy({ id: message.id });
        expect(row).toMatchObject({ conversationId: v.conversationId, seq: message.seq, text, senderType: 'customer' });
        acked.push(message.seq);
        expect(await botTurn(v.socket, v.conversationId, message.seq)).not.toBeNull();
      }
      expect(acked).toEqual([2, 4, 6]);
      // Concurrent sends still get distinct, gap-free seqs.
      const burst = await Promise.all(['hi', 'hey', 'hello there', 'good morning'].map((text) => say(v, text)));
      expect(new Set(burst.map((m) => m.seq)).size).toBe(4);
      await eventually(async () => (await getConversation(t, acme.admin, v.conversationId)).messages.length, (n) => n === 15);
      const stored = await getConversation(t, acme.admin, v.conversationId);
      expect(seqs(stored.messages)).toEqual(range(1, 15));
      // A second conversation counts from 1 on its own.
      const w = await openVisitor(pool, acme);
      expect((await say(w, 'hello')).seq).toBe(2);
    });

    it('a resend with the same clientMessageId returns the stored message and stores nothing new', async () => {
      const v = await openVisitor(pool, acme);
      const key = cid('retry');
      const first = await say(v, SHIPPING.question, key);
      const answer = await botTurn(v.socket, v.conversationId, first.seq);
      expect(answer.text).toBe(SHIPPING.answer);
      const before = await getConversation(t, acme.admin, v.conversationId);

      const again = await v.socket.emitOk<any>('message:send', { conversationId: v.conversationId, clientMessageId: key, text: SHIPPING.question });
      expect(again.message).toEqual(first);
      expect(again.duplicate).toBe(true);
      const changedText = await v.socket.emitOk<any>('message:send', { conversationId: v.conversationId, clientMessageId: key, text: 'something else' });
      expect(changedText.message).toEqual(first);

      await v.socket.flush();
      await settle(); // a (wrong) second bot turn would land now
      const after = await getConversation(t, acme.admin, v.conversationId);
      expect(after.messages).toEqual(before.messages);
      expect(after.messages.filter((m: any) => m.clientMessageId === key)).toHaveLength(1);
      expect(v.socket.all('message:new', (m: any) => m.clientMessageId === key)).toHaveLength(1);
    });

    it('conversation:sync {afterSeq} returns exactly the messages after it, in order', async () => {
      const v = await openVisitor(pool, acme);
      const m1 = await say(v, 'hello');
      await botTurn(v.socket, v.conversationId, m1.seq);
      const m2 = await say(v, SHIPPING.question);
      await botTurn(v.socket, v.conversationId, m2.seq);
      const stored = (await getConversation(t, acme.admin, v.conversationId)).messages;
      expect(seqs(stored)).toEqual([1, 2, 3, 4, 5]);
      for (const afterSeq of [0, 2, 4, 5]) {
        const ack = await v.socket.emitOk<any>('conversation:sync', { conversationId: v.conversationId, afterSeq });
        expect(ack.messages).toEqual(stored.filter((m: any) => m.seq > afterSeq));
      }
      const bot = stored.find((m: any) => m.seq === 5);
      expect(bot.sources[0].id).toBe(`entry:${shipping.id}`);
    });

    it('a visitor who reconnects with their visitorToken resumes their open conversation with its history', async () => {
      const v = await openVisitor(pool, acme, { name: 'Resuming Rita' });
      const m = await say(v, SHIPPING.question);
      await botTurn(v.socket, v.conversationId, m.seq);
      v.socket.close();

      const back = await openVisitor(pool, acme, { visitorToken: v.visitorToken });
      const stored = (await getConversation(t, acme.admin, v.conversationId)).messages;
      expect(back.conversationId).toBe(v.conversationId);
      expect(back.open.status).toBe('bot');
      expect(back.open.messages).toEqual(stored);
      expect(back.open.lastSeq).toBe(3);
      // The resumed socket is in the conversation again: the next bot turn reaches it live.
      const next = await say(back, 'thanks');
      expect(next.seq).toBe(4);
      expect(await botTurn(back.socket, back.conversationId, 4)).toMatchObject({ sender: { type: 'bot' } });
      // Without the token, the same browser is a new visitor with a new conversation.
      const stranger = await openVisitor(pool, acme);
      expect(stranger.conversationId).not.toBe(v.conversationId);
      expect(seqs(stranger.open.messages)).toEqual([1]);
    });

    it('a reconnect loses and duplicates nothing: what the agent sent meanwhile comes through sync, each seq once', async () => {
      const v = await openVisitor(pool, acme, { name: 'Dropping Dora' });
      const agentUser = acme.agents[0];
      const agent = await onlineAgent(pool, agentUser);
      await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
      await statusPushed(v.socket, v.conversationId, 'assigned');
      await agent.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);
      const hello = await agent.emitOk<any>('message:send', { conversationId: v.conversationId, clientMessageId: cid('a'), text: 'Hi Dora, I am here.' });
      await v.socket.waitFor('message:new', (m: any) => m.id === hello.message.id);

      const seenLive = [...v.open.messages, ...v.socket.all('message:new')].map((m: any) => m.seq);
      const lastSeen = Math.max(...seenLive);
      v.socket.close();
      const whileAway: number[] = [];
      for (const text of ['Are you still there?', 'I found your order.', 'It ships tomorrow.']) {
        whileAway.push((await agent.emitOk<any>('message:send', { conversationId: v.conversationId, clientMessageId: cid('a'), text })).message.seq);
      }

      const back = await openVisitor(pool, acme, { visitorToken: v.visitorToken });
      expect(back.conversationId).toBe(v.conversationId);
      expect(back.open.status).toBe('assigned');
      const synced = await back.socket.emitOk<any>('conversation:sync', { conversationId: v.conversationId, afterSeq: lastSeen });
      expect(seqs(synced.messages)).toEqual(whileAway);
      expect(synced.messages.map((m: any) => m.sender.type)).toEqual(['agent', 'agent', 'agent']);
      const all = [...seenLive, ...seqs(synced.messages)].sort((a, b) => a - b);
      expect(new Set(seenLive).size).toBe(seenLive.length);
      expect(all).toEqual(range(1, Math.max(...all)));
      // And live delivery resumes on the new socket.
      const live = await agent.emitOk<any>('message:send', { conversationId: v.conversationId, clientMessageId: cid('a'), text: 'Anything else?' });
      const got = await back.socket.waitFor('message:new', (m: any) => m.id === live.message.id);
      expect(got.seq).toBe(Math.max(...all) + 1);
      await agent.emitOk('conversation:resolve', { conversationId: v.conversationId });
    });
  });

  describe('the loop: bot, escalation, queue, agents, resolution', () => {
    it('answers a known question from the knowledge base, with its source and confidence', async () => {
      const acme = await quickTenant(t, { agentCount: 0 });
      const shipping = await createEntry(t, acme.admin, SHIPPING);
      await createEntry(t, acme.admin, RETURNS);
      const v = await openVisitor(pool, acme);
      const m = await say(v, SHIPPING.question);
      const bot = await botTurn(v.socket, v.conversationId, m.seq);
      expect(bot).toMatchObject({ text: SHIPPING.answer, sender: { type: 'bot' } });
      expect(bot.sources[0]).toMatchObject({ id: `entry:${shipping.id}`, title: SHIPPING.question });
      expect(bot.confidence).toBeGreaterThanOrEqual(0.5);
      expect(bot.confidence).toBeLessThanOrEqual(1);
      expect((await getConversation(t, acme.admin, v.conversationId)).status).toBe('bot');
    });

    it('escalates an unsure reply (low_confidence) with its draft for the agent only: the customer never receives it', async () => {
      const acme = await quickTenant(t, { agentCount: 1, settings: { confidenceThreshold: 0.99 } });
      const shipping = await createEntry(t, acme.admin, SHIPPING);
      const v = await openVisitor(pool, acme, { name: 'Nora' });
      const m = await say(v, UNSURE_SHIPPING);
      expect(await botTurn(v.socket, v.conversationId, m.seq)).toBeNull();
      await statusPushed(v.socket, v.conversationId, 'queued');

      const agent = await onlineAgent(pool, acme.agents[0]);
      const assigned = await agent.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);
      expect(assigned.escalation).toMatchObject({ reason: 'low_confidence', draft: SHIPPING.answer });
      expect(assigned.escalation.confidence).toBeLessThan(0.99);
      expect(assigned.escalation.sources[0].id).toBe(`entry:${shipping.id}`);
      await statusPushed(v.socket, v.conversationId, 'assigned');
      const reply = await agent.emitOk<any>('message:send', { conversationId: v.conversationId, clientMessageId: cid('a'), text: 'Norway takes about a week.' });
      await v.socket.waitFor('message:new', (x: any) => x.id === reply.message.id);

      await v.socket.flush();
      expect(v.socket.received.length).toBeGreaterThan(3);
      expect(v.socket.dump()).not.toContain(SHIPPING.answer);
      expect(v.open.messages.map((x: any) => x.text)).not.toContain(SHIPPING.answer);
      const sync = await v.socket.emitOk<any>('conversation:sync', { conversationId: v.conversationId, afterSeq: 0 });
      expect(JSON.stringify(sync)).not.toContain(SHIPPING.answer);
      const stored = await getConversation(t, acme.admin, v.conversationId);
      expect(stored.escalations[0]).toMatchObject({ reason: 'low_confidence', draft: SHIPPING.answer, agentId: acme.agents[0].id });
      await agent.emitOk('conversation:resolve', { conversationId: v.conversationId });
    });

    it('queues while no agent is online: positions 1,2,3 with estimates, first in queue assigned first, positions refreshed', async () => {
      const acme = await quickTenant(t, { agentCount: 1, settings: { maxChatsPerAgent: 1 } });
      const visitors = [];
      for (const name of ['First Fay', 'Second Sam', 'Third Tim']) {
        const v = await openVisitor(pool, acme, { name });
        const ack = await v.socket.emitOk<any>('handoff:request', { conversationId: v.conversationId });
        expect(ack.status).toBe('queued');
        visitors.push(v);
      }
      const updates = await Promise.all(visitors.map((v, i) => v.socket.waitFor('conversation:updated', (u: any) => u.status === 'queued' && u.queuePosition === i + 1)));
      expect(updates.map((u) => u.queuePosition)).toEqual([1, 2, 3]);
      const waits = updates.map((u) => u.estimatedWaitSeconds);
      waits.forEach((w) => expect(w).toBeGreaterThan(0));
      expect(waits[1]).toBeGreaterThan(waits[0]);
      expect(waits[2]).toBeGreaterThan(waits[1]);

      const marks = visitors.map((v) => v.socket.mark());
      const agent = await onlineAgent(pool, acme.agents[0]);
      const assigned = await agent.waitFor('conversation:assigned');
      expect(assigned.conversation.id).toBe(visitors[0].conversationId);
      expect(assigned.escalation.reason).toBe('customer_request');
      expect(await statusPushed(visitors[0].socket, visitors[0].conversationId, 'assigned', marks[0])).toMatchObject({ agent: { id: acme.agents[0].id, name: acme.agents[0].name } });
      await visitors[1].socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 1, undefined, marks[1]);
      await visitors[2].socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 2, undefined, marks[2]);

      // The agent's reply reaches the customer, in order, as an agent message.
      const reply = await agent.emitOk<any>('message:send', { conversationId: visitors[0].conversationId, clientMessageId: cid('a'), text: 'Hello Fay, how can I help?' });
      const got = await visitors[0].socket.waitFor('message:new', (m: any) => m.id === reply.message.id);
      expect(got).toMatchObject({ text: 'Hello Fay, how can I help?', sender: { type: 'agent', name: acme.agents[0].name }, seq: reply.message.seq });
      await agent.flush();
      expect(agent.all('conversation:assigned')).toHaveLength(1); // capacity 1: the others wait
      expect(visitors[1].socket.all('conversation:updated', (u: any) => u.status === 'assigned')).toEqual([]);
    });

    it('an agent whose connection drops gets their conversation requeued after the grace period, at the FRONT, with a system message; the session ends grace_expired', async () => {
      const acme = await quickTenant(t, { agentCount: 1, settings: { gracePeriodSeconds: 1, maxChatsPerAgent: 1 } });
      const agentUser = acme.agents[0];
      const agent = await onlineAgent(pool, agentUser);
      // X is taken straight from the bot; Y queues after it, so FIFO alone would put Y first.
      const x = await openVisitor(pool, acme, { name: 'Xavier' });
      await agent.emitOk('conversation:claim', { conversationId: x.conversationId });
      await statusPushed(x.socket, x.conversationId, 'assigned');
      const y = await openVisitor(pool, acme, { name: 'Yolanda' });
      await y.socket.emitOk('handoff:request', { conversationId: y.conversationId });
      await y.socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 1);

      const since = x.socket.mark();
      const droppedAt = Date.now();
      agent.close();
      const requeued = await statusPushed(x.socket, x.conversationId, 'queued', since);
      expect(Date.now() - droppedAt).toBeGreaterThanOrEqual(900);
      expect(requeued.queuePosition).toBe(1);
      await y.socket.waitFor('conversation:updated', (u: any) => u.queuePosition === 2);
      const notice = await x.socket.waitFor('message:new', (m: any) => m.sender.type === 'system' && /front of the queue/.test(m.text), undefined, since);
      expect(notice.text).toMatch(/lost their connection/);

      const sessions = await eventually(() => t.dataSource.getRepository(AgentSession).findBy({ agentId: agentUser.id }), (s) => s.length === 1 && s[0].endedAt !== null);
      expect(sessions[0].endReason).toBe('grace_expired');
      const stored = await getConversation(t, acme.admin, x.conversationId);
      expect(stored).toMatchObject({ status: 'queued', assignedAgentId: null });
    });

    it('an agent going offline has their conversations requeued at once, with a system message', async () => {
      const acme = await quickTenant(t, { agentCount: 1 });
      const agentUser = acme.agents[0];
      const agent = await onlineAgent(pool, agentUser);
      const v = await openVisitor(pool, acme, { name: 'Otto' });
      await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
      await statusPushed(v.socket, v.conversationId, 'assigned');
      const since = v.socket.mark();
      const ack = await agent.emitOk<any>('agent:status', { status: 'offline' });
      expect(ack.status).toBe('offline');
      expect(await statusPushed(v.socket, v.conversationId, 'queued', since)).toMatchObject({ queuePosition: 1 });
      const notice = await v.socket.waitFor('message:new', (m: any) => m.sender.type === 'system', undefined, since);
      expect(notice.text).toMatch(/step away/);
      await agent.waitFor('conversation:unassigned', (u: any) => u.conversationId === v.conversationId);
      expect((await getConversation(t, acme.admin, v.conversationId)).status).toBe('queued');
      const [session] = await t.dataSource.getRepository(AgentSession).findBy({ agentId: agentUser.id });
      expect(session.endReason).toBe('offline');
    });

    it('resolve ends the conversation; the customer rates it once (1-5 + comment), not before resolution', async () => {
      const acme = await quickTenant(t, { agentCount: 1 });
      const agent = await onlineAgent(pool, acme.agents[0]);
      const v = await openVisitor(pool, acme, { name: 'Rater' });
      await v.socket.emitOk('handoff:request', { conversationId: v.conversationId });
      await agent.waitFor('conversation:assigned', (a: any) => a.conversation.id === v.conversationId);

      const early = await v.socket.emitAck('feedback:submit', { conversationId: v.conversationId, rating: 5 });
      expect(early).toMatchObject({ ok: false, error: { code: 'not_resolved' } });
      await agent.emitOk('conversation:resolve', { conversationId: v.conversationId });
      await statusPushed(v.socket, v.conversationId, 'resolved');
      await v.socket.waitFor('message:new', (m: any) => m.sender.type === 'system' && /resolved/.test(m.text));

      const rated = await v.socket.emitOk<any>('feedback:submit', { conversationId: v.conversationId, rating: 4, comment: 'Quick and kind.' });
      expect(rated.feedback).toMatchObject({ rating: 4, comment: 'Quick and kind.' });
      const twice = await v.socket.emitAck('feedback:submit', { conversationId: v.conversationId, rating: 1, comment: 'changed my mind' });
      expect(twice).toMatchObject({ ok: false, error: { code: 'already_rated' } });
      const stored = await getConversation(t, acme.admin, v.conversationId);
      expect(stored).toMatchObject({ status: 'resolved', feedback: { rating: 4, comment: 'Quick and kind.' } });
      const afterEnd = await v.socket.emitAck('message:send', { conversationId: v.conversationId, clientMessageId: cid(), text: 'one more thing' });
      expect(afterEnd).toMatchObject({ ok: false, error: { code: 'conversation_resolved' } });
      // Coming back later with the same visitor token starts a new conversation.
      const later = await openVisitor(pool, acme, { visitorToken: v.visitorToken });
      expect(later.conversationId).not.toBe(v.conversationId);
      expect(later.open).toMatchObject({ status: 'bot', lastSeq: 1 });
    });

    describe('escalation reasons', () => {
      let acme: TestTenant;
      beforeAll(async () => {
        acme = await quickTenant(t, { agentCount: 0, settings: { escalationKeywords: ['warranty claim', 'chargeback'] } });
        await createEntry(t, acme.admin, SHIPPING);
        await createEntry(t, acme.admin, { question: 'Do you offer a warranty?', answer: 'Every product has a two year warranty.' });
      });

      async function reasonFor(text: string): Promise<string> {
        const v = await openVisitor(pool, acme);
        const m = await say(v, text);
        expect(await botTurn(v.socket, v.conversationId, m.seq)).toBeNull();
        await statusPushed(v.socket, v.conversationId, 'queued');
        const escalations = await escalationsOf(acme, v.conversationId);
        expect(escalations).toHaveLength(1);
        return escalations[0].reason;
      }

      it('handoff:request → customer_request', async () => {
        const v = await openVisitor(pool, acme);
        const ack = await v.socket.emitOk<any>('handoff:request', { conversationId: v.conversationId });
        expect(ack).toMatchObject({ status: 'queued', queuePosition: expect.any(Number), estimatedWaitSeconds: expect.any(Number) });
        expect((await escalationsOf(acme, v.conversationId))[0]).toMatchObject({ reason: 'customer_request' });
        // Asking for a person in words is the same request.
        expect(await reasonFor('Can I talk to a human please')).toBe('customer_request');
      });

      it("a company keyword (settings.escalationKeywords) → keyword, even on a question the bot knows", async () => {
        expect(await reasonFor('I want to file a warranty claim for my order')).toBe('keyword');
      });

      it('angry wording → negative_sentiment, even on a question the bot knows', async () => {
        expect(await reasonFor('This is ridiculous, I am fed up! How long does shipping take?!!!')).toBe('negative_sentiment');
      });

      it('an unknown question → no_answer', async () => {
        expect(await reasonFor(UNKNOWN)).toBe('no_answer');
      });
    });

    it('two unsure replies in a row → repeated_failure (the company sends unsure drafts while nobody is online)', async () => {
      // The only path where the bot SENDS an unsure reply: sendUnsureDraftWhenOffline, with nobody free to take it.
      const acme = await quickTenant(t, { agentCount: 0, settings: { confidenceThreshold: 0.99, sendUnsureDraftWhenOffline: true } });
      await createEntry(t, acme.admin, SHIPPING);
      await createEntry(t, acme.admin, RETURNS);
      const v = await openVisitor(pool, acme);
      const first = await say(v, UNSURE_SHIPPING);
      const unsure = await v.socket.waitFor('message:new', (m: any) => m.seq === first.seq + 1);
      expect(unsure).toMatchObject({ sender: { type: 'bot' } });
      expect(unsure.text).toContain(SHIPPING.answer);
      expect(unsure.text).toMatch(/not fully sure/);
      expect(unsure.confidence).toBeLessThan(0.99);
      // The customer, not helped, asks again; the bot is unsure a second time in a row.
      const second = await say(v, 'and how long does delivery of a parcel to Iceland take');
      const next = await v.socket.waitFor('message:new', (m: any) => m.seq === second.seq + 1);
      expect(next.sender.type).toBe('system');
      await statusPushed(v.socket, v.conversationId, 'queued');
      const escalations = await escalationsOf(acme, v.conversationId);
      expect(escalations[escalations.length - 1]).toMatchObject({ reason: 'repeated_failure', draft: expect.any(String) });
      expect(escalations.map((e: any) => e.reason).filter((r: string) => r !== 'low_confidence')).toEqual(['repeated_failure']);
    });
  });
});
