// A small phrase matcher over tokens: each pattern is one or more folded words separated by
// spaces; a word ending in '*' matches any word that starts with it ("ziekmeld*"), a word
// starting with '*' any word that ends with it ("*school"). Words of a phrase must follow each
// other with only white space between them. Compiled once; matching is one pass over the tokens.
// The patterns that can start at a word are found once per distinct word and remembered by the
// word's number (Token.id), so a set costs an array read per token, however many patterns it has.
import { foldString } from './normalize.ts';
import type { Token } from './tokens.ts';

interface Word {
  text: string;
  mode: 'exact' | 'prefix' | 'suffix';
}
interface Pattern<T> {
  words: Word[];
  value: T;
}

export interface PhraseMatch<T> {
  /** Token indices [from, to). */
  from: number;
  to: number;
  value: T;
}

export class PhraseSet<T> {
  private readonly exact = new Map<string, Pattern<T>[]>();
  private readonly prefix = new Map<string, Pattern<T>[]>();
  private readonly suffix: Pattern<T>[] = [];
  /** Per word id (Token.id): the patterns whose first word it matches, in look-up order (null: none). */
  private starts: (Pattern<T>[] | null | undefined)[] = [];

  constructor(entries: Iterable<readonly [string, T]>) {
    for (const [pattern, value] of entries) this.add(pattern, value);
  }

  add(pattern: string, value: T): void {
    const words: Word[] = foldString(pattern)
      .trim()
      .split(/\s+/)
      .map((w) =>
        w.endsWith('*') && w.length > 1
          ? { text: w.slice(0, -1), mode: 'prefix' as const }
          : w.startsWith('*') && w.length > 1
            ? { text: w.slice(1), mode: 'suffix' as const }
            : { text: w, mode: 'exact' as const },
      );
    const first = words[0]!;
    const p: Pattern<T> = { words, value };
    if (first.mode === 'exact') push(this.exact, first.text, p);
    else if (first.mode === 'prefix') push(this.prefix, first.text.slice(0, 3), p);
    else this.suffix.push(p);
    this.starts = [];
  }

  /** All matches, longest first at each position, not overlapping. */
  match(tokens: readonly Token[], from = 0, to = tokens.length): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    for (let i = from; i < to; ) {
      const m = this.longestAt(tokens, i, to);
      if (m) {
        out.push(m);
        i = m.to;
      } else i++;
    }
    return out;
  }

  /**
   * False when no pattern can start at any token in [from, to), so that match() finds nothing
   * there; a cheap test before work that only matters when there is a match.
   */
  mayMatch(tokens: readonly Token[], from = 0, to = tokens.length): boolean {
    for (let i = from; i < to; i++) {
      const t = tokens[i]!;
      // A possessive can match through the word as written: not worth telling apart here.
      if (t.raw !== t.word || this.startsFor(t) !== null) return true;
    }
    return false;
  }

  /** The longest match that starts at token i. */
  longestAt(tokens: readonly Token[], i: number, to = tokens.length): PhraseMatch<T> | null {
    const t = tokens[i]!;
    if (t.raw === t.word) return longest(this.startsFor(t), tokens, i, to, null);
    // A possessive ("sanne's"): patterns may match the word or the word as written.
    let best: PhraseMatch<T> | null = null;
    best = longest(this.exact.get(t.word), tokens, i, to, best);
    best = longest(this.exact.get(t.raw), tokens, i, to, best);
    if (t.word.length >= 3) best = longest(this.prefix.get(t.word.slice(0, 3)), tokens, i, to, best);
    return longest(this.suffix, tokens, i, to, best);
  }

  /** startsOf(t.word), remembered by the word's number. */
  private startsFor(t: Token): Pattern<T>[] | null {
    let list = t.id >= 0 ? this.starts[t.id] : undefined;
    if (list === undefined) {
      list = this.startsOf(t.word);
      if (t.id >= 0) {
        // Fill up to the id first: a dense array stays a fast array.
        while (this.starts.length < t.id) this.starts.push(undefined);
        this.starts[t.id] = list;
      }
    }
    return list;
  }

  /** The patterns whose first word matches `word` (a token without possessive), in the order the buckets are tried: exact, prefix, suffix. */
  private startsOf(word: string): Pattern<T>[] | null {
    const found: Pattern<T>[] = [];
    const probe = { word, raw: word } as Token;
    const keep = (bucket: Pattern<T>[] | undefined) => {
      if (bucket) for (const p of bucket) if (wordMatches(p.words[0]!, probe)) found.push(p);
    };
    keep(this.exact.get(word));
    if (word.length >= 3) keep(this.prefix.get(word.slice(0, 3)));
    keep(this.suffix);
    return found.length ? found : null;
  }
}

function longest<T>(list: Pattern<T>[] | null | undefined, tokens: readonly Token[], i: number, to: number, best: PhraseMatch<T> | null): PhraseMatch<T> | null {
  if (!list) return best;
  for (const p of list) {
    const end = matchPattern(p, tokens, i, to);
    if (end > 0 && (!best || end > best.to)) best = { from: i, to: end, value: p.value };
  }
  return best;
}

function push<T>(m: Map<string, T[]>, k: string, v: T) {
  const l = m.get(k);
  if (l) l.push(v);
  else m.set(k, [v]);
}

function wordMatches(w: Word, t: Token): boolean {
  if (w.mode === 'exact') return t.word === w.text || t.raw === w.text;
  if (w.mode === 'prefix') return t.word.startsWith(w.text);
  return t.word.endsWith(w.text) && t.word.length > w.text.length;
}

/** Returns the token index after the match, or 0. */
function matchPattern<T>(p: Pattern<T>, tokens: readonly Token[], i: number, to: number): number {
  const n = p.words.length;
  if (i + n > to) return 0;
  for (let k = 0; k < n; k++) {
    const t = tokens[i + k]!;
    if (k > 0 && !t.joined) return 0;
    if (!wordMatches(p.words[k]!, t)) return 0;
  }
  return i + n;
}
