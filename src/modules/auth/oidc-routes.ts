// Sign-in through the school's identity provider (OpenID Connect). See oidc.ts for the checks.
//   GET /api/v1/auth/oidc                        → { providers: [{ id, name, startUrl }] }
//   GET /api/v1/auth/oidc/:provider/start        ?returnTo=/path  → 302 to the provider
//   GET /api/v1/auth/oidc/:provider/callback     (the provider sends the browser here) → 303 to returnTo
// Failures answer { error, message } and leave an audit event; nothing of the provider's answer
// (code, tokens, claims, e-mail) is logged or audited.
import type { FastifyReply, FastifyRequest } from 'fastify';
import * as client from 'openid-client';
import { z } from 'zod';
import { accountsPolicy } from '../../policies/index.ts';
import { HttpError } from '../../server/errors.ts';
import type { RouteModule } from '../../server/modules.ts';
import { appendAudit } from '../audit/chain.ts';
import type { AccountMatch, OidcProvider } from './oidc.ts';
import {
  describeFailure,
  matchAccount,
  OIDC_PATH,
  OidcProviders,
  openPending,
  PENDING_LOGIN_TTL_MS,
  pendingCookieName,
  safeReturnTo,
  sealPending,
  UsedLogins,
} from './oidc.ts';
import { startSession } from './routes.ts';
import { newToken } from './secrets.ts';
import { endSession } from './sessions.ts';

const providerParams = z.object({ provider: z.string() });

/**
 * Starts and callbacks per IP address per minute, per route. Higher than for password sign-in:
 * a whole school often shares one public address and signs in at 8:30, and the provider does
 * its own throttling of the actual sign-in.
 */
export const OIDC_PER_IP_PER_MINUTE = 120;

const NO_ACCOUNT: Record<Exclude<AccountMatch['kind'], 'signed_in'>, { status: 403; message: string }> = {
  no_account: { status: 403, message: 'There is no Postwijzer account for this e-mail address. Ask your school to invite you.' },
  email_not_verified: {
    status: 403,
    message: 'Your identity provider did not confirm that this e-mail address is yours, so it cannot be matched to an account. Ask your school to invite you, or sign in with your password.',
  },
  account_closed: { status: 403, message: 'This Postwijzer account is closed. Ask your school if you need it again.' },
  linked_elsewhere: {
    status: 403,
    message: 'The account with this e-mail address is linked to another identity already. Ask your school’s administrator to sort it out.',
  },
};

export const oidcRoutes: RouteModule = async (app, ctx) => {
  const db = ctx.database.db;
  const providers = new OidcProviders(ctx.oidcProviders ?? []);
  const used = new UsedLogins();
  const access = accountsPolicy.rule('signIn');
  const rateLimit = { max: OIDC_PER_IP_PER_MINUTE, timeWindow: 60_000 };

  const providerOf = (request: FastifyRequest): OidcProvider => {
    const { provider } = request.params as z.infer<typeof providerParams>;
    const p = providers.get(provider);
    if (!p) throw new HttpError(404, 'not_found', 'There is no such identity provider. GET /api/v1/auth/oidc lists them.');
    return p;
  };

  /** The redirect URI: configured, or this app's callback as the browser reached it. */
  const redirectUriOf = (p: OidcProvider, request: FastifyRequest): string =>
    p.redirectUri ?? `${request.protocol}://${request.host}${OIDC_PATH}/${p.id}/callback`;

  const audit = (request: FastifyRequest, action: string, providerId: string) =>
    db.transaction((tx) => appendAudit(tx, { schoolId: null, actor: 'anonymous', action, subjectType: 'oidc_provider', subjectId: providerId, requestId: request.id, at: new Date(ctx.now()) }));

  app.get(OIDC_PATH, {
    config: { access },
    schema: { summary: 'Identity providers', description: 'The schools’ identity providers one can sign in with (OpenID Connect), for the sign-in page’s buttons.' },
    handler: async () => ({ providers: providers.list().map((p) => ({ id: p.id, name: p.name, startUrl: `${OIDC_PATH}/${p.id}/start` })) }),
  });

  app.get(`${OIDC_PATH}/:provider/start`, {
    config: { access, rateLimit },
    schema: {
      summary: 'Sign in through the identity provider',
      description: 'Redirects (302) to the provider with PKCE, state and nonce. Optional ?returnTo=/path (a path on this site) to land on after signing in.',
      params: providerParams,
    },
    handler: async (request, reply) => {
      const p = providerOf(request);
      const returnTo = safeReturnTo((request.query as Record<string, unknown>).returnTo);
      if (returnTo === null) throw new HttpError(400, 'invalid_return_to', 'returnTo must be a path on this site, such as /posts; other sites are refused.');
      let config: client.Configuration;
      try {
        config = await providers.configuration(p.id);
      } catch (err) {
        request.log.warn({ provider: p.id, reason: describeFailure(err).reason }, 'oidc discovery failed');
        throw new HttpError(503, 'oidc_unavailable', 'The identity provider cannot be reached. Try again later, or sign in with your e-mail address and password.');
      }
      const redirectUri = redirectUriOf(p, request);
      const codeVerifier = client.randomPKCECodeVerifier();
      const pending = {
        id: newToken(),
        provider: p.id,
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier,
        redirectUri,
        returnTo,
        expiresAt: ctx.now() + PENDING_LOGIN_TTL_MS,
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: redirectUri,
        scope: p.scopes.join(' '),
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
      });
      reply.setCookie(pendingCookieName(p.id), sealPending(providers.key(p.id), pending), {
        path: new URL(redirectUri).pathname,
        httpOnly: true,
        // Lax: the cookie comes along on the provider's top-level redirect back to the callback.
        sameSite: 'lax',
        secure: redirectUri.startsWith('https:'),
        maxAge: PENDING_LOGIN_TTL_MS / 1000,
      });
      return reply.redirect(url.href, 302);
    },
  });

  app.get(`${OIDC_PATH}/:provider/callback`, {
    config: { access, rateLimit },
    schema: {
      summary: 'Return from the identity provider',
      description:
        'Completes the sign-in: checks state, issuer, PKCE, and the ID token’s issuer, audience, nonce and signature; finds the account by its identity or verified e-mail address (accounts are never created here); sets the session cookie and redirects (303) to returnTo.',
      params: providerParams,
    },
    handler: async (request, reply) => {
      const p = providerOf(request);
      const now = ctx.now();
      const cookieName = pendingCookieName(p.id);
      const pending = openPending(providers.key(p.id), p.id, request.cookies[cookieName], now);
      reply.clearCookie(cookieName, { path: new URL(pending?.redirectUri ?? redirectUriOf(p, request)).pathname });

      const refuse = async (status: number, error: string, message: string, reason: string, action = 'auth.oidc_failed'): Promise<FastifyReply> => {
        await audit(request, action, p.id);
        request.log.info({ provider: p.id, reason }, 'oidc sign-in refused');
        return reply.code(status).send({ error, message });
      };

      if (!pending) {
        return refuse(400, 'oidc_no_pending_login', 'This sign-in was not started in this browser, or it took longer than 10 minutes. Start the sign-in again.', 'no_pending_login');
      }
      if (!used.claim(pending.id, pending.expiresAt, now)) {
        return refuse(400, 'oidc_login_used', 'This sign-in was finished or refused already. Start the sign-in again.', 'pending_login_reused');
      }
      const query = request.query as Record<string, unknown>;
      if (query.state !== pending.state) {
        return refuse(400, 'oidc_state_mismatch', 'This answer does not belong to the sign-in started in this browser. Start the sign-in again.', 'state_mismatch');
      }

      let config: client.Configuration;
      try {
        config = await providers.configuration(p.id);
      } catch (err) {
        const f = describeFailure(err);
        return refuse(503, 'oidc_unavailable', 'The identity provider cannot be reached. Try again later.', f.reason);
      }

      // The URL the provider sent the browser to: the redirect URI used at the start plus the
      // answer's query string exactly as received. openid-client sends the same redirect_uri to
      // the token endpoint.
      const currentUrl = new URL(pending.redirectUri);
      const q = request.url.indexOf('?');
      currentUrl.search = q === -1 ? '' : request.url.slice(q);

      let identity;
      try {
        const tokens = await client.authorizationCodeGrant(config, currentUrl, {
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          pkceCodeVerifier: pending.codeVerifier,
          idTokenExpected: true,
        });
        const claims = tokens.claims()!;
        let email: unknown = claims.email;
        let verified: unknown = claims.email_verified;
        // Many providers put e-mail claims in the UserInfo answer only (OIDC Core 5.4 when an
        // access token is issued). fetchUserInfo checks that its subject is the ID token's.
        if (typeof email !== 'string') {
          const info = await client.fetchUserInfo(config, tokens.access_token, claims.sub);
          email = info.email;
          verified = info.email_verified;
        }
        identity = { issuer: claims.iss, subject: claims.sub, email: typeof email === 'string' ? email : null, emailVerified: verified === true };
      } catch (err) {
        const f = describeFailure(err);
        return refuse(f.status, f.error, f.message, f.reason);
      }

      const match = await matchAccount(db, identity, { requestId: request.id, now: new Date(now) });
      if (match.kind !== 'signed_in') {
        const r = NO_ACCOUNT[match.kind];
        return refuse(r.status, match.kind, r.message, match.kind, 'auth.oidc_no_account');
      }
      // Signing in as someone (else) ends the session this browser had.
      if (request.session) await endSession(db, request.session.tokenHash);
      await startSession(db, request, reply, { accountId: match.accountId, method: 'oidc', now: new Date(now) });
      return reply.redirect(pending.returnTo, 303);
    },
  });
};
