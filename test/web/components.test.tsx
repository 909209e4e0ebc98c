// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Empty, ErrorNote, QueryTable, Stat } from '../../web/src/components/ui.tsx';
import { ApiError } from '../../web/src/lib/api.ts';

afterEach(cleanup);

describe('designed states', () => {
  it('shows a refusal with its message and stable code', () => {
    render(
      <ErrorNote error={new ApiError(409, 'exceeds_locked', 'lock lck_1 holds 4 units; cannot unlock 99')} />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Refused');
    expect(alert.textContent).toContain('cannot unlock 99');
    expect(alert.textContent).toContain('exceeds_locked');
  });

  it('tells a network failure apart from a refusal', () => {
    render(<ErrorNote error={new ApiError(0, 'network_error', 'The server cannot be reached.')} />);
    expect(screen.getByRole('alert').textContent).toContain('Cannot reach the server');
    expect(screen.getByRole('alert').textContent).not.toContain('network_error');
  });

  it('renders empty states and counters', () => {
    render(
      <>
        <Empty title="No SKU matches.">Clear the filters.</Empty>
        <Stat label="Sellable units" value="1,234" hint="on hand 1,300" tone="good" testId="s" />
      </>,
    );
    expect(screen.getByText('No SKU matches.')).toBeTruthy();
    expect(screen.getByTestId('s').className).toContain('stat-good');
  });

  it('lists a query as a table of one row an item, or its empty state', () => {
    const query = (data: { sku: string; qty: number }[]) => ({
      isPending: false,
      error: null,
      data,
      refetch: () => {},
    });
    const table = (data: { sku: string; qty: number }[]) => (
      <QueryTable
        query={query(data)}
        what="backorders"
        empty="Nothing is owed."
        head={
          <>
            <th>SKU</th>
            <th>Qty</th>
          </>
        }
        row={(b) => (
          <tr key={b.sku}>
            <td>{b.sku}</td>
            <td>{b.qty}</td>
          </tr>
        )}
      />
    );
    const { rerender } = render(table([]));
    expect(screen.getByText('Nothing is owed.')).toBeTruthy();
    expect(screen.queryByRole('table')).toBeNull();
    rerender(
      table([
        { sku: 'MUG', qty: 2 },
        { sku: 'TEE', qty: 5 },
      ]),
    );
    expect(screen.getAllByRole('columnheader').map((h) => h.textContent)).toEqual(['SKU', 'Qty']);
    expect(
      screen
        .getAllByRole('row')
        .slice(1)
        .map((r) => r.textContent),
    ).toEqual(['MUG2', 'TEE5']);
  });
});
