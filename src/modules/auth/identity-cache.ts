// Who a token or session cookie is, remembered for a few seconds per process: every API request
// needs it, and looking it up costs two queries (measured: 1,448 vs 6,044 preview checks a second
// on PostgreSQL). In this process every change that ends or narrows an identity — sign-out, a
// password reset, a revoked token, a role granted or ended, a closed account — forgets all of
// them at once; other processes see such a change within IDENTITY_TTL_MS.
import type { Actor } from '../../policies/index.ts';
import type { LiveSession } from './sessions.ts';

export const IDENTITY_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface Identity {
  actor: Actor | null;
  session: LiveSession | null;
  secondFactorDue: boolean;
}

const entries = new Map<string, { until: number; value: Identity }>();

export function forgetIdentities(): void {
  entries.clear();
}

/** The identity of a key (a token's or cookie's hash) if it was looked up less than the TTL ago. */
export function cachedIdentity(key: string, now: number): Identity | undefined {
  const hit = entries.get(key);
  if (!hit) return undefined;
  // A clock that went back (tests) or forward past the entry: look it up again.
  if (now >= hit.until || now < hit.until - IDENTITY_TTL_MS) {
    entries.delete(key);
    return undefined;
  }
  return hit.value;
}

export function rememberIdentity(key: string, value: Identity, now: number, expiresAt?: Date): void {
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const until = Math.min(now + IDENTITY_TTL_MS, expiresAt ? expiresAt.getTime() : Infinity);
  entries.set(key, { until, value });
}
