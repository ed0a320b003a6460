// The check pipeline: prepare the school once, prepare the post once, run each rule (one file
// per rule under rules/), and take the worst finding as the verdict.
import type { CheckCase, CheckResult, Finding, Post } from './case.ts';
import { CaseValidationError, parseCase } from './case.ts';
import type { PostContext, PreparedSchool, SchoolInput } from './context.ts';
import { prepareSchool as prepare, preparePost } from './context.ts';
import { connectionsRule } from './rules/connections.ts';
import { decencyRule } from './rules/decency.ts';
import { disclaimerRule } from './rules/disclaimer.ts';
import { disclosureRule } from './rules/disclosure.ts';
import { lessonTimeRule } from './rules/lesson-time.ts';
import { mediaConsentRule } from './rules/media-consent.ts';
import { permanenceRule } from './rules/permanence.ts';
import { personalDataRule } from './rules/personal-data.ts';
import { reputationRule } from './rules/reputation.ts';
import { outOfScopeFinding, scopeReason } from './rules/scope.ts';
import { isValidTimeZone } from './time.ts';
import { verdictOf } from './verdict.ts';
import type { ProtocolDefinition } from '../protocols/index.ts';
import { getProtocol, protocolIds } from '../protocols/index.ts';

export type { PreparedSchool } from './context.ts';

export interface CheckOptions {
  /** The moment of checking, in ms since the epoch; used when the post has no `at`. Default: now. */
  now?: number;
}

export type Rule = (ctx: PostContext) => Finding[];

/** In the order findings are listed. */
export const RULES: readonly Rule[] = [
  lessonTimeRule,
  personalDataRule,
  mediaConsentRule,
  connectionsRule,
  decencyRule,
  disclosureRule,
  disclaimerRule,
  reputationRule,
  permanenceRule,
];

/** Resolves the protocol and checks what the schema cannot (time zone). */
function protocolOf(c: Pick<CheckCase, 'protocol' | 'school'>): ProtocolDefinition {
  const protocol = getProtocol(c.protocol);
  const issues = [];
  if (!protocol) issues.push({ path: '$.protocol', message: `unknown protocol "${c.protocol}" (known: ${protocolIds().join(', ')})` });
  if (!isValidTimeZone(c.school.timezone)) issues.push({ path: '$.school.timezone', message: `unknown time zone "${c.school.timezone}"` });
  if (issues.length || !protocol) throw new CaseValidationError(issues);
  return protocol;
}

/** Prepares everything about the school that does not change from post to post. */
export function prepareSchool(c: SchoolInput): PreparedSchool {
  return prepare(c, protocolOf(c));
}

export function checkPost(school: PreparedSchool, post: Post, options: CheckOptions = {}): CheckResult {
  const ctx = preparePost(school, post, options.now ?? Date.now());
  const protocol = school.protocol.id;
  if (scopeReason(ctx) === null) {
    return { verdict: 'out_of_scope', protocol, findings: [outOfScopeFinding(ctx)] };
  }
  const findings: Finding[] = [];
  for (const rule of RULES) for (const f of rule(ctx)) findings.push(f);
  return { verdict: verdictOf(findings), protocol, findings };
}

/** Validates the case (throws CaseValidationError with JSON paths) and checks it. */
export function checkCase(input: unknown, options: CheckOptions = {}): CheckResult {
  const c = parseCase(input);
  return checkPost(prepareSchool(c), c.post, options);
}
