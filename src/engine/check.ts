// TEMPORARY placeholder while the engine is written; replaced in the next commit.
import { parseCase, type CheckCase, type CheckResult, type Post } from './case.ts';

export interface CheckOptions {
  /** The moment of checking; used when the post has no `at`. */
  now?: Date;
}
export interface PreparedSchool {
  readonly source: Omit<CheckCase, 'post'>;
}
export function prepareSchool(c: Omit<CheckCase, 'post'>): PreparedSchool {
  return { source: c };
}
export function checkPost(_s: PreparedSchool, _post: Post, _o: CheckOptions = {}): CheckResult {
  return { verdict: 'allowed', protocol: 'asko-2018', findings: [] };
}
/** Validates the case (throws CaseValidationError) and checks it. */
export function checkCase(input: unknown, o: CheckOptions = {}): CheckResult {
  const c = parseCase(input);
  return checkPost(prepareSchool(c), c.post, o);
}
