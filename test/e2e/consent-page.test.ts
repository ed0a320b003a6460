/// <reference lib="dom" />
// Browser test of the consent page: the communication officer of the demo school opens the yearly
// round through the API; a parent opens the link from their e-mail (read from the outbox: no SMTP
// server in this run), sees their children, changes the choice about photos on the school's
// social media for one child, and the registry has it. axe-core checks WCAG 2.1 AA; screenshots go to
// docs/screenshots/.
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start.ts';
import { axeViolations } from './browser.ts';
import type { E2e } from './harness.ts';
import { startE2e } from './harness.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/accounts.ts';

let e2e: E2e;
let server: RunningServer;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e('consent-page');
  ({ server } = e2e);
  page = await (await e2e.context({ width: 390, height: 844 })).newPage();
}, 120_000);

afterAll(async () => e2e?.close());

async function openRound(): Promise<void> {
  const signIn = await fetch(`${server.url}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'communicatie@demo.postwijzer.nl', password: DEMO_PASSWORD }),
  });
  const { csrfToken } = (await signIn.json()) as { csrfToken: string };
  const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
  const me = (await (await fetch(`${server.url}/api/v1/auth/me`, { headers: { cookie } })).json()) as { schools: { id: string }[] };
  const res = await fetch(`${server.url}/api/v1/schools/${me.schools[0]!.id}/consent-rounds`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
    body: JSON.stringify({ schoolYear: '2026-2027' }),
  });
  expect(res.status).toBe(201);
}

describe('the consent page', () => {
  it('lets a parent change the choice about photos for one child through the link from the e-mail', async () => {
    await openRound();
    // The first mail of the round, as it waits in the outbox.
    const [mail] = await server.database.query<{ payload: { text: string } }>(`select payload from outbox where payload->>'template' = 'consent_round' order by id limit 1`);
    const link = /(http:\/\/\S+\/toestemming#token=[\w-]+)/.exec(mail!.payload.text)![1]!.replace(/^http:\/\/localhost:\d+/, server.url);
    const token = new URL(link).hash.slice('#token='.length);

    await page.goto(link);
    await expect.poll(() => page.locator('#consent-form').isVisible()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    mkdirSync('docs/screenshots', { recursive: true });
    await page.screenshot({ path: 'docs/screenshots/toestemming-telefoon.png', fullPage: false });

    const first = page.locator('section.child').first();
    const child = await first.locator('h2').innerText();
    const cell = first.getByRole('group', { name: "Sociale media van de school: Foto's" });
    // The demo has answers already: change this one, whatever it was.
    const wasYes = await cell.getByLabel('Ja').isChecked();
    await cell.getByLabel(wasYes ? 'Nee' : 'Ja').check();
    await page.getByRole('button', { name: 'Keuze opslaan' }).click();
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/opgeslagen/);

    const rows = await server.database.query<{ status: string; method: string; channel: string; media: string }>(
      `select e.status::text, e.method::text, e.channel, e.media::text from consent_events e join consent_requests r on r.responder_id = e.given_by where r.token_hash = encode(sha256(convert_to($1, 'UTF8')), 'hex') and e.method = 'portal'`,
      [token],
    );
    expect(rows).toEqual([{ status: wasYes ? 'revoked' : 'granted', method: 'portal', channel: 'school_social_media', media: 'photo' }]);
    expect(child).toMatch(/\(groep /);

    // English, and the choice is shown as saved after a reload.
    await page.reload();
    await expect.poll(() => page.locator('#consent-form').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.locator('h1').innerText()).toBe('Consent for photos, film and sound');
    expect(await page.locator('section.child').first().getByRole('group', { name: "The school's social media: Photos" }).getByLabel(wasYes ? 'No' : 'Yes').isChecked()).toBe(true);
    expect(await axeViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: 'docs/screenshots/toestemming-desktop.png', fullPage: false });
  });

  it('says so when the link is incomplete or unknown', async () => {
    await page.goto(`${server.url}/toestemming`);
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/niet compleet/);
    await page.goto(`${server.url}/toestemming#token=pwc_made-up`);
    await expect.poll(() => page.locator('#status').innerText()).toMatch(/onbekend of niet meer geldig/);
  });
});
