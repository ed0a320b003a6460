/// <reference lib="dom" />
// Shared by the browser tests: Debian's Chromium through playwright-core (no browser download),
// and axe-core's WCAG 2.1 A/AA check of the page as it is.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { totpCode } from '../../src/modules/auth/totp.ts';
import { DEMO_PASSWORD } from '../../src/modules/demo/accounts.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
}

export async function axeViolations(p: Page): Promise<{ id: string; nodes: number }[]> {
  // Evaluated through the debugging protocol: the pages' Content-Security-Policy forbids inline scripts.
  await p.evaluate(axeSource);
  return p.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.length }));
  });
}

/**
 * Opens a page through the main menu as a person would: when the link sits in a closed group, the
 * group's button is pressed first. Only links the menu really holds are found.
 */
export async function openFromMenu(p: Page, name: string | RegExp, exact = true): Promise<void> {
  const nav = p.getByRole('navigation');
  const link = nav.getByRole('link', { name, exact, includeHidden: true });
  if (!(await link.isVisible())) {
    const listId = await link.locator('xpath=ancestor::ul[1]').getAttribute('id');
    await nav.locator(`button[aria-controls="${listId}"]`).click();
  }
  await link.click();
}

/** How many menu links have this name, whether their group is open or not. */
export function menuLinkCount(p: Page, name: string | RegExp, exact = true): Promise<number> {
  return p.getByRole('navigation').getByRole('link', { name, exact, includeHidden: true }).count();
}

/**
 * Signs in through the sign-in page with the demo password. Board, HR and the FG set up their
 * second factor at the first sign-in: the key is on the page, and the code is made from it.
 */
export async function signInAs(page: Page, baseUrl: string, email: string): Promise<void> {
  await page.goto(`${baseUrl}/aanmelden`);
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Aanmelden' }).click();
  await page.getByRole('heading', { level: 1, name: /^(Welkom|Code uit je app)/ }).waitFor({ timeout: 30_000 });
  if ((await page.locator('h1').innerText()).startsWith('Code')) {
    const key = (await page.locator('.secret code').innerText()).replace(/\s+/g, '');
    await page.getByLabel('Code').fill(totpCode(key, Date.now()));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByRole('heading', { level: 1, name: /^Welkom/ }).waitFor();
  }
}
