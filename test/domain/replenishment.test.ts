import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/domain/forecast/intervals.ts';
import {
  DORMANT_UNITS,
  EMPTY_SUPPLY,
  demandOver,
  safetyStock,
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
    expect(slow.safetyStock).toBeCloseTo(0.6, 2);
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

  it('takes safety stock from the backtest errors: their quantile, and their bias', () => {
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
