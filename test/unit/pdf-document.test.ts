import { describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/pdf/document.ts';
import { pdfPages, pdfText, pdfTitle } from '../support/pdf-text.ts';

describe('renderPdf', () => {
  it('writes headings, paragraphs, fields and tables whose text can be read back, Dutch accents included', async () => {
    const pdf = await renderPdf({
      title: 'Uitnodiging hoorgesprek',
      lang: 'nl',
      footer: 'Vertrouwelijk',
      blocks: [
        { kind: 'heading', text: 'Uitnodiging voor een hoorgesprek' },
        { kind: 'fields', rows: [['Aan', 'mevrouw Ezgi Çelik-Jansen'], ['Datum', '26 november 2026']] },
        { kind: 'paragraph', text: 'Wij nodigen u uit voor een gesprek over één bericht op sociale media. Kosten: € 0.' },
        { kind: 'table', columns: ['Datum', 'Maatregel'], rows: [['2026-11-20', 'schriftelijke waarschuwing']] },
      ],
    });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Uitnodiging voor een hoorgesprek');
    expect(text).toContain('mevrouw Ezgi Çelik-Jansen');
    expect(text).toContain('één bericht op sociale media. Kosten: € 0.');
    expect(text).toContain('schriftelijke waarschuwing');
    expect(text).toContain('Vertrouwelijk — pagina 1/1');
    expect(await pdfTitle(pdf)).toBe('Uitnodiging hoorgesprek');
  });

  it('breaks long content over pages and numbers every page', async () => {
    const rows = Array.from({ length: 120 }, (_, i) => [`rij ${i + 1}`, 'waarde']);
    const pages = await pdfPages(await renderPdf({ title: 'Lang', lang: 'nl', footer: 'Inzage', blocks: [{ kind: 'table', columns: ['Rij', 'Waarde'], rows }] }));
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain(`Inzage — pagina ${pages.length}/${pages.length}`);
    expect(pages.join(' ')).toContain('rij 120');
  });

  it('shows characters outside the font as a question mark instead of failing', async () => {
    const text = await pdfText(await renderPdf({ title: 'x', lang: 'en', blocks: [{ kind: 'paragraph', text: 'Emoji 😀 and 漢字 end.' }] }));
    expect(text).toContain('Emoji ? and ?? end.');
  });
});
