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
 *   5. Intervals come from the backtest errors of that same average (intervals.ts).
 */
import {
  fitAndForecast,
  forecastCache,
  meanForecast,
  originPositions,
  rankScores,
  selectModel,
  type BacktestScore,
} from './backtest.ts';
import type { StepError } from './intervals.ts';
import { defaultCandidatePolicy, type CandidatePolicy } from './candidates.ts';
import { classifyDemand, type Classification } from './classification.ts';
import { holdOutEvents, learnEventUplifts, upliftByDay, type EventDay, type EventUplift } from './events.ts';
import { MIN_EMPIRICAL_ERRORS, predictionIntervals } from './intervals.ts';
import { addErrors, bias, errorTotals, noErrors, wape, type ErrorTotals } from './metrics.ts';
import { seasonalNaive } from './baseline-models.ts';
import { weeklyPeriod, yearlyProfile } from './seasonality.ts';
import { addDays, countObserved, type DemandSeries, type IsoDate } from './series.ts';

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
}

export interface ForecastDay {
  date: IsoDate;
  forecast: number;
  lower: number;
  upper: number;
  events: string[];
}

export interface DemandForecast {
  /** The models averaged, joined by " + " ("none" without any demand history). */
  model: string;
  models: { model: string; params: Readonly<Record<string, number>> }[];
  classification: Classification;
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
  events: EventUplift[];
  days: ForecastDay[];
}

export const DEFAULT_BACKTEST_ORIGINS = 3;
export const DEFAULT_COMBINE = 3;

export function forecastDemand(series: DemandSeries, options: ForecastOptions): DemandForecast {
  const { horizonDays, level = 0.8, events = [], backtestOrigins = DEFAULT_BACKTEST_ORIGINS } = options;
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1)) throw new RangeError('horizonDays must be >= 1');
  const n = series.units.length;
  const uplifts = learnEventUplifts(series.start, series.units, events);
  let history = holdOutEvents(series.start, series.units, events);
  const profile = yearlyProfile(history);
  if (profile) history = history.map((y, t) => (y === null ? null : y / profile.factorAt(t)));

  const combine = options.combine ?? DEFAULT_COMBINE;
  if (!(Number.isInteger(combine) && combine >= 1)) throw new RangeError('combine must be >= 1');
  const classification = classifyDemand(history);
  const cache = forecastCache(history, horizonDays);
  const selection = selectModel(history, {
    horizonDays,
    origins: backtestOrigins,
    policy: options.policy ?? defaultCandidatePolicy,
    cache,
  });
  const top = rankScores(selection.scores).slice(0, combine);
  const chosen = top.length > 0 ? top.map((s) => s.model) : [selection.model];
  const fits = countObserved(history) > 0 ? chosen.map((m) => fitAndForecast(m, history, horizonDays)) : [];
  let ok = fits.filter((f) => f !== null);
  if (ok.length === 0 && countObserved(history) > 0)
    ok = [fitAndForecast(seasonalNaive, history, horizonDays)].filter((f) => f !== null);
  const base =
    ok.length > 0 ? meanForecast(ok.map((f) => f.forecast)) : new Array<number>(horizonDays).fill(0);
  const combined = combinedErrors(history, top, cache, horizonDays);
  const residuals = ok[0]?.fitted.residuals ?? [];
  const intervals = predictionIntervals(base, { backtestErrors: combined?.errors, residuals }, level);
  const backtestErrors = (combined?.errors ?? []).map((e) => e.error).filter(Number.isFinite);
  const byDay = upliftByDay(series.start, n, horizonDays, events, uplifts);
  const days = base.map((f, i): ForecastDay => {
    const factor = (profile ? profile.factorAt(n + i) : 1) * byDay[i]!.factor;
    return {
      date: addDays(series.start, n + i),
      forecast: f * factor,
      lower: intervals[i]!.lower * factor,
      upper: intervals[i]!.upper * factor,
      events: byDay[i]!.events,
    };
  });
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
    classification,
    weeklyPeriod: weeklyPeriod(history),
    yearlySeasonality: profile !== null,
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
    dailyErrorSd: standardDeviation(
      backtestErrors.length >= MIN_EMPIRICAL_ERRORS ? backtestErrors : residuals.filter(Number.isFinite),
    ),
    dailyErrors:
      backtestErrors.length >= MIN_EMPIRICAL_ERRORS ? [...backtestErrors].sort((a, b) => a - b) : [],
    events: uplifts,
    days,
  };
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
  for (const origin of origins) {
    const forecasts = top.map((s) => cache.at(s.model, origin));
    if (forecasts.some((f) => f === null)) return undefined;
    const mean = meanForecast(forecasts as number[][]);
    addErrors(totals, errorTotals(history.slice(origin, origin + horizonDays), mean));
    for (let i = 0; i < horizonDays; i++) {
      const y = history[origin + i];
      if (y !== null && y !== undefined) errors.push({ step: i + 1, error: y - mean[i]! });
    }
  }
  return { errors, totals, origins: origins.length };
}
