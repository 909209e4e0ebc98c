/**
 * Transfers between warehouses through the API: plan, ship (in parts), receive (with damaged
 * and lost units), cancel, and the conservation of units while goods are on the road.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Queryable } from '../../src/db/database.ts';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends, pgAdminUrl, postgres } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';

interface Line {
  sku: string;
  qty: number;
}

/**
 * Invariant 4 for one SKU, from the ledger and the transfer table: units that came in from
 * outside (receipts, returns) minus those that left (customer shipments, write-offs, negative
 * adjustments) minus those lost on transfers equal the sum of onHand plus what is in transit.
 */
async function conservation(db: Queryable, sku: string) {
  const { rows } = await db.query<{
    external: number;
    internal: number;
    onHand: number;
    inTransit: number;
    lost: number;
  }>(
    `select
       (select coalesce(sum(d_on_hand), 0) from movements
        where sku = $1 and type not in ('transfer_ship', 'transfer_receive')) as external,
       (select coalesce(sum(d_on_hand), 0) from movements
        where sku = $1 and type in ('transfer_ship', 'transfer_receive')) as internal,
       (select coalesce(sum(on_hand), 0) from stock_positions where sku = $1) as "onHand",
       (select coalesce(sum(shipped - received - damaged - lost), 0) from transfer_lines
        where sku = $1) as "inTransit",
       (select coalesce(sum(lost), 0) from transfer_lines where sku = $1) as lost`,
    [sku],
  );
  const r = rows[0]!;
  expect(r.onHand + r.inTransit).toBe(r.external - r.lost);
  // Transfers only move units between warehouses and the road, or lose them.
  expect(r.internal + r.inTransit + r.lost).toBe(0);
  return r;
}

async function expectLedgerRebuildsPositions(db: Queryable) {
  expect(await rebuildPositionsFromLedger(db)).toEqual(await allPositions(db));
}

describe.each(backends())('transfers on $name', (backend) => {
  let h: Harness;
  let n = 0;
  let sku: string;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, []);
  });
  afterAll(() => h.close());
  beforeEach(async () => {
    sku = `T-${++n}`;
    await h.call('PUT', `/v1/skus/${sku}`, { name: sku });
  });

  const receive = async (warehouse: string, qty: number, s = sku) => {
    const r = await h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku: s, qty }] });
    expect(r.status).toBe(201);
  };
  const position = async (warehouse: string, s = sku) => {
    const stock = (await h.call('GET', `/v1/stock/${s}`)).body;
    return stock.positions.find((p: { warehouse: string }) => p.warehouse === warehouse);
  };
  const totals = async (s = sku) => (await h.call('GET', `/v1/totals/${s}`)).body;
  const plan = (lines: Line[], extra: Record<string, unknown> = {}, headers?: Record<string, string>) =>
    h.call('POST', '/v1/transfers', { from: 'LON', to: 'AMS', lines, ...extra }, headers);
  const ship = (id: string, lines?: Line[], headers?: Record<string, string>) =>
    h.call('POST', `/v1/transfers/${id}/ship`, lines ? { lines } : undefined, headers);
  const receiveTransfer = (id: string, lines: object[], headers?: Record<string, string>) =>
    h.call('POST', `/v1/transfers/${id}/receive`, { lines }, headers);
  const expectOk = (r: Reply, status = 201) => {
    if (r.status !== status) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  /** Everything a refused request must leave untouched. */
  const snapshot = async () => ({
    movements: (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n,
    positions: await allPositions(h.db),
    transfers: (await h.db.query('select transfer_id, status, events from transfers order by transfer_id'))
      .rows,
    lines: (await h.db.query('select * from transfer_lines order by transfer_id, sku')).rows,
  });

  it('plans, ships and receives a transfer in full, with onHand restored on receipt', async () => {
    await receive('LON', 10);
    expect(await totals()).toEqual({
      sku,
      onHand: 10,
      inTransit: 0,
      onHandPlusInTransit: 10,
      lostInTransit: 0,
    });

    const planned = expectOk(await plan([{ sku, qty: 4 }], { note: 'rebalance' }));
    expect(planned).toMatchObject({ from: 'LON', to: 'AMS', status: 'planned', note: 'rebalance' });
    expect(planned.lines).toEqual([
      {
        sku,
        planned: 4,
        shipped: 0,
        cancelled: 0,
        received: 0,
        damaged: 0,
        lost: 0,
        lossReason: null,
        open: 4,
        inTransit: 0,
      },
    ]);
    expect(await position('LON')).toMatchObject({ onHand: 10, transferReserved: 4, sellable: 6 });
    expect(await totals()).toMatchObject({ onHand: 10, inTransit: 0 });
    await conservation(h.db, sku);

    const shipped = expectOk(await ship(planned.transferId));
    expect(shipped.status).toBe('in_transit');
    expect(shipped.lines[0]).toMatchObject({ shipped: 4, open: 0, inTransit: 4 });
    expect(await position('LON')).toMatchObject({ onHand: 6, transferReserved: 0, sellable: 6 });
    expect(await totals()).toEqual({
      sku,
      onHand: 6,
      inTransit: 4,
      onHandPlusInTransit: 10,
      lostInTransit: 0,
    });
    const road = (await h.call('GET', `/v1/in-transit?sku=${sku}`)).body;
    expect(road).toEqual({
      items: [
        { sku, transferId: planned.transferId, from: 'LON', to: 'AMS', status: 'in_transit', inTransit: 4 },
      ],
      nextCursor: null,
    });
    await conservation(h.db, sku);

    const received = expectOk(await receiveTransfer(planned.transferId, [{ sku, received: 4 }]));
    expect(received.status).toBe('received');
    expect(received.lines[0]).toMatchObject({ received: 4, inTransit: 0 });
    expect(received.events.map((e: { type: string }) => e.type)).toEqual(['ship', 'receive']);
    expect(await position('AMS')).toMatchObject({ onHand: 4, sellable: 4 });
    expect(await totals()).toEqual({
      sku,
      onHand: 10,
      inTransit: 0,
      onHandPlusInTransit: 10,
      lostInTransit: 0,
    });
    expect((await h.call('GET', `/v1/in-transit?sku=${sku}`)).body.items).toEqual([]);
    await conservation(h.db, sku);

    const movements = (await h.call('GET', `/v1/movements?sku=${sku}`)).body.items;
    expect(movements.map((m: { type: string; warehouse: string }) => `${m.type}@${m.warehouse}`)).toEqual([
      'receipt@LON',
      'transfer_plan@LON',
      'transfer_ship@LON',
      'transfer_receive@AMS',
    ]);
    expect(movements.slice(1).every((m: { reference: string }) => m.reference === planned.transferId)).toBe(
      true,
    );
    expect((await h.call('GET', `/v1/transfers/${planned.transferId}`)).body).toEqual(received);
    await expectLedgerRebuildsPositions(h.db);
  });

  it('follows the worked example of docs/transfers.md', async () => {
    await receive('LON', 10);
    await receive('AMS', 2);
    const at = async () => {
      const [lon, ams, t] = [await position('LON'), await position('AMS'), await totals()];
      return [
        lon.onHand,
        lon.transferReserved,
        lon.sellable,
        ams.onHand,
        ams.damaged,
        ams.sellable,
        t.onHand,
        t.inTransit,
        t.onHandPlusInTransit,
        t.lostInTransit,
      ];
    };
    expect(await at()).toEqual([10, 0, 10, 2, 0, 2, 12, 0, 12, 0]);
    const t = expectOk(await plan([{ sku, qty: 6 }], { transferId: `${sku}-rebalance` }));
    expect(await at()).toEqual([10, 6, 4, 2, 0, 2, 12, 0, 12, 0]);
    expectOk(await ship(t.transferId, [{ sku, qty: 4 }]));
    expect(await at()).toEqual([6, 2, 4, 2, 0, 2, 8, 4, 12, 0]);
    expectOk(await ship(t.transferId));
    expect(await at()).toEqual([4, 0, 4, 2, 0, 2, 6, 6, 12, 0]);
    const done = expectOk(
      await receiveTransfer(t.transferId, [
        { sku, received: 4, damaged: 1, lost: 1, lossReason: 'missing on arrival' },
      ]),
    );
    expect(done.status).toBe('received');
    expect(await at()).toEqual([4, 0, 4, 7, 1, 6, 11, 0, 11, 1]);
    await conservation(h.db, sku);
  });

  it('is in the OpenAPI document', async () => {
    const doc = JSON.parse((await h.app.inject({ url: '/openapi.json' })).body);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/transfers',
        '/v1/transfers/{transferId}',
        '/v1/transfers/{transferId}/ship',
        '/v1/transfers/{transferId}/receive',
        '/v1/transfers/{transferId}/cancel',
        '/v1/in-transit',
        '/v1/totals/{sku}',
      ]),
    );
  });

  it('ships and receives in parts, with damaged and lost units, conserving units at every step', async () => {
    const other = `${sku}-B`;
    await h.call('PUT', `/v1/skus/${other}`, { name: other });
    await receive('LON', 20);
    await receive('LON', 5, other);
    const t = expectOk(
      await plan([
        { sku, qty: 6 },
        { sku: other, qty: 5 },
        { sku, qty: 4 },
      ]),
    );
    expect(t.lines.map((l: { sku: string; planned: number }) => [l.sku, l.planned])).toEqual([
      [sku, 10],
      [other, 5],
    ]);
    expect(await position('LON')).toMatchObject({ transferReserved: 10, sellable: 10 });

    const first = expectOk(await ship(t.transferId, [{ sku, qty: 6 }]));
    expect(first.status).toBe('partially_shipped');
    expect(first.lines[0]).toMatchObject({ shipped: 6, open: 4, inTransit: 6 });
    expect(await position('LON')).toMatchObject({ onHand: 14, transferReserved: 4, sellable: 10 });
    expect(await totals()).toMatchObject({ onHand: 14, inTransit: 6, onHandPlusInTransit: 20 });
    await conservation(h.db, sku);

    const part = expectOk(
      await receiveTransfer(t.transferId, [
        { sku, received: 3, damaged: 1, lost: 2, lossReason: 'pallet dropped' },
      ]),
    );
    expect(part.status).toBe('partially_shipped');
    expect(part.lines[0]).toMatchObject({
      received: 3,
      damaged: 1,
      lost: 2,
      lossReason: 'pallet dropped',
      inTransit: 0,
      open: 4,
    });
    expect(await position('AMS')).toMatchObject({ onHand: 4, damaged: 1, sellable: 3 });
    // The lost units are gone from the system: 14 at LON + 4 at AMS, nothing on the road.
    expect(await totals()).toEqual({
      sku,
      onHand: 18,
      inTransit: 0,
      onHandPlusInTransit: 18,
      lostInTransit: 2,
    });
    expect(await conservation(h.db, sku)).toMatchObject({ external: 20, lost: 2 });

    const rest = expectOk(await ship(t.transferId));
    expect(rest.status).toBe('in_transit');
    expect(await position('LON', other)).toMatchObject({ onHand: 0, transferReserved: 0 });
    await conservation(h.db, sku);
    await conservation(h.db, other);

    const some = expectOk(await receiveTransfer(t.transferId, [{ sku: other, received: 2 }]));
    expect(some.status).toBe('in_transit');
    const done = expectOk(
      await receiveTransfer(t.transferId, [
        { sku, received: 4 },
        { sku: other, received: 2, lost: 1, lossReason: 'missing on arrival' },
      ]),
    );
    expect(done.status).toBe('received');
    expect(await position('AMS')).toMatchObject({ onHand: 8, damaged: 1, sellable: 7 });
    expect(await position('AMS', other)).toMatchObject({ onHand: 4, sellable: 4 });
    expect(await totals(other)).toEqual({
      sku: other,
      onHand: 4,
      inTransit: 0,
      onHandPlusInTransit: 4,
      lostInTransit: 1,
    });
    await conservation(h.db, sku);
    await conservation(h.db, other);
    await expectLedgerRebuildsPositions(h.db);
  });

  it('keeps conservation with customer shipments and write-offs alongside transfers', async () => {
    await receive('LON', 10);
    const order = await h.call('POST', '/v1/orders', {
      orderId: `${sku}-o`,
      lines: [{ sku, qty: 3, warehouse: 'LON' }],
    });
    expect(order.status).toBe(201);
    const t = expectOk(await plan([{ sku, qty: 7 }]));
    expect(await position('LON')).toMatchObject({ sellable: 0 });
    expect((await h.call('POST', `/v1/orders/${sku}-o/shipments`)).status).toBe(201);
    expectOk(await ship(t.transferId, [{ sku, qty: 5 }]));
    await conservation(h.db, sku);
    expectOk(await receiveTransfer(t.transferId, [{ sku, received: 4, lost: 1, lossReason: 'stolen' }]));
    expect(await conservation(h.db, sku)).toMatchObject({ external: 7, onHand: 6, inTransit: 0, lost: 1 });
  });

  it('cancels before shipping, releasing the planned units', async () => {
    await receive('LON', 5);
    const t = expectOk(await plan([{ sku, qty: 5 }]));
    expect(await position('LON')).toMatchObject({ transferReserved: 5, sellable: 0 });
    const cancelled = expectOk(await h.call('POST', `/v1/transfers/${t.transferId}/cancel`), 200);
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.lines[0]).toMatchObject({ planned: 5, cancelled: 5, open: 0, inTransit: 0 });
    expect(await position('LON')).toMatchObject({ onHand: 5, transferReserved: 0, sellable: 5 });
    // Cancelling again changes nothing.
    const before = await snapshot();
    const again = await h.call('POST', `/v1/transfers/${t.transferId}/cancel`);
    expect(again.status).toBe(200);
    expect(again.body.status).toBe('cancelled');
    expect(await snapshot()).toEqual(before);
    await conservation(h.db, sku);
    await expectLedgerRebuildsPositions(h.db);
  });

  it('cancels only the unshipped rest after a partial shipment', async () => {
    await receive('LON', 10);
    const t = expectOk(await plan([{ sku, qty: 10 }]));
    expectOk(await ship(t.transferId, [{ sku, qty: 4 }]));
    const cancelled = expectOk(await h.call('POST', `/v1/transfers/${t.transferId}/cancel`), 200);
    expect(cancelled.status).toBe('in_transit');
    expect(cancelled.lines[0]).toMatchObject({ shipped: 4, cancelled: 6, open: 0, inTransit: 4 });
    expect(await position('LON')).toMatchObject({ onHand: 6, transferReserved: 0, sellable: 6 });
    expect(await totals()).toMatchObject({ onHand: 6, inTransit: 4 });
    await conservation(h.db, sku);

    const before = await snapshot();
    const shipMore = await ship(t.transferId);
    expect(shipMore.status).toBe(409);
    expect(shipMore.body.error.code).toBe('invalid_state');
    const cancelAgain = await h.call('POST', `/v1/transfers/${t.transferId}/cancel`);
    expect(cancelAgain.status).toBe(409);
    expect(cancelAgain.body.error.code).toBe('invalid_state');
    expect(await snapshot()).toEqual(before);

    const done = expectOk(await receiveTransfer(t.transferId, [{ sku, received: 4 }]));
    expect(done.status).toBe('received');
    expect(await totals()).toMatchObject({ onHand: 10, inTransit: 0 });
    await conservation(h.db, sku);
    await expectLedgerRebuildsPositions(h.db);
  });

  it('plans all lines or none, guarded by sellable stock at the source', async () => {
    const other = `${sku}-B`;
    await h.call('PUT', `/v1/skus/${other}`, { name: other });
    await receive('LON', 5);
    await receive('LON', 1, other);
    await h.call('POST', '/v1/orders', { orderId: `${sku}-o`, lines: [{ sku, qty: 2, warehouse: 'LON' }] });
    const before = await snapshot();
    const refused = await plan([
      { sku, qty: 3 },
      { sku: other, qty: 2 },
    ]);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('insufficient_stock');
    expect(refused.body.error.details.lines).toEqual([
      { sku: other, warehouse: 'LON', requested: 2, sellable: 1 },
    ]);
    const short = await plan([{ sku, qty: 4 }]);
    expect(short.body.error.details.lines).toEqual([{ sku, warehouse: 'LON', requested: 4, sellable: 3 }]);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    await receive('LON', 10);
    const t = expectOk(await plan([{ sku, qty: 6 }]));
    expectOk(await ship(t.transferId, [{ sku, qty: 3 }]));
    const cancelled = expectOk(await plan([{ sku, qty: 1 }]));
    expectOk(await h.call('POST', `/v1/transfers/${cancelled.transferId}/cancel`), 200);
    const done = expectOk(await plan([{ sku, qty: 1 }]));
    expectOk(await ship(done.transferId));
    expectOk(await receiveTransfer(done.transferId, [{ sku, received: 1 }]));

    const cases: [string, () => Promise<Reply>, number, string][] = [
      ['same warehouse', () => plan([{ sku, qty: 1 }], { to: 'LON' }), 400, 'same_warehouse'],
      ['unknown warehouse', () => plan([{ sku, qty: 1 }], { to: 'NOPE' }), 404, 'unknown_warehouse'],
      ['unknown source', () => plan([{ sku, qty: 1 }], { from: 'NOPE' }), 404, 'unknown_warehouse'],
      ['unknown sku', () => plan([{ sku: 'NO-SUCH', qty: 1 }]), 404, 'unknown_sku'],
      ['qty 0', () => plan([{ sku, qty: 0 }]), 400, 'invalid_request'],
      ['negative qty', () => plan([{ sku, qty: -2 }]), 400, 'invalid_request'],
      ['no lines', () => plan([]), 400, 'invalid_request'],
      ['unknown field', () => plan([{ sku, qty: 1 }], { priority: 1 }), 400, 'invalid_request'],
      ['unknown transfer', () => ship('trf-nope'), 404, 'unknown_transfer'],
      ['read unknown transfer', () => h.call('GET', '/v1/transfers/trf-nope'), 404, 'unknown_transfer'],
      ['ship more than planned', () => ship(t.transferId, [{ sku, qty: 4 }]), 409, 'exceeds_planned'],
      ['ship a SKU not on it', () => ship(t.transferId, [{ sku: 'MUG', qty: 1 }]), 409, 'exceeds_planned'],
      ['ship qty 0', () => ship(t.transferId, [{ sku, qty: 0 }]), 400, 'invalid_request'],
      ['ship a cancelled transfer', () => ship(cancelled.transferId), 409, 'invalid_state'],
      ['ship a received transfer', () => ship(done.transferId), 409, 'invalid_state'],
      [
        'receive more than in transit',
        () => receiveTransfer(t.transferId, [{ sku, received: 3, damaged: 1 }]),
        409,
        'exceeds_in_transit',
      ],
      [
        'receive more than in transit, counting the lost',
        () => receiveTransfer(t.transferId, [{ sku, received: 2, lost: 2, lossReason: 'x' }]),
        409,
        'exceeds_in_transit',
      ],
      ['receive twice', () => receiveTransfer(done.transferId, [{ sku, received: 1 }]), 409, 'invalid_state'],
      [
        'receive a cancelled transfer',
        () => receiveTransfer(cancelled.transferId, [{ sku, received: 1 }]),
        409,
        'invalid_state',
      ],
      [
        'receive nothing',
        () => receiveTransfer(t.transferId, [{ sku, received: 0 }]),
        400,
        'invalid_request',
      ],
      [
        'a loss without a reason',
        () => receiveTransfer(t.transferId, [{ sku, received: 1, lost: 1 }]),
        400,
        'invalid_request',
      ],
      [
        'a negative received',
        () => receiveTransfer(t.transferId, [{ sku, received: -1 }]),
        400,
        'invalid_request',
      ],
      ['list by a bad status', () => h.call('GET', '/v1/transfers?status=lost'), 400, 'invalid_request'],
    ];
    for (const [name, send, status, code] of cases) {
      const before = await snapshot();
      const r = await send();
      expect({ name, status: r.status, code: r.body?.error?.code }).toEqual({ name, status, code });
      expect(await snapshot()).toEqual(before);
    }
    await conservation(h.db, sku);
  });

  it('replays an Idempotency-Key or a transferId with the first answer, and acts once', async () => {
    await receive('LON', 10);
    const key = { 'idempotency-key': `${sku}-plan` };
    const first = await plan([{ sku, qty: 4 }], {}, key);
    expect(first.status).toBe(201);
    const again = await plan([{ sku, qty: 4 }], {}, key);
    expect(again).toEqual(first);
    const reused = await plan([{ sku, qty: 5 }], {}, key);
    expect(reused.status).toBe(409);
    expect(reused.body.error.code).toBe('idempotency_key_reused');
    expect(await position('LON')).toMatchObject({ transferReserved: 4 });

    const id = `${sku}-trf`;
    const named = await plan([{ sku, qty: 2 }], { transferId: id });
    expect(named.status).toBe(201);
    expect(named.body.transferId).toBe(id);
    const replay = await plan([{ sku, qty: 2 }], { transferId: id });
    expect(replay.status).toBe(200);
    expect(replay.body).toEqual(named.body);
    const conflict = await plan([{ sku, qty: 3 }], { transferId: id });
    expect(conflict.body.error.code).toBe('idempotency_key_reused');
    expect(await position('LON')).toMatchObject({ transferReserved: 6 });

    const shipKey = { 'idempotency-key': `${sku}-ship` };
    const shipped = await ship(id, [{ sku, qty: 1 }], shipKey);
    expect(shipped.status).toBe(201);
    expect(await ship(id, [{ sku, qty: 1 }], shipKey)).toEqual(shipped);
    const receiveKey = { 'idempotency-key': `${sku}-receive` };
    const got = await receiveTransfer(id, [{ sku, received: 1 }], receiveKey);
    expect(got.status).toBe(201);
    expect(await receiveTransfer(id, [{ sku, received: 1 }], receiveKey)).toEqual(got);
    const cancelKey = { 'idempotency-key': `${sku}-cancel` };
    const cancelled = await h.call('POST', `/v1/transfers/${id}/cancel`, undefined, cancelKey);
    expect(cancelled.status).toBe(200);
    expect(await h.call('POST', `/v1/transfers/${id}/cancel`, undefined, cancelKey)).toEqual(cancelled);

    const view = (await h.call('GET', `/v1/transfers/${id}`)).body;
    expect(view.status).toBe('received');
    expect(view.lines[0]).toMatchObject({ planned: 2, shipped: 1, received: 1, cancelled: 1 });
    expect(await position('LON')).toMatchObject({ onHand: 9, transferReserved: 4 });
    expect(await position('AMS')).toMatchObject({ onHand: 1 });
    await conservation(h.db, sku);
    await expectLedgerRebuildsPositions(h.db);
  });

  it('lets an operator ship from and receive into its own warehouses only', async () => {
    await receive('LON', 5);
    const make = async (warehouses: string[]) =>
      (
        await h.call('POST', '/v1/api-keys', {
          name: `ops-${warehouses.join('-')}-${sku}`,
          role: 'operator',
          warehouses,
        })
      ).body.key as string;
    const lon = { authorization: `Bearer ${await make(['LON'])}` };
    const ams = { authorization: `Bearer ${await make(['AMS'])}` };
    expect((await plan([{ sku, qty: 1 }], {}, ams)).status).toBe(403);
    const t = expectOk(await plan([{ sku, qty: 3 }], {}, lon));
    expect((await ship(t.transferId, undefined, ams)).status).toBe(403);
    expectOk(await ship(t.transferId, undefined, lon));
    const before = await snapshot();
    const denied = await receiveTransfer(t.transferId, [{ sku, received: 3 }], lon);
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    expect(await snapshot()).toEqual(before);
    expectOk(await receiveTransfer(t.transferId, [{ sku, received: 3 }], ams));
    const storefront = (await h.call('POST', '/v1/api-keys', { name: `shop-${sku}`, role: 'storefront' }))
      .body.key as string;
    expect(
      (await h.call('GET', '/v1/transfers', undefined, { authorization: `Bearer ${storefront}` })).status,
    ).toBe(403);
  });

  it('lists transfers by status, page by page', async () => {
    await receive('LON', 10);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      h.advance(1000);
      ids.push(expectOk(await plan([{ sku, qty: 1 }], { transferId: `${sku}-L${i}` })).transferId);
    }
    expectOk(await h.call('POST', `/v1/transfers/${ids[1]}/cancel`), 200);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = `/v1/transfers?status=planned&limit=1${cursor ? `&cursor=${cursor}` : ''}`;
      const pageOf = (await h.call('GET', q)).body;
      expect(pageOf.items.length).toBeLessThanOrEqual(1);
      for (const item of pageOf.items) {
        expect(item.status).toBe('planned');
        seen.push(item.transferId);
      }
      cursor = pageOf.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => id.startsWith(`${sku}-`))).toEqual([ids[0], ids[2]]);
    const cancelledOnes = (await h.call('GET', '/v1/transfers?status=cancelled&limit=1000')).body.items;
    expect(cancelledOnes.map((t: { transferId: string }) => t.transferId)).toContain(ids[1]);
    expect(cancelledOnes.every((t: { status: string }) => t.status === 'cancelled')).toBe(true);
  });
});

describe.skipIf(!pgAdminUrl())('transfers racing orders on PostgreSQL', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(postgres);
    await seedCatalogue(h, ['RACE', 'RACE3']);
  }, 60_000);
  afterAll(() => h?.close());

  const sellable = async (sku: string) =>
    (await h.call('GET', `/v1/stock/${sku}`)).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === 'LON',
    );

  it('never oversells the last units to planned transfers and single-unit orders together', async () => {
    const stock = 20;
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'RACE', qty: stock }] });
    const requests = [
      ...Array.from(
        { length: 30 },
        (_, i) => () =>
          h.call('POST', '/v1/transfers', {
            transferId: `race-t${i}`,
            from: 'LON',
            to: 'AMS',
            lines: [{ sku: 'RACE', qty: 1 }],
          }),
      ),
      ...Array.from(
        { length: 30 },
        (_, i) => () =>
          h.call('POST', '/v1/orders', {
            orderId: `race-o${i}`,
            lines: [{ sku: 'RACE', qty: 1, warehouse: 'LON' }],
          }),
      ),
    ].sort(() => Math.random() - 0.5);
    const replies = await Promise.all(requests.map((send) => send()));
    for (const r of replies) expect([201, 409]).toContain(r.status);
    const refused = replies.filter((r) => r.status === 409);
    expect(refused.every((r) => r.body.error.code === 'insufficient_stock')).toBe(true);
    const transfers = replies.filter((r) => r.status === 201 && r.body.transferId).length;
    const orders = replies.filter((r) => r.status === 201 && r.body.orderId).length;
    expect(transfers + orders).toBe(stock);
    const p = await sellable('RACE');
    expect(p).toMatchObject({ onHand: stock, transferReserved: transfers, reserved: orders, sellable: 0 });
    await expectLedgerRebuildsPositions(h.db);
  }, 120_000);

  it('never oversells when multi-unit transfers race orders', async () => {
    const stock = 25;
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'RACE3', qty: stock }] });
    const requests = [
      ...Array.from({ length: 15 }, (_, i) => ({
        kind: 'transfer',
        send: () =>
          h.call(
            'POST',
            '/v1/transfers',
            { from: 'LON', to: 'AMS', lines: [{ sku: 'RACE3', qty: 3 }] },
            { 'idempotency-key': `race3-t${i}` },
          ),
      })),
      ...Array.from({ length: 30 }, (_, i) => ({
        kind: 'order',
        send: () =>
          h.call('POST', '/v1/orders', {
            orderId: `race3-o${i}`,
            lines: [{ sku: 'RACE3', qty: 1, warehouse: 'LON' }],
          }),
      })),
    ].sort(() => Math.random() - 0.5);
    const replies = await Promise.all(requests.map(async (r) => ({ kind: r.kind, reply: await r.send() })));
    for (const { reply } of replies) expect([201, 409]).toContain(reply.status);
    const won = (kind: string) => replies.filter((r) => r.kind === kind && r.reply.status === 201).length;
    const lost = (kind: string) => replies.some((r) => r.kind === kind && r.reply.status === 409);
    const transferred = won('transfer') * 3;
    const ordered = won('order');
    expect(transferred + ordered).toBeLessThanOrEqual(stock);
    const p = await sellable('RACE3');
    expect(p).toMatchObject({
      transferReserved: transferred,
      reserved: ordered,
      sellable: stock - transferred - ordered,
    });
    // Nothing is ever given back here, so a refusal means the units had already run short.
    if (lost('order')) expect(p.sellable).toBe(0);
    if (lost('transfer')) expect(p.sellable).toBeLessThan(3);
    await expectLedgerRebuildsPositions(h.db);
  }, 120_000);
});
