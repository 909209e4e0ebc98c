/**
 * The order lifecycle (pending -> confirmed -> shipped, or -> released, each step once) and the
 * pure parts of placing an order: merging duplicate lines and choosing warehouses.
 */
import { fail } from './errors.ts';
import { addQty, keyOf, mergeBy, positionKey } from './keys.ts';

export const ORDER_STATUSES = ['reserved', 'confirmed', 'partially_shipped', 'shipped', 'released'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

export interface OrderLineRequest {
  sku: string;
  qty: number;
  warehouse?: string | undefined;
}

/** Lines naming the same SKU (and the same warehouse, or none) are one demand: sum them. */
export function mergeLines(lines: readonly OrderLineRequest[]): OrderLineRequest[] {
  return mergeBy(lines, (l) => keyOf(l.sku, l.warehouse), addQty);
}

export interface Allocation {
  sku: string;
  warehouse: string;
  qty: number;
}

/**
 * Adds allocations for the same position together, so each position is written once, and
 * sorts them by position: the order in which they are locked and reported.
 */
export function mergeAllocations(allocations: readonly Allocation[]): Allocation[] {
  return mergeBy(allocations, (a) => positionKey(a.sku, a.warehouse), addQty, { sortByKey: true });
}

export interface OpenAllocation extends Allocation {
  /** Units of this allocation still reserved: allocated minus shipped minus released. */
  open: number;
}

/**
 * Which open allocations a shipment takes. No lines: everything still open. Lines: each takes
 * from the named warehouse, or from the order's allocations of that SKU in warehouse order.
 */
export function planShipment(
  open: readonly OpenAllocation[],
  lines: readonly OrderLineRequest[] | undefined,
): Allocation[] {
  if (!lines) {
    const rest = open
      .filter((a) => a.open > 0)
      .map((a) => ({ sku: a.sku, warehouse: a.warehouse, qty: a.open }));
    if (rest.length === 0) fail('invalid_state', 'nothing is left to ship on this order');
    return rest;
  }
  const left = new Map(open.map((a) => [positionKey(a.sku, a.warehouse), a.open]));
  const plan: Allocation[] = [];
  for (const line of mergeLines(lines)) {
    let wanted = line.qty;
    for (const a of open) {
      if (a.sku !== line.sku || (line.warehouse && a.warehouse !== line.warehouse)) continue;
      const key = positionKey(a.sku, a.warehouse);
      const take = Math.min(left.get(key) ?? 0, wanted);
      if (take <= 0) continue;
      left.set(key, (left.get(key) ?? 0) - take);
      plan.push({ sku: a.sku, warehouse: a.warehouse, qty: take });
      wanted -= take;
      if (wanted === 0) break;
    }
    if (wanted > 0) {
      fail('exceeds_open_quantity', `order has fewer than ${line.qty} open units of ${line.sku}`, {
        sku: line.sku,
        warehouse: line.warehouse ?? null,
        requested: line.qty,
        open: line.qty - wanted,
      });
    }
  }
  if (plan.length === 0) fail('invalid_state', 'nothing is left to ship on this order');
  return mergeAllocations(plan);
}

/** The status after shipping or releasing, from what the allocations now hold. */
export function statusAfter(
  allocations: readonly { qty: number; shipped: number; released: number }[],
): OrderStatus {
  const shipped = allocations.reduce((n, a) => n + a.shipped, 0);
  const open = allocations.reduce((n, a) => n + a.qty - a.shipped - a.released, 0);
  if (open > 0) return shipped > 0 ? 'partially_shipped' : 'confirmed';
  return shipped > 0 ? 'shipped' : 'released';
}

/** SKU, warehouse and other caller-chosen codes (api.md): 1-64 letters, digits or `-_.:/`. */
export const CODE_PATTERN = /^[A-Za-z0-9\-_.:/]{1,64}$/;

/** Quantities above this are typos, not stock; they would also overflow sums in clients. */
export const MAX_QTY = 1_000_000_000;

/**
 * How many of one order's open units at a position rest on virtual stock. The position's
 * physically free units (onHand less damaged, qcPending, locked and transferReserved) serve the
 * open reservations in order of placement; `before` is what earlier orders hold open there. The
 * next `virtual` units beyond the physical ones rest on the supplier's capacity; anything beyond
 * that is oversold (a physical fact took the units) and is not counted as virtual.
 */
export function virtualShare(p: {
  before: number;
  open: number;
  physicalFree: number;
  virtual: number;
}): number {
  const free = Math.max(0, p.physicalFree);
  const from = Math.max(p.before, free);
  const to = Math.min(p.before + p.open, free + p.virtual);
  return Math.max(0, to - from);
}
