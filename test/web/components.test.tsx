// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { Empty, ErrorNote, Stat } from '../../web/src/components/ui.tsx';
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
});
