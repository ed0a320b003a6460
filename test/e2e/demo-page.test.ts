/// <reference lib="dom" />
// Browser test of the demo page: Playwright (playwright-core) drives Debian's Chromium against
// the real server on loopback; axe-core checks WCAG 2.1 AA.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/server/start.ts';
import { axeViolations } from './browser.ts';
import type { E2e } from './harness.ts';
import { startE2e } from './harness.ts';

let e2e: E2e;
let server: RunningServer;
let page: Page;

beforeAll(async () => {
  e2e = await startE2e('demo-page');
  ({ server } = e2e);
  page = await (await e2e.context({ width: 390, height: 844 })).newPage();
});

afterAll(async () => e2e?.close());

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
