import { describe, expect, it } from 'vitest';
import {
  deliveriesBetween,
  deliveryOnOrAfter,
  nextStep,
  scheduleProblem,
  withKnownDemand,
} from '../../src/domain/standing-orders.ts';

const weekly = { startsOn: '2030-01-05', everyDays: 7, endsOn: null };

describe('standing order schedules', () => {
  it.each([
    ['2029-12-01', '2030-01-05'],
    ['2030-01-05', '2030-01-05'],
    ['2030-01-06', '2030-01-12'],
    ['2030-01-12', '2030-01-12'],
    // Across a month and a year end.
    ['2030-12-30', '2031-01-04'],
  ])('the first delivery on or after %s is %s', (day, next) => {
    expect(deliveryOnOrAfter(weekly, day)).toBe(next);
  });

  it('ends on its last day', () => {
    const s = { ...weekly, endsOn: '2030-01-19' };
    expect(deliveriesBetween(s, '2030-01-01', '2030-12-31')).toEqual([
      '2030-01-05',
      '2030-01-12',
      '2030-01-19',
    ]);
    expect(deliveryOnOrAfter(s, '2030-01-20')).toBeNull();
  });

  it.each([
    [{ ...weekly, everyDays: 0 }, /everyDays/],
    [{ ...weekly, everyDays: 1.5 }, /everyDays/],
    [{ ...weekly, endsOn: '2030-01-04' }, /before/],
    [{ ...weekly, startsOn: '9999-12-31' }, /between/],
  ])('refuses %j', (s, problem) => {
    expect(scheduleProblem(s)).toMatch(problem);
  });

  it.each([
    ['2030-01-12', 2, '2030-01-09', 'wait'],
    ['2030-01-12', 2, '2030-01-10', 'reserve'],
    ['2030-01-12', 0, '2030-01-12', 'reserve'],
    ['2030-01-12', 2, '2030-01-13', 'missed'],
  ] as const)('a delivery on %s reserved %i days ahead, on %s: %s', (delivery, ahead, today, step) => {
    expect(nextStep(delivery, ahead, today)).toBe(step);
  });
});

describe('known demand on top of a forecast', () => {
  it('adds each delivery on its day and never repeats one past the end', () => {
    expect(withKnownDemand([1, 1], [[2, 5]], 3)).toEqual([1, 1, 6, 1]);
    expect(withKnownDemand([], [[0, 3]], 2)).toEqual([3, 0]);
    // Days before today (a delivery not yet recorded as missed) are left out.
    expect(withKnownDemand([2], [[-1, 9]], 2)).toEqual([2, 2]);
  });
});
