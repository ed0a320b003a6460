// CSV text to rows with their line numbers. The delimiter (comma, semicolon or tab) is sniffed
// from the header line: Dutch Excel writes semicolons.
import { parse } from 'csv-parse/sync';
import { fileError } from './types.ts';

export interface CsvRow {
  /** The 1-based line where the row starts. */
  line: number;
  fields: string[];
}

export interface CsvTable {
  header: string[];
  /** The header's line (1 unless blank lines precede it). */
  headerLine: number;
  rows: CsvRow[];
  delimiter: string;
}

/** Counts delimiter candidates on the first non-empty line, outside quotes. */
export function sniffDelimiter(text: string): string {
  const start = text.search(/[^\r\n]/);
  const counts = new Map<string, number>([
    [',', 0],
    [';', 0],
    ['\t', 0],
  ]);
  let quoted = false;
  for (let i = Math.max(start, 0); i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && counts.has(c)) counts.set(c, counts.get(c)! + 1);
  }
  let best = ',';
  for (const [d, n] of counts) if (n > counts.get(best)!) best = d;
  return best;
}

/** The line where the quote that is never closed opened (RFC 4180 quoting). */
function unclosedQuoteLine(text: string, delimiter: string): number {
  let line = 1;
  let openedAt = 0;
  let quoted = false;
  let fieldStart = true;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') i++;
        else quoted = false;
      } else if (c === '\n') line++;
      continue;
    }
    if (c === '"' && fieldStart) {
      quoted = true;
      openedAt = line;
    } else if (c === '\n') line++;
    fieldStart = c === delimiter || c === '\n' || c === '\r';
  }
  return quoted ? openedAt : 0;
}

function newlines(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 10) n++;
  if (n === 0) for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === 13) n++;
  return n;
}

/** Parses CSV text into a header and rows; a malformed file throws a RosterImportError. */
export function parseCsv(text: string, file: string): CsvTable {
  const delimiter = sniffDelimiter(text);
  let records: string[][];
  try {
    // Without csv-parse's per-record info (a copy of its state for every row, slow on big files):
    // empty lines stay records, so that lines can be counted below.
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      bom: true,
      max_record_size: 1_000_000,
    }) as string[][];
  } catch (e) {
    const err = e as { code?: string; lines?: number; message?: string };
    const at = typeof err.lines === 'number' ? err.lines : 0;
    switch (err.code) {
      case 'CSV_QUOTE_NOT_CLOSED': {
        const opened = unclosedQuoteLine(text, delimiter);
        throw fileError(`the CSV is malformed: a quoted field (opened with ") is never closed`, file, opened || at);
      }
      case 'INVALID_OPENING_QUOTE':
      case 'CSV_INVALID_CLOSING_QUOTE':
        throw fileError('the CSV is malformed: a quote (") inside a field must be doubled ("") and the field quoted as a whole', file, at);
      case 'CSV_MAX_RECORD_SIZE':
        throw fileError('the CSV is malformed: a row is longer than 1,000,000 characters (is a quote never closed?)', file, at);
      default:
        throw fileError(`the CSV cannot be read: ${String(err.code ?? 'parse error').toLowerCase()}`, file, at);
    }
  }
  const rows: CsvRow[] = [];
  let line = 1;
  for (const record of records) {
    rows.push({ line, fields: record });
    // A record takes one line plus the line breaks inside its quoted fields.
    line += 1;
    for (const f of record) line += newlines(f);
  }
  // Rows of only empty fields (";;;;" from a spreadsheet) are not rows.
  const content = rows.filter((r) => r.fields.some((f) => f.trim() !== ''));
  const [head, ...body] = content;
  if (!head) throw fileError('the file is empty', file);
  return { header: head.fields.map((h) => h.trim()), headerLine: head.line, rows: body, delimiter };
}
