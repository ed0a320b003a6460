// Field checks shared by the formats: dates, names, e-mail addresses, lists.

export const MAX_NAME_LENGTH = 200;
export const MAX_ID_LENGTH = 100;

/** YYYY-MM-DD, or DD-MM-YYYY (also with / or . and one-digit day or month); null when not a real date. */
export function parseDate(value: string, today: Date = new Date()): string | null {
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (match) [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  else {
    match = /^(\d{1,2})([-/.])(\d{1,2})\2(\d{4})$/.exec(value);
    if (!match) return null;
    [d, m, y] = [Number(match[1]), Number(match[3]), Number(match[4])];
  }
  if (m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  if (y < 1900 || y > today.getUTCFullYear() + 1) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A `;`-separated list (commas too when `commas`), trimmed, without empty items or repeats. */
export function splitList(value: string, commas = false): string[] {
  const parts = value.split(commas ? /[;,]/ : ';').map((s) => s.trim()).filter((s) => s !== '');
  return [...new Set(parts)];
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const isEmail = (s: string): boolean => EMAIL.test(s);

/** Control characters other than tab and line breaks have no place in a roster. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
export const hasControlCharacters = (s: string): boolean => CONTROL.test(s);

/** "Groep 5b" → "5b", "groep 1/2a" → "1/2a", "5B" stays "5B". */
export function groupCode(value: string): string {
  return value.trim().replace(/^groep\s+/i, '').trim();
}

/**
 * Checks a name field: required or not, not too long, no control characters or line breaks.
 * Returns the trimmed value, or a reason.
 */
export function checkName(value: string | undefined, column: string, required: boolean): { value: string | null } | { reason: string } {
  const v = (value ?? '').trim();
  if (v === '') return required ? { reason: `${column} is empty` } : { value: null };
  if (v.length > MAX_NAME_LENGTH) return { reason: `${column} is longer than ${MAX_NAME_LENGTH} characters` };
  if (hasControlCharacters(v) || /[\r\n]/.test(v)) return { reason: `${column} contains a line break or control character` };
  return { value: v };
}
