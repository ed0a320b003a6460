/// <reference lib="dom" />
// What every browser test starts with: the real server with the demo seed in a fresh data folder,
// Debian's Chromium, the built web app pinned for the run, a screenshot folder, and (when asked) an
// SMTP server on loopback that receives the e-mails. One `startE2e()` in `beforeAll`, one
// `close()` in `afterAll`.
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import type { RunningServer } from '../../src/server/start.ts';
import { startServer } from '../../src/server/start.ts';
import type { TestSmtp } from '../support/smtp.ts';
import { startSmtp } from '../support/smtp.ts';
import { axeViolations, launchChromium, signInAs } from './browser.ts';

export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1280, height: 900 };
export const SHOTS = 'docs/screenshots';

export interface E2e {
  server: RunningServer;
  browser: Browser;
  /** The demo school (BRIN 99AA). */
  schoolId: string;
  /** Present when started with `{ mail: true }`. */
  smtp: TestSmtp | undefined;
  query<T>(sql: string, params?: unknown[]): Promise<T[]>;
  /** A browser context (Dutch, Amsterdam time) that gets the web app as it was at the start. */
  context(viewport?: { width: number; height: number }, options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A new context and page, signed in as a demo account (second factor included), at the demo school. */
  signedIn(email: string, viewport?: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

export async function startE2e(name: string, opts: { mail?: boolean } = {}): Promise<E2e> {
  if (!existsSync('dist/web/index.html')) throw new Error('the web app is not built: run `node scripts/build.mjs` first');
  const dataDir = mkdtempSync(join(tmpdir(), `pw-e2e-${name}-`));
  // A copy of the built app: a build during the run (another suite) cannot change it under the test.
  const webCopy = join(dataDir, 'web');
  cpSync('dist/web', webCopy, { recursive: true });
  const index = readFileSync(join(webCopy, 'index.html'), 'utf8');
  const smtp = opts.mail ? await startSmtp() : undefined;
  const server = await startServer({ port: 0, host: '127.0.0.1', logger: false, handleSignals: false, dataDir, print: false, ...(smtp ? { mail: { smtpUrl: smtp.url, sweepIntervalMs: 250 } } : {}) });
  const browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
  const query = <T>(sql: string, params: unknown[] = []) => server.database.query<T>(sql, params);
  const [school] = await query<{ id: string }>(`select id from schools where brin = '99AA'`);
  const schoolId = school!.id;

  const context = async (viewport = DESKTOP, options: BrowserContextOptions = {}): Promise<BrowserContext> => {
    const ctx = await browser.newContext({ viewport, locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', ...options });
    await ctx.route(`${server.url}/assets/**`, (route) => route.fulfill({ path: join(webCopy, new URL(route.request().url()).pathname) }));
    await ctx.route(
      (url) => url.origin === server.url && !url.pathname.startsWith('/api/') && !url.pathname.startsWith('/assets/'),
      async (route) => {
        if (route.request().resourceType() !== 'document') return route.continue();
        const response = await route.fetch();
        const body = await response.text();
        // The app's own page gets the pinned copy; the server's other pages (the demo, the consent
        // link's page) pass as they are.
        const isApp = response.headers()['content-type']?.startsWith('text/html') && body.includes('<div id="root"></div>') && body.includes('/assets/index-');
        return route.fulfill({ response, body: isApp ? index : body });
      },
    );
    return ctx;
  };

  const signedIn = async (email: string, viewport = DESKTOP) => {
    const ctx = await context(viewport);
    const page = await ctx.newPage();
    await signInAs(page, server.url, email);
    const picker = page.getByLabel('School', { exact: true });
    if (await picker.count()) await picker.selectOption(schoolId);
    return { context: ctx, page };
  };

  const close = async () => {
    await browser.close();
    await server.close();
    await smtp?.close();
    rmSync(dataDir, { recursive: true, force: true });
  };

  return { server, browser, schoolId, smtp, query, context, signedIn, close };
}

/**
 * Screenshots of a page: the whole page on a desktop (`<base>-desktop.png`) and the first screen
 * on a phone (`<base>-<phoneSuffix>.png`, or the whole page with `fullPhone`), where the page must
 * not scroll sideways; with `axe`, the phone layout is checked for WCAG 2.1 AA too.
 */
export async function shoot(page: Page, base: string, opts: { phoneSuffix?: string; fullPhone?: boolean; axe?: boolean } = {}): Promise<void> {
  await page.setViewportSize(DESKTOP);
  await page.screenshot({ path: `${SHOTS}/${base}-desktop.png`, fullPage: true });
  await page.setViewportSize(PHONE);
  await page.evaluate(() => window.scrollTo(0, 0));
  if (opts.axe && (await axeViolations(page)).length) throw new Error(`axe found WCAG problems on ${base} (phone): ${JSON.stringify(await axeViolations(page))}`);
  await page.screenshot({ path: `${SHOTS}/${base}-${opts.phoneSuffix ?? 'telefoon'}.png`, fullPage: opts.fullPhone ?? false });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  if (width > PHONE.width) throw new Error(`${base} scrolls sideways on a phone (${width} px wide)`);
  await page.setViewportSize(DESKTOP);
}
