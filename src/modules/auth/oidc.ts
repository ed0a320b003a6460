// Sign-in through a school's identity provider with OpenID Connect (openid-client 6).
//
// The flow (routes in oidc-routes.ts): /start sends the browser to the provider with PKCE (S256),
// a state and a nonce; the pending login (those three, the redirect URI and where to go back to)
// travels in a short-lived HttpOnly cookie, encrypted and authenticated with AES-256-GCM, so any
// app process can finish it and nobody can forge or read it. /callback lets openid-client do
// the authorization code grant and check everything it is there for: state, the RFC 9207 `iss`
// response parameter, PKCE, and of the ID token the issuer, audience, nonce, expiry and — turned on
// here with enableNonRepudiationChecks — its signature against the provider's published keys.
//
// Accounts are never created here: an ID token only finds an account, by issuer and subject, or
// once by a verified e-mail address, after which the subject is stored on the account.
import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import * as client from 'openid-client';
import type { AppDb } from '../../db/connection.ts';
import { accounts } from '../../db/schema/index.ts';
import { appendAudit } from '../audit/chain.ts';

export interface OidcProviderConfig {
  /** Short id used in URLs and the cookie name: lower-case letters, digits, - and _. */
  id: string;
  /** Shown on the sign-in button ("Sign in with ..."). */
  name: string;
  /** The provider's issuer identifier; its discovery document is at issuer + /.well-known/openid-configuration. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** As registered at the provider. Default: derived from the request, https?://<host>/api/v1/auth/oidc/<id>/callback. */
  redirectUri?: string;
  /** Default: openid email profile. openid is always asked for. */
  scopes?: string[];
}

/** A provider as checked at start-up. */
export interface OidcProvider extends Required<Omit<OidcProviderConfig, 'redirectUri'>> {
  redirectUri: string | null;
  issuerUrl: URL;
  /** Plain-http issuer on this machine (tests, a local provider): see discover(). */
  insecureLoopback: boolean;
}

export const DEFAULT_OIDC_SCOPES = ['openid', 'email', 'profile'];
/** How long a started sign-in may take at the provider. */
export const PENDING_LOGIN_TTL_MS = 10 * 60_000;
export const OIDC_PATH = '/api/v1/auth/oidc';

const ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,39}$/;

export class OidcConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OidcConfigError';
  }
}

/** localhost, 127.0.0.0/8 and ::1: traffic that never leaves the machine. */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

function httpsOrLoopback(value: string, what: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OidcConfigError(`${what} is not a URL: "${value}".`);
  }
  if (url.search || url.hash) throw new OidcConfigError(`${what} must not have a query or fragment.`);
  if (url.protocol === 'https:') return url;
  if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url;
  throw new OidcConfigError(`${what} must use https (plain http is only accepted for localhost / 127.0.0.1): "${value}".`);
}

/** Checks the configured providers; throws OidcConfigError with a sentence a person can act on. */
export function checkOidcProviders(list: readonly OidcProviderConfig[]): OidcProvider[] {
  const seen = new Set<string>();
  return list.map((p) => {
    if (!ID_PATTERN.test(p.id)) throw new OidcConfigError(`OIDC provider id "${p.id}" must be 1–40 lower-case letters, digits, - or _.`);
    if (seen.has(p.id)) throw new OidcConfigError(`OIDC provider id "${p.id}" is configured twice.`);
    seen.add(p.id);
    if (!p.clientId) throw new OidcConfigError(`OIDC provider "${p.id}" needs a client id.`);
    if (!p.clientSecret) throw new OidcConfigError(`OIDC provider "${p.id}" needs a client secret.`);
    const issuerUrl = httpsOrLoopback(p.issuer, `The issuer of OIDC provider "${p.id}"`);
    const redirectUri = p.redirectUri ? httpsOrLoopback(p.redirectUri, `The redirect URI of OIDC provider "${p.id}"`).href : null;
    const scopes = [...new Set(['openid', ...(p.scopes?.length ? p.scopes : DEFAULT_OIDC_SCOPES)])];
    return {
      id: p.id,
      name: p.name || p.id,
      issuer: p.issuer,
      clientId: p.clientId,
      clientSecret: p.clientSecret,
      redirectUri,
      scopes,
      issuerUrl,
      insecureLoopback: issuerUrl.protocol === 'http:',
    };
  });
}

/**
 * One provider from the environment (`postwijzer serve`), with id "school":
 * POSTWIJZER_OIDC_ISSUER, _CLIENT_ID, _CLIENT_SECRET (all three, or none), optional _NAME and _REDIRECT_URI.
 */
export function oidcProvidersFromEnv(env: NodeJS.ProcessEnv = process.env): OidcProviderConfig[] {
  const issuer = env.POSTWIJZER_OIDC_ISSUER || '';
  const clientId = env.POSTWIJZER_OIDC_CLIENT_ID || '';
  const clientSecret = env.POSTWIJZER_OIDC_CLIENT_SECRET || '';
  if (!issuer && !clientId && !clientSecret) return [];
  const missing = [
    ['POSTWIJZER_OIDC_ISSUER', issuer],
    ['POSTWIJZER_OIDC_CLIENT_ID', clientId],
    ['POSTWIJZER_OIDC_CLIENT_SECRET', clientSecret],
  ].flatMap(([name, value]) => (value ? [] : [name]));
  if (missing.length) throw new OidcConfigError(`Sign-in through the identity provider needs ${missing.join(' and ')} too (or none of the POSTWIJZER_OIDC_ variables).`);
  return [
    {
      id: 'school',
      name: env.POSTWIJZER_OIDC_NAME || 'School account',
      issuer,
      clientId,
      clientSecret,
      ...(env.POSTWIJZER_OIDC_REDIRECT_URI ? { redirectUri: env.POSTWIJZER_OIDC_REDIRECT_URI } : {}),
    },
  ];
}

// ---- Discovery ----------------------------------------------------------------------------

/**
 * client_secret_basic unless the provider says it only takes client_secret_post. (Metadata without
 * token_endpoint_auth_methods_supported means client_secret_basic, RFC 8414.)
 */
function clientAuth(secret: string): client.ClientAuth {
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, c, body, headers) => {
    const methods = as.token_endpoint_auth_methods_supported;
    const usePost = Array.isArray(methods) && !methods.includes('client_secret_basic') && methods.includes('client_secret_post');
    (usePost ? post : basic)(as, c, body, headers);
  };
}

async function discover(p: OidcProvider): Promise<client.Configuration> {
  const execute: ((config: client.Configuration) => void)[] = [client.enableNonRepudiationChecks];
  // openid-client talks https only. A plain-http issuer is accepted (checkOidcProviders) only on a
  // loopback address — a provider on this machine, as in the tests — where the traffic never
  // crosses a network that TLS would have to protect. Never for anything else.
  if (p.insecureLoopback) execute.unshift(client.allowInsecureRequests);
  return client.discovery(p.issuerUrl, p.clientId, { client_secret: p.clientSecret }, clientAuth(p.clientSecret), { execute, timeout: 10 });
}

/** The providers of this app, with their discovered configuration cached after the first use. */
export class OidcProviders {
  private readonly byId = new Map<string, { provider: OidcProvider; config: Promise<client.Configuration> | null; key: Buffer }>();

  constructor(list: readonly OidcProviderConfig[]) {
    // openid-client needs WebCrypto and fetch as globals: Node 20 has both.
    if (list.length && !globalThis.crypto?.subtle) throw new OidcConfigError('OpenID Connect sign-in needs WebCrypto (globalThis.crypto.subtle): use Node 20 or newer.');
    for (const provider of checkOidcProviders(list)) this.byId.set(provider.id, { provider, config: null, key: pendingKey(provider) });
  }

  list(): OidcProvider[] {
    return [...this.byId.values()].map((e) => e.provider);
  }

  get(id: string): OidcProvider | undefined {
    return this.byId.get(id)?.provider;
  }

  /** Discovery at first use (the provider may be down when the app starts); a failure is retried next time. */
  configuration(id: string): Promise<client.Configuration> {
    const entry = this.byId.get(id);
    if (!entry) return Promise.reject(new OidcConfigError(`No OIDC provider "${id}".`));
    entry.config ??= discover(entry.provider).catch((e: unknown) => {
      entry.config = null;
      throw e;
    });
    return entry.config;
  }

  key(id: string): Buffer {
    return this.byId.get(id)!.key;
  }
}

// ---- The pending login --------------------------------------------------------------------

export interface PendingLogin {
  /** Random id: a login is finished (or refused) once. */
  id: string;
  provider: string;
  state: string;
  nonce: string;
  codeVerifier: string;
  redirectUri: string;
  returnTo: string;
  expiresAt: number;
}

export const pendingCookieName = (providerId: string): string => `pw_oidc_${providerId}`;

/**
 * The cookie key, derived from the client secret: every app process of the deployment has it,
 * nothing else but the provider does, and it needs no further configuration.
 */
function pendingKey(p: OidcProvider): Buffer {
  return Buffer.from(hkdfSync('sha256', p.clientSecret, 'postwijzer', `oidc pending login v1|${p.id}|${p.issuer}|${p.clientId}`, 32));
}

export function sealPending(key: Buffer, login: PendingLogin): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(login.provider));
  const body = Buffer.concat([cipher.update(JSON.stringify(login), 'utf8'), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString('base64url');
}

/** The pending login of a cookie, or null when it is missing, forged, for another provider or expired. */
export function openPending(key: Buffer, providerId: string, value: string | undefined, now: number): PendingLogin | null {
  if (!value || value.length > 4096) return null;
  const raw = Buffer.from(value, 'base64url');
  if (raw.length < 12 + 16 + 2) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(providerId));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const text = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]).toString('utf8');
    const login = JSON.parse(text) as PendingLogin;
    if (login.provider !== providerId || typeof login.expiresAt !== 'number' || login.expiresAt <= now) return null;
    return login;
  } catch {
    return null;
  }
}

/**
 * Pending logins already finished or refused in this process, until they expire: a callback is
 * not run twice. (Across processes the provider's one-time authorization code does the same.)
 */
export class UsedLogins {
  private readonly used = new Map<string, number>();

  /** true the first time for an id, false after. */
  claim(id: string, expiresAt: number, now: number): boolean {
    if (this.used.has(id)) return false;
    if (this.used.size > 1000) for (const [k, until] of this.used) if (until <= now) this.used.delete(k);
    this.used.set(id, expiresAt);
    return true;
  }
}

/** A same-site path to go back to after sign-in, or null when the value is anything else. */
export function safeReturnTo(value: unknown): string | null {
  if (value === undefined || value === '') return '/';
  if (typeof value !== 'string' || value.length > 1000) return null;
  // "//evil.example" and "/\evil.example" are other sites to a browser; control characters hide tricks.
  if (!value.startsWith('/') || value.startsWith('//') || value.includes('\\') || [...value].some((ch) => ch <= '\u001f' || ch === '\u007f')) return null;
  const base = 'https://postwijzer.invalid';
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return null;
  }
  if (url.origin !== base) return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

// ---- Failures -----------------------------------------------------------------------------

export interface OidcFailure {
  status: 401 | 503;
  error: string;
  message: string;
  /** For the log: a library error code or the provider's OAuth error code, never token contents. */
  reason: string;
}

/** Which check failed, for the log: oauth4webapi's messages are fixed sentences (values go in their cause). */
const CHECKS: [RegExp, string][] = [
  [/signature verification failed/, 'signature'],
  [/"alg" header parameter/, 'alg'],
  [/"iss" \(issuer\) response parameter/, 'iss_parameter'],
  [/"state" response parameter/, 'state'],
];

/** The NAME of the claim or the check that failed ("aud", "nonce", "signature"), never a value. */
function checkedName(err: Error): string {
  const inner = err.cause instanceof Error ? err.cause : undefined;
  const detail = inner?.cause as { claim?: unknown; attribute?: unknown } | undefined;
  const name = detail?.claim ?? detail?.attribute ?? CHECKS.find(([re]) => re.test(inner?.message ?? ''))?.[1];
  return typeof name === 'string' && /^[a-z_]{1,20}$/.test(name) ? `:${name}` : '';
}

const oauthCode = (value: unknown): string => (typeof value === 'string' && /^[a-z_]{1,40}$/.test(value) ? value : 'other');

/**
 * What to tell the person about a failed grant. Library messages and causes are not passed on:
 * their causes hold the response parameters and token claims.
 */
export function describeFailure(err: unknown): OidcFailure {
  if (err instanceof client.AuthorizationResponseError) {
    const code = oauthCode(err.error);
    return {
      status: 401,
      error: 'oidc_refused',
      message: `The identity provider did not sign you in (${code}). Try again, or ask your school if this keeps happening.`,
      reason: `authorization_response:${code}`,
    };
  }
  if (err instanceof client.ResponseBodyError) {
    return {
      status: 401,
      error: 'oidc_failed',
      message: 'The identity provider refused to complete the sign-in (the code may have been used already or have expired). Start the sign-in again.',
      reason: `token_endpoint:${oauthCode(err.error)}`,
    };
  }
  if (err instanceof client.ClientError && err.code && !/RESPONSE_IS_NOT_(CONFORM|JSON)|HTTP_REQUEST_FORBIDDEN/.test(err.code)) {
    return {
      status: 401,
      error: 'oidc_failed',
      message: 'The answer of the identity provider could not be verified (issuer, audience, nonce, state, code verifier or signature). Start the sign-in again.',
      reason: `${err.code}${checkedName(err)}`,
    };
  }
  // fetch failed, a time-out, or an answer that is no OAuth answer at all.
  const code = err instanceof client.ClientError ? (err.code ?? 'client_error') : err instanceof Error ? err.name : 'unknown';
  return { status: 503, error: 'oidc_unavailable', message: 'The identity provider cannot be reached or gave no usable answer. Try again later.', reason: code };
}

// ---- Accounts -----------------------------------------------------------------------------

export interface OidcIdentity {
  issuer: string;
  subject: string;
  email: string | null;
  emailVerified: boolean;
}

export type AccountMatch =
  | { kind: 'signed_in'; accountId: string; linked: boolean }
  | { kind: 'no_account' | 'email_not_verified' | 'account_closed' | 'linked_elsewhere' };

/**
 * The account of an identity: by issuer and subject; else, once, by a verified e-mail address of an
 * open account that has no OIDC identity yet — which then gets this one (audited as
 * account.link_oidc). Never creates an account.
 */
export async function matchAccount(db: AppDb, who: OidcIdentity, opts: { requestId: string; now: Date }): Promise<AccountMatch> {
  const [known] = await db
    .select({ id: accounts.id, closedAt: accounts.closedAt })
    .from(accounts)
    .where(and(eq(accounts.oidcIssuer, who.issuer), eq(accounts.oidcSubject, who.subject)));
  if (known) return known.closedAt ? { kind: 'account_closed' } : { kind: 'signed_in', accountId: known.id, linked: false };
  if (!who.email) return { kind: 'no_account' };
  if (!who.emailVerified) return { kind: 'email_not_verified' };
  const email = who.email.trim().toLowerCase();
  const [byEmail] = await db
    .select({ id: accounts.id, oidcSubject: accounts.oidcSubject })
    .from(accounts)
    .where(and(eq(sql`lower(${accounts.email})`, email), isNull(accounts.closedAt)));
  if (!byEmail) return { kind: 'no_account' };
  // An account holds one identity: another subject (a reused address, another provider) does not take it over.
  if (byEmail.oidcSubject !== null) return { kind: 'linked_elsewhere' };
  const linked = await db.transaction(async (tx) => {
    const rows = await tx
      .update(accounts)
      .set({ oidcIssuer: who.issuer, oidcSubject: who.subject })
      .where(and(eq(accounts.id, byEmail.id), isNull(accounts.oidcSubject), isNull(accounts.closedAt)))
      .returning({ id: accounts.id });
    if (!rows.length) return false;
    await appendAudit(tx, { schoolId: null, actor: byEmail.id, action: 'account.link_oidc', subjectType: 'account', subjectId: byEmail.id, requestId: opts.requestId, fields: ['oidc_issuer', 'oidc_subject'], at: opts.now });
    return true;
  });
  return linked ? { kind: 'signed_in', accountId: byEmail.id, linked: true } : { kind: 'linked_elsewhere' };
}
