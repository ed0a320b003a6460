// Public API of the check engine. Pure TypeScript: runs in the browser and on the server.
export * from './case.ts';
export { checkCase, checkPost, prepareSchool, RULES } from './check.ts';
export type { CheckOptions, PreparedSchool, Rule } from './check.ts';
export { applyFixes, applyTextFixes } from './fixes.ts';
export { verdictOf } from './verdict.ts';
export * from './thread.ts';
