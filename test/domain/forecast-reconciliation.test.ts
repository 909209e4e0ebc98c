import { describe, expect, it } from 'vitest';
import { RECONCILIATION_METHODS, reconcile } from '../../src/domain/forecast/index.ts';

describe('reconciliation of warehouse and SKU forecasts', () => {
  const total = [12, 0];
  const children = [
    [4, 1],
    [2, 1],
  ];
  it.each([
    [
      'bottom-up',
      [6, 2],
      [
        [4, 1],
        [2, 1],
      ],
    ],
    [
      'top-down',
      [12, 0],
      [
        [9, 0],
        [3, 0],
      ],
    ], // history 30 : 10
    // d = 6 and -2 over 3 nodes: children +2 and -2/3 (cut at 0 where below).
    [
      'ols',
      [10, 2 / 3],
      [
        [6, 1 / 3],
        [4, 1 / 3],
      ],
    ],
  ] as const)('%s', (method, expectedTotal, expectedChildren) => {
    const r = reconcile(method, total, children, [30, 10]);
    r.total.forEach((v, i) => expect(v).toBeCloseTo(expectedTotal[i]!, 9));
    r.children.forEach((c, j) => c.forEach((v, i) => expect(v).toBeCloseTo(expectedChildren[j]![i]!, 9)));
  });

  it.each(RECONCILIATION_METHODS)('%s: the warehouses add up to the SKU, none below 0', (method) => {
    const r = reconcile(
      method,
      [5, 0, 9],
      [
        [3, 2, 0],
        [0, 1, 4],
        [1, 0, 0],
      ],
      [0, 0, 0],
    );
    r.total.forEach((t, i) => {
      expect(r.children.reduce((s, c) => s + c[i]!, 0)).toBeCloseTo(t, 9);
      for (const c of r.children) expect(c[i]).toBeGreaterThanOrEqual(0);
    });
  });

  it('refuses forecasts of different lengths', () => {
    expect(() => reconcile('ols', [1, 2], [[1]], [1])).toThrow(RangeError);
  });
});
