import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('smoke on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h);
  });
  afterAll(() => h.close());

  it('receives goods and reserves an order', async () => {
    expect(
      (await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 5 }] })).status,
    ).toBe(201);
    const placed = await h.call('POST', '/v1/orders', { orderId: 'o1', lines: [{ sku: 'MUG', qty: 2 }] });
    expect(placed.status).toBe(201);
    expect(placed.body.allocations).toEqual([{ sku: 'MUG', warehouse: 'LON', qty: 2 }]);
  });
});
