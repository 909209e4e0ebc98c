import { afterEach, describe, expect, it } from 'vitest';
import { CATALOGUE, LANGS, formatLocaleFor, pickLang, type Messages } from '../../web/src/lib/i18n.ts';
import { describeAlert, rawDetails } from '../../web/src/lib/alert-words.ts';
import {
  formatDateTime,
  formatDecimal,
  formatMoney,
  formatUnits,
  setFormatLocale,
} from '../../web/src/lib/format.ts';
import { createShortcutReader } from '../../web/src/lib/shortcuts.ts';
import { nextTheme } from '../../web/src/lib/theme.ts';
import { describeEvent, describeFeedEntry, type LiveEvent } from '../../web/src/lib/live.ts';
import { describeModel, describeWape } from '../../web/src/lib/forecast.ts';
import { describeCover, describeReorderBy } from '../../web/src/lib/replenishment.ts';
import { parseLines } from '../../web/src/lib/lines.ts';
import { describeService } from '../../web/src/lib/delivery-days.ts';
import { describeEventDates, parseEventDates } from '../../web/src/lib/event-days.ts';

/** Every leaf of a catalogue with its path: strings, and functions by their arity. */
function leaves(m: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof m === 'string') out.set(path, 'string');
  else if (typeof m === 'function') out.set(path, `function/${m.length}`);
  else if (m && typeof m === 'object')
    for (const [k, v] of Object.entries(m)) for (const [p, t] of leaves(v, `${path}.${k}`)) out.set(p, t);
  return out;
}

const valueAt = (root: unknown, path: string): unknown =>
  path
    .split('.')
    .filter(Boolean)
    .reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], root);

describe('the message catalogue', () => {
  it('has every English message in Simplified Chinese, of the same shape, and none empty', () => {
    const en = leaves(CATALOGUE.en);
    const zh = leaves(CATALOGUE['zh-CN']);
    expect([...zh.entries()].sort()).toEqual([...en.entries()].sort());
    for (const lang of LANGS)
      for (const [path, kind] of leaves(CATALOGUE[lang]))
        if (kind === 'string') expect(valueAt(CATALOGUE[lang], path), path).not.toBe('');
  });

  it('picks the saved language, else the browser’s first one we have, else English', () => {
    expect(pickLang('zh-CN', ['en-GB'])).toBe('zh-CN');
    expect(pickLang(null, ['zh-TW', 'en'])).toBe('zh-CN');
    expect(pickLang(null, ['de-DE', 'en-US'])).toBe('en');
    expect(pickLang(null, ['de-DE'])).toBe('en');
    expect(pickLang('klingon', ['zh-CN'])).toBe('zh-CN');
  });

  it('writes numbers and dates in the chosen language’s locale, English keeping the browser’s English', () => {
    expect(formatLocaleFor('zh-CN', ['en-GB'])).toBe('zh-CN');
    expect(formatLocaleFor('en', ['de-DE', 'en-GB'])).toBe('en-GB');
    expect(formatLocaleFor('en', ['zh-CN'])).toBe('en');
  });
});

describe('the locale set by the language switch', () => {
  afterEach(() => setFormatLocale(undefined));

  it('is the default of every number, money and date', () => {
    setFormatLocale('zh-CN');
    expect(formatUnits(1234567)).toBe('1,234,567');
    expect(formatMoney(12.5, undefined, 'CNY')).toBe('¥12.50');
    expect(formatDateTime('2026-12-03T10:00:00Z', undefined, 'UTC')).toMatch(/^2026年12月3日/);
    setFormatLocale('de-DE');
    expect(formatUnits(1234567)).toBe('1.234.567');
    // A locale given explicitly still wins.
    expect(formatUnits(1234567, 'en-GB')).toBe('1,234,567');
  });
});

describe('alerts as sentences', () => {
  const fmt = (m: Messages, locale: string) => ({
    m,
    f: {
      n: (v: number) => formatDecimal(v, locale),
      date: (iso: string) => formatDateTime(iso, locale, 'UTC'),
    },
  });
  const en = fmt(CATALOGUE.en, 'en-GB');
  const zh = fmt(CATALOGUE['zh-CN'], 'zh-CN');
  const alert = (kind: string, details: Record<string, unknown>, warehouse: string | null = 'LON') => ({
    kind,
    subject: warehouse ? `85123A@${warehouse}` : 'x',
    sku: '85123A',
    warehouse,
    details,
  });

  it.each([
    [
      'overstock',
      { onHand: 3747, dailyDemand: 0.066, coverDays: 56212, thresholdDays: 180 },
      "Overstock at LON: 3,747 units, about 154 years of cover at today's demand (more than 180 days is too much).",
      'LON 积压：3,747 件，按目前的需求约可销售 154 年（超过 180 天即为过多）。',
    ],
    [
      'low_stock',
      { sellable: 3, threshold: 5, basis: 'threshold' },
      'Running low at LON: 3 units left to sell, at or below the low-stock threshold of 5.',
      'LON 库存偏低：可售仅剩 3 件，已达到或低于低库存阈值 5。',
    ],
    [
      'oversold',
      { sellable: -4 },
      'Oversold at LON: orders took 4 units more than there is stock; restock or cancel.',
      'LON 超卖：订单比库存多出 4 件，请补货或取消订单。',
    ],
    [
      'dead_stock',
      { onHand: 40, lastSaleAt: '2026-06-01T09:00:00Z', daysWithoutSale: 185, thresholdDays: 90 },
      'Not selling at LON: 40 units on hand and no sale for 185 days (last on 1 Jun 2026, 09:00).',
      'LON 滞销：在库 40 件，已 185 天没有销售（最后一次在 2026年6月1日 09:00）。',
    ],
    [
      'warehouse_near_capacity',
      { onHand: 9350, capacityUnits: 10000, usedPercent: 93.5, thresholdPercent: 90 },
      'LON is 93.5% full: 9,350 of 10,000 units (alert from 90%).',
      'LON 已用 93.5%：9,350 / 10,000 件（超过 90% 即预警）。',
    ],
    [
      'standing_order_missed',
      {
        standingOrder: 'weekly-1',
        customer: 'C-42',
        missedOn: '2030-01-12',
        missedInARow: 2,
        reason: 'insufficient_stock',
        shortLines: [{ sku: 'TEE', qty: 1, sellable: 0 }],
      },
      'Standing order weekly-1 (customer C-42) missed its delivery of 2030-01-12 from LON, 2 in a row; stock is short now for 1 of its SKUs.',
      '定期订单 weekly-1（客户 C-42）未能按时从 LON 发出 2030-01-12 的配送，已连续 2 次；其中 1 个 SKU 目前库存不足。',
    ],
  ])('%s in English and Chinese', (kind, details, english, chinese) => {
    expect(describeAlert(alert(kind, details), en.m, en.f)).toBe(english);
    expect(describeAlert(alert(kind, details), zh.m, zh.f)).toBe(chinese);
  });

  it('says cover in days, months or years as a reader would', () => {
    const n = (v: number) => String(v);
    expect(CATALOGUE.en.alerts.cover(45, n)).toBe('45 days');
    expect(CATALOGUE.en.alerts.cover(300, n)).toBe('10 months');
    expect(CATALOGUE.en.alerts.cover(1100, n)).toBe('3 years');
  });

  it('shows a kind it does not know, or details missing a figure, as they came', () => {
    expect(describeAlert(alert('new_kind', { a: 1, b: 'x' }), en.m, en.f)).toBe('a 1, b x');
    expect(describeAlert(alert('overstock', { onHand: 5 }), en.m, en.f)).toBe(rawDetails({ onHand: 5 }));
  });
});

describe('sentences built in lib/, in Chinese with the zh-CN locale’s numbers and dates', () => {
  const zh = CATALOGUE['zh-CN'];
  const event = (type: string, data: Record<string, unknown>): LiveEvent => ({
    id: '1',
    seq: 1,
    stream: 'x',
    at: '2030-01-01T00:00:00Z',
    type,
    data,
  });
  const feed = { live: zh.live, kinds: zh.alerts.kinds };

  it.each([
    [
      describeEvent(event('stock.changed', { sku: 'MUG', warehouse: 'LON', sellable: 1234 }), 'zh-CN', feed),
      'MUG 在 LON：可售 1,234',
    ],
    [describeEvent(event('order.shipped', { orderId: 'web-1' }), 'zh-CN', feed), '订单 web-1 已发货'],
    [
      describeEvent(event('alert.opened', { kind: 'low_stock', subject: 'MUG@LON' }), 'zh-CN', feed),
      '库存偏低预警已触发：MUG@LON',
    ],
    [
      describeFeedEntry(
        { event: event('sku.back_in_stock', { sku: 'S1', region: 'eu' }), count: 2000 },
        'zh-CN',
        feed,
      ),
      '2,000 条恢复有货（按 SKU 和地区），最新一条：S1 在 eu 恢复有货',
    ],
    [describeModel('ses + croston', zh.forecastWords, 'zh-CN'), '2 个模型的平均（ses, croston）'],
    [
      describeWape(0.785, 3, 'zh-CN', zh.forecastWords),
      '在最近 3 段历史上回测，误差为实际销量的 78.5%（WAPE）：粗略，请更多依靠安全库存。',
    ],
    [
      describeReorderBy({ reorderBy: '2030-01-24', reorderInDays: 23 }, 'zh-CN', zh.reorder),
      '1月24日（23 天后）',
    ],
    [describeCover(4.52, 'zh-CN', zh.reorder), '4.5 天'],
    [parseLines('MUG=0', zh.qtyLines).errors.join(), '“MUG=0”不是 SKU=数量 的格式'],
    [
      describeService(
        [
          { region: 'uk', deliveryDays: 1 },
          { region: 'us', deliveryDays: 7 },
        ],
        String,
        zh.deliveryDays,
      ),
      'uk 1 天送达，us 7 天送达',
    ],
    [
      describeEventDates(['2025-11-28', '2026-11-27'], '2026-11-26', zh.eventDates),
      '2 个日期：1 个已过去（从中学习销量提升），1 个尚未到来',
    ],
    [parseEventDates('2026-02-30', zh.eventDates).errors.join(), '2026-02-30 不是日期（YYYY-MM-DD）'],
  ])('%s', (actual, expected) => {
    expect(actual).toBe(expected);
  });

  it('keeps English plurals right where a count decides them', () => {
    const en = CATALOGUE.en;
    expect(describeCover(1, 'en-GB', en.reorder)).toBe('1 day');
    expect(describeService([{ region: 'uk', deliveryDays: 1 }])).toBe('uk in 1 day');
    expect(describeEventDates(['2030-01-01'], '2026-01-01')).toBe(
      '1 date: 0 past (the uplift is learned from them), 1 to come',
    );
  });
});

describe('keyboard shortcuts', () => {
  const input = { closest: (sel: string) => (sel.includes('input') ? {} : null) } as unknown as EventTarget;
  const body = { closest: () => null } as unknown as EventTarget;

  it('reads / as search, ? as the list, and g then a letter within a moment as go', () => {
    let now = 0;
    const read = createShortcutReader(() => now);
    expect(read({ key: '/', target: body })).toEqual({ kind: 'search' });
    expect(read({ key: '?', target: body })).toEqual({ kind: 'help' });
    expect(read({ key: 'g', target: body })).toBeNull();
    expect(read({ key: 'a', target: body })).toEqual({ kind: 'go', letter: 'a' });
    // A lone letter is nothing; g then a letter too late is nothing.
    expect(read({ key: 'a', target: body })).toBeNull();
    read({ key: 'g', target: body });
    now += 5_000;
    expect(read({ key: 'a', target: body })).toBeNull();
  });

  it('leaves keys typed into a field, with a modifier, alone', () => {
    const read = createShortcutReader(() => 0);
    expect(read({ key: '/', target: input })).toBeNull();
    expect(read({ key: 'g', target: input })).toBeNull();
    expect(read({ key: 'a', target: body })).toBeNull();
    expect(read({ key: '/', ctrlKey: true, target: body })).toBeNull();
  });

  it('cycles the theme system → light → dark → system', () => {
    expect(nextTheme('system')).toBe('light');
    expect(nextTheme('light')).toBe('dark');
    expect(nextTheme('dark')).toBe('system');
  });
});
