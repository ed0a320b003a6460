// Words and sentences of a folded text. Offsets are in the folded text; map them back with
// toOriginal (normalize.ts).

export interface Token {
  /** The folded word, possessive "'s" removed ("sanne's" -> "sanne"). */
  word: string;
  /** The folded word as written (with a possessive, if any). */
  raw: string;
  start: number;
  end: number;
  sentence: number;
  /** Only white space separates this token from the previous one (same sentence). */
  joined: boolean;
  /** Index in the token list. */
  index: number;
  /** A small number for `word`, the same in every post (see wordId); -1 when none was left. */
  id: number;
}

export interface Sentence {
  start: number;
  end: number;
  /** First token index and one past the last. */
  from: number;
  to: number;
}

export interface Tokenized {
  tokens: Token[];
  sentences: Sentence[];
}

// Letters and digits: an ASCII table, and a lazily filled table for the rest of the BMP.
const WORD_CHAR = /[\p{L}\p{N}]/u;
const wideClass = new Uint8Array(65536); // 0 unknown, 1 word, 2 not
function isWordCode(c: number): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90);
  let k = wideClass[c]!;
  if (k === 0) {
    k = c >= 0xd800 && c <= 0xdfff ? 2 : WORD_CHAR.test(String.fromCharCode(c)) ? 1 : 2;
    wideClass[c] = k;
  }
  return k === 1;
}

// Every distinct word gets a number, so that per-word caches (PhraseSet) are arrays indexed by it
// rather than a second hash look-up per token. Numbers are never reused; after MAX_WORDS distinct
// words new words get -1 (and the caches look them up the slow way), which bounds the memory.
const wordIds = new Map<string, number>();
const MAX_WORDS = 50_000;

/** The number of a folded word, or -1 when the table is full. */
export function wordId(word: string): number {
  let id = wordIds.get(word);
  if (id === undefined) {
    if (wordIds.size >= MAX_WORDS) return -1;
    id = wordIds.size;
    wordIds.set(word, id);
  }
  return id;
}

// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS = new Set(['geb', 'mr', 'mw', 'mevr', 'dhr', 'drs', 'dr', 'ir', 'ing', 'bijv', 'bv', 'ca', 'nr', 'oa', 'evt', 'incl', 'excl', 'st', 'tel', 'jl']);

export function tokenize(folded: string): Tokenized {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let sentence = 0;
  let sentenceStart = 0;
  let sentenceFrom = 0;
  let prevEnd = -1;
  const n = folded.length;
  let i = 0;
  while (i < n) {
    if (!isWordCode(folded.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    // A word: letters and digits, joined by inner apostrophes or hyphens ("sanne's", "jan-willem").
    for (;;) {
      while (i < n && isWordCode(folded.charCodeAt(i))) i++;
      const c = folded.charCodeAt(i);
      if ((c === 39 || c === 45) && i + 1 < n && isWordCode(folded.charCodeAt(i + 1))) i++;
      else break;
    }
    const end = i;
    if (prevEnd >= 0 && endsSentence(folded, prevEnd, start, tokens[tokens.length - 1]!.raw)) {
      sentences.push({ start: sentenceStart, end: prevEnd, from: sentenceFrom, to: tokens.length });
      sentence++;
      sentenceStart = start;
      sentenceFrom = tokens.length;
    }
    const raw = folded.slice(start, end);
    const word = end - start > 2 && raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    const joined = prevEnd >= 0 && tokens[tokens.length - 1]!.sentence === sentence && isBlank(folded, prevEnd, start);
    tokens.push({ word, raw, start, end, sentence, joined, index: tokens.length, id: wordId(word) });
    prevEnd = end;
  }
  if (tokens.length > 0) sentences.push({ start: sentenceStart, end: prevEnd, from: sentenceFrom, to: tokens.length });
  return { tokens, sentences };
}

function isBlank(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

function endsSentence(s: string, from: number, to: number, prevWord: string): boolean {
  for (let i = from; i < to; i++) {
    const c = s[i]!;
    if (c === '\n' || c === '!' || c === '?' || c === ';') return true;
    if (c === '.' || c === '…') {
      if (c === '.' && i === from && ABBREVIATIONS.has(prevWord)) continue;
      // "2.4.2017", "1.000": a full stop between digits is no sentence end.
      if (isDigit(s.charCodeAt(i + 1)) && isDigit(s.charCodeAt(i - 1))) continue;
      return true;
    }
  }
  return false;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
