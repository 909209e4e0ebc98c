import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ALL_MODELS, fitAndForecast, forecastDemand, type Demand } from '../../src/domain/forecast/index.ts';

/** Daily demand: mostly small counts, some spikes, some days not observed. */
const demand = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 5000 }) },
  { weight: 1, arbitrary: fc.constant(null) },
) as fc.Arbitrary<Demand>;
const history = fc.array(demand, { minLength: 0, maxLength: 150 });

describe('forecast properties', () => {
  it('every model: forecasts finite and non-negative', () => {
    fc.assert(
      fc.property(history, fc.integer({ min: 1, max: 35 }), (units, h) => {
        for (const model of ALL_MODELS) {
          const r = fitAndForecast(model, units, h);
          if (!r) continue;
          expect(r.forecast).toHaveLength(h);
          for (const v of r.forecast) expect(Number.isFinite(v) && v >= 0).toBe(true);
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('the forecaster: finite, non-negative, 0 <= lower <= forecast <= upper, lower <= median <= upper at every band', () => {
    fc.assert(
      fc.property(
        history,
        fc.integer({ min: 1, max: 28 }),
        fc.double({ min: 0.5, max: 0.98, noNaN: true }),
        (units, h, level) => {
          const f = forecastDemand({ start: '2011-01-01', units }, { horizonDays: h, level });
          expect(f.days).toHaveLength(h);
          for (const d of f.days) {
            expect(Number.isFinite(d.forecast) && Number.isFinite(d.lower) && Number.isFinite(d.upper)).toBe(
              true,
            );
            expect(d.lower).toBeGreaterThanOrEqual(0);
            expect(d.lower).toBeLessThanOrEqual(d.forecast);
            expect(d.forecast).toBeLessThanOrEqual(d.upper);
            expect(Number.isFinite(d.median)).toBe(true);
            for (const b of d.bands) {
              expect(d.median).toBeGreaterThanOrEqual(b.lower - 1e-9);
              expect(d.median).toBeLessThanOrEqual(b.upper + 1e-9);
            }
          }
        },
      ),
      { numRuns: 60, seed: 7 },
    );
  });
});
