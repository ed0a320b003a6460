// Photos, film and sound for posts (docs/media.md):
//   POST /api/v1/schools/:schoolId/media                  upload (the file as the body; X-Filename optional)
//   GET  /api/v1/schools/:schoolId/media/:mediaId         faces, tags, what metadata was stripped
//   GET  /api/v1/schools/:schoolId/media/:mediaId/file    the stored copy (no metadata)
//   PUT  /api/v1/schools/:schoolId/media/:mediaId/tags    { faces: [personId | null, ...], heard?: [personId] }
//   POST /api/v1/schools/:schoolId/media/:mediaId/blur    { people?, unidentified?, faces? } → a blurred copy
// A post refers to an upload as { "mediaId": "..." } in post.media; the check takes its people
// from the tags. Only who uploaded an item can use it.
import type { FastifyError } from 'fastify';
import { z } from 'zod';
import { holdsAny, mediaPolicy, STAFF_ROLES } from '../../policies/index.ts';
import { childrenOf } from '../consent/service.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { auditRefusal } from '../auth/guard.ts';
import { describeItem, facesToBlur, MediaItemError, ownItem, storeItem, tagItem } from './service.ts';

/** The largest upload through the API: photos fit (40 MB cap), and a few minutes of video. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

const params = z.object({ schoolId: z.string() });
const itemParams = params.extend({ mediaId: z.string() });
const tagsBody = z.object({ faces: z.array(z.string().nullable()).max(500), heard: z.array(z.string()).max(200).optional() });
const blurBody = z.object({
  faces: z.union([z.literal('all'), z.array(z.number().int().min(0)).max(500)]).optional(),
  people: z.array(z.string()).max(500).optional(),
  unidentified: z.boolean().optional(),
});

const BINARY_TYPES = /^(image|video|audio)\/[\w.+-]+$|^application\/octet-stream$/;

export const mediaRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const now = () => new Date(ctx.now());
  // The pipeline (sharp, the detector, ffmpeg) loads on first use: starting the server stays fast.
  const pipeline = () => import('../../media/index.ts');

  await app.register(async (scope) => {
    scope.addContentTypeParser(BINARY_TYPES, { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES }, (_request, body, done) => done(null, body));
    scope.setErrorHandler(async (err: FastifyError, request, reply) => {
      const { MediaError } = await pipeline();
      if (err instanceof MediaError) return reply.code(err.status).send({ error: err.code, message: err.message });
      if (err instanceof MediaItemError) {
        if (err.status === 403) await auditRefusal(ctx.database, request, 'access.not_yours', request.actor?.accountId ?? 'anonymous');
        return reply.code(err.status).send({ error: err.status === 403 ? 'not_yours' : err.status === 404 ? 'not_found' : 'invalid_media', message: err.message, ...(err.status === 400 ? { issues: [{ path: err.path, message: err.message }] } : {}) });
      }
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.code(413).send({ error: 'payload_too_large', message: `The file is too large: at most ${MAX_UPLOAD_BYTES / (1024 * 1024)} MB is accepted here.` });
      }
      if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.code(415).send({ error: 'unsupported_media_type', message: 'Send the file itself as the body, with its Content-Type (image/jpeg, video/mp4, audio/mpeg, ... or application/octet-stream).' });
      }
      throw err;
    });

    scope.post('/api/v1/schools/:schoolId/media', {
      config: { access: mediaPolicy.rule('upload') },
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        summary: 'Upload a photo, video or sound file',
        description: 'The file is the body. The type is read from the content, not the name. Only a copy without metadata (EXIF, GPS, XMP, IPTC) is kept; faces are detected (never recognised). Answers the faces to tag.',
        params,
      },
      handler: async (request, reply) => {
        const { schoolId } = request.params as z.infer<typeof params>;
        if (!Buffer.isBuffer(request.body)) throw new HttpError(400, 'empty', 'Nothing was uploaded: send the file as the body.');
        const header = request.headers['x-filename'];
        const filename = typeof header === 'string' ? decodeURIComponent(header).slice(0, 200) : undefined;
        const { inspectMedia, redactMedia } = await pipeline();
        const info = await inspectMedia(request.body, filename ? { filename } : {});
        const stripped = await redactMedia(request.body, { ...(filename ? { filename } : {}), blur: 'none', faces: info.faces });
        const row = await storeItem(db, { schoolId, accountId: request.actor!.accountId, info: { ...info, format: stripped.format, mime: stripped.mime }, stripped: stripped.bytes, faces: info.faces, requestId: request.id, now: now() });
        return reply.code(201).send({ ...describeItem(row), notes: [...info.notes, ...stripped.notes.filter((n) => !info.notes.includes(n))] });
      },
    });

    scope.get('/api/v1/schools/:schoolId/media/:mediaId', {
      config: { access: mediaPolicy.rule('use') },
      schema: { summary: 'An upload: its faces, tags and what was stripped', params: itemParams },
      handler: async (request) => {
        const { schoolId, mediaId } = request.params as z.infer<typeof itemParams>;
        return describeItem(await ownItem(db, schoolId, request.actor!.accountId, mediaId));
      },
    });

    scope.get('/api/v1/schools/:schoolId/media/:mediaId/file', {
      config: { access: mediaPolicy.rule('use') },
      schema: { summary: 'The stored copy of an upload (without metadata)', params: itemParams },
      handler: async (request, reply) => {
        const { schoolId, mediaId } = request.params as z.infer<typeof itemParams>;
        const row = await ownItem(db, schoolId, request.actor!.accountId, mediaId);
        return reply.type(row.mime).header('content-disposition', 'inline').header('cache-control', 'no-store').send(row.bytes);
      },
    });

    scope.put('/api/v1/schools/:schoolId/media/:mediaId/tags', {
      config: { access: mediaPolicy.rule('use') },
      schema: { summary: 'Tag the faces (and who is heard)', description: 'One entry per face: a roster person’s id, or null for someone unknown (who then counts as a person without consent). Parents and students tag only themselves and their own children.', params: itemParams },
      handler: async (request) => {
        const { schoolId, mediaId } = request.params as z.infer<typeof itemParams>;
        const body = parseBody(tagsBody, request.body, 'tags');
        const actor = request.actor!;
        let onlyPeople: Set<string> | undefined;
        if (!holdsAny(actor, schoolId, STAFF_ROLES)) {
          const me = actor.schools.get(schoolId)?.personId ?? null;
          onlyPeople = new Set(me ? [me, ...(await childrenOf(db, me))] : []);
        }
        return describeItem(await tagItem(db, { schoolId, accountId: actor.accountId, mediaId, faces: body.faces, ...(body.heard ? { heard: body.heard } : {}), requestId: request.id, now: now(), ...(onlyPeople ? { onlyPeople } : {}) }));
      },
    });

    scope.post('/api/v1/schools/:schoolId/media/:mediaId/blur', {
      config: { access: mediaPolicy.rule('use') },
      schema: {
        summary: 'Make a blurred copy',
        description: 'Blurs the faces of the given people (the check’s blur fix), the untagged faces when unidentified is true, or faces by number. The copy is a new upload without the blurred faces; use its id in the post.',
        params: itemParams,
      },
      handler: async (request, reply) => {
        const { schoolId, mediaId } = request.params as z.infer<typeof itemParams>;
        const body = parseBody(blurBody, request.body, 'blur');
        const accountId = request.actor!.accountId;
        const row = await ownItem(db, schoolId, accountId, mediaId);
        if (row.kind !== 'image') throw new MediaItemError(400, 'Only photos can be blurred; leave film and sound with people without consent out of the post.');
        const blur = facesToBlur(row, body);
        if (!blur.length) throw new MediaItemError(400, 'No face to blur: name people that are tagged in the photo, unidentified: true, or face numbers.');
        const { redactImage } = await pipeline();
        const faces = row.faces.map((f) => ({ box: f.box, score: f.score }));
        const out = await redactImage(row.bytes, { faces, blur });
        const keep = faces.map((_, i) => i).filter((i) => !blur.includes(i));
        const copy = await storeItem(db, {
          schoolId,
          accountId,
          info: { kind: 'image', format: out.format, mime: out.mime, size: out.bytes.byteLength, width: out.width!, height: out.height!, faces: [], metadata: { gps: false, exif: false, xmp: false, iptc: false, icc: false, comments: false, tags: false, fields: [] }, notes: [] },
          stripped: out.bytes,
          faces: keep.map((i) => faces[i]!),
          tags: keep.map((i) => row.tags[i] ?? null),
          derivedFrom: row.id,
          blurred: blur,
          strippedMetadata: row.strippedMetadata,
          requestId: request.id,
          now: now(),
        });
        return reply.code(201).send(describeItem(copy));
      },
    });
  });
};
