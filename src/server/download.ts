// Content-Disposition for a file the server hands out (a PDF, an export): a header no file name
// can break. The plain `filename` keeps only safe ASCII characters; `filename*` carries the real
// name, percent-encoded as UTF-8 (RFC 6266, RFC 8187), for browsers that read it.

/** `attachment` (download) unless `inline` (shown in the browser, e.g. a PDF preview). */
export function contentDisposition(fileName: string, opts: { inline?: boolean } = {}): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  return `${opts.inline ? 'inline' : 'attachment'}; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
