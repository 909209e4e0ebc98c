/**
 * Issue 12, access: each case reproduced in the issue, now refused and changing nothing.
 * The rules are in src/app/access.ts and docs/access.md; every route is covered by
 * access-matrix.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness, type Reply } from '../helpers/harness.ts';

describe.each(backends())('access on $name', (backend) => {
  let h: Harness;
  let storefront: string;
  let otherStorefront: string;
  let w1Operator: string;
  let operator: string;

  const as = async (key: string, method: 'GET' | 'POST' | 'PUT', url: string, body?: object) => {
    const res = await h.app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(body ? { payload: body } : {}),
    });
    return { status: res.statusCode, body: JSON.parse(res.body) } as Reply;
  };
  const ok = (r: Reply) => {
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
    return r;
  };
  /** Everything an order or a position could change: the order as the admin sees it, and stock. */
  const snapshot = async (orderId: string) => ({
    order: (await h.call('GET', `/v1/orders/${orderId}`)).body,
    stock: (await h.call('GET', '/v1/stock/MUG')).body,
    movements: (await h.call('GET', '/v1/movements?limit=1000')).body.items.length,
  });
  const reservedAt = async (warehouse: string) =>
    (await h.call('GET', '/v1/stock/MUG')).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === warehouse,
    )?.reserved ?? 0;

  beforeAll(async () => {
    h = await startHarness(backend);
    for (const code of ['W1', 'W2'])
      ok(await h.call('PUT', `/v1/warehouses/${code}`, { name: code, region: 'uk' }));
    ok(await h.call('PUT', '/v1/skus/MUG', { name: 'Mug', price: 10 }));
    ok(await h.call('PUT', '/v1/skus/TEE', { name: 'Tee', price: 10 }));
    const key = async (body: object) => ok(await h.call('POST', '/v1/api-keys', body)).body.key as string;
    storefront = await key({ name: 'shop', role: 'storefront' });
    otherStorefront = await key({ name: 'other shop', role: 'storefront' });
    w1Operator = await key({ name: 'W1 scanner', role: 'operator', warehouses: ['W1'] });
    operator = await key({ name: 'ops', role: 'operator' });
    for (const warehouse of ['W1', 'W2'])
      ok(await h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku: 'MUG', qty: 50 }] }));
    ok(await h.call('POST', '/v1/receipts', { warehouse: 'W2', lines: [{ sku: 'TEE', qty: 5 }] }));
  });
  afterAll(() => h.close());

  describe('a storefront key', () => {
    beforeAll(async () => {
      ok(
        await h.call('POST', '/v1/orders', {
          orderId: 'ctl-1',
          lines: [{ sku: 'MUG', qty: 2, warehouse: 'W1' }],
        }),
      );
    });

    it("reads an admin's order as if it did not exist", async () => {
      const hidden = await as(storefront, 'GET', '/v1/orders/ctl-1');
      const unknown = await as(storefront, 'GET', '/v1/orders/ctl-none');
      expect(hidden.status).toBe(404);
      expect(hidden.body).toEqual({
        error: { code: 'unknown_order', message: 'no order ctl-1', details: { orderId: 'ctl-1' } },
      });
      // Same answer, but for the id the caller sent.
      expect(JSON.stringify(unknown.body).replaceAll('ctl-none', 'ctl-1')).toBe(JSON.stringify(hidden.body));
    });

    it("cannot cancel or confirm an admin's order: 404 and the stock is unchanged", async () => {
      const before = await snapshot('ctl-1');
      expect(before.order.status).toBe('reserved');
      for (const action of ['cancel', 'confirm']) {
        const r = await as(storefront, 'POST', `/v1/orders/ctl-1/${action}`);
        expect([r.status, r.body.error.code]).toEqual([404, 'unknown_order']);
      }
      expect(await snapshot('ctl-1')).toEqual(before);
      expect(await reservedAt('W1')).toBe(2);
    });

    it('reads, confirms and cancels the orders it placed itself', async () => {
      expect(
        (await as(storefront, 'POST', '/v1/orders', { orderId: 'sf-1', lines: [{ sku: 'MUG', qty: 1 }] }))
          .status,
      ).toBe(201);
      expect((await as(storefront, 'GET', '/v1/orders/sf-1')).body.status).toBe('reserved');
      expect((await as(storefront, 'POST', '/v1/orders/sf-1/confirm')).body.status).toBe('confirmed');
      // Another storefront key does not see it either.
      expect((await as(otherStorefront, 'GET', '/v1/orders/sf-1')).status).toBe(404);
      expect((await as(otherStorefront, 'POST', '/v1/orders/sf-1/cancel')).status).toBe(404);
      expect((await as(storefront, 'POST', '/v1/orders/sf-1/cancel')).body.status).toBe('released');
      // Staff see every order.
      expect((await as(operator, 'GET', '/v1/orders/sf-1')).status).toBe(200);
    });

    it("is not handed another caller's order by placing its id, whether or not the lines match", async () => {
      const before = await snapshot('ctl-1');
      for (const lines of [[{ sku: 'MUG', qty: 2, warehouse: 'W1' }], [{ sku: 'MUG', qty: 1 }]]) {
        const r = await as(storefront, 'POST', '/v1/orders', { orderId: 'ctl-1', lines });
        expect(r).toEqual({
          status: 409,
          body: {
            error: {
              code: 'order_id_unavailable',
              message: 'order id ctl-1 cannot be used; choose another',
              details: { orderId: 'ctl-1' },
            },
          },
        });
      }
      expect(await snapshot('ctl-1')).toEqual(before);
      // Its own order id still replays its own answer.
      ok(
        await as(otherStorefront, 'POST', '/v1/orders', { orderId: 'sf-2', lines: [{ sku: 'MUG', qty: 1 }] }),
      );
      const again = await as(otherStorefront, 'POST', '/v1/orders', {
        orderId: 'sf-2',
        lines: [{ sku: 'MUG', qty: 1 }],
      });
      expect([again.status, again.body.orderId]).toEqual([200, 'sf-2']);
      const taken = await as(storefront, 'POST', '/v1/orders', {
        orderId: 'sf-2',
        lines: [{ sku: 'MUG', qty: 1 }],
      });
      expect(taken.body.error.code).toBe('order_id_unavailable');
    });

    it("is refused every list that holds other callers' data", async () => {
      for (const url of [
        '/v1/orders',
        '/v1/movements',
        '/v1/events',
        '/v1/events/stream',
        '/v1/back-in-stock-subscriptions',
        '/v1/back-in-stock/waiting',
        '/v1/webhooks',
        '/v1/api-keys',
        '/v1/stock',
      ]) {
        const r = await as(storefront, 'GET', url);
        expect([url, r.status]).toEqual([url, 403]);
      }
    });
  });

  describe('an operator limited to W1', () => {
    it('places orders only at W1: routed orders never reserve at W2, lines naming W2 are refused', async () => {
      const w2Before = await reservedAt('W2');
      // TEE is only at W2: refused as if W2 held nothing, rather than reserved there.
      const routed = await as(w1Operator, 'POST', '/v1/orders', {
        orderId: 'op-tee',
        lines: [{ sku: 'TEE', qty: 1 }],
      });
      expect([routed.status, routed.body.error.code]).toEqual([409, 'insufficient_stock']);
      const named = await as(w1Operator, 'POST', '/v1/orders', {
        orderId: 'op-w2',
        lines: [{ sku: 'MUG', qty: 1, warehouse: 'W2' }],
      });
      expect([named.status, named.body.error.code, named.body.error.details]).toEqual([
        403,
        'forbidden',
        { warehouses: ['W2'] },
      ]);
      expect((await h.call('GET', '/v1/orders/op-w2')).status).toBe(404);
      expect((await h.call('GET', '/v1/orders/op-tee')).status).toBe(404);
      // Even when W2 has more, a routed order of the limited key goes to W1.
      const placed = ok(
        await as(w1Operator, 'POST', '/v1/orders', {
          orderId: 'op-mug',
          lines: [{ sku: 'MUG', qty: 3 }],
        }),
      );
      expect(placed.body.allocations.map((a: { warehouse: string }) => a.warehouse)).toEqual(['W1']);
      expect(await reservedAt('W2')).toBe(w2Before);
    });

    it('does not see or cancel an order allocated at W2, and may not cancel one split over W1 and W2', async () => {
      ok(
        await h.call('POST', '/v1/orders', {
          orderId: 'w2-only',
          lines: [{ sku: 'MUG', qty: 4, warehouse: 'W2' }],
        }),
      );
      ok(
        await h.call('POST', '/v1/orders', {
          orderId: 'split',
          lines: [
            { sku: 'MUG', qty: 1, warehouse: 'W1' },
            { sku: 'MUG', qty: 1, warehouse: 'W2' },
          ],
        }),
      );
      const before = [await snapshot('w2-only'), await snapshot('split')];
      for (const action of ['cancel', 'confirm', 'shipments']) {
        const r = await as(w1Operator, 'POST', `/v1/orders/w2-only/${action}`);
        expect([action, r.status, r.body.error.code]).toEqual([action, 404, 'unknown_order']);
      }
      expect((await as(w1Operator, 'GET', '/v1/orders/w2-only')).status).toBe(404);
      expect((await as(w1Operator, 'GET', '/v1/orders/split')).status).toBe(200);
      for (const action of ['cancel', 'confirm']) {
        const r = await as(w1Operator, 'POST', `/v1/orders/split/${action}`);
        expect([action, r.status, r.body.error.details]).toEqual([action, 403, { warehouses: ['W2'] }]);
      }
      const list = (await as(w1Operator, 'GET', '/v1/orders?limit=1000')).body.items.map(
        (o: { orderId: string }) => o.orderId,
      );
      expect(list).toContain('split');
      expect(list).not.toContain('w2-only');
      expect([await snapshot('w2-only'), await snapshot('split')]).toEqual(before);
    });

    it("reads only W1's stock and ledger, and is refused W2's by name", async () => {
      const stock = ok(await as(w1Operator, 'GET', '/v1/stock/MUG')).body;
      expect(stock.positions.map((p: { warehouse: string }) => p.warehouse)).toEqual(['W1']);
      expect(stock.totals.onHand).toBe(50);
      const all = ok(await as(w1Operator, 'GET', '/v1/stock?limit=1000')).body.items;
      expect(new Set(all.map((p: { warehouse: string }) => p.warehouse))).toEqual(new Set(['W1']));
      const ledger = ok(await as(w1Operator, 'GET', '/v1/movements?limit=1000')).body.items;
      expect(ledger.length).toBeGreaterThan(0);
      expect(new Set(ledger.map((m: { warehouse: string }) => m.warehouse))).toEqual(new Set(['W1']));
      for (const url of [
        '/v1/stock?warehouse=W2',
        '/v1/movements?warehouse=W2',
        '/v1/replenishment/policies/MUG/W2',
      ]) {
        const r = await as(w1Operator, 'GET', url);
        expect([url, r.status, r.body.error.code]).toEqual([url, 403, 'forbidden']);
      }
      // A transfer arriving at W1 is W1's business too: readable, with its source.
      const inbound = ok(
        await h.call('POST', '/v1/transfers', { from: 'W2', to: 'W1', lines: [{ sku: 'MUG', qty: 1 }] }),
      );
      expect((await as(w1Operator, 'GET', `/v1/transfers/${inbound.body.transferId}`)).body.from).toBe('W2');
      // The dashboard's SKU table sums the W1 position only.
      const summary = ok(await as(w1Operator, 'GET', '/v1/dashboard/skus?search=MUG')).body.items;
      expect(summary.find((i: { sku: string }) => i.sku === 'MUG').onHand).toBe(50);
      expect((await as(w1Operator, 'GET', '/v1/dashboard/skus?warehouse=W2')).status).toBe(403);
      // Reads that span every warehouse and are not filtered yet are refused as a whole.
      for (const url of ['/v1/transfers', '/v1/events', '/v1/dashboard/overview', '/v1/totals/MUG']) {
        expect([url, (await as(w1Operator, 'GET', url)).status]).toEqual([url, 403]);
      }
    });

    it("may not set W2's replenishment policy (was 201), and may set W1's", async () => {
      const before = (await h.call('GET', '/v1/replenishment/policies/MUG/W2')).body;
      const r = await as(w1Operator, 'PUT', '/v1/replenishment/policies/MUG/W2', { leadTimeDays: 3 });
      expect([r.status, r.body.error.code]).toEqual([403, 'forbidden']);
      expect((await h.call('GET', '/v1/replenishment/policies/MUG/W2')).body).toEqual(before);
      expect(
        (await as(w1Operator, 'PUT', '/v1/replenishment/policies/MUG/W1', { leadTimeDays: 3 })).status,
      ).toBe(201);
    });
  });
});
