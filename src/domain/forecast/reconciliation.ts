/**
 * Reconciliation of one SKU's forecasts at several warehouses with its forecast as a whole, so
 * that the warehouses add up to the SKU (a two-level hierarchy: the total and k children):
 *
 *   bottom-up:  the total is the sum of the warehouses' own forecasts.
 *   top-down:   the total's forecast, split by each warehouse's share of the history's units.
 *   ols:        the trace-minimising reconciliation (MinT) with an identity error covariance:
 *               the discrepancy d = total - sum(children) is spread equally over the k + 1
 *               nodes (children get d / (k + 1) each, the total loses it), the least-squares
 *               projection onto coherent forecasts. Cut at 0, the total re-summed.
 */
export type ReconciliationMethod = 'bottom-up' | 'top-down' | 'ols';
export const RECONCILIATION_METHODS: readonly ReconciliationMethod[] = ['bottom-up', 'top-down', 'ols'];

export interface Reconciled {
  total: number[];
  children: number[][];
}

function assertShapes(total: readonly number[], children: readonly (readonly number[])[]) {
  if (children.length === 0) throw new RangeError('reconciliation needs at least one child');
  for (const c of children)
    if (c.length !== total.length) throw new RangeError('every forecast must cover the same steps');
}

const sumAt = (children: readonly (readonly number[])[], i: number) =>
  children.reduce((s, c) => s + c[i]!, 0);

export function reconcile(
  method: ReconciliationMethod,
  total: readonly number[],
  children: readonly (readonly number[])[],
  /** Each child's units in the history (top-down's shares); equal shares when all are 0. */
  historyUnits: readonly number[],
): Reconciled {
  assertShapes(total, children);
  const k = children.length;
  if (method === 'bottom-up') {
    const kids = children.map((c) => [...c]);
    return { children: kids, total: total.map((_, i) => sumAt(kids, i)) };
  }
  if (method === 'top-down') {
    const sum = historyUnits.reduce((a, b) => a + b, 0);
    const shares = children.map((_, j) => (sum > 0 ? historyUnits[j]! / sum : 1 / k));
    return { total: [...total], children: shares.map((s) => total.map((t) => t * s)) };
  }
  const kids = children.map((c) =>
    c.map((v, i) => Math.max(0, v + (total[i]! - sumAt(children, i)) / (k + 1))),
  );
  return { children: kids, total: total.map((_, i) => sumAt(kids, i)) };
}
