/**
 * ABC and XYZ classes of the SKUs in scope over a period: ABC by revenue or margin (Pareto),
 * XYZ by how much the units sold vary from bucket to bucket (coefficient of variation). The
 * SQL sums; src/domain/insights.ts classifies.
 */
import {
  abcClasses,
  bucketsOf,
  coefficientOfVariation,
  xyzClass,
  type AbcClass,
  type Period,
  type XyzClass,
} from '../../domain/insights.ts';
import type { AppContext } from '../context.ts';
import { shopCurrency } from '../shop.ts';
import { FIRST_REPORT_PARAM, queryInScope, warehouseInScope, type InsightsScope } from './scope.ts';
import { SALES_CTE, salesParams } from './sales.ts';

export const ABC_BASES = ['revenue', 'margin'] as const;
export type AbcBasis = (typeof ABC_BASES)[number];

export interface ClassRow {
  sku: string;
  name: string;
  units: number;
  revenue: number;
  margin: number;
  /** Coefficient of variation of units per bucket; null when nothing sold. */
  cv: number | null;
  abc: AbcClass;
  xyz: XyzClass;
}

export interface ClassFilter {
  abc?: AbcClass | undefined;
  xyz?: XyzClass | undefined;
}

export async function classReport(
  ctx: AppContext,
  scope: InsightsScope,
  period: Period,
  basis: AbcBasis,
  filter: ClassFilter,
): Promise<{ currency: string; basis: AbcBasis; counts: Record<string, number>; rows: ClassRow[] }> {
  const spans = bucketsOf(period);
  const currency = await shopCurrency(ctx.db);
  const digits = `$${FIRST_REPORT_PARAM + 3}::int`;
  // Every SKU stocked in scope or sold in the period: one that sold nothing is C and Z.
  const rows = await queryInScope<{
    sku: string;
    name: string;
    /** "bucket:units" for each bucket with sales. */
    per_bucket: string[] | null;
    units: number;
    revenue: number;
    margin: number;
  }>(
    ctx.db,
    scope,
    `${SALES_CTE},
     per_sku as (
       select x.sku, array_agg(x.k || ':' || x.units) as cells, sum(x.units) as units,
              sum(x.revenue) as revenue, sum(x.revenue - x.cogs) as margin
         from (select sku, k, sum(units) as units, sum(revenue) as revenue, sum(cogs) as cogs from x group by sku, k) x
        group by x.sku),
     stocked as (
       select distinct p.sku from stock_positions p join scoped_skus s on s.sku = p.sku
        where ${warehouseInScope('p.warehouse')})
     select k.sku, k.name, ps.cells as per_bucket, coalesce(ps.units, 0)::float8 as units,
            round(coalesce(ps.revenue, 0), ${digits})::float8 as revenue,
            round(coalesce(ps.margin, 0), ${digits})::float8 as margin
       from (select sku from stocked union select sku from per_sku) u
       join skus k on k.sku = u.sku
       left join per_sku ps on ps.sku = u.sku`,
    salesParams(period, spans, currency),
  );
  const abc = abcClasses(rows.map((r) => ({ key: r.sku, value: r[basis] })));
  const all: ClassRow[] = rows.map((r) => {
    const units = spans.map(() => 0);
    for (const cell of r.per_bucket ?? []) {
      const [k, n] = cell.split(':');
      units[Number(k)] = Number(n);
    }
    const cv = coefficientOfVariation(units);
    return {
      sku: r.sku,
      name: r.name,
      units: r.units,
      revenue: r.revenue,
      margin: r.margin,
      cv: cv === null ? null : Math.round(cv * 1000) / 1000,
      abc: abc.get(r.sku)!,
      xyz: xyzClass(cv),
    };
  });
  const counts: Record<string, number> = {};
  for (const r of all) counts[r.abc + r.xyz] = (counts[r.abc + r.xyz] ?? 0) + 1;
  return {
    currency,
    basis,
    counts,
    rows: all
      .filter((r) => (!filter.abc || r.abc === filter.abc) && (!filter.xyz || r.xyz === filter.xyz))
      .sort((a, b) => b[basis] - a[basis] || (a.sku < b.sku ? -1 : 1)),
  };
}
