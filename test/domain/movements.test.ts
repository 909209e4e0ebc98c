/** One row per event of the model's table that the core covers: the quantities after, or the error. */
import { describe, expect, it } from 'vitest';
import { applyMove, moves, type Move } from '../../src/domain/movements.ts';
import { sellable, ZERO, type Quantities } from '../../src/domain/quantities.ts';

const at = { sku: 'MUG', warehouse: 'LON' };
const pos = (q: Partial<Quantities>): Quantities => ({ ...ZERO, ...q });

interface Row {
  event: string;
  before: Partial<Quantities>;
  move: Move;
  after?: Partial<Quantities>;
  error?: 'insufficient_stock' | 'insufficient_on_hand';
}

const table: Row[] = [
  { event: 'receive goods', before: {}, move: moves.receive(at, 5), after: { onHand: 5 } },
  {
    event: 'receive goods that need inspection',
    before: { onHand: 2 },
    move: moves.receive(at, 3, true),
    after: { onHand: 5, qcPending: 3 },
  },
  {
    event: 'reserve for an order',
    before: { onHand: 5 },
    move: moves.reserve(at, 5),
    after: { onHand: 5, reserved: 5 },
  },
  {
    event: 'reserve against virtual stock',
    before: { onHand: 1, virtual: 4 },
    move: moves.reserve(at, 5),
    after: { onHand: 1, virtual: 4, reserved: 5 },
  },
  {
    event: 'reserve more than sellable',
    before: { onHand: 5, reserved: 2, qcPending: 1 },
    move: moves.reserve(at, 3),
    error: 'insufficient_stock',
  },
  {
    event: 'reserve when a physical loss made S negative',
    before: { onHand: 1, reserved: 2 },
    move: moves.reserve(at, 1),
    error: 'insufficient_stock',
  },
  {
    event: 'order expires or is cancelled',
    before: { onHand: 5, reserved: 3 },
    move: moves.release(at, 3),
    after: { onHand: 5, reserved: 0 },
  },
  {
    event: 'release more than reserved',
    before: { onHand: 5, reserved: 1 },
    move: moves.release(at, 2),
    error: 'insufficient_on_hand',
  },
  {
    event: 'ship an order',
    before: { onHand: 5, reserved: 3 },
    move: moves.ship(at, 2),
    after: { onHand: 3, reserved: 1 },
  },
  {
    event: 'ship units that are not physically there',
    before: { onHand: 1, reserved: 3, virtual: 2 },
    move: moves.ship(at, 2),
    error: 'insufficient_on_hand',
  },
  {
    event: 'ship units held as damaged',
    before: { onHand: 3, reserved: 2, damaged: 2 },
    move: moves.ship(at, 2),
    error: 'insufficient_on_hand',
  },
  { event: 'return into sellable', before: {}, move: moves.return(at, 2, 'sellable'), after: { onHand: 2 } },
  {
    event: 'return as damaged',
    before: { onHand: 1 },
    move: moves.return(at, 2, 'damaged'),
    after: { onHand: 3, damaged: 2 },
  },
  {
    event: 'return for inspection',
    before: {},
    move: moves.return(at, 2, 'inspect'),
    after: { onHand: 2, qcPending: 2 },
  },
  { event: 'adjust up', before: { onHand: 1 }, move: moves.adjust(at, 4), after: { onHand: 5 } },
  {
    event: 'adjust down below reserved (a physical fact: S may go negative)',
    before: { onHand: 5, reserved: 4 },
    move: moves.adjust(at, -3),
    after: { onHand: 2, reserved: 4 },
  },
  {
    event: 'adjust down below the units held aside',
    before: { onHand: 5, damaged: 3 },
    move: moves.adjust(at, -3),
    error: 'insufficient_on_hand',
  },
  {
    event: 'adjust below zero',
    before: { onHand: 2 },
    move: moves.adjust(at, -3),
    error: 'insufficient_on_hand',
  },
];

describe('the model table', () => {
  it.each(table)('$event', ({ before, move, after, error }) => {
    const outcome = applyMove(pos(before), move);
    if (error) {
      expect(outcome).toMatchObject({ ok: false, reason: error, sellable: sellable(pos(before)) });
    } else {
      expect(outcome).toEqual({ ok: true, position: pos(after!) });
    }
  });

  it('derives sellable as I - O - U - L - T + V', () => {
    expect(
      sellable({
        onHand: 20,
        reserved: 3,
        damaged: 2,
        qcPending: 1,
        locked: 4,
        transferReserved: 5,
        virtual: 7,
      }),
    ).toBe(12);
  });
});
