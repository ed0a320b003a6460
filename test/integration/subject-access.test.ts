// Subject access and erasure (AVG art. 15, 17; docs/subject-access.md). First the schema itself: every
// column that points at a person or an account is either in the export or excluded with a reason,
// so a table added later fails here until someone decides. Then a school where the person and
// several others appear in every such table: the export holds the person's rows from every covered
// table and not one id, name or e-mail address of anyone else; the PDF says the same in Dutch.
// Erasure: refused with every reason while the law asks to keep something; where allowed, no
// trace of the person is left in any table (the audit trail keeps bare ids, by design) and
// everyone else's rows are as they were.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import {
  accountTokens,
  accounts,
  acknowledgements,
  apiTokens,
  auditEvents,
  checks,
  consentEvents,
  consentRequests,
  consentRounds,
  employments,
  escalations,
  fileDocuments,
  fileEntries,
  groups,
  groupStaff,
  guardianships,
  incidentEvents,
  incidentPeople,
  incidents,
  incidentSteps,
  incidentTasks,
  letterDrafts,
  measures,
  mediaItems,
  outbox,
  people,
  permissions,
  permissionStudents,
  postPeople,
  posts,
  protocolReminders,
  protocolVersions,
  reviewEvents,
  reviews,
  rosterImports,
  sessions,
  takedownTasks,
} from '../../src/db/schema/index.ts';
import { appendAudit, verifyAudit } from '../../src/modules/audit/chain.ts';
import { createPossibleBreach } from '../../src/modules/breaches/service.ts';
import { EXCLUDED_TABLES, NOT_PEOPLE, schemaTables, TABLE_RULES, UNLINKED_COLUMNS, undecidedChildTables, undecidedColumns, unlistedSuspects } from '../../src/modules/subject-access/coverage.ts';
import { jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { escapeRegExp, nameForms, redactorFor } from '../../src/modules/subject-access/redact.ts';
import type { SubjectExport } from '../../src/modules/subject-access/export.ts';
import { PERSON_HEADING } from '../../src/modules/subject-access/export.ts';
import { buildApp } from '../../src/server/app.ts';
import { makeAccount, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool } from '../support/factories.ts';
import { pdfText } from '../support/pdf-text.ts';

let database: Database;
let app: FastifyInstance;
let schoolId: string;
let otherSchoolId: string;
const clock = Date.parse('2026-11-26T10:00:00Z');
const as: Record<string, Record<string, string>> = {};
const acc: Record<string, string> = {};
let P: Map<string, { id: string; givenName: string; prefix: string | null; familyName: string }>;
const pid = (k: string) => P.get(k)!.id;

const EMAIL: Record<string, string> = {
  sanne: 'sanne.dewit@regenboog.example',
  otto: 'otto.kramer@leerling.example',
  olga: 'olga.brouwer@ouders.example',
  omar: 'omar.yilmaz@regenboog.example',
  eva: 'eva.smit@ouders.example',
};
const NAME: Record<string, string> = { sanne: 'Sanne de Wit', otto: 'Otto Kramer', olga: 'Olga Brouwer', omar: 'Omar Yilmaz', eva: 'Eva Smit' };
/** An external reporter (no person, no account): a public report about Sanne. */
const KAREL = { name: 'Karel Appel', contact: 'karel.appel@voorbeeld.example' };
let otherImportId: string;
let guardianLetterTitle: string;

const post = (author: string, text: string, shown: string[]) => ({ author: { personId: author }, situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text, media: [{ kind: 'photo', people: shown, unidentifiedPeople: 0 }] }) as never;
const finding = (personId: string) => ({ verdict: 'needs_review', findings: [{ code: 'media.consent_missing', personId, message: 'geen toestemming' }] }) as never;

/**
 * The world: Sanne de Wit (the person asked about; a teacher at the school and also a parent of a
 * student there) and Otto, Olga and Omar (others), each in every table that points at people or
 * accounts, and each table naming both. Eva Smit is a parent who left the school: nothing the law
 * keeps names her, so she can be erased. Rows are inserted directly: this is a fixture, not a flow.
 * (Sanne also stands as a student of a school project, which the database allows: the completeness
 * check needs every column once.)
 */
async function seedWorld(): Promise<void> {
  const db = database.db;
  P = (await buildPeople(db, schoolId, [
    { externalId: 'sanne', kind: 'employee', givenName: 'Sanne', prefix: 'de', familyName: 'Wit' },
    { externalId: 'otto', kind: 'student', givenName: 'Otto', familyName: 'Kramer', group: '5b', birthDate: '2016-04-02' },
    { externalId: 'olga', kind: 'guardian', givenName: 'Olga', familyName: 'Brouwer' },
    { externalId: 'omar', kind: 'employee', givenName: 'Omar', familyName: 'Yilmaz' },
    { externalId: 'eva', kind: 'guardian', givenName: 'Eva', familyName: 'Smit' },
    // Others the redaction must recognise by more than their full name.
    { externalId: 'joris', kind: 'employee', givenName: 'Joris', prefix: 'van der', familyName: 'Berg' },
    { externalId: 'susanne', kind: 'employee', givenName: 'Susanne', prefix: 'de', familyName: 'Wit' },
    { externalId: 'zoe', kind: 'guardian', givenName: 'Zoë', familyName: 'Jansen' },
  ])) as never;
  for (const [k, v] of await buildPeople(db, otherSchoolId, [{ externalId: 'piet', kind: 'employee', givenName: 'Piet', familyName: 'Pietersen' }])) P.set(k, v as never);
  await db.update(people).set({ nicknames: ['Ottie'] }).where(eq(people.id, pid('otto')));
  // Her address contains Sanne's: "susanne.dewit@" ends in "sanne.dewit@".
  await db.update(people).set({ email: 'susanne.dewit@regenboog.example' }).where(eq(people.id, pid('susanne')));
  for (const k of Object.keys(EMAIL)) await db.update(people).set({ email: EMAIL[k]! }).where(eq(people.id, pid(k)));
  await db.update(people).set({ active: false, leftAt: new Date('2026-07-17T12:00:00Z') }).where(eq(people.id, pid('eva')));
  const account = async (key: string, role: 'employee' | 'director' | 'guardian' | 'data_protection_officer', person: string | null, school = schoolId) => {
    const a = await makeAccount(db, [{ schoolId: school, role, personId: person ? pid(person) : null }], person ? { email: `acc.${EMAIL[person]}`, name: NAME[person]! } : { name: 'Fenna Gerritsen' });
    acc[key] = a.id;
    as[key] = await tokenHeaders(db, a.id);
  };
  await account('sanne', 'employee', 'sanne');
  await account('omar', 'director', 'omar');
  await account('olga', 'guardian', 'olga');
  await account('eva', 'guardian', 'eva');
  await account('fg', 'data_protection_officer', null);
  await account('director', 'director', null);
  await account('fgElsewhere', 'data_protection_officer', null, otherSchoolId);
  acc.bram = (await makeAccount(db, [{ schoolId, role: 'employee', personId: null }], { name: 'Bram' })).id;
  const [S, O1, O2, O3, E] = ['sanne', 'otto', 'olga', 'omar', 'eva'].map(pid) as [string, string, string, string, string];
  const [aS, aO3, aO2, aE] = [acc.sanne!, acc.omar!, acc.olga!, acc.eva!];
  const [g5b] = await db.select().from(groups).where(eq(groups.schoolId, schoolId));
  const at = new Date('2026-10-01T09:00:00Z');

  await db.insert(guardianships).values([{ guardianId: S, studentId: O1 }, { guardianId: O2, studentId: O1 }, { guardianId: E, studentId: O1 }]);
  await db.insert(employments).values([{ personId: S, schoolId, function: 'leerkracht', supervisorId: O3 }, { personId: O3, schoolId, function: 'directeur', supervisorId: S }]);
  await db.insert(groupStaff).values([{ groupId: g5b!.id, personId: S }, { groupId: g5b!.id, personId: O3 }]);
  await db.insert(sessions).values([aS, aO3, aE].map((a, i) => ({ tokenHash: `session-${i}`, accountId: a, csrfToken: `csrf-${i}`, method: 'password', expiresAt: new Date('2026-12-01T00:00:00Z') })));
  await db.insert(apiTokens).values([aS, aO3].map((a, i) => ({ accountId: a, name: `koppeling ${i}`, tokenHash: `token-${i}` })));
  await db.insert(accountTokens).values([
    { accountId: aS, purpose: 'invitation', tokenHash: 'inv-1', createdBy: aO3, expiresAt: new Date('2026-12-01T00:00:00Z') },
    { accountId: aO3, purpose: 'invitation', tokenHash: 'inv-2', createdBy: aS, expiresAt: new Date('2026-12-01T00:00:00Z') },
  ]);
  const consent = (personId: string, givenBy: string | null, recordedBy: string | null, status: 'granted' | 'revoked' = 'granted') => ({
    schoolId, personId, channel: 'school_social_media', media: 'photo' as const, schoolYear: '2026-2027', validFrom: '2026-08-24', validUntil: '2027-07-16', status, givenBy, method: 'portal' as const, recordedBy,
  });
  const [cS] = await db.insert(consentEvents).values(consent(S, S, aS, 'revoked')).returning();
  const [cO1, , , cE] = await db.insert(consentEvents).values([consent(O1, S, aS), consent(O1, O2, aO3), consent(O1, E, aE), consent(E, E, aE)]).returning();
  const [r1] = await db.insert(consentRounds).values({ schoolId, schoolYear: '2026-2027', validFrom: '2026-08-24', validUntil: '2027-07-16', channels: ['school_social_media'], media: ['photo'], openedBy: aS }).returning();
  await db.insert(consentRounds).values({ schoolId, schoolYear: '2027-2028', validFrom: '2027-08-24', validUntil: '2028-07-16', channels: ['school_social_media'], media: ['photo'], openedBy: aO3 });
  await db.insert(consentRequests).values([S, O2, E].map((p, i) => ({ roundId: r1!.id, responderId: p, tokenHash: `req-${i}` })));
  const [perm1, perm2] = await db
    .insert(permissions)
    .values([
      { schoolId, kind: 'lesson_time', personId: S, grantedBy: O3, startsAt: at, endsAt: new Date('2026-10-02T09:00:00Z'), reason: `Les over ${NAME.otto}` },
      { schoolId, kind: 'school_project', personId: O3, grantedBy: S, startsAt: at, endsAt: new Date('2026-12-02T09:00:00Z'), project: 'Schoolkrant' },
    ])
    .returning();
  await db.insert(permissionStudents).values([{ permissionId: perm2!.id, studentId: S }, { permissionId: perm2!.id, studentId: O1 }, { permissionId: perm1!.id, studentId: O1 }]);

  const [pS, pO3, pE] = await db
    .insert(posts)
    .values([
      { schoolId, authorId: S, authorAccountId: aS, content: post(S, `Knap gedaan, ${NAME.otto}! Vragen: ${EMAIL.olga}`, [S, O1]), status: 'published' },
      { schoolId, authorId: O3, authorAccountId: aO3, content: post(O3, `Dank aan ${NAME.sanne} en ${NAME.eva} voor de hulp`, [S, O1, E]), status: 'published' },
      { schoolId, authorId: E, authorAccountId: aE, content: post(E, `Sportdag met ${NAME.otto}`, [O1]), status: 'draft' },
    ])
    .returning();
  await db.insert(postPeople).values([{ postId: pO3!.id, personId: S }, { postId: pO3!.id, personId: O1 }, { postId: pS!.id, personId: O1 }, { postId: pO3!.id, personId: E }]);
  const [chS, chO3] = await db
    .insert(checks)
    .values([
      // A map keyed by a person's id: the key is someone else's id too.
      { schoolId, postId: pS!.id, protocolId: 'asko-2018', verdict: 'needs_review', result: { ...(finding(O1) as object), byPerson: { [O1]: 'needs_review' } } as never, checkedBy: aS },
      { schoolId, postId: pO3!.id, protocolId: 'asko-2018', verdict: 'needs_review', result: finding(S), checkedBy: aO3 },
      { schoolId, postId: pE!.id, protocolId: 'asko-2018', verdict: 'needs_review', result: finding(O1), checkedBy: aE },
    ])
    .returning();
  const [rv1, rv2] = await db
    .insert(reviews)
    .values([
      { schoolId, postId: pS!.id, checkId: chS!.id, requesterId: S, requesterAccountId: aS, supervisorId: O3, content: post(S, 'Mag dit?', [O1]), question: `Mag ${NAME.otto} erop?`, status: 'approved', decidedBy: aO3 },
      { schoolId, postId: pO3!.id, checkId: chO3!.id, requesterId: O3, requesterAccountId: aO3, supervisorId: S, content: post(O3, 'Mag dit?', [S]), question: 'Akkoord?', status: 'approved', decidedBy: aS },
    ])
    .returning();
  await db.insert(reviewEvents).values([
    { reviewId: rv1!.id, kind: 'requested', actorAccountId: aS, comment: 'graag' },
    { reviewId: rv1!.id, kind: 'approved', actorAccountId: aO3, comment: 'prima' },
    { reviewId: rv2!.id, kind: 'approved', actorAccountId: aS, comment: 'akkoord' },
  ]);
  await db.insert(escalations).values([
    {
      schoolId, reporterId: S, reporterAccountId: aS, supervisorId: O3, threadText: `${NAME.olga}: dit is schandalig`, status: 'acknowledged', acknowledgedBy: aO3, acknowledgedAt: at,
      // Nickname, family name alone, initial + family name, a one-word account name, and a name typed in decomposed Unicode (NFD).
      note: `Ottie en Kramer lachten. J. van der Berg en Van der Berg zagen het. Bram zei ok. ${'Zoë Jansen'.normalize('NFD')} ook.`,
    },
    // Someone else's text naming Eva, and someone whose name only starts like hers: scrubbed and untouched.
    { schoolId, reporterId: O3, reporterAccountId: aO3, threadText: `${NAME.eva} belde; Eva Smit-de Boer ook.`, status: 'resolved', resolvedBy: aO3, resolvedAt: at },
    // Another school's row naming Eva: not this school's to change.
    { schoolId: otherSchoolId, reporterId: pid('piet'), threadText: `${NAME.eva} (andere school)`, status: 'resolved' },
    { schoolId, reporterId: O3, reporterAccountId: aO3, supervisorId: S, threadText: 'ruzie in de groepsapp', status: 'resolved', acknowledgedBy: aS, resolvedBy: aS, resolvedAt: at },
  ]);
  const [v1] = await db.insert(protocolVersions).values([{ boardId: (await boardOf(schoolId))!, protocolId: 'asko-2018', version: '2018', current: true, publishedBy: aS }]).returning();
  await db.insert(protocolVersions).values({ boardId: (await boardOf(schoolId))!, protocolId: 'asko-2018', version: '2017', publishedBy: aO3 });
  await db.insert(acknowledgements).values([{ protocolVersionId: v1!.id, personId: S, accountId: aS }, { protocolVersionId: v1!.id, personId: O3, accountId: aO3 }]);
  await db.insert(protocolReminders).values([
    { versionId: v1!.id, personId: S, reminders: 1, lastRemindedAt: at, lastRemindedBy: aO3 },
    { versionId: v1!.id, personId: O3, reminders: 1, lastRemindedAt: at, lastRemindedBy: aS },
  ]);
  const media = (accountId: string, tags: (string | null)[], heard: string[]) => ({ schoolId, accountId, kind: 'photo', format: 'jpeg', mime: 'image/jpeg', width: 10, height: 10, size: 3, bytes: Buffer.from([1, 2, 3]), faces: [], tags, heard });
  await db.insert(mediaItems).values([media(aS, [S, O1], []), media(aO3, [S, null, E], [O1]), media(aE, [O1], [])]);
  await db.insert(takedownTasks).values([
    { schoolId, postId: pO3!.id, personId: S, consentEventId: cS!.id, doneBy: aO3, doneAt: at },
    // Eva's photo in Omar's published post must still come down.
    { schoolId, postId: pO3!.id, personId: E, consentEventId: cE!.id },
    { schoolId, postId: pS!.id, personId: O1, consentEventId: cO1!.id, doneBy: aS, doneAt: at },
  ]);
  await db.insert(rosterImports).values([{ schoolId, format: 'simple', created: 5, updated: 0, deactivated: 0, importedBy: aS }, { schoolId, format: 'simple', created: 1, updated: 0, deactivated: 0, importedBy: aO3 }]);
  // What Sanne's account did at another school is not this school's export.
  otherImportId = (await db.insert(rosterImports).values({ schoolId: otherSchoolId, format: 'simple', created: 2, updated: 0, deactivated: 0, importedBy: aS }).returning())[0]!.id;

  // Two cases: Sanne is the subject of one (reported by Olga, about Otto too) and reported the other (about Otto).
  const [inc1, inc2] = await db
    .insert(incidents)
    .values([
      {
        schoolId, status: 'investigating', category: 'bullying', articles: ['A.7'], summary: `Bericht over ${NAME.otto}`, description: `Gemeld door ${NAME.olga} (${EMAIL.olga}): juf plaatste een foto van ${NAME.otto}.`,
        reporterId: O2, reporterAccountId: aO2, reporterName: NAME.olga, reporterContact: EMAIL.olga, assignedTo: aO3, qualifiedPersonId: S, qualifiedBy: aO3, grensoverschrijdend: false, qualificationRationale: 'Geen grensoverschrijdend gedrag.',
        policeReport: false, policeRationale: 'GEHEIM-POLITIE: geen aangifte', policeDecidedBy: aO3, plichtsverzuim: true,
      },
      { schoolId, status: 'closed', category: 'privacy', articles: ['A.2'], summary: `${NAME.otto} plaatste een adres`, description: 'Adres in een reactie', reporterId: S, reporterAccountId: aS, assignedTo: aS, qualifiedBy: aS, policeDecidedBy: aS, closedAt: at },
    ])
    .returning();
  // A public report about Sanne by someone outside the school, and an anonymous one she made, leaving her address (in capitals).
  const [inc3] = await db
    .insert(incidents)
    .values([
      { schoolId, status: 'closed', category: 'other', articles: ['A.7'], summary: 'Publieke melding', description: `${KAREL.name} (${KAREL.contact}) zag een bericht van de juf.`, source: 'public_form', reporterName: KAREL.name, reporterContact: KAREL.contact, closedAt: at },
      { schoolId, status: 'closed', category: 'other', articles: ['A.7'], summary: 'Anonieme melding', description: 'Een account deelt foto’s.', source: 'public_form', anonymous: true, reporterContact: EMAIL.sanne!.toUpperCase(), closedAt: at },
    ])
    .returning();
  await db.insert(incidentPeople).values({ incidentId: inc3!.id, personId: S, role: 'subject' });
  await db.insert(incidentPeople).values([{ incidentId: inc1!.id, personId: S, role: 'subject' }, { incidentId: inc1!.id, personId: O1, role: 'affected' }, { incidentId: inc2!.id, personId: O1, role: 'subject' }]);
  await db.insert(incidentEvents).values([
    { incidentId: inc1!.id, type: 'reported', actorId: aO2, payload: { category: 'bullying', people: [S, O1] }, visibility: 'shareable' },
    { incidentId: inc1!.id, type: 'note', actorId: aO3, payload: { text: `INTERN-VERTROUWELIJK: gesprek met ${NAME.olga}` }, visibility: 'internal' },
    { incidentId: inc2!.id, type: 'note', actorId: aS, payload: { text: 'intern' }, visibility: 'internal' },
    // Written to Olga, the reporter: not for Sanne, whom the case is about. Its status change is.
    { incidentId: inc1!.id, type: 'note', actorId: aO3, payload: { text: `MELDER-BERICHT: dank voor uw melding, ${NAME.olga}` }, visibility: 'shareable' },
    { incidentId: inc1!.id, type: 'status_changed', actorId: aO3, payload: { from: 'triage', to: 'investigating', event: 'investigate', reason: 'MELDER-REDEN' }, visibility: 'shareable' },
  ]);
  const [m1, m2] = await db
    .insert(measures)
    .values([
      { incidentId: inc1!.id, personId: S, audience: 'employee', kind: 'warning', decidedBy: aO3, decidedOn: '2026-10-05', rationale: `Foto van ${NAME.otto} zonder toestemming` },
      { incidentId: inc2!.id, personId: O1, audience: 'student_or_guardian', kind: 'conversation', decidedBy: aS, decidedOn: '2026-10-06', rationale: 'Adres verwijderd' },
    ])
    .returning();
  await db.insert(incidentTasks).values([
    { incidentId: inc1!.id, kind: 'lvi_call', title: 'Bel de vertrouwensinspecteur', status: 'done', closedBy: aO3, closedAt: at },
    { incidentId: inc1!.id, kind: 'inspectie_melding', title: 'Inspectie', measureId: m1!.id, status: 'open' },
    { incidentId: inc2!.id, kind: 'inspectie_melding', title: 'Inspectie', measureId: m2!.id, status: 'done', closedBy: aS, closedAt: at },
  ]);
  await db.insert(incidentSteps).values([
    { incidentId: inc1!.id, personId: S, kind: 'hearing', on: '2026-10-03', note: 'hoorgesprek', recordedBy: aO3 },
    { incidentId: inc2!.id, personId: O1, kind: 'hearing', on: '2026-10-03', note: 'gesprek', recordedBy: aS },
  ]);
  const [feS, feO1] = await db.insert(fileEntries).values([
    { schoolId, personId: S, fileKind: 'personnel', incidentId: inc1!.id, entryType: 'letter', title: 'Waarschuwing', body: `Naar aanleiding van de foto van ${NAME.otto}`, retainUntil: '2028-10-05', createdBy: aO3 },
    { schoolId, personId: O1, fileKind: 'student', incidentId: inc2!.id, entryType: 'note', title: 'Gesprek', createdBy: aS },
  ]).returning();
  const pdf = (fileEntryId: string, filename: string) => ({ fileEntryId, schoolId, filename, contentType: 'application/pdf', sizeBytes: 4, sha256: 'ab'.repeat(32), bytes: Buffer.from('%PDF'), createdAt: at });
  await db.insert(fileDocuments).values([pdf(feS!.id, 'waarschuwing-sanne.pdf'), pdf(feO1!.id, 'gesprek-otto.pdf')]);
  // A letter to Olga (a guardian) in case 2, filed in her child Otto's file as filing.ts does, with the case's "letter_sent" event of the same moment.
  const sentAt = new Date('2026-10-07T10:00:00Z');
  guardianLetterTitle = 'Brief: Uitnodiging gesprek (7 oktober 2026)';
  const [feLetter] = await db.insert(fileEntries).values({ schoolId, personId: O1, fileKind: 'student', incidentId: inc2!.id, entryType: 'letter', title: guardianLetterTitle, body: 'Beste mevrouw Brouwer', createdBy: aS, createdAt: sentAt }).returning();
  await db.insert(fileDocuments).values({ ...pdf(feLetter!.id, 'brief-aan-ouder.pdf'), createdAt: sentAt });
  await db.insert(incidentEvents).values({ incidentId: inc2!.id, type: 'letter_sent', actorId: aS, payload: { template: 'hearing_invitation', subject: 'Uitnodiging gesprek', personId: O2, filed: 1, mailed: 0 }, visibility: 'internal', createdAt: sentAt });
  const draft = (incidentId: string, personId: string, by: string) => ({ schoolId, incidentId, personId, template: 'warning', subject: 'Waarschuwing', salutation: 'Beste', body: 'tekst', closing: 'Groet', createdBy: by, createdAt: at, updatedAt: at });
  await db.insert(letterDrafts).values([draft(inc1!.id, S, aO3), draft(inc2!.id, O1, aS)]);
  await createPossibleBreach(db, { schoolId, kind: 'email_wrong_address', source: 'staff', title: `Lijst naar ${EMAIL.olga}`, peopleIds: [S, O1], reportedBy: aO3 }, { actor: aO3, now: at });
  await createPossibleBreach(db, { schoolId, kind: 'lost_device', source: 'staff', title: 'Laptop kwijt', peopleIds: [O1], reportedBy: aS }, { actor: aS, now: at });
  await db.execute(sql`update breaches set assessed_by = reported_by`);
  await db.insert(outbox).values([
    { kind: 'mail', payload: { template: 'invitation', to: EMAIL.sanne, subject: 'Uitnodiging', text: 'Welkom: https://postwijzer.example/uitnodiging/WERKENDE-LINK', html: '<a href="https://postwijzer.example/uitnodiging/WERKENDE-LINK">ja</a>' } },
    // Addresses that contain Sanne's and Eva's: someone else's mail.
    { kind: 'mail', payload: { template: 'invitation', to: 'susanne.dewit@regenboog.example', subject: 'Uitnodiging Susanne', text: 'Welkom' } },
    { kind: 'mail', payload: { template: 'invitation', to: 'geneva.smit@ouders.example', subject: 'Uitnodiging Geneva', text: 'Welkom' } },
    { kind: 'mail', payload: { to: EMAIL.otto, subject: 'Toestemming', text: 'Welkom' } },
    { kind: 'mail', payload: { to: EMAIL.eva, subject: 'Toestemming', text: 'Welkom Eva' } },
  ]);
  await db.transaction(async (tx) => {
    await appendAudit(tx, { schoolId, actor: aS, action: 'person.read', subjectType: 'person', subjectId: O1 });
    await appendAudit(tx, { schoolId, actor: aO3, action: 'person.read', subjectType: 'person', subjectId: S });
    // Someone read Sanne's post: about her data, though not about her id.
    await appendAudit(tx, { schoolId, actor: aO3, action: 'post.read', subjectType: 'post', subjectId: pS!.id });
  });
  await db.transaction((tx) => appendAudit(tx, { schoolId: otherSchoolId, actor: aS, action: 'person.read', subjectType: 'person', subjectId: pid('piet') }));
}

async function boardOf(id: string): Promise<string | undefined> {
  const rows = await database.query<{ board_id: string }>('select board_id from schools where id = $1', [id]);
  return rows[0]?.board_id;
}

beforeAll(async () => {
  database = await openTestDatabase();
  schoolId = (await buildSchool(database.db, { brin: '99SA', name: 'De Regenboog' })).school.id;
  otherSchoolId = (await buildSchool(database.db, { brin: '99SB', name: 'De Klimop' })).school.id;
  await seedWorld();
  app = await buildApp({ database, now: () => clock });
  await app.ready();
}, 120_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const base = (personId: string, school = schoolId) => `/api/v1/schools/${school}/subject-access/people/${personId}`;
const get = (who: string, url: string) => app.inject({ method: 'GET', url, headers: as[who]! });

/** Every reference column of the schema: a foreign key to people or accounts, or a listed column without one. */
function referenceColumns() {
  const unlinked = new Set(UNLINKED_COLUMNS.map((u) => `${u.table}.${u.column}`));
  return schemaTables().flatMap((t) => t.columns.filter((c) => c.references !== null || unlinked.has(`${t.name}.${c.column}`)).map((c) => ({ table: t.name, column: c.column })));
}

describe(`subject access: the schema is covered (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('decides every column that points at a person or an account: in the export, or excluded with a reason', () => {
    expect(referenceColumns().length).toBeGreaterThan(60);
    expect(undecidedColumns()).toEqual([]);
    expect(undecidedChildTables()).toEqual([]);
    for (const reason of Object.values(EXCLUDED_TABLES)) expect(reason.length).toBeGreaterThan(20);
  });

  it('finds no column that could hold a person without being listed (uuid without a key, jsonb, text ..._by / ..._id / actor)', () => {
    expect(unlistedSuspects()).toEqual([]);
  });

  it('fails for a table added later until someone decides about it', () => {
    // A table like one a later feature might add: a person, an account, a loose uuid and a jsonb value.
    const later = pgTable('parent_evenings', {
      id: uuid('id').primaryKey(),
      personId: uuid('person_id').references(() => people.id),
      bookedBy: uuid('booked_by').references(() => accounts.id),
      teacherId: uuid('teacher_id'),
      notes: jsonb('notes'),
      guests: text('guests').array(),
      parentMail: text('parent_mail'),
      contactInfo: text('contact_info'),
    });
    // A child of a table whose rows are exported as the person's (a file entry's attachment).
    const attachments = pgTable('file_attachments', { id: uuid('id').primaryKey(), entryId: uuid('entry_id').references(() => fileEntries.id), name: text('name') });
    const tables = schemaTables({ later, attachments });
    expect(undecidedColumns(tables)).toEqual(['parent_evenings.person_id', 'parent_evenings.booked_by']);
    expect(unlistedSuspects(tables)).toEqual(['parent_evenings.teacher_id', 'parent_evenings.notes', 'parent_evenings.guests', 'parent_evenings.parent_mail', 'parent_evenings.contact_info']);
    expect(undecidedChildTables(tables)).toEqual(['parent_evenings → accounts', 'file_attachments → file_entries']);
  });

  it('documents the decision for every table in docs/subject-access.md', () => {
    const doc = readFileSync('docs/subject-access.md', 'utf8');
    expect(TABLE_RULES.filter((r) => !doc.includes(`| \`${r.table}\` | ${r.title} |`)).map((r) => r.table)).toEqual([]);
  });

  it('has no rule for a table or column that does not exist (a rename would hide a gap)', () => {
    const tables = new Map(schemaTables().map((t) => [t.name, new Set(t.columns.map((c) => c.column))]));
    for (const rule of TABLE_RULES) {
      expect(tables.has(rule.table), rule.table).toBe(true);
      for (const column of [...Object.keys(rule.columns), ...(rule.hide ?? [])]) expect(tables.get(rule.table)!.has(column), `${rule.table}.${column}`).toBe(true);
      if (Object.values(rule.columns).some((c) => c.erase === 'block')) expect(rule.blockReason, rule.table).toBeTruthy();
    }
    for (const key of [...Object.keys(NOT_PEOPLE), ...UNLINKED_COLUMNS.map((u) => `${u.table}.${u.column}`)]) {
      const [t, c] = key.split('.') as [string, string];
      expect(tables.get(t)?.has(c), key).toBe(true);
    }
  });
});

describe(`subject access: the export (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let exported: SubjectExport;
  let raw: string;
  beforeAll(async () => {
    const res = await get('fg', `${base(pid('sanne'))}/export.json`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toBe(`attachment; filename="inzage-${pid('sanne')}.json"; filename*=UTF-8''inzage-${pid('sanne')}.json`);
    raw = res.body;
    exported = JSON.parse(raw) as SubjectExport;
  });

  it('holds the person and their rows from every covered table, and what they did in others’ records', () => {
    expect(exported.person).toMatchObject({ id: pid('sanne'), givenName: 'Sanne', familyName: 'Wit', email: EMAIL.sanne });
    expect(Object.keys(exported.tables).sort()).toEqual(TABLE_RULES.map((r) => r.table).sort());
    const empty: string[] = [];
    for (const rule of TABLE_RULES) {
      const section = exported.tables[rule.table]!;
      if (Object.values(rule.columns).some((c) => c.use === 'subject') && section.rows.length === 0) empty.push(`${rule.table}: no rows`);
      for (const [column, c] of Object.entries(rule.columns)) {
        // What they did shows as a reference, or in a row of theirs that shows the column with their own id.
        const mine = [pid('sanne'), acc.sanne];
        const shown = section.rows.some((r) => Object.values(r).some((v) => mine.includes(v as string)) && Object.keys(r).some((k) => k.replace(/[A-Z]/gu, (m) => `_${m.toLowerCase()}`) === column && mine.includes(r[k] as string)));
        if (c.use === 'actor' && !shown && !section.actedIn.some((a) => a.column === column)) empty.push(`${rule.table}.${column}: no acted-in reference`);
      }
    }
    expect(empty).toEqual([]);
  });

  it('holds ALL of their rows: per table as many as a direct SQL count finds', async () => {
    // $1 person, $2 account, $3 school, $4 their addresses. Written out by hand, independent of coverage.ts.
    const inCase = `(i.reporter_id = $1 or i.reporter_account_id = $2 or lower(i.reporter_contact) = any($4::text[]))`;
    const direct: Record<string, string> = {
      incidents: `select count(*)::int as n from incidents i where i.school_id = $3 and (${inCase} or i.qualified_person_id = $1 or exists (select 1 from incident_people p where p.incident_id = i.id and p.person_id = $1))`,
      incident_people: `select count(*)::int as n from incident_people where person_id = $1`,
      incident_events: `select count(*)::int as n from incident_events e join incidents i on i.id = e.incident_id where i.school_id = $3 and e.visibility = 'shareable' and (${inCase} or (e.type = 'status_changed' and (i.qualified_person_id = $1 or exists (select 1 from incident_people p where p.incident_id = i.id and p.person_id = $1 and p.role <> 'witness'))))`,
      incident_steps: `select count(*)::int as n from incident_steps where person_id = $1`,
      letter_drafts: `select count(*)::int as n from letter_drafts where person_id = $1`,
      measures: `select count(*)::int as n from measures where person_id = $1`,
      file_entries: `select count(*)::int as n from file_entries where person_id = $1`,
      file_documents: `select count(*)::int as n from file_documents d join file_entries f on f.id = d.file_entry_id where f.person_id = $1`,
      breaches: `select count(*)::int as n from breaches where $1 = any(people_ids) and school_id = $3`,
      breach_events: `select count(*)::int as n from breach_events where breach_id in (select id from breaches where $1 = any(people_ids))`,
      takedown_tasks: `select count(*)::int as n from takedown_tasks where person_id = $1`,
      reviews: `select count(*)::int as n from reviews where requester_id = $1 or requester_account_id = $2 or content::text like '%' || $1 || '%'`,
      escalations: `select count(*)::int as n from escalations where reporter_id = $1 or reporter_account_id = $2`,
      checks: `select count(*)::int as n from checks where checked_by = $2 or result::text like '%' || $1 || '%'`,
      post_people: `select count(*)::int as n from post_people where person_id = $1`,
      posts: `select count(*)::int as n from posts where author_id = $1 or author_account_id = $2 or content::text like '%' || $1 || '%'`,
      media_items: `select count(*)::int as n from media_items where account_id = $2 or tags::text like '%' || $1 || '%' or heard::text like '%' || $1 || '%'`,
      permission_students: `select count(*)::int as n from permission_students where student_id = $1`,
      permissions: `select count(*)::int as n from permissions where person_id = $1`,
      consent_requests: `select count(*)::int as n from consent_requests where responder_id = $1`,
      consent_events: `select count(*)::int as n from consent_events where person_id = $1`,
      acknowledgements: `select count(*)::int as n from acknowledgements where person_id = $1 or account_id = $2`,
      protocol_reminders: `select count(*)::int as n from protocol_reminders where person_id = $1`,
      group_staff: `select count(*)::int as n from group_staff where person_id = $1`,
      employments: `select count(*)::int as n from employments where person_id = $1`,
      guardianships: `select count(*)::int as n from guardianships where guardian_id = $1 or student_id = $1`,
      sessions: `select count(*)::int as n from sessions where account_id = $2`,
      api_tokens: `select count(*)::int as n from api_tokens where account_id = $2`,
      account_tokens: `select count(*)::int as n from account_tokens where account_id = $2`,
      account_roles: `select count(*)::int as n from account_roles where (account_id = $2 or person_id = $1) and school_id = $3`,
      accounts: `select count(*)::int as n from accounts where person_id = $1 or id = $2`,
      outbox: `select count(*)::int as n from outbox where lower(payload->>'to') = any($4::text[])`,
    };
    const emails = [EMAIL.sanne!, `acc.${EMAIL.sanne}`];
    const counts: Record<string, [number, number]> = {};
    for (const rule of TABLE_RULES) {
      if (!Object.values(rule.columns).some((c) => c.use === 'subject') && rule.table !== 'file_documents') continue;
      if (rule.table === 'audit_events') continue; // checked on its own below (events about any exported row)
      expect(direct[rule.table], `a direct count for ${rule.table}`).toBeDefined();
      // The CTE types all three parameters, used or not; the addresses are literals.
      const q = `with params as (select $1::uuid as p, $2::uuid as a, $3::uuid as s) ${direct[rule.table]!.replaceAll('$4::text[]', `array[${emails.map((e) => `'${e}'`).join(',')}]::text[]`)}`;
      const [row] = await database.query<{ n: number }>(q, [pid('sanne'), acc.sanne, schoolId]);
      counts[rule.table] = [exported.tables[rule.table]!.rows.length, Number(row!.n)];
    }
    expect(Object.entries(counts).filter(([, [got, want]]) => got !== want || want === 0)).toEqual([]);
  });

  it('contains not one id, name, family name, nickname, e-mail or account name of anyone else', async () => {
    const others = await database.query<{ id: string; given_name: string; prefix: string | null; family_name: string; nicknames: string[]; email: string | null }>('select id, given_name, prefix, family_name, nicknames, email from people where id <> $1', [pid('sanne')]);
    const accountsOfOthers = await database.query<{ id: string; email: string; display_name: string }>('select id, email, display_name from accounts where id <> $1', [acc.sanne]);
    expect(others.length).toBeGreaterThanOrEqual(8);
    // Sanne's own name forms are hers even where someone else shares them (Susanne de Wit's family name).
    const own = new Set(nameForms({ givenName: 'Sanne', prefix: 'de', familyName: 'Wit' }).map((x) => x.toLowerCase()));
    const text = raw.normalize('NFC');
    const found = (needle: string) => new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(needle.normalize('NFC'))}(?![\\p{L}\\p{N}])`, 'iu').test(text);
    const leaks: string[] = [];
    for (const o of others) {
      const family = [o.prefix, o.family_name].filter(Boolean).join(' ');
      const needles = [o.id, [o.given_name, o.prefix, o.family_name].filter(Boolean).join(' '), family, `${o.given_name.charAt(0)}. ${family}`, ...o.nicknames, o.email];
      for (const n of needles) if (n && n.length >= 3 && !own.has(n.toLowerCase()) && found(n)) leaks.push(n);
    }
    for (const a of accountsOfOthers) for (const n of [a.id, a.email, a.display_name]) if (found(n)) leaks.push(n);
    for (const n of [KAREL.name, KAREL.contact, otherSchoolId, otherImportId]) if (found(n)) leaks.push(n);
    expect(leaks).toEqual([]);
    // The others are there, but as "andere persoon"; Sanne's own text keeps her name.
    expect(raw).toContain('andere persoon');
    const note = (exported.tables.escalations!.rows.find((r) => typeof r.note === 'string' && (r.note as string).includes('lachten'))!.note as string).normalize('NFC');
    expect(note).toBe('andere persoon en andere persoon lachten. andere persoon en andere persoon zagen het. ander account zei ok. andere persoon ook.');
    // A map keyed by someone's id keeps its value, not the key.
    const check = exported.tables.checks!.rows.find((r) => JSON.stringify(r).includes('byPerson'))!;
    expect((check.result as { byPerson: Record<string, string> }).byPerson).toEqual({ 'andere persoon': 'needs_review' });
  });

  it('keeps a name continued by a hyphen whole, and reads decomposed Unicode as the same name', async () => {
    const made = await buildPeople(database.db, otherSchoolId, [
      { externalId: 'jdvb', kind: 'employee', givenName: 'Jan', prefix: 'de', familyName: 'Vries-Bakker' },
      { externalId: 'jdv', kind: 'employee', givenName: 'Jan', prefix: 'de', familyName: 'Vries' },
      { externalId: 'pb', kind: 'employee', givenName: 'Piet', familyName: 'Bakker' },
    ]);
    try {
      const r = await redactorFor(database.db, { personId: made.get('jdvb')!.id, accountIds: [] });
      expect(r.redact('Brief aan Jan de Vries-Bakker, kopie aan Jan de Vries.')).toBe('Brief aan Jan de Vries-Bakker, kopie aan andere persoon.');
      // "Bakker" (someone else's family name) after a hyphen is the end of a longer name, not Piet Bakker.
      expect(r.redact('Groet van Vries-Bakker; Piet Bakker en Bakker waren er ook.')).toBe('Groet van Vries-Bakker; andere persoon en andere persoon waren er ook.');
      expect(r.redact({ tekst: `${'Zoë Jansen'.normalize('NFD')} en ${'Zoë'.normalize('NFD')}` })).toEqual({ tekst: 'andere persoon en Zoë' });
    } finally {
      await database.db.delete(people).where(sql`${people.id} in (${made.get('jdvb')!.id}, ${made.get('jdv')!.id}, ${made.get('pb')!.id})`);
    }
  });

  it('exports a queued e-mail as template, subject and dates only, and only mails to exactly their address', () => {
    const mails = exported.tables.outbox!.rows;
    expect(mails).toEqual([expect.objectContaining({ template: 'invitation', subject: 'Uitnodiging' })]);
    expect(Object.keys(mails[0]!).sort()).toEqual(['createdAt', 'doneAt', 'id', 'runAfter', 'subject', 'template']);
    expect(raw).not.toContain('WERKENDE-LINK');
    expect(raw).not.toContain('Uitnodiging Susanne');
  });

  it('gives someone a case is about its status changes, not the notes written to the reporter', () => {
    expect(raw).not.toContain('MELDER-BERICHT');
    expect(raw).not.toContain('MELDER-REDEN');
    const subjectCase = exported.tables.incidents!.rows.find((r) => r.summary === `Bericht over andere persoon`)!;
    const events = exported.tables.incident_events!.rows.filter((r) => r.incidentId === subjectCase.id);
    expect(events.map((e) => [e.type, e.payload])).toEqual([['status_changed', { from: 'triage', to: 'investigating' }]]);
    expect(exported.tables.incident_events!.withheld.join(' ')).toMatch(/2 bericht\(en\) aan de melder/u);
  });

  it('finds the anonymous report where they left their address, and takes an external reporter’s name out of the text', () => {
    const inc = exported.tables.incidents!.rows;
    expect(inc.find((r) => r.summary === 'Anonieme melding')).toMatchObject({ yourRoles: ['reporter'] });
    expect(inc.find((r) => r.summary === 'Publieke melding')).toMatchObject({ yourRoles: ['subject'], description: 'andere persoon (andere persoon) zag een bericht van de juf.' });
  });

  it('holds the audit events about any exported row (a read of their post), and none of another school', () => {
    const events = exported.tables.audit_events!.rows;
    const myPost = exported.tables.posts!.rows.find((r) => r.authorId === pid('sanne'))!;
    expect(events).toEqual(expect.arrayContaining([expect.objectContaining({ action: 'post.read', subjectId: myPost.id, actor: 'ander account' })]));
    expect(events.every((e) => e.schoolId === schoolId)).toBe(true);
  });

  it('lists the documents of their own file, without the bytes and without anyone else’s', () => {
    const docs = exported.tables.file_documents!.rows;
    expect(docs.map((d) => d.filename)).toEqual(['waarschuwing-sanne.pdf']);
    expect(docs[0]!.bytes).toBe('(bestand niet opgenomen, 4 bytes)');
  });

  it('leaves out what is not theirs to see: internal notes, the police decision, who reported them, secrets', () => {
    expect(raw).not.toContain('INTERN-VERTROUWELIJK');
    expect(raw).not.toContain('GEHEIM-POLITIE');
    expect(raw).not.toMatch(/passwordHash|totpSecret|tokenHash|csrfToken|receiptHash/u);
    const inc = exported.tables.incidents!.rows;
    const subjectCase = inc.find((r) => (r.yourRoles as string[]).includes('subject'))!;
    expect(subjectCase).not.toHaveProperty('reporterName');
    expect(subjectCase).toMatchObject({ plichtsverzuim: true, qualificationRationale: 'Geen grensoverschrijdend gedrag.' });
    const reportedCase = inc.find((r) => (r.yourRoles as string[]).includes('reporter'))!;
    expect(reportedCase).toMatchObject({ reporterId: pid('sanne') });
    expect(exported.tables.incident_events!.withheld.join(' ')).toMatch(/3 interne notitie/u);
    expect(exported.tables.incident_events!.rows.every((r) => r.type !== 'note')).toBe(true);
  });

  it('is a readable Dutch PDF with the person’s name and every section', async () => {
    const res = await get('fg', `${base(pid('sanne'))}/export.pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="inzage-[0-9a-f-]+\.pdf"; filename\*=UTF-8''inzage-[0-9a-f-]+\.pdf$/u);
    // Kept a PDF and out of caches, like every download (src/server/download.ts).
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['cache-control']).toContain('no-store');
    expect(res.headers['content-security-policy']).toContain('sandbox');
    const text = await pdfText(res.rawPayload);
    expect(text).toContain('Inzage persoonsgegevens: Sanne de Wit');
    for (const heading of [PERSON_HEADING, ...TABLE_RULES.map((r) => r.title)]) expect(text, heading).toContain(heading);
    for (const other of [NAME.otto, NAME.olga, NAME.omar, EMAIL.olga]) expect(text).not.toContain(other);
  });

  it('records every export in the audit trail (ids only), for the FG of the school only', async () => {
    const events = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'subject.exported'));
    expect(events.map((e) => e.fields?.[0]).sort()).toEqual(['json', 'pdf']);
    expect(events.every((e) => e.subjectId === pid('sanne') && e.actor === acc.fg)).toBe(true);
    expect((await get('director', `${base(pid('sanne'))}/export.json`)).statusCode).toBe(403);
    expect((await get('sanne', `${base(pid('sanne'))}/export.json`)).statusCode).toBe(403);
    expect((await get('fgElsewhere', `${base(pid('sanne'))}/export.json`)).statusCode).toBe(403);
    expect((await get('fgElsewhere', `${base(pid('sanne'), otherSchoolId)}/export.json`)).statusCode).toBe(404);
    expect((await get('fg', `${base('not-a-uuid')}/export.pdf`)).statusCode).toBe(404);
  });

  it('finds people by name, e-mail or number (also those who left)', async () => {
    const res = await get('fg', `/api/v1/schools/${schoolId}/subject-access/people?q=smit`);
    expect(res.json().people).toEqual([expect.objectContaining({ id: pid('eva'), name: 'Eva Smit', active: false })]);
    expect((await get('fg', `/api/v1/schools/${schoolId}/subject-access/people?q=${encodeURIComponent('otto.kramer@')}`)).json().people[0].id).toBe(pid('otto'));
    expect((await get('fg', `/api/v1/schools/${otherSchoolId}/subject-access/people?q=smit`)).statusCode).toBe(403);
  });
});

describe(`subject access: letters, searches and dry runs (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('gives a guardian’s letter, filed in the child’s file, to the guardian and not to the child', async () => {
    const child = JSON.parse((await get('fg', `${base(pid('otto'))}/export.json`)).body) as SubjectExport;
    const parent = JSON.parse((await get('fg', `${base(pid('olga'))}/export.json`)).body) as SubjectExport;
    expect(child.tables.file_entries!.rows.map((r) => r.title)).toEqual(['Gesprek']);
    expect(child.tables.file_documents!.rows.map((r) => r.filename)).toEqual(['gesprek-otto.pdf']);
    expect(parent.tables.file_entries!.rows.map((r) => r.title)).toEqual([guardianLetterTitle]);
    expect(parent.tables.file_documents!.rows.map((r) => r.filename)).toEqual(['brief-aan-ouder.pdf']);
  });

  it('records searches and erasure dry runs in the audit trail (they reveal cases and breaches)', async () => {
    const count = async (action: string) => (await database.db.select().from(auditEvents).where(eq(auditEvents.action, action))).filter((e) => e.actor === acc.fg).length;
    const [searches, checks] = [await count('subject.searched'), await count('subject.erasure_checked')];
    expect((await get('fg', `/api/v1/schools/${schoolId}/subject-access/people?q=kramer`)).statusCode).toBe(200);
    expect((await get('fg', `${base(pid('sanne'))}/erasure`)).statusCode).toBe(200);
    expect(await count('subject.searched')).toBe(searches + 1);
    expect(await count('subject.erasure_checked')).toBe(checks + 1);
    const [last] = (await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'subject.searched'))).slice(-1);
    expect(last!.fields).toEqual(['found:1']);
    expect(JSON.stringify(last)).not.toMatch(/kramer/iu);
  });
});

/** Every row of every table, as JSON per table (binary as hex), to compare before and after. */
async function dumpAll(): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  for (const t of schemaTables()) {
    const rows = await database.query<Record<string, unknown>>(`select * from "${t.name}"`);
    out.set(
      t.name,
      rows.map((r) => {
        const copy: Record<string, unknown> = { ...r };
        if (t.name === 'schools') {
          delete copy.data_version;
          delete copy.updated_at;
        }
        return JSON.stringify(copy, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString('hex') : typeof v === 'bigint' ? String(v) : v));
      }),
    );
  }
  return out;
}

describe(`subject access: erasure (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('refuses while the law asks to keep something, and lists every reason', async () => {
    const dry = await get('fg', `${base(pid('sanne'))}/erasure`);
    expect(dry.statusCode).toBe(200);
    const check = dry.json() as { allowed: boolean; blockers: { code: string; table?: string; reason: string; reasonEn: string }[] };
    expect(check.allowed).toBe(false);
    expect(check.blockers.filter((b) => !(b.reason.length > 20 && b.reasonEn.length > 20))).toEqual([]);
    const codes = check.blockers.map((b) => `${b.code}${b.table ? `:${b.table}` : ''}`);
    for (const c of ['still_on_roster', 'open_case:incidents', 'retained:measures', 'retained:file_entries', 'retained:breaches', 'retained:incident_people', 'retained:incident_events', 'retained:breach_events']) expect(codes).toContain(c);
    const before = await dumpAll();
    const res = await app.inject({ method: 'POST', url: `${base(pid('sanne'))}/erasure`, headers: as.fg!, payload: { confirmName: 'Sanne de Wit' } });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toBe('erasure_refused');
    expect(res.json().issues.length).toBe(check.blockers.length);
    expect(res.json().message).toContain('lopende melding');
    expect(await dumpAll()).toEqual(before);
  });

  it('asks for the full name, and only the FG erases', async () => {
    const wrong = await app.inject({ method: 'POST', url: `${base(pid('eva'))}/erasure`, headers: as.fg!, payload: { confirmName: 'Eva' } });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().issues[0].path).toBe('$.confirmName');
    expect((await app.inject({ method: 'POST', url: `${base(pid('eva'))}/erasure`, headers: as.fg!, payload: {} })).statusCode).toBe(400);
    expect((await app.inject({ method: 'POST', url: `${base(pid('eva'))}/erasure`, headers: as.director!, payload: { confirmName: 'Eva Smit' } })).statusCode).toBe(403);
  });

  it('refuses while a published post shows her, a takedown is open, or a consent she gave is in force (art. 17(2), 7(1))', async () => {
    const E = pid('eva');
    const check = (await get('fg', `${base(E)}/erasure`)).json() as { allowed: boolean; blockers: { code: string; reason: string }[] };
    expect(check.allowed).toBe(false);
    expect(check.blockers.map((b) => b.code).sort()).toEqual(['consent_in_force', 'open_takedown', 'published_post']);
    // The photo itself shows her: the refusal says so.
    expect(check.blockers.find((b) => b.code === 'published_post')!.reason).toMatch(/foto\('s\), video\('s\) of geluidsopname\(n\) zelf is deze persoon te zien/u);
    const before = await dumpAll();
    const res = await app.inject({ method: 'POST', url: `${base(E)}/erasure`, headers: as.fg!, payload: { confirmName: 'Eva Smit' } });
    expect(res.statusCode).toBe(409);
    const after = await dumpAll();
    expect([...after].filter(([t]) => t !== 'audit_events' && t !== 'audit_heads')).toEqual([...before].filter(([t]) => t !== 'audit_events' && t !== 'audit_heads'));
    // The FG has the post taken down, the takedown is ticked off, and Olga gives Otto's consent anew.
    await database.db.update(posts).set({ status: 'withdrawn' }).where(eq(posts.authorId, pid('omar')));
    await database.db.update(takedownTasks).set({ doneAt: new Date(clock), doneBy: acc.omar }).where(eq(takedownTasks.personId, E));
    await database.db.insert(consentEvents).values({ schoolId, personId: pid('otto'), channel: 'school_social_media', media: 'photo', schoolYear: '2026-2027', validFrom: '2026-08-24', validUntil: '2027-07-16', status: 'granted', givenBy: pid('olga'), method: 'portal' });
  });

  it('erases where allowed: no trace of the person in the school’s rows, everyone else’s rows as they were or with only her name replaced', async () => {
    const E = pid('eva');
    const ids = [E, acc.eva!];
    const named = () => new RegExp(`(?<![\\p{L}\\p{N}_@.\\-])(?:${[`acc.${EMAIL.eva}`, EMAIL.eva!, NAME.eva!].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_@\\-])`, 'giu');
    const hasId = (row: string) => ids.some((t) => row.includes(t));
    const has = (row: string) => hasId(row) || named().test(row);
    const otherSchool = (row: string) => row.includes(otherSchoolId);
    // Her session works until she is erased (the identity cache remembers it).
    expect((await get('eva', '/api/v1/auth/me')).statusCode).toBe(200);
    const dry = (await get('fg', `${base(E)}/erasure`)).json() as { allowed: boolean; blockers: unknown[]; plan: { table: string; action: string }[] };
    expect(dry.blockers).toEqual([]);
    expect(dry.allowed).toBe(true);
    expect(dry.plan).toEqual(expect.arrayContaining([expect.objectContaining({ table: 'posts', action: 'delete' }), expect.objectContaining({ table: 'media_items', action: 'strip' }), expect.objectContaining({ table: 'consent_events', action: 'nullify' })]));

    const before = await dumpAll();
    const touched = [...before].reduce((n, [, rows]) => n + rows.filter(has).length, 0);
    expect(touched).toBeGreaterThan(15);
    const res = await app.inject({ method: 'POST', url: `${base(E)}/erasure`, headers: as.fg!, payload: { confirmName: ' eva  smit ' } });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().erased).toBe(true);
    // Her session stops at once.
    expect((await get('eva', '/api/v1/auth/me')).statusCode).toBe(401);

    const after = await dumpAll();
    const left: string[] = [];
    const lost: string[] = [];
    for (const [table, rows] of after) {
      // The audit trail keeps bare ids (no names, no contents), by design; another school's rows are not this school's to change.
      if (table !== 'audit_events') for (const r of rows) if (has(r) && !otherSchool(r)) left.push(`${table}: ${r.slice(0, 160)}`);
      // The chain's head moves with every event appended.
      if (table === 'audit_heads') continue;
      const now = new Set(rows);
      for (const r of before.get(table)!) {
        // Rows with her id are hers (deleted) or lose her id (checked below).
        if (hasId(r)) continue;
        // Queued mail to exactly her address goes with her.
        if (table === 'outbox' && (JSON.parse(r) as { payload: { to?: string } }).payload.to === EMAIL.eva) continue;
        // Any other row is as it was; where it names her (this school only), with just her name replaced.
        const expected = otherSchool(r) ? r : r.replace(named(), '(verwijderd)');
        if (!now.has(expected)) lost.push(`${table}: ${expected.slice(0, 200)}`);
      }
    }
    expect(left).toEqual([]);
    expect(lost).toEqual([]);
    // Someone whose name only starts like hers is untouched.
    const [esc] = await database.db.select().from(escalations).where(sql`${escalations.threadText} like '%Smit-de Boer%'`);
    expect(esc!.threadText).toBe('(verwijderd) belde; Eva Smit-de Boer ook.');
    // What stayed of other people's records: Omar's post and photo without her, Otto's consent without "given by".
    const [omarPost] = await database.db.select().from(posts).where(eq(posts.authorId, pid('omar')));
    expect(JSON.stringify(omarPost!.content)).toContain('(verwijderd)');
    expect((omarPost!.content as { media: { people: string[] }[] }).media[0]!.people).toEqual([pid('sanne'), pid('otto')]);
    const ottoConsents = await database.db.select().from(consentEvents).where(eq(consentEvents.personId, pid('otto')));
    expect(ottoConsents).toHaveLength(4);
    expect(ottoConsents.filter((c) => c.givenBy === null)).toHaveLength(1);
    expect((await database.db.select().from(people).where(eq(people.id, E))).length).toBe(0);
    const audit = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'subject.erased'));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ subjectId: E, actor: acc.fg });
    expect((await verifyAudit(database.db)).broken).toEqual([]);
    expect((await get('fg', `${base(E)}/erasure`)).statusCode).toBe(404);
  });
});

describe('postwijzer subject (the command, as a process on its own PGlite database)', { timeout: 120_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), 'pw-subject-'));
  const dataDir = join(work, 'db');
  let personId: string;
  const cli = (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: dataDir };
    delete env.DATABASE_URL;
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'subject', ...args], { env, encoding: 'utf8', timeout: 60_000 });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
  beforeAll(async () => {
    const d = await openDatabase({ dataDir, url: '' });
    await migrate(d);
    const school = (await buildSchool(d.db, { brin: '99SC' })).school.id;
    const made = await buildPeople(d.db, school, [
      { externalId: 'a', kind: 'student', givenName: 'Ilse', familyName: 'Bakker', birthDate: '2015-01-01' },
      { externalId: 'b', kind: 'guardian', givenName: 'Joris', familyName: 'Bakker' },
    ]);
    personId = made.get('a')!.id;
    await d.db.insert(guardianships).values({ guardianId: made.get('b')!.id, studentId: personId });
    await d.close();
  });

  it('refuses bad input with one sentence and exit code 2', () => {
    const r = cli(['export', '--person', 'Ilse']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^postwijzer: --person takes the person's id \(a UUID\), not "Ilse"\.\n$/u);
    expect(cli(['export', '--person', '00000000-0000-4000-8000-000000000000', '--format', 'docx']).code).toBe(2);
    expect(cli(['export', '--person', '00000000-0000-4000-8000-000000000000', '--format', 'pdf']).err).toMatch(/needs --out/u);
    expect(cli(['frobnicate']).code).toBe(2);
  });

  it('exports JSON and PDF, shows the erasure check and erases with the name confirmed', async () => {
    const json = cli(['export', '--person', personId]);
    expect(json.code, json.err).toBe(0);
    const e = JSON.parse(json.out) as SubjectExport;
    expect(e.person).toMatchObject({ givenName: 'Ilse' });
    expect(e.tables.guardianships!.rows).toEqual([expect.objectContaining({ guardianId: 'andere persoon', studentId: personId })]);
    expect(json.out).not.toContain('Joris');
    const out = join(work, 'inzage.pdf');
    expect(cli(['export', '--person', personId, '--format', 'pdf', '--out', out]).code).toBe(0);
    expect(await pdfText(readFileSync(out))).toContain('Inzage persoonsgegevens: Ilse Bakker');
    const check = cli(['erasure', '--person', personId]);
    expect(check.out).toMatch(/Ilse Bakker cannot be erased now:\n {2}- Deze persoon staat nog actief/u);
    const refused = cli(['erase', '--person', personId, '--confirm-name', 'Ilse Bakker']);
    expect(refused.code).toBe(1);
    expect(cli(['erase', '--person', personId, '--confirm-name', 'Ilse']).code).toBe(2);
    // Once she has left, she can be erased.
    const d = await openDatabase({ dataDir, url: '' });
    await d.db.update(people).set({ active: false, leftAt: new Date() }).where(eq(people.id, personId));
    await d.close();
    const erased = cli(['erase', '--person', personId, '--confirm-name', 'ilse bakker']);
    expect(erased.code, erased.err).toBe(0);
    expect(erased.out).toMatch(/^Erased\./u);
    const after = await openDatabase({ dataDir, url: '' });
    expect(await after.query('select id from people where id = $1', [personId])).toEqual([]);
    expect(await after.query(`select actor from audit_events where action = 'subject.erased'`)).toEqual([{ actor: 'cli' }]);
    expect(await after.query(`select actor from audit_events where action = 'subject.erasure_checked'`)).toEqual([{ actor: 'cli' }]);
    await after.close();
  });
});
