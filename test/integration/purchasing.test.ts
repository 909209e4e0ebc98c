/**
 * Suppliers, replenishment policies and purchase orders through the API: incoming stock on the
 * positions (never sellable), receipts against an order booked through the ledger (with
 * inspection, over- and under-deliveries), close and cancel, idempotent replays, and bad input
 * refused with stable codes and nothing changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';

describe.each(backends())('purchasing on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG', 'TEE', 'CAP', 'PEN']);
    await ok(h.call('PUT', '/v1/suppliers/ACME', { name: 'Acme', leadTimeDays: 10, packSize: 6 }));
  });
  afterAll(() => h.close());

  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const position = async (sku: string, warehouse = 'LON') =>
    (await ok(h.call('GET', `/v1/stock/${sku}`))).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === warehouse,
    );
  const order = (lines: { sku: string; qty: number }[], extra: Record<string, unknown> = {}) =>
    h.call('POST', '/v1/purchase-orders', { supplier: 'ACME', warehouse: 'LON', lines, ...extra });
  const receive = (poId: string, lines: Record<string, unknown>[], headers?: Record<string, string>) =>
    h.call('POST', `/v1/purchase-orders/${poId}/receipts`, { lines }, headers);

  it('keeps suppliers with defaults and refuses bad figures with nothing written', async () => {
    const acme = (await ok(h.call('GET', '/v1/suppliers/ACME'))).body;
    expect(acme).toMatchObject({ leadTimeDays: 10, packSize: 6, serviceLevel: 0.95, reviewPeriodDays: 7 });
    for (const bad of [
      { name: 'x', leadTimeDays: -1 },
      { name: 'x', leadTimeDays: 3, serviceLevel: 1 },
      { name: 'x', leadTimeDays: 3, serviceLevel: 0 },
      { name: 'x', leadTimeDays: 3, packSize: 0 },
    ]) {
      const r = await h.call('PUT', '/v1/suppliers/BAD', bad);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
    expect((await h.call('GET', '/v1/suppliers/BAD')).body.error.code).toBe('unknown_supplier');
    expect((await h.call('GET', '/v1/suppliers')).body.items.map((s: { code: string }) => s.code)).toEqual([
      'ACME',
    ]);
  });

  it('resolves a position policy from its own figures, then the supplier, then the defaults', async () => {
    const none = (await ok(h.call('GET', '/v1/replenishment/policies/PEN/AMS'))).body;
    expect(none.effective).toEqual({
      supplier: null,
      leadTimeDays: 14,
      serviceLevel: 0.95,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 1,
    });
    const put = await ok(
      h.call('PUT', '/v1/replenishment/policies/PEN/AMS', { supplier: 'ACME', serviceLevel: 0.99 }),
    );
    expect(put.status).toBe(201);
    expect(put.body.effective).toEqual({
      supplier: 'ACME',
      leadTimeDays: 10,
      serviceLevel: 0.99,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 6,
    });
    // A supplier keeps its own figures; positions without a supplier follow the defaults.
    const { supplier: _none, ...defaults } = none.effective;
    await ok(h.call('PUT', '/v1/settings/replenishment', { ...defaults, reviewPeriodDays: 3 }));
    expect(
      (await ok(h.call('GET', '/v1/replenishment/policies/PEN/AMS'))).body.effective.reviewPeriodDays,
    ).toBe(7);
    expect(
      (await ok(h.call('GET', '/v1/replenishment/policies/PEN/LON'))).body.effective.reviewPeriodDays,
    ).toBe(3);
    await ok(h.call('PUT', '/v1/settings/replenishment', defaults));

    const unknown = await h.call('PUT', '/v1/replenishment/policies/PEN/AMS', { supplier: 'NOPE' });
    expect([unknown.status, unknown.body.error.code]).toEqual([404, 'unknown_supplier']);
    const negative = await h.call('PUT', '/v1/replenishment/policies/PEN/AMS', { leadTimeDays: -2 });
    expect([negative.status, negative.body.error.code]).toEqual([400, 'invalid_request']);
    const outside = await h.call('PUT', '/v1/replenishment/policies/PEN/AMS', { serviceLevel: 1.5 });
    expect([outside.status, outside.body.error.code]).toEqual([400, 'invalid_request']);
    expect((await ok(h.call('GET', '/v1/replenishment/policies/PEN/AMS'))).body.own).toMatchObject({
      supplier: 'ACME',
      serviceLevel: 0.99,
    });
  });

  it('shows open purchase-order units as incoming, never as sellable', async () => {
    await ok(h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 5 }] }));
    const po = (
      await ok(
        order([
          { sku: 'MUG', qty: 20 },
          { sku: 'CAP', qty: 4 },
        ]),
      )
    ).body;
    expect(po).toMatchObject({ status: 'open', supplier: 'ACME', warehouse: 'LON' });
    // The supplier's lead time sets the expected arrival when the order does not.
    expect(Date.parse(po.expectedAt) - h.now().getTime()).toBe(10 * 86_400_000);
    expect(await position('MUG')).toMatchObject({ onHand: 5, sellable: 5, incoming: 20 });
    // A position the order creates holds nothing yet but expects the goods.
    expect(await position('CAP')).toMatchObject({ onHand: 0, sellable: 0, incoming: 4 });
    const list = (await ok(h.call('GET', '/v1/stock?warehouse=LON'))).body.items;
    expect(list.find((p: { sku: string }) => p.sku === 'MUG').incoming).toBe(20);
    const avail = (await ok(h.call('GET', '/v1/availability/MUG'))).body;
    expect(JSON.stringify(avail)).not.toContain('"available":25');
  });

  it('books receipts through the ledger, with inspection, over- and under-deliveries', async () => {
    const po = (
      await ok(
        order([
          { sku: 'TEE', qty: 10 },
          { sku: 'PEN', qty: 6 },
        ]),
      )
    ).body;
    const first = await ok(
      receive(po.poId, [
        { sku: 'TEE', qty: 4 },
        { sku: 'PEN', qty: 2, inspect: true },
      ]),
    );
    expect(first.status).toBe(201);
    expect(first.body.purchaseOrder.status).toBe('partially_received');
    expect(await position('TEE')).toMatchObject({ onHand: 4, sellable: 4, incoming: 6 });
    expect(await position('PEN')).toMatchObject({ onHand: 2, qcPending: 2, sellable: 0, incoming: 4 });
    const ledger = (await ok(h.call('GET', '/v1/movements?sku=TEE'))).body.items;
    expect(ledger.at(-1)).toMatchObject({ type: 'receipt', qty: 4, reference: po.poId });

    // 7 more TEE: 11 of 10 is an over-delivery, kept as it came.
    const second = await ok(receive(po.poId, [{ sku: 'TEE', qty: 7 }]));
    const tee = second.body.purchaseOrder.lines.find((l: { sku: string }) => l.sku === 'TEE');
    expect(tee).toMatchObject({ ordered: 10, received: 11, open: 0, overReceived: 1 });
    expect(await position('TEE')).toMatchObject({ onHand: 11, incoming: 0 });

    // Closing records what never came; incoming drops to 0.
    const closed = await ok(
      h.call('POST', `/v1/purchase-orders/${po.poId}/close`, { reason: 'supplier out' }),
    );
    expect(closed.body).toMatchObject({ status: 'closed', closeReason: 'supplier out' });
    expect(closed.body.lines.find((l: { sku: string }) => l.sku === 'PEN')).toMatchObject({
      received: 2,
      short: 4,
      open: 0,
    });
    expect((await position('PEN')).incoming).toBe(0);
    const late = await receive(po.poId, [{ sku: 'PEN', qty: 1 }]);
    expect([late.status, late.body.error.code, late.body.error.details.status]).toEqual([
      409,
      'invalid_state',
      'closed',
    ]);

    const nonEmpty = (await allPositions(h.db)).filter((p) =>
      Object.values(p).some((v) => Number(v) !== 0 && typeof v !== 'string'),
    );
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(nonEmpty);
    expect((await ok(h.call('GET', '/v1/admin/verify'))).body.ok).toBe(true);
  });

  it('becomes received when every line has come, and replays a receipt by its key', async () => {
    const po = (await ok(order([{ sku: 'MUG', qty: 3 }]))).body;
    const key = { 'idempotency-key': `rcv-${po.poId}` };
    const once = await ok(receive(po.poId, [{ sku: 'MUG', qty: 3 }], key));
    const twice = await ok(receive(po.poId, [{ sku: 'MUG', qty: 3 }], key));
    expect(twice.body).toEqual(once.body);
    expect(once.body.purchaseOrder.status).toBe('received');
    const movements = (await ok(h.call('GET', '/v1/movements?sku=MUG'))).body.items.filter(
      (m: { reference: string }) => m.reference === po.poId,
    );
    expect(movements).toHaveLength(1);
  });

  it('refuses bad receipts and orders with stable codes and changes nothing', async () => {
    const po = (await ok(order([{ sku: 'CAP', qty: 2 }]))).body;
    const before = await position('CAP');
    const stranger = await receive(po.poId, [
      { sku: 'CAP', qty: 1 },
      { sku: 'MUG', qty: 1 },
    ]);
    expect([stranger.status, stranger.body.error.code, stranger.body.error.details.skus]).toEqual([
      409,
      'sku_not_on_purchase_order',
      ['MUG'],
    ]);
    expect(await position('CAP')).toEqual(before);
    expect((await ok(h.call('GET', `/v1/purchase-orders/${po.poId}`))).body.lines[0].received).toBe(0);

    const unknownSku = await order([{ sku: 'NOPE', qty: 1 }]);
    expect([unknownSku.status, unknownSku.body.error.code]).toEqual([404, 'unknown_sku']);
    const unknownSupplier = await order([{ sku: 'MUG', qty: 1 }], { supplier: 'NOPE' });
    expect([unknownSupplier.status, unknownSupplier.body.error.code]).toEqual([404, 'unknown_supplier']);
    const repeated = await order([
      { sku: 'MUG', qty: 1 },
      { sku: 'MUG', qty: 2 },
    ]);
    expect([repeated.status, repeated.body.error.code]).toEqual([400, 'invalid_request']);
    const zero = await order([{ sku: 'MUG', qty: 0 }]);
    expect(zero.status).toBe(400);
    const missing = await receive('po_missing', [{ sku: 'MUG', qty: 1 }]);
    expect([missing.status, missing.body.error.code]).toEqual([404, 'unknown_purchase_order']);
    const both = await receive(po.poId, [{ sku: 'CAP', qty: 1, inspect: true, againstVirtual: true }]);
    expect([both.status, both.body.error.code]).toEqual([400, 'invalid_request']);
    expect(await position('CAP')).toEqual(before);
  });

  it('cancels only an order nothing was received on', async () => {
    const untouched = (await ok(order([{ sku: 'PEN', qty: 6 }]))).body;
    const cancelled = await ok(
      h.call('POST', `/v1/purchase-orders/${untouched.poId}/close`, { cancel: true, reason: 'duplicate' }),
    );
    expect(cancelled.body.status).toBe('cancelled');
    expect(cancelled.body.lines[0]).toMatchObject({ open: 0, short: 0 });

    const started = (await ok(order([{ sku: 'PEN', qty: 6 }]))).body;
    await ok(receive(started.poId, [{ sku: 'PEN', qty: 1 }]));
    const refused = await h.call('POST', `/v1/purchase-orders/${started.poId}/close`, { cancel: true });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'invalid_state']);
    expect((await ok(h.call('GET', `/v1/purchase-orders/${started.poId}`))).body.status).toBe(
      'partially_received',
    );
  });

  it('lists orders by status, supplier and SKU, newest first, in pages', async () => {
    const active = (await ok(h.call('GET', '/v1/purchase-orders?status=active&sku=PEN'))).body.items;
    expect(active.map((o: { status: string }) => o.status)).toEqual(['partially_received']);
    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const q: string = cursor ? `&cursor=${cursor}` : '';
      const r = (await ok(h.call('GET', `/v1/purchase-orders?supplier=ACME&limit=2${q}`))).body;
      pages.push(...r.items.map((o: { poId: string }) => o.poId));
      cursor = r.nextCursor;
    } while (cursor);
    expect(pages.length).toBeGreaterThanOrEqual(6);
    expect(new Set(pages).size).toBe(pages.length);
    expect([...pages].sort().reverse()).toEqual(pages);
  });

  it('writes purchase_order events in the same transaction as the change', async () => {
    const { rows } = await h.db.query<{ type: string }>(
      `select type from events where stream like 'purchase_order:%' order by id`,
    );
    const types = new Set(rows.map((r) => r.type));
    expect(types).toEqual(
      new Set([
        'purchase_order.created',
        'purchase_order.received',
        'purchase_order.closed',
        'purchase_order.cancelled',
      ]),
    );
  });
});
