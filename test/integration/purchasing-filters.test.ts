/**
 * Purchasing's lists filtered by warehouse and supplier together (issue 19: was the warehouse
 * ignored once a supplier was chosen?): the suggestions, their totals and CSV, and the purchase
 * orders each answer exactly the rows of that supplier at that warehouse.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness, type Reply } from '../helpers/harness.ts';

/** Who supplies each SKU where: both suppliers at both warehouses. */
const POLICIES = [
  ['MUG', 'LON', 'ACME'],
  ['MUG', 'AMS', 'ACME'],
  ['TEE', 'LON', 'ACME'],
  ['TEE', 'AMS', 'BETA'],
  ['CAP', 'LON', 'BETA'],
  ['CAP', 'AMS', 'BETA'],
] as const;

describe.each(backends())('purchasing filtered by warehouse and supplier on $name', (backend) => {
  let h: Harness;
  const ok = async (reply: Promise<Reply>) => {
    const r = await reply;
    if (r.status >= 300) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
    return r;
  };
  const expected = (warehouse: string, supplier: string) =>
    POLICIES.filter(([, w, s]) => w === warehouse && s === supplier)
      .map(([sku]) => `${sku}@${warehouse}`)
      .sort();

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h);
    for (const code of ['ACME', 'BETA'])
      await ok(h.call('PUT', `/v1/suppliers/${code}`, { name: code, leadTimeDays: 7 }));
    for (const [sku, warehouse, supplier] of POLICIES) {
      await ok(h.call('PUT', `/v1/replenishment/policies/${sku}/${warehouse}`, { supplier }));
      await ok(h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku, qty: 1 }] }));
    }
  });
  afterAll(() => h.close());

  it.each([
    ['LON', 'ACME'],
    ['AMS', 'ACME'],
    ['LON', 'BETA'],
    ['AMS', 'BETA'],
  ])('suggestions, totals and CSV at %s from %s: only that warehouse', async (warehouse, supplier) => {
    const want = expected(warehouse, supplier);
    expect(want.length).toBeGreaterThan(0);
    const query = `warehouse=${warehouse}&supplier=${supplier}`;
    const page = (await ok(h.call('GET', `/v1/replenishment?${query}`))).body;
    expect(
      page.items.map((r: { sku: string; warehouse: string }) => `${r.sku}@${r.warehouse}`).sort(),
    ).toEqual(want);
    expect(page.items.every((r: { policy: { supplier: string } }) => r.policy.supplier === supplier)).toBe(
      true,
    );
    expect((await ok(h.call('GET', `/v1/replenishment/totals?${query}`))).body.positions).toBe(want.length);
    const csv = await h.app.inject({
      method: 'GET',
      url: `/v1/replenishment?${query}&format=csv`,
      headers: { authorization: `Bearer ${h.adminKey}` },
    });
    const rows = csv.body.trim().split('\n').slice(1);
    expect(rows.map((l) => l.split(',').slice(0, 2).join('@')).sort()).toEqual(want);
  });

  it('lists purchase orders of one supplier at one warehouse', async () => {
    for (const [warehouse, supplier] of [
      ['LON', 'ACME'],
      ['AMS', 'ACME'],
      ['AMS', 'BETA'],
    ])
      await ok(
        h.call('POST', '/v1/purchase-orders', { supplier, warehouse, lines: [{ sku: 'MUG', qty: 5 }] }),
      );
    const list = (await ok(h.call('GET', '/v1/purchase-orders?warehouse=AMS&supplier=ACME'))).body.items;
    expect(list.map((po: { warehouse: string; supplier: string }) => [po.warehouse, po.supplier])).toEqual([
      ['AMS', 'ACME'],
    ]);
  });
});
