import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('unsellable stock on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP', 'HAT', 'BAG']);
  });
  afterAll(() => h.close());

  const position = async (sku: string, warehouse = 'LON') =>
    (await h.call('GET', `/v1/stock/${sku}`)).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === warehouse,
    );
  /** Everything a refused request must leave alone: the ledger length and every position. */
  const snapshot = async () => ({
    movements: (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n,
    positions: await allPositions(h.db),
    oversold: (await h.db.query<{ n: number }>('select count(*)::int as n from oversold_events')).rows[0]!.n,
  });

  it('marks damaged, repairs and writes off, with S before and after and the reason in the ledger', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 10 }] });
    expect(await position('MUG')).toMatchObject({ onHand: 10, damaged: 0, sellable: 10 });

    const dmg = await h.call('POST', '/v1/damage', {
      warehouse: 'LON',
      sku: 'MUG',
      qty: 4,
      reason: 'broken',
      note: 'dropped',
    });
    expect(dmg.status).toBe(201);
    expect(dmg.body).toMatchObject({ sku: 'MUG', qty: 4, reason: 'broken', note: 'dropped' });
    expect(dmg.body.position).toEqual({
      warehouse: 'LON',
      onHand: 10,
      reserved: 0,
      damaged: 4,
      qcPending: 0,
      locked: 0,
      transferReserved: 0,
      virtual: 0,
      sellable: 6,
    });

    const rep = await h.call('POST', '/v1/repairs', { warehouse: 'LON', sku: 'MUG', qty: 1 });
    expect(rep.status).toBe(201);
    expect(rep.body.position).toMatchObject({ onHand: 10, damaged: 3, sellable: 7 });

    const wof = await h.call('POST', '/v1/write-offs', {
      warehouse: 'LON',
      sku: 'MUG',
      qty: 2,
      reason: 'binned',
    });
    expect(wof.status).toBe(201);
    expect(wof.body.position).toMatchObject({ onHand: 8, damaged: 1, sellable: 7 });
    expect(await position('MUG')).toMatchObject({ onHand: 8, damaged: 1, sellable: 7 });

    const ledger = (await h.call('GET', '/v1/movements?sku=MUG&warehouse=LON')).body.items;
    expect(ledger.map((m: { type: string; reason: string }) => [m.type, m.reason])).toEqual([
      ['receipt', 'received'],
      ['damage', 'broken: dropped'],
      ['repair', 'repaired'],
      ['write_off', 'binned'],
    ]);
    expect(ledger[3].deltas).toEqual({ onHand: -2, damaged: -2 });
  });

  it('inspects qcPending units in one call: passed become sellable, failed damaged', async () => {
    await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'TEE', qty: 5, inspect: true },
        { sku: 'CAP', qty: 3, inspect: true },
      ],
    });
    expect(await position('TEE')).toMatchObject({ onHand: 5, qcPending: 5, sellable: 0 });
    const r = await h.call('POST', '/v1/inspections', {
      warehouse: 'LON',
      lines: [
        { sku: 'TEE', passed: 3, failed: 1 },
        { sku: 'CAP', passed: 0, failed: 3 },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.positions).toEqual([
      expect.objectContaining({ sku: 'CAP', onHand: 3, qcPending: 0, damaged: 3, sellable: 0 }),
      expect.objectContaining({ sku: 'TEE', onHand: 5, qcPending: 1, damaged: 1, sellable: 3 }),
    ]);
    const ledger = (await h.call('GET', '/v1/movements?sku=TEE&warehouse=LON')).body.items;
    expect(ledger.at(-1)).toMatchObject({
      type: 'inspect',
      qty: 4,
      reason: 'inspected',
      deltas: { qcPending: -4, damaged: 1 },
    });
  });

  it('refuses bad input with a stable code and changes nothing', async () => {
    const cases: [string, string, unknown, number, string][] = [
      [
        'more than damaged (repair)',
        '/v1/repairs',
        { warehouse: 'LON', sku: 'MUG', qty: 2 },
        409,
        'insufficient_damaged',
      ],
      [
        'more than damaged (write-off)',
        '/v1/write-offs',
        { warehouse: 'LON', sku: 'MUG', qty: 2, reason: 'x' },
        409,
        'insufficient_damaged',
      ],
      [
        'damage beyond what is on hand and not yet held',
        '/v1/damage',
        { warehouse: 'LON', sku: 'MUG', qty: 8, reason: 'broken' },
        409,
        'insufficient_on_hand',
      ],
      [
        'damage at a position that does not exist',
        '/v1/damage',
        { warehouse: 'AMS', sku: 'HAT', qty: 1, reason: 'broken' },
        409,
        'insufficient_on_hand',
      ],
      [
        'inspecting more than pending',
        '/v1/inspections',
        { warehouse: 'LON', lines: [{ sku: 'TEE', passed: 2, failed: 0 }] },
        409,
        'insufficient_qc_pending',
      ],
      [
        'unknown sku',
        '/v1/damage',
        { warehouse: 'LON', sku: 'NOPE', qty: 1, reason: 'broken' },
        404,
        'unknown_sku',
      ],
      [
        'unknown warehouse',
        '/v1/repairs',
        { warehouse: 'XXX', sku: 'MUG', qty: 1 },
        404,
        'unknown_warehouse',
      ],
      [
        'unknown sku in an inspection',
        '/v1/inspections',
        { warehouse: 'LON', lines: [{ sku: 'NOPE', passed: 1, failed: 0 }] },
        404,
        'unknown_sku',
      ],
      [
        'qty 0',
        '/v1/damage',
        { warehouse: 'LON', sku: 'MUG', qty: 0, reason: 'broken' },
        400,
        'invalid_request',
      ],
      ['qty 0 (repair)', '/v1/repairs', { warehouse: 'LON', sku: 'MUG', qty: 0 }, 400, 'invalid_request'],
      [
        'wrong reason',
        '/v1/damage',
        { warehouse: 'LON', sku: 'MUG', qty: 1, reason: 'smashed' },
        400,
        'invalid_request',
      ],
      [
        'write-off without a reason',
        '/v1/write-offs',
        { warehouse: 'LON', sku: 'MUG', qty: 1 },
        400,
        'invalid_request',
      ],
      [
        'inspection line with nothing inspected',
        '/v1/inspections',
        { warehouse: 'LON', lines: [{ sku: 'TEE', passed: 0, failed: 0 }] },
        400,
        'invalid_request',
      ],
      [
        'negative passed',
        '/v1/inspections',
        { warehouse: 'LON', lines: [{ sku: 'TEE', passed: -1, failed: 1 }] },
        400,
        'invalid_request',
      ],
      [
        'unknown field',
        '/v1/repairs',
        { warehouse: 'LON', sku: 'MUG', qty: 1, colour: 'red' },
        400,
        'invalid_request',
      ],
    ];
    for (const [name, path, body, status, code] of cases) {
      const before = await snapshot();
      const r = await h.call('POST', path, body);
      expect([name, r.status, r.body.error?.code]).toEqual([name, status, code]);
      expect(await snapshot()).toEqual(before);
    }
  });

  it('refuses an operator outside its warehouses and a storefront key', async () => {
    const op = await h.call('POST', '/v1/api-keys', {
      name: 'ams op',
      role: 'operator',
      warehouses: ['AMS'],
    });
    const shop = await h.call('POST', '/v1/api-keys', { name: 'shop', role: 'storefront' });
    const before = await snapshot();
    const body = { warehouse: 'LON', sku: 'MUG', qty: 1, reason: 'broken' };
    const asOp = await h.call('POST', '/v1/damage', body, { authorization: `Bearer ${op.body.key}` });
    expect([asOp.status, asOp.body.error.code]).toEqual([403, 'forbidden']);
    const asShop = await h.call('POST', '/v1/damage', body, { authorization: `Bearer ${shop.body.key}` });
    expect([asShop.status, asShop.body.error.code]).toEqual([403, 'forbidden']);
    const oversold = await h.call('GET', '/v1/oversold', undefined, {
      authorization: `Bearer ${shop.body.key}`,
    });
    expect(oversold.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('inspects all lines or none, naming each short line', async () => {
    const before = await snapshot();
    // TEE has 1 pending: the first line fits, the second draws on the same units and does not.
    const r = await h.call('POST', '/v1/inspections', {
      warehouse: 'LON',
      lines: [
        { sku: 'TEE', passed: 1, failed: 0 },
        { sku: 'TEE', passed: 0, failed: 1 },
        { sku: 'CAP', passed: 1, failed: 0 },
      ],
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'insufficient_qc_pending',
      details: {
        warehouse: 'LON',
        lines: [
          { line: 1, sku: 'TEE', requested: 1, qcPending: 0 },
          { line: 2, sku: 'CAP', requested: 1, qcPending: 0 },
        ],
      },
    });
    expect(await snapshot()).toEqual(before);
  });

  it('replays a repeated Idempotency-Key and refuses it for another body', async () => {
    const body = { warehouse: 'LON', sku: 'MUG', qty: 1, reason: 'packaging' };
    const key = { 'idempotency-key': 'dmg-1' };
    const first = await h.call('POST', '/v1/damage', body, key);
    expect(first.status).toBe(201);
    expect(first.body.position).toMatchObject({ damaged: 2, sellable: 6 });
    const before = await snapshot();
    const again = await h.call('POST', '/v1/damage', body, key);
    expect(again).toEqual(first);
    expect(await snapshot()).toEqual(before);
    const other = await h.call('POST', '/v1/damage', { ...body, qty: 2 }, key);
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('idempotency_key_reused');

    const rep = { warehouse: 'LON', sku: 'MUG', qty: 1 };
    const r1 = await h.call('POST', '/v1/repairs', rep, { 'idempotency-key': 'rep-1' });
    const r2 = await h.call('POST', '/v1/repairs', rep, { 'idempotency-key': 'rep-1' });
    expect(r2).toEqual(r1);
    const wo = { warehouse: 'LON', sku: 'CAP', qty: 1, reason: 'x' };
    const w1 = await h.call('POST', '/v1/write-offs', wo, { 'idempotency-key': 'wof-1' });
    const w2 = await h.call('POST', '/v1/write-offs', wo, { 'idempotency-key': 'wof-1' });
    expect(w2).toEqual(w1);
    const insp = { warehouse: 'LON', lines: [{ sku: 'TEE', passed: 1, failed: 0 }] };
    const i1 = await h.call('POST', '/v1/inspections', insp, { 'idempotency-key': 'insp-1' });
    const i2 = await h.call('POST', '/v1/inspections', insp, { 'idempotency-key': 'insp-1' });
    expect(i1.status).toBe(201);
    expect(i2).toEqual(i1);
    expect(await position('MUG')).toMatchObject({ onHand: 8, damaged: 1, sellable: 7 });
    expect(await position('CAP')).toMatchObject({ onHand: 2, damaged: 2, sellable: 0 });
    expect(await position('TEE')).toMatchObject({ onHand: 5, qcPending: 0, damaged: 1, sellable: 4 });
  });

  it('lists damaged units under a suffixed code, as JSON and CSV, not as a SKU lookup', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 2 }] });
    await h.call('POST', '/v1/damage', { warehouse: 'AMS', sku: 'MUG', qty: 2, reason: 'wrong_label' });
    const json = await h.call('GET', '/v1/stock/damaged');
    expect(json.status).toBe(200);
    expect(json.body).toEqual({
      items: [
        { sku: 'CAPU', baseSku: 'CAP', warehouse: 'LON', damaged: 2 },
        { sku: 'MUGU', baseSku: 'MUG', warehouse: 'AMS', damaged: 2 },
        { sku: 'MUGU', baseSku: 'MUG', warehouse: 'LON', damaged: 1 },
        { sku: 'TEEU', baseSku: 'TEE', warehouse: 'LON', damaged: 1 },
      ],
      nextCursor: null,
    });
    const lon = await h.call('GET', '/v1/stock/damaged?warehouse=LON&suffix=-DMG&limit=2');
    expect(lon.body.items).toEqual([
      { sku: 'CAP-DMG', baseSku: 'CAP', warehouse: 'LON', damaged: 2 },
      { sku: 'MUG-DMG', baseSku: 'MUG', warehouse: 'LON', damaged: 1 },
    ]);
    const rest = await h.call(
      'GET',
      `/v1/stock/damaged?warehouse=LON&suffix=-DMG&cursor=${lon.body.nextCursor}`,
    );
    expect(rest.body).toEqual({
      items: [{ sku: 'TEE-DMG', baseSku: 'TEE', warehouse: 'LON', damaged: 1 }],
      nextCursor: null,
    });

    const csv = await h.app.inject({
      method: 'GET',
      url: '/v1/stock/damaged?format=csv&suffix=U',
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv/);
    expect(csv.body).toBe(
      'sku,base_sku,warehouse,damaged\nCAPU,CAP,LON,2\nMUGU,MUG,AMS,2\nMUGU,MUG,LON,1\nTEEU,TEE,LON,1\n',
    );

    for (const bad of ['suffix=', 'suffix=TOOLONGSX', 'suffix=U%2C', 'format=xml', 'warehouse=XXX']) {
      const r = await h.call('GET', `/v1/stock/damaged?${bad}`);
      expect([bad, r.status]).toEqual([bad, bad.startsWith('warehouse') ? 404 : 400]);
    }
    // The dynamic route still reads a SKU.
    expect((await h.call('GET', '/v1/stock/MUG')).body.sku).toBe('MUG');
  });

  it('records an oversold event naming the orders at risk when damage makes S negative', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'BAG', qty: 5 }] });
    await h.call('POST', '/v1/orders', {
      orderId: 'bag-1',
      lines: [{ sku: 'BAG', qty: 2, warehouse: 'LON' }],
    });
    await h.call('POST', '/v1/orders', {
      orderId: 'bag-2',
      lines: [{ sku: 'BAG', qty: 2, warehouse: 'LON' }],
    });
    await h.call('POST', '/v1/orders', {
      orderId: 'bag-3',
      lines: [{ sku: 'BAG', qty: 1, warehouse: 'LON' }],
    });
    await h.call('POST', '/v1/orders/bag-3/cancel');
    expect(await position('BAG')).toMatchObject({ onHand: 5, reserved: 4, sellable: 1 });

    // S 1 -> 0: not oversold.
    await h.call('POST', '/v1/damage', { warehouse: 'LON', sku: 'BAG', qty: 1, reason: 'broken' });
    expect((await h.call('GET', '/v1/oversold?sku=BAG')).body.items).toEqual([]);

    const dmg = await h.call('POST', '/v1/damage', {
      warehouse: 'LON',
      sku: 'BAG',
      qty: 2,
      reason: 'model_mixup',
    });
    expect(dmg.status).toBe(201);
    expect(dmg.body.position).toMatchObject({ onHand: 5, reserved: 4, damaged: 3, sellable: -2 });
    const list = (await h.call('GET', '/v1/oversold?sku=BAG&warehouse=LON')).body;
    expect(list.items).toEqual([
      {
        id: expect.any(Number),
        at: h.now().toISOString(),
        sku: 'BAG',
        warehouse: 'LON',
        movementId: expect.any(Number),
        movementType: 'damage',
        reason: 'model_mixup',
        sellableAfter: -2,
        ordersAtRisk: ['bag-1', 'bag-2'],
        resolvedAt: null,
      },
    ]);
    const ledger = (await h.call('GET', '/v1/movements?sku=BAG&warehouse=LON')).body.items;
    expect(ledger.at(-1).id).toBe(list.items[0].movementId);

    // Repairing raises S: no new record. Shipping leaves S unchanged: none either.
    await h.call('POST', '/v1/repairs', { warehouse: 'LON', sku: 'BAG', qty: 1 });
    await h.call('POST', '/v1/orders/bag-1/shipments');
    expect((await h.call('GET', '/v1/oversold?sku=BAG')).body.items).toHaveLength(1);
  });

  it('records an oversold event for a negative adjustment that makes S negative', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'CAP', qty: 3 }] });
    await h.call('POST', '/v1/orders', {
      orderId: 'cap-1',
      lines: [{ sku: 'CAP', qty: 3, warehouse: 'AMS' }],
    });
    h.advance(1000);
    const adj = await h.call('POST', '/v1/adjustments', {
      warehouse: 'AMS',
      sku: 'CAP',
      delta: -1,
      reason: 'stolen',
    });
    expect(adj.body.position).toMatchObject({ sellable: -1 });
    h.advance(1000);
    await h.call('POST', '/v1/adjustments', { warehouse: 'AMS', sku: 'CAP', delta: -1, reason: 'lost' });
    const page1 = (await h.call('GET', '/v1/oversold?warehouse=AMS&limit=1')).body;
    expect(page1.items).toMatchObject([
      { sku: 'CAP', movementType: 'adjustment', reason: 'lost', sellableAfter: -2, ordersAtRisk: ['cap-1'] },
    ]);
    const page2 = (await h.call('GET', `/v1/oversold?warehouse=AMS&cursor=${page1.nextCursor}`)).body;
    expect(page2).toMatchObject({
      items: [{ sku: 'CAP', reason: 'stolen', sellableAfter: -1, ordersAtRisk: ['cap-1'] }],
      nextCursor: null,
    });
    // Newest first across everything.
    const all = (await h.call('GET', '/v1/oversold')).body.items.map((o: { id: number }) => o.id);
    expect(all).toEqual([...all].sort((a, b) => b - a));
    expect((await h.call('GET', '/v1/oversold?sku=NOPE')).status).toBe(404);
  });

  it('follows the worked example of docs/unsellable-stock.md', async () => {
    await h.call('PUT', '/v1/skus/351038', { name: 'Lantern' });
    const S = async () => {
      const p = await position('351038');
      return [p.onHand, p.reserved, p.damaged, p.qcPending, p.sellable];
    };
    await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: '351038', qty: 6 },
        { sku: '351038', qty: 4, inspect: true },
      ],
    });
    expect(await S()).toEqual([10, 0, 0, 4, 6]);
    await h.call('POST', '/v1/orders', {
      orderId: 'web-1001',
      lines: [{ sku: '351038', qty: 5, warehouse: 'LON' }],
    });
    expect(await S()).toEqual([10, 5, 0, 4, 1]);
    await h.call('POST', '/v1/damage', { warehouse: 'LON', sku: '351038', qty: 3, reason: 'broken' });
    expect(await S()).toEqual([10, 5, 3, 4, -2]);
    expect((await h.call('GET', '/v1/oversold?sku=351038')).body.items).toMatchObject([
      { movementType: 'damage', reason: 'broken', sellableAfter: -2, ordersAtRisk: ['web-1001'] },
    ]);
    await h.call('POST', '/v1/repairs', { warehouse: 'LON', sku: '351038', qty: 1 });
    expect(await S()).toEqual([10, 5, 2, 4, -1]);
    await h.call('POST', '/v1/write-offs', { warehouse: 'LON', sku: '351038', qty: 2, reason: 'crushed' });
    expect(await S()).toEqual([8, 5, 0, 4, -1]);
    await h.call('POST', '/v1/inspections', {
      warehouse: 'LON',
      lines: [{ sku: '351038', passed: 3, failed: 1 }],
    });
    expect(await S()).toEqual([8, 5, 1, 0, 2]);
    const csv = await h.app.inject({
      method: 'GET',
      url: '/v1/stock/damaged?format=csv&warehouse=LON',
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    expect(csv.body.split('\n')).toContain('351038U,351038,LON,1');
    expect((await h.call('GET', '/v1/oversold?sku=351038')).body.items).toHaveLength(1);
  });

  it('keeps stored positions equal to the ledger rebuilt', async () => {
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });
});
