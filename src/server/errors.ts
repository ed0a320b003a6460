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
