import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AUTO,
  evaluateSeries,
  matchingForecast,
  forecastDemand,
  zeroInflatedBelow,
  zeroInflatedCdf,
  zeroInflatedCentral,
  zeroInflatedHeldOut,
  zeroInflatedInterval,
  zeroInflatedIntervals,
  zeroInflatedMedians,
  zeroInflatedOf,
  zeroInflatedQuantile,
  intervalVariantRow,
  type EvaluationOptions,
  type ZeroInflated,
} from '../../src/domain/forecast/index.ts';

/** 10 observed days: 6 without demand, sizes 1, 2, 2, 5; one closed day (null). */
const history = [0, 1, 0, null, 2, 0, 0, 5, 0, 2, 0];

describe('the zero-inflated distribution of a day', () => {
  it('takes the zero share of the observed days and the sorted sizes of the selling ones', () => {
    expect(zeroInflatedOf(history)).toEqual({ zeroProbability: 0.6, sizes: [1, 2, 2, 5] });
    // The last 4 observed days (0, 5, 0, 2; the closed day is not counted): half are zero.
    expect(zeroInflatedOf(history, 4)).toEqual({ zeroProbability: 0.5, sizes: [1, 2, 2, 5] });
    expect(zeroInflatedOf([0, null, 0])).toBeNull();
  });

  const d: ZeroInflated = { zeroProbability: 0.6, sizes: [1, 2, 2, 5] };

  it.each([
    // p <= 0.6: no demand. Above, the sizes' inverse CDF at (p - 0.6) / 0.4, a step of 0.25 each.
    [0.1, 0],
    [0.6, 0],
    [0.65, 1], // 0.125 of the sizes: the first
    [0.7, 1], // exactly 0.25
    [0.75, 2], // 0.375
    [0.9, 2], // 0.75
    [0.95, 5], // 0.875
    [1, 5],
  ])('quantile at %d is %d', (p, q) => {
    expect(zeroInflatedQuantile(d, p)).toBe(q);
  });

  it.each([
    [-1, 0],
    [0, 0.6],
    [1, 0.7],
    [1.5, 0.7],
    [2, 0.9],
    [5, 1],
  ])('P(demand <= %d) = %d', (y, p) => {
    expect(zeroInflatedCdf(d, y)).toBeCloseTo(p, 12);
  });

  it('an interval is central unless its lower quantile is 0; then it runs from 0 to the level quantile', () => {
    // The 15% and 85% quantiles are 0 and 2; nothing falls below 0, so the 70% interval leaves
    // its whole 30% of misses to the upper tail: [0, the 70% quantile].
    expect(zeroInflatedCentral(d, 0.7)).toEqual({ lower: 0, upper: 2 });
    expect(zeroInflatedInterval(d, 0.7)).toEqual({ lower: 0, upper: 1 });
    expect(zeroInflatedCdf(d, 1)).toBeGreaterThanOrEqual(0.7); // it holds its level
    expect(zeroInflatedInterval(d, 0.8)).toEqual({ lower: 0, upper: 2 }); // the 80% quantile
    expect(zeroInflatedInterval(d, 0.95)).toEqual({ lower: 0, upper: 5 });
    // Under 50%, up to the median as the central interval reaches it: P(0) = 0.6 holds 30%.
    expect(zeroInflatedInterval(d, 0.3)).toEqual({ lower: 0, upper: 0 });
    // A day that always sells: the central 25% and 75% quantiles of the sizes.
    const always: ZeroInflated = { zeroProbability: 0, sizes: [1, 2, 2, 5] };
    expect(zeroInflatedInterval(always, 0.5)).toEqual({ lower: 1, upper: 2 });
    expect(zeroInflatedInterval(always, 0.5)).toEqual(zeroInflatedCentral(always, 0.5));
  });

  it('any interval holds at least its level and the median, and lies within the central one', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 1, maxLength: 30 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (zeroProbability, sizes, level) => {
          const dist: ZeroInflated = { zeroProbability, sizes: [...sizes].sort((a, b) => a - b) };
          const { lower, upper } = zeroInflatedInterval(dist, level);
          const central = zeroInflatedCentral(dist, level);
          expect(zeroInflatedCdf(dist, upper) - zeroInflatedBelow(dist, lower)).toBeGreaterThanOrEqual(
            level - 1e-9,
          );
          expect(lower).toBeGreaterThanOrEqual(central.lower);
          expect(upper).toBeLessThanOrEqual(central.upper);
          const median = zeroInflatedQuantile(dist, 0.5);
          expect(median >= lower && median <= upper).toBe(true);
        },
      ),
      { numRuns: 300, seed: 17 },
    );
  });

  it('matching a forecast sets the demand probability to forecast / mean size', () => {
    // mean size 10 / 4 = 2.5: a forecast of 0.5 a day is demand on 20% of days.
    expect(matchingForecast(d, 0.5).zeroProbability).toBeCloseTo(0.8, 12);
    expect(matchingForecast(d, 4).zeroProbability).toBe(0);
    // At 50%: forecast 0.5 gives quantiles 0 and 0 (P(0) = 0.8 >= 0.75), forecast 2.5 gives
    // P(0) = 0, quantiles 1 and 2 (the sizes' 25% and 75%); each is widened to hold its forecast.
    expect(zeroInflatedIntervals(history, [0.5, 2.5], 0.5, 'forecast', Infinity)).toEqual([
      { lower: 0, upper: 0.5 },
      { lower: 1, upper: 2.5 },
    ]);
  });
});

/** `length` days with an order of 3, 4 or 5 units every `every`th day, nothing on the others. */
const everyNthDay = (length: number, every: number) =>
  Array.from({ length }, (_, t) => (t % every === 0 ? 3 + (t % 3) : 0));

/** The served forecast's evaluation at one origin, `horizonDays` before the end, alone. */
const oneOrigin = (units: number[], horizonDays: number, options: Partial<EvaluationOptions>) =>
  evaluateSeries(units, { horizonDays, origins: 1, selectionOrigins: 2, models: [], ...options });

describe('the evaluation compares zero-inflated intervals with the served ones', () => {
  it('adds a row per source, with the served points and, on an intermittent history, its own intervals', () => {
    const evaluation = oneOrigin(everyNthDay(200, 5), 14, {
      levels: [0.8],
      intervalVariants: ['zi-history'],
    });
    const auto = evaluation.results.find((r) => r.model === AUTO)!;
    const zi = evaluation.results.find((r) => r.model === intervalVariantRow('zi-history'))!;
    expect(zi.intermittent).toBe(true);
    // The served forecast of an intermittent history is a distribution: a PIT share per outcome.
    expect(auto.pit!.reduce((a, b) => a + b, 0)).toBeCloseTo(14, 9);
    expect(zi.totals).toEqual(auto.totals);
    // The origin is day 186. Before it, every 5th day sold 3, 4 or 5 (38 days: 13 x 3, 12 x 4,
    // 13 x 5), the rest nothing: P(0) = 148 / 186, the 10% quantile 0, and the 90% one the
    // sizes' (0.9 - P(0)) / (1 - P(0)) = 0.51 quantile, the 20th size: 4. The lower quantile
    // being 0, the interval is [0, the 80% quantile]: the sizes' 0.02 quantile, 3. Held out:
    // days 190 (4) and 195 (3) sell, 13 of the 14 days inside [0, 3].
    expect(zi.intervals![0]).toMatchObject({ covered: 13, below: 0, above: 1, days: 14 });
    // The pinball loss scores the central quantiles 0 and 4: 0.1 * y + 0.1 * (4 - y) a day = 0.4.
    expect(zi.intervals![0]!.pinball).toBeCloseTo(14 * 0.4, 9);
  });
});

describe('the least any interval of counts could hold', () => {
  it('is P(0) on days likelier than 1 - level to sell nothing, the level elsewhere, and the served intervals hold it', () => {
    // An order of 3 to 5 every 20th day: every forecast day is about 95% likely to sell nothing.
    const evaluation = oneOrigin(everyNthDay(240, 20), 20, { levels: [0.5, 0.8, 0.95] });
    const inside = evaluation.results.find((r) => r.model === AUTO)!.pitInside!;
    const days = 20;
    const at = (level: number) => inside[String(level)]!;
    // Above 80% and 50% alike, the least is the mean P(0) itself: the same at both levels.
    expect(at(0.8).least / days).toBeGreaterThan(0.9);
    expect(at(0.5).least).toBeCloseTo(at(0.8).least, 9);
    for (const level of [0.5, 0.8, 0.95]) {
      expect(at(level).least).toBeGreaterThanOrEqual(level * days - 1e-9);
      expect(at(level).probability).toBeGreaterThanOrEqual(at(level).least - 1e-9);
    }
  });
});

describe('served intervals of an intermittent history', () => {
  it("the held-out check builds each origin's interval from the history before it", () => {
    // Horizon 2: origin 1 starts at point 4 (history 0, 2, 0, 2: sizes 2 and 2), origin 0 at
    // point 6 (0, 2, 0, 2, 0, 4: sizes 2, 2, 4, mean 8 / 3). A forecast of 1 matches P(0) = 0.5
    // and 1 - 3 / 8 = 0.625: 80% intervals [0, 2] and [0, 4] (the sizes' 80% and 73% quantiles).
    const history = [0, 2, 0, 2, 0, 4, 0, 0];
    const step = (origin: number, stepNo: number, y: number) => ({
      step: stepNo,
      error: y - 1,
      origin,
      forecast: 1,
    });
    const errors = [step(1, 1, 0), step(1, 2, 4), step(0, 1, 0), step(0, 2, 0)];
    expect(zeroInflatedHeldOut(history, errors, 2, 0.8)).toEqual({ level: 0.8, coverage: 0.75, days: 4 });
    expect(zeroInflatedHeldOut(history, [], 2, 0.8)).toEqual({ level: 0.8, coverage: null, days: 0 });
  });

  it('the median is 0 while a day is more likely to sell nothing, else the size at the middle of the rest', () => {
    const d = zeroInflatedOf(history)!; // sizes 1, 2, 2, 5: mean 2.5
    // forecast 1: demand probability 0.4, P(0) = 0.6 >= 0.5
    // forecast 2.5: every day sells, the median of the sizes (the least y with P(<= y) >= 0.5) is 2
    // forecast 1.5: P(0) = 0.4, so the median is the sizes' (0.1 / 0.6) quantile: 1
    expect(zeroInflatedMedians(d, [1, 2.5, 1.5, 0])).toEqual([0, 2, 1, 0]);
  });

  it('forecastDemand answers zero-inflated bands: 0 or a size sold before, widened to hold the forecast', () => {
    // Every 6th day sells 2, 6 or 9: intermittent (ADI 6).
    const units = Array.from({ length: 180 }, (_, t) => (t % 6 === 3 ? [2, 6, 9][((t / 6) % 3) | 0]! : 0));
    const f = forecastDemand({ start: '2024-01-01', units }, { horizonDays: 14 });
    expect(f.classification.demandClass).toBe('intermittent');
    expect(f.intervals.method).toBe('zero-inflated');
    for (const d of f.days)
      for (const b of d.bands) {
        expect([0, d.forecast]).toContain(b.lower);
        expect([2, 6, 9, d.forecast]).toContain(b.upper);
      }
    // A sale every sixth day: most days are more likely to sell nothing, so the median is 0.
    expect(f.days.every((d) => d.median === 0)).toBe(true);
    expect(f.days.some((d) => d.forecast > 0)).toBe(true);
    expect(f.intervals.heldOut.every((h) => h.days > 0)).toBe(true);
  });
});
