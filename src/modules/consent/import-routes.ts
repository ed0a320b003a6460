// POST /api/v1/schools/:schoolId/consents/import: a consent list (CSV) from another school system
// (docs/consent.md).
//   text/csv: the list as the body;  multipart/form-data: one file, any field name;  ?dry_run=true
// Only the director and the communication officer (consent.manage). Every problem answers 400
// invalid_consent_list with its line; nothing is written then.
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { consentPolicy } from '../../policies/index.ts';
import { acceptCsvUploads, uploadedFiles } from '../../server/csv-upload.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { SchoolNotFoundError } from '../roster/service.ts';
import { ConsentImportError, importConsents, MAX_CONSENT_LIST_BYTES } from './import.ts';

const MB = MAX_CONSENT_LIST_BYTES / (1024 * 1024);
const params = z.object({ schoolId: z.string().describe('the school’s id') });
const query = z.object({ dry_run: z.enum(['true', 'false']).optional().describe('true: check and count, write nothing') });
const ONE_FILE = 'Send the consent list as one CSV file (multipart/form-data) or as a text/csv body.';

const invalid = (message: string) => ({ error: 'invalid_consent_list', message, problems: [{ line: 0, reason: message }] });

export const consentImportRoutes: RouteModule = async (app, ctx) => {
  // A scope of its own: the parsers and error replies below are this route's only.
  await app.register(async (scope) => {
    await acceptCsvUploads(scope, { maxBytes: MAX_CONSENT_LIST_BYTES, maxFiles: 1 });

    scope.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof ConsentImportError) {
        request.log.info({ problems: err.problems.length }, 'invalid_consent_list');
        return reply.code(400).send({ error: 'invalid_consent_list', message: err.message, problems: err.problems });
      }
      if (err instanceof SchoolNotFoundError) return reply.code(404).send({ error: 'not_found', message: err.message });
      switch (err.code) {
        case 'FST_REQ_FILE_TOO_LARGE':
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return reply.code(413).send({ error: 'payload_too_large', message: `The consent list is too large: at most ${MB} MB is accepted. Split it (by group, say) and import the parts one after the other.` });
        case 'FST_FILES_LIMIT':
          return reply.code(400).send(invalid(`One file at a time: ${ONE_FILE}`));
        case 'FST_PARTS_LIMIT':
        case 'FST_FIELDS_LIMIT':
          return reply.code(413).send({ error: 'payload_too_large', message: `Too many form fields. ${ONE_FILE}` });
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return reply.code(415).send({ error: 'unsupported_media_type', message: ONE_FILE });
      }
      throw err; // the app's error handler
    });

    scope.post('/api/v1/schools/:schoolId/consents/import', {
      config: { access: consentPolicy.rule('manage') },
      bodyLimit: MAX_CONSENT_LIST_BYTES,
      schema: {
        summary: 'Import a consent list',
        description:
          'Imports consents from another school system: a CSV with the columns person, channel, media, school_year, status and optionally given_by, date and note (Dutch names and values work too). Every row is checked first: any problem answers 400 invalid_consent_list with every problem and its line, and nothing is written. Answers the school has already are not written again. See docs/consent.md.',
        consumes: ['multipart/form-data', 'text/csv'],
        params,
        querystring: query,
      },
      handler: async (request) => {
        const { schoolId } = request.params as z.infer<typeof params>;
        const q = request.query as z.infer<typeof query>;
        const files = await uploadedFiles(request, 'consents.csv');
        if (!files) throw new HttpError(415, 'unsupported_media_type', ONE_FILE);
        const file = files[0];
        if (!file) throw new ConsentImportError([{ line: 0, reason: 'no file was uploaded' }], 'The consent list was not imported (nothing was changed)');
        const result = await importConsents({
          db: ctx.database.db,
          schoolId,
          source: file,
          now: new Date(ctx.now()),
          dryRun: q.dry_run === 'true',
          importedBy: request.actor!.accountId,
          requestId: request.id,
        });
        if (!result.dryRun) ctx.schools.invalidate(schoolId);
        return result;
      },
    });
  });
};
