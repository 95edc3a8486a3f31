import { IMPORT_FORMATS, ImportFormat, ImportInputError } from './import-document';

const EXTENSIONS: Record<string, ImportFormat> = {
  txt: 'txt', text: 'txt', md: 'md', markdown: 'md', csv: 'csv', pdf: 'pdf', docx: 'docx', html: 'html', htm: 'html',
};

const FORMAT_NAMES: Record<ImportFormat, string> = {
  txt: 'a text file', md: 'a Markdown file', csv: 'a CSV file', pdf: 'a PDF', docx: 'a Word (.docx) document', html: 'an HTML page',
};

/** What the bytes are, whatever the name says. */
export type ContentKind = 'pdf' | 'zip' | 'ole' | 'image' | 'program' | 'binary' | 'html' | 'text';

const CONTENT_NAMES: Record<ContentKind, string> = {
  pdf: 'a PDF', zip: 'a ZIP archive', ole: 'an old binary Office document', image: 'an image', program: 'a program',
  binary: 'binary data', html: 'HTML', text: 'plain text',
};

const startsWith = (bytes: Uint8Array, magic: number[], at = 0) => magic.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset + from, Math.max(0, Math.min(to, bytes.length) - from)).toString('latin1');

/** True when the text looks like markup a browser would render as a page. */
export function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart().toLowerCase();
  return /^<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|!--)/.test(head) || /<(html|body|head|script|iframe)[\s>]/.test(head);
}

/** Classifies bytes by their magic numbers and, for text, by what the text looks like. */
export function sniffContent(bytes: Uint8Array): ContentKind {
  if (ascii(bytes, 0, 5) === '%PDF-') return 'pdf';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return 'zip';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return 'ole';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47]) || startsWith(bytes, [0xff, 0xd8, 0xff]) || ascii(bytes, 0, 4) === 'GIF8'
    || (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP')) return 'image';
  if (startsWith(bytes, [0x7f, 0x45, 0x4c, 0x46]) || ascii(bytes, 0, 2) === 'MZ' || startsWith(bytes, [0xcf, 0xfa, 0xed, 0xfe])) return 'program';
  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && hasBinaryBytes(bytes.subarray(0, 64 * 1024))) return 'binary';
  return looksLikeHtml(decodeText(bytes.subarray(0, 4096), true)) ? 'html' : 'text';
}

/** NUL or many control characters: not text in any 8-bit or UTF-8 encoding. */
function hasBinaryBytes(bytes: Uint8Array): boolean {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return control > bytes.length / 100;
}

// 0x80–0x9F of Windows-1252 (Node's TextDecoder treats the label as Latin-1 and returns C1 controls there).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1').replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]);
}

/** UTF-8 (with or without BOM), UTF-16 with a BOM, else Windows-1252 (what spreadsheets export); CRLF → LF. */
export function decodeText(bytes: Uint8Array, lenient = false): string {
  let text: string;
  if (startsWith(bytes, [0xff, 0xfe])) text = new TextDecoder('utf-16le').decode(bytes.subarray(2));
  else if (startsWith(bytes, [0xfe, 0xff])) text = new TextDecoder('utf-16be').decode(bytes.subarray(2));
  else {
    try {
      text = new TextDecoder('utf-8', { fatal: !lenient, ignoreBOM: false }).decode(bytes);
    } catch {
      text = decodeWindows1252(bytes);
    }
  }
  return text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
}

/** The import format of a named file, checked against its content: a mismatch is refused, never guessed. */
export function detectFormat(fileName: string, bytes: Uint8Array): ImportFormat {
  const extension = /\.([A-Za-z0-9]{1,10})$/.exec(fileName)?.[1]?.toLowerCase();
  const format = extension ? EXTENSIONS[extension] : undefined;
  if (!format) {
    const allowed = IMPORT_FORMATS.map((f) => `.${f}`).join(', ');
    throw new ImportInputError('unsupported_type', `"${fileName}" is not a supported file type${extension ? ` (.${extension})` : ''}: import ${allowed} files, or a web page URL`);
  }
  if (bytes.length === 0) throw new ImportInputError('empty', `"${fileName}" is empty`);
  const content = sniffContent(bytes);
  const expected: ContentKind[] = format === 'pdf' ? ['pdf'] : format === 'docx' ? ['zip'] : ['text', 'html'];
  if (!expected.includes(content)) {
    const hint = format === 'docx' && content === 'ole' ? ': save it as .docx and import it again' : '';
    throw new ImportInputError('unsupported_type', `"${fileName}" is not ${FORMAT_NAMES[format]}: its content is ${CONTENT_NAMES[content]}${hint}`);
  }
  return format;
}
