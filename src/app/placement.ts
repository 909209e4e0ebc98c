/**
 * Placing orders: routing and reservation in one transaction. Every position of every SKU in
 * the batch is locked first (in (sku, warehouse) order, like every other stock write), so the
 * sellable units the router sees are exactly the units the reservation takes: a routed order can
 * never oversell, and is never refused for stock another order took after the read. Orders are
 * decided one after another against those locked figures (`decide`, src/domain/placement.ts);
 * `stockroom_place_orders` then writes them set-based, its guarded UPDATE the one guard.
 *
 * An order of a sales channel may only take what the channel publishes (its warehouses, its
 * buffer and cap) and takes the channel's ring-fenced units first. For such orders the channel
 * rows and their ring-fence locks are locked before the positions, and the order id too, so
 * the lock rows drained after the write always match the unlock moves it applied.
 */
import { sellableSql } from '../db/stock.ts';
import { prepared, type Transaction } from '../db/database.ts';
import { placeOrders, type OrderPlacement } from '../db/orders.ts';
import { assert } from '../domain/assert.ts';
import { positionKey } from '../domain/keys.ts';
import { moves, type Move } from '../domain/movements.ts';
import { mergeLines } from '../domain/orders.ts';
import {
  decide,
  type ChannelState,
  type Decision,
  type PlacedAllocation,
  type PlacedOrder,
  type PlacementOutcome,
  type PlacementRequest,
} from '../domain/placement.ts';
import { lockChannelsForOrders, takeFromRingFence } from './ring-fences.ts';
import { SERVICE_MAP_COLUMNS, toServiceMap, type ServiceMapRow } from './regions.ts';

export type { PlacedOrder, PlacementOutcome, PlacementRequest } from '../domain/placement.ts';

interface LockedRead extends ServiceMapRow {
  positions: { sku: string; warehouse: string; sellable: number }[];
  existing: string[];
  missingSkus: string[];
  missingWarehouses: string[];
}

/**
 * Locks every position of the given SKUs and reads what placing and routing need, in one round
 * trip. A prepared statement on PostgreSQL: every batch runs it, while it holds the hot rows.
 * Its plan must not hinge on how many codes a batch has (the plan cached for all batches
 * expects a few): each code is looked up by its key, never by reading every SKU into a hash.
 */
const LOCK_AND_READ_SQL = prepared(
  `select
     (select coalesce(jsonb_agg(jsonb_build_object('sku', p.sku, 'warehouse', p.warehouse,
               'sellable', ${sellableSql('p')})), '[]')
      from (select * from stock_positions where sku = any($1::text[])
            order by sku collate "C", warehouse collate "C" for update) p) as positions,
     (select coalesce(jsonb_agg(o.order_id), '[]') from unnest($2::text[]) c(id)
        cross join lateral (select order_id from orders where order_id = c.id limit 1) o) as existing,
     (select coalesce(jsonb_agg(c.code), '[]') from unnest($1::text[]) c(code)
        left join lateral (select true as known from skus k where k.sku = c.code limit 1) k on true
        where k.known is null) as "missingSkus",
     (select coalesce(jsonb_agg(c.code), '[]') from unnest($3::text[]) c(code)
        left join lateral (select true as known from warehouses w where w.code = c.code limit 1) w on true
        where w.known is null) as "missingWarehouses",
     ${SERVICE_MAP_COLUMNS}`,
);

async function lockAndRead(tx: Transaction, requests: readonly PlacementRequest[]): Promise<LockedRead> {
  const skus = [...new Set(requests.flatMap((r) => r.lines.map((l) => l.sku)))];
  const warehouses = [
    ...new Set(requests.flatMap((r) => r.lines.flatMap((l) => (l.warehouse ? [l.warehouse] : [])))),
  ];
  const { rows } = await tx.query<LockedRead>(LOCK_AND_READ_SQL, [
    skus,
    requests.map((r) => r.orderId),
    warehouses,
  ]);
  return rows[0]!;
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
    const k = positionKey(l.sku, l.warehouse);
    byPosition.set(k, (byPosition.get(k) ?? 0) + l.locked);
    ringFenced.set(l.channel, byPosition);
  }
  return { channels, ringFenced };
}

interface ToWrite {
  index: number;
  placement: OrderPlacement<PlacedOrder>;
  ringFence: Decision['ringFence'];
}

/**
 * Places a batch of orders inside `tx`; each order succeeds or fails on its own. With
 * `endsTransaction` (the batcher, whose transaction holds nothing else), the write may go out
 * with the commit (`queryLast`): nothing may run in `tx` after it.
 */
export async function placeBatch(
  tx: Transaction,
  requests: readonly PlacementRequest[],
  at: Date,
  options: { endsTransaction?: boolean } = {},
): Promise<PlacementOutcome[]> {
  const locked = await lockChannels(tx, requests);
  const read = await lockAndRead(tx, requests);
  const service = toServiceMap(read);
  const sellable = new Map(read.positions.map((p) => [positionKey(p.sku, p.warehouse), p.sellable]));
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
      const k = positionKey(a.sku, a.warehouse);
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
  if (toWrite.length > 0) await write(tx, toWrite, outcomes, at, options.endsTransaction === true);
  return outcomes as PlacementOutcome[];
}

async function write(
  tx: Transaction,
  toWrite: readonly ToWrite[],
  outcomes: (PlacementOutcome | null)[],
  at: Date,
  endsTransaction: boolean,
) {
  // Each order's order.reserved event, written with the placement by the same statement.
  const reservedEvents = toWrite.map(({ placement: { orderId, region, channel, placed } }) => ({
    orderId,
    region,
    channel,
    expiresAt: placed.expiresAt,
    allocations: placed.allocations,
  }));
  // Where nothing follows in the transaction (no ring-fence to take after it), the commit goes
  // out with the placement: a round trip less of holding the positions' locks.
  const last = endsTransaction && toWrite.every((w) => w.ringFence.length === 0);
  const written = await placeOrders(
    last ? { query: (text, params) => tx.queryLast(text, params) } : tx,
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
    assert(
      result.outcome === 'placed',
      () => `order ${w.placement.orderId} took ring-fenced units but was not placed`,
    );
    for (const r of w.ringFence) {
      const { taken } = await takeFromRingFence(tx, w.placement.channel!, r.sku, r.warehouse, r.qty, { at });
      assert(taken === r.qty, () => `ring-fence of ${r.sku}@${r.warehouse} held ${taken}, not ${r.qty}`);
    }
  }
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
