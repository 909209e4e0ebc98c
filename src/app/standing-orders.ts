/**
 * Standing orders (docs/standing-orders.md): a customer's repeat purchase, SKU lines delivered
 * from one warehouse on a schedule. Each delivery is reserved as an ordinary order
 * (`so:<id>:<day>`, so placing it twice is a replay) `reserveDaysAhead` days before its day, by
 * `reserveDueDeliveries`, which every server process runs in the background; several processes
 * share it by claiming standing orders with SKIP LOCKED and a short lease. Until a delivery is
 * reserved its units are committed future demand: `committedDemand`, replenishment's demand
 * outlook (src/app/replenishment.ts) and so the purchase suggestions.
 */
import { committedSql } from '../db/committed-demand.ts';
import type { Queryable } from '../db/database.ts';
import { DomainError, fail } from '../domain/errors.ts';
import { addDays, type IsoDate } from '../domain/forecast/series.ts';
import {
  DEFAULT_RESERVE_DAYS_AHEAD,
  deliveryOnOrAfter,
  deliveryOrderId,
  MAX_STANDING_ORDER_ID,
  nextStep,
  reserveOn,
  scheduleProblem,
  type Schedule,
  type StandingOrderStatus,
} from '../domain/standing-orders.ts';
import { readableWarehouses, requireRecordReadable, requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import { SYSTEM_ACTOR, type Actor, type AppContext, type Outcome } from './context.ts';
import { cancelOrder, placeOrder } from './orders.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';

/** How long a process may take to place one delivery's order before another may try. */
const CLAIM_SECONDS = 60;
/** After too little stock, the next attempt; until the delivery day passes. */
export const SHORT_RETRY_MS = 15 * 60_000;
/** Upcoming deliveries shown with a standing order. */
const UPCOMING = 5;
/** Past deliveries shown with a standing order, newest first. */
const HISTORY = 20;

export interface StandingOrderLine {
  sku: string;
  qty: number;
}

export interface StandingOrderInput {
  /** The customer's reference in the shop's own system. */
  customer: string;
  warehouse: string;
  channel?: string | null | undefined;
  lines: StandingOrderLine[];
  schedule: { startsOn: IsoDate; everyDays: number; endsOn?: IsoDate | null | undefined };
  reserveDaysAhead?: number | undefined;
  /** `paused`: no delivery is reserved until it is active again. */
  status?: 'active' | 'paused' | undefined;
}

export interface DeliveryRecord {
  deliveryOn: IsoDate;
  orderId: string | null;
  status: 'reserved' | 'short' | 'missed';
  /** For a short attempt: the error (code, message, details) the order met. */
  details: Record<string, unknown>;
  attempts: number;
  updatedAt: string;
}

export interface StandingOrder {
  id: string;
  customer: string;
  warehouse: string;
  channel: string | null;
  lines: StandingOrderLine[];
  schedule: Schedule;
  reserveDaysAhead: number;
  status: StandingOrderStatus;
  /** The first delivery not reserved yet; null when none is left. */
  nextDeliveryOn: IsoDate | null;
  /** The next deliveries not reserved yet, with the day each will be reserved. */
  upcoming: { deliveryOn: IsoDate; reserveOn: IsoDate; orderId: string }[];
  /** What happened to past and reserved deliveries, newest first. */
  deliveries: DeliveryRecord[];
  createdAt: string;
  updatedAt: string;
}

interface Row {
  id: string;
  customer: string;
  warehouse: string;
  channel: string | null;
  starts_on: string;
  every_days: number;
  ends_on: string | null;
  reserve_days_ahead: number;
  status: StandingOrderStatus;
  next_delivery_on: string | null;
  lines: StandingOrderLine[];
  created_at: Date;
  updated_at: Date;
}

const DAY = (column: string) => `to_char(${column}, 'YYYY-MM-DD')`;
const COLUMNS = `so.id, so.customer, so.warehouse, so.channel, ${DAY('so.starts_on')} as starts_on, so.every_days,
  ${DAY('so.ends_on')} as ends_on, so.reserve_days_ahead, so.status, ${DAY('so.next_delivery_on')} as next_delivery_on,
  (select coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'qty', l.qty) order by l.sku), '[]')
     from standing_order_lines l where l.standing_order = so.id) as lines,
  so.created_at, so.updated_at`;

const ymd = (d: Date): IsoDate => d.toISOString().slice(0, 10);
const scheduleOf = (r: Pick<Row, 'starts_on' | 'every_days' | 'ends_on'>): Schedule => ({
  startsOn: r.starts_on,
  everyDays: r.every_days,
  endsOn: r.ends_on,
});

function validate(id: string, input: StandingOrderInput): Schedule {
  if (id.length > MAX_STANDING_ORDER_ID) {
    fail('invalid_request', `a standing order id has at most ${MAX_STANDING_ORDER_ID} characters`, { id });
  }
  const schedule: Schedule = {
    startsOn: input.schedule.startsOn,
    everyDays: input.schedule.everyDays,
    endsOn: input.schedule.endsOn ?? null,
  };
  const problem = scheduleProblem(schedule);
  if (problem) fail('invalid_schedule', problem, { schedule });
  const skus = input.lines.map((l) => l.sku);
  const twice = skus.filter((s, i) => skus.indexOf(s) !== i);
  if (twice.length > 0) {
    fail('invalid_request', `each SKU may appear once: ${[...new Set(twice)].join(', ')}`, {
      skus: [...new Set(twice)],
    });
  }
  return schedule;
}

/**
 * The first delivery from today on that is not reserved yet. A delivery already reserved (its
 * order placed) stays reserved when the schedule or lines change; the change applies from the
 * next one.
 */
async function firstUnreserved(q: Queryable, id: string, schedule: Schedule, today: IsoDate) {
  const { rows } = await q.query<{ day: string }>(
    `select ${DAY('delivery_on')} as day from standing_order_deliveries
      where standing_order = $1 and delivery_on >= $2::date and status = 'reserved'`,
    [id, today],
  );
  const reserved = new Set(rows.map((r) => r.day));
  let next = deliveryOnOrAfter(schedule, today);
  while (next !== null && reserved.has(next)) next = deliveryOnOrAfter(schedule, addDays(next, 1));
  return next;
}

export async function putStandingOrder(
  ctx: AppContext,
  id: string,
  input: StandingOrderInput,
  actor: Actor,
): Promise<Outcome<StandingOrder>> {
  const schedule = validate(id, input);
  requireWarehouseAccess(actor, [input.warehouse]);
  await requireKnown(
    ctx.db,
    input.lines.map((l) => l.sku),
    [input.warehouse],
  );
  if (input.channel) {
    const { rows } = await ctx.db.query('select 1 from channels where code = $1', [input.channel]);
    if (rows.length === 0) fail('unknown_channel', `no channel ${input.channel}`, { channel: input.channel });
  }
  const now = ctx.clock();
  const status = input.status ?? 'active';
  const inserted = await ctx.db.transaction(async (tx) => {
    // Another warehouse for an existing one: a limited operator needs both.
    const { rows: before } = await tx.query<{ warehouse: string; status: string }>(
      'select warehouse, status from standing_orders where id = $1 for update',
      [id],
    );
    if (before[0]) {
      requireWarehouseAccess(actor, [before[0].warehouse]);
      if (before[0].status === 'cancelled') {
        fail('invalid_state', `standing order ${id} is cancelled`, { id, status: 'cancelled' });
      }
    }
    const next = await firstUnreserved(tx, id, schedule, ymd(now));
    const { rows } = await tx.query<{ inserted: boolean }>(
      `insert into standing_orders as so (id, customer, warehouse, channel, starts_on, every_days, ends_on,
                                           reserve_days_ahead, status, next_delivery_on, created_at, updated_at)
       values ($1, $2, $3, $4, $5::date, $6, $7::date, $8, $9, $10::date, $11, $11)
       on conflict (id) do update set customer = excluded.customer, warehouse = excluded.warehouse,
         channel = excluded.channel, starts_on = excluded.starts_on, every_days = excluded.every_days,
         ends_on = excluded.ends_on, reserve_days_ahead = excluded.reserve_days_ahead, status = excluded.status,
         next_delivery_on = excluded.next_delivery_on, claimed_until = null, retry_at = null,
         updated_at = excluded.updated_at
       where so.status <> 'cancelled'
       returning (xmax = 0) as inserted`,
      [
        id,
        input.customer,
        input.warehouse,
        input.channel ?? null,
        schedule.startsOn,
        schedule.everyDays,
        schedule.endsOn,
        input.reserveDaysAhead ?? DEFAULT_RESERVE_DAYS_AHEAD,
        status,
        next,
        now,
      ],
    );
    if (!rows[0]) fail('invalid_state', `standing order ${id} is cancelled`, { id, status: 'cancelled' });
    await tx.query('delete from standing_order_lines where standing_order = $1', [id]);
    await tx.query(
      `insert into standing_order_lines (standing_order, sku, qty)
       select $1, l.sku, l.qty from jsonb_to_recordset($2::jsonb) as l(sku text, qty int) order by l.sku`,
      [id, JSON.stringify(input.lines)],
    );
    return rows[0].inserted;
  });
  return { created: inserted, body: await getStandingOrder(ctx, id, actor) };
}

async function readRow(q: Queryable, id: string): Promise<Row | undefined> {
  const { rows } = await q.query<Row>(`select ${COLUMNS} from standing_orders so where so.id = $1`, [id]);
  return rows[0];
}

function toView(r: Row, deliveries: DeliveryRecord[]): StandingOrder {
  const schedule = scheduleOf(r);
  const upcoming: StandingOrder['upcoming'] = [];
  for (let d = r.status === 'active' ? r.next_delivery_on : null; d !== null && upcoming.length < UPCOMING;) {
    upcoming.push({
      deliveryOn: d,
      reserveOn: reserveOn(d, r.reserve_days_ahead),
      orderId: deliveryOrderId(r.id, d),
    });
    d = deliveryOnOrAfter(schedule, addDays(d, 1));
  }
  return {
    id: r.id,
    customer: r.customer,
    warehouse: r.warehouse,
    channel: r.channel,
    lines: r.lines,
    schedule,
    reserveDaysAhead: r.reserve_days_ahead,
    status: r.status,
    nextDeliveryOn: r.next_delivery_on,
    upcoming,
    deliveries,
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
  };
}

export async function getStandingOrder(ctx: AppContext, id: string, actor: Actor): Promise<StandingOrder> {
  const row = await readRow(ctx.db, id);
  if (!row) fail('unknown_standing_order', `no standing order ${id}`, { id });
  requireRecordReadable(actor, [row.warehouse]);
  const { rows } = await ctx.db.query<Omit<DeliveryRecord, 'updatedAt'> & { updatedAt: Date }>(
    `select ${DAY('delivery_on')} as "deliveryOn", order_id as "orderId", status, details, attempts,
            updated_at as "updatedAt"
       from standing_order_deliveries where standing_order = $1 order by delivery_on desc limit $2`,
    [id, HISTORY],
  );
  return toView(
    row,
    rows.map((d) => ({ ...d, updatedAt: d.updatedAt.toISOString() })),
  );
}

export interface StandingOrderListQuery {
  customer?: string | undefined;
  sku?: string | undefined;
  warehouse?: string | undefined;
  status?: StandingOrderStatus | undefined;
  cursor?: string | undefined;
  limit: number;
}

/** In id order; a limited operator sees its warehouses' only. Without their delivery history. */
export async function listStandingOrders(
  ctx: AppContext,
  q: StandingOrderListQuery,
  actor: Actor,
): Promise<Page<StandingOrder>> {
  const warehouses = readableWarehouses(actor, q.warehouse);
  const after = q.cursor ? decodeCursor(q.cursor, ['text'])[0] : null;
  const { rows } = await ctx.db.query<Row>(
    `select ${COLUMNS} from standing_orders so
      where ($1::text is null or so.id > $1)
        and ($2::text[] is null or so.warehouse = any($2::text[]))
        and ($3::text is null or so.customer = $3)
        and ($4::text is null or so.status = $4)
        and ($5::text is null or exists (select 1 from standing_order_lines l
                                          where l.standing_order = so.id and l.sku = $5))
      order by so.id limit $6`,
    [after, warehouses, q.customer ?? null, q.status ?? null, q.sku ?? null, q.limit + 1],
  );
  const items = rows.slice(0, q.limit).map((r) => toView(r, []));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null };
}

/**
 * Cancels a standing order: no further delivery is reserved, and the orders of deliveries still
 * to come are cancelled (their stock released); shipped ones stay as they are. Cancelling again
 * changes nothing.
 */
export async function cancelStandingOrder(ctx: AppContext, id: string, actor: Actor): Promise<StandingOrder> {
  const row = await readRow(ctx.db, id);
  if (!row) fail('unknown_standing_order', `no standing order ${id}`, { id });
  requireWarehouseAccess(actor, [row.warehouse]);
  const now = ctx.clock();
  await ctx.db.query(
    `update standing_orders set status = 'cancelled', next_delivery_on = null, claimed_until = null,
            retry_at = null, updated_at = $2
      where id = $1 and status <> 'cancelled'`,
    [id, now],
  );
  const { rows } = await ctx.db.query<{ order_id: string }>(
    `select order_id from standing_order_deliveries
      where standing_order = $1 and status = 'reserved' and delivery_on >= $2::date and order_id is not null`,
    [id, ymd(now)],
  );
  for (const r of rows) {
    try {
      await cancelOrder(ctx, r.order_id, { actor: SYSTEM_ACTOR });
    } catch (err) {
      // Shipped (or released) meanwhile: nothing left to release.
      if (!(err instanceof DomainError && err.code === 'invalid_state')) throw err;
    }
  }
  return getStandingOrder(ctx, id, actor);
}

interface Claimed {
  id: string;
  warehouse: string;
  channel: string | null;
  delivery_on: string;
  starts_on: string;
  every_days: number;
  ends_on: string | null;
  reserve_days_ahead: number;
  lines: StandingOrderLine[];
}

export interface ReservationRun {
  reserved: string[];
  short: string[];
  missed: string[];
  /** Standing orders claimed: when equal to the batch size, more may be waiting. */
  claimed: number;
}

async function record(
  q: Queryable,
  c: Claimed,
  outcome: { status: DeliveryRecord['status']; orderId: string | null; details: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await q.query(
    `insert into standing_order_deliveries as d (standing_order, delivery_on, order_id, status, details, attempts, updated_at)
     values ($1, $2::date, $3, $4, $5::jsonb, 1, $6)
     on conflict (standing_order, delivery_on) do update set order_id = excluded.order_id,
       status = excluded.status,
       -- A delivery missed after short attempts keeps what the last attempt met.
       details = case when excluded.status = 'missed' then d.details else excluded.details end,
       attempts = d.attempts + case when excluded.status = 'missed' then 0 else 1 end,
       updated_at = excluded.updated_at`,
    [c.id, c.delivery_on, outcome.orderId, outcome.status, JSON.stringify(outcome.details), now],
  );
}

/** Moves on to the following delivery, unless the standing order was changed meanwhile. */
async function advance(q: Queryable, c: Claimed): Promise<void> {
  const following = deliveryOnOrAfter(
    { startsOn: c.starts_on, everyDays: c.every_days, endsOn: c.ends_on },
    addDays(c.delivery_on, 1),
  );
  await q.query(
    `update standing_orders set next_delivery_on = $3::date, claimed_until = null, retry_at = null
      where id = $1 and next_delivery_on = $2::date and status = 'active'`,
    [c.id, c.delivery_on, following],
  );
}

/**
 * Reserves the deliveries whose reservation day has come, one per standing order per pass (the
 * loop runs passes until none is left). A delivery whose stock is short is tried again every
 * SHORT_RETRY_MS until its day, then recorded as missed; the standing order moves on either way.
 */
export async function reserveDueDeliveries(ctx: AppContext, batchSize = 50): Promise<ReservationRun> {
  const now = ctx.clock();
  const today = ymd(now);
  const { rows } = await ctx.db.query<Claimed>(
    `update standing_orders so set claimed_until = $2::timestamptz + make_interval(secs => $4)
      where so.id in (
        select id from standing_orders
         where status = 'active' and next_delivery_on is not null
           and next_delivery_on - reserve_days_ahead <= $1::date
           and (claimed_until is null or claimed_until < $2)
           and (retry_at is null or retry_at <= $2 or next_delivery_on < $1::date)
         order by next_delivery_on, id limit $3
         for update skip locked)
      returning so.id, so.warehouse, so.channel, ${DAY('so.next_delivery_on')} as delivery_on,
        ${DAY('so.starts_on')} as starts_on, so.every_days, ${DAY('so.ends_on')} as ends_on, so.reserve_days_ahead,
        (select coalesce(jsonb_agg(jsonb_build_object('sku', l.sku, 'qty', l.qty) order by l.sku), '[]')
           from standing_order_lines l where l.standing_order = so.id) as lines`,
    [today, now, batchSize, CLAIM_SECONDS],
  );
  const run: ReservationRun = { reserved: [], short: [], missed: [], claimed: rows.length };
  for (const c of rows) {
    const orderId = deliveryOrderId(c.id, c.delivery_on);
    const step = nextStep(c.delivery_on, c.reserve_days_ahead, today);
    if (step === 'missed') {
      await ctx.db.transaction(async (tx) => {
        await record(tx, c, { status: 'missed', orderId: null, details: {} }, now);
        await advance(tx, c);
      });
      run.missed.push(orderId);
      continue;
    }
    if (step === 'wait' || c.lines.length === 0) {
      await ctx.db.query('update standing_orders set claimed_until = null where id = $1', [c.id]);
      continue;
    }
    let outcome: Parameters<typeof record>[2];
    try {
      await placeOrder(
        ctx,
        {
          orderId,
          lines: c.lines.map((l) => ({ sku: l.sku, qty: l.qty, warehouse: c.warehouse })),
          channel: c.channel ?? undefined,
        },
        { actor: SYSTEM_ACTOR },
      );
      outcome = { status: 'reserved', orderId, details: {} };
    } catch (err) {
      if (!(err instanceof DomainError) || err.code === 'database_unavailable') throw err;
      // The order id is taken with other lines: the lines changed after this delivery's order
      // was placed (and before it was recorded). That order is the delivery's.
      if (err.code === 'idempotency_key_reused') outcome = { status: 'reserved', orderId, details: {} };
      else
        outcome = {
          status: 'short',
          orderId: null,
          details: { code: err.code, message: err.message, ...err.details },
        };
    }
    if (outcome.status === 'reserved') {
      await ctx.db.transaction(async (tx) => {
        await record(tx, c, outcome, now);
        await advance(tx, c);
      });
      run.reserved.push(orderId);
    } else {
      await ctx.db.transaction(async (tx) => {
        await record(tx, c, outcome, now);
        await tx.query(
          `update standing_orders set claimed_until = null, retry_at = $3
            where id = $1 and next_delivery_on = $2::date`,
          [c.id, c.delivery_on, new Date(now.getTime() + SHORT_RETRY_MS)],
        );
      });
      run.short.push(orderId);
    }
  }
  return run;
}

export interface CommittedDay {
  sku: string;
  warehouse: string;
  deliveryOn: IsoDate;
  units: number;
}

/** The committed-demand list answers at most this many deliveries (per SKU, warehouse and day). */
const MAX_COMMITTED_ROWS = 10_000;

/**
 * Committed future demand: per SKU, warehouse and day, the units of standing-order deliveries
 * from today to `days` days on that are not reserved yet (reserved ones are in `reserved`
 * already). A limited operator sees its warehouses' only.
 */
export async function committedDemand(
  ctx: AppContext,
  q: { sku?: string | undefined; warehouse?: string | undefined; days: number },
  actor: Actor,
): Promise<{
  from: IsoDate;
  to: IsoDate;
  items: CommittedDay[];
  totals: { sku: string; warehouse: string; units: number }[];
}> {
  const warehouses = readableWarehouses(actor, q.warehouse);
  await requireKnown(ctx.db, q.sku ? [q.sku] : [], q.warehouse ? [q.warehouse] : []);
  const from = ymd(ctx.clock());
  const to = addDays(from, q.days - 1);
  const { rows } = await ctx.db.query<{ sku: string; warehouse: string; day: string; units: number }>(
    `select c.sku, c.warehouse, ${DAY('c.day')} as day, c.units::float8 as units
       from (${committedSql('$1', '$2')}) c
      where ($3::text is null or c.sku = $3) and ($4::text[] is null or c.warehouse = any($4::text[]))
      order by c.sku, c.warehouse, c.day
      limit ${MAX_COMMITTED_ROWS}`,
    [from, to, q.sku ?? null, warehouses],
  );
  const items = rows.map((r) => ({ sku: r.sku, warehouse: r.warehouse, deliveryOn: r.day, units: r.units }));
  const totals = new Map<string, { sku: string; warehouse: string; units: number }>();
  for (const i of items) {
    const key = `${i.sku}\0${i.warehouse}`;
    const t = totals.get(key) ?? { sku: i.sku, warehouse: i.warehouse, units: 0 };
    t.units += i.units;
    totals.set(key, t);
  }
  return { from, to, items, totals: [...totals.values()] };
}
