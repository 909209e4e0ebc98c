import { describe, expect, it } from 'vitest';
import {
  addDays,
  aggregateSeries,
  bucketDateAt,
  bucketStart,
  evaluateSeries,
  forecastDemand,
  modelsFor,
  nextBucket,
  seasonalPeriod,
  spreadEvenly,
  type Demand,
  type Granularity,
} from '../../src/domain/forecast/index.ts';

/** A seeded generator, so the synthetic series are the same on every run. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('buckets', () => {
  it.each([
    ['2024-01-03', 'week', '2024-01-01', '2024-01-08'], // a Wednesday: back to Monday
    ['2024-01-07', 'week', '2024-01-01', '2024-01-08'], // a Sunday ends the ISO week
    ['2024-01-08', 'week', '2024-01-08', '2024-01-15'],
    ['2024-02-29', 'month', '2024-02-01', '2024-03-01'],
    ['2024-12-31', 'month', '2024-12-01', '2025-01-01'],
    ['2024-05-05', 'day', '2024-05-05', '2024-05-06'],
  ] as const)('%s in a %s starts %s, the next starts %s', (date, bucket, start, next) => {
    expect(bucketStart(date, bucket)).toBe(start);
    expect(nextBucket(start, bucket)).toBe(next);
  });

  it('numbers months across years', () => {
    expect(bucketDateAt('2023-11-01', 'month', 0)).toBe('2023-11-01');
    expect(bucketDateAt('2023-11-01', 'month', 3)).toBe('2024-02-01');
    expect(bucketDateAt('2024-01-01', 'week', 2)).toBe('2024-01-15');
  });

  it.each([
    [10, 7, [2, 2, 2, 1, 1, 1, 1]],
    [0, 3, [0, 0, 0]],
    [31, 31, new Array<number>(31).fill(1)],
  ])('spreads %i over %i days evenly, summing back', (total, days, expected) => {
    expect(spreadEvenly(total, days)).toEqual(expected);
  });

  it('sums days into weeks: a half-observed first week scaled up, a censored day filled, the partial last week left out', () => {
    // From Thursday 2024-01-04: 4 of the first week's 7 days exist (Thu-Sun), all 1s.
    const units: Demand[] = [1, 1, 1, 1, ...[2, 2, null, 2, 2, 2, 2], ...[3, 3, 3]];
    const weeks = aggregateSeries({ start: '2024-01-04', units }, 'week');
    expect(weeks.start).toBe('2024-01-01');
    expect(weeks.units).toEqual([7, 14]);
    // Fewer than half the days observed: not observed.
    expect(
      aggregateSeries({ start: '2024-01-06', units: [5, 5, ...new Array<number>(7).fill(0)] }, 'week').units,
    ).toEqual([null, 0]);
  });

  it.each([
    [7, 21, 7],
    [7, 20, null],
    [52, 104, 52],
    [52, 103, null],
    [12, 24, 12],
    [null, 500, null],
  ])('season %s on %i points: %s', (season, length, expected) => {
    expect(seasonalPeriod(new Array<number>(length).fill(1), season)).toBe(expected);
  });
});

/** Three years of days whose weekly totals follow a yearly wave (peak in December), noisy. */
function yearlyDaily(seed: number): { start: string; units: number[] } {
  const next = random(seed);
  const start = '2021-01-04'; // a Monday
  const units: number[] = [];
  for (let d = 0; d < 3 * 364; d++) {
    const week = Math.floor(d / 7) % 52;
    const level = 20 + 15 * Math.cos((2 * Math.PI * (week - 49)) / 52);
    units.push(Math.max(0, Math.round(level * (0.7 + 0.6 * next()))));
  }
  return { start, units };
}

describe('forecasting in weeks', () => {
  it('forecasts whole weeks with a yearly season and spreads them back to days', () => {
    const series = yearlyDaily(1);
    const f = forecastDemand(series, { horizonDays: 56, bucket: 'week' });
    expect(f.bucket).toBe('week');
    expect(f.seasonLength).toBe(52);
    expect(f.periods).toHaveLength(8);
    expect(f.periods[0]!.start).toBe(addDays(series.start, series.units.length));
    // The days sum back to their weeks.
    const days = f.days.reduce((s, d) => s + d.forecast, 0);
    const weeks = f.periods.reduce((s, p) => s + p.forecast, 0);
    expect(days).toBeCloseTo(weeks, 6);
    expect(f.days).toHaveLength(56);
    // The forecast starts at the top of the yearly wave (weeks 0-7 of the year after December).
    expect(f.periods[0]!.forecast).toBeGreaterThan(f.periods[7]!.forecast);
  });

  it('scores better with the yearly season than with a "season" of 7 weeks on weekly data', () => {
    const weekly = aggregateSeries(yearlyDaily(2), 'week').units;
    const mae = (granularity: Granularity) => {
      const e = evaluateSeries(weekly, {
        horizonDays: 8,
        origins: 6,
        selectionOrigins: 3,
        models: modelsFor('week'),
        granularity,
      });
      const auto = e.results.filter((r) => r.model === 'auto');
      return auto.reduce((s, r) => s + r.totals.absError, 0) / auto.reduce((s, r) => s + r.totals.days, 0);
    };
    const yearly = mae({ bucket: 'week', seasonLength: 52 });
    const seven = mae({ bucket: 'week', seasonLength: 7 });
    expect(yearly).toBeLessThan(0.8 * seven);
  });

  it('forecasts months with a yearly season from two years', () => {
    const f = forecastDemand(yearlyDaily(3), { horizonDays: 90, bucket: 'month' });
    expect(f.seasonLength).toBe(12);
    expect(f.periods.length).toBeGreaterThanOrEqual(3);
    for (const p of f.periods) expect(p.start.endsWith('-01')).toBe(true);
  });
});
