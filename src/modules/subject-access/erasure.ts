// Erasure (AVG art. 17, docs/subject-access.md): removes a person where the law allows, in one
// transaction, and refuses with every reason listed where it does not: the person is still on the
// roster, is party to a case, has a file, a measure or a breach entry (retention periods and legal
// duties, art. 17(3)(b) and (e)), or acted in such a record. The append-only logs (incident events,
// breach history, the purge record) are never rewritten: while they name the person, erasure waits.
// The audit trail keeps its ids (no names, no contents): once the person row is gone they point at
// nothing. A dry run says what would be removed and what blocks it.
import { and, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts, people, posts, reviews, takedownTasks } from '../../db/schema/index.ts';
import { appendAudit } from '../audit/chain.ts';
import { forgetIdentities } from '../auth/identity-cache.ts';
import { bumpDataVersion } from '../schools/school-case.ts';
import type { ColumnRule } from './coverage.ts';
import { schemaTables, TABLE_RULES } from './coverage.ts';
import type { Subject } from './export.ts';
import { incidentRolesOf, matchCondition, ownFileEntryIds, schoolScope, tableInfo, valuesFor } from './export.ts';
import { escapeRegExp, fullName } from './redact.ts';

/** Tables no one may rewrite (a trigger refuses UPDATE and DELETE). */
export const APPEND_ONLY = ['audit_events', 'incident_events', 'breach_events', 'file_purges'];
/** Kept with the file entries they belong to (they hold no person column of their own). */
const KEPT_WITH_FILES = ['file_documents'];
/** Never scrubbed: other people's own rows (a shared name is not this person). */
const NOT_SCRUBBED = ['people', 'accounts'];
export const REPLACEMENT = '(verwijderd)';

export interface Blocker {
  code: 'still_on_roster' | 'open_case' | 'retained' | 'named_in_retained' | 'account_elsewhere' | 'open_takedown' | 'published_post' | 'consent_in_force';
  /** The table concerned, if any. */
  table?: string;
  count?: number;
  /** Why, in Dutch, for the FG and the refusal. */
  reason: string;
  /** The same in English (the web app's second language). */
  reasonEn: string;
}

export interface PlanStep {
  table: string;
  column: string;
  action: 'delete' | 'nullify' | 'strip' | 'scrub';
  rows: number;
  /** The section's Dutch title (coverage.ts), for people. */
  title: string;
}

export interface ErasureCheck {
  personId: string;
  name: string;
  allowed: boolean;
  blockers: Blocker[];
  plan: PlanStep[];
  /** What stays, and why (the audit trail). */
  kept: { table: string; reason: string }[];
}

const KEPT = [{ table: 'audit_events', reason: 'Het auditspoor blijft: het bevat alleen ids en veldnamen, nooit inhoud, en kan niet worden gewijzigd. Na het wissen verwijzen die ids naar niemand meer.' }];

type Runner = (q: SQL) => Promise<Record<string, unknown>[]>;
const runner = (db: DbOrTx): Runner => async (q) => ((await db.execute(q)) as unknown as { rows: Record<string, unknown>[] }).rows;

/**
 * The regular expression (PostgreSQL ARE) that finds the person in free text: full name (also
 * without the prefix, and with a nickname), e-mail addresses, ids; each whole: a letter, digit,
 * "_", "@", "." or "-" next to it means it is part of something else ("Eva Smit-de Boer" is
 * someone else; "x.eva.smit@..." another address).
 */
export function tracePattern(s: Subject): string {
  const p = s.person;
  const family = [p.prefix, p.familyName].filter(Boolean).join(' ');
  const names = [fullName(p), `${p.givenName} ${p.familyName}`, ...(p.nicknames ?? []).map((n) => `${n} ${family}`)].map((n) => n.normalize('NFC').trim()).filter((n) => n.length >= 3);
  const all = [...new Set([...names, ...s.emails, p.id, ...s.accountIds])].sort((a, b) => b.length - a.length).map((x) => escapeRegExp(x).replace(/ /gu, '[[:space:]]+'));
  return `(?<![[:alnum:]_@.-])(${all.join('|')})(?![[:alnum:]_@-])`;
}

/** The condition that limits a table to the school's rows, or null when the table cannot be limited (then it is not scrubbed). */
function scopeOrNull(table: string, schoolId: string): SQL | null {
  try {
    return schoolScope(table, schoolId);
  } catch {
    return null;
  }
}

/** Tables that are kept as they are: the append-only logs and every table whose rows block erasure. */
function retainedTables(): Set<string> {
  return new Set([...APPEND_ONLY, ...KEPT_WITH_FILES, ...TABLE_RULES.filter((r) => Object.values(r.columns).some((c) => c.erase === 'block')).map((r) => r.table)]);
}

/** Text-like columns of every table: where free text can name the person. */
function textColumns(): { table: string; column: string; type: 'text' | 'jsonb' | 'text[]' }[] {
  const out: { table: string; column: string; type: 'text' | 'jsonb' | 'text[]' }[] = [];
  for (const t of schemaTables()) {
    for (const c of t.columns) {
      if (c.sqlType === 'text' || c.sqlType === 'jsonb' || c.sqlType === 'text[]') out.push({ table: t.name, column: c.column, type: c.sqlType });
    }
  }
  return out;
}

const asText = (column: string, type: string) => (type === 'text' ? sql.identifier(column) : sql`${sql.identifier(column)}::text`);

function conditionOf(s: Subject, table: string, column: string, rule: ColumnRule): { col: PgColumn; cond: SQL } | null {
  const entry = tableInfo(table).columns.get(column);
  if (!entry) return null;
  const cond = matchCondition(entry[1], rule, valuesFor(s, table, column, rule));
  return cond ? { col: entry[1], cond } : null;
}

async function countWhere(db: DbOrTx, table: string, cond: SQL): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(tableInfo(table).table).where(cond);
  return Number(row?.n ?? 0);
}

/** The posts the person wrote (removed with them). */
async function ownPosts(db: DbOrTx, s: Subject): Promise<string[]> {
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(or(eq(posts.authorId, s.person.id), s.accountIds.length ? inArray(posts.authorAccountId, s.accountIds) : undefined));
  return rows.map((r) => r.id);
}

/** What blocks erasure and what it would do: the dry run, and the first step of the erasure itself. */
export async function checkErasure(db: DbOrTx, s: Subject, now: Date): Promise<ErasureCheck> {
  const blockers: Blocker[] = [];
  const schoolId = s.person.schoolId;
  if (s.person.active) {
    blockers.push({ code: 'still_on_roster', reason: 'Deze persoon staat nog actief in de leerling- of personeelsadministratie: de volgende inleesactie zou de gegevens terugzetten. Wissen kan als de persoon is vertrokken.', reasonEn: 'This person is still active on the roster: the next import would bring the data back. Erase once they have left.' });
  }
  const cases = await incidentRolesOf(db, s);
  if (cases.open > 0) blockers.push({ code: 'open_case', table: 'incidents', count: cases.open, reason: `Deze persoon is betrokken bij ${cases.open} lopende melding(en): die zaak moet eerst worden afgerond.`, reasonEn: `This person is party to ${cases.open} open case(s): the case must be closed first.` });
  for (const rule of TABLE_RULES) {
    let count = 0;
    for (const [column, c] of Object.entries(rule.columns)) {
      if (c.erase !== 'block') continue;
      const m = conditionOf(s, rule.table, column, c);
      if (m) count += await countWhere(db, rule.table, m.cond);
    }
    if (rule.table === 'file_entries') {
      // Letters addressed to them that are filed in someone else's file (a guardian's, in the child's).
      const [row] = await runner(db)(sql`select count(*)::int as n from file_entries where id = any(${sql.param(await ownFileEntryIds(db, schoolId, s.person.id))}::uuid[]) and person_id <> ${s.person.id}::uuid`);
      count += Number(row?.n ?? 0);
    }
    if (count > 0) blockers.push({ code: 'retained', table: rule.table, count, reason: `${rule.title}: ${rule.blockReason ?? 'wordt bewaard'} (${count} rij(en)).`, reasonEn: `${rule.table}: kept for a retention period or a legal duty (${count} row(s)).` });
  }
  // Free text in the records that are kept: a name there cannot be taken out without rewriting a record that must stay as it is.
  const retained = retainedTables();
  const pattern = tracePattern(s);
  const run = runner(db);
  const columns = textColumns();
  for (const table of retained) {
    if (table === 'audit_events') continue;
    let count = 0;
    for (const c of columns.filter((x) => x.table === table)) {
      const [row] = await run(sql`select count(*)::int as n from ${sql.identifier(table)} where ${asText(c.column, c.type)} ~* ${pattern}`);
      count += Number(row?.n ?? 0);
    }
    if (count > 0 && !blockers.some((b) => b.table === table)) {
      blockers.push({ code: 'named_in_retained', table, count, reason: `${TABLE_RULES.find((r) => r.table === table)?.title ?? table}: de naam, het e-mailadres of de id van deze persoon staat in de tekst van ${count} bewaard(e) gegeven(s), die niet mogen worden gewijzigd.`, reasonEn: `${table}: the person's name, e-mail or id is in the text of ${count} kept record(s), which may not be changed.` });
    }
  }
  if (s.accountIds.length) {
    const elsewhere = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(accountRoles)
      .where(and(inArray(accountRoles.accountId, s.accountIds), or(ne(accountRoles.schoolId, s.person.schoolId), sql`${accountRoles.personId} is distinct from ${s.person.id}`)));
    const n = Number(elsewhere[0]?.n ?? 0);
    if (n > 0) blockers.push({ code: 'account_elsewhere', table: 'account_roles', count: n, reason: 'Het account van deze persoon heeft ook rollen op een andere school of als iemand anders: neem die rollen eerst weg (of wis de persoon ook daar).', reasonEn: 'The person’s account also holds roles at another school or as someone else: take those roles away first (or erase the person there too).' });
  }
  const mine = await ownPosts(db, s);
  {
    // Art. 17(2): what is online must first be taken down; the tasks that say so are not deleted.
    const [open] = await db
      .select({ n: sql<number>`count(*)::int` })
      .from(takedownTasks)
      .where(and(eq(takedownTasks.schoolId, schoolId), sql`${takedownTasks.doneAt} is null`, or(eq(takedownTasks.personId, s.person.id), mine.length ? inArray(takedownTasks.postId, mine) : undefined)));
    const n = Number(open?.n ?? 0);
    if (n > 0) blockers.push({ code: 'open_takedown', table: 'takedown_tasks', count: n, reason: `Er staan nog ${n} open verwijderverzoek(en) voor berichten van of met deze persoon: haal die berichten eerst offline (AVG art. 17 lid 2).`, reasonEn: `${n} open takedown task(s) concern this person or their posts: take those posts offline first (GDPR art. 17(2)).` });
  }
  {
    const [shown] = await runner(db)(sql`select count(*)::int as n from posts p where p.school_id = ${schoolId}::uuid and p.status = 'published' and (
      p.author_id = ${s.person.id}::uuid or exists (select 1 from post_people pp where pp.post_id = p.id and pp.person_id = ${s.person.id}::uuid) or position(${s.person.id} in p.content::text) > 0)`);
    const n = Number(shown?.n ?? 0);
    if (n > 0) {
      const [media] = await runner(db)(sql`select count(*)::int as n from media_items m where m.school_id = ${schoolId}::uuid and (position(${s.person.id} in m.tags::text) > 0 or position(${s.person.id} in m.heard::text) > 0)`);
      const m = Number(media?.n ?? 0);
      blockers.push({
        code: 'published_post',
        table: 'posts',
        count: n,
        reason: `${n} geplaatst(e) bericht(en) van of met deze persoon staan nog online: de school moet die eerst offline halen en het platform vragen ze te verwijderen (AVG art. 17 lid 2).${m ? ` In ${m} foto('s), video('s) of geluidsopname(n) zelf is deze persoon te zien of te horen: wissen in Postwijzer haalt de persoon daar niet uit.` : ''}`,
        reasonEn: `${n} published post(s) by or showing this person are still online: the school must take them down and ask the platform to remove them first (GDPR art. 17(2)).${m ? ` ${m} photo(s), video(s) or recording(s) themselves show this person: erasing in Postwijzer does not remove them from those.` : ''}`,
      });
    }
  }
  {
    // Art. 7(1): the school must be able to show who gave a consent that is still in force.
    const day = now.toISOString().slice(0, 10);
    const [given] = await runner(db)(sql`select count(*)::int as n from consent_events c where c.school_id = ${schoolId}::uuid and c.given_by = ${s.person.id}::uuid and c.person_id <> c.given_by and c.status = 'granted' and c.valid_until >= ${day}::date
      and not exists (select 1 from consent_events l where l.school_id = c.school_id and l.person_id = c.person_id and l.channel = c.channel and l.media = c.media and l.school_year = c.school_year and (l.recorded_at, l.id) > (c.recorded_at, c.id))`);
    const n = Number(given?.n ?? 0);
    if (n > 0) blockers.push({ code: 'consent_in_force', table: 'consent_events', count: n, reason: `Deze persoon gaf ${n} toestemming(en) die nog gelden (bijvoorbeeld als ouder voor een kind): de school moet kunnen aantonen wie die gaf (AVG art. 7 lid 1). Wissen kan als die zijn ingetrokken, vervangen of verlopen.`, reasonEn: `This person gave ${n} consent(s) still in force (e.g. as a parent for a child): the school must be able to show who gave them (GDPR art. 7(1)). Erase once they are revoked, replaced or expired.` });
  }

  const plan: PlanStep[] = [];
  for (const rule of TABLE_RULES) {
    for (const [column, c] of Object.entries(rule.columns)) {
      if (c.erase !== 'delete' && c.erase !== 'nullify' && c.erase !== 'strip') continue;
      const m = conditionOf(s, rule.table, column, c);
      const rows = m ? await countWhere(db, rule.table, m.cond) : 0;
      if (rows) plan.push({ table: rule.table, column, action: c.erase, rows, title: rule.title });
    }
  }
  plan.push({ table: 'people', column: 'id', action: 'delete', rows: 1, title: 'Persoon (leerling- en personeelsadministratie)' });
  for (const c of columns) {
    if (retained.has(c.table) || NOT_SCRUBBED.includes(c.table)) continue;
    const scope = scopeOrNull(c.table, schoolId);
    if (!scope) continue;
    const [row] = await run(sql`select count(*)::int as n from ${sql.identifier(c.table)} where ${scope} and ${asText(c.column, c.type)} ~* ${pattern}`);
    const n = Number(row?.n ?? 0);
    if (n) plan.push({ table: c.table, column: c.column, action: 'scrub', rows: n, title: TABLE_RULES.find((r) => r.table === c.table)?.title ?? c.table });
  }
  return { personId: s.person.id, name: fullName(s.person), allowed: blockers.length === 0, blockers, plan, kept: KEPT };
}

/** Removes the id from a jsonb value: out of arrays, and null where it was a value. */
function stripId(v: unknown, ids: ReadonlySet<string>): unknown {
  if (typeof v === 'string') return ids.has(v) ? null : v;
  if (Array.isArray(v)) {
    // Face tags keep their positions (a tag per face): there the id becomes null; in lists of people it goes.
    const positional = v.some((x) => x === null);
    return positional ? v.map((x) => stripId(x, ids)) : v.filter((x) => !(typeof x === 'string' && ids.has(x))).map((x) => stripId(x, ids));
  }
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, stripId(x, ids)]));
  return v;
}

export class ErasureRefused extends Error {
  constructor(readonly check: ErasureCheck) {
    super('erasure refused');
    this.name = 'ErasureRefused';
  }
}

/**
 * Erases the person in one transaction, or throws ErasureRefused with the blockers (checked again
 * inside the transaction, under a lock on the person row).
 */
export async function erasePerson(db: AppDb, schoolId: string, personId: string, by: { actor: string; requestId?: string | null; now: Date }, load: (tx: DbOrTx) => Promise<Subject | null>): Promise<ErasureCheck | null> {
  const done = await eraseInTransaction(db, schoolId, personId, by, load);
  // The erased accounts' sessions and tokens stop at once in this process (others: within the cache's TTL).
  if (done) forgetIdentities();
  return done;
}

async function eraseInTransaction(db: AppDb, schoolId: string, personId: string, by: { actor: string; requestId?: string | null; now: Date }, load: (tx: DbOrTx) => Promise<Subject | null>): Promise<ErasureCheck | null> {
  return db.transaction(async (tx) => {
    await tx.select({ id: people.id }).from(people).where(and(eq(people.id, personId), eq(people.schoolId, schoolId))).for('update');
    const s = await load(tx);
    if (!s) return null;
    const check = await checkErasure(tx, s, by.now);
    if (!check.allowed) throw new ErasureRefused(check);
    const run = runner(tx);
    const ids = new Set([s.person.id, ...s.accountIds]);

    // Other people's records keep everything but the person: ids taken out of jsonb, references set to null.
    for (const rule of TABLE_RULES) {
      const info = tableInfo(rule.table);
      const keys = [...info.columns.values()].filter(([, c]) => c.primary);
      for (const [column, c] of Object.entries(rule.columns)) {
        const m = conditionOf(s, rule.table, column, c);
        if (!m) continue;
        if (c.erase === 'nullify') await tx.update(info.table).set({ [info.columns.get(column)![0]]: null } as never).where(m.cond);
        if (c.erase === 'strip') {
          if (keys.length !== 1) throw new Error(`subject access: cannot strip ${rule.table}.${column} without a single primary key`);
          const [pkKey, pkCol] = keys[0]!;
          const [jsKey] = info.columns.get(column)!;
          for (const row of (await tx.select().from(info.table).where(m.cond)) as Record<string, unknown>[]) {
            await tx.update(info.table).set({ [jsKey]: stripId(row[jsKey], ids) } as never).where(eq(pkCol, row[pkKey]));
          }
        }
      }
    }
    // The person's own posts go, with the requests and takedowns about them (their checks and tags cascade).
    const mine = await ownPosts(tx, s);
    if (mine.length) {
      await tx.delete(reviews).where(inArray(reviews.postId, mine));
      await tx.delete(takedownTasks).where(inArray(takedownTasks.postId, mine));
    }
    // Then every row of the person, in the order of TABLE_RULES (rows that point at others first).
    for (const rule of TABLE_RULES) {
      const info = tableInfo(rule.table);
      const conds: SQL[] = [];
      for (const [column, c] of Object.entries(rule.columns)) {
        if (c.erase !== 'delete') continue;
        const m = conditionOf(s, rule.table, column, c);
        if (m) conds.push(m.cond);
      }
      if (conds.length) await tx.delete(info.table).where(or(...conds));
    }
    if (s.accountIds.length) await tx.delete(accounts).where(inArray(accounts.id, s.accountIds));
    await tx.delete(people).where(eq(people.id, s.person.id));
    // Free text elsewhere (a name in someone else's post, a mail id in a text column): replaced.
    const pattern = tracePattern(s);
    const retained = retainedTables();
    for (const c of textColumns()) {
      if (retained.has(c.table) || NOT_SCRUBBED.includes(c.table)) continue;
      // Only the school's rows, and only rows whose text names the person.
      const scope = scopeOrNull(c.table, schoolId);
      if (!scope) continue;
      const col = sql.identifier(c.column);
      const replaced = sql`regexp_replace(${asText(c.column, c.type)}, ${pattern}, ${REPLACEMENT}, 'gi')`;
      const value = c.type === 'text' ? replaced : c.type === 'jsonb' ? sql`${replaced}::jsonb` : sql`${replaced}::text[]`;
      await run(sql`update ${sql.identifier(c.table)} set ${col} = ${value} where ${scope} and ${asText(c.column, c.type)} ~* ${pattern}`);
    }
    // The roster changed: app processes rebuild their prepared copy of the school.
    await bumpDataVersion(tx, schoolId);
    await appendAudit(tx, {
      schoolId,
      actor: by.actor,
      action: 'subject.erased',
      subjectType: 'person',
      subjectId: s.person.id,
      requestId: by.requestId ?? null,
      fields: [...new Set(check.plan.map((p) => p.table))].sort(),
      at: by.now,
    });
    return check;
  });
}
