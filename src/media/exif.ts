// Which identifying fields an EXIF block holds: a small reader of the TIFF structure inside it.
// Names only, never values: the report says "there is a location", not where. Pure.

// Tags worth naming, by the IFD they live in.
const IFD0: Record<number, string> = {
  0x010f: 'camera', // Make
  0x0110: 'camera', // Model
  0x0131: 'software',
  0x0132: 'dateTaken', // DateTime
  0x013b: 'artist',
  0x8298: 'copyright',
  0x9c9b: 'title', // XPTitle
  0x9c9c: 'comment', // XPComment
  0x9c9d: 'artist', // XPAuthor
};
const EXIF_IFD: Record<number, string> = {
  0x9003: 'dateTaken', // DateTimeOriginal
  0x9004: 'dateTaken', // DateTimeDigitized
  0x927c: 'makerNote',
  0x9286: 'comment', // UserComment
  0xa420: 'uniqueId', // ImageUniqueID
  0xa430: 'owner', // CameraOwnerName
  0xa431: 'serialNumber', // BodySerialNumber
  0xa435: 'serialNumber', // LensSerialNumber
  0xa434: 'camera', // LensModel
};
const GPS_POINTER = 0x8825;
const EXIF_POINTER = 0x8769;

export interface ExifSummary {
  /** GPS fields other than the version: a location, a time or a direction. */
  gps: boolean;
  /** The names of the identifying fields found, sorted, without repeats. */
  fields: string[];
  /** The EXIF orientation (1–8), when present. */
  orientation?: number;
}

/** Reads an EXIF block (with or without the "Exif\0\0" prefix). Broken blocks give what was read. */
export function summariseExif(block: Uint8Array): ExifSummary {
  const found = new Set<string>();
  let gps = false;
  let orientation: number | undefined;
  let base = 0;
  if (block.length >= 6 && String.fromCharCode(...block.subarray(0, 4)) === 'Exif') base = 6;
  const b = block.subarray(base);
  if (b.length < 8) return { gps, fields: [] };
  const little = b[0] === 0x49 && b[1] === 0x49;
  if (!little && !(b[0] === 0x4d && b[1] === 0x4d)) return { gps, fields: [] };
  const u16 = (i: number) => (i + 2 > b.length ? -1 : little ? b[i]! | (b[i + 1]! << 8) : (b[i]! << 8) | b[i + 1]!);
  const u32 = (i: number) =>
    i + 4 > b.length ? -1 : (little ? (b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24)) : ((b[i]! << 24) | (b[i + 1]! << 16) | (b[i + 2]! << 8) | b[i + 3]!)) >>> 0;

  const seen = new Set<number>();
  const entries = (offset: number): { tag: number; at: number }[] => {
    if (offset <= 0 || offset + 2 > b.length || seen.has(offset)) return [];
    seen.add(offset);
    const n = u16(offset);
    const out = [];
    for (let k = 0; k < n && k < 1000; k++) {
      const at = offset + 2 + k * 12;
      if (at + 12 > b.length) break;
      out.push({ tag: u16(at), at });
    }
    return out;
  };

  const ifd0Offset = u32(4);
  const ifd0 = entries(ifd0Offset);
  for (const { tag, at } of ifd0) {
    const name = IFD0[tag];
    if (name) found.add(name);
    if (tag === 0x0112) orientation = u16(at + 8);
    if (tag === EXIF_POINTER) {
      for (const e of entries(u32(at + 8))) {
        const sub = EXIF_IFD[e.tag];
        if (sub) found.add(sub);
      }
    }
    if (tag === GPS_POINTER) {
      // GPSVersionID (tag 0) alone says nothing; any other GPS tag is a place, time or direction.
      if (entries(u32(at + 8)).some((e) => e.tag !== 0)) gps = true;
    }
  }
  // IFD1, after IFD0's entries: the embedded thumbnail (a small copy of the photo).
  const next = ifd0Offset + 2 + ifd0.length * 12;
  if (ifd0.length && u32(next) > 0 && entries(u32(next)).length > 0) found.add('thumbnail');
  if (gps) found.add('gps');
  return { gps, fields: [...found].sort(), ...(orientation !== undefined ? { orientation } : {}) };
}

/** Whether an XMP packet holds a location (exif:GPSLatitude and friends, or a location name). */
export function xmpHasLocation(xmp: Uint8Array | string): boolean {
  const text = typeof xmp === 'string' ? xmp : Buffer.from(xmp).toString('utf8');
  return /GPS(Latitude|Longitude|Altitude)|Iptc4xmpCore:Location|photoshop:City|LocationShown|LocationCreated/i.test(text);
}
