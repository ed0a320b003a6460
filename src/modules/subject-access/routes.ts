// Subject access and erasure over HTTP (docs/subject-access.md), for the data-protection officer:
//   GET  /api/v1/schools/:schoolId/subject-access/people?q=                       find a person (name, e-mail, number)
//   GET  /api/v1/schools/:schoolId/subject-access/people/:personId/export.json    the export as JSON (audited)
//   GET  /api/v1/schools/:schoolId/subject-access/people/:personId/export.pdf     the export as a Dutch PDF (audited)
//   GET  /api/v1/schools/:schoolId/subject-access/people/:personId/erasure        dry run: what would go, what blocks it
//   POST /api/v1/schools/:schoolId/subject-access/people/:personId/erasure        erase (body: confirmName); 409 with the reasons
import type { FastifyRequest } from 'fastify';
import { and, asc, eq, ilike, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { DbOrTx } from '../../db/connection.ts';
import { people } from '../../db/schema/index.ts';
import { subjectAccessPolicy } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { sendDownload } from '../../server/download.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { appendAudit } from '../audit/chain.ts';
import { checkErasure, erasePerson, ErasureRefused } from './erasure.ts';
import { buildExport, exportJson, exportPdf, loadSubject } from './export.ts';
import type { SubjectExport } from './export.ts';
import { fullName, normaliseName } from './redact.ts';

const schoolParams = z.object({ schoolId: z.string() });
const personParams = schoolParams.extend({ personId: z.string() });
const searchQuery = z.object({ q: z.string().trim().max(100).default('') });
const eraseBody = z.object({
  confirmName: z.string({ message: 'type the person’s full name to confirm' }).trim().min(1, 'type the person’s full name to confirm').max(300),
});
const uuid = z.uuid();

export const subjectAccessRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const now = () => new Date(ctx.now());

  /** The person of the URL at the school of the URL (404 otherwise: the FG of one school never learns of another's). */
  const subjectOf = async (request: FastifyRequest, tx: DbOrTx = db) => {
    const { schoolId, personId } = request.params as z.infer<typeof personParams>;
    if (!uuid.safeParse(personId).success) throw new HttpError(404, 'not_found', 'There is no such person on this school’s roster.');
    const s = await loadSubject(tx, schoolId, personId);
    if (!s) throw new HttpError(404, 'not_found', 'There is no such person on this school’s roster.');
    return { schoolId, s };
  };

  /** Builds the export and records it in the audit trail, in one transaction. */
  const exported = async (request: FastifyRequest, format: 'json' | 'pdf'): Promise<SubjectExport> =>
    db.transaction(async (tx) => {
      const { schoolId, s } = await subjectOf(request, tx);
      const e = await buildExport(tx, s, now());
      await appendAudit(tx, { schoolId, actor: request.actor!.accountId, action: 'subject.exported', subjectType: 'person', subjectId: s.person.id, requestId: request.id, fields: [format], at: now() });
      return e;
    });

  app.get('/api/v1/schools/:schoolId/subject-access/people', {
    config: { access: subjectAccessPolicy.rule('export') },
    schema: { summary: 'Find a person for a request', description: 'People of the school (also those who left) whose name, e-mail or number in the school administration contains q; at most 25. Audited (subject.searched: how many were found, never the query).', params: schoolParams, querystring: searchQuery },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const { q } = request.query as z.infer<typeof searchQuery>;
      if (q.length < 2) return { people: [] };
      const like = `%${q.replace(/[\\%_]/gu, (c) => `\\${c}`)}%`;
      const rows = await db
        .select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, kind: people.kind, active: people.active, externalId: people.externalId, birthDate: people.birthDate })
        .from(people)
        .where(and(eq(people.schoolId, schoolId), or(ilike(sql`${people.givenName} || ' ' || coalesce(${people.prefix} || ' ', '') || ${people.familyName}`, like), ilike(people.email, like), ilike(people.externalId, like))))
        .orderBy(asc(people.familyName), asc(people.givenName))
        .limit(25);
      // A search shows who has a case or a breach at the school: it is in the trail (how many were found, never the typed query).
      await db.transaction((tx) => appendAudit(tx, { schoolId, actor: request.actor!.accountId, action: 'subject.searched', subjectType: 'school', subjectId: schoolId, requestId: request.id, fields: [`found:${rows.length}`], at: now() }));
      return { people: rows.map((r) => ({ id: r.id, name: fullName(r), kind: r.kind, active: r.active, externalId: r.externalId, birthDate: r.birthDate })) };
    },
  });

  app.get('/api/v1/schools/:schoolId/subject-access/people/:personId/export.json', {
    config: { access: subjectAccessPolicy.rule('export') },
    schema: { summary: 'Subject-access export (JSON)', description: 'Everything the product holds about the person, one object per table, others replaced by "andere persoon". Audited.', params: personParams },
    handler: async (request, reply) => {
      const e = await exported(request, 'json');
      return sendDownload(reply, exportJson(e), { name: `inzage-${String((e.person as { id: string }).id)}.json`, type: 'application/json; charset=utf-8' });
    },
  });

  app.get('/api/v1/schools/:schoolId/subject-access/people/:personId/export.pdf', {
    config: { access: subjectAccessPolicy.rule('export') },
    schema: { summary: 'Subject-access export (PDF)', description: 'The same export as a readable Dutch PDF. Audited.', params: personParams },
    handler: async (request, reply) => {
      const e = await exported(request, 'pdf');
      const pdf = await exportPdf(e);
      return sendDownload(reply, pdf, { name: `inzage-${String((e.person as { id: string }).id)}.pdf`, type: 'application/pdf' });
    },
  });

  app.get('/api/v1/schools/:schoolId/subject-access/people/:personId/erasure', {
    config: { access: subjectAccessPolicy.rule('export') },
    schema: { summary: 'Erasure dry run', description: 'Whether the person may be erased now, every reason why not, and per table what erasure would remove, set to null or scrub. Audited (it reveals cases and breaches).', params: personParams },
    handler: async (request) =>
      db.transaction(async (tx) => {
        const { schoolId, s } = await subjectOf(request, tx);
        const check = await checkErasure(tx, s, now());
        await appendAudit(tx, { schoolId, actor: request.actor!.accountId, action: 'subject.erasure_checked', subjectType: 'person', subjectId: s.person.id, requestId: request.id, fields: check.blockers.map((b) => b.code), at: now() });
        return check;
      }),
  });

  app.post('/api/v1/schools/:schoolId/subject-access/people/:personId/erasure', {
    config: { access: subjectAccessPolicy.rule('erase') },
    schema: {
      summary: 'Erase a person',
      description: 'confirmName: the person’s full name, as a check that the right person is erased. 409 erasure_refused with the reasons (blockers) while the law asks to keep something. Audited (subject.erased, ids only).',
      params: personParams,
    },
    handler: async (request) => {
      const { schoolId, s } = await subjectOf(request);
      const body = parseBody(eraseBody, request.body, 'confirmation');
      if (normaliseName(body.confirmName) !== normaliseName(fullName(s.person))) {
        throw new HttpError(400, 'bad_request', 'The name does not match the person: type their full name exactly to confirm.', [{ path: '$.confirmName', message: 'does not match the person’s full name' }]);
      }
      try {
        const done = await erasePerson(db, schoolId, s.person.id, { actor: request.actor!.accountId, requestId: request.id, now: now() }, (tx) => loadSubject(tx, schoolId, s.person.id));
        if (!done) throw new HttpError(404, 'not_found', 'There is no such person on this school’s roster.');
        return { erased: true, plan: done.plan, kept: done.kept };
      } catch (e) {
        if (e instanceof ErasureRefused) {
          throw new HttpError(409, 'erasure_refused', `This person cannot be erased now: ${e.check.blockers.map((b) => b.reason).join(' ')}`, e.check.blockers.map((b) => ({ path: `$.blockers.${b.code}${b.table ? `.${b.table}` : ''}`, message: b.reason })));
        }
        throw e;
      }
    },
  });
};
