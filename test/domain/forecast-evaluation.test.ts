import { describe, expect, it } from 'vitest';
import {
  AUTO,
  AUTO_MEDIAN,
  HINDSIGHT_MEAN,
  HINDSIGHT_SEASON_MEAN,
  hindsightMean,
  hindsightSeasonMean,
  predictionMedians,
  MIN_TAIL,
  adida7,
  accumulate,
  conformalTails,
  predictionIntervals,
  emptySummary,
  evaluateSeries,
  forecastDemand,
  intervalOutcome,
  modelsFor,
  pinballLoss,
  seasonalNaive,
} from '../../src/domain/forecast/index.ts';

function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Two and a half years of days: a weekly pattern, a yearly wave, noise. */
function longDaily(seed: number): number[] {
  const rand = random(seed);
  const week = [0.6, 1, 1, 1.1, 1.2, 1.5, 0.4];
  return Array.from({ length: 2 * 364 + 150 }, (_, t) => {
    const year = 1 + 0.5 * Math.sin((2 * Math.PI * t) / 364);
    return Math.round(10 * week[t % 7]! * year * (0.6 + 0.8 * rand()));
  });
}

describe('the evaluation scores the served forecast', () => {
  it('"auto" at each origin is exactly what forecastDemand serves for the history before it (yearly profile included)', () => {
    const units = longDaily(7);
    const evaluation = evaluateSeries(units, {
      horizonDays: 28,
      origins: 2,
      selectionOrigins: 3,
      models: modelsFor('day'),
      levels: [0.8],
    });
    const autos = evaluation.results.filter((r) => r.model === AUTO);
    expect(autos).toHaveLength(2);
    for (const r of autos) {
      const served = forecastDemand(
        { start: '2020-01-06', units: units.slice(0, r.origin) },
        { horizonDays: 28 },
      );
      expect(served.yearlySeasonality).toBe(true);
      const actual = units.slice(r.origin, r.origin + 28);
      const absError = actual.reduce((s, y, i) => s + Math.abs(y - served.days[i]!.forecast), 0);
      expect(r.totals.absError).toBeCloseTo(absError, 6);
      const covered = actual.filter(
        (y, i) => y >= served.days[i]!.lower - 1e-9 && y <= served.days[i]!.upper + 1e-9,
      );
      expect(r.intervals![0]!.covered).toBe(covered.length);
    }
  });
});

describe('the served median', () => {
  const step = (step: number, error: number) => ({ step, error, origin: 0 });
  // Two steps with the same spread: the errors do not grow with the step (exponent 0).
  const errorsAround = (shift: number) =>
    [1, 2].flatMap((h) => [-4, -3, -2, -1, 0, 1, 2, 3, 4, 5].map((e) => step(h, e + shift)));

  it("moves each forecast by the backtest errors' median, cut at 0; with too few errors it is the forecast", () => {
    expect(predictionMedians([10, 0.2], { backtestErrors: errorsAround(0), residuals: [] })).toEqual([
      10.5, 0.7,
    ]);
    expect(predictionMedians([10, 0.2], { backtestErrors: errorsAround(-1), residuals: [] })).toEqual([
      9.5, 0,
    ]);
    expect(
      predictionMedians([10, 0.2], { backtestErrors: errorsAround(0).slice(0, 19), residuals: [] }),
    ).toEqual([10, 0.2]);
  });

  it('the evaluation scores the median forecastDemand serves, and the hindsight references', () => {
    const units = longDaily(3).slice(0, 200);
    const evaluation = evaluateSeries(units, {
      horizonDays: 28,
      origins: 2,
      selectionOrigins: 3,
      models: [seasonalNaive],
      levels: [0.8],
      hindsight: true,
    });
    for (const r of evaluation.results.filter((r) => r.model === AUTO_MEDIAN)) {
      const served = forecastDemand(
        { start: '2020-01-06', units: units.slice(0, r.origin) },
        { horizonDays: 28 },
      );
      const actual = units.slice(r.origin, r.origin + 28);
      const absError = actual.reduce((s, y, i) => s + Math.abs(y - served.days[i]!.median), 0);
      expect(r.totals.absError).toBeCloseTo(absError, 6);
    }
    const models = new Set(evaluation.results.map((r) => r.model));
    expect([AUTO_MEDIAN, HINDSIGHT_MEAN, HINDSIGHT_SEASON_MEAN].every((m) => models.has(m))).toBe(true);
    // A forecast at the window's own mean is never biased.
    for (const r of evaluation.results.filter((r) => r.model === HINDSIGHT_MEAN))
      expect(r.totals.error).toBeCloseTo(0, 9);
  });

  it("hindsight: the window's mean, and each season position's mean from two whole seasons", () => {
    expect(hindsightMean([1, null, 3, 8])).toEqual([4, 4, 4, 4]);
    expect(hindsightMean([null])).toEqual([0]);
    expect(hindsightSeasonMean([1, 2, 3, 6, null, 7], 2)).toEqual([2, 5, 2, 5, 2, 5]);
    expect(hindsightSeasonMean([1, 2, 3], 2)).toBeNull();
    expect(hindsightSeasonMean([1, 2, 3, 4], null)).toBeNull();
  });
});

describe('interval measures', () => {
  it.each([
    [10, 8, 0.9, 0.9 * 2], // above the quantile: p * (y - q)
    [6, 8, 0.9, 0.1 * 2], // below: (1 - p) * (q - y)
    [8, 8, 0.1, 0],
  ])('pinball(y=%d, q=%d, p=%d) = %d', (y, q, p, expected) => {
    expect(pinballLoss(y, q, p)).toBeCloseTo(expected, 12);
  });

  it("counts coverage on observed days and sums both bounds' pinball loss", () => {
    const out = intervalOutcome(
      [5, null, 20, 0],
      [
        { lower: 2, upper: 8 },
        { lower: 2, upper: 8 },
        { lower: 2, upper: 8 },
        { lower: 0, upper: 8 },
      ],
      0.8,
    );
    expect(out).toMatchObject({ level: 0.8, covered: 2, below: 0, above: 1, days: 3 });
    // 5: 0.1*3 + 0.1*3; 20: 0.1*18 + 0.9*12; 0: 0 + 0.1*8
    expect(out.pinball).toBeCloseTo(0.6 + 1.8 + 10.8 + 0.8, 9);
  });

  it('summarises coverage and scaled pinball for the served forecast', () => {
    const units = longDaily(3).slice(0, 300);
    const summary = accumulate(
      emptySummary(),
      evaluateSeries(units, { horizonDays: 28, origins: 3, selectionOrigins: 3, models: [seasonalNaive] }),
      seasonalNaive.name,
    );
    const intervals = summary.models[AUTO]!.intervals;
    expect(Object.keys(intervals).sort()).toEqual(['0.5', '0.8', '0.95']);
    expect(intervals['0.8']!.days).toBe(84);
    expect(intervals['0.95']!.covered).toBeGreaterThanOrEqual(intervals['0.5']!.covered);
    expect(intervals['0.8']!.scaledCount).toBe(3);
  });
});

describe('conformal calibration of the intervals', () => {
  const origin = (o: number, errors: number[]) => errors.map((error) => ({ step: 1, error, origin: o }));
  const spread = (k: number) => Array.from({ length: 40 }, (_, i) => (i - 19.5) * k);

  it.each([
    ['one origin: nominal', [origin(0, spread(1))], 0.1, 0.9],
    ['origins alike: nominal', [origin(0, spread(1)), origin(1, spread(1)), origin(2, spread(1))], 0.1, 0.9],
  ])('%s', (_, parts, low, high) => {
    const tails = conformalTails(parts.flat(), 0.8);
    expect(tails.low).toBeCloseTo(low, 9);
    expect(tails.high).toBeCloseTo(high, 9);
  });

  it("moves a bound out when the other origins' bounds miss that side too often, never in", () => {
    // The latest origin's errors run far below the others: the lower tail widens most.
    const errors = [
      ...origin(
        0,
        spread(1).map((e) => e - 30),
      ),
      ...origin(1, spread(1)),
      ...origin(2, spread(1)),
    ];
    const tails = conformalTails(errors, 0.8);
    expect(tails.low).toBeLessThan(0.1);
    expect(tails.low).toBeGreaterThanOrEqual(MIN_TAIL);
    expect(tails.high).toBeGreaterThanOrEqual(0.9);
    expect(0.1 - tails.low).toBeGreaterThan(tails.high - 0.9);
    const iv = predictionIntervals([100], { backtestErrors: errors, residuals: [] }, 0.8)[0]!;
    const nominal = predictionIntervals(
      [100],
      { backtestErrors: errors.map((e) => ({ ...e, origin: 0 })), residuals: [] },
      0.8,
    )[0]!;
    expect(iv.lower).toBeLessThan(nominal.lower);
    expect(iv.upper).toBeGreaterThanOrEqual(nominal.upper);
  });
});

describe('ADIDA (temporal aggregation)', () => {
  it.each([
    // A week of 7 units with nothing on the 7th day: spread back in the same weekday pattern.
    ['closed on the 7th day', [1, 1, 1, 2, 1, 1, 0], 7, [1, 1, 1, 2, 1, 1, 0]],
    // Lumpy: one order of 14 every other week: the weekly level sits between 0 and 14.
    ['one order every other week', [14, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], null, null],
  ])('%s', (_, pattern, period, expected) => {
    const history = Array.from({ length: 12 * 7 }, (_, t) => pattern[t % pattern.length]!);
    const fitted = adida7.fit(history, { period })!;
    const f = fitted.forecast(7);
    if (expected) f.forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 6));
    else {
      const week = f.reduce((a, b) => a + b, 0);
      expect(week).toBeGreaterThan(0);
      expect(week).toBeLessThan(14);
    }
  });

  it('does not apply without two blocks or without any demand', () => {
    expect(adida7.fit([1, 2, 3, 4, 5, 6, 7, 8], { period: null })).toBeNull();
    expect(adida7.fit(new Array<number>(28).fill(0), { period: 7 })).toBeNull();
  });
});
