// A small phrase matcher over tokens: each pattern is one or more folded words separated by
// spaces; a word ending in '*' matches any word that starts with it ("ziekmeld*"), a word
// starting with '*' any word that ends with it ("*school"). Words of a phrase must follow each
// other with only white space between them. Compiled once; matching is one pass over the tokens.
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

  /** The longest match that starts at token i. */
  longestAt(tokens: readonly Token[], i: number, to = tokens.length): PhraseMatch<T> | null {
    const t = tokens[i]!;
    let best: PhraseMatch<T> | null = null;
    best = longest(this.exact.get(t.word), tokens, i, to, best);
    if (t.raw !== t.word) best = longest(this.exact.get(t.raw), tokens, i, to, best);
    if (t.p3 && this.prefix.size) best = longest(this.prefix.get(t.p3), tokens, i, to, best);
    if (this.suffix.length) best = longest(this.suffix, tokens, i, to, best);
    return best;
  }
}

function longest<T>(list: Pattern<T>[] | undefined, tokens: readonly Token[], i: number, to: number, best: PhraseMatch<T> | null): PhraseMatch<T> | null {
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
