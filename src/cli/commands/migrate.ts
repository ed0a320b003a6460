// Placeholder: being written (issue 3).
import { UsageError } from '../errors.ts';

export const summary = 'migrate (not available yet)';

export async function run(_args: string[]): Promise<number> {
  throw new UsageError('"migrate" is not available yet.');
}
