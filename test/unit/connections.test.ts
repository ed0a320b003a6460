// The connection check (A.6): every parser on its synthetic sample (test/fixtures/connections),
// malformed input with a clear message, the ZIP reader, and the matcher: true matches, near misses
// that must not match, and students covered by a school project.
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Connection, RosterStudent } from '../../src/connections/index.ts';
import { ConnectionFileError, matchConnections, MAX_ENTRY_BYTES, parseConnectionFile, readConnectionFiles, readZip, repairMojibake, usernameParts } from '../../src/connections/index.ts';

const dir = 'test/fixtures/connections/';
const sample = (name: string) => readFileSync(dir + name, 'utf8');
const usernames = (cs: Connection[]) => cs.map((c) => c.username);

const ROSTER: RosterStudent[] = [
  { id: 's1', kind: 'student', givenName: 'Sanne', prefix: 'de', familyName: 'Vries', group: '5b' },
  { id: 's2', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '7a' },
  { id: 's3', kind: 'student', givenName: 'Zoë', familyName: 'Bakker', group: '7a' },
  { id: 's4', kind: 'student', givenName: 'Daan', prefix: 'van den', familyName: 'Berg', group: '8' },
  { id: 's5', kind: 'student', givenName: 'Noor', familyName: 'El Amrani', group: '8' },
  { id: 's6', kind: 'student', givenName: 'Jan', familyName: 'Smit', group: '6' },
  { id: 's7', kind: 'student', givenName: 'Aleksandra', familyName: 'Kowalska', nicknames: ['Ola'], group: '6' },
  { id: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
  { id: 'e2', kind: 'employee', givenName: 'Fatima', familyName: 'Ouali' },
];
const today = '2026-11-26';
const found = (cs: Connection[], opts: Parameters<typeof matchConnections>[2] = { employeeId: 'e2', today }) => {
  const r = matchConnections(ROSTER, cs, opts);
  return Object.fromEntries(r.notCovered.map((m) => [m.studentId, m.confidence]));
};

describe('parsers', () => {
  it('reads Instagram followers_1.json (value) and following.json (title or href)', () => {
    const followers = parseConnectionFile('followers_1.json', sample('followers_1.json'));
    expect(followers.kind).toBe('instagram');
    expect(usernames(followers.connections)).toEqual(['sanne.devries2016', 'yusuf_demir_', 'sanne.devriesenbos', 'daan.vdberg', 'bakkerij_de_zon', 'sanne_2015']);
    expect(followers.connections.every((c) => c.source === 'instagram_followers')).toBe(true);
    const following = parseConnectionFile('following.json', sample('following.json'));
    expect(usernames(following.connections)).toEqual(['zoe.bakker', 'noor_el_amrani', 'fietsenmaker.oost']);
    expect(following.connections[0]!.source).toBe('instagram_following');
  });

  it('reads Facebook friends and repairs its byte escapes', () => {
    const r = parseConnectionFile('your_friends.json', sample('your_friends.json'));
    expect(r.kind).toBe('facebook');
    expect(r.connections.map((c) => c.name)).toContain('Zoë Bakker');
    expect(r.connections).toHaveLength(7);
    expect(parseConnectionFile('friends.json', JSON.stringify({ friends: [{ name: 'Lotte Peters', timestamp: 1 }] })).connections).toEqual([{ name: 'Lotte Peters', source: 'facebook_friends' }]);
    expect(repairMojibake('Zo\u00c3\u00ab')).toBe('Zoë');
    expect(repairMojibake('Zoë')).toBe('Zoë');
  });

  it('reads LinkedIn Connections.csv after its Notes lines, with quoted commas and empty rows', () => {
    const r = parseConnectionFile('Connections.csv', sample('Connections.csv'));
    expect(r.kind).toBe('linkedin');
    expect(r.connections.map((c) => c.name ?? null)).toEqual(['Noor El Amrani', 'Jan Smitson', null, 'Fatima Ouali']);
    expect(r.connections[0]!.username).toBe('noor-el-amrani-4b2a1c');
    // Without the notes, and with semicolons (a spreadsheet's re-save).
    const semi = parseConnectionFile('x.csv', 'First Name;Last Name;URL\nNoor;El Amrani;\n');
    expect(semi.connections).toEqual([{ name: 'Noor El Amrani', source: 'linkedin_connections' }]);
  });

  it('reads TikTok user_data.json: following and followers, not the own profile', () => {
    const r = parseConnectionFile('user_data.json', sample('user_data.json'));
    expect(r.kind).toBe('tiktok');
    expect(r.connections).toEqual([
      { username: 'yusufdemir10', source: 'tiktok_followers' },
      { username: 'skatepark_noord', source: 'tiktok_followers' },
      { username: 'vries_sanne_de', source: 'tiktok_following' },
      { username: 'kookclub.oost', source: 'tiktok_following' },
    ]);
    const newer = { 'Your Activity': { Following: { Following: [{ Date: 'x', UserName: 'a.b' }] } } };
    expect(parseConnectionFile('user_data_tiktok.json', JSON.stringify(newer)).connections).toEqual([{ username: 'a.b', source: 'tiktok_following' }]);
  });

  it('reads TikTok only when it has a following or follower list; other export files are not recognised', () => {
    // An export without anyone followed is still TikTok, with 0 connections.
    const none = { Activity: { 'Following List': { Following: [] }, 'Follower List': { FansList: [] } } };
    expect(parseConnectionFile('user_data.json', JSON.stringify(none))).toEqual({ kind: 'tiktok', connections: [] });
    // Other files of an export (or of another platform) that merely have "Activity" or "Profile" keys.
    for (const other of [
      { Activity: { 'Like List': { ItemFavoriteList: [{ Date: 'x', Link: 'https://example.invalid/1' }] } } },
      { Profile: { 'Profile Information': { ProfileMap: { userName: 'mijzelf' } } } },
      { profile_user: [{ title: 'Instellingen' }], your_activity: {} },
    ]) {
      expect(() => parseConnectionFile('profile_information.json', JSON.stringify(other))).toThrow(ConnectionFileError);
      try {
        parseConnectionFile('profile_information.json', JSON.stringify(other));
      } catch (e) {
        expect((e as ConnectionFileError).texts.nl).toMatch(/herkennen dit bestand niet/);
      }
    }
  });

  it('keeps a malformed %-escape in a profile link as it is, without losing the file', async () => {
    const following = { relationships_following: [{ string_list_data: [{ href: 'https://www.instagram.com/sanne%zz100%/' }] }, { string_list_data: [{ href: 'https://www.instagram.com/zo%C3%AB.bakker/' }] }] };
    expect(usernames(parseConnectionFile('following.json', JSON.stringify(following)).connections)).toEqual(['sanne%zz100%', 'zoë.bakker']);
    const csv = 'First Name,Last Name,URL\nNoor,El Amrani,https://www.linkedin.com/in/noor%E0%A4%A/\n';
    expect(parseConnectionFile('Connections.csv', csv).connections).toEqual([{ name: 'Noor El Amrani', username: 'noor%E0%A4%A', source: 'linkedin_connections' }]);
    // In a batch: the other file is still read.
    const r = await readConnectionFiles([
      { name: 'following.json', data: new TextEncoder().encode(JSON.stringify(following)) },
      { name: 'your_friends.json', data: new TextEncoder().encode(sample('your_friends.json')) },
    ]);
    expect(r.errors).toEqual([]);
    expect(r.connections).toHaveLength(9);
  });

  it('reads a pasted list: names, @usernames, bullets; comments skipped', () => {
    const r = parseConnectionFile('plak', sample('list.txt'));
    expect(r.kind).toBe('list');
    expect(r.connections).toEqual([
      { name: 'Demir, Yusuf', source: 'list' },
      { username: 'sanne.devries', source: 'list' },
      { username: 'Sanne', source: 'list' },
      { name: 'de Vries', source: 'list' },
      { name: 'Jan Smit', source: 'list' },
    ]);
  });

  it('refuses malformed input with a clear message in Dutch and English', () => {
    const err = (name: string, text: string) => {
      try {
        parseConnectionFile(name, text);
      } catch (e) {
        expect(e).toBeInstanceOf(ConnectionFileError);
        return (e as ConnectionFileError).texts;
      }
      throw new Error('no error');
    };
    expect(err('followers_1.json', '[{"title": "", "string_list_data": [').nl).toMatch(/geen geldig JSON/);
    expect(err('x.json', '{"likes_media_likes": []}').en).toMatch(/do not recognise/);
    expect(err('followers_1.html', '<html><body>x</body></html>').nl).toMatch(/indeling JSON/);
    expect(err('Connections.csv', 'Voornaam,Achternaam\nNoor,El Amrani').nl).toMatch(/First Name/);
    expect(err('leeg.txt', '  \n ').nl).toBe('Dit bestand is leeg.');
    expect(err('foto.txt', 'GIF89a\u0001\u0000\u0002').nl).toMatch(/herkennen dit bestand niet/);
  });
});

describe('ZIP exports', () => {
  it('reads the connection files of an Instagram export ZIP (deflated), skipping photos and HTML', async () => {
    const zip = new Uint8Array(readFileSync(dir + 'instagram-export.zip'));
    const entries = await readZip(zip);
    expect(entries.map((e) => e.path)).toContain('media/posts/photo_1.jpg');
    const r = await readConnectionFiles([{ name: 'instagram-export.zip', data: zip }]);
    expect(r.errors).toEqual([]);
    expect(r.files.map((f) => [f.name.split('/').pop(), f.kind, f.count])).toEqual([
      ['following.json', 'instagram', 3],
      ['followers_1.json', 'instagram', 6],
    ]);
    expect(found(r.connections)).toEqual({ s1: 'likely', s2: 'likely', s3: 'likely', s5: 'likely' });
  });

  it('reads a stored (uncompressed) entry and a Blob, and explains a broken or HTML-only ZIP', async () => {
    const zip = buildZip([{ path: 'friends.json', data: JSON.stringify({ friends_v2: [{ name: 'Jan Smit', timestamp: 1 }] }), method: 0 }]);
    const r = await readConnectionFiles([{ name: 'fb.zip', data: new Blob([new Uint8Array(zip)]) }]);
    expect(r.connections).toEqual([{ name: 'Jan Smit', source: 'facebook_friends' }]);
    const html = await readConnectionFiles([{ name: 'ig.zip', data: buildZip([{ path: 'followers_1.html', data: '<html></html>', method: 8 }]) }]);
    expect(html.errors[0]!.texts.nl).toMatch(/HTML/);
    const locked = await readConnectionFiles([{ name: 'slot.zip', data: buildZip([{ path: 'following.json', data: '{}', method: 8, flags: 1 }]) }]);
    expect(locked.errors[0]!.texts.nl).toMatch(/wachtwoord/);
    const empty = await readConnectionFiles([{ name: 'foto.zip', data: buildZip([{ path: 'media/1.jpg', data: 'x', method: 0 }]) }]);
    expect(empty.errors[0]!.texts.nl).toMatch(/geen lijst met volgers/);
    // An entry that unpacks to more than 50 MB: refused with a clear message, by its declared size
    // and, when the archive lies about the size, while unpacking.
    const huge = 'x'.repeat(MAX_ENTRY_BYTES + 1024);
    const declared = await readConnectionFiles([{ name: 'groot.zip', data: buildZip([{ path: 'following.json', data: huge, method: 8 }]) }]);
    expect(declared.errors).toEqual([{ name: 'groot.zip: following.json', texts: expect.objectContaining({ nl: expect.stringMatching(/groter dan 50 MB/) }) }]);
    const lying = await readConnectionFiles([{ name: 'bom.zip', data: buildZip([{ path: 'following.json', data: huge, method: 8, declaredSize: 100 }]) }]);
    expect(lying.errors).toEqual([{ name: 'bom.zip: following.json', texts: expect.objectContaining({ en: expect.stringMatching(/larger than 50 MB/) }) }]);
    const cut = zip.subarray(0, zip.byteLength - 10);
    const broken = await readConnectionFiles([{ name: 'kapot.zip', data: cut }]);
    expect(broken.errors[0]!.texts.nl).toMatch(/ZIP-bestand kunnen we niet lezen/);
  });
});

describe('matching against the roster', () => {
  it('finds students by full name (exact) and by username (likely), with tussenvoegsels, diacritics and swapped order', () => {
    const cs: Connection[] = [
      { name: 'Sanne de Vries', source: 'list' },
      { name: 'ZOE BAKKER', source: 'list' },
      { name: 'Berg, Daan van den', source: 'list' },
      { name: 'Noor El Amrani 🌸 groep 8', source: 'list' },
      { username: 'yusuf.demir_2014', source: 'list' },
      { name: 'Ola Kowalska', source: 'list' },
    ];
    expect(found(cs)).toEqual({ s1: 'exact', s3: 'exact', s4: 'likely', s5: 'likely', s2: 'likely', s7: 'likely' });
    expect(found([{ name: 'Sanne Vries', source: 'list' }])).toEqual({ s1: 'exact' });
    expect(found([{ name: 'Noor El Amrani 🌸', source: 'list' }])).toEqual({ s5: 'exact' });
    expect(found([{ username: 'de_vries.sanne', source: 'list' }])).toEqual({ s1: 'likely' });
    expect(found([{ username: 'xx.daanvandenberg.xx', source: 'list' }])).toEqual({ s4: 'likely' });
    expect(usernameParts('@Zoë_Bakker99')).toEqual(['zoe', 'bakker']);
  });

  it('does not match on given names alone, other family names, abbreviations, staff, or a name inside a longer word', () => {
    const near: Connection[] = [
      { username: 'sanne_2015', source: 'list' },
      { name: 'Sanne', source: 'list' },
      { name: 'de Vries', source: 'list' },
      { username: 'sanne.devriesenbos', source: 'list' },
      { username: 'daan.vdberg', source: 'list' },
      { name: 'Yusuf Demirci', source: 'list' },
      { name: 'Jan Smitson', source: 'list' },
      { username: 'jansmitje', source: 'list' },
      { name: 'Karim El Amrani', source: 'list' },
      { name: 'Fatima Ouali', source: 'list' },
      { username: 'noor', source: 'list' },
      { name: 'Sander de Vries', source: 'list' },
      { name: 'Jan', source: 'list' },
    ];
    expect(found(near)).toEqual({});
  });

  it('matches each sample as expected', () => {
    const all = ['your_friends.json', 'Connections.csv', 'user_data.json', 'list.txt'].map((f) => found(parseConnectionFile(f, sample(f)).connections));
    expect(all).toEqual([{ s1: 'exact', s3: 'exact', s4: 'exact' }, { s5: 'exact' }, { s2: 'likely', s1: 'likely' }, { s2: 'likely', s1: 'likely', s6: 'exact' }]);
  });

  it('lists students in an active school project of this employee apart', () => {
    const cs: Connection[] = [
      { name: 'Sanne de Vries', source: 'list' },
      { name: 'Yusuf Demir', source: 'list' },
      { name: 'Jan Smit', source: 'list' },
    ];
    const permissions = [
      { kind: 'school_project', personId: 'e2', studentIds: ['s1'], project: 'Klassenvlog', from: '2026-09-01', until: '2027-07-16' },
      // Ended yesterday: no longer covers Yusuf.
      { kind: 'school_project', personId: 'e2', studentIds: ['s2'], project: 'Schoolkrant', from: '2026-09-01', until: '2026-11-25' },
      // Another employee's project: not for e2.
      { kind: 'school_project', personId: 'e1', studentIds: ['s6'], project: 'Sportdag', from: '2026-09-01', until: '2027-07-16' },
    ];
    const r = matchConnections(ROSTER, cs, { employeeId: 'e2', today, permissions });
    expect(r.covered.map((m) => [m.studentId, m.project])).toEqual([['s1', 'Klassenvlog']]);
    expect(r.notCovered.map((m) => m.studentId)).toEqual(['s6', 's2']);
    expect(r.connections).toBe(3);
  });
});

/** A minimal ZIP writer for the tests (local headers, central directory, end record). */
function buildZip(files: { path: string; data: string; method: 0 | 8; flags?: number; declaredSize?: number }[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const f of files) {
    const raw = Buffer.from(f.data, 'utf8');
    const body = f.method === 8 ? deflateRawSync(raw) : raw;
    const name = Buffer.from(f.path, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(f.method, 8);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(f.declaredSize ?? raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(f.flags ?? 0, 8);
    cd.writeUInt16LE(f.method, 10);
    cd.writeUInt32LE(body.length, 20);
    cd.writeUInt32LE(f.declaredSize ?? raw.length, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, body);
    central.push(cd, name);
    offset += local.length + name.length + body.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBuf, end]));
}
