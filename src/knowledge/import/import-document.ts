/** The formats `POST /api/knowledge/import` takes; a URL is fetched and read as `html` or `txt`. */
export const IMPORT_FORMATS = ['txt', 'md', 'csv', 'pdf', 'docx', 'html'] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

/** A document as the parsers hand it to the chunker: headings and paragraphs, in reading order. */
export type DocumentBlock = { kind: 'heading'; level: number; text: string } | { kind: 'paragraph'; text: string };

export interface ParsedDocument {
  /** Used as a passage's title until the document gives a heading. */
  title: string;
  blocks: DocumentBlock[];
}

/** One question/answer row of an imported CSV. */
export interface FaqRow {
  question: string;
  answer: string;
  category: string | null;
}

/** Why an input was refused; the service maps each reason to its HTTP status. */
export type ImportProblem =
  | 'unsupported_type' // 415: not a format we read, or the content is not what the name says
  | 'too_large' // 413
  | 'empty' // 422: no bytes, or nothing readable inside
  | 'corrupt' // 422: the parser could not read it
  | 'invalid' // 422: readable, but not usable (e.g. a CSV without two columns)
  | 'url_not_allowed' // 400: not http(s), or a private address
  | 'url_unreachable' // 422: DNS, connection, TLS or timeout
  | 'url_failed'; // 422: the server answered with an error status

/** A refused input: the message names the problem in words an admin can act on. */
export class ImportInputError extends Error {
  constructor(readonly problem: ImportProblem, message: string) {
    super(message);
    this.name = 'ImportInputError';
  }
}

/** "guide.final.md" → "guide.final": a document's default title. */
export function baseTitle(fileName: string): string {
  const name = fileName.replace(/\.[A-Za-z0-9]{1,8}$/, '').trim();
  return name || fileName;
}
