/// <reference lib="dom" />
// Browser test of the dashboard against the real server with the demo seed: the director reads
// this month's count of reports, reports one more case through "Iets melden", and after a reload
// the count is one higher (also in the chart's own label); the numbers table opens with the
// keyboard; the CSV download is UTF-8 with a BOM and semicolons. The board sees all its schools
// added up and picks one school. axe-core on every view; screenshots of the page and of each chart
// (docs/screenshots/dashboard-*.png).
import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { DESKTOP, SHOTS, shoot, startE2e } from './harness.ts';

let e2e: E2e;
/** The built entry bundle, read at the start (a build by another suite may replace dist/web later). */
let entryBundle: string;

beforeAll(async () => {
  const entry = /src="\/assets\/([^"]+\.js)"/.exec(readFileSync('dist/web/index.html', 'utf8'))![1]!;
  entryBundle = readFileSync(`dist/web/assets/${entry}`, 'utf8');
  e2e = await startE2e('dashboards');
}, 120_000);
afterAll(async () => e2e?.close());

async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

const card = (page: Page, title: string): Locator => page.locator('section.db-card', { has: page.getByRole('heading', { name: title, level: 2 }) });

/** This month's "Gemeld" in the months table (its last row). */
async function reportedThisMonth(page: Page): Promise<number> {
  const months = card(page, 'Meldingen per maand');
  const toggle = months.getByRole('button', { name: 'Toon de cijfers als tabel' });
  if (await toggle.count()) await toggle.click();
  const last = months.locator('table tbody tr').last();
  return Number(await last.locator('td').first().innerText());
}

describe('the dashboard in the web app', () => {
  it('loads in a chunk of its own: the entry bundle (and so the write page) holds none of its code', () => {
    const main = entryBundle;
    // The registration (menu name, lazy import) is in the entry; the charts and their texts are not.
    expect(main).toContain('nav.dashboard');
    expect(main).not.toContain('db.months.summary');
    expect(main).not.toContain('db-chart');
  });

  it('counts a case reported in the browser, after a reload', { timeout: 180_000 }, async () => {
    const { context, page } = await e2e.signedIn('directeur@demo.postwijzer.nl');
    await openFromMenu(page, 'Dashboard');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const months = card(page, 'Meldingen per maand');
    await months.locator('svg[role=img]').waitFor();
    // The school view of a director: no picker, no per-school chart.
    expect(await page.getByLabel('Overzicht van').count()).toBe(0);
    expect(await card(page, 'Meldingen per school').count()).toBe(0);
    // The chart is one image named by its heading and its summary.
    const name = await months.locator('svg[role=img]').evaluate((svg) => (svg.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    expect(name).toMatch(/^Meldingen per maand In 12 maanden \d+ meldingen/);

    // The table opens from the keyboard.
    const toggle = months.getByRole('button', { name: 'Toon de cijfers als tabel' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    await months.getByRole('button', { name: 'Verberg de tabel' }).waitFor();
    expect(await months.locator('table').isVisible()).toBe(true);
    const before = await reportedThisMonth(page);
    expect(before).toBeGreaterThanOrEqual(1);
    await expectAxeClean(page);
    await shoot(page, 'dashboard-school', { axe: true });
    for (const [title, file] of [
      ['Meldingen per maand', 'maanden'],
      ['Open meldingen: hoe lang al', 'open'],
      ['Meldingen per artikel van het protocol', 'artikelen'],
      ['Toestemming per groep', 'toestemming'],
      ['Reactietijd van leidinggevenden', 'reactietijden'],
      ['Protocol bevestigd door medewerkers', 'bevestigingen'],
    ] as const) {
      await card(page, title).screenshot({ path: `${SHOTS}/dashboard-${file}.png` });
    }

    // The CSV of the months table: a download for Excel.
    const href = await months.getByRole('link', { name: 'Download als CSV (Excel)' }).getAttribute('href');
    const csv = await page.request.get(`${e2e.server.url}${href}`);
    expect(csv.status()).toBe(200);
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="postwijzer-school-maanden-\d{4}-\d{2}-\d{2}\.csv"$/);
    const bytes = await csv.body();
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('maand;gemeld;nog open;afgesloten');
    expect(Number(lines.at(-1)!.split(';')[1])).toBe(before);

    // One more case, reported through the app.
    await openFromMenu(page, 'Iets melden');
    await page.getByRole('heading', { name: 'Iets melden', level: 1 }).waitFor();
    await page.getByLabel('Bedreigen').check();
    await page.getByLabel('Wat is er gebeurd?').fill('In de groepsapp van de ouders dreigt iemand de juf iets aan te doen als de cijfers niet beter worden.');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await page.getByRole('heading', { name: 'Je melding is ontvangen' }).waitFor();

    await openFromMenu(page, 'Dashboard');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await expect.poll(async () => {
      await page.reload();
      await card(page, 'Meldingen per maand').locator('svg[role=img]').waitFor();
      return reportedThisMonth(page);
    }).toBe(before + 1);
    // The category chart counts it too.
    const categories = card(page, 'Meldingen per soort');
    await categories.getByRole('button', { name: 'Toon de cijfers als tabel' }).click();
    expect(Number(await categories.locator('tr', { hasText: 'Bedreiging' }).locator('td').innerText())).toBeGreaterThanOrEqual(1);
    await context.close();
  });

  it('shows the board all its schools added up, and one school when picked', { timeout: 180_000 }, async () => {
    const { context, page } = await e2e.signedIn('bestuur@demo.postwijzer.nl');
    await openFromMenu(page, 'Dashboard');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    const picker = page.getByLabel('Overzicht van');
    await card(page, 'Meldingen per school').locator('svg[role=img]').waitFor();
    expect(await picker.locator('option:checked').innerText()).toBe('Alle scholen van ASKO (demo)');
    const perSchool = card(page, 'Meldingen per school');
    await perSchool.getByRole('button', { name: 'Toon de cijfers als tabel' }).click();
    const rows = perSchool.locator('table tbody tr');
    expect(await rows.count()).toBe(2);
    const total = (await rows.locator('td:nth-of-type(1)').allInnerTexts()).reduce((n, s) => n + Number(s), 0);
    const board = await reportedThisMonthTotal(page);
    expect(total).toBe(board);
    await expectAxeClean(page);
    await shoot(page, 'dashboard-bestuur', { axe: true });
    await perSchool.screenshot({ path: `${SHOTS}/dashboard-scholen.png` });

    // One school: its own view, without the per-school chart.
    const schools = await picker.locator('option').allInnerTexts();
    expect(schools).toHaveLength(3);
    await picker.selectOption({ label: schools[1]! });
    await perSchool.waitFor({ state: 'detached' });
    await card(page, 'Meldingen per maand').locator('svg[role=img]').waitFor();
    expect(await page.locator('.dashboards').innerText()).toContain('Toestemming per groep');
    await expectAxeClean(page);

    // English.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Reports per month', level: 2 }).waitFor();
    await page.setViewportSize(DESKTOP);
    await expectAxeClean(page);
    await context.close();
  });
});

/** The sum of the months table's "Gemeld" column. */
async function reportedThisMonthTotal(page: Page): Promise<number> {
  const months = card(page, 'Meldingen per maand');
  const toggle = months.getByRole('button', { name: 'Toon de cijfers als tabel' });
  if (await toggle.count()) await toggle.click();
  return (await months.locator('table tbody tr td:nth-of-type(1)').allInnerTexts()).reduce((n, s) => n + Number(s), 0);
}
