import { ELF_HEAD, EXE_HEAD, JPEG_HEAD, makeDocx, makePdf, makeXlsx, makeZip, PNG_1X1 } from '../../test/fixtures/documents';
import { contentDisposition, displayName } from './attachment-name';
import { sniffAttachment, zipEntryNames } from './attachment-sniffer';

const ole = (stream: string) => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(stream, 'utf16le'), Buffer.alloc(64)]);

describe('sniffAttachment', () => {
  it.each([
    ['PNG', PNG_1X1, 'image/png'],
    ['JPEG', JPEG_HEAD, 'image/jpeg'],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00', 'latin1'), 'image/gif'],
    ['WebP', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]), 'image/webp'],
    ['PDF', makePdf([['hello']]), 'application/pdf'],
    ['DOCX', makeDocx(['hello']), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['XLSX', makeXlsx(), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    ['PPTX', makeZip([{ name: 'ppt/presentation.xml', data: '<p/>' }]), 'application/vnd.openxmlformats-officedocument.presentationml.presentation'],
    ['ODT', makeZip([{ name: 'mimetype', data: 'application/vnd.oasis.opendocument.text' }, { name: 'content.xml', data: '<x/>' }]), 'application/vnd.oasis.opendocument.text'],
    ['DOC', ole('WordDocument'), 'application/msword'],
    ['XLS', ole('Workbook'), 'application/vnd.ms-excel'],
    ['PPT', ole('PowerPoint Document'), 'application/vnd.ms-powerpoint'],
    ['UTF-8 text', Buffer.from('Order #123 arrived damaged — photos attached.\nThanks!'), 'text/plain'],
    ['CSV text', Buffer.from('a,b\n1,2\n'), 'text/plain'],
  ])('accepts %s by its content', (_label, bytes, mime) => {
    expect(sniffAttachment(bytes)).toEqual({ accepted: true, mime });
  });

  it.each([
    ['an ELF program', ELF_HEAD, 'a Linux program (ELF)'],
    ['a Windows program', EXE_HEAD, 'a Windows program'],
    ['HTML', Buffer.from('<!DOCTYPE html><html><script>alert(1)</script></html>'), 'an HTML, SVG or XML document'],
    ['HTML without doctype', Buffer.from('hello <script>steal()</script>'), 'an HTML, SVG or XML document'],
    ['SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'), 'an HTML, SVG or XML document'],
    ['a plain ZIP', makeZip([{ name: 'a.exe', data: 'MZ' }]), 'a ZIP archive'],
    ['a truncated ZIP', makeDocx(['x']).subarray(0, 100), 'a damaged ZIP archive'],
    ['an MSI installer (OLE without Office streams)', ole('SummaryInformation'), 'an OLE compound file'],
    ['binary junk', Buffer.from([1, 2, 3, 0, 4, 5]), 'binary data'],
    ['Latin-1 bytes', Buffer.from([0x63, 0x61, 0x66, 0xe9]), 'binary data (not UTF-8 text)'],
    ['a shell script', Buffer.from('#!/bin/sh\nrm -rf /'), 'a script'],
  ])('refuses %s', (_label, bytes, looksLike) => {
    expect(sniffAttachment(bytes)).toEqual({ accepted: false, looksLike: expect.stringContaining(looksLike) });
  });

  it('reads the entry names of a ZIP central directory', () => {
    expect(zipEntryNames(makeZip([{ name: 'a.txt', data: 'x' }, { name: 'dir/b.xml', data: 'y' }]))).toEqual(['a.txt', 'dir/b.xml']);
    expect(zipEntryNames(Buffer.from('PK\x03\x04 not really'))).toBeNull();
  });
});

describe('attachment names', () => {
  it('keeps a fitting name and fixes an extension that does not match the content', () => {
    expect(displayName('Receipt März.pdf', 'application/pdf')).toBe('Receipt März.pdf');
    expect(displayName('photo.JPG', 'image/jpeg')).toBe('photo.JPG');
    expect(displayName('photo.png', 'application/pdf')).toBe('photo.pdf');
    expect(displayName('report', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('report.xlsx');
    expect(displayName('notes.log', 'text/plain')).toBe('notes.log');
    expect(displayName('page.html', 'text/plain')).toBe('page.html.txt');
    expect(displayName('C:\\Users\\me\\..\\evil"name.txt', 'text/plain')).toBe('evilname.txt');
    expect(displayName('', 'image/png')).toBe('attachment.png');
    expect(displayName(`${'a'.repeat(300)}.pdf`, 'application/pdf')).toHaveLength(255);
  });

  it('builds a Content-Disposition with an ASCII fallback and the UTF-8 name', () => {
    expect(contentDisposition('Receipt März.pdf', false)).toBe(`attachment; filename="Receipt Marz.pdf"; filename*=UTF-8''Receipt%20M%C3%A4rz.pdf`);
    expect(contentDisposition('a.png', true)).toBe(`inline; filename="a.png"; filename*=UTF-8''a.png`);
  });
});
