import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
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
  return (
    <Card
      title="Regions"
      actions={
        <ActionDialog
          label="Add or update"
          title="Region"
          onOpen={() => setF({ code: '', name: '', countries: '' })}
          summary={() =>
            text(f.code) && text(f.name) && countries.length > 0
              ? `Save region ${f.code} covering ${countries.join(', ')}.`
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
          <Field label="Code">
            <input value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} required />
          </Field>
          <Field label="Name">
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label="Countries" hint="ISO codes, e.g. GB IE">
            <input value={f.countries} onChange={(e) => setF({ ...f, countries: e.target.value })} required />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={regions} what="regions">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No regions: orders are routed by warehouse region and priority." />
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
