import { load } from 'cheerio';
import { DocumentBlock, ParsedDocument } from './import-document';

/** The parts of a DOM node the walk needs (domhandler's shape, without depending on its types). */
interface DomNode {
  type: string;
  name?: string;
  data?: string;
  children?: DomNode[];
}

// Never readable content.
const DROP = 'script, style, noscript, template, svg, canvas, iframe, object, embed, form, button, select, textarea, nav, aside, dialog, [hidden], [aria-hidden="true"]';
const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const BLOCKS = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'table', 'thead', 'tbody',
  'tfoot', 'tr', 'blockquote', 'pre', 'figure', 'figcaption', 'address', 'details', 'summary', 'hr', 'body', 'html',
  'caption', 'center', 'fieldset', 'legend',
]);
const CELLS = new Set(['td', 'th']);

const flat = (text: string) => text.replace(/\s+/g, ' ').trim();

/**
 * Readable text of a page: the `<main>` or `<article>` if there is one, else the body, without scripts,
 * navigation, site header and footer. Headings become headings; every block element ends a paragraph.
 */
export function parseHtml(html: string, fallbackTitle: string): ParsedDocument {
  const $ = load(html);
  const pageTitle = flat($('head > title').first().text()) || flat($('meta[property="og:title"]').attr('content') ?? '');
  $(DROP).remove();
  // Site chrome: headers and footers outside the main content.
  $('header, footer').filter((_, el) => $(el).closest('main, article').length === 0).remove();

  const main = $('main').first();
  const article = $('article').first();
  const root = main.length ? main : article.length ? article : $('body').length ? $('body') : $.root();

  const blocks: DocumentBlock[] = [];
  let buffer = '';
  const flush = () => {
    const text = buffer.replace(/[ \t]+/g, ' ').replace(/ *\n */g, '\n').trim();
    if (text) blocks.push({ kind: 'paragraph', text });
    buffer = '';
  };

  const walk = (node: DomNode, pre: boolean) => {
    if (node.type === 'text') {
      buffer += pre ? (node.data ?? '') : (node.data ?? '').replace(/\s+/g, ' ');
      return;
    }
    if (node.type !== 'tag' || !node.name) {
      for (const child of node.children ?? []) walk(child, pre);
      return;
    }
    const name = node.name.toLowerCase();
    const level = HEADINGS[name];
    if (level) {
      flush();
      const text = flat($(node as never).text());
      if (text) blocks.push({ kind: 'heading', level, text });
      return;
    }
    if (name === 'br') {
      buffer += '\n';
      return;
    }
    if (name === 'img') {
      const alt = flat(($(node as never).attr('alt') as string | undefined) ?? '');
      if (alt) buffer += ` ${alt} `;
      return;
    }
    const block = BLOCKS.has(name);
    if (block) flush();
    if (name === 'li') buffer += '- ';
    if (CELLS.has(name) && buffer.trim()) buffer += ' | ';
    for (const child of node.children ?? []) walk(child, pre || name === 'pre');
    if (block) flush();
  };

  for (const node of (root as { get(): unknown[] }).get() as DomNode[]) walk(node, false);
  flush();
  const firstH1 = blocks.find((b) => b.kind === 'heading' && b.level === 1)?.text;
  return { title: pageTitle || firstH1 || fallbackTitle, blocks };
}
