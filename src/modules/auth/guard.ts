// The route guard: every request is matched to a signed-in account (browser session cookie or API
// token) and to the rule its route carries (`config.access`, from src/policies). A route under
// /api/ without a rule is refused: the guard fails closed. Refusals of signed-in people (403) are
// written to the audit trail; so are forged CSRF tokens.
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { eq } from 'drizzle-orm';
import { schools } from '../../db/schema/index.ts';
import { z } from 'zod';
import type { Database } from '../../db/connection.ts';
import type { Access, Actor } from '../../policies/index.ts';
import { allows } from '../../policies/index.ts';
import { HttpError } from '../../server/errors.ts';
import { appendAudit } from '../audit/chain.ts';
import { loadActor } from './actor.ts';
import { cachedIdentity, rememberIdentity } from './identity-cache.ts';
import { sameSecret, sha256 } from './secrets.ts';
import type { LiveSession } from './sessions.ts';
import { findApiToken, findSession } from './sessions.ts';

export const SESSION_COOKIE = 'pw_session';
export const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    /** The signed-in account, or null. */
    actor: Actor | null;
    /** The browser session, when the request came with one (also while the second factor is due). */
    session: LiveSession | null;
    /** The session still waits for its second factor. */
    secondFactorDue: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
const uuid = z.uuid();

export interface GuardOptions {
  database?: Database;
  now: () => number;
}

/** The rule of the route that answered this request (undefined for the 404 handler and /docs assets). */
export function accessOf(request: FastifyRequest): Access | undefined {
  return request.routeOptions.config?.access;
}

function schoolParam(request: FastifyRequest): string | null {
  const id = (request.params as { schoolId?: string } | undefined)?.schoolId;
  return typeof id === 'string' ? id : null;
}

/** Appends "access refused" to the audit trail: the school's chain if the school exists, else the board's. */
export async function auditRefusal(database: Database, request: FastifyRequest, action: string, actor: string): Promise<void> {
  const schoolId = schoolParam(request);
  const route = `${request.method} ${request.routeOptions.url ?? '(no route)'}`;
  await database.db.transaction(async (tx) => {
    let chain: string | null = null;
    if (schoolId && uuid.safeParse(schoolId).success) {
      const [found] = await tx.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId));
      if (found) chain = schoolId;
    }
    await appendAudit(tx, { schoolId: chain, actor, action, subjectType: 'route', subjectId: route, requestId: request.id });
  });
}

export async function registerGuard(app: FastifyInstance, opts: GuardOptions): Promise<void> {
  await app.register(cookie);
  app.decorateRequest('actor', null);
  app.decorateRequest('session', null);
  app.decorateRequest('secondFactorDue', false);

  const refuse = async (request: FastifyRequest, status: 401 | 403, error: string, message: string): Promise<never> => {
    if (status === 403 && opts.database) await auditRefusal(opts.database, request, `access.${error}`, request.actor?.accountId ?? request.session?.accountId ?? 'anonymous');
    throw new HttpError(status, error, message);
  };

  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    const access = accessOf(request);
    const url = request.routeOptions.url;
    if (!access) {
      // Fail closed: an API route that forgot its rule is refused, for everyone.
      if (url?.startsWith('/api/')) throw new HttpError(403, 'forbidden', 'This route has no access rule; it is closed.');
      return;
    }
    await identify(request, opts);
    if (access.who === 'public') return;

    if (request.session && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !sameSecret(sent, request.session.csrfToken)) {
        return refuse(request, 403, 'csrf_failed', `This request needs the ${CSRF_HEADER} header of your session (GET /api/v1/auth/me gives it). Reload the page and try again.`);
      }
    }
    if (request.secondFactorDue && access.beforeSecondFactor) return;
    if (!request.actor) {
      if (request.secondFactorDue) return refuse(request, 401, 'second_factor_required', 'Give the code from your authenticator app first (POST /api/v1/auth/totp/verify).');
      return refuse(request, 401, 'unauthenticated', 'Sign in first: POST /api/v1/auth/sign-in, or send an API token as "Authorization: Bearer ...".');
    }
    if (access.sessionOnly && request.actor.via !== 'session') {
      return refuse(request, 403, 'session_required', 'This can only be done when signed in through the browser, not with an API token.');
    }
    const schoolId = schoolParam(request);
    if (!allows(access.who, request.actor, schoolId)) {
      return refuse(request, 403, 'forbidden', schoolId ? 'Your account has no role at this school that allows this.' : 'Your account may not do this.');
    }
  });
}

/** Sets request.actor and request.session from the Authorization header or the session cookie. */
async function identify(request: FastifyRequest, opts: GuardOptions): Promise<void> {
  const database = opts.database;
  if (!database) return;
  const nowMs = opts.now();
  const now = new Date(nowMs);
  const auth = request.headers.authorization;
  if (auth !== undefined) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    const key = m ? `t:${sha256(m[1]!)}` : null;
    const cached = key ? cachedIdentity(key, nowMs) : undefined;
    if (cached) {
      request.actor = cached.actor;
      return;
    }
    const token = m ? await findApiToken(database.db, m[1]!, now) : null;
    if (!token) throw new HttpError(401, 'invalid_token', 'The API token is unknown, revoked or expired.');
    request.actor = await loadActor(database.db, token.accountId, 'token', token.schoolId);
    if (request.actor) rememberIdentity(key!, { actor: request.actor, session: null, secondFactorDue: false }, nowMs, token.expiresAt ?? undefined);
    return;
  }
  const cookieToken = request.cookies[SESSION_COOKIE];
  if (!cookieToken) return;
  const key = `s:${sha256(cookieToken)}`;
  const cached = cachedIdentity(key, nowMs);
  if (cached) {
    request.session = cached.session;
    request.secondFactorDue = cached.secondFactorDue;
    request.actor = cached.actor;
    return;
  }
  const session = await findSession(database.db, cookieToken, now);
  if (!session) return;
  request.session = session;
  const actor = await loadActor(database.db, session.accountId, 'session');
  if (actor && !session.secondFactorAt && actor.holdsSecondFactorRole) request.secondFactorDue = true;
  else request.actor = actor;
  rememberIdentity(key, { actor: request.actor, session, secondFactorDue: request.secondFactorDue }, nowMs, session.expiresAt);
}

/** Cookie options: HttpOnly, SameSite=Lax, and Secure when the request came over https. */
export function sessionCookieOptions(request: FastifyRequest, expires: Date) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: request.protocol === 'https', expires };
}
