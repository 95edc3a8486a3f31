import { randomUUID } from 'node:crypto';
import type { Response } from 'supertest';
import { ApiKey } from '../../src/auth/entities/api-key.entity';
import { defaultCompanySettings } from '../../src/companies/company-settings';
import { Company } from '../../src/companies/entities/company.entity';
import { User } from '../../src/users/entities/user.entity';
import { createTestApp, TestApp } from '../utils/create-test-app';
import { bearer, createApiKey, createStaff, createTenant, TEST_PASSWORD, TestApiKey, TestTenant, TestUser, tenantNeedles } from '../factories/tenant.factory';

type Method = 'get' | 'post' | 'patch' | 'delete';
type Attacker = 'adminA' | 'agentA';

interface Ctx {
  A: TestTenant;
  B: TestTenant;
  keyA: TestApiKey;
  keyB: TestApiKey;
  superId: string;
  /** One of B's objects of each kind, for the attacks on the routes that take an id. */
  entryB: string;
  conversationB: string;
  promptB: string;
  cannedB: string;
  importB: string;
  attachmentB: string;
  /** Emails the attackers tried to create users with: none may exist afterwards. */
  attemptedEmails: string[];
}

/** One attack: a request an attacker from company A makes, and the only status each attacker may get. */
interface Probe {
  name: string;
  method: Method;
  path: (c: Ctx) => string;
  body?: (c: Ctx) => object;
  expect: Record<Attacker, number>;
  /** Extra checks on a successful answer (what the attacker legitimately sees of its own company). */
  check?: (body: any, c: Ctx) => void;
}

const freshEmail = (c: Ctx) => {
  const email = `intruder-${randomUUID().slice(0, 8)}@example.test`;
  c.attemptedEmails.push(email);
  return email;
};
const FAR_FUTURE = Date.now() + 365 * 24 * 3600 * 1000;
const onlyCompanyA = (items: { companyId: string | null }[], c: Ctx) => {
  expect(items.length).toBeGreaterThan(0);
  expect(items.filter((i) => i.companyId !== c.A.company.id)).toEqual([]);
};

// Every endpoint that exists today, as A's admin and A's agent attacking company B. A new endpoint is one row;
// the coverage test at the end fails until it has one.
const PROBES: Probe[] = [
  // users
  { name: 'list users', method: 'get', path: () => '/api/users', expect: { adminA: 200, agentA: 403 }, check: (b, c) => onlyCompanyA(b, c) },
  { name: 'list users of B', method: 'get', path: (c) => `/api/users?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'list admins', method: 'get', path: () => '/api/users?role=admin', expect: { adminA: 200, agentA: 403 }, check: (b, c) => onlyCompanyA(b, c) },
  { name: "read B's admin", method: 'get', path: (c) => `/api/users/${c.B.admin.id}`, expect: { adminA: 404, agentA: 403 } },
  { name: "read B's agent", method: 'get', path: (c) => `/api/users/${c.B.agents[0].id}`, expect: { adminA: 404, agentA: 403 } },
  { name: 'create an agent in B', method: 'post', path: () => '/api/users', body: (c) => ({ email: freshEmail(c), name: 'Mole', password: TEST_PASSWORD, role: 'agent', companyId: c.B.company.id }), expect: { adminA: 403, agentA: 403 } },
  { name: 'create an admin in B', method: 'post', path: () => '/api/users', body: (c) => ({ email: freshEmail(c), name: 'Mole', password: TEST_PASSWORD, role: 'admin', companyId: c.B.company.id }), expect: { adminA: 403, agentA: 403 } },
  { name: "rename B's agent", method: 'patch', path: (c) => `/api/users/${c.B.agents[0].id}`, body: () => ({ name: 'Pwned' }), expect: { adminA: 404, agentA: 403 } },
  { name: "reset B's admin password", method: 'patch', path: (c) => `/api/users/${c.B.admin.id}`, body: () => ({ password: 'hijacked-password-1' }), expect: { adminA: 404, agentA: 403 } },
  { name: "take over B's admin email", method: 'patch', path: (c) => `/api/users/${c.B.admin.id}`, body: (c) => ({ email: freshEmail(c) }), expect: { adminA: 404, agentA: 403 } },
  { name: "promote B's agent", method: 'patch', path: (c) => `/api/users/${c.B.agents[0].id}`, body: () => ({ role: 'admin' }), expect: { adminA: 404, agentA: 403 } },
  { name: "deactivate B's admin by PATCH", method: 'patch', path: (c) => `/api/users/${c.B.admin.id}`, body: () => ({ isActive: false }), expect: { adminA: 404, agentA: 403 } },
  { name: "delete B's agent", method: 'delete', path: (c) => `/api/users/${c.B.agents[0].id}`, expect: { adminA: 404, agentA: 403 } },
  { name: "delete B's admin", method: 'delete', path: (c) => `/api/users/${c.B.admin.id}`, expect: { adminA: 404, agentA: 403 } },
  // settings
  { name: 'read own settings', method: 'get', path: () => '/api/settings', expect: { adminA: 200, agentA: 403 }, check: (b, c) => expect(b.companyId).toBe(c.A.company.id) },
  { name: "read B's settings", method: 'get', path: (c) => `/api/settings?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "change B's settings", method: 'patch', path: (c) => `/api/settings?companyId=${c.B.company.id}`, body: () => ({ greeting: 'pwned', confidenceThreshold: 0 }), expect: { adminA: 403, agentA: 403 } },
  // companies (super admin only)
  { name: 'list companies', method: 'get', path: () => '/api/companies', expect: { adminA: 403, agentA: 403 } },
  { name: 'create a company', method: 'post', path: () => '/api/companies', body: () => ({ name: 'Shadow Corp' }), expect: { adminA: 403, agentA: 403 } },
  { name: 'read company B', method: 'get', path: (c) => `/api/companies/${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'read own company record', method: 'get', path: (c) => `/api/companies/${c.A.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "change B's plan", method: 'patch', path: (c) => `/api/companies/${c.B.company.id}`, body: () => ({ plan: 'enterprise' }), expect: { adminA: 403, agentA: 403 } },
  { name: "change B's settings via company", method: 'patch', path: (c) => `/api/companies/${c.B.company.id}`, body: () => ({ settings: { greeting: 'pwned' }, isActive: false }), expect: { adminA: 403, agentA: 403 } },
  { name: 'upgrade own plan', method: 'patch', path: (c) => `/api/companies/${c.A.company.id}`, body: () => ({ plan: 'enterprise' }), expect: { adminA: 403, agentA: 403 } },
  // api keys
  { name: 'list api keys', method: 'get', path: () => '/api/api-keys', expect: { adminA: 200, agentA: 403 }, check: (b, c) => onlyCompanyA(b, c) },
  { name: "list B's api keys", method: 'get', path: (c) => `/api/api-keys?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'create an api key for B', method: 'post', path: () => '/api/api-keys', body: (c) => ({ name: 'Backdoor', companyId: c.B.company.id }), expect: { adminA: 403, agentA: 403 } },
  { name: "revoke B's api key", method: 'delete', path: (c) => `/api/api-keys/${c.keyB.id}`, expect: { adminA: 404, agentA: 403 } },
  // audit log
  { name: 'read the audit log', method: 'get', path: () => '/api/audit-logs?limit=500', expect: { adminA: 200, agentA: 403 }, check: (b, c) => onlyCompanyA(b.items, c) },
  { name: "read B's audit log", method: 'get', path: (c) => `/api/audit-logs?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "filter the audit log by B's admin", method: 'get', path: (c) => `/api/audit-logs?actorId=${c.B.admin.id}`, expect: { adminA: 200, agentA: 403 }, check: (b) => expect(b).toEqual({ items: [], total: 0 }) },
  { name: 'filter the audit log by action', method: 'get', path: () => '/api/audit-logs?action=user.created&limit=500', expect: { adminA: 200, agentA: 403 }, check: (b, c) => onlyCompanyA(b.items, c) },
  { name: 'filter the audit log by time', method: 'get', path: () => `/api/audit-logs?from=0&to=${FAR_FUTURE}&limit=500`, expect: { adminA: 200, agentA: 403 }, check: (b, c) => onlyCompanyA(b.items, c) },
  { name: "filter the audit log by B's api key action", method: 'get', path: () => '/api/audit-logs?action=api_key.created', expect: { adminA: 200, agentA: 403 }, check: (b, c) => onlyCompanyA(b.items, c) },
  // auth
  { name: "rotate B's api key", method: 'post', path: (c) => `/api/api-keys/${c.keyB.id}/rotate`, body: () => ({}), expect: { adminA: 404, agentA: 403 } },
  // knowledge
  { name: 'list knowledge', method: 'get', path: () => '/api/knowledge', expect: { adminA: 200, agentA: 200 }, check: (b) => expect(b.total).toBe(1) },
  { name: "list B's knowledge", method: 'get', path: (c) => `/api/knowledge?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "search B's knowledge", method: 'get', path: (c) => `/api/knowledge/search?q=beta+secret+recipe&companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'search knowledge', method: 'get', path: () => '/api/knowledge/search?q=beta+secret+recipe', expect: { adminA: 200, agentA: 200 }, check: (b) => expect(b.results).toEqual([]) },
  { name: "read B's entry", method: 'get', path: (c) => `/api/knowledge/${c.entryB}`, expect: { adminA: 404, agentA: 404 } },
  { name: "edit B's entry", method: 'patch', path: (c) => `/api/knowledge/${c.entryB}`, body: () => ({ answer: 'pwned' }), expect: { adminA: 404, agentA: 403 } },
  { name: "delete B's entry", method: 'delete', path: (c) => `/api/knowledge/${c.entryB}`, expect: { adminA: 404, agentA: 403 } },
  { name: 'add knowledge to B', method: 'post', path: () => '/api/knowledge', body: (c) => ({ question: 'Injected?', answer: 'Yes', companyId: c.B.company.id }), expect: { adminA: 403, agentA: 403 } },
  // agents and working hours
  { name: 'list agents', method: 'get', path: () => '/api/agents', expect: { adminA: 200, agentA: 200 }, check: (b) => expect(b.length).toBe(2) },
  { name: "list B's agents", method: 'get', path: (c) => `/api/agents?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "B's agent's work sessions", method: 'get', path: (c) => `/api/agents/${c.B.agents[0].id}/work-sessions`, expect: { adminA: 404, agentA: 404 } },
  { name: "B's hours", method: 'get', path: (c) => `/api/agents/hours?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "B's agent's hours", method: 'get', path: (c) => `/api/agents/hours?agentId=${c.B.agents[0].id}&format=csv`, expect: { adminA: 200, agentA: 403 } },
  // conversations and feedback
  { name: 'list conversations', method: 'get', path: () => '/api/conversations', expect: { adminA: 200, agentA: 200 }, check: (b) => expect(b.total).toBe(0) },
  { name: "list B's conversations", method: 'get', path: (c) => `/api/conversations?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "read B's conversation", method: 'get', path: (c) => `/api/conversations/${c.conversationB}`, expect: { adminA: 404, agentA: 404 } },
  { name: "B's feedback", method: 'get', path: (c) => `/api/feedback?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'feedback', method: 'get', path: () => '/api/feedback', expect: { adminA: 200, agentA: 403 }, check: (b) => expect(b.total).toBe(0) },
  // usage, embed code, prompts, canned responses
  { name: 'plan catalogue (not tenant data)', method: 'get', path: () => '/api/plans', expect: { adminA: 200, agentA: 403 } },
  { name: "B's usage", method: 'get', path: (c) => `/api/usage?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "B's embed snippet", method: 'get', path: (c) => `/api/widget/snippet?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "rotate B's widget key", method: 'post', path: (c) => `/api/widget/rotate-key?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "B's prompts", method: 'get', path: (c) => `/api/settings/prompts?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'add a prompt to B', method: 'post', path: () => '/api/settings/prompts', body: (c) => ({ name: 'x', content: 'y', companyId: c.B.company.id }), expect: { adminA: 403, agentA: 403 } },
  { name: "edit B's prompt", method: 'patch', path: (c) => `/api/settings/prompts/${c.promptB}`, body: () => ({ content: 'pwned', active: true }), expect: { adminA: 404, agentA: 403 } },
  { name: "delete B's prompt", method: 'delete', path: (c) => `/api/settings/prompts/${c.promptB}`, expect: { adminA: 404, agentA: 403 } },
  { name: "B's canned responses", method: 'get', path: (c) => `/api/canned-responses?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'add a canned response to B', method: 'post', path: () => '/api/canned-responses', body: (c) => ({ title: 'x', text: 'y', companyId: c.B.company.id }), expect: { adminA: 403, agentA: 403 } },
  { name: "edit B's canned response", method: 'patch', path: (c) => `/api/canned-responses/${c.cannedB}`, body: () => ({ text: 'pwned' }), expect: { adminA: 404, agentA: 403 } },
  { name: "delete B's canned response", method: 'delete', path: (c) => `/api/canned-responses/${c.cannedB}`, expect: { adminA: 404, agentA: 403 } },
  // document import and attachments
  { name: 'import into B', method: 'post', path: () => '/api/knowledge/import', body: (c) => ({ url: 'http://127.0.0.1:9/', companyId: c.B.company.id }), expect: { adminA: 403, agentA: 403 } },
  { name: "list B's imports", method: 'get', path: (c) => `/api/knowledge/imports?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "follow B's import", method: 'get', path: (c) => `/api/knowledge/imports/${c.importB}`, expect: { adminA: 404, agentA: 403 } },
  { name: "upload into B's conversation", method: 'post', path: () => '/api/attachments', body: (c) => ({ conversationId: c.conversationB }), expect: { adminA: 404, agentA: 404 } },
  { name: "download B's attachment", method: 'get', path: (c) => `/api/attachments/${c.attachmentB}`, expect: { adminA: 404, agentA: 404 } },
  // analytics (admins; company scope)
  { name: "B's summary", method: 'get', path: (c) => `/api/analytics/summary?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'summary', method: 'get', path: () => '/api/analytics/summary', expect: { adminA: 200, agentA: 403 } },
  { name: "B's time series", method: 'get', path: (c) => `/api/analytics/timeseries?metric=conversations&companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "export B's conversations", method: 'get', path: (c) => `/api/analytics/export/conversations?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'export conversations', method: 'get', path: () => '/api/analytics/export/conversations', expect: { adminA: 200, agentA: 403 } },
  { name: "export B's agent hours", method: 'get', path: (c) => `/api/analytics/export/agent-hours?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: "export B's feedback", method: 'get', path: (c) => `/api/analytics/export/feedback?companyId=${c.B.company.id}`, expect: { adminA: 403, agentA: 403 } },
  { name: 'read me', method: 'get', path: () => '/api/auth/me', expect: { adminA: 200, agentA: 200 }, check: (b, c) => expect(b.companyId).toBe(c.A.company.id) },
];

// Not tenant data: login is anonymous, logout ends the caller's own sessions, health is public.
// /api/v1/chat takes an API key, not a staff token: its cross-company attempts are in api-chat and self-service specs.
const NOT_TENANT_DATA = ['POST /api/auth/login', 'POST /api/auth/logout', 'GET /health', 'POST /api/v1/chat'];

describe('tenant isolation (e2e)', () => {
  let t: TestApp;
  let superToken: string;
  const c = { attemptedEmails: [] as string[] } as Ctx;
  let needlesB: string[];
  let snapshotBefore: unknown;

  const send = (method: Method, path: string, token: string, body?: object) => {
    const req = t.http()[method](path).set('Authorization', bearer(token));
    return body ? req.send(body) : req;
  };
  const leaked = (res: Response) => needlesB.filter((n) => res.text.includes(n));

  /** Everything of B's: what its admin reads through the API, and the rows behind it (hashes and token versions included). */
  async function snapshotB() {
    const asB = (path: string) => send('get', path, c.B.admin.token).then((r) => ({ status: r.status, body: r.body }));
    const users = await t.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash')
      .where('u.company_id = :id', { id: c.B.company.id }).orderBy('u.id').getMany();
    const keys = await t.dataSource.getRepository(ApiKey).createQueryBuilder('k').addSelect('k.keyHash')
      .where('k.company_id = :id', { id: c.B.company.id }).orderBy('k.id').getMany();
    return {
      api: { users: await asB('/api/users'), settings: await asB('/api/settings'), keys: await asB('/api/api-keys'), me: await asB('/api/auth/me') },
      agentMe: (await send('get', '/api/auth/me', c.B.agents[0].token)).status,
      company: await t.dataSource.getRepository(Company).findOneBy({ id: c.B.company.id }),
      users, keys,
      auditTotal: (await send('get', `/api/audit-logs?companyId=${c.B.company.id}&limit=1`, superToken)).body.total,
    };
  }

  beforeAll(async () => {
    t = await createTestApp();
    superToken = await t.superAdminToken();
    c.superId = (await send('get', '/api/auth/me', superToken)).body.id;
    c.A = await createTenant(t, { name: `Alpha Ltd ${randomUUID().slice(0, 6)}` });
    c.B = await createTenant(t, { name: `Beta Corp ${randomUUID().slice(0, 6)}`, settings: { greeting: `Beta private greeting ${randomUUID().slice(0, 6)}` } });
    // Distinctive names, so finding one in A's responses cannot be a coincidence.
    for (const user of [c.B.admin, c.B.agents[0]]) {
      user.name = `Beta Person ${randomUUID().slice(0, 8)}`;
      await send('patch', `/api/users/${user.id}`, c.B.admin.token, { name: user.name }).expect(200);
    }
    c.keyA = await createApiKey(t, c.A.admin, 'Alpha key');
    c.keyB = await createApiKey(t, c.B.admin, `Beta key ${randomUUID().slice(0, 6)}`);
    await send('post', '/api/knowledge', c.A.admin.token, { question: 'Alpha public question?', answer: 'Alpha answer' }).expect(201);
    c.entryB = (await send('post', '/api/knowledge', c.B.admin.token, { question: 'What is the Beta secret recipe?', answer: 'Beta secret recipe: saffron' }).expect(201)).body.id;
    c.conversationB = (await t.http().post('/api/v1/chat').set('X-API-Key', c.keyB.key).send({ message: 'What is the Beta secret recipe?' }).expect(200)).body.conversationId;
    c.promptB = (await send('post', '/api/settings/prompts', c.B.admin.token, { name: 'Beta prompt', content: 'Beta private prompt' }).expect(201)).body.id;
    c.cannedB = (await send('post', '/api/canned-responses', c.B.admin.token, { title: 'Beta canned', text: 'Beta private canned text' }).expect(201)).body.id;
    c.importB = (await t.http().post('/api/knowledge/import').set('Authorization', bearer(c.B.admin)).attach('file', Buffer.from('Beta imported handbook.\n\nOnly for Beta.'), 'beta-handbook.txt').expect(202)).body.importId;
    c.attachmentB = (await t.http().post('/api/attachments').set('Authorization', bearer(c.B.admin)).field('conversationId', c.conversationB)
      .attach('file', Buffer.from('Beta private attachment'), 'beta-note.txt').expect(201)).body.id;
    const greetingB = (c.B.company as unknown as { settings: { greeting: string } }).settings.greeting;
    needlesB = tenantNeedles(c.B, [greetingB, c.keyB.id, c.keyB.prefix, c.keyB.name, c.keyB.key, c.entryB, 'Beta secret recipe', c.conversationB, c.promptB, 'Beta private prompt', c.cannedB, 'Beta private canned text', c.importB, 'Beta private attachment']);
    snapshotBefore = await snapshotB();
  });
  afterAll(() => t.close());

  it("the leak scan finds B's data where B itself reads it (so an empty scan means something)", async () => {
    const seen = new Set<string>();
    for (const path of ['/api/users', '/api/settings', '/api/api-keys', '/api/auth/me', '/api/knowledge', '/api/conversations', '/api/settings/prompts', '/api/canned-responses', '/api/knowledge/imports', `/api/attachments/${c.attachmentB}`]) {
      const res = await send('get', path, c.B.admin.token).expect(200);
      leaked(res).forEach((n) => seen.add(n));
    }
    const company = await send('get', `/api/companies/${c.B.company.id}`, superToken).expect(200);
    leaked(company).forEach((n) => seen.add(n));
    // Everything but the plain key, which is shown once at creation and never again.
    expect(needlesB.filter((n) => !seen.has(n))).toEqual([c.keyB.key]);
  });

  const cases = PROBES.flatMap((probe) => (['adminA', 'agentA'] as Attacker[]).map((who) => ({ ...probe, who, status: probe.expect[who] })));

  it.each(cases)('$who: $name → $status, nothing of B in the body', async ({ who, method, path, body, status, check }) => {
    const attacker: TestUser = who === 'adminA' ? c.A.admin : c.A.agents[0];
    const res = await send(method, path(c), attacker.token, body?.(c));
    expect({ status: res.status, body: res.body }).toMatchObject({ status });
    expect(leaked(res)).toEqual([]);
    if (status < 400) check?.(res.body, c);
  });

  it("leaves B's data exactly as it was, read back as B's admin and from the database", async () => {
    expect(await snapshotB()).toEqual(snapshotBefore);
  });

  it('created no user from any attempt to create one in B', async () => {
    expect(c.attemptedEmails.length).toBeGreaterThanOrEqual(4);
    const all = (await send('get', '/api/users', superToken).expect(200)).body as { email: string }[];
    expect(all.filter((u) => c.attemptedEmails.includes(u.email))).toEqual([]);
    expect(await t.dataSource.getRepository(Company).countBy({ name: 'Shadow Corp' })).toBe(0);
  });

  it('the isolation table covers every REST route in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs/openapi.json').expect(200)).body as { paths: Record<string, Record<string, unknown>> };
    const probed = PROBES.map((p) => ({ method: p.method.toUpperCase(), path: p.path(c).split('?')[0] }));
    const missing = Object.entries(doc.paths)
      .flatMap(([template, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${template}`))
      .filter((route) => !NOT_TENANT_DATA.includes(route))
      .filter((route) => {
        const [method, template] = route.split(' ');
        const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
        return !probed.some((p) => p.method === method && pattern.test(p.path));
      });
    expect(missing).toEqual([]);
  });
});

describe('roles (e2e)', () => {
  let t: TestApp;
  let superToken: string;
  let superId: string;
  let A: TestTenant;
  let keyA: TestApiKey;

  const send = (method: Method, path: string, token: string | TestUser, body?: object) => {
    const req = t.http()[method](path).set('Authorization', bearer(token));
    return body ? req.send(body) : req;
  };
  const userRow = (id: string) => t.dataSource.getRepository(User).createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();

  beforeAll(async () => {
    t = await createTestApp();
    superToken = await t.superAdminToken();
    superId = (await send('get', '/api/auth/me', superToken)).body.id;
    A = await createTenant(t, { agentCount: 2 });
    keyA = await createApiKey(t, A.admin);
  });
  afterAll(() => t.close());

  // An agent working on its own company's data: every admin endpoint is still a 403.
  const agentCalls: { name: string; method: Method; path: () => string; body?: () => object }[] = [
    { name: 'list users', method: 'get', path: () => '/api/users' },
    { name: 'read a colleague', method: 'get', path: () => `/api/users/${A.agents[1].id}` },
    { name: 'read itself through /api/users', method: 'get', path: () => `/api/users/${A.agents[0].id}` },
    { name: 'create a user', method: 'post', path: () => '/api/users', body: () => ({ email: `x-${randomUUID().slice(0, 8)}@example.test`, name: 'X', password: TEST_PASSWORD, role: 'agent' }) },
    { name: 'promote itself', method: 'patch', path: () => `/api/users/${A.agents[0].id}`, body: () => ({ role: 'admin' }) },
    { name: 'reset its admin password', method: 'patch', path: () => `/api/users/${A.admin.id}`, body: () => ({ password: 'hijacked-password-1' }) },
    { name: 'deactivate a colleague', method: 'delete', path: () => `/api/users/${A.agents[1].id}` },
    { name: 'read settings', method: 'get', path: () => '/api/settings' },
    { name: 'change settings', method: 'patch', path: () => '/api/settings', body: () => ({ confidenceThreshold: 0 }) },
    { name: 'list api keys', method: 'get', path: () => '/api/api-keys' },
    { name: 'create an api key', method: 'post', path: () => '/api/api-keys', body: () => ({ name: 'agent key' }) },
    { name: 'revoke an api key', method: 'delete', path: () => `/api/api-keys/${keyA.id}` },
    { name: 'read the audit log', method: 'get', path: () => '/api/audit-logs' },
    { name: 'read the company record', method: 'get', path: () => `/api/companies/${A.company.id}` },
  ];

  it.each(agentCalls)('an agent cannot $name, even in its own company (403)', async ({ method, path, body }) => {
    const res = await send(method, path(), A.agents[0], body?.());
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/admin role/);
  });

  it("the agents' refused calls changed nothing", async () => {
    const me = await send('get', '/api/auth/me', A.agents[0]).expect(200);
    expect(me.body.role).toBe('agent');
    await send('get', '/api/auth/me', A.agents[1]).expect(200);
    await send('get', '/api/auth/me', A.admin).expect(200);
    const keys = (await send('get', '/api/api-keys', A.admin).expect(200)).body;
    expect(keys.map((k: { id: string; status: string }) => [k.id, k.status])).toEqual([[keyA.id, 'active']]);
    expect((await send('get', '/api/settings', A.admin).expect(200)).body.settings).toEqual(defaultCompanySettings());
  });

  it.each([
    ['list companies', 'get', () => '/api/companies', undefined],
    ['create a company', 'post', () => '/api/companies', { name: 'Admin Corp' }],
    ['read its own company record', 'get', () => `/api/companies/${A.company.id}`, undefined],
    ['upgrade its own plan', 'patch', () => `/api/companies/${A.company.id}`, { plan: 'enterprise' }],
  ] as [string, Method, () => string, object | undefined][])('an admin cannot %s (super admin only: 403)', async (_name, method, path, body) => {
    const res = await send(method, path(), A.admin, body);
    expect(res.status).toBe(403);
    expect(res.body.message).toMatch(/super admin role/);
  });

  it('an admin cannot create a super admin, with or without a company', async () => {
    for (const extra of [{}, { companyId: A.company.id }]) {
      const email = `sa-${randomUUID().slice(0, 8)}@example.test`;
      const res = await send('post', '/api/users', A.admin, { email, name: 'Wannabe', password: TEST_PASSWORD, role: 'super_admin', ...extra });
      expect(res.status).toBe(403);
      expect(await t.dataSource.getRepository(User).countBy({ email })).toBe(0);
    }
  });

  it('an admin cannot escalate anyone, itself included, to super admin via PATCH', async () => {
    for (const target of [A.agents[0], A.admin]) {
      const res = await send('patch', `/api/users/${target.id}`, A.admin, { role: 'super_admin' });
      expect(res.status).toBe(400);
      expect(res.body.details.map((d: { field: string }) => d.field)).toEqual(['role']);
    }
    expect((await userRow(A.agents[0].id))!.role).toBe('agent');
    expect((await userRow(A.admin.id))!.role).toBe('admin');
  });

  it('an admin cannot read, change, reset or deactivate a super admin (404, and the super admin is untouched)', async () => {
    const before = await userRow(superId);
    const attempts: [Method, object | undefined][] = [
      ['get', undefined], ['patch', { name: 'Demoted' }], ['patch', { password: 'hijacked-password-1' }],
      ['patch', { role: 'agent' }], ['patch', { isActive: false }], ['delete', undefined],
    ];
    for (const [method, body] of attempts) {
      const res = await send(method, `/api/users/${superId}`, A.admin, body);
      expect({ method, body, status: res.status }).toEqual({ method, body, status: 404 });
      expect(res.text).not.toContain(before!.email);
    }
    expect(await userRow(superId)).toEqual(before);
    await send('get', '/api/companies', superToken).expect(200);
  });

  it('a demoted admin loses admin rights at once, with the token it already holds', async () => {
    const second = await createStaff(t, A.admin.token, 'admin');
    await send('get', '/api/users', second).expect(200);
    await send('patch', `/api/users/${second.id}`, A.admin, { role: 'agent' }).expect(200);
    await send('get', '/api/users', second).expect(403);
  });

  it('an admin cannot change its own role', async () => {
    const res = await send('patch', `/api/users/${A.admin.id}`, A.admin, { role: 'agent' });
    expect(res.status).toBe(400);
    expect((await userRow(A.admin.id))!.role).toBe('admin');
  });
});
