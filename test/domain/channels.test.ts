/** One row per rule of a channel's published quantity, and of what one order of it may take. */
import { describe, expect, it } from 'vitest';
import {
  bufferOf,
  channelLimits,
  duplicateRingFences,
  isValidBufferPercent,
  percentHeld,
  publishedQuantity,
  ringFenceChanges,
  splitChannelTake,
  type ChannelPolicySettings,
  type Published,
  type SellableAt,
} from '../../src/domain/channels.ts';

const channel = (c: Partial<ChannelPolicySettings> = {}): ChannelPolicySettings => ({
  warehouses: null,
  bufferUnits: null,
  bufferPercent: null,
  cap: null,
  ...c,
});
const at = (sellable: Record<string, number>): SellableAt[] =>
  Object.entries(sellable).map(([warehouse, s]) => ({ warehouse, sellable: s }));
const fenced = (units: Record<string, number> = {}) => new Map(Object.entries(units));

interface Row {
  rule: string;
  channel: Partial<ChannelPolicySettings>;
  sellable: Record<string, number>;
  ringFenced?: Record<string, number>;
  expected: Published;
}

const table: Row[] = [
  {
    rule: 'no settings: the whole pool of every warehouse',
    channel: {},
    sellable: { LON: 10, AMS: 5 },
    expected: { pool: 15, buffer: 0, shared: 15, ringFenced: 0, published: 15 },
  },
  {
    rule: 'only the channel’s warehouses count',
    channel: { warehouses: ['LON'] },
    sellable: { LON: 10, AMS: 5 },
    expected: { pool: 10, buffer: 0, shared: 10, ringFenced: 0, published: 10 },
  },
  {
    rule: 'a negative S (a physical fact) counts as 0, not against other warehouses',
    channel: {},
    sellable: { LON: -3, AMS: 5 },
    expected: { pool: 5, buffer: 0, shared: 5, ringFenced: 0, published: 5 },
  },
  {
    rule: 'buffer units are held back',
    channel: { bufferUnits: 4 },
    sellable: { LON: 10 },
    expected: { pool: 10, buffer: 4, shared: 6, ringFenced: 0, published: 6 },
  },
  {
    rule: 'a buffer larger than the pool publishes 0, never less',
    channel: { bufferUnits: 40 },
    sellable: { LON: 10 },
    expected: { pool: 10, buffer: 10, shared: 0, ringFenced: 0, published: 0 },
  },
  {
    rule: 'buffer percent rounds the held units up: 10 % of 15 holds 2',
    channel: { bufferPercent: 10 },
    sellable: { LON: 15 },
    expected: { pool: 15, buffer: 2, shared: 13, ringFenced: 0, published: 13 },
  },
  {
    rule: 'buffer percent of an exact share',
    channel: { bufferPercent: 25 },
    sellable: { LON: 20 },
    expected: { pool: 20, buffer: 5, shared: 15, ringFenced: 0, published: 15 },
  },
  {
    rule: 'buffer percent with two decimals: 12.5 % of 7 holds 1 (0.875 up)',
    channel: { bufferPercent: 12.5 },
    sellable: { LON: 7 },
    expected: { pool: 7, buffer: 1, shared: 6, ringFenced: 0, published: 6 },
  },
  {
    rule: 'a percent that floats misround (7 % of 100) holds exactly 7',
    channel: { bufferPercent: 7 },
    sellable: { LON: 100 },
    expected: { pool: 100, buffer: 7, shared: 93, ringFenced: 0, published: 93 },
  },
  {
    rule: 'units and percent add up',
    channel: { bufferUnits: 2, bufferPercent: 10 },
    sellable: { LON: 30 },
    expected: { pool: 30, buffer: 5, shared: 25, ringFenced: 0, published: 25 },
  },
  {
    rule: '100 % holds everything back',
    channel: { bufferPercent: 100 },
    sellable: { LON: 30 },
    expected: { pool: 30, buffer: 30, shared: 0, ringFenced: 0, published: 0 },
  },
  {
    rule: 'cap limits the shared part',
    channel: { cap: 8 },
    sellable: { LON: 10, AMS: 5 },
    expected: { pool: 15, buffer: 0, shared: 8, ringFenced: 0, published: 8 },
  },
  {
    rule: 'cap above what the buffer leaves changes nothing',
    channel: { cap: 20, bufferUnits: 10 },
    sellable: { LON: 15 },
    expected: { pool: 15, buffer: 10, shared: 5, ringFenced: 0, published: 5 },
  },
  {
    rule: 'cap 0: only ring-fenced units are published',
    channel: { cap: 0 },
    sellable: { LON: 15 },
    ringFenced: { LON: 3 },
    expected: { pool: 15, buffer: 0, shared: 0, ringFenced: 3, published: 3 },
  },
  {
    rule: 'ring-fenced units come on top of buffer and cap',
    channel: { bufferUnits: 2, cap: 5 },
    sellable: { LON: 10, AMS: 10 },
    ringFenced: { LON: 4, AMS: 1 },
    expected: { pool: 20, buffer: 2, shared: 5, ringFenced: 5, published: 10 },
  },
  {
    rule: 'ring-fenced units with no shared stock left',
    channel: {},
    sellable: { LON: 0 },
    ringFenced: { LON: 6 },
    expected: { pool: 0, buffer: 0, shared: 0, ringFenced: 6, published: 6 },
  },
  {
    rule: 'ring-fences outside the channel’s warehouses do not count',
    channel: { warehouses: ['LON'] },
    sellable: { LON: 1 },
    ringFenced: { AMS: 6 },
    expected: { pool: 1, buffer: 0, shared: 1, ringFenced: 0, published: 1 },
  },
  {
    rule: 'no positions at all',
    channel: { bufferUnits: 1, cap: 3 },
    sellable: {},
    expected: { pool: 0, buffer: 0, shared: 0, ringFenced: 0, published: 0 },
  },
];

describe('publishedQuantity', () => {
  it.each(table)('$rule', (row) => {
    expect(publishedQuantity(channel(row.channel), at(row.sellable), fenced(row.ringFenced))).toEqual(
      row.expected,
    );
  });

  it('never publishes more than the pool plus ring-fenced, and never less than ring-fenced', () => {
    for (let pool = 0; pool <= 300; pool += 7) {
      for (const percent of [0, 0.01, 1, 12.34, 33.33, 50, 99.99, 100]) {
        const p = publishedQuantity(
          channel({ bufferPercent: percent }),
          at({ LON: pool }),
          fenced({ LON: 2 }),
        );
        expect(p.buffer).toBeGreaterThanOrEqual((pool * percent) / 100 - 1e-9);
        expect(p.buffer).toBeLessThan((pool * percent) / 100 + 1);
        expect(p.published).toBe(pool - p.buffer + 2);
      }
    }
  });
});

describe('buffer arithmetic', () => {
  it.each([
    [0, 50, 0],
    [1, 0.01, 1],
    [10_000, 0.01, 1],
    [10_001, 0.01, 2],
    [123_456_789_012, 33.33, 41_148_147_778],
    [9_007_199_254_740, 99.99, 9_006_298_534_815],
  ])('ceil(%i * %f %%) = %i', (pool, percent, held) => {
    expect(percentHeld(pool, percent)).toBe(held);
  });

  it.each([
    [0, true],
    [100, true],
    [12.34, true],
    [0.07, true],
    [12.345, false],
    [-1, false],
    [100.01, false],
    [Number.NaN, false],
  ])('%f is a valid buffer percent: %s', (percent, valid) => {
    expect(isValidBufferPercent(percent)).toBe(valid);
  });

  it('refuses what cannot be units', () => {
    expect(() => bufferOf(channel({ bufferUnits: -1 }), 5)).toThrow();
    expect(() => bufferOf(channel({ bufferUnits: 1.5 }), 5)).toThrow();
    expect(() => percentHeld(-1, 10)).toThrow();
    expect(() => publishedQuantity(channel({ cap: -1 }), at({ LON: 1 }), fenced())).toThrow();
    expect(() => publishedQuantity(channel(), at({ LON: 1 }), fenced({ LON: -2 }))).toThrow();
  });
});

describe('channelLimits and splitChannelTake: what one order of the channel may take', () => {
  // LON S=6, ring-fence 4; AMS S=3; NYC not the channel's; buffer 2, cap 5:
  // pool 9, shared min(7, 5) = 5, published 9.
  const settings = channel({ warehouses: ['AMS', 'LON'], bufferUnits: 2, cap: 5 });
  const limits = channelLimits(settings, at({ LON: 6, AMS: 3, NYC: 50 }), fenced({ LON: 4 }));

  it('per warehouse: ring-fenced plus the shared units sellable there, within the shared allowance', () => {
    expect(limits).toMatchObject({ pool: 9, buffer: 2, shared: 5, ringFenced: 4, published: 9 });
    expect(limits.warehouses).toEqual([
      { warehouse: 'AMS', sellable: 3, ringFenced: 0, max: 3 },
      { warehouse: 'LON', sellable: 6, ringFenced: 4, max: 9 },
    ]);
  });

  interface TakeRow {
    case: string;
    takes: { warehouse: string; qty: number }[];
    ok: boolean;
    lines?: { warehouse: string; qty: number; fromRingFence: number; fromShared: number }[];
    sharedRequested?: number;
  }
  const takes: TakeRow[] = [
    {
      case: 'ring-fenced units first',
      takes: [{ warehouse: 'LON', qty: 3 }],
      ok: true,
      lines: [{ warehouse: 'LON', qty: 3, fromRingFence: 3, fromShared: 0 }],
      sharedRequested: 0,
    },
    {
      case: 'beyond the ring-fence from the shared pool',
      takes: [{ warehouse: 'LON', qty: 9 }],
      ok: true,
      lines: [{ warehouse: 'LON', qty: 9, fromRingFence: 4, fromShared: 5 }],
      sharedRequested: 5,
    },
    {
      case: 'everything published, over two warehouses',
      takes: [
        { warehouse: 'LON', qty: 6 },
        { warehouse: 'AMS', qty: 3 },
      ],
      ok: true,
      sharedRequested: 5,
    },
    {
      case: 'one more than published',
      takes: [
        { warehouse: 'LON', qty: 7 },
        { warehouse: 'AMS', qty: 3 },
      ],
      ok: false,
      sharedRequested: 6,
    },
    {
      case: 'takes of the same warehouse add up',
      takes: [
        { warehouse: 'AMS', qty: 2 },
        { warehouse: 'AMS', qty: 2 },
      ],
      ok: false,
      lines: [{ warehouse: 'AMS', qty: 4, fromRingFence: 0, fromShared: 4 }],
    },
    { case: 'a warehouse the channel does not sell from', takes: [{ warehouse: 'NYC', qty: 1 }], ok: false },
  ];
  it.each(takes)('$case', (row) => {
    const split = splitChannelTake(limits, row.takes);
    expect(split.ok).toBe(row.ok);
    if (row.lines) expect(split.lines).toEqual(row.lines);
    if (row.sharedRequested !== undefined) expect(split.sharedRequested).toBe(row.sharedRequested);
    expect(split.sharedAllowed).toBe(5);
  });

  it('names what is wrong', () => {
    expect(splitChannelTake(limits, [{ warehouse: 'NYC', qty: 1 }]).outside).toEqual(['NYC']);
    expect(splitChannelTake(limits, [{ warehouse: 'AMS', qty: 4 }]).short).toEqual([
      { warehouse: 'AMS', requested: 4, available: 3 },
    ]);
  });

  it('a ring-fence where no position row was read still counts', () => {
    const l = channelLimits(channel(), [], fenced({ LON: 2 }));
    expect(l.warehouses).toEqual([{ warehouse: 'LON', sellable: 0, ringFenced: 2, max: 2 }]);
    expect(splitChannelTake(l, [{ warehouse: 'LON', qty: 2 }]).ok).toBe(true);
    expect(splitChannelTake(l, [{ warehouse: 'LON', qty: 3 }]).ok).toBe(false);
  });
});

describe('ringFenceChanges', () => {
  const rf = (sku: string, warehouse: string, qty: number) => ({ sku, warehouse, qty });
  it.each([
    { case: 'nothing to nothing', current: [], target: [], changes: [] },
    {
      case: 'a new ring-fence',
      current: [],
      target: [rf('MUG', 'LON', 5)],
      changes: [{ sku: 'MUG', warehouse: 'LON', from: 0, to: 5 }],
    },
    {
      case: 'raised, lowered, unchanged, and one left out (released)',
      current: [rf('MUG', 'LON', 5), rf('MUG', 'AMS', 2), rf('TEE', 'LON', 1), rf('CAP', 'LON', 3)],
      target: [rf('MUG', 'LON', 7), rf('MUG', 'AMS', 1), rf('TEE', 'LON', 1)],
      changes: [
        { sku: 'CAP', warehouse: 'LON', from: 3, to: 0 },
        { sku: 'MUG', warehouse: 'AMS', from: 2, to: 1 },
        { sku: 'MUG', warehouse: 'LON', from: 5, to: 7 },
      ],
    },
    {
      case: 'several locks at one position add up',
      current: [rf('MUG', 'LON', 2), rf('MUG', 'LON', 3)],
      target: [rf('MUG', 'LON', 0)],
      changes: [{ sku: 'MUG', warehouse: 'LON', from: 5, to: 0 }],
    },
  ])('$case', ({ current, target, changes }) => {
    expect(ringFenceChanges(current, target)).toEqual(changes);
  });

  it('a position named twice is a mistake', () => {
    const twice = [rf('MUG', 'LON', 0), rf('MUG', 'LON', 2)];
    expect(duplicateRingFences(twice)).toEqual([{ sku: 'MUG', warehouse: 'LON' }]);
    expect(() => ringFenceChanges([], twice)).toThrow();
  });
});
