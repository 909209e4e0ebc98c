/**
 * The access matrix: every /v1 route the app registers, tried with each role, against the
 * outcome docs/access.md promises. A route missing from MATRIX fails the test, so a new route
 * needs a decision here (and in docs/access.md) before it ships.
 *
 * Roles: admin, operator (every warehouse), limited (an operator limited to W1), storefront,
 * none (no key). Every request aims at W2 or at something an admin made, so that the limited
 * operator and the storefront key must be confined. Outcome classes:
 *   A  allowed: 2xx, or 409 (access granted, the state refused the command)
 *   F  403 forbidden          U  401 unauthenticated
 *   H  404 unknown_*: the resource is hidden, answered exactly as an unknown one
 * and, observed only: L (allowed for `limited` but the body names W2: a leak), B (400: the
 * fixture is wrong), E (5xx), or the bare status.
 *
 * PRINT_ACCESS_MATRIX=1 prints the observed matrix; ACCESS_MATRIX_FILE=path writes it as markdown.
 */
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertPass } from '../../src/app/alerts.ts';
import { sequencePass } from '../../src/app/events.ts';
import { fanOutWebhooks } from '../../src/app/webhook-delivery.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness, type Reply } from '../helpers/harness.ts';

const ROLES = ['admin', 'operator', 'limited', 'storefront', 'none'] as const;
type Role = (typeof ROLES)[number];

interface Fixture {
  h: Harness;
  n: () => number;
  order(): Promise<string>;
  lock(): Promise<string>;
  transfer(from?: string, to?: string): Promise<string>;
  count(): Promise<string>;
  po(): Promise<string>;
  alert(): Promise<string>;
  webhook(): Promise<string>;
  delivery(): Promise<{ webhook: string; delivery: string }>;
  token(): Promise<string>;
  apiKey(): Promise<string>;
  forecastEvent(): Promise<string>;
}

interface Row {
  /** As in /openapi.json: `METHOD /v1/path/{param}`. */
  route: string;
  /** Expected class for admin, operator, limited, storefront, none (see the header). */
  expect: string;
  url?: (fx: Fixture) => string | Promise<string>;
  body?: (fx: Fixture) => unknown;
  contentType?: string;
  /** Answers data that belongs to no warehouse or is public anyway (W2 may appear for `limited`). */
  shared?: boolean;
  /** Server-Sent Events: read the status, then drop the stream. */
  stream?: boolean;
  /**
   * Takes seconds when allowed (the demo loads 500 SKUs): the allowed cell is not run here, but
   * in test/integration/cli.test.ts on both back ends, which asserts the admin's 200 and what it
   * loaded (its second demo load per back end, which must add nothing), and the operator's 403.
   */
  slow?: boolean;
}

const line = (sku = 'MUG', qty = 1) => [{ sku, qty }];

/** A fresh zone at W2 (and the QC zone the zone moves aim at), made by the admin. */
async function zone(fx: Fixture): Promise<string> {
  const code = `Z${fx.n()}`;
  for (const [c, kind] of [
    [code, 'pick'],
    ['QC', 'qc'],
  ]) {
    const r = await fx.h.call('PUT', `/v1/warehouses/W2/zones/${c}`, { name: c, kind });
    if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  }
  return code;
}
const W2 = 'W2';

/** A weekly standing order at W2. */
const standingOrder = () => ({
  customer: 'C-1',
  warehouse: W2,
  lines: line(),
  schedule: { startsOn: '2030-02-01', everyDays: 7 },
});
/** A fresh standing order at W2, made by the admin. */
async function adminStandingOrder(fx: Fixture): Promise<string> {
  const id = `adm-so-${fx.n()}`;
  const r = await fx.h.call('PUT', `/v1/standing-orders/${id}`, standingOrder());
  if (r.status >= 300) throw new Error(JSON.stringify(r.body));
  return id;
}

const MATRIX: Row[] = [
  // catalogue
  { route: 'PUT /v1/skus/{sku}', expect: 'AFFFU', url: () => '/v1/skus/NEW', body: () => ({ name: 'New' }) },
  { route: 'GET /v1/skus/{sku}', expect: 'AAAAU', url: () => '/v1/skus/MUG', shared: true },
  { route: 'GET /v1/skus', expect: 'AAAAU', shared: true },
  { route: 'PATCH /v1/skus', expect: 'AFFFU', body: () => ({ items: [{ sku: 'MUG', price: 10 }] }) },
  // products, categories, listings, catalogue CSV
  {
    route: 'PUT /v1/products/{code}',
    expect: 'AFFFU',
    url: () => '/v1/products/new',
    body: () => ({ name: 'New' }),
  },
  { route: 'GET /v1/products/{code}', expect: 'AAAAU', url: () => '/v1/products/mugs', shared: true },
  { route: 'GET /v1/products', expect: 'AAAAU', shared: true },
  // MUG has stock at W1 and W2: a limited operator sees W1's part only.
  { route: 'GET /v1/products/{code}/stock', expect: 'AAAFU', url: () => '/v1/products/mugs/stock' },
  // The product still groups MUG: allowed, refused by state (409 product_has_skus).
  { route: 'DELETE /v1/products/{code}', expect: 'AFFFU', url: () => '/v1/products/mugs' },
  {
    route: 'PUT /v1/categories/{code}',
    expect: 'AFFFU',
    url: () => '/v1/categories/new',
    body: () => ({ name: 'New', parent: 'home' }),
  },
  { route: 'GET /v1/categories', expect: 'AAAAU', shared: true },
  { route: 'GET /v1/categories/{code}', expect: 'AAAAU', url: () => '/v1/categories/home', shared: true },
  // home has a child: allowed, refused by state (409 category_has_children).
  { route: 'DELETE /v1/categories/{code}', expect: 'AFFFU', url: () => '/v1/categories/home' },
  {
    route: 'PUT /v1/channels/{code}/listings/skus/{sku}',
    expect: 'AFFFU',
    url: () => '/v1/channels/web/listings/skus/MUG',
    body: () => ({ price: 11 }),
  },
  {
    route: 'PUT /v1/channels/{code}/listings/products/{product}',
    expect: 'AFFFU',
    url: () => '/v1/channels/web/listings/products/mugs',
    body: () => ({ title: 'Mugs' }),
  },
  {
    route: 'POST /v1/catalog/import',
    expect: 'AFFFU',
    contentType: 'text/csv',
    body: () => 'sku,name\nMUG,MUG\n',
  },
  { route: 'GET /v1/catalog/export.csv', expect: 'AAAFU', shared: true },
  {
    // Writes the catalogue as well as stock: admin only.
    route: 'POST /v1/stock/import',
    expect: 'AFFFU',
    url: () => '/v1/stock/import?dryRun=true',
    contentType: 'text/csv',
    body: () => 'sku,name,warehouse,qty\nMUG,MUG,W2,1\n',
  },
  {
    route: 'PUT /v1/warehouses/{code}',
    expect: 'AFFFU',
    url: () => '/v1/warehouses/W2',
    body: () => ({ name: 'W2', region: 'uk' }),
  },
  { route: 'GET /v1/warehouses/{code}', expect: 'AAAFU', url: () => '/v1/warehouses/W2', shared: true },
  { route: 'GET /v1/warehouses', expect: 'AAAFU', shared: true },
  // stock
  { route: 'POST /v1/receipts', expect: 'AAFFU', body: () => ({ warehouse: W2, lines: line() }) },
  {
    route: 'POST /v1/adjustments',
    expect: 'AAFFU',
    body: () => ({ warehouse: W2, sku: 'MUG', delta: 1, reason: 'found' }),
  },
  { route: 'GET /v1/stock/{sku}', expect: 'AAAFU', url: () => '/v1/stock/MUG' },
  { route: 'GET /v1/stock', expect: 'AAAFU' },
  { route: 'GET /v1/movements', expect: 'AAAFU' },
  // orders
  {
    route: 'POST /v1/orders',
    expect: 'AAFAU',
    body: (fx) => ({ orderId: `place-${fx.n()}`, lines: [{ sku: 'MUG', qty: 1, warehouse: W2 }] }),
  },
  { route: 'GET /v1/orders', expect: 'AAAFU' },
  { route: 'GET /v1/orders/{orderId}', expect: 'AAHHU', url: async (fx) => `/v1/orders/${await fx.order()}` },
  {
    route: 'POST /v1/orders/{orderId}/confirm',
    expect: 'AAHHU',
    url: async (fx) => `/v1/orders/${await fx.order()}/confirm`,
  },
  {
    route: 'POST /v1/orders/{orderId}/cancel',
    expect: 'AAHHU',
    url: async (fx) => `/v1/orders/${await fx.order()}/cancel`,
  },
  {
    route: 'POST /v1/orders/{orderId}/shipments',
    expect: 'AAHFU',
    url: async (fx) => `/v1/orders/${await fx.order()}/shipments`,
    body: () => ({}),
  },
  {
    route: 'POST /v1/returns',
    expect: 'AAFFU',
    body: () => ({ warehouse: W2, lines: [{ sku: 'MUG', qty: 1, condition: 'sellable' }] }),
  },
  { route: 'GET /v1/availability/{sku}', expect: 'AAAAU', url: () => '/v1/availability/MUG', shared: true },
  { route: 'POST /v1/availability', expect: 'AAAAU', body: () => ({ skus: ['MUG'] }), shared: true },
  // admin
  {
    route: 'POST /v1/api-keys',
    expect: 'AFFFU',
    body: (fx) => ({ name: `k${fx.n()}`, role: 'operator' }),
  },
  { route: 'GET /v1/api-keys', expect: 'AFFFU' },
  {
    route: 'DELETE /v1/api-keys/{id}',
    expect: 'AFFFU',
    url: async (fx) => `/v1/api-keys/${await fx.apiKey()}`,
  },
  {
    route: 'POST /v1/api-keys/{id}/rotate',
    expect: 'AFFFU',
    url: async (fx) => `/v1/api-keys/${await fx.apiKey()}/rotate`,
    body: () => ({}),
  },
  { route: 'GET /v1/admin/verify', expect: 'AFFFU' },
  { route: 'POST /v1/admin/demo', expect: 'AFFFU', slow: true },
  // unsellable stock
  {
    route: 'POST /v1/damage',
    expect: 'AAFFU',
    body: () => ({ warehouse: W2, sku: 'MUG', qty: 1, reason: 'broken' }),
  },
  { route: 'POST /v1/repairs', expect: 'AAFFU', body: () => ({ warehouse: W2, sku: 'MUG', qty: 1 }) },
  {
    route: 'POST /v1/write-offs',
    expect: 'AAFFU',
    body: () => ({ warehouse: W2, sku: 'MUG', qty: 1, reason: 'broken' }),
  },
  {
    route: 'POST /v1/inspections',
    expect: 'AAFFU',
    body: () => ({ warehouse: W2, lines: [{ sku: 'MUG', passed: 1, failed: 0 }] }),
  },
  { route: 'GET /v1/stock/damaged', expect: 'AAFFU' },
  { route: 'GET /v1/oversold', expect: 'AAFFU' },
  // zones (each request makes the zone it aims at, as an admin)
  {
    route: 'PUT /v1/warehouses/{code}/zones/{zone}',
    expect: 'AFFFU',
    url: () => '/v1/warehouses/W2/zones/DMG',
    body: () => ({ name: 'Damaged', kind: 'damaged' }),
  },
  { route: 'GET /v1/warehouses/{code}/zones', expect: 'AAFFU', url: () => '/v1/warehouses/W2/zones' },
  {
    route: 'DELETE /v1/warehouses/{code}/zones/{zone}',
    expect: 'AFFFU',
    url: async (fx) => `/v1/warehouses/W2/zones/${await zone(fx)}`,
  },
  {
    route: 'POST /v1/stock/{sku}/{warehouse}/zone-moves',
    expect: 'AAFFU',
    url: async (fx) => {
      await zone(fx);
      return '/v1/stock/MUG/W2/zone-moves';
    },
    body: () => ({ from: 'default', to: 'QC', qty: 1, reason: 'check' }),
  },
  {
    route: 'POST /v1/stock/{sku}/{warehouse}/zone-counts',
    expect: 'AAFFU',
    url: async (fx) => {
      await zone(fx);
      return '/v1/stock/MUG/W2/zone-counts';
    },
    body: () => ({ zone: 'QC', counted: 0, reason: 'spot check' }),
  },
  // locks
  {
    route: 'POST /v1/locks',
    expect: 'AAFFU',
    body: () => ({ warehouse: W2, sku: 'MUG', qty: 1, reason: 'promo' }),
  },
  { route: 'GET /v1/locks', expect: 'AAFFU' },
  { route: 'GET /v1/locks/{id}', expect: 'AAFFU', url: async (fx) => `/v1/locks/${await fx.lock()}` },
  {
    route: 'POST /v1/locks/{id}/unlock',
    expect: 'AAFFU',
    url: async (fx) => `/v1/locks/${await fx.lock()}/unlock`,
    body: () => ({}),
  },
  // transfers
  { route: 'POST /v1/transfers', expect: 'AAFFU', body: () => ({ from: W2, to: 'W1', lines: line() }) },
  { route: 'GET /v1/transfers', expect: 'AAFFU' },
  {
    route: 'GET /v1/transfers/{transferId}',
    expect: 'AAFFU',
    // Between W2 and W3: nothing of W1's (one from or to W1 is readable by the W1 key).
    url: async (fx) => `/v1/transfers/${await fx.transfer(W2, 'W3')}`,
  },
  {
    route: 'POST /v1/transfers/{transferId}/ship',
    expect: 'AAFFU',
    url: async (fx) => `/v1/transfers/${await fx.transfer()}/ship`,
    body: () => ({}),
  },
  {
    route: 'POST /v1/transfers/{transferId}/receive',
    expect: 'AAFFU',
    // From W1 to W2: the limited operator may ship it, not receive it.
    url: async (fx) => `/v1/transfers/${await fx.transfer('W1', W2)}/receive`,
    body: () => ({ lines: [{ sku: 'MUG', received: 1 }] }),
  },
  {
    route: 'POST /v1/transfers/{transferId}/cancel',
    expect: 'AAFFU',
    url: async (fx) => `/v1/transfers/${await fx.transfer()}/cancel`,
  },
  { route: 'GET /v1/in-transit', expect: 'AAFFU' },
  { route: 'GET /v1/totals/{sku}', expect: 'AAFFU', url: () => '/v1/totals/MUG' },
  // virtual stock
  {
    route: 'PUT /v1/virtual/{sku}/{warehouse}',
    expect: 'AAFFU',
    url: () => '/v1/virtual/MUG/W2',
    body: () => ({ virtual: 0 }),
  },
  { route: 'GET /v1/backorders', expect: 'AAFFU' },
  // regions and routing
  {
    route: 'PUT /v1/regions/{code}',
    expect: 'AFFFU',
    url: () => '/v1/regions/uk',
    body: () => ({ name: 'UK', countries: ['GB'] }),
  },
  { route: 'GET /v1/regions/{code}', expect: 'AAAAU', url: () => '/v1/regions/uk', shared: true },
  { route: 'GET /v1/regions', expect: 'AAAAU', shared: true },
  {
    route: 'PUT /v1/warehouses/{code}/regions',
    expect: 'AFFFU',
    url: () => '/v1/warehouses/W2/regions',
    body: () => ({ regions: [{ region: 'uk', deliveryDays: 1 }] }),
  },
  {
    route: 'GET /v1/warehouses/{code}/regions',
    expect: 'AAAFU',
    url: () => '/v1/warehouses/W2/regions',
    shared: true,
  },
  { route: 'GET /v1/settings/routing', expect: 'AAAFU', shared: true },
  { route: 'GET /v1/settings/shop', expect: 'AAAAU', shared: true },
  { route: 'PUT /v1/settings/shop', expect: 'AFFFU', body: () => ({ currency: 'USD' }) },
  { route: 'GET /v1/settings/damaged-suffix', expect: 'AAAAU', shared: true },
  { route: 'PUT /v1/settings/damaged-suffix', expect: 'AFFFU', body: () => ({ suffixes: [] }) },
  {
    route: 'PUT /v1/settings/routing',
    expect: 'AFFFU',
    body: () => ({ strategy: 'fewest_shipments', allowSplit: true }),
  },
  // events and webhooks
  { route: 'GET /v1/events', expect: 'AAFFU' },
  { route: 'GET /v1/events/stream', expect: 'AAFFU', stream: true },
  { route: 'POST /v1/webhooks', expect: 'AFFFU', body: () => ({ url: 'http://127.0.0.1:9/hook' }) },
  { route: 'GET /v1/webhooks', expect: 'AFFFU' },
  {
    route: 'GET /v1/webhooks/{id}',
    expect: 'AFFFU',
    url: async (fx) => `/v1/webhooks/${await fx.webhook()}`,
  },
  {
    route: 'DELETE /v1/webhooks/{id}',
    expect: 'AFFFU',
    url: async (fx) => `/v1/webhooks/${await fx.webhook()}`,
  },
  {
    route: 'GET /v1/webhooks/{id}/deliveries',
    expect: 'AFFFU',
    url: async (fx) => `/v1/webhooks/${await fx.webhook()}/deliveries`,
  },
  {
    route: 'GET /v1/webhooks/{id}/dead-letters',
    expect: 'AFFFU',
    url: async (fx) => `/v1/webhooks/${await fx.webhook()}/dead-letters`,
  },
  {
    route: 'POST /v1/webhooks/{id}/dead-letters/replay',
    expect: 'AFFFU',
    url: async (fx) => `/v1/webhooks/${await fx.webhook()}/dead-letters/replay`,
  },
  {
    route: 'POST /v1/webhooks/{id}/dead-letters/{deliveryId}/replay',
    expect: 'AFFFU',
    url: async (fx) => {
      const d = await fx.delivery();
      return `/v1/webhooks/${d.webhook}/dead-letters/${d.delivery}/replay`;
    },
  },
  // channels
  {
    route: 'PUT /v1/channels/{code}',
    expect: 'AFFFU',
    url: () => '/v1/channels/web',
    body: () => ({ name: 'Web' }),
  },
  { route: 'GET /v1/channels/{code}', expect: 'AAAAU', url: () => '/v1/channels/web', shared: true },
  { route: 'GET /v1/channels', expect: 'AAAAU', shared: true },
  {
    route: 'GET /v1/channels/{code}/availability',
    expect: 'AAAAU',
    url: () => '/v1/channels/web/availability',
    shared: true,
  },
  {
    route: 'GET /v1/channels/{code}/availability.csv',
    expect: 'AAAAU',
    url: () => '/v1/channels/web/availability.csv',
    shared: true,
  },
  {
    route: 'GET /v1/channels/{code}/availability.json',
    expect: 'AAAAU',
    url: () => '/v1/channels/web/availability.json',
    shared: true,
  },
  // counts
  {
    route: 'POST /v1/counts',
    expect: 'AAFFU',
    body: (fx) => ({ warehouse: W2, scope: { kind: 'list', skus: [`C${(fx.n() % 39) + 1}`] } }),
  },
  { route: 'GET /v1/counts', expect: 'AAFFU' },
  { route: 'GET /v1/counts/{id}', expect: 'AAFFU', url: async (fx) => `/v1/counts/${await fx.count()}` },
  {
    route: 'POST /v1/counts/{id}/entries',
    expect: 'AAFFU',
    url: async (fx) => `/v1/counts/${await fx.count()}/entries`,
    body: () => ({ lines: [{ sku: 'C40', counted: 1 }] }),
  },
  {
    route: 'POST /v1/counts/{id}/close',
    expect: 'AAFFU',
    url: async (fx) => `/v1/counts/${await fx.count()}/close`,
    body: () => ({ skipUncounted: true }),
  },
  {
    route: 'POST /v1/counts/{id}/post',
    expect: 'AAFFU',
    url: async (fx) => `/v1/counts/${await fx.count()}/post`,
    body: () => ({ defaultReason: 'audit' }),
  },
  {
    route: 'POST /v1/counts/{id}/cancel',
    expect: 'AAFFU',
    url: async (fx) => `/v1/counts/${await fx.count()}/cancel`,
    body: () => ({}),
  },
  // alerts
  {
    route: 'PUT /v1/alert-rules',
    expect: 'AAFFU',
    body: () => ({ scope: { warehouse: W2 }, lowStockThreshold: 1000 }),
  },
  { route: 'GET /v1/alert-rules', expect: 'AAFFU' },
  { route: 'GET /v1/alerts', expect: 'AAFFU' },
  { route: 'GET /v1/alerts/{id}', expect: 'AAFFU', url: async (fx) => `/v1/alerts/${await fx.alert()}` },
  {
    route: 'POST /v1/alerts/{id}/acknowledge',
    expect: 'AAFFU',
    url: async (fx) => `/v1/alerts/${await fx.alert()}/acknowledge`,
    body: () => ({}),
  },
  // back in stock
  {
    route: 'POST /v1/back-in-stock-subscriptions',
    expect: 'AAAAU',
    body: (fx) => ({ sku: 'OUT', contact: { email: `c${fx.n()}@example.com` } }),
  },
  { route: 'GET /v1/back-in-stock-subscriptions', expect: 'AAFFU' },
  {
    route: 'DELETE /v1/back-in-stock-subscriptions/{token}',
    expect: 'AAAAA',
    url: async (fx) => `/v1/back-in-stock-subscriptions/${await fx.token()}`,
  },
  {
    route: 'GET /v1/back-in-stock-subscriptions/{token}/unsubscribe',
    expect: 'AAAAA',
    url: async (fx) => `/v1/back-in-stock-subscriptions/${await fx.token()}/unsubscribe`,
    shared: true,
  },
  { route: 'GET /v1/back-in-stock/waiting', expect: 'AAFFU' },
  // purchasing and replenishment
  {
    route: 'PUT /v1/suppliers/{code}',
    expect: 'AAFFU',
    url: () => '/v1/suppliers/ACME',
    body: () => ({ name: 'Acme', leadTimeDays: 5 }),
  },
  { route: 'GET /v1/suppliers/{code}', expect: 'AAAFU', url: () => '/v1/suppliers/ACME', shared: true },
  { route: 'GET /v1/suppliers', expect: 'AAAFU', shared: true },
  { route: 'GET /v1/settings/replenishment', expect: 'AAAFU', shared: true },
  {
    route: 'PUT /v1/settings/replenishment',
    expect: 'AFFFU',
    body: () => ({ leadTimeDays: 7, serviceLevel: 0.95, reviewPeriodDays: 7, minOrder: 1, packSize: 1 }),
  },
  {
    route: 'PUT /v1/replenishment/policies/{sku}/{warehouse}',
    expect: 'AAFFU',
    url: () => '/v1/replenishment/policies/MUG/W2',
    body: () => ({ leadTimeDays: 3 }),
  },
  {
    route: 'GET /v1/replenishment/policies/{sku}/{warehouse}',
    expect: 'AAFFU',
    url: () => '/v1/replenishment/policies/MUG/W2',
  },
  {
    route: 'POST /v1/purchase-orders',
    expect: 'AAFFU',
    body: () => ({ supplier: 'ACME', warehouse: W2, lines: [{ sku: 'MUG', qty: 5 }] }),
  },
  { route: 'GET /v1/purchase-orders', expect: 'AAFFU' },
  {
    route: 'GET /v1/purchase-orders/{poId}',
    expect: 'AAFFU',
    url: async (fx) => `/v1/purchase-orders/${await fx.po()}`,
  },
  {
    route: 'POST /v1/purchase-orders/{poId}/receipts',
    expect: 'AAFFU',
    url: async (fx) => `/v1/purchase-orders/${await fx.po()}/receipts`,
    body: () => ({ lines: line() }),
  },
  {
    route: 'POST /v1/purchase-orders/{poId}/close',
    expect: 'AAFFU',
    url: async (fx) => `/v1/purchase-orders/${await fx.po()}/close`,
    body: () => ({}),
  },
  { route: 'GET /v1/replenishment', expect: 'AAFFU' },
  { route: 'GET /v1/replenishment/totals', expect: 'AAFFU' },
  { route: 'POST /v1/replenishment/refresh', expect: 'AAFFU', body: () => ({ limit: 1 }) },
  {
    route: 'POST /v1/replenishment/purchase-orders',
    expect: 'AAFFU',
    body: () => ({ warehouse: W2, supplier: 'ACME' }),
  },
  // demand and forecasts
  {
    route: 'POST /v1/demand/import',
    expect: 'AFFFU',
    contentType: 'text/csv',
    body: () => 'date,sku,units\n2029-12-01,MUG,3\n',
  },
  { route: 'GET /v1/demand/{sku}', expect: 'AAFFU', url: () => '/v1/demand/MUG' },
  { route: 'GET /v1/forecast/{sku}', expect: 'AAFFU', url: () => '/v1/forecast/MUG' },
  { route: 'GET /v1/forecast-events', expect: 'AAAFU', shared: true },
  {
    route: 'PUT /v1/forecast-events/{name}',
    expect: 'AAFFU',
    url: () => '/v1/forecast-events/sale',
    body: () => ({ dates: ['2030-02-01'] }),
  },
  {
    route: 'DELETE /v1/forecast-events/{name}',
    expect: 'AAFFU',
    url: async (fx) => `/v1/forecast-events/${await fx.forecastEvent()}`,
  },
  // dashboard
  { route: 'GET /v1/session', expect: 'AAAAU', shared: true },
  { route: 'GET /v1/dashboard/skus', expect: 'AAAFU' },
  { route: 'GET /v1/dashboard/overview', expect: 'AAFFU' },
  { route: 'GET /v1/dashboard/series', expect: 'AAFFU' },
  // insights: filtered to a limited operator's warehouses
  { route: 'GET /v1/insights/stock', expect: 'AAAFU' },
  { route: 'GET /v1/insights/sales', expect: 'AAAFU' },
  { route: 'GET /v1/insights/summary', expect: 'AAAFU' },
  { route: 'GET /v1/insights/ageing', expect: 'AAAFU' },
  { route: 'GET /v1/insights/dead-stock', expect: 'AAAFU' },
  { route: 'GET /v1/insights/classes', expect: 'AAAFU' },
  { route: 'GET /v1/insights/stockouts', expect: 'AAAFU' },
  { route: 'GET /v1/insights/forecast-accuracy', expect: 'AAAFU' },
  // standing orders: a limited operator only at its warehouses (each row aims at W2)
  {
    route: 'PUT /v1/standing-orders/{id}',
    expect: 'AAFFU',
    url: (fx) => `/v1/standing-orders/so-${fx.n()}`,
    body: () => standingOrder(),
  },
  {
    route: 'GET /v1/standing-orders/{id}',
    expect: 'AAFFU',
    url: async (fx) => `/v1/standing-orders/${await adminStandingOrder(fx)}`,
  },
  { route: 'GET /v1/standing-orders', expect: 'AAAFU' },
  {
    route: 'POST /v1/standing-orders/{id}/cancel',
    expect: 'AAFFU',
    url: async (fx) => `/v1/standing-orders/${await adminStandingOrder(fx)}/cancel`,
  },
  { route: 'GET /v1/committed-demand', expect: 'AAAFU' },
];

/** Every /v1 operation the running app documents, as `METHOD /path`. */
async function registeredRoutes(h: Harness): Promise<string[]> {
  const doc = JSON.parse((await h.app.inject({ url: '/openapi.json' })).body);
  return Object.entries<Record<string, unknown>>(doc.paths)
    .filter(([path]) => path.startsWith('/v1'))
    .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
}

const fastifyPath = (route: string) => route.split(' ')[1]!.replace(/\{(\w+)\}/g, ':$1');

function classify(role: Role, row: Row, status: number, body: string): string {
  if (status === 401) return 'U';
  if (status === 403) return 'F';
  if (status === 404) return /"code":"unknown_/.test(body) ? 'H' : '404';
  if (status === 400) return 'B';
  if (status >= 500) return 'E';
  if ((status >= 200 && status < 300) || status === 409) {
    return role === 'limited' && !row.shared && /"W2"/.test(body) ? 'L' : 'A';
  }
  return String(status);
}

describe.each(backends())('access matrix on $name', (backend) => {
  let h: Harness;
  const keys = {} as Record<Role, string | null>;
  let fx: Fixture;

  const ok = (r: Reply, what: string) => {
    if (r.status >= 300) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  beforeAll(async () => {
    h = await startHarness(backend);
    for (const code of ['W1', 'W2', 'W3'])
      ok(await h.call('PUT', `/v1/warehouses/${code}`, { name: code, region: 'uk' }), code);
    for (const sku of ['MUG', 'OUT', ...Array.from({ length: 40 }, (_, i) => `C${i + 1}`)])
      ok(await h.call('PUT', `/v1/skus/${sku}`, { name: sku, price: 10, unitCost: 4 }), sku);
    for (const w of ['W1', 'W2'])
      ok(await h.call('POST', '/v1/receipts', { warehouse: w, lines: [{ sku: 'MUG', qty: 500 }] }), 'stock');
    ok(await h.call('PUT', '/v1/suppliers/ACME', { name: 'Acme', leadTimeDays: 5 }), 'supplier');
    ok(await h.call('PUT', '/v1/channels/web', { name: 'Web' }), 'channel');
    ok(await h.call('PUT', '/v1/categories/home', { name: 'Home' }), 'category');
    ok(await h.call('PUT', '/v1/categories/kitchen', { name: 'Kitchen', parent: 'home' }), 'category');
    ok(await h.call('PUT', '/v1/products/mugs', { name: 'Mugs', categories: ['kitchen'] }), 'product');
    ok(await h.call('PATCH', '/v1/skus', { items: [{ sku: 'MUG', product: 'mugs' }] }), 'variant');
    ok(await h.call('PUT', '/v1/regions/uk', { name: 'UK', countries: ['GB'] }), 'region');
    keys.admin = h.adminKey;
    const key = async (body: object) => ok(await h.call('POST', '/v1/api-keys', body), 'key').key as string;
    keys.operator = await key({ name: 'ops', role: 'operator' });
    keys.limited = await key({ name: 'W1 only', role: 'operator', warehouses: ['W1'] });
    keys.storefront = await key({ name: 'shop', role: 'storefront' });
    keys.none = null;

    let seq = 0;
    let count: string | null = null;
    let alert: string | null = null;
    fx = {
      h,
      n: () => ++seq,
      async order() {
        const orderId = `adm-${++seq}`;
        ok(
          await h.call('POST', '/v1/orders', { orderId, lines: [{ sku: 'MUG', qty: 1, warehouse: W2 }] }),
          'order',
        );
        return orderId;
      },
      async lock() {
        return ok(
          await h.call('POST', '/v1/locks', { warehouse: W2, sku: 'MUG', qty: 1, reason: 'promo' }),
          'lock',
        ).lockId;
      },
      async transfer(from = W2, to = 'W1') {
        const t = ok(await h.call('POST', '/v1/transfers', { from, to, lines: line() }), 'transfer');
        if (from === 'W1') ok(await h.call('POST', `/v1/transfers/${t.transferId}/ship`, {}), 'ship');
        return t.transferId;
      },
      async count() {
        // One count at W2 for the count commands: a later command may meet a state it refuses (409).
        count ??= ok(
          await h.call('POST', '/v1/counts', { warehouse: W2, scope: { kind: 'list', skus: ['C40'] } }),
          'count',
        ).countId;
        return count!;
      },
      async po() {
        return ok(
          await h.call('POST', '/v1/purchase-orders', {
            supplier: 'ACME',
            warehouse: W2,
            lines: line('MUG', 5),
          }),
          'po',
        ).poId;
      },
      async alert() {
        if (alert) return alert;
        ok(
          await h.call('PUT', '/v1/alert-rules', { scope: { warehouse: W2 }, lowStockThreshold: 100000 }),
          'rule',
        );
        ok(
          await h.call('POST', '/v1/adjustments', { warehouse: W2, sku: 'MUG', delta: 1, reason: 'found' }),
          'adj',
        );
        while (await sequencePass(h.ctx));
        while ((await alertPass(h.ctx)).more);
        alert = ok(await h.call('GET', '/v1/alerts?limit=1'), 'alerts').items[0].alertId;
        return alert!;
      },
      async webhook() {
        return ok(await h.call('POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook' }), 'webhook')
          .webhookId;
      },
      async delivery() {
        const webhook = await fx.webhook();
        ok(
          await h.call('POST', '/v1/adjustments', { warehouse: W2, sku: 'MUG', delta: 1, reason: 'found' }),
          'adj',
        );
        while (await sequencePass(h.ctx));
        while (await fanOutWebhooks(h.ctx));
        const { rows } = await h.db.query<{ id: string }>(
          'select id from webhook_deliveries where webhook_id = $1 limit 1',
          [webhook],
        );
        return { webhook, delivery: rows[0]!.id };
      },
      async token() {
        const sub = ok(
          await h.call('POST', '/v1/back-in-stock-subscriptions', {
            sku: 'OUT',
            contact: { email: `t${++seq}@example.com` },
          }),
          'subscription',
        );
        return /back-in-stock-subscriptions\/([^/]+)\//.exec(sub.unsubscribePath)![1]!;
      },
      async apiKey() {
        return ok(await h.call('POST', '/v1/api-keys', { name: `gone-${++seq}`, role: 'storefront' }), 'key')
          .id;
      },
      async forecastEvent() {
        const name = `ev-${++seq}`;
        ok(await h.call('PUT', `/v1/forecast-events/${name}`, { dates: ['2030-03-01'] }), 'event');
        return name;
      },
    };
  });
  afterAll(() => h.close());

  it('lists every registered /v1 route, and only those', async () => {
    const registered = await registeredRoutes(h);
    const listed = MATRIX.map((r) => r.route);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...registered].sort()).toEqual([...listed].sort());
    // The OpenAPI document may hide a route: ask Fastify for each one too.
    for (const route of listed) {
      const method = route.split(' ')[0] as 'GET';
      expect([route, h.app.hasRoute({ method, url: fastifyPath(route) })]).toEqual([route, true]);
    }
    for (const row of MATRIX)
      expect([row.route, row.expect]).toEqual([row.route, expect.stringMatching(/^[AFUH]{5}$/)]);
  });

  // About 550 requests: minutes on a loaded 2-core machine, not 60 s.
  it('gives each role on each route the outcome docs/access.md promises', { timeout: 300_000 }, async () => {
    const observed = new Map<string, string>();
    const statuses = new Map<string, number[]>();
    for (const row of MATRIX) {
      let cells = '';
      const seen: number[] = [];
      const started = Date.now();
      for (const role of ROLES) {
        if (row.slow && role === 'admin') {
          // Role checks run before any query, and the refused roles are all observed here.
          cells += '-';
          seen.push(0);
          continue;
        }
        const url = row.url ? await row.url(fx) : row.route.split(' ')[1]!;
        const body = row.body?.(fx);
        const headers: Record<string, string> = {};
        if (keys[role]) headers.authorization = `Bearer ${keys[role]}`;
        if (row.contentType) headers['content-type'] = row.contentType;
        const res = await h.app.inject({
          method: row.route.split(' ')[0] as 'GET',
          url,
          headers,
          ...(body === undefined ? {} : { payload: body as string }),
          ...(row.stream ? { payloadAsStream: true } : {}),
        });
        let text = '';
        if (row.stream) res.stream().destroy();
        else text = res.body;
        cells += classify(role, row, res.statusCode, text);
        seen.push(res.statusCode);
      }
      observed.set(row.route, cells);
      statuses.set(row.route, seen);
      if (process.env.PRINT_ACCESS_MATRIX && Date.now() - started > 1000) {
        console.log(`${row.route} took ${Date.now() - started} ms`);
      }
    }
    const table = [
      `| route | ${ROLES.join(' | ')} | expected |`,
      `| --- | ${ROLES.map(() => '---').join(' | ')} | --- |`,
      ...MATRIX.map((r) => {
        const cells = [...observed.get(r.route)!].map((c, i) =>
          c === '-' ? 'not run' : `${c} ${statuses.get(r.route)![i]}`,
        );
        return `| \`${r.route}\` | ${cells.join(' | ')} | ${r.expect} |`;
      }),
    ].join('\n');
    const cells = MATRIX.length * ROLES.length;
    const matched = MATRIX.reduce(
      (n, r) => n + [...r.expect].filter((c, i) => observed.get(r.route)![i] === c).length,
      0,
    );
    const skipped = MATRIX.reduce(
      (n, r) => n + [...observed.get(r.route)!].filter((c) => c === '-').length,
      0,
    );
    const summary =
      `${backend.name}: ${MATRIX.length} routes x ${ROLES.length} roles = ${cells} cells, ` +
      `${matched} as expected` +
      (skipped > 0 ? `, ${skipped} not run (slow, observed in cli.test.ts)` : '');
    if (process.env.PRINT_ACCESS_MATRIX) console.log(`${summary}\n${table}`);
    if (process.env.ACCESS_MATRIX_FILE)
      writeFileSync(`${process.env.ACCESS_MATRIX_FILE}.${backend.name}.md`, `${summary}\n\n${table}\n`);
    const same = (r: Row) =>
      [...r.expect].every((c, i) => observed.get(r.route)![i] === c || observed.get(r.route)![i] === '-');
    const mismatches = MATRIX.filter((r) => !same(r)).map(
      (r) => `${r.route}: expected ${r.expect}, observed ${observed.get(r.route)}`,
    );
    expect(mismatches).toEqual([]);
  });
});
