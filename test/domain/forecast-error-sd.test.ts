import { describe, expect, it } from 'vitest';
import {
  ALL_MODELS,
  backtest,
  forecastDemand,
  originPositions,
  seasonalNaive,
  standardDeviation,
  weeklyPeriod,
  type Demand,
} from '../../src/domain/forecast/index.ts';

/** A seeded uniform generator (Park-Miller), so the series are the same every run. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

describe('dailyErrorSd and the combined backtest', () => {
  it('standardDeviation is the sample standard deviation', () => {
    expect(standardDeviation([])).toBe(0);
    expect(standardDeviation([3])).toBe(0);
    expect(standardDeviation([2, 4, 4, 4, 5, 5, 7, 9])).toBeCloseTo(Math.sqrt(32 / 7), 12);
  });

  it('is 0 for a constant series, whose forecast is that constant', () => {
    const f = forecastDemand(
      { start: '2011-01-03', units: new Array<Demand>(120).fill(5) },
      { horizonDays: 14 },
    );
    expect(f.dailyErrorSd).toBeCloseTo(0, 9);
    expect(f.combinedBacktest.wape).toBeCloseTo(0, 9);
    expect(f.combinedBacktest.origins).toBe(3);
    for (const d of f.days) expect(d.forecast).toBeCloseTo(5, 9);
  });

  it('with one model, is the standard deviation of that model’s backtest errors', () => {
    const rand = random(7);
    const units: Demand[] = Array.from({ length: 200 }, (_, t) =>
      Math.round(10 + 4 * (t % 7 === 0 ? 1 : 0) + 6 * rand()),
    );
    const h = 14;
    const f = forecastDemand({ start: '2011-01-03', units }, { horizonDays: h, combine: 1 });
    const model = ALL_MODELS.find((m) => m.name === f.models[0]!.model)!;
    const [score] = backtest(units, [model], originPositions(units.length, h, 3), h);
    expect(score!.stepErrors.length).toBeGreaterThanOrEqual(20);
    expect(f.dailyErrorSd).toBeCloseTo(standardDeviation(score!.stepErrors.map((e) => e.error)), 9);
    expect(f.combinedBacktest.wape).toBeCloseTo(f.backtest[0]!.wape!, 12);
    expect(f.combinedBacktest.days).toBe(3 * h);
  });

  it('the average of three is scored as the average, not as its best member', () => {
    const rand = random(11);
    const units: Demand[] = Array.from({ length: 150 }, () => Math.round(20 * rand()));
    const f = forecastDemand({ start: '2011-01-03', units }, { horizonDays: 7 });
    expect(f.models.length).toBe(3);
    expect(f.combinedBacktest.wape).not.toBeNull();
    expect(f.dailyErrorSd).toBeGreaterThan(0);
  });

  it('without a backtest, falls back to the in-sample residuals', () => {
    const units: Demand[] = [1, 3, 2, 5, 0, 4, 2, 3, 1, 6, 2, 2, 4, 1, 0, 3, 5, 2, 1, 4];
    const f = forecastDemand({ start: '2011-01-03', units }, { horizonDays: 28 });
    expect(f.combinedBacktest.origins).toBe(0);
    const fitted = seasonalNaive.fit(units, { period: weeklyPeriod(units) })!;
    expect(f.dailyErrorSd).toBeCloseTo(standardDeviation(fitted.residuals), 12);
    expect(f.dailyErrorSd).toBeGreaterThan(0);
  });

  it('is 0 with no history at all', () => {
    const f = forecastDemand({ start: '2011-01-03', units: [null, null] }, { horizonDays: 3 });
    expect(f.model).toBe('none');
    expect(f.dailyErrorSd).toBe(0);
  });
});
