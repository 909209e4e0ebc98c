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
import type { HeldOutCoverage, Interval, StepError } from './intervals.ts';
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

/**
 * The median of each day's distribution matched to its forecast (0 where a day is more likely
 * than not to sell nothing), inside its interval at any level: see predictionMedians for why a
 * median besides the mean.
 */
export function zeroInflatedMedians(d: ZeroInflated, points: readonly number[]): number[] {
  return points.map((f) => zeroInflatedQuantile(matchingForecast(d, f), 0.5));
}

/** P(demand <= y). */
export function zeroInflatedCdf(d: ZeroInflated, y: number): number {
  if (y < 0) return 0;
  let atMost = 0;
  for (const s of d.sizes) if (s <= y) atMost++;
  return d.zeroProbability + (1 - d.zeroProbability) * (atMost / d.sizes.length);
}

/** The (1 - level) / 2 and (1 + level) / 2 quantiles: what the pinball loss at `level` scores. */
export function zeroInflatedCentral(d: ZeroInflated, level: number): Interval {
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  return { lower: zeroInflatedQuantile(d, (1 - level) / 2), upper: zeroInflatedQuantile(d, (1 + level) / 2) };
}

/**
 * The interval at `level`: the central one, except where its lower quantile is 0 (a day
 * without demand is at least (1 - level) / 2 likely), which is [0, the level quantile]. Nothing
 * falls below 0, so the lower tail's share of misses is left to the upper tail, the rule the
 * backtest-error intervals follow (intervals.ts). The central [0, q((1 + level) / 2)] would hold
 * P(Y <= q((1 + level) / 2)) >= (1 + level) / 2: 90% and more for an 80% interval, 95.0% on
 * average over the Online Retail year's intermittent forecasts, where [0, q(level)] holds 92.1%.
 * It holds at least `level` under `d` either way, and the median (a level under 50% reaches up
 * to it as the central interval would).
 */
export function zeroInflatedInterval(d: ZeroInflated, level: number): Interval {
  const central = zeroInflatedCentral(d, level);
  return central.lower > 0 ? central : { lower: 0, upper: zeroInflatedQuantile(d, Math.max(level, 0.5)) };
}

/**
 * Intervals at `level` for each forecast day of `history`'s continuation from `source` (see
 * the module comment), each widened to hold its point forecast as every served interval does
 * (a low forecast of a rarely selling SKU can lie above a quantile of 0); null when the history
 * never sold. `shape` 'central' gives the central quantiles instead (zeroInflatedCentral), what
 * the evaluation's pinball loss scores.
 */
export function zeroInflatedIntervals(
  history: readonly Demand[],
  points: readonly number[],
  level: number,
  source: ZeroInflatedSource,
  window: number,
  shape: 'served' | 'central' = 'served',
): Interval[] | null {
  const d = zeroInflatedOf(history, source === 'recent' ? window : Infinity);
  if (!d) return null;
  const at = shape === 'central' ? zeroInflatedCentral : zeroInflatedInterval;
  const fixed = source === 'forecast' ? null : at(d, level);
  return points.map((f) => {
    const iv = fixed ?? at(matchingForecast(d, f), level);
    return { lower: Math.min(iv.lower, f), upper: Math.max(iv.upper, f) };
  });
}

/**
 * The coverage the forecast-matched zero-inflated intervals at `level` reached on the backtest:
 * each backtest error's outcome (forecast + error) against the interval from the history before
 * its origin (origin k starts `horizon` * (k + 1) points before the end) and its forecast.
 */
export function zeroInflatedHeldOut(
  history: readonly Demand[],
  errors: readonly StepError[] | undefined,
  horizon: number,
  level: number,
): HeldOutCoverage {
  const byOrigin = new Map<number, ZeroInflated | null>();
  let covered = 0;
  let days = 0;
  for (const e of errors ?? []) {
    const k = e.origin ?? 0;
    if (e.forecast === undefined || !Number.isFinite(e.error)) continue;
    if (!byOrigin.has(k))
      byOrigin.set(k, zeroInflatedOf(history.slice(0, history.length - (k + 1) * horizon)));
    const d = byOrigin.get(k);
    if (!d) continue;
    const iv = zeroInflatedInterval(matchingForecast(d, e.forecast), level);
    const y = e.forecast + e.error;
    days++;
    if (y >= Math.min(iv.lower, e.forecast) - 1e-9 && y <= Math.max(iv.upper, e.forecast) + 1e-9) covered++;
  }
  return { level, coverage: days > 0 ? covered / days : null, days };
}

/** P(demand < y): the CDF just below y. */
export function zeroInflatedBelow(d: ZeroInflated, y: number): number {
  if (y <= 0) return 0;
  let below = 0;
  for (const s of d.sizes) if (s < y) below++;
  return d.zeroProbability + (1 - d.zeroProbability) * (below / d.sizes.length);
}
