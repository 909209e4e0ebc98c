/**
 * Placing orders: routing and reservation in one transaction. Every position of every SKU in
 * the batch is locked first (in (sku, warehouse) order, like every other stock write), so the
 * sellable units the router sees are exactly the units the reservation takes: a routed order can
 * never oversell, and is never refused for stock another order took after the read. Orders are
 * decided one after another against those locked figures; `stockroom_place_orders` then writes
 * them and checks every guard once more.
 */
import type { Transaction } from '../db/database.ts';
import { placeOrders, type OrderPlacement, type PlacementResult } from '../db/orders.ts';
import { DomainError } from '../domain/errors.ts';
import { moves } from '../domain/movements.ts';
import { mergeLines, type Allocation, type OrderLineRequest } from '../domain/orders.ts';
import { route, type RoutingPolicy } from '../domain/routing.ts';
import { loadServiceMap, servingWarehouses, type ServiceMap } from './regions.ts';

export interface PlacedAllocation extends Allocation {
  /** Why this warehouse: named on the line, or the routing strategy's reason. */
  reason: string;
}

export interface PlacedOrder {
  orderId: string;
  status: 'reserved';
  expiresAt: string | null;
  routing: RoutingPolicy & { region: string | null };
  allocations: PlacedAllocation[];
}

export interface PlacementRequest {
  orderId: string;
  /** Merged: one line per SKU and warehouse (or none). */
  lines: OrderLineRequest[];
  region: string | null;
  channel: string | null;
  routing: Partial<RoutingPolicy> | undefined;
  requestHash: string;
  expiresAt: string | null;
  actor: string;
}

export type PlacementOutcome =
  | { outcome: 'placed'; placed: PlacedOrder }
  | Exclude<PlacementResult<PlacedOrder>, { outcome: 'placed' }>
  | {
      outcome: 'short';
      lines: { sku: string; warehouse?: string; requested: number; sellable: number }[];
      splitForbidden: boolean;
    }
  | { outcome: 'rejected'; error: DomainError };

interface LockedRead {
  positions: { sku: string; warehouse: string; sellable: number }[];
  existing: string[];
  missingSkus: string[];
  missingWarehouses: string[];
}

/** Locks every position of the given SKUs and reads what placing needs, in one round trip. */
async function lockAndRead(tx: Transaction, requests: readonly PlacementRequest[]): Promise<LockedRead> {
  const skus = [...new Set(requests.flatMap((r) => r.lines.map((l) => l.sku)))];
  const warehouses = [
    ...new Set(requests.flatMap((r) => r.lines.flatMap((l) => (l.warehouse ? [l.warehouse] : [])))),
  ];
  const { rows } = await tx.query<LockedRead>(
    `select
       (select coalesce(jsonb_agg(jsonb_build_object('sku', p.sku, 'warehouse', p.warehouse,
                 'sellable', p.on_hand - p.reserved - p.damaged - p.qc_pending - p.locked
                             - p.transfer_reserved + p.virtual)), '[]')
        from (select * from stock_positions where sku = any($1::text[])
              order by sku collate "C", warehouse collate "C" for update) p) as positions,
       (select coalesce(jsonb_agg(order_id), '[]') from orders where order_id = any($2::text[])) as existing,
       (select coalesce(jsonb_agg(s), '[]') from unnest($1::text[]) s
          where not exists (select 1 from skus where sku = s)) as "missingSkus",
       (select coalesce(jsonb_agg(w), '[]') from unnest($3::text[]) w
          where not exists (select 1 from warehouses where code = w)) as "missingWarehouses"`,
    [skus, requests.map((r) => r.orderId), warehouses],
  );
  return rows[0]!;
}

const key = (sku: string, warehouse: string) => `${sku}\u0000${warehouse}`;

/** Places a batch of orders inside `tx`; each order succeeds or fails on its own. */
export async function placeBatch(
  tx: Transaction,
  requests: readonly PlacementRequest[],
  at: Date,
): Promise<PlacementOutcome[]> {
  const [read, service] = [await lockAndRead(tx, requests), await loadServiceMap(tx)];
  const sellable = new Map(read.positions.map((p) => [key(p.sku, p.warehouse), p.sellable]));
  const existing = new Set(read.existing);
  const missingSkus = new Set(read.missingSkus);
  const missingWarehouses = new Set(read.missingWarehouses);

  const outcomes: (PlacementOutcome | null)[] = [];
  const toWrite: { index: number; placement: OrderPlacement<PlacedOrder> }[] = [];
  for (const [index, request] of requests.entries()) {
    if (existing.has(request.orderId)) {
      // A replay: the write answers it from the stored order.
      outcomes.push(null);
      toWrite.push({
        index,
        placement: placementOf(request, { ...service.routing, region: request.region }, []),
      });
      continue;
    }
    const skus = request.lines.map((l) => l.sku).filter((s) => missingSkus.has(s));
    const warehouses = request.lines.flatMap((l) =>
      l.warehouse && missingWarehouses.has(l.warehouse) ? [l.warehouse] : [],
    );
    if (skus.length > 0 || warehouses.length > 0) {
      outcomes.push({ outcome: 'unknown', skus: [...new Set(skus)], warehouses: [...new Set(warehouses)] });
      continue;
    }
    const decided = decide(request, service, sellable);
    if ('outcome' in decided) {
      outcomes.push(decided);
      continue;
    }
    for (const a of decided.allocations)
      sellable.set(key(a.sku, a.warehouse), (sellable.get(key(a.sku, a.warehouse)) ?? 0) - a.qty);
    outcomes.push(null);
    toWrite.push({ index, placement: placementOf(request, decided.routing, decided.allocations) });
  }
  if (toWrite.length > 0) {
    const written = await placeOrders(
      tx,
      toWrite.map((w) => w.placement),
      at,
    );
    toWrite.forEach((w, i) => {
      const result = written[i]!;
      outcomes[w.index] =
        result.outcome === 'placed' ? { outcome: 'placed', placed: w.placement.placed } : result;
    });
  }
  return outcomes as PlacementOutcome[];
}

/** Routes one order against the locked sellable figures; fixed lines are checked against them too. */
function decide(
  request: PlacementRequest,
  service: ServiceMap,
  sellable: ReadonlyMap<string, number>,
): { allocations: PlacedAllocation[]; routing: PlacedOrder['routing'] } | PlacementOutcome {
  const policy: RoutingPolicy = { ...service.routing, ...request.routing };
  let serving;
  try {
    serving = servingWarehouses(service, request.region);
  } catch (err) {
    if (err instanceof DomainError) return { outcome: 'rejected', error: err };
    throw err;
  }
  const fixed = request.lines.filter((l): l is Allocation => l.warehouse !== undefined);
  const fixedTake = new Map<string, number>();
  for (const f of fixed)
    fixedTake.set(key(f.sku, f.warehouse), (fixedTake.get(key(f.sku, f.warehouse)) ?? 0) + f.qty);
  const shortFixed = fixed
    .map((f) => ({
      sku: f.sku,
      warehouse: f.warehouse,
      requested: f.qty,
      sellable: sellable.get(key(f.sku, f.warehouse)) ?? 0,
    }))
    .filter((f) => f.sellable < f.requested);
  if (shortFixed.length > 0) return { outcome: 'short', lines: shortFixed, splitForbidden: false };

  const automatic = request.lines.filter((l) => !l.warehouse);
  const routed = route(
    {
      lines: automatic,
      fixed,
      candidates: serving,
      available: (sku, warehouse) =>
        (sellable.get(key(sku, warehouse)) ?? 0) - (fixedTake.get(key(sku, warehouse)) ?? 0),
    },
    policy,
  );
  if (!routed.ok) {
    return {
      outcome: 'short',
      lines: routed.short.map((s) => ({
        sku: s.sku,
        requested: s.requested,
        sellable: Math.max(0, s.available),
      })),
      splitForbidden: routed.splitForbidden,
    };
  }
  return {
    allocations: mergeReasons([
      ...fixed.map((f) => ({ ...f, reason: 'named on the order line' })),
      ...routed.allocations,
    ]),
    routing: { ...policy, region: request.region },
  };
}

/** One allocation per position (sorted, the order they are locked and reported in). */
function mergeReasons(allocations: readonly PlacedAllocation[]): PlacedAllocation[] {
  const merged = new Map<string, PlacedAllocation>();
  for (const a of allocations) {
    const seen = merged.get(key(a.sku, a.warehouse));
    if (!seen) merged.set(key(a.sku, a.warehouse), { ...a });
    else {
      seen.qty += a.qty;
      if (!seen.reason.includes(a.reason)) seen.reason = `${seen.reason}; ${a.reason}`;
    }
  }
  return [...merged.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, a]) => a);
}

function placementOf(
  request: PlacementRequest,
  routing: PlacedOrder['routing'],
  allocations: PlacedAllocation[],
): OrderPlacement<PlacedOrder> {
  return {
    orderId: request.orderId,
    region: request.region,
    channel: request.channel,
    requestHash: request.requestHash,
    placed: {
      orderId: request.orderId,
      status: 'reserved',
      expiresAt: request.expiresAt,
      routing,
      allocations,
    },
    expiresAt: request.expiresAt,
    actor: request.actor,
    lines: mergeLines(request.lines),
    allocations,
    moves: allocations.map((a) => moves.reserve(a, a.qty)),
  };
}
