import { ObjectLiteral, QueryFailedError, Repository } from 'typeorm';
import type { Driver } from 'typeorm/driver/Driver';
import type { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

interface SqliteStatement {
  reader: boolean;
  run(...params: unknown[]): unknown;
  all(...params: unknown[]): Record<string, unknown>[];
}
interface SqliteConnection {
  prepare(sql: string): SqliteStatement;
}

/**
 * Fixed SQL texts for an entity's hottest statements (an insert, a lookup by key), built once from
 * its metadata. TypeORM's query builder rebuilds the SQL on every call and inlines some values into
 * it, so SQLite prepares a new statement per message; one constant text per statement is prepared
 * once and skips the builder; on SQLite the prepared statement runs on TypeORM's own connection
 * without its query runner around it (a synchronous driver: the same connection, the same
 * transaction, a tenth of the allocations per call). Values go through the
 * driver's own conversions (transformers, simple-json), so rows read or written here are exactly
 * what the repository's methods would give.
 */
export class EntityStatements<T extends ObjectLiteral> {
  private readonly columns: ColumnMetadata[];
  private readonly table: string;
  private readonly insertSql: string;
  private readonly selectList: string;
  private readonly prepared = new Map<string, SqliteStatement>();
  private readonly driver: Driver;

  constructor(private readonly repo: Repository<T>) {
    const driver = (this.driver = repo.manager.connection.driver);
    this.columns = repo.metadata.columns;
    this.table = repo.metadata.tablePath.split('.').map((part) => driver.escape(part)).join('.');
    const names = this.columns.map((c) => driver.escape(c.databaseName));
    const params = this.columns.map((c, i) => driver.createParameter(c.propertyName, i));
    this.insertSql = `INSERT INTO ${this.table} (${names.join(', ')}) VALUES (${params.join(', ')})`;
    this.selectList = names.join(', ');
  }

  /** Inserts one entity with every column given; a constraint violation rejects as the repository's insert would. */
  async insert(entity: T): Promise<void> {
    await this.exec(this.insertSql, this.columns.map((c) => this.driver.preparePersistentValue(c.getEntityValue(entity), c)));
  }

  /**
   * A lookup by a unique key, built once (keep it in a field): the function gives the one row whose
   * `keys` equal the values it is called with (in order), or null. With `select`, only those columns
   * are read and the entity has only those properties.
   */
  lookup(keys: readonly (keyof T & string)[]): (values: readonly unknown[]) => Promise<T | null>;
  lookup<K extends keyof T & string>(keys: readonly (keyof T & string)[], select: readonly K[]): (values: readonly unknown[]) => Promise<Pick<T, K> | null>;
  lookup(keys: readonly (keyof T & string)[], select?: readonly (keyof T & string)[]): (values: readonly unknown[]) => Promise<T | null> {
    const where = keys.map((key, i) => `${this.driver.escape(this.column(key).databaseName)} = ${this.driver.createParameter(key, i)}`);
    const columns = select ? select.map((key) => this.column(key)) : this.columns;
    const list = select ? columns.map((c) => this.driver.escape(c.databaseName)).join(', ') : this.selectList;
    const sql = `SELECT ${list} FROM ${this.table} WHERE ${where.join(' AND ')} LIMIT 1`;
    return async (values) => {
      const rows = await this.exec(sql, values);
      return rows.length ? this.hydrate(rows[0], columns) : null;
    };
  }

  private column(propertyName: string): ColumnMetadata {
    const column = this.repo.metadata.findColumnWithPropertyName(propertyName);
    if (!column) throw new Error(`${this.repo.metadata.name} has no column ${propertyName}`);
    return column;
  }

  /** Rows for a query, nothing for a write; errors are TypeORM's QueryFailedError whichever the driver. */
  private async exec(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    const sqlite = this.sqliteConnection();
    if (!sqlite) return ((await this.repo.query(sql, params as unknown[])) as Record<string, unknown>[] | undefined) ?? [];
    let statement = this.prepared.get(sql);
    try {
      if (!statement) this.prepared.set(sql, (statement = sqlite.prepare(sql)));
      if (statement.reader) return statement.all(...params);
      statement.run(...params);
      return [];
    } catch (error) {
      throw new QueryFailedError(sql, params as unknown[], error as Error);
    }
  }

  private sqliteConnection(): SqliteConnection | null {
    const driver = this.driver as Driver & { databaseConnection?: SqliteConnection };
    return driver.options.type === 'better-sqlite3' ? (driver.databaseConnection ?? null) : null;
  }

  private hydrate(row: Record<string, unknown>, columns: ColumnMetadata[]): T {
    const entity = this.repo.create();
    for (const column of columns) column.setEntityValue(entity, this.driver.prepareHydratedValue(row[column.databaseName], column));
    return entity;
  }
}
