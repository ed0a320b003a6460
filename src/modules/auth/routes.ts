// Sign-in with e-mail and password, the second factor, sign-out, "who am I" and API tokens.
//   POST   /api/v1/auth/sign-in         { email, password }
//   POST   /api/v1/auth/totp/enrol      → { secret, otpauthUrl }   (while the code is due, or later)
//   POST   /api/v1/auth/totp/verify     { code }
//   POST   /api/v1/auth/sign-out
//   GET    /api/v1/auth/me              → account, roles and permissions per school, csrfToken
//   GET    /api/v1/auth/tokens, POST /api/v1/auth/tokens { name, schoolId? }, DELETE /api/v1/auth/tokens/:id
// Messages never tell whether an e-mail address has an account.
import rateLimit from '@fastify/rate-limit';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDb } from '../../db/connection.ts';
import { accounts, apiTokens, schools } from '../../db/schema/index.ts';
import type { Actor } from '../../policies/index.ts';
import { accountsPolicy, allows, POLICIES, SECOND_FACTOR_ROLES } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { appendAudit } from '../audit/chain.ts';
import { needsSecondFactor } from './actor.ts';
import { SESSION_COOKIE, sessionCookieOptions } from './guard.ts';
import { verifyPassword } from './passwords.ts';
import { newToken, sha256 } from './secrets.ts';
import type { SignInMethod } from './sessions.ts';
import { createSession, endSession } from './sessions.ts';
import { forgetIdentities } from './identity-cache.ts';
import { SignInThrottle } from './throttle.ts';
import { acceptTotp, newTotpSecret, otpauthUrl } from './totp.ts';

const signInBody = z.object({ email: z.string().min(1).max(320), password: z.string().min(1).max(1000) });
const codeBody = z.object({ code: z.string().min(1).max(20) });
const tokenBody = z.object({ name: z.string().trim().min(1).max(100), schoolId: z.uuid().optional(), expiresInDays: z.number().int().min(1).max(730).optional() });
const tokenParams = z.object({ id: z.string() });

/** Sign-in attempts per IP address per minute (on top of the per-address throttle). */
export const SIGN_IN_PER_IP_PER_MINUTE = 30;

export const normaliseEmail = (email: string): string => email.trim().toLowerCase();

/** Signs an account in: a new session, its cookie, and an audit event. Used by password and OIDC sign-in. */
export async function startSession(
  db: AppDb,
  request: FastifyRequest,
  reply: FastifyReply,
  opts: { accountId: string; method: SignInMethod; now: Date; secondFactorDone?: boolean },
): Promise<{ status: 'signed_in' | 'second_factor_required' | 'second_factor_enrolment_required'; csrfToken: string }> {
  const [account] = await db.select({ totpConfirmedAt: accounts.totpConfirmedAt }).from(accounts).where(eq(accounts.id, opts.accountId));
  const needs = await needsSecondFactor(db, opts.accountId);
  const done = !needs || opts.secondFactorDone === true;
  const session = await db.transaction(async (tx) => {
    const s = await createSession(tx, { accountId: opts.accountId, method: opts.method, secondFactorDone: done, now: opts.now });
    await tx.update(accounts).set({ lastSignInAt: opts.now }).where(eq(accounts.id, opts.accountId));
    await appendAudit(tx, { schoolId: null, actor: opts.accountId, action: `auth.sign_in.${opts.method}`, subjectType: 'account', subjectId: opts.accountId, requestId: request.id, fields: ['last_sign_in_at'], at: opts.now });
    return s;
  });
  reply.setCookie(SESSION_COOKIE, session.token, sessionCookieOptions(request, session.expiresAt));
  const status = done ? 'signed_in' : account?.totpConfirmedAt ? 'second_factor_required' : 'second_factor_enrolment_required';
  return { status, csrfToken: session.csrfToken };
}

async function schoolNames(db: AppDb, ids: string[]): Promise<Map<string, { name: string; brin: string }>> {
  if (!ids.length) return new Map();
  const rows = await db.select({ id: schools.id, name: schools.name, brin: schools.brin }).from(schools).where(inArray(schools.id, ids));
  return new Map(rows.map((r) => [r.id, { name: r.name, brin: r.brin }]));
}

/** What an actor may do at each of their schools: `resource.action` → true, for the app's navigation. */
export function permissionsAt(actor: Actor, schoolId: string): string[] {
  const out: string[] = [];
  for (const p of POLICIES) {
    for (const [action, rule] of Object.entries(p.rules)) {
      if (Array.isArray(rule.who) && allows(rule.who, actor, schoolId)) out.push(`${p.resource}.${action}`);
    }
  }
  return out;
}

export const authRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const throttle = new SignInThrottle(ctx.now);
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new HttpError(429, 'too_many_requests', `Too many requests from your address: wait ${context.after} and try again.`),
  });

  const audit = (request: FastifyRequest, action: string, actor: string, subjectId: string | null, fields?: string[]) =>
    db.transaction((tx) => appendAudit(tx, { schoolId: null, actor, action, subjectType: 'account', subjectId, requestId: request.id, ...(fields ? { fields } : {}), at: new Date(ctx.now()) }));

  const tooMany = (ms: number, reply: FastifyReply): never => {
    reply.header('retry-after', String(Math.ceil(ms / 1000)));
    throw new HttpError(429, 'too_many_attempts', `Too many failed attempts. Wait ${Math.ceil(ms / 60_000)} minutes and try again, or reset your password.`);
  };

  app.post('/api/v1/auth/sign-in', {
    config: { access: accountsPolicy.rule('signIn'), rateLimit: { max: SIGN_IN_PER_IP_PER_MINUTE, timeWindow: 60_000 } },
    schema: { summary: 'Sign in with e-mail and password', description: 'Sets the session cookie. Answers whether a TOTP code is still due (board, HR and FG).' },
    handler: async (request, reply) => {
      const { email, password } = parseBody(signInBody, request.body);
      const key = normaliseEmail(email);
      const wait = throttle.retryAfter(key);
      if (wait > 0) {
        await audit(request, 'auth.sign_in_throttled', 'anonymous', null);
        tooMany(wait, reply);
      }
      const [account] = await db
        .select({ id: accounts.id, passwordHash: accounts.passwordHash })
        .from(accounts)
        .where(and(eq(sql`lower(${accounts.email})`, key), isNull(accounts.closedAt)));
      const ok = await verifyPassword(account?.passwordHash, password);
      if (!account || !ok) {
        throttle.fail(key);
        await audit(request, 'auth.sign_in_failed', 'anonymous', account?.id ?? null);
        throw new HttpError(401, 'invalid_credentials', 'The e-mail address or the password is not right.');
      }
      throttle.succeed(key);
      return startSession(db, request, reply, { accountId: account.id, method: 'password', now: new Date(ctx.now()) });
    },
  });

  const sessionAccount = (request: FastifyRequest) => {
    if (!request.session) throw new HttpError(403, 'session_required', 'This needs a browser session.');
    return request.session.accountId;
  };

  app.post('/api/v1/auth/totp/enrol', {
    config: { access: accountsPolicy.rule('secondFactor') },
    schema: { summary: 'Set up the second factor', description: 'Gives a new TOTP secret (as text and as an otpauth:// link for a QR code) until a first code confirms it.' },
    handler: async (request) => {
      const accountId = sessionAccount(request);
      const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
      if (account!.totpConfirmedAt) throw new HttpError(409, 'already_enrolled', 'The second factor is already set up. Ask the data-protection officer to reset it if you lost your device.');
      const secret = newTotpSecret();
      await db.update(accounts).set({ totpSecret: secret, totpLastStep: null }).where(eq(accounts.id, accountId));
      await audit(request, 'auth.totp_enrol', accountId, accountId, ['totp_secret']);
      return { secret, otpauthUrl: otpauthUrl(secret, account!.email) };
    },
  });

  app.post('/api/v1/auth/totp/verify', {
    config: { access: accountsPolicy.rule('secondFactor'), rateLimit: { max: SIGN_IN_PER_IP_PER_MINUTE, timeWindow: 60_000 } },
    schema: { summary: 'Give the TOTP code', description: 'Completes the sign-in (and confirms a new second factor). The session gets a new cookie.' },
    handler: async (request, reply) => {
      const accountId = sessionAccount(request);
      const { code } = parseBody(codeBody, request.body);
      const key = `totp:${accountId}`;
      const wait = throttle.retryAfter(key);
      if (wait > 0) tooMany(wait, reply);
      const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
      if (!account?.totpSecret) throw new HttpError(409, 'not_enrolled', 'Set up the second factor first: POST /api/v1/auth/totp/enrol.');
      const now = ctx.now();
      const step = acceptTotp(account.totpSecret, code.replace(/\s/g, ''), now, account.totpLastStep);
      if (step === null) {
        throttle.fail(key);
        await audit(request, 'auth.totp_failed', accountId, accountId);
        throw new HttpError(401, 'invalid_code', 'The code is not right. Use the newest code of your authenticator app.');
      }
      throttle.succeed(key);
      await db.transaction(async (tx) => {
        await tx.update(accounts).set({ totpLastStep: step, ...(account.totpConfirmedAt ? {} : { totpConfirmedAt: new Date(now) }) }).where(eq(accounts.id, accountId));
        await appendAudit(tx, { schoolId: null, actor: accountId, action: account.totpConfirmedAt ? 'auth.totp_verified' : 'auth.totp_confirmed', subjectType: 'account', subjectId: accountId, requestId: request.id, fields: account.totpConfirmedAt ? ['totp_last_step'] : ['totp_last_step', 'totp_confirmed_at'], at: new Date(now) });
      });
      // A new session token once the second factor is in: the half-signed-in token is not reused.
      await endSession(db, request.session!.tokenHash);
      return startSession(db, request, reply, { accountId, method: request.session!.method, now: new Date(now), secondFactorDone: true });
    },
  });

  app.post('/api/v1/auth/sign-out', {
    config: { access: accountsPolicy.rule('signOut') },
    schema: { summary: 'Sign out', description: 'Ends the session and clears its cookie.' },
    handler: async (request, reply) => {
      if (request.session) {
        await endSession(db, request.session.tokenHash);
        await audit(request, 'auth.sign_out', request.session.accountId, request.session.accountId);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { status: 'signed_out' };
    },
  });

  app.get('/api/v1/auth/me', {
    config: { access: accountsPolicy.rule('me') },
    schema: { summary: 'Who am I', description: 'The account, the CSRF token for writes, and per school the roles and what they allow (resource.action).' },
    handler: async (request) => {
      const accountId = request.actor?.accountId ?? request.session!.accountId;
      const [account] = await db.select().from(accounts).where(eq(accounts.id, accountId));
      const actor = request.actor;
      const names = await schoolNames(db, actor ? [...actor.schools.keys()] : []);
      const needs = await needsSecondFactor(db, accountId);
      return {
        account: { id: account!.id, email: account!.email, displayName: account!.displayName },
        via: actor?.via ?? 'session',
        csrfToken: request.session?.csrfToken ?? null,
        secondFactor: { required: needs, enrolled: account!.totpConfirmedAt !== null, due: request.secondFactorDue, roles: SECOND_FACTOR_ROLES },
        schools: actor
          ? [...actor.schools].map(([id, s]) => ({ id, name: names.get(id)?.name ?? '', brin: names.get(id)?.brin ?? '', roles: [...s.roles], personId: s.personId, permissions: permissionsAt(actor, id) }))
          : [],
      };
    },
  });

  app.get('/api/v1/auth/tokens', {
    config: { access: accountsPolicy.rule('tokens') },
    schema: { summary: 'My API tokens', description: 'Name, school, dates; never the token itself.' },
    handler: async (request) => {
      const rows = await db
        .select({ id: apiTokens.id, name: apiTokens.name, schoolId: apiTokens.schoolId, createdAt: apiTokens.createdAt, expiresAt: apiTokens.expiresAt, lastUsedAt: apiTokens.lastUsedAt, revokedAt: apiTokens.revokedAt })
        .from(apiTokens)
        .where(eq(apiTokens.accountId, request.actor!.accountId));
      return { tokens: rows };
    },
  });

  app.post('/api/v1/auth/tokens', {
    config: { access: accountsPolicy.rule('tokens') },
    schema: { summary: 'Create an API token', description: 'For an integration: acts as your account (at one school, if given). The token is shown once.' },
    handler: async (request, reply) => {
      const actor = request.actor!;
      const body = parseBody(tokenBody, request.body);
      if (body.schoolId && !actor.schools.has(body.schoolId)) throw new HttpError(403, 'forbidden', 'You have no role at that school.');
      const token = newToken('pwt_');
      const now = ctx.now();
      const row = await db.transaction(async (tx) => {
        const [r] = await tx
          .insert(apiTokens)
          .values({ accountId: actor.accountId, name: body.name, schoolId: body.schoolId ?? null, tokenHash: sha256(token), ...(body.expiresInDays ? { expiresAt: new Date(now + body.expiresInDays * 86_400_000) } : {}) })
          .returning({ id: apiTokens.id, expiresAt: apiTokens.expiresAt });
        await appendAudit(tx, { schoolId: null, actor: actor.accountId, action: 'api_token.create', subjectType: 'api_token', subjectId: r!.id, requestId: request.id, fields: ['name', 'school_id', 'expires_at'] });
        return r!;
      });
      return reply.code(201).send({ id: row.id, token, expiresAt: row.expiresAt });
    },
  });

  app.delete('/api/v1/auth/tokens/:id', {
    config: { access: accountsPolicy.rule('tokens') },
    schema: { summary: 'Revoke an API token', params: tokenParams },
    handler: async (request) => {
      const actor = request.actor!;
      const { id } = request.params as z.infer<typeof tokenParams>;
      if (!z.uuid().safeParse(id).success) throw new HttpError(404, 'not_found', 'There is no such token.');
      return db.transaction(async (tx) => {
        const revoked = await tx
          .update(apiTokens)
          .set({ revokedAt: new Date(ctx.now()) })
          .where(and(eq(apiTokens.id, id), eq(apiTokens.accountId, actor.accountId), isNull(apiTokens.revokedAt)))
          .returning({ id: apiTokens.id });
        if (!revoked.length) throw new HttpError(404, 'not_found', 'There is no such token.');
        forgetIdentities();
        await appendAudit(tx, { schoolId: null, actor: actor.accountId, action: 'api_token.revoke', subjectType: 'api_token', subjectId: id, requestId: request.id, fields: ['revoked_at'] });
        return { id, status: 'revoked' };
      });
    },
  });
};
