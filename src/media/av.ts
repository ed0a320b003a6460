// Video and sound with ffmpeg: what the file is (ffprobe), faces in sampled frames, and a copy
// without metadata. The streams are copied, not re-encoded: stripping keeps the quality and is
// quick. Faces in video are found, not blurred (an editor's job for now; docs/media.md).
import sharp from 'sharp';
import type { DetectOptions } from './detector.ts';
import { MediaError } from './errors.ts';
import { runTool, withTempFile } from './ffmpeg.ts';
import { LIMITS } from './limits.ts';
import { formatInfo } from './sniff.ts';
import type { Box, Face, MediaFormat, MediaInfo, MetadataReport, RedactedMedia } from './types.ts';
import type { AcceptedUpload } from './upload.ts';
import type { RedactOptions } from './service.ts';

/** Frames sampled from a video: one a second for short clips, at most this many, evenly spread. */
export const MAX_FRAMES = 12;
/** The long side of a sampled frame (the detector's second look crops from it). */
const FRAME_SIDE = 1280;

interface ProbeStream {
  codec_type?: string;
  width?: number;
  height?: number;
  duration?: string;
  tags?: Record<string, string>;
  disposition?: { attached_pic?: number };
  side_data_list?: { rotation?: number }[];
}
interface Probe {
  format?: { duration?: string; tags?: Record<string, string> };
  streams?: ProbeStream[];
}

// Tags that say nothing about a person, place or device.
const TECHNICAL = new Set(['major_brand', 'minor_version', 'compatible_brands', 'handler_name', 'vendor_id', 'language', 'encoder', 'duration', 'timecode']);
const LOCATION = /^(location|location-\w+|com\.apple\.quicktime\.location\.iso6709|©xyz|xyz)$/i;

export function avMetadataReport(probe: Probe): MetadataReport {
  const names = new Set<string>();
  const all = [probe.format?.tags ?? {}, ...(probe.streams ?? []).map((s) => s.tags ?? {})];
  let gps = false;
  for (const tags of all) {
    for (const key of Object.keys(tags)) {
      if (TECHNICAL.has(key.toLowerCase())) continue;
      if (LOCATION.test(key)) gps = true;
      names.add(`tag:${key.toLowerCase()}`);
    }
  }
  const fields = [...names].sort();
  if (gps) fields.unshift('gps');
  return { gps, exif: false, xmp: false, iptc: false, icc: false, comments: false, tags: names.size > 0, fields };
}

async function probe(file: string, upload: AcceptedUpload): Promise<Probe> {
  try {
    const { stdout } = await runTool('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', file], { timeoutMs: 30_000, maxOutput: 4 * 1024 * 1024 });
    return JSON.parse(stdout.toString('utf8')) as Probe;
  } catch (e) {
    if (e instanceof MediaError) throw e;
    throw new MediaError('corrupt', `The file looks like ${upload.label}, but it is damaged or cut off and cannot be read.`, { cause: e });
  }
}

interface Streams {
  kind: 'video' | 'audio';
  video?: ProbeStream;
  durationMs: number;
  width?: number;
  height?: number;
}

function streamsOf(p: Probe, upload: AcceptedUpload): Streams {
  const streams = p.streams ?? [];
  const video = streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  const audio = streams.find((s) => s.codec_type === 'audio');
  if (!video && !audio) throw new MediaError('corrupt', `The file looks like ${upload.label}, but it has no picture or sound in it.`);
  const seconds = Number(p.format?.duration ?? video?.duration ?? NaN);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new MediaError('corrupt', `The file looks like ${upload.label}, but its length cannot be read: it may be cut off.`);
  if (seconds > LIMITS.durationSeconds) {
    throw new MediaError('too_long', `The ${video ? 'video' : 'sound file'} lasts ${Math.round(seconds / 60)} minutes; at most ${LIMITS.durationSeconds / 60} minutes are accepted.`);
  }
  const out: Streams = { kind: video ? 'video' : 'audio', durationMs: Math.round(seconds * 1000) };
  if (video?.width && video.height) {
    if (video.width * video.height > LIMITS.videoPixels) throw new MediaError('too_many_pixels', `The video's frames are ${video.width} × ${video.height} pixels; at most ${LIMITS.videoPixels / 1e6} megapixels are accepted.`);
    const rotation = Math.abs(video.side_data_list?.find((d) => d.rotation !== undefined)?.rotation ?? 0) % 180;
    out.video = video;
    out.width = rotation === 90 ? video.height : video.width;
    out.height = rotation === 90 ? video.width : video.height;
  }
  return out;
}

/** The format an ISO media file really is, now that its streams are known (an MP4 of sound only is audio). */
function refinedFormat(upload: AcceptedUpload, kind: 'video' | 'audio'): MediaFormat {
  if (kind === 'audio' && (upload.format === 'mp4' || upload.format === 'mov')) return 'm4a';
  return upload.format;
}

// Parses a stream of binary PPM frames (P6) as ffmpeg's image2pipe writes them.
function* ppmFrames(buf: Buffer): Generator<{ data: Buffer; width: number; height: number }> {
  let i = 0;
  while (i < buf.length) {
    const fields: string[] = [];
    let j = i + 2; // after "P6"
    if (buf.toString('latin1', i, i + 2) !== 'P6') return;
    while (fields.length < 3 && j < buf.length) {
      while (j < buf.length && /\s/.test(String.fromCharCode(buf[j]!))) j++;
      let k = j;
      while (k < buf.length && !/\s/.test(String.fromCharCode(buf[k]!))) k++;
      fields.push(buf.toString('latin1', j, k));
      j = k;
    }
    j++; // the single whitespace after maxval
    const [width, height] = fields.map(Number) as [number, number];
    const size = width * height * 3;
    if (!(width > 0 && height > 0) || j + size > buf.length) return;
    yield { data: buf.subarray(j, j + size), width, height };
    i = j + size;
  }
}

// One frame in the middle of each of `count` equal parts of the video: ffmpeg seeks to it (-ss
// before -i: from the nearest key frame, then decoding to the exact moment) and writes it as PPM.
async function sampleFrames(file: string, durationMs: number): Promise<{ timeMs: number; data: Buffer; width: number; height: number }[]> {
  const count = Math.max(1, Math.min(MAX_FRAMES, Math.round(durationMs / 1000)));
  const step = durationMs / count;
  const scale = `scale=w='min(${FRAME_SIDE},iw)':h='min(${FRAME_SIDE},ih)':force_original_aspect_ratio=decrease`;
  const frames = [];
  for (let i = 0; i < count; i++) {
    const timeMs = Math.round((i + 0.5) * step);
    const { stdout } = await runTool('ffmpeg', [
      '-v', 'error', '-nostdin', '-ss', (timeMs / 1000).toFixed(3), '-i', file, '-an', '-sn', '-dn',
      '-vf', scale, '-frames:v', '1', '-f', 'image2pipe', '-c:v', 'ppm', '-pix_fmt', 'rgb24', 'pipe:1',
    ], { timeoutMs: 60_000 });
    const [frame] = ppmFrames(stdout);
    if (frame) frames.push({ ...frame, timeMs });
  }
  return frames;
}

export async function inspectAv(bytes: Uint8Array, upload: AcceptedUpload, detect?: DetectOptions): Promise<MediaInfo> {
  return withTempFile(bytes, upload.format, async (file) => {
    const p = await probe(file, upload);
    const s = streamsOf(p, upload);
    const format = refinedFormat(upload, s.kind);
    const info = formatInfo(format);
    const result: MediaInfo = { kind: s.kind, format, mime: info.mime, size: upload.size, durationMs: s.durationMs, faces: [], metadata: avMetadataReport(p), notes: [...upload.notes] };
    if (s.kind === 'audio') {
      result.notes.push('Sound has no faces: tag everyone who can be heard.');
      return result;
    }
    result.width = s.width;
    result.height = s.height;
    const { detectFaces } = await import('./detector.ts');
    const frames = await sampleFrames(file, s.durationMs);
    if (frames.length === 0) throw new MediaError('corrupt', `The file looks like ${upload.label}, but no frame could be read from it.`);
    result.frames = [];
    for (const f of frames) {
      const detail = { data: f.data, width: f.width, height: f.height };
      const small = await sharp(f.data, { raw: { width: f.width, height: f.height, channels: 3 } }).resize({ width: 1024, height: 1024, fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
      const working = { data: small.data, width: small.info.width, height: small.info.height };
      const k = (s.width ?? f.width) / working.width;
      const faces = await detectFaces(working, { ...detect, detail });
      result.frames.push({ timeMs: f.timeMs, faces: faces.length });
      for (const face of faces) result.faces.push({ box: face.box.map((v) => Math.round(v * k)) as Box, score: face.score, timeMs: f.timeMs } satisfies Face);
    }
    return result;
  });
}

// ffmpeg arguments that copy the streams and write no metadata at all.
function stripArgs(format: MediaFormat): string[] {
  const common = ['-map_metadata', '-1', '-map_chapters', '-1', '-fflags', '+bitexact', '-flags:v', '+bitexact', '-flags:a', '+bitexact', '-c', 'copy'];
  switch (format) {
    case 'mp4':
    case 'mov':
      return ['-map', '0:v', '-map', '0:a?', '-dn', '-sn', '-map_metadata:s:v', '-1', '-map_metadata:s:a', '-1', ...common, '-movflags', '+faststart', '-f', format === 'mov' ? 'mov' : 'mp4'];
    case 'm4a':
      return ['-map', '0:a', '-vn', '-dn', '-sn', '-map_metadata:s:a', '-1', ...common, '-f', 'ipod'];
    case 'mp3':
      // Only the sound: cover art is a picture stream; no ID3 tags at all.
      return ['-map', '0:a', '-vn', '-dn', '-sn', '-map_metadata:s:a', '-1', ...common, '-id3v2_version', '0', '-write_id3v1', '0', '-f', 'mp3'];
    case 'wav':
      return ['-map', '0:a', '-vn', '-dn', '-sn', '-map_metadata:s:a', '-1', ...common, '-f', 'wav'];
    default:
      throw new MediaError('unsupported', `Cannot strip ${format} with ffmpeg.`);
  }
}

export async function redactAv(bytes: Uint8Array, upload: AcceptedUpload, options: RedactOptions): Promise<RedactedMedia> {
  const choice = options.blur ?? 'none';
  if (choice !== 'none' && !(Array.isArray(choice) && choice.length === 0)) {
    throw new MediaError('bad_request', `Faces can be blurred in photos only; ${upload.label} can be stripped of its metadata (blur: none), and its faces must be cut or blurred in a video editor.`);
  }
  return withTempFile(bytes, upload.format, async (file, dir) => {
    const p = await probe(file, upload);
    const s = streamsOf(p, upload);
    const format = refinedFormat(upload, s.kind);
    const out = `${dir}/output.${format}`;
    try {
      await runTool('ffmpeg', ['-v', 'error', '-nostdin', '-i', file, ...stripArgs(format), '-y', out], { timeoutMs: 300_000 });
    } catch (e) {
      if (e instanceof MediaError) throw e;
      throw new MediaError('corrupt', `The file looks like ${upload.label}, but it is damaged and could not be copied.`, { cause: e });
    }
    const { readFile } = await import('node:fs/promises');
    const info = formatInfo(format);
    return { bytes: await readFile(out), kind: s.kind, format, mime: info.mime, ...(s.width ? { width: s.width, height: s.height } : {}), blurred: [], faces: (options.faces ?? []).map((f): Face => (Array.isArray(f) ? { box: f, score: 1 } : f)), notes: [...upload.notes] };
  });
}
