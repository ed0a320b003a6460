// Database factories for integration tests: a board, a school and people, inserted directly.
import type { AppDb } from '../../src/db/connection.ts';
import { boards, consentEvents, groups, guardianships, people, schools } from '../../src/db/schema/index.ts';

export async function buildSchool(db: AppDb, over: { brin?: string; name?: string } = {}) {
  const [board] = await db.insert(boards).values({ name: 'ASKO', aliases: ['Amsterdamse Stichting voor Katholiek Onderwijs'] }).returning();
  const [school] = await db
    .insert(schools)
    .values({ boardId: board!.id, brin: over.brin ?? '99ZZ', name: over.name ?? 'Basisschool De Regenboog', aliases: ['De Regenboog'], contactPhone: '020 - 555 01 23' })
    .returning();
  return { board: board!, school: school! };
}

type PersonInput = { externalId: string; kind: 'student' | 'employee' | 'guardian' | 'other'; givenName: string; familyName: string; prefix?: string; group?: string; birthDate?: string };

export async function buildPeople(db: AppDb, schoolId: string, list: PersonInput[]) {
  const groupIds = new Map<string, string>();
  for (const code of new Set(list.flatMap((p) => (p.group ? [p.group] : [])))) {
    const [g] = await db.insert(groups).values({ schoolId, code }).returning();
    groupIds.set(code, g!.id);
  }
  const rows = await db
    .insert(people)
    .values(
      list.map((p) => ({
        schoolId,
        externalId: p.externalId,
        kind: p.kind,
        givenName: p.givenName,
        familyName: p.familyName,
        prefix: p.prefix ?? null,
        birthDate: p.birthDate ?? null,
        groupId: p.group ? groupIds.get(p.group)! : null,
      })),
    )
    .returning();
  return new Map(rows.map((r) => [r.externalId, r]));
}

export async function linkGuardian(db: AppDb, guardianId: string, studentId: string) {
  await db.insert(guardianships).values({ guardianId, studentId });
}

export async function addConsent(db: AppDb, schoolId: string, personId: string, status: 'granted' | 'refused' | 'revoked', media: 'photo' | 'video' | 'audio' = 'photo') {
  await db.insert(consentEvents).values({
    schoolId,
    personId,
    channel: 'school_social_media',
    media,
    schoolYear: '2026-2027',
    validFrom: '2026-08-24',
    validUntil: '2027-07-16',
    status,
    method: 'form',
  });
}
