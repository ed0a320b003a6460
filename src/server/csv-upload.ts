// Uploads of CSV files (rosters, consent lists): multipart/form-data with files, or one text/csv
// body. Each route registers these parsers in a scope of its own, with its own caps.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RosterFile } from '../modules/roster/types.ts';

export async function acceptCsvUploads(scope: FastifyInstance, limits: { maxBytes: number; maxFiles: number }): Promise<void> {
  await scope.register(multipart, {
    limits: { fileSize: limits.maxBytes, files: limits.maxFiles, fields: 10, parts: limits.maxFiles + 10, fieldSize: 1024 },
  });
  scope.addContentTypeParser('text/csv', { parseAs: 'buffer', bodyLimit: limits.maxBytes }, (_request, body, done) => done(null, body));
}

/**
 * The uploaded files: every file part of a multipart body, or a text/csv body as one file named
 * `bodyName` (an empty body is an empty file). Null when the request is neither.
 */
export async function uploadedFiles(request: FastifyRequest, bodyName: string): Promise<RosterFile[] | null> {
  if (request.isMultipart()) {
    const files: RosterFile[] = [];
    for await (const part of request.parts()) {
      if (part.type === 'file') files.push({ name: part.filename || part.fieldname, bytes: await part.toBuffer() });
    }
    return files;
  }
  if (Buffer.isBuffer(request.body)) return [{ name: bodyName, bytes: request.body }];
  if (request.body == null && /^text\/csv/i.test(request.headers['content-type'] ?? '')) return [{ name: bodyName, bytes: Buffer.alloc(0) }];
  return null;
}
