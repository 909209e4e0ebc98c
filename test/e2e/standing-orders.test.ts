/**
 * The standing-orders screen, the missed-delivery alert and the Reports filters by category and
 * product, end to end in headless Chromium against the real server (`stockroom serve`) on a
 * PGlite folder seeded beforehand through the API with a clock five days back: so a standing
 * order's first delivery, three days ago, has passed unreserved when the server starts. At the
 * desk and at 390 px, in English and Simplified Chinese, with no serious or critical axe-core
 * violation. Screenshots go to docs/screenshots/ with UPDATE_SCREENSHOTS=1, else none is taken.
 * Each test opens a tab of its own, signed in afresh, and makes the standing order it
 * acts on if an earlier test has not.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { createContext } from '../../src/app/create-context.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openTestPglite } from '../helpers/pglite.ts';
import { buildServer } from '../../src/http/server.ts';
import { axeViolations } from '../helpers/axe.ts';
import { seededDataDir } from '../helpers/backends.ts';
import {
  chromiumAvailable,
  DESK,
  keepFailure,
  launchChromium,
  PHONE,
  newDashboardContext,
  screenshot,
  signedInPage,
} from '../helpers/browser.ts';
import { startServer, tempDir, type ServerProcess } from '../helpers/server-process.ts';

const DAY = 86_400_000;
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);

/** A catalogue with stock, and a fortnightly standing order whose first day is three days ago. */
async function seed(dataDir: string): Promise<void> {
  const db = await openTestPglite(dataDir);
  await migrate(db);
  const ctx = createContext(db, { clock: () => new Date(Date.now() - 5 * DAY) });
  const app = await buildServer(ctx);
  const { key } = await createApiKey(ctx, { name: 'seed', role: 'admin' });
  const call = async (method: 'PUT' | 'POST', url: string, payload: object) => {
    const r = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${key}` } });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  };
  try {
    await call('PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk' });
    await call('PUT', '/v1/channels/web', { name: 'Web shop' });
    await call('PUT', '/v1/categories/home', { name: 'Home' });
    await call('PUT', '/v1/categories/kitchen', { name: 'Kitchen', parent: 'home' });
    await call('PUT', '/v1/products/mug', { name: 'Mug', options: ['colour'], categories: ['kitchen'] });
    await call('PUT', '/v1/skus/MUG', {
      name: 'Mug',
      price: 8,
      unitCost: 3,
      product: 'mug',
      options: { colour: 'white' },
    });
    await call('PUT', '/v1/skus/TEE', { name: 'Tee', price: 12, unitCost: 5 });
    await call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 20 },
        { sku: 'TEE', qty: 1 },
      ],
    });
    // Sales (shipments) of a mug and of the one tee, for the report filtered by category and product.
    await call('POST', '/v1/orders', { orderId: 'web-1', lines: [{ sku: 'MUG', qty: 3 }], channel: 'web' });
    await call('POST', '/v1/orders/web-1/shipments', {});
    await call('POST', '/v1/orders', { orderId: 'web-2', lines: [{ sku: 'TEE', qty: 1 }], channel: 'web' });
    await call('POST', '/v1/orders/web-2/shipments', {});
    // Two tees every fortnight: there is no tee left, so its first delivery is missed.
    await call('PUT', '/v1/standing-orders/fortnightly-1', {
      customer: 'C-7',
      warehouse: 'LON',
      lines: [{ sku: 'TEE', qty: 2 }],
      schedule: { startsOn: day(-3), everyDays: 14 },
      reserveDaysAhead: 1,
    });
  } finally {
    await app.close();
    await db.close();
  }
}

describe.skipIf(!chromiumAvailable)(
  'standing orders, their missed-delivery alert and report filters in headless Chromium',
  () => {
    let server: ServerProcess;
    let browser: Browser;
    let context: BrowserContext;
    /** The tab of the test running: each test opens its own (`signIn`), closed after it. */
    let page: Page;
    const data = tempDir('stockroom-e2e-standing-');

    beforeAll(async () => {
      // The dashboard was built once for the run by the global setup (test/helpers/global-setup.ts).
      await seed(seededDataDir(data.path));
      server = await startServer({
        data: { dataDir: data.path },
        readyTimeoutMs: 300_000,
        // The loop every second instead of every 30: the tests wait for what it reserves.
        env: { STOCKROOM_STANDING_ORDER_INTERVAL: '1s' },
      });
      browser = await launchChromium();
      context = await newDashboardContext(browser);
    }, 600_000);

    afterEach(async (ctx) => {
      await keepFailure(ctx.task.result?.state, page, server, data.path, 'stockroom-e2e-standing');
      await page?.close();
    });

    afterAll(async () => {
      await browser?.close();
      await server?.stop();
      data.remove();
    });

    const shot = (name: string) => screenshot(page, name);
    const dialog = () => page.locator('dialog[open]');
    const confirm = async () => {
      await dialog().getByRole('button', { name: 'Confirm' }).click();
      await dialog().waitFor({ state: 'detached' });
    };
    const eventually = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
      expect.poll(fn, { timeout: 20_000, interval: 200, ...options });
    const api = async (path: string) => {
      const r = await server.call('GET', path);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };
    const nav = () => page.getByRole('navigation', { name: 'Main' });
    const overflowX = () =>
      page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    /** A new tab, signed in with the admin key, at `path`. */
    const signIn = async (path = '/') => {
      page = await signedInPage(context, server, { path });
    };
    const WEEKLY = {
      customer: 'C-42',
      warehouse: 'LON',
      channel: 'web',
      lines: [{ sku: 'MUG', qty: 2 }],
      schedule: { startsOn: day(2), everyDays: 7 },
      reserveDaysAhead: 3,
    };
    /**
     * weekly-1, as the dialog makes it in the second test (made through the API when that test
     * did not run), and its first delivery reserved by the server's loop.
     */
    const weekly = async () => {
      if ((await server.call('GET', '/v1/standing-orders/weekly-1')).status === 404) {
        const made = await server.call('PUT', '/v1/standing-orders/weekly-1', WEEKLY);
        expect(made.status, JSON.stringify(made.body)).toBeLessThan(300);
      }
      await eventually(async () => (await server.call('GET', `/v1/orders/so:weekly-1:${day(2)}`)).status, {
        timeout: 90_000,
      }).toBe(200);
    };

    it('signs in and lists the standing orders', async () => {
      page = await browser.newPage({ viewport: DESK, locale: 'en-GB' });
      await page.goto(server.url + '/');
      await page.getByLabel('API key').fill(server.adminKey);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await nav().getByRole('link', { name: 'Standing orders' }).click();
      const row = page.getByTestId('standing-order-fortnightly-1');
      await row.waitFor();
      expect(await row.textContent()).toContain('2 × TEE');
    }, 60_000);

    it('creates one through the dialog, and sees its first delivery reserved by the loop', async () => {
      await signIn('/standing-orders');
      await page.getByTestId('new-standing-order').click();
      await dialog().getByLabel('Code').fill('weekly-1');
      await dialog().getByLabel("Customer's reference").fill('C-42');
      await dialog().getByLabel('Warehouse').selectOption('LON');
      await dialog().getByLabel('Channel (optional)').selectOption('web');
      await dialog().getByLabel('First delivery').fill(day(2));
      await dialog().getByLabel('Every (days)').fill('7');
      await dialog().getByLabel('Reserve days ahead').fill('3');
      // A SKU twice is refused before anything is sent.
      await dialog().getByLabel('Lines').fill('MUG=2\nMUG=1');
      expect(await dialog().getByTestId('standing-order-problem').textContent()).toContain('each SKU once');
      await dialog().getByLabel('Lines').fill('MUG=2');
      await dialog().getByRole('button', { name: 'Review' }).click();
      expect(await dialog().getByTestId('confirm-text').textContent()).toMatch(
        /^Create standing order weekly-1 for customer C-42: 2 × MUG from LON every 7 days from .+, each delivery reserved 3 days before its day\.$/,
      );
      await confirm();
      await page.getByTestId('standing-order-weekly-1').getByRole('link', { name: 'weekly-1' }).click();
      await page.getByTestId('standing-order-next').waitFor();
      // Its reservation day has come: the loop (every second here) places the delivery's order.
      await eventually(
        async () => {
          await page.reload();
          return page.getByTestId('standing-order-reserved').textContent({ timeout: 10_000 });
        },
        { timeout: 90_000 },
      ).toMatch(/^1,/);
      const deliveries = page.getByTestId('standing-order-deliveries');
      expect(await deliveries.textContent()).toContain(`so:weekly-1:${day(2)}`);
      expect(await deliveries.textContent()).toContain('reserved');
      const order = await api(`/v1/orders/so:weekly-1:${day(2)}`);
      expect(order).toMatchObject({ status: 'reserved', channel: 'web' });
      expect(await page.getByTestId('standing-order-upcoming').textContent()).toContain(
        `so:weekly-1:${day(9)}`,
      );
      expect(await axeViolations(page)).toEqual([]);
      await shot('standing-order');
    }, 150_000);

    it('pauses and resumes it', async () => {
      await weekly();
      await signIn('/standing-orders/weekly-1');
      await page.getByTestId('pause-standing-order').click();
      expect(await dialog().getByTestId('confirm-text').textContent()).toContain('Pause weekly-1');
      await confirm();
      await eventually(() => page.getByTestId('standing-order-status').textContent()).toBe('paused');
      expect((await api('/v1/standing-orders/weekly-1')).status).toBe('paused');
      await page.getByTestId('resume-standing-order').click();
      await confirm();
      await eventually(() => page.getByTestId('standing-order-status').textContent()).toBe('active');
    });

    it('shows the list at 390 px and in Chinese, without sideways scrolling or axe violations', async () => {
      await weekly();
      await signIn('/standing-orders');
      await page.getByTestId('standing-orders-table').waitFor();
      await shot('standing-orders');
      await page.setViewportSize(PHONE);
      await page.getByTestId('standing-orders-table').waitFor();
      expect(await overflowX()).toBe(0);
      expect(await axeViolations(page)).toEqual([]);
      await shot('phone-standing-orders');
      await page.getByTestId('language').selectOption('zh-CN');
      await page.getByRole('heading', { name: '定期订单' }).waitFor();
      expect(await page.getByTestId('standing-order-weekly-1').textContent()).toContain('进行中');
      expect(await axeViolations(page)).toEqual([]);
      await shot('zh-phone-standing-orders');
      await page.getByTestId('language').selectOption('en');
      await page.setViewportSize(DESK);
    });

    it('cancels it for good: the reserved delivery is released', async () => {
      await weekly();
      await signIn('/standing-orders');
      await page.getByTestId('standing-order-weekly-1').getByRole('link', { name: 'weekly-1' }).click();
      await page.getByTestId('cancel-standing-order').click();
      await confirm();
      await eventually(() => page.getByTestId('standing-order-status').textContent()).toBe('cancelled');
      expect((await api(`/v1/orders/so:weekly-1:${day(2)}`)).status).toBe('released');
      expect(await page.getByTestId('pause-standing-order').count()).toBe(0);
    });

    it('alerts that the fortnightly delivery was missed', async () => {
      await signIn();
      await nav().getByRole('link', { name: 'Alerts' }).click();
      await page.getByTestId('alert-status-filter').selectOption('open');
      const table = page.getByTestId('alerts-table');
      const row = table.locator('tr', { hasText: 'standing order delivery missed' });
      await eventually(() => row.count(), { timeout: 90_000 }).toBeGreaterThan(0);
      const text = await row.first().textContent();
      expect(text).toContain('Standing order fortnightly-1 (customer C-7) missed its delivery of');
      expect(text).toContain(day(-3));
      expect(text).toContain('stock is short now for 1 of its SKUs');
      await shot('standing-order-missed-alert');
    }, 120_000);

    it('filters a report by category and product, kept in the address bar', async () => {
      await signIn();
      await nav().getByRole('link', { name: 'Reports' }).click();
      await page.getByTestId('reports-page').waitFor();
      await page.getByRole('navigation', { name: 'Reports' }).getByRole('link', { name: 'Sales' }).click();
      await page.getByLabel('From', { exact: true }).fill(day(-7));
      await page.getByLabel('Category').selectOption('home');
      await page.getByLabel('Product').selectOption('mug');
      await eventually(() => page.url()).toContain('category=home');
      expect(page.url()).toContain('product=mug');
      const all = await api(`/v1/insights/sales?from=${day(-7)}`);
      expect(all.rows.map((r: { key: string }) => r.key).sort()).toEqual(['MUG', 'TEE']);
      const sales = await api(`/v1/insights/sales?from=${day(-7)}&category=home&product=mug`);
      expect(sales.rows.map((r: { key: string }) => r.key)).toEqual(['MUG']);
      await eventually(() => page.getByTestId('report-table').locator('tbody tr').count()).toBe(1);
      expect(await page.getByTestId('report-table').textContent()).toContain('MUG');
      // The address bar alone brings the filters back.
      await page.goto(page.url());
      await eventually(() => page.getByLabel('Category').inputValue()).toBe('home');
      await eventually(() => page.getByLabel('Product').inputValue()).toBe('mug');
      await shot('reports-filters');
    });
  },
);
