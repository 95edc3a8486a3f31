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
type Method = (...args: unknown[]) => unknown;
let methods: { proto: Record<string, Method>; originals: Record<string, Method>; probed: Record<string, Method> } | null = null;

export function installSqlProbe(): void {
  if (methods) return;
  const Database = require('better-sqlite3');
  const db = new Database(':memory:');
  const proto = Object.getPrototypeOf(db.prepare('SELECT 1')) as Record<string, Method>;
  db.close();
  const originals: Record<string, Method> = {};
  const probed: Record<string, Method> = {};
  for (const method of ['run', 'get', 'all'] as const) {
    const original = (originals[method] = proto[method]);
    probed[method] = function probed(this: Stmt, ...args: unknown[]) {
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
  methods = { proto, originals, probed };
  setSqlProbeActive(true);
}

/**
 * Puts the counting wrappers on the driver's statements, or the driver's own methods back. The bench
 * counts SQL in the warm-up and times the measured window without the probe: production has none.
 */
export function setSqlProbeActive(active: boolean): void {
  if (!methods) return;
  Object.assign(methods.proto, active ? methods.probed : methods.originals);
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
