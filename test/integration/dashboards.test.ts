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
import { acknowledgements, consentChannels, consentEvents, employments, escalations, groups, incidents, people, posts, protocolVersions, reviewEvents, reviews, schools } from '../../src/db/schema/index.ts';
import { eq } from 'drizzle-orm';
import { parseCsv } from '../../src/connections/parsers.ts';
import { BOM, SEPARATOR } from '../../src/modules/dashboards/csv.ts';
import type { Dashboard } from '../../src/modules/dashboards/service.ts';
import { boardScope, dashboard, schoolScope } from '../../src/modules/dashboards/service.ts';
import { consentState } from '../../src/engine/rules/media-consent.ts';
import { TABLES, tableOf } from '../../src/modules/dashboards/tables.ts';
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

/** Escalations at school A: created at, minutes to the first answer and to resolution (none: not yet). */
const ESCALATIONS: { at: string; ack?: number; resolved?: number }[] = [
  { at: '2026-11-20T09:00:00Z', ack: 60 },
  { at: '2026-11-21T09:00:00Z', ack: 180 },
  { at: '2026-10-01T08:00:00Z', ack: 10, resolved: 120 },
  { at: '2026-10-15T12:00:00Z', ack: 25, resolved: 30 * 60 },
  { at: '2026-11-02T07:30:00Z', ack: 45 },
  // Waiting now.
  { at: '2026-11-25T09:00:00Z' },
  // Before the 90 days (from 28 August 2026 10:00 UTC): not in the times; the one still waiting counts as waiting.
  { at: '2026-08-01T10:00:00Z', ack: 5, resolved: 10 },
  { at: '2026-08-20T10:00:00Z' },
];
/** Review requests at school A: their history, in order. */
const REVIEWS: ['requested' | 'resubmitted' | 'changes_requested' | 'approved', string][][] = [
  [
    ['requested', '2026-11-10T08:00:00Z'],
    ['changes_requested', '2026-11-10T08:20:00Z'],
    ['resubmitted', '2026-11-10T09:00:00Z'],
    ['approved', '2026-11-10T09:10:00Z'],
  ],
  [
    ['requested', '2026-11-12T13:00:00Z'],
    ['approved', '2026-11-12T13:40:00Z'],
  ],
  // Decided before the 90 days: not counted.
  [
    ['requested', '2026-07-01T08:00:00Z'],
    ['approved', '2026-07-01T18:00:00Z'],
  ],
];

/** The q-th percentile of numbers with linear interpolation between the closest ranks (as percentile_cont). */
function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const pos = q * (sorted.length - 1);
  const lo = Math.floor(pos);
  return sorted[lo]! + (pos - lo) * ((sorted[Math.min(lo + 1, sorted.length - 1)] ?? 0) - sorted[lo]!);
}

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

  // Escalations and review requests at school A at known moments (ESCALATIONS, REVIEWS below).
  const t = (iso: string) => new Date(iso);
  const plus = (iso: string, minutes: number | undefined) => (minutes === undefined ? null : new Date(Date.parse(iso) + minutes * 60_000));
  await database.db.insert(escalations).values(
    ESCALATIONS.map((e) => ({
      schoolId: schoolA,
      createdAt: t(e.at),
      acknowledgedAt: plus(e.at, e.ack),
      resolvedAt: plus(e.at, e.resolved),
      status: e.resolved !== undefined ? ('resolved' as const) : e.ack !== undefined ? ('acknowledged' as const) : ('open' as const),
    })),
  );
  for (const r of REVIEWS) {
    const [post] = await database.db.insert(posts).values({ schoolId: schoolA, content: { text: 'Bericht' } as never }).returning();
    const [review] = await database.db.insert(reviews).values({ schoolId: schoolA, postId: post!.id, status: 'approved', createdAt: t(r[0]![1]), submittedAt: t(r[0]![1]) }).returning();
    // One at a time, so that the ids follow the moments (the decision is timed against the sending before it).
    for (const [kind, at] of r) await database.db.insert(reviewEvents).values({ reviewId: review!.id, kind, at: t(at) });
  }

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
    expect(d.schools).toEqual([{ id: schoolA, name: 'De Regenboog', timeZone: 'Europe/Amsterdam' }]);
    expect(d.timeZone).toBe('Europe/Amsterdam');
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

  it('gives the response times of the last 90 days: the median and 90th percentile of the known moments', async () => {
    const d = await schoolView('board');
    expect(d.responseTimes.days).toBe(90);
    // Worked out here from the fixture, not by the code under test.
    const since = clock - 90 * 86_400_000;
    const inWindow = ESCALATIONS.filter((e) => Date.parse(e.at) >= since);
    const seconds = (list: (number | undefined)[]) => list.filter((m): m is number => m !== undefined).map((m) => m * 60);
    const acks = seconds(inWindow.map((e) => e.ack));
    const resolved = seconds(inWindow.map((e) => e.resolved));
    expect(acks).toEqual([3600, 10800, 600, 1500, 2700]);
    const waiting = ESCALATIONS.filter((e) => e.ack === undefined);
    const decisions = REVIEWS.flatMap((r) => r.flatMap(([kind, at], i) => (['approved', 'changes_requested'].includes(kind) && Date.parse(at) >= since ? [(Date.parse(at) - Date.parse(r[i - 1]![1])) / 1000] : [])));
    expect(decisions).toEqual([1200, 600, 2400]);
    const [a] = d.responseTimes.schools;
    expect(a).toMatchObject({ school: 'De Regenboog', schoolId: schoolA, since: new Date(since).toISOString() });
    expect(a.escalations).toEqual({
      total: inWindow.length,
      openNow: waiting.length,
      oldestOpenSeconds: (clock - Math.min(...waiting.map((e) => Date.parse(e.at)))) / 1000,
      acknowledged: { count: acks.length, medianSeconds: Math.round(percentile(acks, 0.5)), p90Seconds: Math.round(percentile(acks, 0.9)) },
      resolved: { count: resolved.length, medianSeconds: Math.round(percentile(resolved, 0.5)), p90Seconds: Math.round(percentile(resolved, 0.9)) },
    });
    // The same by hand: 10, 25, 45, 60, 180 minutes → median 45 min, p90 60 + 0.6 × 120 = 132 min.
    expect([a.escalations.acknowledged.medianSeconds, a.escalations.acknowledged.p90Seconds]).toEqual([2700, 7920]);
    expect(a.escalations.resolved).toEqual({ count: 2, medianSeconds: 57_600, p90Seconds: 97_920 });
    expect(a.escalations.openNow).toBe(2);
    expect(a.escalations.oldestOpenSeconds).toBe(98 * 86_400);
    expect(a.reviews.decided).toEqual({ count: decisions.length, medianSeconds: Math.round(percentile(decisions, 0.5)), p90Seconds: Math.round(percentile(decisions, 0.9)) });
    expect([a.reviews.decided.medianSeconds, a.reviews.decided.p90Seconds]).toEqual([1200, 2160]);
  });

  it('never shows a director another school’s numbers', async () => {
    const b = await schoolView('directorB', schoolB);
    expect(b.schools).toEqual([{ id: schoolB, name: '=De Klimop+1', timeZone: 'Europe/Amsterdam' }]);
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
      expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="postwijzer-bestuur-${table}-2026-11-26\\.csv"; filename\\*=UTF-8''postwijzer-bestuur-${table}-2026-11-26\\.csv$`));
      expect(res.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      expect(res.body.endsWith('\r\n')).toBe(true);
      expect(res.body.startsWith(BOM)).toBe(true);
      return parseCsv(res.body.slice(BOM.length), SEPARATOR);
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
    expect([Number(a[1]), Number(a[2]), Number(a[3]), Number(a[4]), Number(a[5]), Number(a[6])]).toEqual([6, 2, 98 * 86_400, 5, 2700, 7920]);
    expect(times.find((r) => r[0] === "'=De Klimop+1")!.slice(1, 5)).toEqual(['0', '0', '', '0']);
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

describe(`a second board: consent as the post check sees it, time zones per school, edges (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  // Two schools of another board: Aan Zee on Bonaire (America/Kralendijk, UTC-4, no daylight saving)
  // and Zuiderlicht in Amsterdam. "Aan Zee" sorts first, so it is the first school of the board view.
  let zee: string;
  let zuid: string;
  let zIds: Map<string, { id: string }>;
  let kIds: Map<string, { id: string }>;
  // Monday 30 November 2026 23:30 UTC: 1 December 00:30 in Amsterdam, 30 November 19:30 on Bonaire.
  const turn = Date.parse('2026-11-30T23:30:00Z');
  const day = 86_400_000;

  beforeAll(async () => {
    const built = await buildSchool(database.db, { brin: '99ZL', name: 'Zuiderlicht' });
    zuid = built.school.id;
    const [k] = await database.db.insert(schools).values({ boardId: built.board.id, brin: '99ZE', name: 'Aan Zee', timezone: 'America/Kralendijk' }).returning();
    zee = k!.id;
    zIds = await buildPeople(database.db, zuid, ['z1', 'z2', 'z3', 'z4'].map((externalId) => ({ externalId, kind: 'student' as const, givenName: externalId, familyName: 'Zuid', group: '7' })));
    kIds = await buildPeople(database.db, zee, [
      { externalId: 'k1', kind: 'student', givenName: 'k1', familyName: 'Zee', group: 'A1' },
      { externalId: 'moved', kind: 'student', givenName: 'Ravi', familyName: 'Zee', group: 'A1' },
    ]);
    const consent = (schoolId: string, personId: string, status: 'granted' | 'refused' | 'revoked', schoolYear: string, validFrom: string, validUntil: string, channel = 'school_social_media') =>
      database.db.insert(consentEvents).values({ schoolId, personId, channel, media: 'photo', schoolYear, validFrom, validUntil, status, method: 'form' });
    // z1: last year's refusal runs to the end of 2026 and outweighs this year's grant.
    await consent(zuid, zIds.get('z1')!.id, 'refused', '2025-2026', '2025-08-25', '2026-12-31');
    await consent(zuid, zIds.get('z1')!.id, 'granted', '2026-2027', '2026-08-24', '2027-07-16');
    // z2: last year's grant runs to the end of 2026, but this year's consent is revoked.
    await consent(zuid, zIds.get('z2')!.id, 'granted', '2025-2026', '2025-08-25', '2026-12-31');
    await consent(zuid, zIds.get('z2')!.id, 'revoked', '2026-2027', '2026-08-24', '2027-07-16');
    // z3: last year's refusal ended in July; this year's grant counts.
    await consent(zuid, zIds.get('z3')!.id, 'refused', '2025-2026', '2025-08-25', '2026-07-17');
    await consent(zuid, zIds.get('z3')!.id, 'granted', '2026-2027', '2026-08-24', '2027-07-16');
    // z4: granted; and for the newsletter from 1 December.
    await consent(zuid, zIds.get('z4')!.id, 'granted', '2026-2027', '2026-08-24', '2027-07-16');
    await consent(zuid, zIds.get('z4')!.id, 'granted', '2026-2027', '2026-12-01', '2027-07-16', 'newsletter');
    await consent(zee, kIds.get('k1')!.id, 'granted', '2026-2027', '2026-08-24', '2027-07-16');
    await consent(zee, kIds.get('k1')!.id, 'granted', '2026-2027', '2026-12-01', '2027-07-16', 'newsletter');
    // Ravi was at Aan Zee, with a grant there; he moved to Zuiderlicht, group 7.
    await consent(zee, kIds.get('moved')!.id, 'granted', '2026-2027', '2026-08-24', '2027-07-16');
    const [g7] = await database.db.select().from(groups).where(eq(groups.schoolId, zuid));
    await database.db.update(people).set({ schoolId: zuid, groupId: g7!.id }).where(eq(people.id, kIds.get('moved')!.id));

    // Open cases at Zuiderlicht at the edges of the age buckets (exact days of 24 hours before the clock).
    const minute = 60_000;
    for (const age of [7 * day - minute, 28 * day - minute, 28 * day, 91 * day - minute, 91 * day]) {
      await createIncident(database.db, zuid, { source: 'public', category: 'bullying', text: `Melding van ${age} ms geleden`, articles: ['A.7'], anonymous: true }, { accountId: null, now: new Date(clock - age) });
    }
    // A case that cites A.7 twice (as stored by an import or an older version), closed.
    await database.db.insert(incidents).values({ schoolId: zuid, status: 'closed', category: 'other', articles: ['A.7', 'A.2', 'A.7'], summary: 'Dubbel', createdAt: new Date('2026-11-10T09:00:00Z') });
    // Cases around the turn of the month (closed, so that they stay out of the ages).
    const closedCase = (schoolId: string, at: string) => database.db.insert(incidents).values({ schoolId, status: 'closed', category: 'privacy', articles: ['C.1'], summary: 'Maandwissel', createdAt: new Date(at) });
    await closedCase(zuid, '2026-11-30T23:10:00Z'); // December in Amsterdam
    await closedCase(zee, '2026-11-30T22:00:00Z'); // November on Bonaire
    await closedCase(zee, '2025-12-01T05:00:00Z'); // 1 December 2025 01:00 on Bonaire: the first month of Aan Zee's window
    await closedCase(zee, '2025-12-01T03:00:00Z'); // 30 November 2025 on Bonaire: before Aan Zee's window
    await closedCase(zuid, '2025-11-30T23:30:00Z'); // 1 December 2025 in Amsterdam: before Zuiderlicht's window at the turn

    const acc = async (grants: { schoolId: string; role: Role }[]) => tokenHeaders(database.db, (await makeAccount(database.db, grants.map((g) => ({ ...g, personId: null })))).id);
    as.boardZ = await acc([
      { schoolId: zuid, role: 'board' },
      { schoolId: zee, role: 'board' },
    ]);
    // Board at a school of each board.
    as.boardTwo = await acc([
      { schoolId: schoolA, role: 'board' },
      { schoolId: zuid, role: 'board' },
    ]);
  }, 60_000);

  const coverage = (d: Dashboard, school: string, group: string, channel: string) => {
    const r = d.consent.rows.find((x) => x.schoolId === school && x.group === group && x.channel === channel && x.media === 'photo')!;
    return [r.granted, r.students];
  };

  it('counts a student covered as the post check does: a refusal or revocation valid today outweighs a grant of another school year', async () => {
    const d: Dashboard = await boardView('boardZ', zuid);
    // Group 7: z1 refused (last year's row, still valid), z2 revoked, z3 and z4 granted, Ravi's grant is Aan Zee's.
    expect(coverage(d, zuid, '7', 'school_social_media')).toEqual([2, 5]);
    // The same answer as the post check's rule, student by student, over the same current rows.
    const rowsOf = await database.query<{ person_id: string; channel: string; media: 'photo'; valid_from: string | Date; valid_until: string | Date; status: 'granted' | 'refused' | 'revoked' }>(
      `select person_id, channel, media::text as media, valid_from, valid_until, status::text as status from consents_current where school_id = $1`,
      [zuid],
    );
    const asDate = (v: string | Date) => (typeof v === 'string' ? v.slice(0, 10) : v.toISOString().slice(0, 10));
    const states = [...zIds.values(), kIds.get('moved')!].map((p) =>
      consentState(
        rowsOf.filter((r) => r.person_id === p.id).map((r) => ({ personId: r.person_id, channel: r.channel, media: [r.media], validFrom: asDate(r.valid_from), validUntil: asDate(r.valid_until), status: r.status })),
        'school_social_media',
        'photo',
        d.consent.date!,
      ),
    );
    expect(states).toEqual(['refused', 'revoked', 'granted', 'granted', 'missing']);
    expect(states.filter((s) => s === 'granted')).toHaveLength(coverage(d, zuid, '7', 'school_social_media')[0]!);
    // Aan Zee's group A1 holds k1 only now; Ravi's old grant counts nowhere.
    expect(coverage(d, zee, 'A1', 'school_social_media')).toEqual([1, 1]);
    // The school view of Zuiderlicht agrees.
    const z: Dashboard = await schoolView('boardZ', zuid);
    expect(coverage(z, zuid, '7', 'school_social_media')).toEqual([2, 5]);
  });

  it('puts open cases at the 7-, 28- and 91-day edges in the right bucket', async () => {
    const z = await schoolView('boardZ', zuid);
    // 7 days minus a minute: under a week; 28 days minus a minute: 1-4 weeks; exactly 28 days and
    // 91 days minus a minute: 1-3 months; exactly 91 days: over 3 months.
    expect(Object.fromEntries(z.openByAge.map((b: { bucket: string; cases: number }) => [b.bucket, b.cases]))).toEqual({ lt_1w: 1, w1_4: 1, m1_3: 2, gt_3m: 1 });
  });

  it('counts an article that a case cites twice once for that case', async () => {
    const z = await schoolView('boardZ', zuid);
    // Five cases cite A.7 once, one cites it twice (and A.2); the case of 1 December 2025 cites C.1.
    expect(countsOf(z.articles, 'article')).toEqual({ 'A.7': 6, 'A.2': 1, 'C.1': 1 });
    const csv = await get('boardZ', `/api/v1/schools/${zuid}/dashboard/export/artikelen`);
    expect(parseCsv(csv.body.slice(BOM.length), SEPARATOR).slice(1)).toEqual([
      ['A.7', '6'],
      ['A.2', '1'],
      ['C.1', '1'],
    ]);
  });

  it('shows an account that is board at two boards only the board of the school in the address', async () => {
    const viaA = await boardView('boardTwo', schoolA);
    expect(viaA.board.id).toBe(boardId);
    expect(viaA.schools.map((s: { id: string }) => s.id)).toEqual([schoolA]);
    expect(viaA.months).toEqual((await schoolView('directorA')).months);
    const viaZ = await boardView('boardTwo', zuid);
    expect(viaZ.board.id).not.toBe(boardId);
    expect(viaZ.schools.map((s: { id: string }) => s.id)).toEqual([zuid]);
    expect(viaZ.articles).toEqual((await schoolView('boardZ', zuid)).articles);
    const perSchool = await get('boardTwo', `/api/v1/schools/${schoolA}/board-dashboard/export/scholen`);
    expect(parseCsv(perSchool.body.slice(BOM.length), SEPARATOR).slice(1).map((r) => r[0])).toEqual(['De Regenboog']);
    // Not board at Aan Zee: no board view through it.
    expect((await get('boardTwo', `/api/v1/schools/${zee}/board-dashboard`)).statusCode).toBe(403);
  });

  it('takes each school’s own time zone in the board view: months and consent dates, nothing dropped', async () => {
    const actor = { accountId: 'x', displayName: 'x', email: 'x', via: 'session' as const, schools: new Map([zee, zuid].map((s) => [s, { roles: new Set(['board' as const]), personId: null }])) };
    const scope = await boardScope(database.db, actor, zuid);
    expect(scope.schools.map((s) => s.name)).toEqual(['Aan Zee', 'Zuiderlicht']);
    const d = await dashboard(database.db, scope, turn);
    // Aan Zee is still in November (December 2025 - November 2026), Zuiderlicht in December
    // (January - December 2026): the view lists the 13 months of both.
    expect(d.window).toEqual({ from: '2025-12', until: '2026-12' });
    expect(d.months).toHaveLength(13);
    expect(d.timeZone).toBeNull();
    expect(d.schools.map((s) => s.timeZone)).toEqual(['America/Kralendijk', 'Europe/Amsterdam']);
    const reported = (month: string) => d.months.find((m) => m.month === month)!.reported;
    expect([reported('2025-12'), reported('2026-11'), reported('2026-12')]).toEqual([1, 3, 1]);
    // Every case the per-school counts hold is in some month.
    const total = d.perSchool.reduce((n, s) => n + s.reported, 0);
    expect(d.months.reduce((n, m) => n + m.reported, 0)).toBe(total);
    expect(d.perSchool.map((s) => [s.school, s.reported])).toEqual([
      ['Aan Zee', 2],
      ['Zuiderlicht', 7],
    ]);
    // Consent: each school's own date. The newsletter consents start on 1 December: Zuiderlicht's today, Aan Zee's tomorrow.
    expect(d.consent.schools).toEqual([
      { schoolId: zee, date: '2026-11-30', schoolYear: '2026-2027' },
      { schoolId: zuid, date: '2026-12-01', schoolYear: '2026-2027' },
    ]);
    expect(d.consent.date).toBeNull();
    expect(coverage(d, zuid, '7', 'newsletter')).toEqual([1, 5]);
    expect(coverage(d, zee, 'A1', 'newsletter')).toEqual([0, 1]);
    // The same months in the CSV export.
    const months = await tableOf(database.db, scope, new Date(turn), 'maanden');
    expect(months.rows.map((r) => r[0])).toEqual(d.months.map((m) => m.month));
  });

  it('computes only the requested table for an export, and the response times of all schools in one set of statements', async () => {
    const actor = { accountId: 'x', displayName: 'x', email: 'x', via: 'session' as const, schools: new Map([schoolA, schoolB].map((s) => [s, { roles: new Set(['board' as const]), personId: null }])) };
    const scope = await boardScope(database.db, actor, schoolA);
    expect(scope.schools).toHaveLength(2);
    // Counts the statements a table sends (db.execute for SQL, db.select for the query builder).
    const counted = () => {
      let n = 0;
      const db = new Proxy(database.db, {
        get(target, prop) {
          const v = Reflect.get(target, prop, target) as unknown;
          if ((prop === 'execute' || prop === 'select') && typeof v === 'function') {
            return (...args: unknown[]) => {
              n++;
              return (v as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(target) : v;
        },
      });
      return { db, count: () => n };
    };
    const expected: Record<(typeof TABLES)[number], number> = { maanden: 1, artikelen: 1, categorieen: 1, scholen: 1, 'open-per-leeftijd': 1, toestemming: 3, reactietijden: 4, bevestigingen: 2 };
    const whole = counted();
    const d = await dashboard(whole.db, scope, clock);
    expect(whole.count()).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
    for (const table of TABLES) {
      const c = counted();
      const t = await tableOf(c.db, scope, new Date(clock), table);
      expect(`${table} ${c.count()}`).toBe(`${table} ${expected[table]}`);
      expect(t.rows.length).toBeGreaterThan(0);
    }
    expect(d.responseTimes.schools.map((s) => s.schoolId)).toEqual(scope.schools.map((s) => s.id));
  });
});
