/**
 * Oversold records: written by `stockroom_apply_movements` (src/db/functions/) whenever a
 * physical fact leaves a position's sellable quantity negative and lower than before. Listed
 * newest first.
 */
import { sellableSql } from '../db/stock.ts';
import type { Queryable } from '../db/database.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext } from './context.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';

export interface OversoldView {
  id: number;
  at: string;
  sku: string;
  warehouse: string;
  movementId: number;
  movementType: string;
  reason: string | null;
  sellableAfter: number;
  ordersAtRisk: string[];
  resolvedAt: string | null;
}

interface OversoldRow {
  id: number | string;
  at: Date;
  sku: string;
  warehouse: string;
  movement_id: number | string;
  type: string;
  reason: string | null;
  sellable_after: number | string;
  orders_at_risk: string[];
  resolved_at: Date | null;
}

export async function listOversold(
  ctx: AppContext,
  filter: {
    sku?: string | undefined;
    warehouse?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<OversoldView>> {
  await requireKnown(ctx.db, filter.sku ? [filter.sku] : [], filter.warehouse ? [filter.warehouse] : []);
  const beforeId = filter.cursor ? decodeCursor(filter.cursor, ['int'])[0] : null;
  const { rows } = await ctx.db.query<OversoldRow>(
    `select o.id, o.at, o.sku, o.warehouse, o.movement_id, m.type, m.reason, o.sellable_after,
       o.orders_at_risk, o.resolved_at
     from oversold_events o join movements m on m.id = o.movement_id
     where ($1::text is null or o.sku = $1) and ($2::text is null or o.warehouse = $2)
       and ($3::bigint is null or o.id < $3)
     order by o.id desc limit $4`,
    [filter.sku ?? null, filter.warehouse ?? null, beforeId, filter.limit + 1],
  );
  const items = rows.slice(0, filter.limit).map((r) => ({
    id: Number(r.id),
    at: r.at.toISOString(),
    sku: r.sku,
    warehouse: r.warehouse,
    movementId: Number(r.movement_id),
    movementType: r.type,
    reason: r.reason,
    sellableAfter: Number(r.sellable_after),
    ordersAtRisk: r.orders_at_risk,
    resolvedAt: r.resolved_at ? r.resolved_at.toISOString() : null,
  }));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor([last.id]) : null };
}

/**
 * Marks as resolved the oversold records of positions whose sellable quantity is back at or
 * above zero (all positions, or only those given). Run by the alert evaluator, in its
 * transaction, before it decides which `oversold` alerts still hold.
 */
export async function resolveRecoveredOversold(
  tx: Queryable,
  now: Date,
  positions: { skus: string[]; warehouses: string[] } | null,
): Promise<number> {
  const { rows } = await tx.query(
    `update oversold_events o set resolved_at = $1
     from stock_positions p
     where o.resolved_at is null and p.sku = o.sku and p.warehouse = o.warehouse
       and ${sellableSql('p')} >= 0
       and ($2::text[] is null
            or (o.sku, o.warehouse) in (select * from unnest($2::text[], $3::text[])))
     returning o.id`,
    [now, positions?.skus ?? null, positions?.warehouses ?? null],
  );
  return rows.length;
}
