// The protocol in the app (A.3, A.4; docs/protocol-versions.md). A board publishes versions of its
// protocol, each with the official document (a PDF kept as bytes with its SHA-256); exactly one
// version is current per board. Every employee confirms the current version once; the school sees
// who has not and sends reminders, at most one per person per day.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts, acknowledgements, boards, employments, people, protocolDocuments, protocolReminders, protocolVersions, schools } from '../../db/schema/index.ts';
import type { Actor } from '../../policies/index.ts';
import { STAFF_ROLES } from '../../policies/index.ts';
import { DEFAULT_PROTOCOL, getProtocol } from '../../protocols/index.ts';
import type { Article, Text } from '../../protocols/index.ts';
import { appendAudit } from '../audit/chain.ts';
import { enqueueMail } from '../mail/mailer.ts';
import { protocolReminderMail } from './mail.ts';
import { fullName } from '../people/names.ts';

/** The official document may be this large at most. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
/** An employee is reminded at most once in this span. */
export const REMINDER_GAP_MS = 24 * 3600_000;

export class ProtocolError extends Error {
  constructor(
    readonly status: 400 | 404 | 409 | 413,
    readonly code: string,
    message: string,
    readonly path?: string,
  ) {
    super(message);
    this.name = 'ProtocolError';
  }
}

/** The chapters of a protocol, by the letter its article ids start with. */
export const CHAPTERS: Record<Article['section'], Text> = {
  U: { nl: 'Uitgangspunten', en: 'Principles' },
  R: { nl: 'Voor wie en waarover', en: 'Who and what it covers' },
  A: { nl: 'Voor iedereen', en: 'For everyone' },
  B: { nl: 'Medewerkers tijdens het werk', en: 'Staff at work' },
  C: { nl: 'Medewerkers privé', en: 'Staff in private' },
  D: { nl: 'Gevolgen en maatregelen', en: 'Consequences and measures' },
};

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);

/** Is this a PDF? It starts with "%PDF-1.x" or "%PDF-2.x" and ends with "%%EOF" (a little trailing whitespace allowed). */
export function isPdf(bytes: Buffer): boolean {
  if (bytes.length < 16 || !/^%PDF-[12]\.\d/.test(bytes.subarray(0, 8).toString('latin1'))) return false;
  return bytes.subarray(Math.max(0, bytes.length - 1024)).toString('latin1').includes('%%EOF');
}

/** A file name fit for a header: letters, digits, dot, dash and underscore; ends in .pdf. */
export function safeFileName(name: string | undefined, fallback: string): string {
  const clean = (raw: string) => raw.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\.pdf$/i, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '').slice(0, 80);
  // The fallback (built from the version label the board typed) goes through the same cleaning.
  return `${clean(name ?? '') || clean(fallback) || 'protocol'}.pdf`;
}

export interface SchoolBoard {
  schoolId: string;
  schoolName: string;
  boardId: string;
  boardName: string;
  protocolId: string;
}

export async function boardOf(db: DbOrTx, schoolId: string): Promise<SchoolBoard> {
  const [row] = isUuid(schoolId)
    ? await db
        .select({ schoolId: schools.id, schoolName: schools.name, boardId: boards.id, boardName: boards.name, protocolId: boards.protocolId })
        .from(schools)
        .innerJoin(boards, eq(boards.id, schools.boardId))
        .where(eq(schools.id, schoolId))
    : [];
  if (!row) throw new ProtocolError(404, 'not_found', 'There is no such school.');
  return row;
}

type VersionRow = typeof protocolVersions.$inferSelect;

function describeVersion(v: VersionRow, doc: { size: number; sha256: string; fileName: string } | undefined) {
  return {
    id: v.id,
    protocolId: v.protocolId,
    version: v.version,
    adoptedOn: v.adoptedOn,
    summary: v.summary,
    current: v.current,
    publishedAt: v.publishedAt,
    document: doc ? { fileName: doc.fileName, size: doc.size, sha256: doc.sha256 } : null,
  };
}
export type VersionView = ReturnType<typeof describeVersion>;

/** The board's versions, the current one first, then newest first. */
export async function listVersions(db: DbOrTx, boardId: string): Promise<VersionView[]> {
  const rows = await db
    .select({ v: protocolVersions, size: protocolDocuments.size, sha256: protocolDocuments.sha256, fileName: protocolDocuments.fileName })
    .from(protocolVersions)
    .leftJoin(protocolDocuments, eq(protocolDocuments.versionId, protocolVersions.id))
    .where(eq(protocolVersions.boardId, boardId))
    .orderBy(desc(protocolVersions.current), desc(protocolVersions.publishedAt));
  return rows.map((r) => describeVersion(r.v, r.size !== null && r.sha256 && r.fileName ? { size: r.size, sha256: r.sha256, fileName: r.fileName } : undefined));
}

export async function currentVersion(db: DbOrTx, boardId: string): Promise<VersionView | null> {
  return (await listVersions(db, boardId)).find((v) => v.current) ?? null;
}

/** The articles of a protocol grouped by chapter, in the product's own wording. */
export function chaptersOf(protocolId: string) {
  const protocol = getProtocol(protocolId) ?? getProtocol(DEFAULT_PROTOCOL)!;
  const order = ['U', 'R', 'A', 'B', 'C', 'D'] as const;
  return {
    protocol: { id: protocol.id, name: protocol.name, adopted: protocol.adopted },
    chapters: order
      .map((section) => ({
        section,
        title: CHAPTERS[section],
        articles: protocol.articles.filter((a) => a.section === section).map(({ id, title, summary }) => ({ id, title, summary })),
      }))
      .filter((c) => c.articles.length > 0),
  };
}

export interface PublishInput {
  schoolId: string;
  version: string;
  adoptedOn: string;
  summary: string | null;
  document: Buffer;
  fileName?: string;
  by: string;
  requestId?: string;
  now: Date;
}

/** Publishes a new current version for the board of the school, in one transaction. */
export async function publishVersion(db: AppDb, p: PublishInput): Promise<VersionView> {
  if (p.document.length > MAX_DOCUMENT_BYTES) throw new ProtocolError(413, 'payload_too_large', `The document is too large: at most ${MAX_DOCUMENT_BYTES / (1024 * 1024)} MB is accepted.`);
  if (!isPdf(p.document)) throw new ProtocolError(400, 'not_a_pdf', 'The document is not a PDF file: export the official document as PDF and upload that file.', '$.document');
  const board = await boardOf(db, p.schoolId);
  const sha256 = createHash('sha256').update(p.document).digest('hex');
  return db.transaction(async (tx) => {
    // One publication per board at a time: the second waits for the first to commit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`postwijzer.protocol:${board.boardId}`}, 0))`);
    const [taken] = await tx.select({ id: protocolVersions.id }).from(protocolVersions).where(and(eq(protocolVersions.boardId, board.boardId), eq(protocolVersions.version, p.version)));
    if (taken) throw new ProtocolError(409, 'version_exists', `The board already has a version "${p.version}": give the new version another label.`, '$.version');
    await tx.update(protocolVersions).set({ current: false }).where(and(eq(protocolVersions.boardId, board.boardId), eq(protocolVersions.current, true)));
    const [row] = await tx
      .insert(protocolVersions)
      .values({ boardId: board.boardId, protocolId: board.protocolId, version: p.version, adoptedOn: p.adoptedOn, summary: p.summary, documentSha256: sha256, current: true, publishedBy: p.by, publishedAt: p.now })
      .returning();
    const fileName = safeFileName(p.fileName, `protocol-${p.version}`);
    await tx.insert(protocolDocuments).values({ versionId: row!.id, fileName, size: p.document.length, sha256, bytes: p.document, createdAt: p.now });
    await appendAudit(tx, { schoolId: p.schoolId, actor: p.by, action: 'protocol_version.publish', subjectType: 'protocol_version', subjectId: row!.id, requestId: p.requestId ?? null, fields: ['version', 'adopted_on', 'summary', 'document', 'current'], at: p.now });
    return describeVersion(row!, { size: p.document.length, sha256, fileName });
  });
}

/** The official document of a version of the school's board. */
export async function documentOf(db: DbOrTx, schoolId: string, versionId: string) {
  const board = await boardOf(db, schoolId);
  const [row] = isUuid(versionId)
    ? await db
        .select({ version: protocolVersions.version, fileName: protocolDocuments.fileName, mime: protocolDocuments.mime, sha256: protocolDocuments.sha256, bytes: protocolDocuments.bytes })
        .from(protocolVersions)
        .innerJoin(protocolDocuments, eq(protocolDocuments.versionId, protocolVersions.id))
        .where(and(eq(protocolVersions.id, versionId), eq(protocolVersions.boardId, board.boardId)))
    : [];
  if (!row) throw new ProtocolError(404, 'not_found', 'There is no such protocol version (with a document) for this school’s board.');
  return row;
}

/** The roster people this account is at the board's schools, as staff. */
async function staffPeopleOfBoard(db: DbOrTx, actor: Actor, boardId: string): Promise<string[]> {
  const candidates = [...actor.schools.entries()].filter(([, s]) => s.staffPersonId && STAFF_ROLES.some((r) => s.roles.has(r)));
  if (!candidates.length) return [];
  const boardSchools = new Set(
    (await db.select({ id: schools.id }).from(schools).where(and(eq(schools.boardId, boardId), inArray(schools.id, candidates.map(([id]) => id))))).map((r) => r.id),
  );
  return [...new Set(candidates.filter(([id]) => boardSchools.has(id)).map(([, s]) => s.staffPersonId!))];
}

/** Has the actor something to confirm at this school, and did they? */
export async function myAcknowledgement(db: DbOrTx, actor: Actor, schoolId: string, version: VersionView | null) {
  const here = actor.schools.get(schoolId);
  const staff = !!here && STAFF_ROLES.some((r) => here.roles.has(r));
  const personId = staff ? (here?.staffPersonId ?? null) : null;
  if (!version || !personId) return { expected: false, acknowledgedAt: null as Date | null };
  const [row] = await db.select({ at: acknowledgements.acknowledgedAt }).from(acknowledgements).where(and(eq(acknowledgements.protocolVersionId, version.id), eq(acknowledgements.personId, personId)));
  return { expected: true, acknowledgedAt: row?.at ?? null };
}

/**
 * Records that the actor read the current version and keeps to it: for every roster person the
 * account is, as staff, at a school of the same board. Twice is the same as once.
 */
export async function acknowledge(db: AppDb, p: { actor: Actor; schoolId: string; versionId: string; requestId?: string; now: Date }) {
  const board = await boardOf(db, p.schoolId);
  return db.transaction(async (tx) => {
    // FOR SHARE: a publication that is turning this version into an old one (it updates the row)
    // makes us wait for its commit, and then we read current = false; once we hold the lock, a
    // publication waits for us. So a 201 never lands on a version that was no longer current.
    const [version] = isUuid(p.versionId)
      ? await tx
          .select()
          .from(protocolVersions)
          .where(and(eq(protocolVersions.id, p.versionId), eq(protocolVersions.boardId, board.boardId)))
          .for('share')
      : [];
    if (!version) throw new ProtocolError(404, 'not_found', 'There is no such protocol version for this school’s board.', '$.versionId');
    if (!version.current) throw new ProtocolError(409, 'not_current', 'This is not the current version of the protocol any more: reload the page and read the current one.', '$.versionId');
    const personIds = await staffPeopleOfBoard(tx, p.actor, board.boardId);
    if (!personIds.length) throw new ProtocolError(409, 'not_on_roster', 'Your account is not linked to an employee on the school’s roster, so there is nothing to confirm. Ask the school to link your account.');
    const inserted = await tx
      .insert(acknowledgements)
      .values(personIds.map((personId) => ({ protocolVersionId: version.id, personId, accountId: p.actor.accountId, acknowledgedAt: p.now })))
      .onConflictDoNothing()
      .returning({ personId: acknowledgements.personId });
    if (inserted.length) {
      await appendAudit(tx, { schoolId: p.schoolId, actor: p.actor.accountId, action: 'protocol.acknowledge', subjectType: 'protocol_version', subjectId: version.id, requestId: p.requestId ?? null, fields: ['acknowledgements'], at: p.now });
    }
    const here = p.actor.schools.get(p.schoolId)?.staffPersonId;
    const [mine] = await tx
      .select({ at: acknowledgements.acknowledgedAt })
      .from(acknowledgements)
      .where(and(eq(acknowledgements.protocolVersionId, version.id), inArray(acknowledgements.personId, here && personIds.includes(here) ? [here] : personIds)))
      .orderBy(asc(acknowledgements.acknowledgedAt))
      .limit(1);
    return { versionId: version.id, acknowledgedAt: mine!.at, already: inserted.length === 0 };
  });
}

interface Employee {
  id: string;
  name: string;
  function: string | null;
  email: string | null;
  acknowledgedAt: Date | null;
  reminders: number;
  lastRemindedAt: Date | null;
}

/** The school's employees (roster, active, employed here), with their account e-mail and confirmation. */
async function employeesOf(db: DbOrTx, schoolId: string, versionId: string | null): Promise<Employee[]> {
  const staff = await db
    .select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, fn: employments.function })
    .from(people)
    .innerJoin(employments, eq(employments.personId, people.id))
    .where(and(eq(people.schoolId, schoolId), eq(employments.schoolId, schoolId), eq(people.kind, 'employee'), eq(people.active, true)))
    .orderBy(asc(people.familyName), asc(people.givenName));
  if (!staff.length) return [];
  const ids = staff.map((s) => s.id);
  // The e-mail of an open account that is this person (the reminder links to the app: no account, no use).
  const viaRoles = await db
    .select({ personId: accountRoles.personId, email: accounts.email })
    .from(accountRoles)
    .innerJoin(accounts, eq(accounts.id, accountRoles.accountId))
    .where(and(inArray(accountRoles.personId, ids), isNull(accounts.closedAt)));
  const direct = await db
    .select({ personId: accounts.personId, email: accounts.email })
    .from(accounts)
    .where(and(inArray(accounts.personId, ids), isNull(accounts.closedAt)));
  const emails = new Map<string, string>();
  for (const r of [...direct, ...viaRoles]) if (r.personId && !emails.has(r.personId)) emails.set(r.personId, r.email);
  const acks = versionId
    ? new Map((await db.select({ personId: acknowledgements.personId, at: acknowledgements.acknowledgedAt }).from(acknowledgements).where(and(eq(acknowledgements.protocolVersionId, versionId), inArray(acknowledgements.personId, ids)))).map((r) => [r.personId, r.at]))
    : new Map<string, Date>();
  const reminded = versionId
    ? new Map((await db.select().from(protocolReminders).where(and(eq(protocolReminders.versionId, versionId), inArray(protocolReminders.personId, ids)))).map((r) => [r.personId, r]))
    : new Map<string, typeof protocolReminders.$inferSelect>();
  return staff.map((s) => ({
    id: s.id,
    name: fullName(s),
    function: s.fn,
    email: emails.get(s.id) ?? null,
    acknowledgedAt: acks.get(s.id) ?? null,
    reminders: reminded.get(s.id)?.reminders ?? 0,
    lastRemindedAt: reminded.get(s.id)?.lastRemindedAt ?? null,
  }));
}

/** Who of the school's employees confirmed the current version, and who has not. */
export async function acknowledgementOverview(db: DbOrTx, schoolId: string) {
  const board = await boardOf(db, schoolId);
  const version = await currentVersion(db, board.boardId);
  const list = await employeesOf(db, schoolId, version?.id ?? null);
  const acknowledged = list.filter((e) => e.acknowledgedAt).length;
  return {
    version,
    total: list.length,
    acknowledged,
    notAcknowledged: list.length - acknowledged,
    /** Share of employees who confirmed, 0..1 (null without employees). */
    rate: list.length ? Math.round((acknowledged / list.length) * 1000) / 1000 : null,
    notReachable: list.filter((e) => !e.acknowledgedAt && !e.email).length,
    employees: list.map((e) => ({ id: e.id, name: e.name, function: e.function, reachable: e.email !== null, acknowledgedAt: e.acknowledgedAt, reminders: e.reminders, lastRemindedAt: e.lastRemindedAt })),
  };
}

/**
 * Reminds the school's employees who have not confirmed the current version (or one of them): an
 * e-mail with a link to the protocol page. Who was reminded in the last day, or has no account
 * with an e-mail address, is skipped and counted.
 */
export async function remindEmployees(db: AppDb, p: { schoolId: string; personId?: string; by: string; requestId?: string; now: Date; publicUrl: string }) {
  const board = await boardOf(db, p.schoolId);
  return db.transaction(async (tx) => {
    const version = await currentVersion(tx, board.boardId);
    if (!version) throw new ProtocolError(409, 'no_current_version', 'The board has not published a version of the protocol yet: there is nothing to remind about.');
    let list = (await employeesOf(tx, p.schoolId, version.id)).filter((e) => !e.acknowledgedAt || e.id === p.personId);
    if (p.personId !== undefined) {
      const one = list.find((e) => e.id === p.personId);
      if (!one) throw new ProtocolError(404, 'not_found', 'There is no employee with this id at this school.', '$.personId');
      if (one.acknowledgedAt) throw new ProtocolError(409, 'already_acknowledged', 'This employee has already confirmed the current version.', '$.personId');
      list = [one];
    }
    const protocolName = getProtocol(version.protocolId)?.name ?? version.protocolId;
    const since = new Date(p.now.getTime() - REMINDER_GAP_MS);
    let sent = 0;
    let skipped = 0;
    let notReachable = 0;
    for (const e of list) {
      if (!e.email) {
        notReachable++;
        continue;
      }
      // Claims the day's reminder in one statement: two clicks at once send one mail.
      const claimed = await tx
        .insert(protocolReminders)
        .values({ versionId: version.id, personId: e.id, reminders: 1, lastRemindedAt: p.now, lastRemindedBy: p.by })
        .onConflictDoUpdate({
          target: [protocolReminders.versionId, protocolReminders.personId],
          set: { reminders: sql`${protocolReminders.reminders} + 1`, lastRemindedAt: p.now, lastRemindedBy: p.by },
          setWhere: sql`${protocolReminders.lastRemindedAt} <= ${since.toISOString()}::timestamptz`,
        })
        .returning({ personId: protocolReminders.personId });
      if (!claimed.length) {
        skipped++;
        continue;
      }
      await enqueueMail(tx, protocolReminderMail({ to: e.email, name: e.name, schoolName: board.schoolName, protocolName, version: version.version, publicUrl: p.publicUrl }), p.now);
      sent++;
    }
    if (sent) {
      await appendAudit(tx, { schoolId: p.schoolId, actor: p.by, action: 'protocol.remind', subjectType: 'protocol_version', subjectId: version.id, requestId: p.requestId ?? null, fields: ['protocol_reminders'], at: p.now });
    }
    return { sent, skipped, notReachable };
  });
}

/** Everything the protocol page shows for one signed-in person at one school. */
export async function protocolPage(db: DbOrTx, actor: Actor, schoolId: string) {
  const board = await boardOf(db, schoolId);
  const versions = await listVersions(db, board.boardId);
  const current = versions.find((v) => v.current) ?? null;
  const { protocol, chapters } = chaptersOf(current?.protocolId ?? board.protocolId);
  return { board: { id: board.boardId, name: board.boardName }, protocol, chapters, current, versions, me: await myAcknowledgement(db, actor, schoolId, current) };
}

