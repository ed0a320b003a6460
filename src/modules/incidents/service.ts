// Incident cases in the database (docs/incidents.md): every write is one transaction that locks
// the case row, appends to its event log (append-only, a trigger refuses changes), updates the
// status row (the projection) and appends an audit event (ids and field names only). Status
// changes go through the pure state machine (domain/state.ts); measures through the ladders and
// their legal steps (domain/measures.ts).
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { z } from 'zod';
import { and, asc, desc, eq, inArray, lt, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx, Tx } from '../../db/connection.ts';
import { accountRoles, accounts, groups, incidentEvents, incidentFormUses, incidentPeople, incidents, incidentSteps, incidentTasks, measures, people, schools } from '../../db/schema/index.ts';
import type { Role } from '../../policies/roles.ts';
import { INCIDENT_HANDLERS } from '../../policies/incidents.ts';
import { HttpError } from '../../server/errors.ts';
import { localTime } from '../../engine/time.ts';
import { appendAudit } from '../audit/chain.ts';
import { enqueueMail } from '../mail/mailer.ts';
import { incidentUpdateMail } from './mail.ts';
import { fileInto, fileTargets } from '../files/filing.ts';
import type { Category } from './domain/categories.ts';
import { LVI_PHONE, LVI_TASK_TITLE, needsPoliceDecision } from './domain/categories.ts';
import type { Audience, PersonKind, RemovalOutcome, StepKind } from './domain/measures.ts';
import { audienceOf, checkMeasure, inspectieTask, MEASURE_LABELS, proposeMeasure, STEP_LABELS } from './domain/measures.ts';
import type { IncidentEvent, IncidentStatus } from './domain/state.ts';
import { allowedEvents, dueAfter, transition } from './domain/state.ts';
import { fullName as nameOf } from '../people/names.ts';
import { containsPattern } from '../../db/like.ts';

export type PersonRole = 'subject' | 'affected' | 'witness';
export type IncidentRow = typeof incidents.$inferSelect;

/** Who acts, for the event log and the audit trail. */
export interface Ctx {
  /** An account id; null for the public form (the system records it). */
  accountId: string | null;
  requestId?: string | undefined;
  now: Date;
}

const notFound = () => new HttpError(404, 'not_found', 'There is no such incident at this school.');
const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

export function hashReceipt(receipt: string): string {
  return createHash('sha256').update(receipt.trim()).digest('hex');
}

/** A receipt code for a public reporter: 20 characters, easy to copy. */
export function newReceipt(): string {
  return randomBytes(15).toString('base64url');
}

async function addEvent(tx: DbOrTx, incidentId: string, type: string, ctx: Ctx, payload: Record<string, unknown> = {}, visibility: 'internal' | 'shareable' = 'internal'): Promise<void> {
  await tx.insert(incidentEvents).values({ incidentId, type, actorId: ctx.accountId, payload, visibility, createdAt: ctx.now });
}

const audit = (tx: DbOrTx, schoolId: string, ctx: Ctx, action: string, subjectId: string, fields: string[]) =>
  appendAudit(tx, { schoolId, actor: ctx.accountId ?? 'public', action, subjectType: 'incident', subjectId, requestId: ctx.requestId ?? null, fields, at: ctx.now });

/** The people of the school by id (active or not), with their kind. */
async function schoolPeople(tx: DbOrTx, schoolId: string, ids: string[]) {
  if (!ids.length) return new Map<string, { kind: PersonKind; active: boolean }>();
  const rows = await tx
    .select({ id: people.id, kind: people.kind, active: people.active })
    .from(people)
    .where(and(eq(people.schoolId, schoolId), inArray(people.id, ids.filter(isUuid))));
  return new Map(rows.map((r) => [r.id, { kind: r.kind, active: r.active }]));
}

export interface NewIncident {
  source: 'signed_in' | 'public';
  category: Category;
  text: string;
  link?: string | null | undefined;
  people?: { personId: string; role: PersonRole }[] | undefined;
  articles: string[];
  anonymous?: boolean | undefined;
  reporterAccountId?: string | null | undefined;
  reporterPersonId?: string | null | undefined;
  reporterName?: string | null | undefined;
  reporterContact?: string | null | undefined;
  receiptHash?: string | null | undefined;
  /** The public form's token, used once (public-form.ts formTokenUse). */
  formToken?: { hash: string; expiresAt: Date } | undefined;
}

export async function createIncident(db: AppDb, schoolId: string, input: NewIncident, ctx: Ctx): Promise<IncidentRow> {
  return db.transaction(async (tx) => {
    if (input.formToken) {
      // Each form token sends one report: a replay (from anywhere) finds its hash already there.
      await tx.delete(incidentFormUses).where(lt(incidentFormUses.expiresAt, ctx.now));
      const used = await tx.insert(incidentFormUses).values({ tokenHash: input.formToken.hash, expiresAt: input.formToken.expiresAt }).onConflictDoNothing().returning({ h: incidentFormUses.tokenHash });
      if (!used.length) throw new HttpError(409, 'form_used', 'This form has already been sent: reload the page to send another report.');
    }
    const involved = input.people ?? [];
    const known = await schoolPeople(tx, schoolId, involved.map((p) => p.personId));
    const issues = involved.flatMap((p, i) => (known.get(p.personId)?.active ? [] : [{ path: `$.people[${i}].personId`, message: `no active person with id "${p.personId}" at this school` }]));
    if (issues.length) throw new HttpError(400, 'bad_request', `The report is not valid: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`, issues);
    // The case and its first event in one statement (one round trip fewer per report).
    const id = randomUUID();
    const inserted = tx.$with('inserted').as(
      tx
        .insert(incidents)
        .values({
          id,
          schoolId,
          status: 'reported',
          category: input.category,
          articles: input.articles,
          summary: input.text.slice(0, 140),
          description: input.text,
          link: input.link ?? null,
          source: input.source,
          anonymous: input.anonymous ?? false,
          reporterAccountId: input.reporterAccountId ?? null,
          reporterId: input.reporterPersonId ?? null,
          reporterName: input.anonymous ? null : (input.reporterName ?? null),
          reporterContact: input.anonymous ? null : (input.reporterContact ?? null),
          receiptHash: input.receiptHash ?? null,
          policeDecisionRequired: needsPoliceDecision(input.category),
          dueAt: dueAfter('reported', ctx.now),
          createdAt: ctx.now,
          updatedAt: ctx.now,
        })
        .returning(),
    );
    const firstEvent = tx.$with('first_event').as(
      tx.insert(incidentEvents).values({ incidentId: id, type: 'reported', actorId: ctx.accountId, payload: { category: input.category, source: input.source, people: involved.length }, visibility: 'shareable', createdAt: ctx.now }).returning({ id: incidentEvents.id }),
    );
    const [row] = await tx.with(inserted, firstEvent).select().from(inserted);
    const incident = row!;
    if (involved.length) await tx.insert(incidentPeople).values(involved.map((p) => ({ incidentId: incident.id, personId: p.personId, role: p.role }))).onConflictDoNothing();
    await audit(tx, schoolId, ctx, 'incident.report', incident.id, ['category', 'description', ...(input.link ? ['link'] : []), ...(involved.length ? ['people'] : [])]);
    return incident;
  });
}

/**
 * One change of a case: locks its row, refuses a closed case (unless `allowClosed`), runs the
 * change, stamps updated_at and appends the audit event — all in one transaction.
 */
async function change<T>(
  db: AppDb,
  schoolId: string,
  incidentId: string,
  ctx: Ctx,
  action: string,
  run: (tx: Tx, row: IncidentRow) => Promise<{ fields: string[]; value?: T }>,
  opts: { allowClosed?: boolean } = {},
): Promise<T | undefined> {
  if (!isUuid(incidentId)) throw notFound();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(incidents)
      .where(and(eq(incidents.id, incidentId), eq(incidents.schoolId, schoolId)))
      .for('update');
    if (!row) throw notFound();
    if (row.status === 'closed' && !opts.allowClosed) throw new HttpError(409, 'wrong_status', 'This case is closed: reopen it first (with a reason).');
    const done = await run(tx, row);
    await tx.update(incidents).set({ updatedAt: ctx.now }).where(eq(incidents.id, incidentId));
    await audit(tx, schoolId, ctx, action, incidentId, done.fields);
    return done.value;
  });
}

async function openTaskCount(tx: DbOrTx, incidentId: string): Promise<number> {
  const [r] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(incidentTasks)
    .where(and(eq(incidentTasks.incidentId, incidentId), eq(incidentTasks.status, 'open')));
  return r?.n ?? 0;
}

const factsOf = async (tx: DbOrTx, row: IncidentRow) => ({
  policeDecisionPending: row.policeDecisionRequired && row.policeReport === null,
  openTasks: await openTaskCount(tx, row.id),
});

/**
 * Moves the case. When it becomes decided or closed and a signed-in person reported it, an
 * e-mail (no details, a link to their reports) is queued in the same transaction; `publicUrl` is
 * the base of that link. Answers whether a mail was queued.
 */
export async function applyTransition(
  db: AppDb,
  schoolId: string,
  incidentId: string,
  event: IncidentEvent,
  reason: string | null,
  ctx: Ctx,
  opts: { publicUrl?: string | undefined; outcome?: string | undefined } = {},
): Promise<boolean> {
  const { publicUrl, outcome } = opts;
  let mailed = false;
  await change(
    db,
    schoolId,
    incidentId,
    ctx,
    `incident.${event}`,
    async (tx, row) => {
      const result = transition(row.status, event, { reason, facts: await factsOf(tx, row) });
      if (!result.ok) throw new HttpError(result.error.code === 'reason_required' ? 400 : 409, result.error.code, result.error.message);
      const to = result.status;
      await tx
        .update(incidents)
        .set({ status: to, dueAt: dueAfter(to, ctx.now), closedAt: to === 'closed' ? ctx.now : null })
        .where(eq(incidents.id, row.id));
      await addEvent(tx, row.id, 'status_changed', ctx, { from: row.status, to, event, ...(reason ? { reason } : {}) }, 'shareable');
      if (outcome) {
        if (to !== 'decided' && to !== 'closed') throw new HttpError(400, 'bad_request', 'An outcome for the reporter goes with decide, close or dismiss.', [{ path: '$.outcome', message: 'only with decide, close or dismiss' }]);
        await addEvent(tx, row.id, 'note', ctx, { text: outcome }, 'shareable');
      }
      if ((to === 'decided' || to === 'closed') && row.reporterAccountId && publicUrl !== undefined) {
        const [who] = await tx
          .select({ email: accounts.email, name: accounts.displayName, schoolName: schools.name })
          .from(accounts)
          .innerJoin(schools, eq(schools.id, row.schoolId))
          .where(eq(accounts.id, row.reporterAccountId));
        if (who) {
          await enqueueMail(tx, incidentUpdateMail({ to: who.email, name: who.name, schoolName: who.schoolName, status: to, publicUrl }), ctx.now);
          mailed = true;
        }
      }
      return { fields: ['status', 'due_at', 'closed_at'] };
    },
    { allowClosed: true },
  );
  return mailed;
}

export async function assign(db: AppDb, schoolId: string, incidentId: string, accountId: string | null, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.assign', async (tx, row) => {
    if (accountId) {
      const held = await tx
        .select({ role: accountRoles.role })
        .from(accountRoles)
        .where(and(eq(accountRoles.accountId, accountId), eq(accountRoles.schoolId, schoolId), inArray(accountRoles.role, [...INCIDENT_HANDLERS])));
      if (!held.length) throw new HttpError(400, 'bad_request', 'Assign the case to someone who handles cases at this school (board, director, supervisor or HR).', [{ path: '$.accountId', message: 'not a handler at this school' }]);
    }
    await tx.update(incidents).set({ assignedTo: accountId }).where(eq(incidents.id, row.id));
    await addEvent(tx, row.id, 'assigned', ctx, { accountId });
    return { fields: ['assigned_to'] };
  });
}

export async function setDeadline(db: AppDb, schoolId: string, incidentId: string, dueAt: Date, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.deadline', async (tx, row) => {
    await tx.update(incidents).set({ dueAt }).where(eq(incidents.id, row.id));
    await addEvent(tx, row.id, 'deadline_set', ctx, { dueAt: dueAt.toISOString() });
    return { fields: ['due_at'] };
  });
}

export async function addNote(db: AppDb, schoolId: string, incidentId: string, text: string, visibility: 'internal' | 'shareable', ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.note', async (tx, row) => {
    await addEvent(tx, row.id, 'note', ctx, { text }, visibility);
    return { fields: ['note'] };
  });
}

export async function addPerson(db: AppDb, schoolId: string, incidentId: string, personId: string, role: PersonRole, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.person_add', async (tx, row) => {
    if (!(await schoolPeople(tx, schoolId, [personId])).has(personId)) {
      throw new HttpError(400, 'bad_request', 'There is no such person on this school’s roster.', [{ path: '$.personId', message: 'not at this school' }]);
    }
    await tx.insert(incidentPeople).values({ incidentId: row.id, personId, role }).onConflictDoNothing();
    await addEvent(tx, row.id, 'person_added', ctx, { personId, role });
    return { fields: ['people'] };
  });
}

export async function setFlags(db: AppDb, schoolId: string, incidentId: string, flags: { plichtsverzuim?: boolean | undefined; verwijtbaarGedrag?: boolean | undefined; rationale: string }, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.flags', async (tx, row) => {
    const set = {
      ...(flags.plichtsverzuim !== undefined ? { plichtsverzuim: flags.plichtsverzuim } : {}),
      ...(flags.verwijtbaarGedrag !== undefined ? { verwijtbaarGedrag: flags.verwijtbaarGedrag } : {}),
    };
    if (!Object.keys(set).length) throw new HttpError(400, 'bad_request', 'Set plichtsverzuim (D.1) or verwijtbaarGedrag (D.4).', [{ path: '$', message: 'no flag given' }]);
    await tx.update(incidents).set(set).where(eq(incidents.id, row.id));
    await addEvent(tx, row.id, 'flags_set', ctx, { ...set, rationale: flags.rationale });
    // Filed with each subject: only the flag of their audience (D.1 employee, D.4 student or guardian).
    let filed = 0;
    const seen = new Set<string>();
    for (const s of await caseSubjects(tx, row.id)) {
      const employee = audienceOf(s.kind) === 'employee';
      const value = employee ? set.plichtsverzuim : set.verwijtbaarGedrag;
      if (value === undefined) continue;
      const title = employee ? `Plichtsverzuim (D.1): ${value ? 'vastgesteld' : 'niet vastgesteld'}` : `Verwijtbaar gedrag (D.4): ${value ? 'vastgesteld' : 'niet vastgesteld'}`;
      filed += await fileEntry(tx, row, s.personId, s.kind, { entryType: 'decision', title, body: flags.rationale }, ctx, seen);
    }
    return { fields: [...Object.keys(set).map((k) => (k === 'verwijtbaarGedrag' ? 'verwijtbaar_gedrag' : k)), ...(filed ? ['file_entries'] : [])] };
  });
}

/** The people in this case with the role subject, with their kind (none when no subject was added). */
async function caseSubjects(tx: DbOrTx, incidentId: string): Promise<{ personId: string; kind: PersonKind }[]> {
  return tx
    .select({ personId: incidentPeople.personId, kind: people.kind })
    .from(incidentPeople)
    .innerJoin(people, eq(people.id, incidentPeople.personId))
    .where(and(eq(incidentPeople.incidentId, incidentId), eq(incidentPeople.role, 'subject')))
    .orderBy(asc(incidentPeople.personId));
}

/**
 * The person's kind in this case, or a 400 when they are not in it. With `subject`: only when
 * they are in it as the subject (a measure or the D.2 qualification is never about a witness or
 * the one affected).
 */
async function personInCase(tx: DbOrTx, incidentId: string, personId: string, opts: { subject?: boolean } = {}): Promise<{ kind: PersonKind }> {
  const rows = isUuid(personId)
    ? await tx
        .select({ kind: people.kind, role: incidentPeople.role })
        .from(incidentPeople)
        .innerJoin(people, eq(people.id, incidentPeople.personId))
        .where(and(eq(incidentPeople.incidentId, incidentId), eq(incidentPeople.personId, personId)))
    : [];
  const path = '$.personId';
  if (!rows.length) throw new HttpError(400, 'bad_request', 'This person is not part of the case: add them first.', [{ path, message: 'not in this case' }]);
  if (opts.subject && !rows.some((r) => r.role === 'subject')) {
    const message = `in this case as ${rows.map((r) => r.role).join(', ')}, not as subject`;
    throw new HttpError(400, 'bad_request', 'A measure or a qualification is only about the subject of the case (the person whose behaviour it is about): add them as subject first.', [{ path, message }]);
  }
  return { kind: rows[0]!.kind };
}

/** The school's local date now and the local date the case was created (dates are the school's days). */
async function schoolDays(tx: DbOrTx, row: IncidentRow, ctx: Ctx): Promise<{ today: string; opened: string }> {
  const [s] = await tx.select({ tz: schools.timezone }).from(schools).where(eq(schools.id, row.schoolId));
  const tz = s?.tz ?? 'Europe/Amsterdam';
  return { today: localTime(ctx.now.getTime(), tz).date, opened: localTime(row.createdAt.getTime(), tz).date };
}

/**
 * Refuses a date in the future (the school's local date) and, with `opened`, a date before the
 * case was reported: a hearing or a measure cannot be backdated to before there was a case.
 */
function checkDate(value: string, path: string, days: { today: string; opened?: string | undefined }): void {
  if (value > days.today) throw new HttpError(400, 'bad_request', `The date ${value} is in the future: record what happened, on the day it happened.`, [{ path, message: `after today (${days.today})` }]);
  if (days.opened && value < days.opened) throw new HttpError(400, 'bad_request', `The date ${value} is before the case was reported (${days.opened}).`, [{ path, message: `before the case (${days.opened})` }]);
}

export async function recordStep(db: AppDb, schoolId: string, incidentId: string, step: { personId: string; kind: StepKind; on: string; note?: string | undefined }, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.step', async (tx, row) => {
    const person = await personInCase(tx, row.id, step.personId);
    checkDate(step.on, '$.on', await schoolDays(tx, row, ctx));
    await tx.insert(incidentSteps).values({ incidentId: row.id, personId: step.personId, kind: step.kind, on: step.on, note: step.note ?? null, recordedBy: ctx.accountId, createdAt: ctx.now });
    await addEvent(tx, row.id, 'step_recorded', ctx, { personId: step.personId, kind: step.kind, on: step.on });
    const body = `Vastgelegd: ${STEP_LABELS[step.kind].nl} op ${step.on}.${step.note?.trim() ? ` Toelichting: ${step.note.trim()}` : ''}`;
    const filed = await fileEntry(tx, row, step.personId, person.kind, { entryType: 'note', title: `Stap: ${STEP_LABELS[step.kind].nl} (${step.on})`, body }, ctx);
    return { fields: ['steps', ...(filed ? ['file_entries'] : [])] };
  });
}

/**
 * Files a decision of the case (D.1, D.4): an employee's in their personnel file, a student's in
 * their student file, a guardian's in the student file of each of their children at the school.
 * Answers how many entries were written.
 */
async function fileEntry(tx: DbOrTx, row: IncidentRow, personId: string, kind: PersonKind, entry: { entryType: string; title: string; body: string }, ctx: Ctx, seen?: Set<string>): Promise<number> {
  // With `seen` (one decision filed for several subjects): a file gets the entry once, also when
  // a student and their guardian are both subjects.
  const files = (await fileTargets(tx, row.schoolId, personId, kind)).filter((f) => !seen || (!seen.has(`${f.fileKind}:${f.personId}`) && seen.add(`${f.fileKind}:${f.personId}`)));
  return (await fileInto(tx, row.schoolId, files, { incidentId: row.id, ...entry, createdBy: ctx.accountId, now: ctx.now })).length;
}

export async function imposeMeasure(
  db: AppDb,
  schoolId: string,
  incidentId: string,
  input: { personId: string; kind: string; decidedOn?: string | undefined; removalOutcome?: RemovalOutcome | undefined; rationale: string; days: number | null },
  deciderRoles: ReadonlySet<Role>,
  ctx: Ctx,
): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.measure', async (tx, row) => {
    if (row.status !== 'investigating') throw new HttpError(409, 'wrong_status', 'A measure is decided while the case is under investigation.');
    const person = await personInCase(tx, row.id, input.personId, { subject: true });
    const days = await schoolDays(tx, row, ctx);
    const m = { ...input, decidedOn: input.decidedOn ?? days.today };
    checkDate(m.decidedOn, '$.decidedOn', days);
    // Steps count when they took place on or before the decision and were recorded before it
    // (a step recorded later cannot make an earlier measure lawful).
    const steps = await tx
      .select({ kind: incidentSteps.kind })
      .from(incidentSteps)
      .where(and(eq(incidentSteps.incidentId, row.id), eq(incidentSteps.personId, m.personId), sql`${incidentSteps.on} <= ${m.decidedOn}`, sql`${incidentSteps.createdAt} <= ${ctx.now.toISOString()}`));
    const refusal = checkMeasure({ person, kind: m.kind, days: m.days, deciderRoles, stepsOnRecord: new Set(steps.map((s) => s.kind as StepKind)), removalOutcome: m.removalOutcome });
    if (refusal) {
      const status = refusal.code === 'not_your_decision' ? 403 : refusal.code === 'precondition_failed' ? 409 : 400;
      const path = refusal.code === 'days_invalid' ? '$.days' : refusal.code === 'removal_outcome_required' ? '$.removalOutcome' : '$.kind';
      const issues = refusal.code === 'precondition_failed' ? refusal.missing.map((s) => ({ path: '$.kind', message: `missing step: ${s}` })) : [{ path, message: refusal.message }];
      throw new HttpError(status, refusal.code, refusal.message, issues);
    }
    const audience = audienceOf(person.kind);
    const [created] = await tx
      .insert(measures)
      .values({
        incidentId: row.id,
        personId: m.personId,
        audience,
        kind: m.kind,
        decidedBy: ctx.accountId!,
        decidedOn: m.decidedOn,
        rationale: m.rationale,
        days: m.kind === 'schorsing' ? m.days : null,
        removalOutcome: m.kind === 'verwijdering' ? (m.removalOutcome ?? null) : null,
        createdAt: ctx.now,
      })
      .returning({ id: measures.id });
    await addEvent(tx, row.id, 'measure_imposed', ctx, { measureId: created!.id, personId: m.personId, kind: m.kind, audience, decidedOn: m.decidedOn, ...(m.kind === 'verwijdering' && m.removalOutcome ? { removalOutcome: m.removalOutcome } : {}) });
    // After the decision the law asks the school to inform the Inspectie (WPO art. 40c for a
    // suspension of more than a day, art. 40 for a removal): a task that blocks closing.
    const task = inspectieTask(person, m.kind, m.days);
    const taskFields: string[] = [];
    if (task) {
      const [t] = await tx.insert(incidentTasks).values({ incidentId: row.id, kind: 'inspectie_melding', title: task.title, measureId: created!.id, createdAt: ctx.now }).returning({ id: incidentTasks.id });
      await addEvent(tx, row.id, 'task_created', ctx, { taskId: t!.id, kind: 'inspectie_melding', measureId: created!.id });
      taskFields.push('tasks');
    }
    const label = MEASURE_LABELS[audience][m.kind as keyof (typeof MEASURE_LABELS)[Audience]]?.nl ?? m.kind;
    const article = audience === 'employee' ? 'D.3' : 'D.5';
    const filed = await fileEntry(tx, row, m.personId, person.kind, { entryType: 'decision', title: `Maatregel (${article}): ${label}, ${m.decidedOn}${m.kind === 'schorsing' ? `, ${m.days} dag(en)` : ''}`, body: m.rationale }, ctx);
    return { fields: ['measures', ...(m.kind === 'verwijdering' ? ['measures.removal_outcome'] : []), ...taskFields, ...(filed ? ['file_entries'] : [])] };
  });
}

export async function qualify(db: AppDb, schoolId: string, incidentId: string, q: { personId: string; grensoverschrijdend: boolean; rationale: string }, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.qualify', async (tx, row) => {
    const person = await personInCase(tx, row.id, q.personId, { subject: true });
    if (audienceOf(person.kind) !== 'employee') throw new HttpError(400, 'bad_request', 'The qualification (D.2) is about an employee’s communication.', [{ path: '$.personId', message: 'not an employee' }]);
    await tx
      .update(incidents)
      .set({ qualifiedPersonId: q.personId, grensoverschrijdend: q.grensoverschrijdend, qualificationRationale: q.rationale, qualifiedAt: ctx.now, qualifiedBy: ctx.accountId })
      .where(eq(incidents.id, row.id));
    await addEvent(tx, row.id, 'qualified', ctx, { personId: q.personId, grensoverschrijdend: q.grensoverschrijdend, rationale: q.rationale });
    const fields = ['grensoverschrijdend', 'qualification_rationale', 'file_entries'];
    await fileEntry(tx, row, q.personId, person.kind, { entryType: 'decision', title: `Kwalificatie door het bevoegd gezag (D.2): ${q.grensoverschrijdend ? 'grensoverschrijdend' : 'niet grensoverschrijdend'}`, body: q.rationale }, ctx);
    if (!q.grensoverschrijdend) {
      // Taken back: an open phone-report task has no ground any more. It is cancelled (not
      // deleted), with an event that says why; a done task stays as it was (the call took place).
      const cancelled = await tx
        .update(incidentTasks)
        .set({ status: 'cancelled', closedAt: ctx.now, closedBy: ctx.accountId })
        .where(and(eq(incidentTasks.incidentId, row.id), eq(incidentTasks.kind, 'lvi_call'), eq(incidentTasks.status, 'open')))
        .returning({ id: incidentTasks.id });
      for (const t of cancelled) await addEvent(tx, row.id, 'task_cancelled', ctx, { taskId: t.id, kind: 'lvi_call', reason: 'requalified as not grensoverschrijdend (D.2)' });
      if (cancelled.length) fields.push('tasks.status');
    }
    if (q.grensoverschrijdend) {
      const [open] = await tx
        .select({ id: incidentTasks.id })
        .from(incidentTasks)
        .where(and(eq(incidentTasks.incidentId, row.id), eq(incidentTasks.kind, 'lvi_call'), eq(incidentTasks.status, 'open')));
      if (!open) {
        const [task] = await tx.insert(incidentTasks).values({ incidentId: row.id, kind: 'lvi_call', title: LVI_TASK_TITLE, createdAt: ctx.now }).returning({ id: incidentTasks.id });
        await addEvent(tx, row.id, 'task_created', ctx, { taskId: task!.id, kind: 'lvi_call' });
        fields.push('tasks');
      }
    }
    return { fields };
  });
}

const recordText = (max: number) => z.string().trim().min(1, 'required').max(max);
const callRecord = z.object({
  date: z.iso.date('a real date as YYYY-MM-DD'),
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time as HH:MM'),
  caller: recordText(200),
  reference: recordText(200),
  advice: recordText(5000),
});
const inspectieRecord = z.object({
  date: z.iso.date('a real date as YYYY-MM-DD'),
  reference: z.string().trim().max(200).optional(),
  note: z.string().trim().max(5000).optional(),
});
export type CallRecord = z.infer<typeof callRecord>;
export type InspectieRecord = z.infer<typeof inspectieRecord>;

/**
 * Closes a task with its record: the D.2 phone report with the call record `call` (date, time,
 * caller, reference, advice: 400 call_record_required), the Inspectie notice with `report` (the
 * date it was sent, optionally a reference and a note: 400 report_record_required).
 */
export async function closeTask(db: AppDb, schoolId: string, incidentId: string, taskId: string, body: { call?: unknown; report?: unknown }, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.task_close', async (tx, row) => {
    const [task] = isUuid(taskId)
      ? await tx
          .select()
          .from(incidentTasks)
          .where(and(eq(incidentTasks.id, taskId), eq(incidentTasks.incidentId, row.id)))
      : [];
    if (!task || task.status !== 'open') throw new HttpError(404, 'not_found', 'There is no open task with this id in this case.');
    const isCall = task.kind === 'lvi_call';
    const parsed = isCall ? callRecord.safeParse(body.call ?? {}) : inspectieRecord.safeParse(body.report ?? {});
    if (!parsed.success) {
      const key = isCall ? 'call' : 'report';
      const issues = parsed.error.issues.map((i) => ({ path: `$.${[key, ...i.path].join('.')}`, message: i.message }));
      throw isCall
        ? new HttpError(400, 'call_record_required', 'The task closes only with the call record: date, time, caller, reference and advice.', issues)
        : new HttpError(400, 'report_record_required', 'The task closes only with the date the Inspectie was informed (report.date).', issues);
    }
    const record = parsed.data;
    // Not in the future; the task exists only since the decision that made it, so no lower bound is needed here.
    checkDate(record.date, isCall ? '$.call.date' : '$.report.date', { today: (await schoolDays(tx, row, ctx)).today });
    await tx.update(incidentTasks).set({ status: 'done', call: record, closedAt: ctx.now, closedBy: ctx.accountId }).where(eq(incidentTasks.id, task.id));
    await addEvent(tx, row.id, 'task_closed', ctx, { taskId: task.id, kind: task.kind, [isCall ? 'call' : 'report']: record });
    // Filed with the person the task is about: the D.2 call with the qualified employee, the
    // Inspectie notice with the person of the measure that made the task.
    let about: { personId: string; kind: PersonKind } | undefined;
    let entry: { entryType: string; title: string; body: string };
    if (isCall) {
      const call = record as CallRecord;
      about = row.qualifiedPersonId ? { personId: row.qualifiedPersonId, kind: 'employee' } : undefined;
      entry = { entryType: 'call_record', title: 'Melding bij de Landelijke Vertrouwensinspecteur (D.2)', body: `Gebeld op ${call.date} om ${call.time} door ${call.caller}. Kenmerk: ${call.reference}. Advies: ${call.advice}` };
    } else {
      const report = record as InspectieRecord;
      [about] = task.measureId
        ? await tx.select({ personId: measures.personId, kind: people.kind }).from(measures).innerJoin(people, eq(people.id, measures.personId)).where(eq(measures.id, task.measureId))
        : [];
      entry = {
        entryType: 'note',
        title: `Melding bij de Inspectie van het Onderwijs (${report.date})`,
        body: [`Gemeld op ${report.date}.`, report.reference ? `Kenmerk: ${report.reference}.` : '', report.note ? `Toelichting: ${report.note}` : ''].filter(Boolean).join(' '),
      };
    }
    const filed = about ? await fileEntry(tx, row, about.personId, about.kind, entry, ctx) : 0;
    return { fields: ['tasks.status', 'tasks.call', ...(filed ? ['file_entries'] : [])] };
  });
}

export async function decidePolice(db: AppDb, schoolId: string, incidentId: string, d: { report: boolean; rationale: string; reportedOn?: string | undefined; policeReference?: string | undefined }, ctx: Ctx): Promise<void> {
  await change(db, schoolId, incidentId, ctx, 'incident.police_decision', async (tx, row) => {
    if (d.report && (!d.reportedOn || !d.policeReference?.trim())) {
      const issues = [...(d.reportedOn ? [] : [{ path: '$.reportedOn', message: 'required when reporting to the police' }]), ...(d.policeReference?.trim() ? [] : [{ path: '$.policeReference', message: 'required when reporting to the police' }])];
      throw new HttpError(400, 'police_details_required', 'A report to the police needs its date and the police reference (D.6).', issues);
    }
    // Not in the future (a police report may predate the case: someone may have gone to the police first).
    if (d.report) checkDate(d.reportedOn!, '$.reportedOn', { today: (await schoolDays(tx, row, ctx)).today });
    await tx
      .update(incidents)
      .set({ policeReport: d.report, policeRationale: d.rationale, policeReportedOn: d.report ? d.reportedOn! : null, policeReference: d.report ? d.policeReference!.trim() : null, policeDecidedAt: ctx.now, policeDecidedBy: ctx.accountId })
      .where(eq(incidents.id, row.id));
    await addEvent(tx, row.id, 'police_decision', ctx, { report: d.report, rationale: d.rationale, ...(d.report ? { reportedOn: d.reportedOn, policeReference: d.policeReference } : {}) });
    // Filed with each subject of the case (none: nothing is filed).
    const entry = {
      entryType: 'decision',
      title: d.report ? `Besluit politie (D.6): aangifte gedaan op ${d.reportedOn}` : 'Besluit politie (D.6): geen aangifte',
      body: d.report ? `${d.rationale} Kenmerk politie: ${d.policeReference!.trim()}.` : d.rationale,
    };
    let filed = 0;
    const seen = new Set<string>();
    for (const s of await caseSubjects(tx, row.id)) filed += await fileEntry(tx, row, s.personId, s.kind, entry, ctx, seen);
    return { fields: ['police_report', 'police_rationale', ...(d.report ? ['police_reported_on', 'police_reference'] : []), ...(filed ? ['file_entries'] : [])] };
  });
}

// ---- Reading -----------------------------------------------------------------------------

export async function findIncident(db: DbOrTx, schoolId: string, incidentId: string): Promise<IncidentRow | null> {
  if (!isUuid(incidentId)) return null;
  const [row] = await db
    .select()
    .from(incidents)
    .where(and(eq(incidents.id, incidentId), eq(incidents.schoolId, schoolId)));
  return row ?? null;
}

/** The list shows at most this many cases (open ones first); filter by status to see others. */
export const LIST_LIMIT = 200;

const LIST_COLUMNS = {
  id: incidents.id,
  status: incidents.status,
  category: incidents.category,
  articles: incidents.articles,
  summary: incidents.summary,
  assignedTo: incidents.assignedTo,
  assignedName: accounts.displayName,
  dueAt: incidents.dueAt,
  createdAt: incidents.createdAt,
  updatedAt: incidents.updatedAt,
  source: incidents.source,
  policeDecisionRequired: incidents.policeDecisionRequired,
};

/** The list query for one combination of filters, prepared once (docs/incidents.md#load). */
function listQuery(db: AppDb, byStatus: boolean, byAssignee: boolean) {
  return (
    db
      .select(LIST_COLUMNS)
      .from(incidents)
      .leftJoin(accounts, eq(accounts.id, incidents.assignedTo))
      .where(
        and(
          eq(incidents.schoolId, sql.placeholder('schoolId')),
          byStatus ? eq(incidents.status, sql.placeholder('status')) : undefined,
          byAssignee ? eq(incidents.assignedTo, sql.placeholder('assignedTo')) : undefined,
        ),
      )
      // With a status, the index on (school, status, due_at) gives the order; without, open cases first.
      .orderBy(...(byStatus ? [] : [sql`(${incidents.status} = 'closed')`]), asc(incidents.dueAt), desc(incidents.createdAt))
      .limit(LIST_LIMIT)
      .prepare(`incidents_list_${Number(byStatus)}${Number(byAssignee)}`)
  );
}

export async function listIncidents(db: AppDb, schoolId: string, q: { status?: IncidentStatus | undefined; assignedTo?: string | undefined }) {
  const lists = hot(db).lists;
  const key = `${Number(!!q.status)}${Number(!!q.assignedTo)}`;
  let query = lists.get(key);
  if (!query) lists.set(key, (query = listQuery(db, !!q.status, !!q.assignedTo)));
  return query.execute({ schoolId, status: q.status, assignedTo: q.assignedTo });
}

/** The hot reads, built once per database (a prepared statement: no query building per request). */
const prepared = new WeakMap<AppDb, ReturnType<typeof prepare>>();
function prepare(db: AppDb) {
  return {
    lists: new Map<string, ReturnType<typeof listQuery>>(),
    caseView: caseQuery(db),
    mine: db
      .select({ id: incidents.id, status: incidents.status, category: incidents.category, createdAt: incidents.createdAt, updatedAt: incidents.updatedAt })
      .from(incidents)
      .where(and(eq(incidents.schoolId, sql.placeholder('schoolId')), eq(incidents.reporterAccountId, sql.placeholder('accountId'))))
      .orderBy(desc(incidents.createdAt))
      .limit(200)
      .prepare('incidents_mine'),
    reporterView: db
      .select({
        id: incidents.id,
        status: incidents.status,
        category: incidents.category,
        createdAt: incidents.createdAt,
        updatedAt: incidents.updatedAt,
        closedAt: incidents.closedAt,
        reporterAccountId: incidents.reporterAccountId,
        event: { type: incidentEvents.type, createdAt: incidentEvents.createdAt, payload: incidentEvents.payload },
      })
      .from(incidents)
      .leftJoin(incidentEvents, and(eq(incidentEvents.incidentId, incidents.id), eq(incidentEvents.visibility, 'shareable')))
      .where(and(eq(incidents.id, sql.placeholder('incidentId')), eq(incidents.schoolId, sql.placeholder('schoolId'))))
      .orderBy(asc(incidentEvents.id))
      .prepare('incidents_reporter_view'),
  };
}
const hot = (db: AppDb) => {
  let p = prepared.get(db);
  if (!p) prepared.set(db, (p = prepare(db)));
  return p;
};

export async function myIncidents(db: AppDb, schoolId: string, accountId: string) {
  return hot(db).mine.execute({ schoolId, accountId });
}

export async function searchPeople(db: AppDb, schoolId: string, q: string) {
  const like = containsPattern(q);
  const rows = await db
    .select({ id: people.id, kind: people.kind, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, group: groups.code })
    .from(people)
    .leftJoin(groups, eq(groups.id, people.groupId))
    .where(and(eq(people.schoolId, schoolId), eq(people.active, true), sql`(${people.givenName} || ' ' || coalesce(${people.prefix} || ' ', '') || ${people.familyName}) ilike ${like}`))
    .orderBy(asc(people.familyName), asc(people.givenName))
    .limit(20);
  return rows.map((r) => ({ id: r.id, name: nameOf(r), kind: r.kind, group: r.group }));
}

type ReporterRow = Pick<IncidentRow, 'id' | 'status' | 'category' | 'createdAt' | 'updatedAt' | 'closedAt'>;
type SharedEvent = { type: string; createdAt: Date; payload: unknown };

/** What the reporter may see: status, status changes and shareable notes; nothing confidential. */
export async function reporterView(db: DbOrTx, row: ReporterRow) {
  const events = await db
    .select({ type: incidentEvents.type, createdAt: incidentEvents.createdAt, payload: incidentEvents.payload })
    .from(incidentEvents)
    .where(and(eq(incidentEvents.incidentId, row.id), eq(incidentEvents.visibility, 'shareable')))
    .orderBy(asc(incidentEvents.id));
  return shapeReporterView(row, events);
}

/**
 * A case for the reporter's view in one query: the case (with its reporter, for the access check)
 * and its shareable events. Null when the school has no such case.
 */
export async function findReporterView(db: AppDb, schoolId: string, incidentId: string) {
  if (!isUuid(incidentId)) return null;
  const rows = await hot(db).reporterView.execute({ incidentId, schoolId });
  const first = rows[0];
  if (!first) return null;
  const events = rows.flatMap((r) => (r.event ? [r.event] : []));
  return { reporterAccountId: first.reporterAccountId, view: () => shapeReporterView(first, events) };
}

function shapeReporterView(row: ReporterRow, events: SharedEvent[]) {
  const shown = events.flatMap((e) => {
    const p = e.payload as Record<string, unknown>;
    if (e.type === 'status_changed') return [{ type: 'status_changed', at: e.createdAt.toISOString(), from: p.from as string, to: p.to as string }];
    if (e.type === 'note') return [{ type: 'note', at: e.createdAt.toISOString(), text: p.text as string }];
    if (e.type === 'reported') return [{ type: 'reported', at: e.createdAt.toISOString() }];
    return [];
  });
  // The outcome: the shareable notes written since the case was last decided or closed (the first
  // of those after the last reopening), newest first.
  let since = -1;
  shown.forEach((e, i) => {
    const to = (e as { to?: string }).to;
    const from = (e as { from?: string }).from;
    if (e.type !== 'status_changed') return;
    if (from === 'closed') since = -1;
    else if ((to === 'decided' || to === 'closed') && since < 0) since = i;
  });
  const decidedAt = since >= 0 ? shown[since]!.at : undefined;
  const outcome = decidedAt
    ? shown
        .filter((e): e is { type: 'note'; at: string; text: string } => e.type === 'note' && e.at >= decidedAt)
        .map((e) => e.text)
        .reverse()
        .join('\n\n') || null
    : null;
  return {
    id: row.id,
    status: row.status,
    category: row.category,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    outcome,
    events: shown,
  };
}

export async function findByReceipt(db: AppDb, receipt: string): Promise<IncidentRow | null> {
  const [row] = await db.select().from(incidents).where(eq(incidents.receiptHash, hashReceipt(receipt)));
  return row ?? null;
}

const labelOf = (audience: Audience, kind: string) => MEASURE_LABELS[audience][kind as keyof (typeof MEASURE_LABELS)[Audience]] ?? { nl: kind, en: kind };

/**
 * A case and everything of it in one prepared query (one round trip, one pooled connection): the
 * case row, and each part as a JSON array from a subquery on the same row. Subjects' history
 * counts only cases reported before this one.
 */
function caseQuery(db: AppDb) {
  // The outer row is named in full (incidents.…): Drizzle writes a lone table's columns unqualified,
  // and inside a subquery a bare "id" would be the inner table's.
  const involvedIds = sql`(select ip2.person_id from incident_people ip2 where ip2.incident_id = incidents.id)`;
  return db
    .select({
      row: incidents,
      involved: sql`(select coalesce(json_agg(json_build_object('personId', ip.person_id, 'role', ip.role, 'kind', p.kind, 'givenName', p.given_name, 'prefix', p.prefix, 'familyName', p.family_name) order by p.family_name), '[]')
         from incident_people ip join people p on p.id = ip.person_id where ip.incident_id = incidents.id)`,
      steps: sql`(select coalesce(json_agg(json_build_object('id', s.id, 'personId', s.person_id, 'kind', s.kind, 'on', s.on, 'note', s.note, 'createdAt', s.created_at) order by s.on, s.created_at), '[]')
         from incident_steps s where s.incident_id = incidents.id)`,
      measures: sql`(select coalesce(json_agg(json_build_object('id', m.id, 'personId', m.person_id, 'audience', m.audience, 'kind', m.kind, 'days', m.days, 'removalOutcome', m.removal_outcome, 'decidedBy', m.decided_by, 'decidedOn', m.decided_on, 'rationale', m.rationale) order by m.created_at), '[]')
         from measures m where m.incident_id = incidents.id)`,
      tasks: sql`(select coalesce(json_agg(json_build_object('id', t.id, 'kind', t.kind, 'title', t.title, 'status', t.status, 'call', t.call, 'measureId', t.measure_id, 'createdAt', t.created_at, 'closedAt', t.closed_at) order by t.created_at), '[]')
         from incident_tasks t where t.incident_id = incidents.id)`,
      events: sql`(select coalesce(json_agg(json_build_object('id', e.id, 'type', e.type, 'createdAt', e.created_at, 'actorId', e.actor_id, 'visibility', e.visibility, 'payload', e.payload) order by e.id), '[]')
         from incident_events e where e.incident_id = incidents.id)`,
      names: sql`(select coalesce(json_agg(json_build_object('id', a.id, 'name', a.display_name)), '[]')
         from accounts a where a.id = incidents.assigned_to or a.id = incidents.reporter_account_id)`,
      earlier: sql`(select coalesce(json_agg(json_build_object('personId', ip.person_id, 'id', i.id, 'status', i.status, 'category', i.category, 'createdAt', i.created_at) order by i.created_at desc), '[]')
         from incident_people ip join incidents i on i.id = ip.incident_id
        where ip.person_id in ${involvedIds} and ip.role = 'subject' and i.id <> incidents.id and i.created_at < incidents.created_at)`,
      earlierMeasures: sql`(select coalesce(json_agg(json_build_object('personId', m.person_id, 'kind', m.kind, 'decidedOn', m.decided_on, 'incidentId', m.incident_id) order by m.decided_on desc), '[]')
         from measures m join incidents i on i.id = m.incident_id
        where m.person_id in ${involvedIds} and m.incident_id <> incidents.id and i.created_at < incidents.created_at)`,
    })
    .from(incidents)
    .where(and(eq(incidents.id, sql.placeholder('incidentId')), eq(incidents.schoolId, sql.placeholder('schoolId'))))
    .prepare('incidents_case_view');
}

/** The whole case for those who handle it, with each subject's history and a measure proposal; null when the school has no such case. */
export async function caseView(db: AppDb, schoolId: string, incidentId: string) {
  if (!isUuid(incidentId)) return null;
  const [found] = await hot(db).caseView.execute({ incidentId, schoolId });
  if (!found) return null;
  const { row, ...parts } = found;
  const id = row.id;
  // PGlite and node-postgres both parse json columns; a driver that does not gives text.
  const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
  const at = (v: string) => new Date(v);
  const involved = json<{ personId: string; role: string; kind: PersonKind; givenName: string; prefix: string | null; familyName: string }[]>(parts.involved);
  const steps = json<{ id: string; personId: string; kind: string; on: string; note: string | null; createdAt: string }[]>(parts.steps).map((x) => ({ ...x, createdAt: at(x.createdAt) }));
  const ms = json<{ id: string; personId: string; audience: Audience; kind: string; days: number | null; removalOutcome: string | null; decidedBy: string; decidedOn: string; rationale: string }[]>(parts.measures);
  const tasks = json<{ id: string; kind: string; title: string; status: string; call: unknown; measureId: string | null; createdAt: string; closedAt: string | null }[]>(parts.tasks).map((x) => ({
    ...x,
    createdAt: at(x.createdAt),
    closedAt: x.closedAt ? at(x.closedAt) : null,
  }));
  const events = json<{ id: number; type: string; createdAt: string; actorId: string | null; visibility: string; payload: unknown }[]>(parts.events).map((x) => ({ ...x, createdAt: at(x.createdAt) }));
  const names = json<{ id: string; name: string }[]>(parts.names);
  const earlier = json<{ personId: string; id: string; status: string; category: string; createdAt: string }[]>(parts.earlier).map((x) => ({ ...x, createdAt: at(x.createdAt) }));
  const earlierMeasures = json<{ personId: string; kind: string; decidedOn: string; incidentId: string }[]>(parts.earlierMeasures);
  const accountName = new Map(names.map((n) => [n.id, n.name]));
  const facts = { policeDecisionPending: row.policeDecisionRequired && row.policeReport === null, openTasks: tasks.filter((t) => t.status === 'open').length };
  return {
    id,
    schoolId: row.schoolId,
    status: row.status,
    category: row.category,
    articles: row.articles,
    text: row.description,
    link: row.link,
    source: row.source,
    anonymous: row.anonymous,
    reporter: row.reporterAccountId
      ? { accountId: row.reporterAccountId, name: accountName.get(row.reporterAccountId) ?? null }
      : row.reporterName || row.reporterContact
        ? { name: row.reporterName, contact: row.reporterContact }
        : null,
    assignedTo: row.assignedTo,
    assignedName: row.assignedTo ? (accountName.get(row.assignedTo) ?? null) : null,
    dueAt: row.dueAt?.toISOString() ?? null,
    flags: { plichtsverzuim: row.plichtsverzuim, verwijtbaarGedrag: row.verwijtbaarGedrag },
    policeDecisionRequired: row.policeDecisionRequired,
    police:
      row.policeReport === null
        ? null
        : { report: row.policeReport, rationale: row.policeRationale, reportedOn: row.policeReportedOn, policeReference: row.policeReference, decidedAt: row.policeDecidedAt?.toISOString() ?? null },
    qualification:
      row.grensoverschrijdend === null
        ? null
        : { personId: row.qualifiedPersonId, grensoverschrijdend: row.grensoverschrijdend, rationale: row.qualificationRationale, decidedAt: row.qualifiedAt?.toISOString() ?? null },
    allowedEvents: allowedEvents(row.status, facts),
    people: involved.map((p) => {
      const audience = audienceOf(p.kind);
      const before = earlierMeasures.filter((m) => m.personId === p.personId);
      const proposal = p.role === 'subject' ? proposeMeasure(audience, before.map((m) => m.kind)) : null;
      return {
        personId: p.personId,
        name: nameOf(p),
        kind: p.kind,
        audience,
        role: p.role,
        earlierIncidents: earlier.filter((e) => e.personId === p.personId).map((e) => ({ id: e.id, status: e.status, category: e.category, createdAt: e.createdAt.toISOString() })),
        earlierMeasures: before.map((m) => ({ kind: m.kind, decidedOn: m.decidedOn, incidentId: m.incidentId })),
        proposal: proposal ? { kind: proposal.kind, label: labelOf(audience, proposal.kind), reason: proposal.reason } : null,
      };
    }),
    steps: steps.map((s) => ({ id: s.id, personId: s.personId, kind: s.kind, on: s.on, note: s.note, recordedAt: s.createdAt.toISOString() })),
    measures: ms.map((m) => ({ id: m.id, personId: m.personId, audience: m.audience, kind: m.kind, label: labelOf(m.audience, m.kind), days: m.days, removalOutcome: m.removalOutcome, decidedBy: m.decidedBy, decidedOn: m.decidedOn, rationale: m.rationale })),
    tasks: tasks.map((t) => ({ id: t.id, kind: t.kind, title: t.title, phone: t.kind === 'lvi_call' ? LVI_PHONE : null, status: t.status, call: t.call ?? null, measureId: t.measureId, createdAt: t.createdAt.toISOString(), closedAt: t.closedAt?.toISOString() ?? null })),
    events: events.map((e) => ({ id: e.id, type: e.type, at: e.createdAt.toISOString(), actorId: e.actorId, visibility: e.visibility, payload: e.payload })),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
  };
}
