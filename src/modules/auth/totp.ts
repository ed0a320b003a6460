// Time-based one-time codes (RFC 6238: 6 digits, 30 seconds, SHA-1, as every authenticator app
// reads them). A code is accepted one step early or late, and never twice: the last accepted step
// is stored.
import { Secret, TOTP } from 'otpauth';

const PERIOD = 30;

function totpOf(secret: string, label: string): TOTP {
  return new TOTP({ issuer: 'Postwijzer', label, algorithm: 'SHA1', digits: 6, period: PERIOD, secret: Secret.fromBase32(secret) });
}

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function otpauthUrl(secret: string, label: string): string {
  return totpOf(secret, label).toString();
}

/** For tests and the demo: the code at a moment. */
export function totpCode(secret: string, at: number): string {
  return totpOf(secret, 'x').generate({ timestamp: at });
}

/** The time step the code belongs to, or null when it is wrong or was used before. */
export function acceptTotp(secret: string, code: string, at: number, lastStep: number | null): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpOf(secret, 'x').validate({ token: code, timestamp: at, window: 1 });
  if (delta === null) return null;
  const step = Math.floor(at / 1000 / PERIOD) + delta;
  return lastStep !== null && step <= lastStep ? null : step;
}
