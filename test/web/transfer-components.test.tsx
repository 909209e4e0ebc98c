// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router';
import { SessionProvider } from '../../web/src/context.tsx';
import { TransferActions, type Transfer } from '../../web/src/pages/transfers.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const transfer: Transfer = {
  transferId: 'TR-1',
  from: 'LON',
  to: 'AMS',
  status: 'in_transit',
  note: null,
  createdAt: '2030-01-01T00:00:00Z',
  updatedAt: '2030-01-01T00:00:00Z',
  lines: [
    {
      sku: 'MUG',
      planned: 6,
      shipped: 6,
      received: 0,
      damaged: 0,
      lost: 0,
      cancelled: 0,
      lossReason: null,
      open: 0,
      inTransit: 6,
    },
  ],
};

function renderActions(answer: { status: number; body: unknown }) {
  const calls: { url: string; body: unknown }[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      calls.push({ url, body: init.body ? JSON.parse(String(init.body)) : undefined });
      return new Response(JSON.stringify(answer.body), { status: answer.status });
    }),
  );
  const onDone = vi.fn();
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider
        session={{ apiKey: 'sr_k', role: 'admin', keyId: 'key_1', warehouses: null }}
        signOut={() => {}}
      >
        <MemoryRouter>
          <TransferActions transfer={transfer} onDone={onDone} />
        </MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
  return { calls, onDone };
}

const type = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

describe('receiving a transfer from the board', () => {
  it('splits a line into good, damaged and lost, says so, and sends it', async () => {
    const { calls, onDone } = renderActions({ status: 201, body: transfer });
    fireEvent.click(screen.getByTestId('action-receive-transfer'));
    expect((screen.getByLabelText('Good units of MUG') as HTMLInputElement).value).toBe('6');
    type('Good units of MUG', '4');
    type('Damaged units of MUG', '1');
    type('Lost units of MUG', '1');
    expect(screen.getByTestId('receive-errors').textContent).toBe('MUG: say why 1 unit is lost');
    expect((screen.getByRole('button', { name: 'Review' }) as HTMLButtonElement).disabled).toBe(true);
    type('Loss reason for MUG', 'missing on arrival');
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(screen.getByTestId('confirm-text').textContent).toBe(
      'Receive at AMS: 4 × MUG good, 1 damaged, 1 lost (missing on arrival).',
    );
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(calls).toEqual([
      {
        url: '/v1/transfers/TR-1/receive',
        body: { lines: [{ sku: 'MUG', received: 4, damaged: 1, lost: 1, lossReason: 'missing on arrival' }] },
      },
    ]);
  });

  it('shows the API refusal with its code in the dialog', async () => {
    const { onDone } = renderActions({
      status: 409,
      body: { error: { code: 'exceeds_in_transit', message: 'MUG: 6 received but 5 in transit' } },
    });
    fireEvent.click(screen.getByTestId('action-receive-transfer'));
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('exceeds_in_transit'));
    expect(onDone).not.toHaveBeenCalled();
  });
});
