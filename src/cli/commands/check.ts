// `postwijzer check`: one case (file or standard input) or JSON Lines of cases (--batch).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { CheckResult } from '../../engine/index.ts';
import { CaseValidationError, applyFixes, applyTextFixes, checkCase } from '../../engine/index.ts';
import { formatText } from '../format-text.ts';
import { UsageError } from '../errors.ts';
import { parseJsonDocument, readInputFile, readStdin } from '../input.ts';

interface Options {
  format: 'json' | 'text';
  lang: 'nl' | 'en';
  applyFixes: boolean;
  now?: number;
}

export const summary = 'check a draft post (a case) against the protocol';

export async function run(args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      case: { type: 'string' },
      batch: { type: 'boolean', default: false },
      format: { type: 'string', default: 'json' },
      lang: { type: 'string', default: 'nl' },
      'apply-fixes': { type: 'boolean', default: false },
      now: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  if (values.format !== 'json' && values.format !== 'text') throw new UsageError(`--format must be json or text, not "${values.format}".`);
  if (values.lang !== 'nl' && values.lang !== 'en') throw new UsageError(`--lang must be nl or en, not "${values.lang}".`);
  const opts: Options = { format: values.format, lang: values.lang, applyFixes: values['apply-fixes'] };
  if (values.now !== undefined) {
    const now = Date.parse(values.now);
    if (Number.isNaN(now)) throw new UsageError(`--now must be a date and time such as 2026-11-26T10:00:00+01:00, not "${values.now}".`);
    opts.now = now;
  }
  if (values.batch) {
    if (values.case !== undefined && values.case !== '-') throw new UsageError('--batch reads JSON Lines from standard input; leave out --case.');
    await runBatch(opts);
    return 0;
  }
  const source = values.case === undefined || values.case === '-' ? readStdin('give a case with --case FILE, or pipe it into standard input.', 'case') : readInputFile(values.case);
  const input = parseJsonDocument(source, values.case && values.case !== '-' ? values.case : 'standard input', 'a case is a JSON object');
  process.stdout.write(render(input, opts));
  return 0;
}


/** One case to its output (throws UsageError for an invalid case). */
function render(input: unknown, opts: Options): string {
  let result: CheckResult;
  try {
    result = checkCase(input, opts.now !== undefined ? { now: opts.now } : {});
  } catch (e) {
    if (e instanceof CaseValidationError) throw new UsageError(e.message);
    throw e;
  }
  if (opts.applyFixes) {
    if (opts.format === 'text') {
      const text = (input as { post: { text?: string } }).post.text ?? '';
      return `${applyTextFixes(text, result)}\n`;
    }
    return `${JSON.stringify(applyFixes(input, result), null, 2)}\n`;
  }
  return opts.format === 'text' ? formatText((input as { post: { text?: string } }).post.text ?? '', result, opts.lang) : `${JSON.stringify(result)}\n`;
}

/** JSON Lines in, one line out per case, in order; a bad line gives {"error": "..."} and the rest still run. */
async function runBatch(opts: Options): Promise<void> {
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let lineNo = 0;
  const out: string[] = [];
  const flush = () => {
    if (out.length) process.stdout.write(out.join(''));
    out.length = 0;
  };
  for await (const line of rl) {
    lineNo++;
    if (line.trim() === '') continue;
    let input: unknown;
    try {
      input = JSON.parse(line.replace(/^\uFEFF/, ''));
    } catch (e) {
      out.push(`${JSON.stringify({ error: `line ${lineNo} is not valid JSON (${(e as Error).message})` })}\n`);
      continue;
    }
    try {
      const rendered = render(input, { ...opts, format: 'json' });
      out.push(opts.applyFixes ? `${JSON.stringify(JSON.parse(rendered))}\n` : rendered);
    } catch (e) {
      // One bad case must not stop the others.
      const why = e instanceof UsageError ? e.message : `could not be checked (${e instanceof Error ? e.message : String(e)})`;
      out.push(`${JSON.stringify({ error: `line ${lineNo}: ${why}` })}\n`);
    }
    if (out.length >= 256) flush();
  }
  flush();
}
