// Reading a JSON document for a command: from a file or from standard input, with one clear
// sentence (UsageError, exit 2) for each way it can go wrong.
import { readFileSync } from 'node:fs';
import { UsageError } from './errors.ts';

export function readInputFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UsageError(code === 'ENOENT' ? `cannot read "${path}": there is no such file.` : `cannot read "${path}" (${code ?? 'error'}).`);
  }
}

/** Standard input; `hint` says how to give the document when nothing is piped in, `what` names it. */
export function readStdin(hint: string, what: string): string {
  if (process.stdin.isTTY) throw new UsageError(hint);
  try {
    return readFileSync(0, 'utf8');
  } catch {
    throw new UsageError(`cannot read the ${what} from standard input.`);
  }
}

/** Parses JSON (a UTF-8 BOM is allowed); `shape` says what the document should be when it is empty. */
export function parseJsonDocument(source: string, where: string, shape: string): unknown {
  const text = source.replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new UsageError(`${where} is empty: ${shape}.`);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${where} is not valid JSON (${(e as Error).message}).`);
  }
}
