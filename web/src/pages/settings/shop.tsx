import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Card, Field, QueryView } from '../../components/ui.tsx';
import { useI18n } from '../../i18n.tsx';

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
  const { lang, t } = useI18n();
  const m = t.settings;
  // Currency names in the dashboard's language (人民币, not Chinese Yuan, in Chinese).
  const name = (code: string) => new Intl.DisplayNames([lang], { type: 'currency' }).of(code) ?? code;
  return (
    <Card
      title={m.shopTitle}
      actions={
        <ActionDialog
          label={m.edit}
          title={m.currencyTitle}
          testId="action-currency"
          disabled={!shop.data}
          onOpen={() => shop.data && setCurrency(shop.data.currency)}
          summary={() => (currency ? m.currencySummary(name(currency), currency) : null)}
          onConfirm={() => api.put('/v1/settings/shop', { body: { currency } })}
          onDone={() => void qc.invalidateQueries({ queryKey: ['settings', 'shop'] })}
        >
          <Field label={m.currency}>
            <select value={currency} onChange={(e) => setCurrency(e.target.value)} aria-label={m.currency}>
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
      <QueryView query={shop} what={m.shopWhat}>
        {(s) => (
          <p data-testid="shop-currency">
            {m.currencyNow} <strong>{name(s.currency)}</strong> ({s.currency}).
          </p>
        )}
      </QueryView>
    </Card>
  );
}
