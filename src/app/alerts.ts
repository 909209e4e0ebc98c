/**
 * The alert evaluator. Incrementally, it follows the event log (`stock.changed` since its
 * stored cursor) and re-evaluates the positions those events touched; periodically, a full
 * sweep re-evaluates every position, shipped transfer and timed lock, which catches the
 * time-based kinds (dead stock, overstock, overdue transfers, expiring locks) and rule changes.
 * Each pass opens alerts for conditions that started and resolves those whose condition ended,
 * writing `alert.opened` / `alert.resolved` in the same transaction. A partial unique index
 * (013_alerts.sql) keeps one unresolved alert per (kind, subject) whatever the concurrency; an
 * advisory lock keeps evaluators in several processes from racing at all.
 */
import { sellableSql } from '../db/stock.ts';
import type { Transaction } from '../db/database.ts';
import { emitEvents, lastSeq, type NewEvent } from '../db/events.ts';
import {
  ageingConditions,
  capacityConditions,
  DEFAULT_AGEING_ALERT_DAYS,
  lateOrderConditions,
  lockConditions,
  missedDeliveryConditions,
  POSITION_KINDS,
  positionConditions,
  reconcile,
  resolveThresholds,
  transferConditions,
  DEMAND_WINDOW_DAYS,
  type ActiveAlert,
  type AlertKind,
  type Condition,
  type ScopedRule,
  type StandingOrderFacts,
} from '../domain/alerts.ts';
import { advanceFollower, claimFollower, followerBehind, tryExclusive } from './alert-follower.ts';
import { startDrainLoop } from './background.ts';
import type { AppContext } from './context.ts';
import { resolveRecoveredOversold } from './oversold.ts';

/** Serialises evaluators across processes; the value is arbitrary but fixed. */
const EVALUATOR_LOCK = 7_302_119;
const FOLLOWER = 'alerts';
/** How many log positions one incremental pass reads. */
export const ALERT_BATCH = 5000;

export interface RuleRow {
  sku: string | null;
  warehouse: string | null;
  low_stock_threshold: number | null;
  reorder_point: number | null;
  dead_stock_days: number | null;
  overstock_days: number | null;
  transfer_overdue_days: number | null;
  lock_expiring_hours: number | null;
}

/** A stored rule's thresholds, each null where the rule leaves it to a wider one. */
export const ruleValues = (r: RuleRow) => ({
  lowStockThreshold: r.low_stock_threshold,
  reorderPoint: r.reorder_point,
  deadStockDays: r.dead_stock_days,
  overstockDays: r.overstock_days,
  transferOverdueDays: r.transfer_overdue_days,
  lockExpiringHours: r.lock_expiring_hours,
});

export async function loadRules(q: Transaction | AppContext['db']): Promise<ScopedRule[]> {
  const { rows } = await q.query<RuleRow>('select * from alert_rules');
  return rows.map((r) => ({ sku: r.sku, warehouse: r.warehouse, ...ruleValues(r) }));
}

type Positions = { skus: string[]; warehouses: string[] } | null;

interface FactsRow {
  sku: string;
  warehouse: string;
  on_hand: number;
  sellable: number;
  open_oversold: boolean;
  last_sale_at: Date | null;
  first_at: Date | null;
  demand: number;
}

async function positionFacts(tx: Transaction, now: Date, positions: Positions): Promise<FactsRow[]> {
  // The demand of the window is read from the daily counts the functions that write reserve
  // movements keep (`position_demand_days`, migration 044): at most one row per day, where summing the reserve
  // movements cost one row per order, every pass, for every position the log touched (28% of
  // the database's active time under a stream of orders on one SKU, issue 15). The window is
  // whole UTC days: today so far and the DEMAND_WINDOW_DAYS - 1 days before it.
  const { rows } = await tx.query<FactsRow>(
    `select p.sku, p.warehouse, p.on_hand,
       ${sellableSql('p')} as sellable,
       exists (select 1 from oversold_events o
               where o.sku = p.sku and o.warehouse = p.warehouse and o.resolved_at is null) as open_oversold,
       (select max(m.at) from movements m
        where m.sku = p.sku and m.warehouse = p.warehouse and m.type = 'reserve') as last_sale_at,
       (select min(m.at) from movements m where m.sku = p.sku and m.warehouse = p.warehouse) as first_at,
       (select coalesce(sum(d.units), 0) from position_demand_days d
        where d.sku = p.sku and d.warehouse = p.warehouse
          and d.day > ($1::timestamptz at time zone 'UTC')::date - $4::int) as demand
     from stock_positions p
     where $2::text[] is null or (p.sku, p.warehouse) in (select * from unnest($2::text[], $3::text[]))`,
    [now, positions?.skus ?? null, positions?.warehouses ?? null, DEMAND_WINDOW_DAYS],
  );
  return rows;
}

async function activeAlerts(
  tx: Transaction,
  kinds: readonly AlertKind[],
  positions: Positions,
): Promise<ActiveAlert[]> {
  const { rows } = await tx.query<ActiveAlert>(
    `select id, kind, subject from alerts
     where status <> 'resolved' and kind = any($1::text[])
       and ($2::text[] is null or (sku, warehouse) in (select * from unnest($2::text[], $3::text[])))
     order by id for update`,
    [kinds, positions?.skus ?? null, positions?.warehouses ?? null],
  );
  return rows;
}

interface AlertRow {
  id: string;
  kind: string;
  subject: string;
  sku: string | null;
  warehouse: string | null;
  details: Record<string, unknown>;
}

const alertEvent = (type: 'alert.opened' | 'alert.resolved', a: AlertRow): NewEvent => ({
  type,
  stream: `alert:${a.id}`,
  data: {
    alertId: a.id,
    kind: a.kind,
    subject: a.subject,
    sku: a.sku,
    warehouse: a.warehouse,
    details: a.details,
  },
});

/** Opens and resolves as `reconcile` says, with their events, in the caller's transaction. */
async function apply(
  ctx: AppContext,
  tx: Transaction,
  now: Date,
  active: ActiveAlert[],
  holding: Condition[],
): Promise<{ opened: number; resolved: number }> {
  const { open, resolve } = reconcile(active, holding);
  const events: NewEvent[] = [];
  // Resolutions first: an ended condition is announced before its successor opens.
  if (resolve.length > 0) {
    const { rows } = await tx.query<AlertRow>(
      `update alerts set status = 'resolved', resolved_at = $2
       where id = any($1::text[]) and status <> 'resolved'
       returning id, kind, subject, sku, warehouse, details`,
      [resolve.map((a) => a.id), now],
    );
    rows.sort((a, b) => (a.id < b.id ? -1 : 1));
    events.push(...rows.map((r) => alertEvent('alert.resolved', r)));
  }
  for (const c of open) {
    const { rows } = await tx.query<AlertRow>(
      `insert into alerts (id, kind, subject, sku, warehouse, status, details, opened_at)
       values ($1, $2, $3, $4, $5, 'open', $6, $7)
       on conflict (kind, subject) where status <> 'resolved' do nothing
       returning id, kind, subject, sku, warehouse, details`,
      [ctx.newId('alr'), c.kind, c.subject, c.sku, c.warehouse, JSON.stringify(c.details), now],
    );
    if (rows[0]) events.push(alertEvent('alert.opened', rows[0]));
  }
  await emitEvents(tx, now, events);
  return {
    opened: events.filter((e) => e.type === 'alert.opened').length,
    resolved: events.filter((e) => e.type === 'alert.resolved').length,
  };
}

/** Re-evaluates the position kinds of the given positions (null: all of them). */
async function evaluatePositions(
  ctx: AppContext,
  tx: Transaction,
  now: Date,
  rules: ScopedRule[],
  positions: Positions,
) {
  await resolveRecoveredOversold(tx, now, positions);
  const facts = await positionFacts(tx, now, positions);
  const holding = facts.flatMap((f) =>
    positionConditions(
      {
        sku: f.sku,
        warehouse: f.warehouse,
        onHand: f.on_hand,
        sellable: f.sellable,
        openOversold: f.open_oversold,
        lastSaleAt: f.last_sale_at,
        firstMovementAt: f.first_at,
        demandUnits: f.demand,
      },
      resolveThresholds(rules, f.sku, f.warehouse),
      now,
    ),
  );
  return apply(ctx, tx, now, await activeAlerts(tx, POSITION_KINDS, positions), holding);
}

async function evaluateTransfers(ctx: AppContext, tx: Transaction, now: Date, rules: ScopedRule[]) {
  const { rows } = await tx.query<{
    transfer_id: string;
    from_warehouse: string;
    to_warehouse: string;
    first_shipped_at: Date | null;
    in_transit: number;
  }>(
    `select t.transfer_id, t.from_warehouse, t.to_warehouse,
       (select min((e->>'at')::timestamptz) from jsonb_array_elements(t.events) e
        where e->>'type' = 'ship') as first_shipped_at,
       (select coalesce(sum(l.shipped - l.received - l.damaged - l.lost), 0) from transfer_lines l
        where l.transfer_id = t.transfer_id) as in_transit
     from transfers t where t.status in ('partially_shipped', 'in_transit')`,
  );
  const holding = rows.flatMap((r) =>
    r.first_shipped_at
      ? transferConditions(
          {
            transferId: r.transfer_id,
            from: r.from_warehouse,
            to: r.to_warehouse,
            firstShippedAt: r.first_shipped_at,
            inTransit: r.in_transit,
          },
          resolveThresholds(rules, null, r.to_warehouse),
          now,
        )
      : [],
  );
  return apply(ctx, tx, now, await activeAlerts(tx, ['transfer_overdue'], null), holding);
}

async function evaluateLocks(ctx: AppContext, tx: Transaction, now: Date, rules: ScopedRule[]) {
  const { rows } = await tx.query<{
    id: string;
    sku: string;
    warehouse: string;
    locked: number;
    until: Date;
  }>(
    'select id, sku, warehouse, locked, until from stock_locks where released_at is null and until is not null',
  );
  const holding = rows.flatMap((l) =>
    lockConditions(
      { lockId: l.id, sku: l.sku, warehouse: l.warehouse, locked: l.locked, until: l.until },
      resolveThresholds(rules, l.sku, l.warehouse),
      now,
    ),
  );
  return apply(ctx, tx, now, await activeAlerts(tx, ['lock_expiring'], null), holding);
}

/** Purchase orders past their expected time with units still open. */
async function evaluatePurchaseOrders(ctx: AppContext, tx: Transaction, now: Date) {
  const { rows } = await tx.query<{
    po_id: string;
    supplier: string;
    warehouse: string;
    expected_at: Date;
    lines: { sku: string; open: number; sellable: number }[];
  }>(
    `select po.po_id, po.supplier, po.warehouse, po.expected_at,
       (select coalesce(json_agg(json_build_object(
                 'sku', l.sku, 'open', greatest(l.ordered - l.received, 0),
                 'sellable', coalesce((select ${sellableSql('p')} from stock_positions p
                                        where p.sku = l.sku and p.warehouse = po.warehouse), 0))
               order by l.sku), '[]')
          from purchase_order_lines l where l.po_id = po.po_id) as lines
     from purchase_orders po
     where po.status in ('open', 'partially_received') and po.expected_at < $1`,
    [now],
  );
  const holding = rows.flatMap((r) =>
    lateOrderConditions(
      {
        poId: r.po_id,
        supplier: r.supplier,
        warehouse: r.warehouse,
        expectedAt: r.expected_at,
        lines: r.lines,
      },
      now,
    ),
  );
  return apply(ctx, tx, now, await activeAlerts(tx, ['purchase_order_late'], null), holding);
}

/** Warehouses with a capacity: units on hand, and litres on hand, against it. */
async function evaluateCapacity(ctx: AppContext, tx: Transaction, now: Date) {
  const { rows } = await tx.query<{
    code: string;
    on_hand: number;
    volume_litres: number;
    skus_without_volume: number;
    capacity_units: number | null;
    capacity_litres: number | null;
    capacity_alert_percent: number | null;
  }>(
    `select w.code, coalesce(sum(p.on_hand), 0)::float8 as on_hand,
            coalesce(sum(p.on_hand * k.volume_litres), 0)::float8 as volume_litres,
            count(*) filter (where p.on_hand > 0 and k.volume_litres is null)::int as skus_without_volume,
            w.capacity_units::float8 as capacity_units, w.capacity_litres::float8 as capacity_litres,
            w.capacity_alert_percent
       from warehouses w
       left join stock_positions p on p.warehouse = w.code
       left join skus k on k.sku = p.sku
      where w.capacity_units is not null or w.capacity_litres is not null
      group by w.code, w.capacity_units, w.capacity_litres, w.capacity_alert_percent`,
  );
  const holding = rows.flatMap((r) =>
    capacityConditions({
      warehouse: r.code,
      onHand: r.on_hand,
      capacityUnits: r.capacity_units,
      volumeLitres: r.volume_litres,
      capacityLitres: r.capacity_litres,
      skusWithoutVolume: r.skus_without_volume,
      capacityAlertPercent: r.capacity_alert_percent,
    }),
  );
  return apply(ctx, tx, now, await activeAlerts(tx, ['warehouse_near_capacity'], null), holding);
}

/**
 * Positions holding units older than their warehouse's ageing days. The units on hand are the
 * latest arrivals (FIFO, as in the ageing report); only positions whose oldest such layer is
 * past the smallest threshold in use are read in full.
 */
async function evaluateAgeing(ctx: AppContext, tx: Transaction, now: Date) {
  const { rows } = await tx.query<{
    sku: string;
    warehouse: string;
    ageing_alert_days: number | null;
    layers: { at: string; units: number }[];
  }>(
    `with inbound as (
       select p.sku, p.warehouse, p.on_hand, m.at, m.d_on_hand as q,
              sum(m.d_on_hand) over (partition by m.sku, m.warehouse order by m.at desc, m.id desc) as cum
         from stock_positions p
         join movements m on m.sku = p.sku and m.warehouse = p.warehouse and m.d_on_hand > 0
        where p.on_hand > 0),
     layers as (
       select sku, warehouse, at, least(q, on_hand - (cum - q)) as units from inbound where cum - q < on_hand)
     select l.sku, l.warehouse, w.ageing_alert_days,
            json_agg(json_build_object('at', l.at, 'units', l.units) order by l.at) as layers
       from layers l join warehouses w on w.code = l.warehouse
      group by l.sku, l.warehouse, w.ageing_alert_days
     having min(l.at) < $1::timestamptz - make_interval(days => coalesce(w.ageing_alert_days, $2))`,
    [now, DEFAULT_AGEING_ALERT_DAYS],
  );
  const holding = rows.flatMap((r) =>
    ageingConditions(
      {
        sku: r.sku,
        warehouse: r.warehouse,
        ageingAlertDays: r.ageing_alert_days,
        layers: r.layers.map((l) => ({ at: new Date(l.at), units: Number(l.units) })),
      },
      now,
    ),
  );
  return apply(ctx, tx, now, await activeAlerts(tx, ['stock_ageing'], null), holding);
}

/** Deliveries of a standing order looked at: a miss further back was followed by a reserved one. */
const RECENT_DELIVERIES = 20;

/**
 * Active standing orders with a delivery missed and none reserved since (docs/standing-orders.md).
 * Paused and cancelled ones are not watched: someone already chose not to deliver.
 */
async function evaluateStandingOrders(ctx: AppContext, tx: Transaction, now: Date) {
  const { rows } = await tx.query<{
    id: string;
    customer: string;
    warehouse: string;
    next_delivery_on: string | null;
    deliveries: StandingOrderFacts['deliveries'];
    lines: StandingOrderFacts['lines'];
  }>(
    `select so.id, so.customer, so.warehouse, to_char(so.next_delivery_on, 'YYYY-MM-DD') as next_delivery_on,
       (select coalesce(json_agg(json_build_object('deliveryOn', to_char(d.delivery_on, 'YYYY-MM-DD'),
                 'outcome', case when d.status = 'reserved' and o.status = 'released' then 'released' else d.status end,
                 'code', d.details->>'code')), '[]')
          from (select * from standing_order_deliveries d where d.standing_order = so.id
                 order by d.delivery_on desc limit $2) d
          left join orders o on o.order_id = d.order_id) as deliveries,
       (select coalesce(json_agg(json_build_object('sku', l.sku, 'qty', l.qty,
                 'sellable', coalesce((select ${sellableSql('p')} from stock_positions p
                                        where p.sku = l.sku and p.warehouse = so.warehouse), 0))
               order by l.sku), '[]')
          from standing_order_lines l where l.standing_order = so.id) as lines
     from standing_orders so
     where so.status = 'active'
       and (so.next_delivery_on < $1::date
            or exists (select 1 from standing_order_deliveries d
                        where d.standing_order = so.id and d.status <> 'reserved' and d.delivery_on < $1::date)
            or exists (select 1 from standing_order_deliveries d join orders o on o.order_id = d.order_id
                        where d.standing_order = so.id and o.status = 'released' and d.delivery_on < $1::date))`,
    [now.toISOString().slice(0, 10), RECENT_DELIVERIES],
  );
  const today = now.toISOString().slice(0, 10);
  const holding = rows.flatMap((r) =>
    missedDeliveryConditions(
      {
        id: r.id,
        customer: r.customer,
        warehouse: r.warehouse,
        nextDeliveryOn: r.next_delivery_on,
        deliveries: r.deliveries,
        lines: r.lines,
      },
      today,
    ),
  );
  return apply(ctx, tx, now, await activeAlerts(tx, ['standing_order_missed'], null), holding);
}

export interface PassResult {
  opened: number;
  resolved: number;
}

const add = (a: PassResult, b: PassResult): PassResult => ({
  opened: a.opened + b.opened,
  resolved: a.resolved + b.resolved,
});

/**
 * One incremental pass: the positions touched by `stock.changed` events since the stored
 * cursor, up to ALERT_BATCH log positions. Resolves `more: true` when the log goes on.
 */
export async function alertPass(ctx: AppContext): Promise<PassResult & { more: boolean }> {
  if (!(await followerBehind(ctx.db, FOLLOWER))) return { opened: 0, resolved: 0, more: false };
  return ctx.db.transaction(async (tx) => {
    if (!(await tryExclusive(tx, EVALUATOR_LOCK))) return { opened: 0, resolved: 0, more: false };
    const after = await claimFollower(tx, FOLLOWER);
    const upTo = Math.min(await lastSeq(tx), after + ALERT_BATCH);
    if (upTo <= after) return { opened: 0, resolved: 0, more: false };
    const { rows } = await tx.query<{ sku: string; warehouse: string }>(
      `select distinct data->>'sku' as sku, data->>'warehouse' as warehouse from events
       where seq > $1 and seq <= $2 and type = 'stock.changed' order by 1, 2`,
      [after, upTo],
    );
    let result = { opened: 0, resolved: 0 };
    if (rows.length > 0) {
      const now = ctx.clock();
      result = await evaluatePositions(ctx, tx, now, await loadRules(tx), {
        skus: rows.map((r) => r.sku),
        warehouses: rows.map((r) => r.warehouse),
      });
    }
    await advanceFollower(tx, FOLLOWER, upTo);
    return { ...result, more: upTo < (await lastSeq(tx)) };
  });
}

/** The full sweep: every position, every shipped transfer, every lock with an `until`. */
export async function alertSweep(ctx: AppContext): Promise<PassResult> {
  return ctx.db.transaction(async (tx) => {
    if (!(await tryExclusive(tx, EVALUATOR_LOCK))) return { opened: 0, resolved: 0 };
    return sweepIn(ctx, tx, ctx.clock());
  });
}

/**
 * A sweep is skipped when one began less than this share of the interval ago: timers of several
 * processes fire at unrelated moments, and one that fires a little early must not skip a whole
 * interval.
 */
const SWEEP_DUE_SHARE = 0.9;

/**
 * The scheduled sweep: runs unless any process swept less than about `intervalMs` ago, so that
 * N server processes sweep the catalogue once an interval, not N times. Claiming the run and
 * checking that it is due are one conditional upsert. Resolves null when it did not sweep.
 */
export async function alertSweepIfDue(ctx: AppContext, intervalMs: number): Promise<PassResult | null> {
  return ctx.db.transaction(async (tx) => {
    if (!(await tryExclusive(tx, EVALUATOR_LOCK))) return null;
    const now = ctx.clock();
    const { rows } = await tx.query(
      `insert into background_runs (name, last_run_at) values ('alert_sweep', $1)
       on conflict (name) do update set last_run_at = excluded.last_run_at
         where background_runs.last_run_at <= $2
       returning name`,
      [now, new Date(now.getTime() - intervalMs * SWEEP_DUE_SHARE)],
    );
    if (rows.length === 0) return null;
    return sweepIn(ctx, tx, now);
  });
}

async function sweepIn(ctx: AppContext, tx: Transaction, now: Date): Promise<PassResult> {
  const rules = await loadRules(tx);
  let result = await evaluatePositions(ctx, tx, now, rules, null);
  result = add(result, await evaluateTransfers(ctx, tx, now, rules));
  result = add(result, await evaluatePurchaseOrders(ctx, tx, now));
  result = add(result, await evaluateCapacity(ctx, tx, now));
  result = add(result, await evaluateAgeing(ctx, tx, now));
  result = add(result, await evaluateStandingOrders(ctx, tx, now));
  return add(result, await evaluateLocks(ctx, tx, now, rules));
}

/**
 * Incremental passes every `intervalMs`, a full sweep every `sweepIntervalMs` (and at start), by
 * whichever process's timer finds it due (`alertSweepIfDue`).
 */
export function startAlertEvaluator(
  ctx: AppContext,
  options: { intervalMs: number; sweepIntervalMs: number; onError: (err: unknown) => void },
): { stop: () => Promise<void> } {
  const incremental = startDrainLoop({
    intervalMs: options.intervalMs,
    drainBatch: async () => (await alertPass(ctx)).more,
    onError: options.onError,
  });
  let firstSweep: Promise<unknown> = Promise.resolve();
  const sweep = startDrainLoop({
    intervalMs: options.sweepIntervalMs,
    drainBatch: async () => {
      await alertSweepIfDue(ctx, options.sweepIntervalMs);
      return false;
    },
    onError: options.onError,
  });
  // The first sweep soon after start, not a whole interval later.
  const first = setTimeout(() => {
    firstSweep = alertSweepIfDue(ctx, options.sweepIntervalMs).catch(options.onError);
  }, options.intervalMs);
  first.unref();
  return {
    async stop() {
      clearTimeout(first);
      await firstSweep;
      await incremental.stop();
      await sweep.stop();
    },
  };
}
