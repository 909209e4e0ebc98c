/**
 * The insights reports (docs/insights.md), each as JSON and as the table its CSV and the
 * dashboard show. One entry point per report: resolve the caller's scope, check the period,
 * run the report's SQL.
 */
import {
  AGE_BANDS,
  ageBandLabel,
  DEFAULT_PERIOD_DAYS,
  type AbcClass,
  type Bucket,
  type XyzClass,
} from '../../domain/insights.ts';
import type { Actor, AppContext } from '../context.ts';
import { ageingReport, deadStock } from './ageing.ts';
import { classReport, type AbcBasis } from './classes.ts';
import type { Table } from './csv.ts';
import { forecastAccuracy } from './forecast-accuracy.ts';
import { salesReport, type SalesDimension, type SalesReport } from './sales.ts';
import { resolveScope, type InsightsFilter } from './scope.ts';
import { stockoutReport } from './stockouts.ts';
import { stockSeries } from './stock-value.ts';
import { insightsSummary, type InsightsSummary } from './summary.ts';
import { DAY_MS } from '../../domain/time.ts';

export { toCsv } from './csv.ts';

export interface InsightsQuery extends InsightsFilter {
  from?: string | undefined;
  to?: string | undefined;
  bucket: Bucket;
  by: SalesDimension;
  basis: AbcBasis;
  abc?: AbcClass | undefined;
  xyz?: XyzClass | undefined;
  /** Dead stock: SKUs with no sale in this many days. */
  days: number;
  /** JSON rows at most. */
  limit: number;
}

export const REPORTS = [
  'stock',
  'sales',
  'summary',
  'ageing',
  'dead-stock',
  'classes',
  'stockouts',
  'forecast-accuracy',
] as const;
export type ReportName = (typeof REPORTS)[number];

/** The period a report covers, at the head of the reports that have one. */
interface Head {
  from: string;
  to: string;
  bucket: Bucket;
}

/**
 * What each report answers as JSON. The route's response schemas (src/http/routes/insights.ts)
 * are checked against it at compile time, so the OpenAPI document and the typed client say
 * exactly this.
 */
export interface ReportBodies {
  stock: Head & Awaited<ReturnType<typeof stockSeries>>;
  sales: Head & SalesReport;
  summary: Head & InsightsSummary;
  ageing: Awaited<ReturnType<typeof ageingReport>>;
  'dead-stock': Awaited<ReturnType<typeof deadStock>>;
  classes: Head & Awaited<ReturnType<typeof classReport>>;
  stockouts: Head & Awaited<ReturnType<typeof stockoutReport>>;
  'forecast-accuracy': Head & Awaited<ReturnType<typeof forecastAccuracy>>;
}

export interface ReportResult {
  body: ReportBodies[ReportName];
  table: Table;
}

const ymd = (d: Date) => d.toISOString().slice(0, 10);

/** Defaults: the DEFAULT_PERIOD_DAYS to today (UTC). */
function periodOf(ctx: AppContext, q: InsightsQuery) {
  const to = q.to ?? ymd(ctx.clock());
  const from =
    q.from ?? ymd(new Date(new Date(`${to}T00:00:00Z`).getTime() - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS));
  return { from, to, bucket: q.bucket };
}

export async function runReport(
  ctx: AppContext,
  name: ReportName,
  q: InsightsQuery,
  actor: Actor,
): Promise<ReportResult> {
  const period = periodOf(ctx, q);
  const scope = await resolveScope(ctx, q, actor);
  const { limit } = q;
  const head = { from: period.from, to: period.to, bucket: period.bucket };
  switch (name) {
    case 'stock': {
      const r = await stockSeries(ctx, scope, period);
      return {
        body: { ...head, ...r } satisfies ReportBodies['stock'],
        table: {
          columns: ['t', 'on_hand', 'sellable', 'value', 'currency'],
          rows: r.points.map((p) => [p.t, p.onHand, p.sellable, p.value, r.currency]),
        },
      };
    }
    case 'sales': {
      const r = await salesReport(ctx, scope, period, q.by);
      return {
        body: { ...head, ...r, rows: r.rows.slice(0, limit) } satisfies ReportBodies['sales'],
        table: {
          columns: [r.by, 'units', 'revenue', 'cogs', 'margin', 'currency'],
          rows: r.rows.map((x) => [x.key, x.units, x.revenue, x.cogs, x.margin, r.currency]),
        },
      };
    }
    case 'summary': {
      const r = await insightsSummary(ctx, scope, period);
      const { currency: _c, from: _f, to: _t, ...figures } = r;
      return {
        body: { ...head, ...r } satisfies ReportBodies['summary'],
        table: { columns: ['figure', 'value'], rows: Object.entries(figures).map(([k, v]) => [k, v]) },
      };
    }
    case 'ageing': {
      const r = await ageingReport(ctx, scope, limit);
      return {
        body: { ...r } satisfies ReportBodies['ageing'],
        table: {
          columns: [
            'sku',
            'name',
            'units',
            'value',
            'oldest_days',
            ...AGE_BANDS.map((_, i) => `days_${ageBandLabel(i)}`),
          ],
          rows: r.rows.map((x) => [x.sku, x.name, x.units, x.value, x.oldestDays, ...x.bands]),
        },
      };
    }
    case 'dead-stock': {
      const r = await deadStock(ctx, scope, q.days, limit);
      return {
        body: { ...r } satisfies ReportBodies['dead-stock'],
        table: {
          columns: ['sku', 'name', 'units', 'value', 'last_sold_at'],
          rows: r.rows.map((x) => [x.sku, x.name, x.units, x.value, x.lastSoldAt]),
        },
      };
    }
    case 'classes': {
      const r = await classReport(ctx, scope, period, q.basis, { abc: q.abc, xyz: q.xyz });
      return {
        body: { ...head, ...r, rows: r.rows.slice(0, limit) } satisfies ReportBodies['classes'],
        table: {
          columns: ['sku', 'name', 'abc', 'xyz', 'units', 'revenue', 'margin', 'cv'],
          rows: r.rows.map((x) => [x.sku, x.name, x.abc, x.xyz, x.units, x.revenue, x.margin, x.cv]),
        },
      };
    }
    case 'stockouts': {
      const r = await stockoutReport(ctx, scope, period, limit);
      return {
        body: { ...head, ...r } satisfies ReportBodies['stockouts'],
        table: {
          columns: ['sku', 'name', 'days_out', 'forecast_daily', 'lost_units', 'lost_revenue'],
          rows: r.rows.map((x) => [x.sku, x.name, x.daysOut, x.forecastDaily, x.lostUnits, x.lostRevenue]),
        },
      };
    }
    case 'forecast-accuracy': {
      const r = await forecastAccuracy(ctx, scope, period, limit);
      return {
        body: { ...head, ...r } satisfies ReportBodies['forecast-accuracy'],
        table: {
          columns: ['t', 'forecast', 'actual', 'wape', 'bias'],
          rows: r.points.map((x) => [x.t, x.forecast, x.actual, x.wape, x.bias]),
        },
      };
    }
  }
}
