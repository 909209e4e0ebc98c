/** Virtual stock: setting a position's supplier capacity V (V := v), booked as its change. */
import type { Transaction } from '../db/database.ts';
import {
  applyMovements,
  physicallyFreeSql,
  positionsOfSkus,
  QUANTITY_COLUMNS,
  type PositionRow,
} from '../db/stock.ts';
import { moves } from '../domain/movements.ts';
import { requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { requireSupplier } from './purchasing.ts';
import { positionView, type PositionView } from './stock.ts';

export interface SetVirtualInput {
  sku: string;
  warehouse: string;
  virtual: number;
  supplier?: string | undefined;
  leadTimeDays?: number | undefined;
}

export interface VirtualView {
  sku: string;
  warehouse: string;
  virtual: number;
  supplier: string | null;
  leadTimeDays: number;
  position: PositionView;
}

/**
 * Sets V := v. The position row is created if need be and locked before reading V, so two
 * concurrent settings cannot both book their change from the same old value. Lowering V below
 * what orders have reserved against it is a supplier's fact: booked, and recorded as oversold.
 */
export async function setVirtualStock(
  ctx: AppContext,
  input: SetVirtualInput,
  opts: CommandOptions,
): Promise<Outcome<VirtualView>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, [input.sku], [input.warehouse]);
  // A supplier named here must be one the shop knows, as on every other route that names one.
  if (input.supplier !== undefined) await requireSupplier(ctx.db, input.supplier);
  return runCommand(ctx, { ...opts, request: ['virtual', input] }, async (tx) => {
    const at = ctx.clock();
    const current = await lockPosition(tx, input.sku, input.warehouse, at);
    const delta = input.virtual - current.virtual;
    if (delta !== 0) {
      await applyMovements(tx, [moves.changeVirtual(input, delta)], {
        at,
        reason: 'virtual stock set',
        reference: input.supplier ?? null,
        actor: opts.actor.id,
      });
    }
    const { rows } = await tx.query<{ supplier: string | null; lead_time_days: number }>(
      `insert into virtual_supply (sku, warehouse, supplier, lead_time_days, updated_at)
       values ($1, $2, $3, $4, $5)
       on conflict (sku, warehouse) do update set
         supplier = coalesce(excluded.supplier, virtual_supply.supplier),
         lead_time_days = case when $6 then excluded.lead_time_days else virtual_supply.lead_time_days end,
         updated_at = excluded.updated_at
       returning supplier, lead_time_days`,
      [
        input.sku,
        input.warehouse,
        input.supplier ?? null,
        input.leadTimeDays ?? 0,
        at,
        input.leadTimeDays !== undefined,
      ],
    );
    const row = (await positionsOfSkus(tx, [input.sku])).find((p) => p.warehouse === input.warehouse)!;
    return {
      created: false,
      body: {
        sku: input.sku,
        warehouse: input.warehouse,
        virtual: row.virtual,
        supplier: rows[0]!.supplier,
        leadTimeDays: rows[0]!.lead_time_days,
        position: positionView(row),
      },
    };
  });
}

async function lockPosition(tx: Transaction, sku: string, warehouse: string, at: Date): Promise<PositionRow> {
  await tx.query(
    `insert into stock_positions (sku, warehouse, updated_at) values ($1, $2, $3) on conflict do nothing`,
    [sku, warehouse, at],
  );
  const { rows } = await tx.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions
     where sku = $1 and warehouse = $2 for update`,
    [sku, warehouse],
  );
  return rows[0]!;
}

export interface BackorderView {
  sku: string;
  warehouse: string;
  supplier: string | null;
  leadTimeDays: number | null;
  /** Units reserved beyond what is physically free to ship: what purchasing must bring in. */
  backordered: number;
  onHand: number;
  reserved: number;
  virtual: number;
}

/** Positions whose reservations exceed their physically free units, by supplier and warehouse. */
export async function listBackorders(
  ctx: AppContext,
  filter: { warehouse?: string | undefined; supplier?: string | undefined },
): Promise<{ items: BackorderView[]; nextCursor: null }> {
  if (filter.warehouse) await requireKnown(ctx.db, [], [filter.warehouse]);
  const { rows } = await ctx.db.query<BackorderView>(
    `select p.sku, p.warehouse, v.supplier, v.lead_time_days as "leadTimeDays",
       p.reserved - ${physicallyFreeSql('p')} as backordered,
       p.on_hand as "onHand", p.reserved, p.virtual
     from stock_positions p
     left join virtual_supply v on v.sku = p.sku and v.warehouse = p.warehouse
     where p.reserved > ${physicallyFreeSql('p')}
       and ($1::text is null or p.warehouse = $1)
       and ($2::text is null or v.supplier = $2)
     order by v.supplier nulls last, p.warehouse, p.sku`,
    [filter.warehouse ?? null, filter.supplier ?? null],
  );
  return { items: rows, nextCursor: null };
}
