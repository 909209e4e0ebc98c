import { describe, expect, it } from 'vitest';
import {
  AUTO,
  evaluateSeries,
  matchingForecast,
  zeroInflatedCdf,
  zeroInflatedInterval,
  zeroInflatedIntervals,
  zeroInflatedOf,
  zeroInflatedQuantile,
  zeroInflatedRow,
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

  it('central intervals take both quantiles', () => {
    expect(zeroInflatedInterval(d, 0.8)).toEqual({ lower: 0, upper: 2 }); // the 10% and 90% quantiles
    expect(zeroInflatedInterval(d, 0.95)).toEqual({ lower: 0, upper: 5 }); // 2.5% and 97.5%
  });

  it('matching a forecast sets the demand probability to forecast / mean size', () => {
    // mean size 10 / 4 = 2.5: a forecast of 0.5 a day is demand on 20% of days.
    expect(matchingForecast(d, 0.5).zeroProbability).toBeCloseTo(0.8, 12);
    expect(matchingForecast(d, 4).zeroProbability).toBe(0);
    expect(
      zeroInflatedIntervals(history, [0.5, 2.5], 0.5, 'forecast', Infinity)!.map((i) => i.upper),
    ).toEqual([0, 2]);
  });
});

describe('the evaluation compares zero-inflated intervals with the served ones', () => {
  it('adds a row per source, with the served points and, on an intermittent history, its own intervals', () => {
    const units = Array.from({ length: 200 }, (_, t) => (t % 5 === 0 ? 3 + (t % 3) : 0));
    const evaluation = evaluateSeries(units, {
      horizonDays: 14,
      origins: 1,
      selectionOrigins: 2,
      models: [],
      levels: [0.8],
      zeroInflated: ['history'],
    });
    const auto = evaluation.results.find((r) => r.model === AUTO)!;
    const zi = evaluation.results.find((r) => r.model === zeroInflatedRow('history'))!;
    expect(zi.intermittent).toBe(true);
    expect(zi.totals).toEqual(auto.totals);
    // The origin is day 186. Before it, every 5th day sold 3, 4 or 5 (38 days: 13 x 3, 12 x 4,
    // 13 x 5), the rest nothing: P(0) = 148 / 186, the 10% quantile 0, and the 90% one the
    // sizes' (0.9 - P(0)) / (1 - P(0)) = 0.51 quantile, the 20th size: 4. Held out: days 190
    // (4) and 195 (3) sell, all 14 days inside [0, 4].
    expect(zi.intervals![0]).toMatchObject({ covered: 14, below: 0, above: 0, days: 14 });
    // The lower quantile is 0 and the upper 4: pinball 0.1 * y + 0.1 * (4 - y) per day = 0.4.
    expect(zi.intervals![0]!.pinball).toBeCloseTo(14 * 0.4, 9);
  });
});
