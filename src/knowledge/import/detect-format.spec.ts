import { ELF_HEAD, makeDocx, makePdf, PNG_1X1 } from '../../../test/fixtures/documents';
import { decodeText, detectFormat, sniffContent } from './detect-format';

describe('import format detection', () => {
  it.each([
    ['notes.txt', Buffer.from('hello'), 'txt'],
    ['README.MD', Buffer.from('# hi'), 'md'],
    ['guide.markdown', Buffer.from('text'), 'md'],
    ['faq.csv', Buffer.from('q,a\nx,y'), 'csv'],
    ['page.htm', Buffer.from('<html><body>x</body></html>'), 'html'],
    ['page.html', Buffer.from('just text is fine'), 'html'],
    ['manual.pdf', makePdf([['x']]), 'pdf'],
    ['policy.docx', makeDocx(['x']), 'docx'],
  ])('%s is %s', (name, bytes, format) => {
    expect(detectFormat(name, bytes)).toBe(format);
  });

  it.each([
    ['setup.exe', Buffer.from('MZ'), 'is not a supported file type (.exe): import .txt, .md, .csv, .pdf, .docx, .html files'],
    ['noextension', Buffer.from('x'), '"noextension" is not a supported file type: import'],
    ['manual.pdf', Buffer.from('plain words'), '"manual.pdf" is not a PDF: its content is plain text'],
    ['notes.txt', makePdf([['x']]), '"notes.txt" is not a text file: its content is a PDF'],
    ['notes.md', PNG_1X1, '"notes.md" is not a Markdown file: its content is an image'],
    ['faq.csv', ELF_HEAD, '"faq.csv" is not a CSV file: its content is a program'],
    ['policy.docx', Buffer.from('text pretending'), '"policy.docx" is not a Word (.docx) document: its content is plain text'],
    ['old.docx', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), 'an old binary Office document: save it as .docx'],
  ])('refuses %s: %s', (name, bytes, message) => {
    expect(() => detectFormat(name, bytes)).toThrow(expect.objectContaining({ problem: 'unsupported_type', message: expect.stringContaining(message) }));
  });

  it('refuses an empty file as empty', () => {
    expect(() => detectFormat('empty.txt', Buffer.alloc(0))).toThrow(expect.objectContaining({ problem: 'empty', message: '"empty.txt" is empty' }));
  });

  it('tells HTML from text and binary from text', () => {
    expect(sniffContent(Buffer.from('  <!DOCTYPE html><p>x'))).toBe('html');
    expect(sniffContent(Buffer.from('a < b and c > d'))).toBe('text');
    expect(sniffContent(Buffer.from([0x61, 0x00, 0x62]))).toBe('binary');
  });

  it('decodes UTF-8 (with BOM), UTF-16 with a BOM, and falls back to Windows-1252; CRLF becomes LF', () => {
    expect(decodeText(Buffer.from('\uFEFFcafé\r\nok', 'utf8'))).toBe('café\nok');
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé', 'utf16le')]))).toBe('hé');
    expect(decodeText(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x80]))).toBe('café€');
    expect(sniffContent(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('text', 'utf16le')]))).toBe('text');
  });
});
