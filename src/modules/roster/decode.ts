// Bytes to text: a UTF-8 BOM is stripped, a UTF-16 BOM (LE or BE) decodes as UTF-16, bytes that
// are not valid UTF-8 are read as Windows-1252 (what Excel on Windows writes as "CSV"). Shared by
// every CSV import (the roster, consent lists), each with its own size cap.
import iconv from 'iconv-lite';
import { fileError, MAX_ROSTER_BYTES } from './types.ts';
import type { RosterFile } from './types.ts';

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export function formatSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Refuses a file over the size cap (default: the roster's); call before reading or parsing it. */
export function assertRosterSize(size: number, name: string, maxBytes = MAX_ROSTER_BYTES): void {
  if (size > maxBytes) {
    throw fileError(`the file is too large (${formatSize(size)}); at most ${maxBytes / (1024 * 1024)} MB is accepted. Split the file or leave out columns you do not need`, name);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

export function decodeRoster(file: RosterFile, maxBytes = MAX_ROSTER_BYTES): { text: string; encoding: TextEncoding } {
  const b = file.bytes;
  assertRosterSize(b.byteLength, file.name, maxBytes);
  let decoded: { text: string; encoding: TextEncoding };
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) {
    decoded = { text: decodeUtf8OrLatin(b.subarray(3)).text, encoding: 'utf-8' };
  } else if (b[0] === 0xff && b[1] === 0xfe) {
    decoded = { text: iconv.decode(b.subarray(2), 'utf-16le', { stripBOM: false }), encoding: 'utf-16le' };
  } else if (b[0] === 0xfe && b[1] === 0xff) {
    decoded = { text: iconv.decode(b.subarray(2), 'utf-16be', { stripBOM: false }), encoding: 'utf-16be' };
  } else {
    decoded = decodeUtf8OrLatin(b);
  }
  if (decoded.text.trim() === '') throw fileError('the file is empty', file.name);
  if (decoded.text.includes('\u0000')) throw fileError('the file is not a text (CSV) file', file.name);
  return decoded;
}

function decodeUtf8OrLatin(b: Uint8Array): { text: string; encoding: TextEncoding } {
  try {
    return { text: utf8.decode(b), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(b.buffer, b.byteOffset, b.byteLength), 'windows-1252'), encoding: 'windows-1252' };
  }
}
