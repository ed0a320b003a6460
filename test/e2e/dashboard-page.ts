/// <reference lib="dom" />
// Reading the dashboard page as a person would: a chart's card by its heading, and the numbers
// from the table each chart offers (used by the dashboard's own test and by the incident flow).
import type { Locator, Page } from 'playwright-core';
import { openFromMenu } from './browser.ts';

export const card = (page: Page, title: string): Locator => page.locator('section.db-card', { has: page.getByRole('heading', { name: title, level: 2 }) });

/** Opens the dashboard from the menu and waits for the month chart. */
export async function openDashboard(page: Page): Promise<void> {
  await openFromMenu(page, 'Dashboard');
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
  await card(page, 'Meldingen per maand').locator('svg[role=img]').waitFor();
}

/** This month's "Gemeld" in the months table (its last row). */
export async function reportedThisMonth(page: Page): Promise<number> {
  const months = card(page, 'Meldingen per maand');
  const toggle = months.getByRole('button', { name: 'Toon de cijfers als tabel' });
  if (await toggle.count()) await toggle.click();
  const last = months.locator('table tbody tr').last();
  return Number(await last.locator('td').first().innerText());
}

/** The number in a category's row of the category table. */
export async function categoryCount(page: Page, name: string): Promise<number> {
  const categories = card(page, 'Meldingen per soort');
  const toggle = categories.getByRole('button', { name: 'Toon de cijfers als tabel' });
  if (await toggle.count()) await toggle.click();
  return Number(await categories.locator('tr', { hasText: name }).locator('td').innerText());
}
