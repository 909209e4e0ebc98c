/**
 * The shop's currency: one ISO 4217 setting, answered beside every money figure (SKU price and
 * cost, stock value, suggestion value) and to every key's session; only an admin may change it,
 * and a code that is not a currency changes nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())("the shop's currency on $name", (backend) => {
  let h: Harness;
  let storefront: Record<string, string>;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    const key = (await h.call('POST', '/v1/api-keys', { name: 'shop', role: 'storefront' })).body.key;
    storefront = { authorization: `Bearer ${key}` };
  });
  afterAll(() => h.close());

  it('is US dollars until set, and says so beside the money', async () => {
    expect((await h.call('GET', '/v1/settings/shop')).body).toEqual({ currency: 'USD' });
    expect((await h.call('GET', '/v1/skus/MUG')).body).toMatchObject({ price: 10, currency: 'USD' });
  });

  it('is set by an admin and answered everywhere money is', async () => {
    const put = await h.call('PUT', '/v1/settings/shop', { currency: 'GBP' });
    expect([put.status, put.body]).toEqual([200, { currency: 'GBP' }]);
    expect((await h.call('GET', '/v1/skus/MUG')).body.currency).toBe('GBP');
    expect((await h.call('GET', '/v1/skus')).body.items[0].currency).toBe('GBP');
    expect((await h.call('PUT', '/v1/skus/MUG', { name: 'Mug', price: 12 })).body.currency).toBe('GBP');
    expect((await h.call('GET', '/v1/dashboard/overview')).body.currency).toBe('GBP');
    expect((await h.call('GET', '/v1/dashboard/skus')).body.currency).toBe('GBP');
    expect((await h.call('GET', '/v1/replenishment/totals')).body.currency).toBe('GBP');
    expect((await h.call('GET', '/v1/session')).body.currency).toBe('GBP');
    expect((await h.call('GET', '/v1/session', undefined, storefront)).body.currency).toBe('GBP');
    expect((await h.call('GET', '/v1/settings/shop', undefined, storefront)).body.currency).toBe('GBP');
  });

  it('refuses what is not an ISO 4217 code, and non-admin keys, changing nothing', async () => {
    for (const [body, status, code] of [
      [{ currency: 'XYZ' }, 400, 'invalid_currency'],
      [{ currency: 'gbp' }, 400, 'invalid_request'],
      [{ currency: 'POUND' }, 400, 'invalid_request'],
      [{}, 400, 'invalid_request'],
      [{ currency: 'EUR', extra: 1 }, 400, 'invalid_request'],
    ] as const) {
      const r = await h.call('PUT', '/v1/settings/shop', body);
      expect([r.status, r.body.error?.code], JSON.stringify(body)).toEqual([status, code]);
    }
    const denied = await h.call('PUT', '/v1/settings/shop', { currency: 'EUR' }, storefront);
    expect(denied.status).toBe(403);
    expect((await h.call('GET', '/v1/settings/shop')).body).toEqual({ currency: 'GBP' });
  });
});
