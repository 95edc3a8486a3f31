import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, TestApp } from '../utils/create-test-app';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  token: string;
}

export interface TestTenant {
  company: { id: string; name: string; widgetKey: string; plan: string };
  admin: TestUser;
  agents: TestUser[];
}

/** Creates a staff account through the real API and logs it in. */
export async function createStaff(t: TestApp, token: string, role: 'admin' | 'agent', companyId?: string, name?: string): Promise<TestUser> {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.test`;
  const displayName = name ?? `${role[0].toUpperCase()}${role.slice(1)} ${email.slice(role.length + 1, role.length + 5)}`;
  const res = await t.http().post('/api/users').set('Authorization', `Bearer ${token}`)
    .send({ email, name: displayName, password: TEST_PASSWORD, role, ...(companyId ? { companyId } : {}) });
  if (res.status !== 201) throw new Error(`create ${role} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email, name: displayName, token: await t.login(email) };
}

/** A company with one admin and `agentCount` agents, all created through the REST API. */
export async function createTenant(t: TestApp, options: { name?: string; agentCount?: number; settings?: Record<string, unknown>; plan?: string } = {}): Promise<TestTenant> {
  const superToken = await t.superAdminToken();
  const res = await t.http().post('/api/companies').set('Authorization', `Bearer ${superToken}`)
    .send({ name: options.name ?? `Company ${randomUUID().slice(0, 6)}`, ...(options.settings ? { settings: options.settings } : {}), ...(options.plan ? { plan: options.plan } : {}) });
  if (res.status !== 201) throw new Error(`create company failed: ${res.status} ${JSON.stringify(res.body)}`);
  const company = res.body;
  const admin = await createStaff(t, superToken, 'admin', company.id);
  const agents: TestUser[] = [];
  for (let i = 0; i < (options.agentCount ?? 1); i++) agents.push(await createStaff(t, admin.token, 'agent'));
  return { company, admin, agents };
}

export const bearer = (user: { token: string } | string) => `Bearer ${typeof user === 'string' ? user : user.token}`;
export { TEST_PASSWORD };

export interface TestApiKey {
  id: string;
  name: string;
  prefix: string;
  /** The plain key: the API shows it once, at creation. */
  key: string;
}

/** Creates an API key through the real API as `user` (a super admin must pass `companyId`). */
export async function createApiKey(t: TestApp, user: { token: string } | string, name = `Key ${randomUUID().slice(0, 6)}`, companyId?: string): Promise<TestApiKey> {
  const res = await t.http().post('/api/api-keys').set('Authorization', bearer(user)).send({ name, ...(companyId ? { companyId } : {}) });
  if (res.status !== 201) throw new Error(`create api key failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, name: res.body.name, prefix: res.body.prefix, key: res.body.key };
}

/** Every string that identifies a tenant: if one shows up in another tenant's response, its data leaked. */
export function tenantNeedles(tenant: TestTenant, extra: string[] = []): string[] {
  const people = [tenant.admin, ...tenant.agents].flatMap((u) => [u.id, u.email, u.name]);
  return [tenant.company.id, tenant.company.name, tenant.company.widgetKey, ...people, ...extra];
}
