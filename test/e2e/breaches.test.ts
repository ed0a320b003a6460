/// <reference lib="dom" />
// Browser test of the breach register, against the real server with the demo seed. A teacher
// reports a possible breach through "Mogelijk datalek melden"; the FG signs in (with the second
// factor), opens "Datalekken", sees the 72-hour badges, opens the new entry, assesses it (risk →
// notify the AP) and records the AP notification with its reference number; the register has it
// and its history. axe-core checks every page (WCAG 2.1 AA); screenshots on a desktop and a phone
// go to docs/screenshots/breaches-*.png. Needs the built web app (node scripts/build.mjs).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, menuLinkCount, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { DESKTOP, SHOTS, shoot, startE2e } from './harness.ts';

const TITLE = 'Cijferlijst groep 7 naar verkeerde ouder';

let e2e: E2e;
const query = <T,>(sql: string, params: unknown[] = []) => e2e.query<T>(sql, params);
const signedIn = (email: string, viewport = DESKTOP) => e2e.signedIn(email, viewport);

beforeAll(async () => {
  e2e = await startE2e('breaches');
}, 120_000);
afterAll(async () => e2e?.close());

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
    await shoot(page, 'breaches-report', { phoneSuffix: 'phone', fullPhone: true, axe: true });
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
    await shoot(page, 'breaches-list', { phoneSuffix: 'phone', fullPhone: true, axe: true });

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
    await shoot(page, 'breaches-detail', { phoneSuffix: 'phone', fullPhone: true, axe: true });
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
    await page.goto(`${e2e.server.url}/datalekken`);
    await page.getByRole('heading', { name: 'Datalekken', level: 1 }).waitFor();
    await page.getByText('Je kunt het register lezen').waitFor();
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByRole('heading', { name: TITLE, level: 1 }).waitFor();
    expect(await page.getByRole('button', { name: 'Besluit opslaan' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await context.close();
  }, 120_000);
});
