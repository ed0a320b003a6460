// A conversation as an employee pastes it, read into the messages checkThread takes. One message
// per line; a line may start with a time and a name (docs/supervision.md):
//   [16:05] Petra Jansen: wat een schande dit
//   2026-11-26 16:05 Petra Jansen: wat een schande dit
//   Petra Jansen: wat een schande dit
//   wat een schande dit                      (no name: "onbekend")
// Empty lines are skipped. A line without a time comes a minute after the one before it; when no
// line has a time, the messages end at the moment of pasting. Times without a date are today's.

export const MAX_THREAD_LINES = 500;
export const MAX_THREAD_CHARS = 50_000;
export const UNKNOWN_AUTHOR = 'onbekend';

export interface PastedMessage {
  author: string;
  at: string;
  text: string;
}

const TIME = /^\s*\[?\s*(?:(\d{4}-\d{2}-\d{2})[ T,]+)?(\d{1,2})[:.](\d{2})\s*\]?\s*[-–]?\s*/;
/** A name before a colon: at most 5 words, no digits, not a link's scheme. */
const NAME = /^([^:\d\n]{1,60}?):\s+(.*)$/;

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);

export class ThreadTextError extends Error {}

export function readThreadText(text: string, now: number): PastedMessage[] {
  if (text.length > MAX_THREAD_CHARS) throw new ThreadTextError(`The conversation is too long: at most ${MAX_THREAD_CHARS} characters.`);
  const lines = text.split(/\r?\n/).map((l) => l.trim()).filter(Boolean);
  if (lines.length > MAX_THREAD_LINES) throw new ThreadTextError(`The conversation has too many lines: at most ${MAX_THREAD_LINES} messages.`);
  const today = iso(now).slice(0, 10);
  const parsed = lines.map((line) => {
    let rest = line;
    let at: number | undefined;
    const t = TIME.exec(rest);
    if (t && Number(t[2]) < 24 && Number(t[3]) < 60) {
      const ms = Date.parse(`${t[1] ?? today}T${t[2]!.padStart(2, '0')}:${t[3]}:00Z`);
      if (!Number.isNaN(ms)) {
        at = ms;
        rest = rest.slice(t[0].length);
      }
    }
    const n = NAME.exec(rest);
    const name = n && n[1]!.trim().split(/\s+/).length <= 5 && !/^https?$/i.test(n[1]!.trim()) ? n[1]!.trim() : null;
    return { author: name ?? UNKNOWN_AUTHOR, text: name ? n![2]! : rest, at };
  });
  const anyTime = parsed.some((p) => p.at !== undefined);
  let clock = anyTime ? (parsed.find((p) => p.at !== undefined)!.at! - 60_000) : now - parsed.length * 60_000;
  return parsed.map((p) => {
    clock = p.at ?? clock + 60_000;
    return { author: p.author, at: iso(clock), text: p.text };
  });
}
