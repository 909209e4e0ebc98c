import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import type { Ok } from '../../lib/api.ts';
import { ActionDialog, Card, Field, QueryView } from '../../components/ui.tsx';

const STRATEGIES = [
  ['fewest_shipments', 'fewest shipments: the smallest set of warehouses, then the fastest'],
  ['fastest', 'fastest: each line from the fastest warehouse with stock'],
  ['priority', 'priority: each line from the highest-priority warehouse with stock'],
  ['single_warehouse', 'single warehouse: the whole order from one warehouse, or refused'],
] as const;

type RoutingPolicy = Ok<'/v1/settings/routing', 'get'>;
export function Routing() {
  const api = useApi();
  const qc = useQueryClient();
  const policy = useQuery({
    queryKey: ['settings', 'routing'],
    queryFn: () => api.get('/v1/settings/routing'),
  });
  const [f, setF] = useState<RoutingPolicy>({ strategy: 'fewest_shipments', allowSplit: true });
  return (
    <Card
      title="Order routing"
      actions={
        <ActionDialog
          label="Edit"
          title="Routing policy"
          testId="action-routing"
          disabled={!policy.data}
          onOpen={() => policy.data && setF(policy.data)}
          summary={() =>
            `Route orders that name no warehouse by ${f.strategy.replace(/_/g, ' ')}, ${
              f.allowSplit ? 'splitting an order across warehouses when needed' : 'never splitting an order'
            }. Orders may still override it.`
          }
          onConfirm={() => api.put('/v1/settings/routing', { body: f })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'routing'] })}
        >
          <Field label="Strategy">
            <select
              value={f.strategy}
              onChange={(e) => setF({ ...f, strategy: e.target.value as RoutingPolicy['strategy'] })}
            >
              {STRATEGIES.map(([value, label]) => (
                <option key={value} value={value}>
                  {label}
                </option>
              ))}
            </select>
          </Field>
          <label className="check">
            <input
              type="checkbox"
              checked={f.allowSplit}
              onChange={(e) => setF({ ...f, allowSplit: e.target.checked })}
            />{' '}
            Allow splitting an order across warehouses
          </label>
        </ActionDialog>
      }
    >
      <QueryView query={policy} what="the routing policy">
        {(p) => (
          <p data-testid="routing-policy">
            Orders that name no warehouse go by <strong>{p.strategy.replace(/_/g, ' ')}</strong>;{' '}
            {p.allowSplit ? 'an order may be split across warehouses' : 'an order is never split'}.
          </p>
        )}
      </QueryView>
    </Card>
  );
}
