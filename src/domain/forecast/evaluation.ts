/**
 * Evaluation of the models and of the automatic choice over many series: for each series, a
 * rolling-origin backtest at `origins` origins (n - h, n - 2h, ...). Every model forecasts from
 * every origin; "auto" chooses at each origin by its own backtest on the history before that
 * origin only (origins further back), as it would in production, so its score is honest:
 * "auto" averages the best `combine` models (the forecaster's default), "auto-single" takes
 * the best one.
 * Forecasts are shared through the cache: the inner origins are the outer ones further back.
 */
import { selectModel, forecastCache, originPositions, DAILY, type Granularity } from './backtest.ts';
import { MIN_TRAIN_POINTS } from './buckets.ts';
import { DEFAULT_COMBINE, servedForecast, type ServedForecast } from './forecaster.ts';
import { addPit, PIT_BINS, pitCoverage } from './pit.ts';
import type { Interval } from './intervals.ts';
import { defaultCandidatePolicy, type CandidatePolicy } from './candidates.ts';
import {
  addErrors,
  errorTotals,
  mase,
  noErrors,
  rmsse,
  seasonalNaiveScales,
  type ErrorTotals,
} from './metrics.ts';
import type { ForecastModel } from './model.ts';
import { phaseMeans, type Demand } from './series.ts';
import { classifyDemand } from './classification.ts';
import { addStockOutcome, noStockOutcome, stockCycle, type StockOutcome } from './stock-outcome.ts';
import type { ReplenishmentPolicy } from '../replenishment.ts';
import { zeroInflatedIntervals, type ZeroInflatedSource } from './zero-inflated.ts';

/** The forecaster's default: the mean of the backtest's best `combine` models. */
export const AUTO = 'auto';
/** The backtest's single best model. */
export const AUTO_SINGLE = 'auto-single';
/** The median of the served forecast's distribution (ForecastDay's `median`). */
export const AUTO_MEDIAN = 'auto-median';
/**
 * References that know the outcome, never candidates: a flat forecast at each window's own mean,
 * and each position of the season (a weekday) at its own mean in the window: what forecasts of
 * the mean score with hindsight. On intermittent days absolute errors are smallest at the
 * median, and even these do worse by them than a forecast of nothing.
 */
export const HINDSIGHT_MEAN = 'hindsight-mean';
export const HINDSIGHT_SEASON_MEAN = 'hindsight-season-mean';

/** The observed outcomes' mean, every point. */
export function hindsightMean(actual: readonly Demand[]): number[] {
  let sum = 0;
  let n = 0;
  for (const y of actual)
    if (y !== null) {
      sum += y;
      n++;
    }
  return actual.map(() => (n > 0 ? sum / n : 0));
}

/**
 * Each point at the mean of the observed outcomes at its position in the season (`season`
 * points long) within the window; null unless the window holds two whole seasons (with fewer,
 * a position's mean is its own outcome).
 */
export function hindsightSeasonMean(actual: readonly Demand[], season: number | null): number[] | null {
  if (season === null || season < 2 || actual.length < 2 * season) return null;
  const means = phaseMeans(actual, season);
  return actual.map((_, i) => means[i % season]!);
}

export interface EvaluationOptions {
  horizonDays: number;
  origins: number;
  /** Origins of the inner backtest that the automatic choice runs at each origin. */
  selectionOrigins: number;
  models: readonly ForecastModel[];
  policy?: CandidatePolicy;
  minTrainDays?: number;
  /** How many of the best models "auto" averages (default DEFAULT_COMBINE, as the forecaster). */
  combine?: number;
  /** The series' bucket and season length (default: days, weekly season). */
  granularity?: Granularity;
  /** Central interval levels whose coverage and pinball loss are measured (default 0.5, 0.8, 0.95). */
  levels?: readonly number[];
  /**
   * The replenishment policy whose stock outcome the served forecast is judged by (days only:
   * see stock-outcome.ts); none when absent.
   */
  stockPolicy?: ReplenishmentPolicy;
  /**
   * Intervals to compare with the served ones, each a row `auto+<variant>` with the served
   * points: `conformal`, the backtest-error intervals everywhere (what was served for every
   * history before zero-inflated ones); `zi-<source>`, zero-inflated intervals from `source`
   * (zero-inflated.ts) where the history is intermittent or lumpy, the served ones elsewhere.
   */
  intervalVariants?: readonly IntervalVariant[];
  /** Score the hindsight references (HINDSIGHT_MEAN, HINDSIGHT_SEASON_MEAN) too. */
  hindsight?: boolean;
}

export type IntervalVariant = 'conformal' | `zi-${ZeroInflatedSource}`;

/** The row of the served forecast with the intervals of `variant`. */
export const intervalVariantRow = (variant: IntervalVariant) => `${AUTO}+${variant}`;

export const DEFAULT_LEVELS: readonly number[] = [0.5, 0.8, 0.95];

/** One interval level's outcome on one forecast: how many actuals it held, and its pinball loss. */
export interface IntervalOutcome {
  level: number;
  covered: number;
  /** Actuals below the lower bound and above the upper one (covered + below + above = days). */
  below: number;
  above: number;
  days: number;
  /**
   * Sum over days of the pinball losses of the (1 - level) / 2 and (1 + level) / 2 quantiles:
   * the interval's bounds, or the central quantiles given beside an interval that is not
   * central (a zero-inflated one from 0 to its level quantile).
   */
  pinball: number;
}

/** The pinball (quantile) loss of quantile forecast `q` at probability `p` for outcome `y`. */
export function pinballLoss(y: number, q: number, p: number): number {
  return y >= q ? p * (y - q) : (1 - p) * (q - y);
}

export function intervalOutcome(
  actual: readonly Demand[],
  intervals: readonly Interval[],
  level: number,
  quantiles: readonly Interval[] = intervals,
) {
  const out: IntervalOutcome = { level, covered: 0, below: 0, above: 0, days: 0, pinball: 0 };
  actual.forEach((y, i) => {
    const iv = intervals[i];
    const q = quantiles[i];
    if (y === null || iv === undefined || q === undefined) return;
    out.days++;
    if (y < iv.lower - 1e-9) out.below++;
    else if (y > iv.upper + 1e-9) out.above++;
    else out.covered++;
    out.pinball += pinballLoss(y, q.lower, (1 - level) / 2) + pinballLoss(y, q.upper, (1 + level) / 2);
  });
  return out;
}

export interface OriginResult {
  model: string;
  origin: number;
  totals: ErrorTotals;
  /** In-sample seasonal naive MAE of the history before the origin (the MASE scale). */
  scale: number | null;
  /** In-sample seasonal naive MSE of the history before the origin (the RMSSE scale). */
  squaredScale?: number | null;
  /** The served forecast's intervals at each level (auto only). */
  intervals?: IntervalOutcome[];
  /** The stock outcome of the served forecast's order (auto only, with a stock policy). */
  stock?: StockOutcome;
  /** The PIT histogram of the served distribution's outcomes (auto, zero-inflated only). */
  pit?: number[];
  /** Per level, sums over those outcomes (see PitLevel). */
  pitInside?: Record<string, PitLevel>;
  /** Whether the history before the origin was intermittent or lumpy (ADI >= 1.32). */
  intermittent?: boolean;
}

export interface SeriesEvaluation {
  results: OriginResult[];
  /** The best model of the automatic choice at each origin, the latest origin first. */
  choices: string[];
}

export function evaluateSeries(units: readonly Demand[], options: EvaluationOptions): SeriesEvaluation {
  const { horizonDays, combine = DEFAULT_COMBINE, granularity = DAILY } = options;
  const minTrainDays = options.minTrainDays ?? MIN_TRAIN_POINTS[granularity.bucket];
  const cache = forecastCache(units, horizonDays, granularity);
  const results: OriginResult[] = [];
  const choices: string[] = [];
  for (const origin of originPositions(units.length, horizonDays, options.origins, minTrainDays)) {
    const actual = units.slice(origin, origin + horizonDays);
    const scales = seasonalNaiveScales(units.slice(0, origin), granularity.seasonLength ?? 1);
    const scale = scales.mae;
    const { demandClass } = classifyDemand(units.slice(0, origin));
    const intermittent = demandClass === 'intermittent' || demandClass === 'lumpy';
    const record = (
      model: string,
      forecast: readonly number[],
      extra: Pick<OriginResult, 'intervals' | 'stock' | 'pit' | 'pitInside'> = {},
    ) =>
      results.push({
        model,
        origin,
        totals: errorTotals(actual, forecast),
        scale,
        squaredScale: scales.mse,
        intermittent,
        ...extra,
      });
    for (const model of options.models) {
      const forecast = cache.at(model, origin);
      if (forecast) record(model.name, forecast);
    }
    if (options.hindsight) {
      record(HINDSIGHT_MEAN, hindsightMean(actual));
      const bySeason = hindsightSeasonMean(actual, granularity.seasonLength);
      if (bySeason) record(HINDSIGHT_SEASON_MEAN, bySeason);
    }
    const choice = selectModel(units, {
      horizonDays,
      origins: options.selectionOrigins,
      minTrainDays,
      policy: options.policy ?? defaultCandidatePolicy,
      end: origin,
      cache,
      granularity,
    });
    const forecast = cache.at(choice.model, origin);
    if (forecast) {
      record(AUTO_SINGLE, forecast);
      choices.push(choice.model.name);
    }
    // "auto" is the served path itself (yearly profile, choice, combination, intervals).
    const served = servedForecast(
      units.slice(0, origin),
      horizonDays,
      {
        backtestOrigins: options.selectionOrigins,
        combine,
        ...(options.policy ? { policy: options.policy } : {}),
      },
      granularity,
      cache,
    );
    const levels = options.levels ?? DEFAULT_LEVELS;
    const stock =
      options.stockPolicy && granularity.bucket === 'day'
        ? stockCycle(actual, served.points, served.errors, options.stockPolicy)
        : null;
    const bounds = levels.map((l) => served.intervalsAt(l));
    const servedIntervals = levels.map((l, k) =>
      intervalOutcome(actual, bounds[k]!, l, served.quantilesAt(l)),
    );
    const pit = pitOf(actual, served, levels, bounds);
    record(AUTO, served.points, {
      intervals: servedIntervals,
      ...(stock ? { stock } : {}),
      ...(pit ? { pit: pit.bins, pitInside: pit.inside } : {}),
    });
    record(AUTO_MEDIAN, served.medians);
    const history = units.slice(0, origin);
    const window = options.selectionOrigins * horizonDays;
    for (const variant of options.intervalVariants ?? []) {
      const intervals = levels.map((l, k) => {
        if (variant === 'conformal') return intervalOutcome(actual, served.conformalAt(l), l);
        const source = variant.slice('zi-'.length) as ZeroInflatedSource;
        const zi = intermittent ? zeroInflatedIntervals(history, served.points, l, source, window) : null;
        const central = zi && zeroInflatedIntervals(history, served.points, l, source, window, 'central')!;
        return zi && central ? intervalOutcome(actual, zi, l, central) : servedIntervals[k]!;
      });
      record(intervalVariantRow(variant), served.points, { intervals });
    }
  }
  return { results, choices };
}

/**
 * Sums over the outcomes of served distributions at one interval level (sums, not means, so that
 * series and workers add up):
 *   - `mass`: their PIT mass inside the central interval (pitCoverage: the level when calibrated);
 *   - `counted`: outcomes inside the served interval of counts;
 *   - `probability`: that interval's probability under its own forecast, P(lower <= Y <= upper);
 *   - `least`: the least probability any interval of counts holding at least the level can have
 *     under the same forecast: P(Y = 0) where that is above the level, else the level (when
 *     P(Y = 0) > 1 - level, every set of counts holding the level holds 0).
 * An interval of counts cannot hold exactly its level (a day more likely than the level to sell
 * nothing has no interval holding less than that likelihood); what it should hold is its own
 * probability, so `counted` against `probability` checks the intervals as served, and `least`
 * is what any calibrated interval of counts would hold at the least.
 */
export interface PitLevel {
  mass: number;
  counted: number;
  probability: number;
  least: number;
}

/**
 * The PIT histogram of the outcomes under the served distribution and, per level, their
 * PitLevel sums against the served intervals `bounds` (one per level); null without a
 * distribution.
 */
function pitOf(
  actual: readonly Demand[],
  served: ServedForecast,
  levels: readonly number[],
  bounds: readonly (readonly Interval[])[],
): { bins: number[]; inside: Record<string, PitLevel> } | null {
  const bins = new Array<number>(PIT_BINS).fill(0);
  const outcomes: { below: number; atMost: number }[] = [];
  const counted = levels.map(() => 0);
  const probability = levels.map(() => 0);
  const least = levels.map(() => 0);
  for (const [i, y] of actual.entries()) {
    if (y === null) continue;
    const p = served.probabilities(i, y);
    if (!p) return null;
    addPit(bins, p.below, p.atMost);
    outcomes.push(p);
    const zero = served.probabilities(i, 0)!.atMost;
    levels.forEach((l, k) => (least[k]! += zero > 1 - l ? Math.max(l, zero) : l));
    bounds.forEach((at, k) => {
      const iv = at[i]!;
      if (y >= iv.lower - 1e-9 && y <= iv.upper + 1e-9) counted[k]!++;
      probability[k]! += served.probabilities(i, iv.upper)!.atMost - served.probabilities(i, iv.lower)!.below;
    });
  }
  if (outcomes.length === 0) return null;
  const inside = Object.fromEntries(
    levels.map((l, k): [string, PitLevel] => [
      String(l),
      {
        mass: (pitCoverage(outcomes, l) ?? 0) * outcomes.length,
        counted: counted[k]!,
        probability: probability[k]!,
        least: least[k]!,
      },
    ]),
  );
  return { bins, inside };
}

const addPitInside = (into: Record<string, PitLevel>, part: Record<string, PitLevel>) => {
  for (const [level, sums] of Object.entries(part)) {
    const t = (into[level] ??= { mass: 0, counted: 0, probability: 0, least: 0 });
    t.mass += sums.mass;
    t.counted += sums.counted;
    t.probability += sums.probability;
    t.least += sums.least;
  }
};

export interface ModelSummary {
  model: string;
  totals: ErrorTotals;
  /** Sum and count of MASE over (series, origin) pairs with a positive scale. */
  maseSum: number;
  maseCount: number;
  /** Sum and count of RMSSE over (series, origin) pairs with a positive scale. */
  rmsseSum: number;
  rmsseCount: number;
  /** (series, origin) pairs with a smaller, equal or larger absolute error than seasonal naive. */
  versusBaseline: { better: number; equal: number; worse: number };
  /** Per interval level: actuals covered, days, pinball sum, and scaled pinball over (series, origin). */
  intervals: Record<string, IntervalSummary>;
  /** The stock outcome of the cycles simulated (auto only). */
  stock: StockOutcome;
  /** The PIT histogram (outcomes per bin) of the forecasts with a served distribution. */
  pit: number[];
  /** Per level, sums over those outcomes (PitLevel; shares: / outcomes). */
  pitInside: Record<string, PitLevel>;
  /** The same measures over the forecasts whose history was intermittent or lumpy. */
  intermittent: {
    forecasts: number;
    totals: ErrorTotals;
    intervals: Record<string, IntervalSummary>;
    stock: StockOutcome;
  };
}

export interface IntervalSummary {
  level: number;
  covered: number;
  below: number;
  above: number;
  days: number;
  pinball: number;
  /** Sum and count of (mean pinball loss / MASE scale) over (series, origin) pairs with a scale. */
  scaledSum: number;
  scaledCount: number;
}

function addInterval(
  into: Record<string, IntervalSummary>,
  o: IntervalSummary | IntervalOutcome,
  scale?: number | null,
) {
  const t = (into[String(o.level)] ??= {
    level: o.level,
    covered: 0,
    below: 0,
    above: 0,
    days: 0,
    pinball: 0,
    scaledSum: 0,
    scaledCount: 0,
  });
  t.covered += o.covered;
  t.below += o.below;
  t.above += o.above;
  t.days += o.days;
  t.pinball += o.pinball;
  if ('scaledSum' in o) {
    t.scaledSum += o.scaledSum;
    t.scaledCount += o.scaledCount;
  } else if (scale !== undefined && scale !== null && scale > 0 && o.days > 0) {
    t.scaledSum += o.pinball / o.days / scale;
    t.scaledCount++;
  }
}

export interface EvaluationSummary {
  series: number;
  models: Record<string, ModelSummary>;
  choices: Record<string, number>;
}

export const emptySummary = (): EvaluationSummary => ({ series: 0, models: {}, choices: {} });

const emptyModelSummary = (model: string): ModelSummary => ({
  model,
  totals: noErrors(),
  maseSum: 0,
  maseCount: 0,
  rmsseSum: 0,
  rmsseCount: 0,
  versusBaseline: { better: 0, equal: 0, worse: 0 },
  intervals: {},
  stock: noStockOutcome(),
  pit: new Array<number>(PIT_BINS).fill(0),
  pitInside: {},
  intermittent: { forecasts: 0, totals: noErrors(), intervals: {}, stock: noStockOutcome() },
});

/** Adds one series' evaluation to a summary (summaries of parts can be merged with mergeSummaries). */
export function accumulate(summary: EvaluationSummary, evaluation: SeriesEvaluation, baseline: string) {
  summary.series++;
  const baselineError = new Map<number, number>();
  for (const r of evaluation.results)
    if (r.model === baseline) baselineError.set(r.origin, r.totals.absError);
  for (const r of evaluation.results) {
    const m = (summary.models[r.model] ??= emptyModelSummary(r.model));
    addErrors(m.totals, r.totals);
    for (const o of r.intervals ?? []) addInterval(m.intervals, o, r.scale);
    if (r.stock) addStockOutcome(m.stock, r.stock);
    r.pit?.forEach((v, j) => (m.pit[j]! += v));
    if (r.pitInside) addPitInside(m.pitInside, r.pitInside);
    if (r.intermittent) {
      m.intermittent.forecasts++;
      addErrors(m.intermittent.totals, r.totals);
      for (const o of r.intervals ?? []) addInterval(m.intermittent.intervals, o, r.scale);
      if (r.stock) addStockOutcome(m.intermittent.stock, r.stock);
    }
    const value = mase(r.totals, r.scale);
    if (value !== null) {
      m.maseSum += value;
      m.maseCount++;
    }
    const squared = rmsse(r.totals, r.squaredScale ?? null);
    if (squared !== null) {
      m.rmsseSum += squared;
      m.rmsseCount++;
    }
    const base = baselineError.get(r.origin);
    if (base !== undefined) {
      const diff = r.totals.absError - base;
      const tolerance = 1e-9 * Math.max(1, base);
      if (diff < -tolerance) m.versusBaseline.better++;
      else if (diff > tolerance) m.versusBaseline.worse++;
      else m.versusBaseline.equal++;
    }
  }
  for (const c of evaluation.choices) summary.choices[c] = (summary.choices[c] ?? 0) + 1;
  return summary;
}

export function mergeSummaries(into: EvaluationSummary, part: EvaluationSummary): EvaluationSummary {
  into.series += part.series;
  for (const [name, m] of Object.entries(part.models)) {
    const t = (into.models[name] ??= emptyModelSummary(name));
    addErrors(t.totals, m.totals);
    for (const o of Object.values(m.intervals)) addInterval(t.intervals, o);
    addStockOutcome(t.stock, m.stock);
    m.pit.forEach((v, j) => (t.pit[j]! += v));
    addPitInside(t.pitInside, m.pitInside);
    t.intermittent.forecasts += m.intermittent.forecasts;
    addErrors(t.intermittent.totals, m.intermittent.totals);
    for (const o of Object.values(m.intermittent.intervals)) addInterval(t.intermittent.intervals, o);
    addStockOutcome(t.intermittent.stock, m.intermittent.stock);
    t.maseSum += m.maseSum;
    t.maseCount += m.maseCount;
    t.rmsseSum += m.rmsseSum;
    t.rmsseCount += m.rmsseCount;
    t.versusBaseline.better += m.versusBaseline.better;
    t.versusBaseline.equal += m.versusBaseline.equal;
    t.versusBaseline.worse += m.versusBaseline.worse;
  }
  for (const [c, k] of Object.entries(part.choices)) into.choices[c] = (into.choices[c] ?? 0) + k;
  return into;
}
