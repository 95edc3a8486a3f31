import { User } from '../../src/users/entities/user.entity';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { bearer, createStaff, createTenant, TEST_PASSWORD, TestTenant } from '../factories/tenant.factory';

describe('auth (e2e)', () => {
  let t: TestApp;
  let acme: TestTenant;

  beforeAll(async () => {
    t = await createTestApp();
    acme = await createTenant(t, { agentCount: 1 });
  });
  afterAll(() => t.close());

  it('logs in with email and password: a bearer token and an httpOnly SameSite cookie, no hash', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: acme.admin.email.toUpperCase(), password: TEST_PASSWORD }).expect(200);
    expect(res.body.accessToken).toMatch(/^ey/);
    expect(res.body.user).toMatchObject({ email: acme.admin.email, role: 'admin', companyId: acme.company.id });
    const cookie = res.headers['set-cookie'][0] as string;
    expect(cookie).toMatch(/^sb_token=ey/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(JSON.stringify(res.body)).not.toMatch(/passwordHash|\$2[aby]\$/);
  });

  it('GET /api/auth/me works with the bearer token and with the cookie alone', async () => {
    const login = await t.http().post('/api/auth/login').send({ email: acme.admin.email, password: TEST_PASSWORD });
    const viaBearer = await t.http().get('/api/auth/me').set('Authorization', bearer(login.body.accessToken)).expect(200);
    expect(viaBearer.body.email).toBe(acme.admin.email);
    const viaCookie = await t.http().get('/api/auth/me').set('Cookie', (login.headers['set-cookie'][0] as string).split(';')[0]).expect(200);
    expect(viaCookie.body.id).toBe(acme.admin.id);
    expect(JSON.stringify(viaCookie.body)).not.toMatch(/password/i);
  });

  it('refuses a wrong password and an unknown email with the same 401 message', async () => {
    const wrong = await t.http().post('/api/auth/login').send({ email: acme.agents[0].email, password: 'not-the-password' }).expect(401);
    const unknown = await t.http().post('/api/auth/login').send({ email: 'nobody@example.test', password: 'whatever-123' }).expect(401);
    expect(wrong.body).toEqual({ statusCode: 401, error: 'Unauthorized', message: unknown.body.message });
  });

  it('answers a malformed login body with a 400 naming the fields', async () => {
    const res = await t.http().post('/api/auth/login').send({ email: 'not-an-email', admin: true }).expect(400);
    const fields = res.body.details.map((d: { field: string }) => d.field).sort();
    expect(fields).toEqual(['admin', 'email', 'password']);
  });

  it('rejects requests without a token and with a forged one', async () => {
    await t.http().get('/api/auth/me').expect(401);
    const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6InN1cGVyX2FkbWluIn0.c2lnbmF0dXJl';
    await t.http().get('/api/auth/me').set('Authorization', bearer(forged)).expect(401);
  });

  it('locks an account for 15 minutes after 5 failed logins, even against the right password', async () => {
    const victim = await createStaff(t, acme.admin.token, 'agent');
    for (let i = 0; i < 5; i++) {
      await t.http().post('/api/auth/login').send({ email: victim.email, password: `wrong-password-${i}` }).expect(401);
    }
    await t.http().post('/api/auth/login').send({ email: victim.email, password: TEST_PASSWORD }).expect(401);
    const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: victim.id });
    expect(row.failedLoginCount).toBe(5);
    expect(row.lockedUntil! - Date.now()).toBeGreaterThan(14 * 60 * 1000);
    expect(row.lockedUntil! - Date.now()).toBeLessThanOrEqual(15 * 60 * 1000);
    // Once the lock has run out, the right password works again.
    await t.dataSource.getRepository(User).update({ id: victim.id }, { lockedUntil: Date.now() - 1 });
    await t.http().post('/api/auth/login').send({ email: victim.email, password: TEST_PASSWORD }).expect(200);
  });

  it('logout ends the session: the old token and cookie stop working', async () => {
    const user = await createStaff(t, acme.admin.token, 'agent');
    await t.http().get('/api/auth/me').set('Authorization', bearer(user)).expect(200);
    const res = await t.http().post('/api/auth/logout').set('Authorization', bearer(user)).expect(200);
    expect(res.headers['set-cookie'][0]).toMatch(/sb_token=;/);
    await t.http().get('/api/auth/me').set('Authorization', bearer(user)).expect(401);
  });

  it('a deactivated user can neither log in nor use an existing token', async () => {
    const user = await createStaff(t, acme.admin.token, 'agent');
    await t.http().delete(`/api/users/${user.id}`).set('Authorization', bearer(acme.admin)).expect(200);
    await t.http().get('/api/auth/me').set('Authorization', bearer(user)).expect(401);
    await t.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(401);
  });

  it('refuses passwords shorter than 10 characters', async () => {
    const res = await t.http().post('/api/users').set('Authorization', bearer(acme.admin))
      .send({ email: 'short@example.test', name: 'Short', password: 'nine-char', role: 'agent' }).expect(400);
    expect(res.body.details).toEqual([{ field: 'password', errors: ['password must be at least 10 characters'] }]);
  });

  it('stores passwords as bcrypt hashes', async () => {
    const row = await t.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash')
      .where('u.id = :id', { id: acme.admin.id }).getOneOrFail();
    expect(row.passwordHash).toMatch(/^\$2[aby]\$10\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
  });
});

describe('login rate limit (e2e)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ RATE_LIMIT_LOGIN_PER_MINUTE: '3' });
  });
  afterAll(() => t.close());

  it('answers 429 once an address exceeds the login limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push((await t.http().post('/api/auth/login').send({ email: `x${i}@example.test`, password: 'whatever-123' })).status);
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
    const res = await t.http().post('/api/auth/login').send({ email: 'x@example.test', password: 'whatever-123' }).expect(429);
    expect(res.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests' });
    // Authenticated endpoints are not throttled by the login limit.
    await t.http().get('/health').expect(200);
  });
});
