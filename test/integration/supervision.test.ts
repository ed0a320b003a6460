// The supervisor flows over HTTP with e-mail to a real SMTP server on loopback: "ask my supervisor"
// (B.3) from request to changes, resubmission, approval and publication, with the refusals
// (another teacher, another school, deciding twice, resubmitting an approved request); and
// escalations (B.2): the derailing signal stored, the supervisor mailed, the queue's order and
// the response times.
import { desc, eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connection.ts';
import { accountRoles, accounts, auditEvents, checks, employments, escalations, incidents, reviewEvents, reviews } from '../../src/db/schema/index.ts';
import { verifyAudit } from '../../src/modules/audit/chain.ts';
import { buildApp } from '../../src/server/app.ts';
import type { Browser } from '../support/auth.ts';
import { makeAccount, signIn, tokenHeaders } from '../support/auth.ts';
import { onPostgres, openTestDatabase } from '../support/db.ts';
import { buildPeople, buildSchool } from '../support/factories.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { startSmtp, textOf } from '../support/smtp.ts';

let smtp: TestSmtp;
let database: Database;
let app: FastifyInstance;
let schoolA: string;
let schoolB: string;
let clock = Date.parse('2026-11-26T16:00:00+01:00');
const PUBLIC_URL = 'https://postwijzer.test';

const who = {} as Record<'teacher' | 'colleague' | 'newcomer' | 'supervisor' | 'otherSupervisor' | 'director' | 'directorB' | 'teacherB', Browser & { email: string; accountId: string }>;

beforeAll(async () => {
  smtp = await startSmtp();
  database = await openTestDatabase();
  schoolA = (await buildSchool(database.db, { brin: '99SV', name: 'Basisschool De Regenboog' })).school.id;
  schoolB = (await buildSchool(database.db, { brin: '99SW', name: 'Basisschool Het Anker' })).school.id;
  const a = await buildPeople(database.db, schoolA, [
    { externalId: 'e1', kind: 'employee', givenName: 'Karim', familyName: 'El Amrani' },
    { externalId: 'e2', kind: 'employee', givenName: 'Ilse', familyName: 'Bakker' },
    { externalId: 'e3', kind: 'employee', givenName: 'Noor', familyName: 'Haddou' },
    { externalId: 'sv', kind: 'employee', givenName: 'Sanne', familyName: 'Vos' },
    { externalId: 'sx', kind: 'employee', givenName: 'Pieter', familyName: 'Kok' },
    { externalId: 'd', kind: 'employee', givenName: 'Dirk', familyName: 'Smit' },
    { externalId: 's1', kind: 'student', givenName: 'Yusuf', familyName: 'Demir', group: '5b' },
  ]);
  const b = await buildPeople(database.db, schoolB, [
    { externalId: 'db', kind: 'employee', givenName: 'Bea', familyName: 'Bos' },
    { externalId: 'tb', kind: 'employee', givenName: 'Tom', familyName: 'Berg' },
  ]);
  const id = (k: string) => a.get(k)!.id;
  await database.db.insert(employments).values([
    { personId: id('d'), schoolId: schoolA, function: 'directeur', supervisorId: null },
    { personId: id('sv'), schoolId: schoolA, function: 'teamleider', supervisorId: id('d') },
    { personId: id('sx'), schoolId: schoolA, function: 'teamleider', supervisorId: id('d') },
    { personId: id('e1'), schoolId: schoolA, function: 'leerkracht', supervisorId: id('sv') },
    { personId: id('e2'), schoolId: schoolA, function: 'leerkracht', supervisorId: id('sv') },
    // Noor's supervisor has no account with a leading role: her requests go to the director.
    { personId: id('e3'), schoolId: schoolA, function: 'leerkracht', supervisorId: id('e2') },
  ]);
  app = await buildApp({ database, now: () => clock, mail: { smtpUrl: smtp.url, publicUrl: PUBLIC_URL, sweepIntervalMs: 250 } });
  await app.ready();
  const account = async (key: keyof typeof who, role: 'employee' | 'supervisor' | 'director', schoolId: string, personId: string) => {
    const acc = await makeAccount(database.db, [{ schoolId, role, personId }], { email: `${key.toLowerCase()}@school.example`, name: key });
    who[key] = { ...(await signIn(app, acc.email)), email: acc.email, accountId: acc.id };
  };
  await account('teacher', 'employee', schoolA, id('e1'));
  await account('colleague', 'employee', schoolA, id('e2'));
  await account('newcomer', 'employee', schoolA, id('e3'));
  await account('supervisor', 'supervisor', schoolA, id('sv'));
  await account('otherSupervisor', 'supervisor', schoolA, id('sx'));
  await account('director', 'director', schoolA, id('d'));
  await account('directorB', 'director', schoolB, b.get('db')!.id);
  await account('teacherB', 'employee', schoolB, b.get('tb')!.id);
}, 180_000);

afterAll(async () => {
  await app?.close();
  await database?.close();
  await smtp?.close();
});

const get = (b: Browser, url: string) => app.inject({ method: 'GET', url, headers: b.cookie ? { cookie: b.cookie } : b.headers });
const post = (b: Browser, url: string, payload: unknown = {}) => app.inject({ method: 'POST', url, headers: b.headers, payload: payload as object });
const A = (path: string) => `/api/v1/schools/${schoolA}${path}`;
/** The check a request is about now (what the decider looked at). */
const checkOf = async (reviewId: string) => (await database.db.select({ checkId: reviews.checkId }).from(reviews).where(eq(reviews.id, reviewId)))[0]?.checkId;
/** A decision on what the request is about now, unless the body names another check. */
const decide = async (b: Browser, reviewId: string, body: { decision: string; comment: string; checkId?: number }) => post(b, A(`/reviews/${reviewId}/decision`), { checkId: await checkOf(reviewId), ...body });
const workPost = (text: string) => ({ situation: 'work', channel: { kind: 'school', platform: 'instagram' }, at: '2026-11-26T16:30:00+01:00', text, media: [] });
const DOUBTFUL = 'Het beleid van De Regenboog is echt een puinhoop.';
const minutes = (n: number) => n * 60_000;

/** Waits for a mail to `address` whose text contains `marker`, and gives its text. */
async function mailWith(address: string, marker: string): Promise<string> {
  const until = Date.now() + 10_000;
  for (;;) {
    const found = smtp.mailsTo(address).map((m) => textOf(m.raw)).find((t) => t.includes(marker));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail with "${marker}" arrived`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe(`ask my supervisor (B.3) (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let reviewId: string;
  let postId: string;

  it('sends the post with the server’s check and the question to the supervisor of the employment, who gets an e-mail', async () => {
    const r = await post(who.teacher, A('/reviews'), { post: workPost(DOUBTFUL), question: 'Kan ik dit zo zeggen over het nieuwe beleid?' });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ status: 'open', supervisor: { name: 'Sanne Vos', via: 'employment' }, result: { verdict: 'needs_review' } });
    reviewId = body.reviewId;
    postId = body.postId;

    const mail = await smtp.nthMail(who.supervisor.email);
    expect(mail).toContain('teacher twijfelt over een bericht');
    expect(mail).toContain(`${PUBLIC_URL}/wachtrij`);
    expect(mail).not.toContain('puinhoop');
    expect(smtp.mailsTo(who.otherSupervisor.email)).toHaveLength(0);

    const queue = (await get(who.supervisor, A('/supervision/queue'))).json();
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ kind: 'review', id: reviewId, question: 'Kan ik dit zo zeggen over het nieuwe beleid?', author: 'teacher', mayDecide: true, post: { text: DOUBTFUL }, check: { verdict: 'needs_review' } });
    expect(queue.items[0].check.result.findings.some((f: { rule: string }) => f.rule === 'B.3')).toBe(true);
    expect((await get(who.otherSupervisor, A('/supervision/queue'))).json().items).toEqual([]);
    // The director sees the whole school.
    expect((await get(who.director, A('/supervision/queue'))).json().items.map((i: { id: string }) => i.id)).toEqual([reviewId]);
  });

  it('refuses deciders other than the addressed supervisor and the director', async () => {
    const decision = { decision: 'approved', comment: 'prima', checkId: 1 };
    const colleague = await post(who.colleague, A(`/reviews/${reviewId}/decision`), decision);
    expect(colleague.statusCode).toBe(403);
    expect(colleague.json().error).toBe('forbidden');
    const other = await post(who.otherSupervisor, A(`/reviews/${reviewId}/decision`), decision);
    expect(other.statusCode).toBe(403);
    expect(other.json().error).toBe('not_yours');
    expect((await get(who.otherSupervisor, A(`/reviews/${reviewId}`))).json().error).toBe('not_yours');
    expect((await get(who.colleague, A(`/reviews/${reviewId}`))).statusCode).toBe(403);
    // Another school: no role here, and the request is not at their school.
    expect((await post(who.directorB, A(`/reviews/${reviewId}/decision`), decision)).json().error).toBe('forbidden');
    const there = await post(who.directorB, `/api/v1/schools/${schoolB}/reviews/${reviewId}/decision`, decision);
    expect(there.statusCode).toBe(404);
    const refusals = await database.db.select().from(auditEvents).where(eq(auditEvents.action, 'access.not_yours'));
    expect(refusals.length).toBeGreaterThanOrEqual(2);
  });

  it('asks for changes: the author gets an e-mail with a link (not the comment) and cannot publish yet', async () => {
    clock += minutes(25);
    const r = await decide(who.supervisor, reviewId, { decision: 'changes_requested', comment: 'Noem het beleid niet zo; schrijf wat je ervan vindt zonder de school af te kraken.' });
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('changes_requested');
    const mail = await smtp.nthMail(who.teacher.email);
    expect(mail).toContain('supervisor heeft naar je bericht gekeken: vraagt om aanpassingen');
    // The comment may quote the post or name children: it stays in the app.
    expect(mail).not.toContain('af te kraken');
    expect(mail).not.toContain('Noem het beleid');
    expect(mail).toContain('Je leest de toelichting in Postwijzer');
    expect(mail).toContain(`${PUBLIC_URL}/berichten`);

    const twice = await decide(who.supervisor, reviewId, { decision: 'approved', comment: 'toch goed' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().error).toBe('already_decided');
    const publish = await post(who.teacher, A(`/posts/${postId}/publish`), { confirmed: true });
    expect(publish.statusCode).toBe(409);

    const mine = (await get(who.teacher, A(`/reviews/mine?postId=${postId}`))).json().reviews;
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ status: 'changes_requested', comment: expect.stringContaining('af te kraken'), supervisor: 'Sanne Vos', approvalCovers: false });
  });

  it('only the author resubmits; the changed post goes back to the same supervisor in the same request', async () => {
    const changed = 'Ik ben het niet eens met het nieuwe beleid van school, laten we erover praten. Het beleid van De Regenboog is echt een puinhoop.';
    expect((await post(who.colleague, A(`/reviews/${reviewId}/resubmit`), { post: workPost(changed) })).json().error).toBe('not_yours');
    // While changes are asked, the request still runs: no second one for the same post.
    const second = await post(who.teacher, A('/reviews'), { postId, question: 'Nieuwe vraag?' });
    expect(second.statusCode).toBe(409);
    expect(second.json().error).toBe('already_open');
    const seen = await checkOf(reviewId);
    clock += minutes(5);
    const r = await post(who.teacher, A(`/reviews/${reviewId}/resubmit`), { post: workPost(changed), comment: 'Aangepast, wil je nog eens kijken?' });
    expect(r.statusCode).toBe(200);
    // A decision on the version from before the resubmission is refused: the decider must look again.
    const stale = await decide(who.supervisor, reviewId, { decision: 'rejected', comment: 'nee', checkId: seen! });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error).toBe('changed');
    const noCheck = await post(who.supervisor, A(`/reviews/${reviewId}/decision`), { decision: 'rejected', comment: 'nee' });
    expect(noCheck.statusCode).toBe(400);
    expect(noCheck.json().message).toMatch(/checkId/);
    expect(r.json()).toMatchObject({ reviewId, postId, status: 'open' });
    expect(await smtp.nthMail(who.supervisor.email, 2)).toContain('opnieuw aan je voorgelegd');
    const queue = (await get(who.supervisor, A('/supervision/queue'))).json();
    expect(queue.items[0]).toMatchObject({ id: reviewId, post: { text: changed }, status: 'open' });
  });

  it('approves: the author gets an e-mail, may publish exactly that version, and cannot resubmit an approved request', async () => {
    clock += minutes(10);
    const r = await decide(who.supervisor, reviewId, { decision: 'approved', comment: 'Zo is het goed.' });
    expect(r.statusCode).toBe(200);
    expect(await smtp.nthMail(who.teacher.email, 2)).toContain('goedgekeurd');
    const again = await post(who.teacher, A(`/reviews/${reviewId}/resubmit`), {});
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toBe('not_resubmittable');

    const detail = (await get(who.teacher, A(`/reviews/${reviewId}`))).json();
    expect(detail).toMatchObject({ status: 'approved', approvalCovers: true, check: { verdict: 'needs_review' } });
    expect(detail.history.map((h: { kind: string; by: string }) => [h.kind, h.by])).toEqual([
      ['requested', 'teacher'],
      ['changes_requested', 'supervisor'],
      ['resubmitted', 'teacher'],
      ['approved', 'supervisor'],
    ]);
    expect(detail.history[1].comment).toContain('af te kraken');
    expect(new Date(detail.history[3].at).getTime() - new Date(detail.history[0].at).getTime()).toBe(minutes(40));

    // The author publishes the version they looked at: an older check is refused.
    const older = await post(who.teacher, A(`/posts/${postId}/publish`), { confirmed: true, checkId: detail.history[0].checkId });
    expect(older.statusCode).toBe(409);
    expect(older.json().error).toBe('changed');
    const publish = await post(who.teacher, A(`/posts/${postId}/publish`), { confirmed: true, checkId: detail.check.id });
    expect(publish.statusCode).toBe(200);
    expect((await database.db.select().from(reviewEvents).where(eq(reviewEvents.reviewId, reviewId))).length).toBe(4);
    expect((await verifyAudit(database.db, { schoolId: schoolA })).broken).toEqual([]);
  });

  it('an edit after the approval needs a new request; a not_allowed post is never publishable', async () => {
    const asked = (await post(who.teacher, A('/reviews'), { post: workPost(DOUBTFUL), question: 'En deze?' })).json();
    await decide(who.director, asked.reviewId, { decision: 'approved', comment: 'Akkoord (directeur).' });
    const edit = await post(who.teacher, A('/posts'), { post: workPost(`${DOUBTFUL} Echt waar.`), postId: asked.postId });
    expect(edit.statusCode).toBe(200);
    expect((await post(who.teacher, A(`/posts/${asked.postId}/publish`), { confirmed: true })).json().error).toBe('not_publishable');
    // A new request for the edited version is possible (none is open).
    const renewed = await post(who.teacher, A('/reviews'), { postId: asked.postId, question: 'Nog één zin erbij.' });
    expect(renewed.statusCode).toBe(201);
    const dup = await post(who.teacher, A('/reviews'), { postId: asked.postId, question: 'Nog eens?' });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().error).toBe('already_open');

    const bad = (await post(who.teacher, A('/reviews'), { post: workPost('Dat kind uit groep 5 is een mongool.'), question: 'Mag dit?' })).json();
    expect(bad.result.verdict).toBe('not_allowed');
    const approve = await decide(who.supervisor, bad.reviewId, { decision: 'approved', comment: 'ok' });
    expect(approve.statusCode).toBe(409);
    expect(approve.json().error).toBe('not_approvable');
    expect((await get(who.teacher, A(`/reviews/${bad.reviewId}`))).json().status).toBe('open');
    expect((await post(who.teacher, A(`/posts/${bad.postId}/publish`), { confirmed: true })).json().error).toBe('not_publishable');
  });

  it('sends a request to the director when the employment names no supervisor who can decide', async () => {
    const r = await post(who.newcomer, A('/reviews'), { post: workPost(DOUBTFUL), question: 'Twijfel.' });
    expect(r.statusCode).toBe(201);
    expect(r.json().supervisor).toEqual({ name: 'Dirk Smit', via: 'director' });
    expect(await smtp.nthMail(who.director.email)).toContain('newcomer twijfelt');
    expect((await get(who.colleague, A('/supervision/queue'))).statusCode).toBe(403);
  });

  it('lets only the author withdraw an open request; a withdrawn request cannot be decided', async () => {
    const asked = (await post(who.teacher, A('/reviews'), { post: workPost(DOUBTFUL), question: 'Toch maar niet?' })).json();
    expect((await post(who.colleague, A(`/reviews/${asked.reviewId}/withdraw`))).json().error).toBe('not_yours');
    const r = await post(who.teacher, A(`/reviews/${asked.reviewId}/withdraw`));
    expect(r.statusCode).toBe(200);
    expect(r.json().status).toBe('withdrawn');
    expect((await post(who.teacher, A(`/reviews/${asked.reviewId}/withdraw`))).json().error).toBe('closed');
    expect((await decide(who.supervisor, asked.reviewId, { decision: 'approved', comment: 'ok' })).json().error).toBe('already_decided');
    const queue = (await get(who.supervisor, A('/supervision/queue'))).json().items.map((i: { id: string }) => i.id);
    expect(queue).not.toContain(asked.reviewId);
  });

  it('answers bad input with 400 and a message', async () => {
    const noQuestion = await post(who.teacher, A('/reviews'), { post: workPost('Hallo') });
    expect(noQuestion.statusCode).toBe(400);
    expect(noQuestion.json().message).toMatch(/question/);
    const nothing = await post(who.teacher, A('/reviews'), { question: 'Mag dit?' });
    expect(nothing.statusCode).toBe(400);
    const badPost = await post(who.teacher, A('/reviews'), { post: { text: 12 }, question: 'Mag dit?' });
    expect(badPost.statusCode).toBe(400);
    const decision = await decide(who.supervisor, reviewId, { decision: 'maybe', comment: '' });
    expect(decision.statusCode).toBe(400);
    expect(decision.json().message).toMatch(/decision is approved, changes_requested or rejected/);
    expect((await post(who.supervisor, A('/reviews/not-an-id/decision'), { decision: 'approved', comment: 'x', checkId: 1 })).statusCode).toBe(404);
  });
});

describe(`escalating a conversation (B.2) (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const THREAD = [
    '[20:01] Petra Jansen: Weet iemand waarom het schoolreisje niet doorgaat?',
    '[20:03] Mark de Wit: Geen idee, jammer',
    '[20:10] Petra Jansen: Wat een schande dit! Belachelijk!',
    '[20:12] Mark de Wit: Die school is een puinhoop, schandalig gewoon',
    '[20:15] Ria Pool: Ik pik het niet meer, onacceptabel!!',
  ].join('\n');
  let first: string;
  let second: string;
  let waitingReview: string;

  it('computes the derailing signal on the server, stores it and mails the supervisor at once', async () => {
    waitingReview = (await post(who.colleague, A('/reviews'), { post: workPost(DOUBTFUL), question: 'Ouder verzoek' })).json().reviewId;
    clock += minutes(10);
    const r = await post(who.teacher, A('/escalations'), { threadText: THREAD, link: 'https://www.facebook.com/groups/ouders/posts/1', note: 'Het loopt uit de hand in de oudergroep.' });
    expect(r.statusCode).toBe(201);
    const body = r.json();
    first = body.escalationId;
    expect(body).toMatchObject({ status: 'open', supervisor: { name: 'Sanne Vos', via: 'employment' }, signal: { derailing: true, level: 'derailing' } });
    expect(body.signal.reasons.map((x: { code: string }) => x.code)).toContain('thread.hostile_majority');
    const [row] = await database.db.select().from(escalations).where(eq(escalations.id, first));
    expect(row!.messages).toHaveLength(5);
    expect(row!.messages![2]).toMatchObject({ author: 'Petra Jansen', text: 'Wat een schande dit! Belachelijk!' });
    expect((row!.signal as { derailing: boolean }).derailing).toBe(true);
    const mail = await mailWith(who.supervisor.email, 'DRINGEND');
    expect(mail).toMatch(/DRINGEND: teacher meldt een online gesprek/);
    expect(mail).toContain(`${PUBLIC_URL}/wachtrij`);
    expect(mail).not.toContain('schande');
  });

  it('puts escalations at the top of the queue, above an older review request, and shows how long they wait', async () => {
    clock += minutes(14);
    const items = (await get(who.supervisor, A('/supervision/queue'))).json().items;
    expect(items[0]).toMatchObject({ kind: 'escalation', id: first, openMs: minutes(14), answeredAfterMs: null, mayRespond: true });
    const reviewAt = items.findIndex((i: { id: string }) => i.id === waitingReview);
    expect(reviewAt).toBeGreaterThan(0);
    expect(items[reviewAt].waitingMs).toBe(minutes(24));
  });

  it('tracks the response: acknowledged after 14 minutes, once; resolved later', async () => {
    expect((await post(who.otherSupervisor, A(`/escalations/${first}/acknowledge`), {})).json().error).toBe('not_yours');
    const ack = await post(who.supervisor, A(`/escalations/${first}/acknowledge`), { response: 'Gezien, ik bel je zo.' });
    expect(ack.statusCode).toBe(200);
    expect(ack.json().status).toBe('acknowledged');
    expect((await post(who.supervisor, A(`/escalations/${first}/acknowledge`), {})).json().error).toBe('already_acknowledged');
    const mine = (await get(who.teacher, A('/escalations/mine'))).json().escalations;
    expect(mine[0]).toMatchObject({ id: first, status: 'acknowledged', answeredAfterMs: minutes(14), acknowledgedBy: 'supervisor', response: 'Gezien, ik bel je zo.' });

    clock += minutes(1);
    second = (await post(who.teacher, A('/escalations'), { link: 'https://x.com/status/2' })).json().escalationId;
    const items = (await get(who.supervisor, A('/supervision/queue'))).json().items;
    // Nobody answered the new one yet: it comes before the older one someone is on.
    expect(items.slice(0, 2).map((i: { id: string }) => i.id)).toEqual([second, first]);
    clock += minutes(30);
    await post(who.director, A(`/escalations/${second}/acknowledge`), {});
    clock += minutes(45);
    const res = await post(who.supervisor, A(`/escalations/${first}/resolve`), { response: 'Met de ouders gesproken; de berichten zijn weg.' });
    expect(res.statusCode).toBe(200);
    expect((await post(who.supervisor, A(`/escalations/${first}/resolve`), { response: 'nog eens' })).json().error).toBe('closed');
    const detail = (await get(who.teacher, A(`/escalations/${first}`))).json();
    expect(detail).toMatchObject({ status: 'resolved', resolvedAfterMs: minutes(14 + 1 + 30 + 45) });
    expect((await get(who.colleague, A(`/escalations/${first}`))).json().error).toBe('not_yours');
  });

  it('gives the school’s median and 90th percentile response times to the director, not to employees', async () => {
    const r = await get(who.director, A('/escalations/response-times?days=30'));
    expect(r.statusCode).toBe(200);
    const s = r.json();
    expect(s.escalations).toMatchObject({ total: 2, openNow: 0, acknowledged: { count: 2, medianSeconds: 22 * 60, p90Seconds: Math.round((14 + 0.9 * 16) * 60) }, resolved: { count: 1, medianSeconds: 90 * 60 } });
    // Every decision counts: changes asked, the approval after the resubmission, the director's approval.
    expect(s.reviews.decided.count).toBe(3);
    expect((await get(who.teacher, A('/escalations/response-times'))).statusCode).toBe(403);
    expect((await get(who.director, A('/escalations/response-times?days=0'))).statusCode).toBe(400);
  });

  it('answers bad input with 400 and a message', async () => {
    const empty = await post(who.teacher, A('/escalations'), { note: 'help' });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/paste its text, give a link or add screenshots/);
    const link = await post(who.teacher, A('/escalations'), { link: 'geen link' });
    expect(link.statusCode).toBe(400);
    expect(link.json().message).toMatch(/\$\.link/);
    // Only web links: javascript: and data: would run or show something in the supervisor's browser.
    for (const bad of ['javascript:alert(document.cookie)', 'data:text/html;base64,PHNjcmlwdD4=', 'ftp://example.org/x']) {
      const r = await post(who.teacher, A('/escalations'), { link: bad });
      expect(r.statusCode, bad).toBe(400);
      expect(r.json().message).toMatch(/web link/);
    }
    const shot = await post(who.teacher, A('/escalations'), { threadText: 'Jan: hoi', screenshots: ['00000000-0000-4000-8000-000000000000'] });
    expect(shot.statusCode).toBe(400);
    expect(shot.json().message).toMatch(/screenshots\[0\]/);
    const long = await post(who.teacher, A('/escalations'), { threadText: 'x\n'.repeat(600) });
    expect(long.statusCode).toBe(400);
    expect(long.json().message).toMatch(/too many lines/);
  });

  it('turns an escalation into an incident in one step: the case holds the conversation, the employee is its reporter', async () => {
    const id = (await post(who.teacher, A('/escalations'), { threadText: THREAD, link: 'https://www.facebook.com/groups/ouders/posts/9' })).json().escalationId;
    expect((await post(who.colleague, A(`/escalations/${id}/incident`), {})).statusCode).toBe(403);
    expect((await post(who.otherSupervisor, A(`/escalations/${id}/incident`), {})).json().error).toBe('not_yours');
    const bad = await post(who.supervisor, A(`/escalations/${id}/incident`), { category: 'gedoe' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/category/);

    clock += minutes(5);
    const r = await post(who.supervisor, A(`/escalations/${id}/incident`), { category: 'bullying' });
    expect(r.statusCode).toBe(201);
    const { incidentId } = r.json();
    const [row] = await database.db.select().from(incidents).where(eq(incidents.id, incidentId));
    expect(row).toMatchObject({ schoolId: schoolA, status: 'reported', category: 'bullying', reporterAccountId: who.teacher.accountId, link: 'https://www.facebook.com/groups/ouders/posts/9' });
    expect(row!.articles[0]).toBe('A.7');
    expect(row!.description).toContain('Die school is een puinhoop');
    const mine = (await get(who.teacher, A('/incidents/mine'))).json();
    expect(JSON.stringify(mine)).toContain(incidentId);
    const detail = (await get(who.teacher, A(`/escalations/${id}`))).json();
    expect(detail).toMatchObject({ status: 'became_incident', incidentId, answeredAfterMs: minutes(5) });
    expect((await post(who.supervisor, A(`/escalations/${id}/incident`), {})).json().error).toBe('closed');
    expect((await database.db.select().from(incidents).where(eq(incidents.reporterAccountId, who.teacher.accountId))).length).toBe(1);
    expect((await verifyAudit(database.db, { schoolId: schoolA })).broken).toEqual([]);
  });
});

describe(`who decides, one running request per post, what holds publishing back (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  let board: Browser;
  const HARMLESS = 'Vandaag hebben we in de klas een mooie les gehad over de herfst.';

  beforeAll(async () => {
    const acc = await makeAccount(database.db, [{ schoolId: schoolA, role: 'board', personId: null }], { email: 'board@school.example', name: 'board' });
    board = { cookie: '', csrfToken: '', status: 'active', headers: await tokenHeaders(database.db, acc.id) };
  });

  it('a director does not decide on their own request (nor publish it); the board does', async () => {
    const asked = await post(who.director, A('/reviews'), { post: workPost(DOUBTFUL), question: 'Kan ik dit plaatsen?' });
    expect(asked.statusCode).toBe(201);
    const { reviewId, postId } = asked.json();
    expect(asked.json().supervisor.via).toBe('board');
    const own = await decide(who.director, reviewId, { decision: 'approved', comment: 'Zelf goedgekeurd.' });
    expect(own.statusCode).toBe(403);
    expect(own.json().error).toBe('not_yours');
    const item = (await get(who.director, A('/supervision/queue'))).json().items.find((i: { id: string }) => i.id === reviewId);
    expect(item).toMatchObject({ mayDecide: false, mine: true });
    expect((await post(who.director, A(`/posts/${postId}/publish`), { confirmed: true })).statusCode).toBe(409);
    const byBoard = await decide(board, reviewId, { decision: 'approved', comment: 'Akkoord (bestuur).' });
    expect(byBoard.statusCode).toBe(200);
    expect((await post(who.director, A(`/posts/${postId}/publish`), { confirmed: true })).statusCode).toBe(200);
  });

  it('a director does not answer their own escalation, nor turn it into an incident', async () => {
    const id = (await post(who.director, A('/escalations'), { link: 'https://x.com/status/99' })).json().escalationId;
    for (const [step, body] of [['acknowledge', {}], ['resolve', { response: 'Zelf opgelost.' }], ['incident', {}]] as const) {
      const r = await post(who.director, A(`/escalations/${id}/${step}`), body);
      expect(r.statusCode, step).toBe(403);
      expect(r.json().error, step).toBe('not_yours');
    }
    const item = (await get(who.director, A('/supervision/queue'))).json().items.find((i: { id: string }) => i.id === id);
    expect(item.mayRespond).toBe(false);
    expect((await post(board, A(`/escalations/${id}/acknowledge`), {})).statusCode).toBe(200);
  });

  it('keeps one running request per post, also when two asks arrive at once', async () => {
    const first = (await post(who.colleague, A('/reviews'), { post: workPost(DOUBTFUL), question: 'Eén' })).json();
    expect((await post(who.colleague, A(`/reviews/${first.reviewId}/withdraw`))).statusCode).toBe(200);
    const both = await Promise.all(['Twee', 'Drie'].map((question) => post(who.colleague, A('/reviews'), { postId: first.postId, question })));
    expect(both.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(both.find((r) => r.statusCode === 409)!.json().error).toBe('already_open');
    // The database refuses a second running request too (the partial unique index).
    const [running] = await database.db.select().from(reviews).where(eq(reviews.postId, first.postId)).orderBy(reviews.createdAt);
    const copy = { schoolId: schoolA, postId: first.postId, checkId: running!.checkId, requesterAccountId: who.colleague.accountId, question: 'Vier', status: 'changes_requested' as const };
    const err = await database.db.insert(reviews).values(copy).then(
      () => null,
      (e: unknown) => e as { code?: string; cause?: { code?: string } },
    );
    expect(err?.code ?? err?.cause?.code).toBe('23505');
  });

  it('sends a resubmission to a new addressee when the supervisor no longer holds a leading role, and records it', async () => {
    const colleaguePerson = (await database.db.select({ personId: reviews.requesterId }).from(reviews).where(eq(reviews.requesterAccountId, who.colleague.accountId)).limit(1))[0]!.personId!;
    const pieter = (await database.db.select({ personId: accountRoles.personId }).from(accountRoles).where(eq(accountRoles.accountId, who.otherSupervisor.accountId)))[0]!.personId!;
    await database.db.update(employments).set({ supervisorId: pieter }).where(eq(employments.personId, colleaguePerson));
    const asked = (await post(who.colleague, A('/reviews'), { post: workPost(DOUBTFUL), question: 'Pieter, mag dit?' })).json();
    expect(asked.supervisor).toEqual({ name: 'Pieter Kok', via: 'employment' });
    expect((await decide(who.otherSupervisor, asked.reviewId, { decision: 'changes_requested', comment: 'Zachter graag.' })).statusCode).toBe(200);
    // Pieter leaves: his account closes.
    await database.db.update(accounts).set({ closedAt: new Date(clock) }).where(eq(accounts.id, who.otherSupervisor.accountId));
    const again = await post(who.colleague, A(`/reviews/${asked.reviewId}/resubmit`), { post: workPost('Ik wil graag met jullie praten over het nieuwe beleid.') });
    expect(again.statusCode).toBe(200);
    expect(again.json().supervisor).toEqual({ name: 'Dirk Smit' });
    const detail = (await get(who.colleague, A(`/reviews/${asked.reviewId}`))).json();
    expect(detail.supervisor).toBe('Dirk Smit');
    expect(detail.history.map((h: { kind: string }) => h.kind)).toEqual(['requested', 'changes_requested', 'readdressed', 'resubmitted']);
    expect(await mailWith(who.director.email, 'colleague heeft een aangepast bericht opnieuw aan je voorgelegd')).toContain('/wachtrij');
    expect((await decide(who.director, asked.reviewId, { decision: 'approved', comment: 'Goed zo.' })).statusCode).toBe(200);
  });

  it('a request that was rejected or still runs holds the post back, whatever its verdict', async () => {
    const asked = (await post(who.teacher, A('/reviews'), { post: workPost(HARMLESS), question: 'Kan dit zo?' })).json();
    expect(['allowed', 'allowed_with_changes']).toContain(asked.result.verdict);
    const publish = () => post(who.teacher, A(`/posts/${asked.postId}/publish`), { confirmed: true });
    const waiting = await publish();
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json()).toMatchObject({ error: 'not_publishable', message: expect.stringMatching(/waits for your supervisor/) });
    await decide(who.supervisor, asked.reviewId, { decision: 'changes_requested', comment: 'Noem de groep.' });
    expect((await publish()).json().message).toMatch(/asked for changes/);
    await post(who.teacher, A(`/reviews/${asked.reviewId}/resubmit`), {});
    await decide(who.supervisor, asked.reviewId, { decision: 'rejected', comment: 'Liever niet.' });
    const rejected = await publish();
    expect(rejected.statusCode).toBe(409);
    expect(rejected.json().message).toMatch(/rejected/);
    const [latest] = await database.db.select({ id: checks.id }).from(checks).where(eq(checks.postId, asked.postId)).orderBy(desc(checks.id)).limit(1);
    expect(await checkOf(asked.reviewId)).toBe(latest!.id);
  });
});

describe(`response times over rounds and outside the window (${onPostgres ? 'PostgreSQL' : 'PGlite'})`, () => {
  const B = (path: string) => `/api/v1/schools/${schoolB}${path}`;
  const stats = async (days: number) => (await get(who.directorB, B(`/escalations/response-times?days=${days}`))).json();

  // Hours of test clock went by: sign in again (an idle session ends).
  beforeAll(async () => {
    for (const key of ['teacherB', 'directorB'] as const) who[key] = { ...who[key], ...(await signIn(app, who[key].email)) };
  });

  it('times every round of a request: each decision against the sending just before it', async () => {
    const res = await post(who.teacherB, B('/reviews'), { post: workPost(DOUBTFUL), question: 'Mag dit?' });
    expect(res.statusCode, res.body).toBe(201);
    const asked = res.json();
    expect(asked.supervisor.via).toBe('director');
    const decideB = async (decision: string, comment: string) => post(who.directorB, B(`/reviews/${asked.reviewId}/decision`), { decision, comment, checkId: await checkOf(asked.reviewId) });
    clock += minutes(10);
    expect((await decideB('changes_requested', 'Anders formuleren.')).statusCode).toBe(200);
    clock += minutes(20);
    expect((await post(who.teacherB, B(`/reviews/${asked.reviewId}/resubmit`), { post: workPost('Ik wil graag met jullie praten over het nieuwe beleid.') })).statusCode).toBe(200);
    clock += minutes(5);
    expect((await decideB('approved', 'Goed zo.')).statusCode).toBe(200);
    const s = await stats(30);
    // 10 and 5 minutes: the 20 minutes the author took do not count, nor is the first round lost.
    expect(s.reviews).toMatchObject({ total: 1, openNow: 0, decided: { count: 2, medianSeconds: 450, p90Seconds: 570 } });
  });

  it('counts an escalation that waits since before the window as open now, with its age', async () => {
    const id = (await post(who.teacherB, B('/escalations'), { link: 'https://x.com/status/77' })).json().escalationId;
    expect(id).toBeTruthy();
    clock += 40 * 24 * 60 * minutes(1);
    who.directorB = { ...who.directorB, ...(await signIn(app, who.directorB.email)) };
    const s = await stats(30);
    expect(s.escalations).toMatchObject({ total: 0, openNow: 1, oldestOpenSeconds: 40 * 24 * 60 * 60 });
    expect(s.reviews.total).toBe(0);
    expect(s.reviews.decided.count).toBe(0);
  });
});
