// The audit trail: an append-only list of who did what to which subject — ids and field names,
// never personal content, so that erasure never has to touch it. Each school's events form a hash
// chain: every event stores the hash of the one before it, so changing, removing or inserting a
// row unnoticed means rewriting every later hash. Chains are per school, so schools never wait
// on each other's lock. (Board-level events, school_id null, form a chain of their own.)
import { createHash } from 'node:crypto';
import { asc, desc, eq, isNull, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { auditEvents } from '../../db/schema/index.ts';

export const GENESIS = 'genesis';

export interface AuditEntry {
  schoolId: string | null;
  /** An account id, or "system", or "cli". */
  actor: string;
  /** e.g. roster.import, post.submit, file.read */
  action: string;
  subjectType: string;
  subjectId?: string | null;
  requestId?: string | null;
  /** Names of the fields that changed (never their values). */
  fields?: string[] | null;
  /** Default: now. Stored to the millisecond, as hashed. */
  at?: Date;
}

interface Hashed {
  schoolId: string | null;
  seq: number;
  actor: string;
  action: string;
  subjectType: string;
  subjectId: string | null;
  requestId: string | null;
  fields: string[] | null;
  occurredAt: Date;
  prevHash: string;
}

/** The bytes an event's hash covers: every column but id and hash, in a fixed order. */
export function canonical(e: Hashed): string {
  return JSON.stringify([e.schoolId, e.seq, e.actor, e.action, e.subjectType, e.subjectId, e.requestId, e.fields, e.occurredAt.toISOString(), e.prevHash]);
}

export function hashOf(e: Hashed): string {
  return createHash('sha256').update(canonical(e)).digest('hex');
}

const chainOf = (schoolId: string | null) => (schoolId ? eq(auditEvents.schoolId, schoolId) : isNull(auditEvents.schoolId));

/**
 * Appends an event to its school's chain. Call it inside the transaction of the change it
 * records: the chain's lock (a transaction-level advisory lock per school) is held until commit,
 * so concurrent writers of one school take turns and the sequence has no gaps.
 */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  const key = `postwijzer.audit:${entry.schoolId ?? 'board'}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`);
  const [last] = await tx
    .select({ seq: auditEvents.seq, hash: auditEvents.hash })
    .from(auditEvents)
    .where(chainOf(entry.schoolId))
    .orderBy(desc(auditEvents.seq))
    .limit(1);
  const at = entry.at ?? new Date();
  const event: Hashed = {
    schoolId: entry.schoolId,
    seq: (last?.seq ?? 0) + 1,
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    requestId: entry.requestId ?? null,
    fields: entry.fields ?? null,
    occurredAt: new Date(Math.floor(at.getTime())),
    prevHash: last?.hash ?? GENESIS,
  };
  const hash = hashOf(event);
  await tx.insert(auditEvents).values({ ...event, hash });
  return { seq: event.seq, hash };
}

export interface BrokenLink {
  schoolId: string | null;
  seq: number;
  id: number | null;
  reason: string;
}

export interface VerifyReport {
  chains: number;
  events: number;
  /** The first broken link of each broken chain. */
  broken: BrokenLink[];
  /**
   * The newest hash of each chain. Removing the newest events leaves a valid shorter chain; kept
   * somewhere else (a printout, another system), these heads reveal that too.
   */
  heads: { schoolId: string | null; seq: number; hash: string }[];
}

/** Recomputes every chain (or one school's) and names the first broken link of each. */
export async function verifyAudit(db: AppDb, opts: { schoolId?: string } = {}): Promise<VerifyReport> {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(opts.schoolId ? eq(auditEvents.schoolId, opts.schoolId) : undefined)
    .orderBy(asc(auditEvents.schoolId), asc(auditEvents.seq));
  const report: VerifyReport = { chains: 0, events: rows.length, broken: [], heads: [] };
  let current: string | null | undefined;
  let expectedSeq = 1;
  let prev = GENESIS;
  let brokenHere = false;
  for (const r of rows) {
    if (r.schoolId !== current || report.chains === 0) {
      current = r.schoolId;
      report.heads.push({ schoolId: r.schoolId, seq: r.seq, hash: r.hash });
      report.chains++;
      expectedSeq = 1;
      prev = GENESIS;
      brokenHere = false;
    }
    if (brokenHere) continue;
    const fail = (reason: string) => {
      report.broken.push({ schoolId: r.schoolId, seq: r.seq, id: r.id, reason });
      brokenHere = true;
    };
    if (r.seq !== expectedSeq) fail(r.seq > expectedSeq ? `event ${expectedSeq} is missing` : `event ${r.seq} appears twice`);
    else if (r.prevHash !== prev) fail('it does not point to the event before it');
    else if (hashOf({ ...r, occurredAt: r.occurredAt }) !== r.hash) fail('its content does not match its hash (it was changed)');
    prev = r.hash;
    expectedSeq = r.seq + 1;
    report.heads[report.heads.length - 1] = { schoolId: r.schoolId, seq: r.seq, hash: r.hash };
  }
  return report;
}
