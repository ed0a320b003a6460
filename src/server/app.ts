// The HTTP API and the demo page. Requests carry personal data (names, post texts), so nothing of a
// request body or query string is ever logged, and clients never see a stack trace.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions, FastifySchemaCompiler } from 'fastify';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { createJsonSchemaTransform, createJsonSchemaTransformObject, validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { CaseIssue, CheckResult } from '../engine/index.ts';
import { applyFixes, applyTextFixes, CaseValidationError, checkCase } from '../engine/index.ts';
import { getProtocol } from '../protocols/index.ts';
import type { Database } from '../db/connection.ts';
import { packageRoot } from '../db/connection.ts';
import type { MailOptions } from '../modules/mail/config.ts';
import { SchoolCache } from '../modules/schools/school-case.ts';
import { registerGuard } from '../modules/auth/guard.ts';
import type { OidcProviderConfig } from '../modules/auth/oidc.ts';
import type { Access } from '../policies/index.ts';
import { checksPolicy, protocolsPolicy, systemPolicy } from '../policies/index.ts';
import { ROUTE_MODULES } from './modules.ts';
import { assertTextLength, HttpError } from './errors.ts';
import { PAGE_CSS, PAGE_JS, pageHtml } from './page.ts';
import {
  apiRegistry,
  checkCaseDoc,
  checkResultDoc,
  errorDoc,
  fixedResultDoc,
  healthDoc,
  protocolDoc,
  protocolParamsDoc,
} from './schemas.ts';

export interface AppOptions {
  /** false (default): silent; true or pino options (level, stream, ...): log requests, without personal data. */
  logger?: boolean | object;
  /** Longest accepted `post.text`, in UTF-16 code units. Default 20,000. */
  maxTextLength?: number;
  /** Largest accepted request body, in bytes. Default 1 MiB. */
  bodyLimit?: number;
  /** The clock used as the moment of posting when a case has no `post.at`. */
  now?: () => number;
  /** The built web app (index.html and assets/); default dist/web of the package. Missing: / is the demo page. */
  webRoot?: string;
  /** The database; without one only the stateless routes (inline cases) exist. */
  database?: Database;
  /**
   * Behind a reverse proxy that terminates https: trust its X-Forwarded-* headers, so that the
   * session cookie is marked Secure and rate limits see the client's address. Default false.
   */
  trustProxy?: boolean;
  /** E-mail: SMTP_URL, MAIL_FROM, the public URL for links (src/modules/mail). Without SMTP, mails stay in the outbox. */
  mail?: MailOptions;
  /** Schools' identity providers for OpenID Connect sign-in (needs a database); discovered at first use. */
  oidcProviders?: OidcProviderConfig[];
}

export interface RouteInfo {
  method: string;
  url: string;
  /** The route's access rule; undefined for the API description's assets (/docs/...). */
  access: Access | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    routeTable: RouteInfo[];
  }
}

export const DEFAULT_BODY_LIMIT = 1024 * 1024;
export const DEFAULT_MAX_TEXT_LENGTH = 20_000;

export { HttpError } from './errors.ts';

interface ErrorBody {
  error: string;
  message: string;
  issues?: CaseIssue[];
}

// ---- Logging ------------------------------------------------------------------------------

/** The path without the query string: queries may carry anything, names included. */
function pathOf(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/**
 * Pino serializers that keep personal data out of the logs: the request is its method and path
 * (the request id is on every line already as `reqId`), the response its status code, and an
 * error its type, code and stack frames. Error MESSAGES are left out on purpose: a JSON parse
 * error quotes the body and a validation error quotes values from the case.
 */
export const SAFE_LOG_SERIALIZERS = {
  req: (req: { method?: string; url?: string }) => ({ method: req.method, url: pathOf(req.url ?? '') }),
  res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
  err: (err: { name?: string; code?: string; statusCode?: number; stack?: string }) => ({
    type: err.name,
    code: err.code,
    statusCode: err.statusCode,
    frames: err.stack
      ?.split('\n')
      .filter((l) => /^\s+at /.test(l))
      .map((l) => l.trim()),
  }),
};

function loggerOption(logger: AppOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  // Our serializers win over any the caller passes: privacy is not configurable.
  // (Fastify's types insist that an error serializer returns the message; ours drops it on purpose.)
  return { level: 'info', ...base, serializers: SAFE_LOG_SERIALIZERS } as unknown as FastifyServerOptions['logger'];
}

// ---- Errors -------------------------------------------------------------------------------

function toErrorReply(err: FastifyError | Error, bodyLimit: number): { status: number; body: ErrorBody } {
  if (err instanceof HttpError) {
    return { status: err.statusCode, body: { error: err.error, message: err.message, ...(err.issues ? { issues: err.issues } : {}) } };
  }
  if (err instanceof CaseValidationError) {
    return { status: 400, body: { error: 'invalid_case', message: err.message, issues: err.issues } };
  }
  const code = (err as FastifyError).code;
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return {
        status: 413,
        body: {
          error: 'payload_too_large',
          message: `The request is too large: at most ${formatBytes(bodyLimit)} is accepted. Send a shorter post or a smaller roster.`,
        },
      };
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return { status: 400, body: { error: 'invalid_json', message: 'The request body is not valid JSON. Send the case as one JSON object.' } };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return { status: 400, body: { error: 'invalid_json', message: 'The request body is empty. Send the case as one JSON object.' } };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        status: 415,
        body: { error: 'unsupported_media_type', message: 'Send the case as JSON, with the header "Content-Type: application/json".' },
      };
    case 'FST_ERR_VALIDATION':
      return { status: 400, body: { error: 'bad_request', message: `The request is not valid: ${err.message}` } };
  }
  // Fastify's own client errors (bad content length, aborted upload, ...) have safe messages.
  const status = (err as FastifyError).statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500 && code?.startsWith('FST_')) {
    return { status, body: { error: 'bad_request', message: err.message } };
  }
  return {
    status: 500,
    body: { error: 'internal', message: 'Something went wrong on our side. Nothing was stored; please try again later.' },
  };
}

function formatBytes(n: number): string {
  if (n % (1024 * 1024) === 0) return `${n / (1024 * 1024)} MiB`;
  if (n % 1024 === 0) return `${n / 1024} KiB`;
  return `${n} bytes`;
}

// ---- Checks -------------------------------------------------------------------------------

// Request bodies are validated by the engine (checkCase), whose messages carry JSON paths and are
// the same for the CLI, the browser and this API; a route's body schema only documents the case.
// Params and query strings are small and ours, so zod validates them.
const validatorCompiler: FastifySchemaCompiler<unknown> = (route) =>
  route.httpPart === 'body'
    ? (data: unknown) => ({ value: data })
    : (zodValidatorCompiler as unknown as FastifySchemaCompiler<unknown>)(route);

/** An OpenAPI response with a description (the default one says only "Default Response"). */
function json(description: string, schema: unknown) {
  return { description, content: { 'application/json': { schema } } };
}

const errorResponses = {
  400: json('invalid_case (with issues and JSON paths), text_too_long or invalid_json', errorDoc),
  413: json('payload_too_large: the body is over the size limit', errorDoc),
  415: json('unsupported_media_type: the body is not sent as application/json', errorDoc),
  500: json('internal: an unexpected error; no details are given', errorDoc),
};

// ---- The app ------------------------------------------------------------------------------

export async function buildApp(opts: AppOptions = {}): Promise<FastifyInstance> {
  const bodyLimit = opts.bodyLimit ?? DEFAULT_BODY_LIMIT;
  const maxTextLength = opts.maxTextLength ?? DEFAULT_MAX_TEXT_LENGTH;
  const now = opts.now ?? Date.now;

  const app = Fastify({
    logger: loggerOption(opts.logger),
    bodyLimit,
    // A slow client must not hold a connection open for ever.
    requestTimeout: 30_000,
    trustProxy: opts.trustProxy ?? false,
  });

  // Every route with its access rule: for docs/permissions.md and the role × route test.
  const routeTable: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    for (const method of [r.method].flat()) {
      if (method === 'HEAD') continue;
      routeTable.push({ method, url: r.url, access: (r.config as { access?: Access } | undefined)?.access });
    }
  });
  app.decorate('routeTable', routeTable);

  app.setValidatorCompiler(validatorCompiler);
  // Results go out exactly as the engine made them: response schemas document, they do not filter.
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
  // The API speaks JSON only; without this, text/plain bodies would reach the engine as a string.
  app.removeContentTypeParser('text/plain');

  app.setErrorHandler((err: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { status, body } = toErrorReply(err, bodyLimit);
    if (status >= 500) request.log.error({ err }, 'unexpected error');
    else request.log.info({ err: { name: err.name, code: (err as FastifyError).code } }, body.error);
    return reply.code(status).type('application/json; charset=utf-8').send(body);
  });

  // The web app's own paths (/aanmelden, /schrijven, ...) are a GET for a page that is not an API
  // route: they get the app's index (set below when the app is built).
  let sendAppIndex: ((reply: FastifyReply) => FastifyReply) | null = null;
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html');
    if (wantsPage && sendAppIndex) return sendAppIndex(reply);
    // The url is not echoed: it may carry a query with personal data.
    return reply.code(404).send({ error: 'not_found', message: 'There is no such page or API route. The API is described at /docs.' });
  });

  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('referrer-policy', 'no-referrer');
    // Check results quote personal data: no shared cache may keep them.
    if (request.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
    return payload;
  });

  // Before any route: every route after this is guarded by its access rule (src/policies).
  await registerGuard(app, { ...(opts.database ? { database: opts.database } : {}), now });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Postwijzer API',
        description: 'Check a draft social-media post against the school board’s protocol before posting it. See docs/api.md.',
        version: '1',
      },
    },
    transform: createJsonSchemaTransform({ schemaRegistry: apiRegistry, skipList: [] }),
    transformObject: createJsonSchemaTransformObject({ schemaRegistry: apiRegistry }),
  });
  // Serves its assets from the package: the docs work without network access.
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });

  const check = (body: unknown): CheckResult => {
    assertTextLength(body, maxTextLength);
    return checkCase(body, { now: now() });
  };

  app.post('/api/v1/checks', {
    config: { access: checksPolicy.rule('check') },
    schema: {
      summary: 'Check a post',
      description: 'Checks the case and answers the result: verdict, findings, fixes. A case the engine rejects answers 400 invalid_case with JSON paths.',
      body: checkCaseDoc,
      response: { 200: json('The result of the check', checkResultDoc), ...errorResponses },
    },
    handler: async (request) => check(request.body),
  });

  app.post('/api/v1/checks/fixed', {
    config: { access: checksPolicy.rule('check') },
    schema: {
      summary: 'Check a post and apply every fix',
      description: 'Checks the case and answers the result together with the case and the text with every fix applied.',
      body: checkCaseDoc,
      response: { 200: json('The result, the fixed case and the fixed text', fixedResultDoc), ...errorResponses },
    },
    handler: async (request) => {
      const body = request.body as { post: { text?: string } };
      const result = check(body);
      return { result, fixed: applyFixes(body, result), fixedText: applyTextFixes(body.post.text ?? '', result) };
    },
  });

  app.get('/api/v1/protocols/:id', {
    config: { access: protocolsPolicy.rule('read') },
    schema: {
      summary: 'A protocol’s articles',
      description: 'The articles of a protocol in Postwijzer’s own short wording (Dutch and English), for showing next to findings.',
      params: protocolParamsDoc,
      response: { 200: json('The protocol and its articles', protocolDoc), 404: json('not_found: no protocol with this id', errorDoc) },
    },
    handler: async (request, reply) => {
      const { id } = request.params as { id: string };
      const protocol = getProtocol(id);
      if (!protocol) return reply.code(404).send({ error: 'not_found', message: `There is no protocol "${id}".` });
      return {
        id: protocol.id,
        name: protocol.name,
        adopted: protocol.adopted,
        articles: protocol.articles.map(({ id: articleId, section, title, summary }) => ({ id: articleId, section, title, summary })),
      };
    },
  });

  app.get('/health', { config: { access: systemPolicy.rule('health') }, schema: { summary: 'Liveness and database', response: { 200: json('The server is up', healthDoc), 503: json('The database does not answer', errorDoc) } } }, async (_request, reply) => {
    if (opts.database) {
      try {
        await opts.database.query('select 1');
      } catch {
        return reply.code(503).send({ error: 'unavailable', message: 'The database does not answer.' });
      }
    }
    return { status: 'ok' as const };
  });

  if (opts.database) {
    const schoolCache = new SchoolCache(opts.database);
    await schoolCache.start();
    app.addHook('onClose', async () => schoolCache.close());
    const ctx = { database: opts.database, mail: opts.mail, schools: schoolCache, now, maxTextLength, oidcProviders: opts.oidcProviders ?? [] };
    for (const register of ROUTE_MODULES) await register(app, ctx);
  }

  app.get('/openapi.json', { config: { access: systemPolicy.rule('docs') }, schema: { hide: true } }, async () => app.swagger());

  // The demo page: scripts and styles come from our own origin, so a strict CSP fits.
  const pageCsp =
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
  const html = pageHtml(maxTextLength);
  const page = { access: systemPolicy.rule('page') };
  const demoPage = async (_request: FastifyRequest, reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('content-security-policy', pageCsp).send(html);
  app.get('/demo', { config: page, schema: { hide: true } }, demoPage);
  app.get('/app.js', { config: page, schema: { hide: true } }, async (_request, reply) =>
    reply.type('text/javascript; charset=utf-8').send(PAGE_JS),
  );
  app.get('/app.css', { config: page, schema: { hide: true } }, async (_request, reply) => reply.type('text/css; charset=utf-8').send(PAGE_CSS));

  // The web app (web/, built into dist/web by npm run build): its index for every page path, its
  // assets under /assets/. Without a build, / is the demo page.
  const webRoot = opts.webRoot ?? join(packageRoot(), 'dist', 'web');
  const webIndex = existsSync(join(webRoot, 'index.html')) ? readFileSync(join(webRoot, 'index.html'), 'utf8') : null;
  if (webIndex) {
    const appCsp =
      "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    const sendIndex = (reply: FastifyReply) => reply.type('text/html; charset=utf-8').header('content-security-policy', appCsp).header('cache-control', 'no-cache').send(webIndex);
    await app.register(fastifyStatic, { root: join(webRoot, 'assets'), prefix: '/assets/', immutable: true, maxAge: '365d', decorateReply: false });
    app.get('/', { config: page, schema: { hide: true } }, async (_request, reply) => sendIndex(reply));
    sendAppIndex = sendIndex;
  } else {
    app.get('/', { config: page, schema: { hide: true } }, demoPage);
  }

  return app;
}
