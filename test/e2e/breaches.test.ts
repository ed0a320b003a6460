/// <reference lib="dom" />
// Browser test of the breach register, against the real server with the demo seed. A teacher
// reports a possible breach through "Mogelijk datalek melden"; the FG signs in (with the second
// factor), opens "Datalekken", sees the 72-hour badges, opens the new entry, assesses it (risk →
// notify the AP) and records the AP notification with its reference number; the register has it
// and its history. axe-core checks every page (WCAG 2.1 AA); screenshots on a desktop and a phone
// go to docs/screenshots/breaches-*.png. Needs the built web app (node scripts/build.mjs).
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start.ts';
import { startServer } from '../../src/server/start.ts';
import { axeViolations, launchChromium, menuLinkCount, openFromMenu, signInAs } from './browser.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = 'docs/screenshots';
const TITLE = 'Cijferlijst groep 7 naar verkeerde ouder';

let server: RunningServer;
let browser: Browser;
let schoolId: string;
const dataDir = mkdtempSync(join(tmpdir(), 'pw-e2e-breaches-'));
const webCopy = join(dataDir, 'web');
const query = <T,>(sql: string, params: unknown[] = []) => server.database.query<T>(sql, params);

/** The browser gets the web app as it was when the server started (a copy of dist/web). */
async function newContext(viewport: { width: number; height: number }): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam' });
  const index = readFileSync(join(webCopy, 'index.html'), 'utf8');
  await context.route(`${server.url}/assets/**`, (route) => route.fulfill({ path: join(webCopy, new URL(route.request().url()).pathname) }));
  await context.route(
    (url) => url.origin === server.url && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/assets/'),
    async (route) => {
      if (route.request().resourceType() !== 'document') return route.continue();
      const response = await route.fetch();
      return route.fulfill({ response, body: response.headers()['content-type']?.startsWith('text/html') ? index : await response.text() });
    },
  );
  return context;
}

beforeAll(async () => {
  if (!existsSync('dist/web/index.html')) throw new Error('the web app is not built: run `node scripts/build.mjs` first');
  cpSync('dist/web', webCopy, { recursive: true });
  server = await startServer({ port: 0, host: '127.0.0.1', logger: false, handleSignals: false, dataDir, print: false });
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  const [school] = await query<{ id: string }>(`select id from schools where brin = '99AA'`);
  schoolId = school!.id;
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(email: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await newContext(viewport);
  const page = await context.newPage();
  await signInAs(page, server.url, email);
  if (await page.getByLabel('School', { exact: true }).count()) await page.getByLabel('School', { exact: true }).selectOption(schoolId);
  return { context, page };
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${SHOTS}/breaches-${name}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/breaches-${name}-phone.png`, fullPage: true });
  await page.setViewportSize(DESKTOP);
}

describe('the breach register in the browser', () => {
  it('lets a teacher report a possible breach, with the keyboard', async () => {
    const { context, page } = await signedIn('leerkracht@demo.postwijzer.nl');
    // Teachers report, but do not see the register.
    // (hidden links in closed menu groups count too, so a link that is merely folded away fails this)
    expect(await menuLinkCount(page, 'Datalekken')).toBe(0);
    expect(await menuLinkCount(page, 'Mogelijk datalek melden')).toBe(1);
    await page.getByRole('link', { name: 'Mogelijk datalek melden' }).first().click();
    await page.getByRole('heading', { name: 'Mogelijk datalek melden' }).waitFor();
    expect(await axeViolations(page)).toEqual([]);
    // The kind by keyboard: focus the first choice and move with the arrow keys.
    await page.getByLabel('Foto of film geplaatst zonder toestemming').focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('E-mail naar het verkeerde adres').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TITLE);
    await page.getByLabel('Beschrijving').fill('De cijferlijst van groep 7 is vanochtend naar een ouder van een andere groep gemaild.');
    await page.getByLabel(/Om hoeveel mensen/).fill('27');
    await shoot(page, 'report');
    await page.getByRole('button', { name: 'Melden bij de FG' }).press('Enter');
    await page.getByText('De FG heeft je melding ontvangen').waitFor();
    const [row] = await query<{ kind: string; status: string; approx_people: number }>(`select kind, status, approx_people from breaches where title = $1`, [TITLE]);
    expect(row).toEqual({ kind: 'email_wrong_address', status: 'possible', approx_people: 27 });
    // The first history event holds the facts as reported, the number of people included.
    const [first] = await query<{ type: string; approx: number }>(`select e.type, (e.data->>'approxPeople')::int as approx from breach_events e join breaches b on b.id = e.breach_id where b.title = $1 order by e.id limit 1`, [TITLE]);
    expect(first).toEqual({ type: 'reported', approx: 27 });
    await context.close();
  }, 120_000);

  it('lets the FG assess it and record the notification to the AP', async () => {
    const { context, page } = await signedIn('fg@demo.postwijzer.nl');
    await openFromMenu(page, 'Datalekken');
    await page.getByRole('heading', { name: 'Datalekken', level: 1 }).waitFor();
    const row = page.getByRole('row', { name: new RegExp(TITLE) });
    await row.waitFor();
    await expect.poll(() => row.locator('.br-badge').innerText()).toMatch(/^nog 2 dagen 23 uur|^nog 3 dagen/);
    // The demo's handled breach shows as notified.
    expect(await page.getByRole('row', { name: /USB-stick/ }).locator('.br-badge').innerText()).toBe('Gemeld bij de AP');
    await shoot(page, 'list');

    await row.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await page.locator('.br-head .br-status').innerText()).toBe('Te beoordelen');
    await page.getByLabel('Risico Binnen 72 uur melden').check();
    await page.getByLabel('Onderbouwing van het besluit').fill('Cijfers van 27 leerlingen bij een onbevoegde ouder: risico, melden bij de AP.');
    expect(await page.getByRole('checkbox', { name: /^Melden bij de Autoriteit Persoonsgegevens/ }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: /^Melden bij de Autoriteit Persoonsgegevens/ }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Besluit opslaan' }).click();
    await page.getByRole('heading', { name: 'Melding bij de AP vastleggen' }).waitFor();
    expect(await page.locator('.br-head .br-status').innerText()).toBe('Datalek');

    await page.getByLabel('Meldingsnummer van de AP').fill('AP-E2E-4711');
    await shoot(page, 'detail');
    await page.getByRole('button', { name: 'Melding vastleggen' }).click();
    await page.locator('dl.br-facts').getByText('AP-E2E-4711').waitFor();
    expect(await page.locator('.br-head .br-badge').innerText()).toBe('Gemeld bij de AP');
    expect(await page.locator('.br-history > li').count()).toBe(3);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/breaches-notified-desktop.png`, fullPage: true });

    const [b] = await query<{ id: string; status: string; risk: string; authority_reference: string; notified: boolean }>(
      `select id, status, risk, authority_reference, authority_notified_at is not null as notified from breaches where title = $1`,
      [TITLE],
    );
    expect(b).toMatchObject({ status: 'registered', risk: 'risk', authority_reference: 'AP-E2E-4711', notified: true });
    const events = await query<{ type: string }>(`select type from breach_events where breach_id = $1 order by id`, [b!.id]);
    expect(events.map((e) => e.type)).toEqual(['reported', 'assessed', 'authority_notified']);
    await context.close();
  }, 120_000);

  it('shows the board the register to read, without the forms', async () => {
    const { context, page } = await signedIn('bestuur@demo.postwijzer.nl');
    await page.goto(`${server.url}/datalekken`);
    await page.getByRole('heading', { name: 'Datalekken', level: 1 }).waitFor();
    await page.getByText('Je kunt het register lezen').waitFor();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Besluit opslaan' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
