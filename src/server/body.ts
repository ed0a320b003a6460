// Request bodies of our own small JSON routes (sign-in, invitations, ...), validated with zod: a
// bad body answers 400 with each problem and its JSON path, like an invalid case does.
import type { z } from 'zod';
import { jsonPath } from '../engine/index.ts';
import { HttpError } from './errors.ts';

export function parseBody<T extends z.ZodType>(schema: T, body: unknown, what = 'request'): z.infer<T> {
  const r = schema.safeParse(body ?? {});
  if (r.success) return r.data;
  const issues = r.error.issues.map((i) => ({ path: jsonPath(i.path), message: i.message }));
  throw new HttpError(400, 'bad_request', `The ${what} is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
}
