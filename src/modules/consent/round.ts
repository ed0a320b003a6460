// The yearly consent round: the school opens it for a school year; every responder — a guardian
// of a student under 16, a student of 16 or older — gets an e-mail with a link of their own
// (the token is only in the e-mail), answers per child, channel and media kind on the consent
// page, and the school sees who answered and sends reminders.
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { consentRequests, consentRounds, groups, guardianships, people, schools } from '../../db/schema/index.ts';
import { appendAudit } from '../audit/chain.ts';
import { newToken, sha256 } from '../auth/secrets.ts';
import { enqueueMail } from '../mail/mailer.ts';
import { CONSENT_PAGE, consentRoundMail, tokenLink } from '../mail/templates.ts';
import type { ConsentMediaKind, ConsentStatus } from './rules.ts';
import { ageOn, MEDIA_KINDS, schoolYearSpan, SELF_CONSENT_AGE, STANDARD_CHANNELS } from './rules.ts';
import { ConsentError, currentConsents, recordConsents, schoolChannels } from './service.ts';
import { fullName } from '../people/names.ts';

/** A responder is asked again at most once a day. */
export const REMINDER_GAP_MS = 24 * 3600_000;


interface Responder {
  id: string;
  name: string;
  email: string | null;
  /** The students this responder decides for. */
  children: { id: string; name: string }[];
}

/** Who answers for whom on a date: guardians for their children under 16, students from 16 for themselves. */
async function respondersOf(db: DbOrTx, schoolId: string, date: string): Promise<Responder[]> {
  const students = await db
    .select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, birthDate: people.birthDate, email: people.email })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), eq(people.kind, 'student'), eq(people.active, true)));
  const links = students.length
    ? await db
        .select({ guardianId: guardianships.guardianId, studentId: guardianships.studentId, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, email: people.email, active: people.active })
        .from(guardianships)
        .innerJoin(people, eq(people.id, guardianships.guardianId))
        .where(inArray(guardianships.studentId, students.map((s) => s.id)))
    : [];
  const out = new Map<string, Responder>();
  for (const s of students) {
    const adult = s.birthDate !== null && ageOn(String(s.birthDate).slice(0, 10), date) >= SELF_CONSENT_AGE;
    const child = { id: s.id, name: fullName(s) };
    if (adult) {
      out.set(s.id, { id: s.id, name: fullName(s), email: s.email, children: [child] });
      continue;
    }
    for (const g of links) {
      if (g.studentId !== s.id || !g.active) continue;
      const r = out.get(g.guardianId) ?? { id: g.guardianId, name: fullName(g), email: g.email, children: [] };
      r.children.push(child);
      out.set(g.guardianId, r);
    }
  }
  return [...out.values()].sort((a, b) => a.id.localeCompare(b.id));
}

export interface OpenRoundInput {
  schoolId: string;
  schoolYear: string;
  channels?: string[];
  media?: ConsentMediaKind[];
  openedBy: string;
  requestId?: string;
  now: Date;
  publicUrl: string;
}

/** Opens the round and queues one e-mail per responder with an e-mail address, in one transaction. */
export async function openRound(db: AppDb, input: OpenRoundInput) {
  const span = schoolYearSpan(input.schoolYear);
  if (!span) throw new ConsentError(`"${input.schoolYear}" is not a school year such as 2026-2027`, '$.schoolYear');
  return db.transaction(async (tx) => {
    const own = await schoolChannels(tx, input.schoolId);
    const all = [...STANDARD_CHANNELS, ...own];
    const channels = input.channels ?? [...STANDARD_CHANNELS.filter((c) => c !== 'personal_social_media'), ...own];
    const bad = channels.find((c) => !all.includes(c));
    if (bad) throw new ConsentError(`unknown channel "${bad}"`, '$.channels');
    const [existing] = await tx.select({ id: consentRounds.id }).from(consentRounds).where(and(eq(consentRounds.schoolId, input.schoolId), eq(consentRounds.schoolYear, input.schoolYear)));
    if (existing) throw new ConsentError(`the round for ${input.schoolYear} is open already; send reminders instead`, '$.schoolYear');
    const [school] = await tx.select({ name: schools.name }).from(schools).where(eq(schools.id, input.schoolId));
    const [round] = await tx
      .insert(consentRounds)
      .values({ schoolId: input.schoolId, schoolYear: input.schoolYear, validFrom: span.from, validUntil: span.until, channels, media: input.media ?? [...MEDIA_KINDS], openedBy: input.openedBy, openedAt: input.now })
      .returning();
    const responders = await respondersOf(tx, input.schoolId, input.now.toISOString().slice(0, 10));
    let mailed = 0;
    const expiresAt = new Date(`${span.until}T23:59:59Z`);
    for (const r of responders) {
      const token = newToken('pwc_');
      await tx.insert(consentRequests).values({ roundId: round!.id, responderId: r.id, tokenHash: sha256(token), sentAt: r.email ? input.now : null });
      if (!r.email) continue;
      await enqueueMail(
        tx,
        consentRoundMail({ to: r.email, name: r.name, schoolName: school!.name, schoolYear: input.schoolYear, children: r.children.map((c) => c.name), link: tokenLink(input.publicUrl, CONSENT_PAGE, token), reminder: false, expiresAt }),
        input.now,
      );
      mailed++;
    }
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.openedBy, action: 'consent_round.open', subjectType: 'consent_round', subjectId: round!.id, requestId: input.requestId ?? null, fields: ['school_year', 'channels', 'media', 'requests'], at: input.now });
    return { roundId: round!.id, responders: responders.length, mailed, withoutEmail: responders.length - mailed };
  });
}

/** Who answered: per responder (no names of children) and totals. */
export async function roundStatus(db: DbOrTx, schoolId: string, roundId: string) {
  const [round] = await db.select().from(consentRounds).where(and(eq(consentRounds.id, roundId), eq(consentRounds.schoolId, schoolId)));
  if (!round) return null;
  const rows = await db
    .select({ responderId: consentRequests.responderId, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, hasEmail: sql<boolean>`${people.email} is not null`, sentAt: consentRequests.sentAt, reminders: consentRequests.reminders, answeredAt: consentRequests.answeredAt })
    .from(consentRequests)
    .innerJoin(people, eq(people.id, consentRequests.responderId))
    .where(eq(consentRequests.roundId, roundId))
    .orderBy(asc(people.familyName));
  const responders = rows.map((r) => ({ id: r.responderId, name: fullName(r), email: r.hasEmail, sentAt: r.sentAt, reminders: r.reminders, answeredAt: r.answeredAt }));
  return {
    id: round.id,
    schoolYear: round.schoolYear,
    channels: round.channels,
    media: round.media,
    openedAt: round.openedAt,
    answered: responders.filter((r) => r.answeredAt).length,
    notAnswered: responders.filter((r) => !r.answeredAt).length,
    withoutEmail: responders.filter((r) => !r.email).length,
    responders,
  };
}

/** Sends a new link to every responder who has not answered and was not asked in the last day. */
export async function remind(db: AppDb, p: { schoolId: string; roundId: string; by: string; requestId?: string; now: Date; publicUrl: string }) {
  return db.transaction(async (tx) => {
    const [round] = await tx.select().from(consentRounds).where(and(eq(consentRounds.id, p.roundId), eq(consentRounds.schoolId, p.schoolId)));
    if (!round) return null;
    const [school] = await tx.select({ name: schools.name }).from(schools).where(eq(schools.id, p.schoolId));
    const open = await tx
      .select({ id: consentRequests.id, responderId: consentRequests.responderId, sentAt: consentRequests.sentAt, lastRemindedAt: consentRequests.lastRemindedAt, reminders: consentRequests.reminders })
      .from(consentRequests)
      .where(and(eq(consentRequests.roundId, p.roundId), isNull(consentRequests.answeredAt)))
      .for('update');
    const responders = new Map((await respondersOf(tx, p.schoolId, p.now.toISOString().slice(0, 10))).map((r) => [r.id, r]));
    const expiresAt = new Date(`${String(round.validUntil).slice(0, 10)}T23:59:59Z`);
    let sent = 0;
    let skipped = 0;
    for (const req of open) {
      const last = req.lastRemindedAt ?? req.sentAt;
      const r = responders.get(req.responderId);
      if (!r?.email || (last && p.now.getTime() - last.getTime() < REMINDER_GAP_MS)) {
        skipped++;
        continue;
      }
      // A new token: the old one is only in the old mail, which we cannot send again.
      const token = newToken('pwc_');
      await tx.update(consentRequests).set({ tokenHash: sha256(token), reminders: req.reminders + 1, lastRemindedAt: p.now, sentAt: req.sentAt ?? p.now }).where(eq(consentRequests.id, req.id));
      await enqueueMail(tx, consentRoundMail({ to: r.email, name: r.name, schoolName: school!.name, schoolYear: round.schoolYear, children: r.children.map((c) => c.name), link: tokenLink(p.publicUrl, CONSENT_PAGE, token), reminder: true, expiresAt }), p.now);
      sent++;
    }
    if (sent) await appendAudit(tx, { schoolId: p.schoolId, actor: p.by, action: 'consent_round.remind', subjectType: 'consent_round', subjectId: p.roundId, requestId: p.requestId ?? null, fields: ['consent_requests.token_hash', 'reminders'], at: p.now });
    return { sent, skipped };
  });
}

/** The request of a link's token, with its round; null when unknown or the round's year is over. */
async function requestOf(db: DbOrTx, token: string, now: Date) {
  const [row] = await db
    .select({ request: consentRequests, round: consentRounds })
    .from(consentRequests)
    .innerJoin(consentRounds, eq(consentRounds.id, consentRequests.roundId))
    .where(eq(consentRequests.tokenHash, sha256(token)));
  if (!row || row.round.closedAt || now.toISOString().slice(0, 10) > String(row.round.validUntil).slice(0, 10)) return null;
  return row;
}

export class InvalidLinkError extends Error {}

/** What the consent page shows: the school, the year, the channels and kinds, and per child the current choices. */
export async function linkView(db: DbOrTx, token: string, now: Date) {
  const found = await requestOf(db, token, now);
  if (!found) throw new InvalidLinkError('This link is unknown or no longer valid. Use the newest e-mail from the school, or ask the school for a new link.');
  const { request, round } = found;
  const [school] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, round.schoolId));
  const responder = (await respondersOf(db, round.schoolId, now.toISOString().slice(0, 10))).find((r) => r.id === request.responderId);
  const children = responder?.children ?? [];
  const current = await currentConsents(db, round.schoolId, children.map((c) => c.id), round.schoolYear);
  const groupOf = new Map(
    children.length
      ? (await db.select({ id: people.id, code: groups.code }).from(people).leftJoin(groups, eq(groups.id, people.groupId)).where(inArray(people.id, children.map((c) => c.id)))).map((r) => [r.id, r.code])
      : [],
  );
  return {
    school: school!.name,
    schoolYear: round.schoolYear,
    channels: round.channels,
    media: round.media,
    answeredAt: request.answeredAt,
    self: children.length === 1 && children[0]!.id === request.responderId,
    children: children.map((c) => ({
      id: c.id,
      name: c.name,
      group: groupOf.get(c.id) ?? null,
      choices: (current.get(c.id) ?? []).filter((x) => round.channels.includes(x.channel)).map((x) => ({ channel: x.channel, media: x.media, status: x.status })),
    })),
  };
}

export interface LinkChoice {
  personId: string;
  channel: string;
  media: ConsentMediaKind;
  status: Exclude<ConsentStatus, 'revoked'> | 'revoked';
}

/** Records the answers given through a link, all or nothing, as the responder (method portal). */
export async function answerLink(db: AppDb, token: string, choices: LinkChoice[], p: { now: Date; requestId?: string }) {
  return db.transaction(async (tx) => {
    const found = await requestOf(tx, token, p.now);
    if (!found) throw new InvalidLinkError('This link is unknown or no longer valid. Use the newest e-mail from the school, or ask the school for a new link.');
    const { request, round } = found;
    const allowed = new Set(((await respondersOf(tx, round.schoolId, p.now.toISOString().slice(0, 10))).find((r) => r.id === request.responderId)?.children ?? []).map((c) => c.id));
    for (const [i, c] of choices.entries()) {
      if (!allowed.has(c.personId)) throw new ConsentError('this link is not for this person', `$.choices[${i}].personId`);
      if (!round.channels.includes(c.channel)) throw new ConsentError(`the round does not ask about "${c.channel}"`, `$.choices[${i}].channel`);
      if (!round.media.includes(c.media)) throw new ConsentError(`the round does not ask about ${c.media}`, `$.choices[${i}].media`);
    }
    const result = await recordConsents(
      tx,
      choices.map((c) => ({ personId: c.personId, channel: c.channel, media: [c.media], schoolYear: round.schoolYear, status: c.status, givenBy: request.responderId, method: 'portal' as const })),
      { schoolId: round.schoolId, recordedBy: null, actor: 'consent-link', now: p.now, ...(p.requestId ? { requestId: p.requestId } : {}) },
    );
    await tx.update(consentRequests).set({ answeredAt: p.now }).where(eq(consentRequests.id, request.id));
    return { recorded: result.eventIds.length, takedowns: result.takedowns };
  });
}

/** The school's rounds, newest school year first, with how many were asked and how many answered. */
export async function listRounds(db: DbOrTx, schoolId: string) {
  const rounds = await db.select().from(consentRounds).where(eq(consentRounds.schoolId, schoolId)).orderBy(desc(consentRounds.schoolYear));
  if (!rounds.length) return [];
  const counts = await db
    .select({ roundId: consentRequests.roundId, requests: sql<number>`count(*)::int`, answered: sql<number>`count(${consentRequests.answeredAt})::int` })
    .from(consentRequests)
    .where(inArray(consentRequests.roundId, rounds.map((r) => r.id)))
    .groupBy(consentRequests.roundId);
  const byRound = new Map(counts.map((c) => [c.roundId, c]));
  return rounds.map((r) => ({
    id: r.id,
    schoolYear: r.schoolYear,
    channels: r.channels,
    media: r.media,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
    requests: Number(byRound.get(r.id)?.requests ?? 0),
    answered: Number(byRound.get(r.id)?.answered ?? 0),
  }));
}

/**
 * A responder who answered in the web app (signed in) has answered the year's round too: their
 * request is marked answered, so no reminder goes out. Nothing happens without an open request.
 */
export async function markAnsweredInApp(db: DbOrTx, schoolId: string, schoolYear: string, responderId: string, now: Date): Promise<void> {
  const [round] = await db.select({ id: consentRounds.id }).from(consentRounds).where(and(eq(consentRounds.schoolId, schoolId), eq(consentRounds.schoolYear, schoolYear)));
  if (!round) return;
  await db
    .update(consentRequests)
    .set({ answeredAt: now })
    .where(and(eq(consentRequests.roundId, round.id), eq(consentRequests.responderId, responderId), isNull(consentRequests.answeredAt)));
}
