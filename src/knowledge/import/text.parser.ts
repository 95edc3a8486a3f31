import { DocumentBlock, ParsedDocument } from './import-document';

const MAX_HEADING_LENGTH = 80;

/** A lone short line without closing punctuation, followed by more text: how plain-text files mark sections. */
function isHeadingLike(paragraph: string, hasNext: boolean): boolean {
  if (!hasNext || paragraph.includes('\n') || paragraph.length > MAX_HEADING_LENGTH) return false;
  return /\p{L}/u.test(paragraph) && !/[.!?,;:)\]"'…]$/u.test(paragraph) && !/^[-*•\d]/.test(paragraph);
}

/** Plain text: paragraphs are separated by blank lines; a short title-like line of its own is a heading. */
export function parsePlainText(text: string, title: string): ParsedDocument {
  const paragraphs = text.split(/\n[ \t]*\n/).map((p) => p.trim()).filter(Boolean);
  const blocks: DocumentBlock[] = paragraphs.map((paragraph, i) => {
    // "Title\n=====" is a heading too.
    const underlined = /^(.+)\n[=-]{3,}$/.exec(paragraph);
    if (underlined) return { kind: 'heading', level: 2, text: underlined[1].trim() };
    return isHeadingLike(paragraph, i < paragraphs.length - 1) ? { kind: 'heading', level: 2, text: paragraph } : { kind: 'paragraph', text: paragraph };
  });
  return { title, blocks };
}
