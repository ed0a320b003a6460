// Media of a school's drafts: an upload is inspected (faces, metadata) and only its copy without
// metadata is stored; faces are tagged with roster people; a blurred copy is a new item. A post
// refers to an item by id and the check takes its people from the tags (A.5).
import { and, eq, inArray } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { mediaItems, people } from '../../db/schema/index.ts';
import type { MediaKind as EngineMediaKind } from '../../engine/index.ts';
import type { Face, MediaInfo } from '../../media/index.ts';
import { appendAudit } from '../audit/chain.ts';

export class MediaItemError extends Error {
  constructor(
    readonly status: 400 | 403 | 404,
    message: string,
    readonly path = '$',
  ) {
    super(message);
    this.name = 'MediaItemError';
  }
}

type Row = typeof mediaItems.$inferSelect;

/** The item as the API shows it (never the bytes). */
export function describeItem(row: Row) {
  return {
    id: row.id,
    kind: row.kind,
    format: row.format,
    mime: row.mime,
    width: row.width,
    height: row.height,
    durationMs: row.durationMs,
    size: row.size,
    faces: row.faces.map((f, index) => ({ index, ...f, personId: row.tags[index] ?? null })),
    heard: row.heard,
    strippedMetadata: row.strippedMetadata,
    derivedFrom: row.derivedFrom,
    blurred: row.blurred,
    createdAt: row.createdAt,
  };
}

/** Which metadata the upload carried (and the stored copy no longer has). */
export function strippedKinds(info: MediaInfo): string[] {
  const m = info.metadata;
  return (['gps', 'exif', 'xmp', 'iptc', 'icc', 'comments', 'tags'] as const).filter((k) => m[k]);
}

export async function storeItem(
  db: AppDb,
  p: { schoolId: string; accountId: string; info: MediaInfo; stripped: Buffer; faces: Face[]; derivedFrom?: string; blurred?: number[]; tags?: (string | null)[]; heard?: string[]; strippedMetadata?: string[]; requestId?: string; now: Date },
): Promise<Row> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(mediaItems)
      .values({
        schoolId: p.schoolId,
        accountId: p.accountId,
        kind: p.info.kind,
        format: p.info.format,
        mime: p.info.mime,
        width: p.info.width ?? null,
        height: p.info.height ?? null,
        durationMs: p.info.durationMs ?? null,
        size: p.stripped.byteLength,
        bytes: p.stripped,
        faces: p.faces.map((f) => ({ box: f.box, score: Math.round(f.score * 1000) / 1000, ...(f.timeMs !== undefined ? { timeMs: f.timeMs } : {}) })),
        tags: p.tags ?? p.faces.map(() => null),
        heard: p.heard ?? [],
        strippedMetadata: p.strippedMetadata ?? strippedKinds(p.info),
        derivedFrom: p.derivedFrom ?? null,
        blurred: p.blurred ?? [],
        createdAt: p.now,
      })
      .returning();
    await appendAudit(tx, { schoolId: p.schoolId, actor: p.accountId, action: p.derivedFrom ? 'media.blur' : 'media.upload', subjectType: 'media_item', subjectId: row!.id, requestId: p.requestId ?? null, fields: ['bytes', 'faces', ...(p.derivedFrom ? ['derived_from', 'blurred'] : [])], at: p.now });
    return row!;
  });
}

/** The item, if it is the account's own at this school. */
export async function ownItem(db: DbOrTx, schoolId: string, accountId: string, mediaId: string, path = '$'): Promise<Row> {
  const [row] = /^[0-9a-f-]{36}$/i.test(mediaId) ? await db.select().from(mediaItems).where(and(eq(mediaItems.id, mediaId), eq(mediaItems.schoolId, schoolId))) : [];
  if (!row) throw new MediaItemError(404, 'There is no such upload at this school.', path);
  if (row.accountId !== accountId) throw new MediaItemError(403, 'This upload is someone else’s: only who uploaded it can use it.', path);
  return row;
}

async function activePeople(db: DbOrTx, schoolId: string, ids: string[]): Promise<Set<string>> {
  const uuids = ids.filter((id) => /^[0-9a-f-]{36}$/i.test(id));
  if (!uuids.length) return new Set();
  const rows = await db.select({ id: people.id }).from(people).where(and(eq(people.schoolId, schoolId), eq(people.active, true), inArray(people.id, uuids)));
  return new Set(rows.map((r) => r.id));
}

/** Sets who each face is (null: unknown) and who is heard; every id must be an active person of the school. */
export async function tagItem(
  db: AppDb,
  p: { schoolId: string; accountId: string; mediaId: string; faces: (string | null)[]; heard?: string[]; requestId?: string; now: Date; onlyPeople?: ReadonlySet<string> },
): Promise<Row> {
  return db.transaction(async (tx) => {
    const row = await ownItem(tx, p.schoolId, p.accountId, p.mediaId);
    if (p.faces.length !== row.faces.length) throw new MediaItemError(400, `Give one tag per face: this upload has ${row.faces.length} face${row.faces.length === 1 ? '' : 's'}.`, '$.faces');
    if (p.heard?.length && row.kind === 'image') throw new MediaItemError(400, 'A photo has no sound: tag the faces instead.', '$.heard');
    const named = [...p.faces.filter((x): x is string => x !== null), ...(p.heard ?? [])];
    // Parents and students tag only themselves and their own children: no probing of the roster.
    const known = new Set([...(await activePeople(tx, p.schoolId, named))].filter((id) => !p.onlyPeople || p.onlyPeople.has(id)));
    const badFace = p.faces.findIndex((x) => x !== null && !known.has(x));
    if (badFace >= 0) throw new MediaItemError(400, 'no active person with this id at this school', `$.faces[${badFace}]`);
    const badHeard = (p.heard ?? []).findIndex((x) => !known.has(x));
    if (badHeard >= 0) throw new MediaItemError(400, 'no active person with this id at this school', `$.heard[${badHeard}]`);
    const [updated] = await tx.update(mediaItems).set({ tags: p.faces, ...(p.heard ? { heard: [...new Set(p.heard)] } : {}) }).where(eq(mediaItems.id, row.id)).returning();
    await appendAudit(tx, { schoolId: p.schoolId, actor: p.accountId, action: 'media.tag', subjectType: 'media_item', subjectId: row.id, requestId: p.requestId ?? null, fields: ['tags', ...(p.heard ? ['heard'] : [])], at: p.now });
    return updated!;
  });
}

/** The faces to blur for an engine fix: the faces tagged with these people, and the untagged ones if asked. */
export function facesToBlur(row: Row, choice: { faces?: number[] | 'all'; people?: string[]; unidentified?: boolean }): number[] {
  if (choice.faces === 'all') return row.faces.map((_, i) => i);
  const out = new Set(choice.faces ?? []);
  const wanted = new Set(choice.people ?? []);
  row.tags.forEach((tag, i) => {
    if ((tag !== null && wanted.has(tag)) || (tag === null && choice.unidentified)) out.add(i);
  });
  return [...out].sort((a, b) => a - b);
}

export const ENGINE_KIND: Record<string, EngineMediaKind> = { image: 'photo', video: 'video', audio: 'audio' };

/**
 * Replaces each `{ mediaId }` in a post's media by what the check needs: the kind, the tagged and
 * heard people, and the number of faces nobody tagged. Other media items pass unchanged.
 */
export async function resolvePostMedia(db: DbOrTx, schoolId: string, accountId: string, post: unknown): Promise<unknown> {
  if (!post || typeof post !== 'object' || !Array.isArray((post as { media?: unknown }).media)) return post;
  const media = (post as { media: unknown[] }).media;
  const resolved = await Promise.all(
    media.map(async (m, i) => {
      const id = (m as { mediaId?: unknown } | null)?.mediaId;
      if (typeof id !== 'string') return m;
      const row = await ownItem(db, schoolId, accountId, id, `$.post.media[${i}].mediaId`);
      const tagged = row.tags.filter((t): t is string => t !== null);
      return { mediaId: row.id, kind: ENGINE_KIND[row.kind] ?? 'photo', people: [...new Set([...tagged, ...row.heard])], unidentifiedPeople: row.tags.filter((t) => t === null).length };
    }),
  );
  return { ...(post as object), media: resolved };
}
