/**
 * The contingency alerts: a purchase order past its expected date (with the positions it
 * leaves short), a warehouse near its capacity, stock ageing past its warehouse's threshold.
 * Each opens at the sweep when its condition starts and resolves when it ends.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertSweep } from '../../src/app/alerts.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

const DAY = 86_400_000;

describe.each(backends())('contingency alerts on $name', (backend) => {
  let h: Harness;
  const ok = async (method: 'POST' | 'PUT', path: string, body: unknown) => {
    const r = await h.call(method, path, body);
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r.body;
  };
  const active = async (kind: string) => {
    await alertSweep(h.ctx);
    const r = await h.call('GET', `/v1/alerts?kind=${kind}`);
    expect(r.status).toBe(200);
    return (r.body.items as { subject: string; status: string; details: Record<string, unknown> }[]).filter(
      (a) => a.status !== 'resolved',
    );
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    await ok('PUT', '/v1/warehouses/LON', {
      name: 'London',
      region: 'uk',
      capacityUnits: 100,
      capacityAlertPercent: 80,
    });
    await ok('PUT', '/v1/warehouses/AMS', { name: 'Amsterdam', region: 'eu' });
    await ok('PUT', '/v1/skus/MUG', { name: 'Mug' });
    await ok('PUT', '/v1/suppliers/ACME', {
      name: 'Acme',
      leadTimeDays: 5,
      serviceLevel: 0.95,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 1,
    });
  });
  afterAll(() => h.close());

  it('opens warehouse_near_capacity at the alert percent and resolves below it', async () => {
    const warehouse = (await h.call('GET', '/v1/warehouses/LON')).body;
    expect(warehouse).toMatchObject({ capacityUnits: 100, capacityAlertPercent: 80, ageingAlertDays: null });
    await ok('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 79 }] });
    expect(await active('warehouse_near_capacity')).toEqual([]);
    await ok('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1 }] });
    const [near] = await active('warehouse_near_capacity');
    expect(near).toMatchObject({
      subject: 'warehouse:LON',
      details: { onHand: 80, capacityUnits: 100, usedPercent: 80, thresholdPercent: 80 },
    });
    await ok('POST', '/v1/adjustments', { warehouse: 'LON', sku: 'MUG', delta: -1, reason: 'count' });
    expect(await active('warehouse_near_capacity')).toEqual([]);
  });

  it("watches capacity by volume: on hand x each SKU's litres, SKUs without a volume named", async () => {
    await ok('PUT', '/v1/warehouses/VOL', { name: 'Small store', region: 'uk', capacityLitres: 50 });
    expect((await h.call('GET', '/v1/warehouses/VOL')).body).toMatchObject({
      capacityUnits: null,
      capacityLitres: 50,
    });
    await ok('PUT', '/v1/skus/BOX', { name: 'Box', volumeLitres: 2.5 });
    await ok('PUT', '/v1/skus/PIN', { name: 'Pin' });
    expect((await h.call('GET', '/v1/skus/BOX')).body.volumeLitres).toBe(2.5);
    // 17 boxes: 42.5 l of 50, under 90%. Pins have no volume: counted as none, and said so.
    await ok('POST', '/v1/receipts', {
      warehouse: 'VOL',
      lines: [
        { sku: 'BOX', qty: 17 },
        { sku: 'PIN', qty: 500 },
      ],
    });
    expect((await active('warehouse_near_capacity')).map((a) => a.subject)).not.toContain('warehouse:VOL');
    await ok('POST', '/v1/receipts', { warehouse: 'VOL', lines: [{ sku: 'BOX', qty: 1 }] });
    const near = (await active('warehouse_near_capacity')).find((a) => a.subject === 'warehouse:VOL');
    expect(near?.details).toEqual({
      over: ['volume'],
      onHand: 518,
      capacityUnits: null,
      usedPercent: null,
      volumeLitres: 18 * 2.5,
      capacityLitres: 50,
      usedVolumePercent: 90,
      skusWithoutVolume: 1,
      thresholdPercent: 90,
    });
    // A PUT that leaves volumeLitres out keeps it; the bulk edit sets it.
    await ok('PUT', '/v1/skus/BOX', { name: 'Box' });
    expect((await h.call('GET', '/v1/skus/BOX')).body.volumeLitres).toBe(2.5);
    const patched = await h.call('PATCH', '/v1/skus', { items: [{ sku: 'BOX', volumeLitres: 2 }] });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    // 36 l of 50: resolved.
    expect((await active('warehouse_near_capacity')).map((a) => a.subject)).not.toContain('warehouse:VOL');
  });

  it('opens purchase_order_late past the expected date, naming the positions left short', async () => {
    const expectedAt = new Date(h.now().getTime() + 2 * DAY).toISOString();
    const po = await ok('POST', '/v1/purchase-orders', {
      supplier: 'ACME',
      warehouse: 'AMS',
      expectedAt,
      lines: [{ sku: 'MUG', qty: 10 }],
    });
    expect(await active('purchase_order_late')).toEqual([]);
    h.advance(3 * DAY);
    const [late] = await active('purchase_order_late');
    expect(late).toMatchObject({
      subject: `po:${po.poId}`,
      details: {
        daysLate: 1,
        openUnits: 10,
        shortPositions: [{ sku: 'MUG', warehouse: 'AMS', open: 10, sellable: 0 }],
      },
    });
    await ok('POST', `/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ sku: 'MUG', qty: 10 }] });
    expect(await active('purchase_order_late')).toEqual([]);
  });

  it("opens stock_ageing when units are older than the warehouse's ageing days", async () => {
    // LON's 79 mugs arrived on day 0; it is day 3. The default (180 days) is far off.
    h.advance(40 * DAY);
    expect(await active('stock_ageing')).toEqual([]);
    await ok('PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk', ageingAlertDays: 30 });
    const aged = await active('stock_ageing');
    expect(aged).toHaveLength(1);
    expect(aged[0]).toMatchObject({
      subject: 'MUG@LON',
      details: { agedUnits: 79, oldestDays: 43, thresholdDays: 30 },
    });
    // AMS's 10 mugs arrived on day 3: 40 days old, under a 60-day threshold.
    await ok('PUT', '/v1/warehouses/AMS', { name: 'Amsterdam', region: 'eu', ageingAlertDays: 60 });
    expect((await active('stock_ageing')).map((a) => a.subject)).toEqual(['MUG@LON']);
  });
});
