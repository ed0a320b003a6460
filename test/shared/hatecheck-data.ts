// HateCheck-NL as cases, and the scores we report on it; shared by test/shared/hatecheck.test.ts
// and bench/decency.ts. The file is read in place (../shared/data/hatecheck-nl-dev.csv).
import { existsSync, readFileSync } from 'node:fs';

export interface HateCheckCase {
  functionality: string;
  text: string;
  hateful: boolean;
}

export interface Score {
  n: number;
  accuracy: number;
  macroF1: number;
}

/** Insults at a person: non-hateful for HateCheck (no protected group), abuse under A.7. */
export const LEFT_OUT = new Set(['target_indiv_nh']);

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return rows;
}

/** The cases of a HateCheck CSV; a clear error when the file is missing or lacks a column. */
export function readHateCheck(path: string): HateCheckCase[] {
  if (!existsSync(path)) throw new Error(`${path} is missing: HateCheck-NL is read from ../shared beside the repository.`);
  const rows = parseCsv(readFileSync(path, 'utf8'));
  const header = rows[0] ?? [];
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`HateCheck CSV has no column ${name}`);
    return i;
  };
  const fi = col('functionality');
  const ti = col('test_case');
  const li = col('label_gold');
  return rows.slice(1).filter((r) => r.length > li).map((r) => ({
    functionality: r[fi] as string, text: r[ti] as string, hateful: r[li] === 'hateful',
  }));
}

/** Accuracy and macro-F1 (the mean of the F1 of "hateful" and of "not hateful"). */
export function score(cases: { gold: boolean; pred: boolean }[]): Score {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  for (const c of cases) {
    if (c.gold && c.pred) tp++;
    else if (!c.gold && c.pred) fp++;
    else if (c.gold && !c.pred) fn++;
    else tn++;
  }
  const f1 = (p: number, q: number, r: number): number => (2 * p === 0 ? 0 : (2 * p) / (2 * p + q + r));
  return { n: cases.length, accuracy: cases.length ? (tp + tn) / cases.length : 0, macroF1: (f1(tp, fp, fn) + f1(tn, fn, fp)) / 2 };
}

/** Cases grouped by functionality, sorted by name. */
export function byFunctionality<T extends { functionality: string }>(cases: T[]): [string, T[]][] {
  const map = new Map<string, T[]>();
  for (const c of cases) {
    const list = map.get(c.functionality);
    if (list) list.push(c); else map.set(c.functionality, [c]);
  }
  return [...map].sort(([a], [b]) => a.localeCompare(b));
}
