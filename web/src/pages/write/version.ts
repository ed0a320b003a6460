// What makes one version of a post for the supervisor's approval (B.3, docs/supervision.md): the
// approval covers exactly the version that was reviewed, so the write page compares the whole post
// in the form with it — text, photos and videos, channel, situation and time — not only the text.

interface Versioned {
  situation?: unknown;
  channel?: { kind?: unknown; platform?: unknown };
  at?: unknown;
  text?: unknown;
  media?: { mediaId?: unknown; kind?: unknown }[];
}

/** A key that differs when anything the check and the approval are about differs. */
export function versionKey(post: unknown): string {
  const p = (post && typeof post === 'object' ? post : {}) as Versioned;
  // The moment as the form shows it (date and time in the school's zone; the form drops the offset).
  const at = typeof p.at === 'string' ? p.at.slice(0, 16) : null;
  return JSON.stringify([p.situation ?? null, p.channel?.kind ?? null, p.channel?.platform ?? null, at, p.text ?? '', (p.media ?? []).map((m) => [m.mediaId ?? null, m.kind ?? null])]);
}
