/// <reference lib="dom" />
// Browser test of the protocol pages, against the real server with the demo seed and e-mail going
// to an SMTP server on loopback. The board signs in (with its second factor), sees a file that is
// not a PDF refused and publishes version 2026-1 with its PDF. An employee sees the prompt on the
// start page, reads the protocol page, downloads the official document and confirms; the prompt
// is gone. The director sees who has not confirmed (no longer that employee), reminds one person
// and the e-mail arrives, then reminds everyone (the first is skipped: once a day). axe-core checks
// every page (WCAG 2.1 AA); screenshots go to docs/screenshots/protocol-*.png.
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { minimalPdf } from '../../src/modules/protocol/demo.ts';
import type { RunningServer } from '../../src/server/start.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { axeViolations, openFromMenu, signInAs } from './browser.ts';
import type { E2e } from './harness.ts';
import { startE2e } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = 'docs/screenshots';

let e2e: E2e;
let server: RunningServer;
let smtp: TestSmtp;
let teacher: { id: string; name: string };
let supervisor: { id: string; name: string };

const query = <T,>(sql: string, params: unknown[] = []) => server.database.query<T>(sql, params);
const personOf = async (email: string) =>
  (await query<{ id: string; name: string }>(
    `select p.id, concat_ws(' ', p.given_name, p.prefix, p.family_name) as name from accounts a join account_roles r on r.account_id = a.id join people p on p.id = r.person_id where a.email = $1`,
    [email],
  ))[0]!;

beforeAll(async () => {
  e2e = await startE2e('protocol', { mail: true });
  ({ server } = e2e);
  smtp = e2e.smtp!;
  teacher = await personOf('leerkracht@demo.postwijzer.nl');
  supervisor = await personOf('leidinggevende@demo.postwijzer.nl');
}, 120_000);

afterAll(async () => e2e?.close());

async function signIn(email: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.context(viewport, { acceptDownloads: true });
  const page = await context.newPage();
  await signInAs(page, server.url, email);
  return { context, page };
}

const openNav = async (page: Page, name: string, h1: string) => {
  await openFromMenu(page, name);
  await expect.poll(() => page.locator('h1').innerText()).toBe(h1);
};

describe('the protocol pages of the web app', () => {
  it('lets the board publish a new version with its PDF, and refuses a file that is not a PDF', async () => {
    const { context, page } = await signIn('bestuur@demo.postwijzer.nl');
    await openNav(page, 'Protocol', 'Protocol sociale media');
    await page.getByRole('heading', { name: 'Huidige versie: 2018' }).waitFor();
    await page.getByLabel('Naam van de versie').fill('2026-1');
    await page.getByLabel('Datum waarop het bestuur deze versie vaststelde').fill('2026-11-20');
    await page.getByLabel('Wat is er veranderd? (kort)').fill('Nieuw: afspraken over beelden die met AI zijn gemaakt.');
    const file = page.getByLabel('Het officiële document (PDF, hooguit 10 MB)');
    await file.setInputFiles({ name: 'protocol.pdf', mimeType: 'application/pdf', buffer: Buffer.from('<html>not a pdf</html>') });
    await page.getByRole('button', { name: 'Versie publiceren' }).click();
    await expect.poll(() => page.locator('.protocol-publish [role=alert]').innerText()).toMatch(/not a PDF/);
    expect(await query(`select 1 from protocol_versions where version = '2026-1'`)).toEqual([]);

    await file.setInputFiles({ name: 'Protocol sociale media 2026-1.pdf', mimeType: 'application/pdf', buffer: minimalPdf(['Protocol sociale media 2026-1', 'Test']) });
    await page.getByRole('button', { name: 'Versie publiceren' }).click();
    await expect.poll(() => page.locator('.protocol-publish [role=status]').innerText()).toBe('Versie 2026-1 is gepubliceerd en is nu de huidige versie.');
    await page.getByRole('heading', { name: 'Huidige versie: 2026-1' }).waitFor();
    expect(await query(`select version, current from protocol_versions order by version`)).toEqual([
      { version: '2018', current: false },
      { version: '2026-1', current: true },
    ]);
    const history = page.getByRole('table', { name: 'Alle versies van het protocol' });
    expect(await history.locator('tbody tr').count()).toBe(2);
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.protocol-publish').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/protocol-bestuur-desktop.png`, fullPage: false });
    await page.setViewportSize(PHONE);
    await page.locator('.protocol-publish').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/protocol-bestuur-telefoon.png` });
    await context.close();
  });

  it('prompts an employee, who reads the protocol, downloads the document and confirms', async () => {
    const { context, page } = await signIn('leerkracht@demo.postwijzer.nl', PHONE);
    const prompt = page.getByRole('complementary', { name: 'Lees en bevestig het protocol sociale media' });
    await prompt.waitFor();
    expect(await prompt.innerText()).toContain('(2026-1)');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/protocol-melding-telefoon.png` });
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SHOTS}/protocol-melding-desktop.png` });
    await page.setViewportSize(PHONE);
    await prompt.getByRole('link', { name: 'Naar het protocol' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Protocol sociale media');
    await page.getByRole('heading', { name: 'Huidige versie: 2026-1' }).waitFor();
    await expect.poll(() => page.getByText('Vastgesteld door het bestuur op 20 november 2026.').count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { name: 'Hoofdstuk A: Voor iedereen' }).count()).toBe(1);
    expect(await page.locator('.protocol-article', { hasText: 'A.3' }).innerText()).toContain('Je bent zelf verantwoordelijk');
    expect(await axeViolations(page)).toEqual([]);
    await page.locator('.protocol-ack').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}/protocol-telefoon.png` });

    // The official document, as the browser downloads it.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /Download het officiële document/ }).click()]);
    expect(download.suggestedFilename()).toBe('Protocol-sociale-media-2026-1.pdf');
    const res = await context.request.get(`${server.url}${await page.getByRole('link', { name: /Download het officiële document/ }).getAttribute('href')}`);
    expect(res.headers()['content-type']).toBe('application/pdf');
    expect((await res.body()).subarray(0, 5).toString()).toBe('%PDF-');

    // Confirming needs the tick first.
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await expect.poll(() => page.locator('.protocol-ack [role=alert]').innerText()).toMatch(/Zet eerst het vinkje/);
    // With the keyboard: Space ticks the box, Tab goes to the button, Enter confirms; focus lands on the answer.
    await page.getByLabel('Ik heb het protocol gelezen en houd me eraan').focus();
    await page.keyboard.press('Space');
    expect(await page.getByLabel('Ik heb het protocol gelezen en houd me eraan').isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bevestigen');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('.protocol-done').innerText()).toMatch(/Je hebt versie 2026-1 bevestigd op/);
    await expect.poll(() => page.evaluate(() => document.activeElement?.className)).toBe('protocol-done');
    const acks = await query<{ person_id: string }>(`select a.person_id from acknowledgements a join protocol_versions v on v.id = a.protocol_version_id where v.version = '2026-1'`);
    expect(acks).toEqual([{ person_id: teacher.id }]);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(DESKTOP);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/protocol-desktop.png` });

    // Back on the start page the prompt is gone.
    await page.getByRole('link', { name: 'Postwijzer' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toMatch(/^Welkom/);
    await page.getByRole('navigation').waitFor();
    expect(await page.locator('.protocol-prompt').count()).toBe(0);
    // The English page.
    await page.getByRole('button', { name: 'English' }).click();
    await openNav(page, 'Protocol', 'Social media protocol');
    await expect.poll(() => page.getByRole('heading', { name: 'Chapter A: For everyone' }).count()).toBe(1);
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await context.close();
  });

  it('shows the director who has not confirmed, and sends reminders that arrive', async () => {
    const { context, page } = await signIn('directeur@demo.postwijzer.nl');
    await openNav(page, 'Bevestigingen protocol', 'Wie heeft het protocol bevestigd?');
    const table = page.getByRole('table', { name: 'Medewerkers en versie 2026-1' });
    await table.waitFor();
    const names = await table.locator('tbody th').allInnerTexts();
    expect(names).toContain(supervisor.name);
    expect(names).not.toContain(teacher.name);
    const [{ total }] = (await query<{ total: number }>(
      `select count(*)::int as total from people p join employments e on e.person_id = p.id join accounts a on a.email = 'directeur@demo.postwijzer.nl' join account_roles r on r.account_id = a.id and r.school_id = e.school_id where p.kind = 'employee' and p.active and p.school_id = e.school_id`,
    )) as [{ total: number }];
    expect(await page.locator('.protocol-rate').innerText()).toBe(`1 van de ${total} medewerkers hebben bevestigd (${Math.round((100 * 1) / total)}%).`);
    expect(await page.locator('.protocol-note').innerText()).toMatch(/niet bereikbaar per e-mail/);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/protocol-bevestigingen-desktop.png` });

    // One reminder, to the supervisor: the e-mail arrives with the link to the protocol page.
    await page.getByRole('button', { name: `Herinnering sturen aan ${supervisor.name}` }).click();
    await expect.poll(() => page.locator('.protocol-acks [role=status]').innerText()).toBe('1 herinnering(en) verstuurd. 0 overgeslagen: vandaag al herinnerd. 0 niet bereikbaar per e-mail.');
    const text = await smtp.nthMail('leidinggevende@demo.postwijzer.nl');
    expect(text).toContain(`Beste ${supervisor.name}`);
    expect(text).toContain('versie 2026-1');
    expect(text).toContain(`${server.url}/protocol`);
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('protocol-message');
    const row = table.locator('tbody tr', { has: page.getByRole('rowheader', { name: supervisor.name, exact: true }) });
    expect(await row.innerText()).toContain('vandaag herinnerd');

    // Everyone: the supervisor is skipped (once a day), who has no account is not reachable.
    await page.getByRole('button', { name: 'Herinnering sturen aan iedereen die nog niet bevestigde' }).click();
    await expect.poll(() => page.locator('.protocol-acks [role=status]').innerText()).toMatch(/^[1-9]\d* herinnering\(en\) verstuurd\. 1 overgeslagen: vandaag al herinnerd\. [1-9]\d* niet bereikbaar per e-mail\.$/);
    await smtp.nthMail('ib@demo.postwijzer.nl');
    expect(smtp.mailsTo('leidinggevende@demo.postwijzer.nl')).toHaveLength(1);
    expect(smtp.mailsTo('leerkracht@demo.postwijzer.nl')).toHaveLength(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await page.locator('.protocol-actions').evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.screenshot({ path: `${SHOTS}/protocol-bevestigingen-telefoon.png` });
    await context.close();
  });
});
