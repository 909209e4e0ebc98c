/**
 * Prediction intervals around point forecasts.
 *
 * Preferred: empirical quantiles of the model's backtest errors (actual - forecast at each step
 * h of every rolling origin), used from 20 errors on. Errors are pooled over steps after
 * dividing by h^b, and the quantiles are scaled back by h^b, where b (0 to 0.5) is how the
 * errors' spread grows with the step in this backtest (horizonExponent): 0.5 is a random walk's
 * growth, 0 none, which is what lumpy daily demand shows (a day's noise dwarfs the drift of the
 * level over four weeks). The quantiles keep the skew of real demand (a long upper tail). Which
 * quantiles is calibrated per side by cross-conformal checks between the origins
 * (conformalTails): the backtest's errors are optimistic, since it chose the models on them.
 *
 * Intermittent demand: when at least (1 - level) / 2 of the backtest's outcomes were 0, the
 * lower quantile of demand is 0, so the lower bound is 0 (a positive lower bound would miss
 * every day without an order), and the interval is [0, the level quantile]: nothing can fall
 * below 0, so the whole 1 - level of misses is left to the upper tail.
 *
 * Fallback: a normal approximation from the in-sample one-step residuals,
 * forecast ± z * sigma * sqrt(h).
 *
 * Demand is never negative, so the lower bound is cut at 0, and every interval holds its point
 * forecast (lower <= forecast <= upper).
 */

export interface StepError {
  /** 1 for the first day after the origin. */
  step: number;
  /** actual - forecast */
  error: number;
  /** Which backtest origin it comes from (0: the latest), for the conformal calibration. */
  origin?: number;
  /** The point forecast the error is from (the held-out check clamps its interval as served). */
  forecast?: number;
}

export interface Interval {
  lower: number;
  upper: number;
}

export const MIN_EMPIRICAL_ERRORS = 20;

/** Quantile with linear interpolation (type 7) of sorted values. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

/** The standard normal quantile (Acklam's rational approximation, relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be in (0, 1)');
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716,
    2.506628277459239,
  ];
  const b = [
    -54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572,
  ];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const tail = (q: number) =>
    (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
    ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
  if (p < 0.02425) return tail(Math.sqrt(-2 * Math.log(p)));
  if (p > 1 - 0.02425) return -tail(Math.sqrt(-2 * Math.log(1 - p)));
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

export interface IntervalSource {
  backtestErrors?: readonly StepError[];
  residuals: readonly number[];
}

/** The furthest tail quantile the calibration may ask for (0.5% and 99.5%). */
export const MIN_TAIL = 0.005;

/**
 * Cross-conformal calibration of each bound. Each backtest origin's errors are checked against
 * the bounds that the other origins' errors give at `level`; when more of them fall below the
 * lower bound (or above the upper) than the (1 - level) / 2 each side should, that side's
 * quantile moves out by the excess, down to MIN_TAIL. The backtest chose the models that did
 * best on exactly those errors, and demand drifts, so future errors run larger than past ones;
 * the sides are calibrated apart because lumpy demand misses them unequally (a day without any
 * order falls below a positive lower bound far more often than a big order tops the upper).
 * Never narrowed. Needs errors of two origins or more; returns the quantile probabilities.
 */
export function conformalTails(errors: readonly StepError[], level: number): { low: number; high: number } {
  const tail = (1 - level) / 2;
  return conformalTailsAt(errors, tail, tail);
}

/**
 * conformalTails with each side's share of misses given: `lowTail` below the lower bound (0:
 * no lower bound to calibrate, low is 0) and `highTail` above the upper one.
 */
export function conformalTailsAt(
  errors: readonly StepError[],
  lowTail: number,
  highTail: number,
): { low: number; high: number } {
  const origins = [...new Set(errors.map((e) => e.origin ?? 0))];
  if (origins.length < 2) return { low: lowTail, high: 1 - highTail };
  let below = 0;
  let above = 0;
  let total = 0;
  for (const o of origins) {
    const rest = errors
      .filter((e) => (e.origin ?? 0) !== o)
      .map((e) => e.error)
      .sort((x, y) => x - y);
    const lo = lowTail > 0 ? quantile(rest, lowTail) : -Infinity;
    const hi = quantile(rest, 1 - highTail);
    for (const e of errors) {
      if ((e.origin ?? 0) !== o) continue;
      total++;
      if (e.error < lo - 1e-9) below++;
      else if (e.error > hi + 1e-9) above++;
    }
  }
  const side = (missed: number, tail: number) =>
    Math.max(MIN_TAIL, Math.min(tail, tail - (missed / total - tail)));
  return { low: lowTail > 0 ? side(below, lowTail) : 0, high: 1 - side(above, highTail) };
}

/**
 * How the spread of the errors grows with the step: the b of spread ~ step^b, from the mean
 * absolute error of the first and the second half of the steps, kept within 0 (no growth) to
 * 0.5 (a random walk's). 0.5 when it cannot be told (a single step, or no error in the first
 * half). On the Online Retail year the errors of a 28-day forecast do not grow with the step:
 * scaled by sqrt(h), the 80% interval held 70% of the first week's outcomes and 87% of the
 * fourth's; with the measured b each week holds about the same.
 */
export function horizonExponent(errors: readonly StepError[]): number {
  let last = 0;
  for (const e of errors) if (e.step > last) last = e.step;
  if (last < 2) return 0.5;
  const middle = (last + 1) / 2;
  const half = [
    { abs: 0, steps: 0, n: 0 },
    { abs: 0, steps: 0, n: 0 },
  ];
  for (const e of errors) {
    const h = half[e.step <= middle ? 0 : 1]!;
    h.abs += Math.abs(e.error);
    h.steps += e.step;
    h.n++;
  }
  const [early, late] = half as [(typeof half)[0], (typeof half)[0]];
  if (early.n === 0 || late.n === 0 || !(early.abs > 0)) return 0.5;
  const growth = Math.log(late.abs / late.n / (early.abs / early.n));
  const exponent = growth / Math.log(late.steps / late.n / (early.steps / early.n));
  return Math.min(0.5, Math.max(0, exponent));
}

/** The share of the errors' outcomes (forecast + error) that were 0; 0 when they lack forecasts. */
export function zeroShare(errors: readonly StepError[]): number {
  let zeros = 0;
  for (const e of errors) if (e.forecast !== undefined && Math.abs(e.forecast + e.error) < 1e-9) zeros++;
  return errors.length > 0 ? zeros / errors.length : 0;
}

/** Whether the bounds take split conformal's finite-sample correction (see empiricalBounds). */
export const FINITE_SAMPLE_CORRECTION = true;

/**
 * The empirical bounds on the error (actual - forecast) at step h: lo * h^exponent and
 * hi * h^exponent, from errors scaled by 1 / step^exponent and calibrated per side; lo is
 * -Infinity (the lower bound is 0) when at least (1 - level) / 2 of the outcomes were 0, and hi
 * then the level quantile. Null below MIN_EMPIRICAL_ERRORS.
 */
function empiricalBounds(
  errors: readonly StepError[],
  level: number,
): { lo: number; hi: number; exponent: number } | null {
  if (errors.length < MIN_EMPIRICAL_ERRORS) return null;
  const exponent = horizonExponent(errors);
  const scaledErrors = errors.map((e) => ({ ...e, error: e.error / e.step ** exponent }));
  const sorted = scaledErrors.map((e) => e.error).sort((x, y) => x - y);
  const tail = (1 - level) / 2;
  const zeroLower = zeroShare(errors) >= tail;
  const tails = zeroLower
    ? conformalTailsAt(scaledErrors, 0, 1 - level)
    : conformalTailsAt(scaledErrors, tail, tail);
  let { low, high } = tails;
  if (FINITE_SAMPLE_CORRECTION) {
    // Split conformal's finite-sample correction: a new error lands in any of the n + 1 gaps
    // between n past ones alike, so the quantile q of n errors covers q n / (n + 1) of new ones.
    const n = sorted.length;
    low = Math.min(low, Math.max(MIN_TAIL, low - (1 - low) / n));
    high = Math.max(high, Math.min(1 - MIN_TAIL, high + high / n));
  }
  return { lo: zeroLower ? -Infinity : quantile(sorted, low), hi: quantile(sorted, high), exponent };
}

const usable = (errors: readonly StepError[] | undefined) =>
  (errors ?? []).filter((e) => Number.isFinite(e.error) && e.step >= 1);

/** The interval around `f` with error bounds `lo` and `hi`: cut at 0, and holding `f`. */
const around = (f: number, lo: number, hi: number): Interval => ({
  lower: Math.max(0, Math.min(f, f + lo)),
  upper: Math.max(f, f + hi),
});

/** Intervals at `level` (e.g. 0.8 for 10%..90%) for forecasts of steps 1..points.length. */
export function predictionIntervals(
  points: readonly number[],
  source: IntervalSource,
  level = 0.8,
): Interval[] {
  if (!(level > 0 && level < 1)) throw new RangeError('level must be in (0, 1)');
  const bounds = empiricalBounds(usable(source.backtestErrors), level);
  let lowAt: (h: number) => number;
  let highAt: (h: number) => number;
  if (bounds) {
    const { lo, hi, exponent } = bounds;
    lowAt = (h) => lo * h ** exponent;
    highAt = (h) => hi * h ** exponent;
  } else {
    const r = source.residuals.filter(Number.isFinite);
    const sigma = r.length > 0 ? Math.sqrt(r.reduce((s, e) => s + e * e, 0) / r.length) : 0;
    const z = normalQuantile((1 + level) / 2);
    lowAt = (h) => -z * sigma * Math.sqrt(h);
    highAt = (h) => z * sigma * Math.sqrt(h);
  }
  return points.map((f, i) => around(f, lowAt(i + 1), highAt(i + 1)));
}

/**
 * The median of each step's outcome: the forecast moved by the median of the backtest errors
 * (scaled by step^b as the intervals are), cut at 0; with too few errors the forecast itself
 * (the normal approximation is symmetric). The point forecast is a mean, which stock needs;
 * absolute errors (MAE, WAPE, MASE) are smallest at the median, which on an intermittent series
 * is often 0, so a forecast judged by them should be the median (Gneiting 2011, "Making and
 * evaluating point forecasts").
 */
export function predictionMedians(points: readonly number[], source: IntervalSource): number[] {
  const errors = usable(source.backtestErrors);
  if (errors.length < MIN_EMPIRICAL_ERRORS) return points.map((f) => Math.max(0, f));
  const exponent = horizonExponent(errors);
  const median = quantile(
    errors.map((e) => e.error / e.step ** exponent).sort((x, y) => x - y),
    0.5,
  );
  return points.map((f, i) => Math.max(0, f + median * (i + 1) ** exponent));
}

/** Which rule the intervals of a source come from. */
export function intervalMethod(source: IntervalSource): 'conformal' | 'normal' {
  return usable(source.backtestErrors).length >= MIN_EMPIRICAL_ERRORS ? 'conformal' : 'normal';
}

export interface HeldOutCoverage {
  level: number;
  /** Share of held-out outcomes inside their interval; null when it could not be checked. */
  coverage: number | null;
  /** Outcomes checked. */
  days: number;
}

/**
 * The coverage of the calibrated intervals at `level` on held-out outcomes: each backtest
 * origin's outcomes against the intervals built and calibrated from the other origins' errors
 * alone (cut at 0 and holding the forecast, as served, when the errors carry their forecasts).
 * What an interval will hold is only known after the fact; this is the honest estimate from
 * the history. Null coverage with fewer than two origins or too few errors in the rest.
 */
export function heldOutCoverage(errors: readonly StepError[] | undefined, level: number): HeldOutCoverage {
  const all = usable(errors);
  const origins = [...new Set(all.map((e) => e.origin ?? 0))];
  let covered = 0;
  let days = 0;
  if (origins.length >= 2) {
    for (const o of origins) {
      const bounds = empiricalBounds(
        all.filter((e) => (e.origin ?? 0) !== o),
        level,
      );
      if (!bounds) continue;
      for (const e of all) {
        if ((e.origin ?? 0) !== o) continue;
        const root = e.step ** bounds.exponent;
        const f = e.forecast;
        days++;
        if (f === undefined) {
          if (e.error >= bounds.lo * root - 1e-9 && e.error <= bounds.hi * root + 1e-9) covered++;
        } else {
          const iv = around(f, bounds.lo * root, bounds.hi * root);
          const y = f + e.error;
          if (y >= iv.lower - 1e-9 && y <= iv.upper + 1e-9) covered++;
        }
      }
    }
  }
  return { level, coverage: days > 0 ? covered / days : null, days };
}
