/** The report of `stockroom forecast evaluate`: numbers from a summary, and their text form. */
import {
  AUTO,
  AUTO_MEDIAN,
  AUTO_SINGLE,
  HINDSIGHT_MEAN,
  HINDSIGHT_SEASON_MEAN,
  bias,
  seasonalNaive,
  stockMeasures,
  wape,
  type EvaluationSummary,
  type IntervalSummary,
  type PitLevel,
  type StockOutcome,
} from '../domain/forecast/index.ts';
import type { ReplenishmentPolicy } from '../domain/replenishment.ts';

export interface ModelRow {
  model: string;
  wape: number | null;
  mase: number | null;
  rmsse: number | null;
  bias: number | null;
  /** Forecasts (SKU x origin) with less, equal and more absolute error than seasonal naive. */
  better: number;
  equal: number;
  worse: number;
  forecasts: number;
}

export interface EvaluationReport {
  data: string;
  first: string;
  last: string;
  closedDays: string[];
  skus: number;
  skusSkipped: number;
  bucket: string;
  seasonLength: number | null;
  horizonDays: number;
  origins: number;
  selectionOrigins: number;
  /** `all`: every model was scored; `served`: only the served forecast and seasonal naive. */
  evaluated: 'all' | 'served';
  workers: number;
  models: ModelRow[];
  auto: ModelRow;
  /** The served forecast's median (ForecastDay's `median`), judged by the same measures. */
  autoMedian: ModelRow;
  autoSingle: ModelRow;
  baseline: ModelRow;
  /** Relative change of auto against seasonal naive (negative: auto is better). */
  autoVsBaseline: Relative;
  /** The same for the served median. */
  autoMedianVsBaseline: Relative;
  /** The served forecast's intervals per level: share of actuals inside, and pinball losses. */
  intervals: IntervalRow[];
  /** The same over the forecasts whose history was intermittent or lumpy. */
  intermittentIntervals: IntervalRow[];
  /** Forecasts (SKU x origin) whose history was intermittent or lumpy. */
  intermittentForecasts: number;
  /**
   * Interval variants compared with the served intervals (auto+zi-<source>: zero-inflated
   * where the history is intermittent), over all forecasts and the intermittent ones.
   */
  intervalVariants: { name: string; intervals: IntervalRow[]; intermittentIntervals: IntervalRow[] }[];
  /**
   * The PIT histogram of the outcomes whose served forecast is a distribution (zero-inflated):
   * each bin's share of them (0.1 each when calibrated, with 10 bins), and how many; and per
   * interval level the PIT coverage: the share of their PIT mass inside the central interval
   * (the level when calibrated; the counted coverage of an interval of counts is higher).
   */
  pit: { outcomes: number; shares: number[]; coverage: PitCoverageRow[] };
  /** The policy the stock outcome simulates (null: none, with weeks or months). */
  stockPolicy: ReplenishmentPolicy | null;
  /** The stock outcome of the served forecast's orders: all forecasts, then the intermittent ones. */
  stock: StockRow[];
  /** How often the automatic choice picked each model. */
  choices: Record<string, number>;
  elapsedMs: { load: number; evaluate: number; total: number };
}

export interface Relative {
  wape: number | null;
  mase: number | null;
  rmsse: number | null;
}

export interface IntervalRow {
  level: number;
  /** Share of observed actuals inside the interval. */
  coverage: number | null;
  /** Shares below the lower bound and above the upper one. */
  below: number | null;
  above: number | null;
  /**
   * Mean over (series, origin) of the mean pinball loss of the (1 - level) / 2 and (1 + level) / 2
   * quantiles (the bounds, or a zero-inflated forecast's central quantiles) / the MASE scale.
   */
  scaledPinball: number | null;
  /** The same pinball losses summed over all days, per unit of demand. */
  pinballPerUnit: number | null;
}

export interface PitCoverageRow {
  level: number;
  /** Share of the outcomes' PIT mass inside [(1 - level) / 2, (1 + level) / 2]. */
  coverage: number | null;
  /** Share of the same outcomes inside their served interval of counts. */
  counted: number | null;
  /** The mean probability of those intervals under their own forecasts: what `counted` should be. */
  probability: number | null;
  /**
   * The least mean probability any intervals of counts holding at least the level could have
   * under the same forecasts: what calibrated intervals of counts hold at the least.
   */
  least: number | null;
}

export interface StockRow {
  series: 'all' | 'intermittent';
  cycles: number;
  /** Share of cycles without a stockout (the policy's service level is its target). */
  cycleServiceLevel: number | null;
  /** Share of the demand after the order's arrival served from stock. */
  fillRate: number | null;
  /** Units of stock the cycles started from, per unit demanded over the cycle. */
  stockPerUnit: number | null;
  /** Units left when the next order arrives, per unit demanded over the cycle. */
  leftoverPerUnit: number | null;
}

function intervalRows(intervals: Record<string, IntervalSummary>, actual: number): IntervalRow[] {
  return Object.values(intervals)
    .sort((a, b) => a.level - b.level)
    .map((i) => ({
      level: i.level,
      coverage: i.days > 0 ? i.covered / i.days : null,
      below: i.days > 0 ? i.below / i.days : null,
      above: i.days > 0 ? i.above / i.days : null,
      scaledPinball: i.scaledCount > 0 ? i.scaledSum / i.scaledCount : null,
      pinballPerUnit: actual > 0 ? i.pinball / actual : null,
    }));
}

function pitRow(bins: readonly number[], inside: Record<string, PitLevel>): EvaluationReport['pit'] {
  const outcomes = bins.reduce((a, b) => a + b, 0);
  const shareOf = (v: number) => (outcomes > 0 ? v / outcomes : null);
  return {
    outcomes: Math.round(outcomes),
    shares: bins.map((b) => (outcomes > 0 ? b / outcomes : 0)),
    coverage: Object.entries(inside)
      .map(([level, sums]) => ({
        level: Number(level),
        coverage: shareOf(sums.mass),
        counted: shareOf(sums.counted),
        probability: shareOf(sums.probability),
        least: shareOf(sums.least),
      }))
      .sort((a, b) => a.level - b.level),
  };
}

const stockRow = (series: StockRow['series'], o: StockOutcome): StockRow => ({
  series,
  cycles: o.cycles,
  ...stockMeasures(o),
});

export function modelRows(summary: EvaluationSummary): ModelRow[] {
  return Object.values(summary.models).map((m) => ({
    model: m.model,
    wape: wape(m.totals),
    mase: m.maseCount > 0 ? m.maseSum / m.maseCount : null,
    rmsse: m.rmsseCount > 0 ? m.rmsseSum / m.rmsseCount : null,
    bias: bias(m.totals),
    better: m.versusBaseline.better,
    equal: m.versusBaseline.equal,
    worse: m.versusBaseline.worse,
    forecasts: m.versusBaseline.better + m.versusBaseline.equal + m.versusBaseline.worse,
  }));
}

const relative = (a: number | null, b: number | null) =>
  a !== null && b !== null && b > 0 ? a / b - 1 : null;

const versus = (row: ModelRow, baseline: ModelRow): Relative => ({
  wape: relative(row.wape, baseline.wape),
  mase: relative(row.mase, baseline.mase),
  rmsse: relative(row.rmsse, baseline.rmsse),
});

/** How the table names a row: the baseline and the references say what they are. */
function rowLabel(model: string, baseline: string): string {
  if (model === baseline) return `${model} (baseline)`;
  if (model === HINDSIGHT_MEAN || model === HINDSIGHT_SEASON_MEAN) return `${model} (knew the outcome)`;
  if (model === 'zero') return 'zero (reference)';
  return model;
}

export function buildEvaluationReport(
  summary: EvaluationSummary,
  meta: Omit<
    EvaluationReport,
    | 'models'
    | 'auto'
    | 'autoMedian'
    | 'autoSingle'
    | 'baseline'
    | 'autoVsBaseline'
    | 'autoMedianVsBaseline'
    | 'choices'
    | 'skus'
    | 'intervals'
    | 'intermittentIntervals'
    | 'intermittentForecasts'
    | 'stock'
    | 'intervalVariants'
    | 'pit'
  >,
): EvaluationReport {
  const rows = modelRows(summary);
  const empty = (model: string): ModelRow => ({
    model,
    wape: null,
    mase: null,
    rmsse: null,
    bias: null,
    better: 0,
    equal: 0,
    worse: 0,
    forecasts: 0,
  });
  const auto = rows.find((r) => r.model === AUTO) ?? empty(AUTO);
  const autoSingle = rows.find((r) => r.model === AUTO_SINGLE) ?? empty(AUTO_SINGLE);
  const autoMedian = rows.find((r) => r.model === AUTO_MEDIAN) ?? empty(AUTO_MEDIAN);
  const baseline = rows.find((r) => r.model === seasonalNaive.name) ?? empty(seasonalNaive.name);
  const variant = (model: string) => model.startsWith(`${AUTO}+`);
  const models = rows
    .filter((r) => ![AUTO, AUTO_SINGLE, AUTO_MEDIAN].includes(r.model) && !variant(r.model))
    .sort((a, b) => (a.wape ?? Infinity) - (b.wape ?? Infinity) || (a.model < b.model ? -1 : 1));
  const autoSummary = summary.models[AUTO];
  const intervals = intervalRows(autoSummary?.intervals ?? {}, autoSummary?.totals.actual ?? 0);
  const intermittent = autoSummary?.intermittent;
  return {
    ...meta,
    intervals,
    intermittentIntervals: intervalRows(intermittent?.intervals ?? {}, intermittent?.totals.actual ?? 0),
    intermittentForecasts: intermittent?.forecasts ?? 0,
    pit: pitRow(autoSummary?.pit ?? [], autoSummary?.pitInside ?? {}),
    intervalVariants: Object.values(summary.models)
      .filter((m) => variant(m.model))
      .sort((a, b) => (a.model < b.model ? -1 : 1))
      .map((m) => ({
        name: m.model,
        intervals: intervalRows(m.intervals, m.totals.actual),
        intermittentIntervals: intervalRows(m.intermittent.intervals, m.intermittent.totals.actual),
      })),
    stock:
      autoSummary && meta.stockPolicy
        ? [stockRow('all', autoSummary.stock), stockRow('intermittent', autoSummary.intermittent.stock)]
        : [],
    skus: summary.series,
    models,
    auto,
    autoSingle,
    baseline,
    autoMedian,
    autoVsBaseline: versus(auto, baseline),
    autoMedianVsBaseline: versus(autoMedian, baseline),
    choices: Object.fromEntries(Object.entries(summary.choices).sort(([, a], [, b]) => b - a)),
  };
}

const fixed = (v: number | null, digits = 3) => (v === null ? '-' : v.toFixed(digits));
const percent = (v: number | null) => (v === null ? '-' : `${v >= 0 ? '+' : ''}${(100 * v).toFixed(1)}%`);
const share = (v: number | null) => (v === null ? '-' : `${(100 * v).toFixed(1)}%`);
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** Rows of cells, the first column left-aligned and the others right-aligned. */
function aligned(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  return rows.map((row) =>
    row.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  '),
  );
}

export function formatEvaluationReport(r: EvaluationReport): string {
  const header = ['model', 'WAPE', 'MASE', 'RMSSE', 'bias', 'better', 'equal', 'worse'];
  const line = (row: ModelRow, label = row.model) => [
    label,
    fixed(row.wape),
    fixed(row.mase),
    fixed(row.rmsse),
    percent(row.bias),
    String(row.better),
    String(row.equal),
    String(row.worse),
  ];
  const table = [
    header,
    ...r.models.map((m) => line(m, rowLabel(m.model, r.baseline.model))),
    line(r.auto, 'auto (the served forecast)'),
    line(r.autoMedian, 'auto-median (its median)'),
    line(r.autoSingle, 'auto-single (best in backtest)'),
  ];
  const text = aligned(table);
  const totalChoices = Object.values(r.choices).reduce((a, b) => a + b, 0);
  const choices = Object.entries(r.choices)
    .map(([m, k]) => `${m} ${((100 * k) / Math.max(1, totalChoices)).toFixed(0)}%`)
    .join(', ');
  const intervalTable = (rows: IntervalRow[]) =>
    aligned([
      ['interval', 'coverage', 'below', 'above', 'scaled pinball', 'pinball / unit'],
      ...rows.map((i) => [
        `${Math.round(100 * i.level)}%`,
        share(i.coverage),
        share(i.below),
        share(i.above),
        fixed(i.scaledPinball),
        fixed(i.pinballPerUnit),
      ]),
    ]);
  const totalForecasts = r.auto.forecasts;
  const variantRows = (name: string, all: IntervalRow[], intermittent: IntervalRow[]) =>
    all.map((i, k) => [
      name,
      `${Math.round(100 * i.level)}%`,
      share(i.coverage),
      fixed(i.scaledPinball),
      share(intermittent[k]?.coverage ?? null),
      fixed(intermittent[k]?.scaledPinball ?? null),
    ]);
  const variantText =
    r.intervalVariants.length > 0
      ? [
          '',
          'intervals compared (served: zero-inflated matched to the forecast where the history is intermittent or lumpy, ' +
            'conformal elsewhere; conformal: backtest-error quantiles everywhere, served before; zi-history, zi-recent: ' +
            'zero-inflated with the zero share of the whole history or of the backtest span; see docs/forecasting.md):',
          ...aligned([
            ['intervals', 'level', 'coverage', 'scaled pinball', 'intermittent coverage', 'scaled pinball'],
            ...variantRows('served', r.intervals, r.intermittentIntervals),
            ...r.intervalVariants.flatMap((v) =>
              variantRows(v.name.slice(AUTO.length + 1), v.intervals, v.intermittentIntervals),
            ),
          ]),
        ]
      : [];
  const stockText = r.stockPolicy
    ? [
        '',
        `stock outcome of the orders the served forecast makes (order up to, lead time ${r.stockPolicy.leadTimeDays} days, ` +
          `review period ${r.stockPolicy.reviewPeriodDays} days, cycle service level target ${share(r.stockPolicy.serviceLevel)}):`,
        ...aligned([
          ['series', 'cycles', 'cycle service level', 'fill rate', 'stock / unit', 'left over / unit'],
          ...r.stock.map((s) => [
            s.series,
            String(s.cycles),
            share(s.cycleServiceLevel),
            share(s.fillRate),
            fixed(s.stockPerUnit, 2),
            fixed(s.leftoverPerUnit, 2),
          ]),
        ]),
        'One cycle per forecast: at the origin the position is ordered up to the level production computes from the ' +
          'forecast and its backtest errors; cycle service level: share of cycles whose demand over lead time plus review ' +
          'period stayed within it; fill rate: share of the demand after the order arrives served from stock; stock and ' +
          'left over: units per unit demanded over the cycle.',
      ]
    : [];
  const unit = r.bucket === 'day' ? 'days' : `${r.bucket}s`;
  return [
    `forecast evaluation of ${r.data} (${r.first} to ${r.last}; closed trading days not observed: ${r.closedDays.length})`,
    `${r.skus} series (${r.skusSkipped} skipped: too little history), bucket ${r.bucket}, season ${r.seasonLength ?? 'none'}, horizon ${r.horizonDays} ${unit}, ` +
      `${r.origins} rolling origins; auto chooses by a ${r.selectionOrigins}-origin backtest before each origin` +
      (r.evaluated === 'served'
        ? '; only the served forecast and its baseline scored (--models served)'
        : ''),
    '',
    ...text,
    '',
    `WAPE: sum |error| / sum demand over all SKUs and origins. MASE: mean over (SKU, origin) of MAE / in-sample ` +
      `seasonal naive MAE. RMSSE: the same with root mean squared errors over the seasonal naive MSE (the mean, not the median, scores best). bias: sum error / sum demand (+: forecasts too low). better/equal/worse: forecasts ` +
      `(SKU x origin) against seasonal naive.`,
    `auto vs seasonal naive: WAPE ${fixed(r.auto.wape)} vs ${fixed(r.baseline.wape)} (${percent(r.autoVsBaseline.wape)}), ` +
      `MASE ${fixed(r.auto.mase)} vs ${fixed(r.baseline.mase)} (${percent(r.autoVsBaseline.mase)}), ` +
      `RMSSE ${fixed(r.auto.rmsse)} vs ${fixed(r.baseline.rmsse)} (${percent(r.autoVsBaseline.rmsse)})`,
    `the served median vs seasonal naive: WAPE ${fixed(r.autoMedian.wape)} (${percent(r.autoMedianVsBaseline.wape)}), ` +
      `MASE ${fixed(r.autoMedian.mase)} (${percent(r.autoMedianVsBaseline.mase)}), ` +
      `RMSSE ${fixed(r.autoMedian.rmsse)} (${percent(r.autoMedianVsBaseline.rmsse)}). The forecast is a mean (what stock ` +
      'needs, and what squared errors judge); absolute errors (WAPE, MASE) judge a median. hindsight rows: each ' +
      "window's own mean, known after the fact (flat, or per position of the season).",
    `best model in the automatic choice's backtest: ${choices}`,
    '',
    ...intervalTable(r.intervals),
    '',
    `intermittent or lumpy histories (ADI >= 1.32), ${r.intermittentForecasts} of ${totalForecasts} forecasts:`,
    ...intervalTable(r.intermittentIntervals),
    '',
    'coverage: share of actuals inside the served interval (should match its level); below / above: outside it, each side should hold half the rest ' +
      '(an interval from 0 leaves its whole share to the upper side). scaled pinball: mean over (series, origin) of the pinball loss of the ' +
      '(1 - level) / 2 and (1 + level) / 2 quantiles per point (the bounds, or the zero-inflated central quantiles) / in-sample seasonal naive MAE. ' +
      'pinball / unit: summed loss / summed demand.',
    ...variantText,
    ...(r.pit.outcomes > 0
      ? [
          '',
          `PIT histogram of the served zero-inflated distributions (${r.pit.outcomes} outcomes; flat at ${share(1 / r.pit.shares.length)} a bin when calibrated):`,
          ...aligned([
            r.pit.shares.map(
              (_, j) => `${(100 * j) / r.pit.shares.length}-${(100 * (j + 1)) / r.pit.shares.length}%`,
            ),
            r.pit.shares.map((v) => share(v)),
          ]),
          'PIT: where each outcome fell in its forecast distribution (non-randomized, for counts); a U: too narrow, a hump: too wide, more on the right: forecasts too low.',
          `PIT coverage ${r.pit.coverage.map((c) => Math.round(100 * c.level)).join('/')}% of the same outcomes: ` +
            `${r.pit.coverage.map((c) => share(c.coverage)).join(' / ')} (share of the PIT mass inside the central interval; ` +
            'the level when calibrated. The coverage above counts whole counts inside an interval of counts: a calibrated ' +
            'forecast with many zero days has an interval from 0 holding more than its level).',
          `the same outcomes counted inside their intervals ${r.pit.coverage.map((c) => share(c.counted)).join(' / ')}, ` +
            `against the intervals' own probability under their forecasts ${r.pit.coverage.map((c) => share(c.probability)).join(' / ')} ` +
            '(what an interval of counts should hold: equal when calibrated); no interval of counts holding its level ' +
            `could hold less than ${r.pit.coverage.map((c) => share(c.least)).join(' / ')} under these forecasts ` +
            '(a day likelier than the level to sell nothing has every such interval holding 0).',
        ]
      : []),
    ...stockText,
    '',
    `elapsed: ${seconds(r.elapsedMs.total)} (reading ${seconds(r.elapsedMs.load)}, evaluating ${seconds(r.elapsedMs.evaluate)} ` +
      `on ${r.workers === 0 ? 'the main thread' : `${r.workers} worker thread${r.workers > 1 ? 's' : ''}`})`,
  ].join('\n');
}
