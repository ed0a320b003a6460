// The media pipeline on photos: faces in real photos (the demo photos of @vladmandic/face-api,
// read from node_modules), small faces in a class photo (tiles), metadata stripped, faces blurred
// beyond recovery, and every kind of bad upload refused with one sentence.
import { readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFaceDetector, warmUpFaceDetector } from '../../src/media/detector.ts';
import { MediaError } from '../../src/media/errors.ts';
import { TEMP_PREFIX } from '../../src/media/ffmpeg.ts';
import { iou } from '../../src/media/geometry.ts';
import { inspectMedia, redactImage, redactMedia } from '../../src/media/index.ts';
import { classPhoto, jpegWithGps, laplacianVariance, SAMPLE_FACES, samplePhoto } from '../../src/media/testing/fixtures.ts';
import type { Box, Face } from '../../src/media/types.ts';

const tempDirs = () => readdirSync(tmpdir()).filter((n) => n.startsWith(TEMP_PREFIX));
let tempBefore: string[];

beforeAll(async () => {
  tempBefore = tempDirs();
  await warmUpFaceDetector();
}, 60_000);
afterAll(() => closeFaceDetector());

async function refusal(p: Promise<unknown>): Promise<MediaError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(MediaError);
  return e as MediaError;
}

describe('face detection on real photos', { timeout: 60_000 }, () => {
  const found: Face[][] = [];

  it('finds every face in the six demo photos of @vladmandic/face-api (3, 3, 3, 4, 5, 4), and nothing else', async () => {
    for (let i = 1; i <= 6; i++) {
      const info = await inspectMedia(readFileSync(samplePhoto(i)), { filename: `sample${i}.jpg` });
      expect(info).toMatchObject({ kind: 'image', format: 'jpeg', width: 1920 });
      expect(info.faces.length, `sample${i}.jpg`).toBe(SAMPLE_FACES[i - 1]);
      for (const f of info.faces) {
        expect(f.score).toBeGreaterThan(0.6);
        expect(f.box[2]).toBeGreaterThan(100); // faces in these photos are 150–300 pixels wide
      }
      found.push(info.faces);
    }
  });

  it('finds the same faces without tiles (they are large), so tiles add no false ones', async () => {
    for (let i = 1; i <= 6; i++) {
      const plain = await inspectMedia(readFileSync(samplePhoto(i)), { detect: { tiles: false } });
      expect(plain.faces.length).toBe(SAMPLE_FACES[i - 1]);
      for (const f of plain.faces) expect(found[i - 1]!.some((g) => iou(g.box, f.box) > 0.5)).toBe(true);
    }
  });

  it('finds small faces in a class photo with tiles, which the whole image alone misses', async () => {
    const faces = found.flatMap((list, i) => list.map((f) => ({ file: samplePhoto(i + 1), box: f.box })));
    const { jpeg, truth } = await classPhoto(faces, { faceWidth: 130 });
    const recall = (detected: Face[]) => truth.filter((t) => detected.some((d) => iou(t, d.box) > 0.3)).length / truth.length;
    const tiled = await inspectMedia(jpeg);
    const plain = await inspectMedia(jpeg, { detect: { tiles: false } });
    expect(truth.length).toBeGreaterThanOrEqual(25);
    expect(recall(tiled.faces)).toBeGreaterThanOrEqual(0.85);
    expect(recall(plain.faces)).toBeLessThan(recall(tiled.faces) - 0.3);
    // A face's crop may show part of a neighbour from its source photo: a real face, not in `truth`.
    const extra = tiled.faces.filter((d) => !truth.some((t) => iou(t, d.box) > 0.3));
    expect(extra.length).toBeLessThanOrEqual(2);
  });
});

describe('metadata', { timeout: 60_000 }, () => {
  it('reports GPS, EXIF, XMP and ICC in a phone JPEG; the redacted copy has no metadata at all', async () => {
    const original = await jpegWithGps(samplePhoto(4));
    const info = await inspectMedia(original, { filename: 'IMG_0001.JPG' });
    expect(info.metadata).toMatchObject({ gps: true, exif: true, xmp: true, icc: true });
    expect(info.metadata.fields).toEqual(expect.arrayContaining(['gps', 'camera', 'dateTaken']));
    // Stored sideways (603 × 800) with orientation 6: shown upright, 800 × 603, faces found upright.
    expect([info.width, info.height]).toEqual([800, 603]);
    expect(info.faces.length).toBe(4);

    const out = await redactImage(original, { blur: 'none' });
    const meta = await sharp(out.bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.iptc).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(meta.comments).toBeUndefined();
    expect([meta.width, meta.height]).toEqual([info.width, info.height]); // upright in its pixels
    const text = out.bytes.toString('latin1');
    for (const marker of ['Exif', 'GPS', 'http://ns.adobe.com/xap', 'xmpmeta', 'Phone maker', 'ICC_PROFILE', 'Photoshop']) expect(text).not.toContain(marker);
    const again = await inspectMedia(out.bytes);
    expect(again.metadata).toMatchObject({ gps: false, exif: false, xmp: false, iptc: false, icc: false, comments: false, fields: [] });
  });

  it('strips PNG text chunks and WebP metadata too', async () => {
    const png = await sharp(samplePhoto(1)).resize(400).withExif({ IFD0: { Artist: 'Juf Anne' } }).png().toBuffer();
    expect((await inspectMedia(png)).metadata.exif).toBe(true);
    const cleanPng = await redactImage(png, { blur: 'none' });
    expect(cleanPng.format).toBe('png');
    expect(cleanPng.bytes.toString('latin1')).not.toMatch(/eXIf|Juf Anne|tEXt|iTXt/);
    const webp = await sharp(samplePhoto(1)).resize(400).withExif({ IFD0: { Artist: 'Juf Anne' } }).webp().toBuffer();
    const cleanWebp = await redactImage(webp, { blur: 'none' });
    expect(cleanWebp.format).toBe('webp');
    expect(cleanWebp.bytes.toString('latin1')).not.toMatch(/EXIF|Juf Anne|XMP /);
  });
});

describe('blurring faces', { timeout: 60_000 }, () => {
  it('leaves no recoverable detail: the sharpness inside each blurred face drops to near zero', async () => {
    const original = readFileSync(samplePhoto(5));
    const info = await inspectMedia(original);
    const out = await redactImage(original, { faces: info.faces, blur: [0, 2] });
    expect(out.blurred).toEqual([0, 2]);
    // The floor: what 8-bit rounding and JPEG leave in a region blurred flat (about 2).
    const flat = await sharp(original).blur(20).jpeg({ quality: 90 }).toBuffer();
    for (const [i, face] of info.faces.entries()) {
      const before = await laplacianVariance(original, face.box);
      const after = await laplacianVariance(out.bytes, face.box);
      if (i === 0 || i === 2) {
        expect(before, `face ${i}`).toBeGreaterThan(15);
        expect(after, `face ${i}`).toBeLessThan(before * 0.12);
        expect(after, `face ${i}`).toBeLessThanOrEqual((await laplacianVariance(flat, face.box)) * 1.1);
      } else {
        expect(after / before, `face ${i} (not chosen)`).toBeGreaterThan(0.5); // untouched, up to JPEG noise
      }
    }
    // Blurred faces are not found again.
    expect((await inspectMedia(out.bytes)).faces.length).toBe(info.faces.length - 2);
  });

  it('blurs every face by default, detecting them itself', async () => {
    const out = await redactMedia(readFileSync(samplePhoto(6)));
    expect(out.blurred).toEqual([0, 1, 2, 3]);
    expect((await inspectMedia(out.bytes)).faces).toEqual([]);
  });

  it('blurs boxes given as bare [x, y, w, h] (a box a person drew)', async () => {
    const original = readFileSync(samplePhoto(1));
    const box: Box = [100, 100, 200, 200];
    const out = await redactImage(original, { faces: [box], blur: 'all' });
    expect(out.blurred).toEqual([0]);
    expect(await laplacianVariance(out.bytes, box)).toBeLessThan((await laplacianVariance(original, box)) * 0.2 + 1);
  });

  it('refuses a face number that does not exist', async () => {
    const e = await refusal(redactImage(readFileSync(samplePhoto(1)), { blur: [0, 7] }));
    expect(e).toMatchObject({ code: 'bad_request', status: 400, message: 'There is no face number 7: there are 3 faces (numbers 0 to 2).' });
  });
});

describe('bad uploads: one clear sentence, no crash', { timeout: 60_000 }, () => {
  it('refuses an empty upload', async () => {
    const e = await refusal(inspectMedia(new Uint8Array(0), { filename: 'leeg.jpg' }));
    expect(e).toMatchObject({ code: 'empty', status: 400, message: '"leeg.jpg" is empty: nothing was uploaded.' });
  });

  it('refuses a file that is no media, and names what it is when it can', async () => {
    expect(await refusal(inspectMedia(Buffer.from('<html><body>hi</body></html>')))).toMatchObject({ code: 'unsupported', status: 415, message: expect.stringMatching(/^The file is a web page \(HTML\); Postwijzer takes photos as JPEG/) });
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: 'red' } }).gif().toBuffer();
    expect((await refusal(inspectMedia(gif, { filename: 'a.gif' }))).message).toMatch(/^"a.gif" is a GIF image;/);
  });

  it('reads a PNG named .jpg as the PNG it is, and says so', async () => {
    const png = await sharp(samplePhoto(2)).resize(960).png().toBuffer();
    const info = await inspectMedia(png, { filename: 'klassenfoto.jpg' });
    expect(info).toMatchObject({ kind: 'image', format: 'png', mime: 'image/png', width: 960 });
    expect(info.notes).toEqual(['The file is named .jpg but is a PNG image; it was read as PNG.']);
    expect(info.faces.length).toBe(3);
    const out = await redactMedia(png, { filename: 'klassenfoto.jpg' });
    expect(out.format).toBe('png');
  });

  it('refuses corrupt and truncated photos', async () => {
    const jpeg = readFileSync(samplePhoto(3));
    const truncated = jpeg.subarray(0, Math.floor(jpeg.length * 0.6));
    expect(await refusal(inspectMedia(truncated))).toMatchObject({ code: 'corrupt', status: 422, message: 'The file looks like a JPEG photo, but it is damaged or cut off and cannot be read.' });
    expect((await refusal(redactMedia(truncated))).code).toBe('corrupt');
    const garbage = Buffer.concat([jpeg.subarray(0, 2000), Buffer.alloc(50_000, 0x55)]);
    expect((await refusal(inspectMedia(garbage))).code).toBe('corrupt');
    const png = await sharp(samplePhoto(1)).resize(300).png().toBuffer();
    expect((await refusal(inspectMedia(png.subarray(0, png.length - 200)))).code).toBe('corrupt');
    expect((await refusal(inspectMedia(png.subarray(0, 20)))).code).toBe('corrupt');
  });

  it('refuses decompression bombs before decoding: a PNG and a JPEG header declaring huge images', async () => {
    // A real, valid PNG of 1 × 1 whose header is rewritten to 60,000 × 60,000 (3.6 gigapixels).
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: 'white' } }).png().toBuffer();
    png.writeUInt32BE(60_000, 16);
    png.writeUInt32BE(60_000, 20);
    const e = await refusal(inspectMedia(png));
    expect(e).toMatchObject({ code: 'too_many_pixels', status: 413 });
    expect(e.message).toMatch(/declares 60000 × 60000 pixels/);
    // A JPEG of 16,000 × 16,000 within the side limit but over the pixel cap.
    const jpeg = await sharp({ create: { width: 8, height: 8, channels: 3, background: 'white' } }).jpeg().toBuffer();
    const sof = jpeg.indexOf(Buffer.from([0xff, 0xc0]));
    jpeg.writeUInt16BE(16_000, sof + 5);
    jpeg.writeUInt16BE(16_000, sof + 7);
    expect((await refusal(redactMedia(jpeg))).code).toBe('too_many_pixels');
  });

  it('says plainly that HEIC cannot be read here, when the image library has no HEVC decoder', async () => {
    // An ftyp box of a HEIC file and nothing else: recognised by content, then refused.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic'), Buffer.alloc(4), Buffer.from('mif1heic'), Buffer.alloc(64)]);
    const e = await refusal(inspectMedia(heic, { filename: 'IMG_1234.HEIC' }));
    expect(e.code).toMatch(/^(unsupported|corrupt)$/);
    expect(e.message).toMatch(/HEIC/);
  });

  it('leaves no temporary files behind', () => {
    expect(tempDirs()).toEqual(tempBefore);
  });
});

describe('boxes', () => {
  it('are whole pixels inside the photo', async () => {
    const info = await inspectMedia(readFileSync(samplePhoto(1)));
    for (const { box } of info.faces) {
      const [x, y, w, h] = box as Box;
      expect([x, y, w, h].every(Number.isInteger)).toBe(true);
      expect(x + w).toBeLessThanOrEqual(info.width!);
      expect(y + h).toBeLessThanOrEqual(info.height!);
    }
  }, 30_000);
});
