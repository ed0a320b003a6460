// What the supervisor flows exchange with the server (docs/api.md, "Supervisor reviews and
// escalations"), and durations in words: "2 u 10 min" / "2 h 10 min".
import type { CheckResult, Verdict } from '../write/types.ts';
import type { Lang } from '../../i18n.tsx';

export type ReviewStatus = 'open' | 'approved' | 'changes_requested' | 'rejected' | 'withdrawn';

export interface ReviewEvent {
  kind: 'requested' | 'resubmitted' | 'approved' | 'changes_requested' | 'rejected' | 'withdrawn' | 'readdressed';
  by: string;
  comment: string | null;
  at: string;
}

export interface Review {
  id: string;
  postId: string;
  status: ReviewStatus;
  question: string | null;
  comment: string | null;
  author: string;
  supervisor: string | null;
  /** The version that was sent for review (the server's stored post). */
  post: { text: string; situation?: string; channel?: { kind: string; platform?: string }; at?: string; media?: { mediaId?: string; kind: string }[] } | null;
  check: { id: number; verdict: Verdict; result: CheckResult } | null;
  changedSince: boolean;
  approvalCovers: boolean;
  published: boolean;
  submittedAt: string;
  decidedAt: string | null;
  waitingMs: number | null;
  /** The reader's own request: someone else decides on it. */
  mine?: boolean;
  mayDecide: boolean;
  history: ReviewEvent[];
}

export interface ThreadReason {
  code: string;
  level: 'watch' | 'derailing';
  message: { nl: string; en: string };
  messages: number[];
}

export interface Escalation {
  id: string;
  status: 'open' | 'acknowledged' | 'resolved' | 'became_incident';
  reporter: string;
  supervisor: string | null;
  link: string | null;
  note: string | null;
  messages: { author: string; at: string; text: string }[];
  screenshots: string[];
  signal: { level: 'calm' | 'watch' | 'derailing'; derailing: boolean; score: number; drivers: number[]; reasons: ThreadReason[]; action: { articles: string[]; message: { nl: string; en: string } } } | null;
  response: string | null;
  createdAt: string;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  openMs: number | null;
  answeredAfterMs: number | null;
  resolvedAfterMs: number | null;
  mayRespond: boolean;
}

export type QueueItem = ({ kind: 'escalation' } & Escalation) | ({ kind: 'review' } & Review);

/** 130 minutes → "2 u 10 min" (nl) or "2 h 10 min" (en); under a minute: "< 1 min". */
export function duration(ms: number, lang: Lang): string {
  const total = Math.floor(ms / 60_000);
  if (total < 1) return '< 1 min';
  const days = Math.floor(total / 1440);
  const hours = Math.floor((total % 1440) / 60);
  const mins = total % 60;
  const parts = [days ? `${days} ${lang === 'nl' ? (days === 1 ? 'dag' : 'dagen') : days === 1 ? 'day' : 'days'}` : '', hours ? `${hours} ${lang === 'nl' ? 'u' : 'h'}` : '', mins && !days ? `${mins} min` : ''];
  return parts.filter(Boolean).join(' ');
}

const TIME_ZONE = 'Europe/Amsterdam';

export function moment(iso: string, lang: Lang): string {
  return new Date(iso).toLocaleString(lang === 'nl' ? 'nl-NL' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: TIME_ZONE });
}
