/**
 * POST /v1/admin/demo: the dashboard's "load the demo" on an empty stockroom. Loads what
 * `stockroom demo` loads, adds nothing the second time, and is for admins only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

const SLOW = 120_000;

describe.each(backends())('loading the demo through the API on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
  });
  afterAll(() => h.close());

  it(
    'loads the demo once, for admins only',
    async () => {
      const { key } = await createApiKey(h.ctx, { name: 'op', role: 'operator' });
      const denied = await h.call('POST', '/v1/admin/demo', undefined, { authorization: `Bearer ${key}` });
      expect([denied.status, denied.body.error.code]).toEqual([403, 'forbidden']);
      expect((await h.call('GET', '/v1/warehouses')).body.items).toEqual([]);

      const first = await h.call('POST', '/v1/admin/demo');
      expect(first.status).toBe(200);
      expect(first.body).toMatchObject({ skus: 500, skusCreated: 500 });
      expect(first.body.units).toBeGreaterThan(0);
      expect(first.body.historyDays).toBeGreaterThan(0);
      const stock = (await h.call('GET', '/v1/stock/85123A')).body;
      expect(stock.positions.map((p: { warehouse: string }) => p.warehouse)).toEqual(['AMS', 'LON', 'NYC']);
      expect((await h.call('GET', '/v1/availability/85123A?region=uk')).status).toBe(200);

      const again = await h.call('POST', '/v1/admin/demo');
      expect(again.body).toMatchObject({ skus: 500, skusCreated: 0, units: 0 });
      expect((await h.call('GET', '/v1/stock/85123A')).body.totals).toEqual(stock.totals);
    },
    SLOW,
  );
});
