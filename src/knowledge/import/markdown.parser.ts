import { DocumentBlock, ParsedDocument } from './import-document';

/** Markdown inline syntax → the words a reader sees. */
export function stripInlineMarkdown(line: string): string {
  return line
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1') // images → alt text
    .replace(/\[([^\]]+)\]\([^)]*\)/g, '$1') // links → link text
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1') // reference links
    .replace(/<(https?:\/\/[^>\s]+)>/g, '$1') // autolinks
    .replace(/<\/?[A-Za-z][^>]*>/g, '') // inline HTML tags
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2') // bold
    .replace(/(^|[^\w*])\*(?=\S)(.+?)(?<=\S)\*(?!\w)/g, '$1$2') // *italic*
    .replace(/(^|\W)_(?=\S)(.+?)(?<=\S)_(?!\w)/g, '$1$2') // _italic_ (not snake_case)
    .replace(/~~(.+?)~~/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
}

/**
 * Markdown → headings (ATX `#` and setext underlines) and paragraphs. Code blocks are kept verbatim as
 * paragraphs; front matter, thematic breaks and reference definitions are dropped.
 */
export function parseMarkdown(text: string, fallbackTitle: string): ParsedDocument {
  const lines = text.split('\n');
  const blocks: DocumentBlock[] = [];
  let paragraph: string[] = [];
  let fence: string | null = null;
  let firstHeading: string | null = null;
  let start = 0;

  // YAML front matter: skip it, but take its title.
  let frontTitle: string | null = null;
  if (lines[0]?.trim() === '---') {
    const end = lines.findIndex((line, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(line));
    if (end > 0) {
      const titleLine = lines.slice(1, end).find((line) => /^title\s*:/i.test(line));
      frontTitle = titleLine ? titleLine.replace(/^title\s*:\s*/i, '').replace(/^["']|["']$/g, '').trim() || null : null;
      start = end + 1;
    }
  }

  const flush = () => {
    const body = paragraph.join('\n').trim();
    if (body) blocks.push({ kind: 'paragraph', text: body });
    paragraph = [];
  };
  const heading = (level: number, raw: string) => {
    flush();
    const headingText = stripInlineMarkdown(raw).trim();
    if (!headingText) return;
    firstHeading ??= level === 1 ? headingText : null;
    blocks.push({ kind: 'heading', level, text: headingText });
  };

  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    const fenceMatch = /^\s{0,3}(```+|~~~+)/.exec(line);
    if (fence !== null) {
      if (fenceMatch && fenceMatch[1][0] === fence[0] && fenceMatch[1].length >= fence.length) {
        fence = null;
        flush();
      } else paragraph.push(line);
      continue;
    }
    if (fenceMatch) {
      flush();
      fence = fenceMatch[1];
      continue;
    }
    const atx = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (atx) {
      heading(atx[1].length, atx[2]);
      continue;
    }
    // Setext: "Title\n====" (h1) or "Title\n----" (h2), only right under a one-line paragraph.
    if (/^\s{0,3}(=+|-+)\s*$/.test(line) && paragraph.length === 1) {
      const raw = paragraph[0];
      paragraph = [];
      heading(line.trim().startsWith('=') ? 1 : 2, raw);
      continue;
    }
    if (!line.trim()) {
      flush();
      continue;
    }
    if (/^\s{0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush(); // thematic break
      continue;
    }
    if (/^\s{0,3}\[[^\]]+\]:\s*\S+/.test(line)) continue; // link reference definition
    paragraph.push(stripInlineMarkdown(line.replace(/^\s{0,3}>\s?/, '')));
  }
  flush();
  return { title: frontTitle ?? firstHeading ?? fallbackTitle, blocks };
}
