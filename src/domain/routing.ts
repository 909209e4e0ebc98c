/**
 * Order routing: which warehouses serve the lines of an order that name none, and why. Pure:
 * the caller passes the sellable units it read under lock, so the decision it makes is the one
 * the reservation writes (src/app/placement.ts).
 */
import type { Allocation } from './orders.ts';

export const ROUTING_STRATEGIES = ['fewest_shipments', 'fastest', 'priority', 'single_warehouse'] as const;
export type RoutingStrategy = (typeof ROUTING_STRATEGIES)[number];

export interface RoutingPolicy {
  strategy: RoutingStrategy;
  /** May one order ship from several warehouses (and one line be split between them)? */
  allowSplit: boolean;
}

export const DEFAULT_ROUTING: RoutingPolicy = { strategy: 'fewest_shipments', allowSplit: true };

export interface Candidate {
  warehouse: string;
  priority: number;
  /** Days to the order's region; null when the order names no region. */
  deliveryDays: number | null;
}

export interface RouteRequest {
  /** Lines that name no warehouse, merged by SKU. */
  lines: readonly { sku: string; qty: number }[];
  /** Lines that name their warehouse: already shipments of this order. */
  fixed: readonly Allocation[];
  /** Warehouses allowed to serve this order (serving its region, open to its channel). */
  candidates: readonly Candidate[];
  /** Units of `sku` this order may take at `warehouse`, after what `fixed` takes there. */
  available(sku: string, warehouse: string): number;
}

export interface RoutedAllocation extends Allocation {
  /** Why this warehouse, in words support staff can repeat to a customer. */
  reason: string;
}

export type RouteResult =
  | { ok: true; allocations: RoutedAllocation[] }
  | { ok: false; short: { sku: string; requested: number; available: number }[]; splitForbidden: boolean };

/** Beyond this many candidates, fewest-shipments search stops enumerating sets of size > 3. */
const EXHAUSTIVE_UP_TO = 12;

const byCode = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const days = (c: Candidate) => c.deliveryDays ?? 0;
type Order = (a: Candidate, b: Candidate) => number;
const fastestFirst: Order = (a, b) => days(a) - days(b) || b.priority - a.priority;
const priorityFirst: Order = (a, b) => b.priority - a.priority || days(a) - days(b);
/** Then the warehouse with more of this SKU (keeps stock balanced), then the smaller code. */
const forSku =
  (req: RouteRequest, sku: string, first: Order): Order =>
  (a, b) =>
    first(a, b) ||
    req.available(sku, b.warehouse) - req.available(sku, a.warehouse) ||
    byCode(a.warehouse, b.warehouse);

const dayWord = (d: number) => `${d} day${d === 1 ? '' : 's'}`;
function describe(c: Candidate): string {
  const parts = [];
  if (c.deliveryDays !== null) parts.push(`delivers in ${dayWord(c.deliveryDays)}`);
  parts.push(`priority ${c.priority}`);
  return parts.join(', ');
}

export function route(req: RouteRequest, policy: RoutingPolicy): RouteResult {
  if (req.lines.length === 0) return { ok: true, allocations: [] };
  const allowSplit = policy.allowSplit && policy.strategy !== 'single_warehouse';
  const fixedWarehouses = [...new Set(req.fixed.map((f) => f.warehouse))];
  const first = policy.strategy === 'priority' ? priorityFirst : fastestFirst;
  const candidates = [...req.candidates].sort((a, b) => first(a, b) || byCode(a.warehouse, b.warehouse));
  const unitsFor = (c: Candidate) =>
    req.lines.reduce((n, l) => n + Math.max(0, req.available(l.sku, c.warehouse)), 0);
  const total = (sku: string, among: readonly Candidate[]) =>
    among.reduce((n, c) => n + Math.max(0, req.available(sku, c.warehouse)), 0);
  const shortOf = (among: readonly Candidate[]): RouteResult => ({
    ok: false,
    splitForbidden: false,
    short: req.lines
      .map((l) => ({ sku: l.sku, requested: l.qty, available: total(l.sku, among) }))
      .filter((s) => s.available < s.requested),
  });
  // Without splitting, a line can only count on the best single warehouse; when every line
  // fits somewhere but not all in one place, all lines are named.
  const shortInOne = (among: readonly Candidate[]): RouteResult => {
    const best = req.lines.map((l) => ({
      sku: l.sku,
      requested: l.qty,
      available: Math.max(0, ...among.map((c) => req.available(l.sku, c.warehouse))),
    }));
    const short = best.filter((s) => s.available < s.requested);
    return { ok: false, splitForbidden: true, short: short.length > 0 ? short : best };
  };

  if (!allowSplit) {
    // One warehouse for the whole order: the one the fixed lines name, if any.
    const pool =
      fixedWarehouses.length > 0
        ? candidates.filter((c) => fixedWarehouses.includes(c.warehouse))
        : candidates;
    const whole =
      fixedWarehouses.length > 1
        ? undefined
        : pool
            .filter((c) => req.lines.every((l) => req.available(l.sku, c.warehouse) >= l.qty))
            .sort((a, b) => first(a, b) || unitsFor(b) - unitsFor(a) || byCode(a.warehouse, b.warehouse))[0];
    if (!whole) return shortInOne(pool);
    const why =
      policy.strategy === 'single_warehouse' || policy.strategy === 'fewest_shipments'
        ? `single warehouse for the whole order: ${describe(whole)}`
        : `${policy.strategy === 'priority' ? 'highest priority' : 'fastest'} warehouse holding the whole order: ${describe(whole)}`;
    return {
      ok: true,
      allocations: req.lines.map((l) => ({
        sku: l.sku,
        warehouse: whole.warehouse,
        qty: l.qty,
        reason: why,
      })),
    };
  }

  if (req.lines.some((l) => total(l.sku, candidates) < l.qty)) return shortOf(candidates);

  if (policy.strategy === 'fewest_shipments') {
    const chosen = fewestShipments(req, candidates, fixedWarehouses);
    const count = new Set([...fixedWarehouses, ...chosen.map((c) => c.warehouse)]).size;
    const why = (c: Candidate) =>
      `fewest shipments (${count === 1 ? 'the whole order from one warehouse' : `${count} warehouses`}): ${describe(c)}`;
    return { ok: true, allocations: fill(req, chosen, first, why) };
  }
  const label = policy.strategy === 'priority' ? 'highest priority with stock' : 'fastest with stock';
  return { ok: true, allocations: fill(req, candidates, first, (c) => `${label}: ${describe(c)}`) };
}

/**
 * Each line takes from the given warehouses in the strategy's order (then the one with more of
 * the SKU), splitting only when the first cannot supply it all; a split part says which
 * warehouse fell short.
 */
function fill(
  req: RouteRequest,
  among: readonly Candidate[],
  first: Order,
  why: (c: Candidate) => string,
): RoutedAllocation[] {
  const out: RoutedAllocation[] = [];
  for (const line of req.lines) {
    let left = line.qty;
    const fellShort: string[] = [];
    for (const c of [...among].sort(forSku(req, line.sku, first))) {
      const take = Math.min(left, Math.max(0, req.available(line.sku, c.warehouse)));
      if (take > 0) {
        const split = fellShort.length > 0 ? `; split because ${fellShort.join(', ')} had too few` : '';
        out.push({ sku: line.sku, warehouse: c.warehouse, qty: take, reason: `${why(c)}${split}` });
        left -= take;
      }
      if (left === 0) break;
      fellShort.push(c.warehouse);
    }
  }
  return out;
}

/**
 * The smallest set of warehouses (counting those the fixed lines already ship from) that can
 * supply every line; among sets of that size the one whose slowest delivery is fastest, then
 * the fastest in total, then the highest priority, then the most units of the order's SKUs.
 */
function fewestShipments(
  req: RouteRequest,
  candidates: readonly Candidate[],
  fixed: readonly string[],
): Candidate[] {
  const fixedSet = new Set(fixed);
  const inFixed = candidates.filter((c) => fixedSet.has(c.warehouse));
  const others = candidates.filter((c) => !fixedSet.has(c.warehouse));
  const feasible = (set: readonly Candidate[]) =>
    req.lines.every(
      (l) => set.reduce((n, c) => n + Math.max(0, req.available(l.sku, c.warehouse)), 0) >= l.qty,
    );
  const units = (set: readonly Candidate[]) =>
    req.lines.reduce(
      (n, l) => n + set.reduce((m, c) => m + Math.max(0, req.available(l.sku, c.warehouse)), 0),
      0,
    );
  const rank = (set: readonly Candidate[]) => [
    Math.max(0, ...set.map(days)),
    set.reduce((n, c) => n + days(c), 0),
    -set.reduce((n, c) => n + c.priority, 0),
    -units(set),
  ];
  const better = (a: readonly Candidate[], b: readonly Candidate[]) => {
    const [ra, rb] = [rank(a), rank(b)];
    for (let i = 0; i < ra.length; i++) if (ra[i] !== rb[i]) return ra[i]! < rb[i]!;
    return a.map((c) => c.warehouse).join() < b.map((c) => c.warehouse).join();
  };
  const maxSize = others.length <= EXHAUSTIVE_UP_TO ? others.length : Math.min(3, others.length);
  for (let k = 0; k <= maxSize; k++) {
    let best: Candidate[] | null = null;
    for (const extra of combinations(others, k)) {
      const set = [...inFixed, ...extra];
      if (feasible(set) && (!best || better(set, best))) best = set;
    }
    if (best) return best;
  }
  // Too many warehouses to search: the fastest ones, in order, supply what they can.
  return [...inFixed, ...others];
}

function* combinations<T>(items: readonly T[], k: number, from = 0): Generator<T[]> {
  if (k === 0) {
    yield [];
    return;
  }
  for (let i = from; i <= items.length - k; i++) {
    for (const rest of combinations(items, k - 1, i + 1)) yield [items[i]!, ...rest];
  }
}
