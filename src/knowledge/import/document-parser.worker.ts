import { parentPort } from 'node:worker_threads';
import { ParseJob, parseForReply } from './parse-for-import';

// The parse worker's entry point: one job at a time, each answered with its id.
parentPort?.on('message', async ({ id, job }: { id: number; job: ParseJob }) => {
  parentPort?.postMessage({ id, reply: await parseForReply(job) });
});
