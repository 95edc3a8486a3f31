/**
 * The real Switchboard hub, booted for the bench in its own process (so the hub and the load
 * generator never share an event loop): createApp from src/app.factory.ts with a validated config,
 * a throwaway SQLite file in os.tmpdir(), no demo seed, LOG_LEVEL=error, rate limits out of the way
 * of REST setup, port 0 on 127.0.0.1. Prints `BENCH_READY {"port", "superAdmin"}` on stdout.
 *
 *   node -r ts-node/register/transpile-only bench/hub-server.ts
 *
 * BENCH_DATA_DIR (optional): a throwaway directory for the SQLite file (a fresh one in os.tmpdir()
 * otherwise); it is removed at exit. The parent bench passes its own and removes it too.
 */
import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { announceReady, serveBenchChild } from './lib/child-ipc';
import { explain, installSqlProbe, resetSqlMax, setSqlProbeActive, sqlSnapshot } from './lib/sql-probe';

export const BENCH_SUPER_ADMIN = { email: 'bench-root@switchboard.bench', password: 'bench-password-123' };

async function main(): Promise<void> {
  // The probe costs the hub CPU: the bench switches it off for the measured window (the `sql` request).
  // BENCH_SQL_PROBE=0 leaves the driver untouched throughout.
  if (process.env.BENCH_SQL_PROBE !== '0') installSqlProbe();
  // Imported after the probe so nothing prepares a statement unobserved.
  const { createApp } = await import('../src/app.factory');
  const { validateEnv } = await import('../src/config/validate-env');
  const { createSuperAdminAccount } = await import('../src/users/super-admin');

  // The directory is a throwaway either way: removed at exit (the parent removes it too, in case we are killed).
  const dir = process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-hub-'));
  const removeDir = () => fs.rmSync(dir, { recursive: true, force: true });

  // Only these variables: nothing from the caller's environment (OPENAI_*, DATABASE_URL, REDIS_URL…) leaks in.
  const config = validateEnv({
    NODE_ENV: 'production',
    PORT: '0',
    JWT_SECRET: randomBytes(32).toString('hex'),
    SQLITE_PATH: path.join(dir, 'bench.sqlite'),
    UPLOAD_DIR: path.join(dir, 'uploads'),
    DEMO_SEED: 'false',
    LOG_LEVEL: process.env.BENCH_HUB_LOG_LEVEL ?? 'error',
    RATE_LIMIT_LOGIN_PER_MINUTE: '100000',
    RATE_LIMIT_PUBLIC_PER_MINUTE: '1000000',
    PRESENCE_GRACE_SECONDS: '60',
  });

  let app: Awaited<ReturnType<typeof createApp>> | null = null;
  serveBenchChild(
    'hub',
    async () => {
      try {
        if (app) await app.close();
      } finally {
        removeDir();
      }
    },
    {
      sql: (payload) => {
        const snapshot = sqlSnapshot();
        const { resetMax, active } = (payload ?? {}) as { resetMax?: boolean; active?: boolean };
        if (resetMax) resetSqlMax();
        if (active !== undefined) setSqlProbeActive(active);
        return snapshot;
      },
      explain: (payload) => {
        const db = (app?.get(DataSource).driver as unknown as { databaseConnection: Parameters<typeof explain>[0] }).databaseConnection;
        return explain(db, payload as string[]);
      },
    },
  );

  app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  await createSuperAdminAccount(app.get(DataSource), { ...BENCH_SUPER_ADMIN, name: 'Bench Root' });
  announceReady({ port, pid: process.pid, superAdmin: BENCH_SUPER_ADMIN, dataDir: dir });
}

main().catch((error) => {
  process.stderr.write(`[hub] failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
