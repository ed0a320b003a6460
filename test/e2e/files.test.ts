/// <reference lib="dom" />
// Browser test of letters and files, against the real server with the demo seed. The director
// opens the demo case about a teacher (hearing on record), decides a warning, writes the warning
// letter from the template in "Brieven", changes a sentence, saves and sends it. HR signs in (with
// the second factor), finds the teacher under "Dossiers", opens the personnel file, sees the letter
// and downloads it: the PDF's text has the changed sentence. Opening and downloading are on the
// audit trail; "per vergissing geopend" becomes a possible breach. axe-core checks each page;
// screenshots go to docs/screenshots/letter-*.png and files-*.png.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import { axeViolations, menuLinkCount, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import type { Locator, Page } from 'playwright-core';
import { DESKTOP, PHONE, shoot, startE2e } from './harness.ts';

const OLD = 'Wij rekenen erop dat u dat voortaan doet.';
const EDITED = 'Wij spraken af dat u voortaan eerst uw leidinggevende vraagt (B.3).';

let e2e: E2e;
let incidentId: string;
let teacher: { id: string; name: string; family: string };
const query = <T,>(sql: string, params: unknown[] = []) => e2e.query<T>(sql, params);

/** The letters section on a desktop and on a phone (axe-checked there too): `<base>-desktop.png`, `<base>-telefoon.png`. */
async function sectionShots(page: Page, section: Locator, base: string): Promise<void> {
  await section.screenshot({ path: `docs/screenshots/${base}-desktop.png` });
  await page.setViewportSize(PHONE);
  expect(await axeViolations(page)).toEqual([]);
  await section.screenshot({ path: `docs/screenshots/${base}-telefoon.png` });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.setViewportSize(DESKTOP);
}

beforeAll(async () => {
  e2e = await startE2e('files');
  const [c] = await query<{ id: string }>(`select id from incidents where school_id = $1 and status = 'investigating' order by created_at limit 1`, [e2e.schoolId]);
  incidentId = c!.id;
  const [p] = await query<{ id: string; name: string; family: string }>(
    `select p.id, concat_ws(' ', p.given_name, p.prefix, p.family_name) as name, p.family_name as family from incident_people ip join people p on p.id = ip.person_id where ip.incident_id = $1 and ip.role = 'subject'`,
    [incidentId],
  );
  teacher = p!;
}, 120_000);
afterAll(async () => e2e?.close());

describe('letters and files in the browser', () => {
  it('lets the director decide a warning, write the letter from the template, edit and send it', async () => {
    const { context, page } = await e2e.signedIn('directeur@demo.postwijzer.nl');
    // The director handles cases but reads student files only: no personnel files.
    await page.goto(`${e2e.server.url}/meldingen?id=${incidentId}`);
    await page.getByRole('heading', { name: 'Brieven', level: 2 }).waitFor();
    const measures = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: 'Maatregelen' }) });
    await measures.getByLabel('Waarschuwing').first().check();
    await measures.getByLabel('Waarom deze maatregel (onderbouwing)').first().fill('Een spottende reactie over een leerling onder een foto van de schoolreis.');
    await measures.getByRole('button', { name: 'Maatregel vastleggen' }).first().click();
    await measures.getByText(new RegExp(`Waarschuwing voor ${teacher.name}`)).waitFor();

    const letters = page.locator('section.letters');
    await letters.getByLabel('Over wie').selectOption({ label: teacher.name });
    await expect.poll(() => letters.getByLabel('Sjabloon').inputValue()).toBe('warning');
    expect(await letters.getByRole('option', { name: /^Schorsing/ }).isDisabled()).toBe(true);
    await letters.getByRole('button', { name: 'Brief opstellen' }).click();
    const body = letters.getByLabel('Tekst', { exact: true });
    await body.waitFor();
    const prefilled = await body.inputValue();
    expect(prefilled).toContain('Een spottende reactie over een leerling onder een foto van de schoolreis.');
    expect(prefilled).toContain(OLD);
    expect(await letters.getByLabel('Aanhef').inputValue()).toBe(`Beste ${teacher.name},`);
    await body.fill(prefilled.replace(OLD, EDITED));
    await letters.getByText('Sla eerst op; dan toont het voorbeeld je wijzigingen.').waitFor();
    await letters.getByRole('button', { name: 'Opslaan', exact: true }).click();
    await letters.getByText('Opgeslagen.').waitFor();
    const [draft] = await query<{ body: string }>(`select body from letter_drafts where incident_id = $1`, [incidentId]);
    expect(draft!.body).toContain(EDITED);
    // The preview opens in the browser from the link the page offers: a PDF Chromium shows in its
    // viewer (a sandboxing CSP would keep Chrome and Safari from showing it), not a download.
    const previewLink = letters.getByRole('link', { name: 'Voorbeeld bekijken (PDF)' });
    const href = await previewLink.getAttribute('href');
    const loaded = context.waitForEvent('response', (r) => r.url().endsWith('/preview'));
    const [tab] = await Promise.all([page.waitForEvent('popup'), previewLink.click()]);
    const shown = await loaded;
    expect(shown.url()).toBe(`${e2e.server.url}${href}`);
    expect(shown.status()).toBe(200);
    expect(shown.headers()['content-type']).toBe('application/pdf');
    expect(shown.headers()['content-disposition']).toMatch(/^inline; /);
    expect(shown.headers()['content-security-policy'] ?? '').not.toContain('sandbox');
    await expect.poll(() => tab.frames().some((f) => f.url().startsWith('chrome-extension://'))).toBe(true);
    expect(await tab.evaluate(() => document.contentType)).toBe('application/pdf');
    await tab.close();
    // Its text (the browser hands its viewer's page to a response listener, so fetch the bytes).
    expect(await pdfText(await (await page.request.get(`${e2e.server.url}${href}`)).body())).toContain(EDITED);
    expect(await axeViolations(page)).toEqual([]);
    await sectionShots(page, letters, 'letter-concept');

    // Sending cannot be undone: the page asks first; "Nee, nog niet" sends nothing.
    await letters.getByRole('button', { name: 'Versturen en in het dossier opslaan' }).click();
    await letters.getByRole('group', { name: /nu versturen\? Dit kun je niet ongedaan maken/ }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.className)).toBe('letter-confirm');
    expect(await axeViolations(page)).toEqual([]);
    await letters.locator('.letter-confirm').screenshot({ path: 'docs/screenshots/letter-bevestigen-desktop.png' });
    await letters.getByRole('button', { name: 'Nee, nog niet' }).click();
    expect(await query(`select id from letter_drafts where incident_id = $1`, [incidentId])).toHaveLength(1);
    await letters.getByRole('button', { name: 'Versturen en in het dossier opslaan' }).click();
    await letters.getByRole('button', { name: 'Ja, versturen' }).click();
    // Plain Dutch, no "dossier(s)"; the focus moves to the confirmation.
    const sentNote = letters.getByText(/^Verstuurd\. De brief staat in 1 dossier; er (gaat 1 e-mail|gaat geen e-mail|gaan \d+ e-mails) uit\./);
    await sentNote.waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Verstuurd\. De brief staat in 1 dossier;/);
    await expect.poll(() => letters.locator('ul.letters-sent li').allInnerTexts()).toEqual([expect.stringMatching(new RegExp(`^Schriftelijke waarschuwing — ${teacher.name}, `))]);
    expect(await query(`select id from letter_drafts where incident_id = $1`, [incidentId])).toEqual([]);
    await sectionShots(page, letters, 'letter-verstuurd');
    expect(await menuLinkCount(page, 'Dossiers')).toBe(1);
    await context.close();
  }, 180_000);

  it('lets HR find the teacher under Dossiers, read the letter (the edited sentence in the PDF), audited', async () => {
    const { context, page } = await e2e.signedIn('hr@demo.postwijzer.nl');
    // HR drafts a warning letter but does not send it (a decision of the bevoegd gezag): no send
    // button, a sentence why.
    await page.goto(`${e2e.server.url}/meldingen?id=${incidentId}`);
    const letters = page.locator('section.letters');
    await letters.getByRole('heading', { name: 'Brieven', level: 2 }).waitFor();
    await letters.getByLabel('Over wie').selectOption({ label: teacher.name });
    await expect.poll(() => letters.getByLabel('Sjabloon').inputValue()).toBe('warning');
    await letters.getByRole('button', { name: 'Brief opstellen' }).click();
    await letters.getByText('Jij kunt deze brief opstellen; de directeur of het bestuur verstuurt hem.', { exact: false }).waitFor();
    expect(await letters.getByRole('button', { name: 'Versturen en in het dossier opslaan' }).count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
    await letters.locator('form.letter-draft').screenshot({ path: 'docs/screenshots/letter-niet-versturen-desktop.png' });
    await letters.getByRole('button', { name: 'Concept weggooien' }).click();
    await expect.poll(() => letters.getByRole('button', { name: 'Concept weggooien' }).count()).toBe(0);

    await openFromMenu(page, 'Dossiers');
    await page.getByRole('heading', { name: 'Dossiers', level: 1 }).waitFor();
    await page.getByLabel('Naam (of een deel ervan)').fill(teacher.family);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const link = page.getByRole('link', { name: `Dossier van ${teacher.name} openen` });
    await link.waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await shoot(page, 'files-zoeken', { axe: true });
    await link.click();
    await page.getByRole('heading', { name: `Personeelsdossier van ${teacher.name}`, level: 1 }).waitFor();
    const letter = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /^Brief: Schriftelijke waarschuwing/ }) });
    await letter.waitFor();
    expect(await letter.innerText()).toContain(EDITED);
    // HR reads cases: the entry links to its case.
    expect(await letter.getByRole('link', { name: 'Bij melding' }).count()).toBe(1);
    await expect.poll(() => page.getByRole('heading', { level: 2 }).allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^Maatregel \(D\.3\): waarschuwing/), expect.stringMatching(/^E-mail: bericht over de brief/)]));
    await shoot(page, 'files-dossier', { phoneSuffix: 'telefoon', axe: true });

    const href = await letter.getByRole('link', { name: 'Brief downloaden (PDF)' }).getAttribute('href');
    const pdf = await page.request.get(`${e2e.server.url}${href}`);
    expect(pdf.status()).toBe(200);
    const text = await pdfText(await pdf.body());
    expect(text).toContain(EDITED);
    expect(text).not.toContain(OLD);
    expect(text).toContain(teacher.name);

    const [hr] = await query<{ id: string }>(`select id from accounts where email = 'hr@demo.postwijzer.nl'`);
    await expect
      .poll(async () => (await query<{ action: string }>(`select action from audit_events where actor = $1 and action like 'file.%' and subject_id in ($2, $3) order by id`, [hr!.id, teacher.id, href!.split('/').at(-2)])).map((r) => r.action))
      .toEqual(['file.read', 'file.document_read', 'file.document_read']);

    await page.getByRole('button', { name: 'Ik heb dit dossier per vergissing geopend' }).click();
    await page.getByText('Gemeld bij de functionaris gegevensbescherming.', { exact: false }).waitFor();
    const breaches = await query<{ kind: string; source: string }>(`select kind, source from breaches where source = 'file_access'`);
    expect(breaches).toEqual([{ kind: 'file_wrong_person', source: 'file_access' }]);
    await page.setViewportSize(DESKTOP);
    await context.close();
  }, 180_000);
});
