import { describe, expect, it } from 'vitest';
import {
  deliveryEstimate,
  distanceKm,
  resolveRegion,
  type Region,
  type ServedWarehouse,
} from '../../src/domain/delivery.ts';
import { route, type Candidate, type RoutingPolicy } from '../../src/domain/routing.ts';

type Stock = Record<string, Record<string, number>>; // warehouse -> sku -> available

const candidates = (spec: Record<string, [days: number | null, priority: number]>): Candidate[] =>
  Object.entries(spec).map(([warehouse, [deliveryDays, priority]]) => ({
    warehouse,
    deliveryDays,
    priority,
  }));

const run = (
  stock: Stock,
  spec: Record<string, [number | null, number]>,
  lines: { sku: string; qty: number }[],
  policy: RoutingPolicy,
  fixed: { sku: string; warehouse: string; qty: number }[] = [],
) => {
  const r = route(
    { lines, fixed, candidates: candidates(spec), available: (sku, w) => stock[w]?.[sku] ?? 0 },
    policy,
  );
  return r.ok ? r.allocations.map((a) => `${a.sku}@${a.warehouse}:${a.qty}`).sort() : r;
};

const fewest: RoutingPolicy = { strategy: 'fewest_shipments', allowSplit: true };
const fastest: RoutingPolicy = { strategy: 'fastest', allowSplit: true };
const priority: RoutingPolicy = { strategy: 'priority', allowSplit: true };
const single: RoutingPolicy = { strategy: 'single_warehouse', allowSplit: true };
const noSplit: RoutingPolicy = { strategy: 'fastest', allowSplit: false };

// LON is near (1 day) but low priority; AMS is 2 days, priority 5; NYC 6 days, priority 9.
const near = { LON: [1, 0], AMS: [2, 5], NYC: [6, 9] } as Record<string, [number, number]>;

describe('route', () => {
  it.each([
    {
      case: 'fewest shipments: the one warehouse holding both lines beats two faster ones',
      stock: { LON: { A: 5 }, AMS: { B: 5 }, NYC: { A: 5, B: 5 } },
      lines: [
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 2 },
      ],
      policy: fewest,
      expected: ['A@NYC:2', 'B@NYC:2'],
    },
    {
      case: 'fewest shipments: among single warehouses, the fastest',
      stock: { LON: { A: 5 }, AMS: { A: 5 }, NYC: { A: 5 } },
      lines: [{ sku: 'A', qty: 3 }],
      policy: fewest,
      expected: ['A@LON:3'],
    },
    {
      case: 'fewest shipments: a split uses the fewest warehouses, fastest first',
      stock: { LON: { A: 2 }, AMS: { A: 1 }, NYC: { A: 4 } },
      lines: [{ sku: 'A', qty: 5 }],
      policy: fewest,
      expected: ['A@LON:2', 'A@NYC:3'],
    },
    {
      case: 'fewest shipments: a warehouse a fixed line ships from is free to use',
      stock: { LON: { A: 5 }, AMS: { A: 5, B: 5 }, NYC: {} },
      lines: [{ sku: 'A', qty: 1 }],
      fixed: [{ sku: 'B', warehouse: 'AMS', qty: 1 }],
      policy: fewest,
      expected: ['A@AMS:1'],
    },
    {
      case: 'fastest: each line from the fastest warehouse with stock',
      stock: { LON: { A: 5 }, AMS: { B: 5 }, NYC: { A: 5, B: 5 } },
      lines: [
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 2 },
      ],
      policy: fastest,
      expected: ['A@LON:2', 'B@AMS:2'],
    },
    {
      case: 'priority: the highest priority first, even when slower',
      stock: { LON: { A: 5 }, AMS: { A: 5 }, NYC: { A: 5 } },
      lines: [{ sku: 'A', qty: 2 }],
      policy: priority,
      expected: ['A@NYC:2'],
    },
    {
      case: 'priority: splits down the priority order',
      stock: { LON: { A: 5 }, AMS: { A: 2 }, NYC: { A: 1 } },
      lines: [{ sku: 'A', qty: 5 }],
      policy: priority,
      expected: ['A@AMS:2', 'A@LON:2', 'A@NYC:1'],
    },
    {
      case: 'single warehouse: the fastest that holds the whole order',
      stock: { LON: { A: 5 }, AMS: { A: 5, B: 1 }, NYC: { A: 5, B: 5 } },
      lines: [
        { sku: 'A', qty: 2 },
        { sku: 'B', qty: 1 },
      ],
      policy: single,
      expected: ['A@AMS:2', 'B@AMS:1'],
    },
    {
      case: 'no region (no delivery days): equal priority goes to the warehouse with the most units',
      stock: { X: { A: 3 }, Y: { A: 7 } },
      spec: { X: [null, 0], Y: [null, 0] },
      lines: [{ sku: 'A', qty: 2 }],
      policy: fewest,
      expected: ['A@Y:2'],
    },
  ])('$case', ({ stock, lines, policy, expected, fixed, spec }) => {
    expect(
      run(
        stock as unknown as Stock,
        (spec ?? near) as Record<string, [number | null, number]>,
        lines,
        policy,
        fixed,
      ),
    ).toEqual(expected);
  });

  it.each([
    {
      case: 'not enough anywhere: the short line with what all candidates have',
      stock: { LON: { A: 1 }, AMS: { A: 1 }, NYC: {} },
      lines: [{ sku: 'A', qty: 3 }],
      policy: fewest,
      short: [{ sku: 'A', requested: 3, available: 2 }],
      splitForbidden: false,
    },
    {
      case: 'splitting forbidden: enough in total but not in one warehouse',
      stock: { LON: { A: 2 }, AMS: { A: 2 }, NYC: {} },
      lines: [{ sku: 'A', qty: 3 }],
      policy: noSplit,
      short: [{ sku: 'A', requested: 3, available: 2 }],
      splitForbidden: true,
    },
    {
      case: 'single warehouse: each line fits somewhere, never together',
      stock: { LON: { A: 2 }, AMS: { B: 2 }, NYC: {} },
      lines: [
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 1 },
      ],
      policy: single,
      short: [
        { sku: 'A', requested: 1, available: 2 },
        { sku: 'B', requested: 1, available: 2 },
      ],
      splitForbidden: true,
    },
  ])('refuses: $case', ({ stock, lines, policy, short, splitForbidden }) => {
    expect(run(stock as unknown as Stock, near, lines, policy)).toEqual({ ok: false, short, splitForbidden });
  });

  it('explains each allocation, naming the warehouse that fell short in a split', () => {
    const r = route(
      {
        lines: [{ sku: 'A', qty: 4 }],
        fixed: [],
        candidates: candidates(near),
        available: (_sku, w) => ({ LON: 1, AMS: 0, NYC: 9 })[w] ?? 0,
      },
      fastest,
    );
    expect(r).toEqual({
      ok: true,
      allocations: [
        { sku: 'A', warehouse: 'LON', qty: 1, reason: 'fastest with stock: delivers in 1 day, priority 0' },
        {
          sku: 'A',
          warehouse: 'NYC',
          qty: 3,
          reason: 'fastest with stock: delivers in 6 days, priority 9; split because LON, AMS had too few',
        },
      ],
    });
  });
});

describe('delivery', () => {
  const region = (code: string, extra: Partial<Region> = {}): Region => ({
    code,
    lat: null,
    lon: null,
    countries: [],
    postalPrefixes: [],
    ...extra,
  });
  const warehouse = (extra: Partial<ServedWarehouse> = {}): ServedWarehouse => ({
    code: 'W',
    region: 'uk',
    lat: null,
    lon: null,
    priority: 0,
    serves: new Map(),
    ...extra,
  });
  const london = { lat: 51.5074, lon: -0.1278 };
  const amsterdam = { lat: 52.3676, lon: 4.9041 };
  const newYork = { lat: 40.7128, lon: -74.006 };

  it('measures great-circle distances', () => {
    expect(Math.round(distanceKm(london, amsterdam))).toBe(358);
    expect(Math.round(distanceKm(london, newYork))).toBe(5570);
  });

  it.each([
    {
      case: 'explicit service wins over distance',
      w: warehouse({ ...london, serves: new Map([['eu', 2]]) }),
      r: region('eu', amsterdam),
      expected: { days: 2, basis: 'explicit' },
    },
    {
      case: 'explicit service elsewhere: does not serve',
      w: warehouse({ serves: new Map([['uk', 1]]) }),
      r: region('eu', amsterdam),
      expected: null,
    },
    {
      case: 'distance: London to Amsterdam is one day',
      w: warehouse(london),
      r: region('eu', amsterdam),
      expected: { days: 1, basis: 'distance' },
    },
    {
      case: 'distance: London to New York is one day per 800 km more',
      w: warehouse(london),
      r: region('us', newYork),
      expected: { days: 7, basis: 'distance' },
    },
    {
      case: 'no coordinates: same region',
      w: warehouse({ region: 'uk' }),
      r: region('uk', { countries: ['GB'] }),
      expected: { days: 1, basis: 'same_region' },
    },
    {
      case: 'no coordinates: another region',
      w: warehouse({ region: 'uk' }),
      r: region('eu', { countries: ['NL'] }),
      expected: { days: 3, basis: 'other_region' },
    },
  ])('$case', ({ w, r, expected }) => {
    expect(deliveryEstimate(w, r)).toEqual(expected);
  });

  const regions = [
    region('uk', { countries: ['GB'] }),
    region('uk-north', { countries: ['GB'], postalPrefixes: ['M', 'LS'] }),
    region('eu', { countries: ['NL', 'DE', 'FR'] }),
    region('anywhere-9', { postalPrefixes: ['9'] }),
  ];
  it.each([
    { address: { country: 'GB', postalCode: 'SW1A 1AA' }, expected: 'uk' },
    { address: { country: 'gb', postalCode: 'ls1 4ap' }, expected: 'uk-north' },
    { address: { country: 'DE' }, expected: 'eu' },
    { address: { country: 'US', postalCode: '90210' }, expected: 'anywhere-9' },
    { address: { country: 'US', postalCode: '10001' }, expected: null },
    { address: {}, expected: null },
  ])('resolves $address to $expected', ({ address, expected }) => {
    expect(resolveRegion(regions, address)?.code ?? null).toBe(expected);
  });
});
