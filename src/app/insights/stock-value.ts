/**
 * Stock over time: on hand, sellable and stock value at the end of each bucket of a period.
 *
 * Not a walk over every SKU and day. With I(s,k) the units of SKU s at the end of bucket k and
 * c(s,k) its unit cost then, the value is V(k) = sum_s I(s,k) c(s,k). Writing I(s,k) as the
 * units now less the movements after k, and c(s,k) as the cost now less the cost changes after
 * k, gives
 *   V(k) = sum_s I_now c_now  -  sum_{buckets j > k} sum_{moves in j} d_on_hand c_now
 *          -  sum_{cost changes after k} dc * I(s,k)
 * The first two terms need the positions and the period's movements grouped by bucket (set-based,
 * one pass); the last runs over cost changes only, which are few. Exact: numeric throughout,
 * rounded once to the currency's minor unit.
 */
import { sellableSql } from '../../db/stock.ts';
import { bucketsOf, minorDigits, type Period } from '../../domain/insights.ts';
import type { AppContext } from '../context.ts';
import { shopCurrency } from '../shop.ts';
import { FIRST_REPORT_PARAM, queryInScope, warehouseInScope, type InsightsScope } from './scope.ts';

export interface StockPoint {
  /** The bucket's first day. */
  t: string;
  /** Units on hand at the end of the bucket. */
  onHand: number;
  /** Sellable units at the end of the bucket, summed over positions (oversold ones count negative). */
  sellable: number;
  /** On hand x unit cost at the end of the bucket, in the shop's currency. */
  value: number;
}

const ENDS = `$${FIRST_REPORT_PARAM}::timestamptz[]`;
const DIGITS = `$${FIRST_REPORT_PARAM + 1}::int`;

const STOCK_SERIES_SQL = `
ends as (select k::int as k, e from unnest(${ENDS}) with ordinality as t(e, k)),
cost_now as (select s.sku, coalesce(k.unit_cost, 0) as c from scoped_skus s join skus k on k.sku = s.sku),
now_pos as (
  select p.sku, sum(p.on_hand) as i, sum(${sellableSql('p')}) as sl
    from stock_positions p join scoped_skus s on s.sku = p.sku
   where ${warehouseInScope('p.warehouse')}
   group by p.sku),
-- Movements after the first bucket's end, by SKU and the bucket they fall in (K+1: after the period).
mv as (
  select m.sku, width_bucket(m.at, ${ENDS}) + 1 as k, sum(m.d_on_hand) as d, sum(${sellableSql('m', 'd_')}) as ds
    from movements m join scoped_skus s on s.sku = m.sku
   where m.at >= (${ENDS})[1] and ${warehouseInScope('m.warehouse')}
   group by 1, 2),
per_bucket as (
  select mv.k, sum(mv.d) as d, sum(mv.ds) as ds, sum(mv.d * c.c) as dv
    from mv join cost_now c on c.sku = mv.sku group by mv.k),
totals as (
  select coalesce(sum(n.i), 0) as i, coalesce(sum(n.sl), 0) as sl, coalesce(sum(n.i * c.c), 0) as v
    from now_pos n join cost_now c on c.sku = n.sku),
changes as (
  select x.sku, x.tau, x.dc from (
    select h.sku, h.effective_at as tau,
           coalesce(h.unit_cost, 0) - coalesce(lag(h.unit_cost) over (partition by h.sku order by h.effective_at), 0) as dc
      from sku_cost_history h join scoped_skus s on s.sku = h.sku) x
   where x.tau >= (${ENDS})[1] and x.dc <> 0),
-- I(s,k) for the SKUs whose cost changed: units now less their movements after bucket k.
changed_grid as (
  select g.sku, e.k, e.e,
         coalesce(n.i, 0) - coalesce(sum(mv.d) over (partition by g.sku order by e.k desc
                                                    rows between unbounded preceding and 1 preceding), 0)
           - coalesce(after.d, 0) as i
    from (select distinct sku from changes) g
    cross join ends e
    left join mv on mv.sku = g.sku and mv.k = e.k
    left join now_pos n on n.sku = g.sku
    left join mv after on after.sku = g.sku and after.k = (select count(*) from ends) + 1),
correction as (
  select c.k, sum(ch.dc * c.i) as v
    from changed_grid c join changes ch on ch.sku = c.sku and ch.tau >= c.e
   group by c.k)
select e.k,
       (t.i - coalesce((select sum(b.d) from per_bucket b where b.k > e.k), 0))::float8 as "onHand",
       (t.sl - coalesce((select sum(b.ds) from per_bucket b where b.k > e.k), 0))::float8 as sellable,
       round(t.v - coalesce((select sum(b.dv) from per_bucket b where b.k > e.k), 0)
             - coalesce(c.v, 0), ${DIGITS})::float8 as value
  from ends e cross join totals t left join correction c on c.k = e.k
 order by e.k`;

export async function stockSeries(
  ctx: AppContext,
  scope: InsightsScope,
  period: Period,
): Promise<{ currency: string; points: StockPoint[] }> {
  const spans = bucketsOf(period);
  const currency = await shopCurrency(ctx.db);
  const rows = await queryInScope<{ k: number; onHand: number; sellable: number; value: number }>(
    ctx.db,
    scope,
    STOCK_SERIES_SQL,
    [spans.map((s) => s.end), minorDigits(currency)],
  );
  return {
    currency,
    points: rows.map((r) => ({
      t: spans[r.k - 1]!.start,
      onHand: r.onHand,
      sellable: r.sellable,
      value: r.value,
    })),
  };
}
