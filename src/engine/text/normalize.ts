// Folding for matching (lower case, no diacritics, Turkish dotless i, typographic quotes), with an
// offset map back to the original text so that every span we report points into what the
// author wrote, in UTF-16 code units.

/**
 * A folded text. Most characters fold to exactly one character, so the offset map only records
 * the exceptions: characters that folded to several (ß -> ss) and combining marks that folded to
 * nothing (they widen the character before them). Between exceptions, offsets shift linearly.
 */
export interface Folded {
  text: string;
  /** Sorted by folded position. */
  exceptions: FoldException[];
}

export interface FoldException {
  /** Position and length in the folded text. */
  fPos: number;
  fLen: number;
  /** Position and length in the original text. */
  oPos: number;
  oLen: number;
}

const foldCache = new Map<number, string>();

/** How one UTF-16 code unit folds. Surrogates stay as they are (emoji and the like). */
function foldUnit(code: number): string {
  let f = foldCache.get(code);
  if (f !== undefined) return f;
  if (code >= 0xd800 && code <= 0xdfff) return String.fromCharCode(code);
  const ch = String.fromCharCode(code);
  switch (ch) {
    case 'ı':
    case 'İ':
      f = 'i';
      break;
    case '’':
    case '‘':
    case '`':
    case '´':
      f = "'";
      break;
    case '“':
    case '”':
    case '„':
      f = '"';
      break;
    case '‐':
    case '‑':
    case '–':
    case '—':
      f = '-';
      break;
    case 'ß':
      f = 'ss';
      break;
    case 'æ':
    case 'Æ':
      f = 'ae';
      break;
    case 'ø':
    case 'Ø':
      f = 'o';
      break;
    case 'ł':
    case 'Ł':
      f = 'l';
      break;
    case '\u00a0':
    case '\u202f':
      f = ' ';
      break;
    default:
      f = ch.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
      // Characters whose lower case is longer than one unit keep a one-to-one shape.
      if (f.length === 0 && !/\p{M}/u.test(ch)) f = ch;
  }
  foldCache.set(code, f);
  return f;
}

// eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
const NON_ASCII = /[^\x00-\x7f]/g;

export function fold(text: string): Folded {
  const n = text.length;
  NON_ASCII.lastIndex = 0;
  let wide = NON_ASCII.exec(text);
  // Plain ASCII: folding is lower-casing, one unit for one unit.
  if (wide === null) return { text: text.toLowerCase(), exceptions: [] };
  const exceptions: FoldException[] = [];
  let out = '';
  let i = 0;
  while (i < n) {
    const runEnd = wide ? wide.index : n;
    if (runEnd > i) {
      out += text.slice(i, runEnd).toLowerCase();
      i = runEnd;
    }
    if (!wide) break;
    const f = foldUnit(text.charCodeAt(i));
    if (f.length === 1) out += f;
    else if (f.length > 1) {
      exceptions.push({ fPos: out.length, fLen: f.length, oPos: i, oLen: 1 });
      out += f;
    } else {
      // Folded to nothing: the character before it now spans it too.
      const last = exceptions[exceptions.length - 1];
      if (last && last.fPos + last.fLen === out.length && last.fLen > 0) last.oLen += 1;
      else if (out.length > 0) {
        const o = startIn(exceptions, out.length - 1);
        exceptions.push({ fPos: out.length - 1, fLen: 1, oPos: o, oLen: i + 1 - o });
      }
      else exceptions.push({ fPos: 0, fLen: 0, oPos: i, oLen: 1 });
    }
    i++;
    NON_ASCII.lastIndex = i;
    wide = NON_ASCII.exec(text);
  }
  return { text: out, exceptions };
}

function findException(ex: readonly FoldException[], p: number): FoldException | undefined {
  let lo = 0;
  let hi = ex.length - 1;
  let found: FoldException | undefined;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ex[mid]!.fPos <= p) {
      found = ex[mid];
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** Original offset where the folded character at p starts. */
export function originalStart(f: Folded, p: number): number {
  return startIn(f.exceptions, p);
}

function startIn(ex: readonly FoldException[], p: number): number {
  const e = findException(ex, p);
  if (!e) return p;
  if (p < e.fPos + e.fLen) return e.oPos;
  return e.oPos + e.oLen + (p - e.fPos - e.fLen);
}

/** Original offset just after the folded character at p. */
function originalEnd(f: Folded, p: number): number {
  const e = findException(f.exceptions, p);
  if (e && p < e.fPos + e.fLen) return e.oPos + e.oLen;
  return originalStart(f, p) + 1;
}

/** Folds a short string (a name, a lexicon entry) without keeping offsets. */
export function foldString(s: string): string {
  let r = '';
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    r += code < 0x80 ? (code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : s[i]) : foldUnit(code);
  }
  return r;
}

/** Maps a span of the folded text back to the original text. */
export function toOriginal(f: Folded, start: number, end: number): [number, number] {
  if (end <= start) {
    const at = start < f.text.length ? originalStart(f, start) : f.text.length === 0 ? 0 : originalEnd(f, f.text.length - 1);
    return [at, at];
  }
  return [originalStart(f, start), originalEnd(f, end - 1)];
}
