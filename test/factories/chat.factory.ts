import { randomUUID } from 'node:crypto';
import { AuthService } from '../../src/auth/auth.service';
import { User } from '../../src/users/entities/user.entity';
import { TEST_PASSWORD, TestApp } from '../utils/create-test-app';
import { cid, SocketPool, TestSocket } from '../utils/socket-client';
import { bearer, TestTenant, TestUser } from './tenant.factory';

/**
 * Like createStaff, but the token comes from the app's own AuthService.issueToken (what login returns)
 * instead of a login round trip: one bcrypt compare less per user, which the socket specs need to stay fast.
 */
async function createStaffQuick(t: TestApp, token: string, role: 'admin' | 'agent', companyId?: string, name?: string): Promise<TestUser> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const displayName = name ?? `${role === 'admin' ? 'Admin' : 'Agent'} ${email.slice(role.length + 1, role.length + 5)}`;
  const res = await t.http().post('/api/users').set('Authorization', `Bearer ${token}`)
    .send({ email, name: displayName, password: TEST_PASSWORD, role, ...(companyId ? { companyId } : {}) });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
  const user = await t.dataSource.getRepository(User).findOneByOrFail({ id: res.body.id });
  const { accessToken } = await t.app.get(AuthService).issueToken(user);
  return { id: user.id, email, name: displayName, token: accessToken };
}

/** A company with an admin and `agentCount` agents, created through the REST API (see createStaffQuick for tokens). */
export async function quickTenant(t: TestApp, options: { name?: string; agentCount?: number; settings?: Record<string, unknown>; agentNames?: string[] } = {}): Promise<TestTenant> {
  const superToken = await t.superAdminToken();
  const res = await t.http().post('/api/companies').set('Authorization', bearer(superToken))
    .send({ name: options.name ?? `Company ${randomUUID().slice(0, 6)}`, ...(options.settings ? { settings: options.settings } : {}) });
  if (res.status !== 201) throw new Error(`create company failed: ${res.status} ${JSON.stringify(res.body)}`);
  const company = res.body;
  const admin = await createStaffQuick(t, superToken, 'admin', company.id);
  const agents: TestUser[] = [];
  for (let i = 0; i < (options.agentCount ?? 1); i++) agents.push(await createStaffQuick(t, admin.token, 'agent', undefined, options.agentNames?.[i]));
  return { company, admin, agents };
}

/** One more agent in the admin's company. */
export const quickAgent = (t: TestApp, admin: TestUser, name?: string) => createStaffQuick(t, admin.token, 'agent', undefined, name);

export interface TestEntry {
  id: string;
  question: string;
  answer: string;
  category: string | null;
  active: boolean;
}

/** A knowledge entry, created through POST /api/knowledge as the company's admin. */
export async function createEntry(t: TestApp, admin: TestUser, entry: { question: string; answer: string; category?: string; active?: boolean }): Promise<TestEntry> {
  const res = await t.http().post('/api/knowledge').set('Authorization', bearer(admin)).send(entry);
  if (res.status !== 201) throw new Error(`create knowledge entry failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Changes a company's settings as the super admin (PATCH /api/companies/:id). */
export async function patchSettings(t: TestApp, companyId: string, settings: Record<string, unknown>): Promise<void> {
  const res = await t.http().patch(`/api/companies/${companyId}`).set('Authorization', bearer(await t.superAdminToken())).send({ settings });
  if (res.status !== 200) throw new Error(`patch settings failed: ${res.status} ${JSON.stringify(res.body)}`);
}

/** GET /api/conversations/:id as a staff member: messages, escalations, feedback. */
export async function getConversation(t: TestApp, user: TestUser, conversationId: string): Promise<any> {
  const res = await t.http().get(`/api/conversations/${conversationId}`).set('Authorization', bearer(user));
  if (res.status !== 200) throw new Error(`get conversation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export interface TestVisitor {
  socket: TestSocket;
  conversationId: string;
  visitorToken: string;
  open: any;
}

/** A widget visitor: connects to /customer and opens (or resumes) their conversation. */
export async function openVisitor(pool: SocketPool, tenant: TestTenant, options: { name?: string; email?: string; visitorToken?: string; label?: string } = {}): Promise<TestVisitor> {
  const socket = await pool.customer({ widgetKey: tenant.company.widgetKey, ...(options.visitorToken ? { visitorToken: options.visitorToken } : {}) }, options.label ?? `visitor ${options.name ?? ''}`.trim());
  const open = await socket.emitOk<any>('conversation:open', { ...(options.name ? { name: options.name } : {}), ...(options.email ? { email: options.email } : {}) });
  return { socket, conversationId: open.conversationId, visitorToken: open.visitorToken, open };
}

/** Sends a customer message and returns the stored message from the ack. */
export async function say(visitor: TestVisitor, text: string, clientMessageId = cid('c')): Promise<any> {
  const ack = await visitor.socket.emitOk<any>('message:send', { conversationId: visitor.conversationId, clientMessageId, text });
  return ack.message;
}

/** A console socket of `user` that has gone online. */
export async function onlineAgent(pool: SocketPool, user: TestUser, label = user.name): Promise<TestSocket> {
  const socket = await pool.staff({ token: user.token }, label);
  const ack = await socket.emitOk<any>('agent:status', { status: 'online' });
  if (ack.status !== 'online') throw new Error(`${label} did not go online: ${JSON.stringify(ack)}`);
  return socket;
}

/** Waits until the customer's conversation reaches `status` (pushed as conversation:updated). */
export function statusPushed(socket: TestSocket, conversationId: string, status: string, since = 0): Promise<any> {
  return socket.waitFor('conversation:updated', (u: any) => u.conversationId === conversationId && u.status === status, undefined, since);
}

/** An API key for the admin's company, through POST /api/api-keys; `key` is the plain key, shown once. */
export async function apiKeyFor(t: TestApp, admin: TestUser): Promise<{ id: string; key: string }> {
  const res = await t.http().post('/api/api-keys').set('Authorization', bearer(admin)).send({ name: `Key ${randomUUID().slice(0, 6)}` });
  if (res.status !== 201) throw new Error(`create api key failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, key: res.body.key };
}
