// Folding names for the connection check (A.6): lower case, no diacritics (é → e, ë → e, ß → ss,
// the Turkish ı/İ → i), and words split on everything that is not a letter. Pure functions: the web
// page and the unit tests use the same code.

const SPECIAL: Record<string, string> = { ı: 'i', İ: 'i', ß: 'ss', ø: 'o', Ø: 'o', æ: 'ae', Æ: 'ae', œ: 'oe', Œ: 'oe', ł: 'l', Ł: 'l', đ: 'd', Đ: 'd' };

/** Lower case without diacritics; other characters are kept. */
export function foldName(s: string): string {
  let out = '';
  for (const ch of s.normalize('NFD')) {
    if (/\p{M}/u.test(ch)) continue;
    out += SPECIAL[ch] ?? ch;
  }
  return out.toLowerCase();
}

/** The words of a name: letters only, folded ("Jansen-Bakker" → ["jansen", "bakker"], "O'Neill" → ["oneill"]). */
export function nameWords(s: string): string[] {
  return foldName(s)
    .replace(/['’‘`]/g, '')
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
}

/**
 * The letter runs of a username, folded: digits, dots, underscores and dashes separate them
 * ("sanne.devries2016" → ["sanne", "devries"], "@_zoe_bakker_" → ["zoe", "bakker"]).
 */
export function usernameParts(s: string): string[] {
  return foldName(s.trim().replace(/^@+/, ''))
    .split(/[^\p{L}]+/u)
    .filter(Boolean);
}

/**
 * Facebook's JSON export writes each byte of a UTF-8 character as its own \u00XX escape ("Zoë"
 * arrives as "ZoÃ«"). When a string consists only of such code units and they form valid UTF-8,
 * decode them; otherwise keep the string.
 */
export function repairMojibake(s: string): string {
  if (!/[\u0080-\u00ff]/.test(s) || [...s].some((c) => c.charCodeAt(0) > 0xff)) return s;
  const bytes = Uint8Array.from(s, (c) => c.charCodeAt(0));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return s;
  }
}
