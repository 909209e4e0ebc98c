import { useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { ActionDialog, Badge, Empty, Field, QueryView } from '../components/ui.tsx';
import { seg } from '../lib/api.ts';
import { formatDateTime, formatUnits } from '../lib/format.ts';
import { parseLines } from '../lib/lines.ts';
import { useWarehouses } from './skus.tsx';

interface Transfer {
  transferId: string;
  from: string;
  to: string;
  status: string;
  note: string | null;
  createdAt: string;
  lines: {
    sku: string;
    planned: number;
    shipped: number;
    received: number;
    damaged: number;
    lost: number;
    open: number;
    inTransit: number;
  }[];
}

const COLUMNS = [
  { title: 'Planned', statuses: ['planned'] },
  { title: 'In transit', statuses: ['partially_shipped', 'in_transit'] },
  { title: 'Received', statuses: ['received'] },
] as const;

export function TransfersPage() {
  const api = useApi();
  const qc = useQueryClient();
  const warehouses = useWarehouses();
  const transfers = useQuery({
    queryKey: ['transfers'],
    queryFn: async () => {
      const statuses = COLUMNS.flatMap((c) => c.statuses);
      const pages = await Promise.all(
        statuses.map((status) => api.get<{ items: Transfer[] }>('/v1/transfers', { status, limit: 200 })),
      );
      return pages.flatMap((p) => p.items);
    },
  });
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [text, setText] = useState('');
  const [note, setNote] = useState('');
  const parsed = parseLines(text);
  const refresh = () => void qc.invalidateQueries({ queryKey: ['transfers'] });
  const whSelect = (label: string, value: string, set: (v: string) => void) => (
    <Field label={label}>
      <select value={value} onChange={(e) => set(e.target.value)} required>
        <option value="">Choose…</option>
        {(warehouses.data ?? []).map((w) => (
          <option key={w.code} value={w.code}>
            {w.code} – {w.name}
          </option>
        ))}
      </select>
    </Field>
  );
  return (
    <>
      <div className="page-head row">
        <h1>Transfers</h1>
        <ActionDialog
          variant="primary"
          label="Plan a transfer"
          title="Plan a transfer"
          testId="action-plan-transfer"
          onOpen={() => {
            setText('');
            setNote('');
          }}
          summary={() =>
            from && to && from !== to && parsed.lines.length > 0 && parsed.errors.length === 0
              ? `Move ${parsed.lines.map((l) => `${formatUnits(l.qty)} × ${l.sku}`).join(', ')} from ${from} to ${to}. The units are set aside at ${from} now.`
              : null
          }
          onConfirm={() =>
            api.post('/v1/transfers', { from, to, lines: parsed.lines, ...(note ? { note } : {}) })
          }
          onDone={refresh}
        >
          {whSelect('From', from, setFrom)}
          {whSelect('To', to, setTo)}
          <Field label="Lines" hint="one SKU=quantity a line, e.g. 85123A=12">
            <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
          </Field>
          {parsed.errors.length > 0 ? <p className="neg small">{parsed.errors.join('; ')}</p> : null}
          {from && from === to ? <p className="neg small">Choose two different warehouses.</p> : null}
          <Field label="Note (optional)">
            <input value={note} onChange={(e) => setNote(e.target.value)} />
          </Field>
        </ActionDialog>
      </div>
      <QueryView query={transfers} what="transfers">
        {(all) => (
          <div className="board">
            {COLUMNS.map((c) => {
              const items = all.filter((t) => (c.statuses as readonly string[]).includes(t.status));
              return (
                <section key={c.title} className="board-col" aria-label={c.title}>
                  <h2>
                    {c.title} <span className="muted">{formatUnits(items.length)}</span>
                  </h2>
                  {items.length === 0 ? <Empty title="None." /> : null}
                  {items.map((t) => (
                    <article key={t.transferId} className="card ticket">
                      <header>
                        <strong className="mono">{t.transferId}</strong>{' '}
                        <Badge>{t.status.replace('_', ' ')}</Badge>
                      </header>
                      <p>
                        {t.from} → {t.to} · {formatDateTime(t.createdAt)}
                      </p>
                      {t.note ? <p className="muted small">{t.note}</p> : null}
                      <ul className="plain small">
                        {t.lines.map((l) => (
                          <li key={l.sku}>
                            <span className="mono">{l.sku}</span>: {formatUnits(l.planned)} planned,{' '}
                            {formatUnits(l.shipped)} shipped
                            {l.received + l.damaged + l.lost > 0
                              ? `, ${formatUnits(l.received)} received`
                              : ''}
                            {l.damaged ? `, ${formatUnits(l.damaged)} damaged` : ''}
                            {l.lost ? `, ${formatUnits(l.lost)} lost` : ''}
                          </li>
                        ))}
                      </ul>
                      <div className="actions">
                        {t.lines.some((l) => l.open > 0) ? (
                          <>
                            <ActionDialog
                              label="Ship"
                              title={`Ship ${t.transferId}`}
                              summary={() =>
                                `Ship everything still planned: ${t.lines
                                  .filter((l) => l.open > 0)
                                  .map((l) => `${formatUnits(l.open)} × ${l.sku}`)
                                  .join(', ')} leave ${t.from}.`
                              }
                              onConfirm={() => api.post(`/v1/transfers/${seg(t.transferId)}/ship`, {})}
                              onDone={refresh}
                            />
                            <ActionDialog
                              variant="danger"
                              label="Cancel"
                              title={`Cancel ${t.transferId}`}
                              summary={() =>
                                `Cancel the unshipped rest of ${t.transferId}; the units are free again at ${t.from}.`
                              }
                              onConfirm={() => api.post(`/v1/transfers/${seg(t.transferId)}/cancel`, {})}
                              onDone={refresh}
                            />
                          </>
                        ) : null}
                        {t.lines.some((l) => l.inTransit > 0) ? (
                          <ActionDialog
                            label="Receive"
                            title={`Receive ${t.transferId}`}
                            summary={() =>
                              `Receive at ${t.to}: ${t.lines
                                .filter((l) => l.inTransit > 0)
                                .map((l) => `${formatUnits(l.inTransit)} × ${l.sku}`)
                                .join(', ')}, all in good condition.`
                            }
                            onConfirm={() =>
                              api.post(`/v1/transfers/${seg(t.transferId)}/receive`, {
                                lines: t.lines
                                  .filter((l) => l.inTransit > 0)
                                  .map((l) => ({ sku: l.sku, received: l.inTransit })),
                              })
                            }
                            onDone={refresh}
                          />
                        ) : null}
                      </div>
                    </article>
                  ))}
                </section>
              );
            })}
          </div>
        )}
      </QueryView>
    </>
  );
}
