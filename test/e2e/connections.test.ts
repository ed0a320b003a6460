/// <reference lib="dom" />
// Browser test of the connection check (A.6) against the real server with the demo seed. The demo
// teacher opens synthetic exports made from the demo roster (an Instagram followers_1.json with
// usernames, a Facebook your_friends.json with names), the fixture Instagram ZIP, and a pasted
// list. The page finds the students and sends nothing: every request the page makes after the
// school's roster has loaded is recorded, and there are none. axe-core; screenshots.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldName } from '../../src/connections/normalize.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/accounts.ts';
import { axeViolations, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { DESKTOP, PHONE, startE2e } from './harness.ts';

let e2e: E2e;
const files = mkdtempSync(join(tmpdir(), 'pw-e2e-exports-'));

beforeAll(async () => {
  e2e = await startE2e('connections');
}, 120_000);

afterAll(async () => {
  await e2e?.close();
  rmSync(files, { recursive: true, force: true });
});

const letters = (s: string) => foldName(s).replace(/[^a-z]/g, '');

describe('the connection check in the web app', () => {
  it('finds the students in an export, sends nothing, and reads a ZIP and a pasted list', { timeout: 150_000 }, async () => {
    const students = await e2e.query<{ given_name: string; prefix: string | null; family_name: string; code: string }>(
      `select p.given_name, p.prefix, p.family_name, g.code from people p join groups g on g.id = p.group_id
        where p.school_id = $1 and p.kind = 'student' and p.active and length(p.family_name) > 3
          and (select count(*) from people q where q.school_id = p.school_id and q.kind = 'student' and q.given_name = p.given_name and q.family_name = p.family_name) = 1
        order by p.family_name desc, p.given_name limit 4`,
      [e2e.schoolId],
    );
    const name = (s: (typeof students)[number]) => [s.given_name, s.prefix, s.family_name].filter(Boolean).join(' ');
    const [a, b, c, d] = students as [(typeof students)[number], (typeof students)[number], (typeof students)[number], (typeof students)[number]];
    const userA = `${letters(a.given_name)}.${letters(`${a.prefix ?? ''}${a.family_name}`)}2015`;
    const userB = `${letters(b.family_name)}_${letters(b.given_name)}_`;
    const ig = (u: string) => ({ title: '', media_list_data: [], string_list_data: [{ href: `https://www.instagram.com/${u}`, value: u, timestamp: 1730112000 }] });
    writeFileSync(join(files, 'followers_1.json'), JSON.stringify([ig(userA), ig(userB), ig('bakkerij_de_zon'), ig(letters(a.given_name))]));
    writeFileSync(join(files, 'your_friends.json'), JSON.stringify({ friends_v2: [{ name: name(c), timestamp: 1 }, { name: 'Mees Vriesema', timestamp: 2 }] }));

    const context = await e2e.context(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/aanmelden`);
    await page.getByLabel('E-mailadres').fill('leerkracht@demo.postwijzer.nl');
    await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Aanmelden' }).click();
    await page.getByRole('heading', { name: /Welkom/ }).waitFor();
    await openFromMenu(page, 'Connectiecheck');
    await page.getByRole('heading', { name: 'Connectiecheck', level: 1 }).waitFor();
    const input = page.getByLabel('Kies je exportbestand(en)');
    await input.waitFor();
    await expect.poll(async () => (await axeViolations(page)).map((v) => v.id)).toEqual([]);

    // From here on, every request the page makes is recorded.
    const requests: Request[] = [];
    page.on('request', (r) => requests.push(r));
    await input.setInputFiles([join(files, 'followers_1.json'), join(files, 'your_friends.json')]);
    const result = page.locator('section.conn-result');
    await result.getByRole('heading', { name: 'Uitkomst' }).waitFor();
    const text = await result.innerText();
    expect(text).toContain('We lazen 6 connecties uit: followers_1.json, your_friends.json.');
    expect(text).toContain('We vonden 3 leerling(en) van de school tussen je connecties.');
    expect(text).toContain('Er is niets verstuurd');
    for (const s of [a, b, c]) expect(text).toContain(`${name(s)} (groep ${s.code})`);
    expect(text).not.toContain(name(d));
    expect(await result.locator('li', { hasText: name(c) }).locator('.confidence').innerText()).toBe('zelfde naam');
    expect(await result.locator('li', { hasText: name(a) }).innerText()).toContain(`@${userA}`);
    expect(text).toMatch(/Verbreek de verbinding[\s\S]*schoolproject/);
    // Focus moves to the result.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Uitkomst');
    await expect.poll(async () => (await axeViolations(page)).map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/connections-desktop.png', fullPage: true });
    await page.setViewportSize(PHONE);
    await result.getByRole('heading', { name: 'Uitkomst' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: 'docs/screenshots/connections-telefoon.png', fullPage: false });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(DESKTOP);

    // The Instagram ZIP (deflated entries, a photo and an HTML copy beside the JSON files).
    await page.getByRole('button', { name: 'Uitkomst wissen' }).click();
    await input.setInputFiles('test/fixtures/connections/instagram-export.zip');
    await result.getByText(/We lazen 9 connecties uit: instagram-export\.zip: connections\/followers_and_following\/following\.json, instagram-export\.zip: connections\/followers_and_following\/followers_1\.json\./).waitFor();
    expect(await result.innerText()).toContain('We vonden geen leerlingen van de school');

    // A pasted list: the other order with a comma, and a given name alone (no match).
    await page.getByLabel(/Of plak een lijst/).fill(`${d.family_name}, ${d.given_name}${d.prefix ? ` ${d.prefix}` : ''}\n${d.given_name}`);
    await page.getByRole('button', { name: 'Controleer de lijst' }).click();
    await result.getByText('We vonden 1 leerling(en) van de school tussen je connecties.').waitFor();
    expect(await result.locator('li', { hasText: name(d) }).locator('.confidence').innerText()).toBe('waarschijnlijk');
    await page.screenshot({ path: 'docs/screenshots/connections-lijst-desktop.png', fullPage: true });

    // Files we cannot read: no all-clear, but "we could not read any connections".
    writeFileSync(join(files, 'profile_information.json'), JSON.stringify({ Profile: { 'Profile Information': { ProfileMap: { userName: 'mijzelf' } } }, Activity: { 'Like List': { ItemFavoriteList: [] } } }));
    writeFileSync(join(files, 'following.json'), '{"relationships_following": [');
    await page.getByRole('button', { name: 'Uitkomst wissen' }).click();
    await input.setInputFiles([join(files, 'profile_information.json'), join(files, 'following.json')]);
    await result.getByText(/We konden geen connecties uit deze bestanden lezen/).waitFor();
    let unread = await result.innerText();
    expect(unread).not.toContain('We vonden geen leerlingen');
    expect(unread).toMatch(/profile_information\.json: We herkennen dit bestand niet/);
    expect(unread).toMatch(/following\.json: Dit bestand is geen geldig JSON-bestand/);
    await expect.poll(async () => (await axeViolations(page)).map((v) => v.id)).toEqual([]);
    await page.screenshot({ path: 'docs/screenshots/connections-niet-gelezen-desktop.png', fullPage: true });
    // A TikTok export whose lists are empty: read, 0 connections, still no all-clear.
    writeFileSync(join(files, 'user_data.json'), JSON.stringify({ Activity: { 'Following List': { Following: [] }, 'Follower List': { FansList: [] } } }));
    await page.getByRole('button', { name: 'Uitkomst wissen' }).click();
    await input.setInputFiles(join(files, 'user_data.json'));
    await result.getByText(/We konden geen connecties uit deze bestanden lezen/).waitFor();
    unread = await result.innerText();
    expect(unread).not.toContain('We vonden geen leerlingen');
    expect(unread).not.toContain('Niet gelezen');

    // Nothing of the exports stays behind in the browser: no storage but the language and school choice.
    const stored = await page.evaluate(async () => ({
      local: Object.fromEntries(Object.keys(localStorage).map((k) => [k, localStorage.getItem(k)])),
      session: Object.keys(sessionStorage),
      idb: (await indexedDB.databases()).map((d) => d.name),
    }));
    expect(Object.keys(stored.local).filter((k) => k !== 'pw.lang' && k !== 'pw.school')).toEqual([]);
    for (const v of Object.values(stored.local)) for (const u of [userA, userB, name(c), name(d)]) expect(v).not.toContain(u);
    expect(stored.session).toEqual([]);
    expect(stored.idb).toEqual([]);

    await page.waitForTimeout(500);
    expect(requests.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    await context.close();
  });
});
