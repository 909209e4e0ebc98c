import { describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.ts';
import { mergeLines, planShipment, statusAfter, virtualShare } from '../../src/domain/orders.ts';

describe('mergeLines', () => {
  it('sums lines for the same SKU and warehouse into one demand', () => {
    expect(
      mergeLines([
        { sku: 'A', qty: 1 },
        { sku: 'B', qty: 2, warehouse: 'LON' },
        { sku: 'A', qty: 3 },
        { sku: 'B', qty: 1, warehouse: 'AMS' },
        { sku: 'B', qty: 4, warehouse: 'LON' },
      ]),
    ).toEqual([
      { sku: 'A', qty: 4 },
      { sku: 'B', qty: 6, warehouse: 'LON' },
      { sku: 'B', qty: 1, warehouse: 'AMS' },
    ]);
  });
});

describe('planShipment', () => {
  const open = [
    { sku: 'A', warehouse: 'AMS', qty: 2, open: 2 },
    { sku: 'A', warehouse: 'LON', qty: 5, open: 3 },
    { sku: 'B', warehouse: 'LON', qty: 1, open: 0 },
  ];
  it('ships everything open when no lines are given', () => {
    expect(planShipment(open, undefined)).toEqual([
      { sku: 'A', warehouse: 'AMS', qty: 2 },
      { sku: 'A', warehouse: 'LON', qty: 3 },
    ]);
  });
  it('takes a part from the named warehouse', () => {
    expect(planShipment(open, [{ sku: 'A', qty: 2, warehouse: 'LON' }])).toEqual([
      { sku: 'A', warehouse: 'LON', qty: 2 },
    ]);
  });
  it('takes a part across warehouses when none is named', () => {
    expect(planShipment(open, [{ sku: 'A', qty: 4 }])).toEqual([
      { sku: 'A', warehouse: 'AMS', qty: 2 },
      { sku: 'A', warehouse: 'LON', qty: 2 },
    ]);
  });
  it('refuses more than is open', () => {
    expect(() => planShipment(open, [{ sku: 'A', qty: 6 }])).toThrow(DomainError);
    expect(() => planShipment(open, [{ sku: 'B', qty: 1 }])).toThrow(/fewer than 1 open units/);
  });
  it('refuses an empty shipment', () => {
    expect(() => planShipment([{ sku: 'A', warehouse: 'AMS', qty: 2, open: 0 }], undefined)).toThrow(
      /nothing is left/,
    );
  });
});

describe('statusAfter', () => {
  it.each([
    [[{ qty: 3, shipped: 1, released: 0 }], 'partially_shipped'],
    [[{ qty: 3, shipped: 3, released: 0 }], 'shipped'],
    [[{ qty: 3, shipped: 1, released: 2 }], 'shipped'],
    [[{ qty: 3, shipped: 0, released: 3 }], 'released'],
  ] as const)('%j is %s', (allocations, status) => {
    expect(statusAfter(allocations)).toBe(status);
  });
});

describe('virtualShare', () => {
  it.each([
    { case: 'all physical', before: 0, open: 3, physicalFree: 10, virtual: 5, onVirtual: 0 },
    {
      case: 'beyond physical, within virtual',
      before: 0,
      open: 3,
      physicalFree: 1,
      virtual: 5,
      onVirtual: 2,
    },
    {
      case: 'earlier orders took the physical units',
      before: 4,
      open: 3,
      physicalFree: 4,
      virtual: 5,
      onVirtual: 3,
    },
    { case: 'straddles the physical edge', before: 3, open: 3, physicalFree: 4, virtual: 5, onVirtual: 2 },
    {
      case: 'beyond virtual too: oversold, not virtual',
      before: 6,
      open: 3,
      physicalFree: 4,
      virtual: 3,
      onVirtual: 1,
    },
    { case: 'entirely beyond virtual', before: 9, open: 2, physicalFree: 4, virtual: 3, onVirtual: 0 },
    {
      case: 'held units exceed onHand: nothing free',
      before: 0,
      open: 2,
      physicalFree: -1,
      virtual: 5,
      onVirtual: 2,
    },
    { case: 'no virtual stock', before: 0, open: 2, physicalFree: 0, virtual: 0, onVirtual: 0 },
  ])('$case', ({ before, open, physicalFree, virtual, onVirtual }) => {
    expect(virtualShare({ before, open, physicalFree, virtual })).toBe(onVirtual);
  });
});
