/**
 * Suppliers, replenishment policies and purchase orders. A purchase order's open quantities are
 * its positions' `incoming`; receiving against it books goods in through the one stock write
 * path and closes its lines. See docs/purchasing.md.
 */
import type { Queryable } from '../db/database.ts';
import { emitEvents } from '../db/events.ts';
import { readSetting, writeSetting } from '../db/settings.ts';
import { fail } from '../domain/errors.ts';
import {
  ACTIVE_PURCHASE_ORDERS,
  OPEN_PURCHASE_ORDER_STATUSES,
  type PurchaseOrderFilter,
  type PurchaseOrderStatus,
} from '../domain/purchase-orders.ts';
import { resolvePolicy, type PolicyFields, type ReplenishmentPolicy } from '../domain/replenishment.ts';
import { requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import { SYSTEM_ACTOR, type Actor, type AppContext, type CommandOptions, type Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { bookReceipt, receiptLines, type PositionView, type ReceiptInput } from './stock.ts';
import { DAY_MS } from '../domain/time.ts';

// ---- suppliers ---------------------------------------------------------------------------------

export interface SupplierInput {
  name: string;
  leadTimeDays: number;
  serviceLevel?: number | undefined;
  reviewPeriodDays?: number | undefined;
  minOrder?: number | undefined;
  packSize?: number | undefined;
}

export interface Supplier extends PolicyFields {
  code: string;
  name: string;
  createdAt: string;
  updatedAt: string;
}

interface SupplierRow {
  code: string;
  name: string;
  lead_time_days: number;
  service_level: number;
  review_period_days: number;
  min_order: string;
  pack_size: string;
  created_at: Date;
  updated_at: Date;
}

const supplierView = (r: SupplierRow): Supplier => ({
  code: r.code,
  name: r.name,
  leadTimeDays: r.lead_time_days,
  serviceLevel: r.service_level,
  reviewPeriodDays: r.review_period_days,
  minOrder: Number(r.min_order),
  packSize: Number(r.pack_size),
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** Creates or replaces a supplier; fields left out take the replenishment defaults. */
export async function putSupplier(
  ctx: AppContext,
  code: string,
  input: SupplierInput,
): Promise<Outcome<Supplier>> {
  const defaults = await getReplenishmentDefaults(ctx.db);
  const now = ctx.clock();
  const { rows } = await ctx.db.query<SupplierRow & { inserted: boolean }>(
    `insert into suppliers (code, name, lead_time_days, service_level, review_period_days, min_order,
                            pack_size, created_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $8)
     on conflict (code) do update set name = excluded.name, lead_time_days = excluded.lead_time_days,
       service_level = excluded.service_level, review_period_days = excluded.review_period_days,
       min_order = excluded.min_order, pack_size = excluded.pack_size, updated_at = excluded.updated_at
     returning *, (xmax = 0) as inserted`,
    [
      code,
      input.name,
      input.leadTimeDays,
      input.serviceLevel ?? defaults.serviceLevel,
      input.reviewPeriodDays ?? defaults.reviewPeriodDays,
      input.minOrder ?? defaults.minOrder,
      input.packSize ?? defaults.packSize,
      now,
    ],
  );
  const row = rows[0]!;
  await markForecastsForRefresh(ctx.db, { supplier: code });
  return { created: row.inserted, body: supplierView(row) };
}

export async function getSupplier(ctx: AppContext, code: string): Promise<Supplier> {
  return supplierView(await requireSupplier(ctx.db, code));
}

export async function listSuppliers(ctx: AppContext): Promise<Page<Supplier>> {
  const { rows } = await ctx.db.query<SupplierRow>('select * from suppliers order by code');
  return { items: rows.map(supplierView), nextCursor: null };
}

export async function requireSupplier(q: Queryable, code: string): Promise<SupplierRow> {
  const { rows } = await q.query<SupplierRow>('select * from suppliers where code = $1', [code]);
  if (!rows[0]) fail('unknown_supplier', `unknown supplier ${code}`, { supplier: code });
  return rows[0];
}

// ---- defaults and policies ---------------------------------------------------------------------

const DEFAULTS_KEY = 'replenishment';

export async function getReplenishmentDefaults(q: Queryable): Promise<PolicyFields> {
  return resolvePolicy(null, await readSetting<Partial<PolicyFields>>(q, DEFAULTS_KEY));
}

export async function putReplenishmentDefaults(
  ctx: AppContext,
  input: PolicyFields,
): Promise<Outcome<PolicyFields>> {
  await writeSetting(ctx.db, DEFAULTS_KEY, input, ctx.clock());
  await markForecastsForRefresh(ctx.db, {});
  return { created: false, body: input };
}

export interface PolicyInput {
  supplier?: string | null | undefined;
  leadTimeDays?: number | null | undefined;
  serviceLevel?: number | null | undefined;
  reviewPeriodDays?: number | null | undefined;
  minOrder?: number | null | undefined;
  packSize?: number | null | undefined;
}

export interface PolicyView {
  sku: string;
  warehouse: string;
  /** What is set on the position itself (null: inherited). */
  own: Required<{ [K in keyof PolicyInput]: Exclude<PolicyInput[K], undefined> }>;
  /** What applies, after the supplier's and the defaults. */
  effective: ReplenishmentPolicy;
}

interface PolicyRow {
  sku: string;
  warehouse: string;
  supplier: string | null;
  lead_time_days: number | null;
  service_level: number | null;
  review_period_days: number | null;
  min_order: string | null;
  pack_size: string | null;
}

const ownFields = (r: PolicyRow | undefined): PolicyView['own'] => ({
  supplier: r?.supplier ?? null,
  leadTimeDays: r?.lead_time_days ?? null,
  serviceLevel: r?.service_level ?? null,
  reviewPeriodDays: r?.review_period_days ?? null,
  minOrder: r?.min_order == null ? null : Number(r.min_order),
  packSize: r?.pack_size == null ? null : Number(r.pack_size),
});

/** The policy of one position after inheritance: position, then supplier, then defaults. */
export function effectivePolicy(
  own: PolicyView['own'],
  supplier: Supplier | PolicyFields | null,
  defaults: PolicyFields,
): ReplenishmentPolicy {
  return resolvePolicy(own.supplier, own, supplier, defaults);
}

/**
 * A policy change may lengthen the horizon a stored forecast must cover (lead time plus review
 * period): its forecasts are flagged, still used, and refreshed first.
 */
async function markForecastsForRefresh(
  q: Queryable,
  scope: { sku?: string; warehouse?: string; supplier?: string },
): Promise<void> {
  await q.query(
    `update demand_forecasts f set needs_refresh = true
     where not f.needs_refresh and ($1::text is null or f.sku = $1) and ($2::text is null or f.warehouse = $2)
       and ($3::text is null or exists (select 1 from replenishment_policies r
             where r.sku = f.sku and r.warehouse = f.warehouse and r.supplier = $3))`,
    [scope.sku ?? null, scope.warehouse ?? null, scope.supplier ?? null],
  );
}

export async function putPolicy(
  ctx: AppContext,
  sku: string,
  warehouse: string,
  input: PolicyInput,
  actor: Actor = SYSTEM_ACTOR,
): Promise<Outcome<PolicyView>> {
  requireWarehouseAccess(actor, [warehouse]);
  await requireKnown(ctx.db, [sku], [warehouse]);
  if (input.supplier) await requireSupplier(ctx.db, input.supplier);
  const own = ownFields(undefined);
  Object.assign(own, Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)));
  const { rows } = await ctx.db.query<{ inserted: boolean }>(
    `insert into replenishment_policies (sku, warehouse, supplier, lead_time_days, service_level,
                                         review_period_days, min_order, pack_size, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (sku, warehouse) do update set supplier = excluded.supplier,
       lead_time_days = excluded.lead_time_days, service_level = excluded.service_level,
       review_period_days = excluded.review_period_days, min_order = excluded.min_order,
       pack_size = excluded.pack_size, updated_at = excluded.updated_at
     returning (xmax = 0) as inserted`,
    [
      sku,
      warehouse,
      own.supplier,
      own.leadTimeDays,
      own.serviceLevel,
      own.reviewPeriodDays,
      own.minOrder,
      own.packSize,
      ctx.clock(),
    ],
  );
  await markForecastsForRefresh(ctx.db, { sku, warehouse });
  return { created: rows[0]!.inserted, body: await getPolicy(ctx, sku, warehouse) };
}

/**
 * Sets the supplier (and optionally a lead time) of many positions at one warehouse in one
 * statement, keeping their other figures: how a catalogue is put under a supplier at once.
 */
export async function assignSupplier(
  ctx: AppContext,
  input: { supplier: string; warehouse: string; skus: readonly string[]; leadTimeDays?: number | undefined },
): Promise<number> {
  await requireKnown(ctx.db, input.skus, [input.warehouse]);
  await requireSupplier(ctx.db, input.supplier);
  const { rows } = await ctx.db.query<{ sku: string }>(
    `insert into replenishment_policies (sku, warehouse, supplier, lead_time_days, updated_at)
     select s, $2, $3, $4, $5 from unnest($1::text[]) s
     on conflict (sku, warehouse) do update set supplier = excluded.supplier,
       lead_time_days = coalesce(excluded.lead_time_days, replenishment_policies.lead_time_days),
       updated_at = excluded.updated_at
     returning sku`,
    [[...new Set(input.skus)], input.warehouse, input.supplier, input.leadTimeDays ?? null, ctx.clock()],
  );
  await markForecastsForRefresh(ctx.db, { supplier: input.supplier, warehouse: input.warehouse });
  return rows.length;
}

export async function getPolicy(ctx: AppContext, sku: string, warehouse: string): Promise<PolicyView> {
  await requireKnown(ctx.db, [sku], [warehouse]);
  const { rows } = await ctx.db.query<PolicyRow & { s: SupplierRow | null }>(
    `select p.*, to_jsonb(s) - 'created_at' - 'updated_at' as s
     from replenishment_policies p left join suppliers s on s.code = p.supplier
     where p.sku = $1 and p.warehouse = $2`,
    [sku, warehouse],
  );
  const own = ownFields(rows[0]);
  const s = rows[0]?.s;
  const supplier = s ? supplierFields(s) : null;
  return {
    sku,
    warehouse,
    own,
    effective: effectivePolicy(own, supplier, await getReplenishmentDefaults(ctx.db)),
  };
}

/** The policy columns of a supplier row, as read through to_jsonb (numbers may be strings). */
export function supplierFields(s: Omit<SupplierRow, 'created_at' | 'updated_at'>): PolicyFields {
  return {
    leadTimeDays: Number(s.lead_time_days),
    serviceLevel: Number(s.service_level),
    reviewPeriodDays: Number(s.review_period_days),
    minOrder: Number(s.min_order),
    packSize: Number(s.pack_size),
  };
}

// ---- purchase orders ---------------------------------------------------------------------------

export interface PurchaseOrderInput {
  supplier: string;
  warehouse: string;
  expectedAt?: string | undefined;
  reference?: string | undefined;
  lines: { sku: string; qty: number; unitCost?: number | undefined }[];
}

export interface PurchaseOrderLineView {
  sku: string;
  ordered: number;
  received: number;
  /** Still expected: counted in the position's `incoming` while the order is open. */
  open: number;
  /** Received beyond what was ordered. */
  overReceived: number;
  /** Missing when the order was closed. */
  short: number;
  unitCost: number | null;
}

export interface PurchaseOrder {
  poId: string;
  supplier: string;
  warehouse: string;
  status: PurchaseOrderStatus;
  reference: string | null;
  expectedAt: string;
  closeReason: string | null;
  createdAt: string;
  updatedAt: string;
  lines: PurchaseOrderLineView[];
}

interface PurchaseOrderRow {
  po_id: string;
  supplier: string;
  warehouse: string;
  status: PurchaseOrderStatus;
  reference: string | null;
  expected_at: Date;
  close_reason: string | null;
  created_at: Date;
  updated_at: Date;
  lines: { sku: string; ordered: number; received: number; short: number; unit_cost: number | null }[];
}

const PO_SELECT = `
  select o.*, (select jsonb_agg(jsonb_build_object('sku', l.sku, 'ordered', l.ordered,
                 'received', l.received, 'short', l.short, 'unit_cost', l.unit_cost) order by l.sku)
               from purchase_order_lines l where l.po_id = o.po_id) as lines
  from purchase_orders o`;

function purchaseOrderView(r: PurchaseOrderRow): PurchaseOrder {
  const isOpen = OPEN_PURCHASE_ORDER_STATUSES.includes(r.status);
  return {
    poId: r.po_id,
    supplier: r.supplier,
    warehouse: r.warehouse,
    status: r.status,
    reference: r.reference,
    expectedAt: new Date(r.expected_at).toISOString(),
    closeReason: r.close_reason,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.updated_at).toISOString(),
    lines: (r.lines ?? []).map((l) => {
      const ordered = Number(l.ordered);
      const received = Number(l.received);
      return {
        sku: l.sku,
        ordered,
        received,
        open: isOpen ? Math.max(ordered - received, 0) : 0,
        overReceived: Math.max(received - ordered, 0),
        short: Number(l.short),
        unitCost: l.unit_cost == null ? null : Number(l.unit_cost),
      };
    }),
  };
}

async function readPurchaseOrder(q: Queryable, poId: string): Promise<PurchaseOrder> {
  const { rows } = await q.query<PurchaseOrderRow>(`${PO_SELECT} where o.po_id = $1`, [poId]);
  if (!rows[0]) fail('unknown_purchase_order', `unknown purchase order ${poId}`, { poId });
  return purchaseOrderView(rows[0]);
}

export const getPurchaseOrder = (ctx: AppContext, poId: string) => readPurchaseOrder(ctx.db, poId);

export async function listPurchaseOrders(
  ctx: AppContext,
  filter: {
    status?: PurchaseOrderFilter | undefined;
    supplier?: string | undefined;
    warehouse?: string | undefined;
    sku?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<PurchaseOrder>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, ['time', 'text']) : null;
  const statuses =
    filter.status === ACTIVE_PURCHASE_ORDERS
      ? OPEN_PURCHASE_ORDER_STATUSES
      : filter.status
        ? [filter.status]
        : null;
  const { rows } = await ctx.db.query<PurchaseOrderRow>(
    `${PO_SELECT}
     where ($1::text[] is null or o.status = any($1))
       and ($2::text is null or o.supplier = $2)
       and ($3::text is null or o.warehouse = $3)
       and ($4::text is null or exists (select 1 from purchase_order_lines l where l.po_id = o.po_id and l.sku = $4))
       and ($5::timestamptz is null or (o.created_at, o.po_id) < ($5, $6::text))
     order by o.created_at desc, o.po_id desc
     limit $7`,
    [
      statuses,
      filter.supplier ?? null,
      filter.warehouse ?? null,
      filter.sku ?? null,
      after ? String(after[0]) : null,
      after ? String(after[1]) : null,
      filter.limit + 1,
    ],
  );
  const items = rows.slice(0, filter.limit).map(purchaseOrderView);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.createdAt, last.poId]) : null,
  };
}

function requireDistinctSkus(lines: readonly { sku: string }[]): void {
  const seen = new Set<string>();
  const dupes = lines.flatMap((l, i) => (seen.has(l.sku) ? [i] : (seen.add(l.sku), [])));
  if (dupes.length > 0) {
    fail('invalid_request', 'each SKU may appear on one line only', {
      issues: dupes.map((i) => ({ in: 'body', path: `/lines/${i}/sku`, message: 'repeated SKU' })),
    });
  }
}

export async function createPurchaseOrder(
  ctx: AppContext,
  input: PurchaseOrderInput,
  opts: CommandOptions,
): Promise<Outcome<PurchaseOrder>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  requireDistinctSkus(input.lines);
  await requireKnown(
    ctx.db,
    input.lines.map((l) => l.sku),
    [input.warehouse],
  );
  const supplier = await requireSupplier(ctx.db, input.supplier);
  return runCommand(ctx, { ...opts, request: ['purchase-order', input] }, (tx) =>
    insertPurchaseOrder(ctx, tx, input, supplier.lead_time_days),
  );
}

/** Writes a purchase order and its lines; creates the positions it will fill, empty, if new. */
export async function insertPurchaseOrder(
  ctx: AppContext,
  tx: Queryable,
  input: PurchaseOrderInput,
  leadTimeDays: number,
): Promise<Outcome<PurchaseOrder>> {
  const now = ctx.clock();
  const poId = ctx.newId('po');
  const expectedAt = input.expectedAt
    ? new Date(input.expectedAt)
    : new Date(now.getTime() + leadTimeDays * DAY_MS);
  await tx.query(
    `insert into purchase_orders (po_id, supplier, warehouse, status, reference, expected_at, created_at, updated_at)
     values ($1, $2, $3, 'open', $4, $5, $6, $6)`,
    [poId, input.supplier, input.warehouse, input.reference ?? null, expectedAt, now],
  );
  const skus = input.lines.map((l) => l.sku);
  await tx.query(
    `insert into purchase_order_lines (po_id, sku, ordered, unit_cost)
     select $1, t.sku, t.qty, t.cost from unnest($2::text[], $3::bigint[], $4::numeric[]) as t(sku, qty, cost)`,
    [poId, skus, input.lines.map((l) => l.qty), input.lines.map((l) => l.unitCost ?? null)],
  );
  await tx.query(
    `insert into stock_positions (sku, warehouse, updated_at)
     select s, $2, $3 from unnest($1::text[]) s order by s on conflict do nothing`,
    [skus, input.warehouse, now],
  );
  const po = await readPurchaseOrder(tx, poId);
  await emitEvents(tx, now, [
    {
      type: 'purchase_order.created',
      stream: `purchase_order:${poId}`,
      data: {
        poId,
        supplier: po.supplier,
        warehouse: po.warehouse,
        expectedAt: po.expectedAt,
        lines: po.lines,
      },
    },
  ]);
  return { created: true, body: po };
}

export interface PurchaseReceiptInput {
  reference?: string | undefined;
  lines: ReceiptInput['lines'];
}

export interface PurchaseReceiptView {
  receiptId: string;
  receivedAt: string;
  purchaseOrder: PurchaseOrder;
  positions: (PositionView & { sku: string })[];
}

/** Why an order cannot change: unknown, or no longer open. */
async function failNotOpen(q: Queryable, poId: string, action: string): Promise<never> {
  const po = await readPurchaseOrder(q, poId);
  return fail('invalid_state', `purchase order ${poId} is ${po.status}: it cannot be ${action}`, {
    poId,
    status: po.status,
  });
}

/**
 * Books goods in against an open purchase order, in one transaction: the order row is locked
 * by a guarded update (open orders only), the lines take the quantities (more than ordered is
 * an over-delivery, kept), the movements go through the stock write path, and the order
 * becomes received when no line is still short.
 */
export async function receivePurchaseOrder(
  ctx: AppContext,
  poId: string,
  input: PurchaseReceiptInput,
  opts: CommandOptions,
): Promise<Outcome<PurchaseReceiptView>> {
  requireDistinctSkus(input.lines);
  const lines = receiptLines(input.lines);
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['purchase-receipt', poId, input] },
    async (tx) => {
      const now = ctx.clock();
      const locked = await tx.query<{ warehouse: string }>(
        `update purchase_orders set updated_at = $2 where po_id = $1 and status = any($3) returning warehouse`,
        [poId, now, OPEN_PURCHASE_ORDER_STATUSES],
      );
      const warehouse = locked.rows[0]?.warehouse;
      if (warehouse === undefined) return failNotOpen(tx, poId, 'received');
      requireWarehouseAccess(opts.actor, [warehouse]);
      const updated = await tx.query<{ sku: string }>(
        `update purchase_order_lines l set received = l.received + t.qty
         from unnest($2::text[], $3::bigint[]) as t(sku, qty)
         where l.po_id = $1 and l.sku = t.sku returning l.sku`,
        [poId, lines.map((l) => l.sku), lines.map((l) => l.qty)],
      );
      const onOrder = new Set(updated.rows.map((r) => r.sku));
      const strangers = lines.filter((l) => !onOrder.has(l.sku)).map((l) => l.sku);
      if (strangers.length > 0) {
        fail('sku_not_on_purchase_order', `not on purchase order ${poId}: ${strangers.join(', ')}`, {
          poId,
          skus: strangers,
        });
      }
      const booked = await bookReceipt(ctx, tx, {
        warehouse,
        reference: input.reference ?? poId,
        lines,
        reason: `purchase order ${poId}`,
        actor: opts.actor,
      });
      await tx.query(
        `update purchase_orders o set status = case when exists (
             select 1 from purchase_order_lines l where l.po_id = o.po_id and l.received < l.ordered)
           then 'partially_received' else 'received' end
         where o.po_id = $1`,
        [poId],
      );
      const po = await readPurchaseOrder(tx, poId);
      await emitEvents(tx, now, [
        {
          type: 'purchase_order.received',
          stream: `purchase_order:${poId}`,
          data: { poId, warehouse, status: po.status, receiptId: booked.receiptId, lines },
        },
      ]);
      return {
        created: true,
        body: {
          receiptId: booked.receiptId,
          receivedAt: booked.at.toISOString(),
          purchaseOrder: po,
          positions: booked.positions,
        },
      };
    },
  );
}

/**
 * Closes an open order: what has not arrived is written off the order as `short` (an
 * under-delivery) and leaves `incoming`. An order nothing was received on may be cancelled
 * instead.
 */
export async function closePurchaseOrder(
  ctx: AppContext,
  poId: string,
  input: { reason?: string | undefined; cancel?: boolean | undefined },
  actor: Actor,
): Promise<Outcome<PurchaseOrder>> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const cancel = input.cancel ?? false;
    const { rows } = await tx.query<{ warehouse: string }>(
      cancel
        ? `update purchase_orders o set status = 'cancelled', close_reason = $3, updated_at = $2
           where o.po_id = $1 and o.status = 'open'
             and not exists (select 1 from purchase_order_lines l where l.po_id = o.po_id and l.received > 0)
           returning warehouse`
        : `update purchase_orders set status = 'closed', close_reason = $3, updated_at = $2
           where po_id = $1 and status = any($4) returning warehouse`,
      cancel
        ? [poId, now, input.reason ?? null]
        : [poId, now, input.reason ?? null, OPEN_PURCHASE_ORDER_STATUSES],
    );
    const warehouse = rows[0]?.warehouse;
    if (warehouse === undefined) return failNotOpen(tx, poId, cancel ? 'cancelled' : 'closed');
    requireWarehouseAccess(actor, [warehouse]);
    if (!cancel) {
      await tx.query(
        'update purchase_order_lines set short = greatest(ordered - received, 0) where po_id = $1',
        [poId],
      );
    }
    const po = await readPurchaseOrder(tx, poId);
    await emitEvents(tx, now, [
      {
        type: cancel ? 'purchase_order.cancelled' : 'purchase_order.closed',
        stream: `purchase_order:${poId}`,
        data: { poId, warehouse, status: po.status, reason: po.closeReason, lines: po.lines },
      },
    ]);
    return { created: false, body: po };
  });
}
