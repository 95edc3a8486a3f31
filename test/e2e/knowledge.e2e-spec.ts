import { createEntry, getConversation, openVisitor, quickTenant, say, TestEntry } from '../factories/chat.factory';
import { bearer, TestTenant } from '../factories/tenant.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { SocketPool } from '../utils/socket-client';

const SHIPPING = { question: 'How long does shipping take?', answer: 'Shipping takes 3 to 5 business days within the EU.', category: 'Delivery' };
const RETURNS = { question: 'What is your returns policy?', answer: 'You can return unworn items within 30 days for free.' };
const PARKING = { question: 'Is there parking at the flagship store?', answer: 'Yes, 40 free spaces behind the flagship store.' };

describe('knowledge (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;
  let A: TestTenant;
  let B: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
    A = await quickTenant(t, { agentCount: 1 });
    B = await quickTenant(t, { agentCount: 1 });
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  const as = (user: { token: string }) => ({
    get: (path: string) => t.http().get(path).set('Authorization', bearer(user)),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', bearer(user)).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', bearer(user)).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', bearer(user)),
  });

  /** A new visitor asks over the socket; resolves with the bot's reply, or null if the conversation went to a person. */
  async function ask(tenant: TestTenant, question: string): Promise<{ reply: any | null; conversationId: string; ms: number }> {
    const started = Date.now();
    const v = await openVisitor(pool, tenant);
    const m = await say(v, question);
    const next = await v.socket.waitFor('message:new', (x: any) => x.seq === m.seq + 1);
    const ms = Date.now() - started;
    v.socket.close();
    return { reply: next.sender.type === 'bot' ? next : null, conversationId: v.conversationId, ms };
  }

  describe('REST: GET|POST /api/knowledge, PATCH|DELETE /api/knowledge/:id, per company', () => {
    let shipping: TestEntry;
    let returns: TestEntry;
    let gift: TestEntry;

    beforeAll(async () => {
      shipping = await createEntry(t, A.admin, SHIPPING);
      returns = await createEntry(t, A.admin, RETURNS);
      gift = await createEntry(t, B.admin, { question: 'Do you sell gift cards?', answer: 'Yes, from 10 to 200 euros.' });
    });

    it('creates entries as an admin (201, trimmed) and refuses agents (403) and bad bodies (400 naming fields)', async () => {
      const res = await as(A.admin).post('/api/knowledge', { question: '  Do you ship to Iceland?  ', answer: ' Yes, in 7 days. ', category: 'Delivery' }).expect(201);
      expect(res.body).toMatchObject({ id: expect.any(String), question: 'Do you ship to Iceland?', answer: 'Yes, in 7 days.', category: 'Delivery', active: true });
      expect(shipping).toMatchObject({ question: SHIPPING.question, answer: SHIPPING.answer, category: 'Delivery', active: true });
      await as(A.agents[0]).post('/api/knowledge', { question: 'Agents may not write?', answer: 'No.' }).expect(403);
      const bad = await as(A.admin).post('/api/knowledge', { question: 'ab', answer: '', companyId: 'x', secret: 1 }).expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['answer', 'companyId', 'question', 'secret']);
      await as(A.admin).delete(`/api/knowledge/${res.body.id}`).expect(204);
    });

    it("lists only the caller's company entries (admins and agents)", async () => {
      const forA = await as(A.admin).get('/api/knowledge').expect(200);
      expect(forA.body.items.map((e: any) => e.id).sort()).toEqual([shipping.id, returns.id].sort());
      expect(forA.body.total).toBe(2);
      const forAgent = await as(A.agents[0]).get('/api/knowledge').expect(200);
      expect(forAgent.body.items.map((e: any) => e.id).sort()).toEqual([shipping.id, returns.id].sort());
      const forB = await as(B.admin).get('/api/knowledge').expect(200);
      expect(forB.body.items.map((e: any) => e.id)).toEqual([gift.id]);
      const filtered = await as(A.admin).get('/api/knowledge?category=Delivery').expect(200);
      expect(filtered.body.items.map((e: any) => e.id)).toEqual([shipping.id]);
    });

    it("updates and deletes its own entries; another company's are 404, agents' writes 403", async () => {
      const patched = await as(A.admin).patch(`/api/knowledge/${returns.id}`, { answer: 'Returns are free within 60 days.' }).expect(200);
      expect(patched.body).toMatchObject({ id: returns.id, question: RETURNS.question, answer: 'Returns are free within 60 days.' });
      await as(A.agents[0]).patch(`/api/knowledge/${returns.id}`, { answer: 'hacked' }).expect(403);
      await as(A.agents[0]).delete(`/api/knowledge/${returns.id}`).expect(403);
      await as(B.admin).patch(`/api/knowledge/${returns.id}`, { answer: 'hacked' }).expect(404);
      await as(B.admin).delete(`/api/knowledge/${returns.id}`).expect(404);
      await as(B.admin).get(`/api/knowledge/${returns.id}`).expect(404);
      expect((await as(A.admin).get(`/api/knowledge/${returns.id}`).expect(200)).body.answer).toBe('Returns are free within 60 days.');

      const temp = await createEntry(t, A.admin, { question: 'Temporary entry to delete?', answer: 'Gone soon.' });
      await as(A.admin).delete(`/api/knowledge/${temp.id}`).expect(204);
      await as(A.admin).get(`/api/knowledge/${temp.id}`).expect(404);
      await as(A.admin).delete(`/api/knowledge/${temp.id}`).expect(404);
    });

    it('GET /api/knowledge/search?q= finds what the assistant would, in the caller’s company only', async () => {
      const res = await as(A.agents[0]).get(`/api/knowledge/search?q=${encodeURIComponent('shipping time')}`).expect(200);
      expect(res.body.query).toBe('shipping time');
      expect(res.body.results[0]).toMatchObject({ id: `entry:${shipping.id}`, title: SHIPPING.question, text: SHIPPING.answer, category: 'Delivery', score: expect.any(Number) });
      expect(res.body.results[0].score).toBeGreaterThan(0);
      const inB = await as(B.admin).get(`/api/knowledge/search?q=${encodeURIComponent('shipping time')}`).expect(200);
      expect(JSON.stringify(inB.body)).not.toContain(shipping.id);
      expect(JSON.stringify(inB.body)).not.toContain('Shipping');
      const bad = await as(A.admin).get('/api/knowledge/search').expect(400);
      expect(bad.body.details.map((d: { field: string }) => d.field)).toEqual(['q']);
    });
  });

  describe("the assistant's index follows changes without a restart", () => {
    let C: TestTenant;
    let entry: TestEntry;
    const search = async (q: string) => (await as(C.admin).get(`/api/knowledge/search?q=${encodeURIComponent(q)}`).expect(200)).body.results.map((r: any) => r.id);

    beforeAll(async () => {
      C = await quickTenant(t, { agentCount: 0 });
      await createEntry(t, C.admin, SHIPPING);
      // Load C's index before any change, so what follows exercises the live update, not the first load.
      expect((await ask(C, SHIPPING.question)).reply.text).toBe(SHIPPING.answer);
      expect((await ask(C, PARKING.question)).reply).toBeNull();
    });

    it('a new entry is answered from, with its source, within a second', async () => {
      const created = Date.now();
      entry = await createEntry(t, C.admin, PARKING);
      const { reply } = await ask(C, PARKING.question);
      expect(Date.now() - created).toBeLessThan(1000);
      expect(reply).toMatchObject({ text: PARKING.answer, sources: [expect.objectContaining({ id: `entry:${entry.id}`, title: PARKING.question })] });
      expect(await search('parking flagship')).toContain(`entry:${entry.id}`);
    });

    it('a PATCHed answer is what the next question gets', async () => {
      const changed = Date.now();
      await as(C.admin).patch(`/api/knowledge/${entry.id}`, { answer: 'Parking moved: use the city garage on Elm Street.' }).expect(200);
      const { reply } = await ask(C, PARKING.question);
      expect(Date.now() - changed).toBeLessThan(1000);
      expect(reply.text).toBe('Parking moved: use the city garage on Elm Street.');
      expect(reply.sources[0].id).toBe(`entry:${entry.id}`);
    });

    it('a PATCHed question is matched by its new wording', async () => {
      await as(C.admin).patch(`/api/knowledge/${entry.id}`, { question: 'Where can I leave my bicycle near the flagship store?' }).expect(200);
      const { reply } = await ask(C, 'Where can I leave my bicycle near the flagship store?');
      expect(reply).toMatchObject({ sources: [expect.objectContaining({ id: `entry:${entry.id}`, title: 'Where can I leave my bicycle near the flagship store?' })] });
      await as(C.admin).patch(`/api/knowledge/${entry.id}`, { question: PARKING.question }).expect(200);
    });

    it('active=false takes it out of answers and search; active=true brings it back', async () => {
      await as(C.admin).patch(`/api/knowledge/${entry.id}`, { active: false }).expect(200);
      const off = await ask(C, PARKING.question);
      expect(off.reply).toBeNull();
      expect((await getConversation(t, C.admin, off.conversationId)).escalations.map((e: any) => e.reason)).toEqual(['no_answer']);
      expect(await search('parking flagship')).not.toContain(`entry:${entry.id}`);
      // Still listed for the admin, marked inactive.
      const listed = (await as(C.admin).get('/api/knowledge').expect(200)).body.items.find((e: any) => e.id === entry.id);
      expect(listed.active).toBe(false);

      await as(C.admin).patch(`/api/knowledge/${entry.id}`, { active: true }).expect(200);
      const on = await ask(C, PARKING.question);
      expect(on.reply?.sources[0].id).toBe(`entry:${entry.id}`);
    });

    it('a DELETEd entry is no longer answered from nor found', async () => {
      await as(C.admin).delete(`/api/knowledge/${entry.id}`).expect(204);
      const { reply, conversationId } = await ask(C, PARKING.question);
      expect(reply).toBeNull();
      expect(JSON.stringify(await getConversation(t, C.admin, conversationId))).not.toContain(`entry:${entry.id}`);
      expect(await search('parking flagship')).not.toContain(`entry:${entry.id}`);
      // The rest of the knowledge is untouched.
      expect((await ask(C, SHIPPING.question)).reply.text).toBe(SHIPPING.answer);
    });

    it("never answers from another company's knowledge", async () => {
      const { reply } = await ask(B, SHIPPING.question);
      expect(reply).toBeNull();
    });
  });
});
