// The text of a PDF, page by page, as a reader (or a screen reader) would get it: pdf.js extracts it,
// so a test checks what the document really says, not what we meant to write.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const fonts = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts') + '/';

export async function pdfPages(data: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(data), standardFontDataUrl: fonts, useSystemFonts: false, isEvalSupported: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

/** All pages' text, with whitespace runs folded to one space. */
export async function pdfText(data: Uint8Array): Promise<string> {
  return (await pdfPages(data)).join('\n').replace(/\s+/gu, ' ').trim();
}

/** The document's title from its properties. */
export async function pdfTitle(data: Uint8Array): Promise<string | undefined> {
  const pdf = await getDocument({ data: new Uint8Array(data), standardFontDataUrl: fonts, isEvalSupported: false }).promise;
  const meta = await pdf.getMetadata();
  await pdf.destroy();
  const info = meta.info as { Title?: string };
  return info.Title;
}
