/**
 * Replenishment through the API on imported demand history: the suggestion's figures, incoming
 * and inbound transfers counted, backorders owed, a suggestion turned into a purchase order
 * once (a second call finds nothing to order), the CSV export, stored forecasts refreshed when
 * a day old, and bad input refused.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fromToday } from '../../src/app/replenishment.ts';
import { backends } from '../helpers/backends.ts';
import {
  seedCatalogue,
  startHarness,
  type Harness,
  type Reply,
  importDemandCsv,
} from '../helpers/harness.ts';

const DAY = 86_400_000;

describe.each(backends())('replenishment on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['STEADY', 'IDLE', 'OWED']);
    await ok(h.call('PUT', '/v1/suppliers/ACME', { name: 'Acme', leadTimeDays: 10, reviewPeriodDays: 5 }));
    for (const sku of ['STEADY', 'IDLE', 'OWED'])
      await ok(h.call('PUT', `/v1/replenishment/policies/${sku}/LON`, { supplier: 'ACME' }));
    // 4 units a day, every day, for 120 days up to yesterday.
    const lines = Array.from({ length: 120 }, (_, i) => {
      const day = new Date(h.now().getTime() - (120 - i) * DAY).toISOString().slice(0, 10);
      return `${day},STEADY,4,LON`;
    });
    const imported = await importDemandCsv(h, `date,sku,units,warehouse\n${lines.join('\n')}\n`);
    expect(imported.status).toBe(201);
    await ok(
      h.call('POST', '/v1/receipts', {
        warehouse: 'LON',
        lines: [
          { sku: 'STEADY', qty: 30 },
          { sku: 'IDLE', qty: 50 },
        ],
      }),
    );
  });
  afterAll(() => h.close());

  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const row = async (sku: string) => {
    const r = await ok(h.call('GET', `/v1/replenishment?warehouse=LON&sku=${sku}`));
    expect(r.body.items).toHaveLength(1);
    return r.body.items[0];
  };

  it('suggests from the forecast: lead-time demand, order-up-to, and what is already there', async () => {
    const steady = await row('STEADY');
    // A constant series is forecast exactly, so its error (and safety stock) is 0:
    // reorder point 4 x 10 = 40, order-up-to 4 x 15 = 60, position 30.
    expect(steady.forecast).toMatchObject({ dailyMean: 4, dailyErrorSd: 0 });
    expect(steady).toMatchObject({
      policy: { supplier: 'ACME', leadTimeDays: 10, reviewPeriodDays: 5, serviceLevel: 0.95 },
      leadTimeDemand: 40,
      safetyStock: 0,
      reorderPoint: 40,
      orderUpTo: 60,
      inventoryPosition: 30,
      needed: true,
      suggestedQty: 30,
      reorderInDays: 0,
      reorderBy: h.now().toISOString().slice(0, 10),
      forecastPending: false,
    });
    expect(steady.daysOfCover).toBeCloseTo(7.5, 5);

    const idle = await row('IDLE');
    expect(idle).toMatchObject({
      needed: false,
      suggestedQty: 0,
      daysOfCover: null,
      forecast: { dailyMean: 0 },
    });
  });

  it('takes safety stock from the stored error paths, summed over lead time plus review period', async () => {
    await row('STEADY');
    const where = `where sku = 'STEADY' and warehouse = 'LON'`;
    const before = await h.db.query(`select daily_errors, daily_error_paths from demand_forecasts ${where}`);
    try {
      // Paths say the forecast ran 2 a day low (3 origins x 10 days); the sorted errors say 3
      // too high. The sum over L + R = 15 days is 15 x 2 = 30 (under the 60 the bound allows),
      // so the paths are what is read; without them the sorted errors would give 0.
      const paths = Array.from({ length: 3 }, () => new Array<number>(10).fill(2));
      await h.db.query(`update demand_forecasts set daily_errors = $1, daily_error_paths = $2 ${where}`, [
        new Array<number>(30).fill(-3),
        JSON.stringify(paths),
      ]);
      expect((await row('STEADY')).safetyStock).toBe(30);
      await h.db.query(`update demand_forecasts set daily_error_paths = '[]' ${where}`);
      expect((await row('STEADY')).safetyStock).toBe(0);
    } finally {
      const [r] = before.rows as { daily_errors: number[]; daily_error_paths: number[][] }[];
      await h.db.query(`update demand_forecasts set daily_errors = $1, daily_error_paths = $2 ${where}`, [
        r!.daily_errors,
        JSON.stringify(r!.daily_error_paths),
      ]);
    }
  });

  it('totals the whole list under a filter: count, to order now, units and value', async () => {
    await ok(h.call('PUT', '/v1/skus/STEADY', { name: 'Steady', unitCost: 2.5 }));
    const rows = (await ok(h.call('GET', '/v1/replenishment?warehouse=LON&limit=1000'))).body.items as {
      needed: boolean;
      suggestedQty: number;
      unitCost: number | null;
      forecastPending: boolean;
    }[];
    const needed = rows.filter((r) => r.needed);
    const totals = (await ok(h.call('GET', '/v1/replenishment/totals?warehouse=LON'))).body;
    expect(totals).toEqual({
      positions: rows.length,
      needed: needed.length,
      forecastPending: rows.filter((r) => r.forecastPending).length,
      suggestedUnits: needed.reduce((n, r) => n + r.suggestedQty, 0),
      suggestedValue: needed.reduce((n, r) => n + r.suggestedQty * (r.unitCost ?? 0), 0),
      neededWithoutCost: needed.filter((r) => r.unitCost === null).length,
      currency: 'USD',
    });
    expect(totals.needed).toBeGreaterThan(0);
    expect(totals.suggestedValue).toBe(30 * 2.5); // STEADY: 30 units at 2.50
    const one = (await ok(h.call('GET', '/v1/replenishment/totals?sku=IDLE'))).body;
    expect(one).toMatchObject({ positions: 1, needed: 0, suggestedUnits: 0, suggestedValue: 0 });
    const unknown = await h.call('GET', '/v1/replenishment/totals?supplier=NOBODY');
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown_supplier']);
  });

  it('counts incoming purchase orders and inbound transfers in the position', async () => {
    const po = (
      await ok(
        h.call('POST', '/v1/purchase-orders', {
          supplier: 'ACME',
          warehouse: 'LON',
          lines: [{ sku: 'STEADY', qty: 6 }],
        }),
      )
    ).body;
    await ok(h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'STEADY', qty: 3 }] }));
    const transfer = await ok(
      h.call('POST', '/v1/transfers', { from: 'AMS', to: 'LON', lines: [{ sku: 'STEADY', qty: 3 }] }),
    );
    const steady = await row('STEADY');
    expect(steady.stock).toMatchObject({ onHand: 30, incoming: 6, inboundTransfers: 3 });
    expect(steady).toMatchObject({ inventoryPosition: 39, needed: true, suggestedQty: 21 });
    await ok(h.call('POST', `/v1/purchase-orders/${po.poId}/close`, { cancel: true }));
    await ok(h.call('POST', `/v1/transfers/${transfer.body.transferId}/cancel`, {}));
    expect((await row('STEADY')).inventoryPosition).toBe(30);
  });

  it('owes backorders even without demand history', async () => {
    await ok(h.call('PUT', '/v1/virtual/OWED/LON', { virtual: 5 }));
    await ok(h.call('POST', '/v1/orders', { orderId: 'bo-1', lines: [{ sku: 'OWED', qty: 3 }] }));
    const owed = await row('OWED');
    expect(owed.stock).toMatchObject({ reserved: 3, backorders: 3, virtual: 5 });
    expect(owed).toMatchObject({ inventoryPosition: -3, needed: true });
    expect(owed.suggestedQty).toBeGreaterThanOrEqual(3);
  });

  it('turns the suggestions into one purchase order, once', async () => {
    const needed = (await ok(h.call('GET', '/v1/replenishment?warehouse=LON&supplier=ACME&onlyNeeded=true')))
      .body.items;
    expect(needed.map((r: { sku: string }) => r.sku).sort()).toEqual(['OWED', 'STEADY']);
    const po = await ok(
      h.call('POST', '/v1/replenishment/purchase-orders', { warehouse: 'LON', supplier: 'ACME' }),
    );
    expect(po.status).toBe(201);
    expect(po.body.lines.map((l: { sku: string; ordered: number }) => [l.sku, l.ordered]).sort()).toEqual(
      needed.map((r: { sku: string; suggestedQty: number }) => [r.sku, r.suggestedQty]).sort(),
    );
    expect(Date.parse(po.body.expectedAt) - h.now().getTime()).toBe(10 * DAY);
    const steady = await row('STEADY');
    expect(steady).toMatchObject({ needed: false, suggestedQty: 0, inventoryPosition: 60 });
    expect(steady.stock.incoming).toBe(30);
    const again = await h.call('POST', '/v1/replenishment/purchase-orders', {
      warehouse: 'LON',
      supplier: 'ACME',
    });
    expect([again.status, again.body.error.code]).toEqual([409, 'nothing_to_order']);
    const none = (await ok(h.call('GET', '/v1/replenishment?warehouse=LON&onlyNeeded=true'))).body.items;
    expect(none).toEqual([]);
  });

  it('exports every row as CSV', async () => {
    const res = await h.app.inject({
      method: 'GET',
      url: '/v1/replenishment?warehouse=LON&format=csv',
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const [header, ...rows] = res.body.trim().split('\n');
    const cols = header!.split(',');
    expect(cols.slice(0, 5)).toEqual(['sku', 'warehouse', 'supplier', 'needed', 'suggestedQty']);
    const steady = rows.map((r) => r.split(',')).find((r) => r[0] === 'STEADY')!;
    expect(steady[cols.indexOf('orderUpTo')]).toBe('60');
    expect(steady[cols.indexOf('incoming')]).toBe('30');
    expect(rows).toHaveLength(3);
  });

  it('refreshes stored forecasts once they are a day old', async () => {
    // The listings above computed LON's; AMS's position has none yet.
    const missing = await ok(h.call('POST', '/v1/replenishment/refresh', {}));
    expect(missing.body).toEqual({ refreshed: 1, more: false });
    const fresh = await ok(h.call('POST', '/v1/replenishment/refresh', {}));
    expect(fresh.body).toEqual({ refreshed: 0, more: false });
    h.advance(DAY + 1000);
    const stale = await ok(h.call('POST', '/v1/replenishment/refresh', { limit: 2 }));
    expect(stale.body).toEqual({ refreshed: 2, more: true });
    const rest = await ok(h.call('POST', '/v1/replenishment/refresh', {}));
    expect(rest.body.more).toBe(false);
    expect((await row('STEADY')).forecast.computedAt).toBe(h.now().toISOString());
  });

  it('refreshes a forecast whose policy changed, since its horizon may no longer do', async () => {
    h.advance(60_000);
    // 40 + 5 + 7 days is past the 28 stored: the change flags the forecast, the listing refits it.
    await ok(h.call('PUT', '/v1/replenishment/policies/STEADY/LON', { supplier: 'ACME', leadTimeDays: 40 }));
    const steady = await row('STEADY');
    expect(steady.forecast.computedAt).toBe(h.now().toISOString());
    // About 4 a day over 40 days (the history now ends with the ledger's first day, no sales).
    expect(steady.policy.leadTimeDays).toBe(40);
    expect(steady.leadTimeDemand).toBeGreaterThan(0.8 * 160);
    expect(steady.orderUpTo).toBeGreaterThan(steady.leadTimeDemand);
    await ok(h.call('PUT', '/v1/suppliers/ACME', { name: 'Acme', leadTimeDays: 10, reviewPeriodDays: 5 }));
    expect((await ok(h.call('POST', '/v1/replenishment/refresh', {}))).body.refreshed).toBeGreaterThanOrEqual(
      3,
    );
    await ok(h.call('PUT', '/v1/replenishment/policies/STEADY/LON', { supplier: 'ACME' }));
  });

  it('refuses unknown filters and bad quantities with stable codes', async () => {
    const supplier = await h.call('GET', '/v1/replenishment?supplier=NOPE');
    expect([supplier.status, supplier.body.error.code]).toEqual([404, 'unknown_supplier']);
    const warehouse = await h.call('GET', '/v1/replenishment?warehouse=NOPE&format=csv');
    expect([warehouse.status, warehouse.body.error.code]).toEqual([404, 'unknown_warehouse']);
    const order = await h.call('POST', '/v1/replenishment/purchase-orders', {
      warehouse: 'LON',
      supplier: 'NOPE',
    });
    expect([order.status, order.body.error.code]).toEqual([404, 'unknown_supplier']);
    const sku = await h.call('POST', '/v1/replenishment/purchase-orders', {
      warehouse: 'LON',
      supplier: 'ACME',
      skus: ['NOPE'],
    });
    expect([sku.status, sku.body.error.code]).toEqual([404, 'unknown_sku']);
  });
});

describe('a stored forecast read on a later day', () => {
  const computedAt = new Date('2030-01-01T10:00:00Z');
  it('starts from today, not from the day it was computed', () => {
    expect(fromToday({ computedAt, daily: [1, 2, 3, 4] }, new Date('2030-01-01T23:00:00Z'))).toEqual([
      1, 2, 3, 4,
    ]);
    expect(fromToday({ computedAt, daily: [1, 2, 3, 4] }, new Date('2030-01-03T01:00:00Z'))).toEqual([3, 4]);
  });
  it('keeps its last day once today is past its end', () => {
    expect(fromToday({ computedAt, daily: [1, 2, 3, 4] }, new Date('2030-02-01T00:00:00Z'))).toEqual([4]);
  });
});
