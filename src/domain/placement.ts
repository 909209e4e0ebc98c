/**
 * Placing an order, the pure part: given the sellable units read under lock, the service map
 * and the channel's limits, which warehouses reserve how much of each line (and how much of
 * that comes out of the channel's ring-fence), or why the order cannot be placed. Beside it:
 * routing (src/domain/routing.ts) chooses among warehouses, channels (src/domain/channels.ts)
 * say what a channel may take. src/app/placement.ts locks, reads, calls `decide` for each order
 * of a batch and writes what was decided.
 */
import { channelLimits, sellsFrom, splitChannelTake, type ChannelPolicySettings } from './channels.ts';
import { servingWarehouses, type Delivery, type ServiceMap } from './delivery.ts';
import { DomainError, fail } from './errors.ts';
import { mergeBy, positionKey } from './keys.ts';
import type { Allocation, OrderLineRequest } from './orders.ts';
import { route, type RoutingPolicy } from './routing.ts';

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
  /** The warehouses the placing key may reserve at (null: any); routing chooses among them only. */
  warehouses: readonly string[] | null;
}

/** A line the write refused: fewer sellable units than requested at the position. */
export interface ShortLine {
  sku: string;
  warehouse: string;
  requested: number;
  sellable: number;
}

/** What the write (`stockroom_place_orders`) answers for one order. */
export type PlacementResult<Answer = unknown> =
  | { outcome: 'placed' }
  | { outcome: 'replay'; requestHash: string; placed: Answer; placedBy: string | null }
  | { outcome: 'refused'; lines: ShortLine[] }
  | { outcome: 'unknown'; skus: string[]; warehouses: string[] };

export type PlacementOutcome =
  | { outcome: 'placed'; placed: PlacedOrder }
  | Exclude<PlacementResult<PlacedOrder>, { outcome: 'placed' }>
  | {
      outcome: 'short';
      lines: { sku: string; warehouse?: string; requested: number; sellable: number }[];
      splitForbidden: boolean;
    }
  | { outcome: 'rejected'; error: DomainError };

/** A channel as placement sees it: its code and what it may publish. */
export type PlacementChannel = ChannelPolicySettings & { code: string };

/** What the batch's channel orders may use, read under lock and kept current as orders are decided. */
export interface ChannelState {
  channels: ReadonlyMap<string, PlacementChannel>;
  /** Ring-fenced units still locked for a channel, by channel, then by position key. */
  ringFenced: Map<string, Map<string, number>>;
  /** Warehouses holding a position of each SKU in the batch. */
  warehousesOf: ReadonlyMap<string, string[]>;
}

export interface Decision {
  allocations: PlacedAllocation[];
  routing: PlacedOrder['routing'];
  /** Units of the channel's ring-fence each position gives (unlocked before reserving). */
  ringFence: { sku: string; warehouse: string; qty: number }[];
}

/**
 * Routes one order against the locked figures (`sellable` by `positionKey`). Fixed lines are
 * checked against them too; an order of a channel sees only what the channel may take (its
 * warehouses, the shared allowance after buffer and cap, plus its own ring-fenced units).
 */
export function decide(
  request: PlacementRequest,
  service: ServiceMap,
  sellable: ReadonlyMap<string, number>,
  channels: ChannelState,
): Decision | PlacementOutcome {
  const policy: RoutingPolicy = { ...service.routing, ...request.routing };
  let serving: Delivery[];
  let channel: PlacementChannel | undefined;
  try {
    serving = servingWarehouses(service, request.region);
    if (request.channel !== null) {
      channel = channels.channels.get(request.channel);
      if (!channel)
        fail('unknown_channel', `unknown channel ${request.channel}`, { channels: [request.channel] });
    }
  } catch (err) {
    if (err instanceof DomainError) return { outcome: 'rejected', error: err };
    throw err;
  }
  const fenced = channel ? (channels.ringFenced.get(channel.code) ?? new Map<string, number>()) : null;
  const ringFencedAt = (sku: string, warehouse: string) => fenced?.get(positionKey(sku, warehouse)) ?? 0;
  const limits = new Map(
    channel
      ? [...new Set(request.lines.map((l) => l.sku))].map((sku) => {
          const at = channels.warehousesOf.get(sku) ?? [];
          const positions = at.map((w) => ({
            warehouse: w,
            sellable: sellable.get(positionKey(sku, w)) ?? 0,
          }));
          const ringFenced = new Map(at.map((w) => [w, ringFencedAt(sku, w)] as const));
          return [sku, channelLimits(channel, positions, ringFenced)] as const;
        })
      : [],
  );
  const open = (sku: string, warehouse: string) => {
    const units = Math.max(0, sellable.get(positionKey(sku, warehouse)) ?? 0);
    const limit = limits.get(sku);
    if (!channel || !limit) return units;
    if (!sellsFrom(channel, warehouse)) return 0;
    return Math.min(units, Math.max(0, limit.shared)) + ringFencedAt(sku, warehouse);
  };

  const fixed = request.lines.filter((l): l is Allocation => l.warehouse !== undefined);
  const fixedTake = new Map<string, number>();
  for (const f of fixed) {
    const k = positionKey(f.sku, f.warehouse);
    fixedTake.set(k, (fixedTake.get(k) ?? 0) + f.qty);
  }
  const shortFixed = fixed
    .map((f) => ({
      sku: f.sku,
      warehouse: f.warehouse,
      requested: f.qty,
      sellable: open(f.sku, f.warehouse),
    }))
    .filter((f) => f.sellable < f.requested);
  if (shortFixed.length > 0) return { outcome: 'short', lines: shortFixed, splitForbidden: false };

  const automatic = request.lines.filter((l) => !l.warehouse);
  const allowed = request.warehouses;
  const candidates = serving.filter(
    (w) => (!channel || sellsFrom(channel, w.warehouse)) && (!allowed || allowed.includes(w.warehouse)),
  );
  const routed = route(
    {
      lines: automatic,
      fixed,
      candidates,
      available: (sku, warehouse) => open(sku, warehouse) - (fixedTake.get(positionKey(sku, warehouse)) ?? 0),
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
  const allocations = mergeReasons([
    ...fixed.map((f) => ({ ...f, reason: 'named on the order line' })),
    ...routed.allocations,
  ]);
  // Over all warehouses together the channel's shared allowance holds, ring-fenced units first.
  const ringFence: Decision['ringFence'] = [];
  for (const [sku, limit] of limits) {
    const take = splitChannelTake(
      limit,
      allocations.filter((a) => a.sku === sku),
    );
    if (!take.ok) {
      const requested = request.lines.filter((l) => l.sku === sku).reduce((n, l) => n + l.qty, 0);
      return {
        outcome: 'short',
        lines: [{ sku, requested, sellable: Math.max(0, limit.published) }],
        splitForbidden: false,
      };
    }
    for (const line of take.lines) {
      if (line.fromRingFence > 0) ringFence.push({ sku, warehouse: line.warehouse, qty: line.fromRingFence });
    }
  }
  return { allocations, routing: { ...policy, region: request.region }, ringFence };
}

/** One allocation per position (sorted, the order they are locked and reported in). */
function mergeReasons(allocations: readonly PlacedAllocation[]): PlacedAllocation[] {
  return mergeBy(
    allocations,
    (a) => positionKey(a.sku, a.warehouse),
    (seen, a) => {
      seen.qty += a.qty;
      if (!seen.reason.includes(a.reason)) seen.reason = `${seen.reason}; ${a.reason}`;
    },
    { sortByKey: true },
  );
}
