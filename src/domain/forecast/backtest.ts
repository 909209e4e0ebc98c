/**
 * Rolling-origin backtest and model choice. Origins sit at n - h, n - 2h, ... (the latest
 * first), each model is fitted on the history before the origin only and forecasts the next h
 * days; the model with the smallest total absolute error over all origins wins (the same
 * measure as WAPE and MASE on one series). A model that cannot fit at some origin is out.
 *
 * A forecast depends only on the model and the history before its origin, so forecasts are
 * cached by (model, origin): a nested evaluation reuses the selection's forecasts.
 */
import { classifyDemand } from './classification.ts';
import { defaultCandidatePolicy, type CandidatePolicy } from './candidates.ts';
import type { StepError } from './intervals.ts';
import { addErrors, errorTotals, noErrors, type ErrorTotals } from './metrics.ts';
import { seasonalNaive } from './baseline-models.ts';
import type { FittedModel, ForecastModel } from './model.ts';
import { seasonalPeriod } from './seasonality.ts';
import type { Demand } from './series.ts';
import { DEFAULT_SEASON, MIN_TRAIN_POINTS, START_POINTS, type Bucket } from './buckets.ts';

/**
 * What one point of a series is and which season it may have: a day with a weekly season by
 * default; weeks or months with a yearly one (52, 12); null for no season at all.
 */
export interface Granularity {
  bucket: Bucket;
  seasonLength: number | null;
}

export const DAILY: Granularity = { bucket: 'day', seasonLength: DEFAULT_SEASON.day };

/** The fit context of a history: its season when it supports one, and the start-level window. */
export function fitContext(history: readonly Demand[], granularity: Granularity = DAILY) {
  return {
    period: seasonalPeriod(history, granularity.seasonLength),
    startPoints: START_POINTS[granularity.bucket],
    seasonLength: granularity.seasonLength,
  };
}

export const MIN_TRAIN_DAYS = 28;
/** Forecasts above this many times the largest observed day are treated as a diverged fit. */
export const DIVERGENCE_FACTOR = 10;

export interface BacktestOptions {
  horizonDays: number;
  origins: number;
  /** Origins with less history before them are skipped. */
  minTrainDays?: number;
}

/** Up to `count` origins n - h, n - 2h, ..., the latest first, each with enough history. */
export function originPositions(
  length: number,
  horizonDays: number,
  count: number,
  minTrainDays = MIN_TRAIN_DAYS,
) {
  const out: number[] = [];
  for (let j = 1; j <= count; j++) {
    const origin = length - j * horizonDays;
    if (origin >= minTrainDays) out.push(origin);
  }
  return out;
}

/** Fits `model` on `history` and forecasts, clamped at 0; null when it does not fit or diverges. */
export function fitAndForecast(
  model: ForecastModel,
  history: readonly Demand[],
  horizonDays: number,
  granularity: Granularity = DAILY,
): { fitted: FittedModel; forecast: number[] } | null {
  const fitted = model.fit(history, fitContext(history, granularity));
  if (!fitted) return null;
  const forecast = fitted.forecast(horizonDays).map((v) => Math.max(0, v));
  // A multiplicative season over a level near 0 can blow up: a day forecast far above anything
  // ever seen is a diverged fit, not a forecast.
  let largest = 0;
  for (const y of history) if (y !== null && y > largest) largest = y;
  const ceiling = DIVERGENCE_FACTOR * largest + 1;
  return forecast.every((v) => Number.isFinite(v) && v <= ceiling) ? { fitted, forecast } : null;
}

export interface ForecastCache {
  /** The forecast of the `horizonDays` days from `origin`, by `model` fitted on units[0..origin). */
  at(model: ForecastModel, origin: number): readonly number[] | null;
  /** The fit behind it (residuals, parameters), null when it did not fit or diverged. */
  fit(model: ForecastModel, origin: number): { fitted: FittedModel; forecast: number[] } | null;
  /**
   * Model choices already made on these units, by policy and then by end and origins: the
   * evaluation asks for the choice at an origin, then the served forecast there asks again.
   */
  readonly selections?: WeakMap<CandidatePolicy, Map<string, Selection>>;
}

export function forecastCache(
  units: readonly Demand[],
  horizonDays: number,
  granularity: Granularity = DAILY,
): ForecastCache {
  const memo = new Map<string, { fitted: FittedModel; forecast: number[] } | null>();
  const fit = (model: ForecastModel, origin: number) => {
    const key = `${model.name}@${origin}`;
    let hit = memo.get(key);
    if (hit === undefined) {
      hit = fitAndForecast(model, units.slice(0, origin), horizonDays, granularity);
      memo.set(key, hit);
    }
    return hit;
  };
  return { fit, at: (model, origin) => fit(model, origin)?.forecast ?? null, selections: new WeakMap() };
}

export interface BacktestScore {
  model: ForecastModel;
  totals: ErrorTotals;
  /** actual - forecast at every step of every origin. */
  stepErrors: StepError[];
  origins: number;
}

/** Scores each model over the origins; models that fail at any origin are left out. */
export function backtest(
  units: readonly Demand[],
  models: readonly ForecastModel[],
  origins: readonly number[],
  horizonDays: number,
  cache: ForecastCache = forecastCache(units, horizonDays),
): BacktestScore[] {
  const scores: BacktestScore[] = [];
  for (const model of models) {
    const totals = noErrors();
    const forecasts: (readonly number[])[] = [];
    let ok = true;
    for (const origin of origins) {
      const forecast = cache.at(model, origin);
      if (!forecast) {
        ok = false;
        break;
      }
      forecasts.push(forecast);
      addErrors(totals, errorTotals(units.slice(origin, origin + horizonDays), forecast));
    }
    if (!ok) continue;
    // The step errors are wanted for the few models the forecast is made of: built when read.
    let stepErrors: StepError[] | undefined;
    const build = () => {
      const out: StepError[] = [];
      origins.forEach((origin, k) => {
        const forecast = forecasts[k]!;
        for (let i = 0; i < horizonDays; i++) {
          const a = units[origin + i];
          if (a !== null && a !== undefined)
            out.push({ step: i + 1, error: a - forecast[i]!, origin: k, forecast: forecast[i]! });
        }
      });
      return out;
    };
    scores.push({
      model,
      totals,
      origins: origins.length,
      get stepErrors() {
        return (stepErrors ??= build());
      },
    });
  }
  return scores;
}

/** The winner: the smallest total absolute error, the earlier candidate on a tie. */
export function bestScore(scores: readonly BacktestScore[]): BacktestScore | null {
  let best: BacktestScore | null = null;
  for (const s of scores) if (!best || s.totals.absError < best.totals.absError) best = s;
  return best;
}

/** The scores best first (smallest total absolute error; the earlier candidate on a tie). */
export function rankScores(scores: readonly BacktestScore[]): BacktestScore[] {
  return scores
    .map((s, i) => ({ s, i }))
    .sort((a, b) => a.s.totals.absError - b.s.totals.absError || a.i - b.i)
    .map(({ s }) => s);
}

/** The mean of several forecasts of the same days. */
export function meanForecast(forecasts: readonly (readonly number[])[]): number[] {
  const first = forecasts[0] ?? [];
  return first.map((_, i) => forecasts.reduce((sum, f) => sum + f[i]!, 0) / forecasts.length);
}

export interface Selection {
  model: ForecastModel;
  /** The winner's score; null when the history was too short to backtest. */
  score: BacktestScore | null;
  scores: BacktestScore[];
}

/**
 * Chooses a model for the history units[0..end): candidates by demand class, scored by a
 * rolling-origin backtest; seasonal naive when no origin has enough history before it.
 */
export function selectModel(
  units: readonly Demand[],
  options: BacktestOptions & {
    policy?: CandidatePolicy;
    end?: number;
    cache?: ForecastCache;
    granularity?: Granularity;
  },
): Selection {
  const end = options.end ?? units.length;
  const history = end === units.length ? units : units.slice(0, end);
  const policy = options.policy ?? defaultCandidatePolicy;
  const granularity = options.granularity ?? DAILY;
  const candidates = policy.candidates(
    classifyDemand(history),
    seasonalPeriod(history, granularity.seasonLength),
    granularity.bucket,
  );
  const origins = originPositions(
    end,
    options.horizonDays,
    options.origins,
    options.minTrainDays ?? MIN_TRAIN_POINTS[granularity.bucket],
  );
  if (origins.length === 0) return { model: seasonalNaive, score: null, scores: [] };
  const cache = options.cache ?? forecastCache(units, options.horizonDays, granularity);
  let memo = cache.selections?.get(policy);
  if (!memo && cache.selections) cache.selections.set(policy, (memo = new Map()));
  const key = `${end}|${options.horizonDays}|${origins.join(',')}`;
  const known = memo?.get(key);
  if (known) return known;
  const scores = backtest(units, candidates, origins, options.horizonDays, cache);
  const best = bestScore(scores);
  const selection = best
    ? { model: best.model, score: best, scores }
    : { model: seasonalNaive, score: null, scores };
  memo?.set(key, selection);
  return selection;
}
