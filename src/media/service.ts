// The media pipeline's service: what later modules (the API, the consent check) call.
//   inspectMedia(bytes)  what the file is, its faces, and what metadata it carries
//   redactMedia(bytes)   a copy without metadata, with the chosen faces blurred (photos)
// Both take the bytes of an upload and its name (for a remark only: the type comes from the
// content). Every refusal is a MediaError (errors.ts) with one sentence and an HTTP status.
import sharp from 'sharp';
import { blurOverlays } from './blur.ts';
import { detectFaces } from './detector.ts';
import type { DetectOptions } from './detector.ts';
import { MediaError } from './errors.ts';
import { decodeFull, detectionCopies, encode, metadataReport, outputFormat, readImageHeader, shownSize } from './image.ts';
import type { RawImage } from './image.ts';
import { formatInfo } from './sniff.ts';
import type { Box, Face, MediaInfo, RedactedMedia } from './types.ts';
import { acceptUpload } from './upload.ts';
import type { AcceptedUpload } from './upload.ts';

export interface InspectOptions {
  /** The upload's file name: used for a remark when it does not fit the content, never for the type. */
  filename?: string;
  /** Detector options (tiles on by default). */
  detect?: DetectOptions;
}

/** Which faces to blur: all, none, or their indexes in the inspected list. */
export type BlurChoice = 'all' | 'none' | number[];

export interface RedactOptions extends InspectOptions {
  /** Default: 'all' for photos, 'none' for video and sound (their faces cannot be blurred yet). */
  blur?: BlurChoice;
  /**
   * The faces the indexes refer to, as inspectMedia returned them, or bare boxes (in the shown
   * photo's pixels; a box drawn by a person works too). Without them the photo is inspected
   * again (same result: the detector is deterministic).
   */
  faces?: (Face | Box)[];
}

export async function inspectMedia(bytes: Uint8Array, options: InspectOptions = {}): Promise<MediaInfo> {
  const upload = acceptUpload(bytes, options);
  if (upload.kind !== 'image') {
    const { inspectAv } = await import('./av.ts');
    return inspectAv(bytes, upload, options.detect);
  }
  return inspectImage(bytes, upload, options.detect);
}

async function inspectImage(bytes: Uint8Array, upload: AcceptedUpload, detect: DetectOptions | undefined): Promise<MediaInfo> {
  const meta = await readImageHeader(bytes, upload);
  const { width, height } = shownSize(meta);
  const faces = await facesIn(bytes, upload, width, detect);
  return {
    kind: 'image',
    format: upload.format,
    mime: upload.mime,
    size: upload.size,
    width,
    height,
    faces,
    metadata: metadataReport(meta),
    notes: upload.notes,
  };
}

// Faces in the photo's shown pixels (the detector sees a smaller copy).
async function facesIn(input: Uint8Array | RawImage, upload: AcceptedUpload, shownWidth: number, detect: DetectOptions | undefined): Promise<Face[]> {
  const { working, detail } = await detectionCopies(input, upload);
  const k = shownWidth / working.width;
  const found = await detectFaces(working, { ...detect, detail });
  return found.map((f) => ({ box: f.box.map((v) => Math.round(v * k)) as Box, score: f.score }));
}

/** Resolves a blur choice against the faces: the indexes to blur, or a MediaError for a bad index. */
export function chooseFaces(choice: BlurChoice, count: number): number[] {
  if (choice === 'all') return Array.from({ length: count }, (_, i) => i);
  if (choice === 'none') return [];
  const bad = choice.filter((i) => !Number.isInteger(i) || i < 0 || i >= count);
  if (bad.length) {
    const have = count === 0 ? 'no faces were found' : count === 1 ? 'there is 1 face (number 0)' : `there are ${count} faces (numbers 0 to ${count - 1})`;
    throw new MediaError('bad_request', `There is no face number ${bad.join(', ')}: ${have}.`);
  }
  return [...new Set(choice)].sort((a, b) => a - b);
}

export async function redactMedia(bytes: Uint8Array, options: RedactOptions = {}): Promise<RedactedMedia> {
  const upload = acceptUpload(bytes, options);
  if (upload.kind !== 'image') {
    const { redactAv } = await import('./av.ts');
    return redactAv(bytes, upload, options);
  }
  return redactImageUpload(bytes, upload, options);
}

/** The photo without metadata, the chosen faces blurred. Same format as the upload (HEIC: JPEG). */
export async function redactImage(bytes: Uint8Array, options: RedactOptions = {}): Promise<RedactedMedia> {
  const upload = acceptUpload(bytes, options);
  if (upload.kind !== 'image') throw new MediaError('unsupported', `The file is ${upload.label}, not a photo.`);
  return redactImageUpload(bytes, upload, options);
}

async function redactImageUpload(bytes: Uint8Array, upload: AcceptedUpload, options: RedactOptions): Promise<RedactedMedia> {
  await readImageHeader(bytes, upload); // the size check, before the full decode
  const image = await decodeFull(bytes, upload);
  const choice = options.blur ?? 'all';
  let faces = options.faces?.map((f): Face => (Array.isArray(f) ? { box: f, score: 1 } : f));
  if (!faces && choice !== 'none') faces = await facesIn(image, upload, image.width, options.detect);
  faces ??= [];
  const blurred = chooseFaces(choice, faces.length);
  const overlays = await blurOverlays(image, blurred.map((i) => faces[i]!.box));
  const format = outputFormat(upload.format);
  const raw = { width: image.width, height: image.height, channels: image.channels as 1 | 2 | 3 | 4 };
  // No withMetadata/keepMetadata: the encoder writes pixels only (no EXIF, XMP, IPTC, ICC, text).
  const out = await encode(sharp(image.data, { raw }).composite(overlays), format);
  const info = formatInfo(format);
  const notes = [...upload.notes];
  if (upload.format === 'heic') notes.push('The HEIC photo was saved as JPEG.');
  return { bytes: out, kind: 'image', format, mime: info.mime, width: image.width, height: image.height, blurred, faces, notes };
}
