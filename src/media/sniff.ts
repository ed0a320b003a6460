// What a file is, from its first bytes (magic numbers), never from its name or declared type.
// Pure: no I/O. A PNG named photo.jpg is a PNG here.
import type { MediaFormat, MediaKind } from './types.ts';

export interface Sniffed {
  kind: MediaKind;
  format: MediaFormat;
  mime: string;
  /** A short name for sentences: "a JPEG photo". */
  label: string;
  /** File name extensions that fit this format. */
  extensions: readonly string[];
}

const FORMATS: Record<MediaFormat, Sniffed> = {
  jpeg: { kind: 'image', format: 'jpeg', mime: 'image/jpeg', label: 'a JPEG photo', extensions: ['jpg', 'jpeg', 'jfif', 'jpe'] },
  png: { kind: 'image', format: 'png', mime: 'image/png', label: 'a PNG image', extensions: ['png'] },
  webp: { kind: 'image', format: 'webp', mime: 'image/webp', label: 'a WebP image', extensions: ['webp'] },
  heic: { kind: 'image', format: 'heic', mime: 'image/heic', label: 'a HEIC photo', extensions: ['heic', 'heif', 'hif'] },
  mp4: { kind: 'video', format: 'mp4', mime: 'video/mp4', label: 'an MP4 video', extensions: ['mp4', 'm4v', '3gp', '3g2'] },
  mov: { kind: 'video', format: 'mov', mime: 'video/quicktime', label: 'a QuickTime (MOV) video', extensions: ['mov', 'qt'] },
  m4a: { kind: 'audio', format: 'm4a', mime: 'audio/mp4', label: 'an M4A sound file', extensions: ['m4a', 'm4b', 'aac', 'mp4'] },
  mp3: { kind: 'audio', format: 'mp3', mime: 'audio/mpeg', label: 'an MP3 sound file', extensions: ['mp3'] },
  wav: { kind: 'audio', format: 'wav', mime: 'audio/wav', label: 'a WAV sound file', extensions: ['wav', 'wave'] },
};

export function formatInfo(format: MediaFormat): Sniffed {
  return FORMATS[format];
}

/** The formats we take, for sentences. */
export const ACCEPTED = 'photos as JPEG, PNG, WebP or HEIC, video as MP4 or MOV, and sound as M4A, MP3 or WAV';

function ascii(b: Uint8Array, start: number, length: number): string {
  let s = '';
  for (let i = start; i < start + length && i < b.length; i++) s += String.fromCharCode(b[i]!);
  return s;
}

function startsWith(b: Uint8Array, bytes: readonly number[], at = 0): boolean {
  if (b.length < at + bytes.length) return false;
  return bytes.every((v, i) => b[at + i] === v);
}

// ISO base media (MP4, MOV, M4A, HEIC, AVIF): the brands of the ftyp box.
const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);
const AVIF_BRANDS = new Set(['avif', 'avis']);
const AUDIO_BRANDS = new Set(['M4A ', 'M4B ', 'M4P ', 'F4A ', 'F4B ']);
const QT_BRANDS = new Set(['qt  ']);
const VIDEO_BRANDS = new Set(['isom', 'iso2', 'iso3', 'iso4', 'iso5', 'iso6', 'iso7', 'iso8', 'iso9', 'mp41', 'mp42', 'mp71', 'avc1', 'M4V ', 'M4VH', 'M4VP', 'dash', 'mmp4', 'MSNV', 'XAVC', 'f4v ', '3gp4', '3gp5', '3gp6', '3gp7', '3g2a', '3g2b', '3g2c', 'CAEP', 'NDAS']);

function ftypBrands(b: Uint8Array): string[] | null {
  if (b.length < 12 || ascii(b, 4, 4) !== 'ftyp') return null;
  const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
  const end = Math.min(b.length, size >= 16 && size <= 4096 ? size : 16);
  const brands = [ascii(b, 8, 4)];
  for (let i = 16; i + 4 <= end; i += 4) brands.push(ascii(b, i, 4));
  return brands;
}

function sniffIsoMedia(b: Uint8Array): MediaFormat | 'avif' | null {
  const brands = ftypBrands(b);
  if (!brands) {
    // Old QuickTime files start with a moov, mdat or wide atom instead of ftyp.
    const atom = ascii(b, 4, 4);
    return b.length >= 8 && (atom === 'moov' || atom === 'mdat' || atom === 'wide') ? 'mov' : null;
  }
  const [major] = brands;
  if (HEIC_BRANDS.has(major!)) return 'heic';
  if (AVIF_BRANDS.has(major!)) return 'avif';
  if (AUDIO_BRANDS.has(major!)) return 'm4a';
  if (QT_BRANDS.has(major!)) return 'mov';
  if (VIDEO_BRANDS.has(major!)) return 'mp4';
  // mif1/msf1 and others: decided by the compatible brands.
  if (brands.some((x) => AVIF_BRANDS.has(x))) return 'avif';
  if (brands.some((x) => HEIC_BRANDS.has(x))) return 'heic';
  if (brands.some((x) => AUDIO_BRANDS.has(x))) return 'm4a';
  if (brands.some((x) => QT_BRANDS.has(x))) return 'mov';
  if (brands.some((x) => VIDEO_BRANDS.has(x))) return 'mp4';
  return null;
}

/** An MPEG audio Layer III frame header at `at`: sync, a valid version, layer III, bitrate and rate. */
function isMp3Frame(b: Uint8Array, at: number): boolean {
  if (b.length < at + 4 || b[at] !== 0xff) return false;
  const b1 = b[at + 1]!;
  const b2 = b[at + 2]!;
  return (b1 & 0xe0) === 0xe0 && ((b1 >> 3) & 3) !== 1 && ((b1 >> 1) & 3) === 1 && b2 >> 4 !== 0xf && b2 >> 4 !== 0 && ((b2 >> 2) & 3) !== 3;
}

/** The media format of the bytes, or null when it is none we take. */
export function sniffMedia(bytes: Uint8Array): Sniffed | null {
  const b = bytes;
  if (startsWith(b, [0xff, 0xd8, 0xff])) return FORMATS.jpeg;
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return FORMATS.png;
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return FORMATS.webp;
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WAVE') return FORMATS.wav;
  if (ascii(b, 0, 4) === 'RF64' && ascii(b, 8, 4) === 'WAVE') return FORMATS.wav;
  const iso = sniffIsoMedia(b);
  if (iso && iso !== 'avif') return FORMATS[iso];
  if (ascii(b, 0, 3) === 'ID3' && b.length >= 10) return FORMATS.mp3;
  if (isMp3Frame(b, 0)) return FORMATS.mp3;
  return null;
}

/** For a file we do not take: what it seems to be ("a GIF image"), or null when unknown. */
export function describeUnsupported(bytes: Uint8Array): string | null {
  const b = bytes;
  const head = ascii(b, 0, 8);
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return 'a GIF image';
  if (head.startsWith('%PDF')) return 'a PDF document';
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive (or an Office document)';
  if (startsWith(b, [0x49, 0x49, 0x2a, 0x00]) || startsWith(b, [0x4d, 0x4d, 0x00, 0x2a])) return 'a TIFF image (or a camera RAW file)';
  if (head.startsWith('BM')) return 'a BMP image';
  if (head.startsWith('OggS')) return 'an Ogg sound or video file';
  if (head.startsWith('fLaC')) return 'a FLAC sound file';
  if (startsWith(b, [0x1a, 0x45, 0xdf, 0xa3])) return 'a WebM or Matroska video';
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'AVI ') return 'an AVI video';
  if (sniffIsoMedia(b) === 'avif') return 'an AVIF image';
  if (startsWith(b, [0xff, 0xf1]) || startsWith(b, [0xff, 0xf9])) return 'an AAC sound stream';
  const text = ascii(b, 0, 256).trimStart().toLowerCase();
  if (text.startsWith('<svg') || (text.startsWith('<?xml') && text.includes('<svg'))) return 'an SVG drawing';
  if (text.startsWith('<!doctype html') || text.startsWith('<html')) return 'a web page (HTML)';
  return null;
}

/** The lower-case extension of a file name, without the dot; '' when there is none. */
export function extensionOf(filename: string): string {
  const base = filename.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}
