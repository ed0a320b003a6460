// Personnel and student files (docs/files.md): finding who has a file, reading one (every read is
// an audit event, ids only), the documents filed with letters, and "I opened this file by mistake"
// (a possible breach for the FG). Letters and the purge are in letter-service.ts and purge.ts.
import { and, asc, count, desc, eq, ilike, inArray, isNull, max, or, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { accounts, auditEvents, breaches, fileDocuments, fileEntries, people } from '../../db/schema/index.ts';
import type { FileKind } from '../../policies/files.ts';
import { HttpError } from '../../server/errors.ts';
import { appendAudit } from '../audit/chain.ts';
import { createPossibleBreach } from '../breaches/service.ts';
import { retainUntil, ruleFor } from './retention.ts';
import { containsPattern } from '../../db/like.ts';
import { fullName as nameOf } from '../people/names.ts';

export interface By {
  accountId: string;
  requestId?: string | undefined;
  now: Date;
}



/** At most this many people in one answer of listFiles (by family name); `cutOff` says there were more. */
export const LIST_LIMIT = 200;

/**
 * The people of the school who have a file of one of these kinds, with how many entries it holds
 * and the latest: names only, no entries, at most LIST_LIMIT (`cutOff` when there were more).
 * Audited as `file.list` (who looked for files; which files were opened is `file.read`).
 */
export async function listFiles(db: AppDb, schoolId: string, kinds: FileKind[], q: string | undefined, by: By) {
  const words = (q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 4);
  const nameMatch = words.map((w) => {
    const like = containsPattern(w);
    return or(ilike(people.givenName, like), ilike(people.familyName, like), ilike(people.prefix, like));
  });
  const rows = await db
    .select({
      personId: people.id,
      givenName: people.givenName,
      prefix: people.prefix,
      familyName: people.familyName,
      personKind: people.kind,
      active: people.active,
      fileKind: fileEntries.fileKind,
      entries: count(fileEntries.id),
      lastAt: max(fileEntries.createdAt),
    })
    .from(fileEntries)
    .innerJoin(people, eq(people.id, fileEntries.personId))
    .where(and(eq(fileEntries.schoolId, schoolId), inArray(fileEntries.fileKind, kinds), isNull(fileEntries.purgedAt), ...nameMatch))
    .groupBy(people.id, people.givenName, people.prefix, people.familyName, people.kind, people.active, fileEntries.fileKind)
    .orderBy(asc(people.familyName), asc(people.givenName), asc(people.id), asc(fileEntries.fileKind))
    .limit(LIST_LIMIT + 1);
  await db.transaction((tx) =>
    appendAudit(tx, { schoolId, actor: by.accountId, action: 'file.list', subjectType: 'school', subjectId: schoolId, requestId: by.requestId ?? null, fields: [...kinds.map((k) => `${k}_files`), ...(words.length ? ['q'] : [])], at: by.now }),
  );
  return {
    cutOff: rows.length > LIST_LIMIT,
    files: rows.slice(0, LIST_LIMIT).map((r) => ({ personId: r.personId, name: nameOf(r), personKind: r.personKind, active: r.active, fileKind: r.fileKind, entries: Number(r.entries), lastAt: r.lastAt })),
  };
}

/** A person of the school, or 404. */
async function personAt(db: DbOrTx, schoolId: string, personId: string) {
  const [p] = await db.select().from(people).where(and(eq(people.id, personId), eq(people.schoolId, schoolId)));
  if (!p) throw new HttpError(404, 'not_found', 'There is no such person at this school.');
  return p;
}

/** One file with its entries (newest first); the read is an audit event in the same transaction. */
export async function readFile(db: AppDb, schoolId: string, kind: FileKind, personId: string, by: By) {
  return db.transaction(async (tx) => {
    const p = await personAt(tx, schoolId, personId);
    const rows = await tx
      .select({
        id: fileEntries.id,
        incidentId: fileEntries.incidentId,
        entryType: fileEntries.entryType,
        title: fileEntries.title,
        body: fileEntries.body,
        createdAt: fileEntries.createdAt,
        createdByName: accounts.displayName,
        document: fileDocuments.filename,
        documentSize: fileDocuments.sizeBytes,
      })
      .from(fileEntries)
      .leftJoin(accounts, eq(accounts.id, fileEntries.createdBy))
      .leftJoin(fileDocuments, eq(fileDocuments.fileEntryId, fileEntries.id))
      .where(and(eq(fileEntries.schoolId, schoolId), eq(fileEntries.personId, personId), eq(fileEntries.fileKind, kind), isNull(fileEntries.purgedAt)))
      .orderBy(desc(fileEntries.createdAt), desc(fileEntries.id));
    await appendAudit(tx, { schoolId, actor: by.accountId, action: 'file.read', subjectType: 'person', subjectId: personId, requestId: by.requestId ?? null, fields: [`${kind}_file`], at: by.now });
    return {
      person: { id: p.id, name: nameOf(p), kind: p.kind, active: p.active, leftAt: p.leftAt },
      fileKind: kind,
      entries: rows.map((r) => ({
        id: r.id,
        incidentId: r.incidentId,
        entryType: r.entryType,
        title: r.title,
        body: r.body,
        createdAt: r.createdAt,
        createdByName: r.createdByName,
        document: r.document ? { filename: r.document, sizeBytes: r.documentSize } : null,
        // Kept while the person is at the school; after that the rule's years from the CURRENT
        // leaving day (as the purge computes it; a date stored at filing could be stale).
        retainUntil: retainUntil(kind, r.entryType, p),
        retentionRule: ruleFor(kind, r.entryType).id,
      })),
    };
  });
}

/** Which file an entry is in (for the access check before its document is read), or 404. */
export async function entryFile(db: DbOrTx, schoolId: string, entryId: string): Promise<{ fileKind: FileKind; personId: string }> {
  const [e] = await db
    .select({ fileKind: fileEntries.fileKind, personId: fileEntries.personId })
    .from(fileEntries)
    .where(and(eq(fileEntries.id, entryId), eq(fileEntries.schoolId, schoolId), isNull(fileEntries.purgedAt)));
  if (!e) throw new HttpError(404, 'not_found', 'There is no such file entry at this school.');
  return e;
}

/**
 * The PDF of an entry; the read is two audit events in one transaction: one with the entry as
 * subject, one with the person whose file it is (so the read stays traceable to the person after
 * the purge removed the entry).
 */
export async function readDocument(db: AppDb, schoolId: string, entryId: string, by: By) {
  return db.transaction(async (tx) => {
    const [d] = await tx
      .select({ filename: fileDocuments.filename, contentType: fileDocuments.contentType, bytes: fileDocuments.bytes, fileKind: fileEntries.fileKind, personId: fileEntries.personId })
      .from(fileDocuments)
      .innerJoin(fileEntries, eq(fileEntries.id, fileDocuments.fileEntryId))
      .where(and(eq(fileDocuments.fileEntryId, entryId), eq(fileEntries.schoolId, schoolId)));
    if (!d) throw new HttpError(404, 'not_found', 'This file entry has no document.');
    await appendAudit(tx, { schoolId, actor: by.accountId, action: 'file.document_read', subjectType: 'file_entry', subjectId: entryId, requestId: by.requestId ?? null, fields: [`${d.fileKind}_file`, 'document'], at: by.now });
    await appendAudit(tx, { schoolId, actor: by.accountId, action: 'file.document_read', subjectType: 'person', subjectId: d.personId, requestId: by.requestId ?? null, fields: [`${d.fileKind}_file`, 'document'], at: by.now });
    return d;
  });
}

/**
 * The reader says they opened this file by mistake (the file was not theirs to open): a possible
 * breach for the FG, once per account and file. Only a file the account itself opened counts
 * (its `file.read` is in the audit trail). Answers the breach id and whether it is new.
 */
export async function reportMistakenRead(db: AppDb, schoolId: string, kind: FileKind, personId: string, by: By): Promise<{ breachId: string; created: boolean }> {
  return db.transaction(async (tx) => {
    await personAt(tx, schoolId, personId);
    const [read] = await tx
      .select({ id: auditEvents.id, at: auditEvents.occurredAt })
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.schoolId, schoolId),
          eq(auditEvents.actor, by.accountId),
          eq(auditEvents.action, 'file.read'),
          eq(auditEvents.subjectId, personId),
          sql`${`${kind}_file`} = any(${auditEvents.fields})`,
        ),
      )
      .orderBy(asc(auditEvents.id))
      .limit(1);
    if (!read) throw new HttpError(409, 'not_opened', 'You have not opened this file: there is nothing to report.');
    const sourceRef = `${kind}:${personId}:${by.accountId}`;
    const breachId = await createPossibleBreach(
      tx,
      {
        schoolId,
        kind: 'file_wrong_person',
        source: 'file_access',
        sourceRef,
        title: `Dossier (${kind === 'personnel' ? 'personeelsdossier' : 'leerlingdossier'}) ${personId} per vergissing geopend door account ${by.accountId}`,
        description: `Gemeld door wie het dossier opende. Eerste keer geopend: ${read.at.toISOString()} (audit-event ${read.id}).`,
        peopleIds: [personId],
        approxPeople: 1,
        dataCategories: [kind === 'personnel' ? 'personeelsdossier' : 'leerlingdossier'],
        discoveredAt: by.now,
        reportedBy: by.accountId,
      },
      { actor: by.accountId, requestId: by.requestId ?? null, now: by.now },
    );
    if (breachId) {
      await appendAudit(tx, { schoolId, actor: by.accountId, action: 'file.mistaken_read', subjectType: 'person', subjectId: personId, requestId: by.requestId ?? null, fields: [`${kind}_file`, 'breaches'], at: by.now });
      return { breachId, created: true };
    }
    const [existing] = await tx.select({ id: breaches.id }).from(breaches).where(and(eq(breaches.source, 'file_access'), eq(breaches.sourceRef, sourceRef)));
    return { breachId: existing!.id, created: false };
  });
}
