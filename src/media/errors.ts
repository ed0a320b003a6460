// The one error of the media pipeline: a sentence a person can act on, a code for programs and
// the HTTP status it becomes (the CLI turns it into exit code 2, except 'unavailable': exit 1).

export type MediaErrorCode =
  | 'empty' // nothing was uploaded
  | 'too_large' // over the size cap of its kind
  | 'unsupported' // a type we do not take (or cannot read yet, such as HEIC)
  | 'corrupt' // a known type whose content is broken or cut off
  | 'too_many_pixels' // the header declares more pixels than we decode (a decompression bomb)
  | 'too_long' // a video or sound over the duration cap
  | 'bad_request' // a wrong option, such as a face number that does not exist
  | 'unavailable'; // a tool the pipeline needs (ffmpeg) is missing on this machine

const STATUS: Record<MediaErrorCode, number> = {
  empty: 400,
  too_large: 413,
  unsupported: 415,
  corrupt: 422,
  too_many_pixels: 413,
  too_long: 413,
  bad_request: 400,
  unavailable: 503,
};

export class MediaError extends Error {
  readonly code: MediaErrorCode;
  /** The HTTP status this error becomes in the API. */
  readonly status: number;
  constructor(code: MediaErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'MediaError';
    this.code = code;
    this.status = STATUS[code];
  }
}
