import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n.tsx';
import { useApi } from '../../context.tsx';
import { ActionDialog, Card, Empty, Field, QueryView } from '../../components/ui.tsx';
import { text } from './form.ts';

export function Regions() {
  const api = useApi();
  const qc = useQueryClient();
  const regions = useQuery({
    queryKey: ['regions'],
    queryFn: () => api.get('/v1/regions').then((r) => r.items),
  });
  const [f, setF] = useState({ code: '', name: '', countries: '' });
  const countries = f.countries
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((c) => c.toUpperCase());
  const c = useI18n().t.cards;
  const m = c.regions;
  return (
    <Card
      title={m.title}
      actions={
        <ActionDialog
          label={c.addOrUpdate}
          title={c.region}
          onOpen={() => setF({ code: '', name: '', countries: '' })}
          summary={() =>
            text(f.code) && text(f.name) && countries.length > 0
              ? m.summary(f.code, countries.join(', '))
              : null
          }
          onConfirm={() =>
            api.put('/v1/regions/{code}', {
              params: { path: { code: text(f.code) } },
              body: { name: text(f.name), countries },
            })
          }
          onDone={() => void qc.invalidateQueries({ queryKey: ['regions'] })}
        >
          <Field label={c.code}>
            <input value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} required />
          </Field>
          <Field label={c.name}>
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label={m.countries} hint={m.countriesHint}>
            <input value={f.countries} onChange={(e) => setF({ ...f, countries: e.target.value })} required />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={regions} what={m.what}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={m.empty} />
          ) : (
            <ul className="plain">
              {items.map((r) => (
                <li key={r.code}>
                  <span className="mono">{r.code}</span> {r.name}{' '}
                  <span className="muted small">{r.countries.join(' ')}</span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Card>
  );
}
