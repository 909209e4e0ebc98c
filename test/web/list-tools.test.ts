import { describe, expect, it } from 'vitest';
import {
  allPages,
  deleteView,
  exportName,
  loadViews,
  saveView,
  toCsv,
} from '../../web/src/lib/list-tools.ts';
import { ordersFor } from '../../web/src/pages/purchasing/suggestions.tsx';
import type { Suggestion } from '../../web/src/lib/replenishment.ts';

function memoryStorage() {
  const m = new Map<string, string>();
  return { getItem: (k: string) => m.get(k) ?? null, setItem: (k: string, v: string) => void m.set(k, v) };
}

describe('CSV of a list', () => {
  it('writes a header and a line per row through the one guarded writer', () => {
    expect(
      toCsv(
        ['sku', 'note', 'qty'],
        [
          ['A1', '=HYPERLINK("x")', 3],
          ['B,2', null, 0],
        ],
      ),
    ).toBe('sku,note,qty\nA1,"\'=HYPERLINK(""x"")",3\n"B,2",,0\n');
  });

  it('fetches every page of a cursor-paged list', async () => {
    const pages: Record<string, { items: number[]; nextCursor: string | null }> = {
      '': { items: [1, 2], nextCursor: 'b' },
      b: { items: [3], nextCursor: 'c' },
      c: { items: [4], nextCursor: null },
    };
    expect(await allPages(async (cursor) => pages[cursor ?? '']!)).toEqual([1, 2, 3, 4]);
    await expect(allPages(async () => ({ items: [1], nextCursor: 'again' }), 3)).rejects.toThrow(/3 pages/);
  });

  it('names the file after the list, its filters that are set, and the day', () => {
    expect(
      exportName(
        'alerts',
        { status: 'open', kind: '', warehouse: 'LON 2' },
        new Date('2026-12-03T10:00:00Z'),
      ),
    ).toBe('alerts_status-open_warehouse-LON_2_2026-12-03.csv');
  });
});

describe('saved views', () => {
  it('saves, replaces by name, sorts, deletes, and ignores what it cannot read', () => {
    const s = memoryStorage();
    expect(loadViews('alerts', s)).toEqual([]);
    saveView('alerts', { name: 'Open low', filters: { status: 'open', kind: 'low_stock' } }, s);
    saveView('alerts', { name: ' All LON ', filters: { warehouse: 'LON' } }, s);
    saveView('alerts', { name: 'Open low', filters: { status: 'open', kind: 'out_of_stock' } }, s);
    expect(loadViews('alerts', s)).toEqual([
      { name: 'All LON', filters: { warehouse: 'LON' } },
      { name: 'Open low', filters: { status: 'open', kind: 'out_of_stock' } },
    ]);
    expect(loadViews('skus', s)).toEqual([]);
    expect(deleteView('alerts', 'All LON', s).map((v) => v.name)).toEqual(['Open low']);
    expect(saveView('alerts', { name: '  ', filters: {} }, s)).toHaveLength(1);
    s.setItem('stockroom.views.broken', '{not json');
    expect(loadViews('broken', s)).toEqual([]);
  });
});

describe('ordering selected suggestions', () => {
  const s = (sku: string, warehouse: string, supplier: string | null, suggestedQty: number) =>
    ({ sku, warehouse, suggestedQty, policy: { supplier } }) as unknown as Suggestion;

  it('makes one purchase order per supplier and warehouse, leaving out rows without a supplier or quantity', () => {
    const plan = ordersFor([
      s('A', 'LON', 'GIFTCO', 10),
      s('B', 'LON', 'GIFTCO', 5),
      s('C', 'MAN', 'GIFTCO', 7),
      s('D', 'LON', null, 3),
      s('E', 'LON', 'ACME', 0),
    ]);
    expect(plan.orders).toEqual([
      {
        supplier: 'GIFTCO',
        warehouse: 'LON',
        lines: [
          { sku: 'A', qty: 10 },
          { sku: 'B', qty: 5 },
        ],
      },
      { supplier: 'GIFTCO', warehouse: 'MAN', lines: [{ sku: 'C', qty: 7 }] },
    ]);
    expect(plan.skipped).toBe(2);
  });
});

describe('scanning', () => {
  it('finds the line a code names: the SKU exactly, else in any case, else a barcode the line carries', async () => {
    const { lineForCode, addOne } = await import('../../web/src/lib/scan.ts');
    const skus = ['85123A', '22197'];
    expect(lineForCode('85123A', skus)).toBe('85123A');
    expect(lineForCode(' 85123a ', skus)).toBe('85123A');
    expect(lineForCode('5012345678900', skus, { '5012345678900': '22197' })).toBe('22197');
    expect(lineForCode('NOPE', skus)).toBeNull();
    expect(lineForCode('   ', skus)).toBeNull();
    expect(addOne(undefined)).toBe('1');
    expect(addOne('')).toBe('1');
    expect(addOne('4')).toBe('5');
    expect(addOne('x')).toBe('1');
  });
});
