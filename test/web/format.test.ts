import { describe, expect, it } from 'vitest';
import {
  formatBucket,
  formatCompact,
  formatDelta,
  formatMoney,
  formatPercent,
  formatUnits,
} from '../../web/src/lib/format.ts';
import { parseLines } from '../../web/src/lib/lines.ts';

describe('numbers in the browser’s locale', () => {
  it.each([
    ['en-GB', 1234567, '1,234,567'],
    ['de-DE', 1234567, '1.234.567'],
    ['fr-FR', 1234567, '1\u202f234\u202f567'],
    ['en-GB', -3, '-3'],
  ])('%s units %d', (locale, n, text) => {
    expect(formatUnits(n, locale)).toBe(text);
  });

  it('shows a dash for what is not a number', () => {
    expect(formatUnits(null)).toBe('–');
    expect(formatUnits(Number.NaN)).toBe('–');
    expect(formatMoney(undefined)).toBe('–');
  });

  it('signs changes with a real minus', () => {
    expect(formatDelta(5, 'en-GB')).toBe('+5');
    expect(formatDelta(-1200, 'en-GB')).toBe('−1,200');
    expect(formatDelta(0, 'en-GB')).toBe('0');
  });

  it('formats money, percentages and compact counts', () => {
    expect(formatMoney(341654.8412, 'en-GB')).toBe('341,654.84');
    expect(formatMoney(2.5, 'de-DE')).toBe('2,50');
    expect(formatPercent(0.3333, 'en-GB')).toBe('33.3%');
    expect(formatCompact(1_250_000, 'en-US')).toBe('1.3M');
  });

  it("writes money in the shop's currency, as the locale does", () => {
    expect(formatMoney(1234.5, 'en-GB', 'GBP')).toBe('£1,234.50');
    expect(formatMoney(1234.5, 'de-DE', 'EUR')).toBe('1.234,50\u00a0€');
    expect(formatMoney(1234.5, 'zh-CN', 'CNY')).toBe('¥1,234.50');
    expect(formatMoney(1234.5, 'en-GB', null)).toBe('1,234.50');
  });

  it('labels chart buckets by hour or day', () => {
    expect(formatBucket('2030-01-02T15:00:00Z', 'hour', 'en-GB', 'UTC')).toBe('15:00');
    expect(formatBucket('2030-01-02T00:00:00Z', 'day', 'en-GB', 'UTC')).toBe('2 Jan');
  });
});

describe('SKU=quantity lines typed by a person', () => {
  it('reads one a line or comma-separated, and says what it cannot read', () => {
    expect(parseLines('85123A=12\n 22197 = 3 ,84879 x 2\n\n')).toEqual({
      lines: [
        { sku: '85123A', qty: 12 },
        { sku: '22197', qty: 3 },
        { sku: '84879', qty: 2 },
      ],
      errors: [],
    });
    expect(parseLines('MUG=0, TEE=two').errors).toEqual([
      '"MUG=0" is not SKU=quantity',
      '"TEE=two" is not SKU=quantity',
    ]);
  });
});
