// Photos with sharp (libvips): what a photo carries, a small working copy for the detector, and
// the stripped, blurred copy that may be published. Every output is re-encoded without
// withMetadata/keepMetadata, so it carries no EXIF, GPS, XMP, IPTC, ICC profile or comments; the
// EXIF orientation is applied to the pixels first (rotate()), so the photo still stands upright.
import sharp from 'sharp';
import type { Metadata, Sharp } from 'sharp';
import { MediaError } from './errors.ts';
import { summariseExif, xmpHasLocation } from './exif.ts';
import { LIMITS } from './limits.ts';
import type { RgbImage } from './resample.ts';
import { assertPixels } from './upload.ts';
import type { AcceptedUpload } from './upload.ts';
import type { MediaFormat, MetadataReport } from './types.ts';

/** The long side of the copy the detector sees: 3 rows of tiles then map about 1:1 to the model's 256 pixels. */
export const WORKING_SIDE = 1000;

export function openImage(bytes: Uint8Array): Sharp {
  // limitInputPixels: libvips refuses to decode more, whatever the header check before it said.
  return sharp(bytes, { limitInputPixels: LIMITS.imagePixels, failOn: 'warning' });
}

/** Turns a libvips failure into a sentence. */
export function decodeError(e: unknown, upload: AcceptedUpload): MediaError {
  if (e instanceof MediaError) return e;
  const message = e instanceof Error ? e.message : String(e);
  if (/pixel limit/i.test(message)) {
    return new MediaError('too_many_pixels', `The photo has more than ${LIMITS.imagePixels / 1e6} megapixels, so it was not opened.`, { cause: e });
  }
  if (upload.format === 'heic') {
    return new MediaError(
      'unsupported',
      'HEIC photos cannot be read on this server: its image library has no HEVC decoder. Send the photo as JPEG (on an iPhone: Settings › Camera › Formats › Most Compatible) or share it as JPEG.',
      { cause: e },
    );
  }
  return new MediaError('corrupt', `The file looks like ${upload.label}, but it is damaged or cut off and cannot be read.`, { cause: e });
}

/** Width and height as the photo is shown (EXIF orientation 5–8 swaps them). */
export function shownSize(meta: Metadata): { width: number; height: number } {
  const swap = (meta.orientation ?? 1) >= 5;
  return swap ? { width: meta.height, height: meta.width } : { width: meta.width, height: meta.height };
}

export function metadataReport(meta: Metadata): MetadataReport {
  const fields = new Set<string>();
  let gps = false;
  if (meta.exif) {
    const exif = summariseExif(meta.exif);
    gps = exif.gps;
    for (const f of exif.fields) fields.add(f);
    fields.add('exif');
  }
  if (meta.xmp) {
    fields.add('xmp');
    if (xmpHasLocation(meta.xmp)) {
      gps = true;
      fields.add('gps');
    }
  }
  if (meta.iptc) fields.add('iptc');
  if (meta.icc) fields.add('icc');
  const comments = (meta.comments?.length ?? 0) > 0;
  if (comments) fields.add('comments');
  return {
    gps,
    exif: Boolean(meta.exif),
    xmp: Boolean(meta.xmp),
    iptc: Boolean(meta.iptc),
    icc: Boolean(meta.icc),
    comments,
    tags: false,
    fields: [...fields].sort(),
  };
}

/** The header of a photo read by libvips (nothing decoded), its size checked against the caps. */
export async function readImageHeader(bytes: Uint8Array, upload: AcceptedUpload): Promise<Metadata> {
  let meta: Metadata;
  try {
    meta = await openImage(bytes).metadata();
  } catch (e) {
    throw decodeError(e, upload);
  }
  assertPixels(meta.width, meta.height);
  return meta;
}

/** A decoded photo, upright, as raw pixels. */
export interface RawImage {
  data: Buffer;
  width: number;
  height: number;
  channels: number;
}

/** The whole photo, upright, as raw pixels (for the blur, which must work at full size). */
export async function decodeFull(bytes: Uint8Array, upload: AcceptedUpload): Promise<RawImage> {
  try {
    const { data, info } = await openImage(bytes).rotate().toColourspace('srgb').raw().toBuffer({ resolveWithObject: true });
    return { data, width: info.width, height: info.height, channels: info.channels };
  } catch (e) {
    throw decodeError(e, upload);
  }
}

/** An RGB copy of at most `side` pixels a side for the detector. */
export async function workingCopy(input: Uint8Array | RawImage, upload: AcceptedUpload, side = WORKING_SIDE): Promise<RgbImage> {
  try {
    const pipeline = 'channels' in input
      ? sharp(input.data, { raw: { width: input.width, height: input.height, channels: input.channels as 1 | 2 | 3 | 4 } })
      : openImage(input).rotate();
    const { data, info } = await pipeline
      .resize({ width: side, height: side, fit: 'inside', withoutEnlargement: true })
      .toColourspace('srgb')
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`expected 3 channels, got ${info.channels}`);
    return { data, width: info.width, height: info.height };
  } catch (e) {
    throw decodeError(e, upload);
  }
}

/** The output format of a published copy: the same as the upload, JPEG for HEIC. */
export function outputFormat(format: MediaFormat): 'jpeg' | 'png' | 'webp' {
  return format === 'png' ? 'png' : format === 'webp' ? 'webp' : 'jpeg';
}

/** Encodes raw pixels without any metadata. */
export async function encode(pipeline: Sharp, format: 'jpeg' | 'png' | 'webp'): Promise<Buffer> {
  switch (format) {
    case 'png':
      return pipeline.png({ compressionLevel: 6 }).toBuffer();
    case 'webp':
      return pipeline.webp({ quality: 90 }).toBuffer();
    default:
      return pipeline.jpeg({ quality: 90 }).toBuffer();
  }
}

/** The side of the copy the detector's second look at small faces crops from. */
export const DETAIL_SIDE = 2048;

/**
 * The copies the detector needs: `working` (at most 1,000 pixels a side: a JPEG of 4000 × 3000
 * decodes straight to 1000 × 750 with shrink-on-load, which is quick) and `detail`, a function
 * that makes a copy of at most 2,048 pixels only when a small face needs a second look.
 */
export async function detectionCopies(input: Uint8Array | RawImage, upload: AcceptedUpload): Promise<{ working: RgbImage; detail: () => Promise<RgbImage> }> {
  const working = await workingCopy(input, upload, WORKING_SIDE);
  return { working, detail: () => workingCopy(input, upload, DETAIL_SIDE) };
}
