/**
 * The dashboard's read models: the SKU list (search, filters, sorts, offset paging), the
 * overview counters, the time series, and the session answer; plus the page served at / and
 * the SPA fallback that leaves the API's 404s alone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPass, alertSweep } from '../../src/app/alerts.ts';
import { sequencePass } from '../../src/app/events.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('dashboard read models on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP', 'PEN']);
    await h.call('PUT', '/v1/skus/MUG', { name: 'Blue mug', price: 10, unitCost: 4 });
    await h.call('PUT', '/v1/skus/TEE', { name: 'Tee shirt', price: 20, unitCost: 7.5 });
    const r = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 30 },
        { sku: 'TEE', qty: 3 },
      ],
    });
    expect(r.status).toBe(201);
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 10 }] });
    await h.call('PUT', '/v1/channels/shop', { name: 'Shop', warehouses: ['AMS'] });
    h.advance(3_600_000);
    const order = await h.call('POST', '/v1/orders', {
      orderId: 'd-1',
      lines: [{ sku: 'MUG', qty: 5, warehouse: 'LON' }],
    });
    expect(order.status).toBe(201);
    expect((await h.call('POST', '/v1/orders/d-1/shipments', {})).status).toBe(201);
    await h.call('POST', '/v1/transfers', {
      from: 'LON',
      to: 'AMS',
      lines: [{ sku: 'MUG', qty: 4 }],
      transferId: 'tr-d1',
    });
    while (await sequencePass(h.ctx));
    while ((await alertPass(h.ctx)).more);
    await alertSweep(h.ctx);
  });
  afterAll(() => h.close());

  const skus = async (query: string) => {
    const r = await h.call('GET', `/v1/dashboard/skus?${query}`);
    expect(r.status).toBe(200);
    return r.body as { items: { sku: string; sellable: number; value: number }[]; total: number };
  };

  it('lists SKUs with totals, sorted and paged on the server', async () => {
    const all = await skus('');
    expect(all.total).toBe(4);
    expect(all.items.map((i) => i.sku)).toEqual(['CAP', 'MUG', 'PEN', 'TEE']);
    expect(all.items[1]).toMatchObject({
      sku: 'MUG',
      onHand: 35,
      reserved: 0,
      transferReserved: 4,
      sellable: 31,
    });
    expect(all.items[1]!.value).toBe(35 * 4);

    const bySellable = await skus('sort=sellable&desc=true&limit=2');
    expect(bySellable.items.map((i) => i.sku)).toEqual(['MUG', 'TEE']);
    expect(bySellable.total).toBe(4);
    const second = await skus('sort=sellable&desc=true&limit=2&offset=2');
    expect(second.items.map((i) => i.sku)).toEqual(['CAP', 'PEN']);
    const past = await skus('limit=2&offset=10');
    expect(past).toMatchObject({ items: [], total: 4 });
  });

  it('totals the whole filtered list, not the page shown', async () => {
    const all = await skus('limit=500');
    const sum = (key: 'sellable' | 'onHand' | 'reserved' | 'unsellable' | 'value') =>
      all.items.reduce((n, i) => n + (i as unknown as Record<string, number>)[key]!, 0);
    const whole = {
      skus: 4,
      sellable: sum('sellable'),
      onHand: sum('onHand'),
      reserved: sum('reserved'),
      unsellable: sum('unsellable'),
      value: sum('value'),
    };
    expect(whole.onHand).toBeGreaterThan(0);
    expect((await h.call('GET', '/v1/dashboard/skus?limit=500')).body.totals).toEqual(whole);
    // One row a page, any page, and past the end: the same totals.
    for (const query of ['limit=1', 'limit=1&offset=3', 'limit=2&offset=10', 'sort=value&desc=true&limit=1'])
      expect((await h.call('GET', `/v1/dashboard/skus?${query}`)).body.totals, query).toEqual(whole);
    // Filtered: only what matches, at the warehouses in scope.
    const ams = (await h.call('GET', '/v1/dashboard/skus?warehouse=AMS&search=mug&limit=1')).body;
    expect(ams.totals).toMatchObject({
      skus: 1,
      onHand: ams.items[0].onHand,
      sellable: ams.items[0].sellable,
    });
    expect((await h.call('GET', '/v1/dashboard/skus?search=nothing-like-it')).body.totals).toEqual({
      skus: 0,
      sellable: 0,
      onHand: 0,
      reserved: 0,
      unsellable: 0,
      value: 0,
    });
  });

  it('searches SKU and name, and filters by warehouse, channel and state', async () => {
    expect((await skus('search=shirt')).items.map((i) => i.sku)).toEqual(['TEE']);
    expect((await skus('search=mu')).items.map((i) => i.sku)).toEqual(['MUG']);
    expect((await skus('search=%25')).total).toBe(0);
    const ams = await skus('warehouse=AMS');
    expect(ams.items.find((i) => i.sku === 'MUG')).toMatchObject({ sellable: 10 });
    const shop = await skus('channel=shop');
    expect(shop.items.find((i) => i.sku === 'MUG')).toMatchObject({ sellable: 10 });
    expect((await skus('state=out')).items.map((i) => i.sku)).toEqual(['CAP', 'PEN']);
    // TEE has 3 at LON, under the default low-stock threshold of 5.
    expect((await skus('state=low')).items.map((i) => i.sku)).toEqual(['TEE']);
    expect((await skus('state=low&warehouse=AMS')).items).toEqual([]);
    const unknown = await h.call('GET', '/v1/dashboard/skus?channel=nope');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('unknown_channel');
    const bad = await h.call('GET', '/v1/dashboard/skus?sort=drop%20table');
    expect(bad.status).toBe(400);
  });

  it('counts the overview', async () => {
    const r = await h.call('GET', '/v1/dashboard/overview');
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      skus: 4,
      skusOutOfStock: 2,
      sellableUnits: 31 + 3,
      onHandUnits: 35 + 3,
      stockValue: 35 * 4 + 3 * 7.5,
      ordersReservedSince: 1,
      ordersShippedSince: 1,
      unitsShippedSince: 5,
      unitsInTransit: 0,
      transfersOpen: 1,
    });
    const open = (await h.call('GET', '/v1/alerts?status=open&limit=1000')).body.items;
    expect(r.body.openAlerts).toBe(open.length);
    expect(open.length).toBeGreaterThan(0);
    const later = await h.call('GET', '/v1/dashboard/overview?since=2030-01-02T00:00:00Z');
    expect(later.body).toMatchObject({ ordersReservedSince: 0, ordersShippedSince: 0 });
    await h.call('POST', '/v1/transfers/tr-d1/ship', {});
    expect((await h.call('GET', '/v1/dashboard/overview')).body.unitsInTransit).toBe(4);
  });

  it('walks sellable units back through the ledger by hour', async () => {
    const r = await h.call('GET', '/v1/dashboard/series?bucket=hour&points=3');
    expect(r.status).toBe(200);
    const points = r.body.points as {
      t: string;
      sellable: number;
      ordersPlaced: number;
      ordersShipped: number;
    }[];
    expect(points.map((p) => p.t)).toEqual([
      '2029-12-31T23:00:00.000Z',
      '2030-01-01T00:00:00.000Z',
      '2030-01-01T01:00:00.000Z',
    ]);
    // Hour 0: 43 received. Hour 1: 5 shipped (reserve then ship: S -5), 4 planned and shipped.
    expect(points.map((p) => p.sellable)).toEqual([0, 43, 34]);
    expect(points.map((p) => p.ordersPlaced)).toEqual([0, 0, 1]);
    expect(points.map((p) => p.ordersShipped)).toEqual([0, 0, 1]);
    // d-1 was allocated and shipped at LON: AMS's series counts neither.
    const one = await h.call('GET', '/v1/dashboard/series?bucket=day&points=1&warehouse=AMS');
    expect(one.body.points).toEqual([
      { t: '2030-01-01T00:00:00.000Z', sellable: 10, ordersPlaced: 0, ordersShipped: 0 },
    ]);
    const lon = await h.call('GET', '/v1/dashboard/series?bucket=day&points=1&warehouse=LON');
    expect(lon.body.points).toMatchObject([{ ordersPlaced: 1, ordersShipped: 1 }]);
  });

  it('tells the key its role, and keeps API 404s JSON', async () => {
    expect((await h.call('GET', '/v1/session')).body).toMatchObject({ role: 'admin', warehouses: null });
    const missing = await h.app.inject({ method: 'GET', url: '/v1/nope', headers: { accept: 'text/html' } });
    expect(missing.statusCode).toBe(404);
    expect(missing.json().error.code).toBe('not_found');
    const page = await h.app.inject({ method: 'GET', url: '/skus/MUG', headers: { accept: 'text/html' } });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-type']).toContain('text/html');
    const root = await h.app.inject({ method: 'GET', url: '/', headers: { accept: 'text/html' } });
    expect(root.statusCode).toBe(200);
    expect(root.body).toContain('<title>Stockroom</title>');
    const openapi = await h.app.inject({ method: 'GET', url: '/openapi.json' });
    expect(openapi.json().paths).toHaveProperty('/v1/dashboard/skus');
    expect((await h.app.inject({ method: 'GET', url: '/docs/' })).statusCode).toBeLessThan(400);
    const json = await h.app.inject({
      method: 'GET',
      url: '/skus/MUG',
      headers: { accept: 'application/json' },
    });
    expect(json.statusCode).toBe(404);
  });
});
