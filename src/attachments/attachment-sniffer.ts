/** What a file is, from its bytes alone: an accepted type, or a description of what was refused. */
export type SniffResult = { accepted: true; mime: string } | { accepted: false; looksLike: string };

export const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
const OPEN_DOCUMENT = /^application\/vnd\.oasis\.opendocument\.(text|spreadsheet|presentation)$/;

const at = (bytes: Uint8Array, magic: number[], offset = 0) => bytes.length >= offset + magic.length && magic.every((b, i) => bytes[offset + i] === b);
const latin1 = (bytes: Uint8Array, from: number, to: number) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1', from, Math.min(to, bytes.length));

/** Entry names of a ZIP's central directory (null if there is none: truncated or not a ZIP). */
export function zipEntryNames(bytes: Uint8Array): string[] | null {
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  // The end-of-central-directory record sits in the last 22 + 65535 (comment) bytes.
  for (let eocd = view.length - 22; eocd >= Math.max(0, view.length - 22 - 0xffff); eocd--) {
    if (view.readUInt32LE(eocd) !== 0x06054b50) continue;
    const count = view.readUInt16LE(eocd + 10);
    let offset = view.readUInt32LE(eocd + 16);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) return null;
      const nameLength = view.readUInt16LE(offset + 28);
      const extra = view.readUInt16LE(offset + 30);
      const comment = view.readUInt16LE(offset + 32);
      names.push(view.toString('utf8', offset + 46, offset + 46 + nameLength));
      offset += 46 + nameLength + extra + comment;
    }
    return names;
  }
  return null;
}

/** OOXML and OpenDocument are ZIPs; which one is said by the parts inside, not by the name. */
function sniffZip(bytes: Uint8Array): SniffResult {
  // OpenDocument stores its media type uncompressed as the first entry, "mimetype".
  if (latin1(bytes, 30, 38) === 'mimetype') {
    const mime = /^application\/vnd\.oasis\.opendocument\.[a-z.-]+/.exec(latin1(bytes, 38, 38 + 80))?.[0];
    if (mime && OPEN_DOCUMENT.test(mime)) return { accepted: true, mime };
  }
  const names = zipEntryNames(bytes);
  if (!names) return { accepted: false, looksLike: 'a damaged ZIP archive' };
  if (names.includes('word/document.xml')) return { accepted: true, mime: DOCX };
  if (names.includes('xl/workbook.xml')) return { accepted: true, mime: XLSX };
  if (names.includes('ppt/presentation.xml')) return { accepted: true, mime: PPTX };
  return { accepted: false, looksLike: 'a ZIP archive' };
}

/** Legacy Office (OLE compound file): Word, Excel and PowerPoint name their main stream in UTF-16. */
function sniffOle(bytes: Uint8Array): SniffResult {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf16le');
  if (text.includes('WordDocument')) return { accepted: true, mime: 'application/msword' };
  if (text.includes('Workbook') || text.includes('Book\u0000')) return { accepted: true, mime: 'application/vnd.ms-excel' };
  if (text.includes('PowerPoint Document')) return { accepted: true, mime: 'application/vnd.ms-powerpoint' };
  return { accepted: false, looksLike: 'an OLE compound file that is not a Word, Excel or PowerPoint document (an installer?)' };
}

/** Markup a browser would run: refused even as text, since it is how stored-XSS files travel. */
const MARKUP = /^\s*<(!doctype\s+html|html[\s>]|head[\s>]|body[\s>]|svg[\s>]|\?xml|script[\s>]|iframe[\s>])|<(script|iframe|object|embed)[\s>]/i;

function sniffText(bytes: Uint8Array): SniffResult {
  let control = 0;
  for (const b of bytes) {
    if (b === 0) return { accepted: false, looksLike: 'binary data' };
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b) || b === 0x7f) control++;
  }
  if (control > bytes.length / 200) return { accepted: false, looksLike: 'binary data' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { accepted: false, looksLike: 'binary data (not UTF-8 text)' };
  }
  if (MARKUP.test(text.replace(/^\uFEFF/, '').slice(0, 4096))) return { accepted: false, looksLike: 'an HTML, SVG or XML document' };
  return { accepted: true, mime: 'text/plain' };
}

/**
 * The type of an attachment from its magic bytes: PNG, JPEG, GIF, WebP, PDF, Office (OOXML, OpenDocument,
 * legacy OLE) and UTF-8 plain text. Anything else is refused with what it looks like, so the error can say.
 */
export function sniffAttachment(bytes: Uint8Array): SniffResult {
  if (at(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { accepted: true, mime: 'image/png' };
  if (at(bytes, [0xff, 0xd8, 0xff])) return { accepted: true, mime: 'image/jpeg' };
  if (latin1(bytes, 0, 6) === 'GIF87a' || latin1(bytes, 0, 6) === 'GIF89a') return { accepted: true, mime: 'image/gif' };
  if (latin1(bytes, 0, 4) === 'RIFF' && latin1(bytes, 8, 12) === 'WEBP') return { accepted: true, mime: 'image/webp' };
  if (latin1(bytes, 0, 5) === '%PDF-') return { accepted: true, mime: 'application/pdf' };
  if (at(bytes, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(bytes);
  if (at(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return sniffOle(bytes);
  if (at(bytes, [0x7f, 0x45, 0x4c, 0x46])) return { accepted: false, looksLike: 'a Linux program (ELF)' };
  if (latin1(bytes, 0, 2) === 'MZ') return { accepted: false, looksLike: 'a Windows program' };
  if (at(bytes, [0xcf, 0xfa, 0xed, 0xfe]) || at(bytes, [0xca, 0xfe, 0xba, 0xbe])) return { accepted: false, looksLike: 'a macOS program' };
  if (latin1(bytes, 0, 2) === '#!') return { accepted: false, looksLike: 'a script' };
  return sniffText(bytes);
}
