/// <reference lib="dom" />
// Browser test of "Toestemmingen lestijd" and "Schoolprojecten" against the real server with the
// demo seed. The director gives the demo teacher lesson-time permission for one hour on a coming
// school day; then, in the teacher's own browser, the write page's check (which runs in the
// browser on the school's check context) no longer reports A.1 for a post inside that hour and
// still does for one after it. No fake clock: the post carries its own moment ("Wanneer plaats je
// het?"), as a teacher would schedule it. The director also creates a school project with students
// picked by search, changes its students and ends it. axe-core on every page; screenshots.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_HOLIDAYS } from '../../src/modules/demo/seed.ts';
import { axeViolations, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { DESKTOP, shoot, startE2e } from './harness.ts';

let e2e: E2e;
const signedIn = (email: string, viewport = DESKTOP) => e2e.signedIn(email, viewport);

beforeAll(async () => {
  e2e = await startE2e('grants');
}, 120_000);
afterAll(async () => e2e?.close());

async function open(page: Page, link: string): Promise<void> {
  await openFromMenu(page, link);
  await page.getByRole('heading', { name: link, level: 1 }).waitFor();
}

async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}


/** A coming Tuesday (lessons 08:30–14:30) at least two days away and outside the demo holidays. */
function comingSchoolDay(): string {
  const d = new Date(Date.now() + 2 * 86_400_000);
  for (;;) {
    const day = d.toISOString().slice(0, 10);
    if (d.getUTCDay() === 2 && !DEMO_HOLIDAYS.some((h) => day >= h.startsOn && day <= h.endsOn)) return day;
    d.setUTCDate(d.getUTCDate() + 1);
  }
}

const personOf = async (email: string) =>
  (
    await e2e.query<{ id: string; name: string }>(
      `select p.id, concat_ws(' ', p.given_name, p.prefix, p.family_name) as name from account_roles r join accounts a on a.id = r.account_id join people p on p.id = r.person_id where a.email = $1`,
      [email],
    )
  )[0]!;

describe('lesson-time permissions and school projects in the web app', () => {
  it('the director grants the teacher lesson time; the teacher’s check then has no A.1 inside the window, and still A.1 after it', { timeout: 150_000 }, async () => {
    const teacher = await personOf('leerkracht@demo.postwijzer.nl');
    const day = comingSchoolDay();
    const { context, page } = await signedIn('directeur@demo.postwijzer.nl');
    await open(page, 'Toestemmingen lestijd');
    // The seed's permissions are listed (planned ones at least).
    await page.getByRole('heading', { name: /^Gepland \(\d+\)/ }).waitFor();
    await page.getByLabel('Zoek op naam of groep').fill(teacher.name);
    await page.getByRole('button', { name: new RegExp(`^Kies ${teacher.name} \\(`) }).first().click();
    await page.getByText(`Gekozen: ${teacher.name}`).waitFor();
    await page.getByLabel('Vanaf (datum en tijd)').fill(`${day}T09:00`);
    await page.getByLabel('Tot (datum en tijd)').fill(`${day}T10:00`);
    await page.getByLabel('Reden').fill('Voorleeswedstrijd: verslag op Instagram');
    await page.getByRole('button', { name: 'Toestemming geven' }).click();
    await page.getByRole('status').filter({ hasText: `Toestemming gegeven aan ${teacher.name}.` }).waitFor();
    const planned = page.locator('section.grant-list', { has: page.getByRole('heading', { name: /^Gepland/ }) });
    await planned.getByText('Voorleeswedstrijd: verslag op Instagram').waitFor();
    const [row] = await e2e.query<{ starts_at: Date; ends_at: Date; granted_by: string }>(
      `select starts_at, ends_at, granted_by from permissions where person_id = $1 and reason = 'Voorleeswedstrijd: verslag op Instagram'`,
      [teacher.id],
    );
    const director = await personOf('directeur@demo.postwijzer.nl');
    expect(row!.granted_by).toBe(director.id);
    expect(row!.ends_at.getTime() - row!.starts_at.getTime()).toBe(3_600_000);
    await expectAxeClean(page);
    await shoot(page, 'permissions-lestijd');
    await context.close();

    // The teacher writes a private post for that day, at 09:30 (inside) and 10:30 (after).
    const t = await signedIn('leerkracht@demo.postwijzer.nl');
    await open(t.page, 'Bericht schrijven');
    await t.page.getByLabel('Privé').check();
    await t.page.getByLabel('Waar plaats je het?').selectOption({ label: 'Mijn eigen account' });
    await t.page.getByLabel('Welk platform?').fill('Instagram');
    await t.page.getByLabel('Je bericht').fill('Wat een mooie voorleeswedstrijd vandaag op school!');
    const live = t.page.locator('section.live');
    const when = t.page.getByLabel('Wanneer plaats je het? (niet verplicht)');
    await when.fill(`${day}T10:30`);
    await expect.poll(() => live.innerText(), { timeout: 30_000 }).toMatch(/Artikel A\.1/);
    await when.fill(`${day}T09:30`);
    await expect.poll(() => live.innerText(), { timeout: 30_000 }).not.toMatch(/Artikel A\.1/);
    expect(await live.innerText()).toMatch(/Artikel A\.4/);
    // The teacher sees the permission on the page too, and cannot revoke it (the director gave it).
    await open(t.page, 'Toestemmingen lestijd');
    const mine = t.page.locator('li.grant', { hasText: 'Voorleeswedstrijd' });
    await mine.waitFor();
    expect(await mine.getByRole('button').count()).toBe(0);
    await expectAxeClean(t.page);
    await t.context.close();
  });

  it('the director creates a school project with students picked by search, changes its students and ends it', { timeout: 120_000 }, async () => {
    const teacher = await personOf('leerkracht@demo.postwijzer.nl');
    const students = await e2e.query<{ id: string; name: string; code: string }>(
      `select p.id, concat_ws(' ', p.given_name, p.prefix, p.family_name) as name, g.code from people p join groups g on g.id = p.group_id
        where p.school_id = $1 and p.kind = 'student' and p.active
          and (select count(*) from people q where q.school_id = p.school_id and q.given_name = p.given_name and q.family_name = p.family_name) = 1
        order by p.family_name, p.given_name limit 3`,
      [e2e.schoolId],
    );
    const { context, page } = await signedIn('directeur@demo.postwijzer.nl');
    await open(page, 'Schoolprojecten');
    await page.getByLabel('Naam van het project').fill('Klassenvlog (e2e)');
    const today = new Date().toISOString().slice(0, 10);
    const later = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Eerste dag').fill(today);
    await page.getByLabel('Laatste dag').fill(later);
    const employees = page.getByRole('group', { name: 'Voor welke medewerker(s)?' });
    await employees.getByLabel('Zoek op naam of groep').fill(teacher.name);
    await employees.getByRole('checkbox', { name: new RegExp(`^${teacher.name} \\(`) }).first().check();
    const picker = page.getByRole('group', { name: 'Welke leerlingen doen mee?' });
    for (const s of students.slice(0, 2)) {
      await picker.getByLabel('Zoek op naam of groep').fill(s.name);
      await picker.getByRole('checkbox', { name: `${s.name} (groep ${s.code})` }).check();
    }
    await picker.getByText('Gekozen (2)').waitFor();
    await expectAxeClean(page);
    await page.getByRole('button', { name: 'Project aanmaken' }).click();
    await page.getByRole('status').filter({ hasText: 'Het project "Klassenvlog (e2e)" is aangemaakt.' }).waitFor();
    const item = page.locator('li.project', { has: page.getByRole('heading', { name: /Klassenvlog \(e2e\)/ }) });
    await item.getByText('Leerlingen (2)').waitFor();
    await shoot(page, 'permissions-projecten');

    // Change the students: remove the first, add the third.
    await item.getByRole('button', { name: 'Leerlingen aanpassen (Klassenvlog (e2e))' }).click();
    const edit = item.getByRole('group', { name: 'Leerlingen van Klassenvlog (e2e) aanpassen' });
    await edit.getByRole('button', { name: `${students[0]!.name} weghalen` }).click();
    await edit.getByLabel('Zoek op naam of groep').fill(students[2]!.name);
    await edit.getByRole('checkbox', { name: `${students[2]!.name} (groep ${students[2]!.code})` }).check();
    await expectAxeClean(page);
    await item.getByRole('button', { name: 'Leerlingen opslaan' }).click();
    await page.getByRole('status').filter({ hasText: 'zijn opgeslagen' }).waitFor();
    const stored = await e2e.query<{ student_id: string }>(
      `select ps.student_id from permission_students ps join permissions p on p.id = ps.permission_id where p.project = 'Klassenvlog (e2e)' order by 1`,
    );
    expect(stored.map((r) => r.student_id).sort()).toEqual([students[1]!.id, students[2]!.id].sort());
    // The staff browser's check context has the project for the teacher.
    const ctx = await page.evaluate(async (id) => (await fetch(`/api/v1/schools/${id}/check-context`)).json(), e2e.schoolId);
    expect(ctx.permissions).toContainEqual(expect.objectContaining({ kind: 'school_project', personId: teacher.id, project: 'Klassenvlog (e2e)' }));

    // End it (after a confirmation).
    await item.getByRole('button', { name: 'Project beëindigen (Klassenvlog (e2e))' }).click();
    await item.getByRole('button', { name: 'Ja, beëindigen' }).click();
    await page.getByRole('status').filter({ hasText: 'is beëindigd' }).waitFor();
    await item.getByText('beëindigd', { exact: true }).waitFor();
    await context.close();
  });
});
