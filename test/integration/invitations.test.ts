// Invitations and password resets by e-mail: an SMTP server in the test (smtp-server) receives
// what the app sends through the outbox; the links carry the one-time tokens. Also the accounts
// list, the roles a director may not hand out, and `postwijzer accounts invite` on a PGlite folder
// without SMTP (the mail stays in the outbox).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { and, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { migrate, openDatabase } from '../../src/db/connection.ts';
import { accountRoles, accountTokens, accounts, auditEvents, outbox } from '../../src/db/schema/index.ts';
import { verifyAudit } from '../../src/modules/audit/chain.ts';
import { sha256 } from '../../src/modules/auth/secrets.ts';
import { describeMail } from '../../src/modules/mail/config.ts';
import { enqueueMail, Mailer } from '../../src/modules/mail/mailer.ts';
import { passwordResetMail } from '../../src/modules/mail/templates.ts';
import { buildApp } from '../../src/server/app.ts';
import { browserFrom, makeAccount, signIn, TEST_PASSWORD, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool } from '../support/factories.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { startSmtp } from '../support/smtp.ts';

const logs: string[] = [];
let smtp: TestSmtp;
let database: Database;
let app: FastifyInstance;
let clock = Date.parse('2026-11-26T09:00:00+01:00');
let schoolA: string;
let schoolB: string;
let karimId: string;
let leftId: string;
let director: Record<string, string>;
let directorId: string;
let hr: Record<string, string>;
let directorB: Record<string, string>;
let employee: Record<string, string>;

const PUBLIC_URL = 'https://postwijzer.test';
const NEW_PASSWORD = 'een lange zin als wachtwoord';

beforeAll(async () => {
  smtp = await startSmtp();

  database = await openTestDatabase();
  schoolA = (await buildSchool(database.db, { brin: '99IA', name: 'Basisschool De Regenboog' })).school.id;
  schoolB = (await buildSchool(database.db, { brin: '99IB', name: 'Basisschool Het Anker' })).school.id;
  const people = await buildPeople(database.db, schoolA, [
    { externalId: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'e2', kind: 'employee', givenName: 'Ineke', familyName: 'Vertrokken' },
  ]);
  karimId = people.get('e1')!.id;
  leftId = people.get('e2')!.id;
  await database.query('update people set active = false where id = $1', [leftId]);

  directorId = (await makeAccount(database.db, [{ schoolId: schoolA, role: 'director' }])).id;
  director = await tokenHeaders(database.db, directorId);
  hr = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId: schoolA, role: 'hr' }])).id);
  directorB = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId: schoolB, role: 'director' }])).id);
  employee = await tokenHeaders(database.db, (await makeAccount(database.db, [{ schoolId: schoolA, role: 'employee' }])).id);

  app = await buildApp({
    database,
    now: () => clock,
    logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
    mail: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL, sweepIntervalMs: 250 },
  });
  await app.ready();
}, 60_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.close();
});

// ---- Reading mail ---------------------------------------------------------------------------

const mailsTo = (address: string) => smtp.mailsTo(address);
const nthMail = (address: string, n = 1) => smtp.nthMail(address, n);

function tokenIn(text: string, page: 'uitnodiging' | 'wachtwoord-herstellen'): string {
  const m = new RegExp(`${PUBLIC_URL.replace(/\./g, '\\.')}/${page}#token=([A-Za-z0-9_-]+)`).exec(text);
  if (!m) throw new Error(`no ${page} link in the mail`);
  return m[1]!;
}

let n = 0;
const address = (who: string) => `${who}.${++n}@school.example`;

const invite = (headers: Record<string, string>, body: Record<string, unknown>, schoolId = schoolA) =>
  app.inject({ method: 'POST', url: `/api/v1/schools/${schoolId}/invitations`, headers, payload: body });
const accept = (token: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/invitations/accept', payload: { token, password } });
const askReset = (email: string, remoteAddress = '127.0.0.1') => app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', payload: { email }, remoteAddress });
const confirmReset = (token: string, password: string) => app.inject({ method: 'POST', url: '/api/v1/auth/password-reset/confirm', payload: { token, password } });

// ---- Tests ----------------------------------------------------------------------------------

describe(`invitations by e-mail (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let karimEmail: string;
  let karimToken: string;

  it('a director invites an employee: the account is made and an e-mail with the link arrives', async () => {
    karimEmail = address('karim');
    const r = await invite(director, { email: karimEmail, displayName: 'Karim El Amrani', role: 'employee', personId: karimId });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toEqual({ accountId: expect.any(String), invited: true });

    const text = await nthMail(karimEmail);
    karimToken = tokenIn(text, 'uitnodiging');
    expect(r.body).not.toContain(karimToken);
    expect(text).toMatch(/Je bent uitgenodigd voor Postwijzer op Basisschool De Regenboog, als medewerker/);
    expect(text.indexOf('Je bent uitgenodigd')).toBeLessThan(text.indexOf('You have been invited'));
    expect(mailsTo(karimEmail)[0]!.raw).toMatch(/^Subject: .*Postwijzer/im);

    // Only the token's hash is stored; the sent mail's outbox row keeps only its template.
    const [stored] = await database.db.select().from(accountTokens).where(eq(accountTokens.accountId, body.accountId));
    expect(stored).toMatchObject({ purpose: 'invitation', tokenHash: sha256(karimToken), usedAt: null });
    expect(stored!.expiresAt.getTime() - clock).toBe(7 * 24 * 3600_000);
    const rows = await database.db.select().from(outbox);
    const sent = rows.find((o) => JSON.stringify(o.payload) === JSON.stringify({ template: 'invitation' }) && o.doneAt);
    expect(sent).toMatchObject({ attempts: 1, lastError: null });
    expect(JSON.stringify(rows)).not.toContain(karimToken);

    const [account] = await database.db.select().from(accounts).where(eq(accounts.id, body.accountId));
    expect(account).toMatchObject({ email: karimEmail, displayName: 'Karim El Amrani', passwordHash: null });
    const roles = await database.db.select().from(accountRoles).where(eq(accountRoles.accountId, body.accountId));
    expect(roles).toEqual([{ accountId: body.accountId, schoolId: schoolA, role: 'employee', personId: karimId }]);
    const audit = await database.db.select().from(auditEvents).where(and(eq(auditEvents.subjectId, body.accountId)));
    expect(audit.map((e) => [e.schoolId === null ? 'board' : 'school', e.action])).toEqual([
      ['board', 'account.create'],
      ['school', 'account.grant_role'],
      ['school', 'account.invite'],
    ]);
  });

  it('refuses a weak password, and keeps the link usable', async () => {
    const r = await accept(karimToken, 'kort');
    expect(r.statusCode).toBe(400);
    expect(r.json()).toMatchObject({ error: 'weak_password', issues: [{ path: '$.password' }] });
    const same = await accept(karimToken, karimEmail);
    expect(same.json().error).toBe('weak_password');
  });

  it('accepting signs in; the link does not work twice', async () => {
    const r = await accept(karimToken, NEW_PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ status: 'signed_in', csrfToken: expect.any(String) });
    const browser = browserFrom(r.headers['set-cookie'], r.json());
    const me = await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: browser.cookie } });
    expect(me.statusCode).toBe(200);
    expect(me.json().account.email).toBe(karimEmail);
    expect(me.json().schools).toEqual([expect.objectContaining({ id: schoolA, roles: ['employee'], personId: karimId })]);
    await signIn(app, karimEmail, NEW_PASSWORD);

    const again = await accept(karimToken, 'nog een ander lang wachtwoord');
    expect(again.statusCode).toBe(400);
    expect(again.json()).toMatchObject({ error: 'invalid_token', message: expect.stringMatching(/unknown, already used or expired/) });
    const unknown = await accept('not-a-token', NEW_PASSWORD);
    expect(unknown.json().error).toBe('invalid_token');
  });

  it('an expired link is refused; a new invitation replaces the older link', async () => {
    const email = address('late');
    expect((await invite(director, { email, displayName: 'Laat', role: 'employee' })).statusCode).toBe(201);
    const first = tokenIn(await nthMail(email), 'uitnodiging');
    const saved = clock;
    clock += 7 * 24 * 3600_000 + 1000;
    try {
      const r = await accept(first, NEW_PASSWORD);
      expect(r.statusCode).toBe(400);
      expect(r.json().error).toBe('invalid_token');
    } finally {
      clock = saved;
    }
    const again = await invite(director, { email, displayName: 'Laat', role: 'employee' });
    expect(again.json()).toMatchObject({ invited: true });
    const second = tokenIn(await nthMail(email, 2), 'uitnodiging');
    expect((await accept(first, NEW_PASSWORD)).json().error).toBe('invalid_token');
    expect((await accept(second, NEW_PASSWORD)).statusCode).toBe(200);
  });

  it('an existing account with a password gets the role and a notice, not an invitation', async () => {
    const r = await invite(hr, { email: karimEmail.toUpperCase(), displayName: 'ignored', role: 'communication_officer' });
    expect(r.statusCode).toBe(201);
    expect(r.json()).toMatchObject({ invited: false });
    const text = await nthMail(karimEmail, 2);
    expect(text).toMatch(/Je hebt in Postwijzer een rol gekregen op Basisschool De Regenboog: communicatiemedewerker/);
    expect(text).not.toMatch(/#token=/);
    // The same role again: nothing changes, no mail.
    expect((await invite(hr, { email: karimEmail, displayName: 'x', role: 'communication_officer' })).json()).toMatchObject({ invited: false });
  });

  it('a director may not hand out HR, FG or board (403, audited); HR may hand out all but board', async () => {
    const before = await database.query<{ n: number }>(`select count(*)::int as n from audit_events where action = 'access.forbidden' and actor = $1`, [directorId]);
    for (const role of ['hr', 'data_protection_officer', 'board']) {
      const r = await invite(director, { email: address('hr'), displayName: 'HR', role });
      expect(r.statusCode).toBe(403);
      expect(r.json().error).toBe('forbidden');
    }
    const after = await database.query<{ n: number; school_id: string }>(
      `select count(*)::int as n, min(school_id::text) as school_id from audit_events where action = 'access.forbidden' and actor = $1`,
      [directorId],
    );
    expect(after[0]!.n - before[0]!.n).toBe(3);
    expect(after[0]!.school_id).toBe(schoolA);
    expect((await invite(hr, { email: address('fg'), displayName: 'FG', role: 'data_protection_officer' })).statusCode).toBe(201);
    expect((await invite(hr, { email: address('board'), displayName: 'Bestuur', role: 'board' })).statusCode).toBe(403);
  });

  it('a user of school A cannot invite at school B, nor an employee at all', async () => {
    expect((await invite(director, { email: address('b'), displayName: 'B', role: 'employee' }, schoolB)).statusCode).toBe(403);
    expect((await invite(directorB, { email: address('a'), displayName: 'A', role: 'employee' }, schoolA)).statusCode).toBe(403);
    expect((await invite(employee, { email: address('c'), displayName: 'C', role: 'employee' })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/schools/${schoolA}/invitations`, payload: {} })).statusCode).toBe(401);
  });

  it('checks the body and the person, with JSON paths', async () => {
    const bad = await invite(director, { email: 'geen-adres', displayName: '', role: 'king' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().issues.map((i: { path: string }) => i.path).sort()).toEqual(['$.displayName', '$.email', '$.role']);
    for (const personId of [leftId, '00000000-0000-4000-8000-000000000000']) {
      const r = await invite(director, { email: address('p'), displayName: 'P', role: 'employee', personId });
      expect(r.statusCode).toBe(400);
      expect(r.json().issues).toEqual([{ path: '$.personId', message: expect.stringMatching(/active person/) }]);
    }
  });

  it('lists the school’s accounts for the director, not for an employee', async () => {
    const r = await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/accounts`, headers: director });
    expect(r.statusCode).toBe(200);
    const karim = r.json().accounts.find((a: { email: string }) => a.email === karimEmail);
    expect(karim).toEqual({
      id: expect.any(String),
      displayName: 'Karim El Amrani',
      email: karimEmail,
      roles: ['communication_officer', 'employee'],
      hasPassword: true,
      secondFactorEnrolled: false,
      closedAt: null,
      lastSignInAt: expect.any(String),
    });
    const invited = r.json().accounts.find((a: { displayName: string }) => a.displayName === 'FG');
    expect(invited).toMatchObject({ roles: ['data_protection_officer'], hasPassword: false, lastSignInAt: null });
    expect(r.json().accounts.some((a: { roles: string[] }) => a.roles.includes('director'))).toBe(true);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolA}/accounts`, headers: employee })).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/v1/schools/${schoolB}/accounts`, headers: director })).statusCode).toBe(403);
  });
});

describe(`password reset by e-mail (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('answers the same for a known and an unknown address; only the known one gets mail', async () => {
    const known = await makeAccount(database.db, [{ schoolId: schoolA, role: 'employee' }]);
    const unknown = address('nobody');
    const a = await askReset(known.email);
    const b = await askReset(unknown);
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(202);
    expect(a.body).toBe(b.body);
    const text = await nthMail(known.email);
    expect(text).toMatch(/wachtwoord-herstellen#token=/);
    expect(text).toMatch(/Er is gevraagd om een nieuw wachtwoord/);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(unknown)).toHaveLength(0);
    // An account without a password and without an invitation (OpenID Connect only) gets none either.
    const oidcOnly = await makeAccount(database.db, [{ schoolId: schoolA, role: 'employee' }], { password: null });
    expect((await askReset(oidcOnly.email)).body).toBe(a.body);
    await new Promise((r) => setTimeout(r, 300));
    expect(mailsTo(oidcOnly.email)).toHaveLength(0);
  });

  it('confirming sets the password, ends the old sessions, and the new password signs in', async () => {
    const who = await makeAccount(database.db, [{ schoolId: schoolA, role: 'employee' }]);
    const old = await signIn(app, who.email);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: old.cookie } })).statusCode).toBe(200);
    await askReset(who.email);
    const token = tokenIn(await nthMail(who.email), 'wachtwoord-herstellen');

    expect((await confirmReset(token, 'kort')).json().error).toBe('weak_password');
    const r = await confirmReset(token, NEW_PASSWORD);
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ status: 'password_changed' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: old.cookie } })).statusCode).toBe(401);
    expect((await app.inject({ method: 'POST', url: '/api/v1/auth/sign-in', payload: { email: who.email, password: TEST_PASSWORD } })).statusCode).toBe(401);
    expect((await signIn(app, who.email, NEW_PASSWORD)).status).toBe('signed_in');
    expect((await confirmReset(token, 'nog een ander lang wachtwoord')).json().error).toBe('invalid_token');
    const [event] = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.password_reset'), eq(auditEvents.subjectId, who.id)));
    expect(event).toMatchObject({ schoolId: null, actor: who.id, fields: ['password_hash', 'sessions'] });
  });

  it('an expired reset link is refused', async () => {
    const who = await makeAccount(database.db, [{ schoolId: schoolA, role: 'employee' }]);
    await askReset(who.email);
    const token = tokenIn(await nthMail(who.email), 'wachtwoord-herstellen');
    const saved = clock;
    clock += 3600_000 + 1000;
    try {
      expect((await confirmReset(token, NEW_PASSWORD)).json().error).toBe('invalid_token');
    } finally {
      clock = saved;
    }
  });

  it('sends at most 3 reset mails per address per hour, with the same answer', async () => {
    const who = await makeAccount(database.db, [{ schoolId: schoolA, role: 'employee' }]);
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push((await askReset(who.email, '10.0.0.7')).body);
    expect(new Set(answers).size).toBe(1);
    await nthMail(who.email, 3);
    await new Promise((r) => setTimeout(r, 400));
    expect(mailsTo(who.email)).toHaveLength(3);
    const limited = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'auth.password_reset_limited'), eq(auditEvents.subjectId, who.id)));
    expect(limited).toHaveLength(2);
    const saved = clock;
    clock += 3600_000 + 1000;
    try {
      await askReset(who.email, '10.0.0.7');
      await nthMail(who.email, 4);
    } finally {
      clock = saved;
    }
  });

  it('limits reset requests per IP address', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await askReset(address('ip'), '10.0.0.99')).statusCode);
    expect(statuses.slice(0, 10).every((s) => s === 202)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });

  it('documents the routes in the OpenAPI description', async () => {
    const paths = Object.keys((await app.inject({ method: 'GET', url: '/openapi.json' })).json().paths);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/api/v1/schools/{schoolId}/invitations',
        '/api/v1/auth/invitations/accept',
        '/api/v1/auth/password-reset',
        '/api/v1/auth/password-reset/confirm',
        '/api/v1/schools/{schoolId}/accounts',
      ]),
    );
  });

  it('keeps addresses, names and tokens out of the logs, and the audit chains intact', async () => {
    const text = logs.join('');
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/@school\.example|@test\.example|Karim|#token=/);
    expect(text).toMatch(/mail: sent/);
    expect((await verifyAudit(database.db)).broken).toEqual([]);
  });
});

describe(`the outbox when mail cannot be sent (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  it('keeps the mail, counts the attempt and tries later; a mail whose link expired is not sent', async () => {
    const own = await openTestDatabase();
    // A port where nothing listens.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const port = (probe.address() as AddressInfo).port;
    await new Promise((resolve) => probe.close(resolve));
    let now = Date.parse('2026-11-26T09:00:00Z');
    const mailer = new Mailer(own.db, { smtpUrl: `smtp://127.0.0.1:${port}`, now: () => now });
    try {
      const mail = passwordResetMail({ to: 'someone@school.example', displayName: 'Iemand', link: 'https://x/wachtwoord-herstellen#token=t', expiresAt: new Date(now + 3600_000) });
      await own.db.transaction((tx) => enqueueMail(tx, mail, new Date(now)));
      expect(await mailer.drain()).toEqual({ sent: 0, failed: 1, expired: 0 });
      let [row] = await own.db.select().from(outbox);
      expect(row).toMatchObject({ attempts: 1, doneAt: null, lastError: expect.stringMatching(/^E[A-Z]+: .*ECONNREFUSED/) });
      expect(row!.lastError).not.toMatch(/someone/);
      expect(row!.runAfter.getTime()).toBe(now + 60_000);
      expect(await mailer.drain()).toEqual({ sent: 0, failed: 0, expired: 0 });
      now += 2 * 3600_000;
      expect(await mailer.drain()).toEqual({ sent: 0, failed: 0, expired: 1 });
      [row] = await own.db.select().from(outbox);
      expect(row).toMatchObject({ attempts: 2, doneAt: expect.any(Date), lastError: expect.stringMatching(/expired/), payload: { template: 'password_reset' } });
    } finally {
      await mailer.close();
      await own.close();
    }
  });

  it('says in one line at start whether e-mail is configured, without the password', () => {
    expect(describeMail({})).toMatch(/^E-mail: niet ingesteld .*outbox/);
    const configured = describeMail({ smtpUrl: 'smtp://user:geheim@mail.example:587' });
    expect(configured).toBe('E-mail: via SMTP op mail.example:587');
  });
});

describe('postwijzer accounts', { timeout: 120_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-accounts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = (args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, POSTWIJZER_DATA_DIR: dir, POSTWIJZER_PUBLIC_URL: 'https://pw.example' };
    delete env.DATABASE_URL;
    delete env.SMTP_URL;
    return spawnSync(process.execPath, ['bin/postwijzer.mjs', ...args], { env, encoding: 'utf8', timeout: 60_000 });
  };

  it('invites through the CLI; without SMTP_URL the mail waits in the outbox', async () => {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { encoding: 'utf8' });
    expect(b.status).toBe(0);
    const d = await openDatabase({ dataDir: dir, url: '' });
    await migrate(d);
    const school = (await buildSchool(d.db, { brin: '99IC', name: 'Basisschool De Wilg' })).school.id;
    await d.close();

    const r = cli(['accounts', 'invite', '--school', '99ic', '--email', 'Directeur@Wilg.example', '--name', 'Sanne de Wit', '--role', 'director']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Account created, role director at 99IC \(Basisschool De Wilg\); an invitation link \(valid 7 days\) was queued/);
    expect(r.stdout).toMatch(/waits in the outbox/);

    const listed = cli(['accounts', 'list', '--school', school]);
    expect(listed.status).toBe(0);
    expect(listed.stdout).toMatch(/1 account at 99IC/);
    expect(listed.stdout).toMatch(/Sanne de Wit <directeur@wilg\.example>\s+director\s+\(invited; never signed in\)/);

    for (const args of [
      ['accounts', 'invite', '--school', '99IC', '--email', 'x@wilg.example', '--name', 'X', '--role', 'king'],
      ['accounts', 'invite', '--school', '99ZZ', '--email', 'x@wilg.example', '--name', 'X', '--role', 'employee'],
      ['accounts', 'invite', '--school', '99IC', '--email', 'geen adres', '--name', 'X', '--role', 'employee'],
      ['accounts', 'invite', '--school', '99IC', '--email', 'x@wilg.example', '--name', 'X', '--role', 'employee', '--person', '00000000-0000-4000-8000-000000000000'],
      ['accounts', 'remove'],
    ]) {
      const bad = cli(args);
      expect(bad.status, args.join(' ')).toBe(2);
      expect(bad.stderr).toMatch(/^postwijzer: .+\.\n$/);
    }

    const e = await openDatabase({ dataDir: dir, url: '' });
    try {
      const rows = await e.db.select().from(outbox);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ kind: 'mail', doneAt: null, attempts: 0 });
      const payload = rows[0]!.payload as { to: string; text: string };
      expect(payload.to).toBe('directeur@wilg.example');
      expect(payload.text).toMatch(/Je bent uitgenodigd voor Postwijzer op Basisschool De Wilg, als directeur/);
      const token = /https:\/\/pw\.example\/uitnodiging#token=([A-Za-z0-9_-]+)/.exec(payload.text)![1]!;
      const [stored] = await e.db.select().from(accountTokens);
      expect(stored).toMatchObject({ tokenHash: sha256(token), createdBy: 'cli' });
      const events = await e.query<{ actor: string; action: string }>(`select actor, action from audit_events order by id`);
      expect(events).toEqual([
        { actor: 'cli', action: 'account.create' },
        { actor: 'cli', action: 'account.grant_role' },
        { actor: 'cli', action: 'account.invite' },
      ]);
    } finally {
      await e.close();
    }
  });
});
