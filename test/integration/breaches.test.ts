// The data-breach register through the HTTP API (docs/breaches.md): who may report, read and keep
// it, the whole path report → assess → notify the AP → inform the people concerned (e-mails at a
// real SMTP server on loopback) → close, the 72-hour deadline and a late notification's reason,
// the automatic entries from a consent revocation and from publishing without consent, bad input,
// and the history that cannot be rewritten.
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { people } from '../../src/db/schema/index.ts';
import { ROLES, STAFF_ROLES } from '../../src/policies/index.ts';
import type { Role } from '../../src/policies/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { addConsent, buildPeople, buildSchool, linkGuardian } from '../support/factories.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { startSmtp } from '../support/smtp.ts';

let database: Database;
let app: FastifyInstance;
let smtp: TestSmtp;
let clock = Date.parse('2026-10-23T15:00:00+02:00');
let schoolA: string;
let schoolB: string;
let ids: Map<string, { id: string }>;
const as: Record<string, Record<string, string>> = {};
const id = (name: string) => ids.get(name)!.id;

beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtp();
  schoolA = (await buildSchool(database.db, { brin: '99BA', name: 'De Regenboog' })).school.id;
  schoolB = (await buildSchool(database.db, { brin: '99BB', name: 'De Klimop' })).school.id;
  ids = await buildPeople(database.db, schoolA, [
    { externalId: 'yusuf', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b', birthDate: '2017-01-15' },
    { externalId: 'noor', kind: 'student', givenName: 'Noor', familyName: 'Visser', group: '8', birthDate: '2009-03-10' },
    { externalId: 'emre', kind: 'guardian', givenName: 'Emre', familyName: 'Demir' },
    { externalId: 'karim', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'lotte', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b', birthDate: '2017-03-02' },
    { externalId: 'sem', kind: 'student', givenName: 'Sem', familyName: 'Demir', group: '6a', birthDate: '2016-05-20' },
    { externalId: 'femke', kind: 'student', givenName: 'Femke', familyName: 'Bos', group: '8', birthDate: '2010-12-01' },
    { externalId: 'hans', kind: 'guardian', givenName: 'Hans', familyName: 'Bos' },
    { externalId: 'mila', kind: 'student', givenName: 'Mila', familyName: 'Jansen', group: '6a', birthDate: '2016-09-01' },
  ]);
  await linkGuardian(database.db, id('emre'), id('yusuf'));
  await linkGuardian(database.db, id('emre'), id('sem'));
  await linkGuardian(database.db, id('hans'), id('femke'));
  await database.db.update(people).set({ email: 'femke.bos@leerling.example' }).where(eq(people.id, id('femke')));
  await database.db.update(people).set({ email: 'hans.bos@ouders.example' }).where(eq(people.id, id('hans')));
  await database.db.update(people).set({ email: 'emre.demir@ouders.example' }).where(eq(people.id, id('emre')));
  await database.db.update(people).set({ email: 'noor.visser@leerling.example' }).where(eq(people.id, id('noor')));
  const account = async (name: string, grants: { schoolId: string; role: Role; person?: string }[]) => {
    const acc = await makeAccount(database.db, grants.map((g) => ({ schoolId: g.schoolId, role: g.role, personId: g.person ? id(g.person) : null })));
    as[name] = await tokenHeaders(database.db, acc.id);
  };
  await account('fg', [
    { schoolId: schoolA, role: 'data_protection_officer' },
    { schoolId: schoolB, role: 'data_protection_officer' },
  ]);
  await account('fgB', [{ schoolId: schoolB, role: 'data_protection_officer' }]);
  await account('board', [{ schoolId: schoolA, role: 'board' }]);
  await account('director', [{ schoolId: schoolA, role: 'director' }]);
  await account('comms', [{ schoolId: schoolA, role: 'communication_officer' }]);
  await account('karim', [{ schoolId: schoolA, role: 'employee', person: 'karim' }]);
  await account('emre', [{ schoolId: schoolA, role: 'guardian', person: 'emre' }]);
  await account('noor', [{ schoolId: schoolA, role: 'student', person: 'noor' }]);
  app = await buildApp({ database, now: () => clock, mail: { smtpUrl: smtp.url, publicUrl: 'https://postwijzer.test', sweepIntervalMs: 250 } });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await smtp?.close();
  await database?.close();
});

const base = (schoolId = schoolA) => `/api/v1/schools/${schoolId}/breaches`;
const call = (who: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: unknown) => app.inject({ method, url, headers: as[who]!, ...(payload === undefined ? {} : { payload: payload as object }) });
const report = (who: string, over: Record<string, unknown> = {}) =>
  call(who, 'POST', base(), { kind: 'email_wrong_address', title: 'Rapport naar verkeerde ouder', description: 'Het rapport van een leerling is naar een verkeerd e-mailadres gestuurd.', ...over });
const detail = async (breachId: string, who = 'fg', schoolId = schoolA) => (await call(who, 'GET', `${base(schoolId)}/${breachId}`)).json();

describe(`the breach register (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('lets anyone on the staff report a possible breach, not parents or students', async () => {
    for (const who of ['karim', 'director', 'comms', 'board', 'fg']) expect((await report(who)).statusCode, who).toBe(201);
    for (const who of ['emre', 'noor']) {
      const r = await report(who);
      expect(r.statusCode, who).toBe(403);
      expect(r.json().error).toBe('forbidden');
    }
  });

  it('answers every role by its rule on every breach route', async () => {
    const someEntry = (await report('fg', { title: 'Rollen-test' })).json().id;
    for (const role of ROLES) {
      const headers = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId: schoolA, role, personId: null }])).id);
      const hit = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
      const staff = STAFF_ROLES.includes(role);
      const reader = role === 'data_protection_officer' || role === 'board';
      const officer = role === 'data_protection_officer';
      expect((await hit('POST', base(), { kind: 'other', title: `Rol ${role}`, description: 'Een test van de rechten per rol.' })).statusCode, role).toBe(staff ? 201 : 403);
      expect((await hit('GET', base())).statusCode, role).toBe(reader ? 200 : 403);
      expect((await hit('GET', `${base()}/${someEntry}`)).statusCode, role).toBe(reader ? 200 : 403);
      expect((await hit('PUT', `${base()}/${someEntry}`, { measures: `Gecontroleerd door ${role}.` })).statusCode, role).toBe(officer ? 200 : 403);
      for (const step of ['assessment', 'authority-notification', 'people-notification', 'close']) {
        // The officer gets past the guard and meets the object's own rules (400 bad body); everyone else 403.
        const r = await hit('POST', `${base()}/${someEntry}/${step}`, {});
        expect(r.statusCode, `${role} ${step}`).toBe(officer ? (step === 'close' ? 409 : 400) : 403);
      }
      // The same roles at the other school see nothing of this school's entry.
      const elsewhere = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId: schoolB, role, personId: null }])).id);
      const r = await app.inject({ method: 'GET', url: `${base(schoolB)}/${someEntry}`, headers: elsewhere });
      expect(r.statusCode, role).toBe(403);
      expect(r.json().error, role).toBe(reader ? 'not_yours' : 'forbidden');
    }
  });

  it('shows the register to the FG and the board only, and refuses an entry of another school', async () => {
    for (const who of ['fg', 'board']) {
      const r = await call(who, 'GET', base());
      expect(r.statusCode, who).toBe(200);
      expect(r.json().breaches.length).toBe(5 + 1 + STAFF_ROLES.length);
      expect(r.json().canManage).toBe(who === 'fg');
    }
    for (const who of ['director', 'comms', 'karim', 'emre', 'noor']) expect((await call(who, 'GET', base())).statusCode, who).toBe(403);
    const one = (await call('fg', 'GET', base())).json().breaches[0].id;
    // The board reads, but does not assess.
    expect((await call('board', 'POST', `${base()}/${one}/assessment`, { isBreach: false, rationale: 'Geen persoonsgegevens betrokken.' })).statusCode).toBe(403);
    expect((await call('director', 'PUT', `${base()}/${one}`, { measures: 'x' })).statusCode).toBe(403);
    // The FG of the other school sees the entry neither through their own school nor through this one.
    const refused = async () => (await database.query<{ n: number }>(`select count(*)::int as n from audit_events where school_id = $1 and action = 'access.not_yours'`, [schoolB]))[0]!.n;
    const before = await refused();
    const elsewhere = await call('fgB', 'GET', `${base(schoolB)}/${one}`);
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error).toBe('not_yours');
    expect((await call('fgB', 'GET', `${base()}/${one}`)).statusCode).toBe(403);
    expect((await call('fgB', 'POST', `${base(schoolB)}/${one}/assessment`, { isBreach: false, rationale: 'Geen persoonsgegevens betrokken.' })).json().error).toBe('not_yours');
    expect((await refused()) - before).toBe(2);
    expect((await call('fg', 'GET', `${base()}/00000000-0000-4000-8000-000000000000`)).statusCode).toBe(404);
    expect((await call('fg', 'GET', `${base()}/not-a-uuid`)).statusCode).toBe(404);
  });

  it('shares an entry with a second school once the FG adds it, and only schools where they are FG', async () => {
    const made = (await report('karim', { title: 'Laptop kwijt', kind: 'lost_device' })).json().id;
    expect((await call('fg', 'PUT', `${base()}/${made}`, { schoolIds: [schoolA, schoolB] })).statusCode).toBe(200);
    expect((await call('fg', 'GET', `${base(schoolB)}/${made}`)).statusCode).toBe(200);
    expect((await call('fgB', 'GET', `${base(schoolB)}/${made}`)).statusCode).toBe(200);
    // fgB is not the FG of school A: they cannot add it (nor remove the register's own school).
    const refused = async () => (await database.query<{ n: number }>(`select count(*)::int as n from audit_events where school_id = $1 and action = 'access.not_yours'`, [schoolB]))[0]!.n;
    const before = await refused();
    const other = await call('fgB', 'PUT', `${base(schoolB)}/${made}`, { schoolIds: [schoolB] });
    expect(other.statusCode).toBe(403);
    expect(other.json()).toMatchObject({ error: 'not_yours', issues: [{ path: '$.schoolIds' }] });
    expect((await refused()) - before).toBe(1);
    // The FG of both schools cannot name a school where they are not FG either.
    const stranger = (await buildSchool(database.db, { brin: '99BC', name: 'De Wilg' })).school.id;
    const third = await call('fg', 'PUT', `${base()}/${made}`, { schoolIds: [schoolA, stranger] });
    expect(third.statusCode).toBe(403);
    expect((await detail(made)).schoolIds).toEqual([schoolA, schoolB]);
  });

  it('takes a report through assessment, the AP notification and informing the people concerned', async () => {
    clock = Date.parse('2026-10-23T16:30:00+02:00');
    const r = await report('karim', { kind: 'photo_without_consent', title: 'Klassenfoto op open website', description: 'Een klassenfoto met namen stond een dag op de open website.', discoveredAt: '2026-10-23T15:00:00+02:00' });
    expect(r.statusCode).toBe(201);
    const breachId = r.json().id;
    let d = await detail(breachId);
    expect(d).toMatchObject({ status: 'possible', source: 'staff', discoveredAt: '2026-10-23T13:00:00.000Z' });
    // 72 real hours across the end of summer time: Monday 14:00 winter time.
    expect(d.deadline).toMatchObject({ deadlineAt: '2026-10-26T13:00:00.000Z', deadlineLocal: '2026-10-26T14:00+01:00', state: 'open', minutesLeft: 70 * 60 + 30 });
    expect(d.deadline.label.nl).toBe('nog 2 dagen 22 uur');

    const facts = await call('fg', 'PUT', `${base()}/${breachId}`, {
      peopleIds: [id('yusuf'), id('noor'), id('karim')],
      approxPeople: 3,
      dataCategories: ['naam', 'foto', 'groep'],
      consequences: 'Onbekenden konden de foto met namen zien.',
      measures: 'Karim El Amrani heeft de foto offline gehaald; de website vraagt nu om inloggen.',
    });
    expect(facts.statusCode).toBe(200);
    expect(facts.json().people.map((p: { name: string }) => p.name).sort()).toEqual(['Karim El Amrani', 'Noor Visser', 'Yusuf Demir']);

    // Informing people before the decision says so is refused.
    expect((await call('fg', 'POST', `${base()}/${breachId}/people-notification`, { messageNl: 'Er is iets misgegaan.', messageEn: 'Something went wrong.', consequencesNl: 'Onbekend.', consequencesEn: 'Unknown.', measuresNl: 'Nog geen.', measuresEn: 'None yet.', contact: 'fg@school.example' })).statusCode).toBe(409);
    expect((await call('fg', 'POST', `${base()}/${breachId}/authority-notification`, { notifiedAt: '2026-10-23T16:00:00+02:00', reference: 'AP-1' })).statusCode).toBe(409);

    const assessed = await call('fg', 'POST', `${base()}/${breachId}/assessment`, { isBreach: true, risk: 'high', rationale: 'Foto’s van kinderen met naam: hoog risico.' });
    expect(assessed.statusCode).toBe(200);
    expect(assessed.json()).toMatchObject({ status: 'registered', risk: 'high', notifyAuthority: true, informPeople: true });
    expect((await call('fg', 'POST', `${base()}/${breachId}/close`, {})).statusCode).toBe(409);

    clock = Date.parse('2026-10-24T11:00:00+02:00');
    const notified = await call('fg', 'POST', `${base()}/${breachId}/authority-notification`, { notifiedAt: '2026-10-24T10:45:00+02:00', reference: 'AP-2026-001234' });
    expect(notified.statusCode).toBe(200);
    expect(notified.json()).toMatchObject({ authorityReference: 'AP-2026-001234', authorityNotifiedAt: '2026-10-24T08:45:00.000Z', lateReason: null, deadline: { state: 'notified' } });
    expect((await call('fg', 'POST', `${base()}/${breachId}/authority-notification`, { notifiedAt: '2026-10-24T10:45:00+02:00', reference: 'AP-2' })).statusCode).toBe(409);

    const letter = {
      messageNl: 'Een klassenfoto met namen stond een dag op de website van school.',
      messageEn: 'A class photo with names was on the school website for a day.',
      consequencesNl: 'Onbekenden konden de foto met de voornaam zien.',
      consequencesEn: 'Strangers could see the photo with the first name.',
      measuresNl: 'De foto is offline gehaald; de website vraagt nu om inloggen.',
      measuresEn: 'The photo was taken offline; the website now asks to sign in.',
      contact: 'fg@regenboog.example, 020 555 0123',
    };
    // Art. 34(2): consequences and measures are part of the letter, in both languages.
    const { measuresEn: _none, ...withoutMeasures } = letter;
    const incomplete = await call('fg', 'POST', `${base()}/${breachId}/people-notification`, withoutMeasures);
    expect(incomplete.statusCode).toBe(400);
    expect(incomplete.json().issues[0].path).toBe('$.measuresEn');
    const informed = await call('fg', 'POST', `${base()}/${breachId}/people-notification`, letter);
    expect(informed.statusCode).toBe(200);
    expect(informed.json().sent).toEqual(
      expect.arrayContaining([
        { personId: id('yusuf'), via: 'guardian', mails: 1 },
        { personId: id('noor'), via: 'self', mails: 1 },
      ]),
    );
    expect(informed.json().unreachable).toEqual([{ personId: id('karim'), name: 'Karim El Amrani' }]);
    const toParent = await smtp.nthMail('emre.demir@ouders.example');
    expect(toParent).toMatch(/Beste Emre Demir/);
    expect(toParent).toMatch(/uw kind Yusuf/);
    expect(toParent).toMatch(/klassenfoto met namen stond een dag op de website/);
    expect(toParent).toMatch(/Mogelijke gevolgen:\s+Onbekenden konden de foto met de voornaam zien/);
    expect(toParent).toMatch(/Wat wij hebben gedaan:\s+De foto is offline gehaald/);
    expect(toParent).toMatch(/Possible consequences:\s+Strangers could see the photo/);
    expect(toParent).toMatch(/What we have done:\s+The photo was taken offline/);
    // Nothing of the register's own text (which names a staff member) and no one else concerned.
    expect(toParent).toMatch(/fg@regenboog\.example/);
    expect(toParent.indexOf('Beste')).toBeLessThan(toParent.indexOf('Dear'));
    expect(toParent).not.toMatch(/Noor|Karim|El Amrani|in Dutch/);
    const subject = /^subject:\s*(.*)$/im.exec(smtp.mailsTo('emre.demir@ouders.example')[0]!.raw)?.[1] ?? '';
    expect(subject).toMatch(/Datalek bij De Regenboog/);
    expect(subject).not.toMatch(/Yusuf|Demir|foto/i);
    expect(await smtp.nthMail('noor.visser@leerling.example')).toMatch(/concerns you/);

    const closed = await call('fg', 'POST', `${base()}/${breachId}/close`, { note: 'Afgehandeld.' });
    expect(closed.statusCode).toBe(200);
    d = closed.json();
    expect(d.status).toBe('closed');
    expect(d.history.map((h: { type: string }) => h.type)).toEqual(['reported', 'updated', 'assessed', 'authority_notified', 'people_informed', 'closed']);
    const informedEvent = d.history.find((h: { type: string }) => h.type === 'people_informed');
    expect(informedEvent.data.unreachable).toEqual([id('karim')]);
    expect(JSON.stringify(informedEvent.data)).not.toMatch(/@ouders\.example/);
    expect((await call('fg', 'PUT', `${base()}/${breachId}`, { measures: 'nog iets' })).statusCode).toBe(409);

    // The audit trail holds ids and field names, no content.
    const audit = await database.query<{ action: string; fields: string[] | null }>(`select action, fields from audit_events where subject_id = $1 order by seq`, [breachId]);
    expect(audit.map((a) => a.action)).toEqual(['breach.reported', 'breach.updated', 'breach.assessed', 'breach.authority_notified', 'breach.people_informed', 'breach.closed']);
    expect(JSON.stringify(audit)).not.toMatch(/klassenfoto|Karim/i);
  });

  it('informs a student who turns 16 today (on the Dutch calendar) herself, not her parents', async () => {
    const before = clock;
    // Half past midnight in the Netherlands on her birthday; in UTC it is still the day before.
    clock = Date.parse('2026-12-01T00:30:00+01:00');
    const breachId = (await report('karim', { peopleIds: [id('femke')] })).json().id;
    expect((await call('fg', 'POST', `${base()}/${breachId}/assessment`, { isBreach: true, risk: 'high', rationale: 'Rapport met cijfers bij een ander: hoog risico.' })).statusCode).toBe(200);
    const informed = await call('fg', 'POST', `${base()}/${breachId}/people-notification`, {
      messageNl: 'Je rapport is naar een verkeerd adres gestuurd.',
      messageEn: 'Your report was sent to a wrong address.',
      consequencesNl: 'Iemand anders kon je cijfers lezen.',
      consequencesEn: 'Someone else could read your grades.',
      measuresNl: 'De ontvanger heeft de mail gewist.',
      measuresEn: 'The recipient deleted the e-mail.',
      contact: 'fg@regenboog.example',
    });
    expect(informed.json().sent).toEqual([{ personId: id('femke'), via: 'self', mails: 1 }]);
    expect(await smtp.nthMail('femke.bos@leerling.example')).toMatch(/concerns you/);
    expect(smtp.mailsTo('hans.bos@ouders.example')).toEqual([]);
    clock = before;
  });

  it('keeps every reported fact in the first history event', async () => {
    const r = await report('karim', { kind: 'email_wrong_address', title: 'Cijferlijst verkeerd gemaild', approxPeople: 27, dataCategories: ['naam', 'cijfers'], discoveredAt: '2026-10-24T09:00:00+02:00' });
    expect(r.statusCode, r.body).toBe(201);
    const d = await detail(r.json().id);
    expect(d).toMatchObject({ approxPeople: 27, dataCategories: ['naam', 'cijfers'] });
    expect(d.history).toHaveLength(1);
    expect(d.history[0]).toMatchObject({
      type: 'reported',
      data: { kind: 'email_wrong_address', title: 'Cijferlijst verkeerd gemaild', description: expect.stringMatching(/verkeerd e-mailadres/), approxPeople: 27, dataCategories: ['naam', 'cijfers'], discoveredAt: '2026-10-24T07:00:00.000Z' },
    });
    // The row and its history agree: nothing was written beside the history.
    const [row] = await database.query<{ updated_at: Date; created_at: Date }>(`select updated_at, created_at from breaches where id = $1`, [d.id]);
    expect(row!.updated_at.getTime()).toBe(row!.created_at.getTime());
  });

  it('refuses a notification after 72 hours without a reason for the delay', async () => {
    clock = Date.parse('2027-03-30T09:00:00+02:00');
    const breachId = (await report('director', { kind: 'lost_device', title: 'USB-stick kwijt', discoveredAt: '2027-03-26T10:00:00+01:00' })).json().id;
    let d = await detail(breachId);
    // Across the start of summer time: Monday 11:00 summer time; now a day and 22 hours late.
    expect(d.deadline).toMatchObject({ deadlineLocal: '2027-03-29T11:00+02:00', state: 'overdue' });
    expect(d.deadline.label).toEqual({ nl: '22 uur te laat', en: '22 h overdue' });
    expect((await call('fg', 'POST', `${base()}/${breachId}/assessment`, { isBreach: true, risk: 'risk', rationale: 'Leerlinggegevens onversleuteld op de stick.' })).statusCode).toBe(200);
    const late = await call('fg', 'POST', `${base()}/${breachId}/authority-notification`, { notifiedAt: '2027-03-30T08:30:00+02:00', reference: 'AP-2027-9' });
    expect(late.statusCode).toBe(400);
    expect(late.json()).toMatchObject({ error: 'invalid_breach', issues: [{ path: '$.lateReason', message: expect.stringMatching(/reason for the delay/) }] });
    const ok = await call('fg', 'POST', `${base()}/${breachId}/authority-notification`, { notifiedAt: '2027-03-30T08:30:00+02:00', reference: 'AP-2027-9', lateReason: 'De stick bleek pas na navraag onversleuteld.' });
    expect(ok.statusCode).toBe(200);
    d = ok.json();
    expect(d.deadline).toMatchObject({ state: 'notified_late' });
    expect(d.deadline.label.nl).toBe('gemeld, 21 uur 30 min te laat');
    // risk (not high): the people concerned are not informed unless the FG chooses to.
    expect(d.informPeople).toBe(false);
    expect((await call('fg', 'POST', `${base()}/${breachId}/close`, {})).statusCode).toBe(200);
  });

  it('answers bad input with 400 and a message', async () => {
    const noKind = await call('karim', 'POST', base(), { title: 'Iets', description: 'Er is iets gebeurd met gegevens.' });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.json().issues[0].path).toBe('$.kind');
    expect(noKind.json().message).toMatch(/kind/);
    const local = await report('karim', { discoveredAt: '2026-10-23 15:00' });
    expect(local.statusCode).toBe(400);
    expect(local.json().issues[0]).toMatchObject({ path: '$.discoveredAt', message: expect.stringMatching(/offset/) });
    expect((await report('karim', { discoveredAt: '2099-01-01T00:00:00Z' })).json().issues[0].path).toBe('$.discoveredAt');
    expect((await report('karim', { peopleIds: ['00000000-0000-4000-8000-000000000000'] })).json().issues[0].path).toBe('$.peopleIds');
    const breachId = (await report('karim')).json().id;
    const assess = (body: Record<string, unknown>) => call('fg', 'POST', `${base()}/${breachId}/assessment`, { rationale: 'Een onderbouwing van het besluit.', ...body });
    expect((await assess({ isBreach: true })).json().issues[0].path).toBe('$.risk');
    expect((await assess({ isBreach: true, risk: 'risk', notifyAuthority: false })).json().issues[0].path).toBe('$.notifyAuthority');
    expect((await assess({ isBreach: true, risk: 'high', informPeople: false })).json().issues[0].path).toBe('$.noInformReason');
    expect((await assess({ isBreach: true, risk: 'extreme' })).statusCode).toBe(400);
    expect((await assess({ isBreach: true, risk: 'high', informPeople: false, noInformReason: 'Gegevens waren versleuteld (art. 34 lid 3a).' })).json()).toMatchObject({ informPeople: false, notifyAuthority: true });
    expect((await assess({ isBreach: true, risk: 'low' })).json()).toMatchObject({ notifyAuthority: false, informPeople: false, deadline: { state: 'not_required' } });
    expect((await call('fg', 'PUT', `${base()}/${breachId}`, {})).statusCode).toBe(400);
  });

  it('keeps the history append-only', async () => {
    await expect(database.query(`update breach_events set type = 'x'`)).rejects.toThrow(/append-only: UPDATE/);
    await expect(database.query(`delete from breach_events`)).rejects.toThrow(/append-only: DELETE/);
    await expect(database.query(`truncate breach_events`)).rejects.toThrow(/append-only: TRUNCATE/);
    // Nor around it: through the register's rows.
    const count = async () => (await database.query<{ n: number }>(`select count(*)::int as n from breach_events`))[0]!.n;
    const before = await count();
    expect(before).toBeGreaterThan(10);
    await expect(database.query(`truncate breaches cascade`)).rejects.toThrow(/append-only: TRUNCATE/);
    await expect(database.query(`delete from breaches`)).rejects.toThrow();
    expect(await count()).toBe(before);
  });
});

describe('possible breaches found automatically', () => {
  const submit = async (person: string) => {
    const r = await call('karim', 'POST', `/api/v1/schools/${schoolA}/posts`, {
      post: { situation: 'work', channel: { kind: 'school', platform: 'instagram' }, at: '2026-11-26T16:00:00+01:00', text: 'Herfstwandeling', media: [{ kind: 'photo', people: [id(person)] }] },
    });
    expect(r.statusCode).toBe(201);
    return r.json() as { postId: string; result: { verdict: string } };
  };
  const automatic = async (source: string) => (await call('fg', 'GET', base())).json().breaches.filter((b: { source: string }) => b.source === source);

  it('registers a possible breach when a revocation finds a published post showing the child', async () => {
    clock = Date.parse('2026-11-26T10:00:00+01:00');
    await addConsent(database.db, schoolA, id('yusuf'), 'granted');
    const post = await submit('yusuf');
    expect(post.result.verdict).toBe('allowed');
    expect((await call('karim', 'POST', `/api/v1/schools/${schoolA}/posts/${post.postId}/publish`, { confirmed: true })).statusCode).toBe(200);
    expect(await automatic('publication')).toEqual([]);
    clock = Date.parse('2026-11-27T09:15:00+01:00');
    const revoked = await call('emre', 'POST', `/api/v1/schools/${schoolA}/people/${id('yusuf')}/consents`, { channel: 'school_social_media', media: ['photo'], status: 'revoked' });
    expect(revoked.json()).toMatchObject({ takedowns: 1 });
    const [entry] = await automatic('consent_revocation');
    expect(entry).toMatchObject({ status: 'possible', kind: 'photo_without_consent', peopleIds: [id('yusuf')], discoveredAt: '2026-11-27T08:15:00.000Z', deadline: { deadlineLocal: '2026-11-30T09:15+01:00' } });
    expect(entry.title).toContain(post.postId);
    expect(entry.title).not.toMatch(/Yusuf|Demir|Herfstwandeling/);
    const [task] = (await call('comms', 'GET', `/api/v1/schools/${schoolA}/takedowns`)).json().tasks;
    expect(entry.sourceRef).toBe(`${post.postId}:${id('yusuf')}`);
    expect(entry.title).toContain(task.id);
    // One transaction with its cause: the consent event, the takedown task and the entry together.
    const audit = await database.query<{ action: string; request_id: string }>(`select action, request_id from audit_events where school_id = $1 order by seq desc limit 3`, [schoolA]);
    expect(audit.map((a) => a.action)).toEqual(['consent.revoke', 'breach.reported', 'takedown.create']);
    expect(new Set(audit.map((a) => a.request_id)).size).toBe(1);
    // Revoking again finds no new task and makes no second entry.
    await call('emre', 'POST', `/api/v1/schools/${schoolA}/people/${id('yusuf')}/consents`, { channel: 'school_social_media', media: ['photo'], status: 'revoked' });
    expect(await automatic('consent_revocation')).toHaveLength(1);
  });

  it('registers a possible breach when a photo is published although the check found no consent', async () => {
    const post = await submit('lotte');
    expect(post.result.verdict).toBe('allowed_with_changes');
    expect((await call('karim', 'POST', `/api/v1/schools/${schoolA}/posts/${post.postId}/publish`, { confirmed: true })).statusCode).toBe(200);
    const [entry] = await automatic('publication');
    expect(entry).toMatchObject({ status: 'possible', kind: 'photo_without_consent', sourceRef: post.postId, peopleIds: [id('lotte')] });
    expect(entry.title).not.toMatch(/Lotte|Peters/);
  });

  it('judges consent when the post is published, and makes no entry for a post never published', async () => {
    const consent = (status: string) => call('emre', 'POST', `/api/v1/schools/${schoolA}/people/${id('sem')}/consents`, { channel: 'school_social_media', media: ['photo'], status });
    expect((await consent('granted')).statusCode).toBe(201);
    const post = await submit('sem');
    expect(post.result.verdict).toBe('allowed');
    // Withdrawn while the post waits to be published: not yet online, so no task and no entry.
    const revoked = await consent('revoked');
    expect(revoked.json()).toMatchObject({ takedowns: 0 });
    expect((await automatic('consent_revocation')).filter((b: { peopleIds: string[] }) => b.peopleIds.includes(id('sem')))).toEqual([]);
    expect((await automatic('publication')).filter((b: { sourceRef: string }) => b.sourceRef === post.postId)).toEqual([]);
    // Published anyway (the check was fine when it ran): a possible breach, in the publication's transaction.
    expect((await call('karim', 'POST', `/api/v1/schools/${schoolA}/posts/${post.postId}/publish`, { confirmed: true })).statusCode).toBe(200);
    const made = (await automatic('publication')).filter((b: { sourceRef: string }) => b.sourceRef === post.postId);
    expect(made).toHaveLength(1);
    expect(made[0]).toMatchObject({ kind: 'photo_without_consent', peopleIds: [id('sem')], status: 'possible' });
    expect(made[0].title).not.toMatch(/Sem|Demir/);
    const audit = await database.query<{ action: string; request_id: string }>(`select action, request_id from audit_events where school_id = $1 order by seq desc limit 2`, [schoolA]);
    expect(audit.map((a) => a.action)).toEqual(['post.publish', 'breach.reported']);
    expect(new Set(audit.map((a) => a.request_id)).size).toBe(1);
  });

  it('makes no entry when consent was given between the check and publishing', async () => {
    const post = await submit('mila');
    expect(post.result.verdict).toBe('allowed_with_changes');
    await addConsent(database.db, schoolA, id('mila'), 'granted');
    expect((await call('karim', 'POST', `/api/v1/schools/${schoolA}/posts/${post.postId}/publish`, { confirmed: true })).statusCode).toBe(200);
    expect((await automatic('publication')).filter((b: { sourceRef: string }) => b.sourceRef === post.postId)).toEqual([]);
  });
});
