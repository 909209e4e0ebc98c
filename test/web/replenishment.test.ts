import { describe, expect, it } from 'vitest';
import {
  csvFileName,
  describeCover,
  describeReceipt,
  describeReorderBy,
  explainSuggestion,
  isActive,
  poTotals,
  suggestionState,
  type Suggestion,
} from '../../web/src/lib/replenishment.ts';
import { queryKeysFor, describeEvent } from '../../web/src/lib/live.ts';
import { createApi } from '../../web/src/lib/api.ts';

function suggestion(change: Partial<Suggestion> = {}): Suggestion {
  return {
    sku: 'MUG',
    warehouse: 'LON',
    policy: {
      supplier: 'ACME',
      leadTimeDays: 14,
      serviceLevel: 0.95,
      reviewPeriodDays: 7,
      minOrder: 0,
      packSize: 6,
    },
    stock: {
      onHand: 230,
      reserved: 10,
      unsellable: 0,
      locked: 0,
      transferReserved: 0,
      virtual: 0,
      inboundTransfers: 0,
      incoming: 0,
      backorders: 0,
      sellable: 220,
    },
    forecast: {
      model: 'sba + croston',
      computedAt: '2030-01-01T00:00:00Z',
      dailyMean: 16.5,
      dailyErrorSd: 31,
      wape: 1.08,
    },
    forecastPending: false,
    leadTimeDemand: 230.96,
    safetyStock: 233.48,
    reorderPoint: 464.44,
    orderUpTo: 579.92,
    inventoryPosition: 220,
    needed: true,
    suggestedQty: 360,
    coverWindowDays: 21,
    committed: 0,
    dailyDemand: 16.5,
    daysOfCover: 13.33,
    reorderInDays: 0,
    reorderBy: '2030-01-01',
    unitCost: 1.62,
    ...change,
  };
}

describe('suggestion formatting', () => {
  it('works out the formula in the row’s numbers', () => {
    const lines = explainSuggestion(suggestion(), 'en-GB');
    expect(lines[0]).toBe(
      'Inventory position 220 = on hand 230 − unsellable 0 − reserved 10 − transfer-reserved 0 + inbound transfers 0 + incoming 0.',
    );
    expect(lines).toContain(
      'Demand: 16.5 a day on average over the next 21 days (lead time + review period); over the lead time of 14 days 231.',
    );
    expect(lines).toContain('Cover 13.3 days = inventory position 220 ÷ 16.5 a day.');
    expect(lines.join('\n')).toContain(
      "Safety stock 233 covers 95% of the forecast's misses over 14 + 7 days (lead time + review period), judged from its past errors (a day's error typically 31).",
    );
    expect(lines.join('\n')).toContain(
      'Reorder point 464 = lead-time demand + safety stock; order-up-to 580',
    );
    expect(lines.at(-1)).toBe(
      'Suggested 360 = order-up-to 580 − inventory position 220, rounded up to packs of 6.',
    );
  });

  it('says when the reorder point stops at the demand over lead time plus review period', () => {
    const capped = suggestion({ safetyStock: 233.48, reorderPoint: 346.5, needed: false, suggestedQty: 0 });
    expect(explainSuggestion(capped, 'en-GB').join('\n')).toContain(
      'Reorder point 347 = the demand over 21 days: lead-time demand + safety stock would be more, but a position that covers the whole interval is never due',
    );
  });

  it('is honest about a pending forecast', () => {
    const s = suggestion({ forecast: null, forecastPending: true, suggestedQty: 0, needed: false });
    expect(suggestionState(s)).toEqual({ label: 'forecast pending', tone: 'info' });
    expect(explainSuggestion(s)[1]).toContain('No forecast yet');
    expect(suggestionState({ ...s, suggestedQty: 4, inventoryPosition: -4 }).label).toContain('what is owed');
  });

  it('names the state of a row', () => {
    expect(suggestionState(suggestion()).label).toBe('order now');
    expect(suggestionState(suggestion({ inventoryPosition: -3 })).tone).toBe('bad');
    expect(suggestionState(suggestion({ needed: false, reorderInDays: 3 })).label).toBe('order soon');
    expect(suggestionState(suggestion({ needed: false, reorderInDays: 30 })).label).toBe('enough');
    expect(
      suggestionState(suggestion({ needed: false, reorderInDays: null, reorderPoint: 0, orderUpTo: 0 }))
        .label,
    ).toBe('no demand');
    const dormant = suggestion({ needed: false, reorderPoint: 0, orderUpTo: 0, safetyStock: 0 });
    expect(explainSuggestion(dormant).join('\n')).toContain(
      'No safety stock: the forecast expects under half a unit',
    );
  });

  it('says when to reorder and how long stock lasts', () => {
    expect(describeReorderBy({ reorderBy: '2030-01-01', reorderInDays: 0 }, 'en-GB')).toBe('today');
    expect(describeReorderBy({ reorderBy: '2030-01-02', reorderInDays: 1 }, 'en-GB')).toBe('tomorrow');
    expect(describeReorderBy({ reorderBy: '2030-01-24', reorderInDays: 23 }, 'en-GB')).toBe(
      '24 Jan (in 23 days)',
    );
    expect(describeReorderBy({ reorderBy: null, reorderInDays: null })).toBe('–');
    expect(describeCover(4.52, 'en-GB')).toBe('4.5 days');
    expect(describeCover(44.3, 'en-GB')).toBe('44 days');
    expect(describeCover(33392.8, 'en-GB')).toBe('over a year');
    expect(describeCover(0)).toBe('none');
    expect(describeCover(null)).toBe('–');
  });
});

describe('purchase orders', () => {
  const po = {
    poId: 'po_1',
    warehouse: 'LON',
    status: 'partially_received' as const,
    lines: [
      { sku: 'MUG', ordered: 120, received: 60, open: 60, overReceived: 0, short: 0, unitCost: 2.5 },
      { sku: 'TEE', ordered: 10, received: 12, open: 0, overReceived: 2, short: 0, unitCost: 4 },
    ],
  };

  it('adds up the lines', () => {
    expect(poTotals(po)).toEqual({ ordered: 130, received: 72, open: 60, value: 340 });
    expect(poTotals({ lines: [{ ...po.lines[0]!, unitCost: null }] }).value).toBeNull();
    expect(isActive(po)).toBe(true);
    expect(isActive({ status: 'closed' })).toBe(false);
  });

  it('says what a receipt will book', () => {
    expect(
      describeReceipt(
        po,
        [
          { sku: 'MUG', qty: 1200, inspect: true },
          { sku: 'TEE', qty: 2 },
        ],
        'en-GB',
      ),
    ).toBe('Receive 1,200 × MUG (held for inspection), 2 × TEE into LON against po_1.');
  });

  it('names the CSV after its filters and the day', () => {
    const today = new Date('2030-05-06T10:00:00Z');
    expect(csvFileName({ warehouse: 'LON', supplier: 'ACME' }, today)).toBe(
      'replenishment-LON-ACME-2030-05-06.csv',
    );
    expect(csvFileName({}, today)).toBe('replenishment-2030-05-06.csv');
  });

  it('refreshes the order, the suggestions and the SKUs of its lines when an order event arrives', () => {
    const e = {
      id: '9',
      seq: 9,
      stream: 'purchase_order:po_1',
      type: 'purchase_order.received',
      at: '2030-01-01T00:00:00Z',
      data: { poId: 'po_1', warehouse: 'LON', lines: [{ sku: 'MUG', qty: 60 }] },
    };
    const keys = queryKeysFor(e);
    expect(keys).toContainEqual(['purchase-orders']);
    expect(keys).toContainEqual(['replenishment']);
    expect(keys).toContainEqual(['sku', 'MUG']);
    expect(describeEvent(e)).toBe('purchase order po_1 received (LON)');
  });
});

describe('CSV download through the API client', () => {
  it('sends the key and returns the body as a Blob; a refusal keeps its code', async () => {
    const seen: { url: string; headers: Record<string, string> }[] = [];
    const fetchImpl = (async (url: string, init: RequestInit) => {
      seen.push({ url, headers: init.headers as Record<string, string> });
      return url.includes('warehouse=NOPE')
        ? new Response(
            JSON.stringify({ error: { code: 'unknown_warehouse', message: 'no warehouse NOPE' } }),
            {
              status: 404,
            },
          )
        : new Response('sku,warehouse\nMUG,LON\n', { status: 200, headers: { 'content-type': 'text/csv' } });
    }) as typeof fetch;
    const api = createApi('sr_key', 'http://x', fetchImpl);
    const blob = await api.get('/v1/replenishment', {
      params: { query: { warehouse: 'LON', format: 'csv' } },
      headers: { accept: 'text/csv' },
      parseAs: 'blob',
    });
    expect(await blob.text()).toBe('sku,warehouse\nMUG,LON\n');
    expect(seen[0]!.url).toBe('http://x/v1/replenishment?warehouse=LON&format=csv');
    expect(seen[0]!.headers.authorization).toBe('Bearer sr_key');
    expect(seen[0]!.headers.accept).toBe('text/csv');
    await expect(
      api.get('/v1/replenishment', { params: { query: { warehouse: 'NOPE' } }, parseAs: 'blob' }),
    ).rejects.toMatchObject({
      status: 404,
      code: 'unknown_warehouse',
    });
  });
});
