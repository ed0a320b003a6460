// The dashboards' numbers (docs/dashboards.md). Every count is one SQL statement with GROUP BY on
// the database (PostgreSQL 15 and PGlite alike); JavaScript only fills in the zeros (a month, a
// category or a bucket without cases) and puts the answer in order. Counts only: no names, no
// texts of cases. One shape for both views: the school view is the board view of one school.
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { localTime } from '../../engine/time.ts';
import type { Actor } from '../../policies/index.ts';
import { holdsAny } from '../../policies/index.ts';
import { HttpError } from '../../server/errors.ts';
import { schoolYearOf, STANDARD_CHANNELS, MEDIA_KINDS } from '../consent/rules.ts';
import type { ConsentMediaKind } from '../consent/rules.ts';
import { CATEGORIES } from '../incidents/domain/categories.ts';
import { responseTimesOf } from '../supervision/escalations.ts';

/** How many months the per-month, per-article, per-category and per-school counts look back (this month included). */
export const MONTHS = 12;
/** The window of the response times (days), as the supervision endpoint's default. */
export const RESPONSE_DAYS = 90;

/** Open cases by how long ago they were reported: [key, from days (inclusive), until days (exclusive)]. */
export const AGE_BUCKETS = [
  ['lt_1w', 0, 7],
  ['w1_4', 7, 28],
  ['m1_3', 28, 91],
  ['gt_3m', 91, null],
] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number][0];

export interface SchoolRef {
  id: string;
  name: string;
  timezone: string;
}

const rows = async <T>(db: DbOrTx, query: SQL): Promise<T[]> => ((await db.execute(query)) as unknown as { rows: T[] }).rows;
const ids = (schools: SchoolRef[]) => sql`${sql.param(schools.map((s) => s.id))}::uuid[]`;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type SchoolRow = SchoolRef & { boardId: string; boardName: string; protocolId: string };

async function schoolRow(db: DbOrTx, schoolId: string): Promise<SchoolRow | null> {
  if (!uuid.test(schoolId)) return null;
  const [row] = await rows<SchoolRow>(
    db,
    sql`select s.id, s.name, s.timezone, b.id as "boardId", b.name as "boardName", b.protocol_id as "protocolId" from schools s join boards b on b.id = s.board_id where s.id = ${schoolId}`,
  );
  return row ?? null;
}

/** The school of a school view (404 when it does not exist). */
export async function schoolScope(db: DbOrTx, schoolId: string) {
  const s = await schoolRow(db, schoolId);
  if (!s) throw new HttpError(404, 'not_found', 'There is no such school.');
  return { kind: 'school' as const, boardId: s.boardId, boardName: s.boardName, protocolId: s.protocolId, schools: [{ id: s.id, name: s.name, timezone: s.timezone }] };
}

/**
 * The schools of a board view: every school of the board of `schoolId` where the actor holds the
 * board role (roles are held per school, so a board member sees the schools they are board of).
 */
export async function boardScope(db: DbOrTx, actor: Actor, schoolId: string) {
  const s = await schoolRow(db, schoolId);
  if (!s) throw new HttpError(404, 'not_found', 'There is no such school.');
  const all = await rows<SchoolRef>(db, sql`select id, name, timezone from schools where board_id = ${s.boardId} order by name, id`);
  return { kind: 'board' as const, boardId: s.boardId, boardName: s.boardName, protocolId: s.protocolId, schools: all.filter((x) => holdsAny(actor, x.id, ['board'])) };
}

export type Scope = Awaited<ReturnType<typeof schoolScope>> | Awaited<ReturnType<typeof boardScope>>;

/** "2026-11" and the 11 months before it, oldest first, for an instant in a time zone. */
export function lastMonths(now: number, tz: string, n = MONTHS): string[] {
  const [y, m] = localTime(now, tz).date.split('-').map(Number) as [number, number];
  const out: string[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const idx = y * 12 + (m - 1) - i;
    out.push(`${Math.floor(idx / 12)}-${String((idx % 12) + 1).padStart(2, '0')}`);
  }
  return out;
}

/**
 * The months of a view, oldest first: each school's own last 12 months (in its own time zone),
 * together. Schools in one zone (every ASKO school is in Amsterdam) give the same 12; schools in
 * zones that are in different months at this instant give 13, so that no school's case falls
 * outside the list.
 */
export function monthsOfView(now: number, schools: readonly SchoolRef[]): string[] {
  return [...new Set(schools.flatMap((s) => lastMonths(now, s.timezone)))].sort();
}

/** Each school's date today (its own time zone) and the school year of that date. */
function todayOf(now: number, schools: readonly SchoolRef[]) {
  return schools.map((s) => {
    const date = localTime(now, s.timezone).date;
    return { schoolId: s.id, school: s.name, timeZone: s.timezone, date, schoolYear: schoolYearOf(date) };
  });
}

/** The value all of a list agree on, or null when they differ. */
const shared = <T>(list: readonly T[]): T | null => (list.length && list.every((x) => x === list[0]) ? list[0]! : null);

/**
 * The cases reported in the window: from the first day of the month 11 months ago (00:00 in the
 * school's own time zone) up to now. Each school's own zone decides which month a case is in.
 */
const inWindow = (now: Date) =>
  sql`i.created_at >= ((date_trunc('month', ${now.toISOString()}::timestamptz at time zone s.timezone) - interval '${sql.raw(String(MONTHS - 1))} months') at time zone s.timezone) and i.created_at <= ${now.toISOString()}::timestamptz`;

const casesFrom = (schools: SchoolRef[], now: Date) => sql`incidents i join schools s on s.id = i.school_id where i.school_id = any(${ids(schools)}) and ${inWindow(now)}`;
const openCount = sql`(count(*) filter (where i.status <> 'closed'))::int`;
const closedCount = sql`(count(*) filter (where i.status = 'closed'))::int`;

/** Per month of the view: the cases reported in it, open or closed now. All months listed, with zeros. */
export async function monthCounts(db: DbOrTx, schools: SchoolRef[], now: Date) {
  const found = await rows<{ month: string; reported: number; open: number; closed: number }>(
    db,
    sql`select to_char(i.created_at at time zone s.timezone, 'YYYY-MM') as month, count(*)::int as reported, ${openCount} as open, ${closedCount} as closed from ${casesFrom(schools, now)} group by 1 order by 1`,
  );
  const byMonth = new Map(found.map((m) => [m.month, m]));
  return monthsOfView(now.getTime(), schools).map((month) => {
    const m = byMonth.get(month);
    return { month, reported: m?.reported ?? 0, open: m?.open ?? 0, closed: m?.closed ?? 0 };
  });
}

/** Per article: the cases in the window that cite it. A case that cites two articles counts once for each; one that cites an article twice, once. */
export async function articleCounts(db: DbOrTx, schools: SchoolRef[], now: Date) {
  const found = await rows<{ article: string; cases: number }>(
    db,
    sql`select a.article, count(distinct i.id)::int as cases from incidents i join schools s on s.id = i.school_id cross join lateral unnest(i.articles) as a(article)
          where i.school_id = any(${ids(schools)}) and ${inWindow(now)} group by 1`,
  );
  return found.sort((a, b) => b.cases - a.cases || a.article.localeCompare(b.article, 'en', { numeric: true }));
}

/** Per category: the cases in the window; every known category listed (with zeros), an unknown one after them. */
export async function categoryCounts(db: DbOrTx, schools: SchoolRef[], now: Date) {
  const found = await rows<{ category: string; cases: number }>(db, sql`select i.category, count(*)::int as cases from ${casesFrom(schools, now)} group by 1`);
  const byCategory = new Map(found.map((c) => [c.category, c.cases]));
  const known: readonly string[] = CATEGORIES;
  return [...CATEGORIES.map((category) => ({ category: category as string, cases: byCategory.get(category) ?? 0 })), ...found.filter((c) => !known.includes(c.category))];
}

/** Per school of the view: the cases in the window, open or closed now. */
export async function schoolCounts(db: DbOrTx, schools: SchoolRef[], now: Date) {
  const found = await rows<{ schoolId: string; reported: number; open: number; closed: number }>(
    db,
    sql`select i.school_id as "schoolId", count(*)::int as reported, ${openCount} as open, ${closedCount} as closed from ${casesFrom(schools, now)} group by 1`,
  );
  const bySchool = new Map(found.map((c) => [c.schoolId, c]));
  return schools.map((s) => {
    const c = bySchool.get(s.id);
    return { schoolId: s.id, school: s.name, reported: c?.reported ?? 0, open: c?.open ?? 0, closed: c?.closed ?? 0 };
  });
}

/** Open cases (every status but closed, reported whenever) by their age now. */
export async function openByAge(db: DbOrTx, schools: SchoolRef[], now: Date) {
  const age = sql`(${now.toISOString()}::timestamptz - i.created_at)`;
  // The buckets are constants of this file, written into the statement as SQL text.
  const branches = AGE_BUCKETS.map(([key, , until]) => (until === null ? sql`else ${sql.raw(`'${key}'`)}` : sql`when ${age} < interval ${sql.raw(`'${until} days'`)} then ${sql.raw(`'${key}'`)}`));
  const found = await rows<{ bucket: AgeBucket; cases: number }>(
    db,
    sql`select case ${sql.join(branches, sql` `)} end as bucket, count(*)::int as cases from incidents i where i.school_id = any(${ids(schools)}) and i.status <> 'closed' group by 1`,
  );
  const byAge = new Map(found.map((a) => [a.bucket, a.cases]));
  return AGE_BUCKETS.map(([bucket, fromDays, untilDays]) => ({ bucket, fromDays, untilDays, cases: byAge.get(bucket) ?? 0 }));
}

/**
 * Consent coverage per group, channel and media kind: of the group's active students, how many
 * are covered today (each school's own date): a current consent that is granted and valid today,
 * and no refusal or revocation valid today for the same channel and media kind — the post check's
 * rule (consentState in src/engine/rules/media-consent.ts: a refusal outweighs a grant). The
 * current rows are one per school year, and a year's row may be valid beyond its year, so two
 * years' rows can both be valid today. Only the consents recorded at the student's own school
 * count: a student who moved within the board starts afresh. The consent is the student's own
 * row (a parent decides for a child under 16, the row is still the child's).
 */
export async function consentCoverage(db: DbOrTx, schools: SchoolRef[], now: Date) {
  const today = sql`(${now.toISOString()}::timestamptz at time zone s.timezone)::date`;
  const [students, granted, own] = await Promise.all([
    rows<{ schoolId: string; groupId: string; group: string; students: number }>(
      db,
      sql`select g.school_id as "schoolId", g.id as "groupId", g.code as "group", count(p.id)::int as students
            from groups g join people p on p.group_id = g.id and p.school_id = g.school_id and p.kind = 'student' and p.active
           where g.school_id = any(${ids(schools)}) group by 1, 2, 3`,
    ),
    rows<{ groupId: string; channel: string; media: ConsentMediaKind; granted: number }>(
      db,
      sql`select p.group_id as "groupId", c.channel, c.media::text as media, count(distinct c.person_id)::int as granted
            from consents_current c
            join people p on p.id = c.person_id and p.school_id = c.school_id and p.kind = 'student' and p.active and p.group_id is not null
            join schools s on s.id = c.school_id
           where c.school_id = any(${ids(schools)}) and c.status = 'granted'
             and c.valid_from <= ${today} and c.valid_until >= ${today}
             and not exists (
               select 1 from consents_current d
                where d.school_id = c.school_id and d.person_id = c.person_id and d.channel = c.channel and d.media = c.media
                  and d.status in ('refused', 'revoked') and d.valid_from <= ${today} and d.valid_until >= ${today})
           group by 1, 2, 3`,
    ),
    rows<{ schoolId: string; code: string }>(db, sql`select school_id as "schoolId", code from consent_channels where school_id = any(${ids(schools)}) order by code`),
  ]);
  const got = new Map(granted.map((r) => [`${r.groupId}|${r.channel}|${r.media}`, r.granted]));
  const names = new Map(schools.map((s) => [s.id, s.name]));
  const order = new Map(schools.map((s, i) => [s.id, i]));
  const out: { schoolId: string; school: string; group: string; channel: string; media: ConsentMediaKind; students: number; granted: number; share: number | null }[] = [];
  const sorted = [...students].sort((a, b) => order.get(a.schoolId)! - order.get(b.schoolId)! || a.group.localeCompare(b.group, 'nl', { numeric: true }));
  for (const g of sorted) {
    const channels = [...STANDARD_CHANNELS, ...own.filter((o) => o.schoolId === g.schoolId).map((o) => o.code)];
    for (const channel of channels) {
      for (const media of MEDIA_KINDS) {
        const n = got.get(`${g.groupId}|${channel}|${media}`) ?? 0;
        out.push({ schoolId: g.schoolId, school: names.get(g.schoolId)!, group: g.group, channel, media, students: g.students, granted: n, share: g.students ? n / g.students : null });
      }
    }
  }
  const days = todayOf(now.getTime(), schools);
  // date and schoolYear: the one all schools share (always so for schools in one time zone), else null; per school in `schools`.
  return { date: shared(days.map((d) => d.date)), schoolYear: shared(days.map((d) => d.schoolYear)), schools: days.map(({ schoolId, date, schoolYear }) => ({ schoolId, date, schoolYear })), rows: out };
}

/** Per school: the employees on the roster (active, employed there) and how many confirmed the board's current protocol version. */
export async function acknowledgementRates(db: DbOrTx, schools: SchoolRef[], boardId: string) {
  const [version] = await rows<{ id: string; version: string }>(db, sql`select id, version from protocol_versions where board_id = ${boardId} and current`);
  const counts = await rows<{ schoolId: string; employees: number; acknowledged: number }>(
    db,
    sql`select p.school_id as "schoolId", count(*)::int as employees, count(a.person_id)::int as acknowledged
          from people p
          join employments e on e.person_id = p.id and e.school_id = p.school_id
          left join acknowledgements a on a.person_id = p.id and a.protocol_version_id = ${version?.id ?? null}::uuid
         where p.school_id = any(${ids(schools)}) and p.kind = 'employee' and p.active
         group by 1`,
  );
  const bySchool = new Map(counts.map((c) => [c.schoolId, c]));
  const perSchool = schools.map((s) => {
    const c = bySchool.get(s.id);
    const employees = c?.employees ?? 0;
    const acknowledged = c?.acknowledged ?? 0;
    return { schoolId: s.id, school: s.name, employees, acknowledged, rate: employees ? acknowledged / employees : null };
  });
  const employees = perSchool.reduce((n, r) => n + r.employees, 0);
  const acknowledged = perSchool.reduce((n, r) => n + r.acknowledged, 0);
  return { version: version ?? null, employees, acknowledged, rate: employees ? acknowledged / employees : null, schools: perSchool };
}

/**
 * The supervision module's own numbers (GET .../escalations/response-times) per school, for the
 * last RESPONSE_DAYS days: one set of statements for all the view's schools (responseTimesOf).
 */
export async function responseTimesPerSchool(db: DbOrTx, schools: SchoolRef[], now: Date) {
  const found = await responseTimesOf(
    db,
    schools.map((s) => s.id),
    new Date(now.getTime() - RESPONSE_DAYS * 86_400_000),
    now.getTime(),
  );
  return { days: RESPONSE_DAYS, schools: found.map((t, i) => ({ school: schools[i]!.name, ...t })) };
}

/** What every answer and every file carries: the view, its schools and the moment. */
export function viewOf(scope: Scope, nowMs: number) {
  const schools = scope.schools;
  if (!schools.length) throw new HttpError(404, 'not_found', 'There are no schools in this view.');
  const months = monthsOfView(nowMs, schools);
  return {
    view: scope.kind,
    board: { id: scope.boardId, name: scope.boardName, protocolId: scope.protocolId },
    schools: schools.map((s) => ({ id: s.id, name: s.name, timeZone: s.timezone })),
    generatedAt: new Date(nowMs).toISOString(),
    /** The time zone of all the view's schools; null when they are in different zones (see schools[].timeZone). */
    timeZone: shared(schools.map((s) => s.timezone)),
    window: { from: months[0]!, until: months[months.length - 1]! },
  };
}

/** The whole dashboard of a scope: one school (school view) or the board's schools (board view). */
export async function dashboard(db: DbOrTx, scope: Scope, nowMs: number) {
  const head = viewOf(scope, nowMs);
  const now = new Date(nowMs);
  const schools = scope.schools;
  const [months, articles, categories, perSchool, ages, consent, acknowledgements, responseTimes] = await Promise.all([
    monthCounts(db, schools, now),
    articleCounts(db, schools, now),
    categoryCounts(db, schools, now),
    schoolCounts(db, schools, now),
    openByAge(db, schools, now),
    consentCoverage(db, schools, now),
    acknowledgementRates(db, schools, scope.boardId),
    responseTimesPerSchool(db, schools, now),
  ]);
  return { ...head, months, articles, categories, perSchool, openByAge: ages, consent, responseTimes, acknowledgements };
}

export type Dashboard = Awaited<ReturnType<typeof dashboard>>;
