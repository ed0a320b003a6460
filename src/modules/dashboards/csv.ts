// CSV for Dutch Excel (docs/dashboards.md): UTF-8 with a byte-order mark (so that Excel reads
// ë and é right), a semicolon between cells (Dutch Excel's list separator: a comma is its decimal
// sign), CRLF line ends, a decimal comma in fractions. Cells with a separator, a quote or a line
// break are quoted. A text cell that starts with = + - @, a tab or a carriage return would be run
// as a formula by a spreadsheet (CSV injection): it gets a leading apostrophe, which Excel shows
// as text and does not display.

export const BOM = '\uFEFF';
export const SEPARATOR = ';';

/** A number cell (written with a decimal comma), a text cell, or empty. */
export type Cell = number | string | null;

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text cell made safe for spreadsheets. */
export function textCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function quote(raw: string): string {
  return /[;"\r\n,]/.test(raw) || raw !== raw.trim() ? `"${raw.replace(/"/g, '""')}"` : raw;
}

/** A number as Dutch Excel reads it: 0.125 → "0,125" (at most 4 decimals). */
export function numberCell(n: number): string {
  const rounded = Math.round(n * 10_000) / 10_000;
  return String(rounded).replace('.', ',');
}

function cell(value: Cell): string {
  if (value === null) return '';
  if (typeof value === 'number') return numberCell(value);
  return quote(textCell(value));
}

/** The whole file: BOM, header row, data rows, CRLF after each. */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return BOM + [header.map((h) => quote(h)), ...rows.map((r) => r.map(cell))].map((r) => `${r.join(SEPARATOR)}\r\n`).join('');
}

