// The audit trail of a school, for the board and the data-protection officer:
//   GET /api/v1/schools/:schoolId/audit/verify   recompute the chain
//   GET /api/v1/schools/:schoolId/audit/events   the latest events (ids and field names only)
import { and, desc, eq, lt } from 'drizzle-orm';
import { z } from 'zod';
import { auditEvents } from '../../db/schema/index.ts';
import { auditPolicy } from '../../policies/index.ts';
import type { RouteModule } from '../../server/modules.ts';
import { verifyAudit } from './chain.ts';

const params = z.object({ schoolId: z.uuid().describe('the school’s id') });
const query = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('at most this many events (default 100)'),
  before: z.coerce.number().int().min(1).optional().describe('only events with a lower sequence number (for paging)'),
});

export const auditRoutes: RouteModule = async (app, ctx) => {
  app.get('/api/v1/schools/:schoolId/audit/verify', {
    config: { access: auditPolicy.rule('verify') },
    schema: { summary: 'Verify the school’s audit chain', description: 'Recomputes every hash; names the first broken link, if any.', params },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof params>;
      const report = await verifyAudit(ctx.database.db, { schoolId });
      return { intact: report.broken.length === 0, events: report.events, broken: report.broken, head: report.heads[0] ?? null };
    },
  });

  app.get('/api/v1/schools/:schoolId/audit/events', {
    config: { access: auditPolicy.rule('read') },
    schema: { summary: 'The school’s audit events', description: 'Newest first: actor, action, subject, request, changed field names, time, hashes.', params, querystring: query },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof params>;
      const q = request.query as z.infer<typeof query>;
      const rows = await ctx.database.db
        .select()
        .from(auditEvents)
        .where(and(eq(auditEvents.schoolId, schoolId), q.before ? lt(auditEvents.seq, q.before) : undefined))
        .orderBy(desc(auditEvents.seq))
        .limit(q.limit);
      return { events: rows };
    },
  });
};
