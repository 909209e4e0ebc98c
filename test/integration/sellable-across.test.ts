/**
 * One rule for "sellable across warehouses" (what a customer can buy): each position's S where
 * it is positive. An oversold warehouse is shown as oversold and never subtracted from the units
 * other warehouses can sell; the storefront, the SKU list, the overview and the series agree.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('sellable across warehouses on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE']);
    const ok = async (p: Promise<{ status: number; body: unknown }>) => {
      const r = await p;
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    };
    // LON: 3 received, 3 reserved, then all 3 found broken: S = 3 - 3 - 3 = -3 (a physical fact).
    await ok(h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 3 }] }));
    h.advance(3_600_000);
    await ok(
      h.call('POST', '/v1/orders', { orderId: 'o-1', lines: [{ sku: 'MUG', qty: 3, warehouse: 'LON' }] }),
    );
    await ok(h.call('POST', '/v1/damage', { warehouse: 'LON', sku: 'MUG', qty: 3, reason: 'broken' }));
    // AMS: 2 to sell.
    await ok(h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 2 }] }));
    // TEE: nothing anywhere but 1 at AMS, then sold: out of stock, not oversold.
    await ok(h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'TEE', qty: 1 }] }));
    await ok(h.call('POST', '/v1/orders', { orderId: 'o-2', lines: [{ sku: 'TEE', qty: 1 }] }));
  });
  afterAll(() => h.close());

  it('the storefront sells what AMS has, whatever LON owes', async () => {
    const stock = (await h.call('GET', '/v1/stock/MUG')).body;
    const s = Object.fromEntries(
      stock.positions.map((p: { warehouse: string; sellable: number }) => [p.warehouse, p.sellable]),
    );
    expect(s).toEqual({ LON: -3, AMS: 2 });
    expect((await h.call('GET', '/v1/availability/MUG')).body).toMatchObject({ sellable: 2, inStock: true });
  });

  it('the SKU list shows the same sellable units and the oversold ones apart', async () => {
    const all = (await h.call('GET', '/v1/dashboard/skus')).body.items;
    expect(all.find((i: { sku: string }) => i.sku === 'MUG')).toMatchObject({ sellable: 2, oversold: 3 });
    expect(all.find((i: { sku: string }) => i.sku === 'TEE')).toMatchObject({ sellable: 0, oversold: 0 });
    const out = (await h.call('GET', '/v1/dashboard/skus?state=out')).body.items.map(
      (i: { sku: string }) => i.sku,
    );
    expect(out).toEqual(['TEE']);
    // Scoped to the oversold warehouse alone, MUG is out there (and oversold by 3).
    const lon = (await h.call('GET', '/v1/dashboard/skus?state=out&warehouse=LON')).body.items;
    expect(lon.find((i: { sku: string }) => i.sku === 'MUG')).toMatchObject({ sellable: 0, oversold: 3 });
  });

  it('the overview counts with the same rule', async () => {
    const o = (await h.call('GET', '/v1/dashboard/overview')).body;
    expect(o).toMatchObject({
      skus: 2,
      skusOutOfStock: 1,
      skusOversold: 1,
      sellableUnits: 2,
      oversoldUnits: 3,
    });
  });

  it('the series walks each position back on its own', async () => {
    const points = (await h.call('GET', '/v1/dashboard/series?bucket=hour&points=2')).body.points;
    // Hour 0: LON's 3 received (S 3). Hour 1: LON reserved and broken (S -3, counts 0), AMS +2,
    // TEE received and sold (0): 2, where a raw sum of S would say -1.
    expect(points.map((p: { sellable: number }) => p.sellable)).toEqual([3, 2]);
    const lon = (await h.call('GET', '/v1/dashboard/series?bucket=hour&points=2&warehouse=LON')).body.points;
    expect(lon.map((p: { sellable: number }) => p.sellable)).toEqual([3, 0]);
  });

  it('the series counts only the orders and shipments of the warehouse asked for', async () => {
    expect((await h.call('POST', '/v1/orders/o-2/shipments', {})).status).toBe(201);
    const at = async (wh: string) =>
      (await h.call('GET', `/v1/dashboard/series?bucket=day&points=1&warehouse=${wh}`)).body.points[0];
    // o-1 was allocated at LON; o-2 (TEE) at AMS, and shipped from there.
    expect(await at('LON')).toMatchObject({ ordersPlaced: 1, ordersShipped: 0 });
    expect(await at('AMS')).toMatchObject({ ordersPlaced: 1, ordersShipped: 1 });
    const all = (await h.call('GET', '/v1/dashboard/series?bucket=day&points=1')).body.points[0];
    expect(all).toMatchObject({ ordersPlaced: 2, ordersShipped: 1 });
  });
});
