import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource, DataSourceOptions } from 'typeorm';
import { DatabaseConfig } from '../config/app.config';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

/** One definition of the data source for the app, the TypeORM CLI (ormconfig.ts) and create-admin. */
/**
 * `checkpointer`: the app's own connection leaves WAL checkpoints to WalCheckpointer's thread; one-off
 * connections (the CLI, create-admin, scripts) keep SQLite's automatic checkpoints.
 */
export function buildDataSourceOptions(database: DatabaseConfig, { checkpointer = false } = {}): DataSourceOptions {
  const common = { entities: ENTITIES, migrations: MIGRATIONS, migrationsRun: false, synchronize: false, logging: false } as const;
  if (database.type === 'postgres') {
    // With a schema, raw SQL must resolve there too: every pooled connection gets it as its search_path.
    const options = database.schema ? { options: `-c search_path=${database.schema}` } : {};
    return { ...common, type: 'postgres', url: database.url, schema: database.schema, extra: { max: 10, ...options } };
  }
  fs.mkdirSync(path.dirname(database.path), { recursive: true });
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: true,
    // NORMAL is durable in WAL mode across application crashes; busy_timeout lets a CLI share the file.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('synchronous = NORMAL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      // A file's WAL is checkpointed by WalCheckpointer's worker thread, not inside a hot-path commit; closing still checkpoints.
      if (checkpointer && isSqliteFile(database.path)) db.pragma('wal_autocheckpoint = 0');
    },
  };
}

/** False for SQLite's in-memory and temporary databases, which have no WAL to checkpoint. */
export function isSqliteFile(file: string): boolean {
  return file !== ':memory:' && file !== '';
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(database: DatabaseConfig): Promise<DataSource> {
  const dataSource = new DataSource(buildDataSourceOptions(database));
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  return dataSource;
}
