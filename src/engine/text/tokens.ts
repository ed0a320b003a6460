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

const WORD = /[\p{L}\p{N}]+(?:['-][\p{L}\p{N}]+)*'?/gu;
// Abbreviations whose full stop does not end a sentence.
const ABBREVIATIONS = new Set(['geb', 'mr', 'mw', 'mevr', 'dhr', 'drs', 'dr', 'ir', 'ing', 'bijv', 'bv', 'ca', 'nr', 'o.a', 'oa', 'd.w.z', 'z.s.m', 'm.b.t', 'i.v.m', 'evt', 'incl', 'excl', 'st', 'tel', 'jl', 'a.s']);

export function tokenize(folded: string): Tokenized {
  const tokens: Token[] = [];
  const sentences: Sentence[] = [];
  let sentence = 0;
  let sentenceStart = 0;
  let sentenceFrom = 0;
  let prevEnd = -1;
  WORD.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = WORD.exec(folded)) !== null) {
    const start = m.index;
    // Did a sentence end between the previous token and this one?
    if (prevEnd >= 0 && endsSentence(folded, prevEnd, start, tokens[tokens.length - 1]!.raw)) {
      sentences.push({ start: sentenceStart, end: prevEnd, from: sentenceFrom, to: tokens.length });
      sentence++;
      sentenceStart = start;
      sentenceFrom = tokens.length;
    }
    let raw = m[0];
    if (raw.endsWith("'")) raw = raw.slice(0, -1);
    const end = start + raw.length;
    const word = raw.endsWith("'s") ? raw.slice(0, -2) : raw;
    const joined = prevEnd >= 0 && tokens[tokens.length - 1]!.sentence === sentence && isBlank(folded, prevEnd, start);
    tokens.push({ word, raw, start, end, sentence, joined, index: tokens.length });
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
      if (i + 1 < s.length && /\d/.test(s[i + 1]!) && i > 0 && /\d/.test(s[i - 1]!)) continue;
      return true;
    }
  }
  return false;
}
