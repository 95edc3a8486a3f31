import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import { constants, monitorEventLoopDelay, performance, PerformanceEntry, PerformanceObserver } from 'node:perf_hooks';

/**
 * The server side of a bench child (the hub or the bare relay): prints `BENCH_READY {json}` on stdout
 * once listening, answers the parent's requests over the IPC channel (CPU, event-loop utilisation,
 * a measured-window CPU profile, whatever extra the child registers), and shuts down cleanly on
 * SIGTERM/SIGINT, on `{cmd: 'shutdown'}`, when the parent goes away, or after a maximum lifetime.
 */

export interface ProcessStats {
  cpuUserUs: number;
  cpuSystemUs: number;
  eluIdleMs: number;
  eluActiveMs: number;
  rssBytes: number;
  heapUsedBytes: number;
  /** Event-loop delay since the last reset, ms (perf_hooks.monitorEventLoopDelay, 10 ms resolution). */
  loopDelay?: { p50: number; p99: number; max: number; mean: number };
  /** GC pauses on the main thread since start (cumulative; maxima since the last reset). */
  gc: GcStats;
  [extra: string]: unknown;
}

export interface GcStats {
  scavenges: number;
  scavengeMs: number;
  scavengeMaxMs: number;
  markCompacts: number;
  markCompactMaxMs: number;
}

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
loopDelay.enable();

// Young-generation scavenges and full mark-compacts, as perf_hooks reports them (the pause on this thread).
const gc: GcStats = { scavenges: 0, scavengeMs: 0, scavengeMaxMs: 0, markCompacts: 0, markCompactMaxMs: 0 };
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = (entry as PerformanceEntry & { detail?: { kind?: number } }).detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      gc.scavenges += 1;
      gc.scavengeMs += entry.duration;
      gc.scavengeMaxMs = Math.max(gc.scavengeMaxMs, entry.duration);
    } else if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
      gc.markCompacts += 1;
      gc.markCompactMaxMs = Math.max(gc.markCompactMaxMs, entry.duration);
    }
  }
}).observe({ entryTypes: ['gc'] });

export type Handler = (payload: unknown) => unknown | Promise<unknown>;

interface Request {
  id: number;
  cmd: string;
  payload?: unknown;
}

export function processStats(): ProcessStats {
  const cpu = process.cpuUsage();
  const elu = performance.eventLoopUtilization();
  const mem = process.memoryUsage();
  return { cpuUserUs: cpu.user, cpuSystemUs: cpu.system, eluIdleMs: elu.idle, eluActiveMs: elu.active, rssBytes: mem.rss, heapUsedBytes: mem.heapUsed, gc: { ...gc } };
}

export function announceReady(info: Record<string, unknown>): void {
  process.stdout.write(`BENCH_READY ${JSON.stringify(info)}\n`);
}

/** Wires the IPC protocol and the shutdown paths; `close` releases the server's resources. */
export function serveBenchChild(name: string, close: () => Promise<void>, extra: Record<string, Handler> = {}): void {
  let closing: Promise<void> | null = null;
  const shutdown = (code = 0): Promise<void> => {
    if (!closing) {
      closing = (async () => {
        const force = setTimeout(() => process.exit(code || 1), 10_000);
        force.unref();
        try {
          await close();
        } catch (error) {
          process.stderr.write(`[${name}] close failed: ${(error as Error).stack ?? error}\n`);
        }
        process.exit(code);
      })();
    }
    return closing;
  };

  const profiler = new MeasuredProfiler();
  const handlers: Record<string, Handler> = {
    stats: (payload) => {
      const ns = 1e6;
      const stats: ProcessStats = {
        ...processStats(),
        loopDelay: { p50: loopDelay.percentile(50) / ns, p99: loopDelay.percentile(99) / ns, max: loopDelay.max / ns, mean: loopDelay.mean / ns },
      };
      if ((payload as { reset?: boolean } | undefined)?.reset) {
        loopDelay.reset();
        gc.scavengeMaxMs = 0;
        gc.markCompactMaxMs = 0;
      }
      return stats;
    },
    'profile-start': (payload) => profiler.start((payload as { intervalUs?: number } | undefined)?.intervalUs ?? 500),
    'profile-stop': (payload) => profiler.stop((payload as { file: string }).file),
    ...extra,
  };

  process.on('SIGTERM', () => void shutdown(0));
  process.on('SIGINT', () => void shutdown(0));
  if (process.send) {
    process.on('message', (raw: unknown) => {
      const request = raw as Request;
      if (!request || typeof request.cmd !== 'string') return;
      if (request.cmd === 'shutdown') {
        process.send?.({ id: request.id, ok: true });
        void shutdown(0);
        return;
      }
      const handler = handlers[request.cmd];
      Promise.resolve()
        .then(() => {
          if (!handler) throw new Error(`unknown command ${request.cmd}`);
          return handler(request.payload);
        })
        .then(
          (result) => process.send?.({ id: request.id, ok: true, result }),
          (error: unknown) => process.send?.({ id: request.id, ok: false, error: String((error as Error)?.message ?? error) }),
        );
    });
    // The parent died or closed the channel: nobody will ever stop us otherwise.
    process.on('disconnect', () => void shutdown(0));
  }
  const lifetime = Number(process.env.BENCH_CHILD_MAX_LIFETIME_MS ?? 0);
  if (lifetime > 0) {
    const timer = setTimeout(() => {
      process.stderr.write(`[${name}] maximum lifetime of ${lifetime} ms reached: shutting down\n`);
      void shutdown(3);
    }, lifetime);
    timer.unref();
  }
}

/** A V8 CPU profile of just the measured window (setup and warm-up excluded), via the inspector. */
class MeasuredProfiler {
  private session: Session | null = null;

  async start(intervalUs: number): Promise<{ started: true }> {
    if (this.session) throw new Error('profile already running');
    const session = new Session();
    session.connect();
    await post(session, 'Profiler.enable');
    await post(session, 'Profiler.setSamplingInterval', { interval: intervalUs });
    await post(session, 'Profiler.start');
    this.session = session;
    return { started: true };
  }

  async stop(file: string): Promise<{ file: string }> {
    const session = this.session;
    if (!session) throw new Error('no profile running');
    this.session = null;
    const { profile } = (await post(session, 'Profiler.stop')) as { profile: unknown };
    session.disconnect();
    fs.writeFileSync(file, JSON.stringify(profile));
    return { file };
  }
}

function post(session: Session, method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => {
    session.post(method, params ?? {}, (error, result) => (error ? reject(error) : resolve(result)));
  });
}
