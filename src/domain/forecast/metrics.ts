/**
 * Forecast accuracy. WAPE = sum |actual - forecast| / sum actual: errors in units, weighted by
 * volume, so it reads as "share of units mis-forecast". MASE = mean |actual - forecast| divided
 * by the in-sample MAE of the seasonal naive forecast (Hyndman and Koehler, 2006): below 1
 * beats last week's pattern on the training data. RMSSE = root of the mean squared error over
 * the in-sample mean squared error of the seasonal naive forecast (the M5 competition's
 * measure): absolute errors are smallest at the median, which on most days of an intermittent
 * series is 0, so MASE favours forecasts of nothing; squared errors are smallest at the mean,
 * which is what stock has to cover. Days not observed are left out of all of them.
 */
import type { Demand } from './series.ts';

export interface ErrorTotals {
  /** Sum of |actual - forecast|. */
  absError: number;
  /** Sum of actual - forecast (positive: forecasts too low). */
  error: number;
  /** Sum of (actual - forecast)². */
  sqError: number;
  /** Sum of actuals. */
  actual: number;
  /** Days compared. */
  days: number;
}

export const noErrors = (): ErrorTotals => ({ absError: 0, error: 0, sqError: 0, actual: 0, days: 0 });

export function errorTotals(actual: readonly Demand[], forecast: readonly number[]): ErrorTotals {
  const totals = noErrors();
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const f = forecast[i];
    if (a === null || a === undefined || f === undefined) continue;
    totals.absError += Math.abs(a - f);
    totals.error += a - f;
    totals.sqError += (a - f) ** 2;
    totals.actual += a;
    totals.days++;
  }
  return totals;
}

export function addErrors(into: ErrorTotals, more: ErrorTotals): ErrorTotals {
  into.absError += more.absError;
  into.error += more.error;
  into.sqError += more.sqError;
  into.actual += more.actual;
  into.days += more.days;
  return into;
}

/** Weighted absolute percentage error; null when nothing was demanded. */
export function wape(totals: ErrorTotals): number | null {
  return totals.actual > 0 ? totals.absError / totals.actual : null;
}

/** Bias as a share of demand: positive when forecasts were too low. */
export function bias(totals: ErrorTotals): number | null {
  return totals.actual > 0 ? totals.error / totals.actual : null;
}

/**
 * The MAE of the seasonal naive forecast over the history (pairs of observed days one period
 * apart; period 1 when the history is shorter than two periods), or null without such pairs.
 */
export function seasonalNaiveScale(history: readonly Demand[], period = 7): number | null {
  return seasonalNaiveScales(history, period).mae;
}

/**
 * The in-sample MAE and MSE of the seasonal naive forecast (as seasonalNaiveScale): the scales
 * of MASE and RMSSE, null without pairs.
 */
export function seasonalNaiveScales(
  history: readonly Demand[],
  period = 7,
): { mae: number | null; mse: number | null } {
  const m = history.length >= 2 * period ? period : 1;
  let sum = 0;
  let squares = 0;
  let n = 0;
  for (let t = m; t < history.length; t++) {
    const y = history[t];
    const prev = history[t - m];
    if (y === null || y === undefined || prev === null || prev === undefined) continue;
    sum += Math.abs(y - prev);
    squares += (y - prev) ** 2;
    n++;
  }
  return n > 0 ? { mae: sum / n, mse: squares / n } : { mae: null, mse: null };
}

/** MASE of one forecast; null when the scale is 0 or unknown, or no day was compared. */
export function mase(totals: ErrorTotals, scale: number | null): number | null {
  if (scale === null || !(scale > 0) || totals.days === 0) return null;
  return totals.absError / totals.days / scale;
}

/** RMSSE of one forecast; null when the scale (an MSE) is 0 or unknown, or no day was compared. */
export function rmsse(totals: ErrorTotals, mseScale: number | null): number | null {
  if (mseScale === null || !(mseScale > 0) || totals.days === 0) return null;
  return Math.sqrt(totals.sqError / totals.days / mseScale);
}
