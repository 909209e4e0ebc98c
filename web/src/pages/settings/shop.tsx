import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Card, Field, QueryView } from '../../components/ui.tsx';

/** Every ISO 4217 code this browser knows, for the currency choice. */
const CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');
export function Shop() {
  const api = useApi();
  const qc = useQueryClient();
  const shop = useQuery({
    queryKey: ['settings', 'shop'],
    queryFn: () => api.get('/v1/settings/shop'),
  });
  const [currency, setCurrency] = useState('');
  const name = (code: string) => new Intl.DisplayNames(undefined, { type: 'currency' }).of(code) ?? code;
  return (
    <Card
      title="Shop"
      actions={
        <ActionDialog
          label="Edit"
          title="The shop's currency"
          testId="action-currency"
          disabled={!shop.data}
          onOpen={() => shop.data && setCurrency(shop.data.currency)}
          summary={() =>
            currency
              ? `Show every price, cost and stock value in ${name(currency)} (${currency}). Figures are relabelled, not converted.`
              : null
          }
          onConfirm={() => api.put('/v1/settings/shop', { body: { currency } })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'shop'] })}
        >
          <Field label="Currency">
            <select value={currency} onChange={(e) => setCurrency(e.target.value)} aria-label="Currency">
              {CURRENCIES.map((code) => (
                <option key={code} value={code}>
                  {code} · {name(code)}
                </option>
              ))}
            </select>
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={shop} what="the shop's settings">
        {(s) => (
          <p data-testid="shop-currency">
            Prices, costs and stock values are in <strong>{name(s.currency)}</strong> ({s.currency}).
          </p>
        )}
      </QueryView>
    </Card>
  );
}
