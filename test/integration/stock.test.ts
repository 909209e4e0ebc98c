import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('stock on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP', 'HAT']);
  });
  afterAll(() => h.close());

  it('receives goods, sending inspected lines to qcPending', async () => {
    const r = await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      reference: 'PO-1',
      lines: [
        { sku: 'MUG', qty: 10 },
        { sku: 'MUG', qty: 4, inspect: true },
        { sku: 'TEE', qty: 2 },
      ],
    });
    expect(r.status).toBe(201);
    expect(r.body.positions).toEqual([
      {
        sku: 'MUG',
        warehouse: 'LON',
        onHand: 14,
        reserved: 0,
        damaged: 0,
        qcPending: 4,
        locked: 0,
        transferReserved: 0,
        virtual: 0,
        sellable: 10,
      },
      expect.objectContaining({ sku: 'TEE', onHand: 2, sellable: 2 }),
    ]);
    const stock = (await h.call('GET', '/v1/stock/MUG')).body;
    expect(stock.totals).toMatchObject({ onHand: 14, qcPending: 4, sellable: 10 });
  });

  it('adjusts with a reason; a loss may make S negative but not onHand below held units', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'CAP', qty: 3 }] });
    await h.call('POST', '/v1/orders', { orderId: 'adj-o', lines: [{ sku: 'CAP', qty: 3 }] });
    const loss = await h.call('POST', '/v1/adjustments', {
      warehouse: 'AMS',
      sku: 'CAP',
      delta: -2,
      reason: 'stolen',
    });
    expect(loss.status).toBe(201);
    expect(loss.body.position).toMatchObject({ onHand: 1, reserved: 3, sellable: -2 });
    const tooMuch = await h.call('POST', '/v1/adjustments', {
      warehouse: 'AMS',
      sku: 'CAP',
      delta: -2,
      reason: 'x',
    });
    expect(tooMuch.status).toBe(409);
    expect(tooMuch.body.error.code).toBe('insufficient_on_hand');
    const found = await h.call('POST', '/v1/adjustments', {
      warehouse: 'AMS',
      sku: 'CAP',
      delta: 5,
      reason: 'found',
    });
    expect(found.body.position).toMatchObject({ onHand: 6, sellable: 3 });
    const ledger = (await h.call('GET', '/v1/movements?sku=CAP&warehouse=AMS')).body.items;
    expect(ledger.map((m: { type: string; reason: string }) => [m.type, m.reason])).toEqual([
      ['receipt', 'received'],
      ['reserve', 'order placed'],
      ['adjustment', 'stolen'],
      ['adjustment', 'found'],
    ]);
  });

  it('reads stock as of a past time from the ledger', async () => {
    const t0 = h.now();
    h.advance(60_000);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'HAT', qty: 7 }] });
    const t1 = h.now();
    h.advance(60_000);
    await h.call('POST', '/v1/orders', { orderId: 'asof-o', lines: [{ sku: 'HAT', qty: 2 }] });
    h.advance(60_000);
    const before = (await h.call('GET', `/v1/stock/HAT?asOf=${t0.toISOString()}`)).body;
    expect(before.positions).toEqual([]);
    expect(before.totals.onHand).toBe(0);
    const mid = (await h.call('GET', `/v1/stock/HAT?asOf=${t1.toISOString()}`)).body;
    expect(mid).toMatchObject({ asOf: t1.toISOString(), totals: { onHand: 7, reserved: 0, sellable: 7 } });
    const now = (await h.call('GET', `/v1/stock/HAT?asOf=${h.now().toISOString()}`)).body;
    // As of a time, the ledger's quantities; `incoming` (open purchase orders) is current only.
    const { incoming, ...current } = (await h.call('GET', '/v1/stock/HAT')).body.totals;
    expect(incoming).toBe(0);
    expect(now.totals).toEqual(current);
  });

  it('pages through positions and the ledger with cursors', async () => {
    const first = (await h.call('GET', '/v1/stock?limit=2')).body;
    expect(first.items).toHaveLength(2);
    const rest = (await h.call('GET', `/v1/stock?limit=1000&cursor=${first.nextCursor}`)).body;
    expect(rest.nextCursor).toBeNull();
    const all = (await h.call('GET', '/v1/stock')).body.items;
    expect([...first.items, ...rest.items]).toEqual(all);
    expect(
      (await h.call('GET', '/v1/stock?warehouse=AMS')).body.items.every(
        (p: { warehouse: string }) => p.warehouse === 'AMS',
      ),
    ).toBe(true);

    const ids: number[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page: { items: { id: number }[]; nextCursor: string | null } = (
        await h.call('GET', `/v1/movements?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
      ).body;
      ids.push(...page.items.map((m) => m.id));
      cursor = page.nextCursor;
    }
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(ids.length).toBe((await h.call('GET', '/v1/movements?limit=1000')).body.items.length);
  });

  it('tells storefronts what is available, per SKU and in bulk', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'AMS', lines: [{ sku: 'MUG', qty: 3 }] });
    // No coordinates and no explicit service: same region 1 day, another 3 (docs/regions.md).
    expect((await h.call('PUT', '/v1/regions/eu', { name: 'Europe', countries: ['NL'] })).status).toBe(201);
    const one = (await h.call('GET', '/v1/availability/MUG?region=eu')).body;
    expect(one).toEqual({
      sku: 'MUG',
      region: 'eu',
      sellable: 13,
      inStock: true,
      // No standing order: nothing committed, everything sellable is promisable.
      committed: 0,
      promisable: 13,
      committedDays: 7,
      options: [
        {
          warehouse: 'AMS',
          sellable: 3,
          committed: 0,
          promisable: 3,
          deliveryDays: 1,
          fromStock: 3,
          virtual: null,
        },
        {
          warehouse: 'LON',
          sellable: 10,
          committed: 0,
          promisable: 10,
          deliveryDays: 3,
          fromStock: 10,
          virtual: null,
        },
      ],
    });
    const many = (await h.call('POST', '/v1/availability', { skus: ['MUG', 'CAP', 'TEE'] })).body.items;
    expect(many.map((a: { sku: string; sellable: number }) => [a.sku, a.sellable])).toEqual([
      ['MUG', 13],
      ['CAP', 3],
      ['TEE', 2],
    ]);
  });

  it('keeps stored positions equal to the ledger rebuilt', async () => {
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });

  it('refuses to rewrite the ledger', async () => {
    await expect(h.db.query('update movements set qty = 0')).rejects.toThrow(/append-only/);
    await expect(h.db.query('delete from movements')).rejects.toThrow(/append-only/);
  });
});
