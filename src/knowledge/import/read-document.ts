import { FaqCsv, parseFaqCsv } from './csv.parser';
import { decodeText } from './detect-format';
import { parseDocx } from './docx.parser';
import { parseHtml } from './html.parser';
import { ImportFormat, ImportInputError, ParsedDocument } from './import-document';
import { parseMarkdown } from './markdown.parser';
import { parsePdf } from './pdf.parser';
import { parsePlainText } from './text.parser';

export type ReadResult = { kind: 'faq'; faq: FaqCsv } | { kind: 'document'; document: ParsedDocument };

/** One entry point per format: CSV → question/answer rows, everything else → a document of headings and paragraphs. */
export async function readDocument(format: ImportFormat, bytes: Buffer, fileName: string, title: string, pdfTimeoutMs = 60_000): Promise<ReadResult> {
  let document: ParsedDocument;
  switch (format) {
    case 'csv':
      return { kind: 'faq', faq: await parseFaqCsv(decodeText(bytes), fileName) };
    case 'txt':
      document = parsePlainText(decodeText(bytes), title);
      break;
    case 'md':
      document = parseMarkdown(decodeText(bytes), title);
      break;
    case 'html':
      document = parseHtml(decodeText(bytes), title);
      break;
    case 'docx':
      document = await parseDocx(bytes, fileName, title);
      break;
    case 'pdf':
      document = await parsePdf(bytes, fileName, title, { timeoutMs: pdfTimeoutMs });
      break;
  }
  if (!document.blocks.some((b) => b.kind === 'paragraph' && b.text.trim())) {
    throw new ImportInputError('empty', `"${fileName}" has no text to import`);
  }
  return { kind: 'document', document };
}

/** The name a file is known by: no directories, no control characters, at most 255 characters. */
export function cleanFileName(raw: string | undefined): string {
  // eslint-disable-next-line no-control-regex
  const name = (raw ?? '').split(/[\\/]/).pop()!.replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim().normalize('NFC');
  if (name.length <= 255) return name;
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
  return name.slice(0, 255 - extension.length) + extension;
}
