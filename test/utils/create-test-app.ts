import { INestApplication } from '@nestjs/common';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AddressInfo } from 'node:net';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApp } from '../../src/app.factory';
import { AppConfig } from '../../src/config/app.config';
import { validateEnv } from '../../src/config/validate-env';
import { createSuperAdminAccount } from '../../src/users/super-admin';

export const TEST_PASSWORD = 'correct-horse-battery';

export interface TestApp {
  app: INestApplication;
  config: AppConfig;
  url: string;
  dataSource: DataSource;
  http: () => ReturnType<typeof request>;
  /** Logs in and returns the bearer token. */
  login(email: string, password?: string): Promise<string>;
  superAdminToken(): Promise<string>;
  close(): Promise<void>;
  /** The SQLite file the app runs on (undefined on PostgreSQL runs). */
  sqlitePath?: string;
}

export interface TestAppOptions {
  /**
   * Run on this SQLite file instead of a throwaway one, and leave it in place on close(): a later app
   * (or a plain DataSource) can open the same file, as after a restart. The caller removes it.
   */
  sqlitePath?: string;
}

/** PostgreSQL runs (npm run test:postgres) give each app its own schema; otherwise a throwaway SQLite file. */
async function prepareDatabase(): Promise<{ env: Record<string, string>; cleanup: () => Promise<void> }> {
  const pgUrl = process.env.TEST_DATABASE_URL;
  if (pgUrl) {
    const schema = `t_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const admin = new DataSource({ type: 'postgres', url: pgUrl });
    await admin.initialize();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    await admin.destroy();
    return {
      env: { DATABASE_URL: pgUrl, DATABASE_SCHEMA: schema },
      cleanup: async () => {
        const ds = new DataSource({ type: 'postgres', url: pgUrl });
        await ds.initialize();
        await ds.query(`DROP SCHEMA "${schema}" CASCADE`);
        await ds.destroy();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-test-'));
  return {
    env: { SQLITE_PATH: path.join(dir, 'test.sqlite'), UPLOAD_DIR: path.join(dir, 'uploads') },
    cleanup: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Boots the real AppModule on port 0, exactly as main.ts does, with test-friendly limits. */
export async function createTestApp(env: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.sqlitePath
    ? { env: { SQLITE_PATH: options.sqlitePath, UPLOAD_DIR: path.join(path.dirname(options.sqlitePath), 'uploads') }, cleanup: async () => undefined }
    : await prepareDatabase();
  const config = validateEnv({
    NODE_ENV: 'test',
    JWT_SECRET: randomBytes(32).toString('hex'),
    DEMO_SEED: 'false',
    LOG_LEVEL: 'error',
    RATE_LIMIT_LOGIN_PER_MINUTE: '10000',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '100000',
    ...database.env,
    ...env,
  });
  // A given file is SQLite by definition, even on a PostgreSQL run.
  if (options.sqlitePath) config.database = { type: 'sqlite', path: options.sqlitePath };
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const dataSource = app.get(DataSource);
  const http = () => request(url);
  let superToken: string | undefined;

  const login = async (email: string, password = TEST_PASSWORD) => {
    const res = await http().post('/api/auth/login').send({ email, password });
    if (res.status !== 200) throw new Error(`login ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body.accessToken as string;
  };

  return {
    app, config, url, dataSource, http, login,
    sqlitePath: config.database.type === 'sqlite' ? config.database.path : undefined,
    async superAdminToken() {
      if (!superToken) {
        const email = `root-${randomUUID().slice(0, 8)}@switchboard.test`;
        await createSuperAdminAccount(dataSource, { email, password: TEST_PASSWORD });
        superToken = await login(email);
      }
      return superToken;
    },
    async close() {
      await app.close();
      await database.cleanup();
    },
  };
}
