/**
 * Orders: reserve all lines or none, confirm, cancel, ship in parts, expire, return.
 * Every write locks the order row first and stock positions after it, in (sku, warehouse)
 * order inside `stockroom_apply_movements`, so concurrent orders cannot deadlock.
 */
import type { Transaction } from '../db/database.ts';
import { emitEvents } from '../db/events.ts';
import { applyMovements, GuardRefused, physicallyFreeSql, positionsOfSkus } from '../db/stock.ts';
import { DomainError, fail } from '../domain/errors.ts';
import { moves, type ReturnCondition } from '../domain/movements.ts';
import {
  mergeLines,
  planShipment,
  statusAfter,
  virtualShare,
  type Allocation,
  type OrderLineRequest,
  type OrderStatus,
} from '../domain/orders.ts';
import type { RoutingPolicy } from '../domain/routing.ts';
import { keyOf, positionKey } from '../domain/keys.ts';
import type { PlacedOrder, PlacementOutcome, PlacementRequest } from '../domain/placement.ts';
import {
  canSeeOrder,
  requireOrderCommand,
  requireOrderVisible,
  requireReplayAllowed,
  requireWarehouseAccess,
  type OrderOwnership,
} from './access.ts';
import { placeBatch } from './placement.ts';
import { failUnitsNotThere } from './shipping.ts';
import { requireKnown } from './catalog.ts';
import { refuseDamagedCodes } from './damaged-suffix.ts';
import type { Actor, AppContext, CommandOptions, Outcome } from './context.ts';
import { fingerprint, runCommand } from './idempotency.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { positionView } from './stock.ts';

export interface PlaceOrderInput {
  orderId: string;
  lines: OrderLineRequest[];
  region?: string | undefined;
  channel?: string | undefined;
  expiresInSeconds?: number | undefined;
  /** Overrides the service's routing policy for this order. */
  routing?: Partial<RoutingPolicy> | undefined;
}

export type { PlacedOrder } from '../domain/placement.ts';

export async function placeOrder(
  ctx: AppContext,
  input: PlaceOrderInput,
  opts: CommandOptions,
): Promise<Outcome<PlacedOrder>> {
  const lines = mergeLines(input.lines);
  requireWarehouseAccess(
    opts.actor,
    lines.flatMap((l) => (l.warehouse ? [l.warehouse] : [])),
  );
  // The order id is its own idempotency key: the same id with the same demand is a replay.
  const requestHash = fingerprint({
    lines: [...lines].sort((a, b) => (keyOf(a.sku, a.warehouse) < keyOf(b.sku, b.warehouse) ? -1 : 1)),
    region: input.region,
    channel: input.channel,
    expiresInSeconds: input.expiresInSeconds,
    routing: input.routing,
  });
  const request: PlacementRequest = {
    orderId: input.orderId,
    lines,
    region: input.region ?? null,
    channel: input.channel ?? null,
    routing: input.routing,
    requestHash,
    expiresAt:
      input.expiresInSeconds !== undefined
        ? new Date(ctx.clock().getTime() + input.expiresInSeconds * 1000).toISOString()
        : null,
    actor: opts.actor.id,
    warehouses: opts.actor.warehouses,
  };
  const counted = (result: PlacementOutcome) => {
    const outcome = result.outcome === 'short' ? 'refused' : result.outcome;
    ctx.metrics.reservations.outcomes.inc({ outcome });
    return result;
  };
  // A damaged code (351038U) is no SKU, so placement finds it unknown and reserves nothing;
  // only then is the shop's suffix rule read, to say why: the hot path pays nothing for it.
  return refuseDamagedCodes(ctx.db, async () => {
    if (!opts.idempotencyKey)
      return answer(opts.actor, request, counted(await ctx.reservations.place(request)));
    return runCommand(ctx, { ...opts, request: ['order', input] }, async (tx) =>
      answer(opts.actor, request, counted((await placeBatch(tx, [request], ctx.clock()))[0]!)),
    );
  });
}

/** The HTTP-facing answer to a placement, or the error that explains why there is none. */
function answer(actor: Actor, request: PlacementRequest, result: PlacementOutcome): Outcome<PlacedOrder> {
  switch (result.outcome) {
    case 'placed':
      return { created: true, body: result.placed };
    case 'replay':
      // Checked before the lines are compared: otherwise the answer would tell whether they match.
      requireReplayAllowed(actor, request.orderId, {
        placedBy: result.placedBy,
        warehouses: result.placed.allocations.map((a) => a.warehouse),
      });
      return answerReplay(request.orderId, request.requestHash, result.requestHash, result.placed);
    case 'refused':
      return fail('insufficient_stock', 'not enough sellable stock for every line of this order', {
        lines: result.lines,
      });
    case 'short':
      return fail(
        'insufficient_stock',
        result.splitForbidden
          ? 'no single warehouse can supply the whole order, and splitting it is not allowed'
          : 'not enough sellable stock for every line of this order',
        { lines: result.lines, ...(result.splitForbidden && { splitForbidden: true }) },
      );
    case 'unknown':
      return failUnknown(result.skus, result.warehouses);
    case 'rejected':
      throw result.error;
  }
}

function failUnknown(skus: string[], warehouses: string[]): never {
  if (skus.length > 0) fail('unknown_sku', `unknown SKU ${skus.join(', ')}`, { skus });
  return fail('unknown_warehouse', `unknown warehouse ${warehouses.join(', ')}`, { warehouses });
}

function answerReplay(
  orderId: string,
  requestHash: string,
  firstHash: string,
  firstAnswer: PlacedOrder,
): Outcome<PlacedOrder> {
  if (firstHash !== requestHash) {
    fail('idempotency_key_reused', `order ${orderId} already exists with different lines`, { orderId });
  }
  return { created: false, body: firstAnswer };
}

interface AllocationRow {
  sku: string;
  warehouse: string;
  qty: number;
  shipped: number;
  released: number;
  returned: number;
  reason: string | null;
}

export interface OrderView {
  orderId: string;
  status: OrderStatus;
  region: string | null;
  channel: string | null;
  expiresAt: string | null;
  releasedReason: string | null;
  createdAt: string;
  updatedAt: string;
  lines: { sku: string; qty: number; warehouse: string | null }[];
  /** `onVirtual`: of the open units, how many rest on virtual stock (see `virtualShares`). */
  allocations: (AllocationRow & { open: number; onVirtual: number })[];
  shipments: { shipmentId: string; lines: Allocation[]; shippedAt: string }[];
}

interface OrderRow {
  order_id: string;
  status: OrderStatus;
  region: string | null;
  channel: string | null;
  expires_at: Date | null;
  released_reason: string | null;
  created_at: Date;
  updated_at: Date;
  placed_by: string | null;
}

/** An order row with the warehouses it is allocated at, which decide who may see it. */
type OwnedOrderRow = OrderRow & { warehouses: string[] };

const ownership = (order: OwnedOrderRow): OrderOwnership => ({
  placedBy: order.placed_by,
  warehouses: order.warehouses,
});

const SELECT_OWNED_ORDER = `select o.*, array(select distinct a.warehouse from order_allocations a
    where a.order_id = o.order_id order by 1) as warehouses
  from orders o where o.order_id = $1`;

/** Locks the order row; an order the actor may not see fails as unknown, before any change. */
async function lockOrder(
  tx: Transaction,
  orderId: string,
  actor: Actor,
  check: (actor: Actor, orderId: string, order: OrderOwnership) => void = requireOrderVisible,
): Promise<OrderRow> {
  const { rows } = await tx.query<OwnedOrderRow>(`${SELECT_OWNED_ORDER} for update of o`, [orderId]);
  if (!rows[0]) fail('unknown_order', `no order ${orderId}`, { orderId });
  check(actor, orderId, ownership(rows[0]));
  return rows[0];
}

async function allocationsOf(tx: Transaction, orderId: string): Promise<AllocationRow[]> {
  const { rows } = await tx.query<AllocationRow>(
    `select sku, warehouse, qty, shipped, released, returned, reason from order_allocations
     where order_id = $1 order by sku, warehouse`,
    [orderId],
  );
  return rows;
}

/** An order's own fields, as `GET /v1/orders/{id}` and the order list answer them. */
type OrderFields = Omit<OrderView, 'lines' | 'allocations' | 'shipments'>;

function orderFields(order: OrderRow): OrderFields {
  return {
    orderId: order.order_id,
    status: order.status,
    region: order.region,
    channel: order.channel,
    expiresAt: order.expires_at?.toISOString() ?? null,
    releasedReason: order.released_reason,
    createdAt: order.created_at.toISOString(),
    updatedAt: order.updated_at.toISOString(),
  };
}

export interface OrderSummary extends OrderFields {
  /** Units allocated, and of them shipped and released; the rest are still reserved. */
  units: number;
  shipped: number;
  released: number;
}

/** Orders, newest first, by status, channel, region or a SKU they hold. */
export async function listOrders(
  ctx: AppContext,
  filter: {
    status?: OrderStatus | undefined;
    channel?: string | undefined;
    region?: string | undefined;
    sku?: string | undefined;
    cursor?: string | undefined;
    limit: number;
  },
  actor: Actor,
): Promise<Page<OrderSummary>> {
  // The list shows what `GET /v1/orders/{id}` would: a storefront key its own orders, a limited
  // operator those allocated at one of its warehouses at least (see canSeeOrder).
  const placedBy = actor.role === 'storefront' ? actor.id : null;
  const after = filter.cursor ? decodeCursor(filter.cursor, ['time', 'text']) : null;
  const { rows } = await ctx.db.query<OrderRow & { units: string; shipped: string; released: string }>(
    `select o.order_id, o.status, o.region, o.channel, o.expires_at, o.released_reason, o.created_at,
       o.updated_at, coalesce(a.units, 0) as units, coalesce(a.shipped, 0) as shipped,
       coalesce(a.released, 0) as released
     from orders o
       left join lateral (select sum(qty) as units, sum(shipped) as shipped, sum(released) as released
                          from order_allocations where order_id = o.order_id) a on true
     where ($1::text is null or o.status = $1)
       and ($2::text is null or o.channel = $2)
       and ($3::text is null or o.region = $3)
       and ($4::text is null or exists (select 1 from order_lines l where l.order_id = o.order_id and l.sku = $4))
       and ($5::timestamptz is null or (o.created_at, o.order_id) < ($5, $6::text))
       and ($8::text is null or o.placed_by = $8)
       and ($9::text[] is null or exists (select 1 from order_allocations x
                                          where x.order_id = o.order_id and x.warehouse = any($9)))
     order by o.created_at desc, o.order_id desc
     limit $7`,
    [
      filter.status ?? null,
      filter.channel ?? null,
      filter.region ?? null,
      filter.sku ?? null,
      after ? String(after[0]) : null,
      after ? String(after[1]) : null,
      filter.limit + 1,
      placedBy,
      actor.warehouses,
    ],
  );
  const items = rows.slice(0, filter.limit).map((r) => ({
    ...orderFields(r),
    units: Number(r.units),
    shipped: Number(r.shipped),
    released: Number(r.released),
  }));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.createdAt, last.orderId]) : null,
  };
}

export async function getOrder(ctx: AppContext, orderId: string, actor: Actor): Promise<OrderView> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<OwnedOrderRow>(SELECT_OWNED_ORDER, [orderId]);
    if (!rows[0] || !canSeeOrder(actor, ownership(rows[0]))) {
      fail('unknown_order', `no order ${orderId}`, { orderId });
    }
    return readOrder(tx, orderId);
  });
}

async function readOrder(tx: Transaction, orderId: string): Promise<OrderView> {
  const { rows } = await tx.query<OrderRow>('select * from orders where order_id = $1', [orderId]);
  const order = rows[0];
  if (!order) fail('unknown_order', `no order ${orderId}`, { orderId });
  const [lines, allocations, onVirtual, shipments] = [
    await tx.query<{ sku: string; qty: number; warehouse: string | null }>(
      'select sku, qty, warehouse from order_lines where order_id = $1 order by line_no',
      [orderId],
    ),
    await allocationsOf(tx, orderId),
    await virtualShares(tx, orderId),
    await tx.query<{ id: string; lines: Allocation[]; created_at: Date }>(
      'select id, lines, created_at from shipments where order_id = $1 order by created_at, id',
      [orderId],
    ),
  ];
  return {
    ...orderFields(order),
    lines: lines.rows,
    allocations: allocations.map((a) => ({
      ...a,
      open: a.qty - a.shipped - a.released,
      onVirtual: onVirtual.get(positionKey(a.sku, a.warehouse)) ?? 0,
    })),
    shipments: shipments.rows.map((s) => ({
      shipmentId: s.id,
      lines: s.lines,
      shippedAt: s.created_at.toISOString(),
    })),
  };
}

/**
 * How many of an order's open units rest on virtual stock, per position. A position's units that
 * are physically free (onHand less what is damaged, in inspection, locked or promised to a
 * transfer) serve its open reservations first come, first served; whatever is reserved beyond
 * them rests on the supplier's capacity. Computed from the current state, so it shrinks as goods
 * arrive against virtual stock and grows if physical units are found damaged.
 */
async function virtualShares(tx: Transaction, orderId: string): Promise<Map<string, number>> {
  const { rows } = await tx.query<{
    sku: string;
    warehouse: string;
    open: number;
    before: number;
    physical_free: number;
    virtual: number;
  }>(
    `select mine.sku, mine.warehouse, mine.qty - mine.shipped - mine.released as open,
       (select coalesce(sum(x.qty - x.shipped - x.released), 0)
        from order_allocations x join orders xo on xo.order_id = x.order_id
        where x.sku = mine.sku and x.warehouse = mine.warehouse and x.qty > x.shipped + x.released
          and (xo.created_at, x.order_id) < (me.created_at, me.order_id)) as before,
       ${physicallyFreeSql('p')} as physical_free,
       p.virtual
     from order_allocations mine
     join orders me on me.order_id = mine.order_id
     join stock_positions p on p.sku = mine.sku and p.warehouse = mine.warehouse
     where mine.order_id = $1 and mine.qty > mine.shipped + mine.released`,
    [orderId],
  );
  return new Map(
    rows.map((r) => [
      positionKey(r.sku, r.warehouse),
      virtualShare({ before: r.before, open: r.open, physicalFree: r.physical_free, virtual: r.virtual }),
    ]),
  );
}

function isExpired(order: OrderRow, now: Date): boolean {
  return order.status === 'reserved' && order.expires_at !== null && order.expires_at <= now;
}

/**
 * An unpaid order past its expiry answers `order_expired`, whether or not the background
 * sweep has released it yet: the answer must not depend on that timing.
 */
function failIfExpired(order: OrderRow, now: Date): void {
  if (isExpired(order, now) || (order.status === 'released' && order.released_reason === 'expired')) {
    fail('order_expired', `order ${order.order_id} expired before it was confirmed`, {
      orderId: order.order_id,
      expiresAt: order.expires_at?.toISOString() ?? null,
    });
  }
}

export async function confirmOrder(
  ctx: AppContext,
  orderId: string,
  opts: CommandOptions,
): Promise<Outcome<OrderView>> {
  const result = await runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['confirm', orderId] },
    async (tx) => {
      const now = ctx.clock();
      const order = await lockOrder(tx, orderId, opts.actor, requireOrderCommand);
      if (order.status === 'released' && order.released_reason === 'expired') failIfExpired(order, now);
      if (order.status === 'released') {
        fail(
          'invalid_state',
          `order ${orderId} was released (${order.released_reason}) and cannot be confirmed`,
          {
            orderId,
            status: order.status,
          },
        );
      }
      // An unpaid order past its expiry is released now rather than confirmed late.
      if (isExpired(order, now)) {
        await release(tx, order, 'expired', now, opts.actor);
        return { created: false, body: await readOrder(tx, orderId) };
      }
      if (order.status === 'reserved') {
        await tx.query(
          `update orders set status = 'confirmed', expires_at = null, updated_at = $2 where order_id = $1`,
          [orderId, now],
        );
        await emitEvents(tx, now, [
          { type: 'order.confirmed', stream: `order:${orderId}`, data: { orderId } },
        ]);
      }
      return { created: false, body: await readOrder(tx, orderId) };
    },
  );
  if (result.body.status === 'released' && result.body.releasedReason === 'expired') {
    fail('order_expired', `order ${orderId} expired before it was confirmed`, {
      orderId,
      expiresAt: result.body.expiresAt,
    });
  }
  return result;
}

export async function cancelOrder(
  ctx: AppContext,
  orderId: string,
  opts: CommandOptions,
): Promise<Outcome<OrderView>> {
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['cancel', orderId] },
    async (tx) => {
      const now = ctx.clock();
      const order = await lockOrder(tx, orderId, opts.actor, requireOrderCommand);
      if (order.status === 'shipped') {
        fail('invalid_state', `order ${orderId} has shipped in full; nothing is left to cancel`, {
          orderId,
          status: order.status,
        });
      }
      if (order.status !== 'released') {
        await release(tx, order, isExpired(order, now) ? 'expired' : 'cancelled', now, opts.actor);
      }
      return { created: false, body: await readOrder(tx, orderId) };
    },
  );
}

/** Releases every unit the order still has reserved; the caller holds the order row lock. */
async function release(
  tx: Transaction,
  order: OrderRow,
  reason: 'cancelled' | 'expired',
  now: Date,
  actor: Actor,
) {
  const allocations = await allocationsOf(tx, order.order_id);
  const open = allocations
    .map((a) => ({ sku: a.sku, warehouse: a.warehouse, qty: a.qty - a.shipped - a.released }))
    .filter((a) => a.qty > 0);
  await applyMovements(
    tx,
    open.map((a) => moves.release(a, a.qty)),
    { at: now, reason, orderId: order.order_id, actor: actor.id },
  );
  await tx.query(`update order_allocations set released = qty - shipped where order_id = $1`, [
    order.order_id,
  ]);
  const status = statusAfter(allocations.map((a) => ({ ...a, released: a.qty - a.shipped })));
  await tx.query(`update orders set status = $2, released_reason = $3, updated_at = $4 where order_id = $1`, [
    order.order_id,
    status,
    reason,
    now,
  ]);
  await emitEvents(tx, now, [
    {
      type: 'order.released',
      stream: `order:${order.order_id}`,
      data: { orderId: order.order_id, reason, status, lines: open },
    },
  ]);
}

/**
 * Releases unconfirmed orders whose expiry has passed. Safe with several processes on one
 * database: each claims due orders with SKIP LOCKED and the status guard admits one release.
 */
const EXPIRY_ACTOR: Actor = { id: 'expiry', role: 'admin', warehouses: null };

async function lockOpenPositionsOf(tx: Transaction, orderIds: string[]): Promise<void> {
  if (orderIds.length === 0) return;
  await tx.query(
    `select 1 from stock_positions p
     where (p.sku, p.warehouse) in (
       select sku, warehouse from order_allocations
       where order_id = any($1::text[]) and qty > shipped + released)
     order by p.sku, p.warehouse for update`,
    [orderIds],
  );
}

export async function expireDueOrders(ctx: AppContext, batchSize = 100): Promise<string[]> {
  return ctx.db.transaction(async (tx) => {
    const now = ctx.clock();
    const { rows } = await tx.query<OrderRow>(
      `select * from orders where status = 'reserved' and expires_at <= $1
       order by expires_at limit $2 for update skip locked`,
      [now, batchSize],
    );
    // Releasing order by order would take each order's positions in turn, out of the global
    // (sku, warehouse) order, and deadlock with placements; so lock them all first, sorted.
    await lockOpenPositionsOf(
      tx,
      rows.map((o) => o.order_id),
    );
    for (const order of rows) await release(tx, order, 'expired', now, EXPIRY_ACTOR);
    return rows.map((o) => o.order_id);
  });
}

export interface ShipmentView {
  shipmentId: string;
  orderId: string;
  status: OrderStatus;
  lines: Allocation[];
  shippedAt: string;
}

export async function shipOrder(
  ctx: AppContext,
  orderId: string,
  requested: OrderLineRequest[] | undefined,
  opts: CommandOptions,
): Promise<Outcome<ShipmentView>> {
  return runCommand(
    ctx,
    {
      actor: opts.actor,
      idempotencyKey: opts.idempotencyKey,
      request: ['shipment', orderId, requested ?? null],
    },
    async (tx) => {
      const now = ctx.clock();
      const order = await lockOrder(tx, orderId, opts.actor);
      failIfExpired(order, now);
      if (order.status === 'released' || order.status === 'shipped') {
        fail('invalid_state', `order ${orderId} is ${order.status}; nothing can ship`, {
          orderId,
          status: order.status,
        });
      }
      const allocations = await allocationsOf(tx, orderId);
      const plan = planShipment(
        allocations.map((a) => ({
          sku: a.sku,
          warehouse: a.warehouse,
          qty: a.qty,
          open: a.qty - a.shipped - a.released,
        })),
        requested,
      );
      requireWarehouseAccess(
        opts.actor,
        plan.map((p) => p.warehouse),
      );
      const shipmentId = ctx.newId('shp');
      try {
        await applyMovements(
          tx,
          plan.map((p) => moves.ship(p, p.qty)),
          { at: now, reason: 'shipped', orderId, reference: shipmentId, actor: opts.actor.id },
        );
      } catch (err) {
        if (!(err instanceof GuardRefused)) throw err;
        failUnitsNotThere(err);
      }
      await tx.query(
        `update order_allocations a set shipped = a.shipped + t.qty
         from unnest($2::text[], $3::text[], $4::bigint[]) as t(sku, warehouse, qty)
         where a.order_id = $1 and a.sku = t.sku and a.warehouse = t.warehouse`,
        [orderId, plan.map((p) => p.sku), plan.map((p) => p.warehouse), plan.map((p) => p.qty)],
      );
      await tx.query('insert into shipments (id, order_id, lines, created_at) values ($1, $2, $3, $4)', [
        shipmentId,
        orderId,
        JSON.stringify(plan),
        now,
      ]);
      const status = statusAfter(await allocationsOf(tx, orderId));
      await tx.query(
        `update orders set status = $2, expires_at = null, updated_at = $3 where order_id = $1`,
        [orderId, status, now],
      );
      await emitEvents(tx, now, [
        {
          type: 'order.shipped',
          stream: `order:${orderId}`,
          data: { orderId, shipmentId, status, lines: plan },
        },
      ]);
      return {
        created: true,
        body: { shipmentId, orderId, status, lines: plan, shippedAt: now.toISOString() },
      };
    },
  );
}

export interface ReturnInput {
  orderId?: string | undefined;
  warehouse: string;
  lines: { sku: string; qty: number; condition: ReturnCondition }[];
}

export async function recordReturn(ctx: AppContext, input: ReturnInput, opts: CommandOptions) {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(
    ctx.db,
    input.lines.map((l) => l.sku),
    [input.warehouse],
  );
  return runCommand(ctx, { ...opts, request: ['return', input] }, async (tx) => {
    const now = ctx.clock();
    const returnId = ctx.newId('ret');
    if (input.orderId) await countReturnAgainstOrder(tx, input.orderId, input.lines, opts.actor);
    await applyMovements(
      tx,
      input.lines.map((l) => moves.return({ sku: l.sku, warehouse: input.warehouse }, l.qty, l.condition)),
      { at: now, reason: 'returned', orderId: input.orderId, reference: returnId, actor: opts.actor.id },
    );
    await tx.query(
      'insert into customer_returns (id, order_id, warehouse, lines, created_at) values ($1, $2, $3, $4, $5)',
      [returnId, input.orderId ?? null, input.warehouse, JSON.stringify(input.lines), now],
    );
    const rows = await positionsOfSkus(tx, [...new Set(input.lines.map((l) => l.sku))]);
    return {
      created: true,
      body: {
        returnId,
        orderId: input.orderId ?? null,
        warehouse: input.warehouse,
        lines: input.lines,
        returnedAt: now.toISOString(),
        positions: rows
          .filter((r) => r.warehouse === input.warehouse)
          .map((r) => ({ sku: r.sku, ...positionView(r) })),
      },
    };
  });
}

/** A customer can return at most what shipped to them, counted per SKU over the order's warehouses. */
async function countReturnAgainstOrder(
  tx: Transaction,
  orderId: string,
  lines: ReturnInput['lines'],
  actor: Actor,
) {
  await lockOrder(tx, orderId, actor);
  const allocations = await allocationsOf(tx, orderId);
  const wanted = new Map<string, number>();
  for (const l of lines) wanted.set(l.sku, (wanted.get(l.sku) ?? 0) + l.qty);
  for (const [sku, qty] of wanted) {
    let left = qty;
    for (const a of allocations.filter((x) => x.sku === sku)) {
      const take = Math.min(a.shipped - a.returned, left);
      if (take <= 0) continue;
      await tx.query(
        `update order_allocations set returned = returned + $4 where order_id = $1 and sku = $2 and warehouse = $3`,
        [orderId, sku, a.warehouse, take],
      );
      left -= take;
    }
    if (left > 0) {
      throw new DomainError(
        'return_exceeds_shipped',
        `order ${orderId} has fewer than ${qty} shipped and unreturned units of ${sku}`,
        {
          orderId,
          sku,
          requested: qty,
          returnable: qty - left,
        },
      );
    }
  }
}
