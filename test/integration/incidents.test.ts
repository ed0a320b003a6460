// Incidents through the HTTP API (docs/incidents.md): report → triage → investigate → hearing →
// measure → decided → closed with the event log and the status row in step; object-level checks
// (another school's case, someone else's report); D.2's task and its call record; D.6's details;
// the category that never takes images; the public form's spam protection, rate limit and
// receipt; bad input; and a failing step that writes nothing.
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { accounts, auditEvents, fileEntries, incidentEvents, incidents, measures, outbox } from '../../src/db/schema/index.ts';
import { INCIDENT_HANDLERS, INCIDENT_READERS, ROLES } from '../../src/policies/index.ts';
import { verifyAudit } from '../../src/modules/audit/chain.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-11-26T10:00:00Z');
let schoolId: string;
let otherSchoolId: string;
let ids: Map<string, { id: string }>;
const as: Record<string, Record<string, string>> = {};
const accountIds: Record<string, string> = {};

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99IN', name: 'De Regenboog' })).school.id;
  otherSchoolId = (await buildSchool(database.db, { brin: '99IO', name: 'De Vlinder' })).school.id;
  ids = await buildPeople(database.db, schoolId, [
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '7' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'sara', kind: 'student', givenName: 'Sara', familyName: 'Bakker', group: '7' },
  ]);
  await linkGuardian(database.db, ids.get('emre')!.id, ids.get('sara')!.id);
  const other = await buildPeople(database.db, otherSchoolId, [{ externalId: 'x', kind: 'employee', givenName: 'Xander', familyName: 'Elders' }]);
  const account = async (name: string, role: Parameters<typeof makeAccount>[1][number]['role'], person?: string, school = schoolId) => {
    const a = await makeAccount(database.db, [{ schoolId: school, role, personId: person ? ids.get(person)!.id : null }], { name });
    accountIds[name] = a.id;
    as[name] = await tokenHeaders(database.db, a.id);
  };
  await account('board', 'board');
  await account('director', 'director');
  await account('supervisor', 'supervisor');
  await account('adviser', 'confidential_adviser');
  await account('emre', 'guardian', 'emre');
  await account('lotte', 'student', 'lotte');
  await account('karim', 'employee', 'karim');
  await account('otherDirector', 'director', undefined, otherSchoolId);
  ids.set('xander', other.get('x')!);
  app = await buildApp({ database, now: () => clock });
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const id = (name: string) => ids.get(name)!.id;
const fileOf = async (person: string, incidentId: string) =>
  (await database.db.select().from(fileEntries).where(eq(fileEntries.incidentId, incidentId))).filter((f) => f.personId === id(person))
    .map((f) => ({ kind: f.fileKind, type: f.entryType, title: f.title }))
    .sort((a, b) => a.title.localeCompare(b.title));
const base = () => `/api/v1/schools/${schoolId}/incidents`;
const post = (who: string, url: string, payload: unknown, remoteAddress?: string) => app.inject({ method: 'POST', url, headers: as[who] ?? {}, payload: payload as Record<string, unknown>, ...(remoteAddress ? { remoteAddress } : {}) });
const get = (who: string | null, url: string, remoteAddress?: string) => app.inject({ method: 'GET', url, headers: who ? as[who]! : {}, ...(remoteAddress ? { remoteAddress } : {}) });
const step = (who: string, incidentId: string, path: string, payload: unknown) => post(who, `${base()}/${incidentId}/${path}`, payload);
const move = (who: string, incidentId: string, event: string, reason?: string) => step(who, incidentId, 'transitions', { event, ...(reason ? { reason } : {}) });

async function report(who = 'emre', over: Record<string, unknown> = {}): Promise<string> {
  const r = await post(who, base(), { category: 'bullying', text: 'Meester Karim schreef onder een foto dat Lotte een sukkel is.', link: 'https://social.example/p/1', ...over });
  expect(r.statusCode, r.body).toBe(201);
  return r.json().id as string;
}

/** The status row and the log agree: the last status_changed event names the current status. */
async function consistent(incidentId: string): Promise<void> {
  const [row] = await database.db.select().from(incidents).where(eq(incidents.id, incidentId));
  const events = await database.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId)).orderBy(incidentEvents.id);
  const last = events.filter((e) => e.type === 'status_changed').at(-1);
  expect(row!.status).toBe(last ? (last.payload as { to: string }).to : 'reported');
  expect(events[0]!.type).toBe('reported');
}

describe(`incidents (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('takes a case from report to closed, with the log and the status row in step and the reporter seeing only the outcome', async () => {
    const r = await post('emre', base(), { category: 'bullying', text: 'Meester Karim schreef onder een foto dat Lotte een sukkel is.', link: 'https://social.example/p/1' });
    expect(r.statusCode, r.body).toBe(201);
    const created = r.json();
    expect(created.status).toBe('reported');
    expect(created).not.toHaveProperty('suggestedArticles');
    const incidentId = created.id as string;
    expect((await get('director', `${base()}/${incidentId}`)).json().articles[0]).toBe('A.7');

    expect((await move('director', incidentId, 'triage')).statusCode).toBe(200);
    expect((await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' })).statusCode).toBe(200);
    expect((await step('director', incidentId, 'people', { personId: id('lotte'), role: 'affected' })).statusCode).toBe(200);
    expect((await step('director', incidentId, 'assignment', { accountId: accountIds.director })).json().assignedName).toBe('director');
    expect((await move('director', incidentId, 'investigate')).json().status).toBe('investigating');

    // No measure for an employee before the hearing.
    const early = await step('director', incidentId, 'measures', { personId: id('karim'), kind: 'waarschuwing', rationale: 'Kwetsende reactie over een leerling.' });
    expect(early.statusCode).toBe(409);
    expect(early.json().error).toBe('precondition_failed');
    expect(early.json().issues).toEqual([{ path: '$.kind', message: 'missing step: hearing' }]);

    expect((await step('director', incidentId, 'steps', { personId: id('karim'), kind: 'hearing', on: '2026-11-26', note: 'Karim erkent de reactie.' })).statusCode).toBe(200);
    expect((await step('director', incidentId, 'flags', { plichtsverzuim: true, rationale: 'Mogelijk plichtsverzuim (D.1).' })).json().flags).toEqual({ plichtsverzuim: true, verwijtbaarGedrag: false });
    const measure = await step('director', incidentId, 'measures', { personId: id('karim'), kind: 'waarschuwing', rationale: 'Kwetsende reactie over een leerling.' });
    expect(measure.statusCode, measure.body).toBe(201);
    expect(measure.json().measures).toMatchObject([{ kind: 'waarschuwing', audience: 'employee', decidedOn: '2026-11-26', label: { en: 'warning' } }]);
    // D.1: the hearing, the flag and the decision are filed in the employee's personnel file.
    expect(await fileOf('karim', incidentId)).toEqual([
      { kind: 'personnel', type: 'decision', title: 'Maatregel (D.3): waarschuwing, 2026-11-26' },
      { kind: 'personnel', type: 'decision', title: 'Plichtsverzuim (D.1): vastgesteld' },
      { kind: 'personnel', type: 'note', title: 'Stap: gehoord (hoor en wederhoor) (2026-11-26)' },
    ]);

    clock += 60_000;
    expect((await move('director', incidentId, 'decide')).json().status).toBe('decided');
    await step('director', incidentId, 'notes', { text: 'Intern: brief naar personeelsdossier.', visibility: 'internal' });
    await step('director', incidentId, 'notes', { text: 'De school heeft maatregelen genomen. Dank voor uw melding.', visibility: 'shareable' });
    // The reporter hears by e-mail that there is an outcome, without any detail of the case.
    const [emre] = await database.db.select({ email: accounts.email }).from(accounts).where(eq(accounts.id, accountIds.emre!));
    const mails = (await database.db.select().from(outbox)).map((o) => o.payload as { template: string; to: string; text: string }).filter((m) => m.template === 'incident_update');
    expect(mails.map((m) => m.to)).toEqual([emre!.email]);
    expect(mails[0]!.text).toContain('/mijn-meldingen');
    for (const secret of ['Karim', 'sukkel', 'waarschuwing']) expect(mails[0]!.text).not.toContain(secret);
    const closed = await move('director', incidentId, 'close');
    expect(closed.json().status).toBe('closed');
    expect(closed.json().closedAt).not.toBeNull();
    expect(closed.json().allowedEvents).toEqual(['reopen']);
    await consistent(incidentId);

    const events = closed.json().events.map((e: { type: string }) => e.type);
    expect(events).toEqual(['reported', 'status_changed', 'person_added', 'person_added', 'assigned', 'status_changed', 'step_recorded', 'flags_set', 'measure_imposed', 'status_changed', 'note', 'note', 'status_changed']);

    // The reporter sees the outcome and the status changes, never people, measures or internal notes.
    const view = await get('emre', `${base()}/${incidentId}/reporter-view`);
    expect(view.statusCode).toBe(200);
    expect(view.json().outcome).toBe('De school heeft maatregelen genomen. Dank voor uw melding.');
    expect(view.json().status).toBe('closed');
    const seen = JSON.stringify(view.json());
    for (const secret of ['Intern', 'waarschuwing', id('karim'), 'Karim erkent', 'plichtsverzuim']) expect(seen).not.toContain(secret);
    expect((await get('emre', `${base()}/mine`)).json().incidents.map((i: { id: string }) => i.id)).toContain(incidentId);

    // Every write is in the audit trail, without content.
    const audited = await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, incidentId));
    expect(audited.map((a) => a.action)).toContain('incident.measure');
    expect(JSON.stringify(audited)).not.toContain('sukkel');

    // A closed case takes no notes until it is reopened with a reason.
    expect((await step('director', incidentId, 'notes', { text: 'x', visibility: 'internal' })).json().error).toBe('wrong_status');
    expect((await move('director', incidentId, 'reopen')).json().error).toBe('reason_required');
    expect((await move('director', incidentId, 'reopen', 'Nieuwe berichten gevonden.')).json().status).toBe('investigating');
    await consistent(incidentId);
    // Reopened, the earlier outcome no longer stands for the reporter.
    expect((await get('emre', `${base()}/${incidentId}/reporter-view`)).json()).toMatchObject({ status: 'investigating', outcome: null });

    // The next case about Karim shows this one and proposes the next rung.
    const next = await report('emre');
    await step('director', next, 'people', { personId: id('karim'), role: 'subject' });
    const view2 = (await get('director', `${base()}/${next}`)).json();
    const karim = view2.people.find((p: { personId: string }) => p.personId === id('karim'));
    expect(karim.earlierIncidents.map((e: { id: string }) => e.id)).toEqual([incidentId]);
    expect(karim.earlierMeasures).toMatchObject([{ kind: 'waarschuwing', incidentId }]);
    expect(karim.proposal.kind).toBe('berisping');
    expect(karim.earlierIncidents[0].createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

    // The handler's view of the first case: every part, times as ISO instants, in order.
    const full = (await get('director', `${base()}/${incidentId}`)).json();
    const iso = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/;
    expect(full.events.length).toBeGreaterThan(5);
    expect(full.events.map((e: { id: number }) => e.id)).toEqual([...full.events.map((e: { id: number }) => e.id)].sort((a, b) => a - b));
    for (const e of full.events) expect(e.at).toMatch(iso);
    expect(full.steps).toEqual([expect.objectContaining({ personId: id('karim'), kind: 'hearing', on: expect.stringMatching(/^\d{4}-\d\d-\d\d$/), recordedAt: expect.stringMatching(iso) })]);
    expect(full.measures).toEqual([expect.objectContaining({ personId: id('karim'), kind: 'waarschuwing', label: expect.objectContaining({ nl: expect.any(String) }), decidedOn: expect.stringMatching(/^\d{4}-\d\d-\d\d$/) })]);
    expect(full.people.map((p: { personId: string }) => p.personId)).toContain(id('karim'));
  });

  it('suggests the articles the check engine finds in the reported text, and stores them on the case', async () => {
    const r = await post('director', base(), { category: 'threat', text: 'Iemand schreef dat Lotte Peters op Kerkstraat 12 woont en dat hij haar gaat afmaken.' });
    expect(r.statusCode, r.body).toBe(201);
    const articles = r.json().suggestedArticles as string[];
    expect(articles[0]).toBe('A.7');
    expect(articles).toContain('A.2');
    expect(new Set(articles).size).toBe(articles.length);
    expect((await get('director', `${base()}/${r.json().id}`)).json().articles).toEqual(articles);
  });

  it('does not tell reporters who are not staff which articles apply (that would probe the roster)', async () => {
    const named = await post('karim', base(), { category: 'bullying', text: 'Iemand noemt Lotte Peters online een sukkel.' });
    const madeUp = await post('karim', base(), { category: 'bullying', text: 'Iemand noemt Wubbo Zandstra online een sukkel.' });
    expect([named.statusCode, madeUp.statusCode]).toEqual([201, 201]);
    const strip = (b: Record<string, unknown>) => ({ ...b, id: 'x', createdAt: 'x' });
    expect(named.json()).not.toHaveProperty('suggestedArticles');
    expect(strip(named.json())).toEqual(strip(madeUp.json()));
    // Stored all the same: the handlers see them in the case view.
    expect((await get('director', `${base()}/${named.json().id}`)).json().articles).toContain('A.2');
    expect((await get('director', `${base()}/${madeUp.json().id}`)).json().articles).not.toContain('A.2');
  });

  it('refuses steps the state machine does not allow, with its code', async () => {
    const incidentId = await report();
    const r = await move('director', incidentId, 'decide');
    expect(r.statusCode).toBe(409);
    expect(r.json().error).toBe('transition_not_allowed');
    expect((await move('director', incidentId, 'dismiss')).json().error).toBe('reason_required');
    // An outcome goes only with a decision; refused, the step writes nothing.
    const early = await step('director', incidentId, 'transitions', { event: 'triage', outcome: 'Klaar.' });
    expect(early.statusCode).toBe(400);
    expect((await get('director', `${base()}/${incidentId}`)).json()).toMatchObject({ status: 'reported', events: [{ type: 'reported' }] });
    const dismissed = await step('director', incidentId, 'transitions', { event: 'dismiss', reason: 'Geen schending van het protocol.', outcome: 'We hebben gekeken en zien geen reden om in te grijpen.' });
    expect(dismissed.json().status).toBe('closed');
    await consistent(incidentId);
    const seen = (await get('emre', `${base()}/${incidentId}/reporter-view`)).json();
    expect(seen.outcome).toBe('We hebben gekeken en zien geen reden om in te grijpen.');
    expect(JSON.stringify(seen)).not.toContain('Geen schending');
  });

  it('takes many reports at once at one school, each with its case, event and audit link', async () => {
    const before = (await database.db.select({ n: sql<number>`count(*)::int` }).from(incidents))[0]!.n;
    const answers = await Promise.all(Array.from({ length: 24 }, (_, i) => post(i % 2 ? 'emre' : 'lotte', base(), { category: 'other', text: `Melding ${i}` })));
    expect(answers.map((a) => a.statusCode)).toEqual(Array(24).fill(201));
    expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(incidents))[0]!.n).toBe(before + 24);
    const report = await verifyAudit(database.db, { schoolId });
    expect(report.broken).toEqual([]);
  });

  it('limits signed-in reports per account', async () => {
    const a = await makeAccount(database.db, [{ schoolId, role: 'student', personId: null }]);
    const h = await tokenHeaders(database.db, a.id);
    const codes: number[] = [];
    for (let i = 0; i < 61; i++) codes.push((await app.inject({ method: 'POST', url: base(), headers: h, payload: { category: 'other', text: `Nummer ${i}` } })).statusCode);
    expect(codes.filter((c) => c === 201)).toHaveLength(60);
    expect(codes.at(-1)).toBe(429);
    // Another account is not affected.
    expect((await post('karim', base(), { category: 'other', text: 'Nog een melding' })).statusCode).toBe(201);
  });

  it('keeps the event log append-only', async () => {
    const incidentId = await report();
    await expect(database.query(`update incident_events set type = 'changed' where incident_id = $1`, [incidentId])).rejects.toThrow(/append-only: UPDATE/);
    await expect(database.query(`delete from incident_events where incident_id = $1`, [incidentId])).rejects.toThrow(/append-only: DELETE/);
    await expect(database.query(`truncate incident_events cascade`)).rejects.toThrow(/append-only: TRUNCATE/);
    expect((await database.db.select().from(incidentEvents).where(eq(incidentEvents.incidentId, incidentId))).map((e) => e.type)).toEqual(['reported']);
  });

  it('lets only the board decide a dismissal and refuses measures outside the ladder', async () => {
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await move('director', incidentId, 'investigate');
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    await step('director', incidentId, 'people', { personId: id('sara'), role: 'subject' });
    await step('director', incidentId, 'steps', { personId: id('karim'), kind: 'hearing', on: '2026-11-26' });
    const byDirector = await step('director', incidentId, 'measures', { personId: id('karim'), kind: 'ontslag', rationale: 'Ernstig.' });
    expect(byDirector.statusCode).toBe(403);
    expect(byDirector.json().error).toBe('not_your_decision');
    const wrongLadder = await step('director', incidentId, 'measures', { personId: id('sara'), kind: 'berisping', rationale: 'x' });
    expect(wrongLadder.statusCode).toBe(400);
    expect(wrongLadder.json().error).toBe('not_on_ladder');
    const employeeRemoval = await step('board', incidentId, 'measures', { personId: id('karim'), kind: 'verwijdering', rationale: 'x' });
    expect(employeeRemoval.json().error).toBe('not_on_ladder');
    const byBoard = await step('board', incidentId, 'measures', { personId: id('karim'), kind: 'ontslag', rationale: 'Ernstig en herhaald.' });
    expect(byBoard.statusCode, byBoard.body).toBe(201);
    expect((await step('director', incidentId, 'measures', { personId: id('sara'), kind: 'schorsing', days: 6, rationale: 'x' })).json().error).toBe('days_invalid');
    expect((await step('director', incidentId, 'measures', { personId: id('sara'), kind: 'schorsing', days: 1, rationale: 'Eén dag.' })).statusCode).toBe(201);
    // D.4: a student's measure goes into the student file; a guardian's into their child's.
    await step('director', incidentId, 'people', { personId: id('emre'), role: 'subject' });
    expect((await step('director', incidentId, 'measures', { personId: id('emre'), kind: 'waarschuwing', rationale: 'Dreigende reactie.' })).statusCode).toBe(201);
    expect(await fileOf('sara', incidentId)).toEqual([
      { kind: 'student', type: 'decision', title: 'Maatregel (D.5): schorsing (tijdelijk niet naar school), 2026-11-26, 1 dag(en)' },
      { kind: 'student', type: 'decision', title: 'Maatregel (D.5): waarschuwing, 2026-11-26' },
    ]);
    expect(await fileOf('emre', incidentId)).toEqual([]);
    const removal = await step('director', incidentId, 'measures', { personId: id('sara'), kind: 'verwijdering', rationale: 'x' });
    expect(removal.json().issues.map((i: { message: string }) => i.message)).toEqual(['missing step: hearing']);
    // The supervisor handles but does not decide (the guard).
    expect((await step('supervisor', incidentId, 'measures', { personId: id('sara'), kind: 'waarschuwing', rationale: 'x' })).statusCode).toBe(403);
  });

  it('decides measures and the D.2 qualification only about the subject of the case', async () => {
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await move('director', incidentId, 'investigate');
    await step('director', incidentId, 'people', { personId: id('lotte'), role: 'affected' });
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'witness' });
    await step('director', incidentId, 'steps', { personId: id('karim'), kind: 'hearing', on: '2026-11-26' });
    const refusals = [
      await step('director', incidentId, 'measures', { personId: id('lotte'), kind: 'waarschuwing', rationale: 'x' }),
      await step('board', incidentId, 'measures', { personId: id('karim'), kind: 'ontslag', rationale: 'x' }),
      await step('board', incidentId, 'qualification', { personId: id('karim'), grensoverschrijdend: true, rationale: 'x' }),
    ];
    for (const r of refusals) {
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().issues[0].path).toBe('$.personId');
    }
    expect(refusals[0]!.json().issues[0].message).toBe('in this case as affected, not as subject');
    const view = (await get('director', `${base()}/${incidentId}`)).json();
    expect([view.measures, view.tasks, view.qualification]).toEqual([[], [], null]);
    // As subject too, the same person may be decided about.
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    expect((await step('director', incidentId, 'measures', { personId: id('karim'), kind: 'waarschuwing', rationale: 'x' })).statusCode).toBe(201);
  });

  it('refuses impossible dates, dates in the future and steps or measures dated before the case', async () => {
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await move('director', incidentId, 'investigate');
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    const refused = async (path: string, payload: unknown, where: string) => {
      const r = await step('director', incidentId, path, payload);
      expect(r.statusCode, r.body).toBe(400);
      expect(r.json().message).toBeTruthy();
      expect(r.json().issues.map((i: { path: string }) => i.path)).toContain(where);
    };
    const hearing = (on: string) => ({ personId: id('karim'), kind: 'hearing', on });
    await refused('steps', hearing('2026-02-30'), '$.on');
    await refused('steps', hearing('2026-11-27'), '$.on');
    // Backdated to before the case was reported: refused (a hearing cannot precede the case).
    await refused('steps', hearing('2026-11-20'), '$.on');
    expect((await step('director', incidentId, 'steps', hearing('2026-11-26'))).statusCode).toBe(200);
    const warning = (decidedOn: string) => ({ personId: id('karim'), kind: 'waarschuwing', rationale: 'x', decidedOn });
    await refused('measures', warning('2026-11-27'), '$.decidedOn');
    await refused('measures', warning('2026-11-25'), '$.decidedOn');
    await refused('measures', warning('2026-13-01'), '$.decidedOn');
    await refused('police-decision', { report: true, rationale: 'x', reportedOn: '2026-02-30', policeReference: 'PL-1' }, '$.reportedOn');
    await refused('police-decision', { report: true, rationale: 'x', reportedOn: '2026-12-01', policeReference: 'PL-1' }, '$.reportedOn');
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    const q = await step('board', incidentId, 'qualification', { personId: id('karim'), grensoverschrijdend: true, rationale: 'x' });
    const taskId = q.json().tasks[0].id as string;
    const call = (date: string) => ({ call: { date, time: '10:00', caller: 'J. de Boer', reference: 'LVI-1', advice: 'x' } });
    await refused(`tasks/${taskId}/close`, call('2026-99-99'), '$.call.date');
    await refused(`tasks/${taskId}/close`, call('2026-11-27'), '$.call.date');
    const view = (await get('director', `${base()}/${incidentId}`)).json();
    expect([view.measures, view.police, view.tasks[0].status, view.steps.length]).toEqual([[], null, 'open', 1]);
    // The school's day, not UTC: at 00:30 in Amsterdam it is already the 27th there.
    const saved = clock;
    clock = Date.parse('2026-11-26T23:30:00Z');
    try {
      expect((await step('director', incidentId, `tasks/${taskId}/close`, call('2026-11-27'))).statusCode).toBe(200);
      const m = await step('director', incidentId, 'measures', { personId: id('karim'), kind: 'waarschuwing', rationale: 'x' });
      expect(m.json().measures[0].decidedOn).toBe('2026-11-27');
    } finally {
      clock = saved;
    }
  });

  it('shows as history only measures of cases reported before this one', async () => {
    const first = await report();
    clock += 1_000;
    const later = await report();
    for (const incidentId of [first, later]) {
      await move('director', incidentId, 'triage');
      await move('director', incidentId, 'investigate');
      await step('director', incidentId, 'people', { personId: id('sara'), role: 'subject' });
    }
    expect((await step('director', later, 'measures', { personId: id('sara'), kind: 'waarschuwing', rationale: 'Later geval.' })).statusCode).toBe(201);
    const sara = (await get('director', `${base()}/${first}`)).json().people.find((p: { personId: string }) => p.personId === id('sara'));
    expect(sara.earlierMeasures.filter((m: { incidentId: string }) => m.incidentId === later)).toEqual([]);
    expect(sara.earlierIncidents.map((e: { id: string }) => e.id)).not.toContain(later);
  });

  it('audits a refused dismissal by a director', async () => {
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await move('director', incidentId, 'investigate');
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    await step('director', incidentId, 'steps', { personId: id('karim'), kind: 'hearing', on: '2026-11-26' });
    const before = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'access.not_your_decision'));
    const r = await step('director', incidentId, 'measures', { personId: id('karim'), kind: 'ontslag', rationale: 'Ernstig.' });
    expect(r.statusCode).toBe(403);
    const after = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'access.not_your_decision'));
    expect(after.length).toBe(before.length + 1);
    expect(after.at(-1)).toMatchObject({ actor: accountIds.director, schoolId, subjectId: 'POST /api/v1/schools/:schoolId/incidents/:incidentId/measures' });
    expect((await verifyAudit(database.db, { schoolId })).broken).toEqual([]);
  });

  it('makes informing the Inspectie a task after a student suspension of more than a day or a removal, which blocks closing (WPO art. 40, 40c)', async () => {
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await move('director', incidentId, 'investigate');
    await step('director', incidentId, 'people', { personId: id('sara'), role: 'subject' });
    const suspend = await step('director', incidentId, 'measures', { personId: id('sara'), kind: 'schorsing', days: 2, rationale: 'Twee dagen.' });
    expect(suspend.statusCode, suspend.body).toBe(201);
    const measureId = suspend.json().measures[0].id as string;
    expect(suspend.json().tasks).toMatchObject([{ kind: 'inspectie_melding', status: 'open', measureId, phone: null, title: expect.stringMatching(/schorsing.*Inspectie/) }]);
    const taskId = suspend.json().tasks[0].id as string;
    expect((await move('director', incidentId, 'decide')).statusCode).toBe(200);
    expect((await move('director', incidentId, 'close')).json().error).toBe('open_tasks');
    const noDate = await step('director', incidentId, `tasks/${taskId}/close`, { report: { note: 'Gemeld.' } });
    expect(noDate.statusCode).toBe(400);
    expect(noDate.json()).toMatchObject({ error: 'report_record_required', issues: [{ path: '$.report.date' }] });
    expect((await step('director', incidentId, `tasks/${taskId}/close`, { report: { date: '2026-11-27' } })).statusCode).toBe(400);
    const done = await step('director', incidentId, `tasks/${taskId}/close`, { report: { date: '2026-11-26', reference: 'ISD-77' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().tasks[0]).toMatchObject({ status: 'done', call: { date: '2026-11-26', reference: 'ISD-77' } });
    expect((await move('director', incidentId, 'close')).json().status).toBe('closed');

    // Removal: heard first, and only with a recorded outcome of the search for another school.
    const second = await report();
    await move('director', second, 'triage');
    await move('director', second, 'investigate');
    await step('director', second, 'people', { personId: id('sara'), role: 'subject' });
    await step('director', second, 'steps', { personId: id('sara'), kind: 'hearing', on: '2026-11-26', note: 'Groepsleraar en ouders gehoord.' });
    const noOutcome = await step('board', second, 'measures', { personId: id('sara'), kind: 'verwijdering', rationale: 'x' });
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.json()).toMatchObject({ error: 'removal_outcome_required', issues: [{ path: '$.removalOutcome' }] });
    expect((await step('board', second, 'measures', { personId: id('sara'), kind: 'verwijdering', rationale: 'x', removalOutcome: 'maybe' })).statusCode).toBe(400);
    const removed = await step('board', second, 'measures', { personId: id('sara'), kind: 'verwijdering', rationale: 'Ernstig en herhaald.', removalOutcome: 'eight_weeks_without_result' });
    expect(removed.statusCode, removed.body).toBe(201);
    expect(removed.json().measures[0]).toMatchObject({ kind: 'verwijdering', removalOutcome: 'eight_weeks_without_result' });
    expect(removed.json().tasks).toMatchObject([{ kind: 'inspectie_melding', status: 'open', title: expect.stringMatching(/verwijdering bij de Inspectie/) }]);
    // A one-day suspension asks no Inspectie notice.
    const third = await report();
    await move('director', third, 'triage');
    await move('director', third, 'investigate');
    await step('director', third, 'people', { personId: id('lotte'), role: 'subject' });
    expect((await step('director', third, 'measures', { personId: id('lotte'), kind: 'schorsing', days: 1, rationale: 'x' })).json().tasks).toEqual([]);
  });

  it('closes the D.2 phone task only with a call record, and only the board qualifies', async () => {
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    expect((await step('director', incidentId, 'qualification', { personId: id('karim'), grensoverschrijdend: true, rationale: 'x' })).statusCode).toBe(403);
    const q = await step('board', incidentId, 'qualification', { personId: id('karim'), grensoverschrijdend: true, rationale: 'Seksueel getinte berichten aan een leerling.' });
    expect(q.statusCode, q.body).toBe(201);
    const task = q.json().tasks[0];
    expect(task).toMatchObject({ kind: 'lvi_call', status: 'open', phone: '0900 - 1113111', title: 'Meld telefonisch bij de Landelijke Vertrouwensinspecteur, 0900 - 1113111' });
    expect(q.json().qualification).toMatchObject({ grensoverschrijdend: true, personId: id('karim') });
    // The case cannot close while the task is open.
    expect((await move('director', incidentId, 'dismiss', 'Toch niets.')).json().error).toBe('open_tasks');
    const noCall = await step('director', incidentId, `tasks/${task.id}/close`, {});
    expect(noCall.statusCode).toBe(400);
    expect(noCall.json().error).toBe('call_record_required');
    const partial = await step('director', incidentId, `tasks/${task.id}/close`, { call: { date: '2026-11-26', time: '14:05', caller: 'J. de Boer' } });
    expect(partial.json().error).toBe('call_record_required');
    expect(partial.json().issues.map((i: { path: string }) => i.path)).toEqual(['$.call.reference', '$.call.advice']);
    const call = { date: '2026-11-26', time: '14:05', caller: 'J. de Boer', reference: 'LVI-2026-118', advice: 'Aangifte overwegen; ouders informeren.' };
    const done = await step('director', incidentId, `tasks/${task.id}/close`, { call });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json().tasks[0]).toMatchObject({ status: 'done', call });
    // The qualification and the call record are filed in the personnel file (D.1).
    expect((await fileOf('karim', incidentId)).map((f) => [f.kind, f.type])).toEqual([
      ['personnel', 'decision'],
      ['personnel', 'call_record'],
    ]);
    expect((await step('director', incidentId, `tasks/${task.id}/close`, { call })).statusCode).toBe(404);
    // Qualifying a student is refused.
    await step('director', incidentId, 'people', { personId: id('lotte'), role: 'affected' });
    expect((await step('board', incidentId, 'qualification', { personId: id('lotte'), grensoverschrijdend: true, rationale: 'x' })).statusCode).toBe(400);
  });

  it('cancels the open D.2 task when the board re-qualifies as not grensoverschrijdend', async () => {
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    const yes = await step('board', incidentId, 'qualification', { personId: id('karim'), grensoverschrijdend: true, rationale: 'Eerste oordeel.' });
    const taskId = yes.json().tasks[0].id as string;
    expect((await move('director', incidentId, 'dismiss', 'Toch niets.')).json().error).toBe('open_tasks');
    const no = await step('board', incidentId, 'qualification', { personId: id('karim'), grensoverschrijdend: false, rationale: 'Na gesprek: niet grensoverschrijdend.' });
    expect(no.statusCode, no.body).toBe(201);
    expect(no.json().tasks).toMatchObject([{ id: taskId, status: 'cancelled' }]);
    expect(no.json().events.at(-1)).toMatchObject({ type: 'task_cancelled', payload: { taskId, reason: expect.stringMatching(/not grensoverschrijdend/) } });
    expect(no.json().allowedEvents).toContain('dismiss');
    expect((await step('director', incidentId, `tasks/${taskId}/close`, { call: { date: '2026-11-26', time: '10:00', caller: 'x', reference: 'x', advice: 'x' } })).statusCode).toBe(404);
    expect((await move('director', incidentId, 'dismiss', 'Geen schending.')).json().status).toBe('closed');
  });

  it('needs a date and police reference when the decision is to report (D.6)', async () => {
    const incidentId = await report();
    const missing = await step('director', incidentId, 'police-decision', { report: true, rationale: 'Bedreiging.' });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toBe('police_details_required');
    expect(missing.json().issues.map((i: { path: string }) => i.path)).toEqual(['$.reportedOn', '$.policeReference']);
    const yes = await step('director', incidentId, 'police-decision', { report: true, rationale: 'Bedreiging.', reportedOn: '2026-11-26', policeReference: 'PL1300-2026-445' });
    expect(yes.json().police).toMatchObject({ report: true, reportedOn: '2026-11-26', policeReference: 'PL1300-2026-445' });
    const no = await step('board', incidentId, 'police-decision', { report: false, rationale: 'Geen strafbaar feit.' });
    expect(no.json().police).toMatchObject({ report: false, reportedOn: null, policeReference: null });
  });

  it('never takes images for sexual images of minors and makes the police decision a required step', async () => {
    const refused = await post('emre', base(), { category: 'sexual_images_of_minors', text: 'In een groepsapp wordt een beeld gedeeld.', attachments: [{ mediaId: '00000000-0000-4000-8000-000000000000' }] });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error).toBe('attachments_refused');
    expect(refused.json().message).toMatch(/Never send/);
    const before = await database.db.select({ n: sql<number>`count(*)::int` }).from(incidents);
    const incidentId = await report('emre', { category: 'sexual_images_of_minors', text: 'In een groepsapp van groep 8 wordt een beeld gedeeld.' });
    const view = (await get('director', `${base()}/${incidentId}`)).json();
    expect(view.policeDecisionRequired).toBe(true);
    expect((await database.db.select({ n: sql<number>`count(*)::int` }).from(incidents))[0]!.n).toBe(before[0]!.n + 1);
    await move('director', incidentId, 'triage');
    await move('director', incidentId, 'investigate');
    expect((await move('director', incidentId, 'decide')).json().error).toBe('police_decision_required');
    expect((await move('director', incidentId, 'dismiss', 'x')).statusCode).toBe(409);
    await step('director', incidentId, 'police-decision', { report: true, rationale: 'Verplicht.', reportedOn: '2026-11-26', policeReference: 'PL-1' });
    expect((await move('director', incidentId, 'decide')).json().status).toBe('decided');
  });

  it('takes only http(s) links and no data: URIs in the text, in any category', async () => {
    const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(incidents))[0]!.n;
    const before = await count();
    for (const link of ['javascript:alert(1)', 'data:text/html;base64,PHA+aGk8L3A+', 'ftp://files.example/x']) {
      const r = await post('emre', base(), { category: 'bullying', text: 'Zie de link.', link });
      expect(r.statusCode, link).toBe(400);
      expect(r.json().issues[0]).toMatchObject({ path: '$.link', message: expect.stringMatching(/http/) });
    }
    for (const category of ['bullying', 'sexual_images_of_minors']) {
      const r = await post('emre', base(), { category, text: 'Het beeld: data:image/png;base64,iVBORw0KGgo=' });
      expect(r.statusCode).toBe(400);
      expect(r.json()).toMatchObject({ error: 'attachments_refused', issues: [{ path: '$.text' }] });
      if (category === 'sexual_images_of_minors') expect(r.json().message).toMatch(/Never send/);
    }
    expect(await count()).toBe(before);
    expect((await post('emre', base(), { category: 'bullying', text: 'De data: zie het bericht van 12 mei.', link: 'http://social.example/p/2' })).statusCode).toBe(201);
  });

  it('keeps cases within their school and reporters to their own reports', async () => {
    const incidentId = await report('emre');
    // Another school's director: the guard lets no role of another school in.
    expect((await get('otherDirector', `${base()}/${incidentId}`)).statusCode).toBe(403);
    // The same id under the other school's URL is not found there.
    const elsewhere = await app.inject({ method: 'GET', url: `/api/v1/schools/${otherSchoolId}/incidents/${incidentId}`, headers: as.otherDirector! });
    expect(elsewhere.statusCode).toBe(404);
    const moveElsewhere = await app.inject({ method: 'POST', url: `/api/v1/schools/${otherSchoolId}/incidents/${incidentId}/transitions`, headers: as.otherDirector!, payload: { event: 'triage' } });
    expect(moveElsewhere.statusCode).toBe(404);
    // A student is not the reporter: not_yours, audited.
    const theirs = await get('lotte', `${base()}/${incidentId}/reporter-view`);
    expect(theirs.statusCode).toBe(403);
    expect(theirs.json().error).toBe('not_yours');
    const refusals = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'access.not_yours'));
    expect(refusals.some((a) => a.actor === accountIds.lotte)).toBe(true);
    // A student cannot read the case itself, the confidential adviser can but cannot move it.
    expect((await get('lotte', `${base()}/${incidentId}`)).statusCode).toBe(403);
    expect((await get('adviser', `${base()}/${incidentId}`)).statusCode).toBe(200);
    expect((await move('adviser', incidentId, 'triage')).statusCode).toBe(403);
    // Adding a person from another school is refused.
    const foreign = await step('director', incidentId, 'people', { personId: id('xander'), role: 'subject' });
    expect(foreign.statusCode).toBe(400);
    const listed = (await get('director', base())).json().incidents.map((i: { id: string }) => i.id);
    expect(listed).toContain(incidentId);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${otherSchoolId}/incidents`, headers: as.otherDirector! })).json().incidents).toEqual([]);
  });

  it('answers every role on a real case according to its rule and the object', async () => {
    const incidentId = await report('emre');
    for (const role of ROLES) {
      const a = await makeAccount(database.db, [{ schoolId, role, personId: null }]);
      const h = await tokenHeaders(database.db, a.id);
      const read = await app.inject({ method: 'GET', url: `${base()}/${incidentId}`, headers: h });
      expect(read.statusCode, `${role} reads`).toBe(INCIDENT_READERS.includes(role) ? 200 : 403);
      const reporter = await app.inject({ method: 'GET', url: `${base()}/${incidentId}/reporter-view`, headers: h });
      expect(reporter.statusCode, `${role} reporter view`).toBe(INCIDENT_READERS.includes(role) ? 200 : 403);
      if (!INCIDENT_READERS.includes(role)) expect(reporter.json().error).toBe('not_yours');
      const note = await app.inject({ method: 'POST', url: `${base()}/${incidentId}/notes`, headers: h, payload: { text: `note by ${role}`, visibility: 'internal' } });
      expect(note.statusCode, `${role} notes`).toBe(INCIDENT_HANDLERS.includes(role) ? 200 : 403);
      const mine = await app.inject({ method: 'GET', url: `${base()}/mine`, headers: h });
      expect(mine.json().incidents, `${role} mine`).toEqual([]);
    }
  });

  it('answers bad input with 400 and a message, and a failing step writes nothing', async () => {
    const bad = await post('emre', base(), { category: 'gossip', text: '' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error).toBe('bad_request');
    expect(bad.json().issues.map((i: { path: string }) => i.path)).toEqual(['$.category', '$.text']);
    expect(bad.json().message).toMatch(/category/);
    const countEvents = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(incidentEvents))[0]!.n;
    const countIncidents = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(incidents))[0]!.n;
    const [e0, i0] = [await countEvents(), await countIncidents()];
    // People are checked inside the transaction: one unknown person and nothing is stored.
    const unknown = await post('karim', base(), { category: 'threat', text: 'Dreigend bericht.', people: [{ personId: id('lotte'), role: 'affected' }, { personId: id('xander'), role: 'subject' }] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().issues).toEqual([{ path: '$.people[1].personId', message: `no active person with id "${id('xander')}" at this school` }]);
    expect([await countEvents(), await countIncidents()]).toEqual([e0, i0]);
    // A refused measure leaves no measure, no event and no audit entry behind.
    const incidentId = await report();
    await move('director', incidentId, 'triage');
    await move('director', incidentId, 'investigate');
    await step('director', incidentId, 'people', { personId: id('karim'), role: 'subject' });
    const e1 = await countEvents();
    const audits = (await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, incidentId))).length;
    expect((await step('director', incidentId, 'measures', { personId: id('karim'), kind: 'schorsing', days: 2, rationale: 'x' })).statusCode).toBe(409);
    expect(await countEvents()).toBe(e1);
    expect((await database.db.select().from(measures).where(eq(measures.incidentId, incidentId))).length).toBe(0);
    expect((await database.db.select().from(auditEvents).where(eq(auditEvents.subjectId, incidentId))).length).toBe(audits);
    expect((await step('director', incidentId, 'deadline', { dueAt: 'tomorrow' })).statusCode).toBe(400);
    expect((await get('director', `${base()}/not-a-uuid`)).statusCode).toBe(404);
    expect((await get('director', `${base()}/people?q=K`)).statusCode).toBe(400);
    expect((await get('director', `${base()}/people?q=Pet`)).json().people).toMatchObject([{ id: id('lotte'), name: 'Lotte Peters', kind: 'student', group: '7' }]);
  });
});

describe('the public form', () => {
  const form = async (ip: string) => {
    const r = await get(null, `/api/v1/public/schools/${schoolId}/incident-form`, ip);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as { formToken: string; minSeconds: number; categories: { code: string; noImages: boolean }[]; school: { name: string } };
  };
  const send = (ip: string, payload: Record<string, unknown>) => app.inject({ method: 'POST', url: `/api/v1/public/schools/${schoolId}/incidents`, payload, remoteAddress: ip });
  const fields = { category: 'defamation', text: 'Op een openbaar account worden leerlingen van groep 7 uitgescholden.', link: 'https://social.example/x' };

  it('accepts an anonymous report with a receipt that shows only the status', async () => {
    const f = await form('10.0.0.1');
    expect(f.school.name).toBe('De Regenboog');
    expect(f.categories.find((c) => c.code === 'sexual_images_of_minors')!.noImages).toBe(true);
    clock += f.minSeconds * 1000;
    const r = await send('10.0.0.1', { ...fields, formToken: f.formToken, website: '', anonymous: true, name: 'Ignored', contact: 'ignored@example.org' });
    expect(r.statusCode, r.body).toBe(201);
    const { receipt } = r.json();
    expect(receipt).toMatch(/^[A-Za-z0-9_-]{20}$/);
    const [row] = await database.db.select().from(incidents).where(eq(incidents.source, 'public'));
    expect(row).toMatchObject({ anonymous: true, reporterName: null, reporterContact: null, reporterAccountId: null });
    expect(row!.receiptHash).not.toContain(receipt);
    const lookUp = (code: string) => app.inject({ method: 'POST', url: '/api/v1/public/incident-receipts', payload: { receipt: code }, remoteAddress: '10.0.0.1' });
    const status = await lookUp(receipt);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({ id: row!.id, status: 'reported', outcome: null, events: [{ type: 'reported' }] });
    await move('director', row!.id, 'triage');
    expect((await lookUp(receipt)).json().status).toBe('triage');
    expect((await lookUp('x'.repeat(20))).statusCode).toBe(404);
    // The code never goes in a path (access logs record paths): there is no GET for it.
    expect((await get(null, `/api/v1/public/incident-receipts/${receipt}`, '10.0.0.1')).statusCode).toBe(404);
    expect((await app.inject({ method: 'POST', url: '/api/v1/public/incident-receipts', payload: {}, remoteAddress: '10.0.0.1' })).statusCode).toBe(400);
  });

  it('refuses a filled honeypot, a report sent too fast, a forged token and a missing name', async () => {
    const f = await form('10.0.0.2');
    const tooFast = await send('10.0.0.2', { ...fields, formToken: f.formToken, anonymous: true });
    expect(tooFast.statusCode).toBe(400);
    expect(tooFast.json().error).toBe('spam_suspected');
    clock += 5_000;
    const honey = await send('10.0.0.2', { ...fields, formToken: f.formToken, website: 'http://spam.example', anonymous: true });
    expect(honey.json().error).toBe('spam_suspected');
    const forged = await send('10.0.0.2', { ...fields, formToken: `${f.formToken.split('.')[0]}.AAAA`, anonymous: true });
    expect(forged.json().error).toBe('form_expired');
    const named = await send('10.0.0.2', { ...fields, formToken: f.formToken, anonymous: false });
    expect(named.statusCode).toBe(400);
    expect(named.json().issues.map((i: { path: string }) => i.path)).toEqual(['$.name', '$.contact']);
    const images = await send('10.0.0.3', { ...fields, category: 'sexual_images_of_minors', formToken: f.formToken, anonymous: true, attachments: ['data:image/png;base64,AAAA'] });
    expect(images.json().error).toBe('attachments_refused');
    const inline = await send('10.0.0.3', { ...fields, category: 'sexual_images_of_minors', text: 'data:image/jpeg;base64,/9j/4AAQ', formToken: f.formToken, anonymous: true });
    expect(inline.json()).toMatchObject({ error: 'attachments_refused', issues: [{ path: '$.text' }] });
    expect((await send('10.0.0.3', { ...fields, link: 'javascript:alert(1)', formToken: f.formToken, anonymous: true })).json().issues[0].path).toBe('$.link');
    clock += 3 * 3_600_000;
    expect((await send('10.0.0.3', { ...fields, formToken: f.formToken, anonymous: true })).json().error).toBe('form_expired');
    expect((await get(null, `/api/v1/public/schools/00000000-0000-4000-8000-000000000000/incident-form`, '10.0.0.3')).statusCode).toBe(404);
  });

  it('answers two public reports the same whether or not the text names someone on the roster', async () => {
    const answers = [];
    for (const [ip, who] of [['10.0.1.1', 'Lotte Peters'], ['10.0.1.2', 'Wubbo Zandstra']] as const) {
      const f = await form(ip);
      clock += f.minSeconds * 1000;
      const r = await send(ip, { category: 'bullying', text: `Iemand noemt ${who} online een sukkel.`, formToken: f.formToken, anonymous: true });
      expect(r.statusCode, r.body).toBe(201);
      answers.push(r.json() as Record<string, unknown>);
    }
    expect(answers[0]).not.toHaveProperty('suggestedArticles');
    expect(answers.map((a) => ({ ...a, receipt: 'x' }))).toEqual([{ receipt: 'x', status: 'reported' }, { receipt: 'x', status: 'reported' }]);
    const stored = await database.db.select({ articles: incidents.articles }).from(incidents).where(eq(incidents.source, 'public'));
    expect(stored.some((r) => r.articles.includes('A.2'))).toBe(true);
  });

  it('accepts each form token once, from any address', async () => {
    const f = await form('10.0.2.1');
    clock += f.minSeconds * 1000;
    expect((await send('10.0.2.1', { ...fields, formToken: f.formToken, anonymous: true })).statusCode).toBe(201);
    const count = async () => (await database.db.select({ n: sql<number>`count(*)::int` }).from(incidents))[0]!.n;
    const before = await count();
    for (const ip of ['10.0.2.1', '10.0.2.2']) {
      const replay = await send(ip, { ...fields, formToken: f.formToken, anonymous: true });
      expect(replay.statusCode, replay.body).toBe(409);
      expect(replay.json()).toMatchObject({ error: 'form_used', message: expect.stringMatching(/already been sent/) });
    }
    expect(await count()).toBe(before);
    // A refused report does not use the token up.
    const g = await form('10.0.2.3');
    clock += g.minSeconds * 1000;
    expect((await send('10.0.2.3', { ...fields, formToken: g.formToken, anonymous: false })).statusCode).toBe(400);
    expect((await send('10.0.2.3', { ...fields, formToken: g.formToken, anonymous: true })).statusCode).toBe(201);
  });

  it('limits reports per address', async () => {
    const forms = [];
    for (let i = 0; i < 7; i++) forms.push(await form(i < 6 ? '10.0.0.9' : '10.0.0.10'));
    clock += 5_000;
    const codes: number[] = [];
    for (let i = 0; i < 6; i++) codes.push((await send('10.0.0.9', { ...fields, formToken: forms[i]!.formToken, anonymous: false, name: 'Een ouder', contact: 'ouder@example.org' })).statusCode);
    expect(codes).toEqual([201, 201, 201, 201, 201, 429]);
    expect((await send('10.0.0.10', { ...fields, formToken: forms[6]!.formToken, anonymous: true })).statusCode).toBe(201);
  });
});

describe('the API description', () => {
  it('lists every incident route in OpenAPI', async () => {
    const res = await app.inject('/openapi.json');
    expect(res.statusCode).toBe(200);
    // The letters of a case (/incidents/{incidentId}/letters...) belong to the files module (docs/files.md).
    const paths = Object.keys(res.json().paths as Record<string, unknown>).filter((p) => /\/incidents|\/incident-/.test(p) && !p.includes('/letters'));
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/schools/{schoolId}/incidents',
        '/api/v1/schools/{schoolId}/incidents/{incidentId}/measures',
        '/api/v1/schools/{schoolId}/incidents/{incidentId}/tasks/{taskId}/close',
        '/api/v1/public/schools/{schoolId}/incidents',
        '/api/v1/public/incident-receipts',
      ]),
    );
    expect(paths).not.toContain('/api/v1/public/incident-receipts/{receipt}');
    expect(paths.length).toBe(19);
  });
});
