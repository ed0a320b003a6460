// Applying the fixes of a check: replacements (overlapping ones merge into the larger), appended
// sentences (disclosure before disclaimer), a new moment, blurred people.
import type { CheckResult, Finding, Fix, Span } from './case.ts';

type Replace = Extract<Fix, { kind: 'replace' }>;
type Append = Extract<Fix, { kind: 'append' }>;

function fixesOf(r: CheckResult | readonly Finding[]): Fix[] {
  const findings = Array.isArray(r) ? r : (r as CheckResult).findings;
  return findings.flatMap((f: Finding) => (f.fix ? [f.fix] : []));
}

/** Overlapping replacements merge: the larger one wins and covers both spans. */
export function mergeReplacements(list: readonly Replace[]): Replace[] {
  const sorted = [...list].sort((a, b) => a.span[0] - b.span[0] || b.span[1] - a.span[1]);
  const out: Replace[] = [];
  for (const r of sorted) {
    const prev = out[out.length - 1];
    if (prev && r.span[0] < prev.span[1]) {
      const larger = r.span[1] - r.span[0] > prev.span[1] - prev.span[0] ? r : prev;
      const span: Span = [Math.min(prev.span[0], r.span[0]), Math.max(prev.span[1], r.span[1])];
      out[out.length - 1] = { kind: 'replace', span, text: larger.text };
    } else out.push(r);
  }
  return out;
}

const APPEND_ORDER = { disclosure: 0, undefined: 1, disclaimer: 2 } as const;

/** The post text with every text fix applied. */
export function applyTextFixes(text: string, result: CheckResult | readonly Finding[]): string {
  const fixes = fixesOf(result);
  const replacements = mergeReplacements(fixes.filter((f): f is Replace => f.kind === 'replace'));
  let out = text;
  for (let i = replacements.length - 1; i >= 0; i--) {
    const r = replacements[i]!;
    out = out.slice(0, r.span[0]) + r.text + out.slice(r.span[1]);
  }
  const appends = fixes
    .filter((f): f is Append => f.kind === 'append')
    .sort((a, b) => APPEND_ORDER[`${a.role}`] - APPEND_ORDER[`${b.role}`]);
  const seen = new Set<string>();
  for (const a of appends) {
    if (seen.has(a.text)) continue;
    seen.add(a.text);
    out = out.length === 0 ? a.text : /\s$/.test(out) ? out + a.text : `${out} ${a.text}`;
  }
  return out;
}

interface RawMedia {
  people?: unknown;
  unidentifiedPeople?: unknown;
  blurred?: unknown;
  [k: string]: unknown;
}

/**
 * The case with every fix applied, in the shape it came in: the text fixed, the post moved, the
 * blurred people moved from `people` to `blurred`.
 */
export function applyFixes<T>(input: T, result: CheckResult): T {
  const c = structuredClone(input) as { post: { text?: string; at?: string; media?: RawMedia[] } };
  const fixes = fixesOf(result);
  c.post.text = applyTextFixes(c.post.text ?? '', result);
  for (const f of fixes) {
    if (f.kind === 'reschedule') c.post.at = f.at;
    if (f.kind === 'blur') {
      const item = c.post.media?.[f.media];
      if (!item) continue;
      const people = Array.isArray(item.people) ? (item.people as string[]) : [];
      const blurred = new Set(Array.isArray(item.blurred) ? (item.blurred as string[]) : []);
      for (const p of f.people) blurred.add(p);
      item.people = people.filter((p) => !f.people.includes(p));
      if (f.unidentified) item.unidentifiedPeople = 0;
      item.blurred = [...blurred];
    }
  }
  return c as T;
}
