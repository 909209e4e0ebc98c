import { describe, expect, it } from 'vitest';
import {
  csvFileName,
  filtersFromParams,
  filtersToParams,
  isReportName,
  reportView,
} from '../../web/src/lib/reports.ts';

describe('reports model', () => {
  it('keeps the filters in the address bar and drops unknown or empty ones', () => {
    const params = new URLSearchParams('from=2030-01-01&to=2030-01-05&bucket=week&warehouse=&evil=1');
    const filters = filtersFromParams(params);
    expect(filters).toEqual({ from: '2030-01-01', to: '2030-01-05', bucket: 'week' });
    expect(filtersToParams(filters).toString()).toBe('from=2030-01-01&to=2030-01-05&bucket=week');
    expect(csvFileName('sales', filters)).toBe('sales-2030-01-01-to-2030-01-05.csv');
  });

  it('keeps the category and product filters in the address bar too', () => {
    const filters = filtersFromParams(new URLSearchParams('category=kitchen&product=tee&bucket=month'));
    expect(filters).toEqual({ category: 'kitchen', product: 'tee', bucket: 'month' });
    expect(filtersToParams(filters).toString()).toBe('bucket=month&category=kitchen&product=tee');
  });

  it('knows its reports', () => {
    expect(isReportName('stock')).toBe(true);
    expect(isReportName('secrets')).toBe(false);
    expect(isReportName(undefined)).toBe(false);
  });

  it("draws the stock report's points left to right and lists them latest first", () => {
    const points = [
      { t: '2030-01-01', onHand: 1, sellable: 1, value: 4 },
      { t: '2030-01-02', onHand: 2, sellable: 2, value: 8 },
    ];
    const period = { from: '2030-01-01', to: '2030-01-02', bucket: 'day' } as const;
    const view = reportView('stock', { ...period, points, currency: 'USD' });
    expect(view.chart?.data).toEqual(points);
    expect(view.rows.map((r) => r.t)).toEqual(['2030-01-02', '2030-01-01']);
  });

  it('shows the summary as one row per figure with its own kind of number', () => {
    const view = reportView('summary', {
      from: '2030-01-01',
      to: '2030-01-30',
      bucket: 'day',
      currency: 'USD',
      days: 30,
      units: 11,
      revenue: 160,
      cogs: 100,
      margin: 60,
      averageInventoryValue: 400,
      closingUnits: 33,
      closingValue: 132,
      turnover: null,
      daysOfInventory: null,
      sellThrough: 0.25,
      gmroi: 0.15,
    });
    expect(view.rows.find((r) => r.label === 'Revenue')).toEqual({
      label: 'Revenue',
      value: 160,
      kind: 'money',
    });
    expect(view.rows.find((r) => r.label === 'Sell-through')?.kind).toBe('percent');
  });
});
