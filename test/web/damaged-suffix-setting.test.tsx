// @vitest-environment happy-dom
/** The Settings card of the damaged-stock suffix rule: shows it, sets it, shows a refusal. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { SessionProvider } from '../../web/src/context.tsx';
import { DamagedSuffixSetting } from '../../web/src/pages/damaged-suffix-setting.tsx';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

function renderCard(answer: (method: string, body: unknown) => { status: number; body: unknown }) {
  const calls: unknown[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string, init: RequestInit) => {
      const method = init.method ?? 'GET';
      const body = init.body ? JSON.parse(String(init.body)) : undefined;
      calls.push([method, url, body]);
      const a = answer(method, body);
      return new Response(JSON.stringify(a.body), { status: a.status });
    }),
  );
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <SessionProvider
        session={{ apiKey: 'sr_k', role: 'admin', keyId: 'key_1', warehouses: null }}
        signOut={() => {}}
      >
        <DamagedSuffixSetting />
      </SessionProvider>
    </QueryClientProvider>,
  );
  return calls;
}

describe('the damaged-stock suffix card', () => {
  it('shows the rule off, sends the suffixes typed, and shows the refusal of a conflicting one', async () => {
    const calls = renderCard((method) =>
      method === 'PUT'
        ? {
            status: 409,
            body: { error: { code: 'damaged_suffix_conflict', message: 'SKUs already end with U (CAPU)' } },
          }
        : { status: 200, body: { suffixes: [] } },
    );
    expect((await screen.findByTestId('damaged-suffixes')).textContent).toContain('Off');
    const open = screen.getByTestId('action-damaged-suffix') as HTMLButtonElement;
    await waitFor(() => expect(open.disabled).toBe(false));
    fireEvent.click(open);
    fireEvent.change(screen.getByLabelText('Suffixes'), { target: { value: 'u, dmg' } });
    fireEvent.click(screen.getByRole('button', { name: 'Review' }));
    expect(screen.getByTestId('confirm-text').textContent).toContain('351038U is damaged 351038');
    fireEvent.click(screen.getByRole('button', { name: 'Confirm' }));
    await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('damaged_suffix_conflict'));
    expect(calls).toContainEqual(['PUT', '/v1/settings/damaged-suffix', { suffixes: ['U', 'DMG'] }]);
  });

  it('says which suffixes are on', async () => {
    renderCard(() => ({ status: 200, body: { suffixes: ['U', 'X'] } }));
    expect((await screen.findByTestId('damaged-suffixes')).textContent).toContain('U, X');
  });
});
