/// <reference lib="dom" />
// Browser test of the dashboard against the real server with the demo seed: the director reads
// this month's count of reports and the threats, reports a threat through "Iets melden", and after
// a reload both are one higher (this month's also in the chart's own total above its column); the
// numbers table opens with the keyboard; the CSV download is UTF-8 with a BOM and semicolons. At
// phone width no chart text runs out of its chart, month names are 12 px or more, grid lines 3:1.
// The board sees all its schools added up and picks one school; the consent chart's channel stays
// when the next view has it and falls back when it does not. axe-core on every view; screenshots
// of the whole page (desktop and phone) and of each chart (docs/screenshots/dashboard-*.png).
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, openFromMenu } from './browser.ts';
import { card, categoryCount, reportedThisMonth } from './dashboard-page.ts';
import type { E2e } from './harness.ts';
import { DESKTOP, PHONE, SHOTS, shoot, startE2e } from './harness.ts';

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

/** The month chart's own label and total above this month's column (the last one). */
async function chartThisMonth(page: Page): Promise<{ label: string; total: number }> {
  const column = card(page, 'Meldingen per maand').locator('svg[role=img] g.db-column').last();
  const total = column.locator('text.db-total');
  return { label: (await column.getAttribute('data-label')) ?? '', total: (await total.count()) ? Number(await total.textContent()) : 0 };
}

/**
 * At phone width, with the charts drawn at their new width: every text inside its chart (none
 * cut off unseen; a label cut with "…" carries the whole text in a title), no text under 12 px,
 * every line at least 3:1 against white.
 */
async function chartsFitPhone(page: Page): Promise<void> {
  await page.setViewportSize(PHONE);
  await expect.poll(() => page.evaluate(() => Array.from(document.querySelectorAll('.db-chart')).every((box) => Math.abs((box.querySelector('svg')?.getBoundingClientRect().width ?? 0) - box.getBoundingClientRect().width) < 1))).toBe(true);
  const problems = await page.evaluate(() => {
    const out: string[] = [];
    const lum = (c: string) => {
      const [r, g, b] = (c.match(/\d+/g) ?? []).slice(0, 3).map((v) => Number(v) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4)) as [number, number, number];
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    for (const svg of Array.from(document.querySelectorAll('.db-chart svg'))) {
      const box = svg.getBoundingClientRect();
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        const r = text.getBoundingClientRect();
        const label = text.textContent ?? '';
        if (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5 || r.bottom > box.bottom + 0.5) out.push(`outside: ${label}`);
        if (Number(text.getAttribute('font-size')) < 12) out.push(`small: ${label}`);
        const title = text.querySelector('title')?.textContent ?? '';
        const shown = label.slice(title.length);
        if (shown.endsWith('…') && !title.startsWith(shown.slice(0, -1))) out.push(`cut without title: ${label}`);
      }
      for (const line of Array.from(svg.querySelectorAll('line'))) {
        const contrast = 1.05 / (lum(getComputedStyle(line).stroke) + 0.05);
        if (contrast < 3) out.push(`line ${getComputedStyle(line).stroke} ${contrast.toFixed(2)}:1`);
      }
    }
    return out;
  });
  expect(problems).toEqual([]);
  await page.setViewportSize(DESKTOP);
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
    const chartBefore = await chartThisMonth(page);
    expect(chartBefore.total).toBe(before);
    const threatsBefore = await categoryCount(page, 'Bedreiging');
    await expectAxeClean(page);
    await chartsFitPhone(page);
    await shoot(page, 'dashboard-school', { axe: true, fullPhone: true });
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
    expect(csv.headers()['content-disposition']).toMatch(/^attachment; filename="postwijzer-school-maanden-\d{4}-\d{2}-\d{2}\.csv"; filename\*=UTF-8''postwijzer-school-maanden-\d{4}-\d{2}-\d{2}\.csv$/);
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
    // The chart itself: the same month, its total one higher.
    expect(await chartThisMonth(page)).toEqual({ label: chartBefore.label, total: before + 1 });
    // The category chart counts it too.
    expect(await categoryCount(page, 'Bedreiging')).toBe(threatsBefore + 1);
    await context.close();
  });

  it('shows the board all its schools added up, and one school when picked', { timeout: 180_000 }, async () => {
    // A channel of the demo school's own: the board view (and that school) have it, the other school has not.
    await e2e.query(`insert into consent_channels (school_id, code, name) values ($1, 'schoolapp', 'De schoolapp')`, [e2e.schoolId]);
    const [other] = await e2e.query<{ name: string }>(`select name from schools where id <> $1 and board_id = (select board_id from schools where id = $1)`, [e2e.schoolId]);
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
    await chartsFitPhone(page);
    await shoot(page, 'dashboard-bestuur', { axe: true, fullPhone: true });
    await perSchool.screenshot({ path: `${SHOTS}/dashboard-scholen.png` });

    // The consent chart's channel: kept when the next view has it, back to the first when not.
    const channel = card(page, 'Toestemming per groep').getByLabel('Kanaal');
    await channel.selectOption('newsletter');
    // While the next view loads (held back here), the board's charts and CSV links are gone.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route('**/api/v1/schools/*/dashboard', async (route) => {
      await held;
      await route.continue();
    });
    await picker.selectOption({ label: (await picker.locator('option').allInnerTexts()).find((o) => o !== other!.name && !o.startsWith('Alle scholen'))! });
    await page.getByText('Even geduld…').waitFor();
    expect(await page.locator('section.db-card').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Download als CSV (Excel)' }).count()).toBe(0);
    release();
    await perSchool.waitFor({ state: 'detached' });
    await card(page, 'Toestemming per groep').locator('svg[role=img]').waitFor();
    await page.unroute('**/api/v1/schools/*/dashboard');
    expect(await channel.inputValue()).toBe('newsletter');
    await channel.selectOption('schoolapp');
    await picker.selectOption({ label: other!.name });
    await expect.poll(() => channel.inputValue()).toBe('school_social_media');
    expect(await channel.locator('option').allInnerTexts()).not.toContain('schoolapp');
    await expect.poll(() => card(page, 'Toestemming per groep').locator('.db-summary').innerText()).toContain('sociale media van de school');
    // A view that fails: the message alone, no charts of the view before.
    await page.route('**/api/v1/schools/*/board-dashboard', (route) => route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":"internal","message":"x"}' }));
    await picker.selectOption({ index: 0 });
    await page.getByText('Er ging iets mis. Probeer het opnieuw.').waitFor();
    expect(await page.locator('section.db-card').count()).toBe(0);
    await page.unroute('**/api/v1/schools/*/board-dashboard');
    await picker.selectOption({ label: other!.name });
    await card(page, 'Meldingen per maand').locator('svg[role=img]').waitFor();
    await picker.selectOption({ index: 0 });
    await perSchool.locator('svg[role=img]').waitFor();

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
