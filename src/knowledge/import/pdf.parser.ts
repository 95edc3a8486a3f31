import { Worker } from 'node:worker_threads';
import { DocumentBlock, ImportInputError, ParsedDocument } from './import-document';

export interface PdfParseOptions {
  timeoutMs: number;
}

// pdf.js is CPU-heavy and loads its own worker with a dynamic import(): running it in a worker thread keeps
// the chat responsive while a large PDF is read, and gives pdf.js a plain Node module loader everywhere.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { PDFParse } = require(workerData.modulePath);
(async () => {
  const parser = new PDFParse({ data: workerData.data, verbosity: 0 });
  try {
    const result = await parser.getText({ pageJoiner: '' });
    parentPort.postMessage({ ok: true, pages: result.pages.map((page) => page.text) });
  } catch (error) {
    parentPort.postMessage({ ok: false, name: error && error.name, message: error && error.message });
  } finally {
    await parser.destroy().catch(() => undefined);
  }
})();
`;

type WorkerReply = { ok: true; pages: string[] } | { ok: false; name?: string; message?: string };

function extractPages(bytes: Uint8Array, timeoutMs: number): Promise<WorkerReply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { modulePath: require.resolve('pdf-parse'), data: bytes },
      resourceLimits: { maxOldGenerationSizeMb: 512 },
    });
    const timer = setTimeout(() => {
      void worker.terminate();
      resolve({ ok: false, name: 'Timeout', message: `reading it took longer than ${Math.round(timeoutMs / 1000)} s` });
    }, timeoutMs);
    worker.once('message', (reply: WorkerReply) => {
      clearTimeout(timer);
      void worker.terminate();
      resolve(reply);
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** Page text → paragraphs: blank lines separate them; lines inside one are joined, hyphenation undone. */
export function pdfPagesToBlocks(pages: string[]): DocumentBlock[] {
  const blocks: DocumentBlock[] = [];
  for (const page of pages) {
    for (const paragraph of page.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
      const text = paragraph.replace(/(\p{L})-\n(\p{Ll})/gu, '$1$2').replace(/\s*\n\s*/g, ' ').trim();
      if (text) blocks.push({ kind: 'paragraph', text });
    }
  }
  return blocks;
}

/** PDF → paragraphs per page (pdf-parse, in a worker thread). A corrupt, locked or image-only PDF is refused. */
export async function parsePdf(bytes: Uint8Array, fileName: string, title: string, options: PdfParseOptions = { timeoutMs: 60_000 }): Promise<ParsedDocument> {
  let reply: WorkerReply;
  try {
    reply = await extractPages(new Uint8Array(bytes), options.timeoutMs);
  } catch (error) {
    reply = { ok: false, name: (error as Error).name, message: (error as Error).message };
  }
  if (!reply.ok) {
    if (reply.name === 'PasswordException') throw new ImportInputError('corrupt', `"${fileName}" is password-protected: remove the password and import it again`);
    const reason = reply.name === 'Timeout' ? reply.message : (reply.message ?? 'unreadable structure').replace(/\.$/, '');
    throw new ImportInputError('corrupt', `"${fileName}" is not a readable PDF (${reason})`);
  }
  const blocks = pdfPagesToBlocks(reply.pages);
  if (!blocks.length) throw new ImportInputError('empty', `"${fileName}" has no text to import (a scanned PDF needs text recognition first)`);
  return { title, blocks };
}
