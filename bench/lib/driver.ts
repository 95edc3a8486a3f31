import { performance } from 'node:perf_hooks';
import { io, Socket } from 'socket.io-client';
import { LatencySummary, summarize } from './stats';

/**
 * The load generator, identical for the hub and the bare relay: M agent sockets on /staff go online,
 * N customer sockets on /customer open a conversation and ask for a person, and once every
 * conversation is assigned each customer sends its messages; latency = the assigned agent's receipt
 * of `message:new` − the customer's send, both read from one performance.now() clock in this process.
 */

export interface Target {
  name: string;
  /** http://127.0.0.1:port */
  baseUrl: string;
  /** One handshake `auth` per agent socket. */
  agentAuths: Record<string, unknown>[];
  /** The handshake `auth` of every customer socket. */
  customerAuth: Record<string, unknown>;
}

export interface DriveOptions {
  n: number;
  k: number;
  warmup: number;
  /** Messages per second per conversation; 0 = closed loop (next message as soon as the previous is acked). */
  rate: number;
  textBytes: number;
  connectConcurrency: number;
  ackTimeoutMs: number;
  /** After the last ack, how long to wait for outstanding `message:new` before counting them lost. */
  settleMs: number;
  /** How long to wait for all N conversations to be assigned. */
  assignTimeoutMs: number;
  /** Measured phases to try until `afterMeasure` accepts one (a noisy machine can spoil one). */
  measureAttempts: number;
  log(line: string): void;
}

export interface DriveHooks {
  beforeWarmup?(): Promise<void>;
  beforeMeasure?(attempt: number): Promise<void>;
  /** Return false to reject this measured phase (another is run if attempts remain). */
  afterMeasure?(attempt: number, measured: PhaseResult): Promise<boolean | void>;
}

export interface PhaseResult {
  attempted: number;
  acked: number;
  received: number;
  lost: number;
  /** Receipts by an agent other than the one the conversation was assigned to (should be 0). */
  misrouted: number;
  errors: Record<string, number>;
  /** Customer send → agent `message:new`, ms. */
  latency: LatencySummary;
  /** Customer send → ack, ms. */
  ack: LatencySummary;
  /** First send → last receipt, ms. */
  durationMs: number;
  /** Receipts per second over durationMs. */
  msgsPerSec: number;
  /** Offered: N × rate (0 for closed loop). */
  offeredPerSec: number;
  driverEventLoopUtilization: number;
  driverCpuMs: number;
  /** Per second of the phase (by send time): messages sent, latency p50/p99/max — shows stalls vs steady queueing. */
  timeline: { second: number; sent: number; p50: number; p99: number; max: number }[];
}

export interface DriveResult {
  setup: { agentsOnlineMs: number; customersOpenMs: number; assignAllMs: number };
  warmup: PhaseResult | null;
  measured: PhaseResult;
  /** Which measured phase is reported (1 unless earlier ones were rejected). */
  attempt: number;
  accepted: boolean;
}

interface Ack {
  ok: boolean;
  error?: { code: string; message: string };
  [key: string]: unknown;
}

interface Customer {
  index: number;
  socket: Socket;
  conversationId: string;
  agent: number;
}

interface MessageNew {
  conversationId?: string;
  clientMessageId?: string;
  sender?: { type?: string };
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

function connect(url: string, auth: Record<string, unknown>): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth, timeout: 20_000 });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (error) => {
      socket.close();
      reject(new Error(`connect ${url}: ${error.message}`));
    });
  });
}

function emitAck(socket: Socket, event: string, payload: unknown, timeoutMs: number): Promise<Ack> {
  return new Promise((resolve) => {
    socket.timeout(timeoutMs).emit(event, payload, (error: Error | null, response: Ack) => {
      resolve(error ? { ok: false, error: { code: 'ack_timeout', message: error.message } } : response);
    });
  });
}

async function pool(count: number, concurrency: number, task: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

class Phase {
  readonly sentAt: Float64Array;
  readonly ackAt: Float64Array;
  readonly recvAt: Float64Array;
  acked = 0;
  received = 0;
  misrouted = 0;
  errors: Record<string, number> = {};
  firstSend = Infinity;
  lastRecv = 0;
  private sendingDone = false;
  private settle: (() => void) | null = null;

  constructor(readonly tag: string, readonly n: number, readonly count: number) {
    const size = n * count;
    this.sentAt = new Float64Array(size).fill(NaN);
    this.ackAt = new Float64Array(size).fill(NaN);
    this.recvAt = new Float64Array(size).fill(NaN);
  }

  error(code: string): void {
    this.errors[code] = (this.errors[code] ?? 0) + 1;
  }

  receive(index: number, now: number, rightAgent: boolean): void {
    if (!Number.isNaN(this.recvAt[index])) return this.error('duplicate_receipt');
    this.recvAt[index] = now;
    this.received += 1;
    if (!rightAgent) this.misrouted += 1;
    if (now > this.lastRecv) this.lastRecv = now;
    this.check();
  }

  /** Resolves once sending is over and every acked message has reached an agent (or after settleMs). */
  async finish(settleMs: number): Promise<void> {
    this.sendingDone = true;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, settleMs);
      this.settle = () => {
        clearTimeout(timer);
        resolve();
      };
      this.check();
    });
  }

  private check(): void {
    if (this.sendingDone && this.settle && this.received >= this.acked) this.settle();
  }

  result(rate: number, elu: number, cpuMs: number): PhaseResult {
    const latencies: number[] = [];
    const acks: number[] = [];
    let lost = 0;
    for (let i = 0; i < this.sentAt.length; i++) {
      if (Number.isNaN(this.sentAt[i])) continue;
      if (!Number.isNaN(this.ackAt[i])) acks.push(this.ackAt[i] - this.sentAt[i]);
      if (!Number.isNaN(this.recvAt[i])) latencies.push(this.recvAt[i] - this.sentAt[i]);
      else if (!Number.isNaN(this.ackAt[i])) lost += 1;
    }
    const durationMs = this.lastRecv - this.firstSend;
    const buckets: number[][] = [];
    for (let i = 0; i < this.sentAt.length; i++) {
      if (Number.isNaN(this.sentAt[i]) || Number.isNaN(this.recvAt[i])) continue;
      const second = Math.floor((this.sentAt[i] - this.firstSend) / 1000);
      (buckets[second] ??= []).push(this.recvAt[i] - this.sentAt[i]);
    }
    const timeline = [...buckets.keys()].filter((s) => buckets[s]).map((second) => {
      const l = summarize(buckets[second]);
      return { second, sent: l.count, p50: l.p50, p99: l.p99, max: l.max };
    });
    const attempted = this.sentAt.reduce((sum, t) => sum + (Number.isNaN(t) ? 0 : 1), 0);
    return {
      attempted, acked: this.acked, received: this.received, lost, misrouted: this.misrouted, errors: this.errors,
      latency: summarize(latencies), ack: summarize(acks), durationMs,
      msgsPerSec: durationMs > 0 ? (this.received / durationMs) * 1000 : 0,
      offeredPerSec: rate * this.n, driverEventLoopUtilization: elu, driverCpuMs: cpuMs, timeline,
    };
  }
}

export async function drive(target: Target, options: DriveOptions, hooks: DriveHooks = {}): Promise<DriveResult> {
  const { n, log } = options;
  const agents: Socket[] = [];
  const customers: Customer[] = new Array(n);
  const byConversation = new Map<string, Customer>();
  const assignedTo = new Map<string, number>();
  let onAssigned: (() => void) | null = null;
  const phases: Record<string, Phase> = {};
  const filler = 'x'.repeat(Math.max(0, options.textBytes));

  try {
    // 1. Agents online.
    let t0 = performance.now();
    await Promise.all(target.agentAuths.map(async (auth, a) => {
      const socket = await connect(`${target.baseUrl}/staff`, auth);
      agents[a] = socket;
      socket.on('conversation:assigned', (payload: { conversation?: { id?: string } }) => {
        const id = payload?.conversation?.id;
        if (!id || assignedTo.has(id)) return;
        assignedTo.set(id, a);
        const customer = byConversation.get(id);
        if (customer) customer.agent = a;
        onAssigned?.();
      });
      socket.on('message:new', (m: MessageNew) => {
        if (m?.sender?.type !== 'customer' || typeof m.clientMessageId !== 'string') return;
        const now = performance.now();
        const [tag, i, k] = m.clientMessageId.split('.');
        const phase = phases[tag];
        if (!phase) return;
        const customer = customers[Number(i)];
        phase.receive(Number(i) * phase.count + Number(k), now, customer?.agent === a);
      });
      const ack = await emitAck(socket, 'agent:status', { status: 'online' }, options.ackTimeoutMs);
      if (!ack.ok) throw new Error(`agent ${a} could not go online: ${JSON.stringify(ack.error)}`);
    }));
    const agentsOnlineMs = performance.now() - t0;
    log(`${target.name}: ${agents.length} agents online (${agentsOnlineMs.toFixed(0)} ms)`);

    // 2. Customers connect and open a conversation.
    t0 = performance.now();
    await pool(n, options.connectConcurrency, async (i) => {
      const socket = await connect(`${target.baseUrl}/customer`, target.customerAuth);
      const ack = await emitAck(socket, 'conversation:open', { name: `Bench visitor ${i}` }, options.ackTimeoutMs);
      if (!ack.ok || typeof ack.conversationId !== 'string') throw new Error(`customer ${i} could not open a conversation: ${JSON.stringify(ack.error ?? ack)}`);
      const customer = { index: i, socket, conversationId: ack.conversationId, agent: assignedTo.get(ack.conversationId) ?? -1 };
      customers[i] = customer;
      byConversation.set(customer.conversationId, customer);
    });
    const customersOpenMs = performance.now() - t0;
    log(`${target.name}: ${n} customers connected with an open conversation (${customersOpenMs.toFixed(0)} ms)`);

    // 3. Every conversation asks for a person; wait until every one is assigned to an agent.
    t0 = performance.now();
    const countAssigned = () => customers.reduce((sum, c) => sum + (assignedTo.has(c.conversationId) ? 1 : 0), 0);
    const allAssigned = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${target.name}: only ${countAssigned()}/${n} conversations assigned after ${options.assignTimeoutMs} ms`)), options.assignTimeoutMs);
      onAssigned = () => {
        if (assignedTo.size >= n && countAssigned() === n) {
          clearTimeout(timer);
          resolve();
        }
      };
      onAssigned();
    });
    allAssigned.catch(() => undefined);
    await pool(n, options.connectConcurrency, async (i) => {
      const ack = await emitAck(customers[i].socket, 'handoff:request', { conversationId: customers[i].conversationId }, options.ackTimeoutMs);
      if (!ack.ok) throw new Error(`customer ${i} handoff failed: ${JSON.stringify(ack.error)}`);
    });
    await allAssigned;
    for (const c of customers) c.agent = assignedTo.get(c.conversationId) as number;
    const assignAllMs = performance.now() - t0;
    const perAgent = new Map<number, number>();
    for (const c of customers) perAgent.set(c.agent, (perAgent.get(c.agent) ?? 0) + 1);
    log(`${target.name}: all ${n} conversations assigned (${assignAllMs.toFixed(0)} ms; ${Math.min(...perAgent.values())}-${Math.max(...perAgent.values())} per agent)`);

    const runPhase = async (tag: string, count: number): Promise<Phase> => {
      const phase = new Phase(tag, n, count);
      phases[tag] = phase;
      const interval = options.rate > 0 ? 1000 / options.rate : 0;
      await Promise.all(customers.map(async (c) => {
        // Stagger starts evenly over one interval: a smooth offered load, not N-message bursts.
        if (interval) await sleep((c.index / n) * interval);
        let due = performance.now();
        for (let k = 0; k < count; k++) {
          const index = c.index * count + k;
          const payload = { conversationId: c.conversationId, clientMessageId: `${tag}.${c.index}.${k}`, text: `${tag}.${c.index}.${k} ${filler}` };
          const sentAt = performance.now();
          if (sentAt < phase.firstSend) phase.firstSend = sentAt;
          phase.sentAt[index] = sentAt;
          const ack = await emitAck(c.socket, 'message:send', payload, options.ackTimeoutMs);
          if (ack.ok) {
            phase.ackAt[index] = performance.now();
            phase.acked += 1;
          } else {
            phase.error(ack.error?.code ?? 'unknown');
          }
          if (interval) {
            due += interval;
            const wait = due - performance.now();
            if (wait > 0) await sleep(wait);
            else due = performance.now(); // behind schedule: no catch-up burst
          }
        }
      }));
      await phase.finish(options.settleMs);
      return phase;
    };

    // 4. Warm-up (not measured), then the measured phase.
    let warmup: PhaseResult | null = null;
    if (options.warmup > 0) {
      await hooks.beforeWarmup?.();
      const phase = await runPhase('w', options.warmup);
      warmup = phase.result(options.rate, NaN, NaN);
      log(`${target.name}: warm-up done (${phase.received}/${warmup.attempted} received, p50 ${warmup.latency.p50.toFixed(2)} ms)`);
      await sleep(500);
    }
    const attempts = Math.max(1, options.measureAttempts);
    for (let attempt = 1; ; attempt++) {
      await hooks.beforeMeasure?.(attempt);
      const elu0 = performance.eventLoopUtilization();
      const cpu0 = process.cpuUsage();
      const phase = await runPhase(`m${attempt}`, options.k);
      const elu = performance.eventLoopUtilization(elu0).utilization;
      const cpu = process.cpuUsage(cpu0);
      const measured = phase.result(options.rate, elu, (cpu.user + cpu.system) / 1000);
      const accepted = (await hooks.afterMeasure?.(attempt, measured)) !== false;
      log(`${target.name}: measured ${measured.received}/${measured.attempted} messages, p50 ${measured.latency.p50.toFixed(2)} ms, p99 ${measured.latency.p99.toFixed(2)} ms, ${measured.msgsPerSec.toFixed(0)} msg/s` +
        (accepted ? '' : ` (rejected: noisy machine${attempt < attempts ? ', measuring again' : ', no attempts left: reporting it anyway'})`));
      if (accepted || attempt >= attempts) return { setup: { agentsOnlineMs, customersOpenMs, assignAllMs }, warmup, measured, attempt, accepted };
      await sleep(1000);
    }
  } finally {
    for (const c of customers) c?.socket.close();
    for (const a of agents) a?.close();
  }
}
