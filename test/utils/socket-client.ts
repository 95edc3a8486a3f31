import { io, Socket } from 'socket.io-client';
import type { TestApp } from './create-test-app';

/** What every client→server event answers: `{ok: true, ...}` or `{ok: false, error: {code, message}}`. */
export type Ack<T = Record<string, any>> =
  | ({ ok: true } & T)
  | { ok: false; error: { code: string; message: string; details?: { field: string; errors: string[] }[] } };

export interface Received {
  event: string;
  payload: any;
  at: number;
}

export const WAIT_MS = 3000;

/**
 * A socket.io client that records everything it receives, so a test can wait for what it expects
 * and assert afterwards on what it did NOT get. 'disconnect' is recorded too (payload: the reason).
 */
export class TestSocket {
  readonly received: Received[] = [];
  private readonly waiters = new Set<() => void>();

  constructor(readonly socket: Socket, readonly label: string) {
    socket.onAny((event: string, ...args: unknown[]) => this.record(event, args[0]));
    socket.on('disconnect', (reason) => this.record('disconnect', reason));
  }

  get id(): string | undefined {
    return this.socket.id;
  }

  get connected(): boolean {
    return this.socket.connected;
  }

  /** Emits and resolves with the ack; rejects after `timeoutMs` without one. */
  async emitAck<T = Record<string, any>>(event: string, payload?: unknown, timeoutMs = WAIT_MS): Promise<Ack<T>> {
    try {
      return await this.socket.timeout(timeoutMs).emitWithAck(event, payload);
    } catch (error) {
      throw new Error(`[${this.label}] no ack for '${event}' within ${timeoutMs} ms (${(error as Error).message})`);
    }
  }

  /** Like emitAck, but fails the test unless the ack is ok; returns the ack's payload. */
  async emitOk<T = Record<string, any>>(event: string, payload?: unknown, timeoutMs = WAIT_MS): Promise<{ ok: true } & T> {
    const ack = await this.emitAck<T>(event, payload, timeoutMs);
    if (!ack.ok) throw new Error(`[${this.label}] '${event}' was refused: ${JSON.stringify(ack.error)}`);
    return ack;
  }

  /**
   * A round trip: the ack is written after every packet the server already sent this socket, so once
   * it is back, anything that was going to leak to this socket has arrived. (An invalid 'typing' has no effects.)
   */
  async flush(): Promise<void> {
    await this.emitAck('typing', { flush: true });
  }

  /** How many events were received so far: pass it as `since` to wait only for later ones. */
  mark(): number {
    return this.received.length;
  }

  /**
   * The first payload of `event` matching `predicate`, among events received since index `since`
   * (default: all, so an event that arrived before the call is found too), or the next one to arrive.
   */
  waitFor<T = any>(event: string, predicate: (payload: T) => boolean = () => true, timeoutMs = WAIT_MS, since = 0): Promise<T> {
    const find = () => this.received.slice(since).find((r) => r.event === event && safe(() => predicate(r.payload)));
    const hit = find();
    if (hit) return Promise.resolve(hit.payload);
    return new Promise<T>((resolve, reject) => {
      const check = () => {
        const found = find();
        if (!found) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(found.payload);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        const seen = this.received.filter((r) => r.event === event).map((r) => JSON.stringify(r.payload).slice(0, 300));
        reject(new Error(`[${this.label}] no matching '${event}' within ${timeoutMs} ms; got ${seen.length}:\n${seen.join('\n')}`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Every payload of `event` received so far (optionally filtered). */
  all<T = any>(event: string, predicate: (payload: T) => boolean = () => true): T[] {
    return this.received.filter((r) => r.event === event && safe(() => predicate(r.payload))).map((r) => r.payload);
  }

  /** Everything received, as one JSON string: for "never mentions X" assertions. */
  dump(): string {
    return JSON.stringify(this.received);
  }

  close(): void {
    this.socket.close();
  }

  private record(event: string, payload: unknown): void {
    this.received.push({ event, payload, at: Date.now() });
    for (const waiter of [...this.waiters]) waiter();
  }
}

function safe(fn: () => boolean): boolean {
  try {
    return fn();
  } catch {
    return false;
  }
}

export interface CustomerAuth {
  widgetKey: string;
  visitorToken?: string;
}

export interface StaffAuth {
  token: string;
}

/** The error a refused handshake gets (`connect_error`), with the server's `{code, message}` in `data`. */
export interface ConnectRefusal {
  message: string;
  data?: { code: string; message: string };
}

/** Opens and tracks sockets against one app; `closeAll()` in afterAll/afterEach keeps jest's exit clean. */
export class SocketPool {
  private readonly sockets = new Set<TestSocket>();

  constructor(private readonly t: Pick<TestApp, 'url'>) {}

  /** A widget socket on /customer. */
  customer(auth: CustomerAuth, label = 'customer'): Promise<TestSocket> {
    return this.open('/customer', auth, label);
  }

  /**
   * A console socket on /staff. Company staff are greeted with `queue:updated` once the server has
   * joined them to their rooms: by default this waits for it, so the socket is fully set up.
   */
  async staff(auth: StaffAuth, label = 'staff', options: { waitForGreeting?: boolean } = {}): Promise<TestSocket> {
    const socket = await this.open('/staff', auth, label);
    if (options.waitForGreeting ?? true) await socket.waitFor('queue:updated');
    return socket;
  }

  /** Tries to connect and resolves with the refusal; fails if the server lets the socket in. */
  refused(namespace: '/customer' | '/staff', auth: unknown): Promise<ConnectRefusal> {
    const raw = this.raw(namespace, auth);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        raw.close();
        reject(new Error(`${namespace}: neither connect nor connect_error within ${WAIT_MS} ms`));
      }, WAIT_MS);
      raw.on('connect', () => {
        clearTimeout(timer);
        raw.close();
        reject(new Error(`${namespace}: the server accepted a connection it should refuse (auth ${JSON.stringify(auth)})`));
      });
      raw.on('connect_error', (error: Error & { data?: ConnectRefusal['data'] }) => {
        clearTimeout(timer);
        raw.close();
        resolve({ message: error.message, data: error.data });
      });
    });
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.close();
    this.sockets.clear();
  }

  private open(namespace: string, auth: unknown, label: string): Promise<TestSocket> {
    const socket = new TestSocket(this.raw(namespace, auth), label);
    this.sockets.add(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`[${label}] could not connect to ${namespace} within ${WAIT_MS} ms`)), WAIT_MS);
      socket.socket.once('connect', () => {
        clearTimeout(timer);
        resolve(socket);
      });
      socket.socket.once('connect_error', (error: Error & { data?: unknown }) => {
        clearTimeout(timer);
        socket.close();
        reject(new Error(`[${label}] connect_error on ${namespace}: ${error.message} ${JSON.stringify(error.data ?? {})}`));
      });
    });
  }

  private raw(namespace: string, auth: unknown): Socket {
    return io(`${this.t.url}${namespace}`, {
      auth: auth as Record<string, unknown>, transports: ['websocket'], forceNew: true, reconnection: false, timeout: WAIT_MS,
    });
  }
}

/** Polls `probe` until it returns a truthy value (or `predicate` holds), for state only the database shows. */
export async function eventually<T>(probe: () => Promise<T> | T, predicate: (value: T) => boolean = Boolean, timeoutMs = WAIT_MS, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T;
  for (;;) {
    last = await probe();
    if (predicate(last)) return last;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms; last value: ${JSON.stringify(last)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** A short pause to let in-flight pushes land before asserting that something did NOT arrive. */
export const settle = (ms = 150) => new Promise((r) => setTimeout(r, ms));

let counter = 0;
/** A unique clientMessageId. */
export const cid = (prefix = 'm') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;
