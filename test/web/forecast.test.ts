import { describe, expect, it } from 'vitest';
import {
  chartRows,
  daysBefore,
  describeClass,
  describeModel,
  describeSummary,
  describeTypicalDay,
  describeWape,
  summarise,
  typicalDay,
  type DemandDay,
  type ForecastDay,
} from '../../web/src/lib/forecast.ts';
import { WORDS } from '../../web/src/lib/i18n-words.ts';

const day = (date: string, units: number, extra: Partial<DemandDay> = {}): DemandDay => ({
  date,
  units,
  returned: 0,
  outOfStock: false,
  source: 'ledger',
  ...extra,
});
const ahead = (
  date: string,
  forecast: number,
  lower: number,
  upper: number,
  median = forecast,
): ForecastDay => ({
  date,
  forecast,
  median,
  lower,
  upper,
  bands: [],
  events: [],
});

describe('forecast response to chart rows', () => {
  it('puts history and forecast on one date axis, today with both', () => {
    const rows = chartRows(
      [day('2030-01-01', 4), day('2030-01-02', 0, { outOfStock: true }), day('2030-01-03', 2)],
      [ahead('2030-01-03', 3.14159, 0.5, 6.04), ahead('2030-01-04', 3, 0, 7)],
      '2030-01-03',
    );
    expect(rows).toEqual([
      { date: '2030-01-01', units: 4 },
      { date: '2030-01-02', units: 0, stockout: 0 },
      { date: '2030-01-03', units: 2, partial: true, forecast: 3.1, band: [0.5, 6] },
      { date: '2030-01-04', forecast: 3, band: [0, 7] },
    ]);
  });

  it('leaves a gap, not a zero, on days neither the import nor the ledger covers', () => {
    const rows = chartRows(
      [day('2030-01-01', 5, { source: 'import' }), day('2030-01-02', 0, { source: 'none' })],
      [],
    );
    expect(rows[1]).toEqual({ date: '2030-01-02' });
  });

  it('sorts whatever order the days come in', () => {
    const rows = chartRows([day('2030-01-02', 1)], [ahead('2030-01-01', 1, 0, 2)]);
    expect(rows.map((r) => r.date)).toEqual(['2030-01-01', '2030-01-02']);
  });

  it('counts days back for from=', () => {
    expect(daysBefore(new Date('2030-03-01T23:30:00Z'), 180)).toBe('2029-09-02');
    expect(daysBefore(new Date('2030-03-01T00:00:00Z'), 0)).toBe('2030-03-01');
  });
});

describe('the forecast in words', () => {
  it('names the demand class plainly', () => {
    expect(describeClass('lumpy')).toContain('some days only, in very uneven amounts');
    expect(describeClass('smooth')).toContain('steady');
    expect(describeClass('something-new')).toBe('something-new');
  });

  it('says how many models are averaged', () => {
    expect(describeModel('holt-damped + ses + seasonal-naive')).toBe(
      'average of 3 models (holt-damped, ses, seasonal-naive)',
    );
    expect(describeModel('croston')).toBe('croston');
    expect(describeModel('none')).toContain('no model');
  });

  it('grades the backtest WAPE', () => {
    expect(describeWape(0.2, 3, 'en-GB')).toBe(
      'Tried on the last 3 stretches of history, it was off by 20% of the units sold (WAPE): reliable.',
    );
    expect(describeWape(0.4, 3, 'en-GB')).toContain('fair');
    expect(describeWape(0.785, 3, 'en-GB')).toContain('off by 78.5% of the units sold (WAPE): rough');
    expect(describeWape(null, 3)).toBe('Not tested: the test weeks had no sales.');
    expect(describeWape(0.1234, 1, 'de-DE')).toContain('12,3');
  });

  it('sums the horizon', () => {
    const s = summarise([ahead('2030-01-01', 1.5, 0, 3), ahead('2030-01-02', 2.5, 0, 4)]);
    expect(s).toEqual({ total: 4, perDay: 2, days: 2 });
    expect(describeSummary(s, 0.8, 'en-GB')).toBe(
      'About 4 units expected over the next 2 days (2 a day); the shaded band is where a day’s demand should fall 80% of the time.',
    );
    expect(summarise([])).toEqual({ total: 0, perDay: 0, days: 0 });
  });

  it('says what a typical day looks like from the medians: quiet days, and the median of the others', () => {
    const quiet = [1, 2, 3].map((d) => ahead(`2030-01-0${d}`, 0.4, 0, 5, 0));
    const all = typicalDay(quiet);
    expect(all).toEqual({ days: 3, quiet: 3, median: 0 });
    expect(describeTypicalDay(all, 'en-GB')).toBe(
      'On each of the next 3 days selling nothing is likelier than selling anything; the forecast is an average over days with and without orders.',
    );
    const some = typicalDay([...quiet, ahead('2030-01-04', 3, 1, 6, 2), ahead('2030-01-05', 4, 1, 8, 3)]);
    expect(some).toEqual({ days: 5, quiet: 3, median: 2.5 });
    expect(describeTypicalDay(some, 'en-GB')).toBe(
      'Selling nothing is the likeliest outcome on 3 of the next 5 days; on the others, half the days should sell about 2.5 units or fewer.',
    );
    const busy = typicalDay([ahead('2030-01-01', 7, 2, 12, 6.96)]);
    expect(busy).toEqual({ days: 1, quiet: 0, median: 7 });
    expect(describeTypicalDay(busy, 'en-GB')).toBe(
      'Half the days should sell about 7 units or fewer (the median day).',
    );
    expect(describeTypicalDay(busy, 'zh-CN', WORDS['zh-CN'].forecastWords)).toBe(
      '一半的日子销量应不超过约 7 件（中位数）。',
    );
  });
});
