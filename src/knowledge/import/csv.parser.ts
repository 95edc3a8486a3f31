import { CsvError, parse } from 'csv-parse';
import { FaqRow, ImportInputError } from './import-document';
import { yieldToEventLoop } from './time-slice';

export const MAX_QUESTION_LENGTH = 500;
export const MAX_ANSWER_LENGTH = 10_000;
const MAX_CATEGORY_LENGTH = 80;
const SLICE_CHARS = 128 * 1024;

const QUESTION_HEADERS = new Set(['question', 'questions', 'q', 'title', 'query', 'faq', 'prompt']);
const ANSWER_HEADERS = new Set(['answer', 'answers', 'a', 'response', 'reply', 'body', 'content']);
const CATEGORY_HEADERS = new Set(['category', 'categories', 'topic', 'section', 'tag']);

export interface FaqCsv {
  rows: FaqRow[];
  /** Whether the first line named the columns. */
  header: boolean;
  /** Lines without a question or an answer. */
  skipped: number;
}

interface Columns {
  question: number;
  answer: number;
  category: number | null;
}

const headerName = (cell: string) => cell.trim().toLowerCase().replace(/[^a-z]/g, '');

/** The question/answer(/category) columns named in a header row, or null when the row is data. */
export function detectHeader(cells: string[]): Columns | null {
  const names = cells.map(headerName);
  const question = names.findIndex((n) => QUESTION_HEADERS.has(n));
  const answer = names.findIndex((n) => ANSWER_HEADERS.has(n));
  if (question < 0 || answer < 0 || question === answer) return null;
  const category = names.findIndex((n) => CATEGORY_HEADERS.has(n));
  return { question, answer, category: category >= 0 ? category : null };
}

/** Comma, semicolon (spreadsheets in many locales) or tab: whichever the first line uses most, outside quotes. */
export function detectDelimiter(text: string): string {
  const firstLine = (text.split('\n', 1)[0] ?? '').replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length - 1] as const);
  const [best, count] = counts.reduce((a, b) => (b[1] > a[1] ? b : a));
  return count > 0 ? best : ',';
}

/**
 * A question/answer CSV. The header is detected by its names (question/q/title…, answer/a/response…,
 * optionally category/topic); without one, the first two columns are the question and the answer.
 * The text is fed to the parser in slices with a yield between them, so a large file never blocks the chat.
 */
export async function parseFaqCsv(text: string, fileName: string): Promise<FaqCsv> {
  const records: { cells: string[]; line: number }[] = [];
  const parser = parse({ delimiter: detectDelimiter(text), bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
  const done = new Promise<void>((resolve, reject) => {
    parser.on('readable', () => {
      let item: { record: string[]; info: { lines: number } } | null;
      while ((item = parser.read()) !== null) records.push({ cells: item.record, line: item.info.lines });
    });
    parser.on('error', reject);
    parser.on('end', resolve);
  });
  let failed = false;
  // Marks the failure at once (an unhandled rejection would crash the process) and stops feeding.
  done.catch(() => (failed = true));
  try {
    for (let at = 0; at < text.length && !failed; at += SLICE_CHARS) {
      parser.write(text.slice(at, at + SLICE_CHARS));
      await yieldToEventLoop();
    }
    if (!failed) parser.end();
    await done;
  } catch (error) {
    const reason = error instanceof CsvError ? error.message : String((error as Error)?.message ?? error);
    throw new ImportInputError('corrupt', `"${fileName}" is not valid CSV: ${reason}`);
  }
  return toFaqRows(records, fileName);
}

/** Records → rows; exported for tests. Any row that would be refused as an entry refuses the whole file. */
export function toFaqRows(records: { cells: string[]; line: number }[], fileName: string): FaqCsv {
  if (!records.length) throw new ImportInputError('empty', `"${fileName}" has no rows`);
  const named = detectHeader(records[0].cells);
  const columns = named ?? { question: 0, answer: 1, category: null };
  const data = named ? records.slice(1) : records;
  if (!named && records.every((r) => r.cells.filter((c) => c.trim()).length < 2)) {
    throw new ImportInputError('invalid', `"${fileName}" needs two columns, a question and an answer (a header row may name them "question" and "answer")`);
  }
  const rows: FaqRow[] = [];
  let skipped = 0;
  for (const { cells, line } of data) {
    const question = (cells[columns.question] ?? '').trim();
    const answer = (cells[columns.answer] ?? '').trim();
    if (!question || !answer) {
      skipped++;
      continue;
    }
    if (question.length > MAX_QUESTION_LENGTH) throw new ImportInputError('invalid', `"${fileName}", line ${line}: the question is longer than ${MAX_QUESTION_LENGTH} characters`);
    if (answer.length > MAX_ANSWER_LENGTH) throw new ImportInputError('invalid', `"${fileName}", line ${line}: the answer is longer than ${MAX_ANSWER_LENGTH} characters`);
    const category = columns.category === null ? '' : (cells[columns.category] ?? '').trim().slice(0, MAX_CATEGORY_LENGTH);
    rows.push({ question, answer, category: category || null });
  }
  if (!rows.length) throw new ImportInputError('empty', `"${fileName}" has no row with both a question and an answer`);
  return { rows, header: !!named, skipped };
}
