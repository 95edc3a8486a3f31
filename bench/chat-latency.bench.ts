/**
 * npm run bench [-- options]
 *
 * Customer → agent latency and throughput through the real Switchboard hub and, in the same run,
 * through a bare Socket.IO relay (bench/bare-relay.ts), both on loopback in child processes, driven
 * by the same load generator (bench/lib/driver.ts). Prints a table, then one `BENCH_RESULT {json}` line.
 * See bench/README.md for what is measured and every option.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { formatProfile, summarizeProfile } from './cpu-profile-top';
import { BenchChild, killAllChildren, startChild } from './lib/children';
import type { ProcessStats } from './lib/child-ipc';
import { drive, DriveOptions, DriveResult, PhaseResult, Target } from './lib/driver';
import { startScriptNodeFlags } from './lib/server-flags';
import { median, round, table } from './lib/stats';
import type { SqlCounter } from './lib/sql-probe';
import { SystemCpu, systemCpu } from './lib/system-cpu';

type TargetName = 'bare' | 'hub';

interface Options {
  n: number;
  m: number;
  k: number;
  warmup: number;
  rate: number;
  size: number;
  rounds: number;
  only: TargetName | null;
  quick: boolean;
  cpuProf: 'off' | 'hub' | 'all';
  cpuProfDir: string;
  timeoutS: number;
  verbose: boolean;
  /** Before each measured phase, wait up to this many seconds for other processes to use < 25% of a core. */
  waitIdleS: number;
  /** Reject a measured phase during which other processes used more than this % of one core… */
  maxNoisePct: number;
  /** …and measure again, up to this many phases in all. */
  attempts: number;
}

interface SqlRow {
  /** The statement with numeric literals shown as # */
  sql: string;
  perMessage: number;
  usPerMessage: number;
  /** How many different SQL texts ran (> 1: numbers inlined, a fresh prepare() per execution). */
  distinctTexts: number;
  /** Slowest single execution in the window, ms; executions over 2 ms. */
  maxMs: number;
  over2ms: number;
  plan: string[];
}

interface TargetRun {
  target: TargetName;
  setup: DriveResult['setup'];
  warmup: PhaseResult | null;
  measured: PhaseResult;
  server: { cpuMs: number; cpuUsPerMessage: number; cpuUtilization: number; eventLoopUtilization: number; loopDelayP99: number; loopDelayMax: number; rssMB: number; gc: GcWindow };
  /** Noise indicators: CPU used by everything except the server child and this driver (% of one core), load average at start. */
  machine: { otherCpuPct: number; loadAvg1: number };
  /** The measured phase reported, and whether it passed --max-noise. */
  attempt: number;
  accepted: boolean;
  sql?: SqlRow[];
  /** Where `sql` was counted: the warm-up (the measured window then runs without the probe), or the measured window. */
  sqlWindow?: 'warm-up' | 'measured';
  profile?: string;
}

// The hub's widget limit (src/channels/customer.gateway.ts): 30 events per 10 s per customer socket.
const WIDGET_EVENTS_PER_WINDOW = 30;
const WIDGET_WINDOW_S = 10;
const MAX_CHATS_PER_AGENT = 50; // CompanySettingsDto's validated maximum
const BENCH_PASSWORD = 'bench-password-123';
// Both servers run with the node flags of `npm start`, then any extra ones given for diagnosis
// (e.g. BENCH_CHILD_NODE_ARGS=--trace-gc with --verbose).
const START_FLAGS = startScriptNodeFlags();
const SERVER_NODE_ARGS = [...START_FLAGS, ...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(/\s+/).filter(Boolean)];

function parseOptions(argv: string[], env: NodeJS.ProcessEnv): Options {
  const args = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}" (options look like --n 500)`);
    const eq = arg.indexOf('=');
    if (eq > 0) args.set(arg.slice(2, eq), arg.slice(eq + 1));
    else if (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) args.set(arg.slice(2), argv[++i]);
    else args.set(arg.slice(2), 'true');
  }
  const known = ['n', 'm', 'k', 'warmup', 'rate', 'size', 'rounds', 'only', 'quick', 'cpu-prof', 'cpu-prof-dir', 'timeout', 'verbose', 'wait-idle', 'max-noise', 'attempts', 'help'];
  for (const key of args.keys()) if (!known.includes(key)) throw new Error(`unknown option --${key}; known: ${known.map((k) => `--${k}`).join(' ')}`);
  if (args.has('help')) {
    console.log(fs.readFileSync(path.join(__dirname, 'README.md'), 'utf8'));
    process.exit(0);
  }
  const get = (name: string, envName: string) => args.get(name) ?? env[envName];
  const flag = (name: string, envName: string) => ['1', 'true', 'yes', 'on'].includes(String(get(name, envName) ?? '').toLowerCase());
  const quick = flag('quick', 'BENCH_QUICK');
  const num = (name: string, envName: string, fallback: number, min: number, max: number, integer = true) => {
    const raw = get(name, envName);
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max) {
      throw new Error(`--${name} (${envName}) must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
  const n = num('n', 'BENCH_N', quick ? 50 : 500, 1, 5000);
  const m = num('m', 'BENCH_M', quick ? 5 : 20, 1, 500);
  const k = num('k', 'BENCH_K', quick ? 5 : 20, 1, 10_000);
  const warmup = num('warmup', 'BENCH_WARMUP', quick ? 2 : 3, 0, 1000);
  const rate = num('rate', 'BENCH_RATE', 1, 0, 1000, false);
  const size = num('size', 'BENCH_SIZE', 64, 0, 4900);
  const rounds = num('rounds', 'BENCH_ROUNDS', 1, 1, 10);
  const onlyRaw = get('only', 'BENCH_ONLY');
  if (onlyRaw !== undefined && onlyRaw !== 'hub' && onlyRaw !== 'bare') throw new Error('--only must be hub or bare');
  const profRaw = get('cpu-prof', 'BENCH_CPU_PROF') ?? 'off';
  const cpuProf = (['true', '1', 'hub'].includes(profRaw) ? 'hub' : profRaw === 'all' ? 'all' : 'off') as Options['cpuProf'];
  if (!['off', 'false', '0', 'true', '1', 'hub', 'all'].includes(profRaw)) throw new Error('--cpu-prof takes hub (default) or all');
  if (Math.ceil(n / m) > MAX_CHATS_PER_AGENT) throw new Error(`N/M = ${n}/${m} needs ${Math.ceil(n / m)} chats per agent; the hub allows at most ${MAX_CHATS_PER_AGENT}: raise --m`);
  const perConversationS = (warmup + k) / Math.max(rate, 1) + 10;
  const waitIdle = num('wait-idle', 'BENCH_WAIT_IDLE_S', 0, 0, 600);
  const attempts = num('attempts', 'BENCH_ATTEMPTS', get('max-noise', 'BENCH_MAX_NOISE') !== undefined ? 3 : 1, 1, 20);
  const measureS = (k / Math.max(rate, 1) + 10 + waitIdle) * attempts;
  const defaultTimeoutS = Math.max(180, Math.ceil(rounds * 2 * (120 + perConversationS + measureS + n * 0.05 + m * 1.5)));
  return {
    n, m, k, warmup, rate, size, rounds, quick, only: (onlyRaw as TargetName | undefined) ?? null, cpuProf,
    cpuProfDir: path.resolve(get('cpu-prof-dir', 'BENCH_CPU_PROF_DIR') ?? path.join(os.tmpdir(), 'switchboard-bench-profiles')),
    timeoutS: num('timeout', 'BENCH_TIMEOUT_S', defaultTimeoutS, 10, 24 * 3600),
    verbose: flag('verbose', 'BENCH_VERBOSE'),
    waitIdleS: waitIdle,
    maxNoisePct: num('max-noise', 'BENCH_MAX_NOISE', Infinity, 0, 1e6, false),
    attempts,
  };
}

async function api<T = Record<string, unknown>>(base: string, method: string, route: string, body?: unknown, token?: string): Promise<T> {
  const res = await fetch(`${base}${route}`, {
    method,
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${route}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : {}) as T;
}

async function pool<T>(items: T[], concurrency: number, task: (item: T, i: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      await task(items[i], i);
    }
  }));
}

/** A company, its M agents (created and logged in through the REST API) and their tokens. */
async function setUpHubTenant(base: string, ready: BenchChild['ready'], options: Options, log: (s: string) => void): Promise<Target> {
  const started = Date.now();
  const superAdmin = ready.superAdmin as { email: string; password: string };
  const { accessToken: root } = await api<{ accessToken: string }>(base, 'POST', '/api/auth/login', superAdmin);
  const company = await api<{ id: string; widgetKey: string }>(base, 'POST', '/api/companies', {
    name: 'Bench Support Co',
    // Enough seats for every conversation; the grace period only matters if an agent socket drops.
    settings: { maxChatsPerAgent: Math.ceil(options.n / options.m), gracePeriodSeconds: 60 },
  }, root);
  const tokens: string[] = new Array(options.m);
  // bcrypt (10 rounds) on create and on login: two at a time keeps one core for the rest.
  await pool([...Array(options.m).keys()], 2, async (j) => {
    const email = `agent-${j}@bench.switchboard.test`;
    await api(base, 'POST', '/api/users', { email, name: `Agent ${j}`, password: BENCH_PASSWORD, role: 'agent', companyId: company.id }, root);
    tokens[j] = (await api<{ accessToken: string }>(base, 'POST', '/api/auth/login', { email, password: BENCH_PASSWORD })).accessToken;
  });
  log(`hub: company and ${options.m} agents created through the REST API (${Date.now() - started} ms)`);
  return { name: 'hub', baseUrl: base, agentAuths: tokens.map((token) => ({ token })), customerAuth: { widgetKey: company.widgetKey } };
}

/** Waits (bounded) until processes other than ours use under 25% of one core, measured over 2 s windows. */
async function waitForQuietMachine(maxS: number, ownCpuMs: () => Promise<number>, log: (s: string) => void): Promise<void> {
  if (maxS <= 0) return;
  const deadline = Date.now() + maxS * 1000;
  for (;;) {
    const s0 = systemCpu();
    const own0 = await ownCpuMs();
    const t0 = Date.now();
    await new Promise((r) => setTimeout(r, 2000));
    const s1 = systemCpu();
    if (!s0 || !s1) return;
    const otherPct = (100 * Math.max(0, s1.busyMs - s0.busyMs - ((await ownCpuMs()) - own0))) / (Date.now() - t0);
    if (otherPct < 25) return;
    if (Date.now() > deadline) {
      log(`warning: other processes still use ${otherPct.toFixed(0)}% of a core after waiting ${maxS} s; measuring anyway`);
      return;
    }
    log(`waiting for a quieter machine: other processes use ${otherPct.toFixed(0)}% of a core`);
  }
}

interface GcWindow {
  scavenges: number;
  /** Share of the window the main thread spent paused in scavenges, %. */
  scavengePct: number;
  scavengeMaxMs: number;
  markCompacts: number;
  markCompactMaxMs: number;
}

/** The GC pauses of one measured window (the child's counters are cumulative, its maxima reset at the window's start). */
function gcWindow(a: ProcessStats, b: ProcessStats, windowMs: number): GcWindow {
  return {
    scavenges: b.gc.scavenges - a.gc.scavenges,
    scavengePct: (100 * (b.gc.scavengeMs - a.gc.scavengeMs)) / Math.max(1, windowMs),
    scavengeMaxMs: b.gc.scavengeMaxMs,
    markCompacts: b.gc.markCompacts - a.gc.markCompacts,
    markCompactMaxMs: b.gc.markCompactMaxMs,
  };
}

function cpuMs(a: ProcessStats, b: ProcessStats): number {
  return (b.cpuUserUs - a.cpuUserUs + (b.cpuSystemUs - a.cpuSystemUs)) / 1000;
}

async function runTarget(name: TargetName, options: Options, tmpRoot: string, round: number, log: (s: string) => void): Promise<TargetRun> {
  const lifetime = String(options.timeoutS * 1000 + 30_000);
  let dataDir: string | null = null;
  let child: BenchChild;
  if (name === 'hub') {
    dataDir = fs.mkdtempSync(path.join(tmpRoot, 'hub-'));
    child = await startChild('hub', 'bench/hub-server.ts', { env: { BENCH_DATA_DIR: dataDir, BENCH_CHILD_MAX_LIFETIME_MS: lifetime, NODE_ENV: 'production' }, quiet: !options.verbose, readyTimeoutMs: 120_000, nodeArgs: SERVER_NODE_ARGS });
  } else {
    child = await startChild('bare', 'bench/bare-relay.ts', { env: { BENCH_CHILD_MAX_LIFETIME_MS: lifetime, NODE_ENV: 'production' }, quiet: !options.verbose, readyTimeoutMs: 120_000, nodeArgs: SERVER_NODE_ARGS });
  }
  const base = `http://127.0.0.1:${child.ready.port}`;
  log(`${name}: listening on ${base} (pid ${child.pid})`);
  try {
    const target: Target = name === 'hub'
      ? await setUpHubTenant(base, child.ready, options, log)
      : { name: 'bare', baseUrl: base, agentAuths: [...Array(options.m).keys()].map((j) => ({ agentId: `agent-${j}`, name: `Agent ${j}` })), customerAuth: {} };
    const driveOptions: DriveOptions = {
      n: options.n, k: options.k, warmup: options.warmup, rate: options.rate, textBytes: options.size,
      connectConcurrency: 25, ackTimeoutMs: 15_000, settleMs: 5_000, assignTimeoutMs: 60_000 + options.n * 100,
      measureAttempts: options.attempts, log,
    };
    let stats0: ProcessStats | null = null;
    let stats1: ProcessStats | null = null;
    // SQL is counted in the warm-up and the probe is off for the measured window (it costs the hub CPU
    // that production does not spend); without a warm-up it is counted in the measured window.
    const sqlWindow = name !== 'hub' ? null : options.warmup > 0 ? 'warm-up' : 'measured';
    let sql0: Record<string, SqlCounter> = {};
    let sql1: Record<string, SqlCounter> = {};
    let measuredStart = 0;
    let sys0: SystemCpu | null = null;
    let sys1: SystemCpu | null = null;
    const loadAvg1 = os.loadavg()[0];
    let measuredMs = 0;
    const profiling = options.cpuProf === 'all' || (options.cpuProf === 'hub' && name === 'hub');
    const profileFile = path.join(options.cpuProfDir, `${name}-n${options.n}-r${round}-${process.pid}.cpuprofile`);
    // CPU used by everything but the server child and this process during the measured window, % of one core.
    const otherCpu = (measured: PhaseResult): number => {
      if (!sys0 || !sys1 || !stats0 || !stats1) return NaN;
      const busy = (sys1 as SystemCpu).busyMs - (sys0 as SystemCpu).busyMs;
      return (100 * Math.max(0, busy - cpuMs(stats0, stats1) - measured.driverCpuMs)) / Math.max(1, measuredMs);
    };
    const result = await drive(target, driveOptions, {
      beforeWarmup: async () => {
        if (sqlWindow === 'warm-up') sql0 = await child.request('sql', { resetMax: true });
      },
      beforeMeasure: async (attempt) => {
        await waitForQuietMachine(options.waitIdleS, async () => {
          const st = await child.stats();
          const own = process.cpuUsage();
          return (st.cpuUserUs + st.cpuSystemUs + own.user + own.system) / 1000;
        }, log);
        if (sqlWindow === 'measured') sql0 = await child.request('sql', { resetMax: true });
        if (sqlWindow === 'warm-up' && attempt === 1) sql1 = await child.request('sql', { active: false });
        if (profiling) {
          fs.mkdirSync(options.cpuProfDir, { recursive: true });
          await child.request('profile-start', { intervalUs: 500 });
        }
        stats0 = await child.stats(true);
        sys0 = systemCpu();
        measuredStart = Date.now();
      },
      afterMeasure: async (attempt, measured) => {
        stats1 = await child.stats();
        sys1 = systemCpu();
        measuredMs = Date.now() - measuredStart;
        if (profiling) await child.request('profile-stop', { file: profileFile }, 60_000);
        if (sqlWindow === 'measured') sql1 = await child.request('sql');
        const noise = otherCpu(measured);
        if (noise > options.maxNoisePct) {
          log(`${name}: other processes used ${noise.toFixed(0)}% of a core during measured phase ${attempt} (limit ${options.maxNoisePct}%)`);
          return false;
        }
        return true;
      },
    });
    const s0 = stats0 as unknown as ProcessStats;
    const s1 = stats1 as unknown as ProcessStats;
    const serverCpuMs = cpuMs(s0, s1);
    const activeMs = s1.eluActiveMs - s0.eluActiveMs;
    const idleMs = s1.eluIdleMs - s0.eluIdleMs;
    const received = Math.max(1, result.measured.received);
    const otherCpuPct = otherCpu(result.measured);
    const run: TargetRun = {
      target: name, setup: result.setup, warmup: result.warmup, measured: result.measured, attempt: result.attempt, accepted: result.accepted,
      server: {
        cpuMs: serverCpuMs, cpuUsPerMessage: (serverCpuMs * 1000) / received, cpuUtilization: serverCpuMs / Math.max(1, measuredMs),
        eventLoopUtilization: activeMs / Math.max(1e-9, activeMs + idleMs), rssMB: s1.rssBytes / 1048576,
        loopDelayP99: s1.loopDelay?.p99 ?? NaN, loopDelayMax: s1.loopDelay?.max ?? NaN, gc: gcWindow(s0, s1, measuredMs),
      },
      machine: { otherCpuPct, loadAvg1 },
    };
    if (options.verbose) {
      log(`${name}: per second of sending (sent, p50, p99, max ms): ${result.measured.timeline.map((t) => `${t.second}s ${t.sent} ${t.p50.toFixed(1)}/${t.p99.toFixed(1)}/${t.max.toFixed(1)}`).join(' | ')}`);
    }
    if (sqlWindow) {
      const sqlReceived = Math.max(1, sqlWindow === 'warm-up' ? (result.warmup?.received ?? 0) : result.measured.received);
      // TypeORM's SQLite driver inlines number parameters into the SQL text: group statements that differ
      // only by numeric literals, and count the distinct texts (each one is a separate prepare()).
      const groups = new Map<string, { sql: string; count: number; ns: number; texts: number; maxNs: number; over2ms: number }>();
      for (const [sql, c] of Object.entries(sql1)) {
        const count = c.count - (sql0[sql]?.count ?? 0);
        if (count <= 0) continue;
        const key = sql.replace(/\b\d+(\.\d+)?\b/g, '#');
        const g = groups.get(key) ?? { sql, count: 0, ns: 0, texts: 0, maxNs: 0, over2ms: 0 };
        g.count += count;
        g.ns += c.ns - (sql0[sql]?.ns ?? 0);
        g.texts += 1;
        g.maxNs = Math.max(g.maxNs, c.maxNs);
        g.over2ms += c.over2ms - (sql0[sql]?.over2ms ?? 0);
        groups.set(key, g);
      }
      const rows = [...groups.entries()].map(([key, g]) => ({ ...g, key })).sort((a, b) => b.count - a.count);
      const plans = rows.length ? await child.request<Record<string, string[]>>('explain', rows.map((r) => r.sql)) : {};
      run.sqlWindow = sqlWindow;
      run.sql = rows.map((r) => ({
        sql: r.key, perMessage: r.count / sqlReceived, usPerMessage: r.ns / 1000 / sqlReceived, distinctTexts: r.texts,
        maxMs: r.maxNs / 1e6, over2ms: r.over2ms, plan: plans[r.sql] ?? [],
      }));
      if (options.verbose) for (const r of run.sql) log(`sql ${r.perMessage.toFixed(3)}/msg ${r.usPerMessage.toFixed(1)} us/msg max ${r.maxMs.toFixed(1)} ms: ${r.sql}\n    plan: ${r.plan.join('; ')}`);
    }
    if (profiling) {
      run.profile = profileFile;
      log(`${name}: CPU profile of the measured window: ${profileFile}`);
    }
    return run;
  } finally {
    await child.stop();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/** SELECT <50 columns> FROM … → SELECT … FROM …, so the table shows what a statement does. */
function abbreviateSql(sql: string): string {
  const flat = sql.replace(/\s+/g, ' ').replace(/^SELECT .*? FROM /, 'SELECT … FROM ').replace(/^INSERT INTO ("?\w+"?)\s*\(.*?\) VALUES \(.*?\)/, 'INSERT INTO $1 (…) VALUES (…)');
  return flat.length > 100 ? `${flat.slice(0, 99)}…` : flat;
}

function ratio(hub: number, bare: number): string {
  return Number.isFinite(hub) && Number.isFinite(bare) && bare > 0 ? `${(hub / bare).toFixed(2)}x` : '-';
}

function report(options: Options, rounds: Partial<Record<TargetName, TargetRun>>[]): string {
  const out: string[] = [];
  const pick = (t: TargetName, f: (r: TargetRun) => number) => median(rounds.map((r) => r[t]).filter((r): r is TargetRun => !!r).map(f));
  const has = (t: TargetName) => rounds.some((r) => r[t]);
  const targets = (['bare', 'hub'] as TargetName[]).filter(has);
  const row = (label: string, f: (r: TargetRun) => number, showRatio = true): (string | number)[] => {
    const values = targets.map((t) => round(pick(t, f), 2));
    return [label, ...values, ...(targets.length === 2 ? [showRatio ? ratio(values[1], values[0]) : ''] : [])];
  };
  const errors = (r: TargetRun) => Object.values(r.measured.errors).reduce((a, b) => a + b, 0);
  const header = ['', ...targets.map((t) => (t === 'bare' ? 'bare relay' : 'hub')), ...(targets.length === 2 ? ['hub/bare'] : [])];
  const offered = options.rate > 0 ? `${options.rate} msg/s per conversation (offered ${round(options.rate * options.n, 0)} msg/s)` : 'closed loop (next message on ack)';
  out.push(`customer -> agent latency, N=${options.n} conversations, M=${options.m} agents, K=${options.k} messages each (+${options.warmup} warm-up), ${offered}, ${options.size} B text; ` +
    `node ${process.version}${START_FLAGS.map((f) => ` ${f}`).join('')}, ${os.cpus().length} CPUs${rounds.length > 1 ? `; median of ${rounds.length} rounds` : ''}`);
  out.push(table(header, [
    row('latency p50 (ms)', (r) => r.measured.latency.p50),
    row('latency p90 (ms)', (r) => r.measured.latency.p90),
    row('latency p99 (ms)', (r) => r.measured.latency.p99),
    row('latency max (ms)', (r) => r.measured.latency.max),
    row('latency mean (ms)', (r) => r.measured.latency.mean),
    row('ack p50 (ms)', (r) => r.measured.ack.p50),
    row('ack p99 (ms)', (r) => r.measured.ack.p99),
    row('messages/s', (r) => r.measured.msgsPerSec),
    row('received', (r) => r.measured.received, false),
    row('lost + errors', (r) => r.measured.lost + errors(r) + r.measured.misrouted, false),
    row('server CPU per message (us)', (r) => r.server.cpuUsPerMessage),
    row('server CPU (% of one core)', (r) => 100 * r.server.cpuUtilization),
    row('server event-loop utilization %', (r) => 100 * r.server.eventLoopUtilization),
    row('server event-loop delay p99 (ms)', (r) => r.server.loopDelayP99),
    row('server event-loop delay max (ms)', (r) => r.server.loopDelayMax),
    row('server GC scavenges', (r) => r.server.gc.scavenges),
    row('server GC scavenge pauses (% of time)', (r) => r.server.gc.scavengePct),
    row('server GC scavenge max (ms)', (r) => r.server.gc.scavengeMaxMs),
    row('server GC mark-compacts', (r) => r.server.gc.markCompacts),
    row('server GC mark-compact max (ms)', (r) => r.server.gc.markCompactMaxMs),
    row('driver event-loop utilization %', (r) => 100 * r.measured.driverEventLoopUtilization),
    row('setup: assign all N (ms)', (r) => r.setup.assignAllMs),
    row('other processes CPU (% of a core)', (r) => r.machine.otherCpuPct, false),
    row('load average (1 min) at start', (r) => r.machine.loadAvg1, false),
    ...(Number.isFinite(options.maxNoisePct) ? [row(`measured phases run (noise limit ${options.maxNoisePct}%)`, (r) => r.attempt, false)] : []),
  ]));
  if (rounds.length > 1) {
    out.push('per round (p50 / p99 ms, msg/s):');
    rounds.forEach((r, i) => out.push(`  round ${i + 1}: ${targets.map((t) => (r[t] ? `${t} ${round(r[t].measured.latency.p50)} / ${round(r[t].measured.latency.p99)}, ${round(r[t].measured.msgsPerSec, 0)}` : `${t} -`)).join('   ')}` +
      (r.hub && r.bare ? `   p99 ratio ${ratio(r.hub.measured.latency.p99, r.bare.measured.latency.p99)}` : '')));
  }
  for (const r of rounds) {
    for (const t of targets) {
      const run = r[t];
      if (run && Object.keys(run.measured.errors).length) out.push(`${t} errors: ${JSON.stringify(run.measured.errors)}`);
    }
  }
  if (targets.length === 2) {
    const p99 = pick('hub', (r) => r.measured.latency.p99) / pick('bare', (r) => r.measured.latency.p99);
    out.push(`goal hub p99 <= 2x bare p99: ${p99 <= 2 ? 'MET' : 'NOT MET'} (${p99.toFixed(2)}x)`);
  }
  const hub = rounds.map((r) => r.hub).find((r) => r?.sql);
  if (hub?.sql) {
    const total = hub.sql.reduce((a, r) => a + r.perMessage, 0);
    const us = hub.sql.reduce((a, r) => a + r.usPerMessage, 0);
    out.push(`hub SQL per customer message (${hub.sqlWindow ?? 'measured'} window, round 1): ${total.toFixed(2)} statements, ${us.toFixed(0)} us in SQLite`);
    out.push(table(['per msg', 'us/msg', 'max ms', '>2ms', 'texts', 'statement (numbers as #)', 'plan'], hub.sql.slice(0, 12).map((r) => [
      r.perMessage, r.usPerMessage, r.maxMs, String(r.over2ms), String(r.distinctTexts), abbreviateSql(r.sql), r.plan.join('; ').slice(0, 70),
    ])));
  }
  return out.join('\n');
}

async function main(): Promise<void> {
  let options: Options;
  try {
    options = parseOptions(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`bench: ${(error as Error).message}`);
    process.exit(2);
  }
  const log = (line: string) => process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}\n`);
  const tmpRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-bench-'));
  const cleanup = () => {
    killAllChildren();
    fs.rmSync(tmpRoot, { recursive: true, force: true });
  };
  const abort = (why: string, code: number) => {
    log(`aborting: ${why}`);
    cleanup();
    process.exit(code);
  };
  const globalTimer = setTimeout(() => abort(`global timeout of ${options.timeoutS} s reached`, 3), options.timeoutS * 1000);
  process.on('SIGINT', () => abort('interrupted', 130));
  process.on('SIGTERM', () => abort('terminated', 143));
  process.on('uncaughtException', (error) => abort(`uncaught ${error.stack ?? error}`, 1));

  const eventsPerWindow = options.rate > 0 ? Math.ceil(options.rate * WIDGET_WINDOW_S) + 2 : Infinity;
  if (options.only !== 'bare' && eventsPerWindow > WIDGET_EVENTS_PER_WINDOW) {
    log(`warning: ${options.rate > 0 ? `${options.rate} msg/s` : 'closed loop'} per customer exceeds the hub's widget limit of ${WIDGET_EVENTS_PER_WINDOW} events per ${WIDGET_WINDOW_S} s; expect rate_limited acks`);
  }
  log(`N=${options.n} M=${options.m} K=${options.k} warmup=${options.warmup} rate=${options.rate}/s size=${options.size} B rounds=${options.rounds} timeout=${options.timeoutS} s`);

  const rounds: Partial<Record<TargetName, TargetRun>>[] = [];
  let failed = false;
  try {
    for (let i = 0; i < options.rounds; i++) {
      const order: TargetName[] = options.only ? [options.only] : i % 2 === 0 ? ['bare', 'hub'] : ['hub', 'bare'];
      const results: Partial<Record<TargetName, TargetRun>> = {};
      for (const name of order) results[name] = await runTarget(name, options, tmpRoot, i + 1, log);
      rounds.push(results);
    }
    console.log(report(options, rounds));
    for (const r of rounds) {
      for (const run of Object.values(r)) {
        if (run?.profile) console.log(`\n${run.target} CPU profile (measured window): ${run.profile}\n${formatProfile(summarizeProfile(JSON.parse(fs.readFileSync(run.profile, 'utf8')), 20))}`);
      }
    }
    const summary = (t: TargetName) => {
      const runs = rounds.map((r) => r[t]).filter((r): r is TargetRun => !!r);
      if (!runs.length) return undefined;
      const med = (f: (r: TargetRun) => number) => round(median(runs.map(f)), 3);
      return {
        p50: med((r) => r.measured.latency.p50), p90: med((r) => r.measured.latency.p90), p99: med((r) => r.measured.latency.p99),
        max: med((r) => r.measured.latency.max), mean: med((r) => r.measured.latency.mean), ackP50: med((r) => r.measured.ack.p50),
        ackP99: med((r) => r.measured.ack.p99), msgsPerSec: med((r) => r.measured.msgsPerSec), cpuUsPerMessage: med((r) => r.server.cpuUsPerMessage),
      };
    };
    const bare = summary('bare');
    const hub = summary('hub');
    console.log(`BENCH_RESULT ${JSON.stringify({
      options: { n: options.n, m: options.m, k: options.k, warmup: options.warmup, rate: options.rate, size: options.size, rounds: options.rounds, quick: options.quick },
      env: { node: process.version, nodeFlags: START_FLAGS, cpus: os.cpus().length, git: gitVersion() },
      bare, hub,
      ratio: bare && hub ? { p50: round(hub.p50 / bare.p50, 3), p90: round(hub.p90 / bare.p90, 3), p99: round(hub.p99 / bare.p99, 3), msgsPerSec: round(hub.msgsPerSec / bare.msgsPerSec, 3) } : undefined,
      goalMet: bare && hub ? hub.p99 <= 2 * bare.p99 : undefined,
      rounds: rounds.map((r) => Object.fromEntries(Object.entries(r).map(([t, run]) => [t, run && {
        latency: mapRound(run.measured.latency), ack: mapRound(run.measured.ack), msgsPerSec: round(run.measured.msgsPerSec, 1),
        received: run.measured.received, lost: run.measured.lost, errors: run.measured.errors, misrouted: run.measured.misrouted,
        server: { cpuUsPerMessage: round(run.server.cpuUsPerMessage, 1), cpuUtilization: round(run.server.cpuUtilization, 3), eventLoopUtilization: round(run.server.eventLoopUtilization, 3), loopDelayP99: round(run.server.loopDelayP99, 1), loopDelayMax: round(run.server.loopDelayMax, 1), rssMB: round(run.server.rssMB, 1),
          gc: { scavenges: run.server.gc.scavenges, scavengePct: round(run.server.gc.scavengePct, 2), scavengeMaxMs: round(run.server.gc.scavengeMaxMs, 1), markCompacts: run.server.gc.markCompacts, markCompactMaxMs: round(run.server.gc.markCompactMaxMs, 1) } },
        machine: { otherCpuPct: round(run.machine.otherCpuPct, 1), loadAvg1: round(run.machine.loadAvg1, 2) }, attempt: run.attempt, accepted: run.accepted,
        driverEventLoopUtilization: round(run.measured.driverEventLoopUtilization, 3), setup: mapRound(run.setup),
        ...(run.sql ? { sqlPerMessage: round(run.sql.reduce((a, s) => a + s.perMessage, 0), 3) } : {}),
        ...(run.profile ? { profile: run.profile } : {}),
      }]))),
    })}`);
    failed = rounds.some((r) => Object.values(r).some((run) => run && (run.measured.lost > 0 || run.measured.received === 0)));
  } catch (error) {
    log(`failed: ${(error as Error).stack ?? error}`);
    failed = true;
  } finally {
    clearTimeout(globalTimer);
    cleanup();
  }
  process.exit(failed ? 1 : 0);
}

function gitVersion(): string {
  try {
    return execFileSync('git', ['describe', '--always', '--dirty'], { cwd: path.resolve(__dirname, '..'), encoding: 'utf8', timeout: 5000 }).trim();
  } catch {
    return 'unknown';
  }
}

function mapRound<T extends object>(o: T): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v as number, 3)]));
}

void main();
