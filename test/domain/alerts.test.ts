import { describe, expect, it } from 'vitest';
import {
  ageingConditions,
  capacityConditions,
  DEFAULT_THRESHOLDS,
  lateOrderConditions,
  lockConditions,
  missedDeliveryConditions,
  positionConditions,
  reconcile,
  resolveThresholds,
  transferConditions,
  type PositionFacts,
  type ScopedRule,
} from '../../src/domain/alerts.ts';

const now = new Date('2030-06-01T00:00:00Z');
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);

describe('resolveThresholds: the most specific value wins, field by field', () => {
  const rules: ScopedRule[] = [
    { sku: null, warehouse: null, lowStockThreshold: 10, deadStockDays: 60 },
    { sku: null, warehouse: 'LON', lowStockThreshold: 20 },
    { sku: 'MUG', warehouse: null, lowStockThreshold: 30, overstockDays: 90 },
    { sku: 'MUG', warehouse: 'LON', reorderPoint: 40 },
  ];
  it.each([
    {
      sku: 'TEE',
      warehouse: 'AMS',
      expected: { lowStockThreshold: 10, deadStockDays: 60, reorderPoint: null },
    },
    { sku: 'TEE', warehouse: 'LON', expected: { lowStockThreshold: 20, deadStockDays: 60 } },
    { sku: 'MUG', warehouse: 'AMS', expected: { lowStockThreshold: 30, overstockDays: 90 } },
    {
      sku: 'MUG',
      warehouse: 'LON',
      expected: { lowStockThreshold: 30, reorderPoint: 40, overstockDays: 90 },
    },
    { sku: null, warehouse: 'LON', expected: { lowStockThreshold: 20, transferOverdueDays: 7 } },
  ])('$sku at $warehouse', ({ sku, warehouse, expected }) => {
    expect(resolveThresholds(rules, sku, warehouse)).toMatchObject(expected);
  });
  it('defaults without rules', () => {
    expect(resolveThresholds([], 'MUG', 'LON')).toEqual(DEFAULT_THRESHOLDS);
  });
});

describe('positionConditions', () => {
  const base: PositionFacts = {
    sku: 'MUG',
    warehouse: 'LON',
    onHand: 50,
    sellable: 50,
    openOversold: false,
    lastSaleAt: daysAgo(1),
    firstMovementAt: daysAgo(100),
    demandUnits: 30,
  };
  it.each([
    { case: 'healthy', facts: {}, kinds: [] },
    { case: 'low at the threshold', facts: { sellable: 5 }, kinds: ['low_stock'] },
    { case: 'just above the threshold', facts: { sellable: 6 }, kinds: [] },
    {
      case: 'reorder point replaces the threshold',
      facts: { sellable: 8 },
      rule: { reorderPoint: 10 },
      kinds: ['low_stock'],
    },
    { case: 'out of stock supersedes low', facts: { sellable: 0 }, kinds: ['out_of_stock'] },
    { case: 'oversold', facts: { sellable: -2, openOversold: true }, kinds: ['out_of_stock', 'oversold'] },
    {
      case: 'dead: no sale for 90 days',
      facts: { lastSaleAt: daysAgo(90), demandUnits: 0 },
      kinds: ['dead_stock'],
    },
    { case: 'not dead at 89 days', facts: { lastSaleAt: daysAgo(89), demandUnits: 0 }, kinds: [] },
    {
      case: 'never sold, stocked 100 days ago',
      facts: { lastSaleAt: null, demandUnits: 0 },
      kinds: ['dead_stock'],
    },
    {
      case: 'nothing on hand is not dead',
      facts: { onHand: 0, sellable: 0, lastSaleAt: null, demandUnits: 0 },
      kinds: ['out_of_stock'],
    },
    // 30 units in 30 days: 1 a day; 181 on hand is 181 days of cover.
    {
      case: 'overstock above 180 days of cover',
      facts: { onHand: 181, sellable: 181 },
      kinds: ['overstock'],
    },
    { case: 'exactly 180 days is not over', facts: { onHand: 180, sellable: 180 }, kinds: [] },
    {
      case: 'no demand is not overstock',
      facts: { onHand: 1000, sellable: 1000, demandUnits: 0 },
      kinds: [],
    },
    {
      case: 'a rule lowers the overstock days',
      facts: {},
      rule: { overstockDays: 40 },
      kinds: ['overstock'],
    },
  ])('$case', ({ facts, rule, kinds }) => {
    const got = positionConditions({ ...base, ...facts }, { ...DEFAULT_THRESHOLDS, ...rule }, now);
    expect(got.map((c) => c.kind)).toEqual(kinds);
    for (const c of got) expect(c.subject).toBe('MUG@LON');
  });
});

describe('transfer and lock conditions', () => {
  it.each([
    { case: 'shipped 7 days ago, units on the road', shipped: 7, inTransit: 3, overdue: true },
    { case: 'shipped 6 days ago', shipped: 6, inTransit: 3, overdue: false },
    { case: 'all received', shipped: 30, inTransit: 0, overdue: false },
  ])('transfer: $case', ({ shipped, inTransit, overdue }) => {
    const got = transferConditions(
      { transferId: 't1', from: 'LON', to: 'AMS', firstShippedAt: daysAgo(shipped), inTransit },
      DEFAULT_THRESHOLDS,
      now,
    );
    expect(got.map((c) => [c.kind, c.subject, c.warehouse])).toEqual(
      overdue ? [['transfer_overdue', 'transfer:t1', 'AMS']] : [],
    );
  });
  it.each([
    { case: 'until in 24h', hours: 24, locked: 5, expiring: true },
    { case: 'until in 25h', hours: 25, locked: 5, expiring: false },
    { case: 'released already', hours: 1, locked: 0, expiring: false },
  ])('lock: $case', ({ hours, locked, expiring }) => {
    const until = new Date(now.getTime() + hours * 3_600_000);
    const got = lockConditions(
      { lockId: 'l1', sku: 'MUG', warehouse: 'LON', locked, until },
      DEFAULT_THRESHOLDS,
      now,
    );
    expect(got.map((c) => c.subject)).toEqual(expiring ? ['lock:l1'] : []);
  });
});

describe('reconcile', () => {
  const cond = (kind: 'low_stock' | 'out_of_stock', subject = 'MUG@LON') => ({
    kind,
    subject,
    sku: 'MUG',
    warehouse: 'LON',
    details: {},
  });
  it.each([
    {
      case: 'a new condition opens',
      active: [],
      holding: [cond('low_stock')],
      open: ['low_stock'],
      resolve: [],
    },
    {
      case: 'a continuing condition changes nothing',
      active: [{ id: 'a1', kind: 'low_stock' as const, subject: 'MUG@LON' }],
      holding: [cond('low_stock')],
      open: [],
      resolve: [],
    },
    {
      case: 'an ended condition resolves, its successor opens',
      active: [{ id: 'a1', kind: 'low_stock' as const, subject: 'MUG@LON' }],
      holding: [cond('out_of_stock')],
      open: ['out_of_stock'],
      resolve: ['a1'],
    },
    {
      case: 'a duplicate condition opens once',
      active: [],
      holding: [cond('low_stock'), cond('low_stock')],
      open: ['low_stock'],
      resolve: [],
    },
  ])('$case', ({ active, holding, open, resolve }) => {
    const got = reconcile(active, holding);
    expect(got.open.map((c) => c.kind)).toEqual(open);
    expect(got.resolve.map((a) => a.id)).toEqual(resolve);
  });
});

describe('contingency conditions', () => {
  const now = new Date('2030-02-01T00:00:00Z');
  const DAY = 86_400_000;

  it.each([
    // [hours past expected, open lines, alert?, short skus]
    [-1, [{ sku: 'A', open: 5, sellable: 0 }], false, []],
    [1, [{ sku: 'A', open: 0, sellable: 0 }], false, []],
    [
      1,
      [
        { sku: 'A', open: 5, sellable: 2 },
        { sku: 'B', open: 3, sellable: 3 },
      ],
      true,
      ['A'],
    ],
  ] as const)('a purchase order %i hours past its date with %j: late %s', (hours, lines, late, short) => {
    const c = lateOrderConditions(
      {
        poId: 'po1',
        supplier: 'S',
        warehouse: 'LON',
        expectedAt: new Date(now.getTime() - hours * 3_600_000),
        lines: [...lines],
      },
      now,
    );
    expect(c.length > 0).toBe(late);
    if (late) {
      expect(c[0]!.subject).toBe('po:po1');
      expect((c[0]!.details.shortPositions as { sku: string }[]).map((p) => p.sku)).toEqual(short);
    }
  });

  it.each([
    [89, 100, null, false],
    [90, 100, null, true],
    [79, 100, 80, false],
    [80, 100, 80, true],
    [1_000, null, null, false],
  ] as const)(
    '%i units on hand of capacity %s at %s%%: near capacity %s',
    (onHand, capacity, percent, near) => {
      const c = capacityConditions({
        warehouse: 'LON',
        onHand,
        capacityUnits: capacity,
        capacityAlertPercent: percent,
      });
      expect(c.length > 0).toBe(near);
    },
  );

  it.each([
    // units on hand, litres on hand, capacity in units, capacity in litres, what is over
    [10, 89, null, 100, []],
    [10, 90, null, 100, ['volume']],
    [95, 10, 100, 100, ['units']],
    [95, 95, 100, 100, ['units', 'volume']],
    [10, 1_000, 100, null, []],
  ] as const)(
    '%i units and %i litres on hand, capacity %s units and %s litres: over %j',
    (onHand, litres, capacityUnits, capacityLitres, over) => {
      const c = capacityConditions({
        warehouse: 'LON',
        onHand,
        volumeLitres: litres,
        capacityUnits,
        capacityLitres,
        skusWithoutVolume: 0,
        capacityAlertPercent: null,
      });
      expect(c.length > 0).toBe(over.length > 0);
      if (c.length > 0) {
        expect(c[0]!.details.over).toEqual(over);
        if (capacityLitres !== null) {
          expect(c[0]!.details.usedVolumePercent).toBe(Math.round((litres / capacityLitres) * 1000) / 10);
        }
      }
    },
  );

  it.each([
    [180, null, false],
    [181, null, true],
    [31, 30, true],
    [30, 30, false],
  ] as const)('units %i days old with ageing days %s: ageing %s', (days, threshold, ageing) => {
    const c = ageingConditions(
      {
        sku: 'A',
        warehouse: 'LON',
        ageingAlertDays: threshold,
        layers: [
          { at: new Date(now.getTime() - DAY), units: 2 },
          { at: new Date(now.getTime() - days * DAY), units: 3 },
        ],
      },
      now,
    );
    expect(c.length > 0).toBe(ageing);
    if (ageing) expect(c[0]!.details).toMatchObject({ agedUnits: 3, oldestDays: days });
  });

  type Outcome = 'reserved' | 'short' | 'missed' | 'released';
  const d = (deliveryOn: string, outcome: Outcome, code: string | null = null) => ({
    deliveryOn,
    outcome,
    code,
  });
  // Today is 2030-01-20; a weekly standing order on Saturdays (the 5th, 12th, 19th, 26th).
  it.each([
    {
      why: 'all reserved',
      next: '2030-01-26',
      deliveries: [d('2030-01-12', 'reserved'), d('2030-01-19', 'reserved')],
      missed: null,
    },
    {
      why: 'the 19th recorded missed after a short attempt',
      next: '2030-01-26',
      deliveries: [d('2030-01-12', 'reserved'), d('2030-01-19', 'missed', 'insufficient_stock')],
      missed: { missedOn: '2030-01-19', missedInARow: 1, reason: 'insufficient_stock' },
    },
    {
      why: 'the 19th passed and the loop has not recorded it yet',
      next: '2030-01-19',
      deliveries: [d('2030-01-12', 'reserved')],
      missed: { missedOn: '2030-01-19', missedInARow: 1, reason: null },
    },
    {
      why: 'the 19th short and passed, not recorded missed yet',
      next: '2030-01-19',
      deliveries: [d('2030-01-19', 'short', 'insufficient_stock')],
      missed: { missedOn: '2030-01-19', missedInARow: 1, reason: 'insufficient_stock' },
    },
    {
      why: "the 19th's order released before it shipped",
      next: '2030-01-26',
      deliveries: [d('2030-01-12', 'missed'), d('2030-01-19', 'released')],
      missed: { missedOn: '2030-01-19', missedInARow: 2, reason: 'released' },
    },
    {
      why: 'a miss followed by a reserved delivery: served again',
      next: '2030-02-02',
      deliveries: [d('2030-01-12', 'missed'), d('2030-01-26', 'reserved')],
      missed: null,
    },
    {
      why: 'a short attempt whose day has not come is no miss yet',
      next: '2030-01-26',
      deliveries: [d('2030-01-19', 'reserved'), d('2030-01-26', 'short', 'insufficient_stock')],
      missed: null,
    },
  ])('standing order: $why', ({ next, deliveries, missed }) => {
    const c = missedDeliveryConditions(
      {
        id: 'weekly-1',
        customer: 'C-42',
        warehouse: 'LON',
        nextDeliveryOn: next,
        deliveries,
        lines: [
          { sku: 'MUG', qty: 2, sellable: 5 },
          { sku: 'TEE', qty: 1, sellable: 0 },
        ],
      },
      '2030-01-20',
    );
    expect(c.length > 0).toBe(missed !== null);
    if (missed) {
      expect(c[0]).toMatchObject({
        kind: 'standing_order_missed',
        subject: 'standing-order:weekly-1',
        warehouse: 'LON',
      });
      expect(c[0]!.details).toEqual({
        standingOrder: 'weekly-1',
        customer: 'C-42',
        ...missed,
        shortLines: [{ sku: 'TEE', qty: 1, sellable: 0 }],
      });
    }
  });
});
