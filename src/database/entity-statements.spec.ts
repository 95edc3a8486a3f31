import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { Message } from '../chat/entities/message.entity';
import { isUniqueViolation } from '../common/db-errors';
import { Company } from '../companies/entities/company.entity';
import { openDatabase } from './data-source';
import { EntityStatements } from './entity-statements';

type Opened = { dataSource: DataSource; teardown: () => Promise<void> };

async function sqlite(): Promise<Opened> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-statements-'));
  const dataSource = await openDatabase({ type: 'sqlite', path: path.join(dir, 'db.sqlite') });
  return { dataSource, teardown: async () => { await dataSource.destroy(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

// npm run test:postgres sets TEST_DATABASE_URL: the same cases run in a throwaway schema.
async function postgres(url: string): Promise<Opened> {
  const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  const admin = async (sql: string) => {
    const ds = await new DataSource({ type: 'postgres', url }).initialize();
    try { await ds.query(sql); } finally { await ds.destroy(); }
  };
  await admin(`CREATE SCHEMA "${schema}"`);
  const dataSource = await openDatabase({ type: 'postgres', url, schema });
  return { dataSource, teardown: async () => { await dataSource.destroy(); await admin(`DROP SCHEMA "${schema}" CASCADE`); } };
}

const engines: [string, () => Promise<Opened>][] = [['SQLite', sqlite]];
if (process.env.TEST_DATABASE_URL) engines.push(['PostgreSQL', () => postgres(process.env.TEST_DATABASE_URL as string)]);

describe.each(engines)('EntityStatements on %s', (_engine, open) => {
  let db: Opened;
  beforeAll(async () => { db = await open(); });
  afterAll(() => db.teardown());

  const message = (overrides: Partial<Message> = {}): Message => db.dataSource.getRepository(Message).create({
    id: randomUUID(), conversationId: randomUUID(), companyId: randomUUID(), seq: 1, senderType: 'bot', senderId: null, senderName: 'Ava',
    text: 'Refunds take 5 days', clientMessageId: null, confidence: 0.82, sources: [{ id: 'k1', title: 'Refunds', score: 0.9 }],
    attachments: null, createdAt: 1_765_000_000_123, ...overrides,
  });

  it('writes a row the repository reads back exactly (JSON, nulls, epoch-ms bigint, floats)', async () => {
    const repo = db.dataSource.getRepository(Message);
    const written = message();
    await new EntityStatements(repo).insert(written);
    expect(await repo.findOneBy({ id: written.id })).toEqual(written);
  });

  it('reads a row exactly as the repository does, booleans and JSON included', async () => {
    const repo = db.dataSource.getRepository(Company);
    const company = repo.create({ id: randomUUID(), name: 'Acme', widgetKey: randomUUID(), plan: 'premium', settings: { greeting: 'Hi', nested: { a: [1] } } as never, isActive: false, createdAt: 1, updatedAt: 2 });
    await repo.insert(company);
    const statements = new EntityStatements(repo);
    const byIdAndName = statements.lookup(['id', 'name']);
    const read = await byIdAndName([company.id, 'Acme']);
    expect(read).toEqual(await repo.findOneBy({ id: company.id }));
    expect(read).toBeInstanceOf(Company);
    expect(read?.isActive).toBe(false);
    expect(await byIdAndName([company.id, 'Other'])).toBeNull();
  });

  it('reads only the selected columns, converted as the repository converts them', async () => {
    const repo = db.dataSource.getRepository(Company);
    const company = repo.create({ id: randomUUID(), name: 'Globex', widgetKey: randomUUID(), plan: 'free', settings: { greeting: 'Hello' } as never, isActive: true, createdAt: 3, updatedAt: 4 });
    await repo.insert(company);
    const read = await new EntityStatements(repo).lookup(['id'], ['name', 'settings', 'isActive'])([company.id]);
    const full = await repo.findOneBy({ id: company.id });
    expect(read).toBeInstanceOf(Company);
    expect({ ...read }).toEqual({ name: full?.name, settings: full?.settings, isActive: true });
  });

  it('sends one constant SQL text whatever the values, so the driver prepares it once', async () => {
    const repo = db.dataSource.getRepository(Message);
    const statements = new EntityStatements(repo);
    const query = jest.spyOn(statements as unknown as { exec(sql: string): unknown }, 'exec');
    await statements.insert(message({ seq: 7, confidence: null, sources: null }));
    await statements.insert(message({ seq: 123456, createdAt: 42 }));
    const byId = statements.lookup(['id']);
    await byId([randomUUID()]);
    await byId([randomUUID()]);
    const texts = query.mock.calls.map(([sql]) => sql);
    expect(texts[0]).toBe(texts[1]);
    expect(texts[2]).toBe(texts[3]);
    expect(texts.join('\n')).not.toMatch(/123456|0\.82/);
    query.mockRestore();
  });

  it('rejects a duplicate key as the repository would, and stores nothing', async () => {
    const repo = db.dataSource.getRepository(Message);
    const statements = new EntityStatements(repo);
    const first = message({ clientMessageId: 'c-1' });
    await statements.insert(first);
    const error = await statements.insert(message({ conversationId: first.conversationId, seq: 2, clientMessageId: 'c-1' })).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(await repo.countBy({ conversationId: first.conversationId })).toBe(1);
  });

  it('refuses a lookup on a column the entity does not have', async () => {
    const statements = new EntityStatements(db.dataSource.getRepository(Message));
    expect(() => statements.lookup(['nope' as keyof Message & string])).toThrow(/no column nope/);
    expect(() => statements.lookup(['id'], ['nope' as keyof Message & string])).toThrow(/no column nope/);
  });
});
