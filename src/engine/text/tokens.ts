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
//
// The numbers live in an open-addressing table keyed by a hash that tokenize computes while it
// reads the word, so a word seen before costs neither a substring nor a Map look-up: the table
// hands back its own copy of the string (which also has its hash cached for the Sets and Maps the
// rules look it up in).
const MAX_WORDS = 50_000;
let slotWords: (string | undefined)[] = new Array<string | undefined>(1 << 12).fill(undefined);
let slotIds: number[] = new Array<number>(1 << 12).fill(0);
let slotHashes: number[] = new Array<number>(1 << 12).fill(0);
let slotMask = (1 << 12) - 1;
let wordCount = 0;
/** The number of the word last returned by internRange (a second return value, no allocation). */
let internedId = -1;

/** One step of the word hash (FNV-1a over UTF-16 code units). */
function hashStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

function hashRange(s: string, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = hashStep(h, s.charCodeAt(i));
  return h;
}

/** The table's string for s[from, to) (hash `h`, see hashRange), its number in internedId. */
function internRange(s: string, from: number, to: number, h: number): string {
  const len = to - from;
  let idx = (h ^ (h >>> 15)) & slotMask;
  for (;;) {
    const w = slotWords[idx];
    if (w === undefined) break;
    if (w.length === len && slotHashes[idx] === h && s.startsWith(w, from)) {
      internedId = slotIds[idx]!;
      return w;
    }
    idx = (idx + 1) & slotMask;
  }
  const slice = s.slice(from, to);
  if (wordCount >= MAX_WORDS) {
    internedId = -1;
    return slice;
  }
  // A long slice would keep the whole post alive (V8 shares the parent string): keep a copy.
  const word = len >= 13 ? (` ${slice}`).slice(1) : slice;
  slotWords[idx] = word;
  slotIds[idx] = wordCount;
  slotHashes[idx] = h;
  internedId = wordCount++;
  if (wordCount * 2 > slotMask) grow();
  return word;
}

function grow(): void {
  const words = slotWords;
  const ids = slotIds;
  const hashes = slotHashes;
  const size = (slotMask + 1) * 2;
  slotWords = new Array<string | undefined>(size).fill(undefined);
  slotIds = new Array<number>(size).fill(0);
  slotHashes = new Array<number>(size).fill(0);
  slotMask = size - 1;
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    if (w === undefined) continue;
    const h = hashes[i]!;
    let idx = (h ^ (h >>> 15)) & slotMask;
    while (slotWords[idx] !== undefined) idx = (idx + 1) & slotMask;
    slotWords[idx] = w;
    slotIds[idx] = ids[i]!;
    slotHashes[idx] = h;
  }
}

/** The number of a folded word, or -1 when the table is full. */
export function wordId(word: string): number {
  internRange(word, 0, word.length, hashRange(word, 0, word.length));
  return internedId;
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
    // Its hash is computed on the way (see internRange).
    let h = 0x811c9dc5;
    for (;;) {
      let c = folded.charCodeAt(i);
      while (i < n && isWordCode(c)) {
        h = hashStep(h, c);
        c = folded.charCodeAt(++i);
      }
      if ((c === 39 || c === 45) && i + 1 < n && isWordCode(folded.charCodeAt(i + 1))) {
        h = hashStep(h, c);
        i++;
      } else break;
    }
    const end = i;
    if (prevEnd >= 0 && endsSentence(folded, prevEnd, start, tokens[tokens.length - 1]!.raw)) {
      sentences.push({ start: sentenceStart, end: prevEnd, from: sentenceFrom, to: tokens.length });
      sentence++;
      sentenceStart = start;
      sentenceFrom = tokens.length;
    }
    let raw: string;
    let word: string;
    if (end - start > 2 && folded.charCodeAt(end - 2) === 39 && folded.charCodeAt(end - 1) === 115) {
      // A possessive ("sanne's"): the word is numbered without it.
      word = internRange(folded, start, end - 2, hashRange(folded, start, end - 2));
      raw = folded.slice(start, end);
    } else {
      word = raw = internRange(folded, start, end, h);
    }
    const joined = prevEnd >= 0 && tokens[tokens.length - 1]!.sentence === sentence && isBlank(folded, prevEnd, start);
    tokens.push({ word, raw, start, end, sentence, joined, index: tokens.length, id: internedId });
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

/**
 * Which of a few word sets a token's word is in, as bit flags, remembered per word number: a pass
 * that asks "is this word a title, a preposition, ...?" of every token then reads an array instead
 * of hashing the word into each Set. The sets must not change after the first look-up.
 */
export class WordFlags {
  /** Per word number: the flags, or -1 when not computed yet. */
  private readonly byId: number[] = [];

  constructor(private readonly sets: readonly (readonly [ReadonlySet<string>, number])[]) {}

  /** The flags of `t.word`. */
  of(t: Token): number {
    const id = t.id;
    if (id < 0) return this.compute(t.word);
    const byId = this.byId;
    if (id >= byId.length) {
      // Fill up to the id: a dense array stays a fast array.
      while (byId.length <= id) byId.push(-1);
    }
    let f = byId[id]!;
    if (f < 0) {
      f = this.compute(t.word);
      byId[id] = f;
    }
    return f;
  }

  private compute(word: string): number {
    let f = 0;
    for (const [set, flag] of this.sets) if (set.has(word)) f |= flag;
    return f;
  }
}
