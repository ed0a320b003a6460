/// <reference lib="dom" />
// Browser test of the demo page: Playwright (playwright-core) drives Debian's Chromium against
// the real server on loopback; axe-core checks WCAG 2.1 AA.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start.ts';
import { startServer } from '../../src/server/start.ts';
import { axeViolations, launchChromium } from './browser.ts';

let server: RunningServer;
let browser: Browser;
let page: Page;
const dataDir = mkdtempSync(join(tmpdir(), 'pw-e2e-'));

beforeAll(async () => {
  server = await startServer({ port: 0, host: '127.0.0.1', logger: false, handleSignals: false, dataDir, print: false });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 390, height: 844 } });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('demo page', () => {
  it('checks a pasted post, highlights the spans and applies the fixes', async () => {
    await page.goto(`${server.url}/demo`);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByLabel('Je bericht').fill('Yusuf Demir uit groep 5b won de rekenquiz! Bel 06-12345678.');
    await page.getByRole('button', { name: 'Controleer' }).click();
    await expect.poll(() => page.locator('#verdict').innerText()).toMatch(/Mag geplaatst worden, na de verbeteringen/);
    const marks = await page.locator('#preview mark').allInnerTexts();
    expect(marks.join(' ')).toContain('Yusuf Demir uit groep 5b');
    expect(marks.join(' ')).toContain('06-12345678');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Pas alle verbeteringen toe' }).click();
    await expect.poll(() => page.getByLabel('Je bericht').inputValue()).toBe('Yusuf won de rekenquiz! Bel [verwijderd].');
  });

  it('is usable with the keyboard alone', async () => {
    await page.goto(`${server.url}/demo`);
    await page.getByLabel('Je bericht').focus();
    await page.keyboard.type('Sanne heeft autisme, dus het schoolfeest is lastig.');
    // Tab to the check button and press Enter.
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const name = await page.evaluate(() => document.activeElement?.textContent ?? '');
      if (name.trim() === 'Controleer') break;
    }
    await page.keyboard.press('Enter');
    await expect.poll(() => page.locator('#verdict').innerText()).toMatch(/Mag niet geplaatst worden/);
  });
});
