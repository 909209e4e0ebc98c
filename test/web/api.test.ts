import { describe, expect, expectTypeOf, it } from 'vitest';
import { createApi, type Ok } from '../../web/src/lib/api.ts';

/** The dashboard's API over a recording fetch that answers `answer(url, init)`. */
function recordingApi(answer: (url: string, init: RequestInit) => Response, base = '') {
  const seen: { url: string; method: string; headers: Record<string, string>; body?: string }[] = [];
  const api = createApi('sr_key', base, (async (url: string, init: RequestInit) => {
    seen.push({
      url,
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      ...(init.body ? { body: String(init.body) } : {}),
    });
    return answer(url, init);
  }) as typeof fetch);
  return { api, seen };
}

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the dashboard API through the typed client', () => {
  it('fills path parameters encoded, sends the key, and asks the page origin by a relative URL', async () => {
    const { api, seen } = recordingApi(() => json({ sku: 'A/B', name: 'Mug' }));
    const sku = await api.get('/v1/skus/{sku}', { params: { path: { sku: 'A/B' } } });
    expect(sku.name).toBe('Mug');
    expect(seen[0]).toMatchObject({ url: '/v1/skus/A%2FB', method: 'GET' });
    expect(seen[0]!.headers.authorization).toBe('Bearer sr_key');
    expect(seen[0]!.headers.accept).toBe('application/json');
  });

  it('leaves out empty and absent query values: an empty filter box is no filter', async () => {
    const { api, seen } = recordingApi(() => json({ items: [], nextCursor: null }));
    await api.get('/v1/orders', { params: { query: { status: undefined, cursor: '', limit: 25 } } });
    expect(seen[0]!.url).toBe('/v1/orders?limit=25');
  });

  it('gives every POST a fresh Idempotency-Key, and keeps one given', async () => {
    const { api, seen } = recordingApi(() => json({ refreshed: 0, more: false }));
    await api.post('/v1/replenishment/refresh', { body: {} });
    await api.post('/v1/replenishment/refresh', { body: {} });
    await api.post('/v1/replenishment/refresh', { body: {}, headers: { 'idempotency-key': 'k-1' } });
    const keys = seen.map((s) => s.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^web-[0-9a-f-]{36}$/);
    expect(keys[1]).toMatch(/^web-/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys[2]).toBe('k-1');
    expect(seen[0]).toMatchObject({ method: 'POST', body: '{}' });
    expect(seen[0]!.headers['content-type']).toBe('application/json');
  });

  it('throws the error envelope as an ApiError with its stable code', async () => {
    const { api } = recordingApi(() =>
      json({ error: { code: 'unknown_sku', message: 'no SKU NOPE', details: { sku: 'NOPE' } } }, 404),
    );
    await expect(api.get('/v1/stock/{sku}', { params: { path: { sku: 'NOPE' } } })).rejects.toMatchObject({
      name: 'StockroomError',
      status: 404,
      code: 'unknown_sku',
      details: { sku: 'NOPE' },
    });
  });

  it('calls an unreachable server a network_error', async () => {
    const api = createApi('sr_key', '', (async () => {
      throw new TypeError('fetch failed');
    }) as typeof fetch);
    await expect(api.get('/v1/warehouses')).rejects.toMatchObject({ status: 0, code: 'network_error' });
  });

  it('answers nothing for a 204', async () => {
    const { api, seen } = recordingApi(() => new Response(null, { status: 204 }));
    await expect(
      api.del('/v1/forecast-events/{name}', { params: { path: { name: 'black friday' } } }),
    ).resolves.toBeUndefined();
    expect(seen[0]).toMatchObject({ url: '/v1/forecast-events/black%20friday', method: 'DELETE' });
  });

  it('is typed by the OpenAPI document: answers, paths, parameters and bodies are checked', () => {
    const { api } = recordingApi(() => json({}));
    // Not called: the checks below are the compiler's (npm run typecheck compiles test/web).
    const typed = () => {
      expectTypeOf(
        api.get('/v1/orders/{orderId}', { params: { path: { orderId: 'o1' } } }),
      ).resolves.toEqualTypeOf<Ok<'/v1/orders/{orderId}', 'get'>>();
      expectTypeOf(
        api.get('/v1/replenishment', { params: { query: { format: 'csv' } }, parseAs: 'blob' }),
      ).resolves.toEqualTypeOf<Blob>();
      // @ts-expect-error a path the API does not have
      void api.get('/v1/no-such-route');
      // @ts-expect-error the path parameter is required
      void api.get('/v1/orders/{orderId}');
      // @ts-expect-error a body field the route does not take
      void api.post('/v1/counts', { body: { warehouse: 'LON', scope: { kind: 'all' }, extra: 1 } });
      // @ts-expect-error GET only: the route takes no POST
      void api.post('/v1/dashboard/overview');
    };
    expect(typeof typed).toBe('function');
  });
});
