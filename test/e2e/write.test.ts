/// <reference lib="dom" />
// Browser test of "Bericht schrijven" and "Mijn berichten" against the real server with the demo
// seed: a teacher writes a post with a photo, tags a child without consent, applies the blur fix
// and publishes; an employee's private post about the school gets the disclosure and disclaimer
// fixes; a parent's browser never receives the roster (every response body is read). axe-core on
// every page; screenshots to docs/screenshots/; the time per check in the browser and the page's
// gzipped JavaScript are measured and written to bench/results/web.json.
import { mkdirSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePhoto } from '../../src/media/testing/fixtures.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/accounts.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { axeViolations, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { startE2e } from './harness.ts';

let e2e: E2e;
let server: RunningServer;
let browser: Browser;
let schoolId: string;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };

beforeAll(async () => {
  e2e = await startE2e('write');
  ({ server, browser } = e2e);
  schoolId = e2e.schoolId;
}, 120_000);

afterAll(async () => e2e?.close());

const signedIn = (email: string, viewport = DESKTOP) => e2e.signedIn(email, viewport);

async function openWritePage(page: Page): Promise<void> {
  await openFromMenu(page, 'Bericht schrijven');
  await page.getByRole('heading', { name: 'Bericht schrijven', level: 1 }).waitFor();
}

async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

const fullName = (p: { given_name: string; prefix: string | null; family_name: string }) => [p.given_name, p.prefix, p.family_name].filter(Boolean).join(' ');

describe('writing and checking a post in the web app', () => {
  it('a teacher tags a child without consent in a photo, applies the blur fix and publishes', { timeout: 120_000 }, async () => {
    // A student of the school without consent for photos on the school's social media, whose name is unique.
    const rows = await server.database.query<{ id: string; given_name: string; prefix: string | null; family_name: string }>(
      `select p.id, p.given_name, p.prefix, p.family_name from people p
        where p.school_id = $1 and p.kind = 'student' and p.active
          and not exists (select 1 from consents_current c where c.person_id = p.id and c.channel = 'school_social_media' and c.media = 'photo' and c.status = 'granted')
          and (select count(*) from people q where q.school_id = p.school_id and q.given_name = p.given_name and q.family_name = p.family_name) = 1
        order by p.family_name limit 1`,
      [schoolId],
    );
    const child = rows[0]!;
    const { context, page } = await signedIn('leerkracht@demo.postwijzer.nl');
    await openWritePage(page);
    await page.getByLabel('Je bericht').fill('Vandaag hebben we in de klas geschilderd. Kijk eens wat een mooie kunstwerken!');
    await page.getByLabel('Foto of video toevoegen').setInputFiles(samplePhoto(1));
    const face1 = page.getByRole('combobox', { name: 'Gezicht 1' });
    await face1.waitFor({ timeout: 60_000 });
    // The boxes are drawn over the photo, one per face.
    expect(await page.locator('.photo-frame .face').count()).toBe(3);

    // Search as you type, choose with the keyboard.
    await face1.fill(`${child.given_name} ${child.family_name}`);
    await page.getByRole('option', { name: new RegExp(fullName(child)) }).first().waitFor();
    await face1.press('Enter');
    await expect.poll(() => page.locator('.faces .hint').first().innerText()).toContain(fullName(child));

    const live = page.locator('section.live');
    await expect.poll(() => live.innerText()).toContain(`${child.given_name.charAt(0).toUpperCase()}${child.given_name.slice(1)} staat op`);
    await expect.poll(() => live.innerText()).toMatch(/Artikel A\.5/);
    await expect.poll(() => live.innerText()).toMatch(/van wie we niet weten of er toestemming is/);
    await expectAxeClean(page);
    await page.screenshot({ path: 'docs/screenshots/schrijven-desktop.png', fullPage: true });
    await page.setViewportSize(PHONE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/screenshots/schrijven-telefoon.png', fullPage: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole('heading', { name: 'Controle' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/screenshots/schrijven-controle-telefoon.png', fullPage: false });
    await page.setViewportSize(DESKTOP);

    // The blur fix for the child, then every other fix at once (the unknown faces; the lesson time when the run falls in school hours).
    await page.getByRole('button', { name: `Maak ${fullName(child)} onherkenbaar op foto 1` }).click();
    await page.locator('figcaption').filter({ hasText: 'onherkenbaar gemaakt' }).waitFor();
    await expect.poll(() => live.innerText()).not.toContain(`${child.given_name} staat op`);
    const all = page.getByRole('button', { name: /^Alles toepassen/ });
    await ((await all.count()) ? all : page.getByRole('button', { name: 'Maak de onbekende gezichten op foto 1 onherkenbaar' })).click();
    await expect.poll(() => page.locator('.faces li').count()).toBe(0);
    await expect.poll(() => live.locator('.verdict').first().innerText()).toBe('Mag geplaatst worden');

    // The server checks again; its result is the one recorded.
    await page.getByRole('button', { name: 'Laten controleren en bewaren' }).click();
    const recorded = page.locator('section.server-check');
    await recorded.getByRole('heading', { name: 'Gecontroleerd en bewaard' }).waitFor();
    expect(await recorded.locator('.verdict').first().innerText()).toBe('Mag geplaatst worden');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Gecontroleerd en bewaard');
    expect(await recorded.innerText()).toMatch(/Wat online staat, blijft online/);
    // Both confirmations first (A.3, A.4).
    await recorded.getByRole('button', { name: 'Ik heb het geplaatst' }).click();
    await recorded.getByRole('alert').filter({ hasText: 'Vink eerst allebei' }).waitFor();
    await recorded.getByLabel('Dit is de definitieve versie, en ik plaats hem zelf.').check();
    await recorded.getByLabel('Ik weet dat wat online staat, online blijft.').check();
    await recorded.getByLabel(/Waar staat het/).fill('https://www.instagram.com/p/demo123/');
    await expectAxeClean(page);
    await recorded.getByRole('button', { name: 'Ik heb het geplaatst' }).click();
    await recorded.getByText('Vastgelegd als geplaatst.').waitFor();

    const [stored] = await server.database.query<{ status: string; verdict: string; media_id: string; derived: string | null; shown: string[] | null; url: string }>(
      `select p.status::text, c.verdict::text, p.content->'media'->0->>'mediaId' as media_id, m.derived_from as derived, p.published_url as url,
              (select array_agg(person_id::text) from post_people pp where pp.post_id = p.id) as shown
         from posts p join checks c on c.post_id = p.id join media_items m on m.id::text = p.content->'media'->0->>'mediaId'
        where p.author_account_id = (select id from accounts where email = 'leerkracht@demo.postwijzer.nl') order by p.created_at desc limit 1`,
    );
    expect(stored).toMatchObject({ status: 'published', verdict: 'allowed', url: 'https://www.instagram.com/p/demo123/' });
    expect(stored!.derived).not.toBeNull();
    expect(stored!.shown ?? []).not.toContain(child.id);

    // "Mijn berichten": the post among the published ones, with its recorded check.
    await openFromMenu(page, 'Mijn berichten');
    await page.getByRole('heading', { name: 'Mijn berichten', level: 1 }).waitFor();
    const published = page.locator('section', { has: page.getByRole('heading', { name: /^Geplaatst/ }) });
    await published.locator('li.own-post').first().waitFor();
    expect(await published.locator('li.own-post').first().innerText()).toMatch(/Vandaag hebben we in de klas geschilderd[\s\S]*Mag geplaatst worden/);
    await published.getByRole('button', { name: 'Bekijk de controle' }).first().click();
    await published.getByRole('heading', { name: /Controle van/ }).waitFor();
    await expectAxeClean(page);
    await page.screenshot({ path: 'docs/screenshots/berichten-desktop.png', fullPage: true });
    await page.setViewportSize(PHONE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: 'docs/screenshots/berichten-telefoon.png', fullPage: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await context.close();
  });

  it('an employee’s private post about the school gets the disclosure and disclaimer fixes, and can be kept as a draft', { timeout: 60_000 }, async () => {
    const { context, page } = await signedIn('leerkracht@demo.postwijzer.nl', PHONE);
    await openWritePage(page);
    await page.getByLabel('Privé').check();
    await page.getByLabel('Waar plaats je het?').selectOption({ label: 'Mijn eigen account' });
    await page.getByLabel('Welk platform?').fill('Facebook');
    await page.getByLabel('Wanneer plaats je het? (niet verplicht)').fill('2026-11-28T20:00');
    await page.getByLabel('Je bericht').fill('Ik vind dat ASKO goed bezig is met het nieuwe beleid op De Regenboog.');
    const live = page.locator('section.live');
    await page.getByRole('button', { name: 'Zeg dat je bij de school werkt' }).click();
    await expect.poll(() => page.getByLabel('Je bericht').inputValue()).not.toBe('Ik vind dat ASKO goed bezig is met het nieuwe beleid op De Regenboog.');
    await page.getByRole('button', { name: 'Zet erbij dat dit je eigen mening is' }).click();
    await expect.poll(() => live.locator('.verdict').first().innerText()).toBe('Mag geplaatst worden');
    const text = await page.getByLabel('Je bericht').inputValue();
    expect(text.startsWith('Ik vind dat ASKO goed bezig is met het nieuwe beleid op De Regenboog. ')).toBe(true);
    expect(text.length).toBeGreaterThan(100);
    await expectAxeClean(page);

    await page.getByRole('button', { name: 'Bewaar als concept' }).click();
    await page.getByText('Concept bewaard.').waitFor();
    await openFromMenu(page, 'Mijn berichten');
    const drafts = page.locator('section', { has: page.getByRole('heading', { name: /^Concepten/ }) });
    await drafts.getByText(/Ik vind dat ASKO/).waitFor();
    await drafts.getByRole('link', { name: 'Verder schrijven' }).first().click();
    await expect.poll(() => page.getByLabel('Je bericht').inputValue()).toBe(text);
    expect(await page.getByLabel('Welk platform?').inputValue()).toBe('Facebook');
    await context.close();
  });

  it('a parent checks on the server and never receives the roster', { timeout: 90_000 }, async () => {
    const [guardian] = await server.database.query<{ id: string }>(
      `select r.person_id as id from account_roles r join accounts a on a.id = r.account_id where a.email = 'ouder@demo.postwijzer.nl'`,
    );
    const others = await server.database.query<{ given_name: string; prefix: string | null; family_name: string }>(
      `select p.given_name, p.prefix, p.family_name from people p
        where p.school_id = $1 and p.kind = 'student' and p.id not in (select student_id from guardianships where guardian_id = $2)`,
      [schoolId, guardian!.id],
    );
    const own = await server.database.query<{ given_name: string; prefix: string | null; family_name: string }>(
      `select p.given_name, p.prefix, p.family_name from people p join guardianships g on g.student_id = p.id where g.guardian_id = $1`,
      [guardian!.id],
    );
    expect(others.length).toBeGreaterThan(50);

    const context = await e2e.context(PHONE);
    const page = await context.newPage();
    const bodies: { url: string; status: number; body: string }[] = [];
    const pending: Promise<void>[] = [];
    page.on('response', (res) => {
      const type = res.headers()['content-type'] ?? '';
      if (/^(image|video|audio)\//.test(type)) return;
      pending.push(
        res
          .text()
          .then((body) => void bodies.push({ url: res.url(), status: res.status(), body }))
          .catch(() => undefined),
      );
    });
    await page.goto(`${server.url}/aanmelden`);
    await page.getByLabel('E-mailadres').fill('ouder@demo.postwijzer.nl');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    await openWritePage(page);
    // The parent tags a face in their own photo: only themselves, their children or "unknown".
    await page.getByLabel('Foto of video toevoegen').setInputFiles(samplePhoto(2));
    await page.getByLabel('Gezicht 1').waitFor({ timeout: 60_000 });
    const choices = await page.getByLabel('Gezicht 1').locator('option').allInnerTexts();
    expect(choices.length).toBe(1 + 1 + own.length);
    await page.getByLabel('Gezicht 1').selectOption({ index: 2 });
    await page.getByLabel('Je bericht').fill(`Wat een mooie sportdag bij De Regenboog! ${own[0]!.given_name} heeft genoten.`);
    const live = page.locator('section.live');
    await expect.poll(() => live.locator('.verdict').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    await expect.poll(() => live.innerText()).toMatch(/Artikel A\.5/); // the two unknown faces
    expect(await live.innerText()).toMatch(/even nadat je stopt met typen/);
    await expectAxeClean(page);
    await page.getByRole('heading', { name: 'Controle' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/screenshots/schrijven-ouder-telefoon.png', fullPage: false });
    await page.getByRole('button', { name: 'Laten controleren en bewaren' }).click();
    await page.getByRole('heading', { name: 'Gecontroleerd en bewaard' }).waitFor();
    await openFromMenu(page, 'Mijn berichten');
    await page.locator('li.own-post').first().waitFor();
    await expectAxeClean(page);
    await Promise.all(pending);

    expect(bodies.some((b) => b.url.includes('/checks') && b.status === 200)).toBe(true);
    expect(bodies.filter((b) => b.url.includes('/check-context') && b.status === 200)).toEqual([]);
    const leaked = new Set<string>();
    for (const p of others) {
      const name = fullName(p);
      // A sibling's name can be a classmate's as well: only names not shared with the parent's own children count.
      if (own.some((o) => fullName(o) === name)) continue;
      for (const b of bodies) if (b.body.includes(name)) leaked.add(`${name} in ${b.url}`);
    }
    expect([...leaked]).toEqual([]);
    await context.close();
  });

  it('measures the check in the browser (500 characters, 1,000 people) and the JavaScript the write page loads', { timeout: 120_000 }, async () => {
    // Grow the demo school's roster to 1,000 people (made-up students), then let the app's cache know.
    const [{ n }] = (await server.database.query<{ n: number }>(`select count(*)::int as n from people where school_id = $1 and active`, [schoolId])) as [{ n: number }];
    const extra = Math.max(0, 1000 - n);
    if (extra) {
      await server.database.query(
        `insert into people (school_id, external_id, kind, given_name, family_name)
         select $1, 'bench-' || i, 'student', (array['Noor','Sem','Lieke','Bram','Fenna','Jesse','Roos','Milan'])[1 + i % 8] || i, 'Bench' || i from generate_series(1, $2::int) as i`,
        [schoolId, extra],
      );
      await server.database.query(`update schools set data_version = data_version + 1 where id = $1`, [schoolId]);
      await server.database.query(`select pg_notify('postwijzer_school_changed', $1)`, [schoolId]);
    }

    const { context, page } = await signedIn('leerkracht@demo.postwijzer.nl');
    // The built files of dist/web the page loads, as the server sent them (read from the answers:
    // another build may replace dist/web while this runs).
    const scripts = new Map<string, Promise<Buffer>>();
    page.on('response', (res) => {
      const u = new URL(res.url());
      if (u.pathname.startsWith('/assets/') && u.pathname.endsWith('.js')) scripts.set(u.pathname.slice('/assets/'.length), res.body());
    });
    // Load the write page from scratch, so that every script it needs is counted.
    const ctxResponse = page.waitForResponse((r) => r.url().includes('/check-context'));
    await page.goto(`${server.url}/schrijven`);
    const roster = ((await (await ctxResponse).json()) as { roster: unknown[] }).roster.length;
    expect(roster).toBeGreaterThanOrEqual(1000);
    const box = page.getByLabel('Je bericht');
    await box.waitFor();
    const sentence = 'Vandaag hebben de kinderen van groep 7 een prachtige voorstelling gegeven in de aula van De Regenboog. ';
    let text = '';
    while (text.length < 450) text += sentence;
    text = text.slice(0, 450);
    await box.fill(text.slice(0, 440));
    await expect.poll(() => page.evaluate(() => performance.getEntriesByName('postwijzer:check').length)).toBeGreaterThan(0);
    await page.evaluate(() => performance.clearMeasures('postwijzer:check'));
    await box.focus();
    await page.keyboard.press('End');
    // 60 keystrokes: the post grows from 440 to 500 characters, one check per keystroke.
    const tail = `${text.slice(440)} Met dank aan alle ouders voor de hulp bij de voorstelling!`.padEnd(60, '!').slice(0, 60);
    await page.keyboard.type(tail, { delay: 25 });
    await page.waitForTimeout(300);
    const typed = text.slice(0, 440) + tail;
    expect(typed.length).toBe(500);
    expect(await box.inputValue()).toBe(typed);
    const durations = await page.evaluate(() => performance.getEntriesByName('postwijzer:check').map((e) => e.duration));
    expect(durations.length).toBeGreaterThanOrEqual(30);
    const sorted = [...durations].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
    const round = (x: number) => Math.round(x * 100) / 100;

    const files = [...scripts.keys()].sort();
    const sizes = await Promise.all(
      files.map(async (f) => {
        const bytes = await scripts.get(f)!;
        return { file: f, bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
      }),
    );
    const result = {
      date: new Date().toISOString(),
      browser: `${browser.browserType().name()} ${browser.version()}`,
      check: {
        post: '500 characters (typed from 440 to 500, one check per keystroke)',
        roster,
        checks: durations.length,
        p50Ms: round(pct(50)),
        p95Ms: round(pct(95)),
        maxMs: round(sorted[sorted.length - 1]!),
        meanMs: round(durations.reduce((a, b) => a + b, 0) / durations.length),
        budgetMs: 16,
      },
      writePageJavaScript: {
        files: sizes,
        bytes: sizes.reduce((a, s) => a + s.bytes, 0),
        gzipBytes: sizes.reduce((a, s) => a + s.gzip, 0),
        gzipKB: round(sizes.reduce((a, s) => a + s.gzip, 0) / 1024),
        budgetKB: 300,
      },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/web.json', `${JSON.stringify(result, null, 2)}\n`);
    console.log(
      `check in the browser (${roster} people, 500 characters, ${durations.length} checks): p50 ${result.check.p50Ms} ms, p95 ${result.check.p95Ms} ms, max ${result.check.maxMs} ms\n` +
        `write page JavaScript: ${files.length} files, ${result.writePageJavaScript.bytes} bytes, ${result.writePageJavaScript.gzipKB} KB gzipped`,
    );
    await context.close();
  });
});
