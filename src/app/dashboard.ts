/**
 * Read models for the dashboard: a sortable, filterable SKU list with stock totals, the
 * overview counters and a time series. Reads only; every number is derived from the same
 * tables the rest of the API writes (positions, ledger, orders, shipments, alerts, transfers).
 */
import { oversoldSql, purchasableSql, sellableSql } from '../db/stock.ts';
import { fail } from '../domain/errors.ts';
import { positionKey } from '../domain/keys.ts';
import { readableWarehouses } from './access.ts';
import { categoryAndDescendants, inCategoriesSql } from './categories.ts';
import { SYSTEM_ACTOR, type Actor, type AppContext } from './context.ts';
import { CURRENCY_SQL, shopCurrency } from './shop.ts';
import { DAY_MS, HOUR_MS } from '../domain/time.ts';

export const SKU_SORTS = ['sku', 'name', 'sellable', 'onHand', 'reserved', 'unsellable', 'value'] as const;
export type SkuSort = (typeof SKU_SORTS)[number];
export const SKU_STATES = ['out', 'low', 'overstock'] as const;
export type SkuState = (typeof SKU_STATES)[number];

export interface SkuSummaryQuery {
  search?: string | undefined;
  warehouse?: string | undefined;
  channel?: string | undefined;
  /** Only SKUs in this category or one under it (directly or through their product). */
  category?: string | undefined;
  state?: SkuState | undefined;
  sort: SkuSort;
  desc: boolean;
  offset: number;
  limit: number;
}

export interface SkuSummary {
  sku: string;
  name: string;
  price: number | null;
  unitCost: number | null;
  onHand: number;
  reserved: number;
  unsellable: number;
  locked: number;
  transferReserved: number;
  virtual: number;
  /** Sellable across the warehouses in scope: oversold positions count 0 here (see `oversold`). */
  sellable: number;
  /** Units sold beyond stock at oversold positions in scope. */
  oversold: number;
  value: number;
  openAlerts: number;
}

/** The whole filtered list's figures (every page, not the one shown), summed as its rows are. */
export interface SkuListTotals {
  skus: number;
  sellable: number;
  onHand: number;
  reserved: number;
  unsellable: number;
  value: number;
}

interface ListTotalsColumns {
  totalSellable: number;
  totalOnHand: number;
  totalReserved: number;
  totalUnsellable: number;
  totalValue: number;
}

/** The SQL expression of each sort key; a fixed list, so user input never reaches the SQL text. */
const SORT_SQL: Record<SkuSort, string> = {
  sku: 's.sku',
  name: 's.name',
  sellable: 'sellable',
  onHand: '"onHand"',
  reserved: 'reserved',
  unsellable: 'unsellable',
  value: 'value',
};

const PURCHASABLE = purchasableSql('p');
const OVERSOLD = oversoldSql('p');

/** The warehouses in scope: one named warehouse, a channel's warehouses, or all (null). */
async function scopeWarehouses(
  ctx: AppContext,
  q: { warehouse?: string | undefined; channel?: string | undefined },
): Promise<string[] | null> {
  let scope: string[] | null = q.warehouse ? [q.warehouse] : null;
  if (q.channel) {
    const { rows } = await ctx.db.query<{ warehouses: string[] | null }>(
      'select warehouses from channels where code = $1',
      [q.channel],
    );
    if (!rows[0]) fail('unknown_channel', `no channel ${q.channel}`, { channel: q.channel });
    const of = rows[0].warehouses;
    if (of) scope = scope ? scope.filter((w) => of.includes(w)) : of;
  }
  return scope;
}

/**
 * SKUs with their stock summed over the warehouses in scope, searched, filtered by state and
 * sorted on the server. Paged by offset, not cursor: a table sorted by any column jumps to a
 * page, and the total tells how many pages there are.
 */
export async function listSkuSummaries(
  ctx: AppContext,
  q: SkuSummaryQuery,
  actor: Actor = SYSTEM_ACTOR,
): Promise<{
  items: SkuSummary[];
  total: number;
  totals: SkuListTotals;
  offset: number;
  limit: number;
  currency: string;
}> {
  // A limited operator sees its warehouses' stock only, and is refused another one by name.
  const readable = readableWarehouses(actor, q.warehouse);
  const named = await scopeWarehouses(ctx, q);
  const scope = readable ? (named ?? readable).filter((w) => readable.includes(w)) : named;
  const search = q.search?.trim() ? `%${q.search.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%` : null;
  const categories = q.category ? await categoryAndDescendants(ctx.db, q.category) : null;
  const stateSql: Record<SkuState, string> = {
    out: 'coalesce(t.sellable, 0) <= 0',
    low: `exists (select 1 from alerts a where a.sku = s.sku and a.kind = 'low_stock'
            and a.status <> 'resolved' and ($2::text[] is null or a.warehouse = any($2)))`,
    overstock: `exists (select 1 from alerts a where a.sku = s.sku and a.kind = 'overstock'
            and a.status <> 'resolved' and ($2::text[] is null or a.warehouse = any($2)))`,
  };
  const { rows } = await ctx.db.query<SkuSummary & { total: number } & ListTotalsColumns>(
    `with totals as (
       select p.sku,
              sum(p.on_hand)::float8 as on_hand, sum(p.reserved)::float8 as reserved,
              sum(p.damaged + p.qc_pending)::float8 as unsellable, sum(p.locked)::float8 as locked,
              sum(p.transfer_reserved)::float8 as transfer_reserved, sum(p.virtual)::float8 as virtual,
              sum(${PURCHASABLE})::float8 as sellable, sum(${OVERSOLD})::float8 as oversold
         from stock_positions p
        where $2::text[] is null or p.warehouse = any($2)
        group by p.sku),
     alerts_open as (
       select sku, count(*)::int as n from alerts
        where status = 'open' and sku is not null and ($2::text[] is null or warehouse = any($2))
        group by sku)
     select s.sku, s.name, s.price::float8 as price, s.unit_cost::float8 as "unitCost",
            coalesce(t.on_hand, 0) as "onHand", coalesce(t.reserved, 0) as reserved,
            coalesce(t.unsellable, 0) as unsellable, coalesce(t.locked, 0) as locked,
            coalesce(t.transfer_reserved, 0) as "transferReserved", coalesce(t.virtual, 0) as virtual,
            coalesce(t.sellable, 0) as sellable, coalesce(t.oversold, 0) as oversold,
            coalesce(t.on_hand, 0) * coalesce(s.unit_cost, 0)::float8 as value,
            coalesce(a.n, 0) as "openAlerts",
            count(*) over ()::int as total,
            (sum(coalesce(t.sellable, 0)) over ())::float8 as "totalSellable",
            (sum(coalesce(t.on_hand, 0)) over ())::float8 as "totalOnHand",
            (sum(coalesce(t.reserved, 0)) over ())::float8 as "totalReserved",
            (sum(coalesce(t.unsellable, 0)) over ())::float8 as "totalUnsellable",
            (sum(coalesce(t.on_hand, 0) * coalesce(s.unit_cost, 0)::float8) over ())::float8 as "totalValue"
       from skus s
       left join totals t on t.sku = s.sku
       left join alerts_open a on a.sku = s.sku
      where ($1::text is null or s.sku ilike $1 or s.name ilike $1)
        and ${inCategoriesSql('s', '$5')}
        ${q.state ? `and ${stateSql[q.state]}` : ''}
      order by ${SORT_SQL[q.sort]} ${q.desc ? 'desc' : 'asc'}, s.sku
      limit $3 offset $4`,
    [search, scope, q.limit, q.offset, categories],
  );
  // A page past the end has no row to carry the windowed totals: ask for the first page's.
  const first = rows[0];
  const totals: SkuListTotals = first
    ? {
        skus: first.total,
        sellable: first.totalSellable,
        onHand: first.totalOnHand,
        reserved: first.totalReserved,
        unsellable: first.totalUnsellable,
        value: first.totalValue,
      }
    : q.offset > 0
      ? (await listSkuSummaries(ctx, { ...q, offset: 0, limit: 1 }, actor)).totals
      : { skus: 0, sellable: 0, onHand: 0, reserved: 0, unsellable: 0, value: 0 };
  return {
    items: rows.map(
      ({
        total: _total,
        totalSellable: _s,
        totalOnHand: _o,
        totalReserved: _r,
        totalUnsellable: _u,
        totalValue: _v,
        ...item
      }) => item,
    ),
    currency: await shopCurrency(ctx.db),
    total: totals.skus,
    totals,
    offset: q.offset,
    limit: q.limit,
  };
}

export interface Overview {
  at: string;
  since: string;
  /** The shop's currency, which stockValue is in. */
  currency: string;
  skus: number;
  skusOutOfStock: number;
  /** SKUs with at least one oversold position (they may still be sellable elsewhere). */
  skusOversold: number;
  sellableUnits: number;
  oversoldUnits: number;
  onHandUnits: number;
  stockValue: number;
  openAlerts: number;
  acknowledgedAlerts: number;
  ordersReservedSince: number;
  ordersShippedSince: number;
  unitsShippedSince: number;
  unitsInTransit: number;
  transfersOpen: number;
}

/** The overview counters; "today" is the client's own day, so it sends when that began. */
export async function getOverview(ctx: AppContext, q: { since?: Date | undefined }): Promise<Overview> {
  const now = ctx.clock();
  const since = q.since ?? new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const { rows } = await ctx.db.query<Omit<Overview, 'at' | 'since'>>(
    `with per_sku as (
       select s.sku, s.unit_cost, coalesce(sum(${PURCHASABLE}), 0) as sellable,
              coalesce(sum(${OVERSOLD}), 0) as oversold, coalesce(sum(p.on_hand), 0) as on_hand
         from skus s left join stock_positions p on p.sku = s.sku
        group by s.sku, s.unit_cost)
     select
       ${CURRENCY_SQL} as currency,
       (select count(*)::int from per_sku) as skus,
       (select count(*)::int from per_sku where sellable <= 0) as "skusOutOfStock",
       (select count(*)::int from per_sku where oversold > 0) as "skusOversold",
       (select coalesce(sum(sellable), 0)::float8 from per_sku) as "sellableUnits",
       (select coalesce(sum(oversold), 0)::float8 from per_sku) as "oversoldUnits",
       (select coalesce(sum(on_hand), 0)::float8 from per_sku) as "onHandUnits",
       (select coalesce(sum(on_hand * coalesce(unit_cost, 0)), 0)::float8 from per_sku) as "stockValue",
       (select count(*)::int from alerts where status = 'open') as "openAlerts",
       (select count(*)::int from alerts where status = 'acknowledged') as "acknowledgedAlerts",
       (select count(*)::int from orders where created_at >= $1) as "ordersReservedSince",
       (select count(distinct order_id)::int from shipments where created_at >= $1) as "ordersShippedSince",
       (select coalesce(sum((l->>'qty')::bigint), 0)::float8
          from shipments sh, jsonb_array_elements(sh.lines) l where sh.created_at >= $1) as "unitsShippedSince",
       (select coalesce(sum(shipped - received - damaged - lost), 0)::float8 from transfer_lines) as "unitsInTransit",
       (select count(*)::int from transfers where status in ('planned', 'partially_shipped', 'in_transit'))
         as "transfersOpen"`,
    [since],
  );
  return { at: now.toISOString(), since: since.toISOString(), ...rows[0]! };
}

export interface SeriesPoint {
  t: string;
  sellable: number;
  ordersPlaced: number;
  ordersShipped: number;
}

/**
 * Sellable units at the end of each hour or day (the current total walked back through the
 * ledger's deltas), with orders placed and shipped in it. Buckets are UTC.
 */
export async function getSeries(
  ctx: AppContext,
  q: { bucket: 'hour' | 'day'; points: number; warehouse?: string | undefined },
): Promise<{ bucket: 'hour' | 'day'; points: SeriesPoint[] }> {
  const stepMs = q.bucket === 'hour' ? HOUR_MS : DAY_MS;
  const now = ctx.clock().getTime();
  const last = Math.floor(now / stepMs) * stepMs;
  const first = last - (q.points - 1) * stepMs;
  const from = new Date(first);
  const wh = q.warehouse ?? null;
  const [current, moved, placed, shipped] = await Promise.all([
    ctx.db.query<{ s: number }>(
      `select coalesce(sum(${PURCHASABLE}), 0)::float8 as s from stock_positions p
        where $1::text is null or p.warehouse = $1`,
      [wh],
    ),
    // Each position that moved in the window: its S now, and its change of S per bucket.
    ctx.db.query<{ sku: string; warehouse: string; now: number; t: Date; d: number }>(
      `select p.sku, p.warehouse, (${sellableSql('p')})::float8 as now, date_trunc($1, m.at, 'UTC') as t,
              sum(${sellableSql('m', 'd_')})::float8 as d
         from movements m join stock_positions p on p.sku = m.sku and p.warehouse = m.warehouse
        where m.at >= $2 and ($3::text is null or m.warehouse = $3)
        group by p.sku, p.warehouse, 4`,
      [q.bucket, from, wh],
    ),
    // An order counts at a warehouse when some of it was allocated there.
    ctx.db.query<{ t: Date; n: number }>(
      `select date_trunc($1, o.created_at, 'UTC') as t, count(*)::int as n from orders o
        where o.created_at >= $2
          and ($3::text is null
               or exists (select 1 from order_allocations a where a.order_id = o.order_id and a.warehouse = $3))
        group by 1`,
      [q.bucket, from, wh],
    ),
    ctx.db.query<{ t: Date; n: number }>(
      `select date_trunc($1, sh.created_at, 'UTC') as t, count(distinct sh.order_id)::int as n from shipments sh
        where sh.created_at >= $2
          and ($3::text is null
               or exists (select 1 from jsonb_array_elements(sh.lines) l where l->>'warehouse' = $3))
        group by 1`,
      [q.bucket, from, wh],
    ),
  ]);
  const byTime = (rows: { t: Date; n: number }[]) => new Map(rows.map((r) => [new Date(r.t).getTime(), r.n]));
  const nPlaced = byTime(placed.rows);
  const nShipped = byTime(shipped.rows);
  // Sellable across warehouses is not linear in the ledger's deltas (an oversold position counts
  // 0), so walk each moved position back on its own and keep the clamped total up to date.
  const level = new Map<string, number>();
  const changes = new Map<number, { key: string; d: number }[]>();
  for (const r of moved.rows) {
    const key = positionKey(r.sku, r.warehouse);
    level.set(key, r.now);
    const t = new Date(r.t).getTime();
    changes.set(t, [...(changes.get(t) ?? []), { key, d: r.d }]);
  }
  let total = current.rows[0]!.s;
  const points: SeriesPoint[] = [];
  // Walk back from now: a position's level at the end of a bucket is its current level minus
  // every change booked in later buckets.
  for (let t = last; t >= first; t -= stepMs) {
    points.push({
      t: new Date(t).toISOString(),
      sellable: total,
      ordersPlaced: nPlaced.get(t) ?? 0,
      ordersShipped: nShipped.get(t) ?? 0,
    });
    for (const { key, d } of changes.get(t) ?? []) {
      const before = level.get(key)!;
      level.set(key, before - d);
      total += Math.max(before - d, 0) - Math.max(before, 0);
    }
  }
  return { bucket: q.bucket, points: points.reverse() };
}
