import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { ImportFormat } from './import/import-document';

export type ImportStatus = 'running' | 'completed' | 'failed';
export type ImportPhase = 'queued' | 'storing' | 'indexing' | 'done';

export interface ImportJob {
  id: string;
  companyId: string;
  /** File name or normalised URL: importing the same source again replaces what it brought. */
  source: string;
  format: ImportFormat;
  /** CSV rows become knowledge entries; every other document becomes passages. */
  kind: 'entries' | 'passages';
  total: number;
  /** Items stored and searchable so far. */
  done: number;
  /** Items of an earlier import of the same source that this one replaced. */
  replaced: number;
  /** CSV lines without a question or an answer. */
  skipped: number;
  status: ImportStatus;
  phase: ImportPhase;
  error: string | null;
  startedAt: number;
  finishedAt: number | null;
}

const KEEP_FINISHED_MS = 60 * 60 * 1000;
const MAX_JOBS = 500;

/**
 * Import progress, in memory: a job lives while it runs and for an hour after. Per process by design (like
 * presence): the import runs in the process that took the upload, which is also the one that answers for it.
 */
@Injectable()
export class ImportJobs {
  private readonly jobs = new Map<string, ImportJob>();

  create(input: Pick<ImportJob, 'companyId' | 'source' | 'format' | 'kind' | 'total' | 'skipped'>): ImportJob {
    this.sweep();
    const job: ImportJob = {
      ...input, id: randomUUID(), done: 0, replaced: 0, status: 'running', phase: 'queued', error: null, startedAt: Date.now(), finishedAt: null,
    };
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): ImportJob | undefined {
    return this.jobs.get(id);
  }

  /** Newest first; null = every company (super admin). */
  list(companyId: string | null): ImportJob[] {
    return [...this.jobs.values()].filter((j) => companyId === null || j.companyId === companyId).sort((a, b) => b.startedAt - a.startedAt);
  }

  complete(job: ImportJob): void {
    Object.assign(job, { status: 'completed', phase: 'done', done: job.total, finishedAt: Date.now() });
  }

  fail(job: ImportJob, message: string): void {
    Object.assign(job, { status: 'failed', phase: 'done', done: 0, error: message, finishedAt: Date.now() });
  }

  private sweep(now = Date.now()): void {
    for (const [id, job] of this.jobs) if (job.finishedAt !== null && now - job.finishedAt > KEEP_FINISHED_MS) this.jobs.delete(id);
    const finished = [...this.jobs.values()].filter((j) => j.finishedAt !== null).sort((a, b) => a.startedAt - b.startedAt);
    while (this.jobs.size >= MAX_JOBS && finished.length) this.jobs.delete(finished.shift()!.id);
  }
}

export interface ImportJobView {
  importId: string;
  companyId: string;
  status: ImportStatus;
  phase: ImportPhase;
  source: string;
  format: ImportFormat;
  kind: 'entries' | 'passages';
  done: number;
  total: number;
  replaced: number;
  skipped: number;
  error: string | null;
  startedAt: string;
  finishedAt: string | null;
}

export function toImportJobView(job: ImportJob): ImportJobView {
  return {
    importId: job.id, companyId: job.companyId, status: job.status, phase: job.phase, source: job.source, format: job.format,
    kind: job.kind, done: job.done, total: job.total, replaced: job.replaced, skipped: job.skipped, error: job.error,
    startedAt: new Date(job.startedAt).toISOString(), finishedAt: job.finishedAt ? new Date(job.finishedAt).toISOString() : null,
  };
}
