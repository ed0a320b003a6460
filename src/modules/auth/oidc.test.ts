// The pure parts of OIDC sign-in: configuration checks, the environment, the pending-login cookie
// and returnTo. The flow itself is tested end to end in test/integration/oidc.test.ts.
import { describe, expect, it } from 'vitest';
import { checkOidcProviders, isLoopbackHost, oidcProvidersFromEnv, OidcConfigError, OidcProviders, openPending, safeReturnTo, sealPending, UsedLogins } from './oidc.ts';
import type { PendingLogin } from './oidc.ts';

const base = { id: 'school', name: 'School', issuer: 'https://login.example.com/tenant/v2.0', clientId: 'c', clientSecret: 's' };

describe('provider configuration', () => {
  it('accepts https issuers, and plain http only on loopback', () => {
    expect(checkOidcProviders([base])[0]).toMatchObject({ insecureLoopback: false, redirectUri: null, scopes: ['openid', 'email', 'profile'] });
    for (const issuer of ['http://127.0.0.1:4000', 'http://localhost:4000/', 'http://[::1]:4000']) {
      expect(checkOidcProviders([{ ...base, issuer }])[0]!.insecureLoopback).toBe(true);
    }
    for (const issuer of ['http://login.example.com', 'http://10.0.0.5', 'http://127.0.0.1.nip.io', 'ftp://127.0.0.1', 'not a url', 'https://x.example/?a=1']) {
      expect(() => checkOidcProviders([{ ...base, issuer }]), issuer).toThrow(OidcConfigError);
    }
    expect(() => checkOidcProviders([{ ...base, redirectUri: 'http://postwijzer.example/cb' }])).toThrow(/must use https/);
  });

  it('refuses bad ids, duplicates and missing credentials; always asks for openid', () => {
    expect(() => checkOidcProviders([{ ...base, id: 'School!' }])).toThrow(/lower-case/);
    expect(() => checkOidcProviders([base, base])).toThrow(/twice/);
    expect(() => checkOidcProviders([{ ...base, clientSecret: '' }])).toThrow(/client secret/);
    expect(checkOidcProviders([{ ...base, scopes: ['email'] }])[0]!.scopes).toEqual(['openid', 'email']);
  });

  it('reads one provider "school" from the environment, all three variables or none', () => {
    expect(oidcProvidersFromEnv({})).toEqual([]);
    const env = { POSTWIJZER_OIDC_ISSUER: base.issuer, POSTWIJZER_OIDC_CLIENT_ID: 'c', POSTWIJZER_OIDC_CLIENT_SECRET: 's' };
    expect(oidcProvidersFromEnv(env)).toEqual([{ id: 'school', name: 'School account', issuer: base.issuer, clientId: 'c', clientSecret: 's' }]);
    expect(oidcProvidersFromEnv({ ...env, POSTWIJZER_OIDC_NAME: 'ASKO', POSTWIJZER_OIDC_REDIRECT_URI: 'https://pw.example/api/v1/auth/oidc/school/callback' })[0]).toMatchObject({
      name: 'ASKO',
      redirectUri: 'https://pw.example/api/v1/auth/oidc/school/callback',
    });
    expect(() => oidcProvidersFromEnv({ POSTWIJZER_OIDC_ISSUER: base.issuer })).toThrow(/POSTWIJZER_OIDC_CLIENT_ID and POSTWIJZER_OIDC_CLIENT_SECRET/);
  });

  it('knows loopback hosts', () => {
    expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['localhost.example', '128.0.0.1', '::1', '0.0.0.0'].some(isLoopbackHost)).toBe(false);
  });
});

describe('the pending-login cookie', () => {
  const providers = new OidcProviders([base, { ...base, id: 'other', clientSecret: 'another' }]);
  const login: PendingLogin = { id: 'i', provider: 'school', state: 'a-state-long-enough-to-look-for', nonce: 'no', codeVerifier: 'cv', redirectUri: 'https://pw.example/cb', returnTo: '/', expiresAt: 2000 };

  it('opens what it sealed, until it expires', () => {
    const sealed = sealPending(providers.key('school'), login);
    expect(openPending(providers.key('school'), 'school', sealed, 1000)).toEqual(login);
    expect(openPending(providers.key('school'), 'school', sealed, 2000)).toBeNull();
    expect(Buffer.from(sealed, 'base64url').toString('latin1')).not.toContain('a-state-long-enough');
  });

  it('refuses a changed cookie, another provider’s key or name, and garbage', () => {
    const sealed = sealPending(providers.key('school'), login);
    const raw = Buffer.from(sealed, 'base64url');
    for (let i = 0; i < raw.length; i += 7) {
      const bent = Buffer.from(raw);
      bent[i] = bent[i]! ^ 0x40;
      expect(openPending(providers.key('school'), 'school', bent.toString('base64url'), 1000)).toBeNull();
    }
    expect(openPending(providers.key('other'), 'school', sealed, 1000)).toBeNull();
    expect(openPending(providers.key('school'), 'other', sealed, 1000)).toBeNull();
    for (const v of [undefined, '', 'x', 'a'.repeat(5000)]) expect(openPending(providers.key('school'), 'school', v, 1000)).toBeNull();
  });

  it('is used once', () => {
    const used = new UsedLogins();
    expect(used.claim('a', 10, 0)).toBe(true);
    expect(used.claim('a', 10, 0)).toBe(false);
    expect(used.claim('b', 10, 0)).toBe(true);
  });
});

describe('returnTo', () => {
  it('keeps paths on this site', () => {
    expect(safeReturnTo(undefined)).toBe('/');
    expect(safeReturnTo('')).toBe('/');
    expect(safeReturnTo('/posts?status=submitted#top')).toBe('/posts?status=submitted#top');
    expect(safeReturnTo('/a/../b')).toBe('/b');
  });

  it('refuses other sites and anything odd', () => {
    for (const v of ['https://evil.example', '//evil.example', '/\\evil.example', '\\\\evil', 'javascript:alert(1)', 'posts', '/a\nb', '/a\tb', ['/a'], 42, '/' + 'a'.repeat(1000)]) {
      expect(safeReturnTo(v), String(v)).toBeNull();
    }
  });
});
