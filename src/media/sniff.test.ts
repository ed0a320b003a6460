import { describe, expect, it } from 'vitest';
import { describeUnsupported, extensionOf, sniffMedia } from './sniff.ts';

const bytes = (...parts: (number[] | string)[]) => Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)));
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], ...compatible);
};

describe('sniffMedia: the type from the content', () => {
  it('knows the photo formats by their magic numbers', () => {
    expect(sniffMedia(bytes([0xff, 0xd8, 0xff, 0xe0]))?.format).toBe('jpeg');
    expect(sniffMedia(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a], [0, 0, 0, 13], 'IHDR'))?.format).toBe('png');
    expect(sniffMedia(bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 '))?.format).toBe('webp');
    expect(sniffMedia(ftyp('heic', 'mif1', 'heic'))?.format).toBe('heic');
    expect(sniffMedia(ftyp('mif1', 'mif1', 'heic'))?.format).toBe('heic');
  });

  it('knows video and sound containers by their brands', () => {
    expect(sniffMedia(ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'))).toMatchObject({ kind: 'video', format: 'mp4' });
    expect(sniffMedia(ftyp('qt  ', 'qt  '))).toMatchObject({ kind: 'video', format: 'mov', mime: 'video/quicktime' });
    expect(sniffMedia(ftyp('M4A ', 'M4A ', 'mp42', 'isom'))).toMatchObject({ kind: 'audio', format: 'm4a' });
    expect(sniffMedia(bytes('RIFF', [0, 0, 0, 0], 'WAVEfmt '))).toMatchObject({ kind: 'audio', format: 'wav' });
    expect(sniffMedia(bytes('ID3', [4, 0, 0, 0, 0, 0, 0]))).toMatchObject({ kind: 'audio', format: 'mp3' });
    expect(sniffMedia(bytes([0xff, 0xfb, 0x90, 0x64])))?.toMatchObject({ format: 'mp3' }); // MPEG-1 Layer III, 128 kbit/s
  });

  it('refuses what it does not take, and names what it can', () => {
    expect(sniffMedia(bytes('GIF89a'))).toBeNull();
    expect(describeUnsupported(bytes('GIF89a'))).toBe('a GIF image');
    expect(describeUnsupported(bytes('%PDF-1.7'))).toBe('a PDF document');
    expect(describeUnsupported(ftyp('avif', 'mif1', 'avif'))).toBe('an AVIF image');
    expect(sniffMedia(ftyp('avif', 'mif1', 'avif'))).toBeNull();
    expect(sniffMedia(bytes([0xff, 0xf1, 0x50, 0x80]))).toBeNull(); // AAC (ADTS), not MP3
    expect(sniffMedia(bytes('hello world'))).toBeNull();
    expect(describeUnsupported(bytes('hello world'))).toBeNull();
    expect(sniffMedia(new Uint8Array(0))).toBeNull();
  });

  it('reads extensions without trusting them', () => {
    expect(extensionOf('/x/Foto.JPG')).toBe('jpg');
    expect(extensionOf('.hidden')).toBe('');
    expect(extensionOf('noext')).toBe('');
  });
});
