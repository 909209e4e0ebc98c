/**
 * Purchase orders under concurrency on PostgreSQL, over a real socket: receipts racing each
 * other and a close (every acknowledged receipt is booked and counted, none lands on a closed
 * order), and two clicks on "order the suggestions" (one purchase order, not two).
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pgAdminUrl, postgres } from '../helpers/backends.ts';
import { startHarness, type Harness, type Reply } from '../helpers/harness.ts';

const TIMEOUT = 120_000;

describe.skipIf(!pgAdminUrl())('purchase orders racing on PostgreSQL', () => {
  let h: Harness;
  let base: string;

  const http = async (method: 'POST' | 'GET' | 'PUT', path: string, body?: unknown): Promise<Reply> => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${h.adminKey}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined };
  };
  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const onHand = async (sku: string) =>
    (await ok(http('GET', `/v1/stock/${sku}`))).body.positions.find(
      (p: { warehouse: string }) => p.warehouse === 'LON',
    )?.onHand ?? 0;

  beforeAll(async () => {
    h = await startHarness(postgres);
    await h.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(h.app.server.address() as AddressInfo).port}`;
    await ok(http('PUT', '/v1/warehouses/LON', { name: 'LON', region: 'uk' }));
    for (const sku of ['MUG', 'OWED']) await ok(http('PUT', `/v1/skus/${sku}`, { name: sku }));
    await ok(http('PUT', '/v1/suppliers/ACME', { name: 'Acme', leadTimeDays: 5 }));
  }, TIMEOUT);
  afterAll(() => h?.close());

  it(
    'books every acknowledged receipt exactly once, and none after the close',
    async () => {
      const po = (
        await ok(
          http('POST', '/v1/purchase-orders', {
            supplier: 'ACME',
            warehouse: 'LON',
            lines: [{ sku: 'MUG', qty: 10 }],
          }),
        )
      ).body;
      const before = await onHand('MUG');
      const requests = Array.from({ length: 30 }, (_, i) =>
        i === 15
          ? http('POST', `/v1/purchase-orders/${po.poId}/close`, { reason: 'race' })
          : http('POST', `/v1/purchase-orders/${po.poId}/receipts`, { lines: [{ sku: 'MUG', qty: 1 }] }),
      );
      const replies = await Promise.all(requests);
      const close = replies[15]!;
      const receipts = replies.filter((_, i) => i !== 15);
      for (const r of receipts) {
        expect([201, 409]).toContain(r.status);
        if (r.status === 409) expect(r.body.error.code).toBe('invalid_state');
      }
      const booked = receipts.filter((r) => r.status === 201).length;
      const final = (await ok(http('GET', `/v1/purchase-orders/${po.poId}`))).body;
      // Either the close came first (what had come is kept, the rest is short), or all 10 had
      // come and the order was already received (it takes no more, and cannot be closed).
      if (close.status === 200) {
        expect(final.status).toBe('closed');
        expect(booked).toBeLessThanOrEqual(10);
      } else {
        expect([close.status, close.body.error.code, final.status]).toEqual([
          409,
          'invalid_state',
          'received',
        ]);
        expect(booked).toBe(10);
      }
      expect(final.lines[0]).toMatchObject({ received: booked, short: 10 - booked, open: 0 });
      expect((await onHand('MUG')) - before).toBe(booked);
      const { rows } = await h.db.query<{ n: number }>(
        `select count(*)::int as n from movements where reference = $1 and type = 'receipt'`,
        [po.poId],
      );
      expect(rows[0]!.n).toBe(booked);
    },
    TIMEOUT,
  );

  it(
    'orders a shortfall once when two clicks race',
    async () => {
      await ok(http('PUT', '/v1/replenishment/policies/OWED/LON', { supplier: 'ACME' }));
      await ok(http('PUT', '/v1/virtual/OWED/LON', { virtual: 10 }));
      await ok(http('POST', '/v1/orders', { orderId: 'owed-1', lines: [{ sku: 'OWED', qty: 4 }] }));
      const clicks = await Promise.all(
        Array.from({ length: 4 }, () =>
          http('POST', '/v1/replenishment/purchase-orders', { warehouse: 'LON', supplier: 'ACME' }),
        ),
      );
      const created = clicks.filter((r) => r.status === 201);
      expect(created).toHaveLength(1);
      for (const r of clicks.filter((c) => c.status !== 201)) {
        expect([r.status, r.body.error.code]).toEqual([409, 'nothing_to_order']);
      }
      expect(created[0]!.body.lines).toEqual([expect.objectContaining({ sku: 'OWED', ordered: 4 })]);
      const active = (await ok(http('GET', '/v1/purchase-orders?status=active&sku=OWED'))).body.items;
      expect(active).toHaveLength(1);
    },
    TIMEOUT,
  );
});
