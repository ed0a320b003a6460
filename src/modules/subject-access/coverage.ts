// Which tables hold a person (AVG art. 15 and 17, docs/subject-access.md): for every column that
// points at a person or an account, what the export does with it and what erasure does with it.
// test/integration/subject-access.test.ts reads the Drizzle schema and fails for any column that
// points at people or accounts (a foreign key, or one of the columns without a key listed below)
// that is not decided here: a table added later is covered or excluded on purpose, never forgotten.
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { is } from 'drizzle-orm';
import * as schema from '../../db/schema/index.ts';

/** What a column holds: a person's id (people.id), an account's id (accounts.id), or an e-mail address. */
export type Holds = 'person' | 'account' | 'email';

/**
 * equals: the column is the id (uuid or text); array: a uuid[] holding ids; json: the id appears
 * somewhere inside a jsonb value (a post's tagged people, an event's payload); json_to: the
 * recipient ("to") of a queued e-mail equals the address; lower: the text equals the address,
 * ignoring case.
 */
export type Match = 'equals' | 'array' | 'json' | 'json_to' | 'lower';

/**
 * subject: the row is about the person; it goes into the export whole (other people replaced by
 * "andere persoon", secrets left out). actor: the person did something to someone else's record
 * (decided, recorded, closed): the export names the record, the column and the time, never the
 * record's contents, which are the other person's.
 */
export type Use = 'subject' | 'actor';

/**
 * What erasure does with the rows where the column matches:
 * delete: remove the rows; nullify: set the column to null (someone else's record keeps everything
 * else); strip: take the id out of the jsonb value; block: the rows are kept under a retention
 * period or a legal duty, so erasure is refused while they exist; keep: the audit trail (ids only,
 * append-only, see docs/subject-access.md); scrub: the text scrub replaces the id (a text column).
 */
export type Erase = 'delete' | 'nullify' | 'strip' | 'block' | 'keep' | 'scrub';

export interface ColumnRule {
  holds: Holds;
  match?: Match;
  use: Use;
  erase: Erase;
}

export interface TableRule {
  /** The SQL name of the table. */
  table: string;
  /** Section heading (Dutch; the PDF and the JSON use it). */
  title: string;
  /** What the section holds and what is left out, in a sentence for the requester (Dutch). */
  note: string;
  /** SQL column name → rule, for every column that points at a person, an account or an address. */
  columns: Record<string, ColumnRule>;
  /** Columns never exported: secrets (hashes, tokens) and internal hashes. Binary columns are never exported either. */
  hide?: string[];
  /** Why erasure blocks here, for the refusal (Dutch), when a column's erase is 'block'. */
  blockReason?: string;
}

const P = (use: Use, erase: Erase, match: Match = 'equals'): ColumnRule => ({ holds: 'person', match, use, erase });
const A = (use: Use, erase: Erase, match: Match = 'equals'): ColumnRule => ({ holds: 'account', match, use, erase });

/** In the order erasure deletes them: rows that point at other rows first. */
export const TABLE_RULES: TableRule[] = [
  // Case records: kept for the case and its retention (D.1–D.6); erasure waits until they are gone.
  {
    table: 'incidents',
    title: 'Meldingen (incidenten)',
    note: 'Meldingen waarin u melder bent of waarin u bent genoemd: categorie, artikelen, status en wat er is gemeld. Wie een melding over u deed, staat er alleen in als u dat zelf was. Politiezaken (D.6) en de interne behandeling zijn niet opgenomen (art. 15 lid 4 AVG, art. 41 UAVG).',
    columns: {
      reporter_id: P('subject', 'block'),
      reporter_account_id: A('subject', 'block'),
      qualified_person_id: P('subject', 'block'),
      assigned_to: A('actor', 'block'),
      police_decided_by: A('actor', 'block'),
      qualified_by: A('actor', 'block'),
      // A public or anonymous report that left the person's e-mail address as the way to reach them.
      reporter_contact: { holds: 'email', match: 'lower', use: 'subject', erase: 'block' },
    },
    hide: ['receipt_hash'],
    blockReason: 'een melding (incident) waarin deze persoon voorkomt wordt bewaard zolang de zaak en haar bewaartermijn lopen',
  },
  {
    table: 'incident_people',
    title: 'Uw rol in meldingen',
    note: 'Per melding uw eigen rol (betrokkene, getroffene, getuige). De rollen van anderen zijn niet opgenomen.',
    columns: { person_id: P('subject', 'block') },
    blockReason: 'deze persoon is partij in een melding',
  },
  {
    table: 'incident_events',
    title: 'Verloop van meldingen',
    note: 'De stappen van een melding die met betrokkenen gedeeld mogen worden (statuswijzigingen, deelbare notities). Interne notities van de behandelaars zijn niet opgenomen; wel hoeveel het er zijn.',
    columns: { actor_id: A('actor', 'block'), payload: P('subject', 'block', 'json') },
    blockReason: 'het logboek van een melding kan niet worden gewijzigd (alleen aanvullen) en wordt met de melding bewaard',
  },
  {
    table: 'incident_tasks',
    title: 'Taken bij meldingen',
    note: 'Taken die over u gaan (de melding bij de Inspectie bij uw maatregel, het telefoontje met de vertrouwensinspecteur bij een kwalificatie van u).',
    columns: { closed_by: A('actor', 'block') },
    blockReason: 'een taak in een melding wordt met de melding bewaard',
  },
  {
    table: 'incident_steps',
    title: 'Wettelijke stappen',
    note: 'Hoorgesprekken en andere stappen die met u zijn gezet voor een maatregel.',
    columns: { person_id: P('subject', 'block'), recorded_by: A('actor', 'block') },
    blockReason: 'een wettelijke stap (hoorgesprek, Inspectie) moet aantoonbaar blijven',
  },
  {
    table: 'letter_drafts',
    title: 'Brieven in voorbereiding',
    note: 'Brieven aan u die nog niet zijn verstuurd.',
    columns: { person_id: P('subject', 'block'), created_by: A('actor', 'block') },
    blockReason: 'een brief in voorbereiding hoort bij een lopende zaak',
  },
  {
    table: 'measures',
    title: 'Maatregelen',
    note: 'Maatregelen die u zijn opgelegd (D.3, D.5), met de motivering.',
    columns: { person_id: P('subject', 'block'), decided_by: A('actor', 'block') },
    blockReason: 'een maatregel wordt bewaard om de rechtspositie (wettelijke plicht, rechtsvordering)',
  },
  {
    table: 'file_entries',
    title: 'Dossier',
    note: 'De stukken in uw personeels- of leerlingdossier (D.1, D.4). De brieven zelf (pdf) staan in het dossier; hier staan titel, soort en bewaartermijn.',
    columns: { person_id: P('subject', 'block'), created_by: A('actor', 'block') },
    blockReason: 'het dossier heeft een bewaartermijn; de automatische opschoning verwijdert stukken als die verstreken is',
  },
  {
    // No column of its own points at a person: the documents of the person's file entries.
    table: 'file_documents',
    title: 'Documenten in het dossier',
    note: 'De pdf-bestanden (brieven) bij de stukken in uw dossier: naam, grootte en vingerafdruk. Het bestand zelf geeft de FG u op verzoek.',
    columns: {},
  },
  {
    table: 'breaches',
    title: 'Datalekken',
    note: 'Datalekken in het register waarbij u als betrokkene staat genoemd (AVG art. 33, 34).',
    columns: { people_ids: P('subject', 'block', 'array'), reported_by: A('actor', 'block'), assessed_by: A('actor', 'block') },
    blockReason: 'het register van datalekken moet volledig blijven (AVG art. 33 lid 5)',
  },
  {
    table: 'breach_events',
    title: 'Verloop van datalekken',
    note: 'De geschiedenis van de datalekken waarbij u bent betrokken.',
    columns: { actor: A('actor', 'block'), data: P('subject', 'block', 'json') },
    blockReason: 'de geschiedenis van het datalekkenregister kan niet worden gewijzigd (alleen aanvullen)',
  },
  // The person's own things: removed with them.
  {
    table: 'takedown_tasks',
    title: 'Verwijderverzoeken',
    note: 'Berichten die offline moesten omdat u (of uw ouder) de toestemming introk.',
    columns: { person_id: P('subject', 'delete'), done_by: A('actor', 'nullify') },
  },
  {
    table: 'review_events',
    title: 'Reacties op voorleggen',
    note: 'Stappen die u zette in verzoeken van anderen (alleen wanneer en wat voor stap).',
    columns: { actor_account_id: A('actor', 'nullify') },
  },
  {
    table: 'reviews',
    title: 'Voorgelegd aan de leidinggevende (B.3)',
    note: 'Berichten die u voorlegde, met vraag en beslissing.',
    columns: {
      requester_id: P('subject', 'delete'),
      requester_account_id: A('subject', 'delete'),
      content: P('subject', 'strip', 'json'),
      supervisor_id: P('actor', 'nullify'),
      decided_by: A('actor', 'nullify'),
    },
  },
  {
    table: 'escalations',
    title: 'Escalaties (B.2)',
    note: 'Gesprekken die u escaleerde naar uw leidinggevende.',
    columns: {
      reporter_id: P('subject', 'delete'),
      reporter_account_id: A('subject', 'delete'),
      supervisor_id: P('actor', 'nullify'),
      acknowledged_by: A('actor', 'nullify'),
      resolved_by: A('actor', 'nullify'),
    },
  },
  {
    table: 'checks',
    title: 'Controles',
    note: 'Controles van berichten die u liet uitvoeren, of waarin u werd herkend.',
    columns: { checked_by: A('subject', 'nullify'), result: P('subject', 'strip', 'json') },
  },
  {
    table: 'post_people',
    title: 'Berichten waarop u staat',
    note: 'Geplaatste berichten waarop u te zien of te horen bent.',
    columns: { person_id: P('subject', 'delete') },
  },
  {
    table: 'posts',
    title: 'Berichten',
    note: 'Berichten die u schreef, en berichten van anderen waarin u bent aangeduid.',
    columns: { author_id: P('subject', 'delete'), author_account_id: A('subject', 'delete'), content: P('subject', 'strip', 'json') },
  },
  {
    table: 'media_items',
    title: "Foto's, video en geluid",
    note: 'Bestanden die u uploadde, of waarop u bent aangeduid. Het bestand zelf is niet opgenomen (er kunnen anderen op staan); de FG kan een kopie geven waarop anderen onherkenbaar zijn.',
    columns: { account_id: A('subject', 'delete'), tags: P('subject', 'strip', 'json'), heard: P('subject', 'strip', 'json') },
  },
  {
    table: 'permission_students',
    title: 'Schoolprojecten (als leerling)',
    note: 'Schoolprojecten (A.6) waaraan u als leerling meedoet.',
    columns: { student_id: P('subject', 'delete') },
  },
  {
    table: 'permissions',
    title: 'Toestemmingen lestijd en schoolprojecten',
    note: 'Toestemmingen om tijdens lestijd te posten (A.1) en schoolprojecten (A.6) die u kreeg.',
    columns: { person_id: P('subject', 'delete'), granted_by: P('actor', 'nullify') },
  },
  {
    table: 'consent_requests',
    title: 'Toestemmingsrondes',
    note: 'Verzoeken om uw keuzes voor foto, film en geluid.',
    columns: { responder_id: P('subject', 'delete') },
    hide: ['token_hash'],
  },
  {
    table: 'consent_events',
    title: 'Toestemming en geschiedenis',
    note: 'Al uw keuzes voor foto, film en geluid, ook eerdere (A.5). Keuzes die u als ouder voor een kind maakte staan hier alleen als verwijzing.',
    columns: { person_id: P('subject', 'delete'), given_by: P('actor', 'nullify'), recorded_by: A('actor', 'nullify') },
  },
  {
    table: 'consent_rounds',
    title: 'Geopende toestemmingsrondes',
    note: 'Rondes die u als medewerker opende.',
    columns: { opened_by: A('actor', 'nullify') },
  },
  {
    table: 'acknowledgements',
    title: 'Bevestigingen van het protocol',
    note: 'Welke versies van het protocol u bevestigde en wanneer.',
    columns: { person_id: P('subject', 'delete'), account_id: A('subject', 'delete') },
  },
  {
    table: 'protocol_reminders',
    title: 'Herinneringen protocol',
    note: 'Herinneringen die u kreeg om het protocol te bevestigen.',
    columns: { person_id: P('subject', 'delete'), last_reminded_by: A('actor', 'nullify') },
  },
  {
    table: 'protocol_versions',
    title: 'Gepubliceerde protocolversies',
    note: 'Versies van het protocol die u publiceerde.',
    columns: { published_by: A('actor', 'nullify') },
  },
  {
    table: 'roster_imports',
    title: 'Ingelezen leerling- en personeelslijsten',
    note: 'Inleesacties die u deed.',
    columns: { imported_by: A('actor', 'nullify') },
  },
  {
    table: 'group_staff',
    title: 'Groepen (als medewerker)',
    note: 'De groepen waaraan u lesgeeft.',
    columns: { person_id: P('subject', 'delete') },
  },
  {
    table: 'employments',
    title: 'Dienstverband',
    note: 'Uw functie en leidinggevende; en voor wie u leidinggevende bent (als verwijzing).',
    columns: { person_id: P('subject', 'delete'), supervisor_id: P('actor', 'nullify') },
  },
  {
    table: 'guardianships',
    title: 'Ouders en kinderen',
    note: 'Wie als ouder of verzorger aan u is gekoppeld, of aan wie u als ouder bent gekoppeld.',
    columns: { guardian_id: P('subject', 'delete'), student_id: P('subject', 'delete') },
  },
  {
    table: 'sessions',
    title: 'Aanmeldsessies',
    note: 'Wanneer u was aangemeld. De sleutels van de sessies zijn niet opgenomen.',
    columns: { account_id: A('subject', 'delete') },
    hide: ['token_hash', 'csrf_token'],
  },
  {
    table: 'api_tokens',
    title: 'API-sleutels',
    note: 'Sleutels voor koppelingen die u maakte (naam, data). De sleutels zelf zijn niet opgenomen.',
    columns: { account_id: A('subject', 'delete') },
    hide: ['token_hash'],
  },
  {
    table: 'account_tokens',
    title: 'Uitnodigingen en wachtwoordherstel',
    note: 'Links die u per e-mail kreeg. De links zelf zijn niet opgenomen.',
    columns: { account_id: A('subject', 'delete'), created_by: A('actor', 'scrub') },
    hide: ['token_hash'],
  },
  {
    table: 'account_roles',
    title: 'Rollen',
    note: 'Uw rollen per school.',
    columns: { account_id: A('subject', 'delete'), person_id: P('subject', 'delete') },
  },
  {
    table: 'accounts',
    title: 'Account',
    note: 'Uw account: e-mailadres, naam, aanmelden. Wachtwoord en tweede factor zijn niet opgenomen.',
    // id: the person's own accounts (linked through person_id, or holding a role as them).
    columns: { person_id: P('subject', 'delete'), id: A('subject', 'delete') },
    hide: ['password_hash', 'totp_secret', 'totp_last_step'],
  },
  {
    table: 'outbox',
    title: 'E-mails',
    note: 'E-mails aan u die Postwijzer nog moet versturen: sjabloon, onderwerp en data, niet de tekst (daarin staat een persoonlijke link). Een verstuurde e-mail bewaart alleen het sjabloon, zonder adres.',
    columns: { payload: { holds: 'email', match: 'json_to', use: 'subject', erase: 'delete' } },
    hide: ['last_error'],
  },
  {
    table: 'audit_events',
    title: 'Auditspoor',
    note: 'Wat er met uw gegevens is gedaan en wat u deed: wie, welke handeling, wanneer, welke velden (nooit de inhoud). Het auditspoor wordt niet gewijzigd of verwijderd.',
    columns: { actor: A('subject', 'keep'), subject_id: P('subject', 'keep') },
    hide: ['prev_hash', 'hash'],
  },
];

/**
 * Tables that point at people or accounts but are not in the export, with the reason. Empty today:
 * every such table is covered. A new one goes here only with a reason the FG can stand behind.
 */
export const EXCLUDED_TABLES: Record<string, string> = {};

/**
 * Columns that hold a person's or account's id (or an e-mail address) WITHOUT a foreign key: the
 * completeness test cannot find them in the schema, so they are named here.
 */
export const UNLINKED_COLUMNS: { table: string; column: string; holds: Holds; what: string }[] = [
  { table: 'consent_events', column: 'recorded_by', holds: 'account', what: 'the account that recorded a consent (null: the portal or an import)' },
  { table: 'consent_rounds', column: 'opened_by', holds: 'account', what: 'the account that opened a round' },
  { table: 'takedown_tasks', column: 'done_by', holds: 'account', what: 'the account that ticked off a takedown' },
  { table: 'account_tokens', column: 'created_by', holds: 'account', what: 'who sent an invitation (an account id, or "cli")' },
  { table: 'posts', column: 'content', holds: 'person', what: 'the post as checked: its author and the people tagged in its media' },
  { table: 'reviews', column: 'content', holds: 'person', what: 'the post as sent for review (as posts.content)' },
  { table: 'checks', column: 'result', holds: 'person', what: 'the check result: findings name the people they are about' },
  { table: 'media_items', column: 'tags', holds: 'person', what: 'per face, the person it is' },
  { table: 'media_items', column: 'heard', holds: 'person', what: 'people heard in a video or sound' },
  { table: 'breaches', column: 'people_ids', holds: 'person', what: 'the people concerned by a breach' },
  { table: 'breach_events', column: 'actor', holds: 'account', what: 'an account id, or "system"' },
  { table: 'breach_events', column: 'data', holds: 'person', what: 'the facts as they became, with the people concerned' },
  { table: 'incident_events', column: 'payload', holds: 'person', what: 'the event: people added, measures, notes' },
  { table: 'audit_events', column: 'actor', holds: 'account', what: 'an account id, "system" or "cli"' },
  { table: 'audit_events', column: 'subject_id', holds: 'person', what: 'the id of what an event is about (a person, an account, a post, ...)' },
  { table: 'outbox', column: 'payload', holds: 'email', what: 'a queued e-mail: its address and text' },
  { table: 'incidents', column: 'reporter_contact', holds: 'email', what: 'how the reporter of a public or anonymous report can be reached (often an e-mail address)' },
];

/**
 * Columns that look as if they could hold a person (a uuid without a foreign key, a jsonb value, a
 * text "..._by" / "..._id") but do not, with what they hold. The completeness test makes every such
 * column appear either here or in UNLINKED_COLUMNS.
 */
export const NOT_PEOPLE: Record<string, string> = {
  'schools.timetable': 'lesson hours',
  'groups.timetable': 'lesson hours',
  'groups.external_id': 'the group in the school administration',
  'people.external_id': 'the person in the school administration (exported with the person row)',
  'boards.protocol_id': 'a protocol id (asko-2018)',
  'checks.protocol_id': 'a protocol id',
  'protocol_versions.protocol_id': 'a protocol id',
  'escalations.messages': 'the pasted conversation: authors as written (free text, scrubbed on erasure)',
  'escalations.signal': 'numbers of the derailing signal',
  'escalations.screenshot_ids': 'media item ids',
  'media_items.faces': 'boxes and scores of faces (no identity)',
  'media_items.stripped_metadata': 'names of metadata kinds',
  'media_items.blurred': 'face numbers',
  'media_items.derived_from': 'a media item id',
  'permissions.project_key': 'a project id',
  'incident_tasks.call': 'a call record (date, time, caller as typed, reference, advice); exported for tasks about the person',
  'breaches.school_ids': 'school ids',
  'breaches.source_ref': 'the id of an automatic entry’s cause (a post, a takedown)',
  'audit_events.request_id': 'a request id',
  'file_purges.run_id': 'a purge run id',
  'file_purges.entry_id': 'the id a purged file entry had (no person: the purge record holds no names)',
  'boards.aliases': 'other names of the board',
  'schools.aliases': 'other names of the school',
  'schools.contact_phone': 'the school’s own telephone number',
  'schools.contact_email': 'the school’s own address',
  'people.nicknames': 'the person’s own nicknames (exported with the person row; others’ are taken out by redact.ts)',
  'people.email': 'the person’s own address (exported with the person row)',
  'accounts.email': 'the account’s own address (exported with the account)',
  'consent_rounds.channels': 'channel codes',
  'audit_events.fields': 'names of the changed fields (or a count), never values',
  'incidents.articles': 'protocol article ids',
  'breaches.data_categories': 'kinds of data',
};

export interface SchemaColumn {
  table: string;
  column: string;
  sqlType: string;
  /** people, accounts, or null (no foreign key to either). */
  references: 'person' | 'account' | null;
  primary: boolean;
  hasForeignKey: boolean;
}

/** Every table of the schema with its columns and where they point: what the completeness test reads. */
export function schemaTables(from: Record<string, unknown> = schema): { name: string; table: PgTable; columns: SchemaColumn[]; parents: string[] }[] {
  const out: { name: string; table: PgTable; columns: SchemaColumn[]; parents: string[] }[] = [];
  for (const value of Object.values(from)) {
    if (!is(value, PgTable)) continue;
    const config = getTableConfig(value);
    const fkOf = new Map<string, string>();
    for (const fk of config.foreignKeys) {
      const ref = fk.reference();
      const target = getTableConfig(ref.foreignTable).name;
      for (const c of ref.columns) fkOf.set(c.name, target);
    }
    out.push({
      name: config.name,
      table: value,
      parents: [...new Set(fkOf.values())],
      columns: config.columns.map((c) => {
        const target = fkOf.get(c.name);
        return {
          table: config.name,
          column: c.name,
          sqlType: c.getSQLType(),
          references: target === 'people' ? 'person' : target === 'accounts' ? 'account' : null,
          primary: c.primary,
          hasForeignKey: target !== undefined,
        };
      }),
    });
  }
  return out;
}

/** The table rule of a table, by SQL name. */
export function ruleOf(table: string): TableRule | undefined {
  return TABLE_RULES.find((r) => r.table === table);
}

/**
 * The columns that point at a person or an account (a foreign key, or listed in UNLINKED_COLUMNS)
 * and have no decision: no rule in TABLE_RULES and no reason in EXCLUDED_TABLES. Empty, or the
 * completeness test fails.
 */
export function undecidedColumns(tables = schemaTables()): string[] {
  const unlinked = new Set(UNLINKED_COLUMNS.map((u) => `${u.table}.${u.column}`));
  return tables.flatMap((t) =>
    t.columns
      .filter((c) => c.references !== null || unlinked.has(`${t.name}.${c.column}`))
      .filter((c) => !(t.name in EXCLUDED_TABLES) && !ruleOf(t.name)?.columns[c.column])
      .map((c) => `${t.name}.${c.column}`),
  );
}

/** A column name that suggests an e-mail address or another way to reach someone. */
const EMAIL_LIKE = /(mail|contact|address|recipient|^to$|_to$)/u;

/**
 * Columns that could hold a person without a foreign key (uuid, uuid[], jsonb, text[], text
 * ..._by / ..._id / actor, or a text column named like an address or contact) and are listed nowhere.
 */
export function unlistedSuspects(tables = schemaTables()): string[] {
  const listed = new Set([...UNLINKED_COLUMNS.map((u) => `${u.table}.${u.column}`), ...Object.keys(NOT_PEOPLE)]);
  return tables.flatMap((t) =>
    t.columns
      .filter((c) => !c.hasForeignKey && !c.primary)
      .filter((c) => c.sqlType === 'uuid' || c.sqlType === 'uuid[]' || c.sqlType === 'jsonb' || c.sqlType === 'text[]' || (c.sqlType === 'text' && (/(_by|_id|^actor)$/u.test(c.column) || EMAIL_LIKE.test(c.column))))
      .map((c) => `${t.name}.${c.column}`)
      .filter((c) => !listed.has(c)),
  );
}

/**
 * Tables with a foreign key into a table whose rows are exported as the person's ('subject' rows)
 * that have no decision: a child row (a file entry's document) is the person's too, so it is in
 * the export or excluded with a reason, never forgotten.
 */
export function undecidedChildTables(tables = schemaTables()): string[] {
  const subjectTables = new Set(TABLE_RULES.filter((r) => Object.values(r.columns).some((c) => c.use === 'subject')).map((r) => r.table));
  return tables.filter((t) => !ruleOf(t.name) && !(t.name in EXCLUDED_TABLES) && t.parents.some((p) => subjectTables.has(p))).map((t) => `${t.name} → ${t.parents.filter((p) => subjectTables.has(p)).join(', ')}`);
}
