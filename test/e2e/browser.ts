/** Shared helpers of the browser tests: Debian's Chromium, the server, logging in, and axe scans. */
import { existsSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect } from 'vitest';

export const CHROMIUM = '/usr/bin/chromium';
export const DEMO_PASSWORD = 'Demo-2026!';

/**
 * `describe` when Chromium is installed. Without it the suite is skipped with a visible message,
 * except in CI, where a missing browser fails the run instead of passing it silently.
 */
export function describeBrowser(name: string, body: (env: BrowserEnv) => void) {
  const env = {} as BrowserEnv;
  const suite = () => {
    beforeAll(async () => {
      [env.server, env.browser] = await Promise.all([startServer(), launchBrowser()]);
    });
    afterAll(async () => {
      await env.browser?.close();
      await env.server?.close();
    });
    body(env);
  };
  if (existsSync(CHROMIUM)) return describe(name, suite);
  const message = `browser tests skipped: ${CHROMIUM} not installed (apt-get install chromium fonts-noto-cjk)`;
  if (process.env.CI) throw new Error(message);
  console.warn(`\n*** ${message} ***\n`);
  return describe.skip(name, suite);
}

/** The server and the browser a suite shares; set before its first test. */
export interface BrowserEnv {
  server: TestServer;
  browser: Browser;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** The real server on a fresh database with demo data; E2E_BASE_URL points the tests at one already running. */
export async function startServer(): Promise<TestServer> {
  const external = process.env.E2E_BASE_URL;
  if (external) return { url: external.replace(/\/$/, ''), close: async () => undefined };
  const { startTestServer } = await import('../support/server.ts');
  return startTestServer();
}

/**
 * A fresh context (cookies, localStorage) and page; the base URL lets tests use paths. Reduced
 * motion turns antd's animations off, so that a scan never sees a popup half closed.
 */
export async function openPage(
  browser: Browser,
  baseURL: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce', ...options });
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
  return { context, page };
}

/** Logs in through the login page, which one reaches by asking for a staff page first. */
export async function logIn(page: Page, path: string, username: string, password = DEMO_PASSWORD) {
  await page.goto(path);
  await page.waitForURL(/\/login$/);
  await page.getByLabel(/用户名|User name/).fill(username);
  await page.getByLabel(/^(密码|Password)$/).fill(password);
  await page.getByRole('button', { name: /^(登\s*录|Log in)$/ }).click();
  await page.waitForURL((url) => url.pathname === path);
}

/** Fails with the list of every serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page, label: string) {
  const { violations } = await new AxeBuilder({ page }).analyze();
  const grave = violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = grave.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
  );
  expect(report, `axe violations on ${label}`).toEqual([]);
}
