/// <reference lib="dom" />
// Browser test of the supervisor flows against the real server with the demo seed and a real SMTP
// server on loopback: the demo teacher asks their supervisor about a post from the write page,
// the supervisor asks for a change in the queue, the teacher changes it from "Mijn berichten" and
// sends it again, the supervisor approves and the teacher publishes exactly that version; every
// e-mail arrives. Then an escalation (text, link and a screenshot through the media pipeline)
// lands at the top of the supervisor's queue, above an older review request, and is answered.
// axe-core on every page; screenshots to docs/screenshots/supervision-*.png.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { samplePhoto } from '../../src/media/testing/fixtures.ts';
import type { RunningServer } from '../../src/server/start.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { textOf } from '../support/smtp.ts';
import { axeViolations, openFromMenu } from './browser.ts';
import type { E2e } from './harness.ts';
import { startE2e } from './harness.ts';

let e2e: E2e;
let server: RunningServer;
let smtp: TestSmtp;
const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 900 };
const TEACHER = 'leerkracht@demo.postwijzer.nl';
const SUPERVISOR = 'leidinggevende@demo.postwijzer.nl';
let teacherName: string;

beforeAll(async () => {
  e2e = await startE2e('supervision', { mail: true });
  ({ server } = e2e);
  smtp = e2e.smtp!;
  const [t] = await server.database.query<{ display_name: string }>(`select display_name from accounts where email = $1`, [TEACHER]);
  teacherName = t!.display_name;
}, 120_000);

afterAll(async () => e2e?.close());

const signedIn = (email: string, viewport = DESKTOP) => e2e.signedIn(email, viewport);

async function expectAxeClean(page: Page): Promise<void> {
  expect(await axeViolations(page)).toEqual([]);
}

/** Waits until `address` has a mail whose text contains `marker`. */
async function mailWith(address: string, marker: string, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const found = smtp.mailsTo(address).map((m) => textOf(m.raw)).find((t) => t.includes(marker));
    if (found) return found;
    if (Date.now() > until) throw new Error(`no mail to ${address} with "${marker}" (got ${smtp.mailsTo(address).length})`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function nav(page: Page, name: string, heading = name): Promise<void> {
  await openFromMenu(page, name);
  await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
}

const DOUBTFUL = 'Het nieuwe beleid van De Regenboog is echt een puinhoop.';
const CHANGED = 'Het nieuwe beleid van De Regenboog is echt een puinhoop. Laten we er samen over praten op de ouderavond.';

describe('the supervisor flows in the web app', () => {
  it('ask, change, resubmit, approve and publish, with an e-mail at every step', { timeout: 240_000 }, async () => {
    const teacher = await signedIn(TEACHER);
    const t = teacher.page;
    await nav(t, 'Bericht schrijven');
    await t.getByLabel('Je bericht').fill(DOUBTFUL);
    const ask = t.locator('section.ask');
    await ask.getByRole('button', { name: 'Vraag mijn leidinggevende' }).click();
    await ask.getByLabel('Je vraag').fill('Mag ik dit zo zeggen over het beleid?');
    await expectAxeClean(t);
    await ask.getByRole('button', { name: 'Versturen' }).click();
    await ask.getByText('Wacht op je leidinggevende').waitFor();
    expect(await ask.innerText()).toMatch(/Gestuurd aan/);
    await t.screenshot({ path: 'docs/screenshots/supervision-vraag-desktop.png', fullPage: true });
    await expectAxeClean(t);
    const request = await mailWith(SUPERVISOR, 'twijfelt over een bericht');
    expect(request).toContain(`${teacherName} twijfelt`);
    expect(request).toMatch(/\/wachtrij/);

    // The supervisor asks for a change.
    const sup = await signedIn(SUPERVISOR);
    const s = sup.page;
    await nav(s, 'Wachtrij');
    const card = s.locator('article.review').first();
    await card.getByRole('heading', { name: `Vraag van ${teacherName}` }).waitFor();
    expect(await card.innerText()).toContain('Mag ik dit zo zeggen over het beleid?');
    expect(await card.innerText()).toContain(DOUBTFUL);
    await expectAxeClean(s);
    await s.screenshot({ path: 'docs/screenshots/supervision-wachtrij-vraag-desktop.png', fullPage: true });
    // A decision needs a comment; the keyboard reaches the buttons.
    await card.getByRole('button', { name: 'Vraag om aanpassingen' }).click();
    await card.getByRole('alert').filter({ hasText: 'Schrijf een korte toelichting' }).waitFor();
    await card.getByLabel(/Toelichting voor/).fill('Schrijf wat je ervan vindt zonder de school af te kraken.');
    await card.getByLabel(/Toelichting voor/).press('Tab');
    await s.keyboard.press('Tab');
    expect(await s.evaluate(() => document.activeElement?.textContent)).toBe('Vraag om aanpassingen');
    await s.keyboard.press('Enter');
    await s.getByText('Er wacht niets op je').waitFor();
    // The mail says what was decided and links to the app; the comment stays behind the sign-in.
    const changesMail = await mailWith(TEACHER, 'vraagt om aanpassingen');
    expect(changesMail).not.toContain('af te kraken');
    expect(changesMail).toContain('Je leest de toelichting in Postwijzer');

    // The teacher sees it on "Mijn berichten", changes the post and sends it again.
    await nav(t, 'Mijn berichten');
    const mine = t.locator('li.own-post').filter({ hasText: 'Aanpassen gevraagd' });
    await mine.waitFor();
    expect(await mine.innerText()).toContain('zonder de school af te kraken');
    await expectAxeClean(t);
    await t.screenshot({ path: 'docs/screenshots/supervision-mijn-berichten-desktop.png', fullPage: true });
    await mine.getByRole('link', { name: 'Aanpassen' }).click();
    await expect.poll(() => t.getByLabel('Je bericht').inputValue()).toBe(DOUBTFUL);
    await t.getByLabel('Je bericht').fill(CHANGED);
    await ask.getByLabel(/Wat heb je veranderd/).fill('Vriendelijker geformuleerd.');
    await ask.getByRole('button', { name: 'Opnieuw voorleggen' }).click();
    await ask.getByText('Wacht op je leidinggevende').waitFor();
    expect(await mailWith(SUPERVISOR, 'opnieuw aan je voorgelegd')).toContain(teacherName);

    // The supervisor approves the new version.
    await s.getByRole('button', { name: 'Vernieuwen' }).click();
    const again = s.locator('article.review').first();
    await again.getByText(CHANGED).first().waitFor();
    expect(await again.innerText()).toMatch(/legde een aangepaste versie voor/);
    await again.getByLabel(/Toelichting voor/).fill('Zo is het goed.');
    await again.getByRole('button', { name: 'Goedkeuren' }).click();
    await s.getByText('Er wacht niets op je').waitFor();
    const approvedMail = await mailWith(TEACHER, 'goedgekeurd');
    expect(approvedMail).not.toContain('Zo is het goed.');
    expect(approvedMail).toContain('/berichten');

    // The teacher publishes exactly the approved version (its verdict asks for a review).
    await t.reload();
    const approved = t.locator('section.ask');
    await approved.getByText('Goedgekeurd', { exact: true }).waitFor();
    const panel = approved.locator('section.server-check');
    await panel.getByLabel('Dit is de definitieve versie, en ik plaats hem zelf.').check();
    await panel.getByLabel('Ik weet dat wat online staat, online blijft.').check();
    await expectAxeClean(t);
    await t.screenshot({ path: 'docs/screenshots/supervision-goedgekeurd-desktop.png', fullPage: true });
    await panel.getByRole('button', { name: 'Ik heb het geplaatst' }).click();
    await panel.getByText('Vastgelegd als geplaatst.').waitFor();
    const [row] = await server.database.query<{ status: string; verdict: string; review: string }>(
      `select p.status::text, c.verdict::text, r.status::text as review from posts p join reviews r on r.post_id = p.id
         join checks c on c.id = r.check_id where r.requester_account_id = (select id from accounts where email = $1) order by r.created_at desc limit 1`,
      [TEACHER],
    );
    expect(row).toEqual({ status: 'published', verdict: 'needs_review', review: 'approved' });
    await teacher.context.close();
    await sup.context.close();
  });

  it('an escalation reaches the supervisor at once and stands above an older review request', { timeout: 240_000 }, async () => {
    const teacher = await signedIn(TEACHER);
    const t = teacher.page;
    // First an ordinary question, so that an older review request waits in the queue.
    await nav(t, 'Bericht schrijven');
    await t.getByLabel('Je bericht').fill('De ouderavond van De Regenboog was een puinhoop.');
    await t.locator('section.ask').getByRole('button', { name: 'Vraag mijn leidinggevende' }).click();
    await t.getByLabel('Je vraag').fill('Kan dit?');
    await t.locator('section.ask').getByRole('button', { name: 'Versturen' }).click();
    await t.locator('section.ask').getByText('Wacht op je leidinggevende').waitFor();

    await nav(t, 'Escaleren');
    await t.getByLabel('Het gesprek', { exact: true }).fill(
      ['[20:01] Petra Jansen: Weet iemand waarom het schoolreisje niet doorgaat?', '[20:10] Petra Jansen: Wat een schande dit! Belachelijk!', '[20:12] Mark de Wit: Die school is een puinhoop, schandalig gewoon', '[20:15] Ria Pool: Ik pik het niet meer, onacceptabel!!'].join('\n'),
    );
    await t.getByLabel(/Link naar het gesprek/).fill('https://www.facebook.com/groups/ouders/posts/1');
    await t.getByLabel(/Schermafbeeldingen/).setInputFiles(samplePhoto(1));
    await t.getByText('1 schermafbeelding(en) toegevoegd').waitFor({ timeout: 90_000 });
    await t.getByLabel(/Wat wil je je leidinggevende/).fill('Het loopt uit de hand in de oudergroep.');
    await expectAxeClean(t);
    await t.getByRole('button', { name: 'Meld het bij mijn leidinggevende' }).click();
    await t.getByText(/is op de hoogte gebracht/).waitFor();
    expect(await mailWith(SUPERVISOR, 'DRINGEND')).toContain(`DRINGEND: ${teacherName} meldt een online gesprek`);
    await t.locator('article.escalation').getByText('Het gesprek ontspoort').waitFor();
    await t.screenshot({ path: 'docs/screenshots/supervision-escaleren-desktop.png', fullPage: true });

    const sup = await signedIn(SUPERVISOR);
    const s = sup.page;
    await nav(s, 'Wachtrij');
    const cards = s.locator('article.card');
    await cards.first().waitFor();
    expect(await cards.first().getAttribute('class')).toContain('escalation');
    expect(await cards.nth(1).getAttribute('class')).toContain('review');
    const esc = cards.first();
    expect(await esc.innerText()).toMatch(/Open sinds .*nog niet beantwoord/);
    expect(await esc.innerText()).toContain('Het gesprek ontspoort');
    // The screenshot is served (without metadata) to the supervisor.
    const img = esc.getByRole('img', { name: 'Schermafbeelding 1' });
    await expect.poll(() => img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
    await expectAxeClean(s);
    await s.screenshot({ path: 'docs/screenshots/supervision-wachtrij-desktop.png', fullPage: true });
    await s.setViewportSize(PHONE);
    await esc.scrollIntoViewIfNeeded();
    await s.screenshot({ path: 'docs/screenshots/supervision-wachtrij-telefoon.png', fullPage: false });
    expect(await s.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await s.setViewportSize(DESKTOP);

    await esc.getByLabel(/Je antwoord/).fill('Gezien, ik bel je zo.');
    await esc.getByRole('button', { name: 'Gezien, ik pak het op' }).click();
    await s.locator('article.escalation').getByText(/Beantwoord na .* door/).waitFor();
    await expectAxeClean(s);

    await t.reload();
    await t.locator('article.escalation').first().getByText(/Beantwoord na .* door/).waitFor();
    const [stored] = await server.database.query<{ status: string; derailing: boolean; shots: number }>(
      `select status::text, (signal->>'derailing')::boolean as derailing, cardinality(screenshot_ids) as shots from escalations order by created_at desc limit 1`,
    );
    expect(stored).toEqual({ status: 'acknowledged', derailing: true, shots: 1 });
    await teacher.context.close();
    await sup.context.close();
  });
});
