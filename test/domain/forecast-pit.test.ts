import { describe, expect, it } from 'vitest';
import { addPit, zeroInflatedBelow, zeroInflatedCdf } from '../../src/domain/forecast/index.ts';

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
