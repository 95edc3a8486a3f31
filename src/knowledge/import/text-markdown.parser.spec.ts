import { parseMarkdown, stripInlineMarkdown } from './markdown.parser';
import { parsePlainText } from './text.parser';

describe('plain text parser', () => {
  it('splits paragraphs on blank lines and recognises lone title-like lines and underlined titles as headings', () => {
    const text = 'Shipping\n\nWe ship within two days.\nTracking comes by email.\n\nReturns policy\n==============\n\nReturns are free.\n\nThis line ends a sentence.\n\nLast';
    expect(parsePlainText(text, 'faq').blocks).toEqual([
      { kind: 'heading', level: 2, text: 'Shipping' },
      { kind: 'paragraph', text: 'We ship within two days.\nTracking comes by email.' },
      { kind: 'heading', level: 2, text: 'Returns policy' },
      { kind: 'paragraph', text: 'Returns are free.' },
      { kind: 'paragraph', text: 'This line ends a sentence.' },
      { kind: 'paragraph', text: 'Last' },
    ]);
  });
});

describe('markdown parser', () => {
  it('reads ATX and setext headings, paragraphs, lists, quotes and code blocks; drops front matter and rules', () => {
    const md = [
      '---', 'title: "Acme handbook"', 'tags: [x]', '---',
      '# Getting started', '', 'Install the **app** from [our site](https://acme.test).', 'Then log in.', '',
      'Billing', '-------', '', '- Monthly invoices', '- Pay by _card_ or `SEPA`', '', '> Quoted tip', '', '***', '',
      '```', '# not a heading', 'code line', '```', '', '### Closing ###', 'Bye.',
    ].join('\n');
    const doc = parseMarkdown(md, 'handbook');
    expect(doc.title).toBe('Acme handbook');
    expect(doc.blocks).toEqual([
      { kind: 'heading', level: 1, text: 'Getting started' },
      { kind: 'paragraph', text: 'Install the app from our site.\nThen log in.' },
      { kind: 'heading', level: 2, text: 'Billing' },
      { kind: 'paragraph', text: '- Monthly invoices\n- Pay by card or SEPA' },
      { kind: 'paragraph', text: 'Quoted tip' },
      { kind: 'paragraph', text: '# not a heading\ncode line' },
      { kind: 'heading', level: 3, text: 'Closing' },
      { kind: 'paragraph', text: 'Bye.' },
    ]);
  });

  it('takes the first H1 as the title without front matter, else the file name; keeps snake_case', () => {
    expect(parseMarkdown('# Guide\n\ntext', 'file').title).toBe('Guide');
    expect(parseMarkdown('## Sub\n\ntext', 'file').title).toBe('file');
    expect(stripInlineMarkdown('use my_var_name and ![logo](x.png) <b>bold</b> ~~old~~ *new*')).toBe('use my_var_name and logo bold old new');
  });
});
