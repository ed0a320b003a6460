// The dashboards (docs/dashboards.md) through the HTTP API: every count checked against data made
// here with known dates, categories and articles — month boundaries in Amsterdam time on both
// sides of daylight saving, the first month of the window, a case reported before it, open and
// closed cases, the age buckets at their edges — consent coverage per group, the protocol
// confirmations, the supervision module's response times; a director of one school never sees
// another's numbers; the board view adds up the board's schools and nothing of another board;
// the CSV files parse back to the same numbers and neutralise formula-like text.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { acknowledgements, consentChannels, consentEvents, employments, escalations, people, protocolVersions, schools } from '../../src/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { parseCsv } from '../../src/modules/dashboards/csv.ts';
import { boardScope, dashboard, schoolScope } from '../../src/modules/dashboards/service.ts';
import { seedDemo } from '../../src/modules/demo/seed.ts';
import { applyTransition, createIncident } from '../../src/modules/incidents/service.ts';
import type { Category } from '../../src/modules/incidents/domain/categories.ts';
import { acknowledgementOverview } from '../../src/modules/protocol/service.ts';
import type { Role } from '../../src/policies/index.ts';
import { ROLES } from '../../src/policies/index.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { addConsent, buildPeople, buildSchool } from '../support/factories.ts';

let database: Database;
let app: FastifyInstance;
// Thursday 26 November 2026, 11:00 in Amsterdam (CET, UTC+1).
const clock = Date.parse('2026-11-26T10:00:00Z');
let schoolA: string;
let schoolB: string;
let schoolOther: string;
let boardId: string;
const as: Record<string, Record<string, string>> = {};
let ids: Map<string, { id: string }>;
const id = (name: string) => ids.get(name)!.id;

/** Cases made through the service at a known moment: [school, category, articles, reported at (UTC), closed?]. */
type Made = { school: 'A' | 'B' | 'X'; category: Category; articles: string[]; at: string; closed?: boolean };
const MADE: Made[] = [
  // Before the window (the window starts 1 December 2025, 00:00 Amsterdam = 30 Nov 23:00 UTC).
  { school: 'A', category: 'threat', articles: ['A.7', 'D.6'], at: '2025-11-30T22:59:00Z' },
  // The first minute of the window: December 2025 in Amsterdam.
  { school: 'A', category: 'bullying', articles: ['A.7'], at: '2025-11-30T23:00:00Z', closed: true },
  // 1 April 2026 00:30 in Amsterdam (summer time, UTC+2), still 31 March in UTC.
  { school: 'A', category: 'privacy', articles: ['A.7', 'A.5', 'A.2'], at: '2026-03-31T22:30:00Z' },
  // 31 October 2026 23:59 in Amsterdam (winter time since 25 October).
  { school: 'A', category: 'bullying', articles: ['A.7', 'A.2'], at: '2026-10-31T22:59:00Z', closed: true },
  // 1 November 2026 00:30 in Amsterdam.
  { school: 'A', category: 'defamation', articles: ['A.7', 'C.1'], at: '2026-10-31T23:30:00Z' },
  // Open for 72 days: 1-3 months.
  { school: 'A', category: 'bullying', articles: ['A.7'], at: '2026-09-15T10:00:00Z' },
  // Exactly 7 days old: 1-4 weeks, not "less than a week".
  { school: 'A', category: 'other', articles: ['A.7'], at: '2026-11-19T10:00:00Z' },
  // A day old.
  { school: 'A', category: 'bullying', articles: ['A.7', 'A.2'], at: '2026-11-25T10:00:00Z' },
  // School B, same board.
  { school: 'B', category: 'discrimination', articles: ['A.7'], at: '2026-06-10T08:00:00Z' },
  { school: 'B', category: 'bullying', articles: ['A.7', 'B.2'], at: '2026-11-02T08:00:00Z', closed: true },
  // Another board's school: never in these views.
  { school: 'X', category: 'bullying', articles: ['A.7'], at: '2026-11-03T08:00:00Z' },
];

beforeAll(async () => {
  database = await openTestDatabase();
  const built = await buildSchool(database.db, { brin: '99DA', name: 'De Regenboog' });
  schoolA = built.school.id;
  boardId = built.board.id;
  // A second school of the same board; its name starts with "=" to try the CSV's formula guard.
  const [b] = await database.db.insert(schools).values({ boardId, brin: '99DB', name: '=De Klimop+1' }).returning();
  schoolB = b!.id;
  schoolOther = (await buildSchool(database.db, { brin: '99DX', name: 'Andere Stichting School' })).school.id;

  ids = await buildPeople(database.db, schoolA, [
    { externalId: 's1', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b' },
    { externalId: 's2', kind: 'student', givenName: 'Lotte', familyName: 'Peters', group: '5b' },
    { externalId: 's3', kind: 'student', givenName: 'Sem', familyName: 'Bakker', group: '5b' },
    { externalId: 's4', kind: 'student', givenName: 'Mila', familyName: 'Jansen', group: '5b' },
    { externalId: 's5', kind: 'student', givenName: 'Noor', familyName: 'Visser', group: '@8' },
    { externalId: 's6', kind: 'student', givenName: 'Femke', familyName: 'Bos', group: '@8' },
    { externalId: 'left', kind: 'student', givenName: 'Daan', familyName: 'Smit', group: '5b' },
    { externalId: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'e2', kind: 'employee', givenName: 'Anouk', familyName: 'de Vries' },
    { externalId: 'e3', kind: 'employee', givenName: 'Pieter', familyName: 'Mulder' },
    { externalId: 'e-left', kind: 'employee', givenName: 'Joost', familyName: 'Kok' },
    { externalId: 'director', kind: 'employee', givenName: 'Ingrid', familyName: 'Hoekstra' },
  ]);
  const idsB = await buildPeople(database.db, schoolB, [
    { externalId: 'b1', kind: 'student', givenName: 'Ayoub', familyName: 'Amrani', group: '3' },
    { externalId: 'b2', kind: 'student', givenName: 'Eva', familyName: 'Meijer', group: '3' },
    { externalId: 'be1', kind: 'employee', givenName: 'Sanne', familyName: 'Dekker' },
  ]);
  await database.db.update(people).set({ active: false }).where(eq(people.id, id('left')));
  await database.db.update(people).set({ active: false }).where(eq(people.id, id('e-left')));
  await database.db.insert(employments).values(['e1', 'e2', 'e3', 'e-left', 'director'].map((n) => ({ personId: id(n), schoolId: schoolA })));
  await database.db.insert(employments).values({ personId: idsB.get('be1')!.id, schoolId: schoolB });

  // Consents (school year 2026-2027, valid 24 Aug 2026 - 16 Jul 2027; the factory's defaults).
  await addConsent(database.db, schoolA, id('s1'), 'granted', 'photo');
  await addConsent(database.db, schoolA, id('s2'), 'granted', 'photo');
  await addConsent(database.db, schoolA, id('s3'), 'refused', 'photo');
  // Granted, then revoked: the current state is revoked.
  await addConsent(database.db, schoolA, id('s4'), 'granted', 'photo');
  await addConsent(database.db, schoolA, id('s4'), 'revoked', 'photo');
  await addConsent(database.db, schoolA, id('s1'), 'granted', 'video');
  await addConsent(database.db, schoolA, id('s5'), 'granted', 'photo');
  // A student who left is not in the group any more, whatever they chose.
  await addConsent(database.db, schoolA, id('left'), 'granted', 'photo');
  // Last school year's consent ended on 17 July 2026: not current.
  await database.db.insert(consentEvents).values({ schoolId: schoolA, personId: id('s6'), channel: 'school_social_media', media: 'photo', schoolYear: '2025-2026', validFrom: '2025-08-25', validUntil: '2026-07-17', status: 'granted', method: 'form' });
  // A consent from next week on: not valid today.
  await database.db.insert(consentEvents).values({ schoolId: schoolA, personId: id('s6'), channel: 'newsletter', media: 'photo', schoolYear: '2026-2027', validFrom: '2026-12-01', validUntil: '2027-07-16', status: 'granted', method: 'form' });
  // The school's own channel.
  await database.db.insert(consentChannels).values({ schoolId: schoolA, code: 'schoolapp', name: 'De schoolapp' });
  await database.db.insert(consentEvents).values({ schoolId: schoolA, personId: id('s2'), channel: 'schoolapp', media: 'audio', schoolYear: '2026-2027', validFrom: '2026-08-24', validUntil: '2027-07-16', status: 'granted', method: 'form' });
  await addConsent(database.db, schoolB, idsB.get('b1')!.id, 'granted', 'photo');

  // The protocol: an old version and the current one; confirmations of both.
  const [old] = await database.db.insert(protocolVersions).values({ boardId, protocolId: 'asko-2018', version: '2017', current: false }).returning();
  const [current] = await database.db.insert(protocolVersions).values({ boardId, protocolId: 'asko-2018', version: '2018', current: true }).returning();
  await database.db.insert(acknowledgements).values([
    { protocolVersionId: current!.id, personId: id('e1') },
    { protocolVersionId: current!.id, personId: id('director') },
    // Left the school: not counted at all.
    { protocolVersionId: current!.id, personId: id('e-left') },
    // Confirmed only the old version: not counted as confirmed.
    { protocolVersionId: old!.id, personId: id('e2') },
    { protocolVersionId: current!.id, personId: idsB.get('be1')!.id },
  ]);

  // Escalations at school A: one answered after an hour, one after three hours, one waiting.
  const t = (iso: string) => new Date(iso);
  await database.db.insert(escalations).values([
    { schoolId: schoolA, createdAt: t('2026-11-20T09:00:00Z'), acknowledgedAt: t('2026-11-20T10:00:00Z'), status: 'acknowledged' },
    { schoolId: schoolA, createdAt: t('2026-11-21T09:00:00Z'), acknowledgedAt: t('2026-11-21T12:00:00Z'), status: 'acknowledged' },
    { schoolId: schoolA, createdAt: t('2026-11-25T09:00:00Z'), status: 'open' },
  ]);

  const school = { A: schoolA, B: schoolB, X: schoolOther };
  for (const m of MADE) {
    const row = await createIncident(database.db, school[m.school], { source: 'public', category: m.category, text: `Melding ${m.category} van ${m.at}`, articles: m.articles, anonymous: true }, { accountId: null, now: new Date(m.at) });
    if (m.closed) await applyTransition(database.db, school[m.school], row.id, 'dismiss', 'geen overtreding gevonden', { accountId: null, now: new Date(Date.parse(m.at) + 3_600_000) });
  }

  const account = async (name: string, grants: { schoolId: string; role: Role }[]) => {
    const acc = await makeAccount(database.db, grants.map((g) => ({ ...g, personId: null })));
    as[name] = await tokenHeaders(database.db, acc.id);
  };
  await account('directorA', [{ schoolId: schoolA, role: 'director' }]);
  await account('directorB', [{ schoolId: schoolB, role: 'director' }]);
  await account('boardAB', [
    { schoolId: schoolA, role: 'board' },
    { schoolId: schoolB, role: 'board' },
  ]);
  await account('boardOnlyA', [
    { schoolId: schoolA, role: 'board' },
    { schoolId: schoolB, role: 'director' },
  ]);
  await account('boardOther', [{ schoolId: schoolOther, role: 'board' }]);
  for (const role of ROLES) await account(role, [{ schoolId: schoolA, role }]);
  await account('reporter', [{ schoolId: schoolA, role: 'employee' }]);
  app = await buildApp({ database, now: () => clock });
  await app.ready();
}, 90_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]! });
const schoolView = async (who: string, schoolId = schoolA) => {
  const res = await get(who, `/api/v1/schools/${schoolId}/dashboard`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const boardView = async (who = 'boardAB', schoolId = schoolA) => {
  const res = await get(who, `/api/v1/schools/${schoolId}/board-dashboard`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const monthsOf = (d: { months: { month: string; reported: number; open: number; closed: number }[] }) => Object.fromEntries(d.months.filter((m) => m.reported > 0).map((m) => [m.month, [m.reported, m.open, m.closed]]));
const countsOf = <K extends string>(list: ({ cases: number } & Record<K, string>)[], key: K) => Object.fromEntries(list.filter((x) => x.cases > 0).map((x) => [x[key], x.cases]));

describe(`dashboards on ${onPostgres ? 'PostgreSQL' : 'PGlite'}`, () => {
  it('counts the school’s cases per month in Amsterdam time, open or closed now, over the last 12 months', async () => {
    const d = await schoolView('directorA');
    expect(d.view).toBe('school');
    expect(d.schools).toEqual([{ id: schoolA, name: 'De Regenboog' }]);
    expect(d.window).toEqual({ from: '2025-12', until: '2026-11' });
    expect(d.months).toHaveLength(12);
    expect(d.months[0].month).toBe('2025-12');
    expect(d.months[11].month).toBe('2026-11');
    // [reported, open now, closed now]
    expect(monthsOf(d)).toEqual({
      '2025-12': [1, 0, 1],
      '2026-04': [1, 1, 0],
      '2026-09': [1, 1, 0],
      '2026-10': [1, 0, 1],
      '2026-11': [3, 3, 0],
    });
    // The months without cases are there with zeros.
    expect(d.months.find((m: { month: string }) => m.month === '2026-03')).toEqual({ month: '2026-03', reported: 0, open: 0, closed: 0 });
  });

  it('counts per article (a case once per article it cites), per category and per school, in the same window', async () => {
    const d = await schoolView('directorA');
    expect(countsOf(d.articles, 'article')).toEqual({ 'A.7': 7, 'A.2': 3, 'A.5': 1, 'C.1': 1 });
    // Most cited first.
    expect(d.articles[0]).toEqual({ article: 'A.7', cases: 7 });
    // D.6 was only cited by the case before the window.
    expect(d.articles.find((a: { article: string }) => a.article === 'D.6')).toBeUndefined();
    expect(countsOf(d.categories, 'category')).toEqual({ bullying: 4, privacy: 1, defamation: 1, other: 1 });
    // Every category is listed, with zero where there is none.
    expect(d.categories.map((c: { category: string }) => c.category)).toEqual(['bullying', 'threat', 'defamation', 'privacy', 'discrimination', 'sexual_images_of_minors', 'other']);
    expect(d.perSchool).toEqual([{ schoolId: schoolA, school: 'De Regenboog', reported: 7, open: 5, closed: 2 }]);
  });

  it('puts the open cases by age in buckets, the case from before the window included, closed ones never', async () => {
    const d = await schoolView('directorA');
    expect(Object.fromEntries(d.openByAge.map((b: { bucket: string; cases: number }) => [b.bucket, b.cases]))).toEqual({ lt_1w: 1, w1_4: 2, m1_3: 1, gt_3m: 2 });
    expect(d.openByAge.map((b: { fromDays: number; untilDays: number | null }) => [b.fromDays, b.untilDays])).toEqual([
      [0, 7],
      [7, 28],
      [28, 91],
      [91, null],
    ]);
  });

  it('gives consent coverage per group, channel and media kind: granted and valid today, of the active students', async () => {
    const d = await schoolView('directorA');
    expect(d.consent.schoolYear).toBe('2026-2027');
    expect(d.consent.date).toBe('2026-11-26');
    const cell = (group: string, channel: string, media: string) => {
      const r = d.consent.rows.find((x: { group: string; channel: string; media: string }) => x.group === group && x.channel === channel && x.media === media);
      return r && [r.granted, r.students];
    };
    // 5b: four active students (Daan left); Yusuf and Lotte granted; Sem refused; Mila revoked.
    expect(cell('5b', 'school_social_media', 'photo')).toEqual([2, 4]);
    expect(cell('5b', 'school_social_media', 'video')).toEqual([1, 4]);
    expect(cell('5b', 'school_social_media', 'audio')).toEqual([0, 4]);
    expect(cell('5b', 'newsletter', 'photo')).toEqual([0, 4]);
    expect(cell('5b', 'schoolapp', 'audio')).toEqual([1, 4]);
    // @8: Noor granted; Femke's consent of last year ended, her newsletter consent starts next week.
    expect(cell('@8', 'school_social_media', 'photo')).toEqual([1, 2]);
    expect(cell('@8', 'newsletter', 'photo')).toEqual([0, 2]);
    expect(d.consent.rows.find((x: { group: string; channel: string; media: string }) => x.group === '5b' && x.channel === 'school_social_media' && x.media === 'photo').share).toBe(0.5);
    // Two groups x five channels (four standard, one of the school's own) x three media kinds.
    expect(d.consent.rows).toHaveLength(2 * 5 * 3);
    expect(new Set(d.consent.rows.map((r: { schoolId: string }) => r.schoolId))).toEqual(new Set([schoolA]));
  });

  it('gives the share of employees who confirmed the current protocol version, as the protocol module counts it', async () => {
    const d = await schoolView('directorA');
    expect(d.acknowledgements.version.version).toBe('2018');
    // Active employees employed here: Karim, Anouk, Pieter, Ingrid; Karim and Ingrid confirmed 2018.
    expect(d.acknowledgements.schools).toEqual([{ schoolId: schoolA, school: 'De Regenboog', employees: 4, acknowledged: 2, rate: 0.5 }]);
    const overview = await acknowledgementOverview(database.db, schoolA);
    expect([overview.total, overview.acknowledged]).toEqual([d.acknowledgements.employees, d.acknowledgements.acknowledged]);
  });

  it('takes the response times from the supervision module, the same numbers as its own endpoint', async () => {
    const d = await schoolView('board');
    const own = await get('board', `/api/v1/schools/${schoolA}/escalations/response-times`);
    expect(own.statusCode).toBe(200);
    expect(d.responseTimes.days).toBe(90);
    expect(d.responseTimes.schools).toEqual([{ school: 'De Regenboog', ...own.json() }]);
    // One hour and three hours to the first answer: median two hours; one still waits.
    expect(d.responseTimes.schools[0].escalations.acknowledged).toMatchObject({ count: 2, medianSeconds: 7200 });
    expect(d.responseTimes.schools[0].escalations.openNow).toBe(1);
  });

  it('never shows a director another school’s numbers', async () => {
    const b = await schoolView('directorB', schoolB);
    expect(b.schools).toEqual([{ id: schoolB, name: '=De Klimop+1' }]);
    expect(monthsOf(b)).toEqual({ '2026-06': [1, 1, 0], '2026-11': [1, 0, 1] });
    expect(countsOf(b.articles, 'article')).toEqual({ 'A.7': 2, 'B.2': 1 });
    expect(b.acknowledgements.schools).toEqual([{ schoolId: schoolB, school: '=De Klimop+1', employees: 1, acknowledged: 1, rate: 1 }]);
    expect(new Set(b.consent.rows.map((r: { group: string }) => r.group))).toEqual(new Set(['3']));
    for (const url of [`/api/v1/schools/${schoolB}/dashboard`, `/api/v1/schools/${schoolB}/dashboard/export/maanden`, `/api/v1/schools/${schoolA}/board-dashboard`]) {
      const res = await get('directorA', url);
      expect(res.statusCode, url).toBe(403);
      expect(res.json().error).toBe('forbidden');
    }
    // The board of another board's school sees nothing of this board.
    expect((await get('boardOther', `/api/v1/schools/${schoolA}/dashboard`)).statusCode).toBe(403);
    expect((await get('boardOther', `/api/v1/schools/${schoolA}/board-dashboard`)).statusCode).toBe(403);
  });

  it('adds up the board’s schools in the board view, and only the schools where the account is board', async () => {
    const [a, b, board] = await Promise.all([schoolView('boardAB', schoolA), schoolView('boardAB', schoolB), boardView('boardAB', schoolB)]);
    expect(board.view).toBe('board');
    expect(board.board).toEqual({ id: boardId, name: 'ASKO', protocolId: 'asko-2018' });
    expect(board.schools.map((s: { id: string }) => s.id).sort()).toEqual([schoolA, schoolB].sort());
    // Every month is the sum of the two schools; the other board's case of November is not there.
    for (let i = 0; i < 12; i++) {
      expect(board.months[i]).toEqual({ month: a.months[i].month, reported: a.months[i].reported + b.months[i].reported, open: a.months[i].open + b.months[i].open, closed: a.months[i].closed + b.months[i].closed });
    }
    expect(monthsOf(board)['2026-11']).toEqual([4, 3, 1]);
    expect(countsOf(board.articles, 'article')).toEqual({ 'A.7': 9, 'A.2': 3, 'A.5': 1, 'C.1': 1, 'B.2': 1 });
    expect(countsOf(board.categories, 'category')).toEqual({ bullying: 5, privacy: 1, defamation: 1, other: 1, discrimination: 1 });
    expect(board.perSchool).toEqual(
      expect.arrayContaining([
        { schoolId: schoolA, school: 'De Regenboog', reported: 7, open: 5, closed: 2 },
        { schoolId: schoolB, school: '=De Klimop+1', reported: 2, open: 1, closed: 1 },
      ]),
    );
    expect(Object.fromEntries(board.openByAge.map((x: { bucket: string; cases: number }) => [x.bucket, x.cases]))).toEqual({ lt_1w: 1, w1_4: 2, m1_3: 1, gt_3m: 3 });
    expect(board.acknowledgements).toMatchObject({ employees: 5, acknowledged: 3, rate: 0.6 });
    expect(board.consent.rows).toHaveLength(a.consent.rows.length + b.consent.rows.length);
    expect(board.responseTimes.schools).toHaveLength(2);
    // Board at A only (director at B): the board view holds school A alone, from either school.
    const onlyA = await boardView('boardOnlyA', schoolA);
    expect(onlyA.schools.map((s: { id: string }) => s.id)).toEqual([schoolA]);
    expect(onlyA.months).toEqual(a.months);
    expect((await get('boardOnlyA', `/api/v1/schools/${schoolB}/board-dashboard`)).statusCode).toBe(403);
  });

  it('lets in the director and the board only (school view), the board only (board view)', async () => {
    for (const role of ROLES) {
      const school = await get(role, `/api/v1/schools/${schoolA}/dashboard`);
      expect(`${role} ${school.statusCode}`).toBe(`${role} ${['director', 'board'].includes(role) ? 200 : 403}`);
      const board = await get(role, `/api/v1/schools/${schoolA}/board-dashboard/export/scholen`);
      expect(`${role} ${board.statusCode}`).toBe(`${role} ${role === 'board' ? 200 : 403}`);
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/dashboard` })).statusCode).toBe(401);
  });

  it('exports each table as CSV for Dutch Excel that parses back to the same numbers', async () => {
    const d = await boardView('boardAB');
    const csv = async (table: string) => {
      const res = await get('boardAB', `/api/v1/schools/${schoolA}/board-dashboard/export/${table}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="postwijzer-bestuur-${table}-2026-11-26\\.csv"$`));
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(res.body.endsWith('\r\n')).toBe(true);
      return parseCsv(res.body);
    };
    const months = await csv('maanden');
    expect(months[0]).toEqual(['maand', 'gemeld', 'nog open', 'afgesloten']);
    expect(months.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3])])).toEqual(d.months.map((m: { month: string; reported: number; open: number; closed: number }) => [m.month, m.reported, m.open, m.closed]));
    const articles = await csv('artikelen');
    expect(Object.fromEntries(articles.slice(1).map((r) => [r[0], Number(r[1])]))).toEqual(countsOf(d.articles, 'article'));
    const categories = await csv('categorieen');
    expect(categories.slice(1).map((r) => [r[0], Number(r[1])])).toEqual(d.categories.map((c: { category: string; cases: number }) => [c.category, c.cases]));
    const ages = await csv('open-per-leeftijd');
    expect(ages.slice(1)).toEqual([
      ['lt_1w', '0', '7', '1'],
      ['w1_4', '7', '28', '2'],
      ['m1_3', '28', '91', '1'],
      ['gt_3m', '91', '', '3'],
    ]);
    // The school named "=De Klimop+1" and the group "@8" are text, not formulas.
    const perSchool = await csv('scholen');
    expect(perSchool.slice(1)).toEqual(expect.arrayContaining([["'=De Klimop+1", '2', '1', '1'], ['De Regenboog', '7', '5', '2']]));
    const consent = await csv('toestemming');
    expect(consent[0]).toEqual(['school', 'groep', 'kanaal', 'soort', 'leerlingen', 'met toestemming', 'aandeel']);
    expect(consent).toHaveLength(d.consent.rows.length + 1);
    expect(consent.find((r) => r[1] === '5b' && r[2] === 'school_social_media' && r[3] === 'photo')).toEqual(['De Regenboog', '5b', 'school_social_media', 'photo', '4', '2', '0,5']);
    expect(consent.some((r) => r[1] === "'@8")).toBe(true);
    expect(consent.every((r) => !/^[=+\-@]/.test(r[0]!) && !/^[=+\-@]/.test(r[1]!))).toBe(true);
    // Decimal comma: the share reads back as the same number.
    for (const [i, r] of consent.slice(1).entries()) {
      const row = d.consent.rows[i];
      expect([Number(r[4]), Number(r[5]), r[6] === '' ? null : Number(r[6]!.replace(',', '.'))]).toEqual([row.students, row.granted, row.share === null ? null : Math.round(row.share * 10_000) / 10_000]);
    }
    const acks = await csv('bevestigingen');
    expect(acks.slice(1)).toEqual(expect.arrayContaining([['De Regenboog', '4', '2', '0,5'], ["'=De Klimop+1", '1', '1', '1']]));
    const times = await csv('reactietijden');
    const a = times.find((r) => r[0] === 'De Regenboog')!;
    expect([Number(a[1]), Number(a[2]), Number(a[4]), Number(a[5])]).toEqual([3, 1, 2, 7200]);
  });

  it('answers 400 for an unknown table', async () => {
    const bad = await get('board', `/api/v1/schools/${schoolA}/board-dashboard/export/wachtwoorden`);
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/maanden/);
    const none = await get('directorA', `/api/v1/schools/${schoolA}/dashboard/export/..%2F..%2Fetc`);
    expect(none.statusCode).toBe(400);
  });
  // Runs last: it adds a case.
  it('a case reported now shows up at once, and closing it moves it from open to closed', async () => {
    const before = await schoolView('directorA');
    const res = await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolA}/incidents`, headers: as.reporter!, payload: { category: 'threat', text: 'Iemand dreigt in de groepsapp van de ouders.' } });
    expect(res.statusCode, res.body).toBe(201);
    const after = await schoolView('directorA');
    const nov = (d: typeof before) => d.months.find((m: { month: string }) => m.month === '2026-11');
    expect(nov(after)).toEqual({ ...nov(before), reported: nov(before).reported + 1, open: nov(before).open + 1 });
    expect(after.categories.find((c: { category: string }) => c.category === 'threat').cases).toBe(1);
    expect(after.openByAge[0].cases).toBe(before.openByAge[0].cases + 1);
    await applyTransition(database.db, schoolA, res.json().id, 'dismiss', 'dubbele melding', { accountId: null, now: new Date(clock) });
    const closed = await schoolView('directorA');
    expect(nov(closed)).toEqual({ ...nov(before), reported: nov(before).reported + 1, closed: nov(before).closed + 1 });
    expect(closed.openByAge).toEqual(before.openByAge);
  });
});

describe(`the demo board’s dashboard (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('shows cases over several months, open cases, consent coverage, confirmations and response times', { timeout: 120_000 }, async () => {
    const demo = await openTestDatabase();
    try {
      await seedDemo({ db: demo.db, now: clock, seed: 1 });
      const list = await demo.query<{ id: string }>(`select id from schools order by brin`);
      const first = await dashboard(demo.db, await schoolScope(demo.db, list[0]!.id), clock);
      expect(first.months.filter((m) => m.reported > 0).length).toBeGreaterThanOrEqual(6);
      expect(first.months.some((m) => m.open > 0) && first.months.some((m) => m.closed > 0)).toBe(true);
      expect(first.articles.length).toBeGreaterThanOrEqual(3);
      expect(first.consent.rows.some((r) => r.granted > 0 && r.granted < r.students)).toBe(true);
      expect(first.acknowledgements.rate).toBeGreaterThan(0);
      expect(first.acknowledgements.rate).toBeLessThan(1);
      expect(first.responseTimes.schools[0]!.escalations.acknowledged.count).toBeGreaterThan(0);
      // The board (it holds the role at both schools) sees both, added up.
      const boardActor = { accountId: 'x', displayName: 'x', email: 'x', via: 'session' as const, schools: new Map(list.map((s) => [s.id, { roles: new Set(['board' as const]), personId: null }])) };
      const both = await dashboard(demo.db, await boardScope(demo.db, boardActor, list[0]!.id), clock);
      expect(both.perSchool.every((s) => s.reported > 0)).toBe(true);
      expect(both.openByAge.filter((b) => b.cases > 0).length).toBeGreaterThanOrEqual(3);
    } finally {
      await demo.close();
    }
  });
});
