/**
 * Insights reports over a small scenario whose every figure can be worked out by hand:
 * three SKUs in LON and AMS over five days (2030-01-01, a Tuesday, to 2030-01-05), with a cost
 * change mid-period, sales through two channels and a stockout. Each expected value below is
 * written as the arithmetic of the scenario, not copied from an answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

const PERIOD = 'from=2030-01-01&to=2030-01-05';

// The scenario's figures.
const MUG = { cost: 4, newCost: 5, price: 10 };
const TEE = { cost: 7.5, price: 20 };
const CAP = { cost: 1, price: 10 };

describe.each(backends())('insights on $name', (backend) => {
  let h: Harness;
  const at = (iso: string) => {
    const t = new Date(iso).getTime() - h.now().getTime();
    if (t < 0) throw new Error(`the scenario goes back in time to ${iso}`);
    h.advance(t);
  };
  const ok = async (method: 'POST' | 'PUT', path: string, body: unknown) => {
    const r = await h.call(method, path, body);
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body;
  };
  const sell = async (orderId: string, sku: string, qty: number, channel?: string) => {
    await ok('POST', '/v1/orders', { orderId, channel, lines: [{ sku, qty, warehouse: 'LON' }] });
    await ok('POST', `/v1/orders/${orderId}/shipments`, {});
  };
  const get = async (path: string) => {
    const r = await h.call('GET', path);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    for (const [code, region] of [
      ['LON', 'uk'],
      ['AMS', 'eu'],
    ]) {
      await ok('PUT', `/v1/warehouses/${code}`, { name: code, region });
    }
    await ok('PUT', '/v1/skus/MUG', { name: 'Mug', unitCost: MUG.cost, price: MUG.price });
    await ok('PUT', '/v1/skus/TEE', { name: 'Tee', unitCost: TEE.cost, price: TEE.price });
    await ok('PUT', '/v1/skus/CAP', { name: 'Cap', unitCost: CAP.cost, price: CAP.price });
    await ok('PUT', '/v1/channels/web', { name: 'Web' });
    await ok('PUT', '/v1/suppliers/ACME', {
      name: 'Acme',
      leadTimeDays: 5,
      serviceLevel: 0.95,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 1,
    });
    await ok('PUT', '/v1/replenishment/policies/TEE/LON', { supplier: 'ACME' });

    at('2030-01-01T10:00:00Z');
    await ok('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 10 },
        { sku: 'TEE', qty: 5 },
        { sku: 'CAP', qty: 20 },
      ],
    });
    at('2030-01-02T08:00:00Z');
    await ok('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 4 }] });
    at('2030-01-02T12:00:00Z');
    await sell('o1', 'MUG', 3, 'web');
    await sell('o2', 'CAP', 1);
    at('2030-01-03T09:00:00Z');
    await ok('PUT', '/v1/skus/MUG', { name: 'Mug', unitCost: MUG.newCost, price: MUG.price });
    // TEE's forecast, made on the 3rd: 2 a day from the 4th.
    await h.db.query(
      `insert into demand_forecasts (sku, warehouse, computed_at, model, daily, daily_error_sd)
       values ('TEE', 'LON', $1, 'test', $2, 0)`,
      [h.now(), Array.from({ length: 28 }, () => 2)],
    );
    at('2030-01-03T15:00:00Z');
    await sell('o3', 'MUG', 2);
    at('2030-01-04T11:00:00Z');
    await sell('o4', 'TEE', 5, 'web');
    at('2030-01-05T18:00:00Z');
  });
  afterAll(() => h.close());

  it('values stock at each day end at the unit cost then', async () => {
    const r = await get(`/v1/insights/stock?${PERIOD}`);
    const jan1 = 10 * MUG.cost + 5 * TEE.cost + 20 * CAP.cost;
    const jan2 = (10 + 4 - 3) * MUG.cost + 5 * TEE.cost + 19 * CAP.cost;
    // The cost change on the 3rd revalues every mug held at that day's end.
    const jan3 = (11 - 2) * MUG.newCost + 5 * TEE.cost + 19 * CAP.cost;
    const jan4 = 9 * MUG.newCost + 0 * TEE.cost + 19 * CAP.cost;
    expect(r.currency).toBe('USD');
    expect(r.points).toEqual([
      { t: '2030-01-01', onHand: 35, sellable: 35, value: jan1 },
      { t: '2030-01-02', onHand: 11 + 5 + 19, sellable: 35, value: jan2 },
      { t: '2030-01-03', onHand: 9 + 5 + 19, sellable: 33, value: jan3 },
      { t: '2030-01-04', onHand: 9 + 19, sellable: 28, value: jan4 },
      { t: '2030-01-05', onHand: 28, sellable: 28, value: jan4 },
    ]);
    // By week: the period's Tuesday to Saturday is one ISO week, valued at its end.
    const weekly = await get(`/v1/insights/stock?${PERIOD}&bucket=week`);
    expect(weekly.points).toEqual([{ t: '2030-01-01', onHand: 28, sellable: 28, value: jan4 }]);
    // AMS alone: the 4 mugs from the 2nd.
    const ams = await get(`/v1/insights/stock?${PERIOD}&warehouse=AMS`);
    expect(ams.points.map((p: { value: number }) => p.value)).toEqual([
      0,
      4 * MUG.cost,
      4 * MUG.newCost,
      4 * MUG.newCost,
      4 * MUG.newCost,
    ]);
    // Supplier ACME supplies TEE only.
    const acme = await get(`/v1/insights/stock?${PERIOD}&supplier=ACME`);
    expect(acme.points.map((p: { onHand: number }) => p.onHand)).toEqual([5, 5, 5, 0, 0]);
  });

  it('sums sales at the price and cost when they shipped, by SKU and channel', async () => {
    const r = await get(`/v1/insights/sales?${PERIOD}`);
    const mug = { units: 5, revenue: 5 * MUG.price, cogs: 3 * MUG.cost + 2 * MUG.newCost };
    const tee = { units: 5, revenue: 5 * TEE.price, cogs: 5 * TEE.cost };
    const cap = { units: 1, revenue: CAP.price, cogs: CAP.cost };
    expect(r.rows).toEqual([
      { key: 'TEE', ...tee, margin: tee.revenue - tee.cogs },
      { key: 'MUG', ...mug, margin: mug.revenue - mug.cogs },
      { key: 'CAP', ...cap, margin: cap.revenue - cap.cogs },
    ]);
    const revenue = mug.revenue + tee.revenue + cap.revenue;
    expect(r.totals.revenue).toBe(revenue);
    expect(r.points.map((p: { revenue: number }) => p.revenue)).toEqual([
      0,
      3 * MUG.price + CAP.price,
      2 * MUG.price,
      5 * TEE.price,
      0,
    ]);
    const byChannel = await get(`/v1/insights/sales?${PERIOD}&by=channel`);
    expect(byChannel.rows.map((x: { key: string; units: number }) => [x.key, x.units])).toEqual([
      ['web', 3 + 5],
      ['', 2 + 1],
    ]);
    const web = await get(`/v1/insights/sales?${PERIOD}&channel=web`);
    expect(web.totals.revenue).toBe(3 * MUG.price + 5 * TEE.price);
  });

  it('computes turnover, days of inventory, sell-through and GMROI', async () => {
    const r = await get(`/v1/insights/summary?${PERIOD}`);
    const values = [
      10 * MUG.cost + 5 * TEE.cost + 20 * CAP.cost,
      11 * MUG.cost + 5 * TEE.cost + 19 * CAP.cost,
      9 * MUG.newCost + 5 * TEE.cost + 19 * CAP.cost,
      9 * MUG.newCost + 19 * CAP.cost,
      9 * MUG.newCost + 19 * CAP.cost,
    ];
    const average = values.reduce((a, b) => a + b) / 5;
    const cogs = 3 * MUG.cost + 2 * MUG.newCost + 5 * TEE.cost + CAP.cost;
    const revenue = 5 * MUG.price + 5 * TEE.price + CAP.price;
    expect(r.averageInventoryValue).toBe(average);
    expect(r.cogs).toBe(cogs);
    expect(r.turnover).toBeCloseTo(cogs / average, 12);
    expect(r.daysOfInventory).toBeCloseTo((5 * average) / cogs, 12);
    expect(r.sellThrough).toBeCloseTo(11 / (11 + 28), 12);
    expect(r.gmroi).toBeCloseTo((revenue - cogs) / average, 12);
  });

  it('classes SKUs ABC by revenue and XYZ by variability, and filters by class', async () => {
    const r = await get(`/v1/insights/classes?${PERIOD}&bucket=day`);
    // Revenue 100 (TEE), 50 (MUG), 10 (CAP) of 160: TEE starts at 0%, MUG at 62.5%, CAP at 93.75%.
    // Daily units: MUG 0,3,2,0,0 (mean 1, sd sqrt(1.6)), TEE 0,0,0,5,0 (sd 2), CAP 0,1,0,0,0 (sd 2).
    expect(r.rows.map((x: { sku: string; abc: string; xyz: string }) => [x.sku, x.abc, x.xyz])).toEqual([
      ['TEE', 'A', 'Z'],
      ['MUG', 'A', 'Z'],
      ['CAP', 'B', 'Z'],
    ]);
    expect(r.rows[1].cv).toBe(Math.round(Math.sqrt(1.6) * 1000) / 1000);
    const weekly = await get(`/v1/insights/classes?${PERIOD}&bucket=week&abc=A`);
    // One bucket: no variation, so X.
    expect(weekly.rows.map((x: { sku: string; xyz: string }) => [x.sku, x.xyz])).toEqual([
      ['TEE', 'X'],
      ['MUG', 'X'],
    ]);
  });

  it('counts days out of stock and the sales they lost, from the forecast', async () => {
    const r = await get(`/v1/insights/stockouts?${PERIOD}`);
    // TEE sold out on the 4th: out at the end of the 4th and the 5th.
    expect(r.rows).toEqual([
      {
        sku: 'TEE',
        name: 'Tee',
        daysOut: 2,
        forecastDaily: 2,
        lostUnits: 2 * 2,
        lostRevenue: 2 * 2 * TEE.price,
      },
    ]);
    expect(r.points.map((p: { skuDaysOut: number }) => p.skuDaysOut)).toEqual([0, 0, 0, 1, 1]);
  });

  it('scores the forecast against what was ordered', async () => {
    const r = await get(`/v1/insights/forecast-accuracy?${PERIOD}`);
    // The forecast of the 3rd said 2 for the 4th; 5 were ordered.
    expect(r.totals).toEqual({ forecast: 2, actual: 5, wape: 3 / 5, bias: -3 / 5 });
  });

  it('exports the same numbers as CSV', async () => {
    const json = await get(`/v1/insights/sales?${PERIOD}`);
    const res = await h.app.inject({
      method: 'GET',
      url: `/v1/insights/sales?${PERIOD}&format=csv`,
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    const lines = res.body.trim().split('\n');
    expect(lines[0]).toBe('sku,units,revenue,cogs,margin,currency');
    expect(lines.slice(1)).toEqual(
      json.rows.map((x: Record<string, number>) =>
        [x.key, x.units, x.revenue, x.cogs, x.margin, 'USD'].join(','),
      ),
    );
  });

  it('confines a limited operator to its warehouses and refuses bad input', async () => {
    const { key } = await createApiKey(h.ctx, { name: 'ams only', role: 'operator', warehouses: ['AMS'] });
    const auth = { authorization: `Bearer ${key}` };
    const mine = await h.call('GET', `/v1/insights/stock?${PERIOD}`, undefined, auth);
    expect(mine.status).toBe(200);
    expect(mine.body.points[4].onHand).toBe(4);
    const other = await h.call('GET', `/v1/insights/stock?${PERIOD}&warehouse=LON`, undefined, auth);
    expect(other.status).toBe(403);
    expect((await h.call('GET', '/v1/insights/stock?from=2030-01-05&to=2030-01-01')).body.error.code).toBe(
      'invalid_period',
    );
    // Not a real day: refused by the schema, like every date in the API.
    expect((await h.call('GET', '/v1/insights/stock?from=2030-02-30')).body.error.code).toBe(
      'invalid_request',
    );
    // Over three years.
    expect((await h.call('GET', '/v1/insights/stock?from=2020-01-01&to=2030-01-01')).body.error.code).toBe(
      'invalid_period',
    );
    expect((await h.call('GET', '/v1/insights/sales?from=9999-12-31&to=9999-12-31')).body.error.code).toBe(
      'invalid_period',
    );
    expect((await h.call('GET', '/v1/insights/sales?warehouse=NOPE')).status).toBe(404);
    expect((await h.call('GET', '/v1/insights/sales?supplier=NOPE')).body.error.code).toBe(
      'unknown_supplier',
    );
  });

  it('ages stock by FIFO layers and finds dead stock', async () => {
    at('2030-02-14T10:00:00Z');
    await ok('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 2 }] });
    const r = await get('/v1/insights/ageing');
    // LON MUG: 5 left + 2 new; the newest 2 are fresh, the other 5 from Jan 1 (44 days).
    // AMS MUG: 4 from Jan 2 (43 days). CAP: 19 from Jan 1.
    expect(r.bands.map((b: { band: string; units: number }) => [b.band, b.units])).toEqual([
      ['0-30', 2],
      ['31-60', 5 + 4 + 19],
      ['61-90', 0],
      ['91-180', 0],
      ['181+', 0],
    ]);
    expect(r.bands[1].value).toBe(9 * MUG.newCost + 19 * CAP.cost);
    const mug = r.rows.find((x: { sku: string }) => x.sku === 'MUG');
    expect(mug).toMatchObject({ units: 11, value: 11 * MUG.newCost, oldestDays: 44, bands: [2, 9, 0, 0, 0] });
    // No sale in 30 days: everything held (the last sales were in early January).
    const dead = await get('/v1/insights/dead-stock?days=30');
    expect(dead.rows.map((x: { sku: string; value: number }) => [x.sku, x.value])).toEqual([
      ['MUG', 11 * MUG.newCost],
      ['CAP', 19 * CAP.cost],
    ]);
    expect(dead.value).toBe(11 * MUG.newCost + 19 * CAP.cost);
    expect((await get('/v1/insights/dead-stock?days=60')).skus).toBe(0);
  });

  it('filters every report by category (with the categories under it) and by product', async () => {
    await ok('PUT', '/v1/categories/home', { name: 'Home' });
    await ok('PUT', '/v1/categories/kitchen', { name: 'Kitchen', parent: 'home' });
    await ok('PUT', '/v1/categories/apparel', { name: 'Apparel' });
    await ok('PUT', '/v1/products/wear', { name: 'Wear', categories: ['apparel'] });
    // MUG is in kitchen itself; TEE and CAP are in apparel through their product.
    const patched = await h.call('PATCH', '/v1/skus', {
      items: [
        { sku: 'MUG', categories: ['kitchen'] },
        { sku: 'TEE', product: 'wear' },
        { sku: 'CAP', product: 'wear' },
      ],
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    type Row = { key: string; units: number };
    const home = await get(`/v1/insights/sales?${PERIOD}&category=home`);
    expect(home.rows.map((x: Row) => x.key)).toEqual(['MUG']);
    expect(home.totals).toEqual({
      units: 5,
      revenue: 5 * MUG.price,
      cogs: 3 * MUG.cost + 2 * MUG.newCost,
      margin: 5 * MUG.price - (3 * MUG.cost + 2 * MUG.newCost),
    });
    const apparel = await get(`/v1/insights/sales?${PERIOD}&category=apparel`);
    expect(apparel.rows.map((x: Row) => x.key)).toEqual(['TEE', 'CAP']);
    // By product: the stock of TEE and CAP only.
    const wear = await get(`/v1/insights/stock?${PERIOD}&product=wear`);
    expect(wear.points.map((p: { value: number }) => p.value)).toEqual([
      5 * TEE.cost + 20 * CAP.cost,
      5 * TEE.cost + 19 * CAP.cost,
      5 * TEE.cost + 19 * CAP.cost,
      19 * CAP.cost,
      19 * CAP.cost,
    ]);
    // Both filters: no SKU is in kitchen and a variant of wear.
    const none = await get(`/v1/insights/sales?${PERIOD}&category=home&product=wear`);
    expect(none.totals.units).toBe(0);
    const classes = await get(`/v1/insights/classes?${PERIOD}&category=kitchen`);
    expect(classes.rows.map((x: { sku: string }) => x.sku)).toEqual(['MUG']);
    const outs = await get(`/v1/insights/stockouts?${PERIOD}&category=home`);
    expect(outs.rows).toEqual([]);
    expect(
      (await get(`/v1/insights/stockouts?${PERIOD}&product=wear`)).rows.map((x: { sku: string }) => x.sku),
    ).toEqual(['TEE']);
    const dead = await get('/v1/insights/dead-stock?days=30&category=apparel');
    expect(dead.rows.map((x: { sku: string }) => x.sku)).toEqual(['CAP']);
    const ageing = await get('/v1/insights/ageing?category=home');
    expect(ageing.rows.map((x: { sku: string }) => x.sku)).toEqual(['MUG']);
    const accuracy = await get(`/v1/insights/forecast-accuracy?${PERIOD}&category=home`);
    expect(accuracy.totals).toEqual({ forecast: 0, actual: 0, wape: null, bias: null });
    const wearAccuracy = await get(`/v1/insights/forecast-accuracy?${PERIOD}&product=wear`);
    expect(wearAccuracy.totals).toEqual({ forecast: 2, actual: 5, wape: 3 / 5, bias: -3 / 5 });
    const summary = await get(`/v1/insights/summary?${PERIOD}&product=wear`);
    expect(summary.cogs).toBe(5 * TEE.cost + 1 * CAP.cost);
    // Unknown codes are refused, not answered with zeros.
    expect((await h.call('GET', `/v1/insights/stock?${PERIOD}&category=nope`)).body.error.code).toBe(
      'unknown_category',
    );
    expect((await h.call('GET', `/v1/insights/stock?${PERIOD}&product=nope`)).body.error.code).toBe(
      'unknown_product',
    );
  });
});
