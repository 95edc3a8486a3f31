/**
 * Analytics speed on a big SQLite file: 100,000 conversations and 1,000,000 messages (one company,
 * 90 days, 20 agents on 8-hour shifts who take the escalated 40%), written straight into a throwaway database, rollups built with the exported
 * backfill, then the real app booted on it and every analytics endpoint timed over HTTP.
 *
 *   npx ts-node --transpile-only bench/analytics.bench.ts
 *
 * Env: BENCH_CONVERSATIONS (100000), BENCH_RUNS (7 timed runs after one warm-up), BENCH_KEEP=1 keeps the
 * file, BENCH_FILE=<path> reuses a kept file (no generation; the backfill runs again).
 */
import Database from 'better-sqlite3';
import { randomBytes, randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { backfillAnalytics } from '../src/analytics/analytics-backfill';
import { METRICS } from '../src/analytics/analytics-metrics';
import { createApp } from '../src/app.factory';
import { zonedTimeToUtc, localParts } from '../src/common/time-zone';
import { defaultCompanySettings } from '../src/companies/company-settings';
import { validateEnv } from '../src/config/validate-env';
import { openDatabase } from '../src/database/data-source';
import { hashPassword } from '../src/users/password';

const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 100_000);
const MESSAGES_PER_CONVERSATION = 10;
const AGENTS = 20;
const DAYS = 90;
const RUNS = Number(process.env.BENCH_RUNS ?? 7);
const TZ = 'America/New_York';
const PASSWORD = 'bench-password-123';
const MIN = 60_000;
const DAY = 24 * 3600 * 1000;

// mulberry32 with a fixed seed: every run writes the same data, so figures compare across machines and changes.
let seed = 42;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const between = (a: number, b: number) => Math.round(a + random() * (b - a));
const pick = <T>(items: readonly T[], weights?: number[]) => {
  if (!weights) return items[Math.floor(random() * items.length)];
  let r = random() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < items.length; i++) if ((r -= weights[i]) < 0) return items[i];
  return items[items.length - 1];
};

const REASONS = ['low_confidence', 'no_answer', 'customer_request', 'keyword', 'negative_sentiment', 'repeated_failure', 'ai_unavailable', 'agent_transfer'];
const BOT_ONLY = ['bot', 'customer', 'bot', 'customer', 'bot', 'customer', 'bot', 'customer', 'bot', 'customer'];
const WITH_AGENT = ['bot', 'customer', 'bot', 'customer', 'system', 'system', 'agent', 'customer', 'agent', 'system'];

async function generate(file: string, now: number): Promise<{ companyId: string; adminEmail: string; counts: Record<string, number> }> {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const companyId = randomUUID();
  const adminEmail = `bench-admin-${companyId.slice(0, 6)}@example.test`;
  const hash = await hashPassword(PASSWORD);
  const start = now - DAYS * DAY;
  db.prepare('INSERT INTO companies (id, name, widget_key, plan, settings, is_active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 1, ?, ?)')
    .run(companyId, 'Bench Co', `wk_${randomBytes(12).toString('hex')}`, 'premium', JSON.stringify(defaultCompanySettings({ timeZone: TZ })), start, start);
  const insertUser = db.prepare(`INSERT INTO users (id, company_id, email, name, password_hash, role, is_active, token_version, failed_login_count,
    worked_seconds_total, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 1, 0, 0, 0, ?, ?)`);
  insertUser.run(randomUUID(), companyId, adminEmail, 'Bench Admin', hash, 'admin', start, start);
  const agents = Array.from({ length: AGENTS }, (_, i) => {
    const id = randomUUID();
    insertUser.run(id, companyId, `agent-${i}-${id.slice(0, 6)}@example.test`, `Agent ${String(i).padStart(2, '0')}`, hash, 'agent', start, start);
    return id;
  });

  const insertConversation = db.prepare(`INSERT INTO conversations (id, company_id, visitor_id, channel, status, assigned_agent_id, unsure_streak, queued_at,
    queue_priority, assigned_at, escalated_at, first_agent_response_at, resolved_at, created_at, updated_at) VALUES (?, ?, ?, 'widget', ?, ?, 0, ?, 0, ?, ?, ?, ?, ?, ?)`);
  const insertMessage = db.prepare(`INSERT INTO messages (id, conversation_id, company_id, seq, sender_type, sender_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertEscalation = db.prepare(`INSERT INTO escalations (id, company_id, conversation_id, reason, agent_id, assigned_at, first_response_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertFeedback = db.prepare('INSERT INTO feedback (id, company_id, conversation_id, agent_id, rating, comment, created_at) VALUES (?, ?, ?, ?, ?, NULL, ?)');
  const insertSession = db.prepare(`INSERT INTO agent_sessions (id, company_id, agent_id, started_at, ended_at, duration_seconds, end_reason) VALUES (?, ?, ?, ?, ?, ?, 'offline')`);
  const counts = { conversations: 0, messages: 0, escalations: 0, feedback: 0, sessions: 0 };

  // Agent i works 8 hours a day from 07:00, 09:00, 11:00 or 13:00 local (i % 4): the team covers 07:00-21:00.
  const shiftStart = (i: number) => 7 + 2 * (i % 4);
  const onShift = (at: number) => {
    const p = localParts(at, TZ);
    const hour = p.hour + p.minute / 60;
    const agentsNow = agents.filter((_, i) => hour >= shiftStart(i) && hour < shiftStart(i) + 8);
    const day = hour < 7 ? p : localParts(at + DAY, TZ);
    return { agents: agentsNow, nextStart: zonedTimeToUtc(day.year, day.month, day.day, 7, 0, TZ), nextAgents: agents.filter((_, i) => shiftStart(i) === 7) };
  };

  const BATCH = 5_000;
  for (let done = 0; done < CONVERSATIONS; done += BATCH) {
    db.transaction(() => {
      for (let i = done; i < Math.min(done + BATCH, CONVERSATIONS); i++) {
        const id = randomUUID();
        const created = between(start, now - 2 * 3600 * 1000);
        const escalated = random() < 0.4;
        let status = 'bot';
        let agent: string | null = null;
        let escalatedAt: number | null = null;
        let assignedAt: number | null = null;
        let answeredAt: number | null = null;
        let resolvedAt: number | null = null;
        if (escalated) {
          escalatedAt = created + between(MIN, 5 * MIN);
          // The agents on shift take it; at night it waits for the 07:00 shift.
          const shift = onShift(escalatedAt);
          const queuedUntil = shift.agents.length ? escalatedAt : shift.nextStart;
          if (random() < 0.03 || queuedUntil > now - 30 * MIN) {
            status = 'queued';
          } else {
            agent = pick(shift.agents.length ? shift.agents : shift.nextAgents);
            assignedAt = queuedUntil + Math.round(-Math.log(1 - random()) * 4 * MIN);
            answeredAt = assignedAt + between(10_000, 5 * MIN);
            resolvedAt = answeredAt + between(2 * MIN, 30 * MIN);
            status = 'resolved';
          }
          insertEscalation.run(randomUUID(), companyId, id, pick(REASONS, [30, 15, 25, 10, 8, 5, 2, 5]), agent, assignedAt, answeredAt, escalatedAt);
          counts.escalations++;
        } else if (random() < 0.1) {
          status = 'resolved';
          resolvedAt = created + between(5 * MIN, 20 * MIN);
        }
        insertConversation.run(id, companyId, `v-${i}`, status, agent, escalatedAt, assignedAt, escalatedAt, answeredAt, resolvedAt, created, resolvedAt ?? answeredAt ?? created);
        counts.conversations++;
        const senders = escalated && agent ? WITH_AGENT : BOT_ONLY;
        const end = resolvedAt ?? created + 10 * MIN;
        for (let seq = 1; seq <= MESSAGES_PER_CONVERSATION; seq++) {
          const at = created + Math.round(((end - created) * (seq - 1)) / MESSAGES_PER_CONVERSATION);
          insertMessage.run(randomUUID(), id, companyId, seq, senders[seq - 1], senders[seq - 1] === 'agent' ? agent : null, `message ${seq}`, at);
          counts.messages++;
        }
        if (resolvedAt && agent && random() < 0.35) {
          insertFeedback.run(randomUUID(), companyId, id, agent, pick([1, 2, 3, 4, 5], [5, 5, 15, 35, 40]), resolvedAt + between(MIN, 10 * MIN));
          counts.feedback++;
        }
      }
    })();
  }
  db.transaction(() => {
    for (let d = 0; d <= DAYS; d++) {
      const p = localParts(start + d * DAY, TZ);
      agents.forEach((agentId, i) => {
        const from = zonedTimeToUtc(p.year, p.month, p.day, shiftStart(i), 0, TZ);
        const to = Math.min(from + 8 * 3600 * 1000, now);
        if (from >= now) return;
        insertSession.run(randomUUID(), companyId, agentId, from, to, Math.round((to - from) / 1000));
        counts.sessions++;
      });
    }
  })();
  db.close();
  return { companyId, adminEmail, counts };
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: sorted[Math.floor((sorted.length - 1) / 2)], max: sorted[sorted.length - 1] };
};

async function main(): Promise<void> {
  const reuse = process.env.BENCH_FILE;
  const dir = reuse ? path.dirname(reuse) : fs.mkdtempSync(path.join(os.tmpdir(), 'switchboard-analytics-bench-'));
  const file = reuse ?? path.join(dir, 'bench.sqlite');
  let t0 = Date.now();
  let adminEmail: string;
  let now = Date.now();
  if (reuse) {
    const db = new Database(file, { readonly: true });
    adminEmail = (db.prepare("SELECT email FROM users WHERE role = 'admin' AND email LIKE 'bench-admin-%'").get() as { email: string }).email;
    now = (db.prepare('SELECT MAX(created_at) AS t FROM conversations').get() as { t: number }).t + 2 * 3600 * 1000;
    db.close();
  } else {
    const schema = await openDatabase({ type: 'sqlite', path: file });
    await schema.destroy();
    const generated = await generate(file, now);
    adminEmail = generated.adminEmail;
    console.log(`generated ${JSON.stringify(generated.counts)} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  }

  t0 = Date.now();
  const dataSource = await openDatabase({ type: 'sqlite', path: file });
  const built = await backfillAnalytics(dataSource);
  await dataSource.query('ANALYZE');
  await dataSource.destroy();
  console.log(`backfill: ${built.rollupRows} message counters, ${built.spans} assignment spans, ${built.busyRows} busy-time counters in ${((Date.now() - t0) / 1000).toFixed(1)} s; file ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);

  const config = validateEnv({
    NODE_ENV: 'test', JWT_SECRET: randomBytes(32).toString('hex'), SQLITE_PATH: file, UPLOAD_DIR: path.join(dir, 'uploads'),
    DEMO_SEED: 'false', LOG_LEVEL: 'error',
  });
  t0 = Date.now();
  const app = await createApp(config);
  await app.listen(0, '127.0.0.1');
  console.log(`app up in ${((Date.now() - t0) / 1000).toFixed(1)} s (first start builds the rating counters from the feedback store)`);
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  try {
    const login = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: adminEmail, password: PASSWORD }) });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const iso = (ms: number) => new Date(ms).toISOString();
    const last = (days: number) => `from=${iso(now - days * DAY)}&to=${iso(now)}`;
    const cases: Array<[string, string]> = [
      ['summary, last 30 days', `/api/analytics/summary?${last(30)}`],
      ['summary, all 90 days', `/api/analytics/summary?${last(DAYS + 1)}`],
      ...METRICS.map((m): [string, string] => [`timeseries ${m}, day, 90 days`, `/api/analytics/timeseries?metric=${m}&interval=day&${last(DAYS + 1)}`]),
      ...METRICS.map((m): [string, string] => [`timeseries ${m}, hour, 7 days`, `/api/analytics/timeseries?metric=${m}&interval=hour&${last(7)}`]),
      // The most buckets a request may ask for (2,000): hourly over 82 days.
      ...METRICS.map((m): [string, string] => [`timeseries ${m}, hour, 82 days`, `/api/analytics/timeseries?metric=${m}&interval=hour&${last(82)}`]),
    ];
    console.log(`\nload average ${os.loadavg().map((l) => l.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
    console.log(`\n${'endpoint'.padEnd(48)} ${'p50 ms'.padStart(8)} ${'max ms'.padStart(8)}  (${RUNS} runs after a warm-up, over HTTP)`);
    let worst = 0;
    for (const [name, url] of cases) {
      const times: number[] = [];
      for (let run = 0; run <= RUNS; run++) {
        const began = performance.now();
        const res = await fetch(`${base}${url}`, { headers: { authorization: `Bearer ${accessToken}` } });
        await res.arrayBuffer();
        if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
        if (run > 0) times.push(performance.now() - began);
      }
      const s = stats(times);
      worst = Math.max(worst, s.max);
      console.log(`${name.padEnd(48)} ${s.p50.toFixed(1).padStart(8)} ${s.max.toFixed(1).padStart(8)}`);
    }
    console.log(`\nslowest single request: ${worst.toFixed(1)} ms (budget 300 ms)`);
  } finally {
    await app.close();
    if (process.env.BENCH_KEEP || reuse) console.log(`kept ${file}`);
    else fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
