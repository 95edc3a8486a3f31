import { Logger } from '@nestjs/common';
import Database from 'better-sqlite3';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DataSource } from 'typeorm';
import { buildDataSourceOptions } from './data-source';
import { WalCheckpointer } from './wal-checkpointer';

const checkpointerFor = (options: object) => new WalCheckpointer({ options } as unknown as DataSource);
const sizeOf = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.size ?? 0;

async function waitFor(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the condition');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('WalCheckpointer', () => {
  let dir: string;
  let file: string;
  let db: Database.Database;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-wal-'));
    file = path.join(dir, 'wal.sqlite');
    // Stays open throughout, as the app's connection does: without a checkpoint, no page reaches the main file.
    db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('wal_autocheckpoint = 0');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body BLOB)');
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    for (let i = 0; i < 50; i++) db.transaction(() => { for (let j = 0; j < 20; j++) insert.run(Buffer.alloc(1024, i)); })();
  });

  afterEach(() => {
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
    jest.restoreAllMocks();
  });

  it('copies the WAL into the database from its thread, truncates it at stop, and its worker exits cleanly', async () => {
    expect(sizeOf(file)).toBeLessThan(64 * 1024);
    expect(sizeOf(`${file}-wal`)).toBeGreaterThan(1024 * 1024);

    const checkpointer = checkpointerFor({ type: 'better-sqlite3', database: file });
    expect(checkpointer.start({ intervalMs: 20 })).toBe(true);
    const worker = (checkpointer as unknown as { worker: Worker }).worker;
    const exitCode = new Promise<number>((resolve) => worker.once('exit', resolve));
    await waitFor(() => sizeOf(file) > 1024 * 1024);
    // Under its limit the WAL keeps its size while running: only stop() truncates it.
    expect(sizeOf(`${file}-wal`)).toBeGreaterThan(1024 * 1024);

    await checkpointer.stop();
    expect(await exitCode).toBe(0);
    expect(sizeOf(`${file}-wal`)).toBe(0);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 1000 });
  });

  it('truncates a WAL past its limit while running, once writes pause', async () => {
    const checkpointer = checkpointerFor({ type: 'better-sqlite3', database: file });
    checkpointer.start({ intervalMs: 20, limitBytes: 0 });
    await waitFor(() => sizeOf(`${file}-wal`) === 0);
    expect(sizeOf(file)).toBeGreaterThan(1024 * 1024);
    await checkpointer.stop();
  });

  /** Writes 1 KB rows, one commit each, yielding every `burst` rows; returns the largest WAL file seen. */
  async function writeSteadily(rows: number, burst: number, pause: () => Promise<unknown>): Promise<number> {
    const insert = db.prepare('INSERT INTO t (body) VALUES (?)');
    let largest = 0;
    for (let i = 0; i < rows; i++) {
      insert.run(Buffer.alloc(1024, i));
      if (i % burst === 0) {
        largest = Math.max(largest, sizeOf(`${file}-wal`));
        await pause();
      }
    }
    return largest;
  }

  it('lets the WAL restart under steady writes instead of growing without end', async () => {
    const checkpointer = checkpointerFor({ type: 'better-sqlite3', database: file });
    checkpointer.start({ intervalMs: 20 });
    await waitFor(() => sizeOf(file) > 1024 * 1024);
    // With one pass a tick the copy never catches up with these writes, and the WAL passes 30 MB.
    const largest = await writeSteadily(5000, 10, () => new Promise((r) => setTimeout(r, 1)));
    await checkpointer.stop();
    // Seen here: 1–2 MB; the bound leaves room for a starved worker on a loaded CI machine.
    expect(largest).toBeLessThan(16 * 1024 * 1024);
  });

  it('restarts the WAL past its limit when writes never pause', async () => {
    const checkpointer = checkpointerFor({ type: 'better-sqlite3', database: file });
    checkpointer.start({ intervalMs: 20, limitBytes: 256 * 1024 });
    // Idle, it truncates the WAL beforeEach wrote: from here on the worker runs and the WAL starts empty.
    await waitFor(() => sizeOf(`${file}-wal`) === 0);
    // Without a RESTART the WAL of these writes passes 130 MB.
    const largest = await writeSteadily(20_000, 50, () => new Promise((r) => setImmediate(r)));
    await checkpointer.stop();
    // Seen here: 17–36 MB; bounded well under the ~130 MB it reaches without a RESTART, with room for a loaded machine.
    expect(largest).toBeLessThan(96 * 1024 * 1024);
    expect(db.prepare('SELECT COUNT(*) AS n FROM t').get()).toEqual({ n: 21_000 });
  });

  it("the app's connection leaves a file's checkpoints to it; an in-memory database and one-off connections keep SQLite's", () => {
    const cases = [[file, true, 0], [':memory:', true, 1000], [file, false, 1000]] as const;
    for (const [database, checkpointer, expected] of cases) {
      const { prepareDatabase } = buildDataSourceOptions({ type: 'sqlite', path: database }, { checkpointer }) as { prepareDatabase(db: Database.Database): void };
      const connection = new Database(database);
      prepareDatabase(connection);
      expect(connection.pragma('wal_autocheckpoint', { simple: true })).toBe(expected);
      connection.close();
    }
  });

  it('does nothing for an in-memory database or PostgreSQL', async () => {
    for (const options of [{ type: 'better-sqlite3', database: ':memory:' }, { type: 'postgres', url: 'postgres://x' }]) {
      const checkpointer = checkpointerFor(options);
      expect(checkpointer.start({ intervalMs: 20 })).toBe(false);
      await expect(checkpointer.stop()).resolves.toBeUndefined();
    }
  });

  it('logs a worker that cannot open its database instead of crashing', async () => {
    const error = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const checkpointer = checkpointerFor({ type: 'better-sqlite3', database: path.join(dir, 'missing.sqlite') });
    checkpointer.start({ intervalMs: 20 });
    await checkpointer.stop();
    expect(error).toHaveBeenCalledWith(expect.stringMatching(/WAL checkpoint worker stopped/));
  });
});
