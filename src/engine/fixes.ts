// TEMPORARY placeholder; replaced in the next commit.
import type { CheckCase, CheckResult } from './case.ts';
export function applyTextFixes(text: string, _r: CheckResult): string { return text; }
export function applyFixes(c: CheckCase, _r: CheckResult): CheckCase { return c; }
