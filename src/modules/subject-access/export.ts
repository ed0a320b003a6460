// Subject access (AVG art. 15, docs/subject-access.md): everything Postwijzer holds about one
// person, one section per table (coverage.ts), with everyone else taken out (redact.ts). As JSON
// for machines and as a readable Dutch PDF (src/pdf/document.ts).
import { and, eq, getTableColumns, inArray, or, sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { DbOrTx } from '../../db/connection.ts';
import { accountRoles, accounts, auditEvents, breachEvents, breaches, fileDocuments, fileEntries, incidentEvents, incidentPeople, incidents, incidentTasks, measures, outbox, people, schools } from '../../db/schema/index.ts';
import { renderPdf } from '../../pdf/document.ts';
import type { PdfBlock } from '../../pdf/document.ts';
import type { ColumnRule, TableRule } from './coverage.ts';
import { schemaTables, TABLE_RULES } from './coverage.ts';
import { fullName, redactorFor } from './redact.ts';

export const EXPORT_FORMAT = 'postwijzer.subject-access/1';

export interface Subject {
  person: typeof people.$inferSelect;
  schoolName: string;
  /** The person's own accounts: the account linked to the person, and accounts holding a role as them. */
  accountIds: string[];
  /** Their addresses (roster and accounts), lower case. */
  emails: string[];
}

/** The person of the school with their accounts, or null when the school has no such person. */
export async function loadSubject(db: DbOrTx, schoolId: string, personId: string): Promise<Subject | null> {
  const [person] = await db.select().from(people).where(and(eq(people.id, personId), eq(people.schoolId, schoolId)));
  if (!person) return null;
  const [school] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolId));
  const linked = await db.select({ id: accounts.id, email: accounts.email }).from(accounts).where(eq(accounts.personId, personId));
  const viaRoles = await db.select({ id: accountRoles.accountId }).from(accountRoles).where(eq(accountRoles.personId, personId));
  const accountIds = [...new Set([...linked.map((a) => a.id), ...viaRoles.map((r) => r.id)])];
  const roleAccounts = accountIds.length ? await db.select({ email: accounts.email }).from(accounts).where(inArray(accounts.id, accountIds)) : [];
  const emails = [...new Set([person.email, ...roleAccounts.map((a) => a.email)].filter((e): e is string => !!e).map((e) => e.toLowerCase()))];
  return { person, schoolName: school?.name ?? '', accountIds, emails };
}

export interface ActorReference {
  /** The column through which the person acted (decided_by, closed_by, ...). */
  column: string;
  /** The record's key (other people in it appear as "andere persoon"). */
  key: Record<string, unknown>;
  /** When (the record's first time column), if it has one. */
  at: string | null;
}

export interface ExportSection {
  title: string;
  note: string;
  /** Rows about the person: each row whole, others replaced, secrets left out. */
  rows: Record<string, unknown>[];
  /** Records of others in which the person acted: only which, how and when. */
  actedIn: ActorReference[];
  /** What was left out of this section on purpose, and why. */
  withheld: string[];
}

export interface SubjectExport {
  format: typeof EXPORT_FORMAT;
  generatedAt: string;
  school: { id: string; name: string };
  person: Record<string, unknown>;
  tables: Record<string, ExportSection>;
}

type AnyRow = Record<string, unknown>;

interface TableInfo {
  table: PgTable;
  /** SQL name → [JS key, column]. */
  columns: Map<string, [string, PgColumn]>;
}

let tableIndex: Map<string, TableInfo> | null = null;
export function tableInfo(name: string): TableInfo {
  if (!tableIndex) {
    tableIndex = new Map();
    for (const t of schemaTables()) {
      const cols = new Map<string, [string, PgColumn]>();
      for (const [key, col] of Object.entries(getTableColumns(t.table))) cols.set(col.name, [key, col as PgColumn]);
      tableIndex.set(t.name, { table: t.table, columns: cols });
    }
  }
  const info = tableIndex.get(name);
  if (!info) throw new Error(`subject access: no table ${name} in the schema`);
  return info;
}

/** The values a column is compared with for this person. */
export function valuesFor(s: Subject, table: string, column: string, rule: ColumnRule): string[] {
  if (table === 'audit_events' && column === 'subject_id') return [s.person.id, ...s.accountIds];
  return rule.holds === 'person' ? [s.person.id] : rule.holds === 'account' ? s.accountIds : s.emails;
}

const inSchool = (table: string, schoolId: string): SQL => sql`${sql.identifier(table)}.${sql.identifier('school_id')} = ${schoolId}::uuid`;
const parentIn = (table: string, column: string, parent: string, schoolId: string): SQL => sql`${sql.identifier(table)}.${sql.identifier(column)} in (select p.id from ${sql.identifier(parent)} p where p.school_id = ${schoolId}::uuid)`;

/**
 * "The row belongs to the school of the request", per table: its own school_id, or its parent's
 * (a case, a breach, a post, a review, a round, a group, the school's board). An account may hold
 * roles at several schools: what it did at another school is not part of this school's export.
 * Null for the account's own tables (sessions, keys, the account itself): they belong to the person.
 */
export function schoolScope(table: string, schoolId: string): SQL | null {
  switch (table) {
    case 'breaches':
      return sql`(${inSchool(table, schoolId)} or ${schoolId}::uuid = any(${sql.identifier('school_ids')}))`;
    case 'incident_people':
    case 'incident_events':
    case 'incident_tasks':
    case 'incident_steps':
    case 'measures':
      return parentIn(table, 'incident_id', 'incidents', schoolId);
    case 'breach_events':
      return sql`${sql.identifier('breach_id')} in (select b.id from breaches b where b.school_id = ${schoolId}::uuid or ${schoolId}::uuid = any(b.school_ids))`;
    case 'review_events':
      return parentIn(table, 'review_id', 'reviews', schoolId);
    case 'post_people':
      return parentIn(table, 'post_id', 'posts', schoolId);
    case 'permission_students':
      return parentIn(table, 'permission_id', 'permissions', schoolId);
    case 'consent_requests':
      return parentIn(table, 'round_id', 'consent_rounds', schoolId);
    case 'group_staff':
      return parentIn(table, 'group_id', 'groups', schoolId);
    case 'guardianships':
      return sql`(${parentIn(table, 'guardian_id', 'people', schoolId)} or ${parentIn(table, 'student_id', 'people', schoolId)})`;
    case 'acknowledgements':
      return sql`${sql.identifier('protocol_version_id')} in (select v.id from protocol_versions v join schools s on s.board_id = v.board_id where s.id = ${schoolId}::uuid)`;
    case 'protocol_reminders':
      return sql`${sql.identifier('version_id')} in (select v.id from protocol_versions v join schools s on s.board_id = v.board_id where s.id = ${schoolId}::uuid)`;
    case 'protocol_versions':
      return sql`${sql.identifier('board_id')} = (select s.board_id from schools s where s.id = ${schoolId}::uuid)`;
    case 'api_tokens':
      // A key for all the account's schools (null) is the person's; one for another school is not this school's.
      return sql`(${sql.identifier('api_tokens')}.${sql.identifier('school_id')} is null or ${inSchool(table, schoolId)})`;
    case 'sessions':
    case 'account_tokens':
    case 'accounts':
    case 'outbox':
      return null;
    default:
      if (tableInfo(table).columns.has('school_id')) return inSchool(table, schoolId);
      throw new Error(`subject access: no school scope for ${table}`);
  }
}

/**
 * The file entries that are the person's: those in their own file, except letters (and their
 * e-mails) addressed to someone else (a guardian's letter is filed in the child's file), and the
 * letters addressed to them that sit in someone else's file (a child's). The addressee is the
 * person of the case's "letter_sent" event written in the same transaction (same case, same time).
 */
export async function ownFileEntryIds(db: DbOrTx, schoolId: string, personId: string): Promise<string[]> {
  const addressee = (op: SQL) => sql`exists (select 1 from incident_events ie where ie.incident_id = fe.incident_id and ie.type = 'letter_sent' and ie.created_at = fe.created_at and fe.entry_type in ('letter', 'email') and ${op})`;
  const rows = (await db.execute(sql`select fe.id from file_entries fe where fe.school_id = ${schoolId}::uuid and (
    (fe.person_id = ${personId}::uuid and not ${addressee(sql`ie.payload->>'personId' <> ${personId}`)})
    or ${addressee(sql`ie.payload->>'personId' = ${personId}`)})`)) as unknown as { rows: { id: string }[] };
  return rows.rows.map((r) => r.id);
}

/** The SQL condition "this column points at the person", or null when they have nothing it could match. */
export function matchCondition(col: PgColumn, rule: ColumnRule, values: string[]): SQL | null {
  if (!values.length) return null;
  switch (rule.match ?? 'equals') {
    case 'equals':
      return inArray(col, values);
    case 'array':
      return sql`${col}::text[] && ${sql.param(values)}::text[]`;
    case 'json':
      return or(...values.map((v) => sql`position(${v.toLowerCase()} in lower(${col}::text)) > 0`))!;
    case 'json_to':
      // The recipient of a queued e-mail, compared whole: "an@school.nl" is not "jan@school.nl".
      return sql`lower(${col}->>'to') in (${sql.join(values.map((v) => sql`${v.toLowerCase()}`), sql`, `)})`;
    case 'lower':
      return sql`lower(${col}) in (${sql.join(values.map((v) => sql`${v.toLowerCase()}`), sql`, `)})`;
  }
}

async function selectWhere(db: DbOrTx, info: TableInfo, where: SQL | undefined): Promise<AnyRow[]> {
  if (!where) return [];
  return (await db.select().from(info.table).where(where)) as AnyRow[];
}

/** A row as exported: hidden and binary columns out (keys of a custom projection stay). */
function clean(info: TableInfo, rule: TableRule | undefined, row: AnyRow): AnyRow {
  const out: AnyRow = {};
  const hidden = new Set(rule?.hide ?? []);
  const byKey = new Map([...info.columns].map(([sqlName, [key, col]]) => [key, { sqlName, col }]));
  for (const [key, v] of Object.entries(row)) {
    const c = byKey.get(key);
    if (c && hidden.has(c.sqlName)) continue;
    if (c?.col.getSQLType() === 'bytea') {
      out[key] = `(bestand niet opgenomen${Buffer.isBuffer(v) || v instanceof Uint8Array ? `, ${v.length} bytes` : ''})`;
      continue;
    }
    out[key] = v;
  }
  return out;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/iu;
/** A status change as the people in a case see it: from, to, when (no reason text, which can name others). */
const pickStatus = (payload: unknown): Record<string, unknown> => {
  const p = (payload ?? {}) as Record<string, unknown>;
  return { from: p.from ?? null, to: p.to ?? null };
};

const dedupe = (rows: AnyRow[]): AnyRow[] => {
  const seen = new Set<string>();
  return rows.filter((r) => {
    const k = JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v));
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
};

/** Which incidents the person is in, and as what. */
async function incidentRoles(db: DbOrTx, s: Subject): Promise<Map<string, Set<string>>> {
  const roles = new Map<string, Set<string>>();
  const add = (id: string, role: string) => roles.set(id, (roles.get(id) ?? new Set()).add(role));
  for (const r of await db.select().from(incidentPeople).where(and(eq(incidentPeople.personId, s.person.id), schoolScope('incident_people', s.person.schoolId)!))) add(r.incidentId, r.role);
  const direct = await db
    .select({ id: incidents.id, reporterId: incidents.reporterId, reporterAccountId: incidents.reporterAccountId, reporterContact: incidents.reporterContact, qualifiedPersonId: incidents.qualifiedPersonId })
    .from(incidents)
    .where(
      and(
        eq(incidents.schoolId, s.person.schoolId),
        or(
          eq(incidents.reporterId, s.person.id),
          eq(incidents.qualifiedPersonId, s.person.id),
          s.accountIds.length ? inArray(incidents.reporterAccountId, s.accountIds) : undefined,
          // A public or anonymous report where they left their e-mail address as contact.
          s.emails.length ? inArray(sql`lower(${incidents.reporterContact})`, s.emails) : undefined,
        ),
      ),
    );
  for (const r of direct) {
    if (r.reporterId === s.person.id || (r.reporterAccountId && s.accountIds.includes(r.reporterAccountId)) || (r.reporterContact && s.emails.includes(r.reporterContact.toLowerCase()))) add(r.id, 'reporter');
    if (r.qualifiedPersonId === s.person.id) add(r.id, 'qualified');
  }
  return roles;
}

/** The cases the person is in (by id, with their roles) and how many of them are still open. */
export async function incidentRolesOf(db: DbOrTx, s: Subject): Promise<{ roles: Map<string, Set<string>>; open: number }> {
  const roles = await incidentRoles(db, s);
  if (!roles.size) return { roles, open: 0 };
  const open = await db.select({ id: incidents.id }).from(incidents).where(and(inArray(incidents.id, [...roles.keys()]), sql`${incidents.status} <> 'closed'`));
  return { roles, open: open.length };
}

/** Roles in a case that may see what was reported (a witness sees only that they are one). */
const SEES_FACTS = ['reporter', 'subject', 'affected', 'qualified'];

const INCIDENT_WITHHELD = [
  'Politieaangifte en de afweging daarover (D.6): niet opgenomen (art. 41 UAVG, opsporing van strafbare feiten).',
  'Interne behandeling (aan wie toegewezen, termijn, interne notities): niet opgenomen (art. 15 lid 4 AVG, rechten van anderen; interne beraadslaging).',
  'Wie een melding deed: alleen opgenomen als u de melder bent (bescherming van de melder, art. 15 lid 4 AVG).',
];

/** The rows of one table about the person (custom for the case records, generic for the rest). */
async function subjectRows(db: DbOrTx, s: Subject, rule: TableRule, info: TableInfo, cases: Map<string, Set<string>>, exportedIds: Set<string>): Promise<{ rows: AnyRow[]; withheld: string[] }> {
  const pid = s.person.id;
  const schoolId = s.person.schoolId;
  switch (rule.table) {
    case 'incidents': {
      if (!cases.size) return { rows: [], withheld: [] };
      const rows = await db.select().from(incidents).where(inArray(incidents.id, [...cases.keys()]));
      return {
        withheld: INCIDENT_WITHHELD,
        rows: rows.map((r) => {
          const roles = [...(cases.get(r.id) ?? [])].sort();
          const facts = roles.some((x) => SEES_FACTS.includes(x));
          const aboutThem = roles.includes('subject') || roles.includes('qualified');
          return {
            id: r.id,
            schoolId: r.schoolId,
            yourRoles: roles,
            status: r.status,
            category: r.category,
            articles: r.articles,
            createdAt: r.createdAt,
            closedAt: r.closedAt,
            ...(facts ? { summary: r.summary, description: r.description, link: r.link, source: r.source } : {}),
            ...(roles.includes('reporter') ? { anonymous: r.anonymous, reporterId: r.reporterId, reporterAccountId: r.reporterAccountId, reporterName: r.reporterName, reporterContact: r.reporterContact } : {}),
            ...(aboutThem ? { plichtsverzuim: r.plichtsverzuim, verwijtbaarGedrag: r.verwijtbaarGedrag } : {}),
            ...(r.qualifiedPersonId === pid ? { grensoverschrijdend: r.grensoverschrijdend, qualificationRationale: r.qualificationRationale, qualifiedAt: r.qualifiedAt } : {}),
          };
        }),
      };
    }
    case 'incident_events': {
      const visible = [...cases].filter(([, roles]) => [...roles].some((x) => SEES_FACTS.includes(x))).map(([id]) => id);
      if (!visible.length) return { rows: [], withheld: [] };
      const rows = await db.select().from(incidentEvents).where(inArray(incidentEvents.incidentId, visible)).orderBy(incidentEvents.id);
      // Shareable notes are written to the reporter: only the reporter gets them. Everyone else in
      // the case sees how its status went (a note could name who reported them, art. 15(4)).
      const reporterIn = new Set(visible.filter((id) => cases.get(id)?.has('reporter')));
      const shared = rows.filter((r) => r.visibility === 'shareable' && (reporterIn.has(r.incidentId) || r.type === 'status_changed'));
      const internal = rows.filter((r) => r.visibility !== 'shareable').length;
      const forReporter = rows.filter((r) => r.visibility === 'shareable' && !shared.includes(r)).length;
      return {
        rows: shared.map((r) => ({ id: r.id, incidentId: r.incidentId, type: r.type, payload: r.type === 'status_changed' && !reporterIn.has(r.incidentId) ? pickStatus(r.payload) : r.payload, createdAt: r.createdAt })),
        withheld: [
          ...(internal ? [`${internal} interne notitie(s) of stap(pen) van de behandelaars: niet opgenomen (art. 15 lid 4 AVG; interne beraadslaging).`] : []),
          ...(forReporter ? [`${forReporter} bericht(en) aan de melder: niet opgenomen (bescherming van de melder, art. 15 lid 4 AVG); alleen de statuswijzigingen staan hier.`] : []),
        ],
      };
    }
    case 'incident_tasks': {
      const mine = await db.select({ id: measures.id }).from(measures).where(eq(measures.personId, pid));
      const qualifiedIn = await db.select({ id: incidents.id }).from(incidents).where(eq(incidents.qualifiedPersonId, pid));
      const conds = [mine.length ? inArray(incidentTasks.measureId, mine.map((m) => m.id)) : undefined, qualifiedIn.length ? and(eq(incidentTasks.kind, 'lvi_call'), inArray(incidentTasks.incidentId, qualifiedIn.map((i) => i.id))) : undefined].filter(Boolean) as SQL[];
      if (!conds.length) return { rows: [], withheld: [] };
      return { rows: (await db.select().from(incidentTasks).where(or(...conds))) as AnyRow[], withheld: [] };
    }
    case 'file_entries': {
      const ids = await ownFileEntryIds(db, schoolId, pid);
      if (!ids.length) return { rows: [], withheld: [] };
      return { rows: (await db.select().from(fileEntries).where(inArray(fileEntries.id, ids))) as AnyRow[], withheld: [] };
    }
    case 'file_documents': {
      const ids = await ownFileEntryIds(db, schoolId, pid);
      if (!ids.length) return { rows: [], withheld: [] };
      return { rows: (await db.select().from(fileDocuments).where(inArray(fileDocuments.fileEntryId, ids))) as AnyRow[], withheld: [] };
    }
    case 'outbox': {
      // Only what the mail was: never its text, which can hold a working link (an invitation, a
      // password reset, a consent form) that must not leave the school in an export.
      if (!s.emails.length) return { rows: [], withheld: [] };
      const rows = await db.select().from(outbox).where(matchCondition(outbox.payload, { holds: 'email', match: 'json_to', use: 'subject', erase: 'delete' }, s.emails)!).orderBy(outbox.id);
      return {
        rows: rows.map((r) => {
          const m = (r.payload ?? {}) as { template?: unknown; subject?: unknown };
          return { id: r.id, template: m.template ?? null, subject: m.subject ?? null, createdAt: r.createdAt, runAfter: r.runAfter, doneAt: r.doneAt };
        }),
        withheld: rows.length ? ['De tekst van e-mails die nog niet zijn verstuurd: niet opgenomen (er staat een persoonlijke link in; art. 15 lid 4 AVG, beveiliging art. 32).'] : [],
      };
    }
    case 'audit_events': {
      // What was done with their data: events about the person, their accounts, or any row in this export.
      const about = [...new Set([pid, ...s.accountIds, ...exportedIds])];
      const conds = [inArray(auditEvents.subjectId, about), s.accountIds.length ? inArray(auditEvents.actor, s.accountIds) : undefined].filter(Boolean) as SQL[];
      return { rows: (await db.select().from(auditEvents).where(and(eq(auditEvents.schoolId, schoolId), or(...conds))).orderBy(auditEvents.id)) as AnyRow[], withheld: [] };
    }
    case 'breach_events': {
      const concerned = await db.select({ id: breaches.id }).from(breaches).where(and(sql`${pid}::uuid = any(${breaches.peopleIds})`, schoolScope('breaches', schoolId)!));
      if (!concerned.length) return { rows: [], withheld: [] };
      return { rows: (await db.select().from(breachEvents).where(inArray(breachEvents.breachId, concerned.map((b) => b.id))).orderBy(breachEvents.id)) as AnyRow[], withheld: [] };
    }
    default: {
      const conds: SQL[] = [];
      for (const [column, c] of Object.entries(rule.columns)) {
        if (c.use !== 'subject') continue;
        const entry = info.columns.get(column);
        if (!entry) continue;
        const cond = matchCondition(entry[1], c, valuesFor(s, rule.table, column, c));
        if (cond) conds.push(cond);
      }
      const scope = schoolScope(rule.table, schoolId);
      return { rows: conds.length ? await selectWhere(db, info, scope ? and(scope, or(...conds)) : or(...conds)) : [], withheld: [] };
    }
  }
}

/** The first time column of a table, for "when" in an actor reference. */
function timeKey(info: TableInfo): string | null {
  for (const [, [key, col]] of info.columns) if (col.getSQLType().startsWith('timestamp')) return key;
  for (const [, [key, col]] of info.columns) if (col.getSQLType() === 'date') return key;
  return null;
}

async function actorReferences(db: DbOrTx, s: Subject, rule: TableRule, info: TableInfo): Promise<ActorReference[]> {
  const out: ActorReference[] = [];
  const keys = [...info.columns.values()].filter(([, c]) => c.primary).map(([k]) => k);
  const t = timeKey(info);
  for (const [column, c] of Object.entries(rule.columns)) {
    if (c.use !== 'actor') continue;
    const entry = info.columns.get(column);
    if (!entry) continue;
    const cond = matchCondition(entry[1], c, valuesFor(s, rule.table, column, c));
    if (!cond) continue;
    const scope = schoolScope(rule.table, s.person.schoolId);
    for (const row of await selectWhere(db, info, scope ? and(scope, cond) : cond)) {
      // Tables with a composite key (no single primary column): the key is every uuid column but the person's own.
      const keyCols = keys.length ? keys : [...info.columns.values()].filter(([, col]) => col.getSQLType() === 'uuid' && col.name !== column).map(([k]) => k);
      const at = t ? row[t] : null;
      out.push({ column, key: Object.fromEntries(keyCols.map((k) => [k, row[k]])), at: at instanceof Date ? at.toISOString() : at == null ? null : String(at) });
    }
  }
  return out;
}

/** Everything about the person, with everyone else taken out. */
export async function buildExport(db: DbOrTx, s: Subject, now: Date): Promise<SubjectExport> {
  const redactor = await redactorFor(db, { personId: s.person.id, accountIds: s.accountIds, emails: s.emails });
  const cases = await incidentRoles(db, s);
  const tables: Record<string, ExportSection> = {};
  const exportedIds = new Set<string>();
  for (const rule of TABLE_RULES) {
    const info = tableInfo(rule.table);
    const { rows, withheld } = await subjectRows(db, s, rule, info, cases, exportedIds);
    for (const r of rows) for (const k of ['id', 'postId', 'fileEntryId']) if (typeof r[k] === 'string' && UUID_RE.test(r[k])) exportedIds.add(r[k]);
    // A row already in the section that shows the column (their own consent, given by themselves) is not repeated as something they did.
    const actedIn = (await actorReferences(db, s, rule, info)).filter((a) => {
      const key = info.columns.get(a.column)?.[0];
      return !rows.some((r) => key !== undefined && r[key] !== undefined && Object.entries(a.key).every(([k, v]) => String(r[k]) === String(v)));
    });
    tables[rule.table] = {
      title: rule.title,
      note: rule.note,
      rows: redactor.redact(dedupe(rows.map((r) => clean(info, rule, r)))),
      actedIn: redactor.redact(actedIn),
      withheld,
    };
  }
  // The PDFs filed with the person's entries: which, not the bytes (the file hands them over).
  return {
    format: EXPORT_FORMAT,
    generatedAt: now.toISOString(),
    school: { id: s.person.schoolId, name: s.schoolName },
    person: redactor.redact({ ...s.person }) as Record<string, unknown>,
    tables: JSON.parse(JSON.stringify(tables)) as Record<string, ExportSection>,
  };
}

/** The export as JSON text (dates as ISO strings). */
export function exportJson(e: SubjectExport): string {
  return JSON.stringify(e, null, 2);
}

// --- the readable PDF ---

const LABELS: Record<string, string> = {
  id: 'id',
  schoolId: 'school',
  schoolIds: 'scholen',
  kind: 'soort',
  status: 'stand',
  createdAt: 'aangemaakt',
  updatedAt: 'gewijzigd',
  closedAt: 'gesloten',
  category: 'categorie',
  articles: 'artikelen',
  summary: 'samenvatting',
  description: 'beschrijving',
  yourRoles: 'uw rol',
  role: 'rol',
  title: 'titel',
  body: 'tekst',
  rationale: 'motivering',
  decidedOn: 'besloten op',
  decidedAt: 'besloten',
  decidedBy: 'besloten door',
  days: 'dagen',
  channel: 'kanaal',
  channels: 'kanalen',
  media: 'soort media',
  schoolYear: 'schooljaar',
  validFrom: 'geldig vanaf',
  validUntil: 'geldig tot',
  method: 'hoe',
  note: 'notitie',
  recordedAt: 'vastgelegd',
  recordedBy: 'vastgelegd door',
  content: 'inhoud',
  publishedAt: 'geplaatst',
  publishedBy: 'gepubliceerd door',
  publishedUrl: 'adres van het bericht',
  email: 'e-mail',
  displayName: 'naam',
  lastSignInAt: 'laatst aangemeld',
  acknowledgedAt: 'in behandeling genomen',
  acknowledgedBy: 'in behandeling genomen door',
  occurredAt: 'tijdstip',
  action: 'handeling',
  actor: 'door',
  actorId: 'door',
  actorAccountId: 'door',
  subjectType: 'over (soort)',
  subjectId: 'over (id)',
  fields: 'velden',
  type: 'stap',
  payload: 'gegevens',
  data: 'gegevens',
  question: 'vraag',
  comment: 'opmerking',
  retainUntil: 'bewaren tot',
  entryType: 'soort stuk',
  fileKind: 'dossier',
  personId: 'persoon',
  accountId: 'account',
  grantedBy: 'gegeven door',
  givenBy: 'gegeven door',
  startsAt: 'vanaf',
  endsAt: 'tot',
  reason: 'reden',
  project: 'project',
  projectKey: 'projectnummer',
  revokedAt: 'ingetrokken',
  studentId: 'leerling',
  guardianId: 'ouder of verzorger',
  supervisorId: 'leidinggevende',
  function: 'functie',
  groupId: 'groep',
  authorId: 'schrijver',
  authorAccountId: 'account van de schrijver',
  postId: 'bericht',
  checkId: 'controle',
  checkedAt: 'gecontroleerd',
  checkedBy: 'gecontroleerd door',
  verdict: 'oordeel',
  result: 'uitkomst',
  protocolId: 'protocol',
  requesterId: 'gevraagd door',
  requesterAccountId: 'account van de vrager',
  submittedAt: 'verstuurd',
  threadText: 'gesprek',
  messages: 'berichten',
  response: 'antwoord',
  resolvedAt: 'afgehandeld',
  resolvedBy: 'afgehandeld door',
  link: 'link',
  signal: 'signaal',
  screenshotIds: 'schermafbeeldingen',
  incidentId: 'melding',
  measureId: 'maatregel',
  on: 'datum',
  audience: 'voor',
  removalOutcome: 'uitkomst verwijdering',
  plichtsverzuim: 'mogelijk plichtsverzuim (D.1)',
  verwijtbaarGedrag: 'mogelijk verwijtbaar gedrag (D.4)',
  grensoverschrijdend: 'grensoverschrijdend (D.2)',
  qualificationRationale: 'motivering kwalificatie',
  qualifiedAt: 'gekwalificeerd',
  source: 'bron',
  anonymous: 'anoniem',
  reporterId: 'melder',
  reporterAccountId: 'account van de melder',
  reporterName: 'naam melder',
  reporterContact: 'contact melder',
  template: 'sjabloon',
  subject: 'betreft',
  salutation: 'aanhef',
  closing: 'afsluiting',
  createdBy: 'gemaakt door',
  filename: 'bestandsnaam',
  fileName: 'bestandsnaam',
  contentType: 'soort bestand',
  sizeBytes: 'grootte (bytes)',
  size: 'grootte (bytes)',
  sha256: 'vingerafdruk (SHA-256)',
  bytes: 'bestand',
  fileEntryId: 'dossierstuk',
  discoveredAt: 'ontdekt',
  dataCategories: 'soorten gegevens',
  approxPeople: 'aantal betrokkenen',
  peopleIds: 'betrokkenen',
  consequences: 'gevolgen',
  measures: 'maatregelen',
  reportedBy: 'gemeld door',
  reportedAt: 'gemeld',
  risk: 'risico',
  assessment: 'beoordeling',
  assessedAt: 'beoordeeld',
  assessedBy: 'beoordeeld door',
  notifyAuthority: 'melden bij de AP',
  informPeople: 'betrokkenen informeren',
  noInformReason: 'reden niet informeren',
  authorityNotifiedAt: 'gemeld bij de AP',
  authorityReference: 'kenmerk AP',
  lateReason: 'reden te laat',
  peopleInformedAt: 'betrokkenen geïnformeerd',
  peopleInformedHow: 'hoe geïnformeerd',
  sourceRef: 'oorzaak',
  breachId: 'datalek',
  at: 'tijdstip',
  consentEventId: 'toestemming',
  doneAt: 'afgehandeld',
  doneBy: 'afgehandeld door',
  reviewId: 'verzoek',
  format: 'formaat',
  mime: 'soort bestand',
  width: 'breedte',
  height: 'hoogte',
  durationMs: 'duur (ms)',
  faces: 'gezichten',
  tags: 'aangeduide personen',
  heard: 'te horen',
  strippedMetadata: 'verwijderde metadata',
  derivedFrom: 'gemaakt van',
  blurred: 'vervaagde gezichten',
  permissionId: 'toestemming',
  roundId: 'ronde',
  responderId: 'voor',
  sentAt: 'verstuurd',
  reminders: 'herinneringen',
  lastRemindedAt: 'laatste herinnering',
  lastRemindedBy: 'herinnerd door',
  answeredAt: 'beantwoord',
  openedBy: 'geopend door',
  openedAt: 'geopend',
  protocolVersionId: 'protocolversie',
  versionId: 'protocolversie',
  version: 'versie',
  adoptedOn: 'vastgesteld op',
  boardId: 'bestuur',
  current: 'huidige versie',
  documentPath: 'document',
  documentSha256: 'vingerafdruk document',
  importedBy: 'ingelezen door',
  importedAt: 'ingelezen',
  created: 'nieuw',
  updated: 'bijgewerkt',
  deactivated: 'gedeactiveerd',
  lastSeenAt: 'laatst actief',
  expiresAt: 'verloopt',
  secondFactorAt: 'tweede factor',
  name: 'naam',
  lastUsedAt: 'laatst gebruikt',
  purpose: 'doel',
  usedAt: 'gebruikt',
  oidcIssuer: 'inlogdienst',
  oidcSubject: 'id bij de inlogdienst',
  totpConfirmedAt: 'tweede factor ingesteld',
  closedBy: 'afgesloten door',
  call: 'gesprek',
  dueAt: 'termijn',
  assignedTo: 'behandelaar',
  attempts: 'pogingen',
  runAfter: 'versturen na',
  scheduledAt: 'gepland',
  confirmedAt: 'bevestigd',
  requestId: 'verzoek-id',
  seq: 'volgnummer',
  visibility: 'zichtbaarheid',
  purgedAt: 'opgeschoond',
  givenName: 'voornaam',
  familyName: 'achternaam',
  nicknames: 'roepnamen',
  birthDate: 'geboortedatum',
  externalId: 'nummer in de schooladministratie',
  active: 'actief',
  leftAt: 'vertrokken',
};

const TZ = 'Europe/Amsterdam';
const dateTime = new Intl.DateTimeFormat('nl-NL', { timeZone: TZ, dateStyle: 'long', timeStyle: 'short' });

/** A value as a person reads it. */
function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'boolean') return v ? 'ja' : 'nee';
  if (typeof v === 'string') {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/u.test(v)) {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) return dateTime.format(d);
    }
    return v.length > 1200 ? `${v.slice(0, 1200)} … (ingekort; volledig in de JSON-versie)` : v;
  }
  if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === 'object' && x !== null ? JSON.stringify(x) : show(x))).join(', ') : '—';
  if (typeof v === 'object') {
    const s = JSON.stringify(v);
    return s.length > 1200 ? `${s.slice(0, 1200)} … (ingekort; volledig in de JSON-versie)` : s;
  }
  return String(v);
}

export const PERSON_HEADING = 'Uw gegevens in de leerling- en personeelsadministratie';
export const EMPTY_HEADING = 'Onderdelen zonder gegevens over u';
/** Codes that read better in Dutch (a whole value only, never part of a text). */
const VALUES: Record<string, string> = {
  granted: 'toestemming gegeven',
  refused: 'geen toestemming',
  revoked: 'toestemming ingetrokken',
  photo: "foto's",
  video: 'film',
  audio: 'geluid',
  portal: 'via de app',
  form: 'formulier',
  paper: 'op papier',
  import: 'ingelezen',
  staff: 'door de school',
  lesson_time: 'toestemming lestijd (A.1)',
  school_project: 'schoolproject (A.6)',
  school_social_media: 'sociale media van de school',
  school_website: 'website van de school',
  newsletter: 'nieuwsbrief',
  personal_social_media: 'eigen sociale media',
  employee: 'medewerker',
  student: 'leerling',
  guardian: 'ouder of verzorger',
  director: 'directeur',
  supervisor: 'leidinggevende',
  internal_supervisor: 'intern begeleider',
  communication_officer: 'communicatiemedewerker',
  confidential_adviser: 'vertrouwenspersoon',
  data_protection_officer: 'functionaris gegevensbescherming',
  board: 'bestuur',
  personnel: 'personeelsdossier',
  draft: 'concept',
  submitted: 'ter controle',
  published: 'geplaatst',
  withdrawn: 'ingetrokken',
  approved: 'goedgekeurd',
  changes_requested: 'aanpassingen gevraagd',
  rejected: 'afgewezen',
};
const camel = (column: string) => column.replace(/_([a-z])/gu, (_m, c: string) => c.toUpperCase());
const KIND_NL: Record<string, string> = { student: 'leerling', employee: 'medewerker', guardian: 'ouder of verzorger', other: 'anders' };

/** The export as a readable Dutch PDF: the person, then one section per table, each with its note. */
export async function exportPdf(e: SubjectExport): Promise<Buffer> {
  const p = e.person as { givenName: string; prefix: string | null; familyName: string; kind: string; birthDate: string | null; email: string | null; externalId: string; active: boolean; leftAt: string | null; id: string };
  const name = fullName(p);
  const blocks: PdfBlock[] = [
    { kind: 'heading', text: `Inzage persoonsgegevens: ${name}` },
    {
      kind: 'paragraph',
      text: `Dit overzicht bevat alle gegevens die Postwijzer over u bewaart bij ${e.school.name} (inzage volgens artikel 15 van de AVG). Waar een gegeven ook over iemand anders gaat, staat er "andere persoon" in plaats van die naam: zo beschermen we ook hun gegevens. Wat we bewust niet opnemen, staat per onderdeel vermeld. Opgesteld op ${dateTime.format(new Date(e.generatedAt))}. Dezelfde gegevens staan, voor computers leesbaar, in de JSON-versie.`,
    },
    { kind: 'heading', level: 2, text: PERSON_HEADING },
    {
      kind: 'fields',
      rows: [
        ['Naam', name],
        ['Soort', KIND_NL[p.kind] ?? p.kind],
        ['Geboortedatum', show(p.birthDate)],
        ['E-mail', show(p.email)],
        ['Nummer in de schooladministratie', p.externalId],
        ['Actief op school', p.active ? 'ja' : `nee${p.leftAt ? ` (vertrokken ${show(p.leftAt)})` : ''}`],
        ['Id in Postwijzer', p.id],
      ],
    },
  ];
  // In the readable version the person's own ids read as "u", the school's id as its name.
  const ownAccounts = new Set(((e.tables.accounts?.rows ?? []) as { id?: string }[]).map((a) => a.id).filter(Boolean));
  const shown = (v: unknown): string => {
    if (v === p.id) return 'u';
    if (typeof v === 'string' && ownAccounts.has(v)) return 'uw account';
    if (v === e.school.id) return e.school.name;
    if (typeof v === 'string' && Object.hasOwn(VALUES, v)) return VALUES[v]!;
    return show(v);
  };
  const empty: ExportSection[] = [];
  for (const section of Object.values(e.tables)) {
    if (!section.rows.length && !section.actedIn.length && !section.withheld.length) {
      empty.push(section);
      continue;
    }
    blocks.push({ kind: 'heading', level: 2, text: section.title });
    blocks.push({ kind: 'paragraph', text: section.note });
    section.rows.forEach((row, i) => {
      if (section.rows.length > 1) blocks.push({ kind: 'paragraph', text: `${i + 1} van ${section.rows.length}` });
      blocks.push({ kind: 'fields', rows: Object.entries(row).map(([k, v]) => [LABELS[k] ?? k, shown(v)] as const) });
    });
    if (section.actedIn.length) {
      blocks.push({ kind: 'paragraph', text: 'Waar u als medewerker iets deed in gegevens van anderen (alleen wat en wanneer):' });
      blocks.push({ kind: 'table', columns: ['Wat u deed', 'Welk gegeven', 'Wanneer'], rows: section.actedIn.map((a) => [LABELS[camel(a.column)] ?? a.column, Object.values(a.key).map(shown).join(' / '), show(a.at)]) });
    }
    for (const w of section.withheld) blocks.push({ kind: 'paragraph', text: `Niet opgenomen: ${w}` });
  }
  if (empty.length) {
    blocks.push({ kind: 'heading', level: 2, text: EMPTY_HEADING });
    blocks.push({ kind: 'paragraph', text: 'Over deze onderdelen bewaart Postwijzer niets van u. Zo ziet u ook wat er had kunnen staan.' });
    blocks.push({ kind: 'table', columns: ['Onderdeel', 'Wat daar zou staan'], rows: empty.map((x) => [x.title, x.note]) });
  }
  return renderPdf({ title: `Inzage persoonsgegevens ${name}`, lang: 'nl', author: e.school.name, footer: `Vertrouwelijk — inzage AVG art. 15 — ${name}`, createdAt: new Date(e.generatedAt), blocks });
}
