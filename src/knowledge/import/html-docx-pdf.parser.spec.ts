import { makeDocx, makePdf, makeZip } from '../../../test/fixtures/documents';
import { parseDocx } from './docx.parser';
import { parseHtml } from './html.parser';
import { ImportInputError } from './import-document';
import { parsePdf, pdfPagesToBlocks } from './pdf.parser';

describe('HTML parser', () => {
  const page = `<!doctype html><html><head><title>Acme · Delivery</title><style>p{color:red}</style><script>var x = "hidden";</script></head>
    <body><header><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav></header>
    <main><h1>Delivery times</h1><p>Parcels arrive in <b>3–5</b> days.<br>Express takes one.</p>
      <ul><li>Free over 50 €</li><li>Tracked</li></ul>
      <h2>Abroad</h2><table><tr><th>Country</th><th>Days</th></tr><tr><td>Norway</td><td>7</td></tr></table>
      <div hidden>secret</div><img src="map.png" alt="Delivery map"><noscript>enable js</noscript></main>
    <footer>© Acme</footer><aside>Ads</aside></body></html>`;

  it('keeps the main content as headings and paragraphs, without scripts, styles, navigation or chrome', () => {
    const doc = parseHtml(page, 'fallback');
    expect(doc.title).toBe('Acme · Delivery');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Delivery times' },
      { kind: 'paragraph', text: 'Parcels arrive in 3–5 days.\nExpress takes one.' },
      { kind: 'paragraph', text: '- Free over 50 €' },
      { kind: 'paragraph', text: '- Tracked' },
      { kind: 'heading', level: 2, text: 'Abroad' },
      { kind: 'paragraph', text: 'Country | Days' },
      { kind: 'paragraph', text: 'Norway | 7' },
      { kind: 'paragraph', text: 'Delivery map' },
    ]);
    const all = JSON.stringify(doc);
    for (const hidden of ['hidden', 'secret', 'Home', 'Shop', '© Acme', 'Ads', 'enable js', 'color:red']) expect(all).not.toContain(hidden);
  });

  it('falls back to the first H1, then to the given title; reads a fragment without html/body', () => {
    expect(parseHtml('<h1>Only heading</h1><p>x</p>', 'f').title).toBe('Only heading');
    expect(parseHtml('<p>just text</p>', 'file').title).toBe('file');
    expect(parseHtml('plain words', 'file').blocks).toEqual([{ kind: 'paragraph', text: 'plain words' }]);
  });
});

describe('DOCX parser', () => {
  it('reads paragraphs and Heading styles of a real .docx', async () => {
    const docx = makeDocx([{ heading: 1, text: 'Warranty' }, 'Every device has a two-year warranty.', { heading: 2, text: 'Claims' }, 'Send the serial number & receipt.']);
    const doc = await parseDocx(docx, 'warranty.docx', 'warranty');
    expect(doc.title).toBe('warranty');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Warranty' },
      { kind: 'paragraph', text: 'Every device has a two-year warranty.' },
      { kind: 'heading', level: 2, text: 'Claims' },
      { kind: 'paragraph', text: 'Send the serial number & receipt.' },
    ]);
  });

  it('refuses a ZIP without a Word document and a truncated .docx as corrupt, naming the file', async () => {
    const notWord = makeZip([{ name: 'hello.txt', data: 'hi' }]);
    await expect(parseDocx(notWord, 'x.docx', 'x')).rejects.toMatchObject({ problem: 'corrupt', message: expect.stringContaining('"x.docx" could not be read as a Word document') });
    const truncated = makeDocx(['text']).subarray(0, 200);
    await expect(parseDocx(truncated, 'cut.docx', 'cut')).rejects.toBeInstanceOf(ImportInputError);
  });
});

describe('PDF parser', () => {
  it('extracts the text of every page of a real PDF (in a worker thread)', async () => {
    const pdf = makePdf([['Refund policy', 'Refunds are issued within 14 days.'], ['Page two talks about exchanges.']]);
    const doc = await parsePdf(pdf, 'policy.pdf', 'policy');
    const text = doc.blocks.map((b) => b.text).join(' ');
    expect(text).toContain('Refunds are issued within 14 days.');
    expect(text).toContain('Page two talks about exchanges.');
    expect(doc.title).toBe('policy');
  });

  it('refuses a corrupt PDF and one without text, naming the file and the problem', async () => {
    await expect(parsePdf(Buffer.from('%PDF-1.7\nthis is not really a pdf'), 'broken.pdf', 'broken'))
      .rejects.toMatchObject({ problem: 'corrupt', message: expect.stringMatching(/^"broken\.pdf" is not a readable PDF/) });
    await expect(parsePdf(makePdf([[]]), 'scan.pdf', 'scan')).rejects.toMatchObject({ problem: 'empty', message: expect.stringContaining('"scan.pdf" has no text') });
  });

  it('joins wrapped lines and undoes hyphenation inside a paragraph', () => {
    expect(pdfPagesToBlocks(['First line of a para-\ngraph goes on\nhere.\n\nSecond paragraph.'])).toEqual([
      { kind: 'paragraph', text: 'First line of a paragraph goes on here.' },
      { kind: 'paragraph', text: 'Second paragraph.' },
    ]);
  });
});
