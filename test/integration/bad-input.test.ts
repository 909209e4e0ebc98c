/** Every kind of bad input gets a 4xx with a stable code, and changes nothing. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from '../helpers/backends.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';

const long = 'x'.repeat(65);

interface Case {
  name: string;
  method: 'POST' | 'PUT' | 'GET';
  url: string;
  payload?: string | object;
  contentType?: string;
  status: number;
  code: string;
}

const order = (lines: unknown, extra: object = {}) => ({ orderId: 'bad-1', lines, ...extra });

const cases: Case[] = [
  ...[0, -1, 1.5, 1e12, '1', null].map((qty) => ({
    name: `order quantity ${JSON.stringify(qty)}`,
    method: 'POST' as const,
    url: '/v1/orders',
    payload: order([{ sku: 'MUG', qty }]),
    status: 400,
    code: 'invalid_request',
  })),
  ...[0, -1, 1.5, 1e12].map((qty) => ({
    name: `receipt quantity ${qty}`,
    method: 'POST' as const,
    url: '/v1/receipts',
    payload: { warehouse: 'LON', lines: [{ sku: 'MUG', qty }] },
    status: 400,
    code: 'invalid_request',
  })),
  {
    name: 'adjustment of 0',
    method: 'POST',
    url: '/v1/adjustments',
    payload: { warehouse: 'LON', sku: 'MUG', delta: 0, reason: 'x' },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'adjustment without reason',
    method: 'POST',
    url: '/v1/adjustments',
    payload: { warehouse: 'LON', sku: 'MUG', delta: 1 },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'unknown field',
    method: 'POST',
    url: '/v1/orders',
    payload: order([{ sku: 'MUG', qty: 1 }], { coupon: 'x' }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'unknown field in a line',
    method: 'POST',
    url: '/v1/orders',
    payload: order([{ sku: 'MUG', qty: 1, price: 2 }]),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'no lines',
    method: 'POST',
    url: '/v1/orders',
    payload: order([]),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'over-long order id',
    method: 'POST',
    url: '/v1/orders',
    payload: { orderId: long, lines: [{ sku: 'MUG', qty: 1 }] },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'order id with a space',
    method: 'POST',
    url: '/v1/orders',
    payload: { orderId: 'a b', lines: [{ sku: 'MUG', qty: 1 }] },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'over-long SKU in a path',
    method: 'PUT',
    url: `/v1/skus/${long}`,
    payload: { name: 'x' },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'over-long SKU name',
    method: 'PUT',
    url: '/v1/skus/NEW',
    payload: { name: 'x'.repeat(201) },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'negative expiry',
    method: 'POST',
    url: '/v1/orders',
    payload: order([{ sku: 'MUG', qty: 1 }], { expiresInSeconds: -5 }),
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'unknown SKU',
    method: 'POST',
    url: '/v1/orders',
    payload: order([{ sku: 'NOPE', qty: 1 }]),
    status: 404,
    code: 'unknown_sku',
  },
  {
    name: 'unknown warehouse in a line',
    method: 'POST',
    url: '/v1/orders',
    payload: order([{ sku: 'MUG', qty: 1, warehouse: 'NOPE' }]),
    status: 404,
    code: 'unknown_warehouse',
  },
  {
    name: 'receipt into an unknown warehouse',
    method: 'POST',
    url: '/v1/receipts',
    payload: { warehouse: 'NOPE', lines: [{ sku: 'MUG', qty: 1 }] },
    status: 404,
    code: 'unknown_warehouse',
  },
  {
    name: 'receipt of an unknown SKU',
    method: 'POST',
    url: '/v1/receipts',
    payload: {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 1 },
        { sku: 'NOPE', qty: 1 },
      ],
    },
    status: 404,
    code: 'unknown_sku',
  },
  {
    name: 'return condition not in the list',
    method: 'POST',
    url: '/v1/returns',
    payload: { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1, condition: 'meh' }] },
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'return against an unknown order',
    method: 'POST',
    url: '/v1/returns',
    payload: { orderId: 'NOPE', warehouse: 'LON', lines: [{ sku: 'MUG', qty: 1, condition: 'sellable' }] },
    status: 404,
    code: 'unknown_order',
  },
  {
    name: 'shipping an unknown order',
    method: 'POST',
    url: '/v1/orders/NOPE/shipments',
    status: 404,
    code: 'unknown_order',
  },
  {
    name: 'malformed JSON',
    method: 'POST',
    url: '/v1/orders',
    payload: '{"orderId": "x", lines: [',
    status: 400,
    code: 'invalid_json',
  },
  {
    name: 'a JSON array body',
    method: 'POST',
    url: '/v1/orders',
    payload: '[]',
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'wrong content type',
    method: 'POST',
    url: '/v1/orders',
    payload: 'orderId=x',
    contentType: 'text/plain',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'form content type',
    method: 'POST',
    url: '/v1/receipts',
    payload: 'warehouse=LON',
    contentType: 'application/x-www-form-urlencoded',
    status: 415,
    code: 'unsupported_media_type',
  },
  {
    name: 'empty body where one is required',
    method: 'POST',
    url: '/v1/orders',
    payload: '',
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'limit above 1000',
    method: 'GET',
    url: '/v1/stock?limit=1001',
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'a cursor we never issued',
    method: 'GET',
    url: '/v1/movements?cursor=garbage',
    status: 400,
    code: 'invalid_cursor',
  },
  {
    name: 'asOf that is not a time',
    method: 'GET',
    url: '/v1/stock/MUG?asOf=yesterday',
    status: 400,
    code: 'invalid_request',
  },
  {
    name: 'unknown SKU in a stock read',
    method: 'GET',
    url: '/v1/stock/NOPE',
    status: 404,
    code: 'unknown_sku',
  },
  { name: 'unknown route', method: 'GET', url: '/v1/nothing-here', status: 404, code: 'not_found' },
];

describe.each(backends())('bad input on $name', (backend) => {
  let h: Harness;
  const snapshot = async () => {
    const count = async (table: string) =>
      (await h.db.query<{ n: number }>(`select count(*)::int as n from ${table}`)).rows[0]!.n;
    return {
      movements: await count('movements'),
      orders: await count('orders'),
      skus: await count('skus'),
      keys: await count('idempotency_keys'),
      positions: JSON.stringify(
        (await h.db.query('select * from stock_positions order by sku, warehouse')).rows,
      ),
    };
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 5 }] });
  });
  afterAll(() => h.close());

  it.each(cases)('$name: $status $code', async (c) => {
    const before = await snapshot();
    const res = await h.app.inject({
      method: c.method,
      url: c.url,
      headers: {
        authorization: `Bearer ${h.adminKey}`,
        'idempotency-key': `bad-${c.name}`,
        ...(c.payload !== undefined ? { 'content-type': c.contentType ?? 'application/json' } : {}),
      },
      ...(c.payload !== undefined
        ? { payload: typeof c.payload === 'string' ? c.payload : JSON.stringify(c.payload) }
        : {}),
    });
    expect(res.statusCode).toBe(c.status);
    const body = JSON.parse(res.body);
    expect(body.error.code).toBe(c.code);
    expect(typeof body.error.message).toBe('string');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a second order for stock that is gone, changing nothing', async () => {
    await h.call('POST', '/v1/orders', { orderId: 'all-of-it', lines: [{ sku: 'MUG', qty: 5 }] });
    const before = await snapshot();
    const r = await h.call('POST', '/v1/orders', {
      orderId: 'one-more',
      lines: [{ sku: 'MUG', qty: 1, warehouse: 'LON' }],
    });
    expect(r.status).toBe(409);
    expect(r.body.error).toMatchObject({
      code: 'insufficient_stock',
      details: { lines: [{ sku: 'MUG', warehouse: 'LON', requested: 1, sellable: 0 }] },
    });
    expect(await snapshot()).toEqual(before);
  });
});
