// Public API of the check engine. Pure TypeScript: runs in the browser and on the server.
export * from './case.ts';
export { checkCase, checkPost, prepareSchool } from './check.ts';
export type { PreparedSchool, CheckOptions } from './check.ts';
export { applyFixes, applyTextFixes } from './fixes.ts';
