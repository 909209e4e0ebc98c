/**
 * Products and variants: a product groups SKUs by options; stock stays per SKU and rolls up to
 * the product with the one "sellable across warehouses" rule (an oversold position never
 * lowers what the others sell), by warehouse and region. Storefront keys never see costs.
 * Bulk edit is all or nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { DUPLICATE_VARIANT_SQLSTATE, failOptionGuard } from '../../src/app/variant-options.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('products on $name', (backend) => {
  let h: Harness;
  let storefront: string;
  const ok = async (p: Promise<{ status: number; body: unknown }>) => {
    const r = await p;
    expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
    return r;
  };
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['TEE-S', 'TEE-M', 'MUG']);
    storefront = (await createApiKey(h.ctx, { name: 'shop', role: 'storefront' })).key;
    await ok(h.call('PUT', '/v1/products/tee', { name: 'Tee', options: ['size'], description: 'Cotton' }));
    for (const [sku, size] of [
      ['TEE-S', 'S'],
      ['TEE-M', 'M'],
    ]) {
      await ok(
        h.call('PUT', `/v1/skus/${sku}`, {
          name: `Tee ${size}`,
          price: 12,
          unitCost: 5,
          product: 'tee',
          options: { size },
        }),
      );
    }
    // TEE-S: 4 at LON, 3 at AMS. TEE-M: 2 at AMS, and LON oversold by 1 (1 received, 1 sold, 1 broken).
    await ok(
      h.call('POST', '/v1/receipts', {
        warehouse: 'LON',
        lines: [
          { sku: 'TEE-S', qty: 4 },
          { sku: 'TEE-M', qty: 1 },
        ],
      }),
    );
    await ok(
      h.call('POST', '/v1/receipts', {
        warehouse: 'AMS',
        lines: [
          { sku: 'TEE-S', qty: 3 },
          { sku: 'TEE-M', qty: 2 },
        ],
      }),
    );
    await ok(
      h.call('POST', '/v1/orders', { orderId: 'o-1', lines: [{ sku: 'TEE-M', qty: 1, warehouse: 'LON' }] }),
    );
    await ok(h.call('POST', '/v1/damage', { warehouse: 'LON', sku: 'TEE-M', qty: 1, reason: 'broken' }));
  });
  afterAll(() => h.close());

  it('groups SKUs with their option values', async () => {
    const r = await h.call('GET', '/v1/products/tee');
    expect(r.body).toMatchObject({ code: 'tee', name: 'Tee', options: ['size'], skuCount: 2 });
    expect(r.body.skus.map((s: { sku: string; options: object }) => [s.sku, s.options])).toEqual([
      ['TEE-M', { size: 'M' }],
      ['TEE-S', { size: 'S' }],
    ]);
  });

  it('rolls stock up to the product: sellable across warehouses, by warehouse and by region', async () => {
    const r = await h.call('GET', '/v1/products/tee/stock');
    expect(r.status).toBe(200);
    // 4 + 3 + 2 sellable; LON's TEE-M is oversold by 1 and shown apart, never subtracted.
    expect(r.body).toMatchObject({ product: 'tee', sellable: 9, oversold: 1, onHand: 10 });
    const byWarehouse = Object.fromEntries(
      r.body.byWarehouse.map((w: { warehouse: string; sellable: number; oversold: number }) => [
        w.warehouse,
        [w.sellable, w.oversold],
      ]),
    );
    expect(byWarehouse).toEqual({ LON: [4, 1], AMS: [5, 0] });
    expect(r.body.byRegion).toEqual([
      { region: 'eu', sellable: 5, oversold: 0, onHand: 5 },
      { region: 'uk', sellable: 4, oversold: 1, onHand: 5 },
    ]);
    // Each SKU's part agrees with its own availability.
    for (const s of r.body.bySku as { sku: string; sellable: number }[]) {
      expect((await h.call('GET', `/v1/availability/${s.sku}`)).body.sellable).toBe(s.sellable);
    }
    expect((await h.call('GET', '/v1/products')).body.items).toEqual([
      expect.objectContaining({ code: 'tee', sellable: 9 }),
    ]);
    expect((await h.call('GET', '/v1/products/tee/stock?warehouse=AMS')).body.sellable).toBe(5);
  });

  it('a storefront key reads products and SKUs without costs, and not the stock roll-up', async () => {
    const as = (url: string) =>
      h.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${storefront}` } });
    const product = JSON.parse((await as('/v1/products/tee')).body);
    expect(product.skus).toHaveLength(2);
    for (const s of product.skus) expect(s).not.toHaveProperty('unitCost');
    expect(JSON.parse((await as('/v1/skus/TEE-S')).body)).not.toHaveProperty('unitCost');
    expect(JSON.parse((await as('/v1/skus')).body).items[0]).not.toHaveProperty('unitCost');
    expect((await h.call('GET', '/v1/skus/TEE-S')).body.unitCost).toBe(5);
    expect((await as('/v1/products/tee/stock')).statusCode).toBe(403);
  });

  it('a PUT of a SKU without product keeps its product; null takes it out', async () => {
    await ok(h.call('PUT', '/v1/skus/TEE-S', { name: 'Tee S', price: 12, unitCost: 5 }));
    expect((await h.call('GET', '/v1/skus/TEE-S')).body).toMatchObject({
      product: 'tee',
      options: { size: 'S' },
    });
    expect((await h.call('PUT', '/v1/skus/MUG', { name: 'Mug', product: 'nope' })).body.error.code).toBe(
      'unknown_product',
    );
  });

  it('bulk edit changes price, cost, categories and attributes of many SKUs at once', async () => {
    await ok(h.call('PUT', '/v1/categories/apparel', { name: 'Apparel' }));
    await ok(
      h.call('PUT', '/v1/skus/MUG', {
        name: 'Mug',
        price: 8,
        attributes: { colour: 'white', size: '300ml' },
      }),
    );
    const r = await h.call('PATCH', '/v1/skus', {
      items: [
        { sku: 'TEE-S', price: 14, categories: ['apparel'] },
        { sku: 'MUG', unitCost: 3, attributes: { colour: 'blue', size: null } },
      ],
    });
    expect(r.status).toBe(200);
    const mug = (await h.call('GET', '/v1/skus/MUG')).body;
    expect(mug).toMatchObject({ price: 8, unitCost: 3, attributes: { colour: 'blue' } });
    expect(mug.attributes).not.toHaveProperty('size');
    expect((await h.call('GET', '/v1/skus/TEE-S')).body).toMatchObject({
      price: 14,
      unitCost: 5,
      categories: ['apparel'],
    });
  });

  it('bulk edit is all or nothing: one unknown SKU, product or category and nothing changes', async () => {
    for (const [items, code] of [
      [
        [
          { sku: 'MUG', price: 99 },
          { sku: 'GHOST', price: 1 },
        ],
        'unknown_sku',
      ],
      [
        [
          { sku: 'MUG', price: 99 },
          { sku: 'TEE-M', product: 'ghost' },
        ],
        'unknown_product',
      ],
      [[{ sku: 'MUG', price: 99, categories: ['ghost'] }], 'unknown_category'],
      [
        [
          { sku: 'MUG', price: 99 },
          { sku: 'MUG', price: 98 },
        ],
        'invalid_request',
      ],
    ] as const) {
      const r = await h.call('PATCH', '/v1/skus', { items });
      expect(r.body.error?.code, JSON.stringify(r.body)).toBe(code);
      expect((await h.call('GET', '/v1/skus/MUG')).body.price).toBe(8);
    }
    const missing = await h.call('PATCH', '/v1/skus', { items: [{ sku: 'GHOST' }, { sku: 'GONE' }] });
    expect(missing.body.error.details).toEqual({ skus: ['GHOST', 'GONE'] });
  });

  it("a variant's option names are its product's, and a product keeps an option a variant uses", async () => {
    const put = await h.call('PUT', '/v1/skus/TEE-M', {
      name: 'Tee M',
      price: 12,
      unitCost: 5,
      options: { colour: 'red' },
    });
    expect(put.status).toBe(400);
    expect(put.body.error).toMatchObject({
      code: 'invalid_options',
      details: { sku: 'TEE-M', product: 'tee', options: ['colour'], allowed: ['size'] },
    });
    expect((await h.call('GET', '/v1/skus/TEE-M')).body.options).toEqual({ size: 'M' });
    // In a bulk edit: all or nothing, also when the SKU joins the product in the same item.
    for (const items of [
      [
        { sku: 'MUG', price: 99 },
        { sku: 'TEE-S', options: { size: 'S', fit: 'slim' } },
      ],
      [{ sku: 'MUG', price: 99, product: 'tee', options: { colour: 'blue' } }],
    ]) {
      const bulk = await h.call('PATCH', '/v1/skus', { items });
      expect(bulk.body.error?.code, JSON.stringify(bulk.body)).toBe('invalid_options');
      expect((await h.call('GET', '/v1/skus/MUG')).body).toMatchObject({ price: 8, product: null });
    }
    // The product may not drop an option its variants use...
    const drop = await h.call('PUT', '/v1/products/tee', { name: 'Tee', options: ['colour'] });
    expect(drop.status).toBe(409);
    expect(drop.body.error).toMatchObject({
      code: 'option_in_use',
      details: { product: 'tee', sku: 'TEE-M', options: ['size'] },
    });
    expect((await h.call('GET', '/v1/products/tee')).body.options).toEqual(['size']);
    // ...but may add one, which its variants may then use.
    await ok(h.call('PUT', '/v1/products/tee', { name: 'Tee', options: ['size', 'colour'] }));
    await ok(
      h.call('PATCH', '/v1/skus', { items: [{ sku: 'TEE-M', options: { size: 'M', colour: 'red' } }] }),
    );
    expect((await h.call('GET', '/v1/skus/TEE-M')).body.options).toEqual({ size: 'M', colour: 'red' });
  });

  it('two variants of a product may not share their option values; two products may', async () => {
    // TEE-M is size=M colour=red: the same values in another order are the same variant.
    const put = await h.call('PUT', '/v1/skus/TEE-S', {
      name: 'Tee S',
      price: 12,
      options: { colour: 'red', size: 'M' },
    });
    expect(put.status).toBe(409);
    expect(put.body.error).toMatchObject({
      code: 'duplicate_variant',
      details: { sku: 'TEE-S', product: 'tee', existing: 'TEE-M', options: { size: 'M', colour: 'red' } },
    });
    expect((await h.call('GET', '/v1/skus/TEE-S')).body).toMatchObject({
      name: 'Tee S',
      options: { size: 'S' },
    });
    // A bulk edit whose one item joins the product with TEE-S's values: nothing changes.
    const bulk = await h.call('PATCH', '/v1/skus', {
      items: [
        { sku: 'MUG', price: 99 },
        { sku: 'TEE-M', options: { size: 'S' } },
      ],
    });
    expect(bulk.body.error?.code, JSON.stringify(bulk.body)).toBe('duplicate_variant');
    expect((await h.call('GET', '/v1/skus/MUG')).body.price).toBe(8);
    expect((await h.call('GET', '/v1/skus/TEE-M')).body.options).toEqual({ size: 'M', colour: 'red' });
    // The write holds it, whoever writes: a hand-written UPDATE meets the trigger...
    await expect(
      h.db.query(`update skus set options = '{"size": "S"}' where sku = 'TEE-M'`),
    ).rejects.toMatchObject({ code: DUPLICATE_VARIANT_SQLSTATE });
    // ...and, past the trigger (as two transactions writing at once both are), the unique index.
    const raced = await h.db
      .transaction(async (tx) => {
        await tx.query('set local session_replication_role = replica');
        await tx.query(`update skus set options = '{"size": "S"}' where sku = 'TEE-M'`);
      })
      .catch((err: unknown) => err);
    expect(raced).toMatchObject({ code: '23505' });
    const mapped = (() => {
      try {
        failOptionGuard(raced);
      } catch (err) {
        return err;
      }
    })();
    expect(mapped).toMatchObject({ code: 'duplicate_variant' });
    // Another product may use the same values.
    await ok(h.call('PUT', '/v1/products/cap', { name: 'Cap', options: ['size'] }));
    await ok(h.call('PUT', '/v1/skus/CAP-S', { name: 'Cap S', product: 'cap', options: { size: 'S' } }));
  });

  it('a product with SKUs cannot be deleted; an empty one can', async () => {
    expect((await h.call('DELETE', '/v1/products/tee')).body.error.code).toBe('product_has_skus');
    await ok(h.call('PUT', '/v1/products/empty', { name: 'Empty' }));
    expect((await h.call('DELETE', '/v1/products/empty')).status).toBe(204);
    expect((await h.call('GET', '/v1/products/empty')).status).toBe(404);
  });
});
