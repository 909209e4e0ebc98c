/**
 * The dashboard as a stock manager's daily tool, in headless Chromium (playwright-core), on its
 * own server and its own copy of the run's demo database (test/helpers/demo-fixture.ts;
 * independent of test/e2e/dashboard.test.ts): every screen at phone width
 * (390 px) and at the desk, in English and Simplified Chinese, light and dark, by keyboard
 * shortcut, and with no serious or critical accessibility violation (axe-core injected into the
 * page). Screenshots go to docs/screenshots/ with UPDATE_SCREENSHOTS=1, else none is taken.
 * Each test opens a tab of its own, signed in afresh (no language, theme, window size or
 * saved view left by an earlier test), and sets up the data it needs beyond the demo.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { axeViolations as axeViolationsOf } from '../helpers/axe.ts';
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
import { demoCopy, type DemoCopy } from '../helpers/demo-fixture.ts';
import { startServer, tempDir, type ServerProcess } from '../helpers/server-process.ts';

const SKU = '85123A';

/** Every screen, with what shows it is drawn. */
const SCREENS: { name: string; path: string; ready: string }[] = [
  { name: 'overview', path: '/', ready: '[data-testid="overview-stats"]' },
  { name: 'skus', path: '/skus', ready: '[data-testid="sku-table"]' },
  { name: 'sku', path: `/skus/${SKU}`, ready: '[data-testid="formula-table"]' },
  { name: 'products', path: '/products', ready: 'main h1' },
  { name: 'orders', path: '/orders', ready: 'main h1' },
  { name: 'standing-orders', path: '/standing-orders', ready: 'main h1' },
  { name: 'transfers', path: '/transfers', ready: 'main h1' },
  { name: 'alerts', path: '/alerts', ready: 'main h1' },
  { name: 'counts', path: '/counts', ready: 'main h1' },
  { name: 'purchasing', path: '/purchasing', ready: '[data-testid="suggestions-table"]' },
  { name: 'reports', path: '/reports', ready: 'main h1' },
  { name: 'settings', path: '/settings', ready: '[data-testid="routing-policy"]' },
  { name: 'import', path: '/import', ready: '[data-testid="stock-import-file"]' },
  { name: 'move', path: '/move', ready: '[data-testid="scan-input"]' },
];

describe.skipIf(!chromiumAvailable)('the dashboard for a day on the floor and at the desk', () => {
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  /** The tab of the test running: each test opens its own, signed in, closed after it. */
  let page: Page;
  let demo: DemoCopy;
  const failures = tempDir('stockroom-e2e-daily-');

  beforeAll(async () => {
    // The dashboard was built once for the run by the global setup (test/helpers/global-setup.ts),
    // the demo loaded once for the run by the first file that asked for it.
    [demo, browser] = await Promise.all([demoCopy(), launchChromium()]);
    context = await newDashboardContext(browser);
    server = await startServer({ data: demo.data });
    // Forecasts computed now, so purchasing shows quantities to order rather than dashes.
    await server.call('POST', '/v1/replenishment/refresh', {});
    // A low-stock alert to read: 3 units left at LON is under the default threshold of 5.
    const stock = await server.call('GET', `/v1/stock/${SKU}`);
    const lon = stock.body.positions.find((p: { warehouse: string }) => p.warehouse === 'LON');
    await server.call('POST', '/v1/adjustments', {
      warehouse: 'LON',
      sku: SKU,
      delta: 3 - lon.sellable,
      reason: 'e2e daily',
    });
  }, 300_000);

  beforeEach(async () => {
    page = await signedInPage(context, server);
  });

  afterEach(async (ctx) => {
    await keepFailure(ctx.task.result?.state, page, server, failures.path, 'stockroom-e2e-daily');
    await page?.close();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    await demo?.remove();
    failures.remove();
  });

  const eventually = <T>(fn: () => T | Promise<T>, options: { timeout?: number } = {}) =>
    expect.poll(fn, { timeout: 20_000, interval: 100, ...options });

  /**
   * Shows `screen` as a user gets there from another screen: through the dashboard's router
   * (react-router follows the history), not a page load, which runs the whole dashboard again
   * (about a second of the browser's CPU here, and the screen loops below open dozens). What the
   * screen before left in <main> is marked stale first, so that its heading is not taken for the
   * new screen's. The first screen of a tab, and the screen already shown, are loaded anew.
   */
  const open = async (screen: (typeof SCREENS)[number]) => {
    const here = new URL(page.url());
    if (here.origin !== server.url || here.pathname + here.search === screen.path) {
      await page.goto(server.url + screen.path);
    } else {
      await page.evaluate((path) => {
        for (const el of document.querySelectorAll('main *')) el.setAttribute('data-stale', '');
        history.pushState(null, '', path);
        dispatchEvent(new PopStateEvent('popstate'));
      }, screen.path);
    }
    await page.locator(`${screen.ready}:not([data-stale])`).first().waitFor({ timeout: 30_000 });
    // Whatever loads after the first paint (charts, counts) settles before we look.
    await page
      .locator('.state-loading')
      .first()
      .waitFor({ state: 'detached', timeout: 20_000 })
      .catch(() => {});
  };
  const shot = (name: string, fullPage = false) => screenshot(page, name, fullPage);
  /** How far the page is wider than the window: 0 when nothing needs sideways scrolling. */
  const overflowX = () =>
    page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  /** The serious and critical axe-core violations of the page as it is now. */
  const axeViolations = () => axeViolationsOf(page);

  it('shows every screen at 390 px without sideways scrolling or a serious accessibility violation, and the numbers that were cut off', async () => {
    await page.setViewportSize(PHONE);
    const found: string[] = [];
    for (const screen of SCREENS) {
      await open(screen);
      expect(await overflowX(), `${screen.name} is wider than the phone`).toBeLessThanOrEqual(0);
      for (const v of await axeViolations()) found.push(`${screen.name} at ${PHONE.width} px: ${v}`);
    }
    expect(found).toEqual([]);
    // The SKU page: every term of LON's row, sellable included, is inside the screen.
    await open(SCREENS.find((s) => s.name === 'sku')!);
    const sellable = page.getByTestId('position-LON').getByTestId('sellable');
    const box = await sellable.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x + box!.width).toBeLessThanOrEqual(PHONE.width);
    await page.getByTestId('formula-table').scrollIntoViewIfNeeded();
    await shot('phone-sku');
    // The overview: the stock value fits its card.
    await open(SCREENS[0]!);
    const value = page.getByTestId('stat-stock-value').locator('.stat-value');
    expect(await value.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    const card = await page.getByTestId('stat-stock-value').boundingBox();
    expect(card!.x + card!.width).toBeLessThanOrEqual(PHONE.width);
    await shot('phone-overview');
    // Purchasing: the quantity to order is on screen for each suggestion.
    await open(SCREENS.find((s) => s.name === 'purchasing')!);
    const qty = page.getByTestId('suggested-qty').first();
    await qty.scrollIntoViewIfNeeded();
    const q = await qty.boundingBox();
    expect(q!.x + q!.width).toBeLessThanOrEqual(PHONE.width);
    expect(await qty.isVisible()).toBe(true);
    await shot('phone-purchasing');
    await open(SCREENS.find((s) => s.name === 'alerts')!);
    await page.getByTestId('alerts-table').waitFor();
    expect(await overflowX()).toBeLessThanOrEqual(0);
    await shot('phone-alerts');
    await open(SCREENS.find((s) => s.name === 'skus')!);
    await shot('phone-skus');
    await page.setViewportSize(DESK);
  }, 300_000);

  it('writes alerts as sentences a manager reads, not raw key value text', async () => {
    await open(SCREENS.find((s) => s.name === 'alerts')!);
    const low = page
      .getByTestId('alerts-table')
      .locator('tr', { hasText: `${SKU} at LON` })
      .filter({ hasText: 'low stock' })
      .first();
    await eventually(() => low.count()).toBeGreaterThan(0);
    const sentence = await low.getByTestId('alert-sentence').textContent();
    expect(sentence).toMatch(/^Running low at LON: 3 units left to sell, at or below the .+ of [\d,]+\.$/);
    // No sentence anywhere is the raw details (`sellable 3, threshold 5`).
    const all = await page.getByTestId('alert-sentence').allTextContents();
    expect(all.length).toBeGreaterThan(0);
    for (const s of all) expect(s).not.toMatch(/\b(sellable|threshold|onHand|coverDays) -?\d/);
    await shot('alerts-sentences');
  });

  it('switches to Simplified Chinese, keeps it across a reload, and writes numbers and dates the Chinese way', async () => {
    await open(SCREENS[0]!);
    await page.getByTestId('language').selectOption('zh-CN');
    await eventually(() => page.locator('main h1').first().textContent()).toBe('概览');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    expect(
      await page.getByRole('navigation', { name: '主菜单' }).getByRole('link').allTextContents(),
    ).toEqual(expect.arrayContaining(['概览', '预警', '采购', '设置']));
    await page.reload();
    await eventually(() => page.locator('main h1').first().textContent()).toBe('概览');
    expect(await page.getByTestId('stat-sellable').locator('.stat-label').textContent()).toBe('可售数量');
    await shot('zh-overview');
    await open(SCREENS.find((s) => s.name === 'alerts')!);
    expect(await page.locator('main h1').first().textContent()).toBe('预警');
    const low = page
      .getByTestId('alerts-table')
      .locator('tr', { hasText: '库存偏低' })
      .filter({ hasText: SKU })
      .first();
    await eventually(() => low.count()).toBeGreaterThan(0);
    expect(await low.getByTestId('alert-sentence').textContent()).toMatch(/^LON 库存偏低：可售仅剩 3 件/);
    // Dates as zh-CN writes them: the year first, with 年 or slashes, never "Dec".
    const opened = await low.locator('td').nth(4).textContent();
    expect(opened).toMatch(/^\d{4}[年/]/);
    await shot('zh-alerts');
    await open(SCREENS.find((s) => s.name === 'purchasing')!);
    expect(await page.locator('main h1').first().textContent()).toBe('采购');
    expect(await page.getByTestId('suggestions-table').locator('thead').textContent()).toContain('建议数量');
    await open(SCREENS.find((s) => s.name === 'skus')!);
    expect(await page.getByTestId('list-totals').textContent()).toMatch(/^共 [\d,]+ 个 SKU 符合/);
    await open(SCREENS.find((s) => s.name === 'counts')!);
    expect(await page.locator('main h1').first().textContent()).toBe('循环盘点');
    await open(SCREENS.find((s) => s.name === 'sku')!);
    await page.getByRole('heading', { name: '各仓库存' }).waitFor();
    expect(await page.getByTestId('action-receive').textContent()).toBe('收货');
    await page.getByTestId('language').selectOption('en');
    await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('heading', { name: 'Stock by warehouse' }).waitFor();
  });

  it('shows the desk screens in Simplified Chinese: a purchase order, reports and settings, at the desk and on a phone', async () => {
    const po = await server.call('POST', '/v1/purchase-orders', {
      supplier: 'GIFTCO',
      warehouse: 'LON',
      reference: 'ZH-1',
      lines: [
        { sku: SKU, qty: 24 },
        { sku: '22197', qty: 12 },
      ],
    });
    expect(po.status, JSON.stringify(po.body)).toBe(201);
    await open(SCREENS[0]!);
    await page.getByTestId('language').selectOption('zh-CN');
    await eventually(() => page.locator('main h1').first().textContent()).toBe('概览');
    try {
      await page.goto(`${server.url}/purchasing/orders/${po.body.poId}`);
      await page.getByTestId('po-lines').waitFor();
      expect(await page.locator('main h1').first().textContent()).toContain('采购单');
      expect(await page.getByTestId('po-status').textContent()).toBe('未收货');
      expect(await page.getByTestId('po-lines').locator('thead').textContent()).toContain('待到货');
      // Units by the Chinese locale's formatter, inside the sentence of the catalogue.
      expect(await page.locator('main dl.facts').textContent()).toContain(
        '已订 36 件，已收 0 件，仍待到货 36 件',
      );
      await shot('zh-purchase-order');
      await page.getByTestId('po-receive').click();
      const dialog = page.locator('dialog[open]');
      await dialog.getByLabel(`${SKU} 的收货数量`).fill('5');
      await dialog.getByRole('button', { name: '检查' }).click();
      expect(await dialog.getByTestId('confirm-text').textContent()).toBe(
        `按 ${po.body.poId} 将 5 × ${SKU} 收入 LON。`,
      );
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached' });

      await open(SCREENS.find((s) => s.name === 'reports')!);
      expect(await page.locator('main h1').first().textContent()).toBe('报表');
      await page.getByTestId('report-table').waitFor();
      expect(await page.getByTestId('report-table').locator('thead').textContent()).toContain('库存价值');
      expect(await page.getByTestId('report-filters').textContent()).toContain('全部仓库');
      await shot('zh-reports');

      await open(SCREENS.find((s) => s.name === 'settings')!);
      expect(await page.locator('main').textContent()).toContain('送达天数');
      await shot('zh-settings');

      await page.setViewportSize(PHONE);
      await page.goto(`${server.url}/purchasing/orders/${po.body.poId}`);
      await page.getByTestId('po-lines').waitFor();
      expect(await overflowX()).toBeLessThanOrEqual(0);
      await shot('zh-phone-purchase-order');
      await open(SCREENS.find((s) => s.name === 'reports')!);
      await page.getByTestId('report-table').waitFor();
      expect(await overflowX()).toBeLessThanOrEqual(0);
      await shot('zh-phone-reports');
      // Purchasing's pager (the suggestions', the first on the screen), in Chinese.
      await open(SCREENS.find((s) => s.name === 'purchasing')!);
      const pager = page.getByRole('group', { name: '分页' }).first();
      await pager.scrollIntoViewIfNeeded();
      expect(await pager.textContent()).toMatch(/^第 1 页 · [\d,]+ 行上一页下一页$/);
      for (const v of await axeViolations()) throw new Error(`purchasing in Chinese at 390 px: ${v}`);
      await shot('zh-phone-purchasing');
    } finally {
      await page.setViewportSize(DESK);
      await page.getByTestId('language').selectOption('en');
      await eventually(() => page.evaluate(() => document.documentElement.lang)).toBe('en');
    }
  });

  it('follows the system dark setting and the toggle pins light or dark', async () => {
    const bg = () => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const dark = (rgb: string) => {
      const [r, g, b] = (rgb.match(/\d+/g) ?? []).map(Number);
      return (r! + g! + b!) / 3 < 80;
    };
    await page.emulateMedia({ colorScheme: 'dark' });
    await open(SCREENS[0]!);
    expect(dark(await bg())).toBe(true);
    await shot('dark-overview');
    // system → light: pinned light although the system is dark; kept across a reload.
    await page.getByTestId('theme').click();
    expect(dark(await bg())).toBe(false);
    await page.reload();
    await page.getByTestId('overview-stats').waitFor();
    expect(dark(await bg())).toBe(false);
    // light → dark, with the system light.
    await page.emulateMedia({ colorScheme: 'light' });
    await page.getByTestId('theme').click();
    expect(dark(await bg())).toBe(true);
    expect(await axeViolations()).toEqual([]);
    await open(SCREENS.find((s) => s.name === 'sku')!);
    expect(await axeViolations()).toEqual([]);
    // dark → system (light here).
    await page.getByTestId('theme').click();
    expect(dark(await bg())).toBe(false);
  });

  it('goes anywhere by keyboard: / searches, g then a letter opens a screen, ? lists the shortcuts', async () => {
    await open(SCREENS[0]!);
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('g');
    await page.keyboard.press('a');
    await eventually(() => new URL(page.url()).pathname).toBe('/alerts');
    await page.keyboard.press('g');
    await page.keyboard.press('p');
    await eventually(() => new URL(page.url()).pathname).toBe('/purchasing');
    await page.keyboard.press('/');
    await eventually(() => new URL(page.url()).pathname).toBe('/skus');
    await eventually(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe(
      'sku-search',
    );
    // Typed into the search box, `g` and `a` are letters, not a shortcut.
    await page.keyboard.type('ga');
    expect(new URL(page.url()).pathname).toBe('/skus');
    expect(await page.getByTestId('sku-search').inputValue()).toBe('ga');
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('?');
    const help = page.getByTestId('shortcuts');
    await help.waitFor({ state: 'visible' });
    expect(await help.textContent()).toContain('Go to Purchasing');
    await shot('shortcuts');
    await page.keyboard.press('Escape');
    await help.waitFor({ state: 'hidden' });
  });

  it('acts on lists: acknowledges selected alerts together, exports the list as filtered, keeps a saved view', async () => {
    await open(SCREENS.find((s) => s.name === 'alerts')!);
    await page.getByTestId('alert-status-filter').selectOption('open');
    await page.getByLabel('Kind').selectOption('low_stock');
    const rows = page.getByTestId('alerts-table').locator('tbody tr');
    await eventually(() => rows.count()).toBeGreaterThan(0);
    const shown = await rows.count();
    expect(await page.getByTestId('list-totals').textContent()).toMatch(new RegExp(`^${shown} alerts on `));
    // The CSV is the list as filtered: a header and one line per alert, the sentence included.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(
      /^alerts_status-open_kind-low_stock_\d{4}-\d{2}-\d{2}\.csv$/,
    );
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('kind,subject,sku,warehouse,what_it_means,opened_at,status,acknowledged_by,note');
    expect(csv).toHaveLength(shown + 1);
    expect(csv.slice(1).every((l) => l.startsWith('low_stock,'))).toBe(true);
    // A saved view brings the filters back.
    await page.getByTestId('view-name').fill('Open low stock');
    await page.getByTestId('save-view').click();
    await page.getByTestId('alert-status-filter').selectOption('');
    await page.getByLabel('Kind').selectOption('');
    await page.getByTestId('saved-views').selectOption('Open low stock');
    expect(await page.getByTestId('alert-status-filter').inputValue()).toBe('open');
    expect(await page.getByLabel('Kind').inputValue()).toBe('low_stock');
    // Select them all and acknowledge them in one go.
    await eventually(() => rows.count()).toBe(shown);
    await page.getByTestId('select-all').check();
    await page.getByTestId('bulk-acknowledge').click();
    await page.locator('dialog[open]').getByLabel('Note (optional)').fill('ordered today');
    await page.locator('dialog[open]').getByRole('button', { name: 'Review' }).click();
    expect(await page.locator('dialog[open]').getByTestId('confirm-text').textContent()).toContain(
      `Acknowledge ${shown} open alerts with the note “ordered today”`,
    );
    await page.locator('dialog[open]').getByRole('button', { name: 'Confirm' }).click();
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    await eventually(() => rows.count()).toBe(0);
    await page.getByTestId('alert-status-filter').selectOption('acknowledged');
    await eventually(() =>
      page.getByTestId('alerts-table').locator('tr', { hasText: 'ordered today' }).count(),
    ).toBe(shown);
    await shot('alerts-actions');
  });

  it('never shows the rows of the previous filter while a new one loads', async () => {
    await page.goto(`${server.url}/skus`);
    const rows = page.getByTestId('sku-table').locator('tbody tr');
    await eventually(() => rows.count()).toBeGreaterThan(1);
    expect((await rows.allTextContents()).some((t) => !/heart/i.test(t))).toBe(true);
    // The server's answer for the new search is held back until we have looked at the screen.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const filtered = /\/v1\/dashboard\/skus\?.*search=heart/;
    await page.route(filtered, async (route) => {
      await held;
      await route.continue();
    });
    try {
      await page.getByTestId('sku-search').fill('heart');
      await page.locator('.state-loading').first().waitFor();
      expect(await page.getByTestId('sku-table').count()).toBe(0);
      expect(await page.getByTestId('list-totals').textContent()).toBe('');
      release();
      await eventually(() => rows.count()).toBeGreaterThan(1);
      expect((await rows.allTextContents()).every((t) => /heart/i.test(t))).toBe(true);
    } finally {
      release();
      await page.unroute(filtered);
    }
    // The same search in another order may stand in, dimmed and marked busy, while it loads.
    const next = /\/v1\/dashboard\/skus\?.*sort=sellable/;
    let releasePage = () => {};
    const heldPage = new Promise<void>((resolve) => (releasePage = resolve));
    await page.route(next, async (route) => {
      await heldPage;
      await route.continue();
    });
    try {
      const first = await rows.first().textContent();
      await page
        .getByTestId('sku-table')
        .getByRole('button', { name: /^Sellable/ })
        .click();
      await eventually(() => page.getByTestId('sku-table').getAttribute('aria-busy')).toBe('true');
      expect(await rows.first().textContent()).toBe(first);
      releasePage();
      await eventually(() => page.getByTestId('sku-table').getAttribute('aria-busy')).toBe('false');
      expect((await rows.allTextContents()).every((t) => /heart/i.test(t))).toBe(true);
    } finally {
      releasePage();
      await page.unroute(next);
    }
  });

  it('exports the SKU list as filtered, keeps it as a saved view, and orders selected SKUs', async () => {
    await page.goto(`${server.url}/skus?q=heart`);
    const rows = page.getByTestId('sku-table').locator('tbody tr');
    await eventually(() => rows.count()).toBeGreaterThan(1);
    const total = Number(
      (await page.getByTestId('list-totals').textContent())!
        .match(/^([\d,]+) SKUs match/)![1]!
        .replace(/,/g, ''),
    );
    expect(total).toBeGreaterThan(1);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^skus_q-heart_/);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('sku,name,sellable,on_hand,reserved,unsellable,value,open_alerts');
    expect(csv).toHaveLength(total + 1);
    expect(csv.slice(1).every((l) => /heart/i.test(l))).toBe(true);
    await page.getByTestId('view-name').fill('Hearts');
    await page.getByTestId('save-view').click();
    await page.goto(`${server.url}/skus`);
    await page.getByTestId('sku-table').waitFor();
    await page.getByTestId('saved-views').selectOption('Hearts');
    await eventually(() => new URL(page.url()).searchParams.get('q')).toBe('heart');
    expect(await page.getByTestId('sku-search').inputValue()).toBe('heart');
    // Two of them on one purchase order (once the filtered rows have replaced the whole list's).
    await eventually(async () => (await rows.allTextContents()).every((t) => /heart/i.test(t))).toBe(true);
    const picked = [
      (await rows.nth(0).getByRole('link').first().textContent())!.trim(),
      (await rows.nth(1).getByRole('link').first().textContent())!.trim(),
    ];
    await rows.nth(0).getByRole('checkbox').check();
    await rows.nth(1).getByRole('checkbox').check();
    await page.getByTestId('order-selected-skus').click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByLabel('Supplier').selectOption('GIFTCO');
    await dialog.getByLabel('Warehouse').selectOption('LON');
    await dialog.getByLabel(`Units of ${picked[0]} to order`).fill('12');
    await dialog.getByLabel(`Units of ${picked[1]} to order`).fill('6');
    await dialog.getByRole('button', { name: 'Review' }).click();
    expect(await dialog.getByTestId('confirm-text').textContent()).toBe(
      `Order 12 × ${picked[0]}, 6 × ${picked[1]} from GIFTCO for LON.`,
    );
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => new URL(page.url()).pathname).toMatch(/^\/purchasing\/orders\//);
    expect(await page.getByTestId(`po-line-${picked[0]}`).getByTestId('open').textContent()).toBe('12');
  });

  it('confirms and cancels selected orders together and exports the orders list', async () => {
    for (const id of ['day-1', 'day-2', 'day-3'])
      expect(
        (await server.call('POST', '/v1/orders', { orderId: id, lines: [{ sku: SKU, qty: 1 }] })).status,
      ).toBe(201);
    await open(SCREENS.find((s) => s.name === 'orders')!);
    const table = page.getByTestId('recent-orders');
    await table.getByRole('link', { name: 'day-3' }).waitFor();
    const row = (id: string) =>
      table.locator('tr', { has: page.getByRole('link', { name: id, exact: true }) });
    await row('day-1').getByRole('checkbox').check();
    await row('day-2').getByRole('checkbox').check();
    await page.getByTestId('bulk-confirm').click();
    expect(await page.locator('dialog[open]').getByTestId('confirm-text').textContent()).toMatch(
      /^Confirm payment of (day-2, day-1|day-1, day-2): their reservations no longer expire\.$/,
    );
    await page.locator('dialog[open]').getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => row('day-1').locator('.badge').textContent()).toBe('confirmed');
    await eventually(() => row('day-2').locator('.badge').textContent()).toBe('confirmed');
    expect(await row('day-3').locator('.badge').textContent()).toBe('reserved');
    await row('day-3').getByRole('checkbox').check();
    await page.getByTestId('bulk-cancel').click();
    await page.locator('dialog[open]').getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => row('day-3').locator('.badge').textContent()).toBe('released');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByTestId('export-csv').click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8')
      .trim()
      .split('\n');
    expect(csv[0]).toBe('order_id,status,region,channel,units,shipped,released,placed_at');
    expect(csv.find((l) => l.startsWith('day-1,'))).toMatch(/^day-1,confirmed,/);
    expect(csv.find((l) => l.startsWith('day-3,'))).toMatch(/^day-3,released,/);
  });

  it("orders the selected suggestions as one supplier's purchase order", async () => {
    await open(SCREENS.find((s) => s.name === 'purchasing')!);
    await page.getByLabel('Suggestions warehouse').selectOption('LON');
    await page.getByLabel('Suggestions supplier').selectOption('GIFTCO');
    const rows = page.getByTestId('suggestions-table').locator('tbody tr');
    await eventually(() => rows.count()).toBeGreaterThan(1);
    await eventually(async () => (await rows.allTextContents()).every((t) => t.includes('GIFTCO'))).toBe(
      true,
    );
    const atLon = rows.filter({ has: page.locator('td', { hasText: /^LON$/ }) });
    await eventually(() => atLon.count()).toBeGreaterThan(1);
    // The warehouse filter holds with a supplier chosen: every row is LON's.
    expect(await atLon.count()).toBe(await rows.count());
    const skus = [
      (await atLon.nth(0).locator('td.lead').textContent())!.trim(),
      (await atLon.nth(1).locator('td.lead').textContent())!.trim(),
    ];
    await atLon.nth(0).getByRole('checkbox').check();
    await atLon.nth(1).getByRole('checkbox').check();
    await page.getByTestId('order-selected').click();
    const confirm = page.locator('dialog[open]').getByTestId('confirm-text');
    await confirm.waitFor();
    expect(await confirm.textContent()).toMatch(
      /^Create a purchase order to GIFTCO for LON \(2 lines, [\d,]+ units\)/,
    );
    await page.locator('dialog[open]').getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => new URL(page.url()).pathname).toMatch(/^\/purchasing\/orders\//);
    for (const sku of skus) await page.getByTestId(`po-line-${sku}`).waitFor();
  });

  it('counts and receives with a keyboard-wedge scanner (code, then Enter) on a phone', async () => {
    await page.setViewportSize(PHONE);
    const count = await server.call('POST', '/v1/counts', {
      warehouse: 'LON',
      scope: { kind: 'list', skus: [SKU, '22197'] },
    });
    expect(count.status, JSON.stringify(count.body)).toBe(201);
    await page.goto(`${server.url}/counts/${count.body.countId}`);
    const scan = page.getByTestId('scan-input');
    await scan.waitFor();
    // A scanner types fast and ends with Enter; three scans of one SKU count three units.
    for (let i = 0; i < 3; i++) await scan.pressSequentially(`${SKU}\n`, { delay: 5 });
    await scan.pressSequentially('22197\n', { delay: 5 });
    await scan.pressSequentially('NOPE-1\n', { delay: 5 });
    expect(await page.getByTestId('scan-status').textContent()).toBe('NOPE-1 is not on this list.');
    expect(await page.getByLabel(`Counted units of ${SKU}`).inputValue()).toBe('3');
    expect(await page.getByLabel('Counted units of 22197').inputValue()).toBe('1');
    expect(await overflowX()).toBeLessThanOrEqual(0);
    await shot('phone-count-scan');
    await page.getByRole('button', { name: 'Save 2 lines' }).click();
    await eventually(() => page.getByText('2 of 2 counted').count()).toBe(1);
    expect(
      (await server.call('GET', `/v1/counts/${count.body.countId}`)).body.lines.find(
        (l: { sku: string }) => l.sku === SKU,
      ).counted,
    ).toBe(3);

    // Receiving a purchase order: each scan is one more unit received on its line.
    const po = await server.call('POST', '/v1/purchase-orders', {
      supplier: 'GIFTCO',
      warehouse: 'LON',
      lines: [{ sku: SKU, qty: 10 }],
    });
    expect(po.status, JSON.stringify(po.body)).toBe(201);
    await page.goto(`${server.url}/purchasing/orders/${po.body.poId}`);
    await page.getByTestId('po-receive').click();
    const dialog = page.locator('dialog[open]');
    const inDialog = dialog.getByTestId('scan-input');
    for (let i = 0; i < 2; i++) await inDialog.pressSequentially(`${SKU}\n`, { delay: 5 });
    // Enter in the scan field does not submit the dialog's form.
    expect(await dialog.getByTestId('confirm-text').count()).toBe(0);
    expect(await dialog.getByLabel(`Units of ${SKU} received`).inputValue()).toBe('2');
    await shot('phone-receive-scan');
    await dialog.getByRole('button', { name: 'Review' }).click();
    expect(await dialog.getByTestId('confirm-text').textContent()).toContain(`Receive 2 × ${SKU} into LON`);
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => page.getByTestId(`po-line-${SKU}`).getByTestId('received').textContent()).toBe(
      '2',
    );
    await page.setViewportSize(DESK);
  });

  it('imports stock from a CSV: every bad row by line and nothing written, then a preview, then all of it', async () => {
    const files = mkdtempSync(join(tmpdir(), 'stockroom-import-'));
    const bad = join(files, 'bad.csv');
    const good = join(files, 'opening.csv');
    writeFileSync(
      bad,
      'sku,name,warehouse,qty\nIMP-1,Imported one,LON,10\nIMP 2,Bad code,LON,1\nIMP-3,Bad qty,LON,-4\n',
    );
    writeFileSync(
      good,
      'sku,name,unitCost,warehouse,qty\nIMP-1,Imported one,2.5,LON,10\nIMP-3,Imported three,4,LON,5\n',
    );
    await open(SCREENS.find((s) => s.name === 'import')!);
    await page.getByTestId('stock-import-file').setInputFiles(bad);
    const badRows = page.getByTestId('bad-rows').locator('tbody tr');
    await eventually(() => badRows.count()).toBe(2);
    expect(await badRows.nth(0).locator('td').allTextContents()).toEqual([
      '3',
      'sku "IMP 2" is not a valid code (letters, digits and - _ . : /, at most 64)',
    ]);
    expect(await badRows.nth(1).locator('td').first().textContent()).toBe('4');
    expect(await page.getByTestId('import-apply').count()).toBe(0);
    expect((await server.call('GET', '/v1/skus/IMP-1')).status).toBe(404);
    await shot('import-bad-rows');
    // The fixed file: what it will write, then all of it.
    await page.getByTestId('stock-import-file').setInputFiles(good);
    await page.getByTestId('import-ready').waitFor();
    expect(await page.getByTestId('import-units').locator('.stat-value').textContent()).toBe('15');
    expect(await page.getByTestId('import-skus-new').locator('.stat-value').textContent()).toBe('2');
    expect((await server.call('GET', '/v1/skus/IMP-1')).status).toBe(404);
    await shot('import-preview');
    await page.getByTestId('import-apply').click();
    await eventually(() => page.getByTestId('import-result').textContent()).toBe(
      'Imported: 2 new SKUs, 0 updated; 15 units received (1 receipt).',
    );
    const stock = (await server.call('GET', '/v1/stock/IMP-3')).body;
    expect(stock.positions.find((p: { warehouse: string }) => p.warehouse === 'LON').onHand).toBe(5);
    // On a phone, the same file again: checked, applied, and no unit added twice.
    await page.setViewportSize(PHONE);
    await open(SCREENS.find((s) => s.name === 'import')!);
    await page.getByTestId('stock-import-file').setInputFiles(good);
    await page.getByTestId('import-apply').click();
    await page.getByTestId('import-replayed').waitFor();
    expect(await page.getByTestId('import-result').textContent()).toBe(
      'Imported: 0 new SKUs, 2 updated; 0 units received (0 receipts).',
    );
    expect((await server.call('GET', '/v1/stock/IMP-3')).body.totals.onHand).toBe(5);
    expect(await overflowX()).toBeLessThanOrEqual(0);
    await shot('phone-import', true);
    await page.setViewportSize(DESK);
  });

  it('moves stock with a scanner on a phone: between zones, then to another warehouse', async () => {
    const MOVED = '22197';
    expect(
      (await server.call('PUT', '/v1/warehouses/LON/zones/A1', { name: 'Aisle 1', kind: 'pick' })).status,
    ).toBe(201);
    expect(
      (await server.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: MOVED, qty: 20 }] }))
        .status,
    ).toBe(201);
    const lonOnHand = async () =>
      (await server.call('GET', `/v1/stock/${MOVED}`)).body.positions.find(
        (p: { warehouse: string }) => p.warehouse === 'LON',
      );
    const before = await lonOnHand();
    await page.setViewportSize(PHONE);
    await open(SCREENS.find((s) => s.name === 'move')!);
    await page.getByLabel('Warehouse', { exact: true }).selectOption('LON');
    const toZone = page.getByTestId('move-to-zone');
    await eventually(() => toZone.locator('option[value="A1"]').count()).toBe(1);
    await toZone.selectOption('A1');
    await page.getByTestId('move-reason').fill('to the pick face');
    const scan = page.getByTestId('scan-input');
    for (let i = 0; i < 3; i++) await scan.pressSequentially(`${MOVED}\n`, { delay: 5 });
    await scan.pressSequentially('NOPE-9\n', { delay: 5 });
    expect(await page.getByLabel(`Units of ${MOVED} to move`).inputValue()).toBe('3');
    await page.getByTestId('move-line-NOPE-9').getByRole('alert').waitFor();
    expect(await overflowX()).toBeLessThanOrEqual(0);
    await shot('phone-move-scan');
    await page.getByTestId('move-review').click();
    const dialog = page.locator('dialog[open]');
    expect(await dialog.getByTestId('confirm-text').textContent()).toBe(
      `Move 3 × ${MOVED} at LON from zone default to zone A1 (to the pick face).`,
    );
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => page.getByTestId('move-done').textContent()).toContain(
      `Moved 3 × ${MOVED} at LON from default to A1.`,
    );
    const zoned = await lonOnHand();
    expect(zoned.zones.find((z: { zone: string }) => z.zone === 'A1').units).toBe(3);
    expect(zoned.onHand).toBe(before.onHand);

    // To Amsterdam: a transfer, shipped at once; the unknown code stays out of it.
    await page.getByRole('button', { name: 'Remove NOPE-9' }).click();
    await page.getByTestId('move-mode').selectOption('warehouse');
    await page.getByLabel('To warehouse', { exact: true }).selectOption('AMS');
    for (let i = 0; i < 2; i++) await scan.pressSequentially(`${MOVED}\n`, { delay: 5 });
    await page.getByTestId('move-review').click();
    expect(await dialog.getByTestId('confirm-text').textContent()).toBe(
      `Send 2 × ${MOVED} from LON to AMS now: a transfer, shipped; AMS receives it.`,
    );
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => page.getByTestId('move-done').textContent()).toMatch(
      new RegExp(`^Shipped transfer \\S+: 2 × ${MOVED} on the way from LON to AMS\\.`),
    );
    expect((await lonOnHand()).onHand).toBe(before.onHand - 2);
    await shot('phone-move-transfer');
    await page.setViewportSize(DESK);
  });

  it('opens a cycle count of one zone', async () => {
    // Zone A1 at LON, with a unit of 22197 in it (the scanner's move above may have put it there).
    expect([200, 201]).toContain(
      (await server.call('PUT', '/v1/warehouses/LON/zones/A1', { name: 'Aisle 1', kind: 'pick' })).status,
    );
    const moved = await server.call('POST', '/v1/stock/22197/LON/zone-moves', {
      from: 'default',
      to: 'A1',
      qty: 1,
      reason: 'e2e count',
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    // A count at LON may still hold 22197 (the scanner's), and counts of a SKU may not overlap.
    const counts = (await server.call('GET', '/v1/counts?limit=200')).body.items;
    for (const c of counts.filter((c: { status: string }) => c.status === 'open'))
      expect((await server.call('POST', `/v1/counts/${c.countId}/cancel`, {})).status).toBeLessThan(300);
    await open(SCREENS.find((s) => s.name === 'counts')!);
    await page.getByTestId('action-open-count').click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('combobox', { name: /^Warehouse/ }).selectOption('LON');
    const zone = dialog.getByTestId('count-zone');
    await eventually(() => zone.locator('option[value="A1"]').count()).toBe(1);
    await zone.selectOption('A1');
    await dialog.getByRole('combobox', { name: /^What to count/ }).selectOption('all');
    await shot('count-zone');
    await dialog.getByRole('button', { name: 'Review' }).click();
    expect(await dialog.getByTestId('confirm-text').textContent()).toBe(
      'Count every SKU that has been held in LON, zone A1.',
    );
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    await eventually(() => new URL(page.url()).pathname).toMatch(/^\/counts\/.+/);
    await eventually(() => page.locator('main h1').first().textContent()).toMatch(/^Count at LON, zone A1/);
    const id = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
    const count = (await server.call('GET', `/v1/counts/${id}`)).body;
    expect(count).toMatchObject({ warehouse: 'LON', zone: 'A1' });
    expect(count.lines.map((l: { sku: string }) => l.sku)).toContain('22197');
  });

  // On a phone, in the 390 px test above.
  it('has no serious or critical accessibility violation on any screen at the desk', async () => {
    const found: string[] = [];
    for (const screen of SCREENS) {
      await open(screen);
      for (const v of await axeViolations()) found.push(`${screen.name} at ${DESK.width} px: ${v}`);
    }
    expect(found).toEqual([]);
  }, 300_000);
});
