import { describe, expect, it } from 'vitest';
import { demandDays, demandSeries, type ImportedInput, type LedgerInput } from '../../src/domain/demand.ts';

const noLedger: LedgerInput = { ordered: [], returned: [], sellable: [] };
const noImport: ImportedInput = { days: [], until: null };
const all = { from: null, to: null, today: '2030-01-05' };

describe('demand days', () => {
  it.each([
    {
      name: 'a day is out of stock when the level touched 0, began at 0, or stayed at 0',
      sellable: [
        { day: '2030-01-01', lowest: 5, closing: 5 },
        { day: '2030-01-02', lowest: 0, closing: 0 },
        { day: '2030-01-04', lowest: 3, closing: 3 },
      ],
      expected: [false, true, true, true, false],
    },
    {
      name: 'the first ledger day has no start level',
      sellable: [{ day: '2030-01-03', lowest: 2, closing: 2 }],
      expected: [false, false, false],
    },
    {
      name: 'a negative level (oversold by a physical fact) is out of stock',
      sellable: [
        { day: '2030-01-04', lowest: 1, closing: 1 },
        { day: '2030-01-05', lowest: -2, closing: 4 },
      ],
      expected: [false, true],
    },
  ])('$name', ({ sellable, expected }) => {
    const { days } = demandDays({ ...noLedger, sellable }, noImport, all);
    expect(days.map((d) => d.outOfStock)).toEqual(expected);
    expect(days.every((d) => d.source === 'ledger')).toBe(true);
    expect(days.at(-1)!.date).toBe('2030-01-05');
  });

  it('takes imported days before the first ledger day, and marks a gap between them as none', () => {
    const { firstLedgerDay, days } = demandDays(
      {
        ordered: [{ day: '2030-01-04', units: 3 }],
        returned: [{ day: '2030-01-05', units: 1 }],
        sellable: [{ day: '2030-01-04', lowest: 7, closing: 7 }],
      },
      {
        days: [
          { day: '2030-01-01', units: 2, returned: 0, outOfStock: null },
          { day: '2030-01-02', units: 9, returned: 1, outOfStock: true },
          { day: '2030-01-04', units: 99, returned: 0, outOfStock: false }, // the ledger wins here
        ],
        until: '2030-01-02',
      },
      all,
    );
    expect(firstLedgerDay).toBe('2030-01-04');
    expect(days.map((d) => [d.date, d.units, d.returned, d.outOfStock, d.source])).toEqual([
      ['2030-01-01', 2, 0, false, 'import'],
      ['2030-01-02', 9, 1, true, 'import'],
      ['2030-01-03', 0, 0, false, 'none'],
      ['2030-01-04', 3, 0, false, 'ledger'],
      ['2030-01-05', 0, 1, false, 'ledger'],
    ]);
    expect(demandSeries(days)).toEqual({ start: '2030-01-01', units: [2, null, null, 3, 0] });
  });

  it('without a ledger, ends at the end of the import, zeros on days without rows', () => {
    const imported = {
      days: [{ day: '2029-12-01', units: 4, returned: 0, outOfStock: null }],
      until: '2029-12-03',
    };
    const { days } = demandDays(noLedger, imported, all);
    expect(days.map((d) => [d.date, d.units])).toEqual([
      ['2029-12-01', 4],
      ['2029-12-02', 0],
      ['2029-12-03', 0],
    ]);
    expect(
      demandDays(noLedger, imported, { ...all, from: '2029-12-02', to: '2029-12-02' }).days,
    ).toHaveLength(1);
    expect(demandDays(noLedger, noImport, all)).toEqual({ firstLedgerDay: null, days: [] });
    expect(demandSeries([])).toBeNull();
  });
});
