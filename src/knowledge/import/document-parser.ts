import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { KeyedMutex } from '../../common/keyed-mutex';
import { ImportInputError } from './import-document';
import { ParseJob, ParseOutcome, ParseReply } from './parse-for-import';

export interface DocumentParserOptions {
  /** A job that takes longer is refused and its worker replaced. */
  timeoutMs: number;
  onUnexpected?: (detail: string) => void;
}

/**
 * Reads documents in a long-lived worker thread. mammoth, cheerio and pdf.js each hold the CPU for seconds on
 * a large file (a 3.5 MB DOCX: ~3.7 s measured), which on the main thread would freeze every chat. Jobs run
 * one at a time; a job that crashes or overruns its time costs only its worker, which the next job replaces.
 */
export class DocumentParser {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly queue = new KeyedMutex();

  constructor(private readonly options: DocumentParserOptions) {}

  parse(job: ParseJob): Promise<ParseOutcome> {
    return this.queue.run('parse', () => this.run(job));
  }

  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private run(job: ParseJob): Promise<ParseOutcome> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    // A copy: the upload's Buffer may share Node's pooled memory, which must never be transferred away.
    const bytes = new Uint8Array(job.bytes);
    return new Promise<ParseOutcome>((resolve, reject) => {
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        worker.off('message', onMessage).off('error', onError).off('exit', onExit);
        settle();
      };
      const fail = (message: string) => {
        finish(() => reject(new ImportInputError('corrupt', message)));
        void this.discard(worker);
      };
      const onMessage = (message: { id: number; reply: ParseReply }) => {
        if (message.id !== id) return;
        const { reply } = message;
        if (reply.ok) return finish(() => resolve(reply.outcome));
        if (reply.detail) this.options.onUnexpected?.(reply.detail);
        finish(() => reject(new ImportInputError(reply.problem, reply.message)));
      };
      const onError = (error: Error) => {
        this.options.onUnexpected?.(error.stack ?? error.message);
        fail(`"${job.fileName}" could not be read (the reader stopped: ${error.message})`);
      };
      const onExit = () => fail(`"${job.fileName}" could not be read (the reader stopped)`);
      const timer = setTimeout(() => fail(`"${job.fileName}" took longer than ${Math.round(this.options.timeoutMs / 1000)} s to read`), this.options.timeoutMs);
      worker.on('message', onMessage).on('error', onError).on('exit', onExit);
      worker.postMessage({ id, job: { ...job, bytes } }, [bytes.buffer]);
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const compiled = __filename.endsWith('.js');
    const entry = path.join(__dirname, `document-parser.worker.${compiled ? 'js' : 'ts'}`);
    // From TypeScript sources (tests, ts-node scripts) the worker compiles its modules the same way.
    const worker = new Worker(entry, compiled ? {} : {
      execArgv: ['--require', 'ts-node/register/transpile-only'],
      env: { ...process.env, TS_NODE_PROJECT: path.resolve(__dirname, '../../../tsconfig.json'), TS_NODE_TRANSPILE_ONLY: 'true' },
    });
    worker.unref();
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    this.worker = worker;
    return worker;
  }

  private async discard(worker: Worker): Promise<void> {
    if (this.worker === worker) this.worker = null;
    await worker.terminate().catch(() => undefined);
  }
}
