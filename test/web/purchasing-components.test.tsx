// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../web/src/context.tsx';
import { SkuReplenishment } from '../../web/src/pages/forecast.tsx';
import { SuggestionTotals } from '../../web/src/pages/purchasing/suggestions.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

/** The dashboard's providers around a screen part, with the API answered by `answer`. */
function renderWithApi(ui: ReactNode, answer: (url: string) => { status: number; body: unknown }) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const a = answer(url);
      return new Response(JSON.stringify(a.body), { status: a.status });
    }),
  );
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={client}>
      <SessionProvider
        session={{ apiKey: 'sr_k', role: 'admin', keyId: 'key_1', warehouses: null }}
        signOut={() => {}}
      >
        <MemoryRouter>{ui}</MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

const row = {
  sku: 'MUG',
  warehouse: 'LON',
  policy: {
    supplier: 'ACME',
    leadTimeDays: 10,
    serviceLevel: 0.95,
    reviewPeriodDays: 7,
    minOrder: 0,
    packSize: 6,
  },
  stock: {
    onHand: 3747,
    reserved: 0,
    unsellable: 0,
    locked: 0,
    transferReserved: 0,
    virtual: 0,
    inboundTransfers: 0,
    incoming: 120,
    backorders: 0,
    sellable: 3747,
  },
  forecast: {
    model: 'ses',
    computedAt: '2030-01-01T00:00:00Z',
    dailyMean: 82.8,
    dailyErrorSd: 150,
    wape: 0.78,
  },
  forecastPending: false,
  leadTimeDemand: 813.94,
  safetyStock: 1017.44,
  reorderPoint: 1831.38,
  orderUpTo: 2424.78,
  inventoryPosition: 3867,
  needed: false,
  suggestedQty: 0,
  coverWindowDays: 38,
  dailyDemand: 82.8,
  daysOfCover: 46.7,
  reorderInDays: 24,
  reorderBy: '2030-01-25',
  unitCost: 2.55,
};

describe('replenishment on the SKU page', () => {
  it('shows each warehouse’s suggestion with incoming and the formula', async () => {
    renderWithApi(<SkuReplenishment sku="MUG" />, (url) => {
      expect(url).toBe('/v1/replenishment?sku=MUG&limit=200');
      return {
        status: 200,
        body: {
          items: [row, { ...row, warehouse: 'NYC', forecast: null, forecastPending: true, suggestedQty: 0 }],
          nextCursor: null,
        },
      };
    });
    const lon = await screen.findByTestId('replenishment-LON');
    expect(lon.textContent).toContain('3,867');
    expect(lon.textContent).toContain('1,831');
    expect(lon.textContent).toContain('enough');
    expect(lon.querySelector('[data-testid="incoming"]')?.textContent).toBe('120');
    const nyc = screen.getByTestId('replenishment-NYC');
    expect(nyc.textContent).toContain('forecast pending');
    expect(screen.getByText(/Safety stock 1,017 covers 95% of the forecast/)).toBeTruthy();
  });

  it('says when there is nothing to show, and shows a refusal with its code', async () => {
    renderWithApi(<SkuReplenishment sku="MUG" />, () => ({
      status: 200,
      body: { items: [], nextCursor: null },
    }));
    await screen.findByText('No position of this SKU to replenish.');
    cleanup();
    renderWithApi(<SkuReplenishment sku="NOPE" />, () => ({
      status: 404,
      body: { error: { code: 'unknown_sku', message: 'no SKU NOPE' } },
    }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('unknown_sku'));
  });
});

describe('suggestion totals', () => {
  it('says the size of the whole list under the filter, and what has no cost', () => {
    render(
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
    const text = screen.getByTestId('suggestion-totals').textContent;
    expect(text).toContain('162 of 1,500 positions to order now: 4,812 units worth');
    expect(text).toContain('7,305.50');
    expect(text).toContain('(2 without a unit cost, not counted)');
  });
});
