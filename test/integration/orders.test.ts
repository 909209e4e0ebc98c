import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expireDueOrders } from '../../src/app/orders.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('orders on $name', (backend) => {
  let h: Harness;
  let n = 0;
  let sku: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());
  // Each test works on its own SKU so that tests do not share stock.
  beforeEach(async () => {
    sku = `SKU-${++n}`;
    await h.call('PUT', `/v1/skus/${sku}`, { name: sku });
  });

  const receive = (warehouse: string, qty: number, s = sku) =>
    h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku: s, qty }] });
  const stock = async (s = sku) => (await h.call('GET', `/v1/stock/${s}`)).body;
  const position = async (warehouse: string, s = sku) =>
    (await stock(s)).positions.find((p: { warehouse: string }) => p.warehouse === warehouse);

  it('reserves all lines or none', async () => {
    const other = `${sku}-B`;
    await h.call('PUT', `/v1/skus/${other}`, { name: other });
    await receive('LON', 5);
    await receive('LON', 1, other);
    const refused = await h.call('POST', '/v1/orders', {
      orderId: `${sku}-o1`,
      lines: [
        { sku, qty: 5, warehouse: 'LON' },
        { sku: other, qty: 2, warehouse: 'LON' },
      ],
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('insufficient_stock');
    expect(refused.body.error.details.lines).toEqual([
      { sku: other, warehouse: 'LON', requested: 2, sellable: 1 },
    ]);
    expect((await position('LON')).reserved).toBe(0);
    expect((await h.call('GET', `/v1/orders/${sku}-o1`)).status).toBe(404);
    expect((await h.call('GET', `/v1/movements?order=${sku}-o1`)).body.items).toEqual([]);
  });

  it('sums duplicate lines as one demand', async () => {
    await receive('LON', 5);
    const r = await h.call('POST', '/v1/orders', {
      orderId: `${sku}-dup`,
      lines: [
        { sku, qty: 3 },
        { sku, qty: 3 },
      ],
    });
    expect(r.status).toBe(409);
    expect(r.body.error.details.lines).toEqual([{ sku, requested: 6, sellable: 5 }]);
    const ok = await h.call('POST', '/v1/orders', {
      orderId: `${sku}-dup2`,
      lines: [
        { sku, qty: 2 },
        { sku, qty: 3 },
      ],
    });
    expect(ok.status).toBe(201);
    expect(ok.body.allocations).toEqual([
      {
        sku,
        warehouse: 'LON',
        qty: 5,
        reason: 'fewest shipments (the whole order from one warehouse): priority 0',
      },
    ]);
  });

  it('serves a line without warehouse (and no region) from the one with most sellable, splitting only when needed', async () => {
    await receive('LON', 4);
    await receive('AMS', 6);
    const one = await h.call('POST', '/v1/orders', { orderId: `${sku}-a`, lines: [{ sku, qty: 5 }] });
    expect(one.body.allocations).toEqual([
      {
        sku,
        warehouse: 'AMS',
        qty: 5,
        reason: 'fewest shipments (the whole order from one warehouse): priority 0',
      },
    ]);
    expect(one.body.routing).toEqual({ strategy: 'fewest_shipments', allowSplit: true, region: null });
    const split = await h.call('POST', '/v1/orders', { orderId: `${sku}-b`, lines: [{ sku, qty: 5 }] });
    expect(split.status).toBe(201);
    expect(split.body.allocations).toEqual([
      {
        sku,
        warehouse: 'AMS',
        qty: 1,
        reason: 'fewest shipments (2 warehouses): priority 0; split because LON had too few',
      },
      { sku, warehouse: 'LON', qty: 4, reason: 'fewest shipments (2 warehouses): priority 0' },
    ]);
    // GET keeps the explanation for support staff.
    const kept = (await h.call('GET', `/v1/orders/${sku}-b`)).body.allocations;
    expect(kept.map((a: { warehouse: string; reason: string }) => [a.warehouse, a.reason])).toEqual([
      ['AMS', 'fewest shipments (2 warehouses): priority 0; split because LON had too few'],
      ['LON', 'fewest shipments (2 warehouses): priority 0'],
    ]);
    expect((await stock()).totals).toMatchObject({ onHand: 10, reserved: 10, sellable: 0 });
  });

  it('answers a repeated order id with the first answer, and refuses it with other lines', async () => {
    await receive('LON', 3);
    const body = { orderId: `${sku}-r`, lines: [{ sku, qty: 3 }], expiresInSeconds: 60 };
    const first = await h.call('POST', '/v1/orders', body);
    expect(first.status).toBe(201);
    h.advance(1000);
    const again = await h.call('POST', '/v1/orders', body);
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const changed = await h.call('POST', '/v1/orders', { ...body, lines: [{ sku, qty: 2 }] });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe('idempotency_key_reused');
    expect((await position('LON')).reserved).toBe(3);
  });

  it('expires an unconfirmed order once, and never a confirmed one', async () => {
    await receive('LON', 10);
    const a = await h.call('POST', '/v1/orders', {
      orderId: `${sku}-e1`,
      lines: [{ sku, qty: 4 }],
      expiresInSeconds: 30,
    });
    expect(a.body.expiresAt).toBe(new Date(h.now().getTime() + 30_000).toISOString());
    await h.call('POST', '/v1/orders', {
      orderId: `${sku}-e2`,
      lines: [{ sku, qty: 3 }],
      expiresInSeconds: 30,
    });
    const confirmed = await h.call('POST', `/v1/orders/${sku}-e2/confirm`);
    expect(confirmed.body).toMatchObject({ status: 'confirmed', expiresAt: null });
    h.advance(29_000);
    expect(await expireDueOrders(h.ctx)).toEqual([]);
    h.advance(1_000);
    expect(await expireDueOrders(h.ctx)).toEqual([`${sku}-e1`]);
    expect(await expireDueOrders(h.ctx)).toEqual([]);
    const order = (await h.call('GET', `/v1/orders/${sku}-e1`)).body;
    expect(order).toMatchObject({ status: 'released', releasedReason: 'expired' });
    expect(order.allocations[0]).toMatchObject({ qty: 4, released: 4, open: 0 });
    expect((await position('LON')).reserved).toBe(3);
    const released = (await h.call('GET', `/v1/movements?order=${sku}-e1`)).body.items.filter(
      (m: { type: string }) => m.type === 'release',
    );
    expect(released).toHaveLength(1);
    expect(released[0]).toMatchObject({ reason: 'expired', qty: 4, deltas: { reserved: -4 } });
  });

  it('refuses to confirm an order past its expiry and releases it', async () => {
    await receive('LON', 2);
    await h.call('POST', '/v1/orders', {
      orderId: `${sku}-late`,
      lines: [{ sku, qty: 2 }],
      expiresInSeconds: 5,
    });
    h.advance(5_000);
    const late = await h.call('POST', `/v1/orders/${sku}-late/confirm`);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('order_expired');
    expect((await h.call('GET', `/v1/orders/${sku}-late`)).body.status).toBe('released');
    expect((await position('LON')).reserved).toBe(0);
  });

  it('ships in parts, then in full, and refuses to ship more', async () => {
    await receive('LON', 3);
    await receive('AMS', 2);
    await h.call('POST', '/v1/orders', { orderId: `${sku}-s`, lines: [{ sku, qty: 5 }] });
    const part = await h.call('POST', `/v1/orders/${sku}-s/shipments`, {
      lines: [{ sku, qty: 2, warehouse: 'LON' }],
    });
    expect(part.status).toBe(201);
    expect(part.body).toMatchObject({
      status: 'partially_shipped',
      lines: [{ sku, warehouse: 'LON', qty: 2 }],
    });
    expect(await position('LON')).toMatchObject({ onHand: 1, reserved: 1, sellable: 0 });
    const tooMuch = await h.call('POST', `/v1/orders/${sku}-s/shipments`, { lines: [{ sku, qty: 4 }] });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('exceeds_open_quantity');
    const rest = await h.call('POST', `/v1/orders/${sku}-s/shipments`);
    expect(rest.body).toMatchObject({ status: 'shipped' });
    expect(rest.body.lines).toEqual([
      { sku, warehouse: 'AMS', qty: 2 },
      { sku, warehouse: 'LON', qty: 1 },
    ]);
    expect((await stock()).totals).toMatchObject({ onHand: 0, reserved: 0 });
    const again = await h.call('POST', `/v1/orders/${sku}-s/shipments`);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('invalid_state');
    const order = (await h.call('GET', `/v1/orders/${sku}-s`)).body;
    expect(order.shipments).toHaveLength(2);
    expect(order.allocations.map((a: { shipped: number }) => a.shipped)).toEqual([2, 3]);
  });

  it('cancels what has not shipped, once', async () => {
    await receive('LON', 5);
    await h.call('POST', '/v1/orders', { orderId: `${sku}-c`, lines: [{ sku, qty: 5 }] });
    await h.call('POST', `/v1/orders/${sku}-c/shipments`, { lines: [{ sku, qty: 2 }] });
    const cancelled = await h.call('POST', `/v1/orders/${sku}-c/cancel`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ status: 'shipped', releasedReason: 'cancelled' });
    expect(await position('LON')).toMatchObject({ onHand: 3, reserved: 0, sellable: 3 });
    const twice = await h.call('POST', `/v1/orders/${sku}-c/cancel`);
    expect(twice.status).toBe(409);
    const releases = (await h.call('GET', `/v1/movements?order=${sku}-c`)).body.items.filter(
      (m: { type: string }) => m.type === 'release',
    );
    expect(releases).toHaveLength(1);
    expect(releases[0].qty).toBe(3);

    await h.call('POST', '/v1/orders', { orderId: `${sku}-c2`, lines: [{ sku, qty: 1 }] });
    expect((await h.call('POST', `/v1/orders/${sku}-c2/cancel`)).body.status).toBe('released');
    expect((await h.call('POST', `/v1/orders/${sku}-c2/cancel`)).status).toBe(200);
    expect((await h.call('POST', `/v1/orders/${sku}-c2/confirm`)).body.error.code).toBe('invalid_state');
    expect((await h.call('POST', `/v1/orders/${sku}-c2/shipments`)).body.error.code).toBe('invalid_state');
  });

  it('books returns in three conditions, never more than shipped', async () => {
    await receive('LON', 4);
    await h.call('POST', '/v1/orders', { orderId: `${sku}-ret`, lines: [{ sku, qty: 4 }] });
    await h.call('POST', `/v1/orders/${sku}-ret/shipments`);
    const back = await h.call('POST', '/v1/returns', {
      orderId: `${sku}-ret`,
      warehouse: 'LON',
      lines: [
        { sku, qty: 1, condition: 'sellable' },
        { sku, qty: 1, condition: 'damaged' },
        { sku, qty: 1, condition: 'inspect' },
      ],
    });
    expect(back.status).toBe(201);
    expect(await position('LON')).toMatchObject({ onHand: 3, damaged: 1, qcPending: 1, sellable: 1 });
    const tooMany = await h.call('POST', '/v1/returns', {
      orderId: `${sku}-ret`,
      warehouse: 'AMS',
      lines: [{ sku, qty: 2, condition: 'sellable' }],
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({ code: 'return_exceeds_shipped', details: { returnable: 1 } });
    expect((await h.call('GET', `/v1/orders/${sku}-ret`)).body.allocations[0].returned).toBe(3);
    const anonymous = await h.call('POST', '/v1/returns', {
      warehouse: 'AMS',
      lines: [{ sku, qty: 2, condition: 'sellable' }],
    });
    expect(anonymous.status).toBe(201);
    expect(await position('AMS')).toMatchObject({ onHand: 2, sellable: 2 });
  });

  it('replays a command sent twice with one Idempotency-Key', async () => {
    await receive('LON', 5);
    await h.call('POST', '/v1/orders', { orderId: `${sku}-i`, lines: [{ sku, qty: 4 }] });
    const headers = { 'idempotency-key': `${sku}-ship-1` };
    const body = { lines: [{ sku, qty: 1 }] };
    const first = await h.call('POST', `/v1/orders/${sku}-i/shipments`, body, headers);
    const second = await h.call('POST', `/v1/orders/${sku}-i/shipments`, body, headers);
    expect(second).toEqual(first);
    expect(await position('LON')).toMatchObject({ onHand: 4, reserved: 3 });
    const reused = await h.call(
      'POST',
      `/v1/orders/${sku}-i/shipments`,
      { lines: [{ sku, qty: 2 }] },
      headers,
    );
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
  });

  it('lists orders newest first, by status and SKU, in pages', async () => {
    await receive('LON', 10);
    for (const i of [1, 2, 3]) {
      expect(
        (await h.call('POST', '/v1/orders', { orderId: `${sku}-l${i}`, lines: [{ sku, qty: i }] })).status,
      ).toBe(201);
      h.advance(1000);
    }
    await h.call('POST', `/v1/orders/${sku}-l2/cancel`);
    const mine = (await h.call('GET', `/v1/orders?sku=${sku}`)).body.items;
    expect(mine.map((o: { orderId: string }) => o.orderId)).toEqual([`${sku}-l3`, `${sku}-l2`, `${sku}-l1`]);
    expect(mine[1]).toMatchObject({
      status: 'released',
      releasedReason: 'cancelled',
      units: 2,
      released: 2,
      shipped: 0,
    });
    const released = (await h.call('GET', `/v1/orders?sku=${sku}&status=released`)).body.items;
    expect(released.map((o: { orderId: string }) => o.orderId)).toEqual([`${sku}-l2`]);

    const first = (await h.call('GET', `/v1/orders?sku=${sku}&limit=2`)).body;
    expect(first.items).toHaveLength(2);
    const rest = (await h.call('GET', `/v1/orders?sku=${sku}&limit=2&cursor=${first.nextCursor}`)).body;
    expect(rest.items.map((o: { orderId: string }) => o.orderId)).toEqual([`${sku}-l1`]);
    expect(rest.nextCursor).toBeNull();
    const bad = await h.call('GET', '/v1/orders?status=lost');
    expect([bad.status, bad.body.error.code]).toEqual([400, 'invalid_request']);
  });
});
