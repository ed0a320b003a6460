// Video and sound through ffmpeg: faces in sampled frames, metadata (a location, a title, a
// creation time) stripped, broken files refused, and no temporary file left behind. The clips
// are made here with ffmpeg from a demo photo of @vladmandic/face-api and a generated tone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeFaceDetector } from '../../src/media/detector.ts';
import { MediaError } from '../../src/media/errors.ts';
import { findTool } from '../../src/media/ffmpeg.ts';
import { inspectMedia, redactMedia } from '../../src/media/index.ts';
import { samplePhoto } from '../../src/media/testing/fixtures.ts';

// CI installs Debian's ffmpeg (.ci/run); a developer's machine without it skips these tests.
const ffmpeg = findTool('ffmpeg');
const ffprobe = findTool('ffprobe');
const available = Boolean(ffmpeg && ffprobe);
if (!available && process.env.CI) throw new Error('ffmpeg and ffprobe are needed in CI (.ci/run installs Debian\'s ffmpeg).');

let work: string;
let tmp: string;
const originalTmp = process.env.TMPDIR;

function make(name: string, args: string[]): Buffer {
  const file = join(work, name);
  const r = spawnSync(ffmpeg!, ['-v', 'error', '-y', ...args, file], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`ffmpeg: ${r.stderr}`);
  return readFileSync(file);
}

function tags(bytes: Buffer, name: string): { format: Record<string, string>; streams: Record<string, string>[] } {
  const file = join(work, name);
  writeFileSync(file, bytes);
  const r = spawnSync(ffprobe!, ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { encoding: 'utf8' });
  const p = JSON.parse(r.stdout) as { format: { tags?: Record<string, string> }; streams: { tags?: Record<string, string> }[] };
  return { format: p.format.tags ?? {}, streams: p.streams.map((s) => s.tags ?? {}) };
}

const PERSONAL = ['-metadata', 'title=Juf Anne op schoolreis', '-metadata', 'artist=Anne de Vries', '-metadata', 'location=+52.3676+004.9041/', '-metadata', 'creation_time=2026-05-01T10:00:00Z'];

describe.skipIf(!available)('video and sound', { timeout: 120_000 }, () => {
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'pw-av-'));
    // The pipeline's temporary folders go here, so this file alone checks they are removed.
    tmp = mkdtempSync(join(tmpdir(), 'pw-av-tmp-'));
    process.env.TMPDIR = tmp;
  });
  afterAll(async () => {
    process.env.TMPDIR = originalTmp;
    if (originalTmp === undefined) delete process.env.TMPDIR;
    rmSync(work, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
    await closeFaceDetector();
  });

  it('finds the faces in the sampled frames of an MP4, and strips its metadata', async () => {
    const mp4 = make('clip.mp4', [
      '-loop', '1', '-t', '3', '-i', samplePhoto(4), '-f', 'lavfi', '-t', '3', '-i', 'sine=frequency=440',
      '-vf', 'scale=960:-2,format=yuv420p', '-r', '10', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-shortest', ...PERSONAL,
    ]);
    const info = await inspectMedia(mp4, { filename: 'clip.mp4' });
    expect(info).toMatchObject({ kind: 'video', format: 'mp4', mime: 'video/mp4', width: 960 });
    expect(info.durationMs).toBeGreaterThan(2900);
    expect(info.frames!.length).toBe(3);
    for (const f of info.frames!) expect(f.faces).toBe(4); // sample4 has four faces
    expect(info.faces.every((f) => typeof f.timeMs === 'number' && f.box[2] > 20)).toBe(true);
    expect(info.metadata).toMatchObject({ gps: true, tags: true });
    expect(info.metadata.fields).toEqual(expect.arrayContaining(['gps', 'tag:title', 'tag:artist', 'tag:location', 'tag:creation_time']));

    const out = await redactMedia(mp4);
    expect(out).toMatchObject({ kind: 'video', format: 'mp4', blurred: [] });
    const t = tags(out.bytes, 'stripped.mp4');
    expect(Object.keys(t.format).sort()).toEqual(['compatible_brands', 'major_brand', 'minor_version']);
    for (const s of t.streams) expect(Object.keys(s).filter((k) => !['language', 'handler_name', 'vendor_id'].includes(k))).toEqual([]);
    const text = out.bytes.toString('latin1');
    for (const s of ['Juf Anne', 'Anne de Vries', '52.3676', 'Lavf']) expect(text).not.toContain(s);
    const again = await inspectMedia(out.bytes);
    expect(again.metadata).toMatchObject({ gps: false, tags: false, fields: [] });
    expect(again.faces.length).toBe(info.faces.length); // the pictures are untouched
  });

  it('keeps a MOV a MOV and refuses to blur faces in video', async () => {
    const mov = make('clip.mov', ['-f', 'lavfi', '-t', '1', '-i', 'testsrc=size=320x240:rate=10', '-c:v', 'mpeg4', ...PERSONAL]);
    const info = await inspectMedia(mov, { filename: 'clip.mov' });
    expect(info).toMatchObject({ kind: 'video', format: 'mov', faces: [] });
    const out = await redactMedia(mov);
    expect(out.format).toBe('mov');
    expect(out.bytes.toString('latin1')).not.toContain('Juf Anne');
    const e = await redactMedia(mov, { blur: 'all' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MediaError);
    expect(e).toMatchObject({ code: 'bad_request', message: expect.stringMatching(/Faces can be blurred in photos only/) });
  });

  it('treats sound as sound: no faces, everyone heard must be tagged, tags stripped (M4A, MP3, WAV)', async () => {
    const tone = ['-f', 'lavfi', '-t', '2', '-i', 'sine=frequency=330'];
    const files = {
      m4a: make('tone.m4a', [...tone, '-c:a', 'aac', ...PERSONAL]),
      mp3: make('tone.mp3', [...tone, '-c:a', 'libmp3lame', ...PERSONAL]),
      wav: make('tone.wav', [...tone, ...PERSONAL]),
    };
    for (const [format, bytes] of Object.entries(files)) {
      const info = await inspectMedia(bytes, { filename: `tone.${format}` });
      expect(info, format).toMatchObject({ kind: 'audio', format, faces: [] });
      expect(info.durationMs).toBeGreaterThan(1900);
      expect(info.notes).toContain('Sound has no faces: tag everyone who can be heard.');
      expect(info.metadata.tags, format).toBe(true);
      const out = await redactMedia(bytes);
      expect(out.format).toBe(format);
      expect(out.bytes.toString('latin1'), format).not.toMatch(/Juf Anne|Anne de Vries|52\.3676/);
      expect((await inspectMedia(out.bytes)).metadata, format).toMatchObject({ tags: false, gps: false });
    }
  });

  it('refuses a cut-off or corrupt video with one sentence', async () => {
    const mp4 = make('long.mp4', ['-f', 'lavfi', '-t', '2', '-i', 'testsrc=size=320x240:rate=10', '-c:v', 'libx264', '-preset', 'ultrafast']);
    const truncated = mp4.subarray(0, Math.floor(mp4.length / 2)); // the index (moov) is at the end: gone
    const e = await inspectMedia(truncated).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(MediaError);
    expect(e).toMatchObject({ code: 'corrupt', status: 422, message: 'The file looks like an MP4 video, but it is damaged or cut off and cannot be read.' });
    const junk = Buffer.concat([mp4.subarray(0, 32), Buffer.alloc(4096, 7)]);
    expect(await inspectMedia(junk).catch((err: unknown) => (err as MediaError).code)).toBe('corrupt');
    expect(await redactMedia(junk).catch((err: unknown) => (err as MediaError).code)).toBe('corrupt');
  });

  it('leaves no temporary files behind', () => {
    expect(readdirSync(tmp)).toEqual([]);
  });
});
