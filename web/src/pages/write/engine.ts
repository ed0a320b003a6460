// The check engine in the browser (staff only: they have the roster). Loaded with a dynamic
// import, so the engine and its word lists are a chunk of their own that parents never load.
// Each check is timed with performance.now() and recorded as a User Timing measure
// ("postwijzer:check"), which the browser tests read to report the time per check.
import type { CheckResult, Post } from '../../../../src/engine/case.ts';
import type { PreparedSchool } from '../../../../src/engine/index.ts';
import { checkPost, prepareSchool } from '../../../../src/engine/index.ts';

export type { PreparedSchool };

export function prepare(input: unknown): PreparedSchool {
  return prepareSchool(input as Parameters<typeof prepareSchool>[0]);
}

let measures = 0;

export function check(school: PreparedSchool, post: Post): CheckResult {
  const start = performance.now();
  const result = checkPost(school, post, { now: Date.now() });
  performance.measure('postwijzer:check', { start, end: performance.now() });
  if (++measures > 1000) {
    performance.clearMeasures('postwijzer:check');
    measures = 0;
  }
  return result;
}
