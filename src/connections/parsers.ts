// Reading the connection lists of a platform's data export (A.6), in the browser: nothing of the
// file leaves the page. Accepted shapes (docs/lesson-permissions.md):
// - Instagram JSON export: followers_1.json (a list of { string_list_data: [{ value, href }] }),
//   following.json ({ relationships_following: [...] }, the username in string_list_data[].value,
//   in title, or at the end of href); also followers.json ({ relationships_followers: [...] }).
// - Facebook: your_friends.json / friends.json ({ friends_v2: [{ name }] } or { friends: [...] }),
//   with Facebook's byte-per-character escapes repaired.
// - LinkedIn: Connections.csv, with or without the "Notes:" lines above the header; First Name +
//   Last Name, and the profile URL's last part as a username.
// - TikTok: user_data.json / user_data_tiktok.json: every { UserName } under a following or
//   follower list, whatever the nesting ("Activity" → "Following List" → "Following", or
//   "Your Activity" → "Following" → "Following").
// - A pasted or plain-text list: one name or username per line.
import { repairMojibake } from './normalize.ts';

export type ConnectionSource = 'instagram_followers' | 'instagram_following' | 'facebook_friends' | 'linkedin_connections' | 'tiktok_following' | 'tiktok_followers' | 'list';

/** One connection of the export: a display name, a username, or both. */
export interface Connection {
  name?: string;
  username?: string;
  source: ConnectionSource;
}

export interface Texts {
  nl: string;
  en: string;
}

/** A file we cannot read, with a message for the person who chose it. */
export class ConnectionFileError extends Error {
  constructor(readonly texts: Texts) {
    super(texts.en);
  }
}

const fail = (nl: string, en: string): never => {
  throw new ConnectionFileError({ nl, en });
};

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
const isObject = (v: Json | undefined): v is { [k: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: Json | undefined): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The last path segment of a profile link ("https://www.instagram.com/_u/sanne.dv/" → "sanne.dv"). */
function handleFromUrl(href: string | undefined): string | undefined {
  if (!href) return undefined;
  const m = /^https?:\/\/[^/]+\/(?:_u\/|in\/|@)?([^/?#]+)\/?(?:[?#].*)?$/i.exec(href.trim());
  return m?.[1] ? decodeSegment(m[1]).replace(/^@/, '') : undefined;
}

/** %-escapes decoded; a malformed one ("100%") leaves the segment as it is instead of failing the file. */
function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function instagramEntry(item: Json, source: ConnectionSource): Connection | null {
  if (!isObject(item)) return null;
  const data = Array.isArray(item.string_list_data) ? item.string_list_data.find(isObject) : undefined;
  const username = str(data?.value) ?? str(item.title) ?? handleFromUrl(str(data?.href));
  return username ? { username, source } : null;
}

function instagram(list: Json[], source: ConnectionSource): Connection[] {
  return list.map((i) => instagramEntry(i, source)).filter((c): c is Connection => c !== null);
}

function facebook(list: Json[]): Connection[] {
  return list.flatMap((f) => {
    const name = isObject(f) ? str(f.name) : undefined;
    return name ? [{ name: repairMojibake(name), source: 'facebook_friends' as const }] : [];
  });
}

/**
 * Every { UserName } in a TikTok export, as following or follower by the key it was found under;
 * `lists` counts the following/follower lists found (an export with empty lists is still one).
 */
function tiktok(root: { [k: string]: Json }): { connections: Connection[]; lists: number } {
  const out: Connection[] = [];
  let lists = 0;
  const walk = (v: Json, source: ConnectionSource | null): void => {
    if (Array.isArray(v)) {
      for (const x of v) walk(x, source);
      return;
    }
    if (!isObject(v)) return;
    const name = str(v.UserName) ?? str(v.userName) ?? str(v.username);
    if (name && source) out.push({ username: name, source });
    for (const [k, x] of Object.entries(v)) {
      if (typeof x !== 'object' || x === null) continue;
      const key = k.toLowerCase();
      const next: ConnectionSource | null = /following/.test(key) ? 'tiktok_following' : /follower|fans/.test(key) ? 'tiktok_followers' : source;
      if (/following|follower|fans/.test(key) && Array.isArray(x)) lists++;
      walk(x, next);
    }
  };
  walk(root, null);
  return { connections: out, lists };
}

/** A small CSV reader: quoted fields with "" escapes, commas or semicolons, \n or \r\n. */
export function parseCsv(text: string, delimiter = ','): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

function linkedin(text: string): Connection[] | null {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => /first\s*name/i.test(l) && /last\s*name/i.test(l));
  if (headerAt < 0) return null;
  const delimiter = (lines[headerAt]!.match(/;/g)?.length ?? 0) > (lines[headerAt]!.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = parseCsv(lines.slice(headerAt).join('\n'), delimiter);
  const header = rows[0]!.map((h) => h.trim().toLowerCase().replace(/\s+/g, ' '));
  const first = header.indexOf('first name');
  const last = header.indexOf('last name');
  const url = header.indexOf('url');
  if (first < 0 || last < 0) return null;
  return rows.slice(1).flatMap((r) => {
    const name = [r[first], r[last]].map((x) => x?.trim() ?? '').filter(Boolean).join(' ');
    const username = url >= 0 ? handleFromUrl(r[url]) : undefined;
    if (!name && !username) return [];
    return [{ ...(name ? { name } : {}), ...(username ? { username } : {}), source: 'linkedin_connections' as const }];
  });
}

/** One name or username per line; "@" before a username, bullets and numbering are dropped. */
export function parseList(text: string): Connection[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-*•]|\d+[.)])\s+/, '').trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => (/\s/.test(l) ? { name: l, source: 'list' as const } : { username: l.replace(/^@+/, ''), source: 'list' as const }));
}

export interface ParsedFile {
  /** What the file turned out to be. */
  kind: 'instagram' | 'facebook' | 'linkedin' | 'tiktok' | 'list';
  connections: Connection[];
}

function fromJson(data: Json): ParsedFile | null {
  if (Array.isArray(data)) {
    if (data.length === 0) return { kind: 'instagram', connections: [] };
    if (data.some((x) => isObject(x) && Array.isArray(x.string_list_data))) return { kind: 'instagram', connections: instagram(data, 'instagram_followers') };
    if (data.some((x) => isObject(x) && typeof x.name === 'string' && 'timestamp' in x)) return { kind: 'facebook', connections: facebook(data) };
    return null;
  }
  if (!isObject(data)) return null;
  for (const [k, v] of Object.entries(data)) {
    if (!Array.isArray(v)) continue;
    if (/^relationships_following/.test(k)) return { kind: 'instagram', connections: instagram(v, 'instagram_following') };
    if (/^relationships_followers/.test(k)) return { kind: 'instagram', connections: instagram(v, 'instagram_followers') };
    if (/^friends(_v\d+)?$/.test(k)) return { kind: 'facebook', connections: facebook(v) };
  }
  // Only with a following or follower list: any other JSON file with an "Activity" or "Profile"
  // key is not a TikTok export, and reading it as one would report 0 connections as good news.
  const found = tiktok(data);
  if (found.lists > 0 || found.connections.length) return { kind: 'tiktok', connections: found.connections };
  return null;
}

const NOT_RECOGNISED: Texts = {
  nl: 'We herkennen dit bestand niet. Kies followers_1.json of following.json (Instagram), your_friends.json (Facebook), Connections.csv (LinkedIn) of user_data.json (TikTok), of plak een lijst met namen.',
  en: 'We do not recognise this file. Choose followers_1.json or following.json (Instagram), your_friends.json (Facebook), Connections.csv (LinkedIn) or user_data.json (TikTok), or paste a list of names.',
};

/** Control characters other than tab and line ends near the start: a binary file, not a list. */
function looksBinary(text: string): boolean {
  for (let i = 0; i < Math.min(text.length, 2000); i++) {
    const n = text.charCodeAt(i);
    if (n < 9 || (n > 13 && n < 32)) return true;
  }
  return false;
}

/** Reads one file of an export (or a plain list). Throws ConnectionFileError when it cannot. */
export function parseConnectionFile(fileName: string, text: string): ParsedFile {
  const body = text.replace(/^\uFEFF/, '');
  const name = fileName.toLowerCase();
  if (!body.trim()) fail('Dit bestand is leeg.', 'This file is empty.');
  if (/\.html?$/.test(name) || /^\s*<(!doctype|html)/i.test(body)) {
    fail(
      'Dit is de HTML-versie van de export. Vraag je gegevens opnieuw aan en kies daarbij de indeling JSON.',
      'This is the HTML version of the export. Request your data again and choose the JSON format.',
    );
  }
  const trimmed = body.trimStart();
  if (name.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: Json;
    try {
      data = JSON.parse(body) as Json;
    } catch {
      return fail('Dit bestand is geen geldig JSON-bestand: het is misschien niet helemaal gedownload of uitgepakt.', 'This file is not valid JSON: it may not have been downloaded or unpacked completely.');
    }
    const parsed = fromJson(data);
    if (!parsed) throw new ConnectionFileError(NOT_RECOGNISED);
    return parsed;
  }
  const csv = linkedin(body);
  if (csv) return { kind: 'linkedin', connections: csv };
  if (name.endsWith('.csv')) fail('In dit CSV-bestand vinden we geen kolommen "First Name" en "Last Name" (zoals in Connections.csv van LinkedIn).', 'This CSV file has no "First Name" and "Last Name" columns (as in LinkedIn’s Connections.csv).');
  if (looksBinary(body)) throw new ConnectionFileError(NOT_RECOGNISED);
  return { kind: 'list', connections: parseList(body) };
}

/** The files in an export ZIP that hold connections, by their name (folders do not matter). */
export function isConnectionFileName(path: string): boolean {
  const base = path.split('/').pop()!.toLowerCase();
  return /^(followers(_\d+)?|following|your_friends|friends(_v\d+)?|connections|user_data(_tiktok)?)\.(json|csv)$/.test(base);
}
