import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { allPositions, rebuildPositionsFromLedger } from '../../src/db/stock.ts';
import { backends } from '../helpers/backends.ts';
import { startHarness, type Harness } from '../helpers/harness.ts';

const LONDON = { lat: 51.5074, lon: -0.1278 };
const AMSTERDAM = { lat: 52.3676, lon: 4.9041 };
const NEW_YORK = { lat: 40.7128, lon: -74.006 };

/**
 * Three warehouses (LON near the uk region, AMS near eu, NYC far from both) and three regions.
 * LON and AMS deliver by distance; NYC serves only the us region, explicitly in 2 days.
 */
async function seedNetwork(h: Harness) {
  const ok = async (method: 'PUT' | 'POST', url: string, body: unknown) => {
    const r = await h.call(method, url, body);
    if (r.status >= 300) throw new Error(`${url}: ${JSON.stringify(r.body)}`);
    return r;
  };
  await ok('PUT', '/v1/warehouses/LON', { name: 'London', region: 'uk', ...LONDON, priority: 0 });
  await ok('PUT', '/v1/warehouses/AMS', { name: 'Amsterdam', region: 'eu', ...AMSTERDAM, priority: 5 });
  await ok('PUT', '/v1/warehouses/NYC', { name: 'New York', region: 'us', ...NEW_YORK, priority: 9 });
  await ok('PUT', '/v1/regions/uk', { name: 'United Kingdom', ...LONDON, countries: ['GB'] });
  await ok('PUT', '/v1/regions/eu', { name: 'Europe', ...AMSTERDAM, countries: ['NL', 'DE', 'FR'] });
  await ok('PUT', '/v1/regions/us', { name: 'United States', countries: ['US'] });
  await ok('PUT', '/v1/warehouses/NYC/regions', { regions: [{ region: 'us', deliveryDays: 2 }] });
  for (const sku of ['MUG', 'TEE', 'CAP', 'DROP', 'HAT']) await ok('PUT', `/v1/skus/${sku}`, { name: sku });
}

describe.each(backends())('regions, availability and routing on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedNetwork(h);
  });
  afterAll(() => h.close());

  const receive = (warehouse: string, sku: string, qty: number) =>
    h.call('POST', '/v1/receipts', { warehouse, lines: [{ sku, qty }] });
  const movementCount = async () =>
    (await h.db.query<{ n: number }>('select count(*)::int as n from movements')).rows[0]!.n;
  const placed = (body: { allocations: { sku: string; warehouse: string; qty: number }[] }) =>
    body.allocations.map((a) => `${a.sku}@${a.warehouse}:${a.qty}`);

  let n = 0;
  const orderId = () => `rt-${++n}`;
  beforeEach(async () => {
    await h.call('PUT', '/v1/settings/routing', { strategy: 'fewest_shipments', allowSplit: true });
  });

  it('defines regions and warehouse service, and refuses incomplete ones', async () => {
    expect((await h.call('GET', '/v1/regions/eu')).body).toEqual({
      code: 'eu',
      name: 'Europe',
      ...AMSTERDAM,
      countries: ['DE', 'FR', 'NL'],
      postalPrefixes: [],
    });
    expect((await h.call('GET', '/v1/regions')).body.items.map((r: { code: string }) => r.code)).toEqual([
      'eu',
      'uk',
      'us',
    ]);
    expect((await h.call('GET', '/v1/warehouses/NYC/regions')).body).toEqual({
      warehouse: 'NYC',
      regions: [{ region: 'us', deliveryDays: 2 }],
    });
    const refusals = [
      [await h.call('PUT', '/v1/regions/nowhere', { name: 'Nowhere' }), 400, 'invalid_region'],
      [await h.call('PUT', '/v1/regions/half', { name: 'Half', lat: 10 }), 400, 'invalid_request'],
      [await h.call('PUT', '/v1/regions/bad', { name: 'Bad', countries: ['GBR'] }), 400, 'invalid_request'],
      [await h.call('GET', '/v1/regions/mars'), 404, 'unknown_region'],
      [
        await h.call('PUT', '/v1/warehouses/NYC/regions', { regions: [{ region: 'mars', deliveryDays: 1 }] }),
        404,
        'unknown_region',
      ],
      [
        await h.call('PUT', '/v1/warehouses/NOPE/regions', { regions: [{ region: 'us', deliveryDays: 1 }] }),
        404,
        'unknown_warehouse',
      ],
      [await h.call('GET', '/v1/availability/MUG?region=mars'), 404, 'unknown_region'],
      [await h.call('GET', '/v1/availability/MUG?country=JP'), 404, 'unknown_region'],
      [
        await h.call('PUT', '/v1/settings/routing', { strategy: 'cheapest', allowSplit: true }),
        400,
        'invalid_request',
      ],
    ] as const;
    for (const [reply, status, code] of refusals) {
      expect(reply.status, JSON.stringify(reply.body)).toBe(status);
      expect(reply.body.error.code).toBe(code);
    }
    expect((await h.call('GET', '/v1/regions')).body.items).toHaveLength(3);
    expect((await h.call('GET', '/v1/warehouses/NYC/regions')).body.regions).toHaveLength(1);
  });

  it('tells a storefront what arrives how fast in the customer region, virtual stock after its lead time', async () => {
    await receive('LON', 'MUG', 4);
    await receive('AMS', 'MUG', 6);
    await receive('NYC', 'MUG', 9);
    const uk = (await h.call('GET', '/v1/availability/MUG?region=uk')).body;
    expect(uk).toEqual({
      sku: 'MUG',
      region: 'uk',
      sellable: 10,
      inStock: true,
      committed: 0,
      promisable: 10,
      committedDays: 7,
      // NYC serves only the us region; London to Amsterdam is under 800 km: a day either way.
      options: [
        {
          warehouse: 'AMS',
          sellable: 6,
          committed: 0,
          promisable: 6,
          deliveryDays: 1,
          fromStock: 6,
          virtual: null,
        },
        {
          warehouse: 'LON',
          sellable: 4,
          committed: 0,
          promisable: 4,
          deliveryDays: 1,
          fromStock: 4,
          virtual: null,
        },
      ],
    });
    const us = (await h.call('GET', '/v1/availability/MUG?country=us')).body;
    expect(us.region).toBe('us');
    // The us region has no coordinates: LON and AMS fall back to "another region", 3 days.
    expect(
      us.options.map((o: { warehouse: string; deliveryDays: number }) => [o.warehouse, o.deliveryDays]),
    ).toEqual([
      ['NYC', 2],
      ['AMS', 3],
      ['LON', 3],
    ]);
    const anywhere = (await h.call('GET', '/v1/availability/MUG')).body;
    expect(anywhere).toMatchObject({ region: null, sellable: 19 });
    expect(anywhere.options.every((o: { deliveryDays: null }) => o.deliveryDays === null)).toBe(true);

    await h.call('PUT', '/v1/suppliers/acme', { name: 'Acme drop-ship', leadTimeDays: 4 });
    await h.call('PUT', '/v1/virtual/DROP/AMS', { virtual: 5, supplier: 'acme', leadTimeDays: 4 });
    await receive('AMS', 'DROP', 2);
    const drop = (await h.call('GET', '/v1/availability/DROP?region=eu')).body;
    expect(drop.options).toEqual([
      {
        warehouse: 'AMS',
        sellable: 7,
        committed: 0,
        promisable: 7,
        deliveryDays: 1,
        fromStock: 2,
        virtual: { units: 5, supplier: 'acme', leadTimeDays: 4, deliveryDays: 5 },
      },
    ]);
    const batch = await h.call('POST', '/v1/availability', { skus: ['MUG', 'DROP', 'TEE'], country: 'DE' });
    expect(
      batch.body.items.map((a: { sku: string; region: string; sellable: number }) => [
        a.sku,
        a.region,
        a.sellable,
      ]),
    ).toEqual([
      ['MUG', 'eu', 10],
      ['DROP', 'eu', 7],
      ['TEE', 'eu', 0],
    ]);
    const tooMany = await h.call('POST', '/v1/availability', {
      skus: Array.from({ length: 1001 }, (_, i) => `S${i}`),
    });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.code).toBe('invalid_request');
  });

  it('routes to the fewest warehouses, then the fastest, and explains why', async () => {
    await receive('LON', 'TEE', 5);
    await receive('AMS', 'TEE', 5);
    await receive('AMS', 'CAP', 5);
    // uk customer, TEE and CAP: LON is as fast but has no CAP; AMS ships both in one parcel.
    const both = await h.call('POST', '/v1/orders', {
      orderId: orderId(),
      region: 'uk',
      lines: [
        { sku: 'TEE', qty: 1 },
        { sku: 'CAP', qty: 1 },
      ],
    });
    expect(both.status).toBe(201);
    expect(placed(both.body)).toEqual(['CAP@AMS:1', 'TEE@AMS:1']);
    expect(both.body.allocations[0].reason).toBe(
      'fewest shipments (the whole order from one warehouse): delivers in 1 day, priority 5',
    );
    expect(both.body.routing).toEqual({ strategy: 'fewest_shipments', allowSplit: true, region: 'uk' });
    // GET keeps the reason.
    const kept = (await h.call('GET', `/v1/orders/${both.body.orderId}`)).body;
    expect(kept.allocations.map((a: { reason: string }) => a.reason)).toEqual([
      both.body.allocations[0].reason,
      both.body.allocations[1].reason,
    ]);

    // A line naming its warehouse keeps working, and that warehouse is a shipment already.
    const named = await h.call('POST', '/v1/orders', {
      orderId: orderId(),
      region: 'uk',
      lines: [
        { sku: 'TEE', qty: 1, warehouse: 'LON' },
        { sku: 'TEE', qty: 2 },
      ],
    });
    expect(placed(named.body)).toEqual(['TEE@LON:3']);
    expect(named.body.allocations[0].reason).toMatch(/^named on the order line; fewest shipments/);
  });

  it('follows the merchant policy: priority, fastest, single warehouse, no splitting, or per order', async () => {
    for (const w of ['LON', 'AMS', 'NYC']) await receive(w, 'HAT', 3);
    const order = async (body: object) => h.call('POST', '/v1/orders', { orderId: orderId(), ...body });

    await h.call('PUT', '/v1/settings/routing', { strategy: 'priority', allowSplit: true });
    expect((await h.call('GET', '/v1/settings/routing')).body).toEqual({
      strategy: 'priority',
      allowSplit: true,
    });
    // us customer: only NYC serves; any customer without region: NYC has the highest priority.
    expect(placed((await order({ lines: [{ sku: 'HAT', qty: 1 }] })).body)).toEqual(['HAT@NYC:1']);
    // Per order override: fastest to uk.
    const fast = await order({
      region: 'uk',
      routing: { strategy: 'fastest' },
      lines: [{ sku: 'HAT', qty: 1 }],
    });
    expect(fast.body.routing).toEqual({ strategy: 'fastest', allowSplit: true, region: 'uk' });
    expect(fast.body.allocations[0].warehouse).toBe('AMS'); // as fast as LON, higher priority

    await h.call('PUT', '/v1/settings/routing', { strategy: 'fastest', allowSplit: false });
    const stock = async () =>
      (await h.call('GET', '/v1/stock/HAT')).body.positions.map(
        (p: { warehouse: string; sellable: number }) => [p.warehouse, p.sellable],
      );
    const before = await stock();
    const movements = await movementCount();
    // uk: LON 3 + AMS 2 left, 4 wanted: enough in total, but not in one warehouse.
    const refused = await order({ region: 'uk', lines: [{ sku: 'HAT', qty: 4 }] });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'insufficient_stock',
      details: { splitForbidden: true, lines: [{ sku: 'HAT', requested: 4, sellable: 3 }] },
    });
    expect(await stock()).toEqual(before);
    expect(await movementCount()).toBe(movements);
    const split = await order({
      region: 'uk',
      routing: { allowSplit: true },
      lines: [{ sku: 'HAT', qty: 4 }],
    });
    // Both deliver in a day; AMS has the higher priority, so it gives all it has first.
    expect(placed(split.body)).toEqual(['HAT@AMS:2', 'HAT@LON:2']);
    expect(split.body.allocations.map((a: { reason: string }) => a.reason)).toEqual([
      'fastest with stock: delivers in 1 day, priority 5',
      'fastest with stock: delivers in 1 day, priority 0; split because AMS had too few',
    ]);

    await h.call('PUT', '/v1/settings/routing', { strategy: 'single_warehouse', allowSplit: true });
    const single = await order({ region: 'us', lines: [{ sku: 'HAT', qty: 2 }] });
    expect(placed(single.body)).toEqual(['HAT@NYC:2']);
  });

  it('answers bad routing input with stable codes and changes nothing', async () => {
    const movements = await movementCount();
    const unknownRegion = await h.call('POST', '/v1/orders', {
      orderId: orderId(),
      region: 'mars',
      lines: [{ sku: 'MUG', qty: 1 }],
    });
    expect(unknownRegion.status).toBe(404);
    expect(unknownRegion.body.error).toMatchObject({
      code: 'unknown_region',
      details: { regions: ['mars'] },
    });
    const badStrategy = await h.call('POST', '/v1/orders', {
      orderId: orderId(),
      routing: { strategy: 'random' },
      lines: [{ sku: 'MUG', qty: 1 }],
    });
    expect(badStrategy.status).toBe(400);
    expect(await movementCount()).toBe(movements);
  });

  it('keeps stored positions equal to the ledger rebuilt', async () => {
    expect(await rebuildPositionsFromLedger(h.db)).toEqual(await allPositions(h.db));
  });
});
