import { randomUUID } from 'node:crypto';
import { defaultCompanySettings } from '../../src/companies/company-settings';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { bearer, createStaff, createTenant, TEST_PASSWORD, TestTenant } from '../factories/tenant.factory';

// The source of truth for defaults; the tests check the API applies them, not what they are.
const DEFAULT_SETTINGS = defaultCompanySettings();
const NEW_PASSWORD = 'brand-new-password-42';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

// Bad settings values: each must be a 400 naming the field (prefixed with `settings.` inside a company body).
const BAD_SETTINGS: [string, Record<string, unknown>, string][] = [
  ['confidenceThreshold 1.5', { confidenceThreshold: 1.5 }, 'confidenceThreshold'],
  ['confidenceThreshold -0.1', { confidenceThreshold: -0.1 }, 'confidenceThreshold'],
  ['confidenceThreshold as a string', { confidenceThreshold: '0.7' }, 'confidenceThreshold'],
  ['timeZone Mars/Olympus', { timeZone: 'Mars/Olympus' }, 'timeZone'],
  ['maxChatsPerAgent 0', { maxChatsPerAgent: 0 }, 'maxChatsPerAgent'],
  ['maxChatsPerAgent 2.5', { maxChatsPerAgent: 2.5 }, 'maxChatsPerAgent'],
  ['escalationKeywords as a string', { escalationKeywords: 'refund' }, 'escalationKeywords'],
  ['escalationKeywords with a one-letter keyword', { escalationKeywords: ['a'] }, 'escalationKeywords'],
  ['an unknown setting key', { colour: 'red' }, 'colour'],
];
// null would be stored as-is and break every reader of the setting (the escalation threshold, the time zone).
const NULL_SETTINGS: [string, Record<string, unknown>, string][] = ['confidenceThreshold', 'escalationKeywords', 'timeZone', 'maxChatsPerAgent']
  .map((field) => [`${field} null`, { [field]: null }, field]);

const fieldsOf = (body: { details?: { field: string }[] }) => (body.details ?? []).map((d) => d.field).sort();

describe('companies, settings and users (e2e)', () => {
  let t: TestApp;
  let superToken: string;
  let A: TestTenant;
  // Every response body this file receives, to prove none carries a password or its hash.
  const seen: string[] = [];

  beforeAll(async () => {
    const base = await createTestApp();
    const http = () => new Proxy(base.http(), {
      get(target, prop) {
        const value = (target as any)[prop];
        if (typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          const test = value.apply(target, args);
          test.on?.('response', (res: { text: string }) => seen.push(res.text));
          return test;
        };
      },
    });
    t = { ...base, http };
    superToken = await t.superAdminToken();
    A = await createTenant(t, { agentCount: 1 });
  });
  afterAll(() => t.close());

  const as = (token: string | { token: string }) => ({
    get: (path: string) => t.http().get(path).set('Authorization', bearer(token)),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', bearer(token)).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', bearer(token)).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', bearer(token)),
  });
  const loginStatus = async (email: string, password = TEST_PASSWORD) => (await t.http().post('/api/auth/login').send({ email, password })).status;

  describe('companies (super admin)', () => {
    let globex: { id: string; widgetKey: string; [k: string]: unknown };

    it('creates a company with a wk_ widget key, the free plan and the default settings', async () => {
      const res = await as(superToken).post('/api/companies', { name: '  Globex Support  ' }).expect(201);
      expect(res.body).toMatchObject({ name: 'Globex Support', plan: 'free', isActive: true, settings: DEFAULT_SETTINGS });
      expect(res.body.id).toMatch(UUID);
      expect(res.body.widgetKey).toMatch(/^wk_[A-Za-z0-9_-]{20,}$/);
      globex = res.body;
    });

    it('creates a company with a plan and partial settings merged over the defaults, and a different widget key', async () => {
      const res = await as(superToken).post('/api/companies', { name: 'Initech', plan: 'premium', settings: { confidenceThreshold: 0.7, timeZone: 'Asia/Tokyo' } }).expect(201);
      expect(res.body.plan).toBe('premium');
      expect(res.body.settings).toEqual({ ...DEFAULT_SETTINGS, confidenceThreshold: 0.7, timeZone: 'Asia/Tokyo' });
      expect(res.body.widgetKey).not.toBe(globex.widgetKey);
    });

    it('lists every company and gets one by id', async () => {
      const list = await as(superToken).get('/api/companies').expect(200);
      const ids = list.body.map((c: { id: string }) => c.id);
      expect(ids).toEqual(expect.arrayContaining([A.company.id, globex.id]));
      const one = await as(superToken).get(`/api/companies/${globex.id}`).expect(200);
      expect(one.body).toEqual(globex);
      await as(superToken).get(`/api/companies/${randomUUID()}`).expect(404);
    });

    it('updates the plan and the settings; unnamed settings keep their values', async () => {
      const patch = { confidenceThreshold: 0.8, escalationKeywords: ['chargeback', 'legal action'], timeZone: 'Europe/Paris', maxChatsPerAgent: 8 };
      const res = await as(superToken).patch(`/api/companies/${globex.id}`, { plan: 'enterprise', settings: patch }).expect(200);
      expect(res.body).toMatchObject({ id: globex.id, plan: 'enterprise', settings: { ...DEFAULT_SETTINGS, ...patch } });
      const reread = await as(superToken).get(`/api/companies/${globex.id}`).expect(200);
      expect(reread.body).toEqual(res.body);
      globex = reread.body;
    });

    it.each<[string, object, string]>([
      ...BAD_SETTINGS.map(([name, settings, field]): [string, object, string] => [name, { settings }, `settings.${field}`]),
      ['settings that are not an object', { settings: 'loud' }, 'settings'],
      ['an unknown top-level field', { owner: 'mallory' }, 'owner'],
      ['an unknown plan', { plan: 'gold' }, 'plan'],
    ])('PATCH /api/companies/:id refuses %s with a 400 naming the field, changing nothing', async (_name, body, field) => {
      const res = await as(superToken).patch(`/api/companies/${globex.id}`, body).expect(400);
      expect(fieldsOf(res.body)).toEqual([field]);
      expect(res.body.message).toContain(field.split('.').pop());
      expect((await as(superToken).get(`/api/companies/${globex.id}`)).body).toEqual(globex);
    });

    it.each([
      ['confidenceThreshold 1.5', { name: 'Bad Co', settings: { confidenceThreshold: 1.5 } }, 'settings.confidenceThreshold'],
      ['timeZone Mars/Olympus', { name: 'Bad Co', settings: { timeZone: 'Mars/Olympus' } }, 'settings.timeZone'],
      ['an unknown setting key', { name: 'Bad Co', settings: { colour: 'red' } }, 'settings.colour'],
      ['an unknown top-level field', { name: 'Bad Co', widgetKey: 'wk_mine' }, 'widgetKey'],
      ['a missing name', {}, 'name'],
      ['a name of spaces only', { name: '     ' }, 'name'],
    ])('POST /api/companies refuses %s with a 400 naming the field, creating nothing', async (_name, body, field) => {
      const before = (await as(superToken).get('/api/companies')).body.length;
      const res = await as(superToken).post('/api/companies', body);
      expect({ status: res.status, fields: fieldsOf(res.body) }).toEqual({ status: 400, fields: [field] });
      expect((await as(superToken).get('/api/companies')).body.length).toBe(before);
    });
  });

  describe('settings (admin, own company)', () => {
    let current: Record<string, unknown>;

    it('an admin reads its own settings', async () => {
      const res = await as(A.admin).get('/api/settings').expect(200);
      expect(res.body).toEqual({ companyId: A.company.id, settings: DEFAULT_SETTINGS });
    });

    it('an admin patches its own settings; the super admin sees the same values on the company', async () => {
      const patch = { confidenceThreshold: 0.72, escalationKeywords: ['speak to a human'], timeZone: 'America/New_York', maxChatsPerAgent: 3 };
      const res = await as(A.admin).patch('/api/settings', patch).expect(200);
      expect(res.body).toEqual({ companyId: A.company.id, settings: { ...DEFAULT_SETTINGS, ...patch } });
      expect((await as(A.admin).get('/api/settings')).body).toEqual(res.body);
      expect((await as(superToken).get(`/api/companies/${A.company.id}`)).body.settings).toEqual(res.body.settings);
      current = res.body.settings;
    });

    it('an admin may name its own company in ?companyId', async () => {
      const res = await as(A.admin).patch(`/api/settings?companyId=${A.company.id}`, { greeting: 'Hello from Acme' }).expect(200);
      expect(res.body.settings).toEqual({ ...current, greeting: 'Hello from Acme' });
      current = res.body.settings;
    });

    it.each([...BAD_SETTINGS, ['an unknown top-level field', { companyId: randomUUID() }, 'companyId'], ...NULL_SETTINGS])(
      'PATCH /api/settings refuses %s with a 400 naming the field, changing nothing', async (_name, body, field) => {
        try {
          const res = await as(A.admin).patch('/api/settings', body);
          expect({ status: res.status, fields: fieldsOf(res.body) }).toEqual({ status: 400, fields: [field] });
          expect((await as(A.admin).get('/api/settings')).body.settings).toEqual(current);
        } finally {
          // A value wrongly accepted must not leak into the next row's expectations.
          await as(superToken).patch(`/api/companies/${A.company.id}`, { settings: current }).expect(200);
        }
      },
    );

    it('a super admin must name the company for /api/settings (400 naming companyId)', async () => {
      const res = await as(superToken).get('/api/settings').expect(400);
      expect(fieldsOf(res.body)).toEqual(['companyId']);
      const named = await as(superToken).get(`/api/settings?companyId=${A.company.id}`).expect(200);
      expect(named.body.settings).toEqual(current);
    });
  });

  describe('users (admin, own company)', () => {
    const newUser = (role: string, extra: object = {}) => ({
      email: `staff-${randomUUID().slice(0, 8)}@example.test`, name: `Staff ${role}`, password: TEST_PASSWORD, role, ...extra,
    });

    it('an admin creates an agent and an admin in its own company; both can log in', async () => {
      for (const role of ['agent', 'admin']) {
        const body = newUser(role);
        const res = await as(A.admin).post('/api/users', body).expect(201);
        expect(res.body).toEqual({
          id: expect.stringMatching(UUID), email: body.email, name: body.name, role, companyId: A.company.id,
          isActive: true, lastLoginAt: null, createdAt: expect.any(String),
        });
        expect(await loginStatus(body.email)).toBe(200);
      }
    });

    it('an admin renames a user; the list shows the new name', async () => {
      const agent = await createStaff(t, A.admin.token, 'agent');
      const res = await as(A.admin).patch(`/api/users/${agent.id}`, { name: '  Renamed Agent ' }).expect(200);
      expect(res.body.name).toBe('Renamed Agent');
      const list = (await as(A.admin).get('/api/users').expect(200)).body;
      expect(list.find((u: { id: string }) => u.id === agent.id).name).toBe('Renamed Agent');
    });

    it('an admin promotes an agent to admin and demotes it back; each takes effect on the next request', async () => {
      const agent = await createStaff(t, A.admin.token, 'agent');
      await as(agent).get('/api/users').expect(403);
      expect((await as(A.admin).patch(`/api/users/${agent.id}`, { role: 'admin' }).expect(200)).body.role).toBe('admin');
      await as(agent).get('/api/users').expect(200);
      expect((await as(A.admin).patch(`/api/users/${agent.id}`, { role: 'agent' }).expect(200)).body.role).toBe('agent');
      await as(agent).get('/api/users').expect(403);
    });

    it("an admin changes a user's password: the old password and old sessions stop, the new password works", async () => {
      const agent = await createStaff(t, A.admin.token, 'agent');
      await as(A.admin).patch(`/api/users/${agent.id}`, { password: NEW_PASSWORD }).expect(200);
      await as(agent).get('/api/auth/me').expect(401);
      expect(await loginStatus(agent.email)).toBe(401);
      expect(await loginStatus(agent.email, NEW_PASSWORD)).toBe(200);
    });

    it('an admin deactivates (DELETE) an agent and another admin: listed inactive, no login, old token refused', async () => {
      for (const role of ['agent', 'admin'] as const) {
        const user = await createStaff(t, A.admin.token, role);
        const res = await as(A.admin).delete(`/api/users/${user.id}`).expect(200);
        expect(res.body).toMatchObject({ id: user.id, isActive: false, role });
        expect(await loginStatus(user.email)).toBe(401);
        await as(user).get('/api/auth/me').expect(401);
        const listed = (await as(A.admin).get('/api/users')).body.find((u: { id: string }) => u.id === user.id);
        expect(listed.isActive).toBe(false);
      }
    });

    it('an admin reactivates a deactivated user with PATCH isActive: true', async () => {
      const user = await createStaff(t, A.admin.token, 'agent');
      await as(A.admin).delete(`/api/users/${user.id}`).expect(200);
      expect((await as(A.admin).patch(`/api/users/${user.id}`, { isActive: true }).expect(200)).body.isActive).toBe(true);
      expect(await loginStatus(user.email)).toBe(200);
    });

    it('an admin cannot deactivate itself, by DELETE or by PATCH, and stays active', async () => {
      const byDelete = await as(A.admin).delete(`/api/users/${A.admin.id}`).expect(400);
      expect(byDelete.body.message).toMatch(/cannot deactivate yourself/);
      await as(A.admin).patch(`/api/users/${A.admin.id}`, { isActive: false }).expect(400);
      const me = await as(A.admin).get('/api/auth/me').expect(200);
      expect(me.body.isActive).toBe(true);
    });

    it('a duplicate email is a 409 naming the email, whatever its case; so is renaming onto a taken email', async () => {
      const taken = A.agents[0].email;
      for (const email of [taken, taken.toUpperCase(), `  ${taken}  `]) {
        const res = await as(A.admin).post('/api/users', { ...newUser('agent'), email }).expect(409);
        expect(res.body).toEqual({ statusCode: 409, error: 'Conflict', message: `A user with email ${taken} already exists` });
      }
      const other = await createStaff(t, A.admin.token, 'agent');
      const rename = await as(A.admin).patch(`/api/users/${other.id}`, { email: taken.toUpperCase() }).expect(409);
      expect(rename.body.message).toBe(`A user with email ${taken} already exists`);
    });

    it('two simultaneous creations with one email give one 201 and one 409, never a 500', async () => {
      const body = newUser('agent');
      const statuses = (await Promise.all([1, 2].map(() => as(A.admin).post('/api/users', body)))).map((r) => r.status).sort();
      expect(statuses).toEqual([201, 409]);
    });

    it('a super admin creates an admin for a named company, and must name one', async () => {
      const res = await as(superToken).post('/api/users', newUser('admin', { companyId: A.company.id })).expect(201);
      expect(res.body).toMatchObject({ role: 'admin', companyId: A.company.id });
      const unnamed = await as(superToken).post('/api/users', newUser('admin')).expect(400);
      expect(fieldsOf(unnamed.body)).toEqual(['companyId']);
      expect(unnamed.body.message).toMatch(/companyId is required/);
      await as(superToken).post('/api/users', newUser('agent', { companyId: randomUUID() })).expect(404);
    });

    it.each([
      ['a bad email, a short password and an unknown role', { email: 'nope', name: 'N', password: 'short', role: 'owner' }, ['email', 'password', 'role']],
      ['an unknown field', { ...newUser('agent'), isSuperAdmin: true }, ['isSuperAdmin']],
      ['a name of spaces only', { ...newUser('agent'), name: '   ' }, ['name']],
    ])('creating a user with %s is a 400 naming the fields, creating nothing', async (_name, body, fields) => {
      const res = await as(A.admin).post('/api/users', body);
      expect({ status: res.status, fields: fieldsOf(res.body) }).toEqual({ status: 400, fields });
      const emails = (await as(A.admin).get('/api/users')).body.map((u: { email: string }) => u.email);
      expect(emails).not.toContain((body as { email: string }).email);
    });

    it('no response in this file carried a password, a password hash or a bcrypt string', () => {
      expect(seen.length).toBeGreaterThan(80);
      const bad = seen.filter((text) => /passwordHash|password_hash|\$2[aby]\$/.test(text) || text.includes(TEST_PASSWORD) || text.includes(NEW_PASSWORD));
      expect(bad).toEqual([]);
    });
  });
});
