import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Card, Empty, Field, QueryView } from '../../components/ui.tsx';
import { text } from './form.ts';

export function Channels() {
  const api = useApi();
  const qc = useQueryClient();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => api.get('/v1/channels').then((r) => r.items),
  });
  const [f, setF] = useState({ code: '', name: '', warehouses: '', buffer: '' });
  const whs = f.warehouses.split(/[\s,]+/).filter(Boolean);
  return (
    <Card
      title="Channels"
      actions={
        <ActionDialog
          label="Add or update"
          title="Sales channel"
          onOpen={() => setF({ code: '', name: '', warehouses: '', buffer: '' })}
          summary={() =>
            text(f.code) && text(f.name)
              ? `Save channel ${f.code} “${f.name}” selling from ${whs.length ? whs.join(', ') : 'every warehouse'}.`
              : null
          }
          onConfirm={() =>
            api.put('/v1/channels/{code}', {
              params: { path: { code: text(f.code) } },
              body: {
                name: text(f.name),
                ...(whs.length ? { warehouses: whs } : {}),
                ...(f.buffer.trim() ? { bufferUnits: Number(f.buffer) } : {}),
              },
            })
          }
          onDone={() => void qc.invalidateQueries({ queryKey: ['channels'] })}
        >
          <Field label="Code">
            <input value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} required />
          </Field>
          <Field label="Name">
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label="Warehouses (optional)" hint="codes; empty: every warehouse">
            <input value={f.warehouses} onChange={(e) => setF({ ...f, warehouses: e.target.value })} />
          </Field>
          <Field label="Buffer units (optional)">
            <input
              value={f.buffer}
              inputMode="numeric"
              onChange={(e) => setF({ ...f, buffer: e.target.value })}
            />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={channels} what="channels">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No sales channels." />
          ) : (
            <ul className="plain">
              {items.map((c) => (
                <li key={c.code}>
                  <span className="mono">{c.code}</span> {c.name} ·{' '}
                  <span className="muted small">
                    {c.warehouses ? c.warehouses.join(', ') : 'every warehouse'}
                    {c.bufferUnits ? `, buffer ${c.bufferUnits}` : ''}
                    {c.cap !== null ? `, cap ${c.cap}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )
        }
      </QueryView>
    </Card>
  );
}
