/** SQL for placing orders: the reservation write path, `stockroom_place_orders`. */
import { assert } from '../domain/assert.ts';
import type { Move } from '../domain/movements.ts';
import type { Allocation, OrderLineRequest } from '../domain/orders.ts';
import type { PlacementResult } from '../domain/placement.ts';
import { applyDeltas, ZERO } from '../domain/quantities.ts';
import { prepared, type Queryable } from './database.ts';

export interface OrderPlacement<Answer = unknown> {
  orderId: string;
  region: string | null;
  channel: string | null;
  requestHash: string;
  /** The answer stored with the order, returned to every replay of it. */
  placed: Answer;
  expiresAt: string | null;
  actor: string;
  lines: OrderLineRequest[];
  allocations: Allocation[];
  moves: Move[];
}

/**
 * The placement and its orders' `order.reserved` events. A data-modifying WITH runs exactly once,
 * after `placed`, which it reads: the events follow the stock.changed events the placement wrote,
 * and exist only for orders that were placed. Prepared on PostgreSQL: every batch runs it.
 */
const PLACE_WITH_EVENTS_SQL = prepared(
  `with placed as materialized (select stockroom_place_orders($1::jsonb, $2) as results),
   reserved as (
     insert into events (type, at, stream, data)
     select 'order.reserved', $2, 'order:' || e.order_id, e.data
     from placed
       cross join lateral jsonb_array_elements(placed.results) with ordinality as r(result, i)
       join unnest($3::text[], $4::jsonb[]) with ordinality as e(order_id, data, j) on e.j = r.i
     where r.result->>'outcome' = 'placed'
     order by r.i
   )
   select results from placed`,
);

/**
 * Places a batch of orders in one statement; each order succeeds or fails on its own. The
 * `order.reserved` event of each order that is placed (`reservedEvents[i]`, the event's data)
 * is written by the same statement: a round trip fewer while the batch holds its positions'
 * row locks, which is what bounds the throughput on a hot SKU.
 */
export async function placeOrders<Answer>(
  q: Queryable,
  batch: readonly OrderPlacement<Answer>[],
  at: Date,
  reservedEvents: readonly Record<string, unknown>[] = [],
): Promise<PlacementResult<Answer>[]> {
  const orders = batch.map((p) => ({
    ...p,
    lines: p.lines.map((l) => ({ sku: l.sku, warehouse: l.warehouse ?? null, qty: l.qty })),
    moves: p.moves.map((m) => ({
      type: m.type,
      sku: m.sku,
      warehouse: m.warehouse,
      qty: m.qty,
      guard: m.guard,
      // every quantity's delta under its name, 0 where the move leaves it
      ...applyDeltas(ZERO, m.deltas),
    })),
  }));
  if (reservedEvents.length === 0) {
    const { rows } = await q.query<{ results: PlacementResult<Answer>[] }>(
      'select stockroom_place_orders($1::jsonb, $2) as results',
      [JSON.stringify(orders), at],
    );
    return oneResultPerOrder(rows, batch.length);
  }
  assert(reservedEvents.length === batch.length, 'one order.reserved event per order');
  const { rows } = await q.query<{ results: PlacementResult<Answer>[] }>(PLACE_WITH_EVENTS_SQL, [
    JSON.stringify(orders),
    at,
    batch.map((p) => p.orderId),
    reservedEvents.map((d) => JSON.stringify(d)),
  ]);
  return oneResultPerOrder(rows, batch.length);
}

/** The SQL function answers one result per order, in the order given: every caller pairs them by index. */
function oneResultPerOrder<Answer>(
  rows: readonly { results: PlacementResult<Answer>[] }[],
  orders: number,
): PlacementResult<Answer>[] {
  const results = rows[0]?.results;
  assert(
    Array.isArray(results) && results.length === orders,
    () => `stockroom_place_orders answered ${JSON.stringify(results)?.slice(0, 200)} for ${orders} orders`,
  );
  return results;
}
