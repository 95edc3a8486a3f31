import { chunkDocument, Passage } from './chunker';
import { FaqRow, ImportFormat, ImportInputError, ImportProblem } from './import-document';
import { readDocument } from './read-document';

/** What the import asks of a parser: bytes in a known format, with the names to use in messages and titles. */
export interface ParseJob {
  format: ImportFormat;
  bytes: Uint8Array;
  fileName: string;
  title: string;
  pdfTimeoutMs: number;
}

export type ParseOutcome = { kind: 'faq'; rows: FaqRow[]; skipped: number } | { kind: 'passages'; passages: Passage[] };

/** The reply of the parse worker: an outcome, or the refusal to hand back to the admin. */
export type ParseReply = { ok: true; outcome: ParseOutcome } | { ok: false; problem: ImportProblem; message: string; detail?: string };

/** Reads and chunks one document: CSV → question/answer rows, anything else → passages with title and position. */
export async function parseForImport(job: ParseJob): Promise<ParseOutcome> {
  const bytes = Buffer.from(job.bytes.buffer, job.bytes.byteOffset, job.bytes.length);
  const read = await readDocument(job.format, bytes, job.fileName, job.title, job.pdfTimeoutMs);
  if (read.kind === 'faq') return { kind: 'faq', rows: read.faq.rows, skipped: read.faq.skipped };
  const passages = chunkDocument(read.document);
  if (!passages.length) throw new ImportInputError('empty', `"${job.fileName}" has no text to import`);
  return { kind: 'passages', passages };
}

/** Never throws: refusals keep their reason; anything unexpected is reported as an unreadable file. */
export async function parseForReply(job: ParseJob): Promise<ParseReply> {
  try {
    return { ok: true, outcome: await parseForImport(job) };
  } catch (error) {
    if (error instanceof ImportInputError) return { ok: false, problem: error.problem, message: error.message };
    return { ok: false, problem: 'corrupt', message: `"${job.fileName}" could not be read`, detail: (error as Error)?.stack ?? String(error) };
  }
}
