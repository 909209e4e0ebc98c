/**
 * The catalogue screens and the contingency alerts end to end, in headless Chromium against the
 * real server (`stockroom serve`) on a PGlite folder seeded beforehand through the API with a
 * clock 40 days back: so its stock is old enough to age, a purchase order is late, and a
 * warehouse is near its capacity by volume when the server's first alert sweep runs.
 * Screenshots go to docs/screenshots/ with UPDATE_SCREENSHOTS=1, else none is taken.
 * Each test opens a tab of its own, signed in afresh, at the screen it starts from.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { createContext } from '../../src/app/create-context.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openTestPglite } from '../helpers/pglite.ts';
import { buildServer } from '../../src/http/server.ts';
import { seededDataDir } from '../helpers/backends.ts';
import {
  chromiumAvailable,
  DESK,
  keepFailure,
  launchChromium,
  newDashboardContext,
  screenshot,
  signedInPage,
} from '../helpers/browser.ts';
import { startServer, tempDir, type ServerProcess } from '../helpers/server-process.ts';

const DAY = 86_400_000;

/** The catalogue and the facts behind three contingency alerts, written 40 days ago. */
async function seed(dataDir: string): Promise<void> {
  const db = await openTestPglite(dataDir);
  await migrate(db);
  const past = Date.now() - 40 * DAY;
  const ctx = createContext(db, { clock: () => new Date(past) });
  const app = await buildServer(ctx);
  const { key } = await createApiKey(ctx, { name: 'seed', role: 'admin' });
  const call = async (method: 'PUT' | 'POST' | 'PATCH', url: string, payload: object) => {
    const r = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${key}` } });
    if (r.statusCode >= 300) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  };
  try {
    // LON holds 90 litres at most and flags stock older than 30 days.
    await call('PUT', '/v1/warehouses/LON', {
      name: 'London',
      region: 'uk',
      capacityLitres: 90,
      ageingAlertDays: 30,
    });
    await call('PUT', '/v1/warehouses/AMS', { name: 'Amsterdam', region: 'eu' });
    await call('PUT', '/v1/channels/web', { name: 'Web shop' });
    await call('PUT', '/v1/categories/home', { name: 'Home' });
    await call('PUT', '/v1/categories/kitchen', { name: 'Kitchen', parent: 'home' });
    await call('PUT', '/v1/categories/apparel', { name: 'Apparel' });
    await call('PUT', '/v1/categories/sale', { name: 'Sale' });
    await call('PUT', '/v1/products/tee', { name: 'Tee', options: ['size'], categories: ['apparel'] });
    for (const [sku, name, size] of [
      ['TEE-S', 'Tee small', 'S'],
      ['TEE-M', 'Tee medium', 'M'],
    ] as const) {
      await call('PUT', `/v1/skus/${sku}`, {
        name,
        price: 12,
        unitCost: 5,
        product: 'tee',
        options: { size },
        volumeLitres: 0.4,
      });
    }
    await call('PUT', '/v1/skus/MUG', {
      name: 'Mug',
      price: 8,
      unitCost: 3,
      categories: ['kitchen'],
      volumeLitres: 0.5,
    });
    // 150 mugs (75 l) and 20 tees (8 l): 83 of 90 litres, over 90%.
    await call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 150 },
        { sku: 'TEE-S', qty: 10 },
        { sku: 'TEE-M', qty: 10 },
      ],
    });
    await call('PUT', '/v1/suppliers/ACME', {
      name: 'Acme',
      leadTimeDays: 5,
      serviceLevel: 0.95,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 1,
    });
    // Expected three days ago: late, and AMS has no mug to cover it.
    await call('POST', '/v1/purchase-orders', {
      supplier: 'ACME',
      warehouse: 'AMS',
      expectedAt: new Date(Date.now() - 3 * DAY).toISOString(),
      lines: [{ sku: 'MUG', qty: 24 }],
    });
  } finally {
    await app.close();
    await db.close();
  }
}

describe.skipIf(!chromiumAvailable)('catalogue screens and contingency alerts in headless Chromium', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  /** The tab of the test running: each test opens its own (`signIn`), closed after it. */
  let page: Page;
  const data = tempDir('stockroom-e2e-catalogue-');

  beforeAll(async () => {
    // The dashboard was built once for the run by the global setup (test/helpers/global-setup.ts).
    await seed(seededDataDir(data.path));
    server = await startServer({ data: { dataDir: data.path }, readyTimeoutMs: 300_000 });
    browser = await launchChromium();
    context = await newDashboardContext(browser);
  }, 600_000);

  afterEach(async (ctx) => {
    await keepFailure(ctx.task.result?.state, page, server, data.path, 'stockroom-e2e-catalogue');
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    data.remove();
  });

  const shot = (name: string) => screenshot(page, name);
  const dialog = () => page.locator('dialog[open]');
  const review = () => dialog().getByRole('button', { name: 'Review' }).click();
  const confirm = async () => {
    await dialog().getByRole('button', { name: 'Confirm' }).click();
    await dialog().waitFor({ state: 'detached' });
  };
  const eventually = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
    expect.poll(fn, { timeout: 20_000, interval: 100, ...options });
  const api = async (path: string) => {
    const r = await server.call('GET', path);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  /** A new tab, signed in with the admin key, at `path`. */
  const signIn = async (path: string) => {
    page = await signedInPage(context, server, { path });
  };

  it('signs in and opens the catalogue', async () => {
    page = await browser.newPage({ viewport: DESK, locale: 'en-GB' });
    await page.goto(server.url + '/');
    await page.getByLabel('API key').fill(server.adminKey);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Catalogue' }).click();
    await page.getByTestId('category-tree').waitFor();
  }, 60_000);

  it('creates, renames and moves categories in the tree', async () => {
    await signIn('/catalogue');
    await page.getByTestId('new-category').click();
    await dialog().getByLabel('Code').fill('mugs');
    await dialog().getByLabel('Name').fill('Mugs');
    await dialog().getByLabel('Parent').selectOption('kitchen');
    await review();
    expect(await dialog().getByTestId('confirm-text').textContent()).toBe(
      'Create category mugs "Mugs" under kitchen.',
    );
    await confirm();
    await page.getByTestId('category-mugs').waitFor();
    expect(await page.getByTestId('category-mugs').textContent()).toContain('home › kitchen › mugs');

    await page.getByTestId('rename-kitchen').click();
    await dialog().getByLabel('Name').fill('Kitchen and dining');
    await review();
    await confirm();
    await eventually(() => page.getByTestId('category-kitchen').textContent()).toContain(
      'Kitchen and dining',
    );

    // Move kitchen (and mugs under it) out of home: it may not go under itself or mugs.
    await page.getByTestId('move-kitchen').click();
    const options = await dialog().getByLabel('New parent').locator('option').allTextContents();
    expect(options.map((o) => o.trim())).toEqual(['None (a root)', 'Apparel', 'Home', 'Sale']);
    await dialog().getByLabel('New parent').selectOption('');
    await review();
    await confirm();
    await eventually(() => page.getByTestId('category-mugs').textContent()).not.toContain('home');
    const tree = (await api('/v1/categories')).items as { code: string; path: string[]; name: string }[];
    expect(tree.find((c) => c.code === 'mugs')?.path).toEqual(['kitchen', 'mugs']);
    expect(tree.find((c) => c.code === 'kitchen')?.name).toBe('Kitchen and dining');
    await shot('catalogue-categories');
  });

  it('edits price, cost, category and attributes of chosen SKUs at once', async () => {
    await signIn('/catalogue');
    await page.getByTestId('catalogue-tabs').getByRole('link', { name: 'Bulk edit' }).click();
    // The tees are in apparel through their product.
    await page.getByTestId('bulk-category-filter').selectOption('apparel');
    await eventually(() => page.getByTestId('bulk-table').locator('tbody tr').count()).toBe(2);
    await eventually(() => page.url()).toContain('category=apparel');
    await page.getByTestId('bulk-select-all').check();
    await page.getByTestId('bulk-edit').click();
    await dialog().getByLabel('Price').fill('15');
    await dialog().getByLabel('Unit cost').fill('6.5');
    await dialog().locator('select[name="category"]').selectOption('sale');
    await dialog().getByLabel('Attributes').fill('fabric=cotton\nweightG=180');
    await shot('catalogue-bulk-edit');
    await review();
    expect(await dialog().getByTestId('confirm-text').textContent()).toContain('Change 2 SKUs: price');
    await confirm();
    await eventually(async () => (await api('/v1/skus/TEE-M')).price).toBe(15);
    for (const sku of ['TEE-S', 'TEE-M']) {
      expect(await api(`/v1/skus/${sku}`)).toMatchObject({
        price: 15,
        unitCost: 6.5,
        categories: ['sale'],
        attributes: { fabric: 'cotton', weightG: 180 },
        product: 'tee',
      });
    }
    // The mug was not chosen: unchanged.
    expect(await api('/v1/skus/MUG')).toMatchObject({ price: 8, unitCost: 3 });
    await eventually(() => page.getByTestId('bulk-row-TEE-S').textContent()).toContain('fabric=cotton');
  });

  it('sets a SKU listing on a channel and sees the feed carry it', async () => {
    await signIn('/catalogue');
    await page.getByTestId('catalogue-tabs').getByRole('link', { name: 'Listings per channel' }).click();
    await page.getByTestId('listing-table').waitFor();
    await page.getByTestId('edit-listing-TEE-M').click();
    await dialog().getByLabel('Title').fill('Tee M on the web');
    await dialog().getByLabel('Price').fill('13');
    await dialog().getByLabel('Listed').selectOption('no');
    await review();
    await confirm();
    await eventually(() => page.getByTestId('listing-TEE-M').textContent()).toContain('not listed');
    expect(await page.getByTestId('listing-TEE-M').textContent()).toContain('Tee M on the web');
    const feed = (await api('/v1/channels/web/availability')).items as { sku: string }[];
    expect(feed.find((i) => i.sku === 'TEE-M')).toMatchObject({
      title: 'Tee M on the web',
      price: 13,
      listed: false,
    });
    expect(feed.find((i) => i.sku === 'TEE-S')).toMatchObject({
      title: 'Tee small',
      price: 15,
      listed: true,
    });
    await shot('catalogue-listings');
  });

  it('shows the contingency alerts: a late purchase order, a warehouse near capacity, ageing stock', async () => {
    await signIn('/');
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Alerts' }).click();
    await page.getByTestId('alert-status-filter').selectOption('open');
    const table = page.getByTestId('alerts-table');
    for (const kind of ['purchase order late', 'warehouse near capacity', 'stock ageing']) {
      await eventually(() => table.locator('tr', { hasText: kind }).count(), {
        timeout: 90_000,
      }).toBeGreaterThan(0);
    }
    const capacity = await table.locator('tr', { hasText: 'warehouse near capacity' }).first().textContent();
    // The dashboard writes alerts as sentences (or, for details it has no sentence for, as
    // their figures): either way the warehouse and the share of its volume in use are there.
    expect(capacity).toContain('LON');
    expect(capacity).toContain('92.2');
    const late = await table.locator('tr', { hasText: 'purchase order late' }).first().textContent();
    // It names the purchase order that is late (ids are base64url: "-" is one of their characters).
    expect(late).toMatch(/po_[\w-]{14}/);
    await shot('contingency-alerts');
  }, 120_000);
});
