// Content-Disposition for a file the server hands out (a PDF, an export): a header no file name
// can break. The plain `filename` keeps only safe ASCII characters; `filename*` carries the real
// name, percent-encoded as UTF-8 (RFC 6266, RFC 8187), for browsers that read it.
import type { FastifyReply } from 'fastify';

/** `attachment` (download) unless `inline` (shown in the browser, e.g. a PDF preview). */
export function contentDisposition(fileName: string, opts: { inline?: boolean } = {}): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${opts.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/**
 * Sends a file the server hands out with headers that keep it what it is: the fixed content type,
 * `nosniff`, never cached, and its name. A download (attachment) is also sandboxed; an inline PDF
 * is not, because Chrome and Safari refuse to show a PDF in a sandboxed document (our own
 * rendering only: never inline an upload).
 */
export function sendDownload(reply: FastifyReply, body: Buffer | string, file: { name: string; type: string; inline?: boolean }) {
  reply.type(file.type).header('content-disposition', contentDisposition(file.name, { inline: file.inline ?? false })).header('x-content-type-options', 'nosniff').header('cache-control', 'private, no-store');
  if (!file.inline) reply.header('content-security-policy', "sandbox; default-src 'none'");
  return reply.send(body);
}
