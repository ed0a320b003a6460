// The shapes the media pipeline hands out. Boxes are in pixels of the photo as it is shown:
// after the EXIF orientation is applied (a portrait phone photo is taller than wide).

export type MediaKind = 'image' | 'video' | 'audio';
export type MediaFormat = 'jpeg' | 'png' | 'webp' | 'heic' | 'mp4' | 'mov' | 'm4a' | 'mp3' | 'wav';

/** [x, y, width, height] in pixels; x and y are the top-left corner. */
export type Box = [x: number, y: number, width: number, height: number];

export interface Face {
  box: Box;
  /** The detector's confidence, 0–1. */
  score: number;
  /** Video only: the moment of the sampled frame the face was found in. */
  timeMs?: number;
}

/**
 * What the file carried that could identify a person, a place or a device. Only whether each kind
 * is there, and the names of the fields: never their values (no coordinates, no serial numbers).
 */
export interface MetadataReport {
  /** A location: EXIF GPS, XMP GPS fields, or a location tag of a video. */
  gps: boolean;
  exif: boolean;
  xmp: boolean;
  iptc: boolean;
  /** An ICC colour profile (not personal, but stripped too: nothing is handed out with it). */
  icc: boolean;
  /** Text chunks and comments (PNG tEXt/iTXt, JPEG COM). */
  comments: boolean;
  /** Container tags of video and sound (title, artist, creation time, device, encoder...). */
  tags: boolean;
  /** The names of what was found, e.g. ["gps", "camera", "dateTaken", "tag:creation_time"]. */
  fields: string[];
}

export interface MediaInfo {
  kind: MediaKind;
  format: MediaFormat;
  mime: string;
  /** Bytes of the file as received. */
  size: number;
  width?: number;
  height?: number;
  durationMs?: number;
  /** Faces found; empty for sound. For video: every face in every sampled frame (with timeMs). */
  faces: Face[];
  /** Video only: the moments sampled and how many faces each had. */
  frames?: { timeMs: number; faces: number }[];
  metadata: MetadataReport;
  /** A remark for the person, e.g. that the file's name says JPEG but the content is PNG. */
  notes: string[];
}

export interface RedactedMedia {
  bytes: Buffer;
  kind: MediaKind;
  format: MediaFormat;
  mime: string;
  width?: number;
  height?: number;
  /** The indexes (into the faces) that were blurred. */
  blurred: number[];
  /** The faces the blur choice referred to (detected, or as given). */
  faces: Face[];
  notes: string[];
}

export const EMPTY_METADATA: MetadataReport = Object.freeze({ gps: false, exif: false, xmp: false, iptc: false, icc: false, comments: false, tags: false, fields: [] as string[] }) as MetadataReport;
