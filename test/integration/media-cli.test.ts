// `postwijzer media inspect|redact` through the real bin and the bundle that `npm ci` builds.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jpegWithGps, samplePhoto } from '../../src/media/testing/fixtures.ts';

let dir: string;

beforeAll(() => {
  // The CLI bundle only (the web app is not needed here).
  const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8', env: { ...process.env, POSTWIJZER_SKIP_WEB: '1' } });
  if (b.status !== 0) throw new Error(`build failed: ${b.stderr}`);
  dir = mkdtempSync(join(tmpdir(), 'pw-media-cli-'));
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[]) {
  const r = spawnSync(process.execPath, ['bin/postwijzer.mjs', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe('postwijzer media', { timeout: 120_000 }, () => {
  it('inspect --format json prints kind, size, faces and metadata', async () => {
    const file = join(dir, 'IMG_0001.JPG');
    writeFileSync(file, await jpegWithGps(samplePhoto(4)));
    const r = run(['media', 'inspect', file, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    const info = JSON.parse(r.out);
    expect(info).toMatchObject({ kind: 'image', format: 'jpeg', width: 800, height: 603, metadata: { gps: true, exif: true, xmp: true } });
    expect(info.faces).toHaveLength(4);
    expect(info.faces[0]).toEqual({ box: [expect.any(Number), expect.any(Number), expect.any(Number), expect.any(Number)], score: expect.any(Number) });
    expect(r.out).toMatch(/"box": \[\d+, \d+, \d+, \d+\]/); // one line per box
  });

  it('inspect prints readable Dutch by default', () => {
    const r = run(['media', 'inspect', samplePhoto(2)]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^Foto \(JPEG\), 1920 × 1367 pixels\nGezichten: 3\n {2}0: x \d+, y \d+, \d+ × \d+ pixels \(zekerheid 0,\d+\)/);
    expect(r.out).toMatch(/Metadata: GPS-locatie, .*EXIF/);
    expect(r.out).toMatch(/Let op: het bestand bevat een locatie\./);
  });

  it('says when a file is named as another type, and reads it by content', async () => {
    const file = join(dir, 'foto.jpg');
    writeFileSync(file, await sharp(samplePhoto(1)).resize(960).png().toBuffer());
    const r = run(['media', 'inspect', file, '--format', 'json']);
    expect(r.code, r.err).toBe(0);
    expect(JSON.parse(r.out)).toMatchObject({ format: 'png', faces: expect.any(Array), notes: ['The file is named .jpg but is a PNG image; it was read as PNG.'] });
  });

  it('redact writes a stripped copy with the chosen faces blurred', async () => {
    const file = join(dir, 'gps.jpg');
    writeFileSync(file, await jpegWithGps(samplePhoto(4)));
    const out = join(dir, 'clean.jpg');
    const r = run(['media', 'redact', file, '--blur-faces', '0,2', '-o', out]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toBe(`Written ${out}: JPEG without metadata; 2 of 4 faces blurred (0, 2).\n`);
    const meta = await sharp(readFileSync(out)).metadata();
    expect([meta.exif, meta.xmp, meta.icc, meta.iptc]).toEqual([undefined, undefined, undefined, undefined]);
    const again = JSON.parse(run(['media', 'inspect', out, '--format', 'json']).out);
    expect(again.faces).toHaveLength(2);
    expect(again.metadata.fields).toEqual([]);
    const all = run(['media', 'redact', file, '-o', join(dir, 'all.jpg')]);
    expect(all.out).toMatch(/4 of 4 faces blurred \(0, 1, 2, 3\)/);
  });

  it('exits 2 with one clear sentence and no stack trace on bad input', async () => {
    const empty = join(dir, 'leeg.jpg');
    writeFileSync(empty, '');
    const text = join(dir, 'notes.jpg');
    writeFileSync(text, 'not a photo at all');
    const truncated = join(dir, 'half.jpg');
    const jpeg = readFileSync(samplePhoto(3));
    writeFileSync(truncated, jpeg.subarray(0, jpeg.length / 2));
    const bomb = join(dir, 'bomb.png');
    const png = await sharp({ create: { width: 1, height: 1, channels: 3, background: 'white' } }).png().toBuffer();
    png.writeUInt32BE(100_000, 16);
    png.writeUInt32BE(100_000, 20);
    writeFileSync(bomb, png);
    for (const [args, pattern] of [
      [['media', 'inspect', empty], /"leeg\.jpg" is empty: nothing was uploaded\./],
      [['media', 'inspect', text], /is not a photo, video or sound file we can read/],
      [['media', 'inspect', truncated], /looks like a JPEG photo, but it is damaged or cut off/],
      [['media', 'inspect', bomb], /declares 100000 × 100000 pixels/],
      [['media', 'inspect', '/nope/x.jpg'], /there is no such file/],
      [['media', 'inspect', samplePhoto(1), '--format', 'xml'], /--format must be json or text/],
      [['media', 'redact', samplePhoto(1)], /-o OUT/],
      [['media', 'redact', samplePhoto(1), '--blur-faces', 'left', '-o', join(dir, 'x.jpg')], /--blur-faces takes all, none or face numbers/],
      [['media', 'redact', samplePhoto(1), '--blur-faces', '0,9', '-o', join(dir, 'x.jpg')], /There is no face number 9: there are 3 faces \(numbers 0 to 2\)\./],
      [['media', 'frobnicate'], /unknown media command/],
    ] as const) {
      const r = run([...args]);
      expect(r.code, `${args.join(' ')}: ${r.err}`).toBe(2);
      expect(r.err).toMatch(pattern);
      expect(r.err).not.toMatch(/\n\s+at /);
      expect(r.err.trim().split('\n')).toHaveLength(1);
    }
  });

  it('lists the media commands in the help', () => {
    expect(run(['help']).out).toMatch(/postwijzer media inspect BESTAND[\s\S]*postwijzer media redact BESTAND -o UIT/);
  });
});
