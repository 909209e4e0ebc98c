import { describe, expect, it } from 'vitest';
import {
  AUTO,
  AUTO_SINGLE,
  accumulate,
  bias,
  buildDailySeries,
  classifyDemand,
  dayOfWeek,
  emptySummary,
  errorTotals,
  evaluateSeries,
  forecastDemand,
  rmsse,
  seasonalNaiveScales,
  holt,
  learnEventUplifts,
  mase,
  movingAverage28,
  normalQuantile,
  predictionIntervals,
  seasonalNaive,
  seasonalNaiveScale,
  selectModel,
  ses,
  ALL_MODELS,
  wape,
  weeklyPeriod,
  yearlyProfile,
  type Demand,
} from '../../src/domain/forecast/index.ts';

/** A seeded uniform generator (Park-Miller), so the synthetic series are the same every run. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}
function normal(rand: () => number) {
  return Math.sqrt(-2 * Math.log(rand() + 1e-12)) * Math.cos(2 * Math.PI * rand());
}

describe('metrics on known values', () => {
  const totals = errorTotals([10, 0, 5, null], [8, 1, 5, 100]);
  it('WAPE, bias, MASE, RMSSE', () => {
    expect(totals).toEqual({ absError: 3, error: 1, sqError: 5, actual: 15, days: 3 });
    expect(wape(totals)).toBeCloseTo(0.2, 12);
    expect(bias(totals)).toBeCloseTo(1 / 15, 12);
    const history = [1, 2, 3, 4, 5, 6, 7, 3, 2, 3, 4, 5, 6, 7];
    expect(seasonalNaiveScale(history)).toBeCloseTo(2 / 7, 12);
    expect(mase(totals, 2 / 7)).toBeCloseTo(3.5, 12);
    // Lag-7 pairs: one difference of 2 in seven, so the MSE is 4 / 7.
    expect(seasonalNaiveScales(history)).toEqual({ mae: 2 / 7, mse: 4 / 7 });
    expect(rmsse(totals, 4 / 7)).toBeCloseTo(Math.sqrt(5 / 3 / (4 / 7)), 12);
  });
  it('undefined where they divide by zero', () => {
    expect(wape(errorTotals([0, 0], [1, 1]))).toBeNull();
    expect(mase(totals, 0)).toBeNull();
    expect(rmsse(totals, 0)).toBeNull();
    expect(seasonalNaiveScale([null, 3])).toBeNull();
    expect(seasonalNaiveScale([1, 3, 2])).toBeCloseTo(1.5, 12); // short: period 1
  });
});

describe('demand classes (ADI / CV²)', () => {
  it.each([
    ['smooth', [5, 6, 5, 4, 5, 6, 5]],
    ['erratic', [1, 30, 2, 50, 1, 40, 3]],
    ['intermittent', [0, 0, 5, 0, 0, 5, 0, 0, 6]],
    ['lumpy', [0, 0, 1, 0, 0, 50, 0, 0, 2]],
    ['none', [0, null, 0]],
  ] as [string, Demand[]][])('%s', (expected, history) => {
    expect(classifyDemand(history).demandClass).toBe(expected);
  });
  it('ADI counts observed days only', () => {
    expect(classifyDemand([0, 0, 5, null, null, 0, 0, 5]).adi).toBe(3);
  });
});

describe('seasonality', () => {
  it('weekly from three full weeks of observed days', () => {
    expect(weeklyPeriod(new Array<number>(21).fill(1))).toBe(7);
    expect(weeklyPeriod(new Array<number>(20).fill(1))).toBeNull();
    expect(weeklyPeriod([...new Array<Demand>(10).fill(null), ...new Array<number>(20).fill(1)])).toBeNull();
  });
  it('yearly only from two years', () => {
    expect(yearlyProfile(new Array<number>(2 * 364 - 1).fill(1))).toBeNull();
    const p = yearlyProfile(new Array<number>(2 * 364).fill(1))!;
    expect(p.weekly.every((f) => Math.abs(f - 1) < 1e-12)).toBe(true);
  });
  // A shop growing 30% a year with a yearly wave: the profile must be the wave alone. Divided by
  // each year's own mean, the growth within a year read as season (factors up to 12% off) and
  // the forecast of the next four weeks ran 8-11% low.
  const wave = (t: number) => 1 + 0.4 * Math.sin((2 * Math.PI * t) / 364);
  const growing = (years: number, extraDays = 0) =>
    Array.from({ length: years * 364 + extraDays }, (_, t) => 100 * (1 + (0.3 * t) / 364) * wave(t));
  it.each([2, 3])('the yearly profile of a growing shop is its wave, not its growth (%i years)', (years) => {
    const history = growing(years);
    const p = yearlyProfile(history)!;
    const n = history.length;
    for (let w = 0; w < 52; w++) {
      const truth =
        Array.from({ length: 21 }, (_, d) => wave(n + (w - 1) * 7 + d)).reduce((a, b) => a + b) / 21;
      expect(Math.abs(p.factorAt(n + w * 7) / truth - 1)).toBeLessThan(0.005);
    }
  });
  it('a growing seasonal shop is forecast without a low bias', () => {
    const all = growing(3, 28);
    const history = all.slice(0, 3 * 364);
    const f = forecastDemand({ start: '2020-01-06', units: history }, { horizonDays: 28 });
    expect(f.yearlySeasonality).toBe(true);
    const actual = all.slice(3 * 364).reduce((a, b) => a + b, 0);
    const forecast = f.days.reduce((a, d) => a + d.forecast, 0);
    expect(Math.abs(actual / forecast - 1)).toBeLessThan(0.02);
  });
});

describe('rolling-origin backtest picks the model that is clearly right', () => {
  it('Holt on a straight line (among seasonal naive, moving average, Holt)', () => {
    const line = Array.from({ length: 150 }, (_, t) => 20 + 0.8 * t);
    const choice = selectModel(line, {
      horizonDays: 14,
      origins: 3,
      policy: { candidates: () => [seasonalNaive, movingAverage28, holt] },
    });
    expect(choice.model.name).toBe('holt');
    expect(choice.score!.totals.absError).toBeLessThan(1e-6);
  });

  it('a Holt-Winters model on a noisy weekly pattern with a trend', () => {
    const rand = random(11);
    const week = [40, 100, 90, 80, 85, 120, 10];
    const y = Array.from({ length: 200 }, (_, t) => Math.max(0, week[t % 7]! + 0.3 * t + 4 * normal(rand)));
    const choice = selectModel(y, { horizonDays: 28, origins: 3 });
    expect(choice.model.name).toMatch(/^holt-winters/);
  });

  it('a level model on noise around a constant, not seasonal naive', () => {
    const rand = random(5);
    const y = Array.from({ length: 200 }, () => Math.round(Math.max(0, 50 + 8 * normal(rand))));
    const choice = selectModel(y, { horizonDays: 28, origins: 3 });
    expect(['moving-average-28', 'ses', 'holt-damped']).toContain(choice.model.name);
  });

  it('an intermittent model for sparse demand', () => {
    const rand = random(3);
    const y = Array.from({ length: 200 }, () => (rand() < 0.15 ? 1 + Math.floor(rand() * 4) : 0));
    const choice = selectModel(y, { horizonDays: 28, origins: 3 });
    expect([
      'croston',
      'sba',
      'tsb',
      'tsb-tuned',
      'adida-7',
      'imapa-7',
      'moving-average-28',
      'ses',
    ]).toContain(choice.model.name);
    expect(choice.scores.map((s) => s.model.name)).toContain('tsb');
    expect(choice.scores.map((s) => s.model.name)).not.toContain('holt-winters-additive');
  });

  it('seasonal naive when the history is too short to backtest', () => {
    expect(selectModel([1, 2, 3], { horizonDays: 14, origins: 3 }).model).toBe(seasonalNaive);
  });
});

describe('nested evaluation', () => {
  it('scores every model and the automatic choice at each origin, honestly', () => {
    const week = [5, 10, 10, 10, 10, 20, 0];
    const y = Array.from({ length: 240 }, (_, t) => week[t % 7]!);
    const evaluation = evaluateSeries(y, {
      horizonDays: 28,
      origins: 2,
      selectionOrigins: 3,
      models: [seasonalNaive, ses],
    });
    expect(evaluation.choices).toHaveLength(2);
    const summary = accumulate(emptySummary(), evaluation, seasonalNaive.name);
    expect(summary.models[seasonalNaive.name]!.totals.absError).toBeCloseTo(0, 9);
    expect(summary.models[AUTO_SINGLE]!.totals.absError).toBeLessThan(1e-6);
    expect(summary.models[AUTO]!.totals.days).toBe(56);
    expect(summary.models[ses.name]!.versusBaseline.worse).toBe(2);
    expect(summary.series).toBe(1);
  });
});

describe('prediction intervals', () => {
  it('normal approximation from residuals: z sigma sqrt(h)', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 5);
    const iv = predictionIntervals([10, 10, 10, 10], { residuals: [1, -1, 1, -1] }, 0.8);
    expect(iv[3]!.upper).toBeCloseTo(10 + 1.2815516 * 2, 5);
    expect(iv[3]!.lower).toBeCloseTo(10 - 1.2815516 * 2, 5);
  });
  it('empirical quantiles of backtest errors scaled by sqrt(h), cut at 0', () => {
    const errors = Array.from({ length: 101 }, (_, i) => ({ step: 1, error: i - 50 }));
    const iv = predictionIntervals([100, 100, 100, 100], { backtestErrors: errors, residuals: [] }, 0.8);
    // The 10% and 90% quantiles (-40, +40), moved out by split conformal's finite-sample
    // correction: 0.1 - 0.9 / 101 and 0.9 + 0.9 / 101 of the 101 errors.
    const out = 100 * (0.9 / 101);
    expect(iv[0]!.lower).toBeCloseTo(60 - out, 9);
    expect(iv[0]!.upper).toBeCloseTo(140 + out, 9);
    expect(iv[3]!.upper).toBeCloseTo(100 + (40 + out) * 2, 9);
    expect(predictionIntervals([1], { backtestErrors: errors, residuals: [] })[0]!.lower).toBe(0);
  });
});

describe('event days', () => {
  // Every day 10 units; Black Friday last year sold 30: a threefold uplift.
  const start = '2010-11-01';
  const history = Array.from({ length: 380 }, () => 10); // to 2011-11-15;
  const blackFriday = ['2010-11-26', '2011-11-25'];
  history[25] = 30;

  it('learns the uplift from past occurrences against the same weekday of the four weeks before', () => {
    expect(learnEventUplifts(start, history, [{ name: 'black-friday', dates: blackFriday }])).toEqual([
      { name: 'black-friday', uplift: 3, occurrences: 1 },
    ]);
  });

  it('multiplies the baseline forecast on the next occurrence; an unseen event adds nothing', () => {
    const series = { start, units: history };
    const events = [
      { name: 'black-friday', dates: blackFriday },
      { name: 'launch', dates: ['2011-12-07'] },
    ];
    const f = forecastDemand(series, { horizonDays: 28, events });
    const friday = f.days.find((d) => d.date === '2011-11-25')!;
    expect(friday.forecast).toBeCloseTo(30, 6);
    expect(friday.events).toEqual(['black-friday']);
    const launch = f.days.find((d) => d.date === '2011-12-07')!;
    expect(launch.forecast).toBeCloseTo(10, 6);
    expect(f.events[1]).toEqual({ name: 'launch', uplift: 1, occurrences: 0 });
    // The spike was held out of fitting: the other days are the plain 10.
    expect(f.days.filter((d) => d.events.length === 0).every((d) => Math.abs(d.forecast - 10) < 1e-6)).toBe(
      true,
    );
  });
});

describe('the forecaster', () => {
  it('uses a yearly profile from two years of history, not before', () => {
    const rand = random(17);
    const n = 3 * 364 + 20;
    const truth = (t: number) => 100 * (1 + 0.6 * Math.sin((2 * Math.PI * t) / 364));
    const y = Array.from({ length: n }, (_, t) => Math.max(0, truth(t) + 3 * normal(rand)));
    const f = forecastDemand({ start: '2008-01-07', units: y }, { horizonDays: 28 });
    expect(f.yearlySeasonality).toBe(true);
    const err = f.days.reduce((s, d, k) => s + Math.abs(d.forecast - truth(n + k)), 0);
    const total = f.days.reduce((s, _d, k) => s + truth(n + k), 0);
    expect(err / total).toBeLessThan(0.1);
    const short = forecastDemand({ start: '2008-01-07', units: y.slice(0, 600) }, { horizonDays: 28 });
    expect(short.yearlySeasonality).toBe(false);
  });

  it('returns dated days, the mean of the best three backtest models, and zeros without demand', () => {
    const series = buildDailySeries({
      start: '2011-01-03',
      end: '2011-03-27',
      sales: Array.from({ length: 84 }, (_, t) => ({
        date: `2011-${t < 28 ? '01' : t < 56 ? '02' : '03'}-01`,
        units: 0,
      })),
    });
    expect(series.units).toHaveLength(84);
    const none = forecastDemand(series, { horizonDays: 7 });
    expect(none.days.every((d) => d.forecast === 0 && d.upper === 0)).toBe(true);
    expect(none.days[0]!.date).toBe('2011-03-28');
    expect(dayOfWeek('2011-03-28')).toBe(1);

    const week = [5, 10, 10, 10, 10, 20, 0];
    const f = forecastDemand(
      { start: '2011-01-02', units: Array.from({ length: 120 }, (_, t) => week[t % 7]!) },
      { horizonDays: 14 },
    );
    expect(f.model).toBe(
      f.backtest
        .slice(0, 3)
        .map((b) => b.model)
        .join(' + '),
    );
    expect(forecastDemand({ start: '2011-01-02', units: [1, 2] }, { horizonDays: 3, combine: 1 }).model).toBe(
      'seasonal-naive',
    );
    expect(f.days.map((d) => Math.round(d.forecast * 1e6) / 1e6)).toEqual(
      Array.from({ length: 14 }, (_, k) => week[(120 + k) % 7]!),
    );
  });

  it('marks out-of-stock days as not observed when building a series', () => {
    const s = buildDailySeries({
      start: '2011-01-01',
      end: '2011-01-04',
      sales: [
        { date: '2011-01-01', units: 2 },
        { date: '2011-01-01', units: 3 },
        { date: '2011-01-03', units: 1 },
      ],
      unobserved: ['2011-01-03'],
    });
    expect(s.units).toEqual([5, 0, null, 0]);
  });

  it('every registered model has a distinct name', () => {
    expect(new Set(ALL_MODELS.map((m) => m.name)).size).toBe(ALL_MODELS.length);
  });
});
