// Readable PDF documents (letters, subject-access exports) from a small block model, with PDFKit's
// built-in Helvetica: WinAnsi covers Dutch (ë, é, ï, €). The model keeps layout out of the modules:
// a module says what the document holds, this file decides how it looks.
import PDFDocument from 'pdfkit';

export type PdfBlock =
  | { kind: 'heading'; text: string; level?: 1 | 2 }
  | { kind: 'paragraph'; text: string }
  /** Label–value lines, e.g. a letter's addressee block or a record's fields. */
  | { kind: 'fields'; rows: readonly (readonly [string, string])[] }
  | { kind: 'table'; columns: readonly string[]; rows: readonly (readonly string[])[] }
  | { kind: 'spacer' };

export interface PdfDocumentSpec {
  title: string;
  lang: 'nl' | 'en';
  /** Shown in the document properties (e.g. the school). */
  author?: string;
  /** A line at the bottom of every page (e.g. "Vertrouwelijk — personeelsdossier"). */
  footer?: string;
  /** Fixed creation date, so the same input gives the same document. */
  createdAt?: Date;
  blocks: readonly PdfBlock[];
}

const MARGIN = 56;
const SIZES = { 1: 16, 2: 13, body: 10.5, small: 8.5 } as const;

// WinAnsi: Latin-1 plus the CP1252 extras PDFKit maps (quotes, dashes, euro, ellipsis, bullet).
const NOT_WIN_ANSI = /[^\t\n\r\u0020-\u007e\u00a0-\u00ff\u2013\u2014\u2018\u2019\u201a\u201c\u201d\u201e\u2020\u2021\u2022\u2026\u2030\u2039\u203a\u20ac\u2122\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc]/gu;
const NOT_WIN_ANSI_ONE = new RegExp(NOT_WIN_ANSI.source, 'u');
/** Letters without a decomposition that still have a plain look-alike (Turkish dotless i, Polish l, ...). */
const LOOK_ALIKE: Record<string, string> = { 'ı': 'i', 'ł': 'l', 'Ł': 'L', 'đ': 'd', 'Đ': 'D', 'ħ': 'h', 'Ħ': 'H' };

/**
 * Characters Helvetica (WinAnsi) cannot show lose their accent where that makes them showable
 * (ş → s, ğ → g, ć → c: names on a letter stay readable); anything else becomes '?': never a
 * broken document.
 */
function printable(text: string): string {
  return text.normalize('NFC').replace(NOT_WIN_ANSI, (c) => {
    if (/^\p{M}+$/u.test(c)) return '';
    const plain = LOOK_ALIKE[c] ?? c.normalize('NFD').replace(/\p{M}+/gu, '');
    return plain && plain !== c && !NOT_WIN_ANSI_ONE.test(plain) ? plain : '?';
  });
}

export function renderPdf(spec: PdfDocumentSpec): Promise<Buffer> {
  const created = spec.createdAt ?? new Date();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN + 14, left: MARGIN, right: MARGIN },
    bufferPages: true,
    lang: spec.lang,
    displayTitle: true,
    info: { Title: printable(spec.title), Author: printable(spec.author ?? 'Postwijzer'), Creator: 'Postwijzer', CreationDate: created, ModDate: created },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const finished = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const width = doc.page.width - 2 * MARGIN;

  for (const block of spec.blocks) {
    switch (block.kind) {
      case 'heading':
        doc.moveDown(block.level === 2 ? 0.6 : 0.2);
        doc.font('Helvetica-Bold').fontSize(SIZES[block.level ?? 1]).text(printable(block.text), { width });
        doc.moveDown(0.3);
        break;
      case 'paragraph':
        doc.font('Helvetica').fontSize(SIZES.body).text(printable(block.text), { width, align: 'left', lineGap: 2 });
        doc.moveDown(0.6);
        break;
      case 'fields':
        for (const [label, value] of block.rows) {
          doc.font('Helvetica-Bold').fontSize(SIZES.body).text(`${printable(label)}: `, { continued: true, width });
          doc.font('Helvetica').text(printable(value) || '—', { width });
        }
        doc.moveDown(0.6);
        break;
      case 'table':
        table(doc, block.columns, block.rows, width);
        doc.moveDown(0.6);
        break;
      case 'spacer':
        doc.moveDown(1);
        break;
    }
  }

  if (spec.footer) {
    const range = doc.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      doc.switchToPage(i);
      const bottom = doc.page.margins.bottom;
      doc.page.margins.bottom = 0;
      const label = `${printable(spec.footer)} — ${spec.lang === 'nl' ? 'pagina' : 'page'} ${i + 1}/${range.count}`;
      doc.font('Helvetica').fontSize(SIZES.small).fillColor('#444444').text(label, MARGIN, doc.page.height - MARGIN, { width, align: 'center', lineBreak: false });
      doc.fillColor('black');
      doc.page.margins.bottom = bottom;
    }
  }
  doc.end();
  return finished;
}

/** A simple table: equal columns, bold header, rows that wrap and break across pages. */
function table(doc: PDFKit.PDFDocument, columns: readonly string[], rows: readonly (readonly string[])[], width: number): void {
  const n = Math.max(1, columns.length);
  const colWidth = width / n;
  const pad = 3;
  const line = (cells: readonly string[], bold: boolean): void => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(SIZES.small + 0.5);
    const texts = Array.from({ length: n }, (_, i) => printable(cells[i] ?? ''));
    const height = Math.max(...texts.map((t) => doc.heightOfString(t || ' ', { width: colWidth - 2 * pad }))) + 2 * pad;
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) doc.addPage();
    const y = doc.y;
    texts.forEach((t, i) => doc.text(t, MARGIN + i * colWidth + pad, y + pad, { width: colWidth - 2 * pad }));
    doc.moveTo(MARGIN, y + height).lineTo(MARGIN + width, y + height).lineWidth(0.5).strokeColor('#999999').stroke();
    doc.x = MARGIN;
    doc.y = y + height;
  };
  line(columns, true);
  for (const r of rows) line(r, false);
}
