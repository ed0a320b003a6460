// The yearly consent round and the consent link:
//   GET  /api/v1/schools/:schoolId/consent-rounds                   the school's rounds, with counts
//   POST /api/v1/schools/:schoolId/consent-rounds                   open { schoolYear, channels?, media? }
//   GET  /api/v1/schools/:schoolId/consent-rounds/:roundId          who answered
//   POST /api/v1/schools/:schoolId/consent-rounds/:roundId/reminders  a new link for who has not answered
//   POST /api/v1/consent-link/view    { token }            what the consent page shows
//   POST /api/v1/consent-link/answer  { token, choices }   record the answers
//   GET  /toestemming                 the consent page (the token in the URL fragment)
import { z } from 'zod';
import { consentPolicy, systemPolicy } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { mailerFor } from '../mail/mailer.ts';
import { CONSENT_PAGE_CSS, CONSENT_PAGE_HTML, CONSENT_PAGE_JS } from './page.ts';
import { answerLink, InvalidLinkError, linkView, listRounds, openRound, remind, roundStatus } from './round.ts';
import { consentErrorToHttp } from './routes.ts';
import { MEDIA_KINDS } from './rules.ts';

const schoolParams = z.object({ schoolId: z.string() });
const roundParams = schoolParams.extend({ roundId: z.string() });
const openBody = z.object({
  schoolYear: z.string().regex(/^\d{4}-\d{4}$/, 'a school year such as 2026-2027'),
  channels: z.array(z.string().min(1)).min(1).optional(),
  media: z.array(z.enum(MEDIA_KINDS)).min(1).optional(),
});
const viewBody = z.object({ token: z.string().min(1).max(200) });
const answerBody = viewBody.extend({
  choices: z
    .array(z.object({ personId: z.uuid(), channel: z.string().min(1), media: z.enum(MEDIA_KINDS), status: z.enum(['granted', 'refused', 'revoked']) }))
    .min(1, 'give at least one choice')
    .max(500),
});
const uuid = z.uuid();

/** Consent-link requests per IP address per minute: enough for a family, too few to guess tokens. */
export const CONSENT_LINK_PER_IP_PER_MINUTE = 60;

const PAGE_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

export const consentRoundRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const { mailer, publicUrl } = mailerFor(app, ctx);
  const now = () => new Date(ctx.now());
  const linkError = (e: unknown): never => {
    if (e instanceof InvalidLinkError) throw new HttpError(400, 'invalid_link', e.message);
    return consentErrorToHttp(e);
  };
  const rateLimit = { max: CONSENT_LINK_PER_IP_PER_MINUTE, timeWindow: 60_000 };

  app.get('/api/v1/schools/:schoolId/consent-rounds', {
    config: { access: consentPolicy.rule('manage') },
    schema: { summary: 'The school’s consent rounds', description: 'Newest school year first: the channels and media kinds asked about, how many responders were asked and how many answered.', params: schoolParams },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { rounds: await listRounds(db, schoolId) };
    },
  });

  app.post('/api/v1/schools/:schoolId/consent-rounds', {
    config: { access: consentPolicy.rule('manage') },
    schema: { summary: 'Open the yearly consent round', description: 'Every guardian of a student under 16, and every student from 16, gets an e-mail with a link of their own to the consent page.', params: schoolParams },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const body = parseBody(openBody, request.body, 'round');
      const result = await openRound(db, { schoolId, schoolYear: body.schoolYear, ...(body.channels ? { channels: body.channels } : {}), ...(body.media ? { media: body.media } : {}), openedBy: request.actor!.accountId, requestId: request.id, now: now(), publicUrl: publicUrl() }).catch(consentErrorToHttp);
      if (result.mailed) mailer.kick();
      return reply.code(201).send(result);
    },
  });

  app.get('/api/v1/schools/:schoolId/consent-rounds/:roundId', {
    config: { access: consentPolicy.rule('manage') },
    schema: { summary: 'Who answered the round', params: roundParams },
    handler: async (request) => {
      const { schoolId, roundId } = request.params as z.infer<typeof roundParams>;
      const status = uuid.safeParse(roundId).success ? await roundStatus(db, schoolId, roundId) : null;
      if (!status) throw new HttpError(404, 'not_found', 'There is no such consent round at this school.');
      return status;
    },
  });

  app.post('/api/v1/schools/:schoolId/consent-rounds/:roundId/reminders', {
    config: { access: consentPolicy.rule('manage') },
    schema: { summary: 'Remind who has not answered', description: 'A new link for every responder without an answer who was not asked in the last 24 hours.', params: roundParams },
    handler: async (request) => {
      const { schoolId, roundId } = request.params as z.infer<typeof roundParams>;
      const result = uuid.safeParse(roundId).success ? await remind(db, { schoolId, roundId, by: request.actor!.accountId, requestId: request.id, now: now(), publicUrl: publicUrl() }) : null;
      if (!result) throw new HttpError(404, 'not_found', 'There is no such consent round at this school.');
      if (result.sent) mailer.kick();
      return result;
    },
  });

  app.post('/api/v1/consent-link/view', {
    config: { access: consentPolicy.rule('respond'), rateLimit },
    schema: { summary: 'What a consent link shows', description: 'The school, the school year, the channels and kinds asked about, and per child the current choices.' },
    handler: async (request) => linkView(db, parseBody(viewBody, request.body).token, now()).catch(linkError),
  });

  app.post('/api/v1/consent-link/answer', {
    config: { access: consentPolicy.rule('respond'), rateLimit },
    schema: { summary: 'Answer through a consent link', description: 'Records the choices as the person the link was sent to; a revocation lists published posts as takedown tasks.' },
    handler: async (request) => {
      const body = parseBody(answerBody, request.body, 'answer');
      return answerLink(db, body.token, body.choices, { now: now(), requestId: request.id }).catch(linkError);
    },
  });

  const page = { access: systemPolicy.rule('page') };
  app.get('/toestemming', { config: page, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/html; charset=utf-8').header('content-security-policy', PAGE_CSP).send(CONSENT_PAGE_HTML),
  );
  app.get('/toestemming.js', { config: page, schema: { hide: true } }, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(CONSENT_PAGE_JS));
  app.get('/toestemming.css', { config: page, schema: { hide: true } }, async (_request, reply) => reply.type('text/css; charset=utf-8').send(CONSENT_PAGE_CSS));
};
