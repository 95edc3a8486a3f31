import { createHash, randomUUID } from 'node:crypto';
import { AuditLog } from '../../src/audit/entities/audit-log.entity';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { bearer, createApiKey, createStaff, createTenant, TEST_PASSWORD, TestApiKey, TestTenant, TestUser } from '../factories/tenant.factory';

interface Row {
  id: string;
  companyId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  details: Record<string, unknown> | null;
  createdAt: number;
}

const WRONG_PASSWORD = `wrong-password-${randomUUID().slice(0, 8)}`;
const CHANGED_PASSWORD = `changed-password-${randomUUID().slice(0, 8)}`;

describe('audit log (e2e)', () => {
  let t: TestApp;
  let superToken: string;
  let superUser: { id: string; email: string };
  let A: TestTenant;
  let B: TestTenant;
  let hired: TestUser;
  let key: TestApiKey;
  let keyB: TestApiKey;
  let startedAt: number;

  const get = (token: string | { token: string }, path: string) => t.http().get(path).set('Authorization', bearer(token));
  const all = async (token: string | { token: string }, query = '') => (await get(token, `/api/audit-logs?limit=500${query}`).expect(200)).body as { items: Row[]; total: number };

  beforeAll(async () => {
    startedAt = Date.now();
    t = await createTestApp();
    superToken = await t.superAdminToken();
    superUser = (await get(superToken, '/api/auth/me')).body;
    A = await createTenant(t, { agentCount: 1 });
    B = await createTenant(t, { agentCount: 1 });
    // The actions under audit, each once, by A's admin unless said otherwise.
    await t.http().post('/api/auth/login').send({ email: A.agents[0].email, password: WRONG_PASSWORD }).expect(401);
    await t.http().post('/api/auth/login').send({ email: 'ghost@example.test', password: WRONG_PASSWORD }).expect(401);
    hired = await createStaff(t, A.admin.token, 'agent');
    await t.http().patch(`/api/users/${hired.id}`).set('Authorization', bearer(A.admin)).send({ name: 'Hired Hand', password: CHANGED_PASSWORD }).expect(200);
    await t.http().delete(`/api/users/${hired.id}`).set('Authorization', bearer(A.admin)).expect(200);
    await t.http().patch('/api/settings').set('Authorization', bearer(A.admin)).send({ confidenceThreshold: 0.7, timeZone: 'Europe/Paris' }).expect(200);
    await t.http().patch(`/api/companies/${A.company.id}`).set('Authorization', bearer(superToken)).send({ plan: 'premium' }).expect(200);
    key = await createApiKey(t, A.admin, 'Audit key');
    await t.http().delete(`/api/api-keys/${key.id}`).set('Authorization', bearer(A.admin)).expect(200);
    keyB = await createApiKey(t, B.admin, 'B key');
  });
  afterAll(() => t.close());

  // What each action must record: who did it, to what, in which company, with which details.
  const expected = () => [
    { action: 'auth.login_succeeded', actorId: A.admin.id, actorEmail: A.admin.email, targetType: 'user', targetId: A.admin.id, companyId: A.company.id, details: null },
    { action: 'auth.login_failed', actorId: A.agents[0].id, actorEmail: A.agents[0].email, targetType: 'user', targetId: A.agents[0].id, companyId: A.company.id, details: { email: A.agents[0].email, reason: 'bad_credentials', lockedNow: false } },
    { action: 'user.created', actorId: A.admin.id, actorEmail: A.admin.email, targetType: 'user', targetId: hired.id, companyId: A.company.id, details: { email: hired.email, role: 'agent' } },
    { action: 'user.updated', actorId: A.admin.id, actorEmail: A.admin.email, targetType: 'user', targetId: hired.id, companyId: A.company.id, details: { changes: ['name', 'password'] } },
    { action: 'user.deactivated', actorId: A.admin.id, actorEmail: A.admin.email, targetType: 'user', targetId: hired.id, companyId: A.company.id, details: { email: hired.email } },
    { action: 'settings.changed', actorId: A.admin.id, actorEmail: A.admin.email, targetType: 'company', targetId: A.company.id, companyId: A.company.id, details: { changes: ['confidenceThreshold', 'timeZone'] } },
    { action: 'plan.changed', actorId: superUser.id, actorEmail: superUser.email, targetType: 'company', targetId: A.company.id, companyId: A.company.id, details: { from: 'free', to: 'premium' } },
    { action: 'api_key.created', actorId: A.admin.id, actorEmail: A.admin.email, targetType: 'api_key', targetId: key.id, companyId: A.company.id, details: { name: 'Audit key', prefix: key.prefix } },
    { action: 'api_key.revoked', actorId: A.admin.id, actorEmail: A.admin.email, targetType: 'api_key', targetId: key.id, companyId: A.company.id, details: { prefix: key.prefix } },
  ];

  it.each(['auth.login_succeeded', 'auth.login_failed', 'user.created', 'user.updated', 'user.deactivated', 'settings.changed', 'plan.changed', 'api_key.created', 'api_key.revoked'])(
    "%s is recorded with its actor, target and company, and A's admin can read it", async (action) => {
      const want = expected().find((e) => e.action === action)!;
      const { items } = await all(A.admin, `&action=${action}`);
      const match = items.filter((r) => r.targetId === want.targetId || (r.actorId === want.actorId && r.action === action));
      expect(match.length).toBeGreaterThan(0);
      expect(match[0]).toMatchObject(want);
      expect(match[0].createdAt).toBeGreaterThanOrEqual(startedAt);
    },
  );

  it('a failed login for an unknown email is recorded without company, seen only by the super admin', async () => {
    const { items } = await all(superToken, '&action=auth.login_failed');
    expect(items.find((r) => r.details?.email === 'ghost@example.test')).toMatchObject({ companyId: null, actorId: null });
    const asAdmin = await all(A.admin, '&action=auth.login_failed');
    expect(asAdmin.items.some((r) => r.details?.email === 'ghost@example.test')).toBe(false);
  });

  it("an admin sees only its own company's rows, all of them, and no other company's", async () => {
    const a = await all(A.admin);
    const b = await all(B.admin);
    expect(a.items.length).toBeGreaterThanOrEqual(10);
    expect(a.items.filter((r) => r.companyId !== A.company.id)).toEqual([]);
    expect(b.items.filter((r) => r.companyId !== B.company.id)).toEqual([]);
    expect(a.total).toBe(a.items.length);
    expect(await t.dataSource.getRepository(AuditLog).countBy({ companyId: A.company.id })).toBe(a.total);
    expect(b.items.some((r) => r.targetId === keyB.id)).toBe(true);
    expect(JSON.stringify(a)).not.toContain(keyB.id);
  });

  it("an admin asking for another company's rows gets a 403", async () => {
    await get(A.admin, `/api/audit-logs?companyId=${B.company.id}`).expect(403);
  });

  it('the super admin sees every company and the company-less rows, newest first', async () => {
    const { items, total } = await all(superToken);
    expect(total).toBe(await t.dataSource.getRepository(AuditLog).count());
    const companies = new Set(items.map((r) => r.companyId));
    expect(companies).toEqual(new Set([A.company.id, B.company.id, null]));
    const times = items.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort((x, y) => y - x));
  });

  it.each([
    ['companyId', () => B.company.id, (r: Row) => r.companyId],
    ['actorId', () => A.admin.id, (r: Row) => r.actorId],
    ['action', () => 'user.created', (r: Row) => r.action],
  ])('the super admin filters by %s: every row matches, and the count matches the database', async (param, value, pick) => {
    const { items, total } = await all(superToken, `&${param}=${value()}`);
    expect(items.length).toBeGreaterThan(0);
    expect(items.filter((r) => pick(r) !== value())).toEqual([]);
    const column = { companyId: 'companyId', actorId: 'actorId', action: 'action' }[param] as 'companyId' | 'actorId' | 'action';
    expect(total).toBe(await t.dataSource.getRepository(AuditLog).countBy({ [column]: value() }));
  });

  it('the super admin filters by from (inclusive) and to (exclusive), alone and with other filters', async () => {
    const { items } = await all(superToken);
    const times = [...new Set(items.map((r) => r.createdAt))].sort((x, y) => x - y);
    expect(times.length).toBeGreaterThanOrEqual(4);
    const from = times[1];
    const to = times[times.length - 2];
    const window = await all(superToken, `&from=${from}&to=${to}`);
    expect(window.items.length).toBe(items.filter((r) => r.createdAt >= from && r.createdAt < to).length);
    expect(window.items.every((r) => r.createdAt >= from && r.createdAt < to)).toBe(true);
    expect(window.items.some((r) => r.createdAt === from)).toBe(true);
    const combined = await all(superToken, `&companyId=${A.company.id}&action=api_key.created&from=${startedAt}`);
    expect(combined.items.map((r) => r.targetId)).toEqual([key.id]);
    expect((await all(superToken, `&from=${Date.now() + 60_000}`)).items).toEqual([]);
  });

  it('pages with limit and offset', async () => {
    const full = await all(superToken);
    const page = (await get(superToken, '/api/audit-logs?limit=3&offset=2').expect(200)).body;
    expect(page.total).toBe(full.total);
    expect(page.items.map((r: Row) => r.id)).toEqual(full.items.slice(2, 5).map((r) => r.id));
  });

  it('rejects malformed filters with a 400 naming them', async () => {
    const res = await get(superToken, '/api/audit-logs?actorId=nobody&from=yesterday&limit=0').expect(400);
    expect(res.body.details.map((d: { field: string }) => d.field).sort()).toEqual(['actorId', 'from', 'limit']);
  });

  it('has no route to change or delete an audit row, and the row survives every attempt', async () => {
    const target = (await all(superToken)).items[0];
    for (const method of ['patch', 'put', 'delete'] as const) {
      const res = await t.http()[method](`/api/audit-logs/${target.id}`).set('Authorization', bearer(superToken)).send({ action: 'tampered' });
      expect({ method, status: res.status }).toEqual({ method, status: 404 });
    }
    for (const method of ['post', 'delete'] as const) {
      await t.http()[method]('/api/audit-logs').set('Authorization', bearer(superToken)).send({}).expect(404);
    }
    const after = await t.dataSource.getRepository(AuditLog).findOneByOrFail({ id: target.id });
    expect({ ...after }).toEqual({ ...target });
  });

  it('no audit row holds a password, a password hash, an API key or its hash', async () => {
    const rows = await t.dataSource.getRepository(AuditLog).find();
    expect(rows.length).toBeGreaterThanOrEqual(20);
    const text = JSON.stringify(rows);
    const secrets = [TEST_PASSWORD, WRONG_PASSWORD, CHANGED_PASSWORD, key.key, key.key.slice(12), keyB.key, keyB.key.slice(12),
      createHash('sha256').update(key.key).digest('hex')];
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
    expect(text).not.toMatch(/\$2[aby]\$/);
    // The details of a failed login name the account, not what was typed as its password.
    expect(rows.filter((r) => r.action === 'auth.login_failed').every((r) => !JSON.stringify(r.details).includes('password'))).toBe(true);
  });
});
