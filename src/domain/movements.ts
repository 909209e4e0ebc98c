/**
 * Every stock change is a movement: a typed set of bucket deltas on one position. This module
 * says which deltas each event of the model produces and which guard protects it; the database
 * applies exactly these deltas under exactly this guard, and the reference model in the tests
 * applies them in memory, so both read the rules from one place.
 */
import { applyDeltas, heldOnHand, sellable, type Deltas, type Quantities } from './quantities.ts';

export const MOVEMENT_TYPES = ['receipt', 'adjustment', 'reserve', 'release', 'ship', 'return'] as const;
export type MovementType = (typeof MOVEMENT_TYPES)[number];

/**
 * `sellable`: a customer-driven event, refused when it would make S negative (overselling).
 * `physical`: a fact about goods; booked even if S goes negative, refused only when the
 * position itself cannot hold it (a negative quantity, or held units above onHand).
 */
export type Guard = 'sellable' | 'physical';

export interface Move {
  type: MovementType;
  sku: string;
  warehouse: string;
  qty: number;
  deltas: Deltas;
  guard: Guard;
}

export type ReturnCondition = 'sellable' | 'damaged' | 'inspect';

type At = { sku: string; warehouse: string };

export const moves = {
  receive: (at: At, qty: number, inspect = false): Move => ({
    ...at,
    type: 'receipt',
    qty,
    deltas: inspect ? { onHand: qty, qcPending: qty } : { onHand: qty },
    guard: 'physical',
  }),
  adjust: (at: At, delta: number): Move => ({
    ...at,
    type: 'adjustment',
    qty: Math.abs(delta),
    deltas: { onHand: delta },
    guard: 'physical',
  }),
  reserve: (at: At, qty: number): Move => ({
    ...at,
    type: 'reserve',
    qty,
    deltas: { reserved: qty },
    guard: 'sellable',
  }),
  release: (at: At, qty: number): Move => ({
    ...at,
    type: 'release',
    qty,
    deltas: { reserved: -qty },
    guard: 'physical',
  }),
  ship: (at: At, qty: number): Move => ({
    ...at,
    type: 'ship',
    qty,
    deltas: { reserved: -qty, onHand: -qty },
    guard: 'physical',
  }),
  return: (at: At, qty: number, condition: ReturnCondition): Move => ({
    ...at,
    type: 'return',
    qty,
    deltas:
      condition === 'damaged'
        ? { onHand: qty, damaged: qty }
        : condition === 'inspect'
          ? { onHand: qty, qcPending: qty }
          : { onHand: qty },
    guard: 'physical',
  }),
};

export type MoveOutcome =
  | { ok: true; position: Quantities }
  | { ok: false; reason: 'insufficient_stock' | 'insufficient_on_hand'; sellable: number };

/**
 * The guard of the model's table. The SQL function `stockroom_apply_movements` states the same
 * condition inside its UPDATE; this pure copy serves the reference model and the domain tests.
 */
export function applyMove(position: Quantities, move: Move): MoveOutcome {
  const next = applyDeltas(position, move.deltas);
  const fits = Object.values(next).every((v) => v >= 0) && heldOnHand(next) <= next.onHand;
  if (move.guard === 'sellable' && sellable(next) < 0) {
    return { ok: false, reason: 'insufficient_stock', sellable: sellable(position) };
  }
  if (!fits) return { ok: false, reason: 'insufficient_on_hand', sellable: sellable(position) };
  return { ok: true, position: next };
}
