// The dashboards' CSV writer (src/modules/dashboards/csv.ts): what Dutch Excel needs, the guard
// against formula injection, and that a file reads back as written (with src/connections/parsers.ts).
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/connections/parsers.ts';
import { BOM, numberCell, SEPARATOR, textCell, toCsv } from '../../src/modules/dashboards/csv.ts';

describe('dashboard CSV', () => {
  it('starts with a BOM, separates with semicolons and ends every row with CRLF', () => {
    const csv = toCsv(['groep', 'aandeel'], [['5b', 0.5], ['6a', 1]]);
    expect(csv).toBe('\uFEFFgroep;aandeel\r\n5b;0,5\r\n6a;1\r\n');
  });

  it('writes fractions with a decimal comma, at most four decimals, and none as an empty cell', () => {
    expect(numberCell(2 / 3)).toBe('0,6667');
    expect(numberCell(7200)).toBe('7200');
    expect(toCsv(['a', 'b'], [[null, 0]])).toBe('\uFEFFa;b\r\n;0\r\n');
  });

  it('neutralises text that a spreadsheet would run as a formula', () => {
    for (const s of ['=1+1', '+31 20 555', '-2', '@SUM(A1)', '\t=x', '\r=x']) expect(textCell(s)).toBe(`'${s}`);
    for (const s of ['De Regenboog', '5b', 'A.7', '']) expect(textCell(s)).toBe(s);
    const csv = toCsv(['school'], [['=HYPERLINK("http://x.example";"klik")']]);
    expect(csv).toBe('\uFEFFschool\r\n"\'=HYPERLINK(""http://x.example"";""klik"")"\r\n');
  });

  it('quotes separators, quotes and line breaks, and reads them back', () => {
    const rows = [['Basisschool "De Klimop"; Noord', 'a,b', 'twee\r\nregels', ' spatie ', '3']];
    const csv = toCsv(['a', 'b', 'c', 'd', 'e'], rows);
    expect(csv.startsWith(BOM)).toBe(true);
    // Read back with the project's one CSV reader (src/connections/parsers.ts), after the BOM.
    const back = parseCsv(csv.slice(BOM.length), SEPARATOR);
    expect(back).toEqual([['a', 'b', 'c', 'd', 'e'], ...rows]);
  });
});
