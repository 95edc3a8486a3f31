import * as http from 'node:http';
import { AddressInfo } from 'node:net';
import { io, Socket } from 'socket.io-client';
import { UsageCounter } from '../../src/usage/entities/usage-counter.entity';
import { usagePeriod } from '../../src/usage/plans';
import { bearer, createTenant, TestTenant } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';

function ack<T = any>(socket: Socket, event: string, payload: unknown): Promise<T> {
  return new Promise((resolve) => socket.emit(event, payload, resolve));
}

function customer(t: TestApp, widgetKey: string): Promise<Socket> {
  const socket = io(`${t.url}/customer`, { auth: { widgetKey }, transports: ['websocket'], reconnection: false });
  return new Promise((resolve, reject) => {
    socket.on('connect', () => resolve(socket));
    socket.on('connect_error', reject);
  });
}

function nextBotOrSystem(socket: Socket): Promise<any> {
  return new Promise((resolve) => {
    const handler = (m: any) => {
      if (m.sender.type !== 'customer') {
        socket.off('message:new', handler);
        resolve(m);
      }
    };
    socket.on('message:new', handler);
  });
}

describe('self-service (e2e)', () => {
  let t: TestApp;
  let A: TestTenant;
  let B: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    A = await createTenant(t, { agentCount: 1, plan: 'free' });
    B = await createTenant(t, { agentCount: 1 });
  });
  afterAll(() => t.close());

  describe('plans and usage', () => {
    it('GET /api/usage shows this month against the plan', async () => {
      const res = await t.http().get('/api/usage').set('Authorization', bearer(A.admin)).expect(200);
      expect(res.body).toMatchObject({ plan: 'free', period: usagePeriod(), limits: { knowledgeEntries: 50, assistantRequests: 1000 } });
      expect(res.body.usage).toMatchObject({ assistant_requests: 0, escalations: 0, conversations: 0, knowledge_entries: 0 });
    });

    it('counts conversations, assistant requests and escalations from real chats', async () => {
      await t.http().post('/api/knowledge').set('Authorization', bearer(A.admin)).send({ question: 'What are your opening hours?', answer: 'We are open 9 to 5.' }).expect(201);
      const socket = await customer(t, A.company.widgetKey);
      const open = await ack(socket, 'conversation:open', {});
      const answered = nextBotOrSystem(socket);
      await ack(socket, 'message:send', { conversationId: open.conversationId, clientMessageId: 'u1', text: 'what are your opening hours' });
      expect((await answered).sender.type).toBe('bot');
      const escalated = nextBotOrSystem(socket);
      await ack(socket, 'message:send', { conversationId: open.conversationId, clientMessageId: 'u2', text: 'I want to talk to a human' });
      await escalated;
      socket.close();
      const res = await t.http().get('/api/usage').set('Authorization', bearer(A.admin)).expect(200);
      expect(res.body.usage).toMatchObject({ conversations: 1, assistant_requests: 2, escalations: 1, knowledge_entries: 1 });
      expect(res.body.remaining).toEqual({ knowledgeEntries: 49, assistantRequests: 998 });
    });

    it('refuses knowledge past the plan limit with 402 and creates nothing', async () => {
      const C = await createTenant(t, { agentCount: 0, plan: 'free' });
      for (let i = 0; i < 50; i++) {
        await t.http().post('/api/knowledge').set('Authorization', bearer(C.admin)).send({ question: `Question number ${i}?`, answer: `Answer ${i}` }).expect(201);
      }
      const res = await t.http().post('/api/knowledge').set('Authorization', bearer(C.admin)).send({ question: 'One too many?', answer: 'No room' }).expect(402);
      expect(res.body.message).toMatch(/free plan allows 50 knowledge entries/);
      const list = await t.http().get('/api/knowledge?limit=100').set('Authorization', bearer(C.admin)).expect(200);
      expect(list.body.total).toBe(50);
      // Upgrading the plan (super admin) makes room, and the audit log records it.
      const superToken = await t.superAdminToken();
      await t.http().patch(`/api/companies/${C.company.id}`).set('Authorization', bearer(superToken)).send({ plan: 'basic' }).expect(200);
      await t.http().post('/api/knowledge').set('Authorization', bearer(C.admin)).send({ question: 'Room now?', answer: 'Yes' }).expect(201);
      const audit = await t.http().get(`/api/audit-logs?action=plan.changed&companyId=${C.company.id}`).set('Authorization', bearer(superToken)).expect(200);
      expect(audit.body.items[0].details).toEqual({ from: 'free', to: 'basic' });
    });

    it('once the monthly assistant requests are used up: 402 on the API channel, people answer in the widget', async () => {
      const C = await createTenant(t, { agentCount: 0, plan: 'free' });
      await t.dataSource.getRepository(UsageCounter).insert({ companyId: C.company.id, period: usagePeriod(), metric: 'assistant_requests', value: 1000 });
      const key = (await t.http().post('/api/api-keys').set('Authorization', bearer(C.admin)).send({ name: 'backend' })).body.key;
      const res = await t.http().post('/api/v1/chat').set('X-API-Key', key).send({ message: 'hello there' }).expect(402);
      expect(res.body.message).toMatch(/1000 assistant requests of the free plan are used up/);
      const socket = await customer(t, C.company.widgetKey);
      const open = await ack(socket, 'conversation:open', {});
      const notice = nextBotOrSystem(socket);
      const sent = await ack(socket, 'message:send', { conversationId: open.conversationId, clientMessageId: 'q1', text: 'how do I reset my password' });
      // Stored and acked, with the same code the REST channel answers 402 with.
      expect(sent).toMatchObject({ ok: true, notice: { code: 'plan_limit_reached' } });
      expect((await notice).text).toMatch(/assistant is unavailable/);
      const conversation = await t.http().get(`/api/conversations/${open.conversationId}`).set('Authorization', bearer(C.admin)).expect(200);
      expect(conversation.body.status).toBe('queued');
      expect(conversation.body.escalations.map((e: { reason: string }) => e.reason)).toEqual(['ai_unavailable']);
      socket.close();
    });

    it('GET /api/plans lists the catalogue for admins', async () => {
      const plans = (await t.http().get('/api/plans').set('Authorization', bearer(A.admin)).expect(200)).body;
      expect(plans).toEqual([
        { id: 'free', name: 'Free', limits: { knowledgeEntries: 50, assistantRequests: 1000 } },
        { id: 'basic', name: 'Basic', limits: { knowledgeEntries: 500, assistantRequests: 10000 } },
        { id: 'premium', name: 'Premium', limits: { knowledgeEntries: 5000, assistantRequests: 100000 } },
        { id: 'enterprise', name: 'Enterprise', limits: { knowledgeEntries: null, assistantRequests: null } },
      ]);
      await t.http().get('/api/plans').set('Authorization', bearer(A.agents[0])).expect(403);
    });

    it('a company cannot read another company\'s usage', async () => {
      await t.http().get(`/api/usage?companyId=${B.company.id}`).set('Authorization', bearer(A.admin)).expect(403);
      await t.http().get('/api/usage').set('Authorization', bearer(A.agents[0])).expect(403);
    });
  });

  describe('API key rotation', () => {
    it('rotates now: the new key works, the old one is refused at once', async () => {
      const created = (await t.http().post('/api/api-keys').set('Authorization', bearer(A.admin)).send({ name: 'crm' }).expect(201)).body;
      await t.http().post('/api/v1/chat').set('X-API-Key', created.key).send({ message: 'hi' }).expect(200);
      const rotated = (await t.http().post(`/api/api-keys/${created.id}/rotate`).set('Authorization', bearer(A.admin)).send({}).expect(201)).body;
      expect(rotated.key).toMatch(/^sbk_/);
      expect(rotated.key).not.toBe(created.key);
      expect(rotated.previous.status).toBe('revoked');
      await t.http().post('/api/v1/chat').set('X-API-Key', created.key).send({ message: 'hi' }).expect(401);
      await t.http().post('/api/v1/chat').set('X-API-Key', rotated.key).send({ message: 'hi' }).expect(200);
      const list = (await t.http().get('/api/api-keys').set('Authorization', bearer(A.admin)).expect(200)).body;
      const fresh = list.find((k: { id: string }) => k.id === rotated.id);
      expect(fresh.lastUsedAt).not.toBeNull();
      expect(JSON.stringify(list)).not.toContain(rotated.key);
    });

    it('rotates with an overlap: both keys work until the old one expires', async () => {
      const created = (await t.http().post('/api/api-keys').set('Authorization', bearer(A.admin)).send({ name: 'deploy' })).body;
      const rotated = (await t.http().post(`/api/api-keys/${created.id}/rotate`).set('Authorization', bearer(A.admin)).send({ overlapSeconds: 3600 }).expect(201)).body;
      expect(rotated.previous.status).toBe('active');
      expect(Date.parse(rotated.previous.expiresAt) - Date.now()).toBeGreaterThan(3500 * 1000);
      await t.http().post('/api/v1/chat').set('X-API-Key', created.key).send({ message: 'hi' }).expect(200);
      await t.http().post('/api/v1/chat').set('X-API-Key', rotated.key).send({ message: 'hi' }).expect(200);
      await t.http().post(`/api/api-keys/${created.id}/rotate`).set('Authorization', bearer(A.admin)).send({ overlapSeconds: 999999 }).expect(400);
    });

    it('a company cannot rotate another company\'s key, and a key works only for its company', async () => {
      const bKey = (await t.http().post('/api/api-keys').set('Authorization', bearer(B.admin)).send({ name: 'b' })).body;
      await t.http().post(`/api/api-keys/${bKey.id}/rotate`).set('Authorization', bearer(A.admin)).send({}).expect(404);
      const aConversation = (await t.http().post('/api/v1/chat').set('X-API-Key', (await t.http().post('/api/api-keys').set('Authorization', bearer(A.admin)).send({ name: 'a' })).body.key).send({ message: 'hello' })).body.conversationId;
      await t.http().post('/api/v1/chat').set('X-API-Key', bKey.key).send({ message: 'hi', conversationId: aConversation }).expect(404);
    });
  });

  describe('embed code', () => {
    it('returns the script tag with the widget key, plus React and plain-JS examples; rotating changes the key and refuses the old one', async () => {
      const snippet = (await t.http().get('/api/widget/snippet').set('Authorization', bearer(A.admin)).expect(200)).body;
      expect(snippet.html).toBe(`<script src="${t.url}/widget.js" data-widget-key="${A.company.widgetKey}" async></script>`);
      expect(snippet.react).toContain('useEffect');
      expect(snippet.javascript).toContain(A.company.widgetKey);
      const rotated = (await t.http().post('/api/widget/rotate-key').set('Authorization', bearer(A.admin)).expect(200)).body;
      expect(rotated.widgetKey).not.toBe(A.company.widgetKey);
      await expect(customer(t, A.company.widgetKey)).rejects.toThrow(/Unknown or disabled widget key/);
      (await customer(t, rotated.widgetKey)).close();
      A.company.widgetKey = rotated.widgetKey;
      const audit = (await t.http().get('/api/audit-logs?action=widget_key.rotated').set('Authorization', bearer(A.admin))).body;
      expect(audit.total).toBe(1);
      await t.http().get('/api/widget/snippet').set('Authorization', bearer(A.agents[0])).expect(403);
    });
  });

  describe('bot settings, prompts and canned responses', () => {
    it('PATCH /api/settings takes every bot setting and GET returns it', async () => {
      const patch = {
        assistantName: 'Ada', greeting: 'Hello from Ada', confidenceThreshold: 0.6, escalationKeywords: ['chargeback'],
        timeZone: 'Europe/Paris', gracePeriodSeconds: 45, maxChatsPerAgent: 3, offlineMessage: 'We are closed.',
        businessHours: { days: [{ day: 1, open: '09:00', close: '17:00' }] }, sendUnsureDraftWhenOffline: true,
      };
      await t.http().patch('/api/settings').set('Authorization', bearer(B.admin)).send(patch).expect(200);
      const res = await t.http().get('/api/settings').set('Authorization', bearer(B.admin)).expect(200);
      expect(res.body.settings).toMatchObject(patch);
    });

    it('prompts: create, list, update, activate one at a time, delete; only for admins of the company', async () => {
      const first = (await t.http().post('/api/settings/prompts').set('Authorization', bearer(A.admin)).send({ name: 'Formal', content: 'Be formal.', active: true }).expect(201)).body;
      const second = (await t.http().post('/api/settings/prompts').set('Authorization', bearer(A.admin)).send({ name: 'Brief', content: 'Be brief.' }).expect(201)).body;
      await t.http().patch(`/api/settings/prompts/${second.id}`).set('Authorization', bearer(A.admin)).send({ active: true, content: 'Be very brief.' }).expect(200);
      const list = (await t.http().get('/api/settings/prompts').set('Authorization', bearer(A.admin)).expect(200)).body;
      expect(list.map((p: { name: string; active: boolean }) => [p.name, p.active])).toEqual([['Formal', false], ['Brief', true]]);
      await t.http().patch(`/api/settings/prompts/${first.id}`).set('Authorization', bearer(B.admin)).send({ active: true }).expect(404);
      await t.http().get('/api/settings/prompts').set('Authorization', bearer(A.agents[0])).expect(403);
      await t.http().delete(`/api/settings/prompts/${first.id}`).set('Authorization', bearer(A.admin)).expect(204);
      expect((await t.http().get('/api/settings/prompts').set('Authorization', bearer(A.admin))).body).toHaveLength(1);
    });

    it('canned responses: admins manage them, agents read them, other companies see none', async () => {
      await t.http().post('/api/canned-responses').set('Authorization', bearer(A.admin)).send({ title: 'Refund timing', text: 'Refunds take 5 days.', shortcut: 'refund' }).expect(201);
      await t.http().post('/api/canned-responses').set('Authorization', bearer(A.agents[0])).send({ title: 'x', text: 'y' }).expect(403);
      await t.http().post('/api/canned-responses').set('Authorization', bearer(A.admin)).send({ title: 'Bad', text: 'y', shortcut: 'Has Spaces' }).expect(400);
      const agentView = (await t.http().get('/api/canned-responses').set('Authorization', bearer(A.agents[0])).expect(200)).body;
      expect(agentView.map((c: { shortcut: string }) => c.shortcut)).toEqual(['refund']);
      expect((await t.http().get('/api/canned-responses').set('Authorization', bearer(B.agents[0])).expect(200)).body).toEqual([]);
      await t.http().patch(`/api/canned-responses/${agentView[0].id}`).set('Authorization', bearer(B.admin)).send({ text: 'hijack' }).expect(404);
    });
  });
});

describe('OpenAI answerer through the hub (e2e)', () => {
  let t: TestApp;
  let server: http.Server;
  const requests: any[] = [];

  beforeAll(async () => {
    // An OpenAI-compatible server on loopback: the real SDK talks to it.
    server = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const parsed = JSON.parse(body);
        requests.push({ url: req.url, auth: req.headers.authorization, body: parsed });
        const passages = parsed.messages[0].content as string;
        const grounded = /Returns are accepted within 30 days/.test(passages);
        const content = JSON.stringify(grounded
          ? { answer: 'You can return items within 30 days.', confidence: 0.92, sources: [1], intent: 'question' }
          : { answer: 'I am not sure.', confidence: 0.1, sources: [], intent: 'question' });
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({
          id: 'chatcmpl-1', object: 'chat.completion', created: 1, model: parsed.model,
          choices: [{ index: 0, finish_reason: 'stop', message: { role: 'assistant', content } }],
          usage: { prompt_tokens: 120, completion_tokens: 30, total_tokens: 150 },
        }));
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as AddressInfo).port;
    t = await createTestApp({ OPENAI_API_KEY: 'sk-test-key-123', OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`, OPENAI_MODEL: 'test-model' });
  });
  afterAll(async () => {
    await t.close();
    await new Promise((r) => server.close(r));
  });

  it('answers grounded in the company knowledge with the active prompt, counts tokens, and escalates an unsure answer', async () => {
    const A = await createTenant(t, { agentCount: 0 });
    await t.http().post('/api/knowledge').set('Authorization', bearer(A.admin)).send({ question: 'What is the return policy?', answer: 'Returns are accepted within 30 days of delivery.' }).expect(201);
    await t.http().post('/api/settings/prompts').set('Authorization', bearer(A.admin)).send({ name: 'Pirate', content: 'Speak like a polite pirate.', active: true }).expect(201);
    const key = (await t.http().post('/api/api-keys').set('Authorization', bearer(A.admin)).send({ name: 'k' })).body.key;

    const answered = (await t.http().post('/api/v1/chat').set('X-API-Key', key).send({ message: 'what is your return policy?' }).expect(200)).body;
    expect(answered.reply.text).toBe('You can return items within 30 days.');
    expect(answered.reply.sources[0].title).toBe('What is the return policy?');
    expect(answered.escalated).toBe(false);
    const sent = requests[requests.length - 1];
    expect(sent.url).toBe('/v1/chat/completions');
    expect(sent.auth).toBe('Bearer sk-test-key-123');
    expect(sent.body.model).toBe('test-model');
    expect(sent.body.messages[0].content).toContain('Speak like a polite pirate.');

    const unsure = (await t.http().post('/api/v1/chat').set('X-API-Key', key).send({ message: 'can I pay in seashells?' }).expect(200)).body;
    // The model cited nothing: no_answer, with its words kept as a draft for the agent only.
    expect(unsure).toMatchObject({ reply: null, escalated: true, reason: 'no_answer', status: 'queued' });
    const detail = (await t.http().get(`/api/conversations/${unsure.conversationId}`).set('Authorization', bearer(A.admin))).body;
    expect(detail.escalations[0]).toMatchObject({ reason: 'no_answer', draft: 'I am not sure.', confidence: 0.1 });
    expect(detail.messages.map((m: { text: string }) => m.text)).not.toContain('I am not sure.');

    const usage = (await t.http().get('/api/usage').set('Authorization', bearer(A.admin))).body;
    expect(usage.usage.ai_tokens).toBe(300);
    expect(usage.usage.assistant_requests).toBe(2);
  });
});
