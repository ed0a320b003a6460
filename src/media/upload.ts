// An upload, checked as bytes before anything decodes it: not empty, under the cap of its kind,
// a type we take (by content, not by name), and for photos a declared size we are willing to
// decode. Pure: no I/O, no decoder. Every refusal is a MediaError with one clear sentence.
import { MediaError } from './errors.ts';
import { declaredDimensions } from './header.ts';
import { LIMITS, megabytes } from './limits.ts';
import { ACCEPTED, describeUnsupported, extensionOf, sniffMedia } from './sniff.ts';
import type { MediaFormat, MediaKind } from './types.ts';

export interface AcceptedUpload {
  kind: MediaKind;
  format: MediaFormat;
  mime: string;
  /** "a JPEG photo" */
  label: string;
  size: number;
  /** Photos: the size the header declares (before the EXIF orientation is applied). */
  width?: number;
  height?: number;
  /** Remarks for the person, such as a file name that does not fit the content. */
  notes: string[];
}

const CAP: Record<MediaKind, number> = { image: LIMITS.imageBytes, video: LIMITS.videoBytes, audio: LIMITS.audioBytes };
const HARD_CAP = Math.max(...Object.values(CAP));
const NOUN: Record<MediaKind, string> = { image: 'photo', video: 'video', audio: 'sound file' };

export function acceptUpload(bytes: Uint8Array, options: { filename?: string } = {}): AcceptedUpload {
  const name = options.filename ? `"${options.filename.split(/[\\/]/).pop()}"` : 'The file';
  if (bytes.length === 0) throw new MediaError('empty', `${name} is empty: nothing was uploaded.`);
  if (bytes.length > HARD_CAP) throw new MediaError('too_large', `${name} is too large (${megabytes(bytes.length)}); at most ${megabytes(HARD_CAP)} is accepted for any file.`);

  const sniffed = sniffMedia(bytes);
  if (!sniffed) {
    const what = describeUnsupported(bytes);
    throw new MediaError('unsupported', `${name} is ${what ?? 'not a photo, video or sound file we can read'}; Postwijzer takes ${ACCEPTED}.`);
  }
  const cap = CAP[sniffed.kind];
  if (bytes.length > cap) throw new MediaError('too_large', `${name} is too large (${megabytes(bytes.length)}); a ${NOUN[sniffed.kind]} may be at most ${megabytes(cap)}.`);

  const notes: string[] = [];
  const ext = options.filename ? extensionOf(options.filename) : '';
  if (ext && !sniffed.extensions.includes(ext)) notes.push(`The file is named .${ext} but is ${sniffed.label}; it was read as ${sniffed.format.toUpperCase()}.`);

  const accepted: AcceptedUpload = { kind: sniffed.kind, format: sniffed.format, mime: sniffed.mime, label: sniffed.label, size: bytes.length, notes };
  if (sniffed.kind === 'image') {
    const dims = declaredDimensions(bytes, sniffed.format);
    if (dims === null || (dims && (dims.width === 0 || dims.height === 0))) throw new MediaError('corrupt', `${name} looks like ${sniffed.label}, but its header is broken or cut off.`);
    if (dims) {
      assertPixels(dims.width, dims.height, name);
      accepted.width = dims.width;
      accepted.height = dims.height;
    }
  }
  return accepted;
}

/** Refuses a photo that declares more pixels than we decode. */
export function assertPixels(width: number, height: number, name = 'The photo'): void {
  const pixels = width * height;
  if (pixels > LIMITS.imagePixels || width > LIMITS.imageSide || height > LIMITS.imageSide) {
    const mp = Math.round(pixels / 1e5) / 10;
    throw new MediaError(
      'too_many_pixels',
      `${name} declares ${width} × ${height} pixels (${mp} megapixels); at most ${LIMITS.imagePixels / 1e6} megapixels and ${LIMITS.imageSide} pixels a side are accepted, so it was not opened.`,
    );
  }
}
