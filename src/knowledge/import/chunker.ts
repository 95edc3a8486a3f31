import { DocumentBlock, ParsedDocument } from './import-document';

/** A retrievable passage: `position` is its order in the source, `title` the nearest heading (or the document's title). */
export interface Passage {
  title: string;
  text: string;
  position: number;
}

export interface ChunkOptions {
  /** A passage is closed once it reaches this many characters. */
  targetChars: number;
  /** No passage is longer; longer paragraphs are split at sentences, then at words. */
  maxChars: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { targetChars: 700, maxChars: 1000 };
export const MAX_TITLE_LENGTH = 200;

/** Collapses runs of spaces inside lines and of blank lines; keeps single line breaks (lists, addresses). */
export function normalizeWhitespace(text: string): string {
  return text
    .replace(/[\t\f\v\u00a0\u2000-\u200b\u3000]+/g, ' ')
    .split('\n').map((line) => line.replace(/ {2,}/g, ' ').trim()).join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

export const clampTitle = (title: string): string => {
  const flat = title.replace(/\s+/g, ' ').trim();
  return flat.length <= MAX_TITLE_LENGTH ? flat : `${flat.slice(0, MAX_TITLE_LENGTH - 1).trimEnd()}…`;
};

/** Splits text longer than `max` at sentence ends, then at spaces, and only as a last resort mid-word. */
export function splitLong(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  const sentences = text.split(/(?<=[.!?…。])\s+/u);
  const pieces: string[] = [];
  let current = '';
  const push = (piece: string) => {
    if (!current) current = piece;
    else if (current.length + 1 + piece.length <= max) current += ` ${piece}`;
    else {
      pieces.push(current);
      current = piece;
    }
  };
  for (const sentence of sentences) {
    if (sentence.length <= max) push(sentence);
    else for (const part of splitAtSpaces(sentence, max)) push(part);
  }
  if (current) pieces.push(current);
  return pieces;
}

function splitAtSpaces(text: string, max: number): string[] {
  const parts: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(' ', max);
    const at = cut > max / 2 ? cut : max;
    parts.push(rest.slice(0, at).trim());
    rest = rest.slice(at).trim();
  }
  if (rest) parts.push(rest);
  return parts;
}

/**
 * Packs a document's paragraphs into passages of about `targetChars` (never more than `maxChars`). A heading
 * always starts a new passage, so a passage never mixes sections and its title is the heading it sits under.
 * A generator, so a caller can yield to the event loop between passages of a large document.
 */
export function* passagesOf(document: ParsedDocument, options: ChunkOptions = DEFAULT_CHUNKING): Generator<Passage> {
  const fallbackTitle = clampTitle(document.title) || 'Untitled';
  let title = fallbackTitle;
  let parts: string[] = [];
  let length = 0;
  let position = 0;

  function* flush(): Generator<Passage> {
    if (parts.length) yield { title, text: parts.join('\n\n'), position: position++ };
    parts = [];
    length = 0;
  }

  for (const block of document.blocks as DocumentBlock[]) {
    const text = normalizeWhitespace(block.text);
    if (!text) continue;
    if (block.kind === 'heading') {
      yield* flush();
      title = clampTitle(text);
      continue;
    }
    for (const piece of splitLong(text, options.maxChars)) {
      if (length && length + 2 + piece.length > options.maxChars) yield* flush();
      parts.push(piece);
      length += (length ? 2 : 0) + piece.length;
      if (length >= options.targetChars) yield* flush();
    }
  }
  yield* flush();
}

/** Every passage at once: for small documents and tests. */
export const chunkDocument = (document: ParsedDocument, options?: ChunkOptions): Passage[] => [...passagesOf(document, options)];
