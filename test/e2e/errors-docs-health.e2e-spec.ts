import { Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';
import type { Response } from 'supertest';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { bearer, createTenant, TEST_PASSWORD, TestTenant } from '../factories/tenant.factory';

const GENERIC_500 = { statusCode: 500, error: 'Internal Server Error', message: 'Something went wrong on our side' };

/** The one public error shape: exactly {statusCode, error, message, details?}, JSON, status matching the HTTP status. */
function expectErrorBody(res: Response, status: number): void {
  expect(res.status).toBe(status);
  expect(res.headers['content-type']).toMatch(/^application\/json/);
  const { statusCode, error, message, details, ...rest } = res.body;
  expect(rest).toEqual({});
  expect(statusCode).toBe(status);
  expect(error).toBe(STATUS_CODES[status]);
  expect(typeof message).toBe('string');
  expect(message.length).toBeGreaterThan(0);
  if (details !== undefined) {
    expect(details).toEqual(expect.arrayContaining([{ field: expect.any(String), errors: expect.arrayContaining([expect.any(String)]) }]));
    expect(details.every((d: object) => Object.keys(d).sort().join() === 'errors,field')).toBe(true);
  }
}
const fieldsOf = (res: Response) => (res.body.details ?? []).map((d: { field: string }) => d.field).sort();

/** What a stack trace or a database error would look like in a response body. */
function expectNoInternals(text: string): void {
  for (const leak of ['SQLITE', 'SqliteError', 'no such table', 'QueryFailedError', 'audit_logs', 'SELECT', 'stack', '.ts:', '.js:', 'node_modules']) {
    expect({ leak, found: text.includes(leak) }).toEqual({ leak, found: false });
  }
  expect(text).not.toMatch(/\bat \S+ \(|\n\s+at /);
}

describe('errors, docs and health (e2e)', () => {
  let t: TestApp;
  let superToken: string;
  let A: TestTenant;
  let logged: jest.SpyInstance;

  beforeAll(async () => {
    t = await createTestApp();
    superToken = await t.superAdminToken();
    A = await createTenant(t, { agentCount: 1 });
  });
  // The filter logs every 500 with its stack: capture it instead of printing it.
  beforeEach(() => { logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined); });
  afterEach(() => logged.mockRestore());
  afterAll(() => t.close());

  const as = (token: string | { token: string }) => ({
    get: (path: string) => t.http().get(path).set('Authorization', bearer(token)),
    post: (path: string, body: object) => t.http().post(path).set('Authorization', bearer(token)).send(body),
    patch: (path: string, body: object) => t.http().patch(path).set('Authorization', bearer(token)).send(body),
    delete: (path: string) => t.http().delete(path).set('Authorization', bearer(token)),
  });

  describe('error bodies', () => {
    it('an unknown route is a 404 in the error shape, with or without a token', async () => {
      for (const res of [await t.http().get('/api/nope'), await as(superToken).post('/api/users/extra/segments', {}), await as(superToken).delete('/api/settings')]) {
        expectErrorBody(res, 404);
        expect(res.headers['x-content-type-options']).toBe('nosniff');
      }
    });

    it('an unknown record is a 404 in the error shape', async () => {
      const res = await as(superToken).get(`/api/users/${randomUUID()}`);
      expectErrorBody(res, 404);
      expect(res.body.message).toBe('User not found');
    });

    it('a validation failure is a 400 whose details name every bad field', async () => {
      const res = await as(A.admin).post('/api/users', { email: 'not-an-email', name: '', password: 'short', role: 'owner' });
      expectErrorBody(res, 400);
      expect(fieldsOf(res)).toEqual(['email', 'name', 'password', 'role']);
      expect(res.body.message).toMatch(/^Validation failed: /);
    });

    it.each([
      ['a body', () => as(A.admin).post('/api/users', { email: 'x@example.test', name: 'X', password: TEST_PASSWORD, role: 'agent', isAdmin: true }), ['isAdmin']],
      ['a nested body', () => as(A.admin).patch('/api/settings', { businessHours: { days: [], timezone: 'UTC' } }), ['businessHours.timezone']],
      ['a query', () => as(A.admin).get('/api/users?sort=email'), ['sort']],
      ['a login body', () => t.http().post('/api/auth/login').send({ email: A.admin.email, password: TEST_PASSWORD, remember: true }), ['remember']],
    ])('an unknown field in %s is a 400 naming it', async (_where, call, fields) => {
      const res = await call();
      expectErrorBody(res, 400);
      expect(fieldsOf(res)).toEqual(fields);
    });

    it.each([
      ['get', '/api/users/not-a-uuid'], ['patch', '/api/users/123'], ['delete', '/api/users/abc'],
      ['get', '/api/companies/not-a-uuid'], ['patch', '/api/companies/1'], ['delete', '/api/api-keys/xyz'],
    ] as const)('an invalid UUID in %s %s is a 400', async (method, path) => {
      const res = await t.http()[method](path).set('Authorization', bearer(superToken)).send(method === 'patch' ? { name: 'New name' } : undefined);
      expectErrorBody(res, 400);
      expect(res.body.message).toMatch(/uuid/i);
    });

    it('a missing, malformed or forged token is a 401 in the error shape', async () => {
      const forged = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4Iiwicm9sZSI6InN1cGVyX2FkbWluIn0.c2lnbmF0dXJl';
      for (const header of [undefined, 'Bearer ', 'Basic dXNlcjpwYXNz', 'Bearer not.a.jwt', bearer(forged)]) {
        const req = t.http().get('/api/users');
        expectErrorBody(await (header === undefined ? req : req.set('Authorization', header)), 401);
      }
      expectErrorBody(await t.http().get('/api/users').set('Cookie', 'sb_token=garbage'), 401);
    });

    it('a wrong role is a 403 in the error shape', async () => {
      const res = await as(A.agents[0]).get('/api/users');
      expectErrorBody(res, 403);
      expect(res.body.message).toBe('This needs the admin role');
    });

    it('a duplicate is a 409 in the error shape', async () => {
      const res = await as(A.admin).post('/api/users', { email: A.agents[0].email, name: 'Twin', password: TEST_PASSWORD, role: 'agent' });
      expectErrorBody(res, 409);
    });

    it('malformed JSON is a 400 in the error shape', async () => {
      const res = await t.http().post('/api/auth/login').set('Content-Type', 'application/json').send('{"email": "a@b.c", ');
      expectErrorBody(res, 400);
      expectNoInternals(res.text);
    });

    it('a body over the size limit is a 413 in the error shape, not a 500', async () => {
      const res = await as(A.admin).post('/api/users', { email: 'big@example.test', name: 'x'.repeat(200_000), password: TEST_PASSWORD, role: 'agent' });
      expectErrorBody(res, 413);
      expect(logged).not.toHaveBeenCalled();
    });

    // An explicit null passes @IsOptional: each of these reached the service or the database and crashed there.
    it.each([
      ['user name', () => `/api/users/${A.agents[0].id}`, { name: null }, 'name'],
      ['user email', () => `/api/users/${A.agents[0].id}`, { email: null }, 'email'],
      ['user password', () => `/api/users/${A.agents[0].id}`, { password: null }, 'password'],
      ['user role', () => `/api/users/${A.agents[0].id}`, { role: null }, 'role'],
      ['user isActive', () => `/api/users/${A.agents[0].id}`, { isActive: null }, 'isActive'],
      ['company name', () => `/api/companies/${A.company.id}`, { name: null }, 'name'],
      ['company plan', () => `/api/companies/${A.company.id}`, { plan: null }, 'plan'],
      ['company isActive', () => `/api/companies/${A.company.id}`, { isActive: null }, 'isActive'],
    ])('PATCH with a null %s is a 400 naming the field, not a 500', async (_name, path, body, field) => {
      const res = await as(superToken).patch(path(), body);
      expectErrorBody(res, res.status);
      expect({ status: res.status, fields: fieldsOf(res) }).toEqual({ status: 400, fields: [field] });
    });
  });

  describe('docs', () => {
    it('GET /docs serves the Swagger UI page, whose scripts load, without a token', async () => {
      const res = await t.http().get('/docs').expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<title>Swagger UI</title>');
      expect(res.text).toContain('id="swagger-ui"');
      for (const asset of ['swagger-ui-bundle.js', 'swagger-ui-init.js', 'swagger-ui.css']) {
        expect(res.text).toContain(`./docs/${asset}`);
        await t.http().get(`/docs/${asset}`).expect(200);
      }
    });

    it('GET /docs/openapi.json lists every REST path with its methods', async () => {
      const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
      expect(doc.openapi).toMatch(/^3\./);
      const routes = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
      expect(routes).toEqual(expect.arrayContaining([
        'POST /api/auth/login', 'GET /api/auth/me', 'POST /api/auth/logout',
        'GET /api/users', 'POST /api/users', 'GET /api/users/{id}', 'PATCH /api/users/{id}', 'DELETE /api/users/{id}',
        'GET /api/companies', 'POST /api/companies', 'GET /api/companies/{id}', 'PATCH /api/companies/{id}',
        'GET /api/settings', 'PATCH /api/settings',
        'GET /api/api-keys', 'POST /api/api-keys', 'DELETE /api/api-keys/{id}',
        'GET /api/audit-logs', 'GET /health',
      ]));
      expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    });

    it('the OpenAPI request bodies are the DTO schemas (login: email and password, both required)', async () => {
      const doc = (await t.http().get('/docs/openapi.json').expect(200)).body;
      const schemaOf = (path: string, method: string) => {
        const ref: string = doc.paths[path][method].requestBody.content['application/json'].schema.$ref;
        return doc.components.schemas[ref.split('/').pop()!];
      };
      const login = schemaOf('/api/auth/login', 'post');
      expect(Object.keys(login.properties).sort()).toEqual(['email', 'password']);
      expect(login.required.sort()).toEqual(['email', 'password']);
      expect(Object.keys(schemaOf('/api/users', 'post').properties)).toEqual(expect.arrayContaining(['email', 'name', 'password', 'role', 'companyId']));
      expect(Object.keys(schemaOf('/api/settings', 'patch').properties)).toEqual(expect.arrayContaining(['confidenceThreshold', 'escalationKeywords', 'timeZone', 'maxChatsPerAgent']));
      expect(schemaOf('/api/companies/{id}', 'patch').properties.plan.enum).toEqual(['free', 'basic', 'premium', 'enterprise']);
      expect(Object.keys(schemaOf('/api/api-keys', 'post').properties)).toEqual(expect.arrayContaining(['name']));
    });
  });

  describe('health', () => {
    it('GET /health reports ok with the database up, without a token (and ignores a bad one)', async () => {
      for (const req of [t.http().get('/health'), t.http().get('/health').set('Authorization', 'Bearer junk')]) {
        const res = await req;
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ status: 'ok', checks: { database: { status: 'up' } } });
        expect(res.body.checks.database.latencyMs).toEqual(expect.any(Number));
      }
    });

    it('GET /health is not under /api', async () => {
      expectErrorBody(await t.http().get('/api/health'), 404);
    });
  });

  it('the agent every refused PATCH targeted is intact and can still log in', async () => {
    await t.http().post('/api/auth/login').send({ email: A.agents[0].email, password: TEST_PASSWORD }).expect(200);
    const me = await as(A.agents[0]).get('/api/auth/me').expect(200);
    expect(me.body).toMatchObject({ id: A.agents[0].id, role: 'agent', isActive: true, email: A.agents[0].email });
  });
});

describe('a real 500 (its own app instance) (e2e)', () => {
  let logged: jest.SpyInstance;
  let broken: TestApp;
  let brokenToken: string;

  // Created after the main app is done: passport keeps one global 'local' strategy, so the newest app answers every login.
  beforeAll(async () => {
    logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    broken = await createTestApp();
    brokenToken = await broken.superAdminToken();
    await broken.dataSource.query('DROP TABLE audit_logs');
  });
  afterAll(async () => {
    logged.mockRestore();
    await broken.close();
  });

  it('shows the generic message, no stack and no SQL, and logs the real error server-side', async () => {
    const res = await broken.http().get('/api/audit-logs').set('Authorization', bearer(brokenToken));
    expectErrorBody(res, 500);
    expect(res.body).toEqual(GENERIC_500);
    expectNoInternals(res.text);
    expect(res.text).not.toContain('at ');
    expect(logged).toHaveBeenCalledTimes(1);
    expect(String(logged.mock.calls[0][0])).toMatch(/audit_logs/);
  });

  it('a failing audit write does not fail the action it records', async () => {
    const res = await broken.http().post('/api/companies').set('Authorization', bearer(brokenToken)).send({ name: 'Still Works' });
    expect(res.status).toBe(201);
  });
});

describe('health without a database (its own app instance) (e2e)', () => {
  it('GET /health answers 503 degraded when the database is gone, naming no path or host', async () => {
    const gone = await createTestApp();
    try {
      await gone.dataSource.destroy();
      const res = await gone.http().get('/health');
      expect(res.status).toBe(503);
      expect(res.body).toMatchObject({ status: 'degraded', checks: { database: { status: 'down' } } });
      // Only the error's class name: no message, path, host or SQL.
      expect(res.body.checks.database.error).toMatch(/^[A-Za-z]+$/);
      // Neither the SQLite file nor the PostgreSQL host.
      const db = gone.config.database;
      expect(res.text).not.toContain(db.type === 'sqlite' ? db.path : new URL(db.url).host);
      expect(res.text).not.toMatch(/SqliteError|not open|\.sqlite/);
    } finally {
      await gone.close();
    }
  });
});

describe("the app's SQLite connection and its WAL (e2e)", () => {
  it('leaves WAL checkpoints to the checkpointer thread, and nothing stays in the WAL after shutdown', async () => {
    if (process.env.TEST_DATABASE_URL) return; // PostgreSQL run: there is no WAL to checkpoint.
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    // A file of our own, so that closing the app leaves it (and its -wal) for us to look at.
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-wal-e2e-'));
    const file = path.join(dir, 'hub.sqlite');
    const walSize = () => fs.statSync(`${file}-wal`, { throwIfNoEntry: false })?.size ?? -1;
    const t = await createTestApp({}, { sqlitePath: file });
    let open = true;
    try {
      const connection = (t.dataSource.driver as unknown as { databaseConnection: { pragma(sql: string, o: object): unknown } }).databaseConnection;
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
      await t.http().get('/health').expect(200);
      expect(walSize()).toBeGreaterThan(0);
      await t.close();
      open = false;
      expect(walSize()).toBeLessThanOrEqual(0);
      expect(fs.statSync(file).size).toBeGreaterThan(0);
    } finally {
      if (open) await t.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
