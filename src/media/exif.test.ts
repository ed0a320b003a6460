import { describe, expect, it } from 'vitest';
import { summariseExif, xmpHasLocation } from './exif.ts';

// A little-endian TIFF block: IFD0 with Make, Orientation and a GPS pointer; a GPS IFD with a latitude.
function exif(withGps: boolean): Uint8Array {
  const b = new Uint8Array(200);
  const v = new DataView(b.buffer);
  b.set([0x49, 0x49, 0x2a, 0x00]);
  v.setUint32(4, 8, true);
  const entries: [number, number, number, number][] = [
    [0x010f, 2, 4, 0x6f6b694e], // Make "Niko" inline
    [0x0112, 3, 1, 6], // Orientation 6
  ];
  if (withGps) entries.push([0x8825, 4, 1, 100]);
  v.setUint16(8, entries.length, true);
  entries.forEach(([tag, type, count, value], i) => {
    const at = 10 + i * 12;
    v.setUint16(at, tag, true);
    v.setUint16(at + 2, type, true);
    v.setUint32(at + 4, count, true);
    if (type === 3) v.setUint16(at + 8, value, true);
    else v.setUint32(at + 8, value, true);
  });
  v.setUint32(10 + entries.length * 12, 0, true); // no IFD1
  v.setUint16(100, 2, true); // GPS IFD: version and latitude
  v.setUint16(102, 0x0000, true);
  v.setUint16(114, 0x0002, true);
  return Uint8Array.from([...'Exif'].map((c) => c.charCodeAt(0)).concat([0, 0]).concat([...b]));
}

describe('summariseExif', () => {
  it('names what is there, never the values', () => {
    expect(summariseExif(exif(true))).toEqual({ gps: true, fields: ['camera', 'gps'], orientation: 6 });
    expect(summariseExif(exif(false))).toEqual({ gps: false, fields: ['camera'], orientation: 6 });
  });

  it('survives broken blocks', () => {
    expect(summariseExif(new Uint8Array(3))).toEqual({ gps: false, fields: [] });
    expect(summariseExif(exif(true).subarray(0, 30)).fields).toEqual(['camera']);
    expect(summariseExif(Uint8Array.from([0x4d, 0x4d, 0, 42, 0xff, 0xff, 0xff, 0xff]))).toEqual({ gps: false, fields: [] });
  });

  it('finds a location in XMP', () => {
    expect(xmpHasLocation('<x:xmpmeta><rdf:Description exif:GPSLatitude="52,22.05N"/></x:xmpmeta>')).toBe(true);
    expect(xmpHasLocation('<x:xmpmeta><rdf:Description xmp:Rating="5"/></x:xmpmeta>')).toBe(false);
  });
});
