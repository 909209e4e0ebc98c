/**
 * Stockouts over a period: for each SKU in scope, the days whose end found it with nothing to
 * sell in the warehouses in scope (sellable summed over them <= 0), and the sales those days
 * probably lost: days out x the forecast's mean daily demand (the latest forecast of each
 * position in scope) x the current price.
 *
 * Set-based over the ledger: each SKU's sellable level is constant between days with movements,
 * so the days out are the lengths of its spans whose level is <= 0, clipped to each bucket.
 */
import { sellableSql } from '../../db/stock.ts';
import { bucketsOf, minorDigits, type Period } from '../../domain/insights.ts';
import type { AppContext } from '../context.ts';
import { shopCurrency } from '../shop.ts';
import { FIRST_REPORT_PARAM, queryInScope, warehouseInScope, type InsightsScope } from './scope.ts';
import { DAY_MS } from '../../domain/time.ts';

const P = FIRST_REPORT_PARAM;
const NEVER = 2_147_483_647;

export interface StockoutRow {
  sku: string;
  name: string;
  daysOut: number;
  /** Mean forecast units per day (sum over the positions in scope); null without a forecast. */
  forecastDaily: number | null;
  lostUnits: number | null;
  lostRevenue: number | null;
}

export async function stockoutReport(
  ctx: AppContext,
  scope: InsightsScope,
  period: Period,
  limit: number,
): Promise<{
  currency: string;
  skusOut: number;
  skuDaysOut: number;
  lostRevenue: number;
  points: { t: string; skuDaysOut: number }[];
  rows: StockoutRow[];
}> {
  const spans = bucketsOf(period);
  const currency = await shopCurrency(ctx.db);
  const from = new Date(`${period.from}T00:00:00Z`);
  // Each bucket as a range of day numbers [lo, hi) from the period's first day.
  const bucketLo = spans.map((_, i) =>
    i === 0 ? 0 : (spans[i - 1]!.end.getTime() - from.getTime()) / DAY_MS,
  );
  const bucketHi = spans.map((s) => (s.end.getTime() - from.getTime()) / DAY_MS);
  const rows = await queryInScope<{
    kind: string;
    k: number | null;
    sku: string | null;
    name: string | null;
    days: number;
    forecast: number | null;
    price: string | null;
  }>(
    ctx.db,
    scope,
    `pos_now as (
       select p.sku, sum(${sellableSql('p')}) as sl from stock_positions p join scoped_skus s on s.sku = p.sku
        where ${warehouseInScope('p.warehouse')} group by p.sku),
     dd as (
       select m.sku, floor(extract(epoch from (m.at - $${P}::timestamptz)) / 86400)::int as day,
              sum(${sellableSql('m', 'd_')}) as ds
         from movements m join scoped_skus s on s.sku = m.sku
        where m.at >= $${P}::timestamptz and ${warehouseInScope('m.warehouse')}
        group by 1, 2),
     tot as (select sku, sum(ds) as t, min(day) as first from dd group by sku),
     spans as (
       select n.sku, 0 as a, coalesce(t.first, ${NEVER}) as b, n.sl - coalesce(t.t, 0) as level
         from pos_now n left join tot t on t.sku = n.sku
       union all
       select d.sku, d.day, coalesce(lead(d.day) over (partition by d.sku order by d.day), ${NEVER}),
              n.sl - t.t + sum(d.ds) over (partition by d.sku order by d.day)
         from dd d join pos_now n on n.sku = d.sku join tot t on t.sku = d.sku),
     buckets as (
       select k::int as k, lo, hi from unnest($${P + 1}::int[], $${P + 2}::int[]) with ordinality as b(lo, hi, k)),
     out_days as (
       select s.sku, b.k, sum(greatest(0, least(s.b, b.hi) - greatest(s.a, b.lo)))::int as days
         from spans s join buckets b on s.a < b.hi and s.b > b.lo
        where s.level <= 0 group by s.sku, b.k),
     forecast as (
       select f.sku, sum((select avg(v) from unnest(f.daily[1:28]) v)) as daily
         from demand_forecasts f join scoped_skus s on s.sku = f.sku
        where ${warehouseInScope('f.warehouse')} group by f.sku)
     select 'bucket' as kind, o.k, null as sku, null as name, sum(o.days)::int as days, null::float8 as forecast, null as price
       from out_days o group by o.k
     union all
     select 'sku', null, o.sku, k.name, sum(o.days)::int, f.daily::float8, k.price::text
       from out_days o join skus k on k.sku = o.sku left join forecast f on f.sku = o.sku
      group by o.sku, k.name, f.daily, k.price
     having sum(o.days) > 0`,
    [from, bucketLo, bucketHi],
  );
  const digits = minorDigits(currency);
  const byBucket = new Map(rows.filter((r) => r.kind === 'bucket').map((r) => [r.k!, r.days]));
  const skuRows: StockoutRow[] = rows
    .filter((r) => r.kind === 'sku')
    .map((r) => {
      const lostUnits = r.forecast === null ? null : Math.round(r.days * r.forecast * 100) / 100;
      return {
        sku: r.sku!,
        name: r.name!,
        daysOut: r.days,
        forecastDaily: r.forecast === null ? null : Math.round(r.forecast * 1000) / 1000,
        lostUnits,
        lostRevenue: lostUnits === null ? null : Number((lostUnits * Number(r.price ?? 0)).toFixed(digits)),
      };
    })
    .sort(
      (a, b) =>
        (b.lostRevenue ?? -1) - (a.lostRevenue ?? -1) || b.daysOut - a.daysOut || (a.sku < b.sku ? -1 : 1),
    );
  return {
    currency,
    skusOut: skuRows.length,
    skuDaysOut: skuRows.reduce((s, r) => s + r.daysOut, 0),
    lostRevenue: Number(skuRows.reduce((s, r) => s + (r.lostRevenue ?? 0), 0).toFixed(digits)),
    points: spans.map((s, i) => ({ t: s.start, skuDaysOut: byBucket.get(i + 1) ?? 0 })),
    rows: skuRows.slice(0, limit),
  };
}
