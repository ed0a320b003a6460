// Spam protection of the public report form without third-party captchas:
// - a signed form token (HMAC over school, issue time and a random nonce) handed out with the
//   form: a report needs one, sent at least MIN_FILL_MS after it was issued (people read and type;
//   scripts that post at once are refused) and at most MAX_AGE_MS later, and each token is good
//   for one report (its hash goes into incident_form_uses in the report's transaction, see
//   service.ts createIncident; the table is shared by every process);
// - a honeypot field ("website") that people never see and must stay empty;
// - a rate limit per address on the routes (routes.ts).
// The key comes from POSTWIJZER_FORM_SECRET; without it each process makes its own (forms then
// have to be reloaded after a restart, and several processes need the variable).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const MIN_FILL_MS = 3_000;
export const MAX_AGE_MS = 2 * 3_600_000;

let processKey: Buffer | null = null;
function key(): Buffer {
  const fromEnv = process.env.POSTWIJZER_FORM_SECRET;
  if (fromEnv) return Buffer.from(fromEnv);
  processKey ??= randomBytes(32);
  return processKey;
}

const sign = (schoolId: string, issuedAt: number, nonce: string) => createHmac('sha256', key()).update(`incident-form:${schoolId}:${issuedAt}:${nonce}`).digest('base64url');

export function issueFormToken(schoolId: string, now: number): string {
  const nonce = randomBytes(12).toString('base64url');
  return `${now.toString(36)}.${nonce}.${sign(schoolId, now, nonce)}`;
}

/** What to store to use a (checked) token once: its hash and when it would expire anyway. */
export function formTokenUse(token: string): { hash: string; expiresAt: Date } {
  const issuedAt = parseInt(token.split('.')[0] ?? '', 36);
  return { hash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(issuedAt + MAX_AGE_MS) };
}

export type FormTokenProblem = 'form_expired' | 'spam_suspected';

/** null when the token is good for this school now; else why not. */
export function checkFormToken(token: string, schoolId: string, now: number): FormTokenProblem | null {
  const [issued36, nonce, mac, ...rest] = token.split('.');
  const issuedAt = issued36 ? parseInt(issued36, 36) : NaN;
  if (!nonce || !mac || rest.length || !Number.isFinite(issuedAt)) return 'form_expired';
  const expected = Buffer.from(sign(schoolId, issuedAt, nonce));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'form_expired';
  if (now - issuedAt > MAX_AGE_MS || issuedAt > now + 60_000) return 'form_expired';
  if (now - issuedAt < MIN_FILL_MS) return 'spam_suspected';
  return null;
}
