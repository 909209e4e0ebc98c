/**
 * What every browser test shares: Debian's Chromium (playwright-core downloads no browser),
 * launched headless the same way, and what a failing test leaves behind for whoever debugs it.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { ROOT, type ServerProcess } from './server-process.ts';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Whether the browser tests can run; in CI (.ci/run installs it) a missing browser is an error. */
export const chromiumAvailable = existsSync(CHROMIUM);
if (!chromiumAvailable && process.env.CI) {
  throw new Error(`${CHROMIUM} is missing: .ci/run installs it with apt-get`);
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/**
 * Where the browser tests' pictures of the screens go: docs/screenshots/ when asked to refresh
 * them (`UPDATE_SCREENSHOTS=1 npx vitest run test/e2e`), else nowhere. No test looks at them: a
 * picture nobody keeps would cost a paint and a PNG encoding on a busy machine for nothing.
 */
export const SCREENSHOTS: string | null =
  process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs', 'screenshots') : null;

/** Saves `page` as docs/screenshots/<name>.png when refreshing them, with no hover tooltip in it. */
export async function screenshot(page: Page, name: string, fullPage = false): Promise<void> {
  if (SCREENSHOTS === null) return;
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.mouse.move(0, 0);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage });
}

/** The window sizes the screenshots and layout checks use. */
export const DESK = { width: 1366, height: 900 };
export const PHONE = { width: 390, height: 844 };

/**
 * The browser of a test file: one context, whose cache keeps the dashboard's scripts (hashed,
 * immutable) from one test to the next, so that a test's new tab does not fetch and compile them
 * again from a server busy with the test.
 */
export function newDashboardContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: DESK, locale: 'en-GB' });
}

/**
 * A new tab in `context`, signed in to `server` with its admin key (or `key`), showing `path`
 * once the role is on screen. Each test that starts from a signed-in dashboard opens one, so
 * that it depends on no earlier test's navigation; the sign-in is the tab's own (sessionStorage),
 * and what an earlier test left in localStorage (language, theme, saved views) is cleared first.
 */
export async function signedInPage(
  context: BrowserContext,
  server: Pick<ServerProcess, 'url' | 'adminKey'>,
  options: { path?: string; key?: string; viewport?: { width: number; height: number } } = {},
): Promise<Page> {
  const apiKey = options.key ?? server.adminKey;
  // The session the sign-in form would store, asked of the server as the form does; the form
  // itself is tested by the tests that sign in by hand.
  const res = await fetch(`${server.url}/v1/session`, { headers: { authorization: `Bearer ${apiKey}` } });
  if (!res.ok) throw new Error(`GET /v1/session answered ${res.status} for the test's key`);
  const who = (await res.json()) as Record<string, unknown>;
  const page = await context.newPage();
  if (options.viewport) await page.setViewportSize(options.viewport);
  // Before the dashboard's first script, once per tab (sessionStorage outlives navigations):
  // what an earlier test left in localStorage is cleared and the session is stored.
  await page.addInitScript(
    ({ session, flag }) => {
      if (sessionStorage.getItem(flag)) return;
      localStorage.clear();
      sessionStorage.setItem('stockroom.session', session);
      sessionStorage.setItem(flag, '1');
    },
    {
      session: JSON.stringify({ apiKey, ...who }),
      flag: 'stockroom.test.prepared',
    },
  );
  await page.goto(server.url + (options.path ?? '/'));
  await page.getByTestId('role').waitFor();
  return page;
}

/**
 * For `afterEach`: when the test failed, a picture of the page next to `dataDir` and the end of
 * the server's output on stderr.
 */
export async function keepFailure(
  state: string | undefined,
  page: Page | undefined,
  server: ServerProcess | undefined,
  dataDir: string,
  name: string,
): Promise<void> {
  if (state !== 'fail' || !page) return;
  await page.screenshot({ path: join(dataDir, '..', `${name}-failure-${Date.now()}.png`) }).catch(() => {});
  console.error(`e2e failure at ${page.url()}; server output:\n${server?.output().slice(-4000)}`);
}
