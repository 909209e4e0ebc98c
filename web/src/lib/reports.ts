/**
 * The Reports area's model: which reports there are, their filters in the address bar, and
 * how each answer from /v1/insights becomes a chart and a table. The table shows the API's own
 * numbers (rounded by the server to the currency's minor unit), so it agrees with the JSON and
 * the CSV to the cent.
 */
import type { Ok, Query } from './api.ts';
import { DESK, type DeskMessages } from './i18n-desk.ts';

/** The words of the reports in one language (the catalogue's `reports`). */
export type ReportWords = DeskMessages['reports'];

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

/** The reports' names in English; the screen takes them from the catalogue in the chosen language. */
export const REPORT_LABELS: Record<ReportName, string> = DESK.en.reports.names;

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

/** The summary's figures in order, each named in the catalogue under its key. */
const SUMMARY_FIGURES: {
  key: keyof InsightAnswer['summary'] & keyof ReportWords['summary'];
  kind: CellKind;
}[] = [
  { key: 'units', kind: 'units' },
  { key: 'revenue', kind: 'money' },
  { key: 'cogs', kind: 'money' },
  { key: 'margin', kind: 'money' },
  { key: 'averageInventoryValue', kind: 'money' },
  { key: 'closingUnits', kind: 'units' },
  { key: 'closingValue', kind: 'money' },
  { key: 'turnover', kind: 'ratio' },
  { key: 'daysOfInventory', kind: 'ratio' },
  { key: 'sellThrough', kind: 'percent' },
  { key: 'gmroi', kind: 'ratio' },
];

/** How one report's answer is drawn: its chart (if any) and its table. */
export function reportView<N extends ReportName>(
  name: N,
  answer: InsightAnswer[N],
  words: ReportWords = DESK.en.reports,
): ReportView {
  const col = words.col;
  const series = words.series;
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
            { key: 'value', label: series.stockValue, money: true },
            { key: 'onHand', label: series.onHand },
            { key: 'sellable', label: series.sellable },
          ],
          data: body.points,
        },
        columns: [
          { key: 't', label: col.period, kind: 'day' },
          { key: 'onHand', label: col.onHand, kind: 'units' },
          { key: 'sellable', label: col.sellable, kind: 'units' },
          { key: 'value', label: col.stockValue, kind: 'money' },
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
            { key: 'revenue', label: series.revenue, money: true },
            { key: 'cogs', label: series.cogs, money: true },
          ],
          data: body.points,
        },
        columns: [
          {
            key: 'key',
            label: body.by === 'channel' ? col.channel : body.by === 'warehouse' ? col.warehouse : col.sku,
            kind: 'text',
          },
          { key: 'units', label: col.units, kind: 'units' },
          { key: 'revenue', label: col.revenue, kind: 'money' },
          { key: 'cogs', label: col.cogs, kind: 'money' },
          { key: 'margin', label: col.margin, kind: 'money' },
        ],
        rows: body.rows,
      };
    }
    case 'summary': {
      const body = report.body;
      return {
        chart: null,
        columns: [
          { key: 'label', label: col.figure, kind: 'text' },
          { key: 'value', label: col.value, kind: 'text' },
        ],
        rows: SUMMARY_FIGURES.map((f) => ({ label: words.summary[f.key], value: body[f.key], kind: f.kind })),
      };
    }
    case 'ageing': {
      const body = report.body;
      return {
        chart: {
          kind: 'bar',
          x: 'band',
          series: [{ key: 'value', label: series.value, money: true }],
          data: body.bands.map((b) => ({ ...b, band: words.band(b.band) })),
        },
        columns: [
          { key: 'sku', label: col.sku, kind: 'text' },
          { key: 'name', label: col.name, kind: 'text' },
          { key: 'units', label: col.units, kind: 'units' },
          { key: 'value', label: col.value, kind: 'money' },
          { key: 'oldestDays', label: col.oldestDays, kind: 'units' },
        ],
        rows: body.rows,
      };
    }
    case 'dead-stock':
      return {
        chart: null,
        columns: [
          { key: 'sku', label: col.sku, kind: 'text' },
          { key: 'name', label: col.name, kind: 'text' },
          { key: 'units', label: col.units, kind: 'units' },
          { key: 'value', label: col.valueTiedUp, kind: 'money' },
          { key: 'lastSoldAt', label: col.lastSold, kind: 'day' },
        ],
        rows: report.body.rows,
      };
    case 'classes': {
      const body = report.body;
      return {
        chart: {
          kind: 'bar',
          x: 'cls',
          series: [{ key: 'skus', label: series.skus }],
          data: Object.entries(body.counts)
            .sort(([a], [b]) => (a < b ? -1 : 1))
            .map(([cls, skus]) => ({ cls, skus })),
        },
        columns: [
          { key: 'sku', label: col.sku, kind: 'text' },
          { key: 'name', label: col.name, kind: 'text' },
          { key: 'abc', label: col.abc, kind: 'text' },
          { key: 'xyz', label: col.xyz, kind: 'text' },
          { key: 'units', label: col.units, kind: 'units' },
          { key: 'revenue', label: col.revenue, kind: 'money' },
          { key: 'margin', label: col.margin, kind: 'money' },
          { key: 'cv', label: col.cv, kind: 'ratio' },
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
          series: [{ key: 'skuDaysOut', label: series.skuDaysOut }],
          data: body.points,
        },
        columns: [
          { key: 'sku', label: col.sku, kind: 'text' },
          { key: 'name', label: col.name, kind: 'text' },
          { key: 'daysOut', label: col.daysOut, kind: 'units' },
          { key: 'forecastDaily', label: col.forecastDaily, kind: 'ratio' },
          { key: 'lostUnits', label: col.lostUnits, kind: 'ratio' },
          { key: 'lostRevenue', label: col.lostRevenue, kind: 'money' },
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
            { key: 'forecast', label: series.forecast },
            { key: 'actual', label: series.ordered },
          ],
          data: body.points,
        },
        columns: [
          { key: 't', label: col.period, kind: 'day' },
          { key: 'forecast', label: col.forecast, kind: 'ratio' },
          { key: 'actual', label: col.ordered, kind: 'units' },
          { key: 'wape', label: col.wape, kind: 'percent' },
          { key: 'bias', label: col.bias, kind: 'percent' },
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
