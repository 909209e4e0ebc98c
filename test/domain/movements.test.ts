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
  {
    event: 'mark damaged (a physical fact: S may go negative)',
    before: { onHand: 4, reserved: 3 },
    move: moves.markDamaged(at, 2),
    after: { onHand: 4, reserved: 3, damaged: 2 },
  },
  {
    event: 'mark damaged more than is there',
    before: { onHand: 4, locked: 3 },
    move: moves.markDamaged(at, 2),
    error: 'insufficient_on_hand',
  },
  {
    event: 'repair',
    before: { onHand: 4, damaged: 3 },
    move: moves.repair(at, 2),
    after: { onHand: 4, damaged: 1 },
  },
  {
    event: 'repair more than damaged',
    before: { onHand: 4, damaged: 1 },
    move: moves.repair(at, 2),
    error: 'insufficient_on_hand',
  },
  {
    event: 'write off',
    before: { onHand: 4, damaged: 3 },
    move: moves.writeOff(at, 2),
    after: { onHand: 2, damaged: 1 },
  },
  {
    event: 'inspect: passed become sellable, failed damaged',
    before: { onHand: 5, qcPending: 5 },
    move: moves.inspect(at, 3, 1),
    after: { onHand: 5, qcPending: 1, damaged: 1 },
  },
  {
    event: 'inspect more than is pending',
    before: { onHand: 5, qcPending: 2 },
    move: moves.inspect(at, 2, 1),
    error: 'insufficient_on_hand',
  },
  {
    event: 'lock',
    before: { onHand: 5, reserved: 2 },
    move: moves.lock(at, 3),
    after: { onHand: 5, reserved: 2, locked: 3 },
  },
  {
    event: 'lock more than sellable',
    before: { onHand: 5, reserved: 3 },
    move: moves.lock(at, 3),
    error: 'insufficient_stock',
  },
  {
    event: 'unlock',
    before: { onHand: 5, locked: 3 },
    move: moves.unlock(at, 2),
    after: { onHand: 5, locked: 1 },
  },
  {
    event: 'unlock more than locked',
    before: { onHand: 5, locked: 1 },
    move: moves.unlock(at, 2),
    error: 'insufficient_on_hand',
  },
  {
    event: 'set virtual stock up',
    before: { onHand: 1 },
    move: moves.changeVirtual(at, 4),
    after: { onHand: 1, virtual: 4 },
  },
  {
    event: 'set virtual stock below zero',
    before: { virtual: 1 },
    move: moves.changeVirtual(at, -2),
    error: 'insufficient_on_hand',
  },
  {
    event: 'receive against virtual: S unchanged',
    before: { onHand: 1, virtual: 4, reserved: 5 },
    move: moves.receiveAgainstVirtual(at, 3),
    after: { onHand: 4, virtual: 1, reserved: 5 },
  },
  {
    event: 'plan a transfer',
    before: { onHand: 5, reserved: 1 },
    move: moves.planTransfer(at, 4),
    after: { onHand: 5, reserved: 1, transferReserved: 4 },
  },
  {
    event: 'plan a transfer beyond sellable',
    before: { onHand: 5, reserved: 2 },
    move: moves.planTransfer(at, 4),
    error: 'insufficient_stock',
  },
  {
    event: 'cancel a transfer',
    before: { onHand: 5, transferReserved: 4 },
    move: moves.cancelTransfer(at, 4),
    after: { onHand: 5 },
  },
  {
    event: 'ship a transfer',
    before: { onHand: 5, transferReserved: 4 },
    move: moves.shipTransfer(at, 3),
    after: { onHand: 2, transferReserved: 1 },
  },
  {
    event: 'receive a transfer, part damaged',
    before: { onHand: 1 },
    move: moves.receiveTransfer(at, 3, 1),
    after: { onHand: 5, damaged: 1 },
  },
  {
    event: 'count finds fewer',
    before: { onHand: 5, reserved: 5 },
    move: moves.countVariance(at, -2),
    after: { onHand: 3, reserved: 5 },
  },
  {
    event: 'count finds more',
    before: { onHand: 5 },
    move: moves.countVariance(at, 2),
    after: { onHand: 7 },
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
