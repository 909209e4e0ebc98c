/**
 * Standing orders: SKU lines on a schedule. Each delivery is reserved as an ordinary order
 * `reserveDaysAhead` days before its day, exactly once; short stock is retried until the day,
 * then the delivery is recorded as missed. Deliveries not reserved yet are committed future
 * demand: the committed-demand read and replenishment's outlook, and the forecast's history
 * leaves their reservations out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertSweep } from '../../src/app/alerts.ts';
import { createApiKey } from '../../src/app/api-keys.ts';
import { reserveDueDeliveries, SHORT_RETRY_MS } from '../../src/app/standing-orders.ts';
import { orderedUnitsByDayOf } from '../../src/db/demand.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

const DAY = 86_400_000;

describe.each(backends())('standing orders on $name', (backend) => {
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
  const get = async (path: string) => {
    const r = await h.call('GET', path);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body;
  };
  const reserved = async (sku: string) =>
    (await get(`/v1/stock/${sku}`)).positions.find((p: { warehouse: string }) => p.warehouse === 'LON')
      .reserved as number;

  beforeAll(async () => {
    h = await startHarness(backend);
    await ok('PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk' });
    await ok('PUT', '/v1/warehouses/AMS', { name: 'Amsterdam', region: 'eu' });
    await ok('PUT', '/v1/skus/MUG', { name: 'Mug', price: 10 });
    await ok('PUT', '/v1/skus/TEE', { name: 'Tee', price: 20 });
    await ok('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 10 },
        { sku: 'TEE', qty: 1 },
      ],
    });
  });
  afterAll(() => h.close());

  it('takes SKU lines, a schedule and a customer reference; shows the next deliveries', async () => {
    // 2030-01-01 is a Tuesday: every Saturday from the 5th, reserved two days ahead.
    const r = await h.call('PUT', '/v1/standing-orders/weekly-1', {
      customer: 'C-42',
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 2 },
        { sku: 'TEE', qty: 1 },
      ],
      schedule: { startsOn: '2030-01-05', everyDays: 7 },
      reserveDaysAhead: 2,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({
      id: 'weekly-1',
      customer: 'C-42',
      status: 'active',
      nextDeliveryOn: '2030-01-05',
      schedule: { startsOn: '2030-01-05', everyDays: 7, endsOn: null },
      deliveries: [],
    });
    expect(r.body.upcoming.slice(0, 2)).toEqual([
      { deliveryOn: '2030-01-05', reserveOn: '2030-01-03', orderId: 'so:weekly-1:2030-01-05' },
      { deliveryOn: '2030-01-12', reserveOn: '2030-01-10', orderId: 'so:weekly-1:2030-01-12' },
    ]);
    const committed = await get('/v1/committed-demand?days=14');
    expect(committed.items).toEqual([
      { sku: 'MUG', warehouse: 'LON', deliveryOn: '2030-01-05', units: 2 },
      { sku: 'MUG', warehouse: 'LON', deliveryOn: '2030-01-12', units: 2 },
      { sku: 'TEE', warehouse: 'LON', deliveryOn: '2030-01-05', units: 1 },
      { sku: 'TEE', warehouse: 'LON', deliveryOn: '2030-01-12', units: 1 },
    ]);
    expect((await get('/v1/standing-orders?customer=C-42')).items.map((s: { id: string }) => s.id)).toEqual([
      'weekly-1',
    ]);
    expect((await get('/v1/standing-orders?sku=TEE')).items).toHaveLength(1);
    expect((await get('/v1/standing-orders?customer=C-1')).items).toEqual([]);
  });

  it('shows deliveries not reserved yet as committed in availability, S unchanged', async () => {
    // Jan 1, the default look-ahead of 7 days: the 5th's delivery (2 mugs, 1 tee).
    const mug = await get('/v1/availability/MUG');
    expect(mug).toMatchObject({ sellable: 10, inStock: true, committed: 2, promisable: 8, committedDays: 7 });
    expect(mug.options).toMatchObject([{ warehouse: 'LON', sellable: 10, committed: 2, promisable: 8 }]);
    // Two weeks ahead: the 12th too. The one tee is promised: nothing left to promise.
    const batch = await ok('POST', '/v1/availability', { skus: ['MUG', 'TEE'], committedDays: 14 });
    expect(
      batch.items.map((a: { sku: string; sellable: number; committed: number; promisable: number }) => [
        a.sku,
        a.sellable,
        a.committed,
        a.promisable,
      ]),
    ).toEqual([
      ['MUG', 10, 4, 6],
      ['TEE', 1, 2, 0],
    ]);
    // No look-ahead: nothing committed; a look-ahead past the limit is refused.
    expect(await get('/v1/availability/TEE?committedDays=0')).toMatchObject({ committed: 0, promisable: 1 });
    const tooFar = await h.call('GET', '/v1/availability/TEE?committedDays=367');
    expect(tooFar.body.error?.code).toBe('invalid_request');
  });

  it('refuses bad input with stable codes and changes nothing', async () => {
    const body = {
      customer: 'C-9',
      warehouse: 'LON',
      lines: [{ sku: 'MUG', qty: 1 }],
      schedule: { startsOn: '2030-01-05', everyDays: 7 },
    };
    const cases: [unknown, string][] = [
      [
        { ...body, schedule: { startsOn: '2030-01-05', everyDays: 7, endsOn: '2030-01-01' } },
        'invalid_schedule',
      ],
      [{ ...body, schedule: { startsOn: '2030-01-05', everyDays: 0 } }, 'invalid_request'],
      [{ ...body, lines: [{ sku: 'GHOST', qty: 1 }] }, 'unknown_sku'],
      [{ ...body, warehouse: 'NOPE' }, 'unknown_warehouse'],
      [{ ...body, channel: 'nope' }, 'unknown_channel'],
      [
        {
          ...body,
          lines: [
            { sku: 'MUG', qty: 1 },
            { sku: 'MUG', qty: 2 },
          ],
        },
        'invalid_request',
      ],
      [{ ...body, lines: [] }, 'invalid_request'],
    ];
    for (const [b, code] of cases) {
      const r = await h.call('PUT', '/v1/standing-orders/bad-1', b);
      expect(r.body.error?.code, JSON.stringify(r.body)).toBe(code);
    }
    expect((await h.call('GET', '/v1/standing-orders/bad-1')).body.error.code).toBe('unknown_standing_order');
    // A limited operator may not place one at another warehouse.
    const { key } = await createApiKey(h.ctx, { name: 'ams', role: 'operator', warehouses: ['AMS'] });
    const auth = { authorization: `Bearer ${key}` };
    expect((await h.call('PUT', '/v1/standing-orders/bad-1', body, auth)).status).toBe(403);
    expect((await h.call('GET', '/v1/standing-orders/weekly-1', undefined, auth)).status).toBe(403);
    expect((await h.call('GET', '/v1/standing-orders', undefined, auth)).body.items).toEqual([]);
  });

  it('reserves each delivery once, its reserve-days-ahead before the day', async () => {
    expect((await reserveDueDeliveries(h.ctx)).reserved).toEqual([]);
    at('2030-01-03T06:00:00Z');
    expect(await reserveDueDeliveries(h.ctx)).toMatchObject({
      reserved: ['so:weekly-1:2030-01-05'],
      short: [],
      missed: [],
    });
    // Again (another process, a restart): nothing more.
    expect((await reserveDueDeliveries(h.ctx)).claimed).toBe(0);
    expect(await reserved('MUG')).toBe(2);
    expect(await reserved('TEE')).toBe(1);
    const order = await get('/v1/orders/so:weekly-1:2030-01-05');
    expect(order.status).toBe('reserved');
    const so = await get('/v1/standing-orders/weekly-1');
    expect(so.nextDeliveryOn).toBe('2030-01-12');
    expect(so.deliveries).toMatchObject([
      { deliveryOn: '2030-01-05', orderId: 'so:weekly-1:2030-01-05', status: 'reserved', attempts: 1 },
    ]);
    // Committed future demand now starts with the next delivery.
    expect(
      (await get('/v1/committed-demand?sku=MUG&days=14')).items.map(
        (i: { deliveryOn: string }) => i.deliveryOn,
      ),
    ).toEqual(['2030-01-12']);
    // Once reserved, the 5th's units are out of S and no longer committed: never counted twice.
    expect(await get('/v1/availability/MUG?committedDays=14')).toMatchObject({
      sellable: 8,
      committed: 2, // the 12th (Jan 3 to 16)
      promisable: 6,
    });
    // The forecast's history leaves the standing order's reservation out.
    expect((await orderedUnitsByDayOf(h.db, ['MUG'], 'LON')).get('MUG')).toEqual([]);
  });

  it('retries a short delivery until its day, then records it as missed and moves on', async () => {
    // The only tee is reserved for the 5th: the 12th is short, and nothing is reserved for it.
    at('2030-01-10T06:00:00Z');
    expect((await reserveDueDeliveries(h.ctx)).short).toEqual(['so:weekly-1:2030-01-12']);
    expect(await reserved('MUG')).toBe(2);
    let so = await get('/v1/standing-orders/weekly-1');
    expect(so.deliveries[0]).toMatchObject({
      deliveryOn: '2030-01-12',
      orderId: null,
      status: 'short',
      details: { code: 'insufficient_stock' },
    });
    // Not tried again before the retry time.
    expect((await reserveDueDeliveries(h.ctx)).claimed).toBe(0);
    h.advance(SHORT_RETRY_MS);
    expect((await reserveDueDeliveries(h.ctx)).short).toEqual(['so:weekly-1:2030-01-12']);
    // The day has not passed: no alert yet.
    await alertSweep(h.ctx);
    expect((await get('/v1/alerts?kind=standing_order_missed')).items).toEqual([]);
    // Its day passes: missed, with what the last attempt met; the next delivery is the 19th.
    at('2030-01-13T01:00:00Z');
    // The alert does not wait for the loop to record the miss.
    await alertSweep(h.ctx);
    const [missedAlert] = (await get('/v1/alerts?kind=standing_order_missed')).items;
    expect(missedAlert).toMatchObject({
      subject: 'standing-order:weekly-1',
      warehouse: 'LON',
      status: 'open',
      details: {
        standingOrder: 'weekly-1',
        customer: 'C-42',
        missedOn: '2030-01-12',
        missedInARow: 1,
        reason: 'insufficient_stock',
        shortLines: [{ sku: 'TEE', qty: 1, sellable: 0 }],
      },
    });
    expect((await reserveDueDeliveries(h.ctx)).missed).toEqual(['so:weekly-1:2030-01-12']);
    so = await get('/v1/standing-orders/weekly-1');
    expect(so.nextDeliveryOn).toBe('2030-01-19');
    expect(so.deliveries[0]).toMatchObject({
      deliveryOn: '2030-01-12',
      status: 'missed',
      attempts: 2,
      details: { code: 'insufficient_stock' },
    });
    // Stock arrives; the 19th is reserved on the 17th.
    await ok('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'TEE', qty: 5 }] });
    at('2030-01-17T06:00:00Z');
    expect((await reserveDueDeliveries(h.ctx)).reserved).toEqual(['so:weekly-1:2030-01-19']);
    expect(await reserved('MUG')).toBe(4);
    // Served again: the alert resolves itself, and one sweep more opens nothing.
    await alertSweep(h.ctx);
    await alertSweep(h.ctx);
    const after = (await get('/v1/alerts?kind=standing_order_missed&status=resolved')).items;
    expect(after.map((a: { alertId: string }) => a.alertId)).toEqual([missedAlert.alertId]);
    expect((await get('/v1/alerts?kind=standing_order_missed&status=open')).items).toEqual([]);
  });

  it('counts deliveries not reserved yet as known demand in replenishment', async () => {
    await ok('PUT', '/v1/suppliers/ACME', {
      name: 'Acme',
      leadTimeDays: 5,
      serviceLevel: 0.95,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 1,
    });
    await ok('PUT', '/v1/replenishment/policies/MUG/LON', { supplier: 'ACME' });
    const r = await get('/v1/replenishment?sku=MUG&warehouse=LON');
    const [row] = r.items;
    // Today is the 17th; lead time plus review period is 12 days: the 26th (in 9 days) falls in
    // it, Feb 2 (16 days) does not. No other demand: the forecast has nothing to learn from.
    expect(row.committed).toBe(2);
    expect(row.leadTimeDemand).toBe(0);
    expect(row.orderUpTo).toBe(2);
    // 10 on hand, 4 reserved (the 5th and the 19th).
    expect(row.inventoryPosition).toBe(6);
    expect(row.needed).toBe(false);
  });

  it('pauses, changes and cancels; a cancel releases the deliveries reserved ahead', async () => {
    const body = {
      customer: 'C-42',
      warehouse: 'LON',
      lines: [{ sku: 'MUG', qty: 3 }],
      schedule: { startsOn: '2030-01-05', everyDays: 7 },
      reserveDaysAhead: 2,
    };
    const paused = await ok('PUT', '/v1/standing-orders/weekly-1', { ...body, status: 'paused' });
    // The 19th stays reserved (with its two lines); the change applies from the 26th.
    expect(paused).toMatchObject({ status: 'paused', nextDeliveryOn: '2030-01-26', upcoming: [] });
    at('2030-01-24T06:00:00Z');
    expect((await reserveDueDeliveries(h.ctx)).claimed).toBe(0);
    expect((await get('/v1/committed-demand?sku=MUG')).items).toEqual([]);
    const active = await ok('PUT', '/v1/standing-orders/weekly-1', body);
    expect(active.nextDeliveryOn).toBe('2030-01-26');
    expect((await reserveDueDeliveries(h.ctx)).reserved).toEqual(['so:weekly-1:2030-01-26']);
    expect(await reserved('MUG')).toBe(4 + 3);
    // Cancel on the 25th: the 26th's order is released; the past ones stay as they are.
    h.advance(DAY);
    const cancelled = await ok('POST', '/v1/standing-orders/weekly-1/cancel', {});
    expect(cancelled).toMatchObject({ status: 'cancelled', nextDeliveryOn: null, upcoming: [] });
    expect((await get('/v1/orders/so:weekly-1:2030-01-26')).status).toBe('released');
    expect(await reserved('MUG')).toBe(4);
    // A cancelled standing order stays cancelled.
    expect((await h.call('PUT', '/v1/standing-orders/weekly-1', body)).body.error.code).toBe('invalid_state');
    expect((await ok('POST', '/v1/standing-orders/weekly-1/cancel', {})).status).toBe('cancelled');
  });
});
