/**
 * The Reports area's model: which reports there are, their filters in the address bar, and
 * how each answer from /v1/insights becomes a chart and a table. The table shows the API's own
 * numbers (rounded by the server to the currency's minor unit), so it agrees with the JSON and
 * the CSV to the cent.
 */
import type { Ok, Query } from './api.ts';

export const REPORT_NAMES = [
  'stock',
  'sales',
  'summary',
  'ageing',
  'dead-stock',
  'classes',
  'stockouts',
  'forecast-accuracy',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export const REPORT_LABELS: Record<ReportName, string> = {
  stock: 'Stock value',
  sales: 'Sales',
  summary: 'Turnover & GMROI',
  ageing: 'Ageing',
  'dead-stock': 'Dead stock',
  classes: 'ABC / XYZ',
  stockouts: 'Stockouts',
  'forecast-accuracy': 'Forecast accuracy',
};

/** The filters kept in the address bar; every one is passed to the API as is. */
export const FILTER_KEYS = [
  'from',
  'to',
  'bucket',
  'warehouse',
  'channel',
  'supplier',
  'category',
  'product',
  'by',
  'basis',
  'abc',
  'xyz',
  'days',
] as const;
export type ReportFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export function isReportName(name: string | undefined): name is ReportName {
  return (REPORT_NAMES as readonly string[]).includes(name ?? '');
}

export function filtersFromParams(params: URLSearchParams): ReportFilters {
  const filters: ReportFilters = {};
  for (const key of FILTER_KEYS) {
    const value = params.get(key);
    if (value) filters[key] = value;
  }
  return filters;
}

export function filtersToParams(filters: ReportFilters): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (filters[key]) params.set(key, filters[key]);
  return params;
}

/** The route of a report: one of the eight insight routes of the API. */
export type InsightPath = `/v1/insights/${ReportName}`;
/** The query the insight routes take (one schema for all eight, src/http/routes/insights.ts). */
export type InsightsQuery = Query<InsightPath>;
export const insightPath = (name: ReportName): InsightPath => `/v1/insights/${name}`;
/** What each report's route answers. */
export type InsightAnswer = { [N in ReportName]: Ok<`/v1/insights/${N}`, 'get'> };
/** A report's name with its answer, the one telling which the other is. */
type Report = { [N in ReportName]: { name: N; body: InsightAnswer[N] } }[ReportName];

/**
 * The filters as the API's query. They come from the address bar as text and go as they are:
 * the server judges them (a bad value is answered 400 with its code and shown as such).
 */
export const apiQuery = (filters: ReportFilters): InsightsQuery => ({ ...filters }) as InsightsQuery;

export type CellKind = 'text' | 'units' | 'money' | 'ratio' | 'percent' | 'day';
export interface Column {
  key: string;
  label: string;
  kind: CellKind;
}
export interface ChartSpec {
  kind: 'line' | 'bar';
  x: string;
  series: { key: string; label: string; money?: boolean }[];
  data: Record<string, unknown>[];
}
export interface ReportView {
  chart: ChartSpec | null;
  columns: Column[];
  rows: Record<string, unknown>[];
}

const SUMMARY_FIGURES: (Column & { key: keyof InsightAnswer['summary'] })[] = [
  { key: 'units', label: 'Units sold', kind: 'units' },
  { key: 'revenue', label: 'Revenue', kind: 'money' },
  { key: 'cogs', label: 'Cost of goods sold', kind: 'money' },
  { key: 'margin', label: 'Gross margin', kind: 'money' },
  { key: 'averageInventoryValue', label: 'Average inventory value', kind: 'money' },
  { key: 'closingUnits', label: 'Units on hand at the end', kind: 'units' },
  { key: 'closingValue', label: 'Stock value at the end', kind: 'money' },
  { key: 'turnover', label: 'Turnover (COGS / average inventory)', kind: 'ratio' },
  { key: 'daysOfInventory', label: 'Days of inventory', kind: 'ratio' },
  { key: 'sellThrough', label: 'Sell-through', kind: 'percent' },
  { key: 'gmroi', label: 'GMROI', kind: 'ratio' },
];

/** How one report's answer is drawn: its chart (if any) and its table. */
export function reportView<N extends ReportName>(name: N, answer: InsightAnswer[N]): ReportView {
  // The signature ties the answer to the name; TypeScript cannot carry that into the switch.
  const report = { name, body: answer } as Report;
  switch (report.name) {
    case 'stock': {
      const body = report.body;
      return {
        chart: {
          kind: 'line',
          x: 't',
          series: [
            { key: 'value', label: 'stock value', money: true },
            { key: 'onHand', label: 'on hand' },
            { key: 'sellable', label: 'sellable' },
          ],
          data: body.points,
        },
        columns: [
          { key: 't', label: 'Period', kind: 'day' },
          { key: 'onHand', label: 'On hand', kind: 'units' },
          { key: 'sellable', label: 'Sellable', kind: 'units' },
          { key: 'value', label: 'Stock value', kind: 'money' },
        ],
        // The latest first: the chart reads left to right, the table from now backwards.
        rows: [...body.points].reverse(),
      };
    }
    case 'sales': {
      const body = report.body;
      return {
        chart: {
          kind: 'bar',
          x: 't',
          series: [
            { key: 'revenue', label: 'revenue', money: true },
            { key: 'cogs', label: 'cost of goods sold', money: true },
          ],
          data: body.points,
        },
        columns: [
          {
            key: 'key',
            label: body.by === 'channel' ? 'Channel' : body.by === 'warehouse' ? 'Warehouse' : 'SKU',
            kind: 'text',
          },
          { key: 'units', label: 'Units', kind: 'units' },
          { key: 'revenue', label: 'Revenue', kind: 'money' },
          { key: 'cogs', label: 'COGS', kind: 'money' },
          { key: 'margin', label: 'Margin', kind: 'money' },
        ],
        rows: body.rows,
      };
    }
    case 'summary': {
      const body = report.body;
      return {
        chart: null,
        columns: [
          { key: 'label', label: 'Figure', kind: 'text' },
          { key: 'value', label: 'Value', kind: 'text' },
        ],
        rows: SUMMARY_FIGURES.map((f) => ({ label: f.label, value: body[f.key], kind: f.kind })),
      };
    }
    case 'ageing': {
      const body = report.body;
      return {
        chart: {
          kind: 'bar',
          x: 'band',
          series: [{ key: 'value', label: 'value', money: true }],
          data: body.bands.map((b) => ({ ...b, band: `${b.band} days` })),
        },
        columns: [
          { key: 'sku', label: 'SKU', kind: 'text' },
          { key: 'name', label: 'Name', kind: 'text' },
          { key: 'units', label: 'Units', kind: 'units' },
          { key: 'value', label: 'Value', kind: 'money' },
          { key: 'oldestDays', label: 'Oldest (days)', kind: 'units' },
        ],
        rows: body.rows,
      };
    }
    case 'dead-stock':
      return {
        chart: null,
        columns: [
          { key: 'sku', label: 'SKU', kind: 'text' },
          { key: 'name', label: 'Name', kind: 'text' },
          { key: 'units', label: 'Units', kind: 'units' },
          { key: 'value', label: 'Value tied up', kind: 'money' },
          { key: 'lastSoldAt', label: 'Last sold', kind: 'day' },
        ],
        rows: report.body.rows,
      };
    case 'classes': {
      const body = report.body;
      return {
        chart: {
          kind: 'bar',
          x: 'cls',
          series: [{ key: 'skus', label: 'SKUs' }],
          data: Object.entries(body.counts)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([cls, skus]) => ({ cls, skus })),
        },
        columns: [
          { key: 'sku', label: 'SKU', kind: 'text' },
          { key: 'name', label: 'Name', kind: 'text' },
          { key: 'abc', label: 'ABC', kind: 'text' },
          { key: 'xyz', label: 'XYZ', kind: 'text' },
          { key: 'units', label: 'Units', kind: 'units' },
          { key: 'revenue', label: 'Revenue', kind: 'money' },
          { key: 'margin', label: 'Margin', kind: 'money' },
          { key: 'cv', label: 'CV', kind: 'ratio' },
        ],
        rows: body.rows,
      };
    }
    case 'stockouts': {
      const body = report.body;
      return {
        chart: {
          kind: 'bar',
          x: 't',
          series: [{ key: 'skuDaysOut', label: 'SKU-days out' }],
          data: body.points,
        },
        columns: [
          { key: 'sku', label: 'SKU', kind: 'text' },
          { key: 'name', label: 'Name', kind: 'text' },
          { key: 'daysOut', label: 'Days out', kind: 'units' },
          { key: 'forecastDaily', label: 'Forecast / day', kind: 'ratio' },
          { key: 'lostUnits', label: 'Lost units (est.)', kind: 'ratio' },
          { key: 'lostRevenue', label: 'Lost revenue (est.)', kind: 'money' },
        ],
        rows: body.rows,
      };
    }
    case 'forecast-accuracy': {
      const body = report.body;
      return {
        chart: {
          kind: 'line',
          x: 't',
          series: [
            { key: 'forecast', label: 'forecast' },
            { key: 'actual', label: 'ordered' },
          ],
          data: body.points,
        },
        columns: [
          { key: 't', label: 'Period', kind: 'day' },
          { key: 'forecast', label: 'Forecast', kind: 'ratio' },
          { key: 'actual', label: 'Ordered', kind: 'units' },
          { key: 'wape', label: 'WAPE', kind: 'percent' },
          { key: 'bias', label: 'Bias', kind: 'percent' },
        ],
        rows: [...body.points].reverse(),
      };
    }
  }
}

/** Which filters a report takes beyond the period and scope. */
export const EXTRA_FILTERS: Record<ReportName, ('by' | 'basis' | 'abc' | 'xyz' | 'days')[]> = {
  stock: [],
  sales: ['by'],
  summary: [],
  ageing: [],
  'dead-stock': ['days'],
  classes: ['basis', 'abc', 'xyz'],
  stockouts: [],
  'forecast-accuracy': [],
};

export const csvFileName = (name: ReportName, filters: ReportFilters) =>
  `${name}${filters.from ? `-${filters.from}` : ''}${filters.to ? `-to-${filters.to}` : ''}.csv`;
