// Password hashes: argon2id with the library's defaults (19 MiB, 2 passes: OWASP's minimum), and
// a dummy hash to verify against when there is no account, so that the answer's timing does not
// tell whether an e-mail address has an account.
import { hash, verify } from '@node-rs/argon2';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

export class WeakPasswordError extends Error {}

/** Our own rules, kept simple (NIST 800-63B): a length, no composition rules. */
export function assertPasswordAcceptable(password: string, email?: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new WeakPasswordError(`The password is too short: use at least ${MIN_PASSWORD_LENGTH} characters.`);
  if (password.length > MAX_PASSWORD_LENGTH) throw new WeakPasswordError(`The password is too long: use at most ${MAX_PASSWORD_LENGTH} characters.`);
  if (email && password.toLowerCase() === email.toLowerCase()) throw new WeakPasswordError('The password may not be your e-mail address.');
  if (new Set(password).size < 4) throw new WeakPasswordError('The password repeats too few characters: choose a longer sentence or mix more characters.');
}

export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

let dummy: Promise<string> | undefined;

/** Verifies; with no stored hash, verifies against a dummy one so that both paths take as long. */
export async function verifyPassword(stored: string | null | undefined, password: string): Promise<boolean> {
  if (!stored) {
    dummy ??= hash('postwijzer-dummy-password');
    await verify(await dummy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}
