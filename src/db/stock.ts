/** SQL for stock positions and the movement ledger. All stock writes go through `applyMovements`. */
import type { Move } from '../domain/movements.ts';
import { BUCKETS, ZERO, type Quantities } from '../domain/quantities.ts';
import { GUARD_FAILED, isPgError, type Queryable } from './database.ts';
import { DELTA_COLUMN, quantitiesSql, sellableSql, summedDeltasSql } from './quantity-columns.ts';
import { failUnitsInZone, isZoneCheck } from './zone-check.ts';

export interface MovementMeta {
  at: Date;
  reason?: string | null | undefined;
  orderId?: string | null | undefined;
  reference?: string | null | undefined;
  actor?: string | null | undefined;
}

export interface RefusedMove {
  sku: string;
  warehouse: string;
  requested: number;
  sellable: number;
  type?: string;
  guard?: string;
  /** The position as it stood when the move was refused (from migration 006 on). */
  position?: Quantities;
}

export class GuardRefused extends Error {
  constructor(readonly refused: RefusedMove[]) {
    super('stock movement refused by its guard');
  }
}

const col = (moves: readonly Move[], b: keyof Quantities) => moves.map((m) => m.deltas[b] ?? 0);

/** Applies the moves atomically (see `stockroom_apply_movements`); throws GuardRefused. */
export async function applyMovements(q: Queryable, moves: readonly Move[], meta: MovementMeta) {
  if (moves.length === 0) return;
  try {
    await q.query(
      `select stockroom_apply_movements($1, $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[],
         $7::bigint[], $8::bigint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::bigint[], $13::bigint[],
         $14, $15, $16, $17)`,
      [
        meta.at,
        moves.map((m) => m.type),
        moves.map((m) => m.sku),
        moves.map((m) => m.warehouse),
        moves.map((m) => m.qty),
        moves.map((m) => m.guard),
        // $7..$13: the deltas, one array per quantity in the order of BUCKETS.
        ...BUCKETS.map((b) => col(moves, b)),
        meta.reason ?? null,
        meta.orderId ?? null,
        meta.reference ?? null,
        meta.actor ?? null,
      ],
    );
  } catch (err) {
    if (isPgError(err) && err.code === GUARD_FAILED) {
      throw new GuardRefused(JSON.parse(err.detail ?? '[]') as RefusedMove[]);
    }
    if (isZoneCheck(err)) failUnitsInZone(moves);
    throw err;
  }
}

/** A position's seven quantities under their names (src/db/quantity-columns.ts). */
export const QUANTITY_COLUMNS = quantitiesSql();

export interface PositionRow extends Quantities {
  sku: string;
  warehouse: string;
}

export async function positionsOfSku(q: Queryable, sku: string): Promise<PositionRow[]> {
  const { rows } = await q.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions where sku = $1 order by warehouse`,
    [sku],
  );
  return rows;
}

export async function positionsOfSkus(q: Queryable, skus: string[]): Promise<PositionRow[]> {
  const { rows } = await q.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions where sku = any($1::text[])
     order by sku, warehouse`,
    [skus],
  );
  return rows;
}

export { physicallyFreeSql, sellableSql } from './quantity-columns.ts';

/** A position's S where positive, else 0: summed over positions, `sellableAcross` in SQL. */
export const purchasableSql = (alias: string) => `greatest(${sellableSql(alias)}, 0)`;

/** A position's shortfall where it is oversold (S < 0), else 0: summed, `oversoldUnits` in SQL. */
export const oversoldSql = (alias: string) => `greatest(-(${sellableSql(alias)}), 0)`;

/**
 * The open quantities of open purchase orders per position (sku, warehouse, incoming), of the
 * lines that match `where`: the one definition of `incoming`.
 */
export const incomingSql = (where = 'true') =>
  `select l.sku, o.warehouse, sum(greatest(l.ordered - l.received, 0)) as incoming
   from purchase_order_lines l join purchase_orders o using (po_id)
   where o.status in ('open', 'partially_received') and (${where})
   group by l.sku, o.warehouse`;

/**
 * `incoming` per position (`sku@warehouse`): what open purchase orders still expect. Not a
 * stock quantity (it is in no position and no movement), so it is read beside them.
 */
export async function incomingOf(q: Queryable, skus: readonly string[] | null): Promise<Map<string, number>> {
  const { rows } = await q.query<{ sku: string; warehouse: string; incoming: string }>(
    incomingSql('$1::text[] is null or l.sku = any($1)'),
    [skus],
  );
  return new Map(rows.map((r) => [`${r.sku}@${r.warehouse}`, Number(r.incoming)]));
}

/** A position as the ledger says it was at `asOf`: the sum of its movements up to then. */
export async function positionsOfSkuAsOf(q: Queryable, sku: string, asOf: Date): Promise<PositionRow[]> {
  const { rows } = await q.query<PositionRow>(
    `select sku, warehouse, ${summedDeltasSql()}
     from movements where sku = $1 and at <= $2
     group by sku, warehouse order by warehouse`,
    [sku, asOf],
  );
  return rows;
}

export async function listPositions(
  q: Queryable,
  filter: {
    warehouse?: string | undefined;
    /** Only positions at these warehouses (null or absent: all). */
    warehouses?: readonly string[] | null | undefined;
    after?: [string, string] | undefined;
    limit: number;
  },
): Promise<PositionRow[]> {
  const { rows } = await q.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions
     where ($1::text is null or warehouse = $1)
       and ($2::text is null or (sku, warehouse) > ($2, $3))
       and ($5::text[] is null or warehouse = any($5))
     order by sku, warehouse limit $4`,
    [
      filter.warehouse ?? null,
      filter.after?.[0] ?? null,
      filter.after?.[1] ?? null,
      filter.limit,
      filter.warehouses ?? null,
    ],
  );
  return rows;
}

/** Every position rebuilt from the ledger alone (invariant 3). */
export async function rebuildPositionsFromLedger(q: Queryable): Promise<PositionRow[]> {
  const { rows } = await q.query<PositionRow>(
    `select sku, warehouse, ${summedDeltasSql()}
     from movements group by sku, warehouse order by sku, warehouse`,
  );
  return rows;
}

export async function allPositions(q: Queryable): Promise<PositionRow[]> {
  const { rows } = await q.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions order by sku, warehouse`,
  );
  return rows;
}

export function quantitiesOf(row: Quantities | undefined): Quantities {
  if (!row) return { ...ZERO };
  return Object.fromEntries(BUCKETS.map((b) => [b, row[b]])) as Quantities;
}

export interface MovementRow {
  id: number;
  at: Date;
  sku: string;
  warehouse: string;
  type: string;
  qty: number;
  deltas: Partial<Quantities>;
  reason: string | null;
  orderId: string | null;
  reference: string | null;
  actor: string | null;
}

export async function listMovements(
  q: Queryable,
  filter: {
    sku?: string | undefined;
    warehouse?: string | undefined;
    orderId?: string | undefined;
    since?: Date | undefined;
    afterId?: number | undefined;
    limit: number;
    /** Only movements at these warehouses (null or absent: all). */
    warehouses?: readonly string[] | null | undefined;
    /** Only movements that changed damaged units (the ledger of a damaged code). */
    damagedOnly?: boolean | undefined;
  },
): Promise<MovementRow[]> {
  const { rows } = await q.query<Record<string, unknown>>(
    `select id, at, sku, warehouse, type, qty, reason, order_id, reference, actor,
       ${BUCKETS.map((b) => DELTA_COLUMN[b]).join(', ')}
     from movements
     where ($1::text is null or sku = $1) and ($2::text is null or warehouse = $2)
       and ($3::text is null or order_id = $3) and ($4::timestamptz is null or at >= $4)
       and id > $5 and ($7::text[] is null or warehouse = any($7)) and (not $8 or d_damaged <> 0)
     order by id limit $6`,
    [
      filter.sku ?? null,
      filter.warehouse ?? null,
      filter.orderId ?? null,
      filter.since ?? null,
      filter.afterId ?? 0,
      filter.limit,
      filter.warehouses ?? null,
      filter.damagedOnly ?? false,
    ],
  );
  return rows.map((r) => {
    const deltas: Partial<Quantities> = {};
    for (const b of BUCKETS) if (r[DELTA_COLUMN[b]] !== 0) deltas[b] = r[DELTA_COLUMN[b]] as number;
    return {
      id: r.id as number,
      at: r.at as Date,
      sku: r.sku as string,
      warehouse: r.warehouse as string,
      type: r.type as string,
      qty: r.qty as number,
      deltas,
      reason: r.reason as string | null,
      orderId: r.order_id as string | null,
      reference: r.reference as string | null,
      actor: r.actor as string | null,
    };
  });
}
