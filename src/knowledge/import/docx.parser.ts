import mammoth from 'mammoth';
import { ImportInputError, ParsedDocument } from './import-document';
import { parseHtml } from './html.parser';

// Images carry no text we could retrieve: skip their bytes instead of inlining them as data URIs.
const noImages = mammoth.images.imgElement(async () => ({ src: '' }));

/** Word (.docx) → HTML with mammoth (Heading styles become h1–h6) → the HTML reader. */
export async function parseDocx(bytes: Buffer, fileName: string, title: string): Promise<ParsedDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes }, { convertImage: noImages, externalFileAccess: false })).value;
  } catch (error) {
    throw new ImportInputError('corrupt', `"${fileName}" could not be read as a Word document (${describe(error)})`);
  }
  const document = parseHtml(html, title);
  return { ...document, title };
}

function describe(error: unknown): string {
  const message = (error as Error)?.message ?? String(error);
  // JSZip and mammoth say what is wrong in their first sentence.
  return message.split('\n')[0].replace(/\.$/, '').slice(0, 200);
}
