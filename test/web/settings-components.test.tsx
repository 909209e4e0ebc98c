// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReactNode } from 'react';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../web/src/context.tsx';
import { DeliveryDays } from '../../web/src/pages/settings/warehouses.tsx';
import { WebhookDeliveries } from '../../web/src/pages/settings/webhooks.tsx';
import { describeService, serviceForm, serviceLines } from '../../web/src/lib/delivery-days.ts';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

type Answer = { status: number; body: unknown };
function renderWithApi(ui: ReactNode, answer: (method: string, url: string, body: unknown) => Answer) {
  const calls: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const method = init.method ?? 'GET';
      calls.push(`${method} ${url}`);
      const a = answer(method, url, init.body ? JSON.parse(String(init.body)) : undefined);
      return new Response(JSON.stringify(a.body), { status: a.status });
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SessionProvider
        session={{ apiKey: 'sr_k', role: 'admin', keyId: 'key_1', warehouses: null }}
        signOut={() => {}}
      >
        <MemoryRouter>{ui}</MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return calls;
}

const delivery = (over: Record<string, unknown>) => ({
  deliveryId: 'dlv_1',
  webhookId: 'wh_1',
  eventId: 'evt_1',
  eventSeq: 41,
  eventType: 'stock.changed',
  status: 'delivered',
  attempts: 1,
  nextAttemptAt: null,
  lastStatusCode: 200,
  lastError: null,
  createdAt: '2030-01-01T00:00:00Z',
  deliveredAt: '2030-01-01T00:00:01Z',
  deadAt: null,
  attemptLog: [],
  ...over,
});

describe('delivery days form', () => {
  it('fills one box per region and sends only the regions given', () => {
    const form = serviceForm(['eu', 'uk', 'us'], [{ region: 'uk', deliveryDays: 1 }]);
    expect(form).toEqual({ eu: '', uk: '1', us: '' });
    expect(serviceLines({ ...form, eu: ' 2 ' })).toEqual({
      lines: [
        { region: 'eu', deliveryDays: 2 },
        { region: 'uk', deliveryDays: 1 },
      ],
      errors: [],
    });
    expect(serviceLines({ eu: '1.5', us: '400' }).errors).toEqual([
      'eu: delivery days are a whole number from 0 to 365',
      'us: delivery days are a whole number from 0 to 365',
    ]);
    expect(
      describeService([
        { region: 'uk', deliveryDays: 1 },
        { region: 'us', deliveryDays: 7 },
      ]),
    ).toBe('uk in 1 day, us in 7 days');
  });

  it('replaces a warehouse’s list and shows a refusal with its code', async () => {
    const calls = renderWithApi(
      <table>
        <tbody>
          <tr>
            <DeliveryDays warehouse="LON" />
          </tr>
        </tbody>
      </table>,
      (method, url, body) => {
        if (url === '/v1/regions')
          return {
            status: 200,
            body: {
              items: [
                { code: 'uk', name: 'UK' },
                { code: 'eu', name: 'EU' },
              ],
            },
          };
        if (method === 'PUT') {
          expect(body).toEqual({ regions: [{ region: 'eu', deliveryDays: 2 }] });
          return { status: 404, body: { error: { code: 'unknown_region', message: 'no region eu' } } };
        }
        return { status: 200, body: { warehouse: 'LON', regions: [] } };
      },
    );
    await screen.findByText('every region, by distance');
    const open = screen.getByTestId('action-delivery-days-LON') as HTMLButtonElement;
    await waitFor(() => expect(open.disabled).toBe(false));
    fireEvent.click(open);
    fireEvent.change(screen.getByLabelText('Delivery days to eu'), { target: { value: '2' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(screen.getByTestId('confirm-text').textContent).toBe('LON serves only eu in 2 days.');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('unknown_region'));
    expect(calls).toContain('PUT /v1/warehouses/LON/regions');
  });
});

describe('a webhook’s deliveries', () => {
  it('lists deliveries, then the dead letters, and replays one', async () => {
    const calls = renderWithApi(<WebhookDeliveries webhookId="wh_1" />, (method, url) => {
      if (url.startsWith('/v1/webhooks/wh_1/deliveries'))
        return { status: 200, body: { items: [delivery({})], nextCursor: null } };
      if (url.startsWith('/v1/webhooks/wh_1/dead-letters?'))
        return {
          status: 200,
          body: {
            items: [
              delivery({
                deliveryId: 'dlv_2',
                eventSeq: 42,
                status: 'dead',
                attempts: 8,
                lastStatusCode: 500,
                lastError: 'server error',
                deliveredAt: null,
                deadAt: '2030-01-02T00:00:00Z',
              }),
            ],
            nextCursor: null,
          },
        };
      return { status: 200, body: { replayed: 1, items: [] } };
    });
    await screen.findByText('delivered');
    expect(screen.getByText('HTTP 200')).toBeTruthy();
    fireEvent.click(screen.getByLabelText(/Only dead letters/));
    await screen.findByText('HTTP 500 · server error');
    fireEvent.click(screen.getByRole('button', { name: 'Replay' }));
    expect(screen.getByTestId('confirm-text').textContent).toContain('Queue event #42 (stock.changed)');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(calls).toContain('POST /v1/webhooks/wh_1/dead-letters/dlv_2/replay'));
  });
});
