// The retention purge (docs/files.md): removes exactly the file entries whose retention has
// expired, with their documents, and records each in file_purges (ids, kinds, dates and the rule;
// no names, no contents), with one audit event per school, all in one transaction. An entry of a
// case that is still open is kept until the case is closed. The server runs it on a timer
// (FILES_PURGE_INTERVAL_HOURS, default daily); `postwijzer files purge [--dry-run]` runs it by hand.
import { randomUUID } from 'node:crypto';
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { fileDocuments, fileEntries, filePurges, incidents, people } from '../../db/schema/index.ts';
import { appendAudit } from '../audit/chain.ts';
import { dutchDay } from './dutch-time.ts';
import { retainUntil, ruleFor } from './retention.ts';

export interface PurgedEntry {
  entryId: string;
  schoolId: string;
  fileKind: 'personnel' | 'student';
  entryType: string;
  createdAt: Date;
  retainUntil: string;
  retentionRule: string;
  hadDocument: boolean;
}

export interface PurgeResult {
  runId: string;
  /** The Dutch calendar day the run compared with: entries kept until before it expired. */
  today: string;
  dryRun: boolean;
  /** Another purge was running (it holds the advisory lock): this run did nothing. */
  skipped: boolean;
  purged: PurgedEntry[];
  /** Expired, but their case is still open: kept until it is closed. */
  heldForOpenCase: number;
}

/** The key of the transaction-level advisory lock a purge run holds. */
export const PURGE_LOCK = 'postwijzer.files.purge';

/**
 * Finds (and unless dryRun removes and records) every file entry whose retention expired before
 * today. The date is computed from the person's CURRENT active/left_at, never from a date stored
 * earlier. Concurrency: a run takes a transaction-level advisory lock and skips when another run
 * holds it; it locks the people rows FOR SHARE (a roster import that brings someone back waits, or
 * the purge sees them active) and the entries FOR UPDATE in id order; file_purges.entry_id is
 * unique, so an entry is recorded once whatever happens.
 */
export async function purgeExpired(db: AppDb, opts: { now: Date; dryRun?: boolean; actor?: string }): Promise<PurgeResult> {
  const today = dutchDay(opts.now);
  const runId = randomUUID();
  const dryRun = opts.dryRun === true;
  const run = async (tx: DbOrTx) => {
    if (!dryRun) {
      const locked = await tx.execute(sql`select pg_try_advisory_xact_lock(hashtextextended(${PURGE_LOCK}, 0)) as ok`);
      const lock = (locked as unknown as { rows: { ok: boolean }[] }).rows[0];
      if (!lock?.ok) return { expired: [], held: 0, skipped: true };
      // Only people who left have entries that can expire: everything is kept while they are at school.
      await tx
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.active, false), isNotNull(people.leftAt), inArray(people.id, tx.select({ id: fileEntries.personId }).from(fileEntries).where(isNull(fileEntries.purgedAt)))))
        .orderBy(asc(people.id))
        .for('share');
    }
    const q = tx
      .select({
        id: fileEntries.id,
        schoolId: fileEntries.schoolId,
        fileKind: fileEntries.fileKind,
        entryType: fileEntries.entryType,
        createdAt: fileEntries.createdAt,
        active: people.active,
        leftAt: people.leftAt,
        caseStatus: incidents.status,
        document: fileDocuments.fileEntryId,
      })
      .from(fileEntries)
      .innerJoin(people, eq(people.id, fileEntries.personId))
      .leftJoin(incidents, eq(incidents.id, fileEntries.incidentId))
      .leftJoin(fileDocuments, eq(fileDocuments.fileEntryId, fileEntries.id))
      .where(and(isNull(fileEntries.purgedAt), eq(people.active, false), isNotNull(people.leftAt)))
      .orderBy(asc(fileEntries.id));
    const rows = dryRun ? await q : await q.for('update', { of: fileEntries });
    const expired: PurgedEntry[] = [];
    let held = 0;
    for (const r of rows) {
      const until = retainUntil(r.fileKind, r.entryType, r);
      if (!until || until >= today) continue;
      if (r.caseStatus && r.caseStatus !== 'closed') {
        held += 1;
        continue;
      }
      expired.push({ entryId: r.id, schoolId: r.schoolId, fileKind: r.fileKind, entryType: r.entryType, createdAt: r.createdAt, retainUntil: until, retentionRule: ruleFor(r.fileKind, r.entryType).id, hadDocument: r.document !== null });
    }
    if (dryRun || !expired.length) return { expired, held, skipped: false };
    const ids = expired.map((e) => e.entryId);
    for (let i = 0; i < ids.length; i += 500) {
      const chunk = ids.slice(i, i + 500);
      await tx.delete(fileDocuments).where(inArray(fileDocuments.fileEntryId, chunk));
      await tx.delete(fileEntries).where(inArray(fileEntries.id, chunk));
    }
    for (let i = 0; i < expired.length; i += 500) {
      await tx.insert(filePurges).values(
        expired.slice(i, i + 500).map((e) => ({ runId, entryId: e.entryId, schoolId: e.schoolId, fileKind: e.fileKind, entryType: e.entryType, entryCreatedAt: e.createdAt, retentionRule: e.retentionRule, retainUntil: e.retainUntil, hadDocument: e.hadDocument, purgedAt: opts.now })),
      );
    }
    for (const schoolId of [...new Set(expired.map((e) => e.schoolId))].sort()) {
      await appendAudit(tx, { schoolId, actor: opts.actor ?? 'system', action: 'file.purge', subjectType: 'file_purge', subjectId: runId, fields: ['file_entries', 'file_documents', 'file_purges'], at: opts.now });
    }
    return { expired, held, skipped: false };
  };
  const { expired, held, skipped } = dryRun ? await run(db) : await db.transaction((tx) => run(tx));
  return { runId, today, dryRun, skipped, purged: expired, heldForOpenCase: held };
}

/** The record of what the purge removed at a school (newest first). */
export async function purgeRecord(db: AppDb, schoolId: string, limit = 500) {
  return db.select().from(filePurges).where(eq(filePurges.schoolId, schoolId)).orderBy(desc(filePurges.id)).limit(limit);
}

export interface PurgeLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

/**
 * The purge on a timer in the server process: first a minute after start, then every interval.
 * Logs counts only. `stop()` clears the timer and waits for a run in progress.
 */
export function schedulePurge(db: AppDb, opts: { intervalMs: number; now?: () => number; log?: PurgeLog; firstAfterMs?: number }): { stop(): Promise<void> } {
  let running: Promise<unknown> | null = null;
  let stopped = false;
  const tick = (): void => {
    if (stopped || running) return;
    running = purgeExpired(db, { now: new Date((opts.now ?? Date.now)()) })
      .then((r) => opts.log?.info({ purged: r.purged.length, heldForOpenCase: r.heldForOpenCase, runId: r.runId }, r.skipped ? 'files: retention purge skipped (another run holds the lock)' : 'files: retention purge done'))
      .catch((e: unknown) => opts.log?.warn({ code: (e as { code?: string }).code ?? 'error' }, 'files: retention purge failed'))
      .finally(() => {
        running = null;
      });
  };
  const first = setTimeout(tick, opts.firstAfterMs ?? 60_000);
  first.unref();
  const timer = setInterval(tick, opts.intervalMs);
  timer.unref();
  return {
    async stop() {
      stopped = true;
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
