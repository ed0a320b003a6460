// Escalating a conversation that derails (B.2): the employee sends the thread's text, a link and
// screenshots (their own uploads, stored without metadata by the media pipeline); the server
// computes the derailing signal (checkThread) and stores it; the supervisor is mailed at once.
// The supervisor acknowledges ("seen, I am on it") and resolves it; the times are the response
// times the queue and the statistics show.
import { and, asc, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx, Tx } from '../../db/connection.ts';
import { employments, escalations, mediaItems, people, reviewEvents, reviews, schools } from '../../db/schema/index.ts';
import type { ThreadSignal } from '../../engine/index.ts';
import { checkThread, ThreadValidationError } from '../../engine/index.ts';
import type { Actor } from '../../policies/index.ts';
import { canDecide, canReadSupervision } from '../../policies/supervision.ts';
import { appendAudit } from '../audit/chain.ts';
import { enqueueMail } from '../mail/mailer.ts';
import { MediaItemError, ownItem } from '../media/service.ts';
import { accountNames, findAddressee, nameOf, personNames, recipientsOf } from './addressee.ts';
import { escalationMail } from './mail.ts';
import { SupervisionError } from './reviews.ts';
import type { Category } from '../incidents/domain/categories.ts';
import { createIncident } from '../incidents/service.ts';
import { readThreadText, ThreadTextError } from './thread-text.ts';
import { fullName } from '../people/names.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const notFound = () => new SupervisionError(404, 'not_found', 'There is no such escalation at this school.');

export interface EscalateInput {
  db: AppDb;
  schoolId: string;
  actor: Actor;
  threadText?: string;
  link?: string;
  note?: string;
  screenshots?: string[];
  now: number;
  requestId?: string;
  publicUrl: string;
}

/** The school's active staff by name: abuse aimed at them counts as an attack on an employee. */
async function staffNames(db: DbOrTx, schoolId: string): Promise<string[]> {
  const rows = await db
    .select({ givenName: people.givenName, prefix: people.prefix, familyName: people.familyName })
    .from(employments)
    .innerJoin(people, eq(people.id, employments.personId))
    .where(and(eq(employments.schoolId, schoolId), eq(people.active, true)));
  return rows.map(fullName);
}

export async function escalate(input: EscalateInput) {
  const at = new Date(input.now);
  const text = input.threadText?.trim() ?? '';
  const shots = [...new Set(input.screenshots ?? [])];
  if (!text && !input.link && !shots.length) throw new SupervisionError(400, 'bad_request', 'Send the conversation: paste its text, give a link or add screenshots.');
  let messages: { author: string; at: string; text: string }[] | null = null;
  let signal: ThreadSignal | null = null;
  if (text) {
    try {
      messages = readThreadText(text, input.now);
      signal = checkThread({ employees: await staffNames(input.db, input.schoolId), messages });
    } catch (e) {
      if (e instanceof ThreadTextError) throw new SupervisionError(400, 'bad_request', e.message);
      if (e instanceof ThreadValidationError) throw new SupervisionError(400, 'bad_request', `The conversation could not be read: ${e.message}`);
      throw e;
    }
  }
  const me = input.actor.schools.get(input.schoolId)?.personId ?? null;
  return input.db.transaction(async (tx) => {
    for (const [i, id] of shots.entries()) {
      const item = await ownItem(tx, input.schoolId, input.actor.accountId, id, `$.screenshots[${i}]`).catch((e: unknown) => {
        if (e instanceof MediaItemError) throw new SupervisionError(e.status === 403 ? 403 : 400, e.status === 403 ? 'not_yours' : 'bad_request', `$.screenshots[${i}]: ${e.message}`);
        throw e;
      });
      if (item.kind !== 'image') throw new SupervisionError(400, 'bad_request', `$.screenshots[${i}]: a screenshot must be an image.`);
    }
    const to = await findAddressee(tx, input.schoolId, me);
    const [row] = await tx
      .insert(escalations)
      .values({ schoolId: input.schoolId, reporterId: me, reporterAccountId: input.actor.accountId, supervisorId: to.personId, link: input.link ?? null, threadText: text || null, messages, note: input.note ?? null, screenshotIds: shots, signal, status: 'open', createdAt: at })
      .returning({ id: escalations.id });
    const [school] = await tx.select({ name: schools.name }).from(schools).where(eq(schools.id, input.schoolId));
    for (const r of await recipientsOf(tx, input.schoolId, to.personId)) {
      await enqueueMail(tx, escalationMail({ to: r.email, supervisorName: r.name, reporterName: input.actor.displayName, schoolName: school?.name ?? '', derailing: signal?.derailing ?? false, publicUrl: input.publicUrl }), at);
    }
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.actor.accountId, action: 'escalation.create', subjectType: 'escalation', subjectId: row!.id, requestId: input.requestId ?? null, fields: ['thread_text', 'link', 'note', 'screenshot_ids', 'signal', 'supervisor_id'], at });
    return {
      escalationId: row!.id,
      status: 'open' as const,
      supervisor: { name: await nameOf(tx, to.personId), via: to.via },
      signal: signal ? { level: signal.level, derailing: signal.derailing, score: signal.score, reasons: signal.reasons.map((r) => ({ code: r.code, level: r.level, message: r.message, messages: r.messages })), action: signal.action } : null,
    };
  });
}

export interface RespondInput {
  db: AppDb;
  schoolId: string;
  actor: Actor;
  escalationId: string;
  step: 'acknowledge' | 'resolve';
  response?: string;
  now: number;
  requestId?: string;
}

/** The escalation, locked until commit, that this actor may still answer (404, 403 or 409 otherwise). */
async function lockOpenEscalation(tx: Tx, input: { escalationId: string; schoolId: string; actor: Actor }) {
  const [row] = await tx.select().from(escalations).where(and(eq(escalations.id, input.escalationId), eq(escalations.schoolId, input.schoolId))).for('update');
  if (!row) throw notFound();
  if (!canDecide(input.actor, input.schoolId, { supervisorId: row.supervisorId, ownerAccountId: row.reporterAccountId })) {
    throw new SupervisionError(403, 'not_yours', 'This escalation is addressed to another supervisor: only they and the director answer it.');
  }
  if (row.status === 'resolved' || row.status === 'became_incident') throw new SupervisionError(409, 'closed', 'This escalation has been handled already.');
  return row;
}

/** "Seen, I am on it" (acknowledge) and "handled" (resolve): the response times. */
export async function respondToEscalation(input: RespondInput) {
  const at = new Date(input.now);
  if (!UUID.test(input.escalationId)) throw notFound();
  return input.db.transaction(async (tx) => {
    const row = await lockOpenEscalation(tx, input);
    if (input.step === 'acknowledge' && row.status !== 'open') throw new SupervisionError(409, 'already_acknowledged', 'This escalation has been acknowledged already.');
    const response = input.response ? (row.response ? `${row.response}\n\n${input.response}` : input.response) : row.response;
    const set =
      input.step === 'acknowledge'
        ? { status: 'acknowledged' as const, acknowledgedAt: at, acknowledgedBy: input.actor.accountId, response }
        : { status: 'resolved' as const, resolvedAt: at, resolvedBy: input.actor.accountId, response, ...(row.acknowledgedAt ? {} : { acknowledgedAt: at, acknowledgedBy: input.actor.accountId }) };
    await tx.update(escalations).set(set).where(eq(escalations.id, row.id));
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.actor.accountId, action: `escalation.${input.step}`, subjectType: 'escalation', subjectId: row.id, requestId: input.requestId ?? null, fields: Object.keys(set), at });
    return { escalationId: row.id, status: set.status, acknowledgedAt: set.acknowledgedAt ?? row.acknowledgedAt, resolvedAt: input.step === 'resolve' ? at : null };
  });
}

type EscalationRow = typeof escalations.$inferSelect;

export async function describeEscalations(db: DbOrTx, rows: EscalationRow[], actor: Actor, now: number) {
  if (!rows.length) return [];
  const names = await accountNames(db, rows.flatMap((r) => [r.reporterAccountId, r.acknowledgedBy, r.resolvedBy]));
  const supervisors = await personNames(db, rows.map((r) => r.supervisorId));
  return rows.map((r) => {
    const created = r.createdAt.getTime();
    const signal = r.signal as ThreadSignal | null;
    return {
      id: r.id,
      status: r.status,
      reporter: names.get(r.reporterAccountId ?? '') ?? '',
      supervisor: r.supervisorId ? (supervisors.get(r.supervisorId) ?? '') : null,
      link: r.link,
      note: r.note,
      messages: r.messages ?? [],
      screenshots: r.screenshotIds,
      signal: signal ? { level: signal.level, derailing: signal.derailing, score: signal.score, drivers: signal.drivers, reasons: signal.reasons.map((x) => ({ code: x.code, level: x.level, message: x.message, messages: x.messages })), action: signal.action } : null,
      response: r.response,
      createdAt: r.createdAt,
      acknowledgedAt: r.acknowledgedAt,
      acknowledgedBy: r.acknowledgedBy ? (names.get(r.acknowledgedBy) ?? '') : null,
      resolvedAt: r.resolvedAt,
      resolvedBy: r.resolvedBy ? (names.get(r.resolvedBy) ?? '') : null,
      incidentId: r.incidentId,
      /** Until the first answer: how long it has been open. */
      openMs: r.acknowledgedAt ? null : Math.max(0, now - created),
      /** Time to the first answer (acknowledged), and to resolution. */
      answeredAfterMs: r.acknowledgedAt ? r.acknowledgedAt.getTime() - created : null,
      resolvedAfterMs: r.resolvedAt ? r.resolvedAt.getTime() - created : null,
      mayRespond: (r.status === 'open' || r.status === 'acknowledged') && canDecide(actor, r.schoolId, { supervisorId: r.supervisorId, ownerAccountId: r.reporterAccountId }),
    };
  });
}

export async function myEscalations(db: DbOrTx, schoolId: string, actor: Actor, now: number) {
  const rows = await db.select().from(escalations).where(and(eq(escalations.schoolId, schoolId), eq(escalations.reporterAccountId, actor.accountId))).orderBy(desc(escalations.createdAt)).limit(200);
  return describeEscalations(db, rows, actor, now);
}

export async function loadEscalation(db: DbOrTx, schoolId: string, escalationId: string, actor: Actor): Promise<EscalationRow | null> {
  if (!UUID.test(escalationId)) throw notFound();
  const [row] = await db.select().from(escalations).where(and(eq(escalations.id, escalationId), eq(escalations.schoolId, schoolId)));
  if (!row) throw notFound();
  return canReadSupervision(actor, schoolId, { supervisorId: row.supervisorId, ownerAccountId: row.reporterAccountId }) ? row : null;
}

/** A screenshot of an escalation (the stored copy, without metadata). */
export async function screenshotOf(db: DbOrTx, row: EscalationRow, mediaId: string) {
  if (!row.screenshotIds.includes(mediaId)) return null;
  const [item] = await db.select({ mime: mediaItems.mime, bytes: mediaItems.bytes }).from(mediaItems).where(and(eq(mediaItems.id, mediaId), eq(mediaItems.schoolId, row.schoolId)));
  return item ?? null;
}

/**
 * The queue of a leading person: escalations first — unanswered ones (open) before those
 * someone acknowledged, each oldest first — then open review requests, oldest first. A supervisor sees what is addressed to them (and the board
 * what is addressed to the board); the director and the board see the whole school.
 */
export async function queueRows(db: DbOrTx, schoolId: string, actor: Actor, whole: boolean) {
  const me = actor.schools.get(schoolId)?.personId ?? null;
  const board = actor.schools.get(schoolId)?.roles.has('board') ?? false;
  const mineE = whole ? [] : [me ? (board ? sql`(${escalations.supervisorId} = ${me} or ${escalations.supervisorId} is null)` : eq(escalations.supervisorId, me)) : board ? isNull(escalations.supervisorId) : sql`false`];
  const mineR = whole ? [] : [me ? (board ? sql`(${reviews.supervisorId} = ${me} or ${reviews.supervisorId} is null)` : eq(reviews.supervisorId, me)) : board ? isNull(reviews.supervisorId) : sql`false`];
  const esc = await db
    .select()
    .from(escalations)
    .where(and(eq(escalations.schoolId, schoolId), inArray(escalations.status, ['open', 'acknowledged']), ...mineE))
    // Nobody answered yet first (oldest first), then those someone is on (oldest first).
    .orderBy(sql`case when ${escalations.status} = 'open' then 0 else 1 end`, asc(escalations.createdAt))
    .limit(200);
  const rev = await db
    .select()
    .from(reviews)
    .where(and(eq(reviews.schoolId, schoolId), eq(reviews.status, 'open'), ...mineR))
    .orderBy(asc(reviews.submittedAt))
    .limit(200);
  return { esc, rev };
}

interface Times {
  count: number;
  medianSeconds: number | null;
  p90Seconds: number | null;
}

const times = (count: number, median: unknown, p90: unknown): Times => ({
  count,
  medianSeconds: median === null || median === undefined ? null : Math.round(Number(median)),
  p90Seconds: p90 === null || p90 === undefined ? null : Math.round(Number(p90)),
});

/**
 * Median and 90th percentile response times of a school since a moment (the dashboard's numbers).
 * openNow and oldestOpen count everything that waits now, also what came in before the window.
 */
export async function responseTimes(db: DbOrTx, schoolId: string, since: Date, now: number) {
  const [one] = await responseTimesOf(db, [schoolId], since, now);
  return one!;
}

/**
 * responseTimes for several schools at once (the board's dashboard): the same four statements,
 * each grouped by school, so the cost does not grow with the number of schools. One answer per
 * school, in the order of `schoolIds`; a school without escalations or reviews gets zeros.
 */
export async function responseTimesOf(db: DbOrTx, schoolIds: readonly string[], since: Date, now: number) {
  if (!schoolIds.length) return [];
  const ids = [...schoolIds];
  const ack = sql`extract(epoch from (${escalations.acknowledgedAt} - ${escalations.createdAt}))`;
  const res = sql`extract(epoch from (${escalations.resolvedAt} - ${escalations.createdAt}))`;
  const es = await db
    .select({
      schoolId: escalations.schoolId,
      total: sql<number>`count(*)::int`,
      acknowledged: sql<number>`count(${escalations.acknowledgedAt})::int`,
      ackMedian: sql<number | null>`percentile_cont(0.5) within group (order by ${ack})`,
      ackP90: sql<number | null>`percentile_cont(0.9) within group (order by ${ack})`,
      resolved: sql<number>`count(${escalations.resolvedAt})::int`,
      resMedian: sql<number | null>`percentile_cont(0.5) within group (order by ${res})`,
      resP90: sql<number | null>`percentile_cont(0.9) within group (order by ${res})`,
    })
    .from(escalations)
    .where(and(inArray(escalations.schoolId, ids), gte(escalations.createdAt, since)))
    .groupBy(escalations.schoolId);
  // What waits now counts however old it is: the window is for the times, not for the backlog.
  const os = await db
    .select({ schoolId: escalations.schoolId, open: sql<number>`count(*)::int`, oldestOpen: sql<Date | string | null>`min(${escalations.createdAt})` })
    .from(escalations)
    .where(and(inArray(escalations.schoolId, ids), isNull(escalations.acknowledgedAt), inArray(escalations.status, ['open', 'acknowledged'])))
    .groupBy(escalations.schoolId);
  // Review times from the history: each decision against the sending (request or resubmission)
  // just before it, so a request that went back and forth counts every round on its own.
  const sentBefore = sql`(select max(s.at) from review_events s where s.review_id = ${reviewEvents.reviewId} and s.kind in ('requested', 'resubmitted') and s.id < ${reviewEvents.id})`;
  const dec = sql`extract(epoch from (${reviewEvents.at} - ${sentBefore}))`;
  const ds = await db
    .select({
      schoolId: reviews.schoolId,
      decided: sql<number>`count(*)::int`,
      median: sql<number | null>`percentile_cont(0.5) within group (order by ${dec})`,
      p90: sql<number | null>`percentile_cont(0.9) within group (order by ${dec})`,
    })
    .from(reviewEvents)
    .innerJoin(reviews, eq(reviews.id, reviewEvents.reviewId))
    .where(and(inArray(reviews.schoolId, ids), inArray(reviewEvents.kind, ['approved', 'changes_requested', 'rejected']), gte(reviewEvents.at, since)))
    .groupBy(reviews.schoolId);
  const rs = await db
    .select({
      schoolId: reviews.schoolId,
      total: sql<number>`(count(*) filter (where ${reviews.createdAt} >= ${since.toISOString()}::timestamptz))::int`,
      open: sql<number>`(count(*) filter (where ${reviews.status} = 'open'))::int`,
    })
    .from(reviews)
    .where(inArray(reviews.schoolId, ids))
    .groupBy(reviews.schoolId);
  const by = <T extends { schoolId: string }>(list: T[]) => new Map(list.map((x) => [x.schoolId, x]));
  const [eBy, oBy, dBy, rBy] = [by(es), by(os), by(ds), by(rs)];
  return ids.map((schoolId) => {
    const e = eBy.get(schoolId);
    const o = oBy.get(schoolId);
    const d = dBy.get(schoolId);
    const r = rBy.get(schoolId);
    const oldest = o?.oldestOpen ? new Date(o.oldestOpen).getTime() : null;
    return {
      schoolId,
      since: since.toISOString(),
      escalations: {
        total: e?.total ?? 0,
        openNow: o?.open ?? 0,
        oldestOpenSeconds: oldest === null ? null : Math.round((now - oldest) / 1000),
        acknowledged: times(e?.acknowledged ?? 0, e?.ackMedian ?? null, e?.ackP90 ?? null),
        resolved: times(e?.resolved ?? 0, e?.resMedian ?? null, e?.resP90 ?? null),
      },
      reviews: { total: r?.total ?? 0, openNow: r?.open ?? 0, decided: times(d?.decided ?? 0, d?.median ?? null, d?.p90 ?? null) },
    };
  });
}

export interface ToIncidentInput {
  db: AppDb;
  schoolId: string;
  actor: Actor;
  escalationId: string;
  category: Category;
  /** Suggested by the check engine on the conversation, before the transaction opens. */
  articles: string[];
  now: number;
  requestId?: string;
}

/** The text a case starts with: the employee's note, the conversation and the link. */
export function incidentTextOf(row: Pick<EscalationRow, 'note' | 'threadText' | 'link'>): string {
  return [row.note, row.threadText, row.link].filter((s): s is string => !!s && s.trim() !== '').join('\n\n') || 'Escalatie van een gesprek (B.2).';
}

/**
 * Turns an escalation into an incident in one transaction: the case is created with the
 * conversation (the employee who escalated is its reporter), and the escalation is marked
 * 'became_incident' with the case's id; it counts as answered and handled at this moment.
 * Decided (docs/supervision.md): the whole pasted conversation goes into the case, which the
 * school's incident readers see; the page says so next to the button. Screenshots stay with the
 * escalation and are not carried over.
 */
export async function escalationToIncident(input: ToIncidentInput): Promise<{ escalationId: string; incidentId: string }> {
  const at = new Date(input.now);
  if (!UUID.test(input.escalationId)) throw notFound();
  return input.db.transaction(async (tx) => {
    const row = await lockOpenEscalation(tx, input);
    const incident = await createIncident(
      tx,
      input.schoolId,
      {
        source: 'signed_in',
        category: input.category,
        text: incidentTextOf(row),
        link: row.link,
        articles: input.articles,
        reporterAccountId: row.reporterAccountId,
        reporterPersonId: row.reporterId,
      },
      { accountId: input.actor.accountId, requestId: input.requestId, now: at },
    );
    await tx
      .update(escalations)
      .set({ status: 'became_incident', incidentId: incident.id, resolvedAt: at, resolvedBy: input.actor.accountId, ...(row.acknowledgedAt ? {} : { acknowledgedAt: at, acknowledgedBy: input.actor.accountId }) })
      .where(eq(escalations.id, row.id));
    await appendAudit(tx, { schoolId: input.schoolId, actor: input.actor.accountId, action: 'escalation.to_incident', subjectType: 'escalation', subjectId: row.id, requestId: input.requestId ?? null, fields: ['status', 'incident_id'], at });
    return { escalationId: row.id, incidentId: incident.id };
  });
}
