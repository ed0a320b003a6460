/// <reference lib="dom" />
// Browser test of the incident pages against the real server with the demo seed: a parent reports
// a teacher's post through "Iets melden"; the director finds it under "Meldingen", triages it,
// starts the investigation, adds the teacher, is refused a measure before the hearing, records the
// hearing, decides a warning from the employee ladder (D.3) and writes the outcome for the
// reporter; the parent sees the outcome under "Mijn meldingen" without the measure or the name.
// On the way the director sends the warning's letter, HR finds it in the teacher's personnel file,
// and the dashboard counts the new case (this month's reports and the bullying cases, each + 1).
// The public form (no sign-in, anonymous) gives a receipt code that shows the status. axe-core on
// every page; screenshots of the form, the list and the case, desktop and phone.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, openFromMenu } from './browser.ts';
import { categoryCount, openDashboard, reportedThisMonth } from './dashboard-page.ts';
import type { E2e } from './harness.ts';
import { DESKTOP, PHONE, SHOTS, shoot, startE2e } from './harness.ts';

let e2e: E2e;
let teacher: { id: string; name: string };
const query = <T,>(sql: string, params: unknown[] = []) => e2e.query<T>(sql, params);
const signedIn = (email: string, viewport = DESKTOP) => e2e.signedIn(email, viewport);

beforeAll(async () => {
  e2e = await startE2e('incidents');
  const [t] = await query<{ id: string; name: string }>(
    `select p.id, concat_ws(' ', p.given_name, p.prefix, p.family_name) as name
       from accounts a join account_roles r on r.account_id = a.id join people p on p.id = r.person_id
      where a.email = 'leerkracht@demo.postwijzer.nl'`,
  );
  teacher = t!;
}, 120_000);
afterAll(async () => e2e?.close());

async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}


const OUTCOME = 'De school heeft met de betrokkene gesproken en afspraken gemaakt. Het bericht is verwijderd.';
const REPORT = 'Op Facebook schreef een leerkracht van school onder een foto van de klas dat een moeder een idioot is. Iedereen kan het lezen.';

describe('incidents in the web app', () => {
  it('a parent reports a post, the director triages, hears the employee, decides a warning and sends its letter; the letter is in the teacher’s personnel file, the dashboard counts the case, and the parent sees the outcome', { timeout: 240_000 }, async () => {
    // ---- the dashboard before: this month's reports and the bullying cases
    const before = await signedIn('directeur@demo.postwijzer.nl');
    await openDashboard(before.page);
    const reportedBefore = await reportedThisMonth(before.page);
    const bullyingBefore = await categoryCount(before.page, 'Pesten of kwetsen');
    await before.context.close();

    // ---- the parent reports
    const parent = await signedIn('ouder@demo.postwijzer.nl');
    let page = parent.page;
    await openFromMenu(page, 'Iets melden');
    await page.getByRole('heading', { name: 'Iets melden', level: 1 }).waitFor();
    // Parents describe the people; they never search the roster.
    await page.getByText('Noem de namen gewoon in je beschrijving hierboven.').waitFor();
    expect(await page.getByLabel('Zoek een persoon').count()).toBe(0);
    // Sexual images of minors: the warning says never to upload, and there is no upload field at all.
    await page.getByLabel('Seksuele beelden van minderjarigen').check();
    await page.getByRole('alert').filter({ hasText: 'Stuur zulke beelden nooit door' }).waitFor();
    expect(await page.locator('input[type=file]').count()).toBe(0);
    await page.getByLabel('Pesten of kwetsen').check();
    // Sending without a description: the error is named at the field.
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await page.getByText('Vertel kort wat er is gebeurd.').waitFor();
    await page.getByLabel('Wat is er gebeurd?').fill(REPORT);
    await page.getByLabel('Link naar het bericht (als je die hebt)').fill('https://www.facebook.com/groups/klas/posts/123');
    await expectAxeClean(page);
    await shoot(page, 'incidents-melden');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await page.getByRole('heading', { name: 'Je melding is ontvangen' }).waitFor();
    const receipt = page.locator('.inc-receipt');
    // A parent is not staff: the suggested articles stay with the case (they would show who is on the roster).
    expect(await receipt.innerText()).not.toMatch(/Mogelijk van toepassing/);
    await expectAxeClean(page);

    const [stored] = await query<{ id: string; status: string; category: string; articles: string[] }>(
      `select i.id, i.status::text, i.category, i.articles from incidents i where i.school_id = $1 order by i.created_at desc limit 1`,
      [e2e.schoolId],
    );
    expect(stored).toMatchObject({ status: 'reported', category: 'bullying' });
    expect(stored!.articles).toContain('A.7');
    await parent.context.close();

    // ---- the director handles it
    const director = await signedIn('directeur@demo.postwijzer.nl');
    page = director.page;
    await openFromMenu(page, 'Meldingen');
    await page.getByRole('heading', { name: 'Meldingen', level: 1 }).waitFor();
    const row = page.locator('tr', { hasText: 'Op Facebook schreef een leerkracht' });
    await row.waitFor();
    expect(await row.innerText()).toMatch(/Gemeld/);
    // The status filter: the new report is not among those being investigated.
    await page.getByLabel('Status').selectOption({ label: 'In onderzoek' });
    await row.waitFor({ state: 'detached' });
    expect(new Set(await page.locator('table.inc-case-list tbody .inc-status').allInnerTexts())).toEqual(new Set(['In onderzoek']));
    await page.getByLabel('Status').selectOption({ label: 'Gemeld' });
    await row.waitFor();
    await expectAxeClean(page);
    await shoot(page, 'incidents-lijst');

    await row.getByRole('link', { name: 'Pesten of kwetsen' }).click();
    await page.getByRole('heading', { name: /^Melding van/, level: 1 }).waitFor();
    expect(await page.locator('.inc-case-main').innerText()).toContain(REPORT);
    const status = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: 'Status', exact: true }) });
    // Only the allowed transitions are offered.
    expect(await status.getByRole('button').allInnerTexts()).toEqual(['Bekijken (triage)', 'Afsluiten zonder onderzoek']);
    await status.getByRole('button', { name: 'Afsluiten zonder onderzoek' }).click();
    await status.getByRole('alert').filter({ hasText: 'Schrijf eerst een reden op.' }).waitFor();
    await status.getByRole('button', { name: 'Bekijken (triage)' }).click();
    await status.getByRole('button', { name: 'Onderzoek starten' }).click();
    await status.locator('.inc-status.investigating').waitFor();
    await page.getByRole('button', { name: 'Aan mij toewijzen' }).click();
    await page.getByRole('button', { name: 'Aan mij toewijzen' }).waitFor({ state: 'detached' });

    // The teacher whose post it is: searched in the roster, added as the one it is about.
    const people = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: 'Betrokkenen' }) });
    await people.getByLabel('Zoek een persoon').fill(teacher.name);
    await people.getByRole('button', { name: new RegExp(`^${teacher.name} \\(medewerker`) }).click();
    await people.locator('.inc-people-list').getByText(teacher.name).waitFor();

    // The employee ladder (D.3) only; dismissal is the board's.
    const measures = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: 'Maatregelen' }) });
    const ladder = measures.locator('fieldset').first();
    await ladder.waitFor();
    expect((await ladder.locator('label').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim())).toEqual(['Waarschuwing', 'Berisping', 'Schorsing', 'Ontslag (alleen het bestuur)', 'Ontslag op staande voet (alleen het bestuur)']);
    expect(await measures.getByLabel(/^Ontslag/).first().isDisabled()).toBe(true);
    expect(await measures.innerText()).not.toMatch(/Verwijdering van school/);
    // No measure before the hearing.
    await measures.getByLabel('Waarschuwing').check();
    await measures.getByLabel('Waarom deze maatregel (onderbouwing)').fill('Eerste keer; de leerkracht heeft het bericht meteen verwijderd.');
    await measures.getByRole('button', { name: 'Maatregel vastleggen' }).click();
    await measures.getByRole('alert').filter({ hasText: 'Eerst moet er nog iets gebeuren: Hoor en wederhoor' }).waitFor();
    expect((await query<{ n: number }>(`select count(*)::int as n from measures where incident_id = $1`, [stored!.id]))[0]!.n).toBe(0);

    // The hearing of the employee, then the warning.
    const steps = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: 'Wettelijke stappen' }) });
    await steps.getByLabel('Welke stap').selectOption({ label: 'Hoor en wederhoor' });
    await steps.getByLabel('Korte samenvatting (niet verplicht)').fill('Gesprek met de leerkracht; zij erkent het bericht.');
    await steps.getByRole('button', { name: 'Stap vastleggen' }).click();
    await steps.getByText(new RegExp(`Hoor en wederhoor met ${teacher.name}`)).waitFor();
    // The measure form for the teacher: the hearing is on record, the earlier history is shown.
    await measures.getByText('✓').first().waitFor();
    expect(await measures.innerText()).toMatch(new RegExp(`Eerder bij ${teacher.name} \\(voor de evenredigheid\\)`));
    await measures.screenshot({ path: `${SHOTS}/incidents-maatregel-desktop.png` });
    await measures.getByLabel('Waarschuwing').check();
    await measures.getByLabel('Waarom deze maatregel (onderbouwing)').fill('Eerste keer; de leerkracht heeft het bericht meteen verwijderd.');
    await measures.getByRole('button', { name: 'Maatregel vastleggen' }).click();
    await measures.getByText(new RegExp(`Waarschuwing voor ${teacher.name}`)).waitFor();
    const [measure] = await query<{ kind: string; person_id: string; audience: string }>(`select kind, person_id, audience::text from measures where incident_id = $1`, [stored!.id]);
    expect(measure).toEqual({ kind: 'waarschuwing', person_id: teacher.id, audience: 'employee' });

    // The warning's letter: from the template, sent after confirming, filed in the teacher's personnel file.
    const letters = page.locator('section.letters');
    await letters.getByLabel('Over wie').selectOption({ label: teacher.name });
    await expect.poll(() => letters.getByLabel('Sjabloon').inputValue()).toBe('warning');
    await letters.getByRole('button', { name: 'Brief opstellen' }).click();
    await letters.getByLabel('Tekst', { exact: true }).waitFor();
    await letters.getByRole('button', { name: 'Versturen en in het dossier opslaan' }).click();
    await letters.getByRole('button', { name: 'Ja, versturen' }).click();
    await letters.getByText(/^Verstuurd\. De brief staat in 1 dossier/).waitFor();
    const filed = await query<{ person_id: string; file_kind: string; entry_type: string; has_pdf: boolean }>(
      `select e.person_id, e.file_kind::text, e.entry_type, exists (select 1 from file_documents d where d.file_entry_id = e.id) as has_pdf
         from file_entries e where e.incident_id = $1 and e.entry_type = 'letter'`,
      [stored!.id],
    );
    expect(filed).toEqual([{ person_id: teacher.id, file_kind: 'personnel', entry_type: 'letter', has_pdf: true }]);

    // The outcome for the reporter, then the decision.
    const notes = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: 'Notitie toevoegen' }) });
    await status.getByRole('button', { name: 'Besluit genomen' }).click();
    await status.locator('.inc-status.decided').waitFor();
    await notes.getByLabel('Notitie', { exact: true }).fill(OUTCOME);
    await notes.getByLabel(/Ook de melder/).check();
    await notes.getByRole('button', { name: 'Notitie opslaan' }).click();
    const log = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: /logboek/ }) });
    await log.getByText(OUTCOME).waitFor();
    expect(await log.innerText()).toMatch(/Maatregel: Waarschuwing[\s\S]*Status: In onderzoek → Besluit genomen[\s\S]*Notitie voor de melder/);
    await expectAxeClean(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await shoot(page, 'incidents-dossier');

    // A student's ladder (D.5) on the demo case under investigation: a student added as the one whose behaviour it is.
    const [student] = await query<{ name: string }>(
      `select concat_ws(' ', p.given_name, p.prefix, p.family_name) as name from people p
        where p.school_id = $1 and p.kind = 'student' and p.active
          and (select count(*) from people q where q.school_id = p.school_id and q.given_name = p.given_name and q.family_name = p.family_name) = 1
        order by p.family_name desc limit 1`,
      [e2e.schoolId],
    );
    await page.getByRole('link', { name: /Terug naar alle meldingen/ }).click();
    await page.getByLabel('Status').selectOption({ label: 'In onderzoek' });
    await page.locator('tr', { hasText: 'spottende reactie' }).getByRole('link').click();
    await page.getByRole('heading', { name: /^Melding van/, level: 1 }).waitFor();
    await people.getByLabel('Zoek een persoon').fill(student!.name);
    await people.getByRole('button', { name: new RegExp(`^${student!.name} \\(leerling`) }).click();
    const studentForm = measures.locator('form.inc-measure-form', { has: page.getByRole('heading', { name: `Maatregel voor ${student!.name}` }) });
    await studentForm.waitFor();
    expect((await studentForm.locator('fieldset label').allInnerTexts()).map((x) => x.trim())).toEqual(['Waarschuwing', 'Schorsing', 'Verwijdering van school']);
    await studentForm.getByLabel('Verwijdering van school').check();
    await studentForm.getByText(/acht weken aantoonbaar zonder resultaat heeft gezocht \(WPO artikel 40\)/).waitFor();
    // Removal asks how the search for another school ended (WPO art. 40).
    expect((await studentForm.locator('fieldset').nth(1).locator('label').allInnerTexts()).map((x) => x.trim())).toEqual(['Een andere school wil de leerling toelaten', 'Acht weken aantoonbaar gezocht, zonder resultaat']);
    await studentForm.getByLabel('Schorsing').check();
    await studentForm.getByLabel('Aantal dagen schorsing (1 tot 5)').fill('2');
    await studentForm.getByLabel('Waarom deze maatregel (onderbouwing)').fill('Herhaald kwetsende berichten in de klassenapp.');
    await studentForm.getByRole('button', { name: 'Maatregel vastleggen' }).click();
    // Decided; informing the Inspectie (more than one day, WPO art. 40c) is now a task that blocks closing.
    await measures.getByText(/Schorsing.*2 dagen/).first().waitFor();
    await page.getByRole('heading', { name: 'Meld de schorsing (langer dan één dag) bij de Inspectie van het Onderwijs', level: 3 }).waitFor();
    await page.getByText(/pas worden gesloten als deze taak is afgerond/).waitFor();
    await expectAxeClean(page);
    await measures.screenshot({ path: `${SHOTS}/incidents-inspectie-taak-desktop.png` });
    await director.context.close();

    // ---- HR finds the letter in the teacher's personnel file
    const hr = await signedIn('hr@demo.postwijzer.nl');
    page = hr.page;
    await openFromMenu(page, 'Dossiers');
    await page.getByRole('heading', { name: 'Dossiers', level: 1 }).waitFor();
    await page.getByLabel('Naam (of een deel ervan)').fill(teacher.name);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('link', { name: `Dossier van ${teacher.name} openen` }).click();
    await page.getByRole('heading', { name: `Personeelsdossier van ${teacher.name}`, level: 1 }).waitFor();
    const letter = page.getByRole('article').filter({ has: page.getByRole('heading', { name: /^Brief: Schriftelijke waarschuwing/ }) });
    await letter.waitFor();
    expect(await letter.getByRole('link', { name: 'Bij melding' }).getAttribute('href')).toContain(stored!.id);
    await hr.context.close();

    // ---- the dashboard counts the case: one more report this month, one more bullying case
    const after = await signedIn('directeur@demo.postwijzer.nl');
    await openDashboard(after.page);
    expect(await reportedThisMonth(after.page)).toBe(reportedBefore + 1);
    expect(await categoryCount(after.page, 'Pesten of kwetsen')).toBe(bullyingBefore + 1);
    await after.context.close();

    // ---- the parent sees the outcome, nothing confidential
    const again = await signedIn('ouder@demo.postwijzer.nl', PHONE);
    page = again.page;
    await page.goto(`${e2e.server.url}/mijn-meldingen`);
    await page.getByRole('heading', { name: 'Mijn meldingen', level: 1 }).waitFor();
    const mine = page.locator('.inc-my-reports > li').first();
    expect(await mine.innerText()).toMatch(/Pesten of kwetsen[\s\S]*Besluit genomen/);
    await mine.getByRole('button', { name: /Bekijk hoe het ervoor staat/ }).click();
    await mine.getByText(OUTCOME).first().waitFor();
    const seen = await mine.innerText();
    expect(seen).not.toContain(teacher.name);
    expect(seen).not.toMatch(/Waarschuwing|Hoor en wederhoor/);
    await expectAxeClean(page);
    await page.screenshot({ path: `${SHOTS}/incidents-mijn-meldingen-telefoon.png`, fullPage: true });
    await again.context.close();
  });

  it('the public form takes an anonymous report without sign-in and its receipt code shows the status', { timeout: 90_000 }, async () => {
    const context = await e2e.context(PHONE);
    const page = await context.newPage();
    await page.goto(`${e2e.server.url}/melden/${e2e.schoolId}`);
    await page.getByRole('heading', { name: /^Iets melden bij / }).waitFor();
    // The keyboard alone: into the categories, an arrow to the next one.
    await page.getByLabel('Pesten of kwetsen').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowDown');
    expect(await page.getByLabel('Bedreigen').isChecked()).toBe(true);
    await page.getByLabel('Wat is er gebeurd?').fill('In een groepsapp van groep 8 stuurde iemand een dreigend bericht naar een klasgenoot.');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    // Without a name and contact: report anonymously or fill them in.
    await page.getByText('Vul je naam en hoe we je kunnen bereiken in').waitFor();
    await page.getByLabel('Ik wil anoniem melden').check();
    expect(await page.getByLabel('Je naam').count()).toBe(0);
    await expectAxeClean(page);
    await page.screenshot({ path: `${SHOTS}/incidents-openbaar-telefoon.png`, fullPage: true });
    // Sent at once: the page itself waits until the server's minimum time after handing out the form has passed.
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await expect.poll(() => page.locator('h2, .form-message.error').allInnerTexts(), { timeout: 15_000 }).toEqual(expect.arrayContaining(['Je melding is ontvangen']));
    const code = (await page.locator('.inc-receipt-code').innerText()).trim();
    expect(code.length).toBeGreaterThanOrEqual(8);
    await expectAxeClean(page);
    const [row] = await query<{ source: string; anonymous: boolean }>(`select source::text, anonymous from incidents where school_id = $1 and category = 'threat' order by created_at desc limit 1`, [e2e.schoolId]);
    expect(row).toEqual({ source: 'public', anonymous: true });

    await page.getByRole('link', { name: 'Later kijken hoe het ervoor staat' }).click();
    await page.getByRole('heading', { name: 'Hoe staat mijn melding ervoor?' }).waitFor();
    await page.getByLabel('Je code').fill('ONBEKEND-123');
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.getByText('Deze code kennen we niet.').waitFor();
    await page.getByLabel('Je code').fill(code);
    await page.getByRole('button', { name: 'Bekijken' }).click();
    await page.locator('.inc-reporter-view .inc-status.reported').waitFor();
    await expectAxeClean(page);
    // English second.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'How is my report doing?' }).waitFor();
    expect(await page.locator('.inc-reporter-view').innerText()).toMatch(/Reported[\s\S]*There is no outcome yet/);
    await context.close();
  });

  it('the board reports sexual images with the teacher involved, qualifies them as crossing the line, records the call and the police report, then closes', { timeout: 150_000 }, async () => {
    const { context, page } = await signedIn('bestuur@demo.postwijzer.nl');
    await openFromMenu(page, 'Iets melden');
    await page.getByLabel('Seksuele beelden van minderjarigen').check();
    await page.getByLabel('Wat is er gebeurd?').fill('Een ouder zag in een chatgroep een beeld van een leerling dat een medewerker zou hebben gedeeld. Niet bekeken of bewaard.');
    // Staff search the roster for the people involved.
    await page.getByLabel('Zoek een persoon').fill(teacher.name);
    await page.getByRole('button', { name: new RegExp(`^${teacher.name} \\(medewerker`) }).click();
    expect(await page.getByLabel(`Rol van ${teacher.name}`).inputValue()).toBe('subject');
    await page.getByRole('button', { name: 'Melding versturen' }).click();
    await page.getByText('Omdat je seksuele beelden van minderjarigen meldt, beslist de school of er aangifte bij de politie komt.').waitFor();

    await openFromMenu(page, 'Meldingen');
    await page.locator('tr', { hasText: 'Een ouder zag in een chatgroep' }).getByRole('link').click();
    await page.getByRole('heading', { name: /^Melding van/, level: 1 }).waitFor();
    await page.getByText('Leg het besluit over aangifte bij de politie vast (D.6)').first().waitFor();
    const status = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: 'Status', exact: true }) });
    // Closing is not offered before the police decision.
    expect(await status.getByRole('button').allInnerTexts()).toEqual(['Bekijken (triage)']);

    // D.2: the board qualifies the teacher's behaviour; the phone task appears with the number.
    const d2 = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: /^Grensoverschrijdend/ }) });
    await d2.getByLabel('grensoverschrijdend', { exact: true }).check();
    await d2.getByLabel('Onderbouwing van het bestuur').fill('Delen van zo’n beeld door een medewerker gaat elke grens over.');
    await d2.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await d2.getByRole('heading', { name: 'Meld telefonisch bij de Landelijke Vertrouwensinspecteur, 0900 - 1113111' }).waitFor();
    expect(await d2.getByRole('link', { name: 'Bel 0900 - 1113111' }).getAttribute('href')).toBe('tel:09001113111');
    // The task closes only with the whole call record.
    const finish = d2.getByRole('button', { name: 'Taak afronden met dit verslag' });
    expect(await finish.isDisabled()).toBe(true);
    await d2.getByLabel('Kenmerk van de vertrouwensinspecteur').fill('LVI-2026-0420');
    await d2.getByLabel('Advies van de vertrouwensinspecteur').fill('Aangifte doen en de medewerker op non-actief stellen.');
    await d2.getByLabel('Wie belde').fill('Demo Bestuur');
    expect(await finish.isDisabled()).toBe(false);
    const [row] = await query<{ id: string }>(`select id from incidents where school_id = $1 and category = 'sexual_images_of_minors' order by created_at desc limit 1`, [e2e.schoolId]);
    await finish.click();
    await d2.getByText(/Afgerond op .*kenmerk LVI-2026-0420/).waitFor();
    const [task] = await query<{ status: string; call: { reference: string; caller: string } }>(`select status::text, call from incident_tasks where incident_id = $1`, [row!.id]);
    expect(task).toMatchObject({ status: 'done', call: { reference: 'LVI-2026-0420', caller: 'Demo Bestuur' } });

    // D.6: report to the police, with date and reference.
    const police = page.locator('section.inc-panel', { has: page.getByRole('heading', { name: /^Aangifte bij de politie/ }) });
    await police.getByLabel('Ja, aangifte').check();
    await police.getByLabel('Reden', { exact: true }).fill('Mogelijk strafbaar beeld van een minderjarige.');
    await police.getByLabel('Kenmerk van de politie (proces-verbaalnummer)').fill('PL1300-2026-12345');
    await police.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await police.getByText(/Aangifte gedaan op .*kenmerk PL1300-2026-12345/).waitFor();
    await expectAxeClean(page);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/incidents-bestuur-desktop.png`, fullPage: true });

    // Now it can be closed.
    await status.getByLabel(/^Reden/).fill('De politie heeft de zaak; de school volgt haar advies.');
    await status.getByRole('button', { name: 'Afsluiten zonder onderzoek' }).click();
    await status.locator('.inc-status.closed').waitFor();
    expect(await status.getByRole('button').allInnerTexts()).toEqual(['Weer openen']);
    const [closed] = await query<{ status: string; police_report: boolean; grensoverschrijdend: boolean }>(`select status::text, police_report, grensoverschrijdend from incidents where id = $1`, [row!.id]);
    expect(closed).toEqual({ status: 'closed', police_report: true, grensoverschrijdend: true });
    await context.close();
  });
});
