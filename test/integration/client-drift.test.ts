/**
 * The typed client (clients/typescript) cannot drift from the server: its committed OpenAPI
 * document and generated types must equal what this server produces now (run
 * `npm run client:generate` after changing a route), and the client really talks to it.
 */
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/app/api-keys.ts';
import { createStockroomClient, ok, StockroomError } from '../../clients/typescript/src/index.ts';
import { openApiTypes } from '../../scripts/openapi-types.ts';
import { SPEC_FILE, TYPES_FILE, specText } from '../../scripts/write-openapi.ts';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

describe.each(backends())('the typed client on $name', (backend) => {
  let h: Harness;
  let document: unknown;
  beforeAll(async () => {
    h = await startHarness(backend);
    document = (await h.app.inject({ url: '/openapi.json' })).json();
  });
  afterAll(async () => h?.close());

  it('ships the OpenAPI document this server serves (npm run client:generate)', async () => {
    expect(await readFile(SPEC_FILE, 'utf8')).toBe(specText(document));
  });

  it('ships the types openapi-typescript generates from it (npm run client:generate)', async () => {
    expect(await readFile(TYPES_FILE, 'utf8')).toBe(await openApiTypes(document));
  });

  /** fetch over inject(): the client's own requests, answered by this app, no socket. */
  const injectFetch: typeof fetch = async (input, init) => {
    const request = input instanceof Request ? input : new Request(input, init);
    const url = new URL(request.url);
    const body = request.body ? await request.text() : undefined;
    const res = await h.app.inject({
      method: request.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(request.headers),
      ...(body ? { payload: body } : {}),
    });
    return new Response(res.statusCode === 204 ? null : res.body, {
      status: res.statusCode,
      headers: res.headers as Record<string, string>,
    });
  };

  it('sends the API key, and turns error answers into StockroomError with their code', async () => {
    await seedCatalogue(h, ['MUG']);
    const { key } = await createApiKey(h.ctx, { name: 'shop', role: 'storefront' });
    const client = createStockroomClient({
      baseUrl: 'http://stockroom.test',
      apiKey: key,
      fetch: injectFetch,
    });

    const availability = await ok(client.GET('/v1/availability/{sku}', { params: { path: { sku: 'MUG' } } }));
    expect(availability).toMatchObject({ sku: 'MUG', sellable: 0, inStock: false });

    const refused = await ok(
      client.POST('/v1/orders', { body: { orderId: 'c-1', lines: [{ sku: 'MUG', qty: 1 }] } }),
    ).catch((err: unknown) => err);
    expect(refused).toBeInstanceOf(StockroomError);
    expect(refused).toMatchObject({ status: 409, code: 'insufficient_stock' });

    const anonymous = createStockroomClient({
      baseUrl: 'http://stockroom.test',
      apiKey: 'sk_wrong',
      fetch: injectFetch,
    });
    await expect(ok(anonymous.GET('/v1/skus'))).rejects.toMatchObject({
      status: 401,
      code: 'unauthenticated',
    });
  });
});
