import type { CaseIssue } from '../engine/index.ts';

/** An error that is the client's to fix: it is answered as given, with its own status. */
export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly error: string,
    message: string,
    readonly issues?: CaseIssue[],
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** Refuses an over-long post before the engine spends time on it. */
export function assertTextLength(body: unknown, max: number): void {
  const text = (body as { post?: { text?: unknown } } | null)?.post?.text;
  if (typeof text === 'string' && text.length > max) {
    const message = `The post text is too long: ${text.length} characters, at most ${max} are accepted.`;
    throw new HttpError(400, 'text_too_long', message, [{ path: '$.post.text', message }]);
  }
}
