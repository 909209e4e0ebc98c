import { describe, expect, it } from 'vitest';
import {
  ALL_MODELS,
  croston,
  exponentialSmoothing,
  fitAndForecast,
  holt,
  holtDamped,
  holtWintersAdditive,
  holtWintersAdditiveDamped,
  holtWintersMultiplicative,
  holtWintersMultiplicativeDamped,
  intermittentModel,
  movingAverage,
  nelderMead,
  runIntermittent,
  sba,
  seasonalNaive,
  ses,
  tsb,
  type Demand,
  type ForecastModel,
} from '../../src/domain/forecast/index.ts';

const WEEK = [0, 12, 10, 8, 9, 15, 20]; // a closed day, then a weekly shape
const repeatWeeks = (pattern: number[], weeks: number) =>
  Array.from({ length: 7 * weeks }, (_, t) => pattern[t % 7]!);

function forecastOf(model: ForecastModel, history: readonly Demand[], h: number): number[] {
  const fitted = model.fit(history, { period: 7 });
  if (!fitted) throw new Error(`${model.name} did not fit`);
  return fitted.forecast(h);
}

function expectClose(actual: number[], expected: number[], relative = 1e-6) {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((a, i) =>
    expect(Math.abs(a - expected[i]!)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected[i]!))),
  );
}

describe('a pure weekly pattern is forecast exactly', () => {
  const history = repeatWeeks(WEEK, 10);
  const next = Array.from({ length: 28 }, (_, k) => WEEK[(70 + k) % 7]!);

  it.each([seasonalNaive, holtWintersAdditive, holtWintersAdditiveDamped])('$name', (model) => {
    expectClose(forecastOf(model, history, 28), next);
  });

  it('multiplicative Holt-Winters too, zero days included', () => {
    expectClose(forecastOf(holtWintersMultiplicative, history, 28), next);
    expectClose(forecastOf(holtWintersMultiplicativeDamped, history, 28), next);
  });

  it('with a linear trend under the pattern, Holt-Winters with a fixed undamped trend follows it', () => {
    const trended = history.map((y, t) => y + 0.5 * t);
    const model = exponentialSmoothing({ trend: 'additive', season: 'additive' });
    const expected = next.map((y, k) => y + 0.5 * (70 + k));
    expectClose(forecastOf(model, trended, 28), expected);
  });
});

describe('a constant series is forecast exactly by every model that can', () => {
  const history = new Array<number>(60).fill(5);
  const exact = ALL_MODELS.filter((m) => m.name !== 'sba');
  it.each(exact)('$name', (model) => {
    expectClose(forecastOf(model, history, 14), new Array<number>(14).fill(5), 1e-9);
  });

  it('SBA deflates by (1 - alpha/2), by design', () => {
    const fitted = sba.fit(history, { period: 7 })!;
    expect(fitted.forecast(1)[0]).toBeCloseTo(5 * (1 - fitted.params.alpha! / 2), 12);
  });
});

describe('Holt recovers a trend', () => {
  it('exactly on a straight line', () => {
    const line = Array.from({ length: 60 }, (_, t) => 10 + 2 * t);
    expectClose(
      forecastOf(holt, line, 14),
      Array.from({ length: 14 }, (_, k) => 10 + 2 * (60 + k)),
    );
  });

  it('closely under noise, and the damped trend flattens', () => {
    let seed = 7;
    const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 4;
    const noisy = Array.from({ length: 120 }, (_, t) => 50 + 3 * t + noise());
    const f = forecastOf(holt, noisy, 10);
    const slope = (f[9]! - f[0]!) / 9;
    expect(slope).toBeGreaterThan(2.7);
    expect(slope).toBeLessThan(3.3);
    expect(Math.abs(f[0]! - (50 + 3 * 120))).toBeLessThan(5);
    const d = forecastOf(holtDamped, noisy, 28);
    expect(d[27]! - d[26]!).toBeLessThan(d[1]! - d[0]!);
  });
});

describe('moving average and seasonal naive', () => {
  it('the moving average is the mean of the last observed days', () => {
    expect(forecastOf(movingAverage(3), [1, 2, 3, 4, null, 8], 2)).toEqual([5, 5]);
  });

  it('seasonal naive reaches back a further week over days not observed', () => {
    const history: Demand[] = [1, 2, 3, 4, 5, 6, 7, 11, 12, null, 14, 15, 16, 17];
    expect(forecastOf(seasonalNaive, history, 7)).toEqual([11, 12, 3, 14, 15, 16, 17]);
  });

  it('seasonal naive without a period is the naive forecast', () => {
    expect(seasonalNaive.fit([3, 4, 9], { period: null })!.forecast(2)).toEqual([9, 9]);
  });
});

describe('Croston, SBA and TSB on a hand-computed case', () => {
  // First demand 3 on day 3: z = 3, p = 3 (TSB: d = 1/3).
  // Day 4: 0. Day 5: 5 after 2 days: z = 3 + .5(5-3) = 4, p = 3 + .5(2-3) = 2.5.
  // Days 6-8: 0. Day 9: 4 after 4 days: z = 4, p = 2.5 + .5(4-2.5) = 3.25.
  const history = [0, 0, 3, 0, 5, 0, 0, 0, 4];

  it('Croston: z / p = 4 / 3.25', () => {
    expect(runIntermittent(history, 'croston', { alpha: 0.5, beta: 0 })!.forecast).toBeCloseTo(4 / 3.25, 12);
  });

  it('SBA: (1 - alpha/2) z / p', () => {
    expect(runIntermittent(history, 'sba', { alpha: 0.5, beta: 0 })!.forecast).toBeCloseTo(
      (0.75 * 4) / 3.25,
      12,
    );
  });

  it('TSB: d smoothed every day (1/3, 4/15, 0.41333, ... 0.369301), z = 4', () => {
    const r = runIntermittent(history, 'tsb', { alpha: 0.5, beta: 0.2 })!;
    expect(r.forecast).toBeCloseTo(0.369301333333 * 4, 9);
    // The first one-step error is day 4's: 0 - z/p = -1 (Croston), 0 - d z = -1 (TSB).
    expect(r.residuals[0]).toBeCloseTo(-1, 12);
  });

  it('fixed weights through the model interface, and days not observed are skipped', () => {
    const m = intermittentModel('croston', { alpha: 0.5 });
    const censored: Demand[] = [0, null, 0, 3, 0, null, null, 5, 0, 0, 0, 4];
    expect(forecastOf(m, history, 3)).toEqual(new Array(3).fill(4 / 3.25));
    expect(forecastOf(m, censored, 1)[0]).toBeCloseTo(4 / 3.25, 12);
  });

  it('TSB decays while nothing sells; Croston does not', () => {
    const dying = [...history, ...new Array<number>(30).fill(0)];
    expect(forecastOf(tsb, dying, 1)[0]!).toBeLessThan(forecastOf(tsb, history, 1)[0]!);
    expect(runIntermittent(dying, 'croston', { alpha: 0.5, beta: 0 })!.forecast).toBeCloseTo(4 / 3.25, 12);
  });

  it('no demand at all: not applicable', () => {
    expect(croston.fit([0, 0, 0], { period: null })).toBeNull();
    expect(sba.fit([null, 0], { period: null })).toBeNull();
  });
});

describe('censored days are not zero demand', () => {
  it('out-of-stock days marked null do not pull the level down', () => {
    const observed: Demand[] = Array.from({ length: 56 }, (_, t) => (t >= 51 ? null : 10)); // sold out
    const zeros = observed.map((y) => y ?? 0);
    expectClose(forecastOf(ses, observed, 7), new Array(7).fill(10), 1e-9);
    expect(forecastOf(ses, zeros, 1)[0]!).toBeLessThan(10);
    expectClose(forecastOf(holtWintersAdditive, observed, 7), new Array(7).fill(10), 1e-9);
  });
});

describe('seasonal models need a period and two cycles', () => {
  it('returns null otherwise', () => {
    expect(holtWintersAdditive.fit(repeatWeeks(WEEK, 5), { period: null })).toBeNull();
    expect(holtWintersAdditive.fit(repeatWeeks(WEEK, 1), { period: 7 })).toBeNull();
    expect(fitAndForecast(holtWintersMultiplicative, new Array<number>(28).fill(0), 7)).toBeNull();
  });
});

describe('Nelder-Mead', () => {
  it('finds the minimum of a shifted quadratic and of Rosenbrock', () => {
    const q = nelderMead((x) => (x[0]! - 3) ** 2 + 2 * (x[1]! + 1) ** 2, [0, 0], {
      maxEvaluations: 500,
      tolerance: 1e-14,
    });
    expect(q.x[0]).toBeCloseTo(3, 4);
    expect(q.x[1]).toBeCloseTo(-1, 4);
    const r = nelderMead((x) => 100 * (x[1]! - x[0]! ** 2) ** 2 + (1 - x[0]!) ** 2, [-1.2, 1], {
      maxEvaluations: 2000,
      tolerance: 1e-16,
    });
    expect(r.x[0]).toBeCloseTo(1, 3);
    expect(r.x[1]).toBeCloseTo(1, 3);
  });
});

describe('diverged fits', () => {
  it('a forecast far above anything seen (10x the largest day) is not a forecast', () => {
    const wild: ForecastModel = {
      name: 'wild',
      fit: () => ({
        model: 'wild',
        params: {},
        residuals: [],
        forecast: (h) => new Array<number>(h).fill(1e9),
      }),
    };
    expect(fitAndForecast(wild, [1, 5, 2], 3)).toBeNull();
    expect(fitAndForecast(seasonalNaive, [1, 5, 2], 3)).not.toBeNull();
  });
});
