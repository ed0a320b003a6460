// Nothing about anyone else (AVG art. 15(4)): in every value of an export, another person's or
// account's id, name and e-mail address become "andere persoon" / "ander account". Ids are matched
// exactly (also inside text and as JSON object keys); names and addresses inside free text
// case-insensitively, after Unicode NFC normalisation, as whole names: a letter, digit, "@", "." or
// "-" next to a match means it is part of something longer ("Jan de Vries-Bakker" is one name).
// The name forms of a person: full name, given + family name, family name alone (with its prefix,
// "van der Berg"), initial + family name ("J. van der Berg"), nicknames; of an account: its e-mail
// address and display name (also one word). The external reporter of a public report (name and
// contact as typed) counts as someone else too.
import type { DbOrTx } from '../../db/connection.ts';
import { accounts, incidents, people } from '../../db/schema/index.ts';

export const OTHER_PERSON = 'andere persoon';
export const OTHER_ACCOUNT = 'ander account';

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/giu;

/** A literal string as a regular expression (JavaScript and PostgreSQL ARE alike). */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** A name as typed for a confirmation: NFC, single spaces, lower case. */
export const normaliseName = (x: string): string => x.normalize('NFC').replace(/\s+/gu, ' ').trim().toLowerCase();

export const fullName = (p: { givenName: string; prefix: string | null; familyName: string }): string => [p.givenName, p.prefix, p.familyName].filter(Boolean).join(' ');

export interface NamedPerson {
  givenName: string;
  prefix: string | null;
  familyName: string;
  nicknames?: string[] | null;
}

/**
 * Every way free text can name a person: full name, given + family name, family name with its
 * prefix (alone only when it is not a common short word: 4 letters or more, or with a prefix),
 * initial + family name (with and without the dot), and nicknames (3 letters or more).
 */
export function nameForms(p: NamedPerson): string[] {
  const family = [p.prefix, p.familyName].filter(Boolean).join(' ');
  const initial = p.givenName.trim().charAt(0);
  const forms = [fullName(p), `${p.givenName} ${p.familyName}`, `${initial}. ${family}`, `${initial} ${family}`];
  if (p.prefix || p.familyName.length >= 4) forms.push(family);
  for (const n of p.nicknames ?? []) {
    forms.push(n);
    forms.push(`${n} ${family}`);
  }
  return [...new Set(forms.map((f) => f.normalize('NFC').replace(/\s+/gu, ' ').trim()).filter((f) => f.length >= 3))];
}

export interface Redactor {
  /** A deep copy of the value with everyone else taken out. */
  redact<T>(value: T): T;
}

/** The redactor for one person: everyone in the database but them (and their own accounts). */
export async function redactorFor(db: DbOrTx, self: { personId: string; accountIds: string[]; emails?: string[] }): Promise<Redactor> {
  const mine = new Set([self.personId, ...self.accountIds]);
  const ids = new Map<string, string>();
  const words: { text: string; as: string }[] = [];
  const own: string[] = [];
  for (const p of await db.select({ id: people.id, givenName: people.givenName, prefix: people.prefix, familyName: people.familyName, nicknames: people.nicknames, email: people.email }).from(people)) {
    const forms = [...nameForms(p), ...(p.email ? [p.email] : [])];
    if (mine.has(p.id)) {
      own.push(...forms);
      continue;
    }
    ids.set(p.id, OTHER_PERSON);
    for (const f of forms) words.push({ text: f, as: OTHER_PERSON });
  }
  for (const a of await db.select({ id: accounts.id, displayName: accounts.displayName, email: accounts.email }).from(accounts)) {
    if (mine.has(a.id)) {
      own.push(a.email, a.displayName);
      continue;
    }
    ids.set(a.id, OTHER_ACCOUNT);
    words.push({ text: a.email, as: OTHER_ACCOUNT }, { text: a.displayName, as: OTHER_ACCOUNT });
  }
  // The external reporter of a public report, as they typed their name and contact.
  for (const r of await db.select({ name: incidents.reporterName, contact: incidents.reporterContact, reporterId: incidents.reporterId }).from(incidents)) {
    if ((r.reporterId && mine.has(r.reporterId)) || (r.contact && self.emails?.includes(r.contact.trim().toLowerCase()))) continue;
    for (const t of [r.name, r.contact]) if (t) words.push({ text: t, as: OTHER_PERSON });
  }
  // The person's own name forms are in the pattern too, kept as they are: "Sanne Brouwer" stays
  // whole even when someone else is called Brouwer; and a namesake's name is never taken out of
  // the person's own rows (the text cannot tell them apart; their ids are).
  const byText = new Map<string, string | null>();
  for (const w of words) {
    const t = w.text.normalize('NFC').replace(/\s+/gu, ' ').trim();
    if (t.length >= 3) byText.set(t.toLowerCase(), w.as);
  }
  for (const o of own) {
    const t = o.normalize('NFC').replace(/\s+/gu, ' ').trim();
    if (t.length >= 3) byText.set(t.toLowerCase(), null);
  }
  const sorted = [...byText.keys()].sort((a, b) => b.length - a.length);
  const pattern = sorted.length ? new RegExp(`(?<![\\p{L}\\p{N}@.\\-])(?:${sorted.map((w) => escapeRegExp(w).replace(/ /gu, '\\s+')).join('|')})(?![\\p{L}\\p{N}@\\-])`, 'giu') : null;

  const text = (input: string): string => {
    const s = input.normalize('NFC');
    const exact = ids.get(s.toLowerCase());
    if (exact) return exact;
    let out = s.replace(UUID, (m) => ids.get(m.toLowerCase()) ?? m);
    if (pattern) out = out.replace(pattern, (m) => byText.get(m.replace(/\s+/gu, ' ').toLowerCase()) ?? m);
    return out;
  };
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return text(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Date || v === null || typeof v !== 'object') return v;
    if (Buffer.isBuffer(v)) return v;
    // Keys too: a map keyed by person id ({ "<id>": "granted" }) would otherwise carry the id.
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
      let key = text(k);
      while (Object.hasOwn(out, key)) key = `${key} `;
      out[key] = walk(x);
    }
    return out;
  };
  return { redact: <T,>(value: T) => walk(value) as T };
}
