import { describe, expect, it } from 'vitest';
import {
  addPit,
  pitCoverage,
  pitMassInside,
  zeroInflatedBelow,
  zeroInflatedCdf,
  zeroInflatedInterval,
  type ZeroInflated,
} from '../../src/domain/forecast/index.ts';

const bins = () => new Array<number>(10).fill(0);

describe('the PIT histogram of count forecasts', () => {
  it('spreads an outcome uniformly between P(Y < y) and P(Y <= y)', () => {
    // P(Y < y) = 0.6, P(Y <= y) = 0.8: half in [0.6, 0.7), half in [0.7, 0.8).
    const b = addPit(bins(), 0.6, 0.8);
    b.forEach((v, j) => expect(v).toBeCloseTo(j === 6 || j === 7 ? 0.5 : 0, 9));
  });

  it('a zero outcome under P(0) = 0.25 spreads over [0, 0.25): 0.4, 0.4 and 0.2', () => {
    const b = addPit(bins(), 0, 0.25);
    expect(b.slice(0, 3).map((v) => Number(v.toFixed(9)))).toEqual([0.4, 0.4, 0.2]);
    expect(b.slice(3).every((v) => Math.abs(v) < 1e-9)).toBe(true);
  });

  it('a point PIT lands in the bin [j / 10, (j + 1) / 10) that holds it, 1 in the last', () => {
    expect(addPit(bins(), 0.3, 0.3)[3]).toBe(1);
    expect(addPit(bins(), 1, 1)[9]).toBe(1);
    expect(addPit(bins(), 0, 0)[0]).toBe(1);
  });

  it('rejects probabilities out of order', () => {
    expect(() => addPit(bins(), 0.8, 0.6)).toThrow(RangeError);
  });

  it('the zero-inflated probabilities below and at an outcome', () => {
    const d = { zeroProbability: 0.6, sizes: [1, 2, 2, 5] };
    // y = 2: P(Y < 2) = 0.6 + 0.4 x 1/4 = 0.7, P(Y <= 2) = 0.6 + 0.4 x 3/4 = 0.9.
    expect(zeroInflatedBelow(d, 2)).toBeCloseTo(0.7, 12);
    expect(zeroInflatedCdf(d, 2)).toBeCloseTo(0.9, 12);
    expect(zeroInflatedBelow(d, 0)).toBe(0);
    // Between sizes both are equal: a point PIT.
    expect(zeroInflatedBelow(d, 3)).toBeCloseTo(zeroInflatedCdf(d, 3), 12);
  });
});

/** Each outcome's P(Y < y) and P(Y <= y) under the zero-inflated forecast `d`. */
const outcomesUnder = (d: ZeroInflated, ys: readonly number[]) =>
  ys.map((y) => ({ below: zeroInflatedBelow(d, y), atMost: zeroInflatedCdf(d, y) }));

/** Share of `ys` inside the forecast's central interval at `level`, counted in whole counts. */
const countedCoverage = (d: ZeroInflated, ys: readonly number[], level: number) => {
  const { lower, upper } = zeroInflatedInterval(d, level);
  return ys.filter((y) => y >= lower && y <= upper).length / ys.length;
};

describe('the PIT coverage of count forecasts', () => {
  // P(0) = 0.6, P(1) = 0.1, P(2) = 0.2, P(5) = 0.1.
  const d: ZeroInflated = { zeroProbability: 0.6, sizes: [1, 2, 2, 5] };
  // Outcomes in exactly the forecast's proportions: the forecast is calibrated.
  const calibrated = [0, 0, 0, 0, 0, 0, 1, 2, 2, 5];

  it('is the level for a calibrated zero-inflated forecast, where counted coverage is higher', () => {
    for (const level of [0.5, 0.8, 0.95]) {
      expect(pitCoverage(outcomesUnder(d, calibrated), level)).toBeCloseTo(level, 9);
      // The 80% interval [q10, q90] is [0, 2]: it holds P(Y <= 2) = 90% of outcomes.
      expect(countedCoverage(d, calibrated, level)).toBeGreaterThan(level);
    }
    expect(countedCoverage(d, calibrated, 0.8)).toBeCloseTo(0.9, 12);
  });

  it('is the level for a calibrated Poisson forecast with outcomes in its proportions', () => {
    const mean = 0.7;
    const pmf = (k: number): number => (k === 0 ? Math.exp(-mean) : (pmf(k - 1) * mean) / k);
    const outcomes: { below: number; atMost: number }[] = [];
    let below = 0;
    // 100000 outcomes, each count as often as its probability says (rounded).
    for (let k = 0; k <= 12; k++) {
      const atMost = below + pmf(k);
      for (let i = 0; i < Math.round(100000 * pmf(k)); i++)
        outcomes.push({ below, atMost: Math.min(1, atMost) });
      below = atMost;
    }
    for (const level of [0.5, 0.8, 0.95]) expect(pitCoverage(outcomes, level)).toBeCloseTo(level, 3);
    // P(Y = 0) = 0.50: the 80% interval of counts is [0, 2], holding P(Y <= 2) = 96.6%.
    const inside = outcomes.filter((o) => o.atMost <= pmf(0) + pmf(1) + pmf(2) + 1e-12).length;
    expect(inside / outcomes.length).toBeGreaterThan(0.95);
  });

  it('is below the level for an overconfident forecast', () => {
    // Forecast: 0 or 1, half each; outcomes: 0 or 5, half each (the forecast is too narrow).
    const narrow: ZeroInflated = { zeroProbability: 0.5, sizes: [1] };
    const ys = [0, 5];
    // 0 spreads over [0, 0.5], 0.8 of it inside [0.1, 0.9]; 5 is a point PIT at 1, outside.
    expect(pitCoverage(outcomesUnder(narrow, ys), 0.8)).toBeCloseTo(0.4, 12);
    for (const level of [0.5, 0.8, 0.95])
      expect(pitCoverage(outcomesUnder(narrow, ys), level)!).toBeLessThan(level);
  });

  it('one outcome: the share of its PIT range inside the central interval', () => {
    // [0.6, 0.8] against [0.25, 0.75]: 0.15 of 0.2 inside.
    expect(pitMassInside(0.6, 0.8, 0.5)).toBeCloseTo(0.75, 12);
    expect(pitMassInside(0, 1, 0.8)).toBeCloseTo(0.8, 12);
  });

  it('edge cases: no outcomes, point PITs, level 0 and 1, probabilities out of order', () => {
    expect(pitCoverage([], 0.8)).toBeNull();
    expect(pitMassInside(0.5, 0.5, 0.8)).toBe(1);
    expect(pitMassInside(0.95, 0.95, 0.8)).toBe(0);
    // The bounds are inside (closed interval), 1 is outside any level below 1.
    expect(pitMassInside(0.1, 0.1, 0.8)).toBe(1);
    expect(pitMassInside(1, 1, 0.8)).toBe(0);
    expect(pitMassInside(1, 1, 1)).toBe(1);
    expect(pitMassInside(0.2, 0.6, 0)).toBe(0);
    expect(pitMassInside(0.2, 0.6, 1)).toBe(1);
    expect(() => pitMassInside(0.8, 0.6, 0.5)).toThrow(RangeError);
    expect(() => pitMassInside(0.2, 0.6, 1.5)).toThrow(RangeError);
  });
});
