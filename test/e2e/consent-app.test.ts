/// <reference lib="dom" />
// Browser test of the web app's consent pages, against the real server with the demo seed. A
// parent signs in through the app's sign-in page and sets consent for a child (no to photos on the
// school's social media, yes to the newsletter), and the registry has it; a choice is made with the
// keyboard alone. The communication officer sees the overview for the child's group with the new
// state, opens the yearly round, sends reminders, sees who answered, and completes the takedown
// task the revocation made. axe-core checks every page (WCAG 2.1 AA); screenshots on a phone and a
// desktop go to docs/screenshots/. Needs the built web app (npm run build: dist/web).
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/modules/demo/accounts.ts';
import type { RunningServer } from '../../src/server/start.ts';
import { axeViolations, menuLinkCount, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { startE2e } from './harness.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const SHOTS = 'docs/screenshots';

let e2e: E2e;
let server: RunningServer;
/** The demo parent's children, as the page lists them (by given name), and the parent's person id. */
let children: { id: string; name: string; group: string }[];
let parentId: string;
let postId: string;

const query = <T,>(sql: string, params: unknown[] = []) => server.database.query<T>(sql, params);

beforeAll(async () => {
  e2e = await startE2e('consent-app');
  ({ server } = e2e);

  const [parent] = await query<{ person_id: string }>(`select r.person_id from accounts a join account_roles r on r.account_id = a.id where a.email = 'ouder@demo.postwijzer.nl'`);
  parentId = parent!.person_id;
  children = await query<{ id: string; name: string; group: string }>(
    `select p.id, concat_ws(' ', p.given_name, p.prefix, p.family_name) as name, g.code as "group"
       from guardianships gs join people p on p.id = gs.student_id left join groups g on g.id = p.group_id
      where gs.guardian_id = $1 order by p.given_name, p.family_name`,
    [parentId],
  );
  expect(children.length).toBeGreaterThan(0);
  // Known starting point: the parent said yes to photos on the school's social media on the paper
  // form, and a published Instagram post shows the first child (so a "no" now is a revocation that
  // makes a takedown task).
  for (const c of children) {
    await query(
      `insert into consent_events (school_id, person_id, channel, media, school_year, valid_from, valid_until, status, given_by, method, recorded_at)
       select school_id, id, 'school_social_media', 'photo', '2026-2027', '2026-08-01', '2027-07-31', 'granted', $2, 'form', now() - interval '1 day' from people where id = $1`,
      [c.id, parentId],
    );
  }
  const [post] = await query<{ id: string }>(
    `insert into posts (school_id, content, status, published_at, published_url)
     select school_id, $2::jsonb, 'published', now() - interval '2 days', 'https://www.instagram.com/p/demo-sportdag' from people where id = $1 returning id`,
    [children[0]!.id, JSON.stringify({ situation: 'work', channel: { kind: 'school', platform: 'instagram' }, text: 'Wat een sportieve dag vandaag!', media: [{ kind: 'photo', people: [children[0]!.id] }] })],
  );
  postId = post!.id;
  await query('insert into post_people (post_id, person_id) values ($1, $2)', [postId, children[0]!.id]);
}, 120_000);

afterAll(async () => e2e?.close());

async function signIn(email: string, viewport = PHONE): Promise<{ context: BrowserContext; page: Page }> {
  const context = await e2e.context(viewport);
  const page = await context.newPage();
  await page.goto(`${server.url}/aanmelden`);
  await expect.poll(() => page.getByLabel('E-mailadres').isVisible()).toBe(true);
  expect(await axeViolations(page)).toEqual([]);
  await page.screenshot({ path: `${SHOTS}/aanmelden-${viewport === PHONE ? 'telefoon' : 'desktop'}.png` });
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await expect.poll(() => page.locator('h1').innerText()).toMatch(/^Welkom/);
  return { context, page };
}

const latest = (personId: string) =>
  query<{ channel: string; media: string; status: string; method: string; given_by: string | null }>(
    `select distinct on (channel, media) channel, media::text, status::text, method::text, given_by from consent_events where person_id = $1 and school_year = '2026-2027' order by channel, media, id desc`,
    [personId],
  );

describe('the consent pages of the web app', () => {
  it('lets a parent sign in and set consent for a child; the registry has it', async () => {
    const { context, page } = await signIn('ouder@demo.postwijzer.nl');
    await openFromMenu(page, 'Toestemming voor mijn kind');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Toestemming voor mijn kind');
    const child = children[0]!;
    const section = page.getByRole('region', { name: `${child.name} (groep ${child.group})` });
    await section.waitFor();
    expect(await page.locator('section.consent-person').count()).toBe(children.length);
    await expect.poll(() => page.getByText('U kunt uw keuze altijd veranderen').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
    // On a desktop: the explanation and the first questions.
    await page.setViewportSize(DESKTOP);
    await page.screenshot({ path: `${SHOTS}/mijn-toestemmingen-desktop.png` });
    await page.setViewportSize(PHONE);

    const photos = section.getByRole('radiogroup', { name: "Sociale media van de school Foto's" });
    expect(await photos.getByLabel('Ja').isChecked()).toBe(true);
    await photos.getByLabel('Nee').check();
    await section.getByRole('radiogroup', { name: "Nieuwsbrief Foto's" }).getByLabel('Ja').check();
    expect(await section.getByText('Nog niet opgeslagen', { exact: true }).count()).toBe(2);
    await section.getByRole('button', { name: `Keuze voor ${child.name.split(' ')[0]} opslaan` }).click();
    const result = section.getByRole('status');
    await expect.poll(() => result.innerText()).toMatch(/Opgeslagen\. Dit geldt vanaf nu voor/);
    expect(await result.innerText()).toContain("Sociale media van de school, foto's: nee (ingetrokken)");
    expect(await result.innerText()).toContain("Nieuwsbrief, foto's: ja");

    const rows = await latest(child.id);
    expect(rows.find((r) => r.channel === 'school_social_media' && r.media === 'photo')).toEqual({ channel: 'school_social_media', media: 'photo', status: 'revoked', method: 'portal', given_by: parentId });
    expect(rows.find((r) => r.channel === 'newsletter' && r.media === 'photo')).toEqual({ channel: 'newsletter', media: 'photo', status: 'granted', method: 'portal', given_by: parentId });
    // The revocation listed the published post as a takedown task.
    expect(await query(`select post_id from takedown_tasks where person_id = $1 and done_at is null`, [child.id])).toEqual([{ post_id: postId }]);

    // The history: the paper form and the two choices made now.
    await section.getByText(/^Wat ik eerder koos/).click();
    const history = await section.locator('.consent-history ol').innerText();
    expect(history).toMatch(/Nieuwsbrief, foto's: ja \(door u, online\)/);
    expect(history).toMatch(/Sociale media van de school, foto's: nee \(ingetrokken\) \(door u, online\)/);
    expect(history).toMatch(/Sociale media van de school, foto's: ja \(door u, met het formulier\)/);
    expect(await axeViolations(page)).toEqual([]);
    // On the phone: the last questions, the save button and the confirmation.
    await result.evaluate((el) => el.scrollIntoView({ block: 'end' }));
    await page.screenshot({ path: `${SHOTS}/mijn-toestemmingen-telefoon.png` });

    // The English switch.
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Consent for my child');
    const english = page.getByRole('region', { name: `${child.name} (group ${child.group})` });
    expect(await english.getByRole('radiogroup', { name: 'Newsletter Photos' }).getByLabel('Yes').isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Nederlands' }).click();
    await context.close();
  });

  it('can be completed with the keyboard alone', async () => {
    const { context, page } = await signIn('ouder@demo.postwijzer.nl');
    await page.goto(`${server.url}/mijn-toestemmingen`);
    const child = children[0]!;
    await page.getByRole('region', { name: `${child.name} (groep ${child.group})` }).waitFor();
    // From the top of the page: Tab to the newsletter's film question (no answer yet), Space for "Ja".
    const focused = () => page.evaluate(() => ({ name: (document.activeElement as HTMLInputElement | null)?.name ?? '', value: (document.activeElement as HTMLInputElement | null)?.value ?? '', text: document.activeElement?.textContent ?? '' }));
    let f = await focused();
    for (let i = 0; i < 80 && f.name !== `${child.id}/newsletter/video`; i++) {
      await page.keyboard.press('Tab');
      f = await focused();
    }
    expect(f).toMatchObject({ name: `${child.id}/newsletter/video`, value: 'granted' });
    await page.keyboard.press('Space');
    // And "Nee" for sound on the newsletter: the next question, then the arrow key to "Nee".
    await page.keyboard.press('Tab');
    expect(await focused()).toMatchObject({ name: `${child.id}/newsletter/audio`, value: 'granted' });
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatchObject({ name: `${child.id}/newsletter/audio`, value: 'refused' });
    for (let i = 0; i < 40 && !/opslaan$/.test(f.text); i++) {
      await page.keyboard.press('Tab');
      f = await focused();
    }
    expect(f.text).toBe(`Keuze voor ${child.name.split(' ')[0]} opslaan`);
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent ?? '')).toMatch(/^Opgeslagen/);
    const rows = await latest(child.id);
    expect(rows.filter((r) => r.channel === 'newsletter').map((r) => `${r.media}=${r.status}`).sort()).toEqual(['audio=refused', 'photo=granted', 'video=granted']);
    await context.close();
  });

  it('shows the communication officer the group with the new state, the round and the takedown task', async () => {
    const child = children[0]!;
    const { context, page } = await signIn('communicatie@demo.postwijzer.nl', DESKTOP);
    await openFromMenu(page, 'Toestemmingen');
    await expect.poll(() => page.locator('h1').innerText()).toBe('Toestemmingen');
    await page.getByRole('table', { name: 'Antwoorden per groep' }).waitFor();
    await page.getByLabel('Groep', { exact: true }).selectOption(child.group);
    await page.getByLabel('Kanaal').selectOption({ label: 'Sociale media van de school' });
    await page.getByRole('table', { name: `Groep ${child.group}: toestemming per leerling voor Sociale media van de school` }).waitFor();
    const row = page.locator('table.students tbody tr', { has: page.getByRole('rowheader', { name: child.name, exact: true }) });
    expect((await row.locator('td').allTextContents())[1]).toBe('⊘nee (ingetrokken)');
    await page.getByLabel('Kanaal').selectOption({ label: 'Nieuwsbrief' });
    await page.getByRole('table', { name: `Groep ${child.group}: toestemming per leerling voor Nieuwsbrief` }).waitFor();
    expect((await row.locator('td').allTextContents()).slice(1)).toEqual(['✓ja', '✓ja', '✗nee']);
    await page.getByLabel('Kanaal').selectOption('');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: `${SHOTS}/toestemmingen-desktop.png` });

    // The yearly round: open it (after a confirmation), then remind who has not answered.
    await page.getByRole('button', { name: 'Ronde 2026-2027 openen' }).click();
    await page.getByRole('button', { name: 'Ja, verstuur de e-mails' }).click();
    await expect.poll(() => page.locator('.consent-manage').first().getByRole('status').innerText()).toMatch(/De ronde is geopend: \d+ e-mails verstuurd/);
    const [{ requests }] = (await query<{ requests: number }>(`select count(*)::int as requests from consent_requests`)) as [{ requests: number }];
    // The overview reloads after the status appears: wait for it.
    await expect.poll(() => page.getByText(`0 van de ${requests} hebben geantwoord`).count()).toBe(1);
    // A day and a half later (the first mails went out then): the reminder goes to who did not answer.
    await query(`update consent_requests set sent_at = sent_at - interval '36 hours'`);
    const mails = async () => ((await query<{ n: number }>(`select count(*)::int as n from outbox where payload->>'template' in ('consent_round', 'consent_reminder')`))[0]!.n);
    const before = await mails();
    await page.getByRole('button', { name: 'Herinnering sturen aan wie nog niet antwoordde' }).click();
    await expect.poll(() => page.locator('.consent-manage').first().getByRole('status').innerText()).toMatch(/^[1-9]\d* herinnering\(en\) verstuurd/);
    expect(await mails()).toBeGreaterThan(before);
    await page.getByText('Wie heeft geantwoord?').click();
    await page.getByRole('table', { name: 'Ouders en leerlingen in de ronde 2026-2027' }).waitFor();

    // The takedown task of the parent's revocation.
    const task = page.locator('.takedowns li', { hasText: child.name });
    expect(await task.innerText()).toContain('Wat een sportieve dag vandaag!');
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: `${SHOTS}/toestemmingen-telefoon.png` });
    await task.getByRole('button', { name: `Is weggehaald: bericht met ${child.name}` }).click();
    await expect.poll(() => page.getByText(`Afgevinkt: het bericht met ${child.name}`).count()).toBe(1);
    expect(await query(`select status::text from posts where id = $1`, [postId])).toEqual([{ status: 'withdrawn' }]);
    await expect.poll(() => page.getByText('Er zijn geen berichten om weg te halen.').count()).toBe(1);
    await context.close();
  });

  it('keeps the overview from parents and shows a teacher no round or takedowns', async () => {
    const { context, page } = await signIn('ouder@demo.postwijzer.nl');
    expect(await menuLinkCount(page, 'Toestemmingen')).toBe(0);
    await page.goto(`${server.url}/toestemmingen`);
    await expect.poll(() => page.locator('h1').innerText()).toBe('Deze pagina bestaat niet');
    await context.close();

    const teacher = await signIn('leerkracht@demo.postwijzer.nl');
    await openFromMenu(teacher.page, 'Toestemmingen');
    await teacher.page.getByRole('table', { name: 'Antwoorden per groep' }).waitFor();
    expect(await teacher.page.getByRole('heading', { name: 'Jaarlijkse toestemmingsronde' }).count()).toBe(0);
    expect(await teacher.page.getByRole('heading', { name: 'Berichten weghalen' }).count()).toBe(0);
    // A teacher decides about their own photos.
    await openFromMenu(teacher.page, 'Mijn toestemming');
    await expect.poll(() => teacher.page.locator('h1').innerText()).toBe('Mijn toestemming');
    await teacher.page.getByRole('button', { name: 'Mijn keuze opslaan' }).waitFor();
    expect(await axeViolations(teacher.page)).toEqual([]);
    await teacher.context.close();
  });
});
