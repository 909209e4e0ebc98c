/**
 * The forecast of one SKU's daily demand: the whole pipeline over the models.
 *
 *   1. Event days in the history are held out (null) and their uplifts learned (events.ts).
 *   2. With two years of history, the yearly profile is divided out (seasonality.ts).
 *   3. The demand class picks the candidates; a rolling-origin backtest ranks them.
 *   4. The best `combine` models (default 3) are refitted on the whole history and their
 *      forecasts averaged: on noisy retail series the single backtest winner is often a lucky
 *      one (a 3-origin backtest is a small sample), and averaging the top few is the robust
 *      remedy (the forecast-combination results of the M3 and M4 competitions). combine: 1
 *      takes the single winner. The yearly profile and the event uplifts are multiplied back in.
 *   5. Intervals come from the backtest errors of that same average (intervals.ts); for an
 *      intermittent or lumpy history, from its zero-inflated distribution matched to the
 *      forecast (zero-inflated.ts), which scored a lower pinball loss on the Online Retail year.
 */
import {
  forecastCache,
  meanForecast,
  originPositions,
  rankScores,
  selectModel,
  type BacktestScore,
  type ForecastCache,
  type Granularity,
} from './backtest.ts';
import type { StepError } from './intervals.ts';
import { defaultCandidatePolicy, type CandidatePolicy } from './candidates.ts';
import { classifyDemand, type Classification } from './classification.ts';
import { holdOutEvents, learnEventUplifts, upliftByDay, type EventDay, type EventUplift } from './events.ts';
import {
  heldOutCoverage,
  intervalMethod,
  MIN_EMPIRICAL_ERRORS,
  predictionIntervals,
  predictionMedians,
  type HeldOutCoverage,
} from './intervals.ts';
import { addErrors, bias, errorTotals, noErrors, wape, type ErrorTotals } from './metrics.ts';
import { seasonalNaive } from './baseline-models.ts';
import { seasonalPeriod, yearlyProfile, type YearlyProfile } from './seasonality.ts';
import { addDays, countObserved, dayNumber, type Demand, type DemandSeries, type IsoDate } from './series.ts';
import {
  aggregateSeries,
  bucketDateAt,
  DEFAULT_SEASON,
  nextBucket,
  spreadBucket,
  weekdayShares,
  type Bucket,
  type BucketSeries,
} from './buckets.ts';
import type { FittedModel } from './model.ts';
import type { Interval, IntervalSource } from './intervals.ts';
import {
  matchingForecast,
  zeroInflatedBelow,
  zeroInflatedCdf,
  zeroInflatedHeldOut,
  zeroInflatedIntervals,
  zeroInflatedMedians,
  zeroInflatedOf,
  type ZeroInflated,
} from './zero-inflated.ts';

/** How the intervals are made: see DemandForecast's `intervals`. */
export type IntervalMethod = 'conformal' | 'normal' | 'zero-inflated';

export interface ForecastOptions {
  horizonDays: number;
  /** Central coverage of the intervals; 0.8 gives the 10% and 90% quantiles. */
  level?: number;
  events?: readonly EventDay[];
  /** Rolling origins for the model choice (default 3), each `horizonDays` long. */
  backtestOrigins?: number;
  policy?: CandidatePolicy;
  /** How many of the best backtest models to average (default 3; 1: the single best). */
  combine?: number;
  /**
   * The bucket the models work in (default day). Weeks and months sum the days (ISO weeks from
   * Monday, calendar months), forecast whole buckets from the first one the history does not
   * cover whole, and spread them back to days by the history's weekday shares.
   */
  bucket?: Bucket;
  /**
   * The season length in buckets (default 7 for days, 52 for weeks, 12 for months); null for
   * none. Used only when the history holds enough cycles (seasonality.ts). With days, a yearly
   * profile is divided out as well from two years of history, unless the season is null.
   */
  seasonLength?: number | null;
  /**
   * Interval levels answered besides `level` in each day's and period's `bands` (default 0.8
   * and 0.95), each with its held-out coverage in `intervals.heldOut`.
   */
  bandLevels?: readonly number[];
}

export const DEFAULT_BAND_LEVELS: readonly number[] = [0.8, 0.95];

/** The interval at one level. */
export interface Band {
  level: number;
  lower: number;
  upper: number;
}

/** One bucket of the forecast: its first and last day, both included. */
export interface ForecastPeriod {
  start: IsoDate;
  end: IsoDate;
  forecast: number;
  /** The median of the bucket's demand (see ForecastDay's `median`). */
  median: number;
  lower: number;
  upper: number;
  /** The intervals at every band level, the narrowest first. */
  bands: Band[];
}

export interface ForecastDay {
  date: IsoDate;
  /** The expected demand (a mean): what stock is built on. */
  forecast: number;
  /**
   * The median of the day's demand: half the days like it sell at most this. On an
   * intermittent history it is often 0 where the mean is not; absolute-error measures (MAE,
   * WAPE, MASE) judge a median, squared ones (RMSSE) a mean.
   */
  median: number;
  lower: number;
  upper: number;
  /** The intervals at every band level, the narrowest first. */
  bands: Band[];
  events: string[];
}

export interface DemandForecast {
  /** The models averaged, joined by " + " ("none" without any demand history). */
  model: string;
  models: { model: string; params: Readonly<Record<string, number>> }[];
  classification: Classification;
  bucket: Bucket;
  /** The season length used (in buckets), null when none applied. */
  seasonLength: number | null;
  /** 7 when a weekly season of days applied (kept for callers of the daily forecast). */
  weeklyPeriod: number | null;
  yearlySeasonality: boolean;
  /** Each candidate's backtest score, the winner first. */
  backtest: { model: string; wape: number | null; bias: number | null; origins: number }[];
  /**
   * The backtest of the forecast actually made (the average of `models`) at the same origins:
   * its WAPE and bias, and how many origins and days it was scored on (null WAPE without demand
   * in the backtest, 0 origins when the history was too short to backtest).
   */
  combinedBacktest: { wape: number | null; bias: number | null; origins: number; days: number };
  /**
   * Standard deviation of the daily errors (actual - forecast) of the forecast actually made:
   * its backtest errors over every step and origin when there are at least
   * MIN_EMPIRICAL_ERRORS of them (the intervals' rule), else the in-sample one-step residuals of
   * the first model; 0 with fewer than two errors. Safety stock reads it.
   */
  dailyErrorSd: number;
  /**
   * The backtest's daily errors (actual - forecast) of the forecast actually made, sorted, when
   * there are at least MIN_EMPIRICAL_ERRORS; else empty. Safety stock takes their quantile at
   * the service level and their mean (the forecast's bias) from them.
   */
  dailyErrors: number[];
  /**
   * The same errors per backtest origin in step order, oldest origin first (a closed day 0):
   * safety stock sums them over its protection interval. Empty when there are too few.
   */
  errorPaths: number[][];
  /**
   * How the intervals were made (`conformal`: calibrated quantiles of the backtest errors;
   * `normal`: from the in-sample residuals, with too few backtest errors; `zero-inflated`: an
   * intermittent or lumpy history's zero share and sizes, matched to the forecast) and, per band
   * level, the coverage the intervals reached on held-out backtest origins.
   */
  intervals: { method: IntervalMethod; heldOut: HeldOutCoverage[] };
  events: EventUplift[];
  /** The forecast per bucket (per day with days), whole buckets. */
  periods: ForecastPeriod[];
  days: ForecastDay[];
}

export const DEFAULT_BACKTEST_ORIGINS = 3;
export const DEFAULT_COMBINE = 3;

/** What the pipeline makes of one series of points (days, weeks or months). */
interface CoreForecast {
  selection: ReturnType<typeof selectModel>;
  fits: { fitted: FittedModel; forecast: number[] }[];
  base: number[];
  /** The median of each point's outcome, from the distribution the intervals come from. */
  medians: number[];
  /** The zero-inflated distribution of a day (before matching a forecast), when that is the method. */
  distribution: ZeroInflated | null;
  intervals: Interval[];
  /** The intervals of `base` at any level, by `method`. */
  intervalsAt(level: number): Interval[];
  /**
   * The (1 - level) / 2 and (1 + level) / 2 quantiles of each point's outcome (what the pinball
   * loss scores): the intervals themselves where they come from errors, the central quantiles
   * of the zero-inflated distribution where the intervals come from it (which start at 0 and
   * end at its level quantile when a day without demand is likely, see zeroInflatedInterval).
   */
  quantilesAt(level: number): Interval[];
  /** Their coverage on the backtest's held-out origins. */
  heldOutAt(level: number): HeldOutCoverage;
  method: IntervalMethod;
  source: IntervalSource;
  combined: { errors: StepError[]; totals: ErrorTotals; origins: number } | undefined;
  residuals: readonly number[];
  backtestErrors: number[];
  period: number | null;
}

/**
 * Steps 3 to 5 of the pipeline on points of any bucket. `cache` may be shared with a caller
 * that holds a longer series with the same first points (the evaluation): every fit it holds
 * for an origin within `history` is a fit on the same points.
 */
function forecastPoints(
  history: readonly Demand[],
  horizon: number,
  options: ForecastOptions,
  granularity: Granularity,
  shared?: ForecastCache,
): CoreForecast {
  const { level = 0.8, backtestOrigins = DEFAULT_BACKTEST_ORIGINS } = options;
  const combine = options.combine ?? DEFAULT_COMBINE;
  if (!(Number.isInteger(combine) && combine >= 1)) throw new RangeError('combine must be >= 1');
  const cache = shared ?? forecastCache(history, horizon, granularity);
  const selection = selectModel(history, {
    horizonDays: horizon,
    origins: backtestOrigins,
    policy: options.policy ?? defaultCandidatePolicy,
    cache,
    granularity,
  });
  const top = rankScores(selection.scores).slice(0, combine);
  const chosen = top.length > 0 ? top.map((s) => s.model) : [selection.model];
  const observed = countObserved(history) > 0;
  const end = history.length;
  const fits = observed ? chosen.map((m) => cache.fit(m, end)) : [];
  let ok = fits.filter((f) => f !== null);
  if (ok.length === 0 && observed) ok = [cache.fit(seasonalNaive, end)].filter((f) => f !== null);
  const base = ok.length > 0 ? meanForecast(ok.map((f) => f.forecast)) : new Array<number>(horizon).fill(0);
  const combined = combinedErrors(history, top, cache, horizon);
  const residuals = ok[0]?.fitted.residuals ?? [];
  const source: IntervalSource = { backtestErrors: combined?.errors, residuals };
  const { demandClass } = classifyDemand(history);
  const distribution =
    demandClass === 'intermittent' || demandClass === 'lumpy' ? zeroInflatedOf(history) : null;
  const zeroInflated = distribution !== null;
  const shaped = (shape: 'served' | 'central') => (l: number) =>
    zeroInflated
      ? zeroInflatedIntervals(history, base, l, 'forecast', Infinity, shape)!
      : predictionIntervals(base, source, l);
  const intervalsAt = shaped('served');
  const quantilesAt = shaped('central');
  const method: IntervalMethod = zeroInflated ? 'zero-inflated' : intervalMethod(source);
  const heldOutAt = (l: number) =>
    zeroInflated
      ? zeroInflatedHeldOut(history, combined?.errors, horizon, l)
      : heldOutCoverage(combined?.errors, l);
  const intervals = intervalsAt(level);
  const medians = distribution ? zeroInflatedMedians(distribution, base) : predictionMedians(base, source);
  const backtestErrors = (combined?.errors ?? []).map((e) => e.error).filter(Number.isFinite);
  const period = seasonalPeriod(history, granularity.seasonLength);
  return {
    selection,
    fits: ok,
    base,
    medians,
    distribution,
    intervals,
    intervalsAt,
    quantilesAt,
    heldOutAt,
    method,
    source,
    combined,
    residuals,
    backtestErrors,
    period,
  };
}

/** The served forecast of a history of points, before events: what forecastDemand answers. */
export interface ServedForecast {
  core: CoreForecast;
  /** The yearly profile divided out (days with two years of history), else null. */
  profile: YearlyProfile | null;
  /** Point forecasts of the `horizon` points after the history, the profile multiplied back. */
  points: number[];
  /** The median of each point's outcome, the profile multiplied back. */
  medians: number[];
  /** Intervals at any level from the same errors, the profile multiplied back. */
  intervalsAt(level: number): Interval[];
  /** The central quantiles at any level (CoreForecast's quantilesAt), the profile multiplied back. */
  quantilesAt(level: number): Interval[];
  /**
   * P(Y < y) and P(Y <= y) on the i-th day after the history, under the zero-inflated
   * distribution the intervals come from; null when they come from errors (no distribution).
   */
  probabilities(i: number, y: number): { below: number; atMost: number } | null;
  /** The backtest-error intervals (conformal or normal) whatever the history, for comparison. */
  conformalAt(level: number): Interval[];
  /** What safety stock reads (DemandForecast's dailyErrorSd and dailyErrors). */
  errors: SafetyStockErrors;
}

/** The daily forecast errors that safety stock is built from. */
export interface SafetyStockErrors {
  dailyErrorSd: number;
  dailyErrors: number[];
  /** The same errors per backtest origin, day by day after it (a closed day 0); empty when too few. */
  errorPaths: number[][];
}

/**
 * The backtest's daily errors of the forecast made when there are at least MIN_EMPIRICAL_ERRORS
 * of them (sorted), and their standard deviation; else no errors and the standard deviation of
 * the first model's in-sample residuals.
 */
function safetyStockErrors(core: CoreForecast): SafetyStockErrors {
  const enough = core.backtestErrors.length >= MIN_EMPIRICAL_ERRORS;
  return {
    dailyErrorSd: standardDeviation(enough ? core.backtestErrors : core.residuals.filter(Number.isFinite)),
    dailyErrors: enough ? [...core.backtestErrors].sort((a, b) => a - b) : [],
    errorPaths: enough ? errorPaths(core.combined?.errors ?? []) : [],
  };
}

/**
 * Step errors as one run per origin, oldest origin first, step 1 first. A day without an
 * outcome (closed) adds no error: 0, so that the runs keep the calendar and sums over them
 * span whole days.
 */
export function errorPaths(errors: readonly StepError[]): number[][] {
  const days = errors.reduce((m, e) => Math.max(m, e.step), 0);
  const byOrigin = new Map<number, number[]>();
  for (const e of errors) {
    if (!Number.isFinite(e.error)) continue;
    const origin = e.origin ?? 0;
    let path = byOrigin.get(origin);
    if (!path) byOrigin.set(origin, (path = new Array<number>(days).fill(0)));
    path[e.step - 1] = e.error;
  }
  return [...byOrigin.entries()].sort(([a], [b]) => b - a).map(([, path]) => path);
}

/**
 * The forecast exactly as served for `history` (points of `granularity`), without events: the
 * yearly profile with days, then the model choice, combination and intervals. The evaluation
 * scores this function, so what it reports is what production serves.
 */
export function servedForecast(
  history: readonly Demand[],
  horizon: number,
  options: Omit<ForecastOptions, 'horizonDays' | 'events' | 'bucket' | 'seasonLength'>,
  granularity: Granularity,
  shared?: ForecastCache,
): ServedForecast {
  const n = history.length;
  let points = history;
  const profile =
    granularity.bucket === 'day' && granularity.seasonLength !== null ? yearlyProfile(history) : null;
  if (profile) points = history.map((y, t) => (y === null ? null : y / profile.factorAt(t)));
  // A shared cache holds fits of the untransformed points only.
  const core = forecastPoints(
    points,
    horizon,
    { ...options, horizonDays: horizon },
    granularity,
    profile ? undefined : shared,
  );
  const factor = (i: number) => (profile ? profile.factorAt(n + i) : 1);
  const scaled = (intervals: readonly Interval[]) =>
    intervals.map((iv, i) => ({ lower: iv.lower * factor(i), upper: iv.upper * factor(i) }));
  return {
    core,
    profile,
    points: core.base.map((f, i) => f * factor(i)),
    medians: core.medians.map((m, i) => m * factor(i)),
    intervalsAt: (level) =>
      scaled(level === (options.level ?? 0.8) ? core.intervals : core.intervalsAt(level)),
    quantilesAt: (level) => scaled(core.quantilesAt(level)),
    probabilities: (i, y) => {
      const d = core.distribution && matchingForecast(core.distribution, core.base[i]!);
      if (!d) return null;
      const z = y / factor(i);
      return { below: zeroInflatedBelow(d, z), atMost: zeroInflatedCdf(d, z) };
    },
    conformalAt: (level) => scaled(predictionIntervals(core.base, core.source, level)),
    errors: safetyStockErrors(core),
  };
}

export function forecastDemand(series: DemandSeries, options: ForecastOptions): DemandForecast {
  const { horizonDays, events = [] } = options;
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1)) throw new RangeError('horizonDays must be >= 1');
  const bucket = options.bucket ?? 'day';
  const seasonLength = options.seasonLength === undefined ? DEFAULT_SEASON[bucket] : options.seasonLength;
  if (seasonLength !== null && !(Number.isInteger(seasonLength) && seasonLength >= 1))
    throw new RangeError('seasonLength must be a whole number >= 1 or null');
  const granularity: Granularity = { bucket, seasonLength };
  const n = series.units.length;
  const uplifts = learnEventUplifts(series.start, series.units, events);
  const heldOut = holdOutEvents(series.start, series.units, events);
  const byDay = upliftByDay(series.start, n, horizonDays, events, uplifts);

  let history: readonly Demand[];
  let horizon: number;
  let aggregated: BucketSeries | null = null;
  if (bucket === 'day') {
    history = heldOut;
    horizon = horizonDays;
  } else {
    aggregated = aggregateSeries({ start: series.start, units: heldOut }, bucket);
    history = aggregated.units;
    // Buckets from the first one the history does not cover whole up to the last forecast day.
    const lastDay = addDays(series.start, n + horizonDays - 1);
    horizon = 0;
    for (
      let b = bucketDateAt(aggregated.start, bucket, history.length);
      b <= lastDay;
      b = nextBucket(b, bucket)
    )
      horizon++;
  }
  const served = servedForecast(history, horizon, options, granularity);
  const { core, profile } = served;
  const { selection, fits: ok, base, combined } = core;
  const intervals = core.intervals;
  const level = options.level ?? 0.8;
  const bandLevels = [...new Set([level, ...(options.bandLevels ?? DEFAULT_BAND_LEVELS)])].sort(
    (a, b) => a - b,
  );
  for (const l of bandLevels) if (!(l > 0 && l < 1)) throw new RangeError('band levels must be in (0, 1)');
  // Each level calibrates its tails apart, so a wider level is made to hold the narrower ones.
  const bandIntervals: { level: number; at: Interval[] }[] = [];
  for (const l of bandLevels) {
    const own = l === level ? intervals : core.intervalsAt(l);
    const inner = bandIntervals.at(-1)?.at;
    const at = inner
      ? own.map((iv, i) => ({
          lower: Math.min(iv.lower, inner[i]!.lower),
          upper: Math.max(iv.upper, inner[i]!.upper),
        }))
      : own;
    bandIntervals.push({ level: l, at });
  }
  const answered = bandIntervals.find((b) => b.level === level)!.at;
  const bandsAt = (i: number, factor: number): Band[] =>
    bandIntervals.map((b) => ({
      level: b.level,
      lower: b.at[i]!.lower * factor,
      upper: b.at[i]!.upper * factor,
    }));

  let periods: ForecastPeriod[];
  let days: ForecastDay[];
  if (!aggregated) {
    days = base.map((f, i): ForecastDay => {
      const factor = (profile ? profile.factorAt(n + i) : 1) * byDay[i]!.factor;
      return {
        date: addDays(series.start, n + i),
        forecast: f * factor,
        median: core.medians[i]! * factor,
        lower: answered[i]!.lower * factor,
        upper: answered[i]!.upper * factor,
        bands: bandsAt(i, factor),
        events: byDay[i]!.events,
      };
    });
    periods = days.map((d) => ({
      start: d.date,
      end: d.date,
      forecast: d.forecast,
      median: d.median,
      lower: d.lower,
      upper: d.upper,
      bands: d.bands,
    }));
  } else {
    const spread = spreadToDays(
      aggregated,
      base,
      core.medians,
      answered,
      bandsAt,
      series,
      byDay,
      n,
      horizonDays,
    );
    periods = spread.periods;
    days = spread.days;
  }
  const ranked = [...selection.scores].sort((a, b) =>
    a.model === selection.model
      ? -1
      : b.model === selection.model
        ? 1
        : a.totals.absError - b.totals.absError,
  );
  return {
    model: ok.length === 0 ? 'none' : ok.map((f) => f.fitted.model).join(' + '),
    models: ok.map((f) => ({ model: f.fitted.model, params: f.fitted.params })),
    classification: classifyDemand(history),
    bucket,
    seasonLength: core.period,
    weeklyPeriod: bucket === 'day' && core.period === 7 ? 7 : null,
    yearlySeasonality: profile !== null || (bucket !== 'day' && core.period !== null),
    backtest: ranked.map((s: BacktestScore) => ({
      model: s.model.name,
      wape: wape(s.totals),
      bias: bias(s.totals),
      origins: s.origins,
    })),
    combinedBacktest: {
      wape: combined ? wape(combined.totals) : null,
      bias: combined ? bias(combined.totals) : null,
      origins: combined?.origins ?? 0,
      days: combined?.totals.days ?? 0,
    },
    ...served.errors,
    intervals: {
      method: core.method,
      heldOut: bandLevels.map((l) => core.heldOutAt(l)),
    },
    events: uplifts,
    periods,
    days,
  };
}

/**
 * A bucket forecast spread back to days by the history's weekday shares, from the day after the
 * history for `horizonDays` days. Event uplifts apply to their days; a day's interval and median
 * are its share of the bucket's (so days' bounds are not additive, and are wider than a daily model's
 * would be relative to the forecast: a planner reading days should ask for days).
 */
function spreadToDays(
  aggregated: BucketSeries,
  base: readonly number[],
  medians: readonly number[],
  intervals: readonly Interval[],
  bandsAt: (i: number, factor: number) => Band[],
  series: DemandSeries,
  byDay: readonly { factor: number; events: string[] }[],
  n: number,
  horizonDays: number,
): { periods: ForecastPeriod[]; days: ForecastDay[] } {
  const shares = weekdayShares(series);
  const firstDay = addDays(series.start, n);
  const lastDay = addDays(series.start, n + horizonDays - 1);
  const periods: ForecastPeriod[] = [];
  const days: ForecastDay[] = [];
  base.forEach((f, i) => {
    const start = bucketDateAt(aggregated.start, aggregated.bucket, aggregated.units.length + i);
    const next = nextBucket(start, aggregated.bucket);
    periods.push({
      start,
      end: addDays(next, -1),
      forecast: f,
      median: medians[i]!,
      lower: intervals[i]!.lower,
      upper: intervals[i]!.upper,
      bands: bandsAt(i, 1),
    });
    for (const { date, share } of spreadBucket(start, aggregated.bucket, shares)) {
      if (date < firstDay || date > lastDay) continue;
      const k = dayNumber(date) - dayNumber(firstDay);
      const factor = byDay[k]!.factor;
      days.push({
        date,
        forecast: f * share * factor,
        median: medians[i]! * share * factor,
        lower: intervals[i]!.lower * share * factor,
        upper: intervals[i]!.upper * share * factor,
        bands: bandsAt(i, share * factor),
        events: byDay[k]!.events,
      });
    }
  });
  return { periods, days };
}

/** Sample standard deviation (n - 1); 0 with fewer than two values. */
export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1));
}

/** The backtest errors and totals of the average of `top`'s forecasts, at the same origins. */
function combinedErrors(
  history: readonly (number | null)[],
  top: readonly BacktestScore[],
  cache: ReturnType<typeof forecastCache>,
  horizonDays: number,
): { errors: StepError[]; totals: ErrorTotals; origins: number } | undefined {
  if (top.length === 0) return undefined;
  if (top.length === 1)
    return { errors: top[0]!.stepErrors, totals: top[0]!.totals, origins: top[0]!.origins };
  const errors: StepError[] = [];
  const totals = noErrors();
  const origins = originPositions(history.length, horizonDays, top[0]!.origins);
  for (const [k, origin] of origins.entries()) {
    const forecasts = top.map((s) => cache.at(s.model, origin));
    if (forecasts.some((f) => f === null)) return undefined;
    const mean = meanForecast(forecasts as number[][]);
    addErrors(totals, errorTotals(history.slice(origin, origin + horizonDays), mean));
    for (let i = 0; i < horizonDays; i++) {
      const y = history[origin + i];
      if (y !== null && y !== undefined)
        errors.push({ step: i + 1, error: y - mean[i]!, origin: k, forecast: mean[i]! });
    }
  }
  return { errors, totals, origins: origins.length };
}
