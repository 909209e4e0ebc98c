/**
 * CORS for browser storefronts: origins per key role (STOCKROOM_CORS_ORIGINS for storefront
 * keys), preflights answered only for a listed origin on a route one of its roles may use, and
 * admin routes closed to browsers unless their own list names the origin.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { loadCorsOrigins } from '../../src/config.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const SHOP = 'https://shop.example';
const ELSEWHERE = 'https://evil.example';
const BACK_OFFICE = 'https://ops.example';

describe.each(backends())('CORS on $name', (backend) => {
  let open: Harness;
  let closed: Harness;
  let storefrontKey: string;
  beforeAll(async () => {
    open = await startHarness(backend, {
      cors: { storefront: [SHOP], operator: [], admin: [BACK_OFFICE] },
    });
    await seedCatalogue(open, ['MUG']);
    storefrontKey = (await createApiKey(open.ctx, { name: 'shop', role: 'storefront' })).key;
    closed = await startHarness(backend, { cors: { storefront: [], operator: [], admin: [] } });
  });
  afterAll(async () => {
    await open?.close();
    await closed?.close();
  });

  const preflight = (h: Harness, url: string, method: string, origin: string) =>
    h.app.inject({
      method: 'OPTIONS',
      url,
      headers: {
        origin,
        'access-control-request-method': method,
        'access-control-request-headers': 'authorization,content-type,idempotency-key',
      },
    });

  it('answers a preflight from a storefront origin for the routes a storefront key may use', async () => {
    for (const [url, method] of [
      ['/v1/availability/MUG', 'GET'],
      ['/v1/orders', 'POST'],
      ['/v1/orders/o-1/cancel', 'POST'],
    ] as const) {
      const res = await preflight(open, url, method, SHOP);
      expect(res.statusCode, `${method} ${url}`).toBe(204);
      expect(res.headers['access-control-allow-origin']).toBe(SHOP);
      expect(res.headers['access-control-allow-methods']).toBe(method);
      expect(res.headers['access-control-allow-headers']).toContain('idempotency-key');
      expect(res.headers['access-control-max-age']).toBe('600');
    }
  });

  it('refuses preflights from other origins, and for routes storefront keys may not use', async () => {
    const refused = [
      await preflight(open, '/v1/availability/MUG', 'GET', ELSEWHERE),
      await preflight(open, '/v1/api-keys', 'POST', SHOP),
      await preflight(open, '/v1/receipts', 'POST', SHOP),
      await preflight(open, '/v1/stock/MUG', 'GET', SHOP),
      await preflight(open, '/v1/no-such-route', 'GET', SHOP),
    ];
    for (const res of refused) {
      expect(res.statusCode).toBe(404);
      expect(res.headers['access-control-allow-origin']).toBeUndefined();
    }
  });

  it('opens admin routes only to the origins listed for admin keys', async () => {
    const res = await preflight(open, '/v1/api-keys', 'POST', BACK_OFFICE);
    expect(res.statusCode).toBe(204);
    expect(res.headers['access-control-allow-origin']).toBe(BACK_OFFICE);
    // Routes open to every role are open to the admin origin too.
    expect((await preflight(open, '/v1/availability/MUG', 'GET', BACK_OFFICE)).statusCode).toBe(204);
  });

  it('lets the storefront page read answers, errors included, and nothing else', async () => {
    const read = await open.app.inject({
      url: '/v1/availability/MUG',
      headers: { origin: SHOP, authorization: `Bearer ${storefrontKey}` },
    });
    expect(read.statusCode).toBe(200);
    expect(read.headers['access-control-allow-origin']).toBe(SHOP);
    expect(read.headers['access-control-expose-headers']).toContain('idempotent-replayed');
    expect(read.headers.vary).toContain('Origin');

    // A refused key's 401 is readable by the page, so it can say why.
    const refused = await open.app.inject({ url: '/v1/availability/MUG', headers: { origin: SHOP } });
    expect(refused.statusCode).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(SHOP);

    const admin = await open.app.inject({
      url: '/v1/api-keys',
      headers: { origin: SHOP, authorization: `Bearer ${open.adminKey}` },
    });
    expect(admin.statusCode).toBe(200);
    expect(admin.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('is closed to every origin by default', async () => {
    expect(loadCorsOrigins({})).toEqual({ storefront: [], operator: [], admin: [] });
    const res = await preflight(closed, '/v1/availability/MUG', 'GET', SHOP);
    expect(res.statusCode).toBe(404);
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
    const read = await closed.app.inject({
      url: '/v1/availability/MUG',
      headers: { origin: SHOP, authorization: `Bearer ${closed.adminKey}` },
    });
    expect(read.headers['access-control-allow-origin']).toBeUndefined();
  });
});

describe('CORS configuration', () => {
  it('reads origins per role and refuses what a browser never sends as an origin', () => {
    expect(
      loadCorsOrigins({
        STOCKROOM_CORS_ORIGINS: 'https://shop.example, http://localhost:5173',
        STOCKROOM_CORS_ADMIN_ORIGINS: '*',
      }),
    ).toEqual({ storefront: ['https://shop.example', 'http://localhost:5173'], operator: [], admin: ['*'] });
    expect(() => loadCorsOrigins({ STOCKROOM_CORS_ORIGINS: 'https://shop.example/cart' })).toThrow(
      /STOCKROOM_CORS_ORIGINS/,
    );
    expect(() => loadCorsOrigins({ STOCKROOM_CORS_OPERATOR_ORIGINS: 'shop.example' })).toThrow(
      /STOCKROOM_CORS_OPERATOR_ORIGINS/,
    );
  });
});
