// The consent registry: recording a choice (append-only), the current state, a person's history,
// a school's overview per group, and the takedown tasks a revocation creates. Every write is one
// transaction that also bumps the school's data version (so checks see it at once) and appends to
// the audit trail.
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import {
  consentChannels,
  consentEvents,
  consentsCurrent,
  groups,
  guardianships,
  people,
  postPeople,
  posts,
  takedownTasks,
} from '../../db/schema/index.ts';
import type { Post } from '../../engine/index.ts';
import { consentChannel } from '../../engine/rules/media-consent.ts';
import { appendAudit } from '../audit/chain.ts';
import { possibleBreachesFromTakedowns } from '../breaches/service.ts';
import { bumpDataVersion } from '../schools/school-case.ts';
import type { ConsentMediaKind, ConsentStatus, Subject } from './rules.ts';
import { deciderProblem, schoolYearSpan, STANDARD_CHANNELS } from './rules.ts';
import { fullName } from '../people/names.ts';

export type ConsentMethod = 'portal' | 'form' | 'paper' | 'import' | 'staff';

/** A choice that cannot be recorded; `path` names the field (for 400 answers with JSON paths). */
export class ConsentError extends Error {
  constructor(
    message: string,
    readonly path = '$',
  ) {
    super(message);
    this.name = 'ConsentError';
  }
}

export interface ConsentChoice {
  personId: string;
  channel: string;
  media: ConsentMediaKind[];
  schoolYear: string;
  status: ConsentStatus;
  /** The person who decided (a guardian, or the person themselves). */
  givenBy: string;
  method: ConsentMethod;
  note?: string | null;
  /** Default: the school year's span; a revocation or refusal starts on the day it is recorded. */
  validFrom?: string;
  validUntil?: string;
  /** The day the choice was made (YYYY-MM-DD, not after today): who may decide is judged on it. Default: today. */
  decidedOn?: string;
}

export interface RecordContext {
  schoolId: string;
  /** The account that records it (null: the person through a consent link, or the CLI). */
  recordedBy: string | null;
  /** For the audit trail: an account id, "cli", or "consent-link". */
  actor: string;
  requestId?: string;
  now: Date;
}

export interface Recorded {
  eventIds: number[];
  takedowns: number;
}

export async function schoolChannels(db: DbOrTx, schoolId: string): Promise<Set<string>> {
  const rows = await db.select({ code: consentChannels.code }).from(consentChannels).where(eq(consentChannels.schoolId, schoolId));
  return new Set(rows.map((r) => r.code));
}

async function subjectOf(db: DbOrTx, schoolId: string, personId: string): Promise<Subject | null> {
  const [p] = await db
    .select({ id: people.id, kind: people.kind, birthDate: people.birthDate, active: people.active })
    .from(people)
    .where(and(eq(people.id, personId), eq(people.schoolId, schoolId)));
  return p && p.active ? { id: p.id, kind: p.kind, birthDate: p.birthDate ? String(p.birthDate).slice(0, 10) : null } : null;
}

/** The school's own channels: code → name. */
export async function schoolChannelNames(db: DbOrTx, schoolId: string): Promise<Map<string, string>> {
  const rows = await db.select({ code: consentChannels.code, name: consentChannels.name }).from(consentChannels).where(eq(consentChannels.schoolId, schoolId));
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function guardiansOf(db: DbOrTx, studentId: string): Promise<Set<string>> {
  const rows = await db.select({ id: guardianships.guardianId }).from(guardianships).where(eq(guardianships.studentId, studentId));
  return new Set(rows.map((r) => r.id));
}

/** A transaction of its own, or a savepoint inside the caller's. */
const inTransaction = <T>(db: DbOrTx, run: (tx: DbOrTx) => Promise<T>): Promise<T> => (db as AppDb).transaction((tx) => run(tx));

const today = (now: Date): string => now.toISOString().slice(0, 10);

/**
 * Records choices (one consent event per media kind), all or nothing, in one transaction. A
 * revocation or refusal takes effect at once and lists the published posts that show the person
 * on that channel and media kind as takedown tasks.
 */
export async function recordConsents(db: DbOrTx, choices: ConsentChoice[], ctx: RecordContext): Promise<Recorded> {
  if (!choices.length) throw new ConsentError('there are no choices to record', '$.choices');
  const run = async (tx: DbOrTx): Promise<Recorded> => {
    const own = await schoolChannels(tx, ctx.schoolId);
    const date = today(ctx.now);
    const eventIds: number[] = [];
    let takedowns = 0;
    for (const [i, c] of choices.entries()) {
      const at = choices.length > 1 ? `$.choices[${i}]` : '$';
      if (!(STANDARD_CHANNELS as readonly string[]).includes(c.channel) && !own.has(c.channel)) {
        throw new ConsentError(`unknown channel "${c.channel}": use ${[...STANDARD_CHANNELS, ...own].join(', ')}`, `${at}.channel`);
      }
      const span = schoolYearSpan(c.schoolYear);
      if (!span) throw new ConsentError(`"${c.schoolYear}" is not a school year such as 2026-2027`, `${at}.schoolYear`);
      const subject = await subjectOf(tx, ctx.schoolId, c.personId);
      if (!subject) throw new ConsentError('no active person with this id at this school', `${at}.personId`);
      const guardians = subject.kind === 'student' ? await guardiansOf(tx, subject.id) : new Set<string>();
      if (c.decidedOn !== undefined && !(/^\d{4}-\d{2}-\d{2}$/.test(c.decidedOn) && c.decidedOn <= date)) throw new ConsentError('decidedOn is a date (YYYY-MM-DD) not after today', `${at}.decidedOn`);
      const problem = deciderProblem(subject, c.givenBy, guardians, c.decidedOn ?? date);
      if (problem) throw new ConsentError(problem, `${at}.givenBy`);
      const withdraws = c.status !== 'granted';
      const validFrom = c.validFrom ?? (withdraws && date > span.from ? date : span.from);
      const validUntil = c.validUntil ?? span.until;
      if (validUntil < validFrom) throw new ConsentError('validUntil is before validFrom', `${at}.validUntil`);
      const rows = await tx
        .insert(consentEvents)
        .values(
          [...new Set(c.media)].map((media) => ({
            schoolId: ctx.schoolId,
            personId: c.personId,
            channel: c.channel,
            media,
            schoolYear: c.schoolYear,
            validFrom,
            validUntil,
            status: c.status,
            givenBy: c.givenBy,
            method: c.method,
            note: c.note ?? null,
            recordedAt: ctx.now,
            recordedBy: ctx.recordedBy,
          })),
        )
        .returning({ id: consentEvents.id, media: consentEvents.media });
      eventIds.push(...rows.map((r) => r.id));
      if (withdraws) {
        for (const r of rows) takedowns += await createTakedowns(tx, ctx, c.personId, c.channel, r.media, r.id, own);
      }
      await appendAudit(tx, {
        schoolId: ctx.schoolId,
        actor: ctx.actor,
        action: `consent.${c.status === 'granted' ? 'grant' : c.status === 'refused' ? 'refuse' : 'revoke'}`,
        subjectType: 'person',
        subjectId: c.personId,
        requestId: ctx.requestId ?? null,
        fields: ['channel', 'media', 'school_year', 'status', 'given_by', 'method'],
        at: ctx.now,
      });
    }
    await bumpDataVersion(tx, ctx.schoolId);
    return { eventIds, takedowns };
  };
  return inTransaction(db, run);
}

/** Published posts of the school that show the person on this channel and media kind, as open tasks. */
async function createTakedowns(tx: DbOrTx, ctx: RecordContext, personId: string, channel: string, media: ConsentMediaKind, eventId: number, own: Set<string>): Promise<number> {
  const shown = await tx
    .select({ id: posts.id, content: posts.content })
    .from(posts)
    .innerJoin(postPeople, eq(postPeople.postId, posts.id))
    .where(and(eq(posts.schoolId, ctx.schoolId), eq(posts.status, 'published'), eq(postPeople.personId, personId)));
  const hits = shown.filter((p) => {
    const post = p.content as Post;
    return consentChannel(post, [...own]) === channel && post.media.some((m) => m.kind === media && m.people.includes(personId));
  });
  if (!hits.length) return 0;
  const made = await tx
    .insert(takedownTasks)
    .values(hits.map((p) => ({ schoolId: ctx.schoolId, postId: p.id, personId, consentEventId: eventId, createdAt: ctx.now })))
    .onConflictDoNothing()
    .returning({ id: takedownTasks.id, postId: takedownTasks.postId });
  for (const t of made) {
    await appendAudit(tx, { schoolId: ctx.schoolId, actor: ctx.actor, action: 'takedown.create', subjectType: 'takedown_task', subjectId: t.id, requestId: ctx.requestId ?? null, fields: ['post_id', 'person_id'], at: ctx.now });
  }
  // A published post that shows someone without consent now: a possible data breach for the FG (docs/breaches.md).
  await possibleBreachesFromTakedowns(tx, ctx.schoolId, made.map((t) => ({ id: t.id, postId: t.postId, personId })), { actor: ctx.actor, requestId: ctx.requestId, now: ctx.now });
  return made.length;
}

export interface CurrentConsent {
  channel: string;
  media: ConsentMediaKind;
  schoolYear: string;
  status: ConsentStatus;
  validFrom: string;
  validUntil: string;
  givenBy: string | null;
  method: string;
  recordedAt: Date;
}

const dateText = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/** A person's current consents (the latest event per channel, media kind and school year). */
export async function currentConsents(db: DbOrTx, schoolId: string, personIds: string[], schoolYear?: string): Promise<Map<string, CurrentConsent[]>> {
  const out = new Map<string, CurrentConsent[]>();
  if (!personIds.length) return out;
  const rows = await db
    .select()
    .from(consentsCurrent)
    .where(and(eq(consentsCurrent.schoolId, schoolId), inArray(consentsCurrent.personId, personIds), schoolYear ? eq(consentsCurrent.schoolYear, schoolYear) : undefined));
  for (const r of rows) {
    const list = out.get(r.personId) ?? [];
    list.push({ channel: r.channel, media: r.media, schoolYear: r.schoolYear, status: r.status, validFrom: dateText(r.validFrom), validUntil: dateText(r.validUntil), givenBy: r.givenBy, method: r.method, recordedAt: r.recordedAt });
    out.set(r.personId, list);
  }
  return out;
}

/** Every event of a person, oldest first: the history nobody rewrites. */
export async function consentHistory(db: DbOrTx, schoolId: string, personId: string) {
  const rows = await db
    .select()
    .from(consentEvents)
    .where(and(eq(consentEvents.schoolId, schoolId), eq(consentEvents.personId, personId)))
    .orderBy(asc(consentEvents.id));
  return rows.map((r) => ({ id: r.id, channel: r.channel, media: r.media, schoolYear: r.schoolYear, status: r.status, validFrom: dateText(r.validFrom), validUntil: dateText(r.validUntil), givenBy: r.givenBy, method: r.method, note: r.note, recordedAt: r.recordedAt, recordedBy: r.recordedBy }));
}

export type OverviewCell = ConsentStatus | 'no_answer';

/**
 * Per group, per student: the status for each channel and media kind in a school year, and counts
 * of agreed / refused / not answered (a student counts as agreed when every cell is granted, as
 * refused when any is refused or revoked).
 */
export async function consentOverview(db: DbOrTx, schoolId: string, schoolYear: string, group?: string) {
  const students = await db
    .select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, group: groups.code })
    .from(people)
    .leftJoin(groups, eq(groups.id, people.groupId))
    .where(and(eq(people.schoolId, schoolId), eq(people.kind, 'student'), eq(people.active, true), group ? eq(groups.code, group) : undefined))
    .orderBy(asc(groups.code), asc(people.familyName), asc(people.givenName));
  const current = await currentConsents(db, schoolId, students.map((s) => s.id), schoolYear);
  const channels = [...STANDARD_CHANNELS, ...(await schoolChannels(db, schoolId))];
  const byGroup = new Map<string, { group: string; agreed: number; refused: number; noAnswer: number; partly: number; students: unknown[] }>();
  for (const s of students) {
    const key = s.group ?? '';
    const g = byGroup.get(key) ?? { group: key, agreed: 0, refused: 0, noAnswer: 0, partly: 0, students: [] };
    const list = current.get(s.id) ?? [];
    const cells: Record<string, Record<ConsentMediaKind, OverviewCell>> = {};
    for (const ch of channels) cells[ch] = { photo: 'no_answer', video: 'no_answer', audio: 'no_answer' };
    for (const c of list) if (cells[c.channel]) cells[c.channel]![c.media] = c.status;
    const values = Object.values(cells).flatMap((m) => Object.values(m));
    if (values.every((v) => v === 'no_answer')) g.noAnswer++;
    else if (values.some((v) => v === 'refused' || v === 'revoked')) g.refused++;
    else if (values.every((v) => v === 'granted')) g.agreed++;
    else g.partly++;
    g.students.push({ id: s.id, name: fullName(s), consents: cells });
    byGroup.set(key, g);
  }
  return { schoolYear, channels, groups: [...byGroup.values()] };
}

/** Open takedown tasks, oldest first, with the person's name and what the post was (its channel, the start of its text). */
export async function openTakedowns(db: DbOrTx, schoolId: string) {
  const rows = await db
    .select({
      id: takedownTasks.id,
      postId: takedownTasks.postId,
      personId: takedownTasks.personId,
      givenName: people.givenName,
      prefix: people.prefix,
      familyName: people.familyName,
      createdAt: takedownTasks.createdAt,
      publishedUrl: posts.publishedUrl,
      publishedAt: posts.publishedAt,
      content: posts.content,
    })
    .from(takedownTasks)
    .innerJoin(posts, eq(posts.id, takedownTasks.postId))
    .innerJoin(people, eq(people.id, takedownTasks.personId))
    .where(and(eq(takedownTasks.schoolId, schoolId), isNull(takedownTasks.doneAt)))
    .orderBy(asc(takedownTasks.createdAt));
  return rows.map(({ givenName, prefix, familyName, content, ...r }) => {
    const post = content as Post;
    const text = post.text ?? '';
    return { ...r, personName: fullName({ givenName, prefix, familyName }), platform: post.channel?.platform ?? null, excerpt: text.length > 120 ? `${text.slice(0, 117)}…` : text };
  });
}

/** Marks a takedown task done (the post was taken down); false when there is no open task with this id. */
export async function completeTakedown(db: DbOrTx, schoolId: string, taskId: string, by: { accountId: string; requestId?: string; now: Date }): Promise<boolean> {
  const run = async (tx: DbOrTx) => {
    const done = await tx
      .update(takedownTasks)
      .set({ doneAt: by.now, doneBy: by.accountId })
      .where(and(eq(takedownTasks.id, taskId), eq(takedownTasks.schoolId, schoolId), isNull(takedownTasks.doneAt)))
      .returning({ postId: takedownTasks.postId });
    if (!done.length) return false;
    await tx.update(posts).set({ status: 'withdrawn', updatedAt: by.now }).where(and(eq(posts.id, done[0]!.postId), eq(posts.status, 'published')));
    await appendAudit(tx, { schoolId, actor: by.accountId, action: 'takedown.done', subjectType: 'takedown_task', subjectId: taskId, requestId: by.requestId ?? null, fields: ['done_at', 'done_by', 'post.status'], at: by.now });
    return true;
  };
  return inTransaction(db, run);
}

export async function addChannel(db: DbOrTx, schoolId: string, channel: { code: string; name: string }, by: { actor: string; requestId?: string; now: Date }): Promise<void> {
  const code = channel.code.trim().toLowerCase();
  if (!/^[a-z][a-z0-9_]{1,39}$/.test(code)) throw new ConsentError('a channel code is 2 to 40 lower-case letters, digits or _ and starts with a letter', '$.code');
  if ((STANDARD_CHANNELS as readonly string[]).includes(code)) throw new ConsentError(`"${code}" is a standard channel already`, '$.code');
  const run = async (tx: DbOrTx) => {
    const made = await tx.insert(consentChannels).values({ schoolId, code, name: channel.name.trim(), createdAt: by.now }).onConflictDoNothing().returning({ code: consentChannels.code });
    if (!made.length) throw new ConsentError(`the school has a channel "${code}" already`, '$.code');
    await bumpDataVersion(tx, schoolId);
    await appendAudit(tx, { schoolId, actor: by.actor, action: 'consent.channel_add', subjectType: 'consent_channel', subjectId: code, requestId: by.requestId ?? null, fields: ['code', 'name'], at: by.now });
  };
  await inTransaction(db, run);
}

/** The ids of the students a guardian is guardian of. */
export async function childrenOf(db: DbOrTx, guardianId: string): Promise<Set<string>> {
  const rows = await db.select({ id: guardianships.studentId }).from(guardianships).where(eq(guardianships.guardianId, guardianId));
  return new Set(rows.map((r) => r.id));
}
