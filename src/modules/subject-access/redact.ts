// Nothing about anyone else (AVG art. 15(4)): in every value of an export, another person's or
// account's id, full name and e-mail address become "andere persoon" / "ander account". Ids are
// matched exactly (and inside text, e.g. "bericht <id> toont persoon <id>"); names and addresses
// inside free text case-insensitively, as whole words.
import { eq } from 'drizzle-orm';
import type { DbOrTx } from '../../db/connection.ts';
import { accounts, people } from '../../db/schema/index.ts';

export const OTHER_PERSON = 'andere persoon';
export const OTHER_ACCOUNT = 'ander account';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

export const fullName = (p: { givenName: string; prefix: string | null; familyName: string }): string => [p.givenName, p.prefix, p.familyName].filter(Boolean).join(' ');

export interface Redactor {
  /** A deep copy of the value with everyone else taken out. */
  redact<T>(value: T): T;
}

/** The redactor for one person: everyone in the database but them (and their own accounts). */
export async function redactorFor(db: DbOrTx, self: { personId: string; accountIds: string[] }): Promise<Redactor> {
  const mine = new Set([self.personId, ...self.accountIds]);
  const ids = new Map<string, string>();
  const words: { text: string; as: string }[] = [];
  for (const p of await db.select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, email: people.email }).from(people)) {
    if (mine.has(p.id)) continue;
    ids.set(p.id, OTHER_PERSON);
    words.push({ text: fullName(p), as: OTHER_PERSON });
    if (p.prefix) words.push({ text: `${p.givenName} ${p.familyName}`, as: OTHER_PERSON });
    if (p.email) words.push({ text: p.email, as: OTHER_PERSON });
  }
  const selfRow = (await db.select({ email: people.email, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName }).from(people).where(eq(people.id, self.personId)))[0];
  const myEmails = new Set<string>(selfRow?.email ? [selfRow.email.toLowerCase()] : []);
  if (selfRow) myEmails.add(fullName(selfRow).toLowerCase()).add(`${selfRow.givenName} ${selfRow.familyName}`.toLowerCase());
  for (const a of await db.select({ id: accounts.id, displayName: accounts.displayName, email: accounts.email, personId: accounts.personId }).from(accounts)) {
    if (mine.has(a.id)) {
      myEmails.add(a.email.toLowerCase());
      continue;
    }
    ids.set(a.id, OTHER_ACCOUNT);
    words.push({ text: a.email, as: OTHER_ACCOUNT });
    // A display name is matched only when it looks like a name (two words or more).
    if (/\S\s+\S/u.test(a.displayName)) words.push({ text: a.displayName, as: OTHER_ACCOUNT });
  }
  // Someone else may carry the same name or address as the person: theirs are never taken out.
  const kept = words.filter((w) => w.text.trim().length >= 3 && !myEmails.has(w.text.toLowerCase()));
  const byText = new Map<string, string>();
  for (const w of kept) byText.set(w.text.toLowerCase(), w.as);
  const sorted = [...byText.keys()].sort((a, b) => b.length - a.length);
  const pattern = sorted.length ? new RegExp(`(?<![\\p{L}\\p{N}@.])(?:${sorted.map(escape).join('|')})(?![\\p{L}\\p{N}@])`, 'giu') : null;

  const text = (s: string): string => {
    const exact = ids.get(s.toLowerCase());
    if (exact) return exact;
    let out = s.replace(UUID, (m) => ids.get(m.toLowerCase()) ?? m);
    if (pattern) out = out.replace(pattern, (m) => byText.get(m.toLowerCase()) ?? m);
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date || v === null || typeof v !== 'object') return v;
    if (Buffer.isBuffer(v)) return v;
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, walk(x)]));
  };
  return { redact: <T,>(value: T) => walk(value) as T };
}

