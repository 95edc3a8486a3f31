import { chunkDocument, clampTitle, normalizeWhitespace, passagesOf, splitLong } from './chunker';
import { ParsedDocument } from './import-document';

const sentence = (n: number) => `Sentence number ${n} explains one more detail of the refund policy.`;
const paragraph = (from: number, count: number) => Array.from({ length: count }, (_, i) => sentence(from + i)).join(' ');

describe('chunker', () => {
  it('packs paragraphs into passages of about the target size and never over the maximum', () => {
    const doc: ParsedDocument = { title: 'Refunds', blocks: Array.from({ length: 12 }, (_, i) => ({ kind: 'paragraph' as const, text: paragraph(i * 4, 4) })) };
    const passages = chunkDocument(doc, { targetChars: 500, maxChars: 1000 });
    expect(passages.length).toBeGreaterThan(3);
    for (const p of passages.slice(0, -1)) {
      expect(p.text.length).toBeGreaterThanOrEqual(500);
      expect(p.text.length).toBeLessThanOrEqual(1000);
    }
    expect(passages.map((p) => p.position)).toEqual(passages.map((_, i) => i));
    // Nothing lost, nothing duplicated, in order.
    expect(passages.map((p) => p.text).join('\n\n').replace(/\s+/g, ' ')).toBe(doc.blocks.map((b) => b.text).join(' '));
  });

  it('starts a new passage at each heading and titles passages with the nearest heading (else the document title)', () => {
    const doc: ParsedDocument = {
      title: 'Help centre',
      blocks: [
        { kind: 'paragraph', text: 'Welcome to our help centre.' },
        { kind: 'heading', level: 1, text: 'Shipping' },
        { kind: 'paragraph', text: 'We ship within 2 days.' },
        { kind: 'heading', level: 2, text: 'Returns' },
        { kind: 'paragraph', text: 'Returns are free for 30 days.' },
        { kind: 'paragraph', text: 'Keep the receipt.' },
      ],
    };
    expect(chunkDocument(doc)).toEqual([
      { title: 'Help centre', text: 'Welcome to our help centre.', position: 0 },
      { title: 'Shipping', text: 'We ship within 2 days.', position: 1 },
      { title: 'Returns', text: 'Returns are free for 30 days.\n\nKeep the receipt.', position: 2 },
    ]);
  });

  it('splits an over-long paragraph at sentence ends, then at spaces, then mid-word', () => {
    const long = paragraph(0, 40);
    const pieces = splitLong(long, 300);
    expect(pieces.every((p) => p.length <= 300)).toBe(true);
    expect(pieces.every((p) => /\.$/.test(p))).toBe(true);
    expect(pieces.join(' ')).toBe(long);
    expect(splitLong('word '.repeat(100).trim(), 50).every((p) => p.length <= 50)).toBe(true);
    expect(splitLong('x'.repeat(120), 50)).toEqual(['x'.repeat(50), 'x'.repeat(50), 'x'.repeat(20)]);
  });

  it('normalises whitespace but keeps line breaks; clamps titles to 200 characters', () => {
    expect(normalizeWhitespace('  a \t b  \n\n\n\n - c  \n')).toBe('a b\n\n- c');
    expect(clampTitle('T'.repeat(300))).toHaveLength(200);
    expect(clampTitle(' Two \n lines ')).toBe('Two lines');
  });

  it('yields lazily (a caller can pause between passages) and gives an empty document no passages', () => {
    const generator = passagesOf({ title: 't', blocks: [{ kind: 'paragraph', text: 'one' }, { kind: 'heading', level: 1, text: 'h' }, { kind: 'paragraph', text: 'two' }] });
    expect(generator.next().value).toMatchObject({ text: 'one', position: 0 });
    expect(generator.next().value).toMatchObject({ text: 'two', title: 'h', position: 1 });
    expect(generator.next().done).toBe(true);
    expect(chunkDocument({ title: 't', blocks: [{ kind: 'heading', level: 1, text: 'Only a heading' }, { kind: 'paragraph', text: '  ' }] })).toEqual([]);
  });
});
