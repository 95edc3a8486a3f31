/* eslint-disable @typescript-eslint/no-require-imports */
/**
 * Counts and times every SQL statement the hub executes, at the driver (better-sqlite3 Statement
 * run/get/all), so the bench can say how many queries — and which — one customer message costs.
 * Installed in the hub child before the app boots; it only wraps prototype methods.
 */

type Stmt = { source: string; run(...a: unknown[]): unknown; get(...a: unknown[]): unknown; all(...a: unknown[]): unknown };

export interface SqlCounter {
  count: number;
  ns: number;
  /** The slowest single execution (a WAL checkpoint's fsync shows up here), and executions over 2 ms. */
  maxNs: number;
  over2ms: number;
}

const counters = new Map<string, SqlCounter>();
let installed = false;

export function installSqlProbe(): void {
  if (installed) return;
  installed = true;
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, (...args: unknown[]) => unknown>;
  db.close();
  for (const method of ['run', 'get', 'all'] as const) {
    const original = proto[method];
    proto[method] = function probed(this: Stmt, ...args: unknown[]) {
      const start = process.hrtime.bigint();
      try {
        return original.apply(this, args);
      } finally {
        const key = this.source;
        let counter = counters.get(key);
        if (!counter) counters.set(key, (counter = { count: 0, ns: 0, maxNs: 0, over2ms: 0 }));
        const ns = Number(process.hrtime.bigint() - start);
        counter.count += 1;
        counter.ns += ns;
        if (ns > counter.maxNs) counter.maxNs = ns;
        if (ns > 2e6) counter.over2ms += 1;
      }
    };
  }
}

/** Starts a fresh window for maxNs (counts and totals are cumulative; the parent diffs them). */
export function resetSqlMax(): void {
  for (const c of counters.values()) c.maxNs = 0;
}

export function sqlSnapshot(): Record<string, SqlCounter> {
  const out: Record<string, SqlCounter> = {};
  for (const [sql, c] of counters) out[sql] = { ...c };
  return out;
}

/** EXPLAIN QUERY PLAN for each statement (parameters bound to NULL: the plan does not depend on values). */
export function explain(db: { prepare(sql: string): { all(...a: unknown[]): unknown[] } }, statements: string[]): Record<string, string[]> {
  const plans: Record<string, string[]> = {};
  for (const sql of statements) {
    try {
      const params = (sql.match(/\?/g) ?? []).map(() => null);
      const rows = db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[];
      plans[sql] = rows.map((r) => r.detail);
    } catch (error) {
      plans[sql] = [`(no plan: ${(error as Error).message})`];
    }
  }
  return plans;
}
