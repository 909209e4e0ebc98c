import { describe, expect, it } from 'vitest';
import {
  COUNTRY_CODES,
  countryCode,
  csvRows,
  homeWarehouse,
  invoicesFromCsv,
  regionOf,
  REPLAY_REGIONS,
  selectWindow,
  type Invoice,
} from '../../src/cli/replay-data.ts';
import {
  DemandTracker,
  OrderBook,
  openingStock,
  shipAfterCancel,
  topUpLines,
  weeklyTargets,
} from '../../src/cli/replay-model.ts';
import { buildReport, emptyCounters, ratio, topShortSkus } from '../../src/cli/replay-report.ts';

const at = (s: string) => new Date(`${s}Z`);
const invoice = (over: Omit<Partial<Invoice>, 'lines'> & { lines: [string, number][] }): Invoice => ({
  invoiceNo: '1',
  at: at('2011-01-03T10:00:00'),
  customer: 'C1',
  country: 'United Kingdom',
  countryCode: 'GB',
  region: 'uk',
  cancellation: false,
  ...over,
  lines: new Map(over.lines),
});

describe('countries and regions', () => {
  it.each([
    ['United Kingdom', 'GB', 'uk'],
    ['Channel Islands', 'JE', 'uk'],
    ['EIRE', 'IE', 'eu'],
    ['Germany', 'DE', 'eu'],
    ['European Community', 'EU', 'eu'],
    ['Switzerland', 'CH', 'eu'],
    ['Norway', 'NO', 'eu'],
    ['USA', 'US', 'na'],
    ['Canada', 'CA', 'na'],
    ['Brazil', 'BR', 'latam'],
    ['RSA', 'ZA', 'mea'],
    ['Israel', 'IL', 'mea'],
    ['Australia', 'AU', 'apac'],
    ['Japan', 'JP', 'apac'],
    ['Unspecified', null, null],
    ['Atlantis', null, null],
  ])('%s is %s in region %s', (country, code, region) => {
    expect(countryCode(country)).toBe(code);
    expect(regionOf(countryCode(country))).toBe(region);
  });

  it('maps every country code of the data to a region, each code in one region only', () => {
    for (const code of Object.values(COUNTRY_CODES)) expect(regionOf(code)).not.toBeNull();
    const all = REPLAY_REGIONS.flatMap((r) => r.countries);
    expect(new Set(all).size).toBe(all.length);
  });

  it.each([
    ['uk', 'LON'],
    ['eu', 'AMS'],
    ['na', 'NYC'],
    ['latam', 'NYC'],
    ['mea', 'AMS'],
    ['apac', 'AMS'],
    [null, 'LON'],
  ])('plans stock for region %s at the nearest warehouse, %s', (region, warehouse) => {
    expect(homeWarehouse(region)).toBe(warehouse);
  });
});

describe('reading the data', () => {
  const CSV = [
    'InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country',
    '536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,17850,United Kingdom',
    '536365,85123a,WHITE HANGING HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom',
    '536365,85123A,WHITE HANGING HEART,2,2010-12-01 08:26:00,2.55,17850,United Kingdom',
    '536365,POST,POSTAGE,1,2010-12-01 08:26:00,18,17850,United Kingdom',
    '536365,22752,"SET 7 BABUSHKA, NESTING BOXES",2,2010-12-01 08:26:00,7.65,17850,United Kingdom',
    '536365,21777,FREE GIFT,1,2010-12-01 08:26:00,0,17850,United Kingdom',
    '536400,21777,damaged,-5,2010-12-01 09:00:00,0,NA,United Kingdom',
    'C536379,22633,HAND WARMER UNION JACK,-2,2010-12-01 09:41:00,1.85,17850,United Kingdom',
    'A563185,B,Adjust bad debt,1,2011-08-12 14:50:00,11062.06,NA,United Kingdom',
    '536367,22633,HAND WARMER UNION JACK,3,2010-12-01 08:28:00,1.95,NA,EIRE',
  ].join('\n');

  it('splits quoted fields with commas', () => {
    expect(csvRows('a,b\n1,"x, y"\n2,z\n')).toEqual([
      ['a', 'b'],
      ['1', 'x, y'],
      ['2', 'z'],
    ]);
  });

  it('keeps product lines, merges SKUs, puts invoices in time order and skips the rest', () => {
    const s = invoicesFromCsv(CSV);
    expect(s.invoices.map((i) => i.invoiceNo)).toEqual(['536365', '536366', '536367', 'C536379']);
    expect([...s.invoices[0]!.lines]).toEqual([
      ['85123A', 8],
      ['22752', 2],
    ]);
    expect(s.read).toBe(6);
    expect(s.skipped).toBe(2); // 536400 (only a write-off) and A563185
    expect(s.droppedLines).toBe(4);
    const cancellation = s.invoices[3]!;
    expect(cancellation.cancellation).toBe(true);
    expect([...cancellation.lines]).toEqual([['22633', 2]]);
    expect(s.invoices[2]).toMatchObject({ customer: null, countryCode: 'IE', region: 'eu' });
    expect(s.skus.get('22633')).toEqual({ name: 'HAND WARMER UNION JACK', price: 1.9 });
    expect(s.skus.get('22752')?.name).toBe('SET 7 BABUSHKA, NESTING BOXES');
    expect(s.skus.has('POST')).toBe(false);
  });

  it('selects a window by days (both included), then the limit', () => {
    const s = invoicesFromCsv(CSV).invoices;
    expect(selectWindow(s, { from: '2010-12-01', to: '2010-12-01' })).toHaveLength(4);
    expect(selectWindow(s, { from: '2010-12-02' })).toHaveLength(0);
    expect(selectWindow(s, { limit: 2 }).map((i) => i.invoiceNo)).toEqual(['536365', '536366']);
    expect(() => selectWindow(s, { from: '1 Dec' })).toThrow(/--from must be a day/);
  });
});

describe('matching cancellations', () => {
  const book = () => {
    const b = new OrderBook();
    b.add({
      orderId: 'o1',
      customer: 'C1',
      at: at('2011-01-03T10:00:00'),
      units: new Map([
        ['A', 5],
        ['B', 2],
      ]),
    });
    b.add({ orderId: 'o2', customer: 'C1', at: at('2011-01-05T10:00:00'), units: new Map([['A', 1]]) });
    b.add({ orderId: 'o3', customer: 'C2', at: at('2011-01-04T10:00:00'), units: new Map([['A', 9]]) });
    return b;
  };
  const cancel = (customer: string | null, when: string, lines: [string, number][]) => ({
    customer,
    at: at(when),
    lines: new Map(lines),
  });

  it.each([
    [
      'the latest earlier order of the customer that covers it',
      cancel('C1', '2011-01-06T00:00:00', [['A', 1]]),
      'o2',
    ],
    ['an older one when the latest has too few units', cancel('C1', '2011-01-06T00:00:00', [['A', 3]]), 'o1'],
    [
      'every SKU must be covered',
      cancel('C1', '2011-01-06T00:00:00', [
        ['A', 1],
        ['B', 1],
      ]),
      'o1',
    ],
    ['never a later order', cancel('C1', '2011-01-04T00:00:00', [['A', 1]]), 'o1'],
    ['never another customer', cancel('C2', '2011-01-03T12:00:00', [['A', 1]]), null],
    ['no customer: unmatched', cancel(null, '2011-01-06T00:00:00', [['A', 1]]), null],
    ['more than was ordered: unmatched', cancel('C1', '2011-01-06T00:00:00', [['A', 6]]), null],
  ])('%s', (_name, c, expected) => {
    expect(book().match(c)?.orderId ?? null).toBe(expected);
  });

  it('takes the units off the order, so they cannot be cancelled twice', () => {
    const b = book();
    expect(b.match(cancel('C1', '2011-01-06T00:00:00', [['B', 2]]))?.orderId).toBe('o1');
    expect(b.match(cancel('C1', '2011-01-07T00:00:00', [['B', 1]]))).toBeNull();
  });
});

describe('stock planning', () => {
  const start = Date.parse('2011-01-03T00:00:00Z');
  const stream = [
    invoice({ at: at('2011-01-03T10:00:00'), lines: [['A', 10]] }),
    invoice({ at: at('2011-01-04T10:00:00'), region: 'eu', lines: [['A', 4]] }),
    invoice({ at: at('2011-01-05T10:00:00'), cancellation: true, lines: [['A', 2]] }),
    invoice({
      at: at('2011-01-11T10:00:00'),
      lines: [
        ['A', 6],
        ['B', 3],
      ],
    }),
    invoice({ at: at('2011-01-18T10:00:00'), lines: [['A', 100]] }),
  ];

  it('opening stock is the net demand of the first cover weeks at each home warehouse', () => {
    const opening = openingStock(stream, start, { coverWeeks: 2, trailingWeeks: 4 });
    expect(Object.fromEntries([...opening].map(([w, m]) => [w, Object.fromEntries(m)]))).toEqual({
      LON: { A: 14, B: 3 },
      AMS: { A: 4 },
    });
  });

  it('weekly targets: cover weeks times the trailing weekly average, from past weeks only', () => {
    const t = new DemandTracker(start);
    for (const i of stream.slice(0, 4)) t.record(i);
    expect(weeklyTargets(t, 0).size).toBe(0);
    expect(Object.fromEntries(weeklyTargets(t, 1).get('LON')!)).toEqual({ A: 16 }); // 8 in week 0, x2
    // Weeks 0-1: A 8 + 6 = 14 over 2 weeks = 7/week x2; B 3 / 2 x2 = 3.
    expect(Object.fromEntries(weeklyTargets(t, 2).get('LON')!)).toEqual({ A: 14, B: 3 });
    expect(Object.fromEntries(weeklyTargets(t, 2, { coverWeeks: 3, trailingWeeks: 1 }).get('LON')!)).toEqual({
      A: 18,
      B: 9,
    });
  });

  it('tops up to the target, never down, counting negative sellable as none', () => {
    const targets = new Map([
      ['A', 10],
      ['B', 5],
      ['C', 3],
    ]);
    const sellable = new Map([
      ['A', 4],
      ['B', 9],
      ['C', -2],
    ]);
    expect(topUpLines(targets, sellable)).toEqual([
      { sku: 'A', qty: 6 },
      { sku: 'C', qty: 3 },
    ]);
  });

  it('ships what is left of a partly cancelled order', () => {
    const allocations = [
      { sku: 'A', warehouse: 'AMS', qty: 2 },
      { sku: 'A', warehouse: 'LON', qty: 5 },
      { sku: 'B', warehouse: 'LON', qty: 1 },
    ];
    expect(shipAfterCancel(allocations, new Map([['A', 6]]))).toEqual([
      { sku: 'A', warehouse: 'AMS', qty: 1 },
      { sku: 'B', warehouse: 'LON', qty: 1 },
    ]);
    expect(
      shipAfterCancel(
        allocations,
        new Map([
          ['A', 7],
          ['B', 1],
        ]),
      ),
    ).toEqual([]);
    expect(shipAfterCancel(allocations, new Map())).toEqual(allocations);
  });
});

describe('report maths', () => {
  it('divides safely', () => {
    expect(ratio(1, 4)).toBe(0.25);
    expect(ratio(0, 0)).toBe(0);
  });

  it('derives fill, split and stockout figures from the counters', () => {
    const c = emptyCounters();
    c.invoices = { sales: 10, cancellations: 2 };
    Object.assign(c.orders, { attempted: 10, placedInFull: 6, placedInPart: 2, refused: 2, split: 2 });
    Object.assign(c.units, { demanded: 200, placed: 150 });
    c.shortSkus
      .set('A', { orders: 3, units: 30 })
      .set('B', { orders: 3, units: 40 })
      .set('C', { orders: 1, units: 1 });
    Object.assign(c.cancellations, { cancelled: 1, unmatchedNoOrder: 1 });
    const r = buildReport(c, {
      source: 's',
      database: 'd',
      first: at('2011-01-03T10:00:00'),
      last: at('2011-01-05T09:00:00'),
      concurrency: 1,
      setupMs: 1000,
      replayMs: 4000,
      elapsedMs: 5000,
    });
    expect(r.orders.placed).toBe(8);
    expect(r.fillRate).toEqual({ units: 0.75, orders: 0.6 });
    expect(r.splitRate).toBe(0.25);
    expect(r.stockouts).toMatchObject({ orders: 4, refused: 2, unitsShort: 71 });
    expect(r.stockouts.topSkus.map((s) => s.sku)).toEqual(['B', 'A', 'C']);
    expect(r.cancellations).toMatchObject({ matched: 1, unmatched: 1 });
    expect(r.window.days).toBe(3);
    expect(r.timing.reservationsPerSecond).toBe(2);
    expect(topShortSkus(c.shortSkus, 1)).toEqual([{ sku: 'B', orders: 3, units: 40 }]);
  });
});
