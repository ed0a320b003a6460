// OpenID Connect on loopback for integration tests: a browser (fetch with a cookie jar and manual
// redirects), a real provider (oidc-provider with its development login and consent forms) and a
// small hand-written provider whose token endpoint can hand out forged ID tokens.
import { createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider } from 'oidc-provider';

/** An http server on 127.0.0.1 and a free port; the handler is attached later. */
export async function listenLoopback(): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

export const closeServer = (server: http.Server | undefined): Promise<void> =>
  new Promise((resolve) => {
    if (!server) return resolve();
    server.closeAllConnections();
    server.close(() => resolve());
  });

// ---- The browser --------------------------------------------------------------------------

/** Cookies per origin (name → value; paths and expiry kept simple), fetch without following redirects. */
export class Browser {
  readonly jar = new Map<string, Map<string, string>>();

  cookie(origin: string, name: string): string | undefined {
    return this.jar.get(origin)?.get(name);
  }

  setCookie(origin: string, name: string, value: string): void {
    const jar = this.jar.get(origin) ?? new Map<string, string>();
    jar.set(name, value);
    this.jar.set(origin, jar);
  }

  async fetch(url: string, init: { method?: string; form?: Record<string, string> } = {}): Promise<Response> {
    const origin = new URL(url).origin;
    const jar = this.jar.get(origin);
    const headers: Record<string, string> = {};
    if (jar?.size) headers.cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    if (init.form) headers['content-type'] = 'application/x-www-form-urlencoded';
    const res = await fetch(url, { method: init.method ?? (init.form ? 'POST' : 'GET'), headers, redirect: 'manual', ...(init.form ? { body: new URLSearchParams(init.form).toString() } : {}) });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attrs.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]!) < Date.now()));
      const next = this.jar.get(origin) ?? new Map<string, string>();
      if (expired || value === '') next.delete(name);
      else next.set(name, value);
      this.jar.set(origin, next);
    }
    return res;
  }
}

export const locationOf = (res: Response, base: string): string => new URL(res.headers.get('location')!, base).href;

/**
 * Walks through the provider's pages from an authorization URL — submitting the login form with
 * `login` and the consent form — until the provider sends the browser back to `appOrigin`.
 * Returns that callback URL without following it.
 */
export async function loginAtProvider(browser: Browser, authorizationUrl: string, appOrigin: string, login: string): Promise<string> {
  let res = await browser.fetch(authorizationUrl);
  let url = authorizationUrl;
  for (let step = 0; step < 12; step++) {
    if (res.status >= 300 && res.status < 400) {
      url = locationOf(res, url);
      if (new URL(url).origin === appOrigin) return url;
      res = await browser.fetch(url);
      continue;
    }
    const html = await res.text();
    const form = /<form[^>]*action="([^"]+)"[^>]*method="post"/i.exec(html);
    if (res.status !== 200 || !form) throw new Error(`unexpected page at the provider: ${res.status} ${html.slice(0, 300)}`);
    const fields: Record<string, string> = {};
    for (const m of html.matchAll(/<input[^>]*name="([^"]+)"(?:[^>]*value="([^"]*)")?/gi)) fields[m[1]!] = m[2] ?? '';
    if ('login' in fields) Object.assign(fields, { login, password: 'any' });
    url = new URL(form[1]!.replace(/&amp;/g, '&'), url).href;
    res = await browser.fetch(url, { form: fields });
  }
  throw new Error('the provider did not send the browser back');
}

/** The abort link of the provider's login page ("[ Cancel ]"), for a refusal by the provider. */
export async function abortAtProvider(browser: Browser, authorizationUrl: string, appOrigin: string): Promise<string> {
  let res = await browser.fetch(authorizationUrl);
  let url = authorizationUrl;
  while (res.status >= 300 && res.status < 400) {
    url = locationOf(res, url);
    res = await browser.fetch(url);
  }
  const abort = /href="([^"]*\/abort)"/.exec(await res.text());
  if (!abort) throw new Error('no abort link on the provider page');
  res = await browser.fetch(new URL(abort[1]!, url).href);
  for (let step = 0; step < 5 && res.status >= 300 && res.status < 400; step++) {
    url = locationOf(res, url);
    if (new URL(url).origin === appOrigin) return url;
    res = await browser.fetch(url);
  }
  throw new Error('the provider did not send the browser back');
}

// ---- A real provider ----------------------------------------------------------------------

export interface TestUser {
  email?: string;
  emailVerified?: boolean;
}

/** oidc-provider at `issuer` with one confidential client; the dev login form takes any login as the subject. */
export function oidcProvider(issuer: string, client: { clientId: string; clientSecret: string; redirectUri: string }, users: Record<string, TestUser>): Provider {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return new Provider(issuer, {
    clients: [{ client_id: client.clientId, client_secret: client.clientSecret, redirect_uris: [client.redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-idp', use: 'sig', alg: 'RS256' }] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => {
        const u = users[sub] ?? {};
        return { sub, name: `Test ${sub}`, ...(u.email ? { email: u.email, email_verified: u.emailVerified ?? true } : {}) };
      },
    }),
  });
}

// ---- A hand-written provider that forges ----------------------------------------------------

export type ForgeMode = 'good' | 'wrong-issuer' | 'wrong-audience' | 'wrong-nonce' | 'bad-signature' | 'unknown-key' | 'alg-none' | 'expired';

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

function jwt(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject | null): string {
  const input = `${b64(header)}.${b64(claims)}`;
  return `${input}.${key ? sign('sha256', Buffer.from(input), key).toString('base64url') : ''}`;
}

/**
 * Discovery, JWKS, an authorization endpoint that answers at once and a token endpoint that
 * checks the client, the one-time code, the redirect URI and PKCE like a real one — and then
 * returns an ID token bent according to `mode`.
 */
export class FakeProvider {
  mode: ForgeMode = 'good';
  subject = 'fake-subject-1';
  email = '';
  private readonly published = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly other = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly codes = new Map<string, { nonce: string; challenge: string; redirectUri: string }>();

  constructor(
    readonly issuer: string,
    private readonly client: { clientId: string; clientSecret: string; redirectUri: string },
  ) {}

  readonly handler = (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const url = new URL(req.url ?? '/', this.issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/.well-known/openid-configuration') {
      return json(200, {
        issuer: this.issuer,
        authorization_endpoint: `${this.issuer}/authorize`,
        token_endpoint: `${this.issuer}/token`,
        jwks_uri: `${this.issuer}/jwks`,
        response_types_supported: ['code'],
        subject_types_supported: ['public'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic'],
        authorization_response_iss_parameter_supported: true,
      });
    }
    if (url.pathname === '/jwks') {
      return json(200, { keys: [{ ...this.published.publicKey.export({ format: 'jwk' }), kid: 'k1', use: 'sig', alg: 'RS256' }] });
    }
    if (url.pathname === '/authorize') {
      const p = url.searchParams;
      if (p.get('client_id') !== this.client.clientId || p.get('redirect_uri') !== this.client.redirectUri || p.get('code_challenge_method') !== 'S256') return json(400, { error: 'invalid_request' });
      const code = randomBytes(16).toString('base64url');
      this.codes.set(code, { nonce: p.get('nonce') ?? '', challenge: p.get('code_challenge') ?? '', redirectUri: this.client.redirectUri });
      const back = new URL(this.client.redirectUri);
      back.search = new URLSearchParams({ code, state: p.get('state') ?? '', iss: this.issuer }).toString();
      res.writeHead(303, { location: back.href });
      return void res.end();
    }
    if (url.pathname === '/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        // client_secret_basic: base64 of the form-encoded id and secret (RFC 6749 2.3.1).
        const m = /^Basic ([A-Za-z0-9+/=]+)$/.exec(req.headers.authorization ?? '');
        const [id, secret] = (m ? Buffer.from(m[1]!, 'base64').toString() : ':').split(':').map((v) => decodeURIComponent(v.replace(/\+/g, ' ')));
        if (id !== this.client.clientId || secret !== this.client.clientSecret) return json(401, { error: 'invalid_client' });
        const code = form.get('code') ?? '';
        const grant = this.codes.get(code);
        this.codes.delete(code);
        const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
        if (!grant || form.get('grant_type') !== 'authorization_code' || form.get('redirect_uri') !== grant.redirectUri || challenge !== grant.challenge) {
          return json(400, { error: 'invalid_grant' });
        }
        json(200, { access_token: randomBytes(16).toString('base64url'), token_type: 'Bearer', expires_in: 300, id_token: this.idToken(grant.nonce) });
      });
      return;
    }
    json(404, { error: 'not_found' });
  };

  private idToken(nonce: string): string {
    const now = Math.floor(Date.now() / 1000);
    const m = this.mode;
    const claims = {
      iss: m === 'wrong-issuer' ? 'http://127.0.0.1:9/someone-else' : this.issuer,
      sub: this.subject,
      aud: m === 'wrong-audience' ? 'another-client' : this.client.clientId,
      iat: m === 'expired' ? now - 7200 : now,
      exp: m === 'expired' ? now - 3600 : now + 300,
      nonce: m === 'wrong-nonce' ? 'a-nonce-of-the-attacker' : nonce,
      email: this.email,
      email_verified: true,
    };
    if (m === 'alg-none') return jwt({ alg: 'none', typ: 'JWT' }, claims, null);
    if (m === 'bad-signature') return jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims, this.other.privateKey);
    if (m === 'unknown-key') return jwt({ alg: 'RS256', typ: 'JWT', kid: 'k2' }, claims, this.other.privateKey);
    return jwt({ alg: 'RS256', typ: 'JWT', kid: 'k1' }, claims, this.published.privateKey);
  }
}
