// Test helpers of the media pipeline (not used by the product): the demo photos of
// @vladmandic/face-api (a devDependency, read from node_modules, never copied), a synthetic class
// photo with known faces, a JPEG with GPS, and a sharpness measure.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import sharp from 'sharp';
import type { OverlayOptions } from 'sharp';
import type { Box } from '../types.ts';

/** The faces in sample1–6.jpg of @vladmandic/face-api's demo folder, counted by hand. */
export const SAMPLE_FACES = [3, 3, 3, 4, 5, 4] as const;

export function samplePhoto(n: number): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@vladmandic/face-api')), '..', 'demo', `sample${n}.jpg`);
}

/** Variance of the Laplacian of the grey values inside a box: high on detail, near 0 on a blur. */
export async function laplacianVariance(image: Uint8Array, box: Box): Promise<number> {
  const [left, top, width, height] = box.map(Math.round) as Box;
  const { data } = await sharp(image).rotate().extract({ left, top, width, height }).greyscale().raw().toBuffer({ resolveWithObject: true });
  let sum = 0;
  let sq = 0;
  let n = 0;
  for (let y = 1; y < height - 1; y++) {
    for (let x = 1; x < width - 1; x++) {
      const i = y * width + x;
      const l = data[i - 1]! + data[i + 1]! + data[i - width]! + data[i + width]! - 4 * data[i]!;
      sum += l;
      sq += l * l;
      n++;
    }
  }
  return n ? sq / n - (sum / n) ** 2 : 0;
}

/**
 * A JPEG as a phone writes it: the pixels stored sideways with EXIF orientation 6 (turn a quarter
 * clockwise to show), camera, date and GPS in EXIF, a location in XMP, and an ICC profile.
 */
export async function jpegWithGps(source: string): Promise<Buffer> {
  return sharp(source)
    .resize(800)
    .rotate(270)
    .withExif({
      IFD0: { Make: 'Phone maker', Model: 'Phone 15', DateTime: '2026:05:01 10:00:00' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 3/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 54/1 15/1' },
    })
    .withXmp('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:exif="http://ns.adobe.com/exif/1.0/" exif:GPSLatitude="52,22.05N"/></rdf:RDF></x:xmpmeta>')
    .withIccProfile('p3')
    .withMetadata({ orientation: 6 })
    .jpeg({ quality: 90 })
    .toBuffer();
}

/**
 * A class photo made of the demo photos' faces (with hair and shoulders), in rows on a noisy
 * wall, each face `faceWidth` pixels wide: a group photo whose faces are known. `faces` are the
 * boxes the detector found on the demo photos themselves (at their own size, where it finds all).
 */
export async function classPhoto(faces: { file: string; box: Box }[], options: { width?: number; height?: number; rows?: number; cols?: number; faceWidth: number }): Promise<{ jpeg: Buffer; truth: Box[] }> {
  const { width = 4000, height = 3000, rows = 3, cols = 10, faceWidth } = options;
  // A plaster-like wall from seeded noise (libvips' own noise differs on every run).
  let seed = 42;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const noise = Buffer.alloc((width / 8) * (height / 8) * 3);
  for (let i = 0; i < noise.length; i += 3) {
    const v = 110 + random() * 50;
    noise[i] = v;
    noise[i + 1] = v + 8;
    noise[i + 2] = v + 16;
  }
  const wall = await sharp(noise, { raw: { width: width / 8, height: height / 8, channels: 3 } }).resize(width, height).png().toBuffer();
  const cellW = width / cols;
  const cellH = height / (rows + 1);
  const overlays: OverlayOptions[] = [];
  const truth: Box[] = [];
  let n = 0;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const f = faces[n++ % faces.length]!;
      const meta = await sharp(f.file).metadata();
      const k = faceWidth / f.box[2];
      const cx = f.box[0] + f.box[2] / 2;
      const left = Math.max(0, Math.round(cx - f.box[2] * 1.3));
      const top = Math.max(0, Math.round(f.box[1] - f.box[3] * 0.8));
      const w = Math.min(meta.width - left, Math.round(f.box[2] * 2.6));
      const h = Math.min(meta.height - top, Math.round(f.box[3] * 3));
      const tw = Math.round(w * k);
      const th = Math.round(h * k);
      const x = Math.round(c * cellW + (cellW - tw) / 2 + (r % 2) * cellW * 0.25);
      const y = Math.round(cellH * 0.5 + r * cellH + (cellH - th) / 2);
      if (x < 0 || y < 0 || x + tw > width || y + th > height) continue;
      overlays.push({ input: await sharp(f.file).extract({ left, top, width: w, height: h }).resize(tw, th).toBuffer(), left: x, top: y });
      truth.push([x + (f.box[0] - left) * k, y + (f.box[1] - top) * k, faceWidth, f.box[3] * k]);
    }
  }
  return { jpeg: await sharp(wall).composite(overlays).jpeg({ quality: 90 }).toBuffer(), truth };
}
