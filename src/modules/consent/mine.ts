// "The people I decide for": what the web app's page /mijn-toestemmingen shows a signed-in
// person at one school. A guardian sees their children at that school; a student and an employee
// see themselves. Each person comes with who decides now (the guardian under 16, the person from
// 16 or as an adult), the current consents of the school year and the history nobody rewrites
// (every event, newest recorded first).
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { consentChannels, consentEvents, groups, guardianships, people } from '../../db/schema/index.ts';
import type { ConsentMediaKind, ConsentStatus, Subject } from './rules.ts';
import { decider, MEDIA_KINDS, SELF_CONSENT_AGE, STANDARD_CHANNELS } from './rules.ts';
import { currentConsents } from './service.ts';
import { fullName } from '../people/names.ts';

export interface MyConsentChannel {
  code: string;
  /** The school's name for a channel of its own; null for the four standard channels. */
  name: string | null;
  standard: boolean;
}

export interface MyConsentPerson {
  id: string;
  name: string;
  group: string | null;
  /** "child": a child of the guardian; "self": the signed-in person. */
  relation: 'child' | 'self';
  /** Who decides today: a guardian (under 16) or the person themselves. */
  decider: 'guardian' | 'self';
  /** May the signed-in person record a choice for this person? */
  decides: boolean;
  current: { channel: string; media: ConsentMediaKind; status: ConsentStatus; validFrom: string; validUntil: string; method: string; recordedAt: Date }[];
  history: { id: number; channel: string; media: ConsentMediaKind; schoolYear: string; status: ConsentStatus; method: string; recordedAt: Date; givenByName: string | null; byMe: boolean }[];
}

const dateText = (d: unknown): string | null => (d == null ? null : d instanceof Date ? d.toISOString().slice(0, 10) : String(d).slice(0, 10));

/**
 * The people `me` decides for (or reads about) at the school: as a guardian their children, as a
 * student or employee themselves. A guardian is not asked about themselves here: the school's
 * consent round asks about students and staff.
 */
export async function myConsentPeople(db: DbOrTx, schoolId: string, me: { personId: string | null; guardian: boolean }, p: { today: string; schoolYear: string }) {
  const own = await db.select({ code: consentChannels.code, name: consentChannels.name }).from(consentChannels).where(eq(consentChannels.schoolId, schoolId)).orderBy(asc(consentChannels.code));
  const channels: MyConsentChannel[] = [...STANDARD_CHANNELS.map((code) => ({ code, name: null, standard: true })), ...own.map((c) => ({ code: c.code, name: c.name, standard: false }))];
  const result = { schoolYear: p.schoolYear, selfConsentAge: SELF_CONSENT_AGE, media: [...MEDIA_KINDS], channels, people: [] as MyConsentPerson[] };
  if (!me.personId) return result;

  const columns = { id: people.id, kind: people.kind, birthDate: people.birthDate, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, group: groups.code };
  const [self] = await db
    .select(columns)
    .from(people)
    .leftJoin(groups, eq(groups.id, people.groupId))
    .where(and(eq(people.id, me.personId), eq(people.schoolId, schoolId), eq(people.active, true)));
  const children = me.guardian
    ? await db
        .select(columns)
        .from(guardianships)
        .innerJoin(people, eq(people.id, guardianships.studentId))
        .leftJoin(groups, eq(groups.id, people.groupId))
        .where(and(eq(guardianships.guardianId, me.personId), eq(people.schoolId, schoolId), eq(people.active, true), eq(people.kind, 'student')))
        .orderBy(asc(people.givenName), asc(people.familyName))
    : [];

  const list: { row: (typeof children)[number]; relation: 'child' | 'self' }[] = children.map((row) => ({ row, relation: 'child' as const }));
  if (self && self.kind !== 'guardian') list.unshift({ row: self, relation: 'self' });
  if (!list.length) return result;

  const ids = list.map((x) => x.row.id);
  const current = await currentConsents(db, schoolId, ids, p.schoolYear);
  const events = await db
    .select({ id: consentEvents.id, personId: consentEvents.personId, channel: consentEvents.channel, media: consentEvents.media, schoolYear: consentEvents.schoolYear, status: consentEvents.status, method: consentEvents.method, recordedAt: consentEvents.recordedAt, givenBy: consentEvents.givenBy })
    .from(consentEvents)
    .where(and(eq(consentEvents.schoolId, schoolId), inArray(consentEvents.personId, ids)))
    .orderBy(asc(consentEvents.recordedAt), asc(consentEvents.id));
  const deciderIds = [...new Set(events.map((e) => e.givenBy).filter((x): x is string => x !== null))];
  const names = new Map(
    deciderIds.length ? (await db.select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName }).from(people).where(inArray(people.id, deciderIds))).map((r) => [r.id, fullName(r)]) : [],
  );

  for (const { row, relation } of list) {
    const subject: Subject = { id: row.id, kind: row.kind, birthDate: dateText(row.birthDate) };
    const who = decider(subject, p.today);
    result.people.push({
      id: row.id,
      name: fullName(row),
      group: row.group ?? null,
      relation,
      decider: who,
      decides: relation === 'self' ? who === 'self' : who === 'guardian',
      current: (current.get(row.id) ?? []).map((c) => ({ channel: c.channel, media: c.media, status: c.status, validFrom: c.validFrom, validUntil: c.validUntil, method: c.method, recordedAt: c.recordedAt })),
      history: events
        .filter((e) => e.personId === row.id)
        .reverse()
        .map((e) => ({ id: e.id, channel: e.channel, media: e.media, schoolYear: e.schoolYear, status: e.status, method: e.method, recordedAt: e.recordedAt, givenByName: e.givenBy ? (names.get(e.givenBy) ?? null) : null, byMe: e.givenBy === me.personId })),
    });
  }
  return result;
}
