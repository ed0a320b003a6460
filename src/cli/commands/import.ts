// Placeholder: being written (issue 3).
import { UsageError } from '../errors.ts';

export const summary = 'import (not available yet)';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('"import" is not available yet.');
}
