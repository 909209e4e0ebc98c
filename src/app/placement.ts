/**
 * Placing orders: routing and reservation in one transaction. Every position of every SKU in
 * the batch is locked first (in (sku, warehouse) order, like every other stock write), so the
 * sellable units the router sees are exactly the units the reservation takes: a routed order can
 * never oversell, and is never refused for stock another order took after the read. Orders are
 * decided one after another against those locked figures; `stockroom_place_orders` then writes
 * them and checks every guard once more.
 *
 * An order of a sales channel may only take what the channel publishes (its warehouses, its
 * buffer and cap) and takes the channel's ring-fenced units first. For such orders the channel
 * rows and their ring-fence locks are locked before the positions, and the order id too, so
 * the lock rows drained after the write always match the unlock moves it applied.
 */
import { sellableSql } from '../db/stock.ts';
import type { Transaction } from '../db/database.ts';
import { placeOrders, type OrderPlacement, type PlacementResult } from '../db/orders.ts';
import { channelLimits, sellsFrom, splitChannelTake } from '../domain/channels.ts';
import { DomainError, fail } from '../domain/errors.ts';
import { moves, type Move } from '../domain/movements.ts';
import { mergeLines, type Allocation, type OrderLineRequest } from '../domain/orders.ts';
import { route, type RoutingPolicy } from '../domain/routing.ts';
import { lockChannelsForOrders, takeFromRingFence, type Channel } from './channels.ts';
import {
  SERVICE_MAP_COLUMNS,
  servingWarehouses,
  toServiceMap,
  type ServiceMap,
  type ServiceMapRow,
} from './regions.ts';

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

export type PlacementOutcome =
  | { outcome: 'placed'; placed: PlacedOrder }
  | Exclude<PlacementResult<PlacedOrder>, { outcome: 'placed' }>
  | {
      outcome: 'short';
      lines: { sku: string; warehouse?: string; requested: number; sellable: number }[];
      splitForbidden: boolean;
    }
  | { outcome: 'rejected'; error: DomainError };

interface LockedRead extends ServiceMapRow {
  positions: { sku: string; warehouse: string; sellable: number }[];
  existing: string[];
  missingSkus: string[];
  missingWarehouses: string[];
}

/** Locks every position of the given SKUs and reads what placing and routing need, in one round trip. */
async function lockAndRead(tx: Transaction, requests: readonly PlacementRequest[]): Promise<LockedRead> {
  const skus = [...new Set(requests.flatMap((r) => r.lines.map((l) => l.sku)))];
  const warehouses = [
    ...new Set(requests.flatMap((r) => r.lines.flatMap((l) => (l.warehouse ? [l.warehouse] : [])))),
  ];
  const { rows } = await tx.query<LockedRead>(
    `select
       (select coalesce(jsonb_agg(jsonb_build_object('sku', p.sku, 'warehouse', p.warehouse,
                 'sellable', ${sellableSql('p')})), '[]')
        from (select * from stock_positions where sku = any($1::text[])
              order by sku collate "C", warehouse collate "C" for update) p) as positions,
       (select coalesce(jsonb_agg(order_id), '[]') from orders where order_id = any($2::text[])) as existing,
       (select coalesce(jsonb_agg(s), '[]') from unnest($1::text[]) s
          where not exists (select 1 from skus where sku = s)) as "missingSkus",
       (select coalesce(jsonb_agg(w), '[]') from unnest($3::text[]) w
          where not exists (select 1 from warehouses where code = w)) as "missingWarehouses",
       ${SERVICE_MAP_COLUMNS}`,
    [skus, requests.map((r) => r.orderId), warehouses],
  );
  return rows[0]!;
}

const key = (sku: string, warehouse: string) => `${sku}\u0000${warehouse}`;

/** What the batch's channel orders may use, read under lock and kept current as orders are decided. */
interface ChannelState {
  channels: Map<string, Channel>;
  /** Ring-fenced units still locked for a channel, by channel, then by position key. */
  ringFenced: Map<string, Map<string, number>>;
  /** Warehouses holding a position of each SKU in the batch. */
  warehousesOf: Map<string, string[]>;
}

/** Channel rows and their ring-fences, locked before any position (and same-id orders queued). */
async function lockChannels(tx: Transaction, requests: readonly PlacementRequest[]) {
  const channelOrders = requests.filter((r) => r.channel !== null);
  if (channelOrders.length === 0) return null;
  // Same-id placements queue here, so the replay check below is final for channel orders.
  await tx.query('select pg_advisory_xact_lock(hashtext(id)) from unnest($1::text[]) id order by id', [
    [...new Set(channelOrders.map((r) => r.orderId))].sort(),
  ]);
  const { channels, locks } = await lockChannelsForOrders(
    tx,
    channelOrders.map((r) => r.channel!),
    channelOrders.flatMap((r) => r.lines.map((l) => l.sku)),
  );
  const ringFenced = new Map<string, Map<string, number>>();
  for (const l of locks) {
    const byPosition = ringFenced.get(l.channel) ?? new Map<string, number>();
    byPosition.set(key(l.sku, l.warehouse), (byPosition.get(key(l.sku, l.warehouse)) ?? 0) + l.locked);
    ringFenced.set(l.channel, byPosition);
  }
  return { channels, ringFenced };
}

interface ToWrite {
  index: number;
  placement: OrderPlacement<PlacedOrder>;
  ringFence: Decision['ringFence'];
}

/** Places a batch of orders inside `tx`; each order succeeds or fails on its own. */
export async function placeBatch(
  tx: Transaction,
  requests: readonly PlacementRequest[],
  at: Date,
): Promise<PlacementOutcome[]> {
  const locked = await lockChannels(tx, requests);
  const read = await lockAndRead(tx, requests);
  const service = toServiceMap(read);
  const sellable = new Map(read.positions.map((p) => [key(p.sku, p.warehouse), p.sellable]));
  const warehousesOf = new Map<string, string[]>();
  for (const p of read.positions) warehousesOf.set(p.sku, [...(warehousesOf.get(p.sku) ?? []), p.warehouse]);
  const channels: ChannelState = {
    channels: locked?.channels ?? new Map(),
    ringFenced: locked?.ringFenced ?? new Map(),
    warehousesOf,
  };
  const existing = new Set(read.existing);
  const missingSkus = new Set(read.missingSkus);
  const missingWarehouses = new Set(read.missingWarehouses);

  const outcomes: (PlacementOutcome | null)[] = [];
  const toWrite: ToWrite[] = [];
  for (const [index, request] of requests.entries()) {
    if (existing.has(request.orderId)) {
      // A replay: the write answers it from the stored order.
      outcomes.push(null);
      const routing = { ...service.routing, region: request.region };
      toWrite.push({ index, placement: placementOf(request, routing, [], []), ringFence: [] });
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
    const decided = decide(request, service, sellable, channels);
    if ('outcome' in decided) {
      outcomes.push(decided);
      continue;
    }
    const fenced = request.channel ? channels.ringFenced.get(request.channel) : undefined;
    for (const a of decided.allocations) {
      const k = key(a.sku, a.warehouse);
      const fromRingFence =
        decided.ringFence.find((r) => r.sku === a.sku && r.warehouse === a.warehouse)?.qty ?? 0;
      // Unlocking the ring-fenced part raises S by as much as reserving it lowers S.
      sellable.set(k, (sellable.get(k) ?? 0) - (a.qty - fromRingFence));
      if (fenced && fromRingFence > 0) fenced.set(k, (fenced.get(k) ?? 0) - fromRingFence);
    }
    outcomes.push(null);
    toWrite.push({
      index,
      placement: placementOf(request, decided.routing, decided.allocations, decided.ringFence),
      ringFence: decided.ringFence,
    });
  }
  if (toWrite.length > 0) await write(tx, toWrite, outcomes, at);
  return outcomes as PlacementOutcome[];
}

async function write(
  tx: Transaction,
  toWrite: readonly ToWrite[],
  outcomes: (PlacementOutcome | null)[],
  at: Date,
) {
  // Each order's order.reserved event, written with the placement by the same statement.
  const reservedEvents = toWrite.map(({ placement: { orderId, region, channel, placed } }) => ({
    orderId,
    region,
    channel,
    expiresAt: placed.expiresAt,
    allocations: placed.allocations,
  }));
  const written = await placeOrders(
    tx,
    toWrite.map((w) => w.placement),
    at,
    reservedEvents,
  );
  for (const [i, w] of toWrite.entries()) {
    const result = written[i]!;
    outcomes[w.index] =
      result.outcome === 'placed' ? { outcome: 'placed', placed: w.placement.placed } : result;
    if (w.ringFence.length === 0) continue;
    // The unlock moves were applied with the order: take the same units off the lock rows.
    if (result.outcome !== 'placed') {
      throw new Error(`order ${w.placement.orderId} took ring-fenced units but was not placed`);
    }
    for (const r of w.ringFence) {
      const { taken } = await takeFromRingFence(tx, w.placement.channel!, r.sku, r.warehouse, r.qty, { at });
      if (taken !== r.qty)
        throw new Error(`ring-fence of ${r.sku}@${r.warehouse} held ${taken}, not ${r.qty}`);
    }
  }
}

interface Decision {
  allocations: PlacedAllocation[];
  routing: PlacedOrder['routing'];
  /** Units of the channel's ring-fence each position gives (unlocked before reserving). */
  ringFence: { sku: string; warehouse: string; qty: number }[];
}

/**
 * Routes one order against the locked figures. Fixed lines are checked against them too; an
 * order of a channel sees only what the channel may take (its warehouses, the shared allowance
 * after buffer and cap, plus its own ring-fenced units).
 */
function decide(
  request: PlacementRequest,
  service: ServiceMap,
  sellable: ReadonlyMap<string, number>,
  channels: ChannelState,
): Decision | PlacementOutcome {
  const policy: RoutingPolicy = { ...service.routing, ...request.routing };
  let serving;
  let channel: Channel | undefined;
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
  const ringFencedAt = (sku: string, warehouse: string) => fenced?.get(key(sku, warehouse)) ?? 0;
  const limits = new Map(
    channel
      ? [...new Set(request.lines.map((l) => l.sku))].map((sku) => {
          const at = channels.warehousesOf.get(sku) ?? [];
          const positions = at.map((w) => ({ warehouse: w, sellable: sellable.get(key(sku, w)) ?? 0 }));
          const ringFenced = new Map(at.map((w) => [w, ringFencedAt(sku, w)] as const));
          return [sku, channelLimits(channel, positions, ringFenced)] as const;
        })
      : [],
  );
  const open = (sku: string, warehouse: string) => {
    const units = Math.max(0, sellable.get(key(sku, warehouse)) ?? 0);
    const limit = limits.get(sku);
    if (!channel || !limit) return units;
    if (!sellsFrom(channel, warehouse)) return 0;
    return Math.min(units, Math.max(0, limit.shared)) + ringFencedAt(sku, warehouse);
  };

  const fixed = request.lines.filter((l): l is Allocation => l.warehouse !== undefined);
  const fixedTake = new Map<string, number>();
  for (const f of fixed)
    fixedTake.set(key(f.sku, f.warehouse), (fixedTake.get(key(f.sku, f.warehouse)) ?? 0) + f.qty);
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
      available: (sku, warehouse) => open(sku, warehouse) - (fixedTake.get(key(sku, warehouse)) ?? 0),
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
  ringFence: Decision['ringFence'],
): OrderPlacement<PlacedOrder> {
  // Per position: unlock the channel's ring-fenced units, then reserve (applied in this order).
  const orderMoves: Move[] = allocations.flatMap((a) => {
    const fenced = ringFence.find((r) => r.sku === a.sku && r.warehouse === a.warehouse);
    return [...(fenced ? [moves.unlock(a, fenced.qty)] : []), moves.reserve(a, a.qty)];
  });
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
    moves: orderMoves,
  };
}
