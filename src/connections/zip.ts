// A small reader of ZIP archives for the connection check: the central directory tells where each
// file is, so only the tail of the archive and the few files we need are read (an Instagram
// export with photos can be gigabytes). Stored and deflated entries are supported, deflate through
// the browser's own DecompressionStream('deflate-raw'); ZIP64 archives too. No dependency.
import { ConnectionFileError } from './parsers.ts';

/** Random access to the archive's bytes: a File/Blob in the browser, a Uint8Array in tests. */
export type ByteSource = Blob | Uint8Array;

export interface ZipEntry {
  path: string;
  /** Uncompressed size in bytes. */
  size: number;
  read(): Promise<Uint8Array>;
}

/** A connection list is a few MB at most: a file in the archive may be this large, packed or unpacked. */
export const MAX_ENTRY_BYTES = 50 * 1024 * 1024;

const tooLarge = (): never => {
  throw new ConnectionFileError({
    nl: `Dit bestand in het ZIP-bestand is groter dan ${MAX_ENTRY_BYTES / (1024 * 1024)} MB uitgepakt; zo groot is een lijst met volgers of vrienden niet. Pak het ZIP-bestand uit en kies het bestand met je volgers of vrienden zelf.`,
    en: `This file in the ZIP archive is larger than ${MAX_ENTRY_BYTES / (1024 * 1024)} MB unpacked; a list of followers or friends is not that large. Unpack the ZIP file and choose the file with your followers or friends yourself.`,
  });
};

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const broken = (): never => {
  throw new ConnectionFileError({
    nl: 'Dit ZIP-bestand kunnen we niet lezen. Pak het uit en kies het bestand met je volgers of vrienden zelf.',
    en: 'We cannot read this ZIP file. Unpack it and choose the file with your followers or friends yourself.',
  });
};

async function slice(src: ByteSource, from: number, to: number): Promise<Uint8Array> {
  if (from < 0 || to > sizeOf(src) || from > to) broken();
  if (src instanceof Uint8Array) return src.subarray(from, to);
  return new Uint8Array(await src.slice(from, to).arrayBuffer());
}

const sizeOf = (src: ByteSource): number => (src instanceof Uint8Array ? src.byteLength : src.size);
const view = (b: Uint8Array) => new DataView(b.buffer, b.byteOffset, b.byteLength);
const u64 = (v: DataView, at: number): number => Number(v.getBigUint64(at, true));

/** Does this look like a ZIP archive (its first bytes)? */
export async function isZip(src: ByteSource): Promise<boolean> {
  if (sizeOf(src) < 4) return false;
  const head = view(await slice(src, 0, 4));
  return head.getUint32(0, true) === LOCAL || head.getUint32(0, true) === EOCD;
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  if (typeof DecompressionStream === 'undefined') {
    throw new ConnectionFileError({
      nl: 'Deze browser kan een ZIP-bestand niet zelf uitpakken. Pak het bestand eerst uit en kies dan het bestand met je volgers of vrienden.',
      en: 'This browser cannot unpack a ZIP file itself. Unpack it first, then choose the file with your followers or friends.',
    });
  }
  const copy = new Uint8Array(data.byteLength);
  copy.set(data);
  const stream = new Blob([copy]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  // Read chunk by chunk and stop past the cap: the sizes in the archive may lie (a "zip bomb").
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_ENTRY_BYTES) {
        await reader.cancel().catch(() => undefined);
        return tooLarge();
      }
      chunks.push(value);
    }
  } catch (e) {
    if (e instanceof ConnectionFileError) throw e;
    return broken();
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

/** The files of the archive (folders left out). Throws ConnectionFileError for a broken or encrypted one. */
export async function readZip(src: ByteSource): Promise<ZipEntry[]> {
  const size = sizeOf(src);
  const tailStart = Math.max(0, size - (65535 + 22));
  const tail = await slice(src, tailStart, size);
  const tv = view(tail);
  let eocd = -1;
  for (let i = tail.byteLength - 22; i >= 0; i--) {
    if (tv.getUint32(i, true) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return broken();
  let count = tv.getUint16(eocd + 10, true);
  let cdSize = tv.getUint32(eocd + 12, true);
  let cdOffset = tv.getUint32(eocd + 16, true);
  if ((count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) && eocd >= 20 && tv.getUint32(eocd - 20, true) === ZIP64_LOCATOR) {
    const recordAt = u64(tv, eocd - 20 + 8);
    const rv = view(await slice(src, recordAt, recordAt + 56));
    if (rv.getUint32(0, true) !== ZIP64_EOCD) broken();
    count = u64(rv, 32);
    cdSize = u64(rv, 40);
    cdOffset = u64(rv, 48);
  }
  const cd = await slice(src, cdOffset, cdOffset + cdSize);
  const cv = view(cd);
  const entries: ZipEntry[] = [];
  let p = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > cd.byteLength || cv.getUint32(p, true) !== CENTRAL) broken();
    const flags = cv.getUint16(p + 8, true);
    const method = cv.getUint16(p + 10, true);
    let compressed = cv.getUint32(p + 20, true);
    let uncompressed = cv.getUint32(p + 24, true);
    const nameLen = cv.getUint16(p + 28, true);
    const extraLen = cv.getUint16(p + 30, true);
    const commentLen = cv.getUint16(p + 32, true);
    let localAt = cv.getUint32(p + 42, true);
    const path = new TextDecoder().decode(cd.subarray(p + 46, p + 46 + nameLen));
    // ZIP64: the real sizes and offset in the extra field (id 1), in this order, for those that are 0xffffffff.
    let e = p + 46 + nameLen;
    const extraEnd = e + extraLen;
    while (e + 4 <= extraEnd) {
      const id = cv.getUint16(e, true);
      const len = cv.getUint16(e + 2, true);
      if (id === 1) {
        let q = e + 4;
        if (uncompressed === 0xffffffff) {
          uncompressed = u64(cv, q);
          q += 8;
        }
        if (compressed === 0xffffffff) {
          compressed = u64(cv, q);
          q += 8;
        }
        if (localAt === 0xffffffff) localAt = u64(cv, q);
      }
      e += 4 + len;
    }
    p = extraEnd + commentLen;
    if (path.endsWith('/')) continue;
    const encrypted = (flags & 1) !== 0;
    entries.push({
      path,
      size: uncompressed,
      read: async () => {
        if (encrypted) {
          throw new ConnectionFileError({ nl: 'Dit ZIP-bestand is met een wachtwoord beveiligd. Pak het zelf uit en kies het bestand.', en: 'This ZIP file is password-protected. Unpack it yourself and choose the file.' });
        }
        if (uncompressed > MAX_ENTRY_BYTES || compressed > MAX_ENTRY_BYTES) tooLarge();
        const lv = view(await slice(src, localAt, localAt + 30));
        if (lv.getUint32(0, true) !== LOCAL) broken();
        const start = localAt + 30 + lv.getUint16(26, true) + lv.getUint16(28, true);
        const data = await slice(src, start, start + compressed);
        if (method === 0) return data;
        if (method === 8) return inflate(data);
        return broken();
      },
    });
  }
  return entries;
}
