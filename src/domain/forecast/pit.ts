/**
 * Calibration of a whole predictive distribution: the PIT (probability integral transform)
 * histogram. For a continuous forecast F and outcome y, F(y) is uniform when F is right; with
 * counts F jumps, so the PIT of y is drawn uniformly between P(Y < y) and P(Y <= y) (the
 * randomized PIT). Here each outcome adds that uniform's expected share to every bin instead of
 * one random draw (the non-randomized PIT of Czado, Gneiting and Held, 2009): the same histogram
 * without the noise, and the same for every run. Flat bins: calibrated; a U shape: too narrow;
 * a hump: too wide; mass at the left: forecasts too high.
 */

export const PIT_BINS = 10;

/**
 * Adds one outcome to `bins` (equal-width bins of [0, 1]): `below` = P(Y < y) and `atMost` =
 * P(Y <= y) under the forecast. The outcome's PIT is uniform on [below, atMost]; a point when
 * they are equal.
 */
export function addPit(bins: number[], below: number, atMost: number): number[] {
  if (!(below >= 0 && below <= atMost + 1e-12 && atMost <= 1 + 1e-12))
    throw new RangeError('need 0 <= P(Y < y) <= P(Y <= y) <= 1');
  const k = bins.length;
  const lo = Math.min(below, 1);
  const hi = Math.min(Math.max(atMost, lo), 1);
  /** P(PIT <= u) for this outcome. */
  const cdf = (u: number) =>
    hi - lo < 1e-12 ? (u >= lo ? 1 : 0) : Math.min(1, Math.max(0, (u - lo) / (hi - lo)));
  // P(PIT < edge j): bins are [j / k, (j + 1) / k), the last one closed, so a PIT of 1 lands in it.
  const edge = (j: number) => (j === 0 ? 0 : j === k ? 1 : cdf(j / k - 1e-12));
  for (let j = 0; j < k; j++) bins[j]! += edge(j + 1) - edge(j);
  return bins;
}

/**
 * The share of one outcome's PIT inside the central interval of level `level`,
 * [(1 - level) / 2, (1 + level) / 2]: the PIT coverage. Counting whole counts inside an interval
 * of counts cannot show calibration: with P(Y = 0) >= 10% a calibrated forecast's central 80%
 * interval starts at 0 and holds P(Y <= q90) >= 90% of outcomes. The non-randomized PIT spreads
 * each outcome over [P(Y < y), P(Y <= y)], so the mass inside the central interval averages
 * exactly `level` under a calibrated forecast, counts or not.
 */
export function pitMassInside(below: number, atMost: number, level: number): number {
  if (!(below >= 0 && below <= atMost + 1e-12 && atMost <= 1 + 1e-12))
    throw new RangeError('need 0 <= P(Y < y) <= P(Y <= y) <= 1');
  if (!(level >= 0 && level <= 1)) throw new RangeError('need 0 <= level <= 1');
  const a = (1 - level) / 2;
  const b = (1 + level) / 2;
  const lo = Math.min(below, 1);
  const hi = Math.min(Math.max(atMost, lo), 1);
  // A point PIT (a forecast with no mass at y): inside when it lies in the closed interval.
  if (hi - lo < 1e-12) return lo >= a - 1e-12 && lo <= b + 1e-12 ? 1 : 0;
  return Math.max(0, Math.min(hi, b) - Math.max(lo, a)) / (hi - lo);
}

/**
 * The PIT coverage of a set of outcomes at `level`: the mean of pitMassInside over them, each
 * given as P(Y < y) and P(Y <= y) under its forecast; null without outcomes.
 */
export function pitCoverage(
  outcomes: readonly { below: number; atMost: number }[],
  level: number,
): number | null {
  if (outcomes.length === 0) return null;
  let mass = 0;
  for (const o of outcomes) mass += pitMassInside(o.below, o.atMost, level);
  return mass / outcomes.length;
}
