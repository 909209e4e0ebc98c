// @vitest-environment happy-dom
/**
 * Screens drawn in Simplified Chinese carry no English: every word of Latin letters on them
 * (text, aria-label, title, placeholder) is a code, a data value or a format the reader types,
 * listed below. A label added without the catalogue shows up here as an unexpected word.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { cleanup, render, screen } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter, Route, Routes } from 'react-router';
import { SessionProvider } from '../../web/src/context.tsx';
import { I18nProvider } from '../../web/src/i18n.tsx';
import { setFormatLocale } from '../../web/src/lib/format.ts';
import { CataloguePage } from '../../web/src/pages/catalogue.tsx';
import { SkuEditPage } from '../../web/src/pages/sku-edit.tsx';
import { DamagedSuffixSetting } from '../../web/src/pages/damaged-suffix-setting.tsx';
import { PageErrorBoundary } from '../../web/src/components/error-boundary.tsx';
import { ForecastPanel, SkuReplenishment } from '../../web/src/pages/forecast.tsx';
import { SuggestionTotals } from '../../web/src/pages/purchasing/suggestions.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
  setFormatLocale(undefined);
});

/** Latin words that are not English prose: codes, data of the answers below, typed formats. */
const NOT_ENGLISH = new Set(
  [
    // Codes and names a Chinese manager reads as they are (the formula's letters too).
    'SKU API PUT CSV WAPE UTC Ctrl v1 channels S I O U L T V',
    // Formats typed into fields.
    'key value size colour red M',
    // The data answered by the stub API, and the error thrown.
    'mugs Mugs kitchen Kitchen web Web shop MUG tee Tee LON NYC ACME Oops',
  ]
    .join(' ')
    .split(' '),
);

function englishWords(root: HTMLElement): string[] {
  // Each text node on its own: textContent would glue neighbouring cells into one word.
  const texts: string[] = [];
  const walker = root.ownerDocument.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) texts.push(n.nodeValue ?? '');
  for (const el of root.querySelectorAll('*'))
    for (const attr of ['aria-label', 'title', 'placeholder']) {
      const v = el.getAttribute(attr);
      if (v) texts.push(v);
    }
  const words = texts.join(' ').match(/[A-Za-z][A-Za-z0-9]*/g) ?? [];
  return [...new Set(words.filter((w) => !NOT_ENGLISH.has(w)))];
}

/** A replenishment suggestion: an order due, rounded to packs, with a minimum order. */
const suggestion = {
  sku: 'MUG',
  warehouse: 'LON',
  policy: {
    supplier: 'ACME',
    leadTimeDays: 10,
    serviceLevel: 0.95,
    reviewPeriodDays: 7,
    minOrder: 12,
    packSize: 6,
  },
  stock: {
    onHand: 300,
    reserved: 10,
    unsellable: 2,
    locked: 0,
    transferReserved: 4,
    virtual: 0,
    inboundTransfers: 5,
    incoming: 20,
    backorders: 0,
    sellable: 284,
  },
  forecast: {
    model: 'ses',
    computedAt: '2030-01-01T00:00:00Z',
    dailyMean: 82.8,
    dailyErrorSd: 150,
    wape: 0.3,
  },
  forecastPending: false,
  leadTimeDemand: 813.94,
  safetyStock: 1017.44,
  reorderPoint: 1831.38,
  orderUpTo: 2424.78,
  inventoryPosition: 309,
  needed: true,
  suggestedQty: 2118,
  coverWindowDays: 17,
  dailyDemand: 82.8,
  daysOfCover: 3.7,
  reorderInDays: 0,
  reorderBy: '2030-01-01',
  unitCost: 2.55,
};

const ANSWERS: [RegExp, unknown][] = [
  [/\/v1\/warehouses$/, { items: [{ code: 'LON' }] }],
  [
    /\/v1\/demand\/MUG$/,
    {
      sku: 'MUG',
      warehouse: null,
      from: '2030-01-01',
      to: '2030-01-02',
      firstLedgerDay: '2030-01-01',
      days: [
        { date: '2030-01-01', units: 3, source: 'ledger', outOfStock: true },
        { date: '2030-01-02', units: 5, source: 'ledger', outOfStock: false },
      ],
    },
  ],
  [
    /\/v1\/forecast\/MUG$/,
    {
      sku: 'MUG',
      warehouse: null,
      horizonDays: 2,
      level: 0.8,
      bucket: 'day',
      seasonLength: null,
      model: 'ses + croston',
      classification: 'erratic',
      backtest: { wape: 0.62, dailyErrorSd: 1.5, origins: 3 },
      history: { from: '2030-01-01', to: '2030-01-02', observedDays: 2, outOfStockDays: 1 },
      eventUplifts: [],
      days: [{ date: '2030-01-03', forecast: 4, lower: 2, upper: 6 }],
    },
  ],
  [
    /\/v1\/replenishment$/,
    {
      items: [
        suggestion,
        {
          ...suggestion,
          warehouse: 'NYC',
          forecast: null,
          forecastPending: true,
          suggestedQty: 4,
          reorderInDays: 12,
        },
      ],
      nextCursor: null,
    },
  ],
  [
    /\/v1\/categories/,
    { items: [{ code: 'mugs', name: 'Mugs', parent: 'kitchen', path: ['kitchen', 'mugs'] }] },
  ],
  [
    /\/v1\/channels\/web\/availability/,
    {
      items: [{ sku: 'MUG', product: 'tee', title: 'Tee', price: 8, listed: false, published: 3 }],
      nextCursor: 'c',
    },
  ],
  [/\/v1\/channels/, { items: [{ code: 'web', name: 'Web shop' }] }],
  [
    /\/v1\/skus\/MUG$/,
    {
      sku: 'MUG',
      name: 'Mugs',
      price: 8,
      unitCost: 3,
      product: 'tee',
      options: {},
      categories: ['mugs'],
      attributes: { size: 'M' },
    },
  ],
  [
    /\/v1\/skus/,
    {
      items: [
        {
          sku: 'MUG',
          name: 'Mugs',
          price: 8,
          unitCost: 3,
          product: null,
          options: {},
          categories: ['mugs'],
          attributes: { colour: 'red' },
        },
      ],
      nextCursor: 'c',
    },
  ],
  [/\/v1\/products/, { items: [{ code: 'tee', name: 'Tee', options: ['size'], categories: [] }] }],
  [/\/v1\/settings\/damaged-suffix/, { suffixes: ['U'] }],
];

/** A screen in Chinese, as an admin, with the API answered from ANSWERS. */
function renderZh(ui: ReactNode, path = '/') {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const found = ANSWERS.find(([re]) => re.test(url.split('?')[0]!));
      return new Response(JSON.stringify(found ? found[1] : {}), { status: found ? 200 : 404 });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <I18nProvider initial="zh-CN">
      <QueryClientProvider client={client}>
        <SessionProvider
          session={{ apiKey: 'sr_k', role: 'admin', keyId: 'key_1', warehouses: null }}
          signOut={() => {}}
        >
          <MemoryRouter initialEntries={[path]}>{ui}</MemoryRouter>
        </SessionProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
}

describe('screens in Chinese', () => {
  it.each([
    ['categories', 'category-mugs'],
    ['listings', 'listing-MUG'],
    ['bulk-edit', 'bulk-row-MUG'],
  ])('the catalogue tab %s has no English', async (tab, testId) => {
    const { container } = renderZh(
      <Routes>
        <Route path="/catalogue/:tab" element={<CataloguePage />} />
      </Routes>,
      `/catalogue/${tab}`,
    );
    await screen.findByTestId(testId);
    expect(englishWords(container)).toEqual([]);
  });

  it.each([['/skus/MUG/edit'], ['/skus/new']])('the SKU form at %s has no English', async (path) => {
    const { container } = renderZh(
      <Routes>
        <Route path="/skus/new" element={<SkuEditPage />} />
        <Route path="/skus/:sku/edit" element={<SkuEditPage />} />
      </Routes>,
      path,
    );
    await screen.findByTestId('sku-form');
    if (path.includes('MUG')) await screen.findByDisplayValue('Mugs');
    expect(englishWords(container)).toEqual([]);
  });

  it('the damaged-suffix card has no English', async () => {
    const { container } = renderZh(<DamagedSuffixSetting />);
    await screen.findByTestId('damaged-suffixes');
    expect(englishWords(container)).toEqual([]);
  });

  it('the SKU page’s replenishment card, with the numbers worked out, has no English', async () => {
    const { container } = renderZh(<SkuReplenishment sku="MUG" />);
    await screen.findByTestId('replenishment-NYC');
    expect(container.textContent).toContain('立即订购');
    expect(container.textContent).toContain('按每箱 6 件向上取整');
    expect(englishWords(container)).toEqual([]);
  });

  it('the SKU page’s demand and forecast card has no English but model codes', async () => {
    const { container } = renderZh(<ForecastPanel sku="MUG" />);
    await screen.findByTestId('forecast-model');
    expect(screen.getByTestId('forecast-model').textContent).toBe('2 个模型的平均（ses, croston）');
    expect(englishWords(container).filter((w) => w !== 'ses' && w !== 'croston')).toEqual([]);
  });

  it('purchasing’s totals have no English', () => {
    const { container } = renderZh(
      <SuggestionTotals
        totals={{
          positions: 1500,
          needed: 162,
          forecastPending: 0,
          suggestedUnits: 4812,
          suggestedValue: 7305.5,
          neededWithoutCost: 2,
          currency: 'EUR',
        }}
      />,
    );
    expect(englishWords(container)).toEqual([]);
  });

  it('the page-failure fallback has no English but the error itself', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const Broken = (): never => {
      throw new Error('Oops');
    };
    const { container } = renderZh(
      <PageErrorBoundary>
        <Broken />
      </PageErrorBoundary>,
    );
    expect(screen.getByTestId('page-error').textContent).toContain('此页面无法显示');
    expect(englishWords(container)).toEqual([]);
  });
});
