// The protocol in the app (docs/protocol-versions.md, docs/api.md):
//   GET  /api/v1/schools/:schoolId/protocol                                   articles by chapter, current version, history, my confirmation
//   POST /api/v1/schools/:schoolId/protocol/versions?version=&adoptedOn=&summary=&fileName=
//                                                                             publish a version (the PDF is the body; board only)
//   GET  /api/v1/schools/:schoolId/protocol/versions/:versionId/document      the official document (PDF)
//   POST /api/v1/schools/:schoolId/protocol/acknowledgements  { versionId }   confirm the current version (staff)
//   GET  /api/v1/schools/:schoolId/protocol/acknowledgements                  who confirmed and who has not
//   POST /api/v1/schools/:schoolId/protocol/reminders  { personId? }          remind all who have not, or one
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { protocolsPolicy } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { sendDownload } from '../../server/download.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { mailerFor } from '../mail/mailer.ts';
import { acknowledge, acknowledgementOverview, documentOf, MAX_DOCUMENT_BYTES, ProtocolError, protocolPage, publishVersion, remindEmployees } from './service.ts';

const params = z.object({ schoolId: z.string() });
const versionParams = params.extend({ versionId: z.string() });
const publishQuery = z.object({
  version: z.string().trim().min(1, 'give the version a label, such as 2026-1').max(40).regex(/^[\p{L}\p{N}][\p{L}\p{N} ._/-]*$/u, 'letters, digits, spaces, dots, dashes and slashes only'),
  adoptedOn: z.iso.date('the date the board adopted it, as YYYY-MM-DD'),
  summary: z.string().trim().max(1000, 'at most 1000 characters').optional(),
  fileName: z.string().max(200).optional(),
});
const ackBody = z.object({ versionId: z.string().min(1) });
const remindBody = z.object({ personId: z.uuid('an employee id').optional() });

const MB = MAX_DOCUMENT_BYTES / (1024 * 1024);

function toHttp(e: unknown): never {
  if (e instanceof ProtocolError) throw new HttpError(e.status, e.code, e.message, e.path ? [{ path: e.path, message: e.message }] : undefined);
  throw e;
}

export const protocolRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const { mailer, publicUrl } = mailerFor(app, ctx);
  const now = () => new Date(ctx.now());

  app.get('/api/v1/schools/:schoolId/protocol', {
    config: { access: protocolsPolicy.rule('view') },
    schema: { summary: 'The board’s protocol at the school', description: 'The articles by chapter in Postwijzer’s own wording, the current version with its document, the version history, and whether the signed-in person has confirmed the current version.', params },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof params>;
      return protocolPage(db, request.actor!, schoolId).catch(toHttp);
    },
  });

  await app.register(async (scope) => {
    scope.addContentTypeParser(['application/pdf', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_DOCUMENT_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler(async (err: FastifyError, _request, reply) => {
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return reply.code(413).send({ error: 'payload_too_large', message: `The document is too large: at most ${MB} MB is accepted.` });
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') return reply.code(415).send({ error: 'unsupported_media_type', message: 'Send the PDF itself as the body, with Content-Type application/pdf.' });
      throw err;
    });
    scope.post('/api/v1/schools/:schoolId/protocol/versions', {
      config: { access: protocolsPolicy.rule('publish') },
      bodyLimit: MAX_DOCUMENT_BYTES,
      schema: {
        summary: 'Publish a new version of the protocol',
        description: `The official document (PDF, at most ${MB} MB) is the body, with Content-Type application/pdf; the label, the adoption date and a short summary of what changed are query parameters. The new version becomes the current one for all of the board’s schools.`,
        params,
      },
      handler: async (request, reply) => {
        const { schoolId } = request.params as z.infer<typeof params>;
        if (!Buffer.isBuffer(request.body)) throw new HttpError(415, 'unsupported_media_type', 'Send the PDF itself as the body, with Content-Type application/pdf.');
        const q = parseBody(publishQuery, request.query, 'version');
        const version = await publishVersion(db, {
          schoolId,
          version: q.version,
          adoptedOn: q.adoptedOn,
          summary: q.summary || null,
          document: request.body,
          ...(q.fileName ? { fileName: q.fileName } : {}),
          by: request.actor!.accountId,
          requestId: request.id,
          now: now(),
        }).catch(toHttp);
        return reply.code(201).send(version);
      },
    });
  });

  app.get('/api/v1/schools/:schoolId/protocol/versions/:versionId/document', {
    config: { access: protocolsPolicy.rule('view') },
    schema: { summary: 'The official document of a version (PDF)', params: versionParams },
    handler: async (request, reply) => {
      const { schoolId, versionId } = request.params as z.infer<typeof versionParams>;
      const doc = await documentOf(db, schoolId, versionId).catch(toHttp);
      reply.header('x-document-sha256', doc.sha256);
      return sendDownload(reply, doc.bytes, { name: doc.fileName, type: 'application/pdf' });
    },
  });

  app.post('/api/v1/schools/:schoolId/protocol/acknowledgements', {
    config: { access: protocolsPolicy.rule('acknowledge') },
    schema: { summary: 'Confirm the current version', description: 'Records that the signed-in employee read the current version and keeps to it (once per version; again is the same answer).', params },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof params>;
      const body = parseBody(ackBody, request.body, 'confirmation');
      const result = await acknowledge(db, { actor: request.actor!, schoolId, versionId: body.versionId, requestId: request.id, now: now() }).catch(toHttp);
      return reply.code(result.already ? 200 : 201).send(result);
    },
  });

  app.get('/api/v1/schools/:schoolId/protocol/acknowledgements', {
    config: { access: protocolsPolicy.rule('overview') },
    schema: { summary: 'Who confirmed the current version', description: 'The school’s employees (roster, active employment) with when they confirmed, whether they can be reached by e-mail and their reminders; the share who confirmed.', params },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof params>;
      return acknowledgementOverview(db, schoolId).catch(toHttp);
    },
  });

  app.post('/api/v1/schools/:schoolId/protocol/reminders', {
    config: { access: protocolsPolicy.rule('remind') },
    schema: { summary: 'Remind who has not confirmed', description: 'An e-mail with a link to the protocol page to every employee who has not confirmed the current version (or to one, with personId); at most one per person per day. Answers how many were sent, skipped (reminded in the last day) and not reachable (no account with an e-mail address).', params },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof params>;
      const body = parseBody(remindBody, request.body, 'reminder');
      const result = await remindEmployees(db, { schoolId, ...(body.personId ? { personId: body.personId } : {}), by: request.actor!.accountId, requestId: request.id, now: now(), publicUrl: publicUrl() }).catch(toHttp);
      if (result.sent) mailer.kick();
      return result;
    },
  });
};
