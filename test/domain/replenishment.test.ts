import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalQuantile, quantile } from '../../src/domain/forecast/intervals.ts';
import {
  BOOTSTRAP_DRAWS,
  DORMANT_UNITS,
  EMPTY_SUPPLY,
  MAX_CALIBRATED_LEVEL,
  MIN_CALIBRATION_ORIGINS,
  SAFETY_STOCK_CAP,
  calibratedLevel,
  coveringLevel,
  demandOver,
  safetyStock,
  summedErrors,
  inventoryPosition,
  resolvePolicy,
  roundOrder,
  suggestReplenishment,
  type ReplenishmentPolicy,
  type SupplyState,
} from '../../src/domain/replenishment.ts';

const policy = (over: Partial<ReplenishmentPolicy> = {}): ReplenishmentPolicy => ({
  supplier: 'ACME',
  leadTimeDays: 10,
  serviceLevel: 0.95,
  reviewPeriodDays: 5,
  minOrder: 0,
  packSize: 1,
  ...over,
});
const EMPTY: SupplyState = EMPTY_SUPPLY;
const flat = (perDay: number, days = 60) => new Array<number>(days).fill(perDay);

describe('replenishment maths', () => {
  it.each([
    // [daily forecast, days, expected]
    [flat(2), 10, 20],
    [flat(2), 2.5, 5],
    [[1, 2, 3], 5, 1 + 2 + 3 + 3 + 3], // past the forecast, its last day repeats
    [flat(4), 0, 0],
  ])('demand over a period: %j for %d days is %d', (daily, days, expected) => {
    expect(demandOver(daily, days)).toBeCloseTo(expected, 9);
  });

  it('counts usable stock and everything on the way, less what is promised', () => {
    expect(
      inventoryPosition({
        onHand: 100,
        reserved: 30,
        unsellable: 5,
        transferReserved: 10,
        inboundTransfers: 7,
        incoming: 40,
        backorders: 0,
      }),
    ).toBe(100 - 30 - 5 - 10 + 7 + 40);
  });

  it.each([
    // [qty, minOrder, packSize, expected]
    [0, 0, 1, 0],
    [-3, 10, 1, 0],
    [7.2, 0, 1, 8],
    [7, 0, 6, 12],
    [12, 0, 6, 12],
    [3, 10, 1, 10],
    [3, 10, 6, 12],
    [25, 10, 6, 30],
  ])('rounds %d with minimum %d and pack %d to %d', (qty, minOrder, packSize, expected) => {
    expect(roundOrder(qty, { minOrder, packSize })).toBe(expected);
  });

  it('takes the most specific set figure, then the defaults', () => {
    expect(
      resolvePolicy(
        'S',
        { leadTimeDays: 3, packSize: null },
        { leadTimeDays: 9, packSize: 12, serviceLevel: 0.9 },
      ),
    ).toEqual({
      supplier: 'S',
      leadTimeDays: 3,
      serviceLevel: 0.9,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 12,
    });
  });

  it('sets safety stock from the forecast error over lead time plus review period', () => {
    const s = suggestReplenishment(policy(), EMPTY, { daily: flat(2), dailyErrorSd: 3 });
    const ss = normalQuantile(0.95) * 3 * Math.sqrt(15);
    expect(s.leadTimeDemand).toBe(20);
    expect(s.safetyStock).toBeCloseTo(ss, 1);
    // 20 + ss = 39.1 is past the 30 units the whole interval needs: a position covering that is not due.
    expect(s.reorderPoint).toBe(30);
    expect(s.orderUpTo).toBeCloseTo(30 + ss, 1);
    expect(s.needed).toBe(true);
    expect(s.suggestedQty).toBe(Math.ceil(30 + ss));
    expect(s.reorderInDays).toBe(0);
  });

  it('a service level of one half needs no safety stock; a perfect forecast neither', () => {
    expect(
      suggestReplenishment(policy({ serviceLevel: 0.5 }), EMPTY, { daily: flat(2), dailyErrorSd: 3 })
        .safetyStock,
    ).toBe(0);
    expect(suggestReplenishment(policy(), EMPTY, { daily: flat(2), dailyErrorSd: 0 }).safetyStock).toBe(0);
  });

  it.each([
    // [what the position has, needed, suggested qty]: demand 2/day, L 10, R 5, no error:
    // reorder point 20, order-up-to 30
    [{ onHand: 50 }, false, 0],
    [{ onHand: 21 }, false, 0],
    [{ onHand: 20 }, true, 10],
    [{ onHand: 20, incoming: 15 }, false, 0],
    [{ onHand: 10, inboundTransfers: 5 }, true, 15],
    [{ onHand: 30, reserved: 12 }, true, 12],
    [{ onHand: 30, unsellable: 10, transferReserved: 5 }, true, 15],
    // Backorders are reserved units with nothing behind them: they are owed on top.
    [{ onHand: 0, reserved: 6, backorders: 6 }, true, 36],
  ] as [Partial<SupplyState>, boolean, number][])('with %j: needed %s, order %d', (state, needed, qty) => {
    const s = suggestReplenishment(policy(), { ...EMPTY, ...state }, { daily: flat(2), dailyErrorSd: 0 });
    expect([s.needed, s.suggestedQty]).toEqual([needed, qty]);
  });

  it('orders whole packs, at least the minimum', () => {
    const s = suggestReplenishment(
      policy({ packSize: 12, minOrder: 24 }),
      { ...EMPTY, onHand: 19 },
      {
        daily: flat(2),
        dailyErrorSd: 0,
      },
    );
    expect(s.suggestedQty).toBe(24);
  });

  it('never asks for stock nobody wants, but covers what is owed', () => {
    expect(suggestReplenishment(policy(), EMPTY, { daily: flat(0), dailyErrorSd: 0 })).toMatchObject({
      needed: false,
      suggestedQty: 0,
      daysOfCover: null,
      reorderInDays: null,
    });
    expect(
      suggestReplenishment(
        policy({ packSize: 5 }),
        { ...EMPTY, reserved: 3, backorders: 3 },
        { daily: flat(0), dailyErrorSd: 0 },
      ),
    ).toMatchObject({ needed: true, suggestedQty: 5 });
  });

  it('tells how long stock lasts and when to reorder', () => {
    const s = suggestReplenishment(policy(), { ...EMPTY, onHand: 40 }, { daily: flat(2), dailyErrorSd: 0 });
    expect(s).toMatchObject({ needed: false, daysOfCover: 20, reorderInDays: 10 });
  });

  it('continuous review (R = 0) with zero lead time orders only what is owed', () => {
    const s = suggestReplenishment(
      policy({ leadTimeDays: 0, reviewPeriodDays: 0 }),
      { ...EMPTY, onHand: 0 },
      {
        daily: flat(2),
        dailyErrorSd: 5,
      },
    );
    expect(s).toMatchObject({
      reorderPoint: 0,
      orderUpTo: 0,
      safetyStock: 0,
      needed: false,
      suggestedQty: 0,
    });
  });

  it('bounds safety stock by the demand it protects, and never says "order now" past L + R of cover', () => {
    // 22539 at NYC on the demo: 0.017 a day, L 28 + R 7, wild backtest errors -> 56 units of
    // safety stock, 3,287 days of cover, "order now". The demand over 35 days is 0.6 units.
    const wild = Array.from({ length: 60 }, (_, i) => (i % 6 === 0 ? 12 : -0.5)).sort((a, b) => a - b);
    const slow = suggestReplenishment(
      policy({ leadTimeDays: 28, reviewPeriodDays: 7 }),
      { ...EMPTY, onHand: 55 },
      { daily: flat(0.017), dailyErrorSd: 5, dailyErrors: wild },
    );
    expect(safetyStock(35, 0.95, { daily: [], dailyErrorSd: 5, dailyErrors: wild })).toBeGreaterThan(50);
    // At most SAFETY_STOCK_CAP (3) times the demand over L + R; the reorder point at most that demand.
    expect(SAFETY_STOCK_CAP).toBe(3);
    expect(slow.safetyStock).toBeCloseTo(3 * 0.017 * 35, 1);
    expect(slow.reorderPoint).toBeCloseTo(0.017 * 35, 2);
    expect(slow.orderUpTo).toBeCloseTo(4 * 0.017 * 35, 1);
    expect(slow).toMatchObject({ coverWindowDays: 35, dailyDemand: 0.017, needed: false, suggestedQty: 0 });
    expect(slow.daysOfCover).toBeCloseTo(55 / 0.017, 1);
    expect(slow.reorderInDays).toBeNull();
    // Any position: order now only when the cover is at most L + R (or units are owed).
    for (const onHand of [0, 10, 20, 29, 30, 31, 45, 60]) {
      const s = suggestReplenishment(policy(), { ...EMPTY, onHand }, { daily: flat(2), dailyErrorSd: 9 });
      expect(s.needed, `onHand ${onHand}`).toBe(s.daysOfCover! <= s.coverWindowDays);
      // The row's figures rebuild its cover.
      expect(s.daysOfCover).toBeCloseTo(s.inventoryPosition / s.dailyDemand, 2);
    }
  });

  it('takes safety stock from the backtest errors summed over the interval: their bias is in the sum', () => {
    // Three origins' paths of 10 days each (30 errors, at least MIN_EMPIRICAL_ERRORS = 20).
    const paths = (error: number) => Array.from({ length: 3 }, () => new Array<number>(10).fill(error));
    const outlook = (error: number) => ({ daily: [], dailyErrorSd: 0, errorPaths: paths(error) });
    // Always 2 too low: every 16-day sum is 16 x 2 = 32, whatever the draw.
    expect(safetyStock(16, 0.95, outlook(2))).toBeCloseTo(32, 9);
    // Always 3 too high: every sum is 16 x -3 = -48, and safety stock is never negative.
    expect(safetyStock(16, 0.95, outlook(-3))).toBe(0);
    // Under MIN_EMPIRICAL_ERRORS days of paths (2 x 9 = 18), no sums: the sorted daily errors decide.
    expect(summedErrors(16, [new Array<number>(9).fill(2), new Array<number>(9).fill(2)])).toEqual([]);
    expect(summedErrors(16, paths(2))).toHaveLength(BOOTSTRAP_DRAWS);
  });

  it('keeps the level one forecast missed by: a draw stays within one origin', () => {
    // Forecast 1 a day; three origins of one week each (21 errors): an order of 10 in A's week,
    // none in B's, an order of 14 in C's. A block of 7 days from a 7-day path (wrapping past its
    // end) is that whole week in some order, so every 14-day draw is twice one week's sum:
    //   A: 9 - 6 = 3 -> 6;  B: -7 -> -14;  C: 13 - 6 = 7 -> 14;  each origin drawn 1 time in 3.
    const a = [9, -1, -1, -1, -1, -1, -1];
    const b = [-1, -1, -1, -1, -1, -1, -1];
    const c = [13, -1, -1, -1, -1, -1, -1];
    const outlook = { daily: [], dailyErrorSd: 0, errorPaths: [a, b, c] };
    // A third of the draws are C's 14 (about 333 of 1,000; the 95% quantile reads the 950th and
    // 951st): 14. The median falls among A's 6 (draws 334 to 666).
    expect(safetyStock(14, 0.95, outlook)).toBe(14);
    expect(safetyStock(14, 0.5, outlook)).toBe(6);
    // The daily formula treated the two orders as chances of every day: bias 3 / 21 = 1/7, the
    // 95% quantile of the 21 sorted errors (19 x -1, 9, 13) at 20 x 0.95 = 19 is 9, so
    // 14 x 1/7 + (9 - 1/7) x sqrt(14) = 35.1, more than any two weeks of these missed by.
    const sorted = [...a, ...b, ...c].sort((x, y) => x - y);
    expect(safetyStock(14, 0.95, { daily: [], dailyErrorSd: 0, dailyErrors: sorted })).toBeCloseTo(
      2 + (9 - 1 / 7) * Math.sqrt(14),
      9,
    );
  });

  it('protects a slow seller against the order the daily quantile never saw', () => {
    // Forecast 0.2 a day; three origins of 28 days; one order of 10 on C's first day in 84 days.
    // Errors: C = [9.8, 27 x -0.2], A and B = 28 x -0.2.
    const quiet = new Array<number>(28).fill(-0.2);
    const c = [9.8, ...quiet.slice(1)];
    // 14 days are two blocks. A draw from A or B sums 14 x -0.2 = -2.8. From C (1 in 3) each
    // block holds the order with chance 7/28 = 1/4: P(one or two orders) = 1/3 x (1 - (3/4)^2)
    // = 7/48 = 14.6% of draws, above 5%; P(both blocks) = 1/3 x 1/16 = 1/48 = 2.1%, below. The
    // 95% quantile is then one order in the interval: -2.8 + 10 = 7.2.
    expect(safetyStock(14, 0.95, { daily: [], dailyErrorSd: 0, errorPaths: [quiet, quiet, c] })).toBeCloseTo(
      7.2,
      9,
    );
    // The daily formula gave nothing: bias (9.8 - 83 x 0.2) / 84 = -0.081, the 95% quantile
    // of a day (84 errors, at 83 x 0.95 = 78.85) is -0.2, so 14 x -0.081 + (-0.119) x sqrt(14) < 0.
    const sorted = [...quiet, ...quiet, ...c].sort((x, y) => x - y);
    expect(safetyStock(14, 0.95, { daily: [], dailyErrorSd: 0, dailyErrors: sorted })).toBe(0);
  });

  it('safety stock is non-negative, grows with the service level, and is the same every time', () => {
    const path = fc.array(fc.double({ min: -50, max: 200, noNaN: true }), { minLength: 1, maxLength: 35 });
    fc.assert(
      fc.property(
        fc.array(path, { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 1, max: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0, max: 30, noNaN: true }),
        (errorPaths, n, p1, p2, sd) => {
          const [low, high] = p1 <= p2 ? [p1, p2] : [p2, p1];
          const dailyErrors = errorPaths.flat().sort((x, y) => x - y);
          // With paths, with only the sorted errors (stored before the paths), with neither.
          for (const outlook of [
            { daily: [], dailyErrorSd: sd, dailyErrors, errorPaths },
            { daily: [], dailyErrorSd: sd, dailyErrors },
            { daily: [], dailyErrorSd: sd },
          ]) {
            const atLow = safetyStock(n, low, outlook);
            const atHigh = safetyStock(n, high, outlook);
            expect(atLow).toBeGreaterThanOrEqual(0);
            expect(atHigh).toBeGreaterThanOrEqual(atLow);
            expect(safetyStock(n, high, outlook)).toBe(atHigh);
          }
        },
      ),
      { numRuns: 200, seed: 17 },
    );
  });

  it('without error paths (forecasts stored before them), from the sorted daily errors: their quantile, and their bias', () => {
    // Symmetric errors around 0: the quantile alone, grown by sqrt(n).
    const symmetric = Array.from({ length: 100 }, (_, i) => i - 49.5).sort((a, b) => a - b);
    const q95 = 0.95 * 99 - 49.5; // type-7 quantile of -49.5..49.5
    expect(safetyStock(16, 0.95, { daily: [], dailyErrorSd: 0, dailyErrors: symmetric })).toBeCloseTo(
      q95 * 4,
      9,
    );
    // A forecast that was always 3 too high earns no safety stock at all.
    const tooHigh = new Array<number>(30).fill(-3);
    expect(safetyStock(16, 0.95, { daily: [], dailyErrorSd: 0, dailyErrors: tooHigh })).toBe(0);
    // One that was always 2 too low needs the 2 a day it misses, over every day of the interval.
    const tooLow = new Array<number>(30).fill(2);
    expect(safetyStock(16, 0.95, { daily: [], dailyErrorSd: 0, dailyErrors: tooLow })).toBeCloseTo(32, 9);
    // Without backtest errors: the normal approximation from the error's standard deviation.
    expect(safetyStock(9, 0.95, { daily: [], dailyErrorSd: 2 })).toBeCloseTo(normalQuantile(0.95) * 2 * 3, 9);
    expect(safetyStock(0, 0.95, { daily: [], dailyErrorSd: 2 })).toBe(0);
  });

  it('holds no safety stock for a dormant position, however wild its past errors', () => {
    // Forecast 0 (a SKU that stopped selling) whose backtest errors were large: no order.
    const wild = Array.from({ length: 60 }, (_, i) => (i % 10 === 0 ? 40 : -1)).sort((a, b) => a - b);
    const s = suggestReplenishment(
      policy({ leadTimeDays: 28, reviewPeriodDays: 7 }),
      { ...EMPTY, onHand: 10 },
      {
        daily: flat(0.01),
        dailyErrorSd: 27.9,
        dailyErrors: wild,
      },
    );
    expect(0.01 * 35).toBeLessThan(DORMANT_UNITS);
    expect(s).toMatchObject({ safetyStock: 0, reorderPoint: 0, needed: false, suggestedQty: 0 });
    // A slow seller with a short lead time is not dormant: 0.1 a day is 2.8 units in four weeks.
    const slow = suggestReplenishment(policy({ leadTimeDays: 1, reviewPeriodDays: 0 }), EMPTY, {
      daily: flat(0.1),
      dailyErrorSd: 0.5,
    });
    expect(slow.safetyStock).toBeGreaterThan(0);
    expect(slow.needed).toBe(true);
  });
});

describe('safety stock calibrated on the backtest origins (split conformal, leave one origin out)', () => {
  // A path of n days of a constant error: a block bootstrap of such paths draws n x that error.
  const constant = (error: number, days = 7) => new Array<number>(days).fill(error);
  const outlook = (errorPaths: number[][]) => ({ daily: [], dailyErrorSd: 0, errorPaths });

  it('finds the level at which a quantile reaches a value (the inverse of the type-7 quantile)', () => {
    const sorted = [1, 2, 2, 4, 8];
    expect(coveringLevel(sorted, 0)).toBe(0);
    expect(coveringLevel(sorted, 1)).toBe(0);
    expect(coveringLevel(sorted, 3)).toBeCloseTo(2.5 / 4, 12); // halfway from the 3rd (2) to the 4th (4)
    expect(coveringLevel(sorted, 8)).toBe(1);
    expect(coveringLevel(sorted, 8.5)).toBe(Infinity);
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 1, maxLength: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (values, p) => {
          const s = [...values].sort((a, b) => a - b);
          const x = quantile(s, p);
          const level = coveringLevel(s, x);
          // The level found is at most p, and its quantile reaches x.
          expect(level).toBeLessThanOrEqual(p + 1e-9);
          expect(quantile(s, level)).toBeGreaterThanOrEqual(x - 1e-9 * (1 + Math.abs(x)));
        },
      ),
      { numRuns: 300, seed: 5 },
    );
  });

  it('raises the level when the origins’ realized sums exceed the bootstrap’s quantile', () => {
    // Four origins whose forecasts ran 1, 2, 3 and 4 a day too low, 7 days each, n = 7: each
    // origin's one 7-day sum is 7 x its error. Held out, each is ranked in a bootstrap of the
    // other three (about a third of the draws each): 7 lies below all -> 0; 14 above a third of
    // them -> about 1/3; 21 -> about 2/3; 28 above all -> unbounded. At a 42% target, 21 and 28
    // exceed the 42% quantile of the others' draws (14 and 21): two misses in four. The
    // ceil((4 + 1) x 0.42) = 3rd smallest score, about 2/3, is the level: raised.
    const paths = [constant(1), constant(2), constant(3), constant(4)];
    const level = calibratedLevel(7, 0.42, paths);
    expect(level).toBeGreaterThan(0.6);
    expect(level).toBeLessThan(0.72);
    // Exactly the held-out score of the third origin: its sum 21 against the other three's bootstrap.
    expect(level).toBeCloseTo(coveringLevel(summedErrors(7, [paths[0]!, paths[1]!, paths[3]!]), 21), 6);
    // On the full bootstrap (a quarter of the draws each: 7, 14, 21, 28) the 42% quantile is
    // 14; the calibrated one is 21.
    const sums = summedErrors(7, paths);
    expect(quantile(sums, 0.42)).toBe(14);
    expect(safetyStock(7, 0.42, outlook(paths))).toBe(quantile(sums, level));
    expect(safetyStock(7, 0.42, outlook(paths))).toBe(21);
  });

  it('keeps the service level when the bootstrap covers the origins well', () => {
    // Three origins of 28 days whose errors alternate +1, -1 (the forecast right on average):
    // any 21 consecutive days sum to +1 or -1, while the bootstrap's three blocks of 7 sum to
    // -3, -1, +1 or +3 (each block +1 or -1 as it starts on an even or odd day). Held out, the
    // 24 window sums rank at about 1/8 (-1) or 1/2 (+1): the 24th of them (ceil(25 x 0.95)) is
    // about 1/2, below 0.95, so the level stays 0.95.
    const alternating = Array.from({ length: 28 }, (_, i) => (i % 2 === 0 ? 1 : -1));
    const paths = [alternating, alternating.map((e) => -e), alternating];
    expect(calibratedLevel(21, 0.95, paths)).toBe(0.95);
    const sums = summedErrors(21, paths);
    expect(safetyStock(21, 0.95, outlook(paths))).toBe(quantile(sums, 0.95));
    expect(safetyStock(21, 0.95, outlook(paths))).toBe(3);
    // Calibration only widens: a bootstrap wider than the origins' sums keeps serviceLevel at any level.
    for (const level of [0.6, 0.8, 0.9, 0.99]) expect(calibratedLevel(21, level, paths)).toBe(level);
  });

  it('raises the level at most to MAX_CALIBRATED_LEVEL, and never lowers a higher service level', () => {
    // The four origins above at 95%: the ceil(5 x 0.95) = 5th of 4 scores is unbounded (no
    // finite-sample guarantee from 4 origins): the bound, 0.98.
    const paths = [constant(1), constant(2), constant(3), constant(4)];
    expect(MAX_CALIBRATED_LEVEL).toBe(0.98);
    expect(calibratedLevel(7, 0.95, paths)).toBe(MAX_CALIBRATED_LEVEL);
    expect(safetyStock(7, 0.95, outlook(paths))).toBe(quantile(summedErrors(7, paths), MAX_CALIBRATED_LEVEL));
    // A target above the bound is kept as it is.
    expect(calibratedLevel(7, 0.99, paths)).toBe(0.99);
    // The level never falls as the target rises.
    let previous = 0;
    for (let target = 0.05; target < 1; target += 0.05) {
      const level = calibratedLevel(7, target, paths);
      expect(level).toBeGreaterThanOrEqual(Math.max(previous, target));
      expect(level).toBeLessThanOrEqual(Math.max(target, MAX_CALIBRATED_LEVEL));
      previous = level;
    }
  });

  it('falls back to the service level with too few origins to hold one out', () => {
    expect(MIN_CALIBRATION_ORIGINS).toBe(3);
    // Two origins (14 errors each, 28 in all): sums, but each held out would be ranked against one other.
    const two = [constant(1, 14), constant(4, 14)];
    expect(summedErrors(7, two)).toHaveLength(BOOTSTRAP_DRAWS);
    expect(calibratedLevel(7, 0.95, two)).toBe(0.95);
    expect(safetyStock(7, 0.95, outlook(two))).toBe(quantile(summedErrors(7, two), 0.95));
    // Paths shorter than the interval: no realized n-day sums to rank.
    const short = [constant(1), constant(2), constant(3), constant(4)];
    expect(calibratedLevel(8, 0.95, short)).toBe(0.95);
    // Three origins of 9 days: held out, the other two hold 18 days, under MIN_EMPIRICAL_ERRORS (20).
    const thin = [constant(1, 9), constant(2, 9), constant(3, 9)];
    expect(summedErrors(7, thin)).toHaveLength(BOOTSTRAP_DRAWS);
    expect(calibratedLevel(7, 0.95, thin)).toBe(0.95);
    // A fourth origin gives every held-out one 27 days of others: calibrated (raised to the bound).
    expect(calibratedLevel(7, 0.95, [...thin, constant(4, 9)])).toBe(MAX_CALIBRATED_LEVEL);
  });
});
