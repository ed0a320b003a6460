// The consent registry over HTTP (docs/consent.md):
//   GET  /api/v1/schools/:schoolId/consents?schoolYear=&group=     overview per group
//   GET  /api/v1/schools/:schoolId/consents/mine                   the people I decide for
//   GET  /api/v1/schools/:schoolId/people/:personId/consents       current and history
//   POST /api/v1/schools/:schoolId/people/:personId/consents       give, refuse or revoke
//   GET  /api/v1/schools/:schoolId/consent-channels                the school's channels
//   POST /api/v1/schools/:schoolId/consent-channels                add one { code, name }
//   GET  /api/v1/schools/:schoolId/takedowns                       open takedown tasks
//   POST /api/v1/schools/:schoolId/takedowns/:taskId/done          the post was taken down
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { canReadPerson, canRecordConsent, consentPolicy, holdsAny } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';
import { myConsentPeople } from './mine.ts';
import { markAnsweredInApp } from './round.ts';
import { MEDIA_KINDS, schoolYearOf, STANDARD_CHANNELS } from './rules.ts';
import {
  addChannel,
  childrenOf,
  completeTakedown,
  consentHistory,
  consentOverview,
  ConsentError,
  currentConsents,
  openTakedowns,
  recordConsents,
  schoolChannelNames,
} from './service.ts';

const schoolParams = z.object({ schoolId: z.string() });
const personParams = schoolParams.extend({ personId: z.string() });
const taskParams = schoolParams.extend({ taskId: z.string() });
const overviewQuery = z.object({
  schoolYear: z.string().optional().describe('e.g. 2026-2027; default: the current school year'),
  group: z.string().optional().describe('one group, e.g. 5b'),
});
const schoolYear = z.string().regex(/^\d{4}-\d{4}$/, 'a school year such as 2026-2027');
const date = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD');
export const choiceBody = z.object({
  channel: z.string().min(1),
  media: z.array(z.enum(MEDIA_KINDS)).min(1, 'name at least one media kind'),
  schoolYear: schoolYear.optional(),
  status: z.enum(['granted', 'refused', 'revoked']),
  validFrom: date.optional(),
  validUntil: date.optional(),
  note: z.string().max(500).optional(),
  /** Only when recording on behalf of someone: the person who decided, and how they answered. */
  givenBy: z.uuid().optional(),
  method: z.enum(['form', 'paper']).optional(),
});
const channelBody = z.object({ code: z.string().min(1).max(40), name: z.string().trim().min(1).max(100) });

const uuid = z.uuid();

export function consentErrorToHttp(e: unknown): never {
  if (e instanceof ConsentError) throw new HttpError(400, 'invalid_consent', e.message, [{ path: e.path, message: e.message }]);
  throw e;
}

export const consentRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const now = () => new Date(ctx.now());
  const myChildren = async (request: FastifyRequest, schoolId: string) => {
    const me = request.actor!.schools.get(schoolId)?.personId;
    return me ? childrenOf(db, me) : new Set<string>();
  };
  const refuse = async (request: FastifyRequest, message: string): Promise<never> => {
    await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
    throw new HttpError(403, 'not_yours', message);
  };

  app.get('/api/v1/schools/:schoolId/consents', {
    config: { access: consentPolicy.rule('overview') },
    schema: { summary: 'Consent overview per group', description: 'Per student and channel × media kind: granted, refused, revoked or no_answer; counts per group.', params: schoolParams, querystring: overviewQuery },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const q = request.query as z.infer<typeof overviewQuery>;
      return consentOverview(db, schoolId, q.schoolYear ?? schoolYearOf(now().toISOString().slice(0, 10)), q.group);
    },
  });

  app.get('/api/v1/schools/:schoolId/consents/mine', {
    config: { access: consentPolicy.rule('mine') },
    schema: {
      summary: 'The people I decide for',
      description:
        'For a guardian their children at this school, for a student or employee themselves: name, group, who decides now (decides: may I record a choice), the current consents of the school year (channels × media kinds) and the history, newest first.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const actor = request.actor!;
      const today = now().toISOString().slice(0, 10);
      return myConsentPeople(db, schoolId, { personId: actor.schools.get(schoolId)?.personId ?? null, guardian: holdsAny(actor, schoolId, ['guardian']) }, { today, schoolYear: schoolYearOf(today) });
    },
  });

  app.get('/api/v1/schools/:schoolId/people/:personId/consents', {
    config: { access: consentPolicy.rule('read') },
    schema: { summary: 'A person’s consents', description: 'The current state per channel, media kind and school year, and every event (oldest first).', params: personParams },
    handler: async (request) => {
      const { schoolId, personId } = request.params as z.infer<typeof personParams>;
      if (!canReadPerson(request.actor!, schoolId, personId, await myChildren(request, schoolId))) await refuse(request, 'You may only see the consents of your own children (or your own).');
      if (!uuid.safeParse(personId).success) throw new HttpError(404, 'not_found', 'There is no such person at this school.');
      const current = (await currentConsents(db, schoolId, [personId])).get(personId) ?? [];
      return { personId, current, history: await consentHistory(db, schoolId, personId) };
    },
  });

  app.post('/api/v1/schools/:schoolId/people/:personId/consents', {
    config: { access: consentPolicy.rule('record') },
    schema: {
      summary: 'Give, refuse or revoke consent',
      description:
        'For yourself (students from 16), or for your own child under 16. The director and communication officer may record a paper or form answer with givenBy and method. A revocation takes effect at once and lists published posts that show the person as takedown tasks.',
      params: personParams,
    },
    handler: async (request, reply) => {
      const { schoolId, personId } = request.params as z.infer<typeof personParams>;
      const body = parseBody(choiceBody, request.body, 'consent');
      const actor = request.actor!;
      const as = canRecordConsent(actor, schoolId, personId, await myChildren(request, schoolId));
      if (!as) return refuse(request, 'You may only decide about your own photos, film and sound, or those of your own child under 16.');
      const me = actor.schools.get(schoolId)?.personId ?? null;
      let givenBy: string;
      let method: 'portal' | 'form' | 'paper';
      if (as === 'manager' || (body.givenBy && body.givenBy !== me)) {
        if (as !== 'manager') return refuse(request, 'Only the director or the communication officer records an answer on behalf of someone else.');
        if (!body.givenBy || !body.method) throw new HttpError(400, 'invalid_consent', 'Recording on behalf of someone needs givenBy (who decided) and method (form or paper).', [{ path: body.givenBy ? '$.method' : '$.givenBy', message: 'required when recording on behalf of someone' }]);
        givenBy = body.givenBy;
        method = body.method;
      } else {
        givenBy = me!;
        method = 'portal';
      }
      const year = body.schoolYear ?? schoolYearOf(now().toISOString().slice(0, 10));
      const result = await db
        .transaction(async (tx) => {
          const recorded = await recordConsents(
            tx,
            [{ personId, channel: body.channel, media: body.media, schoolYear: year, status: body.status, givenBy, method, note: body.note ?? null, ...(body.validFrom ? { validFrom: body.validFrom } : {}), ...(body.validUntil ? { validUntil: body.validUntil } : {}) }],
            { schoolId, recordedBy: actor.accountId, actor: actor.accountId, requestId: request.id, now: now() },
          );
          // An answer in the app counts for the year's round too: no reminder for who answered here.
          if (method === 'portal') await markAnsweredInApp(tx, schoolId, year, givenBy, now());
          return recorded;
        })
        .catch(consentErrorToHttp);
      return reply.code(201).send(result);
    },
  });

  app.get('/api/v1/schools/:schoolId/consent-channels', {
    config: { access: consentPolicy.rule('channels') },
    schema: { summary: 'The school’s consent channels', params: schoolParams },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const names = await schoolChannelNames(db, schoolId);
      return { standard: STANDARD_CHANNELS, own: [...names.keys()].sort(), names: Object.fromEntries(names) };
    },
  });

  app.post('/api/v1/schools/:schoolId/consent-channels', {
    config: { access: consentPolicy.rule('manage') },
    schema: { summary: 'Add a consent channel', description: 'A channel of the school’s own (a school app, a class blog); posts name it in channel.platform.', params: schoolParams },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const body = parseBody(channelBody, request.body, 'channel');
      await addChannel(db, schoolId, body, { actor: request.actor!.accountId, requestId: request.id, now: now() }).catch(consentErrorToHttp);
      return reply.code(201).send({ code: body.code.trim().toLowerCase(), name: body.name });
    },
  });

  app.get('/api/v1/schools/:schoolId/takedowns', {
    config: { access: consentPolicy.rule('manage') },
    schema: { summary: 'Open takedown tasks', description: 'Published posts that show a person whose consent was revoked or refused.', params: schoolParams },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { tasks: await openTakedowns(db, schoolId) };
    },
  });

  app.post('/api/v1/schools/:schoolId/takedowns/:taskId/done', {
    config: { access: consentPolicy.rule('manage') },
    schema: { summary: 'Complete a takedown task', description: 'The post was taken down: the task closes and the post becomes withdrawn.', params: taskParams },
    handler: async (request) => {
      const { schoolId, taskId } = request.params as z.infer<typeof taskParams>;
      const ok = uuid.safeParse(taskId).success && (await completeTakedown(db, schoolId, taskId, { accountId: request.actor!.accountId, requestId: request.id, now: now() }));
      if (!ok) throw new HttpError(404, 'not_found', 'There is no open takedown task with this id.');
      return { id: taskId, status: 'done' };
    },
  });
};
