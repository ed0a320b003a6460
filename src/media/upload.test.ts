import { describe, expect, it } from 'vitest';
import { MediaError } from './errors.ts';
import { declaredDimensions } from './header.ts';
import { LIMITS } from './limits.ts';
import { acceptUpload } from './upload.ts';

function png(width: number, height: number): Uint8Array {
  const b = new Uint8Array(33);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  new DataView(b.buffer).setUint32(16, width);
  new DataView(b.buffer).setUint32(20, height);
  b.set([8, 2, 0, 0, 0], 24);
  return b;
}

function jpeg(width: number, height: number): Uint8Array {
  // SOI, an APP0 segment, then SOF0 with the dimensions.
  return Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, height >> 8, height & 255, width >> 8, width & 255, 1, 1, 0x11, 0]);
}

function refused(fn: () => unknown): MediaError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(MediaError);
    return e as MediaError;
  }
  throw new Error('not refused');
}

describe('declaredDimensions: the header, nothing decoded', () => {
  it('reads PNG, JPEG and WebP sizes', () => {
    expect(declaredDimensions(png(640, 480), 'png')).toEqual({ width: 640, height: 480 });
    expect(declaredDimensions(jpeg(4000, 3000), 'jpeg')).toEqual({ width: 4000, height: 3000 });
    const vp8x = new Uint8Array(30);
    vp8x.set([...'RIFF'].map((c) => c.charCodeAt(0)), 0);
    vp8x.set([...'WEBPVP8X'].map((c) => c.charCodeAt(0)), 8);
    vp8x.set([0x3f, 0x1f, 0x00, 0xdf, 0x0b, 0x00], 24); // 8000 × 3040
    expect(declaredDimensions(vp8x, 'webp')).toEqual({ width: 8000, height: 3040 });
  });

  it('gives null for a header that is cut off or broken', () => {
    expect(declaredDimensions(png(640, 480).subarray(0, 20), 'png')).toBeNull();
    expect(declaredDimensions(jpeg(10, 10).subarray(0, 12), 'jpeg')).toBeNull();
    expect(declaredDimensions(Uint8Array.from([0xff, 0xd8, 0xff, 0xda, 0, 2]), 'jpeg')).toBeNull();
  });
});

describe('acceptUpload', () => {
  it('accepts a photo and goes by content, not by name', () => {
    const up = acceptUpload(png(640, 480), { filename: 'klas.jpg' });
    expect(up).toMatchObject({ kind: 'image', format: 'png', mime: 'image/png', width: 640, height: 480 });
    expect(up.notes[0]).toMatch(/named \.jpg but is a PNG image/);
    expect(acceptUpload(png(640, 480), { filename: 'klas.png' }).notes).toEqual([]);
  });

  it('refuses an empty upload, an unknown type and a broken header with one sentence each', () => {
    expect(refused(() => acceptUpload(new Uint8Array(0), { filename: 'x.jpg' }))).toMatchObject({ code: 'empty', status: 400, message: '"x.jpg" is empty: nothing was uploaded.' });
    const text = refused(() => acceptUpload(new TextEncoder().encode('just some text')));
    expect(text).toMatchObject({ code: 'unsupported', status: 415 });
    expect(text.message).toMatch(/^The file is not a photo, video or sound file we can read; Postwijzer takes photos as JPEG/);
    expect(refused(() => acceptUpload(new TextEncoder().encode('GIF89a....')))).toMatchObject({ message: expect.stringMatching(/is a GIF image/) });
    expect(refused(() => acceptUpload(png(640, 480).subarray(0, 18)))).toMatchObject({ code: 'corrupt', status: 422 });
    expect(refused(() => acceptUpload(png(0, 480)))).toMatchObject({ code: 'corrupt' });
  });

  it('refuses a decompression bomb from its header: huge dimensions in a few bytes', () => {
    const bomb = refused(() => acceptUpload(png(50_000, 50_000)));
    expect(bomb).toMatchObject({ code: 'too_many_pixels', status: 413 });
    expect(bomb.message).toMatch(/declares 50000 × 50000 pixels \(2500 megapixels\)/);
    expect(refused(() => acceptUpload(jpeg(65_000, 65_000))).code).toBe('too_many_pixels');
    expect(refused(() => acceptUpload(png(30_000, 10)))).toMatchObject({ code: 'too_many_pixels' }); // a side too long
    expect(acceptUpload(png(12_000, 9_000)).width).toBe(12_000); // 108 megapixels: allowed
  });

  it('refuses a file over the cap of its kind', () => {
    const big = new Uint8Array(LIMITS.imageBytes + 1);
    big.set(png(100, 100));
    expect(refused(() => acceptUpload(big))).toMatchObject({ code: 'too_large', status: 413, message: expect.stringMatching(/a photo may be at most 40 MB/) });
  });
});
