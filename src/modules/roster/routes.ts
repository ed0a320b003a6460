// POST /api/v1/schools/:schoolId/roster: upload a roster (docs/roster-import.md).
//   multipart/form-data: one file (simple CSV) or the OneRoster files (users.csv, ...);
//   text/csv: the simple CSV as the body.
// Only the school's director and HR may import (src/policies/roster.ts).
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { rosterPolicy } from '../../policies/index.ts';
import { acceptCsvUploads, uploadedFiles } from '../../server/csv-upload.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { importRoster, SchoolNotFoundError } from './service.ts';
import type { RosterFormat } from './types.ts';
import { fileError, MAX_ROSTER_BYTES, RosterImportError } from './types.ts';

/** At most this many files in one upload (the five OneRoster files and a manifest, with room). */
export const MAX_UPLOAD_FILES = 12;
const MB = MAX_ROSTER_BYTES / (1024 * 1024);

const params = z.object({ schoolId: z.string().describe('the school’s id') });
const query = z.object({
  format: z.enum(['simple', 'oneroster']).optional().describe('force the format; default: detected'),
  dry_run: z.enum(['true', 'false']).optional().describe('true: check and count, write nothing'),
});

export const rosterRoutes: RouteModule = async (app, ctx) => {
  // A scope of its own: the multipart and text/csv parsers and the error replies below are this route's only.
  await app.register(async (scope) => {
    await acceptCsvUploads(scope, { maxBytes: MAX_ROSTER_BYTES, maxFiles: MAX_UPLOAD_FILES });

    scope.setErrorHandler((err: FastifyError, request, reply) => {
      if (err instanceof RosterImportError) {
        request.log.info({ problems: err.problems.length }, 'invalid_roster');
        return reply.code(400).send({ error: 'invalid_roster', message: err.message, problems: err.problems });
      }
      if (err instanceof SchoolNotFoundError) return reply.code(404).send({ error: 'not_found', message: err.message });
      switch (err.code) {
        case 'FST_REQ_FILE_TOO_LARGE':
        case 'FST_ERR_CTP_BODY_TOO_LARGE':
          return reply.code(413).send({ error: 'payload_too_large', message: `The roster file is too large: at most ${MB} MB per file is accepted. Split the roster or leave out columns you do not need.` });
        case 'FST_FILES_LIMIT':
        case 'FST_PARTS_LIMIT':
        case 'FST_FIELDS_LIMIT':
          return reply.code(413).send({ error: 'payload_too_large', message: `Too many files or fields: send at most ${MAX_UPLOAD_FILES} files (one simple CSV, or the OneRoster files).` });
        case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
          return reply.code(415).send({ error: 'unsupported_media_type', message: 'Send the roster as multipart/form-data (one CSV file, or the OneRoster files) or as a text/csv body.' });
      }
      throw err; // the app's error handler
    });

    scope.post('/api/v1/schools/:schoolId/roster', {
      config: { access: rosterPolicy.rule('import') },
      bodyLimit: MAX_ROSTER_BYTES,
      schema: {
        summary: 'Import a roster',
        description:
          'Imports the school’s roster: a simple CSV (one file, or a text/csv body) or OneRoster 1.1 CSV files (multipart). Every row is checked first: any problem answers 400 invalid_roster with every problem and its line, and nothing is written. People missing from the file become inactive. See docs/roster-import.md.',
        consumes: ['multipart/form-data', 'text/csv'],
        params,
        querystring: query,
      },
      handler: async (request) => {
        const { schoolId } = request.params as z.infer<typeof params>;
        const q = request.query as z.infer<typeof query>;
        const files = await uploadedFiles(request, 'roster.csv');
        if (!files) throw new HttpError(415, 'unsupported_media_type', 'Send the roster as multipart/form-data (one CSV file, or the OneRoster files) or as a text/csv body.');
        if (files.length === 0) throw fileError('no file was uploaded');
        const result = await importRoster({
          db: ctx.database.db,
          schoolId,
          source: files,
          ...(q.format ? { format: q.format as RosterFormat } : {}),
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
