// The data-breach register (docs/breaches.md). Every change writes the breaches row (the current
// state), appends to its history (breach_events, append-only) and to the audit trail (ids and
// field names only), in one transaction. Automatic "possible breach" entries come from the
// consent module (a revocation finds a published post), from publishing a post whose check said a
// person shown has no consent, and later from the files module (createPossibleBreach).
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { accounts, breachEvents, breaches, checks, consentChannels, consentsCurrent, guardianships, people, posts, schools } from '../../db/schema/index.ts';
import type { Consent, Post } from '../../engine/index.ts';
import { consentChannel, consentState } from '../../engine/rules/media-consent.ts';
import { appendAudit } from '../audit/chain.ts';
import { enqueueMail } from '../mail/mailer.ts';
import { amsterdamTime, deadlineOf, deadlineView } from './deadline.ts';
import { breachInformMail } from './mail.ts';
import { fullName } from '../people/names.ts';

export const BREACH_KINDS = ['photo_without_consent', 'file_wrong_person', 'email_wrong_address', 'lost_device', 'other'] as const;
export type BreachKind = (typeof BREACH_KINDS)[number];
export const BREACH_SOURCES = ['staff', 'consent_revocation', 'publication', 'file_access'] as const;
export type BreachSource = (typeof BREACH_SOURCES)[number];
export const RISKS = ['none', 'low', 'risk', 'high'] as const;
export type Risk = (typeof RISKS)[number];

/** Something the register refuses: 400 (bad input, `path` names the field) or 409 (not in this state). */
export class BreachError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 409 = 400,
    readonly path = '$',
  ) {
    super(message);
    this.name = 'BreachError';
  }
}

export interface By {
  /** An account id, or "system". */
  actor: string;
  requestId?: string | null | undefined;
  now: Date;
}

type Row = typeof breaches.$inferSelect;

/** One history event and one audit event for a change of a breach. */
async function record(tx: DbOrTx, row: Pick<Row, 'id' | 'schoolId'>, type: string, data: Record<string, unknown>, by: By): Promise<void> {
  await tx.insert(breachEvents).values({ breachId: row.id, type, actor: by.actor, at: by.now, data });
  await appendAudit(tx, { schoolId: row.schoolId, actor: by.actor, action: `breach.${type}`, subjectType: 'breach', subjectId: row.id, requestId: by.requestId ?? null, fields: Object.keys(data).sort(), at: by.now });
}

export interface PossibleBreach {
  schoolId: string;
  kind: BreachKind;
  source: BreachSource;
  /** The id of the cause (takedown task, post, file read): at most one entry per cause. */
  sourceRef?: string | null;
  /** Automatic entries: ids and kinds only, never a name or a text. */
  title: string;
  description?: string;
  peopleIds?: string[];
  approxPeople?: number | null;
  dataCategories?: string[];
  /** Default: now. */
  discoveredAt?: Date;
  reportedBy?: string | null;
}

/**
 * Adds a possible breach for the FG to assess, in the caller's transaction (call it where the
 * cause happens, so both commit or neither). Returns the new id, or null when this cause already
 * has an entry. The files module calls it for "a file opened by the wrong person":
 * `createPossibleBreach(tx, { schoolId, kind: 'file_wrong_person', source: 'file_access', sourceRef: readId, title: 'Dossier <fileId> geopend door account <accountId>', peopleIds: [personId] }, { actor, now })`.
 */
export async function createPossibleBreach(tx: DbOrTx, p: PossibleBreach, by: By): Promise<string | null> {
  const [made] = await tx
    .insert(breaches)
    .values({
      schoolId: p.schoolId,
      schoolIds: [p.schoolId],
      status: 'possible',
      kind: p.kind,
      source: p.source,
      sourceRef: p.sourceRef ?? null,
      title: p.title,
      description: p.description ?? '',
      peopleIds: [...new Set(p.peopleIds ?? [])],
      approxPeople: p.approxPeople ?? null,
      dataCategories: p.dataCategories ?? [],
      discoveredAt: p.discoveredAt ?? by.now,
      reportedBy: p.reportedBy ?? null,
      reportedAt: by.now,
      createdAt: by.now,
      updatedAt: by.now,
    })
    .onConflictDoNothing()
    .returning({ id: breaches.id, schoolId: breaches.schoolId });
  if (!made) return null;
  // The history holds every fact as reported, so the register shows what was known at the start.
  await record(
    tx,
    made,
    'reported',
    {
      kind: p.kind,
      source: p.source,
      sourceRef: p.sourceRef ?? null,
      title: p.title,
      description: p.description ?? '',
      discoveredAt: (p.discoveredAt ?? by.now).toISOString(),
      peopleIds: [...new Set(p.peopleIds ?? [])],
      approxPeople: p.approxPeople ?? null,
      dataCategories: p.dataCategories ?? [],
      reportedBy: p.reportedBy ?? null,
    },
    by,
  );
  return made.id;
}

/** Checks that the people are on the roster of one of the schools. */
async function assertPeople(db: DbOrTx, schoolIds: string[], ids: string[]): Promise<void> {
  if (!ids.length) return;
  const found = await db.select({ id: people.id }).from(people).where(and(inArray(people.id, ids), inArray(people.schoolId, schoolIds)));
  if (found.length !== new Set(ids).size) throw new BreachError('peopleIds names someone who is not on the roster of the schools concerned', 400, '$.peopleIds');
}

export interface StaffReport {
  kind: BreachKind;
  title: string;
  description: string;
  discoveredAt?: Date | undefined;
  peopleIds?: string[] | undefined;
  approxPeople?: number | undefined;
  dataCategories?: string[] | undefined;
}

/** A staff member reports a possible breach (the form "Mogelijk datalek melden"). */
export async function reportPossibleBreach(db: AppDb, schoolId: string, r: StaffReport, by: By & { accountId: string }): Promise<string> {
  if (r.discoveredAt && r.discoveredAt.getTime() > by.now.getTime() + 5 * 60_000) throw new BreachError('discoveredAt lies in the future', 400, '$.discoveredAt');
  return db.transaction(async (tx) => {
    await assertPeople(tx, [schoolId], r.peopleIds ?? []);
    // One insert with every fact, so the "reported" event in the history is complete.
    const id = await createPossibleBreach(
      tx,
      { schoolId, kind: r.kind, source: 'staff', title: r.title, description: r.description, peopleIds: r.peopleIds ?? [], approxPeople: r.approxPeople ?? null, dataCategories: r.dataCategories ?? [], discoveredAt: r.discoveredAt ?? by.now, reportedBy: by.accountId },
      by,
    );
    if (!id) throw new BreachError('the report could not be stored', 409);
    return id;
  });
}

/**
 * Automatic entries for new takedown tasks: a published post shows someone whose consent was
 * withdrawn. One entry per post and person (a second revocation while the post is up adds none).
 */
export async function possibleBreachesFromTakedowns(tx: DbOrTx, schoolId: string, tasks: { id: string; postId: string; personId: string }[], by: By): Promise<number> {
  let made = 0;
  for (const t of tasks) {
    const id = await createPossibleBreach(
      tx,
      { schoolId, kind: 'photo_without_consent', source: 'consent_revocation', sourceRef: `${t.postId}:${t.personId}`, title: `Toestemming ingetrokken; gepubliceerd bericht ${t.postId} toont persoon ${t.personId} (takedown ${t.id})`, peopleIds: [t.personId] },
      by,
    );
    if (id) made++;
  }
  return made;
}

interface ConsentFinding {
  code?: string;
  personId?: string;
  fix?: { unidentified?: boolean };
}

const dateText = (d: unknown): string => (d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * The people a post shows whose consent does not cover it on the day it is published: the same
 * test as the check's media-consent rule (channel, media kind, date; the author and the author's own
 * children need none), but with the consents as they are at publication, so a consent withdrawn
 * between the check and publishing counts too, and one given since then does not.
 */
async function shownWithoutConsent(tx: DbOrTx, schoolId: string, postId: string, now: Date): Promise<string[]> {
  const [row] = await tx.select({ content: posts.content, authorAccountId: posts.authorAccountId }).from(posts).where(eq(posts.id, postId));
  if (!row) return [];
  const post = row.content as Post;
  const shown = [...new Set(post.media.flatMap((m) => m.people))];
  if (!shown.length) return [];
  let author = 'personId' in post.author ? post.author.personId : null;
  if (!author && row.authorAccountId) author = (await tx.select({ personId: accounts.personId }).from(accounts).where(eq(accounts.id, row.authorAccountId)))[0]?.personId ?? null;
  const exempt = new Set<string>(author ? [author] : []);
  if (author) for (const g of await tx.select({ studentId: guardianships.studentId }).from(guardianships).where(eq(guardianships.guardianId, author))) exempt.add(g.studentId);
  const channelCodes = (await tx.select({ code: consentChannels.code }).from(consentChannels).where(eq(consentChannels.schoolId, schoolId))).map((c) => c.code);
  const channel = consentChannel(post, channelCodes);
  const rows = await tx
    .select()
    .from(consentsCurrent)
    .where(and(eq(consentsCurrent.schoolId, schoolId), inArray(consentsCurrent.personId, shown)));
  const byPerson = new Map<string, Consent[]>();
  for (const r of rows) {
    const list = byPerson.get(r.personId) ?? [];
    list.push({ personId: r.personId, channel: r.channel, media: [r.media], validFrom: dateText(r.validFrom), validUntil: dateText(r.validUntil), status: r.status });
    byPerson.set(r.personId, list);
  }
  const day = amsterdamTime(now).date;
  const missing = new Set<string>();
  for (const item of post.media) {
    for (const id of item.people) {
      if (exempt.has(id)) continue;
      if (consentState(byPerson.get(id), channel, item.kind, day) !== 'granted') missing.add(id);
    }
  }
  return [...missing];
}

/**
 * Publishing a post that shows a person without consent: a possible breach. Who lacks consent is
 * judged at the moment of publishing (consents can change after the check); people the check could
 * not identify (a "blur" finding the author did not apply) count too. Returns the entry's id, or
 * null when everyone shown has consent.
 */
export async function possibleBreachOnPublish(tx: DbOrTx, p: { schoolId: string; postId: string; checkId: number | null | undefined }, by: By): Promise<string | null> {
  let unidentified = false;
  if (p.checkId !== null && p.checkId !== undefined) {
    const [check] = await tx.select({ result: checks.result }).from(checks).where(and(eq(checks.id, p.checkId), eq(checks.postId, p.postId)));
    const findings = ((check?.result as { findings?: ConsentFinding[] } | undefined)?.findings ?? []) as ConsentFinding[];
    unidentified = findings.some((f) => f.code === 'media.consent_missing' && f.fix?.unidentified);
  }
  const peopleIds = await shownWithoutConsent(tx, p.schoolId, p.postId, by.now);
  if (!peopleIds.length && !unidentified) return null;
  return createPossibleBreach(
    tx,
    {
      schoolId: p.schoolId,
      kind: 'photo_without_consent',
      source: 'publication',
      sourceRef: p.postId,
      title: `Bericht ${p.postId} gepubliceerd terwijl niet iedereen erop toestemming had (${peopleIds.length} persoon/personen${unidentified ? ', plus onbekenden' : ''})`,
      peopleIds,
    },
    by,
  );
}

/** A breach as the API shows it. */
function view(r: Row, now: Date) {
  return {
    id: r.id,
    schoolId: r.schoolId,
    schoolIds: r.schoolIds,
    status: r.status,
    kind: r.kind,
    source: r.source,
    sourceRef: r.sourceRef,
    title: r.title,
    discoveredAt: r.discoveredAt.toISOString(),
    description: r.description,
    dataCategories: r.dataCategories,
    approxPeople: r.approxPeople,
    peopleIds: r.peopleIds,
    consequences: r.consequences,
    measures: r.measures,
    reportedBy: r.reportedBy,
    reportedAt: r.reportedAt.toISOString(),
    risk: r.risk,
    assessment: r.assessment,
    notifyAuthority: r.notifyAuthority,
    informPeople: r.informPeople,
    noInformReason: r.noInformReason,
    assessedAt: r.assessedAt?.toISOString() ?? null,
    assessedBy: r.assessedBy,
    authorityNotifiedAt: r.authorityNotifiedAt?.toISOString() ?? null,
    authorityReference: r.authorityReference,
    lateReason: r.lateReason,
    peopleInformedAt: r.peopleInformedAt?.toISOString() ?? null,
    peopleInformedHow: r.peopleInformedHow,
    closedAt: r.closedAt?.toISOString() ?? null,
    deadline: deadlineView(r, now),
  };
}

export type BreachView = ReturnType<typeof view>;

/** The register of a school: every entry that concerns it, open ones first, then newest first. */
export async function listBreaches(db: DbOrTx, schoolId: string, now: Date, status?: Row['status']): Promise<BreachView[]> {
  const rows = await db
    .select()
    .from(breaches)
    .where(and(sql`${schoolId}::uuid = any(${breaches.schoolIds})`, status ? eq(breaches.status, status) : undefined))
    .orderBy(sql`case when ${breaches.status} = 'possible' then 0 when ${breaches.status} = 'registered' then 1 else 2 end`, desc(breaches.discoveredAt));
  return rows.map((r) => view(r, now));
}

/** A breach by id: 'missing' (none), 'elsewhere' (it does not concern this school), or the row. */
export async function findBreach(db: DbOrTx, schoolId: string, id: string, lock = false): Promise<Row | 'missing' | 'elsewhere'> {
  const q = db.select().from(breaches).where(eq(breaches.id, id));
  const [row] = lock ? await q.for('update') : await q;
  if (!row) return 'missing';
  return row.schoolIds.includes(schoolId) ? row : 'elsewhere';
}

export async function breachDetail(db: DbOrTx, row: Row, now: Date) {
  const events = await db.select().from(breachEvents).where(eq(breachEvents.breachId, row.id)).orderBy(asc(breachEvents.id));
  const actorIds = [...new Set(events.map((e) => e.actor).filter((a) => /^[0-9a-f-]{36}$/.test(a)))];
  const names = actorIds.length ? await db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(inArray(accounts.id, actorIds)) : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  const concerned = row.peopleIds.length
    ? await db.select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, kind: people.kind }).from(people).where(inArray(people.id, row.peopleIds))
    : [];
  return {
    ...view(row, now),
    people: concerned.map((p) => ({ id: p.id, kind: p.kind, name: fullName(p) })),
    history: events.map((e) => ({ id: e.id, type: e.type, actor: e.actor, actorName: nameOf.get(e.actor) ?? null, at: e.at.toISOString(), data: e.data })),
  };
}

export interface FactsPatch {
  kind?: BreachKind | undefined;
  title?: string | undefined;
  description?: string | undefined;
  discoveredAt?: Date | undefined;
  dataCategories?: string[] | undefined;
  approxPeople?: number | null | undefined;
  peopleIds?: string[] | undefined;
  consequences?: string | undefined;
  measures?: string | undefined;
  /** Every school concerned; the register's own school stays first. */
  schoolIds?: string[] | undefined;
}

/** The FG completes or corrects the facts of an entry (not after it is closed). */
export async function updateFacts(db: AppDb, schoolId: string, id: string, patch: FactsPatch, by: By, mayUseSchool: (schoolId: string) => boolean): Promise<Row> {
  return db.transaction(async (tx) => {
    const row = await findBreach(tx, schoolId, id, true);
    if (typeof row === 'string') throw new BreachError('not found', 409);
    if (row.status === 'closed') throw new BreachError('This entry is closed: it cannot change any more.', 409);
    if (patch.discoveredAt && patch.discoveredAt.getTime() > by.now.getTime() + 5 * 60_000) throw new BreachError('discoveredAt lies in the future', 400, '$.discoveredAt');
    let schoolIds = row.schoolIds;
    if (patch.schoolIds) {
      schoolIds = [row.schoolId, ...patch.schoolIds.filter((s) => s !== row.schoolId)];
      schoolIds = [...new Set(schoolIds)];
      for (const s of schoolIds) if (!mayUseSchool(s)) throw new BreachError('you may add only schools where you are the data-protection officer', 400, '$.schoolIds');
      const found = await tx.select({ id: schools.id }).from(schools).where(inArray(schools.id, schoolIds));
      if (found.length !== schoolIds.length) throw new BreachError('schoolIds names an unknown school', 400, '$.schoolIds');
    }
    if (patch.peopleIds) await assertPeople(tx, schoolIds, patch.peopleIds);
    const set: Partial<typeof breaches.$inferInsert> = {};
    const data: Record<string, unknown> = {};
    const put = <K extends keyof FactsPatch>(k: K, v: FactsPatch[K] | undefined, column: keyof typeof breaches.$inferInsert, shown: unknown = v) => {
      if (v === undefined) return;
      (set as Record<string, unknown>)[column] = v;
      data[k] = shown;
    };
    put('kind', patch.kind, 'kind');
    put('title', patch.title, 'title');
    put('description', patch.description, 'description');
    put('discoveredAt', patch.discoveredAt, 'discoveredAt', patch.discoveredAt?.toISOString());
    put('dataCategories', patch.dataCategories, 'dataCategories');
    put('approxPeople', patch.approxPeople, 'approxPeople');
    put('peopleIds', patch.peopleIds ? [...new Set(patch.peopleIds)] : undefined, 'peopleIds');
    put('consequences', patch.consequences, 'consequences');
    put('measures', patch.measures, 'measures');
    if (patch.schoolIds) {
      set.schoolIds = schoolIds;
      data.schoolIds = schoolIds;
    }
    if (!Object.keys(data).length) throw new BreachError('nothing to change', 400);
    // A notification already on record keeps its lateness: moving "aware" after it would hide a delay.
    if (patch.discoveredAt && row.authorityNotifiedAt && deadlineOf(patch.discoveredAt) < row.authorityNotifiedAt && !row.lateReason) {
      throw new BreachError('with this moment of becoming aware the notification to the AP was late, and it has no reason for the delay', 400, '$.discoveredAt');
    }
    const [updated] = await tx.update(breaches).set({ ...set, updatedAt: by.now }).where(eq(breaches.id, row.id)).returning();
    await record(tx, row, 'updated', data, by);
    return updated!;
  });
}

export interface Assessment {
  isBreach: boolean;
  risk?: Risk | undefined;
  rationale: string;
  notifyAuthority?: boolean | undefined;
  informPeople?: boolean | undefined;
  noInformReason?: string | undefined;
}

/**
 * The FG's assessment and decision. Not a breach: registered as such, nothing more. A breach with
 * a risk must be notified to the AP (art. 33(1)); with a high risk the people concerned are also
 * informed (art. 34(1)) unless one of the exceptions of art. 34(3) applies, given as noInformReason.
 * A lower risk is registered only, though the FG may still choose to notify or inform.
 */
export function decide(a: Assessment): { status: 'registered' | 'no_breach'; risk: Risk | null; notifyAuthority: boolean; informPeople: boolean; noInformReason: string | null } {
  if (!a.isBreach) return { status: 'no_breach', risk: null, notifyAuthority: false, informPeople: false, noInformReason: null };
  if (!a.risk) throw new BreachError('a breach needs a risk assessment: none, low, risk or high', 400, '$.risk');
  const mustNotify = a.risk === 'risk' || a.risk === 'high';
  if (mustNotify && a.notifyAuthority === false) throw new BreachError('with a risk for the people concerned the AP must be notified (AVG art. 33(1))', 400, '$.notifyAuthority');
  const notifyAuthority = a.notifyAuthority ?? mustNotify;
  let informPeople = a.informPeople ?? a.risk === 'high';
  const reason = a.noInformReason?.trim() || null;
  if (a.risk === 'high' && !informPeople && !reason) {
    throw new BreachError('with a high risk the people concerned are informed (AVG art. 34(1)); not informing them needs a reason under art. 34(3)', 400, '$.noInformReason');
  }
  if (a.risk === 'high' && reason && a.informPeople === undefined) informPeople = false;
  return { status: 'registered', risk: a.risk, notifyAuthority, informPeople, noInformReason: informPeople ? null : reason };
}

export async function assessBreach(db: AppDb, schoolId: string, id: string, a: Assessment, by: By & { accountId: string }): Promise<Row> {
  const d = decide(a);
  return db.transaction(async (tx) => {
    const row = await findBreach(tx, schoolId, id, true);
    if (typeof row === 'string') throw new BreachError('not found', 409);
    if (row.status === 'closed') throw new BreachError('This entry is closed: it cannot change any more.', 409);
    if (row.authorityNotifiedAt && !d.notifyAuthority) throw new BreachError('the AP has been notified already: the decision cannot become "do not notify"', 409, '$.notifyAuthority');
    const [updated] = await tx
      .update(breaches)
      .set({ ...d, assessment: a.rationale, assessedAt: by.now, assessedBy: by.accountId, updatedAt: by.now })
      .where(eq(breaches.id, row.id))
      .returning();
    await record(tx, row, 'assessed', { isBreach: a.isBreach, ...d, assessment: a.rationale }, by);
    return updated!;
  });
}

/** The notification to the Autoriteit Persoonsgegevens: when, and its reference; after 72 hours with the reason. */
export async function recordAuthorityNotification(db: AppDb, schoolId: string, id: string, n: { notifiedAt: Date; reference: string; lateReason?: string | undefined }, by: By): Promise<Row> {
  if (n.notifiedAt.getTime() > by.now.getTime() + 5 * 60_000) throw new BreachError('notifiedAt lies in the future: record a notification once it is made', 400, '$.notifiedAt');
  return db.transaction(async (tx) => {
    const row = await findBreach(tx, schoolId, id, true);
    if (typeof row === 'string') throw new BreachError('not found', 409);
    if (row.status !== 'registered') throw new BreachError(row.status === 'possible' ? 'Assess the entry first: is it a breach, and what is the risk?' : `The entry is ${row.status}: there is nothing to notify.`, 409);
    if (row.notifyAuthority !== true) throw new BreachError('The decision was not to notify the AP. Change the assessment first if that has changed.', 409);
    if (row.authorityNotifiedAt) throw new BreachError('The notification to the AP is on record already.', 409);
    if (n.notifiedAt < row.discoveredAt) throw new BreachError('notifiedAt is before the moment of becoming aware', 400, '$.notifiedAt');
    const late = n.notifiedAt > deadlineOf(row.discoveredAt);
    const lateReason = n.lateReason?.trim() || null;
    if (late && !lateReason) throw new BreachError('The notification came more than 72 hours after becoming aware: give the reason for the delay (AVG art. 33(1)).', 400, '$.lateReason');
    const [updated] = await tx
      .update(breaches)
      .set({ authorityNotifiedAt: n.notifiedAt, authorityReference: n.reference, lateReason: late ? lateReason : null, updatedAt: by.now })
      .where(eq(breaches.id, row.id))
      .returning();
    await record(tx, row, 'authority_notified', { notifiedAt: n.notifiedAt.toISOString(), reference: n.reference, late, ...(late ? { lateReason } : {}) }, by);
    return updated!;
  });
}

export interface InformResult {
  sent: { personId: string; via: 'self' | 'guardian'; mails: number }[];
  unreachable: { personId: string; name: string }[];
}

const ageOn = (birth: string, today: string): number => {
  const [by, bm, bd] = birth.split('-').map(Number) as [number, number, number];
  const [ty, tm, td] = today.split('-').map(Number) as [number, number, number];
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
};

/**
 * Informs the people concerned (art. 34) by e-mail, queued in the transaction: each person with an
 * address on file, or for a child under 16 each parent or guardian with one. Records who was
 * reached (ids only) and lists who could not be: the FG informs them another way.
 */
export async function informPeople(
  db: AppDb,
  schoolId: string,
  id: string,
  m: { message: { nl: string; en: string }; consequences: { nl: string; en: string }; measures: { nl: string; en: string }; contact: string },
  by: By,
): Promise<InformResult> {
  return db.transaction(async (tx) => {
    const row = await findBreach(tx, schoolId, id, true);
    if (typeof row === 'string') throw new BreachError('not found', 409);
    if (row.status !== 'registered' || row.informPeople !== true) throw new BreachError('The assessment did not decide to inform the people concerned. Assess the entry (or change the assessment) first.', 409);
    if (row.peopleInformedAt) throw new BreachError('The people concerned have been informed already.', 409);
    if (!row.peopleIds.length) throw new BreachError('The entry names no people concerned: add them (peopleIds) first.', 409, '$.peopleIds');
    const [school] = await tx.select({ name: schools.name }).from(schools).where(eq(schools.id, row.schoolId));
    const concerned = await tx
      .select({ id: people.id, kind: people.kind, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, birthDate: people.birthDate, email: people.email, accountEmail: accounts.email })
      .from(people)
      .leftJoin(accounts, eq(accounts.personId, people.id))
      .where(inArray(people.id, row.peopleIds));
    const guardians = await tx
      .select({ studentId: guardianships.studentId, id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, email: people.email, accountEmail: accounts.email })
      .from(guardianships)
      .innerJoin(people, eq(people.id, guardianships.guardianId))
      .leftJoin(accounts, eq(accounts.personId, people.id))
      .where(inArray(guardianships.studentId, row.peopleIds));
    // Age on the Dutch calendar day: just after midnight in the Netherlands it is still yesterday in UTC.
    const today = amsterdamTime(by.now).date;
    const name = fullName;
    const result: InformResult = { sent: [], unreachable: [] };
    const seen = new Set<string>();
    for (const p of concerned) {
      if (seen.has(p.id)) continue;
      seen.add(p.id);
      const child = p.kind === 'student' && (!p.birthDate || ageOn(String(p.birthDate).slice(0, 10), today) < 16);
      const base = { schoolName: school?.name ?? '', message: m.message, consequences: m.consequences, measures: m.measures, contact: m.contact };
      let mails = 0;
      if (child) {
        const addresses = new Map<string, string>();
        for (const g of guardians.filter((g) => g.studentId === p.id)) {
          const to = g.email ?? g.accountEmail;
          if (to && !addresses.has(to.toLowerCase())) addresses.set(to.toLowerCase(), name(g));
        }
        for (const [to, recipientName] of addresses) {
          await enqueueMail(tx, breachInformMail({ to, recipientName, about: { self: false, childName: p.givenName }, ...base }), by.now);
          mails++;
        }
      } else {
        const to = p.email ?? p.accountEmail;
        if (to) {
          await enqueueMail(tx, breachInformMail({ to, recipientName: name(p), about: { self: true }, ...base }), by.now);
          mails++;
        }
      }
      if (mails) result.sent.push({ personId: p.id, via: child ? 'guardian' : 'self', mails });
      else result.unreachable.push({ personId: p.id, name: name(p) });
    }
    const how = 'e-mail';
    await tx.update(breaches).set({ peopleInformedAt: by.now, peopleInformedHow: how, updatedAt: by.now }).where(eq(breaches.id, row.id));
    await record(tx, row, 'people_informed', { how, at: by.now.toISOString(), reached: result.sent, unreachable: result.unreachable.map((u) => u.personId), message: m.message, consequences: m.consequences, measures: m.measures, contact: m.contact }, by);
    return result;
  });
}

/** Closes an entry once what the decision asks is on record. */
export async function closeBreach(db: AppDb, schoolId: string, id: string, note: string, by: By): Promise<Row> {
  return db.transaction(async (tx) => {
    const row = await findBreach(tx, schoolId, id, true);
    if (typeof row === 'string') throw new BreachError('not found', 409);
    if (row.status === 'closed') throw new BreachError('This entry is closed already.', 409);
    if (row.status === 'possible') throw new BreachError('Assess the entry before closing it.', 409);
    if (row.notifyAuthority && !row.authorityNotifiedAt) throw new BreachError('Record the notification to the AP before closing the entry.', 409);
    if (row.informPeople && !row.peopleInformedAt) throw new BreachError('Inform the people concerned before closing the entry.', 409);
    const [updated] = await tx.update(breaches).set({ status: 'closed', closedAt: by.now, updatedAt: by.now }).where(eq(breaches.id, row.id)).returning();
    await record(tx, row, 'closed', { note, previousStatus: row.status }, by);
    return updated!;
  });
}
