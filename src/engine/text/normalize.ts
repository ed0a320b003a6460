// Folding for matching (lower case, no diacritics, Turkish dotless i, typographic quotes), with an
// offset map back to the original text so that every span we report points into what the
// author wrote, in UTF-16 code units.

export interface Folded {
  /** The folded text. */
  text: string;
  /** For each code unit of `text`, the index in the original where it came from. */
  starts: Int32Array;
  /** For each code unit of `text`, the end (exclusive) in the original of the character it came from,
   *  extended over characters that folded to nothing (combining marks). */
  ends: Int32Array;
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

export function fold(text: string): Folded {
  const n = text.length;
  const out: string[] = [];
  const starts = new Int32Array(n * 2 + 1);
  const ends = new Int32Array(n * 2 + 1);
  let len = 0;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    // Fast path for ASCII.
    let f: string;
    if (code < 0x80) f = code >= 65 && code <= 90 ? String.fromCharCode(code + 32) : text[i]!;
    else f = foldUnit(code);
    if (f.length === 0) {
      if (len > 0) ends[len - 1] = i + 1;
      continue;
    }
    for (let k = 0; k < f.length; k++) {
      starts[len] = i;
      ends[len] = i + 1;
      len++;
    }
    out.push(f);
  }
  return { text: out.join(''), starts: starts.subarray(0, len), ends: ends.subarray(0, len) };
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
    const at = start < f.starts.length ? f.starts[start]! : f.ends.length ? f.ends[f.ends.length - 1]! : 0;
    return [at, at];
  }
  return [f.starts[start]!, f.ends[end - 1]!];
}
