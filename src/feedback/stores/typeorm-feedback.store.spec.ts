import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabase } from '../../database/data-source';
import { describeFeedbackStoreContract } from './feedback-store.contract';
import { TypeormFeedbackStore } from './typeorm-feedback.store';

describeFeedbackStoreContract('TypeORM on a fresh SQLite file', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-feedback-'));
  const dataSource = await openDatabase({ type: 'sqlite', path: path.join(dir, 'feedback.sqlite') });
  return {
    store: new TypeormFeedbackStore(dataSource),
    teardown: async () => {
      await dataSource.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
});

// npm run test:postgres sets TEST_DATABASE_URL; each run migrates a throwaway schema and drops it.
const pgUrl = process.env.TEST_DATABASE_URL;

async function withAdminConnection(url: string, sql: string): Promise<void> {
  const admin = new DataSource({ type: 'postgres', url });
  await admin.initialize();
  try {
    await admin.query(sql);
  } finally {
    await admin.destroy();
  }
}

(pgUrl ? describe : describe.skip)('PostgreSQL (TEST_DATABASE_URL)', () => {
  describeFeedbackStoreContract('TypeORM on PostgreSQL', async () => {
    const url = pgUrl as string;
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    await withAdminConnection(url, `CREATE SCHEMA "${schema}"`);
    const dataSource = await openDatabase({ type: 'postgres', url, schema });
    return {
      store: new TypeormFeedbackStore(dataSource),
      teardown: async () => {
        await dataSource.destroy();
        await withAdminConnection(url, `DROP SCHEMA "${schema}" CASCADE`);
      },
    };
  });
});
