import { BadRequestException, HttpStatus, Inject, Injectable, Logger, NotFoundException, OnModuleDestroy } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Actor, isSuperAdmin } from '../common/actor';
import { AppError } from '../common/app-error';
import { AuditContext } from '../common/events/domain-events';
import { DomainEvents } from '../common/events/domain-events.service';
import { MB } from '../common/interceptors/single-file.interceptor';
import { KeyedMutex } from '../common/keyed-mutex';
import { resolveCompanyScope } from '../common/tenant-scope';
import { APP_CONFIG, AppConfig } from '../config/app.config';
import { UsageService } from '../usage/usage.service';
import { ImportKnowledgeDto, ListImportsQuery } from './dto/import.dto';
import { KnowledgeChunk } from './entities/knowledge-chunk.entity';
import { KnowledgeEntry } from './entities/knowledge-entry.entity';
import { Passage } from './import/chunker';
import { detectFormat } from './import/detect-format';
import { DocumentParser } from './import/document-parser';
import { baseTitle, ImportFormat, ImportInputError, ImportProblem } from './import/import-document';
import { ParseJob } from './import/parse-for-import';
import { cleanFileName } from './import/read-document';
import { TimeSlicer } from './import/time-slice';
import { fetchPage, normalizeUrl } from './import/url-fetcher';
import { ImportJob, ImportJobs, ImportJobView, toImportJobView } from './import-jobs';
import { KnowledgeIndexService } from './knowledge-index.service';
import { KnowledgeRepository } from './knowledge.repository';

export const IMPORT_MAX_BYTES = 10 * MB;
const URL_TIMEOUT_MS = 10_000;
const PDF_TIMEOUT_MS = 60_000;
const PARSE_TIMEOUT_MS = 90_000;

/** The part of an uploaded file the import reads (multer's memory storage). */
export interface UploadedDocument {
  originalname: string;
  buffer: Buffer;
}

const STATUS: Record<ImportProblem, [HttpStatus, string]> = {
  unsupported_type: [HttpStatus.UNSUPPORTED_MEDIA_TYPE, 'unsupported_type'],
  too_large: [HttpStatus.PAYLOAD_TOO_LARGE, 'file_too_large'],
  empty: [HttpStatus.UNPROCESSABLE_ENTITY, 'empty_document'],
  corrupt: [HttpStatus.UNPROCESSABLE_ENTITY, 'corrupt_document'],
  invalid: [HttpStatus.UNPROCESSABLE_ENTITY, 'invalid_document'],
  url_not_allowed: [HttpStatus.BAD_REQUEST, 'url_not_allowed'],
  url_unreachable: [HttpStatus.UNPROCESSABLE_ENTITY, 'url_unreachable'],
  url_failed: [HttpStatus.UNPROCESSABLE_ENTITY, 'url_failed'],
};

/** Everything an import will write, built and validated before the database is touched. */
interface PreparedImport {
  source: string;
  format: ImportFormat;
  entries: KnowledgeEntry[];
  chunks: KnowledgeChunk[];
  skipped: number;
}

/**
 * `POST /api/knowledge/import`. The request reads, validates and chunks the input (in a worker thread, so
 * the chat keeps running), so every bad input is a 4xx and nothing is written. Then it answers 202 with a
 * job, and the job replaces the source's rows in one transaction and indexes them in time slices.
 */
@Injectable()
export class KnowledgeImportService implements OnModuleDestroy {
  private readonly logger = new Logger('KnowledgeImport');
  // One writer per company: two imports of the same source never interleave their replace and index steps.
  private readonly writers = new KeyedMutex();
  private readonly parser = new DocumentParser({
    timeoutMs: PARSE_TIMEOUT_MS,
    onUnexpected: (detail) => this.logger.error(`a document could not be parsed: ${detail}`),
  });

  constructor(
    private readonly knowledge: KnowledgeRepository,
    private readonly index: KnowledgeIndexService,
    private readonly usage: UsageService,
    private readonly events: DomainEvents,
    private readonly jobs: ImportJobs,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleDestroy(): Promise<void> {
    return this.parser.close();
  }

  async start(actor: Actor, dto: ImportKnowledgeDto, file: UploadedDocument | undefined, ip?: string): Promise<ImportJobView> {
    const companyId = resolveCompanyScope(actor, dto.companyId);
    const prepared = await this.prepare(companyId, dto, file).catch((error: unknown) => {
      throw error instanceof ImportInputError ? new AppError(STATUS[error.problem][1], error.message, STATUS[error.problem][0]) : error;
    });
    const total = prepared.entries.length + prepared.chunks.length;
    await this.usage.assertKnowledgeRoom(companyId, total, await this.knowledge.countSource(companyId, prepared.source));
    const job = this.jobs.create({
      companyId, source: prepared.source, format: prepared.format, kind: prepared.entries.length ? 'entries' : 'passages', total, skipped: prepared.skipped,
    });
    const audit: AuditContext = { actor: { id: actor.id, email: actor.email }, companyId, ip };
    void this.run(job, prepared, audit);
    return toImportJobView(job);
  }

  get(actor: Actor, importId: string): ImportJobView {
    const job = this.jobs.get(importId);
    if (!job || (!isSuperAdmin(actor) && job.companyId !== actor.companyId)) throw new NotFoundException('Import not found');
    return toImportJobView(job);
  }

  list(actor: Actor, query: ListImportsQuery): { items: ImportJobView[] } {
    return { items: this.jobs.list(resolveCompanyScope(actor, query.companyId, true)).map(toImportJobView) };
  }

  private async prepare(companyId: string, dto: ImportKnowledgeDto, file: UploadedDocument | undefined): Promise<PreparedImport> {
    if (file && dto.url) throw new BadRequestException('Send either a file or a url, not both');
    if (file) {
      const fileName = cleanFileName(file.originalname);
      if (!fileName) throw new BadRequestException('The file has no name: its extension says what format it is');
      const format = detectFormat(fileName, file.buffer);
      return this.parse(companyId, { format, bytes: file.buffer, fileName, title: baseTitle(fileName), pdfTimeoutMs: PDF_TIMEOUT_MS });
    }
    if (dto.url) {
      const source = normalizeUrl(dto.url);
      const page = await fetchPage(source, { timeoutMs: URL_TIMEOUT_MS, maxBytes: IMPORT_MAX_BYTES, allowPrivate: this.config.knowledgeImportAllowPrivateUrls });
      const format = page.kind === 'html' ? 'html' : 'txt';
      return this.parse(companyId, { format, bytes: Buffer.from(page.body, 'utf8'), fileName: source, title: source, pdfTimeoutMs: PDF_TIMEOUT_MS });
    }
    throw new BadRequestException('Send a file in the multipart field "file", or a JSON body {"url": "https://…"}');
  }

  /** Parsing and chunking run in the worker thread; here the results become rows, a slice at a time. */
  private async parse(companyId: string, job: ParseJob): Promise<PreparedImport> {
    const outcome = await this.parser.parse(job);
    const source = job.fileName;
    const slicer = new TimeSlicer();
    const now = Date.now();
    if (outcome.kind === 'faq') {
      const entries: KnowledgeEntry[] = [];
      for (const [i, row] of outcome.rows.entries()) {
        entries.push(this.knowledge.entries.create({
          id: randomUUID(), companyId, question: row.question, answer: row.answer, category: row.category, sourceKey: source,
          isActive: true, createdAt: now + i, updatedAt: now + i,
        }));
        await slicer.tick();
      }
      return { source, format: job.format, entries, chunks: [], skipped: outcome.skipped };
    }
    const chunks: KnowledgeChunk[] = [];
    for (const passage of outcome.passages as Passage[]) {
      chunks.push(this.knowledge.chunks.create({ id: randomUUID(), companyId, sourceKey: source, title: passage.title, position: passage.position, text: passage.text, createdAt: now }));
      await slicer.tick();
    }
    return { source, format: job.format, entries: [], chunks, skipped: 0 };
  }

  private async run(job: ImportJob, prepared: PreparedImport, audit: AuditContext): Promise<void> {
    try {
      await this.writers.run(job.companyId, async () => {
        // Warm the company's index first, so the first customer after a large import does not pay for it.
        await this.index.ready(job.companyId);
        job.phase = 'storing';
        // Checked again under the lock: another import may have used the room since the request.
        await this.usage.assertKnowledgeRoom(job.companyId, job.total, await this.knowledge.countSource(job.companyId, prepared.source));
        const { removed, added } = await this.knowledge.replaceSource(job.companyId, prepared.source, prepared);
        job.replaced = removed.length;
        job.phase = 'indexing';
        // Added first: the new passages are searchable before the old ones disappear.
        const docIds = [...added, ...removed];
        this.index.watch(docIds, (processed) => (job.done = Math.min(job.total, processed)));
        await this.events.publish('knowledge.changed', { ...audit, companyId: job.companyId, action: 'imported', docIds });
      });
      this.jobs.complete(job);
    } catch (error) {
      this.logger.error(`import ${job.id} of ${job.source} failed: ${(error as Error).stack ?? error}`);
      this.jobs.fail(job, error instanceof AppError ? (error.getResponse() as { message: string }).message : 'The import could not be stored; nothing was changed');
    }
  }
}
