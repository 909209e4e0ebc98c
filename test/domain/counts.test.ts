/** Cycle counts, the pure rules: one row per case, with the expected figures or error code. */
import { describe, expect, it } from 'vitest';
import {
  accuracy,
  ALLOWED_IN,
  COUNT_STATUSES,
  lineVariance,
  refusedVariances,
  requireCountStatus,
  requireDistinctSkus,
  resolveReasons,
  sampleSkus,
  seededRandom,
  summarize,
  varianceMoves,
  variancesToPost,
  type CountAction,
  type CountLine,
  type CountStatus,
  type CountSummary,
} from '../../src/domain/counts.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { ZERO, type Quantities } from '../../src/domain/quantities.ts';

const codeOf = (f: () => unknown): string | null => {
  try {
    f();
    return null;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
};

const line = (sku: string, counted: number | null, expected: number | null): CountLine => ({
  sku,
  counted,
  expected,
});

describe('which action each status allows', () => {
  const rows: [CountAction, CountStatus, boolean][] = [
    ['record', 'open', true],
    ['record', 'closed', false],
    ['record', 'posted', false],
    ['record', 'cancelled', false],
    ['close', 'open', true],
    ['close', 'closed', false],
    ['close', 'posted', false],
    ['close', 'cancelled', false],
    ['post', 'open', false],
    ['post', 'closed', true],
    ['post', 'posted', false],
    ['post', 'cancelled', false],
    ['cancel', 'open', true],
    ['cancel', 'closed', true],
    ['cancel', 'posted', false],
    ['cancel', 'cancelled', false],
  ];
  it('covers every action and status', () => {
    expect(rows).toHaveLength(Object.keys(ALLOWED_IN).length * COUNT_STATUSES.length);
  });
  it.each(rows)('%s on a %s count: allowed %s', (action, status, allowed) => {
    expect(codeOf(() => requireCountStatus('cnt_1', status, action))).toBe(allowed ? null : 'invalid_state');
  });
  it('names the status and what is allowed', () => {
    try {
      requireCountStatus('cnt_1', 'posted', 'post');
      expect.unreachable();
    } catch (err) {
      expect((err as DomainError).details).toEqual({
        countId: 'cnt_1',
        status: 'posted',
        action: 'post',
        allowed: ['closed'],
      });
    }
  });
});

describe('a count’s figures', () => {
  const rows: { case: string; lines: CountLine[]; summary: CountSummary }[] = [
    {
      case: 'all matched',
      lines: [line('A', 5, 5), line('B', 0, 0)],
      summary: {
        linesTotal: 2,
        linesCounted: 2,
        linesMatched: 2,
        linesWithVariance: 0,
        netVariance: 0,
        accuracy: 1,
      },
    },
    {
      case: 'one short, one over',
      lines: [line('A', 3, 5), line('B', 7, 4), line('C', 2, 2)],
      summary: {
        linesTotal: 3,
        linesCounted: 3,
        linesMatched: 1,
        linesWithVariance: 2,
        netVariance: 1,
        accuracy: 0.3333,
      },
    },
    {
      case: 'uncounted lines are left out, not matched and not zero',
      lines: [line('A', 5, 5), line('B', null, null), line('C', 0, 4), line('D', null, null)],
      summary: {
        linesTotal: 4,
        linesCounted: 2,
        linesMatched: 1,
        linesWithVariance: 1,
        netVariance: -4,
        accuracy: 0.5,
      },
    },
    {
      case: 'nothing counted',
      lines: [line('A', null, null)],
      summary: {
        linesTotal: 1,
        linesCounted: 0,
        linesMatched: 0,
        linesWithVariance: 0,
        netVariance: 0,
        accuracy: null,
      },
    },
  ];
  it.each(rows)('$case', ({ lines, summary }) => {
    expect(summarize(lines)).toEqual(summary);
  });

  it.each([
    [line('A', 3, 5), -2],
    [line('A', 9, 5), 4],
    [line('A', 5, 5), 0],
    [line('A', null, null), null],
  ])('variance of %o is %s', (l, variance) => {
    expect(lineVariance(l)).toBe(variance);
  });

  it.each([
    [2, 3, 0.6667],
    [0, 4, 0],
    [7, 7, 1],
    [0, 0, null],
  ])('accuracy of %i matched out of %i is %s', (matched, counted, expected) => {
    expect(accuracy(matched, counted)).toBe(expected);
  });
  it('asserts matched lies within counted', () => {
    expect(() => accuracy(3, 2)).toThrow();
    expect(() => accuracy(-1, 2)).toThrow();
  });

  it('posts only counted lines with a variance, by SKU', () => {
    expect(
      variancesToPost([line('C', 1, 2), line('A', 3, 3), line('B', null, null), line('D', 4, 0)]),
    ).toEqual([
      { sku: 'C', variance: -1 },
      { sku: 'D', variance: 4 },
    ]);
  });
});

describe('a random sample', () => {
  const population = Array.from({ length: 50 }, (_, i) => `SKU-${String(i).padStart(2, '0')}`);

  it('is the same for the same seed, whatever the order of the population', () => {
    const a = sampleSkus(population, 5, 'audit-2030-01-01');
    expect(sampleSkus([...population].reverse(), 5, 'audit-2030-01-01')).toEqual(a);
    expect(a).toHaveLength(5);
    expect(new Set(a).size).toBe(5);
    expect(a.every((s) => population.includes(s))).toBe(true);
    expect(a).toEqual([...a].sort());
  });

  it('differs between seeds', () => {
    const samples = new Set(['s1', 's2', 's3', 's4'].map((seed) => sampleSkus(population, 5, seed).join()));
    expect(samples.size).toBe(4);
  });

  it('is all of a population smaller than the sample', () => {
    expect(sampleSkus(['B', 'A', 'B'], 10, 'x')).toEqual(['A', 'B']);
    expect(sampleSkus([], 3, 'x')).toEqual([]);
  });

  it('asserts a positive whole size', () => {
    expect(() => sampleSkus(population, 0, 'x')).toThrow();
    expect(() => sampleSkus(population, 1.5, 'x')).toThrow();
  });

  it('gives every SKU about the same chance', () => {
    const small = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J'];
    const hits = new Map(small.map((s) => [s, 0]));
    const draws = 3000;
    for (let i = 0; i < draws; i++) {
      for (const s of sampleSkus(small, 3, `seed-${i}`)) hits.set(s, hits.get(s)! + 1);
    }
    // Each SKU is in 3/10 of the samples: 900 expected; a 4-sigma band is about +-100.
    for (const n of hits.values()) expect(Math.abs(n - 900)).toBeLessThan(110);
  });

  it('draws numbers in [0, 1)', () => {
    const random = seededRandom('x');
    for (let i = 0; i < 1000; i++) {
      const r = random();
      expect(r).toBeGreaterThanOrEqual(0);
      expect(r).toBeLessThan(1);
    }
  });
});

describe('the reason each variance is posted with', () => {
  const skus = new Set(['A', 'B', 'C']);
  const variances = [
    { sku: 'A', variance: -2 },
    { sku: 'B', variance: 3 },
  ];
  const rows: {
    case: string;
    reasons: { sku: string; reason: string }[];
    defaultReason?: string;
    result?: Record<string, string>;
    error?: string;
  }[] = [
    {
      case: 'one per SKU',
      reasons: [
        { sku: 'A', reason: 'theft' },
        { sku: 'B', reason: 'found' },
      ],
      result: { A: 'theft', B: 'found' },
    },
    {
      case: 'a default for the rest',
      reasons: [{ sku: 'B', reason: 'found' }],
      defaultReason: 'miscount',
      result: { A: 'miscount', B: 'found' },
    },
    {
      case: 'a reason for a matched line is unused',
      reasons: [{ sku: 'C', reason: 'x' }],
      defaultReason: 'miscount',
      result: { A: 'miscount', B: 'miscount' },
    },
    {
      case: 'a variance without a reason',
      reasons: [{ sku: 'A', reason: 'theft' }],
      error: 'reason_required',
    },
    { case: 'no reasons at all', reasons: [], error: 'reason_required' },
    {
      case: 'a SKU outside the count',
      reasons: [{ sku: 'Z', reason: 'x' }],
      defaultReason: 'miscount',
      error: 'sku_not_in_count',
    },
    {
      case: 'a SKU named twice',
      reasons: [
        { sku: 'A', reason: 'x' },
        { sku: 'A', reason: 'y' },
      ],
      defaultReason: 'miscount',
      error: 'invalid_request',
    },
  ];
  it.each(rows)('$case', ({ reasons, defaultReason, result, error }) => {
    if (error) {
      expect(codeOf(() => resolveReasons('cnt_1', skus, variances, reasons, defaultReason))).toBe(error);
    } else {
      expect(Object.fromEntries(resolveReasons('cnt_1', skus, variances, reasons, defaultReason))).toEqual(
        result,
      );
    }
  });
  it('needs no reason when nothing varies', () => {
    expect(resolveReasons('cnt_1', skus, [], [], undefined).size).toBe(0);
  });
});

describe('posting variances', () => {
  const pos = (q: Partial<Quantities>): Quantities => ({ ...ZERO, ...q });

  it('makes one count movement per variance, on onHand only', () => {
    expect(varianceMoves('LON', [{ sku: 'A', variance: -2 }])).toEqual([
      { type: 'count', sku: 'A', warehouse: 'LON', qty: 2, deltas: { onHand: -2 }, guard: 'physical' },
    ]);
  });

  const rows: { case: string; before: Partial<Quantities>; variance: number; refused: boolean }[] = [
    { case: 'fewer found', before: { onHand: 5 }, variance: -2, refused: false },
    { case: 'more found', before: { onHand: 5 }, variance: 4, refused: false },
    { case: 'found at a position that holds nothing', before: {}, variance: 3, refused: false },
    {
      case: 'fewer than reserved: S goes negative, booked',
      before: { onHand: 5, reserved: 5 },
      variance: -3,
      refused: false,
    },
    { case: 'none left at all', before: { onHand: 5 }, variance: -5, refused: false },
    { case: 'below zero', before: { onHand: 2 }, variance: -3, refused: true },
    { case: 'below the damaged units held', before: { onHand: 5, damaged: 4 }, variance: -2, refused: true },
    { case: 'below locked units', before: { onHand: 5, locked: 3 }, variance: -3, refused: true },
  ];
  it.each(rows)('$case: refused $refused', ({ before, variance, refused }) => {
    const result = refusedVariances([{ sku: 'A', variance }], 'LON', new Map([['A', pos(before)]]));
    expect(result.length > 0).toBe(refused);
    if (refused) {
      const p = pos(before);
      expect(result[0]).toEqual({
        sku: 'A',
        variance,
        onHand: p.onHand,
        held: p.damaged + p.qcPending + p.locked + p.transferReserved,
      });
    }
  });
});

describe('distinct SKUs in a request', () => {
  it('refuses a SKU named twice and points at it', () => {
    expect(codeOf(() => requireDistinctSkus(['A', 'B'], 'lines'))).toBeNull();
    try {
      requireDistinctSkus(['A', 'B', 'A'], 'lines');
      expect.unreachable();
    } catch (err) {
      expect((err as DomainError).code).toBe('invalid_request');
      expect((err as DomainError).details).toEqual({
        issues: [{ in: 'body', path: '/lines/2/sku', message: 'A is named twice' }],
      });
    }
  });
});
