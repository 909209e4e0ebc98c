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
