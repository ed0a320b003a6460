// Identifier detection: BSN, IBAN, Dutch phone numbers, e-mail addresses, addresses (postcode
// with house number, street with house number) and dates. Pure TypeScript, no I/O: it runs in
// the browser too. Every regex is compiled once, when the module loads, and is linear: no nested
// quantifiers over overlapping character classes.
//
// Offsets are UTF-16 code units into the text as given (JavaScript string indices).

import { IBAN_COUNTRIES } from './iban-registry.ts';

export type IdentifierKind = 'bsn' | 'iban' | 'phone' | 'email' | 'address' | 'date';

export interface IdentifierMatch {
  kind: IdentifierKind;
  /** UTF-16 offsets into the original text, end exclusive. */
  start: number;
  end: number;
  /** phone: national digits ('0612345678'); email: lower case; iban: upper case without
   *  separators; bsn: 9 digits; date: 'YYYY-MM-DD'; address: the matched text. */
  normalized: string;
  /** Dates only: a birth-date cue ("geboren op", "geb.", "date of birth", ...) precedes it. */
  birthContext?: boolean;
}

// ---------------------------------------------------------------------------------------------
// Validators

const SEPARATORS = /[ .\-\u00a0\u202f]/g;
const NINE_DIGITS = /^\d{9}$/;
const TWO_DIGITS = /^\d\d$/;
const LETTER = /\p{L}/u;
const ALNUM = /[A-Za-z0-9]/;
const APOSTROPHE = /^['’]/;
const NON_DIGITS = /\D/g;

/** The 11-test ("elfproef") for a BSN: nine digits d1..d9 with
 *  9*d1 + 8*d2 + ... + 2*d8 - d9 divisible by 11. Dots, spaces and dashes between groups are
 *  ignored; anything else, or another number of digits, is no BSN. */
export function isValidBsn(digits: string): boolean {
  const s = digits.replace(SEPARATORS, '');
  if (!NINE_DIGITS.test(s)) return false;
  if (s === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (s.charCodeAt(i) - 48) * (9 - i);
  sum -= s.charCodeAt(8) - 48;
  return sum % 11 === 0;
}

/** ISO 7064 mod 97-10 over the IBAN rearranged (BBAN, country code, check digits). `iban` is
 *  upper case without separators. */
function ibanMod97(iban: string): number {
  let r = 0;
  const n = iban.length;
  for (let k = 0; k < n; k++) {
    const i = (k + 4) % n;
    const c = iban.charCodeAt(i);
    if (c >= 48 && c <= 57) r = (r * 10 + (c - 48)) % 97;
    else if (c >= 65 && c <= 90) r = (r * 100 + (c - 55)) % 97;
    else return -1;
  }
  return r;
}

/** The structure of an upper-case IBAN without separators: 'ok', 'structure' (unknown country,
 *  wrong length or BBAN characters) or 'checksum' (right structure, mod-97 fails). */
function ibanStatus(iban: string): 'ok' | 'structure' | 'checksum' {
  const country = IBAN_COUNTRIES.get(iban.slice(0, 2));
  if (country === undefined || iban.length !== country.length) return 'structure';
  if (!TWO_DIGITS.test(iban.slice(2, 4))) return 'structure';
  if (!country.bban.test(iban.slice(4))) return 'structure';
  return ibanMod97(iban) === 1 ? 'ok' : 'checksum';
}

/** An IBAN: known country, the country's length and BBAN character pattern (IBAN registry), and
 *  mod-97. Spaces, dashes and dots between characters are allowed; lower case is accepted. */
export function isValidIban(s: string): boolean {
  const compact = s.replace(SEPARATORS, '').toUpperCase();
  return ibanStatus(compact) === 'ok';
}

// ---------------------------------------------------------------------------------------------
// Phone numbers

/** National Dutch numbers we treat as personal: mobile (06-1..5, 06-8), geographic (01-05, 07),
 *  personal/company non-geographic (084, 085, 087, 088, 091). Not 0800/0900/0906/0909 service
 *  numbers, not 097 machine numbers, not 066/067. */
const NL_NATIONAL = /^0(?:[1-57][0-9]|6[1-58]|8[4578]|91)[0-9]{7}$/;
/** A numeric date right at a candidate's start (02-04-2017, 2.4.17): not a phone number. */
const DATE_SHAPE = /\d{1,2}([-./])\d{1,2}\1(?:\d{4}|\d{2})(?!\d)(?![-./]\d)/y;
/** A time or time range at a candidate's start (06.30-07.30, 08:30 uur): not a phone number. */
const TIME_SHAPE = /\d{1,2}[.:]\d{2}(?:[ \u00a0]?[-–][ \u00a0]?\d{1,2}[.:]\d{2}(?!\d)|[ \u00a0]?uur)/y;
/** Where a phone number can start: "+", "(" or "0", not inside a word or number. (The first
 *  character comes before the look-behind: that lets the regex engine skip ahead quickly.) */
const PHONE_START = /[(+0](?<![\p{L}\p{N}+_].)(?<!\p{N}[.,\-/].)/gu;

function isDigitCode(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isSpace(c: number): boolean {
  return c === 32 || c === 0xa0 || c === 0x202f;
}

/** The end of a separator between digit groups at p ("-", " ", " - ", ".", "/"), or p when there
 *  is none. */
function skipSeparator(text: string, p: number): number {
  let q = p;
  if (isSpace(text.charCodeAt(q))) q++;
  const c = text.charCodeAt(q);
  if (c === 45 || c === 0x2013 || c === 46 || c === 47) {
    q++;
    if (isSpace(text.charCodeAt(q))) q++;
  }
  return q;
}

function digitRunEnd(text: string, p: number): number {
  let q = p;
  while (isDigitCode(text.charCodeAt(q))) q++;
  return q;
}

interface PhoneParse {
  end: number;
  digits: string;
}

/** Parses a Dutch phone number written at `start`. Returns its end and national digits, or null
 *  when what is written there is not a complete Dutch number (ten national digits). */
function parsePhone(text: string, start: number): PhoneParse | null {
  let p = start;
  let digits = '';
  let shortGroupOk = false; // a one-digit group is fine right after +31 / (0)
  let intl = false;
  if (text.startsWith('(+31)', p)) {
    p += 5;
    intl = true;
  } else if (text.startsWith('(0031)', p)) {
    p += 6;
    intl = true;
  } else if (text.charCodeAt(p) === 43 /* + */) {
    p++;
    if (isSpace(text.charCodeAt(p))) p++;
    if (!text.startsWith('31', p)) return null;
    p += 2;
    intl = true;
  } else if (text.startsWith('0031', p)) {
    p += 4;
    intl = true;
  }
  if (intl) {
    digits = '0';
    p = skipSeparator(text, p);
    if (text.startsWith('(0)', p)) {
      p = skipSeparator(text, p + 3);
    } else if (text.charCodeAt(p) === 48 /* a trunk 0 written anyway: +31 06 ... */) {
      p = skipSeparator(text, p + 1);
    }
    shortGroupOk = true;
  } else if (text.charCodeAt(p) === 40 /* ( */) {
    // (020) 123 4567, (0111) 123456, (06) 12345678
    const q = digitRunEnd(text, p + 1);
    const len = q - (p + 1);
    if (len < 2 || len > 4 || text.charCodeAt(p + 1) !== 48 || text.charCodeAt(q) !== 41 /* ) */) return null;
    digits = text.slice(p + 1, q);
    p = skipSeparator(text, q + 1);
  } else if (text.charCodeAt(p) !== 48) {
    return null;
  }
  if (!isDigitCode(text.charCodeAt(p))) return null;
  let first = digits.length === 0 || shortGroupOk;
  for (;;) {
    const q = digitRunEnd(text, p);
    const len = q - p;
    if (len === 0) return null;
    if (len < 2 && !(first && shortGroupOk)) return null;
    digits += text.slice(p, q);
    p = q;
    first = false;
    if (digits.length > 10) return null;
    if (digits.length === 10) break;
    const next = skipSeparator(text, p);
    if (next === p || !isDigitCode(text.charCodeAt(next))) return null;
    p = next;
  }
  // Not part of something longer: a letter or digit right after, or "-5", ".5", "/5".
  const after = text.charCodeAt(p);
  if (isDigitCode(after) || LETTER.test(text[p] ?? '')) return null;
  if ((after === 45 || after === 46 || after === 47 || after === 0x2013) && isDigitCode(text.charCodeAt(p + 1))) {
    return null;
  }
  if (!NL_NATIONAL.test(digits)) return null;
  return { end: p, digits };
}

/** Normalises a Dutch phone number as written ("+31 (0)6 1234 5678", "020-1234567") to its
 *  national digits ("0612345678"), or null when it is not a Dutch number (or a service number). */
export function phoneDigits(s: string): string | null {
  const t = s.trim();
  if (t.length === 0) return null;
  DATE_SHAPE.lastIndex = 0;
  TIME_SHAPE.lastIndex = 0;
  if (DATE_SHAPE.test(t) || TIME_SHAPE.test(t)) return null;
  const r = parsePhone(t, 0);
  return r !== null && r.end === t.length ? r.digits : null;
}

// ---------------------------------------------------------------------------------------------
// Regexes of the other passes

/** IBAN candidates: two letters, check digits, then up to 34 letters/digits, each optionally
 *  preceded by one separator. The candidate is cut to the country's length in code. */
const IBAN_CANDIDATE = /(?<![A-Za-z0-9])([A-Za-z]{2})[ \-.\u00a0]?(\d{2})((?:[ \-.\u00a0]?[A-Za-z0-9]){1,34})/g;

/** E-mail, found from each "@": the local part before it (walked back in code), then the
 *  domain: labels and a TLD of letters or punycode. */
const EMAIL_LOCAL_CHAR = /[\p{L}\p{N}._%+-]/u;
const EMAIL_LOCAL_START = /[\p{L}\p{N}_]/u;
const EMAIL_DOMAIN =
  /(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:xn--[a-z0-9-]{1,59}|\p{L}{2,63})(?![\p{L}\p{N}_@-])/iuy;

/** BSN: nine digits, or 3-3-3 / 4-2-3 groups separated by the same dot, space or dash. */
const BSN =
  /(?<![\p{L}\p{N}])(?<!\p{N}[.,-])(\d{9}|\d{3}([ .-])\d{3}\2\d{3}|\d{4}([ .-])\d{2}\3\d{3})(?![\p{L}\p{N}])(?![.,-]\p{N})/gu;

const MONTH =
  '(januari|january|februari|february|maart|march|april|mei|may|juni|june|juli|july|augustus|august|september|oktober|october|november|december|jan|feb|mrt|mar|apr|jun|jul|aug|sept|sep|okt|oct|nov|dec)';
const SP = '[ \\u00a0]';

/** Dates, each starting with a digit (the boundary before it is checked in code). Groups: 1,3,4
 *  ISO y-m-d; 5,7,8 d-m-y numeric; 9-11 "2 april 2017"; 12,13 "2, 2017" (the end of "April 2,
 *  2017": the month before it is checked in code). */
const DATE = new RegExp(
  '(?:' +
    '(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})' +
    '|(\\d{1,2})([-/.])(\\d{1,2})\\6(\\d{4}|\\d{2})' +
    `|(\\d{1,2})(?:e|ste|de|st|nd|rd|th)?\\.?(?:${SP}+(?:(?:of|van)${SP}+)?|-)${MONTH}\\.?(?:,?${SP}+|-)(\\d{4}|['’]\\d{2})` +
    `|(\\d{1,2})(?:st|nd|rd|th)?,?${SP}+(\\d{4})` +
    // an ISO date-time keeps its date: 2024-03-15T14:30
    ')(?=T\\d|(?![\\p{L}\\p{N}])(?![.,\\-/]\\p{N}))',
  'giu',
);
/** The month name before "2, 2017" in "April 2, 2017". Run on a short slice. */
const MONTH_BEFORE = new RegExp(`(?:^|[^\\p{L}])(${MONTH}\\.?${SP}+)$`, 'iu');
/** Before a date: no letter or digit, and no digit with a separator (1.2.3.2017). */
const DATE_BOUNDARY_BEFORE = /(?:[\p{L}\p{N}]|\p{N}[.\-/])$/u;

/** A birth-date cue, then at most three words, ending where the date starts. Run on a short
 *  slice of the text before the date. */
const BIRTH_CUE =
  /(?:^|[^\p{L}])(?:geboren|geboortedatum|geboortedag|geb|born|date of birth|birth ?date|dob|d\.o\.b)\.?(?:[\s:,()\-–]+[\p{L}'.]+){0,3}[\s:,()\-–]*$/iu;

/** House number with an optional letter or addition: 12, 263A, 12a, 7-II, 12 hs, 12-1. Not a
 *  time, amount or "12 mei". */
const HOUSE_NUMBER =
  '[1-9]\\d{0,4}' +
  '(?:[a-zA-Z](?![\\p{L}\\p{N}])|[ \\u00a0][A-Z](?![\\p{L}\\p{N}]))?' +
  '(?:[-/](?:III|II|IV|I|hs|huis|bg|bis|[1-9]\\d{0,2}[a-zA-Z]?|[a-zA-Z])(?![\\p{L}\\p{N}])|[ \\u00a0](?:III|II|I|hs|huis|bis|bg)(?![\\p{L}\\p{N}]))?' +
  '(?![\\p{L}\\p{N}])(?![.,:]\\p{N})' +
  '(?![ \\u00a0](?:jan|feb|mrt|maa|apr|mei|jun|jul|aug|sep|okt|oct|nov|dec|uur)(?!\\p{L}))' +
  '(?![ \\u00a0](?:januari|februari|maart|april|juni|juli|augustus|september|oktober|november|december)(?!\\p{L}))';

/** A Dutch postcode: 4 digits not starting with 0, optional space, two letters other than SA,
 *  SD, SS (upper case; lower case only when written together, "1012ab"). */
const POSTCODE = '[1-9]\\d{3}(?:[ \\u00a0]?(?!S[ADS])[A-Z]{2}|(?!s[ads])[a-z]{2})(?!\\p{L})';

/** A capitalised word (Latin capital first) and a house number; the word is checked for a
 *  street suffix in code. An optional postcode after it is part of the address. */
const STREET_NUMBER = new RegExp(
  `([A-Z\\u00c0-\\u00d6\\u00d8-\\u00de](?<![\\p{L}\\p{N}'’].)[\\p{L}'’\\-]*)${SP}+(${HOUSE_NUMBER})(?:,?${SP}+(${POSTCODE})(?!\\p{N}))?`,
  'uy',
);
/** Where a house number can start: a digit 1-9 after a space (see nextStreetNumber). */
const SPACE_DIGIT = /[ \u00a0][1-9]/g;

/** Postcode followed by a house number: "1012 AB 12", "1012AB nr 5". */
const POSTCODE_NUMBER = new RegExp(
  `(?<![\\p{L}\\p{N}])${POSTCODE}(?:${SP}?-${SP}?|,?${SP}?(?:nr|no|nummer|huisnummer)\\.?${SP}?|${SP})?${HOUSE_NUMBER}`,
  'gu',
);

const STREET_SUFFIX =
  /(?:straat|laan|weg|plein|gracht|kade|kaai|dijk|singel|hof|park|dreef|pad|steeg|plantsoen|markt|wal|baan|ring|pier|erf|werf|veld|boulevard|kwartier|allee|haven|kanaal|vaart|promenade|straatje|laantje|steegje|pleintje|hofje|paadje)$/;
const S_PREFIX = /'[st][ -]$/;
/** Nouns in -ering (vergadering, viering) are no streets; -rring (Oosterring) is. */
const ERING = /[^r]ering$/;

/** Capitalised words (and particles between them) right before a street name: "Van",
 *  "Eerste", "1e", "Burgemeester de", "Jan van". Run on a short slice ending at the street. */
const STREET_PREFIX =
  /(?:^|[^\p{L}\p{N}'’.])((?:(?:\p{Lu}[\p{L}'’.-]*|[1-9]\d?(?:e|ste|de))[ \u00a0](?:(?:van|de|der|den|het|ter|ten|'t|op|aan|in|la|le|du|von)[ \u00a0])*){1,3})$/u;
/** "Laan van Meerdervoort 12": a bare street word, particles, a name. */
const GENERIC_STREET_BEFORE =
  /(?:^|[^\p{L}\p{N}])((?:Laan|Weg|Plein|Kade|Dijk|Singel|Gracht|Park|Hof|Markt|Straat|Dreef|Boulevard|Burgwal|Wal)[ \u00a0](?:(?:van|de|der|den|het|ter|ten|'t|op|aan)[ \u00a0]){1,3}(?:\p{Lu}[\p{L}'’-]*[ \u00a0]){0,2})$/u;

// ---------------------------------------------------------------------------------------------
// The detector

interface Span {
  start: number;
  end: number;
}

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  for (const s of spans) if (start < s.end && s.start < end) return true;
  return false;
}

const MONTH_NUMBERS: Readonly<Record<string, number>> = {
  jan: 1,
  feb: 2,
  maa: 3,
  mrt: 3,
  mar: 3,
  apr: 4,
  mei: 5,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  okt: 10,
  oct: 10,
  nov: 11,
  dec: 12,
};

function monthNumber(name: string): number {
  return MONTH_NUMBERS[name.slice(0, 3).toLowerCase()] ?? 0;
}

function isoDate(year: number, month: number, day: number): string | null {
  if (year < 1800 || year > 2199 || month < 1 || month > 12 || day < 1) return null;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  if (day > days) return null;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A two-digit year: '00-'39 are 20xx, '40-'99 are 19xx. */
function fullYear(y: string): number {
  const digits = y.replace(APOSTROPHE, '');
  const n = Number(digits);
  if (digits.length === 4) return n;
  return n < 40 ? 2000 + n : 1900 + n;
}

function dateOf(m: RegExpExecArray): string | null {
  if (m[1] !== undefined) return isoDate(Number(m[1]), Number(m[3]), Number(m[4]));
  if (m[5] !== undefined) {
    // Day first (Dutch); month first only when day first is no date at all (5/20/2021).
    const year = fullYear(m[8] ?? '');
    return isoDate(year, Number(m[7]), Number(m[5])) ?? isoDate(year, Number(m[5]), Number(m[7]));
  }
  if (m[9] !== undefined) return isoDate(fullYear(m[11] ?? ''), monthNumber(m[10] ?? ''), Number(m[9]));
  return null;
}

function hasBirthCue(text: string, start: number): boolean {
  return BIRTH_CUE.test(text.slice(Math.max(0, start - 60), start));
}

const SEPARATOR_CODES = new Set([32, 45, 46, 0xa0]);

function findIbans(text: string, out: IdentifierMatch[], taken: Span[]): void {
  const re = IBAN_CANDIDATE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const cc = (m[1] ?? '').toUpperCase();
    const country = IBAN_COUNTRIES.get(cc);
    if (country === undefined) {
      re.lastIndex = start + 1;
      continue;
    }
    // Walk the candidate's tail and take exactly the country's BBAN length in characters.
    const tail = m[3] ?? '';
    const tailStart = start + m[0].length - tail.length;
    let need = country.bbanLength;
    let bban = '';
    let p = tailStart;
    let grouped = m[0].length - tail.length > 4; // a separator after the country code or check digits
    const limit = start + m[0].length;
    while (need > 0 && p < limit) {
      const c = text.charCodeAt(p);
      if (SEPARATOR_CODES.has(c)) grouped = true;
      else {
        bban += text[p];
        need--;
      }
      p++;
    }
    if (need > 0) {
      re.lastIndex = start + 1;
      continue;
    }
    // p is the end. Reject when the characters run on: a letter or digit right after, or (in a
    // grouped writing) one separator and a digit ("AT61 1904 3002 3457 3201 99").
    const after = text.charCodeAt(p);
    const runsOn =
      ALNUM.test(text[p] ?? '') ||
      (grouped && SEPARATOR_CODES.has(after) && isDigitCode(text.charCodeAt(p + 1)));
    if (runsOn) {
      re.lastIndex = start + 1;
      continue;
    }
    const iban = `${cc}${m[2] ?? ''}${bban.toUpperCase()}`;
    const status = ibanStatus(iban);
    if (status === 'ok') {
      out.push({ kind: 'iban', start, end: p, normalized: iban });
      taken.push({ start, end: p });
      re.lastIndex = p;
    } else {
      // An IBAN with a typo in it: its digits are no phone number or BSN either.
      if (status === 'checksum') taken.push({ start, end: p });
      re.lastIndex = start + 1;
    }
  }
}

function findEmails(text: string, out: IdentifierMatch[], taken: Span[]): void {
  let at = text.indexOf('@');
  while (at !== -1) {
    let start = at;
    // The local part does not reach into an IBAN found before it ("...1643 00İinfo@").
    let floor = 0;
    for (const t of taken) if (t.end <= at && t.end > floor) floor = t.end;
    while (start > floor && EMAIL_LOCAL_CHAR.test(text[start - 1] ?? '')) start--;
    // A local part starts with a letter, digit or underscore: "...jan@" is "jan@".
    while (start < at && !EMAIL_LOCAL_START.test(text[start] ?? '')) start++;
    if (start < at) {
      EMAIL_DOMAIN.lastIndex = at + 1;
      const d = EMAIL_DOMAIN.exec(text);
      if (d !== null) {
        const end = at + 1 + d[0].length;
        if (!overlaps(taken, start, end)) {
          out.push({ kind: 'email', start, end, normalized: text.slice(start, end).toLowerCase() });
          taken.push({ start, end });
        }
        at = text.indexOf('@', end);
        continue;
      }
    }
    at = text.indexOf('@', at + 1);
  }
}

function findPhones(text: string, out: IdentifierMatch[], taken: Span[]): void {
  const re = PHONE_START;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    DATE_SHAPE.lastIndex = start;
    TIME_SHAPE.lastIndex = start;
    if (DATE_SHAPE.test(text) || TIME_SHAPE.test(text)) continue;
    const r = parsePhone(text, start);
    if (r === null) continue;
    if (overlaps(taken, start, r.end)) continue;
    out.push({ kind: 'phone', start, end: r.end, normalized: r.digits });
    taken.push({ start, end: r.end });
    re.lastIndex = r.end;
  }
}

function findBsns(text: string, out: IdentifierMatch[], taken: Span[]): void {
  const re = BSN;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    const digits = m[0].replace(NON_DIGITS, '');
    if (!isValidBsn(digits) || overlaps(taken, start, end)) continue;
    out.push({ kind: 'bsn', start, end, normalized: digits });
    taken.push({ start, end });
  }
}

function findDates(text: string, out: IdentifierMatch[], taken: Span[]): void {
  const re = DATE;
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    let start = m.index;
    const end = start + m[0].length;
    if (DATE_BOUNDARY_BEFORE.test(text.slice(Math.max(0, start - 2), start))) {
      re.lastIndex = start + 1;
      continue;
    }
    let iso: string | null;
    if (m[12] !== undefined) {
      // "2, 2017": a date only with a month name right before it ("April 2, 2017").
      const month = MONTH_BEFORE.exec(text.slice(Math.max(0, start - 16), start));
      if (month === null) {
        re.lastIndex = start + 1;
        continue;
      }
      start -= (month[1] ?? '').length;
      iso = isoDate(Number(m[13]), monthNumber(month[2] ?? ''), Number(m[12]));
    } else {
      iso = dateOf(m);
    }
    if (iso === null || overlaps(taken, start, end)) continue;
    out.push({ kind: 'date', start, end, normalized: iso, birthContext: hasBirthCue(text, start) });
    taken.push({ start, end });
  }
}

function isStreetWord(word: string): boolean {
  const w = word.toLowerCase();
  return STREET_SUFFIX.test(w) && !ERING.test(w);
}

/** `streets`: a street and number can be there (a digit 1-9 after a space); `postcodes`: four
 *  digits in a row. */
function findAddresses(text: string, out: IdentifierMatch[], taken: Span[], streets: boolean, postcodes: boolean): void {
  let m: RegExpExecArray | null;
  let from = 0;
  while (streets && (m = nextStreetNumber(text, from)) !== null) {
    from = m.index + m[0].length;
    const word = m[1] ?? '';
    let start = m.index;
    const end = start + m[0].length;
    const before = text.slice(Math.max(0, start - 60), start);
    if (isStreetWord(word)) {
      if (S_PREFIX.test(before)) start -= 3; // 's-Gravendijkwal
      const prefix = STREET_PREFIX.exec(text.slice(Math.max(0, start - 60), start));
      if (prefix !== null) start -= (prefix[1] ?? '').length;
    } else {
      const generic = GENERIC_STREET_BEFORE.exec(before);
      if (generic === null) {
        // No street ("Groep 7"): try again right after the word, so that whatever the house
        // number pattern took ("Groep 7, 1012 AB") is looked at again.
        from = m.index + word.length;
        continue;
      }
      start -= (generic[1] ?? '').length;
    }
    if (overlaps(taken, start, end)) continue;
    const matched = text.slice(start, end);
    out.push({ kind: 'address', start, end, normalized: matched });
    taken.push({ start, end });
  }
  const pc = POSTCODE_NUMBER;
  pc.lastIndex = 0;
  while (postcodes && (m = pc.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    out.push({ kind: 'address', start, end, normalized: m[0] });
    taken.push({ start, end });
  }
}

/**
 * The first match of STREET_NUMBER that starts at or after `from`: what a global search from
 * `from` finds, without running the long regex over the whole text. A match is a capitalised
 * word, spaces and a house number, so it ends in a digit 1-9 after spaces; for each such digit
 * the regex is tried (sticky) at the capitals of the word run before the spaces, left to right.
 * The run is walked back over ASCII letters, apostrophes and hyphens and over any non-ASCII code
 * unit, which covers every character the regex's word part can hold; trying a position too many
 * only costs a failed attempt.
 */
function nextStreetNumber(text: string, from: number): RegExpExecArray | null {
  const cand = SPACE_DIGIT;
  cand.lastIndex = from;
  let c: RegExpExecArray | null;
  while ((c = cand.exec(text)) !== null) {
    let spaces = c.index;
    while (spaces > from && (text.charCodeAt(spaces - 1) === 32 || text.charCodeAt(spaces - 1) === 0xa0)) spaces--;
    let run = spaces;
    while (run > from && mayBeInStreetWord(text.charCodeAt(run - 1))) run--;
    for (let s = run; s < spaces; s++) {
      const k = text.charCodeAt(s);
      if (!((k >= 65 && k <= 90) || (k >= 0xc0 && k <= 0xd6) || (k >= 0xd8 && k <= 0xde))) continue;
      STREET_NUMBER.lastIndex = s;
      const m = STREET_NUMBER.exec(text);
      if (m !== null) return m;
    }
    cand.lastIndex = c.index + 1;
  }
  return null;
}

/** False only for characters that cannot be part of STREET_NUMBER's word ([\p{L}'’\-]). */
function mayBeInStreetWord(c: number): boolean {
  return c >= 128 || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 39 || c === 45;
}

/** How many ASCII digits the text has, the longest run of them, and whether a digit 1-9 follows
 *  a space (a house number after a street name can). */
function countDigits(text: string): { digits: number; run: number; spaceDigit: boolean } {
  let digits = 0;
  let run = 0;
  let longest = 0;
  let spaceDigit = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits++;
      if (++run > longest) longest = run;
      if (c > 48 && i > 0 && !spaceDigit) {
        const b = text.charCodeAt(i - 1);
        spaceDigit = b === 32 || b === 0xa0;
      }
    } else run = 0;
  }
  return { digits, run: longest, spaceDigit };
}

/** All identifiers in `text`, sorted by start, never overlapping. Priority when two would
 *  overlap: IBAN, e-mail, phone, BSN, date, address. */
export function findIdentifiers(text: string): IdentifierMatch[] {
  const hasAt = text.includes('@');
  const { digits, run, spaceDigit } = countDigits(text);
  if (!hasAt && digits === 0) return [];
  const out: IdentifierMatch[] = [];
  // Spans no later pass may overlap: every match so far, and IBANs with a typo in them.
  const taken: Span[] = [];
  // Passes that cannot match are skipped: an IBAN has two check digits in a row, a phone number
  // ten digits (nine after +31), a BSN nine, every date form two in a row; a postcode four; a
  // street's house number stands after a space.
  if (run >= 2) findIbans(text, out, taken);
  if (hasAt) findEmails(text, out, taken);
  if (digits > 0) {
    if (digits >= 9) {
      findPhones(text, out, taken);
      findBsns(text, out, taken);
    }
    if (run >= 2) findDates(text, out, taken);
    findAddresses(text, out, taken, spaceDigit, run >= 4);
  }
  out.sort((a, b) => a.start - b.start);
  return out;
}
