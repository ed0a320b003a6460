// Inviting people to a school, setting a password from an e-mail link, and a school's accounts.
//   POST /api/v1/schools/:schoolId/invitations   { email, displayName, role, personId? } → 201 { accountId, invited }
//   POST /api/v1/auth/invitations/accept         { token, password } → signed in (like sign-in)
//   POST /api/v1/auth/password-reset             { email } → 202, the same answer for every address
//   POST /api/v1/auth/password-reset/confirm     { token, password } → 200 { status: 'password_changed' }
//   GET  /api/v1/schools/:schoolId/accounts      → the accounts with a role at the school
// The links in the mails open pages of the web app (/uitnodiging#token=..., /wachtwoord-herstellen#token=...);
// those pages are a later issue, and they call the two public routes above with the token.
// Mails are queued in the transaction of the change and sent after it commits (src/modules/mail).
import rateLimit from '@fastify/rate-limit';
import { eq } from 'drizzle-orm';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { accounts } from '../../db/schema/index.ts';
import { canHandOutRole } from '../../policies/accounts.ts';
import { accountsPolicy, ROLES } from '../../policies/index.ts';
import { parseBody } from '../../server/body.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { appendAudit } from '../audit/chain.ts';
import { auditRefusal, SESSION_COOKIE } from '../auth/guard.ts';
import { assertPasswordAcceptable, hashPassword, WeakPasswordError } from '../auth/passwords.ts';
import { SIGN_IN_PER_IP_PER_MINUTE, startSession } from '../auth/routes.ts';
import { endAllSessions } from '../auth/sessions.ts';
import { mailerFor } from '../mail/mailer.ts';
import type { TokenPurpose } from './invitations.ts';
import { consumeToken, findUsableToken, InvitationError, inviteToSchool, requestPasswordReset, revokeUnused } from './invitations.ts';
import { listSchoolAccounts } from './list.ts';

/** Password-reset requests per IP address per minute (on top of RESETS_PER_HOUR per address). */
export const PASSWORD_RESET_PER_IP_PER_MINUTE = 10;

const email = z.string().trim().pipe(z.email('not an e-mail address').max(320));
const inviteBody = z.object({
  email,
  displayName: z.string().trim().min(1).max(200),
  role: z.enum(ROLES),
  personId: z.uuid().nullish(),
});
const tokenBody = z.object({ token: z.string().min(1).max(200), password: z.string().max(1000) });
const resetBody = z.object({ email });
const schoolParams = z.object({ schoolId: z.string().describe('the school’s id') });

/** The answer to every password-reset request, whether or not the address has an account. */
export const RESET_REQUESTED = {
  status: 'requested',
  message: 'If this e-mail address has an account, a link to choose a new password is on its way; it works once, for one hour.',
} as const;

const INVALID: Record<TokenPurpose, string> = {
  invitation: 'This invitation link is unknown, already used or expired: ask your director or HR for a new invitation.',
  password_reset: 'This password-reset link is unknown, already used or expired: ask for a new one.',
};
const invalidToken = (purpose: TokenPurpose) => new HttpError(400, 'invalid_token', INVALID[purpose], [{ path: '$.token', message: INVALID[purpose] }]);

function assertAcceptable(password: string, email: string): void {
  try {
    assertPasswordAcceptable(password, email);
  } catch (e) {
    if (e instanceof WeakPasswordError) throw new HttpError(400, 'weak_password', e.message, [{ path: '$.password', message: e.message }]);
    throw e;
  }
}

/** A unique violation (two invitations of one new address at once): the transaction is worth one more try. */
function isUniqueViolation(e: unknown): boolean {
  const err = e as { code?: string; cause?: { code?: string } };
  return err.code === '23505' || err.cause?.code === '23505';
}

export const accountRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const { mailer, publicUrl } = mailerFor(app, ctx);
  // The sign-in routes register the rate limiter for the whole app; register it only if they did not.
  if (!app.hasDecorator('rateLimit')) {
    await app.register(rateLimit, {
      global: false,
      errorResponseBuilder: (_request, context) => new HttpError(429, 'too_many_requests', `Too many requests from your address: wait ${context.after} and try again.`),
    });
  }

  app.post('/api/v1/schools/:schoolId/invitations', {
    config: { access: accountsPolicy.rule('invite') },
    schema: {
      summary: 'Invite someone to the school',
      description:
        'Body { email, displayName, role, personId? }. Creates the account (without a password) or gives an existing account the role. An account without a password gets an invitation link by e-mail (valid 7 days, once); an account with one gets a notice of the new role. A director cannot hand out board, hr or data_protection_officer; HR can hand out every role but board. The token is never in the answer.',
      params: schoolParams,
    },
    handler: async (request, reply) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      const actor = request.actor!;
      const body = parseBody(inviteBody, request.body);
      if (!canHandOutRole(actor, schoolId, body.role)) {
        await auditRefusal(ctx.database, request, 'access.forbidden', actor.accountId);
        throw new HttpError(403, 'forbidden', body.role === 'board' ? 'The board role is not handed out through an invitation.' : `Your role at this school cannot hand out the role "${body.role}"; ask HR.`);
      }
      const input = {
        schoolId,
        email: body.email,
        displayName: body.displayName,
        role: body.role,
        personId: body.personId ?? null,
        by: actor.accountId,
        requestId: request.id,
        now: new Date(ctx.now()),
        publicUrl: publicUrl(),
      };
      let result;
      try {
        try {
          result = await db.transaction((tx) => inviteToSchool(tx, input));
        } catch (e) {
          if (!isUniqueViolation(e)) throw e;
          result = await db.transaction((tx) => inviteToSchool(tx, input));
        }
      } catch (e) {
        if (e instanceof InvitationError) throw new HttpError(e.status, e.error, e.message, [{ path: e.path, message: e.message }]);
        throw e;
      }
      if (result.mailQueued) mailer.kick();
      return reply.code(201).send({ accountId: result.accountId, invited: result.invited });
    },
  });

  /** Checks a token and a new password, outside a transaction (hashing is slow); null → 400 invalid_token. */
  const prepare = async (request: FastifyRequest, purpose: TokenPurpose) => {
    const { token, password } = parseBody(tokenBody, request.body);
    const now = new Date(ctx.now());
    const found = await findUsableToken(db, token, purpose, now);
    if (!found) throw invalidToken(purpose);
    assertAcceptable(password, found.email);
    return { found, now, passwordHash: await hashPassword(password) };
  };

  app.post('/api/v1/auth/invitations/accept', {
    config: { access: accountsPolicy.rule('recover'), rateLimit: { max: SIGN_IN_PER_IP_PER_MINUTE, timeWindow: 60_000 } },
    schema: {
      summary: 'Accept an invitation',
      description:
        'Body { token, password }: the token from the invitation link (/uitnodiging#token=...). Sets the password and signs in (sets the session cookie); answers like sign-in whether a TOTP code is still due. 400 invalid_token for an unknown, used or expired link; 400 weak_password.',
    },
    handler: async (request, reply) => {
      const { found, now, passwordHash } = await prepare(request, 'invitation');
      return db.transaction(async (tx) => {
        if (!(await consumeToken(tx, found.tokenId, now))) throw invalidToken('invitation');
        await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, found.accountId));
        await revokeUnused(tx, found.accountId, ['invitation'], now);
        await appendAudit(tx, { schoolId: null, actor: found.accountId, action: 'account.accept_invitation', subjectType: 'account', subjectId: found.accountId, requestId: request.id, fields: ['password_hash'], at: now });
        // The session is created in this same transaction.
        return startSession(tx, request, reply, { accountId: found.accountId, method: 'password', now });
      });
    },
  });

  app.post('/api/v1/auth/password-reset', {
    config: { access: accountsPolicy.rule('recover'), rateLimit: { max: PASSWORD_RESET_PER_IP_PER_MINUTE, timeWindow: 60_000 } },
    schema: {
      summary: 'Ask for a password-reset link',
      description:
        'Body { email }. Always answers 202 with the same body, whether or not the address has an account. An open account with a password (or an invitation) gets a link by e-mail (/wachtwoord-herstellen#token=..., valid one hour, once), at most 3 per hour.',
    },
    handler: async (request, reply) => {
      const body = parseBody(resetBody, request.body);
      const outcome = await db.transaction((tx) => requestPasswordReset(tx, { email: body.email, now: new Date(ctx.now()), publicUrl: publicUrl(), requestId: request.id }));
      if (outcome === 'queued') mailer.kick();
      return reply.code(202).send(RESET_REQUESTED);
    },
  });

  app.post('/api/v1/auth/password-reset/confirm', {
    config: { access: accountsPolicy.rule('recover'), rateLimit: { max: SIGN_IN_PER_IP_PER_MINUTE, timeWindow: 60_000 } },
    schema: {
      summary: 'Set a new password from a reset link',
      description: 'Body { token, password }. Sets the password and ends every session of the account: sign in again afterwards. 400 invalid_token for an unknown, used or expired link; 400 weak_password.',
    },
    handler: async (request, reply) => {
      const { found, now, passwordHash } = await prepare(request, 'password_reset');
      await db.transaction(async (tx) => {
        if (!(await consumeToken(tx, found.tokenId, now))) throw invalidToken('password_reset');
        await tx.update(accounts).set({ passwordHash }).where(eq(accounts.id, found.accountId));
        // The other links of the account stop working too: the password is chosen now.
        await revokeUnused(tx, found.accountId, ['password_reset', 'invitation'], now);
        await endAllSessions(tx, found.accountId);
        await appendAudit(tx, { schoolId: null, actor: found.accountId, action: 'auth.password_reset', subjectType: 'account', subjectId: found.accountId, requestId: request.id, fields: ['password_hash', 'sessions'], at: now });
      });
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { status: 'password_changed' as const };
    },
  });

  app.get('/api/v1/schools/:schoolId/accounts', {
    config: { access: accountsPolicy.rule('list') },
    schema: {
      summary: 'The school’s accounts',
      description: 'Every account with a role at the school: id, displayName, email, roles here, hasPassword (false: invited, not yet accepted), secondFactorEnrolled, closedAt, lastSignInAt.',
      params: schoolParams,
    },
    handler: async (request) => {
      const { schoolId } = request.params as z.infer<typeof schoolParams>;
      return { accounts: await listSchoolAccounts(db, schoolId) };
    },
  });
};
