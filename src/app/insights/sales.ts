/**
 * Sales over a period: units shipped, revenue (units x the price when they shipped) and cost of
 * goods sold (units x the unit cost then), per bucket and per SKU, channel or warehouse. A sale
 * is a `ship` movement; its channel is its order's. Prices and costs come from
 * sku_cost_history as ranges [effective_at, next effective_at), so each shipment is priced by a
 * range join, not a lookup per row.
 */
import { bucketsOf, minorDigits, type BucketSpan, type Period } from '../../domain/insights.ts';
import type { AppContext } from '../context.ts';
import { shopCurrency } from '../shop.ts';
import {
  channelInScope,
  FIRST_REPORT_PARAM,
  queryInScope,
  warehouseInScope,
  type InsightsScope,
} from './scope.ts';

export const SALES_DIMENSIONS = ['sku', 'channel', 'warehouse'] as const;
export type SalesDimension = (typeof SALES_DIMENSIONS)[number];

export interface SalesFigures {
  units: number;
  revenue: number;
  cogs: number;
  /** revenue - cogs */
  margin: number;
}
export interface SalesPoint extends SalesFigures {
  t: string;
}
export interface SalesRow extends SalesFigures {
  key: string;
}

const P = FIRST_REPORT_PARAM;
const DIMENSION_SQL: Record<SalesDimension, string> = {
  sku: 'x.sku',
  channel: `coalesce(x.channel, '')`,
  warehouse: 'x.warehouse',
};

/** The period's sales, one row per (bucket, SKU, warehouse, channel), money unrounded (CTEs for `queryInScope`). */
export const SALES_CTE = `
prices as (
  select h.sku, h.effective_at as lo,
         lead(h.effective_at, 1, 'infinity') over (partition by h.sku order by h.effective_at) as hi,
         coalesce(h.unit_cost, 0) as c, coalesce(h.price, 0) as p
    from sku_cost_history h join scoped_skus s on s.sku = h.sku),
x as (
  select width_bucket(m.at, $${P}::timestamptz[]) as k, m.sku, m.warehouse, o.channel,
         sum(m.qty) as units, sum(m.qty * coalesce(r.p, 0)) as revenue, sum(m.qty * coalesce(r.c, 0)) as cogs
    from movements m
    join scoped_skus s on s.sku = m.sku
    left join orders o on o.order_id = m.order_id
    left join prices r on r.sku = m.sku and m.at >= r.lo and m.at < r.hi
   where m.type = 'ship' and m.at >= $${P + 1}::timestamptz and m.at < $${P + 2}::timestamptz
     and ${warehouseInScope('m.warehouse')} and ${channelInScope('o.channel')}
   group by 1, 2, 3, 4)`;

const FIGURES = (digits: string) => `sum(x.units)::float8 as units,
       round(sum(x.revenue), ${digits})::float8 as revenue, round(sum(x.cogs), ${digits})::float8 as cogs,
       (round(sum(x.revenue), ${digits}) - round(sum(x.cogs), ${digits}))::float8 as margin`;

/** The parameters of SALES_CTE, then the currency's digits ($P + 3). */
export function salesParams(period: Period, spans: BucketSpan[], currency: string): unknown[] {
  return [
    spans.map((s) => s.end),
    new Date(`${period.from}T00:00:00Z`),
    spans[spans.length - 1]!.end,
    minorDigits(currency),
  ];
}

export interface SalesReport {
  currency: string;
  by: SalesDimension;
  totals: SalesFigures;
  points: SalesPoint[];
  rows: SalesRow[];
}

export async function salesReport(
  ctx: AppContext,
  scope: InsightsScope,
  period: Period,
  by: SalesDimension,
): Promise<SalesReport> {
  const spans = bucketsOf(period);
  const currency = await shopCurrency(ctx.db);
  const digits = `$${P + 3}::int`;
  const rows = await queryInScope<{ kind: string; k: number | null; key: string | null } & SalesFigures>(
    ctx.db,
    scope,
    `${SALES_CTE}
     select 'bucket' as kind, x.k + 1 as k, null as key, ${FIGURES(digits)} from x group by x.k
     union all
     select 'row', null, ${DIMENSION_SQL[by]}, ${FIGURES(digits)} from x group by 3
     union all
     select 'total', null, null, ${FIGURES(digits)} from x`,
    salesParams(period, spans, currency),
  );
  const figures = (r: SalesFigures): SalesFigures => ({
    units: r.units ?? 0,
    revenue: r.revenue ?? 0,
    cogs: r.cogs ?? 0,
    margin: r.margin ?? 0,
  });
  const byBucket = new Map(rows.filter((r) => r.kind === 'bucket').map((r) => [r.k!, figures(r)]));
  const none = { units: 0, revenue: 0, cogs: 0, margin: 0 };
  return {
    currency,
    by,
    totals: figures(rows.find((r) => r.kind === 'total') ?? none),
    points: spans.map((s, i) => ({ t: s.start, ...(byBucket.get(i + 1) ?? none) })),
    rows: rows
      .filter((r) => r.kind === 'row')
      .map((r) => ({ key: r.key!, ...figures(r) }))
      .sort((a, b) => b.revenue - a.revenue || (a.key < b.key ? -1 : 1)),
  };
}
