import { describe, expect, it } from 'vitest';
import {
  adida,
  defaultCandidatePolicy,
  forecastDemand,
  heldOutCoverage,
  horizonExponent,
  imapa,
  imapa7,
  predictionIntervals,
  tsbTuned,
  tunedTsb,
  zeroShare,
  type Demand,
  type StepError,
} from '../../src/domain/forecast/index.ts';

/** A seeded uniform generator (Park-Miller), so the series are the same every run. */
function random(seed: number) {
  let s = seed;
  return () => (s = (s * 16807) % 2147483647) / 2147483647;
}

/** Days with an order of 1..size units with probability p, else 0. */
function intermittent(seed: number, days: number, p: number, size: number): number[] {
  const rand = random(seed);
  return Array.from({ length: days }, () => (rand() < p ? 1 + Math.floor(rand() * size) : 0));
}

describe('IMAPA', () => {
  it('is the mean of ADIDA over the levels 1..K (no season: every day weighs the same)', () => {
    const history = intermittent(3, 200, 0.3, 9);
    const h = 10;
    const combined = imapa(5).fit(history, { period: null })!.forecast(h);
    const levels = [1, 2, 3, 4, 5].map((k) => adida(k).fit(history, { period: null })!.forecast(h));
    combined.forEach((f, i) => {
      const mean = levels.reduce((s, l) => s + l[i]!, 0) / levels.length;
      expect(f).toBeCloseTo(mean, 12);
    });
  });

  it('forecasts a constant as that constant, and spreads by the weekday pattern', () => {
    const constant = imapa7.fit(new Array<Demand>(70).fill(4), { period: 7 })!;
    expect(constant.forecast(7)).toEqual(new Array(7).fill(4));
    // Nothing on the 7th day of each week, 6 on the others: the week holds 36 units.
    const weekly = Array.from({ length: 70 }, (_, t) => (t % 7 === 6 ? 0 : 6));
    const f = imapa7.fit(weekly, { period: 7 })!.forecast(7);
    expect(f[6]).toBe(0);
    // Blocks of 1..6 days mix the weekdays, so the week is about, not exactly, 36.
    const week = f.reduce((a, b) => a + b, 0);
    expect(week).toBeGreaterThan(33);
    expect(week).toBeLessThan(39);
  });

  it('leaves out levels without two blocks, and does not fit a history without demand', () => {
    expect(imapa7.fit(new Array<Demand>(30).fill(0), { period: null })).toBeNull();
    // Three days: level 1 has three blocks, levels 2 and 3 one each.
    const short = imapa(3).fit([2, 0, 4], { period: null })!;
    expect(short.params.levels).toBe(1);
  });

  it('skips days not observed instead of reading them as zero', () => {
    const holes = Array.from({ length: 56 }, (_, t): Demand => (t % 5 === 0 ? null : 2));
    expect(imapa7.fit(holes, { period: null })!.forecast(1)[0]).toBeCloseTo(2, 9);
  });
});

describe('tuned TSB', () => {
  it('starts from the history means and stays there on steady intermittent demand', () => {
    const history = intermittent(5, 400, 0.25, 8); // mean per day 0.25 * 4.5 = 1.125
    const fit = tsbTuned.fit(history, { period: null })!;
    const observedMean = history.reduce((a, b) => a + b, 0) / history.length;
    expect(fit.forecast(1)[0]).toBeGreaterThan(0.6 * observedMean);
    expect(fit.forecast(1)[0]).toBeLessThan(1.5 * observedMean);
    expect(fit.residuals).toHaveLength(history.length);
    expect([0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5]).toContain(fit.params.alpha);
  });

  it('decays once a SKU stops selling', () => {
    const selling = intermittent(9, 200, 0.5, 6);
    const stopped = [...selling, ...new Array<number>(60).fill(0)];
    const f = tsbTuned.fit(stopped, { period: null })!.forecast(1)[0]!;
    const before = tsbTuned.fit(selling, { period: null })!.forecast(1)[0]!;
    expect(f).toBeLessThan(0.7 * before);
  });

  it('does not fit a history without demand; the MSE variant is a different model', () => {
    expect(tsbTuned.fit([0, 0, null, 0], { period: null })).toBeNull();
    expect(tunedTsb('msr').name).toBe('tsb-tuned-msr');
    expect(tsbTuned.name).toBe('tsb-tuned');
  });

  it('competes with IMAPA for intermittent and lumpy demand only', () => {
    const names = (c: Parameters<typeof defaultCandidatePolicy.candidates>[0]['demandClass']) =>
      defaultCandidatePolicy.candidates({ demandClass: c, adi: 2, cv2: 1 }, 7).map((m) => m.name);
    for (const c of ['intermittent', 'lumpy'] as const)
      expect(names(c)).toEqual(expect.arrayContaining(['tsb-tuned', 'imapa-7']));
    for (const c of ['smooth', 'erratic'] as const) expect(names(c)).not.toContain('tsb-tuned');
  });
});

describe('held-out coverage of the calibrated intervals', () => {
  const errorsOf = (seed: number, origins: number, steps: number): StepError[] => {
    const rand = random(seed);
    const out: StepError[] = [];
    for (let o = 0; o < origins; o++)
      for (let s = 1; s <= steps; s++)
        out.push({ step: s, origin: o, error: (rand() - 0.5) * 10 * Math.sqrt(s) });
    return out;
  };

  it('is near the level when the errors of every origin come from one distribution', () => {
    const errors = errorsOf(17, 6, 60);
    for (const level of [0.8, 0.95]) {
      const c = heldOutCoverage(errors, level);
      expect(c.days).toBe(360);
      expect(c.coverage!).toBeGreaterThan(level - 0.07);
      expect(c.coverage!).toBeLessThanOrEqual(1);
    }
  });

  it('counts an outcome against its interval as served, which always holds the forecast', () => {
    // Origin 0 missed by +1..+25 (all above the forecast 2); origin 1 hit the forecast exactly.
    const above = Array.from({ length: 25 }, (_, k): StepError => ({
      step: 1,
      origin: 0,
      error: k + 1,
      forecast: 2,
    }));
    const exact = Array.from({ length: 25 }, (): StepError => ({
      step: 1,
      origin: 1,
      error: 0,
      forecast: 2,
    }));
    // From origin 0 alone both error bounds are positive, but the served interval holds the
    // forecast: [2, ...], so origin 1's outcomes 2 are in it; from origin 1 alone it is [2, 2],
    // which none of origin 0's outcomes (3..27) is in.
    expect(heldOutCoverage([...above, ...exact], 0.8)).toEqual({ level: 0.8, coverage: 0.5, days: 50 });
    // Without the forecasts only the error bounds can be checked: 0 is below both.
    const bare = [...above, ...exact].map(({ step, origin, error }) => ({ step, origin, error }));
    expect(heldOutCoverage(bare, 0.8).coverage).toBe(0);
  });

  it('is null with a single origin', () => {
    expect(heldOutCoverage(errorsOf(2, 1, 40), 0.8)).toEqual({ level: 0.8, coverage: null, days: 0 });
  });
});

describe('the forecast answers several interval levels', () => {
  const rand = random(23);
  const units: Demand[] = Array.from({ length: 200 }, (_, t) =>
    Math.round((t % 7 === 6 ? 2 : 10) * (0.5 + rand())),
  );
  const f = forecastDemand({ start: '2024-01-01', units }, { horizonDays: 14, level: 0.9 });

  it('bands at the requested level, 80% and 95%, nested, the requested one equal to lower/upper', () => {
    for (const d of f.days) {
      expect(d.bands.map((b) => b.level)).toEqual([0.8, 0.9, 0.95]);
      const [b80, b90, b95] = d.bands;
      expect(b90).toEqual({ level: 0.9, lower: d.lower, upper: d.upper });
      expect(b95!.lower).toBeLessThanOrEqual(b90!.lower + 1e-9);
      expect(b90!.lower).toBeLessThanOrEqual(b80!.lower + 1e-9);
      expect(b80!.lower).toBeLessThanOrEqual(d.forecast + 1e-9);
      expect(b80!.upper).toBeGreaterThanOrEqual(d.forecast - 1e-9);
      expect(b90!.upper).toBeGreaterThanOrEqual(b80!.upper - 1e-9);
      expect(b95!.upper).toBeGreaterThanOrEqual(b90!.upper - 1e-9);
    }
    expect(f.periods[0]!.bands).toEqual(f.days[0]!.bands);
  });

  it('says how the intervals were made and their held-out coverage per level', () => {
    expect(f.intervals.method).toBe('conformal');
    expect(f.intervals.heldOut.map((c) => c.level)).toEqual([0.8, 0.9, 0.95]);
    for (const c of f.intervals.heldOut) {
      expect(c.days).toBe(3 * 14);
      expect(c.coverage).toBeGreaterThanOrEqual(0);
      expect(c.coverage).toBeLessThanOrEqual(1);
    }
  });

  it('a band at another level is what predictionIntervals gives at that level', () => {
    const g = forecastDemand({ start: '2024-01-01', units }, { horizonDays: 14, level: 0.95 });
    f.days.forEach((d, i) => {
      expect(d.bands[2]!.lower).toBeCloseTo(g.days[i]!.lower, 9);
      expect(d.bands[2]!.upper).toBeCloseTo(g.days[i]!.upper, 9);
    });
    expect(predictionIntervals([1], { residuals: [] }, 0.95)).toEqual([{ lower: 1, upper: 1 }]);
  });
});

describe('intervals for intermittent demand and for errors that do not grow with the step', () => {
  const stepErrors = (seed: number, grow: (step: number) => number): StepError[] => {
    const rand = random(seed);
    const out: StepError[] = [];
    for (let o = 0; o < 3; o++)
      for (let s = 1; s <= 28; s++) out.push({ step: s, origin: o, error: (rand() - 0.5) * 10 * grow(s) });
    return out;
  };

  it.each([
    ['a random walk: 0.5', (s: number) => Math.sqrt(s), 0.4, 0.5],
    ['no growth: 0', () => 1, 0, 0.1],
    ['growing faster than a random walk: held at 0.5', (s: number) => s, 0.5, 0.5],
  ])('the growth exponent of %s', (_, grow, min, max) => {
    const b = horizonExponent(stepErrors(5, grow));
    expect(b).toBeGreaterThanOrEqual(min);
    expect(b).toBeLessThanOrEqual(max);
  });

  it('takes the random walk when the growth cannot be told', () => {
    expect(horizonExponent([{ step: 1, error: 3 }])).toBe(0.5);
    expect(
      horizonExponent([
        { step: 1, error: 0 },
        { step: 2, error: 3 },
      ]),
    ).toBe(0.5);
  });

  it('constant-width intervals where the errors do not grow with the step', () => {
    const errors = stepErrors(9, () => 1);
    const iv = predictionIntervals(new Array<number>(28).fill(100), {
      backtestErrors: errors,
      residuals: [],
    });
    const width = (i: number) => iv[i]!.upper - iv[i]!.lower;
    expect(width(27) / width(0)).toBeLessThan(28 ** 0.1);
  });

  // Forecast 1 a day; 70% of the days sold nothing, 30% an order of 5.
  const lumpy = Array.from({ length: 3 * 28 }, (_, k): StepError => {
    const actual = k % 10 < 7 ? 0 : 5;
    return { step: (k % 28) + 1, origin: Math.floor(k / 28), error: actual - 1, forecast: 1 };
  });

  it('counts the outcomes that were 0', () => {
    expect(zeroShare(lumpy)).toBeCloseTo(0.7, 1);
    expect(zeroShare(lumpy.map(({ step, error }) => ({ step, error })))).toBe(0);
  });

  it('starts at 0 when at least the lower tail of the outcomes were 0, and leaves every miss to the upper tail', () => {
    // Forecast 3 now: a lower bound of 3 + the errors' low quantile (-1) would be 2, and miss
    // the 70% of days without an order.
    for (const level of [0.5, 0.8, 0.95]) {
      const [iv] = predictionIntervals([3], { backtestErrors: lumpy, residuals: [] }, level);
      expect(iv!.lower).toBe(0);
    }
    // [0, the 80% quantile]: the orders of 5 are the top 30%, so the 80% interval reaches them;
    // the 50% one holds the days without an order and the forecast.
    expect(predictionIntervals([1], { backtestErrors: lumpy, residuals: [] }, 0.8)[0]!.upper).toBeCloseTo(
      5,
      9,
    );
    expect(predictionIntervals([1], { backtestErrors: lumpy, residuals: [] }, 0.5)[0]).toEqual({
      lower: 0,
      upper: 1,
    });
  });
});
