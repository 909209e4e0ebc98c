/**
 * Every stock change is a movement: a typed set of bucket deltas on one position. This module
 * says which deltas each event of the model produces and which guard protects it; the database
 * applies exactly these deltas under exactly this guard, and the reference model in the tests
 * applies them in memory, so both read the rules from one place.
 */
import { applyDeltas, heldOnHand, sellable, type Deltas, type Quantities } from './quantities.ts';

export const MOVEMENT_TYPES = [
  'receipt',
  'adjustment',
  'reserve',
  'release',
  'ship',
  'return',
  'damage',
  'repair',
  'write_off',
  'inspect',
  'lock',
  'unlock',
  'virtual',
  'receipt_virtual',
  'transfer_plan',
  'transfer_cancel',
  'transfer_ship',
  'transfer_receive',
  'count',
  'zone_move',
] as const;
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
  /**
   * Goods that arrive damaged (booked under a damaged code such as `351038U`): a receipt whose
   * units go straight to damaged, so S does not change, as a return in damaged condition.
   */
  receiveDamaged: (at: At, qty: number): Move => ({
    ...at,
    type: 'receipt',
    qty,
    deltas: { onHand: qty, damaged: qty },
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
  /** Damage found: a physical fact, booked even if it leaves S negative. */
  markDamaged: (at: At, qty: number): Move => ({
    ...at,
    type: 'damage',
    qty,
    deltas: { damaged: qty },
    guard: 'physical',
  }),
  repair: (at: At, qty: number): Move => ({
    ...at,
    type: 'repair',
    qty,
    deltas: { damaged: -qty },
    guard: 'physical',
  }),
  writeOff: (at: At, qty: number): Move => ({
    ...at,
    type: 'write_off',
    qty,
    deltas: { damaged: -qty, onHand: -qty },
    guard: 'physical',
  }),
  /** Inspection: passed units become sellable, failed ones damaged. */
  inspect: (at: At, passed: number, failed: number): Move => ({
    ...at,
    type: 'inspect',
    qty: passed + failed,
    deltas: { qcPending: -(passed + failed), damaged: failed },
    guard: 'physical',
  }),
  lock: (at: At, qty: number): Move => ({
    ...at,
    type: 'lock',
    qty,
    deltas: { locked: qty },
    guard: 'sellable',
  }),
  unlock: (at: At, qty: number): Move => ({
    ...at,
    type: 'unlock',
    qty,
    deltas: { locked: -qty },
    guard: 'physical',
  }),
  /** Setting V := v is applied as the change from the current value, read under a row lock. */
  changeVirtual: (at: At, delta: number): Move => ({
    ...at,
    type: 'virtual',
    qty: Math.abs(delta),
    deltas: { virtual: delta },
    guard: 'physical',
  }),
  /** Goods arrive that were sold as virtual stock: I += q, V -= q, so S is unchanged. */
  receiveAgainstVirtual: (at: At, qty: number): Move => ({
    ...at,
    type: 'receipt_virtual',
    qty,
    deltas: { onHand: qty, virtual: -qty },
    guard: 'physical',
  }),
  planTransfer: (at: At, qty: number): Move => ({
    ...at,
    type: 'transfer_plan',
    qty,
    deltas: { transferReserved: qty },
    guard: 'sellable',
  }),
  cancelTransfer: (at: At, qty: number): Move => ({
    ...at,
    type: 'transfer_cancel',
    qty,
    deltas: { transferReserved: -qty },
    guard: 'physical',
  }),
  /** The units leave the source; until received they are counted on the transfer. */
  shipTransfer: (at: At, qty: number): Move => ({
    ...at,
    type: 'transfer_ship',
    qty,
    deltas: { transferReserved: -qty, onHand: -qty },
    guard: 'physical',
  }),
  receiveTransfer: (at: At, qty: number, damaged = 0): Move => ({
    ...at,
    type: 'transfer_receive',
    qty: qty + damaged,
    deltas: damaged > 0 ? { onHand: qty + damaged, damaged } : { onHand: qty },
    guard: 'physical',
  }),
  /**
   * A count of the damaged units alone (under a damaged code) sets damaged to what was counted;
   * the units found or missing are physical units, so onHand moves with them and S does not.
   */
  countDamagedVariance: (at: At, variance: number): Move => ({
    ...at,
    type: 'count',
    qty: Math.abs(variance),
    deltas: { onHand: variance, damaged: variance },
    guard: 'physical',
  }),
  /** A count sets I to what was counted: booked as the variance from the expected onHand. */
  countVariance: (at: At, variance: number): Move => ({
    ...at,
    type: 'count',
    qty: Math.abs(variance),
    deltas: { onHand: variance },
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
