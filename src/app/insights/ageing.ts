/**
 * Ageing and dead stock, as of now. The units on hand at a position are taken to be its latest
 * arrivals (FIFO: the oldest units leave first), so its age layers are its inbound movements
 * (any positive change of on hand: receipts, returns, transfers in, counts found) newest first,
 * until they add up to what is on hand. Valued at the current unit cost.
 */
import { AGE_BANDS, ageBandLabel, minorDigits } from '../../domain/insights.ts';
import type { AppContext } from '../context.ts';
import { shopCurrency } from '../shop.ts';
import { FIRST_REPORT_PARAM, queryInScope, warehouseInScope, type InsightsScope } from './scope.ts';
import { DAY_MS } from '../../domain/time.ts';

const P = FIRST_REPORT_PARAM;

export interface AgeingRow {
  sku: string;
  name: string;
  units: number;
  value: number;
  /** Units per age band, in AGE_BANDS order. */
  bands: number[];
  oldestDays: number;
}

export interface AgeingReport {
  currency: string;
  at: string;
  bands: { band: string; units: number; value: number }[];
  rows: AgeingRow[];
}

/** Layers as (sku, warehouse, units, age in days), for positions in scope. */
const LAYERS_CTE = `
pos as (
  select p.sku, p.warehouse, p.on_hand from stock_positions p join scoped_skus s on s.sku = p.sku
   where p.on_hand > 0 and ${warehouseInScope('p.warehouse')}),
inbound as (
  select pos.sku, pos.warehouse, pos.on_hand, m.at, m.d_on_hand as q,
         sum(m.d_on_hand) over (partition by m.sku, m.warehouse order by m.at desc, m.id desc) as cum
    from pos join movements m on m.sku = pos.sku and m.warehouse = pos.warehouse and m.d_on_hand > 0),
layers as (
  select sku, warehouse, least(q, on_hand - (cum - q)) as units,
         floor(extract(epoch from ($${P}::timestamptz - at)) / 86400)::int as age
    from inbound where cum - q < on_hand)`;

export async function ageingReport(
  ctx: AppContext,
  scope: InsightsScope,
  limit: number,
): Promise<AgeingReport> {
  const currency = await shopCurrency(ctx.db);
  const now = ctx.clock();
  const rows = await queryInScope<{
    sku: string;
    name: string;
    band: number;
    units: number;
    value: number;
    oldest: number;
  }>(
    ctx.db,
    scope,
    `${LAYERS_CTE}
     select l.sku, s.name, width_bucket(l.age, $${P + 1}::int[]) - 1 as band, sum(l.units)::float8 as units,
            sum(l.units * coalesce(s.unit_cost, 0)) as value, max(l.age) as oldest
       from layers l join skus s on s.sku = l.sku
      group by l.sku, s.name, 3`,
    [now, [...AGE_BANDS]],
  );
  const digits = minorDigits(currency);
  const round = (v: number) => Number(Number(v).toFixed(digits));
  const bands = AGE_BANDS.map((_, i) => ({ band: ageBandLabel(i), units: 0, value: 0 }));
  const bySku = new Map<string, AgeingRow & { exact: number }>();
  for (const r of rows) {
    const band = bands[r.band]!;
    band.units += r.units;
    band.value += Number(r.value);
    const row = bySku.get(r.sku) ?? {
      sku: r.sku,
      name: r.name,
      units: 0,
      value: 0,
      exact: 0,
      bands: AGE_BANDS.map(() => 0),
      oldestDays: 0,
    };
    row.units += r.units;
    row.exact += Number(r.value);
    row.bands[r.band]! += r.units;
    row.oldestDays = Math.max(row.oldestDays, r.oldest);
    bySku.set(r.sku, row);
  }
  const skuRows = [...bySku.values()]
    .map(({ exact, ...row }) => ({ ...row, value: round(exact) }))
    .sort((a, b) => b.oldestDays - a.oldestDays || b.value - a.value || (a.sku < b.sku ? -1 : 1));
  return {
    currency,
    at: now.toISOString(),
    bands: bands.map((b) => ({ ...b, value: round(b.value) })),
    rows: skuRows.slice(0, limit),
  };
}

export interface DeadStockRow {
  sku: string;
  name: string;
  units: number;
  value: number;
  lastSoldAt: string | null;
}

/** SKUs with units on hand in scope and no sale there in the last `days` days. */
export async function deadStock(
  ctx: AppContext,
  scope: InsightsScope,
  days: number,
  limit: number,
): Promise<{
  currency: string;
  days: number;
  units: number;
  value: number;
  skus: number;
  rows: DeadStockRow[];
}> {
  const currency = await shopCurrency(ctx.db);
  const since = new Date(ctx.clock().getTime() - days * DAY_MS);
  const rows = await queryInScope<DeadStockRow & { total_units: number; total_value: number; n: number }>(
    ctx.db,
    scope,
    `pos as (
       select p.sku, p.warehouse, p.on_hand from stock_positions p join scoped_skus s on s.sku = p.sku
        where p.on_hand > 0 and ${warehouseInScope('p.warehouse')}),
     per_sku as (
       select pos.sku, sum(pos.on_hand) as units, max(last.at) as last_sold
         from pos
         left join lateral (
           select m.at from movements m where m.sku = pos.sku and m.warehouse = pos.warehouse and m.type = 'ship'
            order by m.at desc limit 1) last on true
        group by pos.sku
       having max(last.at) is null or max(last.at) < $${P}::timestamptz),
     valued as (
       select d.sku, k.name, d.units, d.units * coalesce(k.unit_cost, 0) as value, d.last_sold
         from per_sku d join skus k on k.sku = d.sku)
     select v.sku, v.name, v.units::float8 as units, round(v.value, $${P + 2}::int)::float8 as value,
            v.last_sold as "lastSoldAt",
            sum(v.units) over ()::float8 as total_units,
            round(sum(v.value) over (), $${P + 2}::int)::float8 as total_value,
            count(*) over ()::int as n
       from valued v
      order by v.value desc, v.sku
      limit $${P + 1}`,
    [since, limit, minorDigits(currency)],
  );
  return {
    currency,
    days,
    units: rows[0]?.total_units ?? 0,
    value: rows[0]?.total_value ?? 0,
    skus: rows[0]?.n ?? 0,
    rows: rows.map((r) => ({
      sku: r.sku,
      name: r.name,
      units: r.units,
      value: r.value,
      lastSoldAt: r.lastSoldAt ? new Date(r.lastSoldAt).toISOString() : null,
    })),
  };
}
