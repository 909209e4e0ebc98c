/**
 * The contract every forecasting model meets. A model is fitted to the history before a
 * forecast origin (positions 0..n-1 of a series, `null` where demand was not observed) and
 * then forecasts positions n, n+1, ... Seasonal phase is the position modulo the period, so
 * the series must start on the same weekday for fitting and forecasting (it does: one series).
 */
import type { Demand } from './series.ts';

/** The longest forecast anyone may ask for, in days: a year. */
export const MAX_HORIZON_DAYS = 365;

export interface FitContext {
  /** The seasonal period in days (7 for weekly), or null when the history cannot support one. */
  readonly period: number | null;
  /**
   * Points a non-seasonal smoother's start level averages (default 7: a week of days; fewer
   * for weeks and months, where seven points would be most of a short history).
   */
  readonly startPoints?: number;
  /**
   * The season length asked for, even where `period` is null because the history is too short
   * to fit a seasonal smoother: seasonal naive needs one season only, so with 52 weeks it
   * repeats last year from the second year on.
   */
  readonly seasonLength?: number | null;
}

export interface FittedModel {
  readonly model: string;
  /** The fitted parameters (smoothing weights, window, ...), for reports. */
  readonly params: Readonly<Record<string, number>>;
  /** In-sample one-step errors (actual - forecast) on observed days, oldest first. */
  readonly residuals: readonly number[];
  /** Point forecasts for the next `horizonDays` days; finite, possibly negative (callers clamp). */
  forecast(horizonDays: number): number[];
}

export interface ForecastModel {
  readonly name: string;
  /** Fits the model, or returns null when it does not apply to this history (too short, ...). */
  fit(history: readonly Demand[], context: FitContext): FittedModel | null;
}

/** Mean of the observed values, or 0 when there are none. */
export function observedMean(history: readonly Demand[]): number {
  let sum = 0;
  let n = 0;
  for (const v of history) {
    if (v !== null) {
      sum += v;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}

export function flat(value: number, horizonDays: number): number[] {
  return new Array<number>(horizonDays).fill(value);
}
