// The caps of the media pipeline, checked on the bytes before anything is decoded. The numbers
// and why they are what they are: docs/media.md ("Caps").

const MB = 1024 * 1024;

export const LIMITS = {
  /** A photo's file: a 108-megapixel phone JPEG is about 30 MB. */
  imageBytes: 40 * MB,
  /** A video's file: a few minutes of phone video in 1080p. */
  videoBytes: 300 * MB,
  /** A sound file: an hour of MP3 at 128 kbit/s is 58 MB; WAV is larger. */
  audioBytes: 100 * MB,
  /**
   * The most pixels a photo may declare (width × height in its header). Above this the file is
   * refused before it is decoded: a decompression bomb declares 50,000 × 50,000 pixels in a few
   * hundred bytes. 120 megapixels lets in the 108-megapixel mode of phone cameras.
   */
  imagePixels: 120_000_000,
  /** The longest side of a photo, whatever its pixel count. */
  imageSide: 20_000,
  /** The largest frame of a video (8K is 33 megapixels). */
  videoPixels: 40_000_000,
  /** The longest video or sound, in seconds. */
  durationSeconds: 15 * 60,
} as const;

export function megabytes(bytes: number): string {
  return `${Math.round((bytes / MB) * 10) / 10} MB`;
}
