import { makeDocx } from '../../../test/fixtures/documents';
import { DocumentParser } from './document-parser';
import { ParseJob } from './parse-for-import';

const job = (overrides: Partial<ParseJob> = {}): ParseJob => ({
  format: 'docx', bytes: makeDocx([{ heading: 1, text: 'Returns' }, 'Returns are free within 30 days.']), fileName: 'returns.docx', title: 'returns', pdfTimeoutMs: 10_000, ...overrides,
});

describe('DocumentParser (worker thread)', () => {
  const parser = new DocumentParser({ timeoutMs: 20_000 });
  afterAll(() => parser.close());

  it('reads and chunks a document off the main thread', async () => {
    await expect(parser.parse(job())).resolves.toEqual({ kind: 'passages', passages: [{ title: 'Returns', text: 'Returns are free within 30 days.', position: 0 }] });
    await expect(parser.parse(job({ format: 'csv', bytes: Buffer.from('q,a\nWhy?,Because.\n'), fileName: 'faq.csv' })))
      .resolves.toEqual({ kind: 'faq', rows: [{ question: 'Why?', answer: 'Because.', category: null }], skipped: 0 });
  }, 30_000);

  it('hands refusals back with their reason, and keeps working afterwards', async () => {
    await expect(parser.parse(job({ bytes: Buffer.from('PK\x03\x04 truncated'), fileName: 'bad.docx' })))
      .rejects.toMatchObject({ problem: 'corrupt', message: expect.stringContaining('"bad.docx" could not be read as a Word document') });
    await expect(parser.parse(job({ format: 'txt', bytes: Buffer.from(' \n '), fileName: 'blank.txt' })))
      .rejects.toMatchObject({ problem: 'empty', message: '"blank.txt" has no text to import' });
    await expect(parser.parse(job())).resolves.toMatchObject({ kind: 'passages' });
  }, 30_000);

  it('gives up on a job that overruns its time, and the next job gets a fresh worker', async () => {
    const impatient = new DocumentParser({ timeoutMs: 1 });
    try {
      await expect(impatient.parse(job())).rejects.toMatchObject({ problem: 'corrupt', message: expect.stringContaining('took longer than') });
    } finally {
      await impatient.close();
    }
  }, 30_000);
});
