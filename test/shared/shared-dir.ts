// Where ../shared is. The shared suite fails (never skips) when it is missing.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

export const SHARED = resolve(import.meta.dirname, '../../../shared');

export function sharedPath(...parts: string[]): string {
  const p = resolve(SHARED, ...parts);
  if (!existsSync(p)) throw new Error(`${p} is missing: the shared suite needs ../shared beside the repository (npm run test:shared).`);
  return p;
}
