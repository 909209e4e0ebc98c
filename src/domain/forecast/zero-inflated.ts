/**
 * A zero-inflated predictive distribution of one day's demand for intermittent series: a day
 * sells nothing with probability p0, else one of the sizes the history's selling days sold
 * (their empirical distribution). Error quantiles around a point forecast (intervals.ts) treat
 * a day of an intermittent series as "forecast plus noise"; its demand is rather "nothing, or
 * an order of a typical size", and a quantile of that is a count the shelf can be stocked to.
 *
 * Where p0 comes from (ZeroInflatedSource):
 *   - `history`: the share of zero days over the whole history;
 *   - `recent`: the share over the last `window` observed days (the backtest's span: a bootstrap
 *     of the outcomes the backtest saw);
 *   - `forecast`: 1 - forecast / mean size, capped to [0, 1], so that the distribution's mean
 *     is the point forecast (TSB's decomposition: probability of demand times its size).
 * The sizes always come from the whole history: the sizes are few, and they drift less than
 * how often orders come.
 */
import type { Interval } from './intervals.ts';
import type { Demand } from './series.ts';

export const ZERO_INFLATED_SOURCES = ['history', 'recent', 'forecast'] as const;
export type ZeroInflatedSource = (typeof ZERO_INFLATED_SOURCES)[number];

export interface ZeroInflated {
  /** The probability of a day without demand. */
  zeroProbability: number;
  /** The non-zero daily demands of the history, ascending. */
  sizes: number[];
}

/** The sizes and zero share of a history; null without a single day of demand. */
export function zeroInflatedOf(history: readonly Demand[], window = Infinity): ZeroInflated | null {
  const sizes: number[] = [];
  for (const y of history) if (y !== null && y > 0) sizes.push(y);
  if (sizes.length === 0) return null;
  let observed = 0;
  let zeros = 0;
  for (let t = history.length - 1; t >= 0 && observed < window; t--) {
    const y = history[t];
    if (y === null || y === undefined) continue;
    observed++;
    if (y <= 0) zeros++;
  }
  return { zeroProbability: observed > 0 ? zeros / observed : 0, sizes: sizes.sort((a, b) => a - b) };
}

/** The same sizes with the zero probability that makes the mean `forecast`. */
export function matchingForecast(d: ZeroInflated, forecast: number): ZeroInflated {
  const meanSize = d.sizes.reduce((a, b) => a + b, 0) / d.sizes.length;
  const demandProbability = Math.min(1, Math.max(0, forecast / meanSize));
  return { zeroProbability: 1 - demandProbability, sizes: d.sizes };
}

/** The p quantile: the least demand y with P(demand <= y) >= p (the inverse of the step CDF). */
export function zeroInflatedQuantile(d: ZeroInflated, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError('p must be in [0, 1]');
  if (p <= d.zeroProbability) return 0;
  const q = (p - d.zeroProbability) / (1 - d.zeroProbability);
  const n = d.sizes.length;
  return d.sizes[Math.min(n - 1, Math.max(0, Math.ceil(q * n - 1e-9) - 1))]!;
}

/** P(demand <= y). */
export function zeroInflatedCdf(d: ZeroInflated, y: number): number {
  if (y < 0) return 0;
  let atMost = 0;
  for (const s of d.sizes) if (s <= y) atMost++;
  return d.zeroProbability + (1 - d.zeroProbability) * (atMost / d.sizes.length);
}

/** The central interval at `level`: the (1 - level) / 2 and (1 + level) / 2 quantiles. */
export function zeroInflatedInterval(d: ZeroInflated, level: number): Interval {
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  return { lower: zeroInflatedQuantile(d, (1 - level) / 2), upper: zeroInflatedQuantile(d, (1 + level) / 2) };
}

/**
 * Intervals at `level` for each forecast day of `history`'s continuation from `source` (see
 * the module comment); null when the history never sold.
 */
export function zeroInflatedIntervals(
  history: readonly Demand[],
  points: readonly number[],
  level: number,
  source: ZeroInflatedSource,
  window: number,
): Interval[] | null {
  const d = zeroInflatedOf(history, source === 'recent' ? window : Infinity);
  if (!d) return null;
  if (source !== 'forecast') {
    const interval = zeroInflatedInterval(d, level);
    return points.map(() => interval);
  }
  return points.map((f) => zeroInflatedInterval(matchingForecast(d, f), level));
}
