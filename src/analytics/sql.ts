import { DataSource, QueryRunner } from 'typeorm';

/** Anything that runs SQL: the app's DataSource, or a migration's QueryRunner. */
export type SqlTarget = DataSource | QueryRunner;

interface NativeStatement {
  pluck(on?: boolean): NativeStatement;
  all(...params: unknown[]): unknown[];
}
interface NativeDatabase {
  prepare(sql: string): NativeStatement;
}

const driverOf = (target: SqlTarget) => ('driver' in target ? target.driver : target.connection.driver);

/**
 * Runs hand-written SQL with `:name` / `:...list` parameters on SQLite and PostgreSQL alike (the
 * driver turns them into `?` or `$n`). Aliases are snake_case because PostgreSQL folds them to lower case.
 */
export async function sqlRows<T = Record<string, unknown>>(target: SqlTarget, sql: string, params: Record<string, unknown> = {}): Promise<T[]> {
  const [query, values] = driverOf(target).escapeQueryWithParameters(sql, params);
  return target.query(query, values);
}

const plucked = new WeakMap<NativeDatabase, Map<string, NativeStatement>>();

/**
 * The first column of every row as numbers. On better-sqlite3 it reads straight from the driver
 * without building a row object each (the cost that dominates reading 10⁵ values); elsewhere it is sqlRows.
 */
export async function sqlNumbers(target: SqlTarget, sql: string, params: Record<string, unknown> = {}): Promise<number[]> {
  const driver = driverOf(target);
  const [query, values] = driver.escapeQueryWithParameters(sql, params);
  const native = driver.options.type === 'better-sqlite3' ? (driver as unknown as { databaseConnection?: NativeDatabase }).databaseConnection : undefined;
  if (native) {
    let cache = plucked.get(native);
    if (!cache) plucked.set(native, (cache = new Map()));
    let statement = cache.get(query);
    if (!statement) {
      statement = native.prepare(query).pluck(true);
      cache.set(query, statement);
      if (cache.size > 200) cache.delete(cache.keys().next().value as string);
    }
    return statement.all(...values) as number[];
  }
  const rows: Record<string, unknown>[] = await target.query(query, values);
  return rows.map((row) => Number(Object.values(row)[0]));
}

/** pg returns BIGINT and COUNT as strings; null stays null. */
export const num = (value: unknown): number => Number(value);
export const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));

/**
 * `WITH b (i, s, e) AS (VALUES …)`: the buckets as a tiny table to join on, so each bucket is one
 * index range scan and the database returns one row per bucket instead of one per event. Bucket i is
 * [s, e); an empty one (s >= e) matches nothing.
 */
export function bucketTable(buckets: ReadonlyArray<readonly [number, number]>): { cte: string; params: Record<string, number> } {
  const params: Record<string, number> = {};
  const rows = buckets.map(([start, end], i) => {
    params[`b${i}s`] = start;
    params[`b${i}e`] = end;
    return `(${i}, CAST(:b${i}s AS BIGINT), CAST(:b${i}e AS BIGINT))`;
  });
  return { cte: `b (i, s, e) AS (VALUES ${rows.join(', ')})`, params };
}

/** Consecutive boundaries [b0, b1, …, bn] as n buckets. */
export const pairs = (bounds: readonly number[]): Array<[number, number]> => bounds.slice(0, -1).map((s, i) => [s, bounds[i + 1]]);
