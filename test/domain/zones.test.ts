/** The zone move of the model, one row per case: the quantities after, or the guard's error. */
import { describe, expect, it } from 'vitest';
import { applyMove } from '../../src/domain/movements.ts';
import { sellable, ZERO, type Quantities } from '../../src/domain/quantities.ts';
import { receiptDeltas, zoneBucket, zoneMove, ZONE_KINDS, type ZoneBucket } from '../../src/domain/zones.ts';

const at = { sku: 'MUG', warehouse: 'LON' };
const pos = (q: Partial<Quantities>): Quantities => ({ ...ZERO, ...q });

interface Row {
  event: string;
  before: Partial<Quantities>;
  qty: number;
  from: ZoneBucket;
  to: ZoneBucket;
  loose?: number;
  after?: Partial<Quantities>;
  error?: 'insufficient_stock' | 'insufficient_on_hand';
}

const table: Row[] = [
  {
    event: 'between two sellable zones',
    before: { onHand: 5 },
    qty: 3,
    from: null,
    to: null,
    after: { onHand: 5 },
  },
  {
    event: 'sellable into a damaged zone: damaged += q, S -= q',
    before: { onHand: 5 },
    qty: 2,
    from: null,
    to: 'damaged',
    after: { onHand: 5, damaged: 2 },
  },
  {
    event: 'sellable into a qc zone: qcPending += q',
    before: { onHand: 5 },
    qty: 2,
    from: null,
    to: 'qcPending',
    after: { onHand: 5, qcPending: 2 },
  },
  {
    event: 'units already marked damaged are taken first',
    before: { onHand: 5, damaged: 2 },
    qty: 3,
    from: null,
    to: 'damaged',
    loose: 2,
    after: { onHand: 5, damaged: 3 },
  },
  {
    event: 'only loose damaged units: S unchanged',
    before: { onHand: 5, damaged: 4 },
    qty: 3,
    from: null,
    to: 'damaged',
    loose: 4,
    after: { onHand: 5, damaged: 4 },
  },
  {
    event: 'into an unsellable zone taking reserved units',
    before: { onHand: 5, reserved: 4 },
    qty: 2,
    from: null,
    to: 'damaged',
    error: 'insufficient_stock',
  },
  {
    event: 'into an unsellable zone down to S = 0',
    before: { onHand: 5, reserved: 4 },
    qty: 1,
    from: null,
    to: 'damaged',
    after: { onHand: 5, reserved: 4, damaged: 1 },
  },
  {
    event: 'out of a damaged zone into a sellable one: sellable again',
    before: { onHand: 5, damaged: 3 },
    qty: 2,
    from: 'damaged',
    to: null,
    after: { onHand: 5, damaged: 1 },
  },
  {
    event: 'out of a qc zone into a sellable one: an inspection pass',
    before: { onHand: 5, qcPending: 3 },
    qty: 3,
    from: 'qcPending',
    to: null,
    after: { onHand: 5 },
  },
  {
    event: 'from a damaged zone to a qc zone: S unchanged',
    before: { onHand: 5, damaged: 3 },
    qty: 2,
    from: 'damaged',
    to: 'qcPending',
    after: { onHand: 5, damaged: 1, qcPending: 2 },
  },
  {
    event: 'between two damaged zones: no bucket changes',
    before: { onHand: 5, damaged: 3 },
    qty: 3,
    from: 'damaged',
    to: 'damaged',
    after: { onHand: 5, damaged: 3 },
  },
  {
    event: 'out of a damaged zone holding more than damaged',
    before: { onHand: 5, damaged: 1 },
    qty: 2,
    from: 'damaged',
    to: null,
    error: 'insufficient_on_hand',
  },
];

describe('zone moves', () => {
  it.each(table)('$event', (row) => {
    const move = zoneMove(at, row.qty, row.from, row.to, row.loose ?? 0);
    expect(move.type).toBe('zone_move');
    expect(move.qty).toBe(row.qty);
    const before = pos(row.before);
    const out = applyMove(before, move);
    if (row.error) {
      expect(out).toEqual({ ok: false, reason: row.error, sellable: sellable(before) });
    } else {
      expect(out).toEqual({ ok: true, position: pos(row.after!) });
    }
  });

  it('guards only moves from sellable into unsellable zones as customer-driven', () => {
    expect(zoneMove(at, 1, null, 'damaged').guard).toBe('sellable');
    expect(zoneMove(at, 1, null, 'qcPending').guard).toBe('sellable');
    expect(zoneMove(at, 1, 'damaged', null).guard).toBe('physical');
    expect(zoneMove(at, 1, null, null).guard).toBe('physical');
  });

  it('refuses a move of no units', () => {
    expect(() => zoneMove(at, 0, null, 'damaged')).toThrow(RangeError);
    expect(() => zoneMove(at, 1.5, null, 'damaged')).toThrow(RangeError);
  });

  it('maps each kind to the bucket its units count in', () => {
    expect(Object.fromEntries(ZONE_KINDS.map((k) => [k, zoneBucket(k)]))).toEqual({
      pick: null,
      bulk: null,
      damaged: 'damaged',
      quarantine: 'damaged',
      returns: 'damaged',
      qc: 'qcPending',
    });
  });

  it('receives into a zone: its bucket, or a conflict with inspection', () => {
    expect(receiptDeltas(4, null, false)).toEqual({ onHand: 4 });
    expect(receiptDeltas(4, null, true)).toEqual({ onHand: 4, qcPending: 4 });
    expect(receiptDeltas(4, 'damaged', false)).toEqual({ onHand: 4, damaged: 4 });
    expect(receiptDeltas(4, 'qcPending', true)).toEqual({ onHand: 4, qcPending: 4 });
    expect(receiptDeltas(4, 'damaged', true)).toBe('conflict');
  });
});
