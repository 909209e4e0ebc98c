import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { ActionDialog, Badge, Empty, Field, QueryView } from '../components/ui.tsx';
import type { Query } from '../lib/api.ts';
import { formatDateTime } from '../lib/format.ts';
import { useWarehouses } from './skus.tsx';

type AlertQuery = Query<'/v1/alerts'>;

const KINDS: readonly NonNullable<AlertQuery['kind']>[] = [
  'low_stock',
  'out_of_stock',
  'oversold',
  'dead_stock',
  'overstock',
  'transfer_overdue',
  'lock_expiring',
  'purchase_order_late',
  'warehouse_near_capacity',
  'stock_ageing',
];
const TONE: Record<string, string> = {
  out_of_stock: 'bad',
  oversold: 'bad',
  low_stock: 'warn',
  transfer_overdue: 'warn',
  purchase_order_late: 'warn',
  warehouse_near_capacity: 'warn',
};

export function AlertsPage() {
  const api = useApi();
  const qc = useQueryClient();
  const warehouses = useWarehouses();
  const [status, setStatus] = useState<AlertQuery['status'] | ''>('open');
  const [kind, setKind] = useState<AlertQuery['kind'] | ''>('');
  const [warehouse, setWarehouse] = useState('');
  const [note, setNote] = useState('');
  const query = {
    status: status || undefined,
    kind: kind || undefined,
    warehouse: warehouse || undefined,
    limit: 500,
  };
  const alerts = useQuery({
    queryKey: ['alerts', query],
    queryFn: () => api.get('/v1/alerts', { params: { query } }),
  });
  return (
    <>
      <h1>Alerts</h1>
      <div className="toolbar">
        <label className="field">
          <span className="field-label">Status</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            data-testid="alert-status-filter"
          >
            <option value="">Any</option>
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="resolved">Resolved</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">Kind</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">Any kind</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {k.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Warehouse</span>
          <select value={warehouse} onChange={(e) => setWarehouse(e.target.value)}>
            <option value="">All warehouses</option>
            {(warehouses.data ?? []).map((w) => (
              <option key={w.code} value={w.code}>
                {w.code}
              </option>
            ))}
          </select>
        </label>
      </div>
      <QueryView query={alerts} what="alerts">
        {(page) =>
          page.items.length === 0 ? (
            <Empty title="Nothing needs attention.">No alert matches these filters.</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table" data-testid="alerts-table">
                <thead>
                  <tr>
                    <th>Kind</th>
                    <th>Subject</th>
                    <th>Details</th>
                    <th>Opened</th>
                    <th>Status</th>
                    <th />
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((a) => (
                    <tr key={a.alertId} data-testid={`alert-${a.alertId}`}>
                      <td>
                        <Badge tone={TONE[a.kind] ?? 'plain'}>{a.kind.replace(/_/g, ' ')}</Badge>
                      </td>
                      <td>
                        {a.sku ? (
                          <Link className="mono" to={`/skus/${encodeURIComponent(a.sku)}`}>
                            {a.sku}
                          </Link>
                        ) : (
                          <span className="mono">{a.subject}</span>
                        )}
                        {a.warehouse ? ` at ${a.warehouse}` : ''}
                      </td>
                      <td className="small mono">
                        {Object.entries(a.details)
                          .map(([k, v]) => `${k} ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
                          .join(', ')}
                      </td>
                      <td>{formatDateTime(a.openedAt)}</td>
                      <td>
                        {a.status}
                        {a.acknowledgedBy ? (
                          <div className="muted small">
                            by {a.acknowledgedBy}
                            {a.acknowledgeNote ? `: ${a.acknowledgeNote}` : ''}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        {a.status === 'open' ? (
                          <ActionDialog
                            label="Acknowledge"
                            title="Acknowledge alert"
                            testId="action-acknowledge"
                            onOpen={() => setNote('')}
                            summary={() =>
                              `Acknowledge ${a.kind.replace(/_/g, ' ')} on ${a.subject}${note ? ` with the note “${note}”` : ''}. It stays active until its condition ends.`
                            }
                            onConfirm={() =>
                              api.post('/v1/alerts/{id}/acknowledge', {
                                params: { path: { id: a.alertId } },
                                body: note ? { note } : {},
                              })
                            }
                            onDone={() => void qc.invalidateQueries({ queryKey: ['alerts'] })}
                          >
                            <Field label="Note (optional)">
                              <input
                                value={note}
                                onChange={(e) => setNote(e.target.value)}
                                placeholder="reorder placed"
                              />
                            </Field>
                          </ActionDialog>
                        ) : null}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryView>
    </>
  );
}
