import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useI18n } from '../../i18n.tsx';
import { useApi } from '../../context.tsx';
import { ActionDialog, Card, Empty, Field, QueryView } from '../../components/ui.tsx';
import { text } from './form.ts';
import { formatUnits } from '../../lib/format.ts';

export function Channels() {
  const api = useApi();
  const qc = useQueryClient();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => api.get('/v1/channels').then((r) => r.items),
  });
  const [f, setF] = useState({ code: '', name: '', warehouses: '', buffer: '' });
  const whs = f.warehouses.split(/[\s,]+/).filter(Boolean);
  const c = useI18n().t.cards;
  const m = c.channels;
  return (
    <Card
      title={m.title}
      actions={
        <ActionDialog
          label={c.addOrUpdate}
          title={m.dialogTitle}
          onOpen={() => setF({ code: '', name: '', warehouses: '', buffer: '' })}
          summary={() =>
            text(f.code) && text(f.name)
              ? m.summary(f.code, f.name, whs.length ? whs.join(', ') : null)
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
          <Field label={c.code}>
            <input value={f.code} onChange={(e) => setF({ ...f, code: e.target.value })} required />
          </Field>
          <Field label={c.name}>
            <input value={f.name} onChange={(e) => setF({ ...f, name: e.target.value })} required />
          </Field>
          <Field label={m.warehouses} hint={m.warehousesHint}>
            <input value={f.warehouses} onChange={(e) => setF({ ...f, warehouses: e.target.value })} />
          </Field>
          <Field label={m.buffer}>
            <input
              value={f.buffer}
              inputMode="numeric"
              onChange={(e) => setF({ ...f, buffer: e.target.value })}
            />
          </Field>
        </ActionDialog>
      }
    >
      <QueryView query={channels} what={m.what}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={m.empty} />
          ) : (
            <ul className="plain">
              {items.map((ch) => (
                <li key={ch.code}>
                  <span className="mono">{ch.code}</span> {ch.name} ·{' '}
                  <span className="muted small">
                    {ch.warehouses ? ch.warehouses.join(', ') : m.everyWarehouse}
                    {ch.bufferUnits ? m.bufferOf(formatUnits(ch.bufferUnits)) : ''}
                    {ch.cap !== null ? m.capOf(formatUnits(ch.cap)) : ''}
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
