// The letters of a case (docs/files.md): a draft prefilled from a template and the case, edited in
// the browser, previewed as PDF, then sent. Sending is one transaction: the PDF is filed (an entry
// with its document in each file the letter belongs to, as decisions are filed), a notice e-mail
// goes to each addressee through the outbox and is filed too, the case's log records it, the
// draft is removed, and the audit trail has the event.
import { createHash } from 'node:crypto';
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import type { AppDb, DbOrTx } from '../../db/connection.ts';
import { accounts, fileDocuments, guardianships, incidentEvents, incidentPeople, incidents, letterDrafts, measures, people, schools } from '../../db/schema/index.ts';
import { renderPdf } from '../../pdf/document.ts';
import { HttpError } from '../../server/errors.ts';
import { appendAudit } from '../audit/chain.ts';
import { enqueueMail } from '../mail/mailer.ts';
import { fileInto, fileTargets } from './filing.ts';
import type { LetterTemplate, LetterText } from './letters.ts';
import { dutchDay } from './dutch-time.ts';
import { addresseeLine, blanksLeft, LETTER_TEMPLATES, letterPdf, letterText, prefill, TEMPLATE_MEASURE, TEMPLATE_NAMES } from './letters.ts';
import { letterNoticeMail } from './mail.ts';
import type { By } from './service.ts';
import { fullName as nameOf } from '../people/names.ts';

const notFound = () => new HttpError(404, 'not_found', 'There is no such incident at this school.');
const draftNotFound = () => new HttpError(404, 'not_found', 'There is no such letter draft in this case.');

type Draft = typeof letterDrafts.$inferSelect;

async function incidentAt(db: DbOrTx, schoolId: string, incidentId: string) {
  const [row] = await db.select().from(incidents).where(and(eq(incidents.id, incidentId), eq(incidents.schoolId, schoolId)));
  if (!row) throw notFound();
  return row;
}

/** The people a case's letters can be about: its subjects, with their measures. */
async function subjects(db: DbOrTx, incidentId: string) {
  const rows = await db
    .select({ id: people.id, kind: people.kind, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName })
    .from(incidentPeople)
    .innerJoin(people, eq(people.id, incidentPeople.personId))
    .where(and(eq(incidentPeople.incidentId, incidentId), eq(incidentPeople.role, 'subject')))
    .orderBy(asc(people.familyName));
  const ms = rows.length
    ? await db
        .select({ id: measures.id, personId: measures.personId, kind: measures.kind, decidedOn: measures.decidedOn, days: measures.days, rationale: measures.rationale })
        .from(measures)
        .where(and(eq(measures.incidentId, incidentId), inArray(measures.personId, rows.map((r) => r.id))))
        .orderBy(desc(measures.createdAt))
    : [];
  return rows.map((r) => ({ ...r, name: nameOf(r), measures: ms.filter((m) => m.personId === r.id) }));
}

/** The templates that fit a person: a warning or suspension letter needs that measure decided in the case. */
function templatesFor(s: { kind: string; measures: { kind: string }[] }): LetterTemplate[] {
  return LETTER_TEMPLATES.filter((t) => {
    const m = TEMPLATE_MEASURE[t];
    if (m === 'schorsing' && s.kind === 'guardian') return false;
    return m === null || s.measures.some((x) => x.kind === m);
  });
}

/**
 * The letters section of a case: who letters can be about (with the templates that fit), the
 * drafts (each saying whether the asker may send it and which blanks are left), the letters sent.
 */
export async function caseLetters(db: AppDb, schoolId: string, incidentId: string, maySend: (template: string) => boolean) {
  await incidentAt(db, schoolId, incidentId);
  const subs = await subjects(db, incidentId);
  const drafts = await db.select().from(letterDrafts).where(eq(letterDrafts.incidentId, incidentId)).orderBy(asc(letterDrafts.createdAt));
  // Sent letters from the case's log: subject, person and date (reading the letter is for the file's readers).
  const sent = await db
    .select({ payload: incidentEvents.payload, at: incidentEvents.createdAt, byName: accounts.displayName })
    .from(incidentEvents)
    .leftJoin(accounts, eq(accounts.id, incidentEvents.actorId))
    .where(and(eq(incidentEvents.incidentId, incidentId), eq(incidentEvents.type, 'letter_sent')))
    .orderBy(asc(incidentEvents.id));
  const names = new Map(subs.map((s) => [s.id, s.name]));
  return {
    people: subs.map((s) => ({ personId: s.id, name: s.name, kind: s.kind, templates: templatesFor(s) })),
    templates: LETTER_TEMPLATES.map((t) => ({ id: t, name: TEMPLATE_NAMES[t] })),
    drafts: drafts.map((d) => ({ ...draftView(d), maySend: maySend(d.template), blanks: blanksLeft(d) })),
    sent: sent.map((e) => {
      const p = e.payload as { template: string; subject?: string; personId: string; filed: number; mailed: number };
      return { template: p.template, subject: p.subject ?? TEMPLATE_NAMES[p.template as LetterTemplate]?.nl ?? p.template, personId: p.personId, personName: names.get(p.personId) ?? null, filed: p.filed, mailed: p.mailed, at: e.at, byName: e.byName };
    }),
  };
}

function draftView(d: Draft) {
  return { id: d.id, personId: d.personId, template: d.template, measureId: d.measureId, subject: d.subject, salutation: d.salutation, body: d.body, closing: d.closing, createdAt: d.createdAt, updatedAt: d.updatedAt };
}

const audit = (tx: DbOrTx, schoolId: string, by: By, action: string, incidentId: string, fields: string[]) =>
  appendAudit(tx, { schoolId, actor: by.accountId, action, subjectType: 'incident', subjectId: incidentId, requestId: by.requestId ?? null, fields, at: by.now });

async function senderName(db: DbOrTx, accountId: string): Promise<string> {
  const [a] = await db.select({ name: accounts.displayName }).from(accounts).where(eq(accounts.id, accountId));
  return a?.name ?? 'De directie';
}

/** A new draft from a template, prefilled from the case. */
export async function createDraft(db: AppDb, schoolId: string, incidentId: string, input: { template: LetterTemplate; personId: string }, by: By) {
  return db.transaction(async (tx) => {
    const row = await incidentAt(tx, schoolId, incidentId);
    const s = (await subjects(tx, row.id)).find((x) => x.id === input.personId);
    if (!s) throw new HttpError(400, 'bad_request', 'A letter is about a person the case is about (role subject).', [{ path: '$.personId', message: 'not a subject of this case' }]);
    if (!templatesFor(s).includes(input.template)) {
      const need = TEMPLATE_MEASURE[input.template];
      throw new HttpError(409, 'no_measure', `This letter announces a ${need ?? 'measure'} for this person, and the case has none: decide the measure first.`, [{ path: '$.template', message: `no ${need} for this person in the case` }]);
    }
    const measure = TEMPLATE_MEASURE[input.template] ? (s.measures.find((m) => m.kind === TEMPLATE_MEASURE[input.template]) ?? null) : null;
    const [school] = await tx.select({ name: schools.name }).from(schools).where(eq(schools.id, schoolId));
    const text = prefill(input.template, {
      schoolName: school!.name,
      person: { kind: s.kind, givenName: s.givenName, name: s.name },
      reference: reference(row.id),
      measure: measure ? { decidedOn: measure.decidedOn, days: measure.days, rationale: measure.rationale } : null,
      sender: await senderName(tx, by.accountId),
    });
    const [d] = await tx
      .insert(letterDrafts)
      .values({ schoolId, incidentId: row.id, personId: s.id, template: input.template, measureId: measure?.id ?? null, ...text, createdBy: by.accountId, createdAt: by.now, updatedAt: by.now })
      .returning();
    await audit(tx, schoolId, by, 'letter.draft', row.id, ['letter_drafts']);
    return draftView(d!);
  });
}

const reference = (incidentId: string) => `Melding ${incidentId.slice(0, 8)}`;

async function lockDraft(tx: DbOrTx, schoolId: string, incidentId: string, draftId: string): Promise<Draft> {
  const [d] = await tx
    .select()
    .from(letterDrafts)
    .where(and(eq(letterDrafts.id, draftId), eq(letterDrafts.incidentId, incidentId), eq(letterDrafts.schoolId, schoolId)))
    .for('update');
  if (!d) throw draftNotFound();
  return d;
}

/** Saves the writer's edits of a draft. */
export async function updateDraft(db: AppDb, schoolId: string, incidentId: string, draftId: string, text: Partial<LetterText>, by: By) {
  return db.transaction(async (tx) => {
    const d = await lockDraft(tx, schoolId, incidentId, draftId);
    const changed = (['subject', 'salutation', 'body', 'closing'] as const).filter((k) => text[k] !== undefined && text[k] !== d[k]);
    const [u] = await tx
      .update(letterDrafts)
      .set({ ...Object.fromEntries(changed.map((k) => [k, text[k]])), updatedAt: by.now })
      .where(eq(letterDrafts.id, d.id))
      .returning();
    await audit(tx, schoolId, by, 'letter.edit', incidentId, changed.map((k) => `letter_drafts.${k}`));
    return draftView(u!);
  });
}

export async function discardDraft(db: AppDb, schoolId: string, incidentId: string, draftId: string, by: By): Promise<void> {
  await db.transaction(async (tx) => {
    const d = await lockDraft(tx, schoolId, incidentId, draftId);
    await tx.delete(letterDrafts).where(eq(letterDrafts.id, d.id));
    await audit(tx, schoolId, by, 'letter.discard', incidentId, ['letter_drafts']);
  });
}

interface Rendered {
  pdf: Buffer;
  filename: string;
  text: LetterText;
  person: { id: string; kind: string; givenName: string; name: string; email: string | null };
  schoolName: string;
}

async function render(db: DbOrTx, d: Draft, at: Date): Promise<Rendered> {
  const [p] = await db.select().from(people).where(eq(people.id, d.personId));
  const [school] = await db.select({ name: schools.name }).from(schools).where(eq(schools.id, d.schoolId));
  const person = { id: p!.id, kind: p!.kind, givenName: p!.givenName, name: nameOf(p!), email: p!.email };
  const text: LetterText = { subject: d.subject, salutation: d.salutation, body: d.body, closing: d.closing };
  const footer = person.kind === 'student' || person.kind === 'guardian' ? 'Vertrouwelijk — leerlingdossier' : 'Vertrouwelijk — personeelsdossier';
  const pdf = await renderPdf(letterPdf({ ...text, schoolName: school!.name, addressee: addresseeLine(person), date: at, reference: reference(d.incidentId), footer }));
  const day = dutchDay(at);
  return { pdf, filename: `brief-${d.template.replace(/_/g, '-')}-${day}.pdf`, text, person, schoolName: school!.name };
}

/** A draft's template (to check who may send it before sending), or 404. */
export async function draftTemplate(db: AppDb, schoolId: string, incidentId: string, draftId: string): Promise<string> {
  const [d] = await db.select({ template: letterDrafts.template }).from(letterDrafts).where(and(eq(letterDrafts.id, draftId), eq(letterDrafts.incidentId, incidentId), eq(letterDrafts.schoolId, schoolId)));
  if (!d) throw draftNotFound();
  return d.template;
}

/** The draft as it would be sent (not stored, not filed). */
export async function previewDraft(db: AppDb, schoolId: string, incidentId: string, draftId: string, now: Date) {
  const [d] = await db.select().from(letterDrafts).where(and(eq(letterDrafts.id, draftId), eq(letterDrafts.incidentId, incidentId), eq(letterDrafts.schoolId, schoolId)));
  if (!d) throw draftNotFound();
  const r = await render(db, d, now);
  return { pdf: r.pdf, filename: `concept-${r.filename}` };
}

/** Who receives the notice e-mail: the employee or guardian themselves; for a student, their guardians at the school. */
async function addressees(tx: DbOrTx, schoolId: string, person: Rendered['person']) {
  if (person.kind !== 'student') return [{ name: person.name, email: person.email }];
  const rows = await tx
    .select({ givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, email: people.email })
    .from(guardianships)
    .innerJoin(people, eq(people.id, guardianships.guardianId))
    .where(and(eq(guardianships.studentId, person.id), eq(people.schoolId, schoolId)));
  return rows.map((g) => ({ name: nameOf(g), email: g.email }));
}

/**
 * Sends a draft: files the PDF in the right file(s), queues the notice e-mail(s) and files them,
 * records it in the case's log, removes the draft. Answers how many entries, mails, and
 * addressees without an e-mail address (they get the letter on paper only).
 */
export async function sendLetter(db: AppDb, schoolId: string, incidentId: string, draftId: string, by: By) {
  return db.transaction(async (tx) => {
    const row = await incidentAt(tx, schoolId, incidentId);
    const d = await lockDraft(tx, schoolId, row.id, draftId);
    if (!d.body.trim() || !d.subject.trim()) throw new HttpError(400, 'bad_request', 'A letter needs a subject and a text before it is sent.', [{ path: !d.subject.trim() ? '$.subject' : '$.body', message: 'empty' }]);
    const blanks = blanksLeft(d);
    if (blanks.length) {
      throw new HttpError(
        409,
        'blanks_left',
        `Vul eerst in wat tussen haken staat: ${blanks.join(', ')}. De brief is niet verstuurd. / Fill in the parts in brackets first: ${blanks.join(', ')}. The letter was not sent.`,
        (['subject', 'salutation', 'body', 'closing'] as const).flatMap((k) => blanksLeft({ subject: '', salutation: '', body: '', closing: '', [k]: d[k] }).map((b) => ({ path: `$.${k}`, message: `blank left: ${b}` }))),
      );
    }
    const r = await render(tx, d, by.now);
    const targets = await fileTargets(tx, schoolId, r.person.id, r.person.kind);
    if (!targets.length) throw new HttpError(409, 'no_file', 'This letter has no file to go in (a guardian without children at this school): it was not sent.');
    const day = dutchDay(by.now);
    const letters = await fileInto(tx, schoolId, targets, { incidentId: row.id, entryType: 'letter', title: `Brief: ${d.subject} (${day})`, body: letterText(r.text), createdBy: by.accountId, now: by.now });
    const sha256 = createHash('sha256').update(r.pdf).digest('hex');
    await tx
      .insert(fileDocuments)
      .values(letters.map((e) => ({ fileEntryId: e.id, schoolId, filename: r.filename, contentType: 'application/pdf', sizeBytes: r.pdf.length, sha256, bytes: r.pdf, createdAt: by.now })));
    const to = await addressees(tx, schoolId, r.person);
    let mailed = 0;
    for (const a of to) {
      if (!a.email) continue;
      const mail = letterNoticeMail({ to: a.email, name: a.name, schoolName: r.schoolName, subject: d.subject, aboutChild: r.person.kind === 'student' ? r.person.givenName : null });
      await enqueueMail(tx, mail, by.now);
      // The e-mail is correspondence of the case too: filed beside the letter (its Dutch text, no address).
      await fileInto(tx, schoolId, targets, { incidentId: row.id, entryType: 'email', title: `E-mail: bericht over de brief “${d.subject}” aan ${a.name} (${day})`, body: mail.text.split('\n\n— English below —')[0]!, createdBy: by.accountId, now: by.now });
      mailed += 1;
    }
    await tx.insert(incidentEvents).values({ incidentId: row.id, type: 'letter_sent', actorId: by.accountId, payload: { template: d.template, subject: d.subject, personId: r.person.id, filed: letters.length, mailed }, createdAt: by.now });
    await tx.delete(letterDrafts).where(eq(letterDrafts.id, d.id));
    await audit(tx, schoolId, by, 'letter.send', row.id, ['file_entries', 'file_documents', 'letter_drafts', 'incident_events', ...(mailed ? ['outbox'] : [])]);
    return { filed: letters.length, files: letters.map((e) => ({ entryId: e.id, personId: e.personId, fileKind: e.fileKind })), mailed, paperOnly: to.length - mailed };
  });
}
