/** SQL for placing orders: the reservation write path, `stockroom_place_orders`. */
import type { Move } from '../domain/movements.ts';
import type { Allocation, OrderLineRequest } from '../domain/orders.ts';
import type { Queryable } from './database.ts';

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

export interface ShortLine {
  sku: string;
  warehouse: string;
  requested: number;
  sellable: number;
}

export type PlacementResult<Answer = unknown> =
  | { outcome: 'placed' }
  | { outcome: 'replay'; requestHash: string; placed: Answer }
  | { outcome: 'refused'; lines: ShortLine[] }
  | { outcome: 'unknown'; skus: string[]; warehouses: string[] };

/** Places a batch of orders in one statement; each order succeeds or fails on its own. */
export async function placeOrders<Answer>(
  q: Queryable,
  batch: readonly OrderPlacement<Answer>[],
  at: Date,
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
      onHand: m.deltas.onHand ?? 0,
      reserved: m.deltas.reserved ?? 0,
      damaged: m.deltas.damaged ?? 0,
      qcPending: m.deltas.qcPending ?? 0,
      locked: m.deltas.locked ?? 0,
      transferReserved: m.deltas.transferReserved ?? 0,
      virtual: m.deltas.virtual ?? 0,
    })),
  }));
  const { rows } = await q.query<{ results: PlacementResult<Answer>[] }>(
    'select stockroom_place_orders($1::jsonb, $2) as results',
    [JSON.stringify(orders), at],
  );
  return rows[0]!.results;
}
