// Personnel and student files and the letters of a case over HTTP (docs/files.md, docs/api.md):
//   GET    /api/v1/schools/:schoolId/files?kind=&q=                              who has a file (names, counts)
//   GET    /api/v1/schools/:schoolId/files/personnel/:personId                   a personnel file (HR, board)
//   GET    /api/v1/schools/:schoolId/files/student/:personId                     a student file (director, internal supervisor)
//   GET    /api/v1/schools/:schoolId/files/entries/:entryId/document             a filed letter (PDF)
//   POST   /api/v1/schools/:schoolId/files/:kind/:personId/mistaken-read         "I opened this file by mistake"
//   GET    /api/v1/schools/:schoolId/files/purges                                what the retention purge removed
//   GET    /api/v1/schools/:schoolId/incidents/:incidentId/letters               a case's letters: people, templates, drafts, sent
//   POST   /api/v1/schools/:schoolId/incidents/:incidentId/letters               a draft from a template
//   PUT    /api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId     edit a draft
//   DELETE /api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId     discard a draft
//   GET    /api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId/preview   the draft as PDF
//   POST   /api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId/send      send: file, e-mail, log
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { FileKind } from '../../policies/files.ts';
import { canReadFileKind, canSendLetter, FILE_READERS, filesPolicy } from '../../policies/files.ts';
import { parseBody } from '../../server/body.ts';
import { sendDownload } from '../../server/download.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';
import { mailerFor } from '../mail/mailer.ts';
import { LETTER_TEMPLATES } from './letters.ts';
import { caseLetters, createDraft, discardDraft, draftTemplate, previewDraft, sendLetter, updateDraft } from './letter-service.ts';
import { purgeRecord } from './purge.ts';
import { entryFile, listFiles, readDocument, readFile, reportMistakenRead } from './service.ts';

const KINDS = ['personnel', 'student'] as const;
const uuid = z.uuid({ message: 'an id (UUID)' });
const schoolParams = z.object({ schoolId: z.string() });
const personParams = schoolParams.extend({ personId: z.string() });
const kindParams = personParams.extend({ kind: z.enum(KINDS) });
const entryParams = schoolParams.extend({ entryId: z.string() });
const caseParams = schoolParams.extend({ incidentId: z.string() });
const letterParams = caseParams.extend({ letterId: z.string() });
const listQuery = z.object({ kind: z.enum(KINDS).optional(), q: z.string().max(100).optional() });

const draftBody = z.object({ template: z.enum(LETTER_TEMPLATES), personId: uuid });
const line = (what: string, max: number) => z.string().trim().min(1, `${what} may not be empty`).max(max);
const editBody = z
  .object({ subject: line('the subject', 200).optional(), salutation: line('the salutation', 200).optional(), body: line('the text', 20_000).optional(), closing: line('the closing', 1000).optional() })
  .refine((b) => Object.values(b).some((v) => v !== undefined), { message: 'send at least one of subject, salutation, body, closing' });

const sendPdf = (reply: FastifyReply, bytes: Buffer, filename: string, inline = false) => sendDownload(reply, bytes, { name: filename, type: 'application/pdf', inline });

const KIND_READERS_NL: Record<FileKind, string> = { personnel: 'Personnel files are for HR and the board.', student: 'Student files are for the director and the internal supervisor.' };

export const fileRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const now = () => new Date(ctx.now());
  const { mailer } = mailerFor(app, ctx);
  const by = (request: FastifyRequest) => ({ accountId: request.actor!.accountId, requestId: request.id, now: now() });
  const mustBeUuid = (s: string, what: string) => {
    if (!uuid.safeParse(s).success) throw new HttpError(404, 'not_found', `There is no such ${what} at this school.`);
  };
  /** The kind of file the actor may read, else a refusal on the audit trail. */
  const mayRead = async (request: FastifyRequest, schoolId: string, kind: FileKind) => {
    if (canReadFileKind(request.actor!, schoolId, kind)) return;
    await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
    throw new HttpError(403, 'not_yours', KIND_READERS_NL[kind]);
  };

  app.get('/api/v1/schools/:schoolId/files', {
    config: { access: filesPolicy.rule('find') },
    schema: {
      summary: 'Who has a file',
      description: 'People of the school with a file of a kind one may read (kind= narrows it; q= part of a name): name, kind of person, number of entries, the latest. No entries. At most 200, by family name; cutOff: true when there were more. Audited as file.list.',
      params: schoolParams,
      querystring: listQuery,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const q = request.query as z.infer<typeof listQuery>;
      if (q.kind) await mayRead(request, schoolId, q.kind);
      const kinds = (q.kind ? [q.kind] : KINDS.filter((k) => canReadFileKind(request.actor!, schoolId, k))) as FileKind[];
      return { kinds, ...(await listFiles(db, schoolId, kinds, q.q, by(request))) };
    },
  });

  for (const kind of KINDS) {
    app.get(`/api/v1/schools/:schoolId/files/${kind}/:personId`, {
      config: { access: filesPolicy.rule(kind === 'personnel' ? 'read_personnel' : 'read_student') },
      schema: {
        summary: kind === 'personnel' ? 'A personnel file' : 'A student file',
        description: `The ${kind} file of a person of the school: every entry (decisions, letters, e-mails, call records), newest first, with its retention date. Each read is an audit event (file.read, the person as subject). Readers: ${FILE_READERS[kind].join(', ')}.`,
        params: personParams,
      },
      handler: async (request) => {
        const { schoolId, personId } = request.params as z.infer<typeof personParams>;
        mustBeUuid(personId, 'person');
        return readFile(db, schoolId, kind, personId, by(request));
      },
    });
  }

  app.get('/api/v1/schools/:schoolId/files/entries/:entryId/document', {
    config: { access: filesPolicy.rule('find') },
    schema: { summary: 'A filed letter (PDF)', description: 'The PDF filed with an entry, for a reader of that kind of file. Each download is an audit event (file.document_read).', params: entryParams },
    handler: async (request, reply) => {
      const { schoolId, entryId } = request.params as z.infer<typeof entryParams>;
      mustBeUuid(entryId, 'file entry');
      const e = await entryFile(db, schoolId, entryId);
      await mayRead(request, schoolId, e.fileKind);
      const d = await readDocument(db, schoolId, entryId, by(request));
      return sendPdf(reply, d.bytes, d.filename);
    },
  });

  app.post('/api/v1/schools/:schoolId/files/:kind/:personId/mistaken-read', {
    config: { access: filesPolicy.rule('report_mistake') },
    schema: {
      summary: 'I opened this file by mistake',
      description: 'For a reader who opened a file that was not theirs to open: a possible data breach (file_wrong_person) for the data-protection officer, once per reader and file. Only a file one opened oneself.',
      params: kindParams,
    },
    handler: async (request, reply) => {
      const { schoolId, kind, personId } = request.params as z.infer<typeof kindParams>;
      mustBeUuid(personId, 'person');
      const r = await reportMistakenRead(db, schoolId, kind, personId, by(request));
      return reply.code(r.created ? 201 : 200).send(r);
    },
  });

  app.get('/api/v1/schools/:schoolId/files/purges', {
    config: { access: filesPolicy.rule('purges') },
    schema: { summary: 'What the retention purge removed', description: 'One row per removed entry: its id, file kind, entry type, created date, the retention rule and date, when it was purged. No names, no contents.', params: schoolParams },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { purges: await purgeRecord(db, schoolId) };
    },
  });

  const caseOf = (request: FastifyRequest) => {
    const p = request.params as z.infer<typeof letterParams>;
    mustBeUuid(p.incidentId, 'incident');
    if (p.letterId !== undefined) mustBeUuid(p.letterId, 'letter draft');
    return p;
  };

  app.get('/api/v1/schools/:schoolId/incidents/:incidentId/letters', {
    config: { access: filesPolicy.rule('letters') },
    schema: { summary: 'A case’s letters', description: 'The people the case is about with the templates that fit them (a warning or suspension letter needs that measure in the case), the drafts, and the letters sent (titles and dates).', params: caseParams },
    handler: async (request) => {
      const { schoolId, incidentId } = caseOf(request);
      return caseLetters(db, schoolId, incidentId, (template) => canSendLetter(request.actor!, schoolId, template));
    },
  });

  app.post('/api/v1/schools/:schoolId/incidents/:incidentId/letters', {
    config: { access: filesPolicy.rule('letters') },
    schema: { summary: 'Start a letter from a template', description: 'template (warning, suspension, hearing_invitation) and personId (a subject of the case): a draft prefilled from the case (school, person, date, measure, days, rationale).', params: caseParams },
    handler: async (request, reply) => {
      const { schoolId, incidentId } = caseOf(request);
      const body = parseBody(draftBody, request.body, 'letter');
      return reply.code(201).send(await createDraft(db, schoolId, incidentId, body, by(request)));
    },
  });

  app.put('/api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId', {
    config: { access: filesPolicy.rule('letters') },
    schema: { summary: 'Edit a draft', description: 'Any of subject, salutation, body (paragraphs separated by a blank line), closing.', params: letterParams },
    handler: async (request) => {
      const { schoolId, incidentId, letterId } = caseOf(request);
      const body = parseBody(editBody, request.body, 'letter');
      return updateDraft(db, schoolId, incidentId, letterId, body, by(request));
    },
  });

  app.delete('/api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId', {
    config: { access: filesPolicy.rule('letters') },
    schema: { summary: 'Discard a draft', params: letterParams },
    handler: async (request, reply) => {
      const { schoolId, incidentId, letterId } = caseOf(request);
      await discardDraft(db, schoolId, incidentId, letterId, by(request));
      return reply.code(204).send();
    },
  });

  app.get('/api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId/preview', {
    config: { access: filesPolicy.rule('letters') },
    schema: { summary: 'Preview a draft (PDF)', description: 'The draft as it would be sent today; nothing is stored or filed.', params: letterParams },
    handler: async (request, reply) => {
      const { schoolId, incidentId, letterId } = caseOf(request);
      const p = await previewDraft(db, schoolId, incidentId, letterId, now());
      return sendPdf(reply, p.pdf, p.filename, true);
    },
  });

  app.post('/api/v1/schools/:schoolId/incidents/:incidentId/letters/:letterId/send', {
    config: { access: filesPolicy.rule('send_letter') },
    schema: {
      summary: 'Send a letter',
      description: 'Renders the PDF, files it in the file(s) it belongs to (employee: personnel file; student: student file; guardian: the student file of each child at the school), queues a notice e-mail to each addressee with an address (filed too; the letter itself is handed over on paper), records it in the case and removes the draft. One transaction. A warning or suspension letter only the board or the director sends (403 for others); 409 blanks_left while text in [square brackets] is left.',
      params: letterParams,
    },
    handler: async (request) => {
      const { schoolId, incidentId, letterId } = caseOf(request);
      const template = await draftTemplate(db, schoolId, incidentId, letterId);
      if (!canSendLetter(request.actor!, schoolId, template)) {
        await auditRefusal(ctx.database, request, 'access.not_yours', request.actor!.accountId);
        throw new HttpError(
          403,
          'not_yours',
          'Een waarschuwing of schorsing is een besluit van het bevoegd gezag: alleen de directeur of het bestuur verstuurt die brief. / A warning or suspension letter announces a decision of the bevoegd gezag: only the director or the board sends it.',
        );
      }
      const r = await sendLetter(db, schoolId, incidentId, letterId, by(request));
      if (r.mailed) mailer.kick();
      return r;
    },
  });
};
