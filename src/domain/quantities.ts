/**
 * Stock positions: the seven quantities of one SKU at one warehouse, and the sellable rule
 * S = I - O - U - L - T + V with U = damaged + qcPending (inventory-model.md). Their columns
 * in the database: src/db/quantity-columns.ts; the rule in SQL: `stockroom_sellable`
 * (src/db/functions/).
 */
export const BUCKETS = [
  'onHand',
  'reserved',
  'damaged',
  'qcPending',
  'locked',
  'transferReserved',
  'virtual',
] as const;

export type Bucket = (typeof BUCKETS)[number];
export type Quantities = Record<Bucket, number>;
export type Deltas = Partial<Record<Bucket, number>>;

export const ZERO: Readonly<Quantities> = Object.freeze(
  Object.fromEntries(BUCKETS.map((b) => [b, 0])) as Quantities,
);

export function sellable(q: Quantities): number {
  return q.onHand - q.reserved - q.damaged - q.qcPending - q.locked - q.transferReserved + q.virtual;
}

/**
 * Sellable across warehouses, what a customer can buy: the sum of each position's S where it is
 * positive. An oversold position (S < 0) is shown as oversold (`oversoldUnits`), never subtracted
 * from the units other warehouses can sell. Every read that totals S over warehouses uses this
 * rule (and `purchasableSql`/`oversoldSql`, its SQL spelling).
 */
export function sellableAcross(sellables: Iterable<number>): number {
  let total = 0;
  for (const s of sellables) if (s > 0) total += s;
  return total;
}

/** Units sold beyond what positions hold: the sum of each oversold position's shortfall. */
export function oversoldUnits(sellables: Iterable<number>): number {
  let total = 0;
  for (const s of sellables) if (s < 0) total -= s;
  return total;
}

export function applyDeltas(q: Quantities, d: Deltas): Quantities {
  const next = { ...q };
  for (const b of BUCKETS) next[b] += d[b] ?? 0;
  return next;
}

export function addQuantities(a: Quantities, b: Quantities): Quantities {
  return applyDeltas(a, b);
}

/** Units held out of sale while still physically in the warehouse (invariant 2's left side). */
export function heldOnHand(q: Quantities): number {
  return q.damaged + q.qcPending + q.locked + q.transferReserved;
}
