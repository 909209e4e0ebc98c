import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import type { Ok } from '../../lib/api.ts';
import { ActionDialog, Card, Field, QueryView } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';

const STRATEGIES = ['fewest_shipments', 'fastest', 'priority', 'single_warehouse'] as const;

type RoutingPolicy = Ok<'/v1/settings/routing', 'get'>;
export function Routing() {
  const api = useApi();
  const qc = useQueryClient();
  const policy = useQuery({
    queryKey: ['settings', 'routing'],
    queryFn: () => api.get('/v1/settings/routing'),
  });
  const [f, setF] = useState<RoutingPolicy>({ strategy: 'fewest_shipments', allowSplit: true });
  const { t } = useI18n();
  const m = t.settings;
  return (
    <Card
      title={m.routingTitle}
      actions={
        <ActionDialog
          label={m.edit}
          title={m.routingPolicy}
          testId="action-routing"
          disabled={!policy.data}
          onOpen={() => policy.data && setF(policy.data)}
          summary={() => m.routingSummary(m.strategyName[f.strategy] ?? f.strategy, f.allowSplit)}
          onConfirm={() => api.put('/v1/settings/routing', { body: f })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'routing'] })}
        >
          <Field label={m.strategy}>
            <select
              value={f.strategy}
              onChange={(e) => setF({ ...f, strategy: e.target.value as RoutingPolicy['strategy'] })}
            >
              {STRATEGIES.map((value) => (
                <option key={value} value={value}>
                  {m.strategyName[value]}: {m.strategyHint[value]}
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
            {m.allowSplit}
          </label>
        </ActionDialog>
      }
    >
      <QueryView query={policy} what={m.routingWhat}>
        {(p) => (
          <p data-testid="routing-policy">
            {m.routingNow(m.strategyName[p.strategy] ?? p.strategy, p.allowSplit)}
          </p>
        )}
      </QueryView>
    </Card>
  );
}
