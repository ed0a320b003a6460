// The dashboards over HTTP (docs/dashboards.md). Reads only: nothing is written, so no audit event.
//   GET /api/v1/schools/:schoolId/dashboard                         the school view (director, board)
//   GET /api/v1/schools/:schoolId/dashboard/export/:table           one table of it as CSV
//   GET /api/v1/schools/:schoolId/board-dashboard                   the board view across the board's schools (board)
//   GET /api/v1/schools/:schoolId/board-dashboard/export/:table     one table of it as CSV
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { dashboardsPolicy } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import type { RouteModule } from '../../server/modules.ts';
import type { DbOrTx } from '../../db/connection.ts';
import type { Scope } from './service.ts';
import { boardScope, dashboard, schoolScope } from './service.ts';
import { csvOf, TABLES } from './tables.ts';
import { sendDownload } from '../../server/download.ts';

const schoolParams = z.object({ schoolId: z.string() });
const exportParams = schoolParams.extend({
  table: z.enum(TABLES, { message: `the table is one of ${TABLES.join(', ')}` }),
});

const DESCRIPTION =
  'Counts only, never names: cases reported in the last 12 months (this month included, months in the school’s time zone) per month (still open or closed now; schools in different zones: every school’s months together), per article the case cites, per category and per school; open cases by age; consent coverage per group, channel and media kind (students with a granted consent valid today and no refusal or revocation valid today, consents of their own school only; today is each school’s own date); response times of the last 90 days (the supervision module’s numbers) per school; the share of employees who confirmed the current protocol version.';

/** A CSV download that Excel opens as it should (docs/dashboards.md): only this table is computed. */
async function sendCsv(reply: FastifyReply, db: DbOrTx, scope: Scope, nowMs: number, table: (typeof TABLES)[number]) {
  const { fileName, body } = await csvOf(db, scope, nowMs, table);
  return sendDownload(reply, body, { name: fileName, type: 'text/csv; charset=utf-8' });
}

export const dashboardRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;

  app.get('/api/v1/schools/:schoolId/dashboard', {
    config: { access: dashboardsPolicy.rule('school') },
    schema: { summary: 'The school’s dashboard', description: DESCRIPTION, params: schoolParams },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      reply.header('cache-control', 'no-store');
      return dashboard(db, await schoolScope(db, schoolId), ctx.now());
    },
  });

  app.get('/api/v1/schools/:schoolId/dashboard/export/:table', {
    config: { access: dashboardsPolicy.rule('school') },
    schema: { summary: 'One table of the school’s dashboard as CSV', description: `UTF-8 with BOM, semicolons, decimal comma (Dutch Excel). Tables: ${TABLES.join(', ')}.`, params: schoolParams.extend({ table: z.string() }) },
    handler: async (request, reply) => {
      const { schoolId, table } = parseBody(exportParams, request.params, 'address');
      return sendCsv(reply, db, await schoolScope(db, schoolId), ctx.now(), table);
    },
  });

  app.get('/api/v1/schools/:schoolId/board-dashboard', {
    config: { access: dashboardsPolicy.rule('board') },
    schema: {
      summary: 'The board’s dashboard across its schools',
      description: `The schools of this school’s board where the account holds the board role, added up, with a row per school. ${DESCRIPTION}`,
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      reply.header('cache-control', 'no-store');
      return dashboard(db, await boardScope(db, request.actor!, schoolId), ctx.now());
    },
  });

  app.get('/api/v1/schools/:schoolId/board-dashboard/export/:table', {
    config: { access: dashboardsPolicy.rule('board') },
    schema: { summary: 'One table of the board’s dashboard as CSV', description: `UTF-8 with BOM, semicolons, decimal comma (Dutch Excel). Tables: ${TABLES.join(', ')}.`, params: schoolParams.extend({ table: z.string() }) },
    handler: async (request, reply) => {
      const { schoolId, table } = parseBody(exportParams, request.params, 'address');
      return sendCsv(reply, db, await boardScope(db, request.actor!, schoolId), ctx.now(), table);
    },
  });
};
