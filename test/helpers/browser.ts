/**
 * What every browser test shares: Debian's Chromium (playwright-core downloads no browser),
 * launched headless the same way, and what a failing test leaves behind for whoever debugs it.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { ServerProcess } from './server-process.ts';

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
