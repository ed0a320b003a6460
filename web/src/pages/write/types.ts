// The shapes the write page and "My posts" exchange with the server (docs/api.md).
import type { CheckResult, Finding, Fix, Verdict } from '../../../../src/engine/case.ts';

export type { CheckResult, Finding, Fix, Verdict };

export type Situation = 'work' | 'private';
/** One choice of where the post goes: the school's channels, or the author's own account. */
export type ChannelChoice = 'school_social_media' | 'school_website' | 'newsletter' | 'personal';

export interface Face {
  index: number;
  box: [number, number, number, number];
  score: number;
  timeMs?: number;
  personId: string | null;
}

export interface MediaItem {
  id: string;
  kind: 'image' | 'video' | 'audio';
  mime: string;
  width: number | null;
  height: number | null;
  faces: Face[];
  derivedFrom: string | null;
  blurred: number[];
}

export interface PersonOption {
  id: string;
  kind: string;
  name: string;
  /** A student's group, to tell two people with the same name apart. */
  group?: string;
}

/** What the page keeps of the post while it is written. */
export interface Draft {
  text: string;
  situation: Situation;
  channel: ChannelChoice;
  platform: string;
  /** datetime-local value (the school's time zone), or '' for "now". */
  at: string;
  media: MediaItem[];
}

export interface OwnPost {
  id: string;
  status: 'draft' | 'submitted' | 'published' | 'withdrawn';
  verdict: Verdict | null;
  checkedAt: string | null;
  firstWords: string;
  situation: Situation;
  channel: { kind: 'school' | 'personal'; platform?: string };
  media: number;
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
  publishedUrl: string | null;
}

export interface StoredPost {
  id: string;
  status: OwnPost['status'];
  post: { text: string; situation: Situation; channel: { kind: 'school' | 'personal'; platform?: string }; at?: string; media: { mediaId?: string; kind: string }[] };
  createdAt: string;
  check: { verdict: Verdict; result: CheckResult; checkedAt: string } | null;
}

export interface Article {
  id: string;
  title: { nl: string; en: string };
  summary: { nl: string; en: string };
}
