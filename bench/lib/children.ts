import { ChildProcess, spawn } from 'node:child_process';
import * as path from 'node:path';
import * as readline from 'node:readline';
import type { ProcessStats } from './child-ipc';

/** The parent side of a bench child: spawn, wait for BENCH_READY, talk over IPC, stop for sure. */
export interface BenchChild {
  name: string;
  pid: number;
  ready: Record<string, unknown> & { port: number };
  request<T = unknown>(cmd: string, payload?: unknown, timeoutMs?: number): Promise<T>;
  stats(reset?: boolean): Promise<ProcessStats>;
  stop(timeoutMs?: number): Promise<void>;
}

export const REPO_ROOT = path.resolve(__dirname, '..', '..');

// Every child this process started, so an emergency exit can kill exactly those (by pid) and no others.
const live = new Set<ChildProcess>();

export function killAllChildren(): void {
  for (const child of live) {
    if (child.exitCode === null && child.signalCode === null && child.pid) {
      try {
        process.kill(child.pid, 'SIGKILL');
      } catch {
        /* already gone */
      }
    }
  }
  live.clear();
}

export async function startChild(name: string, entry: string, options: { env?: Record<string, string>; readyTimeoutMs?: number; nodeArgs?: string[]; quiet?: boolean } = {}): Promise<BenchChild> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), '-r', 'ts-node/register/transpile-only', path.join(REPO_ROOT, entry)], {
    cwd: REPO_ROOT,
    env: { ...process.env, TS_NODE_TRANSPILE_ONLY: 'true', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  live.add(child);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => {
    live.delete(child);
    resolve(code);
  }));

  const stderrTail: string[] = [];
  readline.createInterface({ input: child.stderr as NodeJS.ReadableStream }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 40) stderrTail.shift();
    if (!options.quiet) process.stderr.write(`[${name}] ${line}\n`);
  });

  const ready = await new Promise<BenchChild['ready']>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${name} did not become ready within ${options.readyTimeoutMs ?? 60_000} ms`)), options.readyTimeoutMs ?? 60_000);
    readline.createInterface({ input: child.stdout as NodeJS.ReadableStream }).on('line', (line) => {
      if (line.startsWith('BENCH_READY ')) {
        clearTimeout(timer);
        resolve(JSON.parse(line.slice('BENCH_READY '.length)));
      } else if (!options.quiet && line.trim()) {
        process.stderr.write(`[${name}:out] ${line}\n`);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited with code ${code} before it was ready:\n${stderrTail.join('\n')}`));
    });
  }).catch(async (error) => {
    if (child.pid && child.exitCode === null) child.kill('SIGKILL');
    await exited;
    throw error;
  });

  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  child.on('message', (raw: unknown) => {
    const reply = raw as { id: number; ok: boolean; result?: unknown; error?: string };
    const waiter = pending.get(reply?.id);
    if (!waiter) return;
    pending.delete(reply.id);
    if (reply.ok) waiter.resolve(reply.result);
    else waiter.reject(new Error(`${name}: ${reply.error}`));
  });
  void exited.then((code) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited (code ${code})`));
    pending.clear();
  });

  const request = <T>(cmd: string, payload?: unknown, timeoutMs = 30_000): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (!child.connected) return reject(new Error(`${name} is not connected`));
      const id = nextId++;
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`${name} did not answer ${cmd} within ${timeoutMs} ms`));
      }, timeoutMs);
      pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      child.send({ id, cmd, payload });
    });

  let stopping: Promise<void> | null = null;
  const stop = (timeoutMs = 15_000): Promise<void> => {
    if (!stopping) {
      stopping = (async () => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        if (child.connected) child.send({ id: 0, cmd: 'shutdown' });
        else child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      })();
    }
    return stopping;
  };

  return { name, pid: child.pid as number, ready, request, stats: (reset = false) => request<ProcessStats>('stats', { reset }), stop };
}
