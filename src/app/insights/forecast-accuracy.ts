/**
 * Forecast accuracy over time: what was forecast for a day against what was then ordered. Each
 * forecast refresh is kept (demand_forecast_history, migration 030); the report scores the
 * one-day-ahead figure, daily[1], of the latest forecast made before each day, per position,
 * against the units ordered that day (each order's reservation less what it later released,
 * as in the demand history). Days without a forecast are left out, not counted as zero.
 */
import { bucketsOf, type Period } from '../../domain/insights.ts';
import type { AppContext } from '../context.ts';
import { FIRST_REPORT_PARAM, queryInScope, warehouseInScope, type InsightsScope } from './scope.ts';

const P = FIRST_REPORT_PARAM;

export interface AccuracyFigures {
  forecast: number;
  actual: number;
  /** sum |forecast - actual| / sum actual; null when nothing was ordered. */
  wape: number | null;
  /** sum (forecast - actual) / sum actual: over-forecast when positive. */
  bias: number | null;
}

const figures = (forecast: number, actual: number, absError: number): AccuracyFigures => ({
  forecast: Math.round(forecast * 100) / 100,
  actual,
  wape: actual > 0 ? Math.round((absError / actual) * 10_000) / 10_000 : null,
  bias: actual > 0 ? Math.round(((forecast - actual) / actual) * 10_000) / 10_000 : null,
});

export async function forecastAccuracy(
  ctx: AppContext,
  scope: InsightsScope,
  period: Period,
  limit: number,
): Promise<{
  totals: AccuracyFigures;
  points: ({ t: string } & AccuracyFigures)[];
  rows: ({ sku: string } & AccuracyFigures)[];
}> {
  const spans = bucketsOf(period);
  const from = new Date(`${period.from}T00:00:00Z`);
  const rows = await queryInScope<{
    kind: string;
    k: number | null;
    sku: string | null;
    f: number;
    a: number;
    e: number;
  }>(
    ctx.db,
    scope,
    `-- The latest forecast made before each day, per position: its figure for that day.
     predicted as (
       select distinct on (h.sku, h.warehouse, day) h.sku, h.warehouse,
              ((h.computed_at at time zone 'UTC')::date + 1) as day, h.daily[1] as f
         from demand_forecast_history h join scoped_skus s on s.sku = h.sku
        where ${warehouseInScope('h.warehouse')}
          and h.computed_at >= $${P}::timestamptz - interval '1 day' and h.computed_at < $${P + 1}::timestamptz
        order by h.sku, h.warehouse, day, h.computed_at desc),
     ordered as (
       select m.sku, m.warehouse, (m.at at time zone 'UTC')::date as day, sum(a.qty - a.released) as units
         from movements m
         join predicted p0 on p0.sku = m.sku and p0.warehouse = m.warehouse
                          and p0.day = (m.at at time zone 'UTC')::date
         join order_allocations a on a.order_id = m.order_id and a.sku = m.sku and a.warehouse = m.warehouse
        where m.type = 'reserve' and m.at >= $${P}::timestamptz and m.at < $${P + 1}::timestamptz
        group by 1, 2, 3),
     scored as (
       select p.sku, width_bucket(p.day::timestamp at time zone 'UTC', $${P + 2}::timestamptz[]) + 1 as k,
              p.f, coalesce(o.units, 0) as a
         from predicted p left join ordered o on o.sku = p.sku and o.warehouse = p.warehouse and o.day = p.day
        where p.day >= ($${P}::timestamptz at time zone 'UTC')::date
          and p.day < ($${P + 1}::timestamptz at time zone 'UTC')::date)
     select 'bucket' as kind, k, null as sku, sum(f)::float8 as f, sum(a)::float8 as a, sum(abs(f - a))::float8 as e
       from scored group by k
     union all
     select 'sku', null, sku, sum(f)::float8, sum(a)::float8, sum(abs(f - a))::float8 from scored group by sku
     union all
     select 'total', null, null, coalesce(sum(f), 0)::float8, coalesce(sum(a), 0)::float8,
            coalesce(sum(abs(f - a)), 0)::float8 from scored`,
    [from, spans[spans.length - 1]!.end, spans.map((s) => s.end)],
  );
  const byBucket = new Map(rows.filter((r) => r.kind === 'bucket').map((r) => [r.k!, r]));
  const total = rows.find((r) => r.kind === 'total')!;
  return {
    totals: figures(total.f, total.a, total.e),
    points: spans.map((s, i) => {
      const r = byBucket.get(i + 1);
      return { t: s.start, ...figures(r?.f ?? 0, r?.a ?? 0, r?.e ?? 0) };
    }),
    rows: rows
      .filter((r) => r.kind === 'sku')
      .map((r) => ({ sku: r.sku!, ...figures(r.f, r.a, r.e) }))
      .sort((a, b) => b.actual - a.actual || (a.sku < b.sku ? -1 : 1))
      .slice(0, limit),
  };
}
