/**
 * The simple benchmarks: seasonal naive (the baseline every other model must beat) and the
 * moving average.
 */
import { flat, observedMean, type FitContext, type FittedModel, type ForecastModel } from './model.ts';
import type { Demand } from './series.ts';

/**
 * Seasonal naive: each day repeats the last observed value on the same day of the season (the
 * same weekday a week earlier, or earlier still when that day was not observed). Without a
 * period it is the plain naive forecast: the last observed value.
 */
export const seasonalNaive: ForecastModel = {
  name: 'seasonal-naive',
  fit(history: readonly Demand[], context: FitContext): FittedModel | null {
    if (history.every((v) => v === null)) return null;
    const wanted = context.seasonLength ?? null;
    // A long season (a year of weeks) needs one full season of history, not the smoothers' two.
    const period = context.period ?? (wanted !== null && wanted > 7 && history.length >= wanted ? wanted : 1);
    const fallback = observedMean(history);
    const lastSeen = (position: number): number => {
      for (let i = position; i >= 0; i -= period) {
        const v = history[i];
        if (v !== undefined && v !== null) return v;
      }
      return fallback;
    };
    const residuals: number[] = [];
    for (let t = period; t < history.length; t++) {
      const y = history[t];
      const prev = history[t - period];
      if (y !== null && y !== undefined && prev !== null && prev !== undefined) residuals.push(y - prev);
    }
    const n = history.length;
    return {
      model: 'seasonal-naive',
      params: { period },
      residuals,
      forecast: (h) =>
        Array.from({ length: h }, (_, k) => {
          // The same phase in the last full season before n.
          const position = n - period + (k % period);
          return position >= 0 ? lastSeen(position) : lastSeen(n - 1);
        }),
    };
  },
};

/** The mean of the last `windowDays` observed days, flat. */
export function movingAverage(windowDays = 28): ForecastModel {
  if (!(Number.isInteger(windowDays) && windowDays >= 1)) throw new RangeError('windowDays must be >= 1');
  const name = `moving-average-${windowDays}`;
  return {
    name,
    fit(history: readonly Demand[]): FittedModel | null {
      const recent: number[] = [];
      for (let t = history.length - 1; t >= 0 && recent.length < windowDays; t--) {
        const v = history[t];
        if (v !== null && v !== undefined) recent.push(v);
      }
      if (recent.length === 0) return null;
      const mean = recent.reduce((a, b) => a + b, 0) / recent.length;
      // One-step residuals of the same rule applied at every earlier day.
      const residuals: number[] = [];
      const window: number[] = [];
      let sum = 0;
      for (const y of history) {
        if (y === null) continue;
        if (window.length > 0) residuals.push(y - sum / window.length);
        window.push(y);
        sum += y;
        if (window.length > windowDays) sum -= window.shift()!;
      }
      return { model: name, params: { windowDays }, residuals, forecast: (h) => flat(mean, h) };
    },
  };
}

/**
 * Nothing, every day: a reference row of the evaluation, never a candidate. Absolute errors
 * are smallest at the median, which on most days of an intermittent series is 0, so on such
 * data this scores well in MASE and WAPE while it would never stock a unit; RMSSE and the bias
 * show it for what it is.
 */
export const zeroForecast: ForecastModel = {
  name: 'zero',
  fit(): FittedModel {
    return { model: 'zero', params: {}, residuals: [], forecast: (h) => flat(0, h) };
  },
};
