// The connection check (A.6): reading platform exports and matching them against the school's
// students, entirely in the browser (web/src/pages/connections). Pure TypeScript, no I/O.
export * from './match.ts';
export * from './normalize.ts';
export * from './parsers.ts';
export * from './zip.ts';
export { readConnectionFiles } from './read.ts';
