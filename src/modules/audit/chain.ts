// The audit trail: an append-only list of who did what to which subject — ids and field names,
// never personal content, so that erasure never has to touch it. Each school's events form a hash
// chain: every event stores the hash of the one before it, so changing, removing or inserting a
// row unnoticed means rewriting every later hash. Chains are per school, so schools never wait
// on each other's lock. (Board-level events, school_id null, form a chain of their own.)
import { createHash } from 'node:crypto';
import { asc, eq, isNull, sql } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { auditEvents, auditHeads } from '../../db/schema/index.ts';

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
 * records. The chain's head row (audit_heads) is locked with FOR UPDATE until commit, so
 * concurrent writers of one school take turns and the sequence has no gaps; a writer that waited
 * reads the head as the one before it left it (PostgreSQL re-reads an updated row it waited for).
 * Two statements hold the turn: lock-and-read the head, then move it and insert the event.
 */
export async function appendAudit(tx: DbOrTx, entry: AuditEntry): Promise<{ seq: number; hash: string }> {
  const chain = entry.schoolId ?? 'board';
  let head = await lockHead(tx, chain);
  if (!head) {
    // A chain's first event (or a database restored without its heads): the head starts at the
    // chain's newest event, or at the genesis; a concurrent first writer makes this a no-op.
    await tx.execute(sql`insert into audit_heads (chain, seq, hash)
      select ${chain}, coalesce(max(seq), 0), coalesce((select hash from audit_events where ${chainOf(entry.schoolId)} order by seq desc limit 1), ${GENESIS})
      from audit_events where ${chainOf(entry.schoolId)}
      on conflict (chain) do nothing`);
    head = (await lockHead(tx, chain))!;
  }
  const at = entry.at ?? new Date();
  const event: Hashed = {
    schoolId: entry.schoolId,
    seq: head.seq + 1,
    actor: entry.actor,
    action: entry.action,
    subjectType: entry.subjectType,
    subjectId: entry.subjectId ?? null,
    requestId: entry.requestId ?? null,
    fields: entry.fields ?? null,
    occurredAt: new Date(Math.floor(at.getTime())),
    prevHash: head.hash,
  };
  const hash = hashOf(event);
  await tx.execute(sql`with moved as (update audit_heads set seq = ${event.seq}, hash = ${hash} where chain = ${chain})
    insert into audit_events (school_id, seq, actor, action, subject_type, subject_id, request_id, fields, occurred_at, prev_hash, hash)
    values (${event.schoolId}, ${event.seq}, ${event.actor}, ${event.action}, ${event.subjectType}, ${event.subjectId}, ${event.requestId},
      ${event.fields ? sql`${toTextArray(event.fields)}::text[]` : sql`null`}, ${event.occurredAt.toISOString()}, ${event.prevHash}, ${hash})`);
  return { seq: event.seq, hash };
}

async function lockHead(tx: DbOrTx, chain: string): Promise<{ seq: number; hash: string } | undefined> {
  const [row] = await tx.select({ seq: auditHeads.seq, hash: auditHeads.hash }).from(auditHeads).where(eq(auditHeads.chain, chain)).for('update');
  return row;
}

/** A PostgreSQL array literal of text values ({"a","b"}), quotes and backslashes escaped. */
function toTextArray(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, (c) => `\\${c}`)}"`).join(',')}}`;
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
  // The recorded heads first: events written after this read only make a chain longer, so each
  // head must be found among the events read next (a chain that lacks its head's event lost its
  // newest events, which would otherwise leave a valid, shorter chain).
  const recorded = await db
    .select()
    .from(auditHeads)
    .where(opts.schoolId ? eq(auditHeads.chain, opts.schoolId) : undefined);
  const headOf = new Map(recorded.map((h) => [h.chain === 'board' ? null : h.chain, h]));
  /** Per chain: the hash of the event at its head's number, as read. */
  const atHead = new Map<string | null, string>();
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
    if (headOf.get(r.schoolId)?.seq === r.seq) atHead.set(r.schoolId, r.hash);
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
  for (const [schoolId, h] of headOf) {
    if (report.broken.some((x) => x.schoolId === schoolId)) continue;
    const found = atHead.get(schoolId);
    if (found === h.hash || (h.seq === 0 && h.hash === GENESIS)) continue;
    const last = report.heads.find((x) => x.schoolId === schoolId);
    report.broken.push({
      schoolId,
      seq: h.seq,
      id: null,
      reason: found !== undefined ? `event ${h.seq} is not the chain’s recorded head (another hash)` : last ? `the newest events are missing: the chain ends at event ${last.seq}, its head says ${h.seq}` : `all its events are missing: its head says ${h.seq}`,
    });
    if (!last) report.chains++;
  }
  return report;
}
