import { apiKeyFor, createEntry, getConversation, onlineAgent, quickTenant, TestEntry } from '../factories/chat.factory';
import { bearer, TestTenant } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { SocketPool } from '../utils/socket-client';

const SHIPPING = { question: 'How long does shipping take?', answer: 'Shipping takes 3 to 5 business days within the EU.' };
const UNKNOWN = 'What is the airspeed velocity of an unladen swallow?';

describe('POST /api/v1/chat (server-to-server, e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;
  let A: TestTenant;
  let B: TestTenant;
  let keyA: { id: string; key: string };
  let keyB: { id: string; key: string };
  let shipping: TestEntry;

  const chat = (key: string | null, body: object) => {
    const req = t.http().post('/api/v1/chat');
    return (key === null ? req : req.set('X-API-Key', key)).send(body);
  };

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
    A = await quickTenant(t, { agentCount: 1 });
    B = await quickTenant(t, { agentCount: 0 });
    shipping = await createEntry(t, A.admin, SHIPPING);
    await createEntry(t, B.admin, { question: 'Do you sell gift cards?', answer: 'Yes, from 10 to 200 euros.' });
    keyA = await apiKeyFor(t, A.admin);
    keyB = await apiKeyFor(t, B.admin);
  });
  afterAll(async () => {
    pool.closeAll();
    await t.close();
  });

  it('answers a known question with the reply and its sources: not escalated, status bot', async () => {
    const res = await chat(keyA.key, { message: SHIPPING.question }).expect(200);
    expect(res.body).toMatchObject({
      conversationId: expect.any(String), escalated: false, status: 'bot', duplicate: false,
      reply: { text: SHIPPING.answer, confidence: expect.any(Number) },
    });
    expect(res.body.reason).toBeUndefined();
    expect(res.body.reply.sources[0]).toMatchObject({ id: `entry:${shipping.id}`, title: SHIPPING.question });
    expect(res.body.reply.confidence).toBeGreaterThanOrEqual(0.5);
    const stored = await getConversation(t, A.admin, res.body.conversationId);
    expect(stored).toMatchObject({ companyId: A.company.id, channel: 'api', status: 'bot' });
    expect(stored.messages.map((m: any) => [m.sender.type, m.text])).toEqual([['customer', SHIPPING.question], ['bot', SHIPPING.answer]]);
  });

  it('escalates an unknown question: no reply, escalated with its reason, status queued', async () => {
    const res = await chat(keyA.key, { message: UNKNOWN }).expect(200);
    expect(res.body).toMatchObject({ reply: null, escalated: true, reason: 'no_answer', status: 'queued' });
    const stored = await getConversation(t, A.admin, res.body.conversationId);
    expect(stored.escalations.map((e: any) => e.reason)).toEqual(['no_answer']);
    // An agent coming online takes it like any other queued conversation.
    const agent = await onlineAgent(pool, A.agents[0]);
    await agent.waitFor('conversation:assigned', (a: any) => a.conversation.id === res.body.conversationId);
    await agent.emitOk('conversation:resolve', { conversationId: res.body.conversationId });
    await agent.emitOk('agent:status', { status: 'offline' });
  });

  it('continues a conversation by conversationId', async () => {
    const first = await chat(keyA.key, { message: 'hello' }).expect(200);
    expect(first.body).toMatchObject({ escalated: false, status: 'bot' });
    const second = await chat(keyA.key, { message: SHIPPING.question, conversationId: first.body.conversationId }).expect(200);
    expect(second.body.conversationId).toBe(first.body.conversationId);
    expect(second.body.reply.text).toBe(SHIPPING.answer);
    const stored = await getConversation(t, A.admin, first.body.conversationId);
    expect(stored.messages.filter((m: any) => m.sender.type === 'customer').map((m: any) => m.text)).toEqual(['hello', SHIPPING.question]);
    expect(stored.messages.map((m: any) => m.seq)).toEqual([1, 2, 3, 4]);
  });

  it('keeps one open conversation per visitorId', async () => {
    const one = await chat(keyA.key, { message: 'hello', visitorId: 'crm-4711' }).expect(200);
    const two = await chat(keyA.key, { message: SHIPPING.question, visitorId: 'crm-4711' }).expect(200);
    expect(two.body.conversationId).toBe(one.body.conversationId);
    expect(two.body.visitorId).toBe('crm-4711');
    const other = await chat(keyA.key, { message: 'hello', visitorId: 'crm-4712' }).expect(200);
    expect(other.body.conversationId).not.toBe(one.body.conversationId);
    // Without a visitorId every call is a new conversation.
    const anon1 = await chat(keyA.key, { message: 'hello' }).expect(200);
    const anon2 = await chat(keyA.key, { message: 'hello' }).expect(200);
    expect(anon1.body.conversationId).not.toBe(anon2.body.conversationId);
    // The same visitorId in another company is another visitor.
    const inB = await chat(keyB.key, { message: 'hello', visitorId: 'crm-4711' }).expect(200);
    expect(inB.body.conversationId).not.toBe(one.body.conversationId);
    // A conversationId that belongs to another visitor is not theirs to continue.
    await chat(keyA.key, { message: 'hi', conversationId: one.body.conversationId, visitorId: 'crm-4712' }).expect(404);
  });

  it('is idempotent on clientMessageId: a retry returns the stored message and stores nothing new', async () => {
    const body = { message: SHIPPING.question, visitorId: 'retry-visitor', clientMessageId: 'order-42-attempt' };
    const first = await chat(keyA.key, body).expect(200);
    expect(first.body.duplicate).toBe(false);
    const before = await getConversation(t, A.admin, first.body.conversationId);
    const retry = await chat(keyA.key, body).expect(200);
    expect(retry.body).toMatchObject({ conversationId: first.body.conversationId, messageId: first.body.messageId, duplicate: true, escalated: false, status: 'bot' });
    const after = await getConversation(t, A.admin, first.body.conversationId);
    expect(after.messages).toEqual(before.messages);
    expect(after.messages.filter((m: any) => m.clientMessageId === 'order-42-attempt')).toHaveLength(1);
  });

  it('is idempotent on clientMessageId for a first message too (no conversationId or visitorId yet: the response was lost)', async () => {
    const body = { message: SHIPPING.question, clientMessageId: 'first-contact-9001' };
    const first = await chat(keyA.key, body).expect(200);
    const retry = await chat(keyA.key, body).expect(200);
    expect({ conversationId: retry.body.conversationId, messageId: retry.body.messageId, duplicate: retry.body.duplicate })
      .toEqual({ conversationId: first.body.conversationId, messageId: first.body.messageId, duplicate: true });
  });

  it("refuses a missing or unknown key (401), and company A's key cannot continue company B's conversation (404)", async () => {
    const missing = await chat(null, { message: 'hello' }).expect(401);
    expect(missing.body).toMatchObject({ statusCode: 401, error: 'Unauthorized' });
    await chat('sk_live_not-a-real-key', { message: 'hello' }).expect(401);
    await chat(`${keyA.key.slice(0, -2)}xx`, { message: 'hello' }).expect(401);

    const inB = await chat(keyB.key, { message: 'hello' }).expect(200);
    const crossed = await chat(keyA.key, { message: 'let me continue', conversationId: inB.body.conversationId }).expect(404);
    expect(JSON.stringify(crossed.body)).not.toContain(B.company.id);
    const stored = await getConversation(t, B.admin, inB.body.conversationId);
    expect(stored.messages.map((m: any) => m.text)).not.toContain('let me continue');
    await t.http().get(`/api/conversations/${inB.body.conversationId}`).set('Authorization', bearer(A.admin)).expect(404);
  });

  it('validates the body, naming the fields', async () => {
    const res = await chat(keyA.key, { message: '', conversationId: 'nope', visitorId: 'has spaces', extra: 1 }).expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['conversationId', 'extra', 'message', 'visitorId']);
  });

  it('refuses a revoked key at once (401)', async () => {
    const key = await apiKeyFor(t, A.admin);
    await chat(key.key, { message: 'hello' }).expect(200);
    await t.http().delete(`/api/api-keys/${key.id}`).set('Authorization', bearer(A.admin)).expect(200);
    await chat(key.key, { message: 'hello' }).expect(401);
    // The company's other keys keep working.
    await chat(keyA.key, { message: 'hello' }).expect(200);
  });
});
