/// <reference lib="dom" />
// Browser test of "Inzage en wissen (AVG)", against the real server with the demo seed. The FG
// (second factor included) finds a student of the demo school, downloads the PDF export (its text
// names the student, the download is in the audit trail), sees why the student cannot be erased
// (still on the roster); then erases a parent who left, with the name typed as confirmation. axe-core
// finds no WCAG 2.1 AA problems; the page does not scroll sideways on a phone; the screenshot goes
// to docs/screenshots/subject-access.png. Teachers do not get the page. Needs the built web app.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/pdf-text.ts';
import { axeViolations, menuLinkCount, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { DESKTOP, PHONE, SHOTS, startE2e } from './harness.ts';

let e2e: E2e;
/** The FG's browser: signed in once (a TOTP code is accepted only once, so not twice in one time step). */
let fg: Awaited<ReturnType<E2e['signedIn']>> | undefined;
const query = <T,>(sql: string, params: unknown[] = []) => e2e.query<T>(sql, params);

beforeAll(async () => {
  e2e = await startE2e('subject-access');
}, 120_000);
afterAll(async () => {
  await fg?.context.close();
  await e2e?.close();
});

const nameOf = (p: { given_name: string; prefix: string | null; family_name: string }) => [p.given_name, p.prefix, p.family_name].filter(Boolean).join(' ');

describe('subject access in the browser', () => {
  it('is not in a teacher’s menu', async () => {
    const { context, page } = await e2e.signedIn('leerkracht@demo.postwijzer.nl');
    expect(await menuLinkCount(page, 'Inzage en wissen (AVG)')).toBe(0);
    await context.close();
  }, 60_000);

  it('lets the FG export a person (PDF) and see why erasure must wait', async () => {
    const [student] = await query<{ id: string; given_name: string; prefix: string | null; family_name: string }>(
      `select p.id, p.given_name, p.prefix, p.family_name from people p where p.school_id = $1 and p.kind = 'student' and p.active
        and (select count(*) from people q where q.school_id = p.school_id and q.family_name = p.family_name and q.given_name = p.given_name) = 1
        order by p.family_name, p.given_name limit 1`,
      [e2e.schoolId],
    );
    const name = nameOf(student!);
    fg = await e2e.signedIn('fg@demo.postwijzer.nl');
    const { page } = fg;
    await openFromMenu(page, 'Inzage en wissen (AVG)');
    await page.getByRole('heading', { name: 'Inzage en wissen (AVG)', level: 1 }).waitFor();
    await page.getByLabel('Zoek een persoon').fill(name);
    await page.getByLabel('Zoek een persoon').press('Enter');
    await page.getByRole('button', { name: `Kies: ${name}` }).click();
    await page.getByRole('heading', { name, level: 2 }).waitFor();
    // Erasure waits: the student is still on the roster.
    await page.getByText('Deze persoon kan nu niet worden gewist:').waitFor();
    await expect.poll(() => page.locator('.sa-blockers li').allInnerTexts()).toContainEqual(expect.stringMatching(/staat nog actief in de leerling- of personeelsadministratie/u));
    expect(await page.getByRole('button', { name: 'Definitief wissen' }).count()).toBe(0);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download als pdf (leesbaar)' }).click()]);
    const text = await pdfText(readFileSync((await download.path())!));
    expect(text).toContain(`Inzage persoonsgegevens: ${name}`);
    expect(text).toContain('Toestemming en geschiedenis');
    await expect.poll(async () => (await query<{ n: number }>(`select count(*)::int as n from audit_events where action = 'subject.exported' and subject_id = $1`, [student!.id]))[0]!.n).toBe(1);

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/subject-access.png`, fullPage: true });
    await page.setViewportSize(PHONE);
    expect(await axeViolations(page)).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await page.setViewportSize(DESKTOP);
  }, 120_000);

  it('lets the FG erase a parent who left, after typing the name', async () => {
    // A parent without an account, case or file, marked as having left: nothing the law keeps names them.
    const [parent] = await query<{ id: string; given_name: string; prefix: string | null; family_name: string }>(
      `select p.id, p.given_name, p.prefix, p.family_name from people p where p.school_id = $1 and p.kind = 'guardian'
        and not exists (select 1 from incident_people i where i.person_id = p.id) and not exists (select 1 from incidents i where i.reporter_id = p.id)
        and not exists (select 1 from account_roles r where r.person_id = p.id)
        and not exists (select 1 from consent_events c where c.given_by = p.id and c.person_id <> p.id)
        and not exists (select 1 from post_people pp join posts po on po.id = pp.post_id where pp.person_id = p.id and po.status = 'published')
        and not exists (select 1 from takedown_tasks t where t.person_id = p.id and t.done_at is null)
        and (select count(*) from people q where q.school_id = p.school_id and q.family_name = p.family_name and q.given_name = p.given_name) = 1
        order by p.family_name desc limit 1`,
      [e2e.schoolId],
    );
    const name = nameOf(parent!);
    await query(`update people set active = false, left_at = now() where id = $1`, [parent!.id]);
    const { page } = fg!;
    await page.getByLabel('Zoek een persoon').fill(name);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('button', { name: `Kies: ${name}` }).click();
    await page.getByText('Deze persoon kan nu worden gewist.').waitFor();
    await page.getByLabel('Typ de volledige naam om te bevestigen').fill('iemand anders');
    await page.getByRole('button', { name: 'Definitief wissen' }).click();
    await page.getByText('De naam komt niet overeen').waitFor();
    // Back on the roster between the check and the click: the refusal is shown in Dutch, with its reasons.
    await query(`update people set active = true, left_at = null where id = $1`, [parent!.id]);
    await page.getByLabel('Typ de volledige naam om te bevestigen').fill(name);
    await page.getByRole('button', { name: 'Definitief wissen' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Wissen is geweigerd' });
    await alert.waitFor();
    await alert.getByText('Deze persoon staat nog actief').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/subject-access-refused.png`, fullPage: true });
    // Left again: a fresh look at the person allows it.
    await query(`update people set active = false, left_at = now() where id = $1`, [parent!.id]);
    await page.reload();
    await page.getByLabel('Zoek een persoon').fill(name);
    await page.getByRole('button', { name: 'Zoeken' }).click();
    await page.getByRole('button', { name: `Kies: ${name}` }).click();
    await page.getByText('Deze persoon kan nu worden gewist.').waitFor();
    await page.getByLabel('Typ de volledige naam om te bevestigen').fill(name);
    await page.getByRole('button', { name: 'Definitief wissen' }).click();
    await page.getByText(`${name} is gewist.`).waitFor();
    expect(await query(`select id from people where id = $1`, [parent!.id])).toEqual([]);
    expect(await query(`select guardian_id from guardianships where guardian_id = $1`, [parent!.id])).toEqual([]);
  }, 120_000);
});
