import { io } from 'socket.io-client';
import { TEST_PASSWORD } from '../factories/tenant.factory';
import { Conversation } from '../../src/chat/entities/conversation.entity';
import { openVisitor, quickTenant, say } from '../factories/chat.factory';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { SocketPool } from '../utils/socket-client';

describe('widget edges (e2e)', () => {
  let t: TestApp;
  let pool: SocketPool;

  beforeAll(async () => {
    t = await createTestApp();
    pool = new SocketPool(t);
  });
  afterEach(() => pool.closeAll());
  afterAll(() => t.close());

  const OFFLINE = 'We are closed right now. Leave your email and we will write back.';

  it('outside business hours with nobody online, the customer gets the offline message when escalated', async () => {
    // Open one minute a week, three days from now: closed whenever this runs.
    const day = (new Date().getUTCDay() + 3) % 7;
    const tenant = await quickTenant(t, { agentCount: 0, settings: { timeZone: 'UTC', offlineMessage: OFFLINE, businessHours: { days: [{ day, open: '00:00', close: '00:01' }] } } });
    const visitor = await openVisitor(pool, tenant);
    // The acks say so explicitly, so the widget can show the email field whatever the wording.
    expect(visitor.open).toMatchObject({ offline: true, offlineMessage: OFFLINE });
    const handoff = await visitor.socket.emitOk<any>('handoff:request', { conversationId: visitor.conversationId });
    expect(handoff).toMatchObject({ status: 'queued', offline: true, offlineMessage: OFFLINE });
    const notice = await visitor.socket.waitFor('message:new', (m: any) => m.text === OFFLINE);
    expect(notice.sender.type).toBe('system');
  });

  it('inside business hours (none set means always open) there is no offline message', async () => {
    const tenant = await quickTenant(t, { agentCount: 0, settings: { offlineMessage: OFFLINE } });
    const visitor = await openVisitor(pool, tenant);
    expect(visitor.open.offline).toBe(false);
    const since = visitor.socket.mark();
    await visitor.socket.emitOk('handoff:request', { conversationId: visitor.conversationId });
    await visitor.socket.waitFor('conversation:updated', (u: any) => u.status === 'queued', undefined, since);
    await visitor.socket.flush();
    expect(visitor.socket.all('message:new').map((m: any) => m.text)).not.toContain(OFFLINE);
  });

  it('a customer socket that floods is answered rate_limited, and nothing it sent past the limit is stored', async () => {
    const tenant = await quickTenant(t, { agentCount: 0 });
    const visitor = await openVisitor(pool, tenant);
    // conversation:open was event 1 of the window; 29 more messages fit.
    const acks = [];
    for (let i = 0; i < 32; i++) {
      acks.push(await visitor.socket.emitAck<any>('message:send', { conversationId: visitor.conversationId, clientMessageId: `flood-${i}`, text: `hello ${i}` }));
    }
    const limited = acks.filter((a) => !a.ok);
    expect(acks.slice(0, 29).every((a) => a.ok)).toBe(true);
    expect(limited.length).toBe(3);
    expect(limited[0].error).toEqual({ code: 'rate_limited', message: 'Too many messages: slow down a little' });
    const stored = await t.http().get(`/api/conversations/${visitor.conversationId}`).set('Authorization', `Bearer ${tenant.admin.token}`);
    const floods = stored.body.messages.filter((m: any) => m.sender.type === 'customer');
    expect(floods).toHaveLength(29);
  });

  it('a resolved conversation takes no more messages; conversation:open then starts a fresh one', async () => {
    const tenant = await quickTenant(t, { agentCount: 0 });
    const visitor = await openVisitor(pool, tenant);
    await say(visitor, 'first message');
    await t.dataSource.getRepository(Conversation).update({ id: visitor.conversationId }, { status: 'resolved', resolvedAt: Date.now() });
    const refused = await visitor.socket.emitAck<any>('message:send', { conversationId: visitor.conversationId, clientMessageId: 'late', text: 'are you there?' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conversation_resolved' } });
    const again = await visitor.socket.emitOk<any>('conversation:open', {});
    expect(again.conversationId).not.toBe(visitor.conversationId);
    expect(again.messages).toHaveLength(1);
  });

  it('the console socket also authenticates with the httpOnly login cookie, and refuses a bad one', async () => {
    const tenant = await quickTenant(t, { agentCount: 1 });
    const login = await t.http().post('/api/auth/login').send({ email: tenant.admin.email, password: TEST_PASSWORD }).expect(200);
    const cookie = (login.headers['set-cookie'][0] as string).split(';')[0];
    const connect = (header: string) => new Promise<string>((resolve) => {
      const socket = io(`${t.url}/staff`, { transports: ['websocket'], extraHeaders: { cookie: header }, reconnection: false, forceNew: true });
      socket.on('connect', () => { socket.close(); resolve('connected'); });
      socket.on('connect_error', (e) => { socket.close(); resolve(`refused: ${e.message}`); });
    });
    expect(await connect(cookie)).toBe('connected');
    expect(await connect('sb_token=not-a-jwt')).toMatch(/^refused: Your session is invalid/);
  });
});
