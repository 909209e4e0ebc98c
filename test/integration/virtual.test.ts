import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('virtual stock on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['DROP', 'RACE']);
    await h.call('PUT', '/v1/suppliers/acme', { name: 'Acme drop-ship', leadTimeDays: 4 });
  });
  afterAll(() => h.close());

  const position = async (sku: string, warehouse: string) =>
    (await h.call('GET', `/v1/stock/${sku}`)).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === warehouse,
    );
  const onVirtual = async (orderId: string) =>
    (await h.call('GET', `/v1/orders/${orderId}`)).body.allocations.map(
      (a: { sku: string; warehouse: string; open: number; onVirtual: number }) => ({
        sku: a.sku,
        warehouse: a.warehouse,
        open: a.open,
        onVirtual: a.onVirtual,
      }),
    );
  const count = async () =>
    (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n;

  it('refuses an unknown supplier as every other route does, and changes nothing', async () => {
    const before = await count();
    const set = await h.call('PUT', '/v1/virtual/DROP/LON', { virtual: 10, supplier: 'nobody' });
    expect(set.status).toBe(404);
    expect(set.body.error).toMatchObject({ code: 'unknown_supplier', details: { supplier: 'nobody' } });
    expect(await count()).toBe(before);
    expect(await position('DROP', 'LON')).toBeUndefined();
  });

  it('sells beyond physical stock up to S, keeps S when goods arrive against it, and books a cut', async () => {
    const set = await h.call('PUT', '/v1/virtual/DROP/LON', {
      virtual: 10,
      supplier: 'acme',
      leadTimeDays: 4,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ virtual: 10, supplier: 'acme', leadTimeDays: 4 });
    expect(set.body.position).toMatchObject({ onHand: 0, virtual: 10, sellable: 10 });

    const order = await h.call('POST', '/v1/orders', { orderId: 'v-1', lines: [{ sku: 'DROP', qty: 8 }] });
    expect(order.status).toBe(201);
    expect(await position('DROP', 'LON')).toMatchObject({ onHand: 0, reserved: 8, virtual: 10, sellable: 2 });
    expect(await onVirtual('v-1')).toEqual([{ sku: 'DROP', warehouse: 'LON', open: 8, onVirtual: 8 }]);
    const beyond = await h.call('POST', '/v1/orders', { orderId: 'v-2', lines: [{ sku: 'DROP', qty: 3 }] });
    expect(beyond.body.error.code).toBe('insufficient_stock');

    const arrived = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [{ sku: 'DROP', qty: 5, againstVirtual: true }],
    });
    expect(arrived.status).toBe(201);
    expect(arrived.body.lines).toEqual([{ sku: 'DROP', qty: 5, inspect: false, againstVirtual: true }]);
    expect(await position('DROP', 'LON')).toMatchObject({ onHand: 5, reserved: 8, virtual: 5, sellable: 2 });
    expect(await onVirtual('v-1')).toEqual([{ sku: 'DROP', warehouse: 'LON', open: 8, onVirtual: 3 }]);

    // Shipping needs physical units: 8 cannot leave while 5 are there.
    const unshippable = await h.call('POST', '/v1/orders/v-1/shipments', {});
    expect(unshippable.status).toBe(409);
    expect(unshippable.body.error).toMatchObject({
      code: 'invalid_state',
      details: {
        lines: [
          {
            sku: 'DROP',
            warehouse: 'LON',
            requested: 8,
            onHand: 5,
            shippable: 5,
            held: { damaged: 0, qcPending: 0, locked: 0, transferReserved: 0 },
          },
        ],
      },
    });
    expect(await position('DROP', 'LON')).toMatchObject({ onHand: 5, reserved: 8, virtual: 5, sellable: 2 });
    const backorders = (await h.call('GET', '/v1/backorders?supplier=acme')).body.items;
    expect(backorders).toEqual([
      {
        sku: 'DROP',
        warehouse: 'LON',
        supplier: 'acme',
        leadTimeDays: 4,
        backordered: 3,
        onHand: 5,
        reserved: 8,
        virtual: 5,
      },
    ]);
    expect((await h.call('GET', '/v1/backorders?warehouse=AMS')).body.items).toEqual([]);

    const before = await count();
    const tooMany = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [{ sku: 'DROP', qty: 6, againstVirtual: true }],
    });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error.code).toBe('insufficient_virtual');
    expect(await count()).toBe(before);

    // The supplier can deliver no more: S goes to 5 - 8 = -3, booked and recorded as oversold.
    const cut = await h.call('PUT', '/v1/virtual/DROP/LON', { virtual: 0 });
    expect(cut.body).toMatchObject({ virtual: 0, supplier: 'acme', leadTimeDays: 4 });
    expect(cut.body.position.sellable).toBe(-3);
    expect(await onVirtual('v-1')).toEqual([{ sku: 'DROP', warehouse: 'LON', open: 8, onVirtual: 0 }]);
    const oversold = (await h.call('GET', '/v1/oversold?sku=DROP')).body.items;
    expect(oversold[0]).toMatchObject({
      sku: 'DROP',
      warehouse: 'LON',
      sellableAfter: -3,
      ordersAtRisk: ['v-1'],
    });

    const unchanged = await count();
    expect((await h.call('PUT', '/v1/virtual/DROP/LON', { virtual: 0 })).status).toBe(200);
    expect(await count()).toBe(unchanged);
    const ledger = (await h.call('GET', '/v1/movements?sku=DROP')).body.items.map(
      (m: { type: string; deltas: object }) => [m.type, m.deltas],
    );
    expect(ledger).toEqual([
      ['virtual', { virtual: 10 }],
      ['reserve', { reserved: 8 }],
      ['receipt_virtual', { onHand: 5, virtual: -5 }],
      ['virtual', { virtual: -5 }],
    ]);
  });

  it('refuses bad input and changes nothing', async () => {
    const before = await count();
    const cases: [string, string, object, number, string][] = [
      ['PUT', '/v1/virtual/DROP/LON', { virtual: -1 }, 400, 'invalid_request'],
      ['PUT', '/v1/virtual/DROP/LON', { virtual: 1.5 }, 400, 'invalid_request'],
      ['PUT', '/v1/virtual/DROP/LON', { virtual: 1, price: 2 }, 400, 'invalid_request'],
      ['PUT', '/v1/virtual/NOPE/LON', { virtual: 1 }, 404, 'unknown_sku'],
      ['PUT', '/v1/virtual/DROP/NOPE', { virtual: 1 }, 404, 'unknown_warehouse'],
      [
        'POST',
        '/v1/receipts',
        { warehouse: 'LON', lines: [{ sku: 'DROP', qty: 1, inspect: true, againstVirtual: true }] },
        400,
        'invalid_request',
      ],
    ];
    for (const [method, url, body, status, code] of cases) {
      const r = await h.call(method as 'PUT', url, body);
      expect([url, r.status, r.body.error.code]).toEqual([url, status, code]);
    }
    expect(await count()).toBe(before);
  });

  it('replays a setting sent twice with one Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'virtual-once' };
    const first = await h.call('PUT', '/v1/virtual/DROP/AMS', { virtual: 4 }, headers);
    const again = await h.call('PUT', '/v1/virtual/DROP/AMS', { virtual: 4 }, headers);
    expect(again).toEqual(first);
    expect(await position('DROP', 'AMS')).toMatchObject({ virtual: 4 });
  });

  it('books concurrent settings of a new position from the value each one found', async () => {
    await Promise.all(
      Array.from({ length: 12 }, () => h.call('PUT', '/v1/virtual/RACE/AMS', { virtual: 7 })),
    );
    expect(await position('RACE', 'AMS')).toMatchObject({ virtual: 7 });
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });
});
