import type { Finding, Verdict } from './case.ts';

/** The verdict is the worst of the findings (contract, "Result"). */
export function verdictOf(findings: readonly Finding[]): Verdict {
  let v: Verdict = 'allowed';
  for (const f of findings) {
    if (f.severity === 'block') return 'not_allowed';
    if (f.severity === 'review') v = 'needs_review';
    else if (f.severity === 'fix' && v === 'allowed') v = 'allowed_with_changes';
  }
  return v;
}
