// The data-breach register over HTTP (docs/breaches.md, docs/api.md):
//   POST /api/v1/schools/:schoolId/breaches                                    report a possible breach (staff)
//   GET  /api/v1/schools/:schoolId/breaches?status=                            the register (FG, board)
//   GET  /api/v1/schools/:schoolId/breaches/:breachId                          one entry with its history
//   PUT  /api/v1/schools/:schoolId/breaches/:breachId                          complete or correct the facts (FG)
//   POST /api/v1/schools/:schoolId/breaches/:breachId/assessment               the FG's assessment and decision
//   POST /api/v1/schools/:schoolId/breaches/:breachId/authority-notification   the notification to the AP
//   POST /api/v1/schools/:schoolId/breaches/:breachId/people-notification      inform the people concerned by e-mail
//   POST /api/v1/schools/:schoolId/breaches/:breachId/close                    close the entry
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { BREACH_OFFICERS, breachesPolicy, holdsAny } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';
import { mailerFor } from '../mail/mailer.ts';
import {
  assessBreach,
  BREACH_KINDS,
  BreachError,
  breachDetail,
  closeBreach,
  findBreach,
  informPeople,
  listBreaches,
  recordAuthorityNotification,
  reportPossibleBreach,
  RISKS,
  updateFacts,
} from './service.ts';

const schoolParams = z.object({ schoolId: z.string() });
const breachParams = schoolParams.extend({ breachId: z.string() });
const listQuery = z.object({ status: z.enum(['possible', 'registered', 'no_breach', 'closed']).optional() });

/** An instant with its offset (or Z), e.g. 2026-10-23T15:00:00+02:00. */
const instant = z.iso.datetime({ offset: true, message: 'a date and time with its offset, e.g. 2026-10-23T15:00:00+02:00' }).transform((s) => new Date(s));
const text = (max: number) => z.string().trim().max(max);
const uuidList = z.array(z.uuid()).max(500);

const reportBody = z.object({
  kind: z.enum(BREACH_KINDS),
  title: text(200).min(3, 'give a short title (at least 3 characters)'),
  description: text(5000).min(10, 'describe what happened (at least 10 characters)'),
  discoveredAt: instant.optional(),
  peopleIds: uuidList.optional(),
  approxPeople: z.number().int().min(0).max(1_000_000).optional(),
  dataCategories: z.array(text(100).min(1)).max(20).optional(),
});
const factsBody = z.object({
  kind: z.enum(BREACH_KINDS).optional(),
  title: text(200).min(3).optional(),
  description: text(5000).optional(),
  discoveredAt: instant.optional(),
  dataCategories: z.array(text(100).min(1)).max(20).optional(),
  approxPeople: z.number().int().min(0).max(1_000_000).nullable().optional(),
  peopleIds: uuidList.optional(),
  consequences: text(5000).optional(),
  measures: text(5000).optional(),
  schoolIds: z.array(z.uuid()).min(1).max(50).optional(),
});
const assessmentBody = z.object({
  isBreach: z.boolean(),
  risk: z.enum(RISKS).optional(),
  rationale: text(5000).min(10, 'give the rationale of the decision (at least 10 characters)'),
  notifyAuthority: z.boolean().optional(),
  informPeople: z.boolean().optional(),
  noInformReason: text(2000).optional(),
});
const notificationBody = z.object({
  notifiedAt: instant,
  reference: text(100).min(1, 'give the AP’s reference number'),
  lateReason: text(2000).optional(),
});
// Art. 34(2): what happened, the likely consequences and the measures, in plain words written for
// the people concerned (not copied from the register, which may name others), and the FG's contact.
const informBody = z.object({
  messageNl: text(5000).min(10, 'write what happened, in Dutch (at least 10 characters)'),
  messageEn: text(5000).min(10, 'write what happened, in English (at least 10 characters)'),
  consequencesNl: text(5000).min(3, 'write the likely consequences, in Dutch'),
  consequencesEn: text(5000).min(3, 'write the likely consequences, in English'),
  measuresNl: text(5000).min(3, 'write what was done about it, in Dutch'),
  measuresEn: text(5000).min(3, 'write what was done about it, in English'),
  contact: text(300).min(3, 'say how to reach the data-protection officer'),
});
const closeBody = z.object({ note: text(2000).default('') });

const uuid = z.uuid();

function breachErrorToHttp(e: unknown): never {
  if (e instanceof BreachError) {
    if (e.status === 409) throw new HttpError(409, 'conflict', e.message, e.path === '$' ? undefined : [{ path: e.path, message: e.message }]);
    throw new HttpError(400, 'invalid_breach', e.message, [{ path: e.path, message: e.message }]);
  }
  throw e;
}

export const breachRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const now = () => new Date(ctx.now());
  const { mailer } = mailerFor(app, ctx);
  const by = (request: FastifyRequest) => ({ actor: request.actor!.accountId, accountId: request.actor!.accountId, requestId: request.id, now: now() });

  /** The entry of the URL, if it concerns the school of the request (else 404, or 403 not_yours). */
  const load = async (request: FastifyRequest) => {
    const { schoolId, breachId } = request.params as z.infer<typeof breachParams>;
    if (!uuid.safeParse(breachId).success) throw new HttpError(404, 'not_found', 'There is no such entry in the breach register.');
    const row = await findBreach(db, schoolId, breachId);
    if (row === 'missing') throw new HttpError(404, 'not_found', 'There is no such entry in the breach register.');
    if (row === 'elsewhere') {
      await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
      throw new HttpError(403, 'not_yours', 'This entry does not concern this school: open it through a school it concerns.');
    }
    return { schoolId, row };
  };
  const detail = async (schoolId: string, breachId: string) => {
    const row = await findBreach(db, schoolId, breachId);
    if (typeof row === 'string') throw new HttpError(404, 'not_found', 'There is no such entry in the breach register.');
    return breachDetail(db, row, now());
  };

  app.post('/api/v1/schools/:schoolId/breaches', {
    config: { access: breachesPolicy.rule('report') },
    schema: {
      summary: 'Report a possible data breach',
      description: 'Anyone on the staff: what happened, when it was noticed (default: now; the 72 hours start then), the kind, optionally who is concerned. The FG assesses it.',
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const body = parseBody(reportBody, request.body, 'report');
      const id = await reportPossibleBreach(db, schoolId, body, by(request)).catch(breachErrorToHttp);
      return reply.code(201).send({ id, status: 'possible' });
    },
  });

  app.get('/api/v1/schools/:schoolId/breaches', {
    config: { access: breachesPolicy.rule('read') },
    schema: { summary: 'The breach register', description: 'Every entry that concerns the school, open ones first, with the 72-hour deadline (time left, overdue, notified).', params: schoolParams, querystring: listQuery },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const q = request.query as z.infer<typeof listQuery>;
      return { breaches: await listBreaches(db, schoolId, now(), q.status), canManage: holdsAny(request.actor!, schoolId, BREACH_OFFICERS) };
    },
  });

  app.get('/api/v1/schools/:schoolId/breaches/:breachId', {
    config: { access: breachesPolicy.rule('read') },
    schema: { summary: 'One entry of the breach register', description: 'The entry, its deadline, the people concerned and its whole history (oldest first).', params: breachParams },
    handler: async (request) => {
      const { row } = await load(request);
      return breachDetail(db, row, now());
    },
  });

  app.put('/api/v1/schools/:schoolId/breaches/:breachId', {
    config: { access: breachesPolicy.rule('manage') },
    schema: { summary: 'Complete or correct an entry', description: 'The FG: any of the facts (kind, title, description, discoveredAt, data categories, number and ids of people, consequences, measures, schools concerned). Recorded in the history.', params: breachParams },
    handler: async (request) => {
      const { schoolId, row } = await load(request);
      const body = parseBody(factsBody, request.body, 'entry');
      const actor = request.actor!;
      // Sharing an entry with a school (or keeping it shared) is for someone who is FG there too:
      // anyone else is refused as for an entry that is not theirs, and the refusal is audited.
      if (body.schoolIds && [row.schoolId, ...body.schoolIds].some((s) => !holdsAny(actor, s, BREACH_OFFICERS))) {
        await auditRefusal(ctx.database, request, 'access.not_yours', actor.accountId);
        throw new HttpError(403, 'not_yours', 'You may share an entry only between schools where you are the data-protection officer.', [{ path: '$.schoolIds', message: 'not the data-protection officer of every school named, or of the school whose register holds the entry' }]);
      }
      await updateFacts(db, schoolId, row.id, body, by(request), (s) => holdsAny(actor, s, BREACH_OFFICERS)).catch(breachErrorToHttp);
      return detail(schoolId, row.id);
    },
  });

  app.post('/api/v1/schools/:schoolId/breaches/:breachId/assessment', {
    config: { access: breachesPolicy.rule('manage') },
    schema: {
      summary: 'Assess an entry and decide',
      description: 'isBreach; risk none/low (register only), risk (notify the AP within 72 hours), high (also inform the people concerned, or give noInformReason under art. 34(3)); rationale.',
      params: breachParams,
    },
    handler: async (request) => {
      const { schoolId, row } = await load(request);
      const body = parseBody(assessmentBody, request.body, 'assessment');
      await assessBreach(db, schoolId, row.id, body, by(request)).catch(breachErrorToHttp);
      return detail(schoolId, row.id);
    },
  });

  app.post('/api/v1/schools/:schoolId/breaches/:breachId/authority-notification', {
    config: { access: breachesPolicy.rule('manage') },
    schema: { summary: 'Record the notification to the AP', description: 'When it was made and the AP’s reference; after the 72 hours also lateReason.', params: breachParams },
    handler: async (request) => {
      const { schoolId, row } = await load(request);
      const body = parseBody(notificationBody, request.body, 'notification');
      await recordAuthorityNotification(db, schoolId, row.id, body, by(request)).catch(breachErrorToHttp);
      return detail(schoolId, row.id);
    },
  });

  app.post('/api/v1/schools/:schoolId/breaches/:breachId/people-notification', {
    config: { access: breachesPolicy.rule('manage') },
    schema: {
      summary: 'Inform the people concerned',
      description: 'An e-mail (Dutch, then English) with what happened, the likely consequences, the measures taken and the FG’s contact (art. 34(2)), written for them, to each person concerned with an address on file, or for a child under 16 to their parents or guardians; answers who was reached and who could not be.',
      params: breachParams,
    },
    handler: async (request) => {
      const { schoolId, row } = await load(request);
      const body = parseBody(informBody, request.body, 'message');
      const result = await informPeople(db, schoolId, row.id, { message: { nl: body.messageNl, en: body.messageEn }, consequences: { nl: body.consequencesNl, en: body.consequencesEn }, measures: { nl: body.measuresNl, en: body.measuresEn }, contact: body.contact }, by(request)).catch(breachErrorToHttp);
      mailer.kick();
      return result;
    },
  });

  app.post('/api/v1/schools/:schoolId/breaches/:breachId/close', {
    config: { access: breachesPolicy.rule('manage') },
    schema: { summary: 'Close an entry', description: 'Once what the decision asks (AP notification, informing people) is on record.', params: breachParams },
    handler: async (request) => {
      const { schoolId, row } = await load(request);
      const body = parseBody(closeBody, request.body, 'closing');
      await closeBreach(db, schoolId, row.id, body.note, by(request)).catch(breachErrorToHttp);
      return detail(schoolId, row.id);
    },
  });
};
