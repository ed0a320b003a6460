// Incidents over HTTP (docs/incidents.md, section API):
//   POST /api/v1/schools/:schoolId/incidents                          report (any role at the school)
//   GET  /api/v1/schools/:schoolId/incidents/mine                     my reports
//   GET  /api/v1/schools/:schoolId/incidents                          the school's cases (readers)
//   GET  /api/v1/schools/:schoolId/incidents/people?q=                roster search for a case
//   GET  /api/v1/schools/:schoolId/incidents/:incidentId              the case view
//   GET  /api/v1/schools/:schoolId/incidents/:incidentId/reporter-view
//   POST /api/v1/schools/:schoolId/incidents/:incidentId/{transitions,assignment,deadline,notes,people,flags,steps,measures,qualification,police-decision}
//   POST /api/v1/schools/:schoolId/incidents/:incidentId/tasks/:taskId/close
//   GET  /api/v1/public/schools/:schoolId/incident-form                the public form (token)
//   POST /api/v1/public/schools/:schoolId/incidents                    report without sign-in
//   POST /api/v1/public/incident-receipts { receipt }                   follow it with the receipt (in the body:
//                                                                      never in a path, which access logs record)
import type { FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { schools } from '../../db/schema/index.ts';
import { canSeeReporterView, INCIDENT_READERS, incidentsPolicy, rolesAt } from '../../policies/index.ts';
import { holdsAny } from '../../policies/types.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { ModuleContext, RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';
import { mailerFor } from '../mail/mailer.ts';
import { parsePost } from '../posts/service.ts';
import { checkPost } from '../../engine/index.ts';
import { CATEGORIES, CATEGORY_LABELS, NO_IMAGES_CATEGORY } from './domain/categories.ts';
import type { Category } from './domain/categories.ts';
import { REMOVAL_OUTCOMES, STEP_KINDS } from './domain/measures.ts';
import { EVENTS, STATUSES } from './domain/state.ts';
import { checkFormToken, formTokenUse, issueFormToken, MIN_FILL_MS } from './public-form.ts';
import type { Ctx } from './service.ts';
import {
  addNote,
  addPerson,
  applyTransition,
  assign,
  caseView,
  closeTask,
  createIncident,
  decidePolice,
  findByReceipt,
  findReporterView,
  hashReceipt,
  imposeMeasure,
  listIncidents,
  myIncidents,
  newReceipt,
  qualify,
  recordStep,
  reporterView,
  searchPeople,
  setDeadline,
  setFlags,
} from './service.ts';

/** Public reports per address per 15 minutes; form and receipt look-ups per address per minute. */
export const PUBLIC_REPORTS_PER_IP = 5;
/** Signed-in reports per account per 10 minutes: plenty for people, a brake on a runaway script. */
export const REPORTS_PER_ACCOUNT = 60;
export const PUBLIC_READS_PER_IP_PER_MINUTE = 30;

const schoolParams = z.object({ schoolId: z.string().describe('the school’s id') });
const caseParams = schoolParams.extend({ incidentId: z.string().describe('the incident’s id') });
const taskParams = caseParams.extend({ taskId: z.string() });
const receiptBody = z.object({ receipt: z.string() });
const date = z.iso.date('a real date as YYYY-MM-DD');
const text = (max: number) => z.string().trim().min(1, 'required').max(max);
/** A link to the post: only http(s) (no data:, javascript: or other schemes). */
const link = z
  .url({ protocol: /^https?$/, error: 'a web address starting with http:// or https://' })
  .max(2000);
/** A data: URI (an image or file written out as text). */
const DATA_URI = /\bdata:(?:[\w.+-]+\/[\w.+-]+)?(?:;[\w.+=-]+)*,/i;
const personRef = z.object({ personId: z.uuid(), role: z.enum(['subject', 'affected', 'witness']) });

const reportBody = z.object({
  category: z.enum(CATEGORIES),
  text: text(10_000),
  link: link.optional(),
  people: z.array(personRef).max(50).optional(),
  attachments: z.array(z.unknown()).optional(),
});
const publicBody = z.object({
  formToken: z.string().min(1, 'reload the form'),
  website: z.string().optional(),
  category: z.enum(CATEGORIES),
  text: text(10_000),
  link: link.optional(),
  anonymous: z.boolean(),
  name: z.string().trim().max(200).optional(),
  contact: z.string().trim().max(200).optional(),
  attachments: z.array(z.unknown()).optional(),
});
const listQuery = z.object({ status: z.enum(STATUSES).optional(), mine: z.enum(['true', 'false']).optional() });
const searchQuery = z.object({ q: z.string().optional() });
const transitionBody = z.object({ event: z.enum(EVENTS), reason: z.string().trim().max(2000).optional(), outcome: z.string().trim().max(5000).optional() });
const assignmentBody = z.object({ accountId: z.uuid().nullable() });
const deadlineBody = z.object({ dueAt: z.iso.datetime({ offset: true }) });
const noteBody = z.object({ text: text(5000), visibility: z.enum(['internal', 'shareable']) });
const flagsBody = z.object({ plichtsverzuim: z.boolean().optional(), verwijtbaarGedrag: z.boolean().optional(), rationale: text(5000) });
const stepBody = z.object({ personId: z.uuid(), kind: z.enum(STEP_KINDS), on: date, note: z.string().trim().max(5000).optional() });
const measureBody = z.object({ personId: z.uuid(), kind: z.string().min(1), decidedOn: date.optional(), rationale: text(5000), days: z.number().int().optional(), removalOutcome: z.enum(REMOVAL_OUTCOMES).optional() });
const qualificationBody = z.object({ personId: z.uuid(), grensoverschrijdend: z.boolean(), rationale: text(5000) });
const closeBody = z.object({ call: z.unknown().optional(), report: z.unknown().optional() });
const policeBody = z.object({ report: z.boolean(), rationale: text(5000), reportedOn: date.optional(), policeReference: z.string().trim().max(200).optional() });

/** Refuses a data: URI in the text, for every category: an image is never stored, not even as text. */
function refuseDataUris(category: Category, reported: string): void {
  if (!DATA_URI.test(reported)) return;
  const message =
    category === NO_IMAGES_CATEGORY
      ? 'Never send sexual images of minors, not even as text: describe only what you saw and where. The school decides about a police report (D.6).'
      : 'The text holds an embedded file (a data: address): describe the post in words and give its link instead.';
  throw new HttpError(400, 'attachments_refused', message, [{ path: '$.text', message: 'no data: URIs' }]);
}

function refuseAttachments(category: Category, attachments: unknown[] | undefined): void {
  if (!attachments?.length) return;
  const message =
    category === NO_IMAGES_CATEGORY
      ? 'Never send sexual images of minors, not even to report them: describe only what you saw and where. The school decides about a police report (D.6).'
      : 'Attachments are not accepted yet: describe the post in the text and give its link.';
  throw new HttpError(400, 'attachments_refused', message, [{ path: '$.attachments', message }]);
}

/** The articles the check engine finds in the reported text, A.7 always first. */
export async function suggestArticles(ctx: ModuleContext, schoolId: string, reported: string): Promise<string[]> {
  const school = await ctx.schools.get(schoolId);
  const articles = new Set<string>(['A.7']);
  if (!school) return [...articles];
  // Reported to the school, the text is tied to it: `connections` keeps the scope rule (R.2) from
  // setting it aside (the connections rule itself reads only an employee's own list). Findings
  // that only inform (A.4's reminder that posts stay online) suggest nothing.
  const post = parsePost({ author: { role: 'other' }, situation: 'private', channel: { kind: 'personal' }, connections: ['reported'], text: reported.slice(0, ctx.maxTextLength) });
  for (const f of checkPost(school.prepared, post, { now: ctx.now() }).findings) if (f.severity !== 'info') articles.add(f.rule);
  return [...articles];
}

export const incidentRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const { mailer, publicUrl } = mailerFor(app, ctx);
  const c = (request: FastifyRequest): Ctx => ({ accountId: request.actor?.accountId ?? null, requestId: request.id, now: new Date(ctx.now()) });
  const refuse = async (request: FastifyRequest, message: string): Promise<never> => {
    await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
    throw new HttpError(403, 'not_yours', message);
  };
  const view = async (request: FastifyRequest) => {
    const { schoolId, incidentId } = request.params as z.infer<typeof caseParams>;
    const found = await caseView(db, schoolId, incidentId);
    if (!found) throw new HttpError(404, 'not_found', 'There is no such incident at this school.');
    return found;
  };
  const viewAfter = async (request: FastifyRequest, reply: FastifyReply, status = 200) => reply.code(status).send(await view(request));
  const ids = (request: FastifyRequest) => request.params as z.infer<typeof caseParams>;

  const perIp = (max: number, timeWindow: number) => ({ max, timeWindow, keyGenerator: (r: FastifyRequest) => `incidents:${r.ip}` });

  app.post('/api/v1/schools/:schoolId/incidents', {
    config: {
      access: incidentsPolicy.rule('report'),
      rateLimit: { max: REPORTS_PER_ACCOUNT, timeWindow: 10 * 60_000, keyGenerator: (r: FastifyRequest) => `incidents:account:${r.actor?.accountId ?? r.ip}` },
    },
    schema: {
      summary: 'Report a post or message',
      description:
        'Category, text, optional link and people involved (roster ids with their role). Answers 201; the articles the check engine finds in the text are stored on the case, and only those who read cases get them back (suggestedArticles). Attachments are refused (400 attachments_refused); for sexual_images_of_minors no image is ever accepted and the police decision (D.6) becomes a required step.',
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const body = parseBody(reportBody, request.body, 'report');
      refuseAttachments(body.category, body.attachments);
      refuseDataUris(body.category, body.text);
      const actor = request.actor!;
      const articles = await suggestArticles(ctx, schoolId, body.text);
      const row = await createIncident(
        db,
        schoolId,
        { source: 'signed_in', category: body.category, text: body.text, link: body.link, people: body.people, articles, reporterAccountId: actor.accountId, reporterPersonId: actor.schools.get(schoolId)?.personId ?? null },
        c(request),
      );
      // The articles are stored on the case; only those who read cases get them back. For anyone
      // else they would show whether the text names someone on the roster (A.2).
      const staff = holdsAny(actor, schoolId, INCIDENT_READERS);
      return reply
        .code(201)
        .send({ id: row.id, status: row.status, category: row.category, ...(staff ? { suggestedArticles: articles } : {}), policeDecisionRequired: row.policeDecisionRequired, createdAt: row.createdAt.toISOString() });
    },
  });

  app.get('/api/v1/schools/:schoolId/incidents/mine', {
    config: { access: incidentsPolicy.rule('mine') },
    schema: { summary: 'My reports', description: 'The cases I reported at this school, newest first.', params: schoolParams },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const rows = await myIncidents(db, schoolId, request.actor!.accountId);
      return { incidents: rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })) };
    },
  });

  app.get('/api/v1/schools/:schoolId/incidents', {
    config: { access: incidentsPolicy.rule('read') },
    schema: { summary: 'The school’s cases', description: 'Open cases first, by deadline. status= filters; mine=true: assigned to me.', params: schoolParams, querystring: listQuery },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const q = parseBody(listQuery, request.query, 'query');
      const rows = await listIncidents(db, schoolId, { status: q.status, assignedTo: q.mine === 'true' ? request.actor!.accountId : undefined });
      return { incidents: rows.map((r) => ({ ...r, dueAt: r.dueAt?.toISOString() ?? null, createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString() })) };
    },
  });

  app.get('/api/v1/schools/:schoolId/incidents/people', {
    config: { access: incidentsPolicy.rule('read') },
    schema: { summary: 'Search the roster for a case', description: 'At least 2 characters of a name; at most 20 active people.', params: schoolParams, querystring: searchQuery },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const q = (parseBody(searchQuery, request.query, 'query').q ?? '').trim();
      if (q.length < 2) throw new HttpError(400, 'bad_request', 'Type at least 2 characters of a name.', [{ path: '$.q', message: 'at least 2 characters' }]);
      return { people: await searchPeople(db, schoolId, q.slice(0, 100)) };
    },
  });

  app.get('/api/v1/schools/:schoolId/incidents/:incidentId', {
    config: { access: incidentsPolicy.rule('read') },
    schema: { summary: 'A case', description: 'Everything about the case: people with earlier incidents and a measure proposal, legal steps, measures, tasks, the event log and the allowed next steps.', params: caseParams },
    handler: async (request) => view(request),
  });

  app.get('/api/v1/schools/:schoolId/incidents/:incidentId/reporter-view', {
    config: { access: incidentsPolicy.rule('mine') },
    schema: { summary: 'A case as its reporter sees it', description: 'Status, status changes, shareable notes and the outcome; nothing confidential. Only the reporter (and those who read cases).', params: caseParams },
    handler: async (request) => {
      const { schoolId } = ids(request);
      const found = await findReporterView(db, schoolId, ids(request).incidentId);
      if (!found) throw new HttpError(404, 'not_found', 'There is no such incident at this school.');
      if (!canSeeReporterView(request.actor!, schoolId, found.reporterAccountId)) return refuse(request, 'You may follow only the cases you reported yourself.');
      return found.view();
    },
  });

  const write = <B extends z.ZodType>(
    path: string,
    action: 'handle' | 'decide' | 'qualify',
    summary: string,
    description: string,
    bodySchema: B,
    run: (request: FastifyRequest, body: z.infer<B>) => Promise<void>,
    created = false,
  ) =>
    app.post(`/api/v1/schools/:schoolId/incidents/:incidentId/${path}`, {
      config: { access: incidentsPolicy.rule(action) },
      schema: { summary, description, params: path.startsWith('tasks/') ? taskParams : caseParams },
      handler: async (request, reply) => {
        const body = parseBody(bodySchema, request.body, summary.toLowerCase());
        await run(request, body);
        return viewAfter(request, reply, created ? 201 : 200);
      },
    });

  write(
    'transitions',
    'handle',
    'Move a case',
    'event: triage, investigate, decide, close, dismiss (reason) or reopen (reason); outcome (decide, close, dismiss): a shareable note for the reporter in the same step. 409 transition_not_allowed, police_decision_required, open_tasks; 400 reason_required. A signed-in reporter gets an e-mail (no details) when the case is decided or closed.',
    transitionBody,
    async (r, b) => {
      if (await applyTransition(db, ids(r).schoolId, ids(r).incidentId, b.event, b.reason ?? null, c(r), { publicUrl: publicUrl(), outcome: b.outcome || undefined })) mailer.kick();
    },
  );
  write('assignment', 'handle', 'Assign a case', 'To an account that handles cases at this school, or null.', assignmentBody, (r, b) => assign(db, ids(r).schoolId, ids(r).incidentId, b.accountId, c(r)));
  write('deadline', 'handle', 'Set the deadline', 'Until the next status change, which sets its own.', deadlineBody, (r, b) => setDeadline(db, ids(r).schoolId, ids(r).incidentId, new Date(b.dueAt), c(r)));
  write('notes', 'handle', 'Add a note', 'internal: only those who handle the case; shareable: the reporter sees it too (after decide it is the outcome).', noteBody, (r, b) =>
    addNote(db, ids(r).schoolId, ids(r).incidentId, b.text, b.visibility, c(r)),
  );
  write('people', 'handle', 'Add a person', 'A person of the school’s roster as subject, affected or witness.', personRef, (r, b) => addPerson(db, ids(r).schoolId, ids(r).incidentId, b.personId, b.role, c(r)));
  write('flags', 'handle', 'Record D.1 or D.4', 'plichtsverzuim (an employee, D.1) or verwijtbaarGedrag (a student or guardian, D.4), with rationale.', flagsBody, (r, b) => setFlags(db, ids(r).schoolId, ids(r).incidentId, b, c(r)));
  write('steps', 'handle', 'Record a legal step', 'hearing, inspectie_report, inspectie_consulted or other_school_sought, for a person in the case.', stepBody, (r, b) => recordStep(db, ids(r).schoolId, ids(r).incidentId, b, c(r)));
  write(
    'measures',
    'decide',
    'Decide a measure',
    'From the person’s ladder (D.3 employees, D.5 students and guardians), about the subject of the case, by an allowed decider, after the required legal steps (a hearing). A student’s removal needs removalOutcome (other_school_found or eight_weeks_without_result, WPO art. 40). A student’s suspension of more than a day or removal creates the task to inform the Inspectie. 400 not_on_ladder, days_invalid or removal_outcome_required, 403 not_your_decision, 409 precondition_failed or wrong_status.',
    measureBody,
    async (r, b) => {
      try {
        await imposeMeasure(
          db,
          ids(r).schoolId,
          ids(r).incidentId,
          { personId: b.personId, kind: b.kind, decidedOn: b.decidedOn, removalOutcome: b.removalOutcome, rationale: b.rationale, days: b.days ?? null },
          rolesAt(r.actor, ids(r).schoolId),
          c(r),
        );
      } catch (e) {
        // A decision that is not theirs (a director's dismissal) is an object-level refusal: audited.
        if (e instanceof HttpError && e.error === 'not_your_decision') await auditRefusal(ctx.database, r, 'access.not_your_decision', r.actor!.accountId);
        throw e;
      }
    },
    true,
  );
  write('qualification', 'qualify', 'Qualify (D.2)', 'The board’s qualification of an employee’s communication; grensoverschrijdend: true creates the phone-report task.', qualificationBody, (r, b) => qualify(db, ids(r).schoolId, ids(r).incidentId, b, c(r)), true);
  write('police-decision', 'decide', 'Decide about a police report (D.6)', 'report yes/no with rationale; yes needs reportedOn and policeReference (400 police_details_required).', policeBody, (r, b) =>
    decidePolice(db, ids(r).schoolId, ids(r).incidentId, b, c(r)),
  );

  app.post('/api/v1/schools/:schoolId/incidents/:incidentId/tasks/:taskId/close', {
    config: { access: incidentsPolicy.rule('handle') },
    schema: {
      summary: 'Close a task with its record',
      description:
        'The D.2 phone report closes only with { call: { date, time, caller, reference, advice } } (400 call_record_required); the Inspectie notice after a student’s suspension of more than a day or removal with { report: { date, reference?, note? } } (400 report_record_required). Dates are real and not in the future.',
      params: taskParams,
    },
    handler: async (request, reply) => {
      const { schoolId, incidentId, taskId } = request.params as z.infer<typeof taskParams>;
      await closeTask(db, schoolId, incidentId, taskId, parseBody(closeBody, request.body ?? {}, 'request'), c(request));
      return viewAfter(request, reply);
    },
  });

  // ---- The public form ----------------------------------------------------------------------

  const schoolById = async (schoolId: string) => {
    const [s] = z.uuid().safeParse(schoolId).success ? await db.select({ id: schools.id, name: schools.name }).from(schools).where(eq(schools.id, schoolId)) : [];
    if (!s) throw new HttpError(404, 'not_found', 'There is no such school.');
    return s;
  };

  app.get('/api/v1/public/schools/:schoolId/incident-form', {
    config: { access: incidentsPolicy.rule('public_form'), rateLimit: perIp(PUBLIC_READS_PER_IP_PER_MINUTE, 60_000) },
    schema: { summary: 'The public report form', description: 'The school, the categories and a signed form token (send it with the report, not sooner than minSeconds later).', params: schoolParams },
    handler: async (request) => {
      const school = await schoolById((request.params as z.infer<typeof schoolParams>).schoolId);
      return {
        school,
        categories: CATEGORIES.map((code) => ({ code, label: CATEGORY_LABELS[code], noImages: code === NO_IMAGES_CATEGORY })),
        formToken: issueFormToken(school.id, ctx.now()),
        minSeconds: MIN_FILL_MS / 1000,
      };
    },
  });

  app.post('/api/v1/public/schools/:schoolId/incidents', {
    config: { access: incidentsPolicy.rule('public_report'), rateLimit: perIp(PUBLIC_REPORTS_PER_IP, 15 * 60_000) },
    schema: {
      summary: 'Report without signing in',
      description: `With the form token of the public form, the honeypot field website left empty, optionally anonymous. Answers 201 with a receipt code to follow the case. 400 spam_suspected, form_expired, attachments_refused; 409 form_used (each form token sends one report); ${PUBLIC_REPORTS_PER_IP} reports per address per 15 minutes (429).`,
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const school = await schoolById((request.params as z.infer<typeof schoolParams>).schoolId);
      const body = parseBody(publicBody, request.body, 'report');
      if (body.website?.trim()) throw new HttpError(400, 'spam_suspected', 'The report looks automated and was not accepted.');
      const problem = checkFormToken(body.formToken, school.id, ctx.now());
      if (problem === 'form_expired') throw new HttpError(400, 'form_expired', 'The form has expired: reload the page and send your report again.');
      if (problem === 'spam_suspected') throw new HttpError(400, 'spam_suspected', 'The report was sent too quickly after opening the form: take a moment and send it again.');
      refuseAttachments(body.category, body.attachments);
      refuseDataUris(body.category, body.text);
      if (!body.anonymous && (!body.name || !body.contact)) {
        const issues = [...(body.name ? [] : [{ path: '$.name', message: 'required unless anonymous' }]), ...(body.contact ? [] : [{ path: '$.contact', message: 'required unless anonymous' }])];
        throw new HttpError(400, 'bad_request', 'Give your name and how to reach you, or report anonymously.', issues);
      }
      const receipt = newReceipt();
      const articles = await suggestArticles(ctx, school.id, body.text);
      await createIncident(
        db,
        school.id,
        { source: 'public', category: body.category, text: body.text, link: body.link, articles, anonymous: body.anonymous, reporterName: body.name, reporterContact: body.contact, receiptHash: hashReceipt(receipt), formToken: formTokenUse(body.formToken) },
        c(request),
      );
      // No articles in the reply: they would tell whether the text names someone on the roster.
      return reply.code(201).send({ receipt, status: 'reported' });
    },
  });

  const byReceipt = async (receipt: string) => {
    const row = receipt.length >= 16 && receipt.length <= 64 ? await findByReceipt(db, receipt) : null;
    if (!row) throw new HttpError(404, 'not_found', 'There is no report with this receipt code.');
    return reporterView(db, row);
  };

  // The code only in the body: it stays out of access logs, which record paths. There is no GET.
  app.post('/api/v1/public/incident-receipts', {
    config: { access: incidentsPolicy.rule('public_status'), rateLimit: perIp(PUBLIC_READS_PER_IP_PER_MINUTE, 60_000) },
    schema: { summary: 'Follow a public report', description: 'The reporter’s view of the case with this receipt code: { receipt }.' },
    handler: async (request) => byReceipt(parseBody(receiptBody, request.body, 'request').receipt.trim()),
  });
};
