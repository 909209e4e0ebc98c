import { useState } from 'react';
import { Link } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { ActionDialog, Badge, Empty, Field, QueryView } from '../components/ui.tsx';
import type { Query } from '../lib/api.ts';
import { formatDateTime, formatDecimal, formatUnits } from '../lib/format.ts';
import { allPages, exportName, toCsv } from '../lib/list-tools.ts';
import { ExportCsv, SavedViews, SelectAll, useSelection } from '../components/list-tools.tsx';
import { describeAlert } from '../lib/alert-words.ts';
import { useI18n } from '../i18n.tsx';
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
  'standing_order_missed',
];
const TONE: Record<string, string> = {
  out_of_stock: 'bad',
  oversold: 'bad',
  low_stock: 'warn',
  transfer_overdue: 'warn',
  purchase_order_late: 'warn',
  warehouse_near_capacity: 'warn',
  standing_order_missed: 'bad',
};

export function AlertsPage() {
  const api = useApi();
  const qc = useQueryClient();
  const warehouses = useWarehouses();
  const [status, setStatus] = useState<AlertQuery['status'] | ''>('open');
  const [kind, setKind] = useState<AlertQuery['kind'] | ''>('');
  const [warehouse, setWarehouse] = useState('');
  const [note, setNote] = useState('');
  const { t } = useI18n();
  const m = t.alerts;
  const kindName = (k: string) => m.kinds[k] ?? k.replace(/_/g, ' ');
  const words = { n: (v: number) => formatDecimal(v), date: (iso: string) => formatDateTime(iso) };
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
  const selection = useSelection();
  const shown = alerts.data?.items ?? [];
  const chosen = shown.filter((a) => selection.has(a.alertId) && a.status === 'open');
  const filters = { status: status ?? '', kind: kind ?? '', warehouse };
  const exportAll = async () => {
    const items = await allPages(
      (cursor) => api.get('/v1/alerts', { params: { query: { ...query, cursor } } }),
      undefined,
      t.listExport,
    );
    const csv = toCsv(
      [
        'kind',
        'subject',
        'sku',
        'warehouse',
        'what_it_means',
        'opened_at',
        'status',
        'acknowledged_by',
        'note',
      ],
      items.map((a) => [
        a.kind,
        a.subject,
        a.sku,
        a.warehouse,
        describeAlert(a, t, words),
        a.openedAt,
        a.status,
        a.acknowledgedBy,
        a.acknowledgeNote,
      ]),
    );
    return { csv, fileName: exportName('alerts', filters, new Date()) };
  };
  const acknowledgeChosen = async () => {
    const failed: string[] = [];
    for (const a of chosen) {
      try {
        await api.post('/v1/alerts/{id}/acknowledge', {
          params: { path: { id: a.alertId } },
          body: note ? { note } : {},
        });
      } catch (err) {
        failed.push(`${a.subject}: ${err instanceof Error ? err.message : String(err)}`);
      }
    }
    void qc.invalidateQueries({ queryKey: ['alerts'] });
    selection.clear();
    if (failed.length > 0) throw new Error(m.bulkFailed(formatUnits(failed.length), failed[0]!));
  };
  return (
    <>
      <h1>{m.title}</h1>
      <div className="toolbar">
        <label className="field">
          <span className="field-label">{m.status}</span>
          <select
            value={status}
            onChange={(e) => setStatus(e.target.value as typeof status)}
            data-testid="alert-status-filter"
          >
            <option value="">{m.any}</option>
            <option value="open">{m.open}</option>
            <option value="acknowledged">{m.acknowledged}</option>
            <option value="resolved">{m.resolved}</option>
          </select>
        </label>
        <label className="field">
          <span className="field-label">{m.kind}</span>
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            <option value="">{m.anyKind}</option>
            {KINDS.map((k) => (
              <option key={k} value={k}>
                {kindName(k)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{m.warehouse}</span>
          <select value={warehouse} onChange={(e) => setWarehouse(e.target.value)}>
            <option value="">{m.allWarehouses}</option>
            {(warehouses.data ?? []).map((w) => (
              <option key={w.code} value={w.code}>
                {w.code}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="list-bar">
        <p className="muted" data-testid="list-totals">
          {m.totals(
            formatUnits(shown.length),
            formatUnits(new Set(shown.map((a) => a.sku).filter(Boolean)).size),
            formatUnits(shown.filter((a) => a.status === 'open').length),
          )}
        </p>
        <div className="actions">
          {chosen.length > 0 ? (
            <ActionDialog
              variant="primary"
              label={m.bulkAck(formatUnits(chosen.length))}
              title={m.bulkAckTitle}
              testId="bulk-acknowledge"
              onOpen={() => setNote('')}
              summary={() => m.bulkSummary(formatUnits(chosen.length), note)}
              onConfirm={acknowledgeChosen}
            >
              <Field label={m.note}>
                <input
                  value={note}
                  onChange={(e) => setNote(e.target.value)}
                  placeholder={t.alertAck.placeholder}
                />
              </Field>
            </ActionDialog>
          ) : null}
          <ExportCsv build={exportAll} />
          <SavedViews
            list="alerts"
            current={filters}
            onApply={(f) => {
              setStatus((f.status ?? '') as typeof status);
              setKind((f.kind ?? '') as typeof kind);
              setWarehouse(f.warehouse ?? '');
              selection.clear();
            }}
          />
        </div>
      </div>
      <QueryView query={alerts} what={m.what}>
        {(page) =>
          page.items.length === 0 ? (
            <Empty title={m.emptyTitle}>{m.emptyBody}</Empty>
          ) : (
            <div className="table-wrap">
              <table className="table stack" data-testid="alerts-table">
                <thead>
                  <tr>
                    <th>
                      <SelectAll keys={page.items.map((a) => a.alertId)} selection={selection} />
                    </th>
                    <th>{m.colKind}</th>
                    <th>{m.colSubject}</th>
                    <th>{m.colDetails}</th>
                    <th>{m.colOpened}</th>
                    <th>{m.colStatus}</th>
                    <th>
                      <span className="sr-only">{m.acknowledge}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((a) => (
                    <tr key={a.alertId} data-testid={`alert-${a.alertId}`}>
                      <td className="pick">
                        <input
                          type="checkbox"
                          aria-label={t.lists.select(`${kindName(a.kind)} ${a.subject}`)}
                          checked={selection.has(a.alertId)}
                          onChange={(e) => selection.toggle(a.alertId, e.target.checked)}
                        />
                      </td>
                      <td className="lead">
                        <Badge tone={TONE[a.kind] ?? 'plain'}>{kindName(a.kind)}</Badge>
                      </td>
                      <td data-label={m.colSubject}>
                        {a.sku ? (
                          <Link className="mono" to={`/skus/${encodeURIComponent(a.sku)}`}>
                            {a.sku}
                          </Link>
                        ) : (
                          <span className="mono">{a.subject}</span>
                        )}
                        {a.warehouse ? m.at(a.warehouse) : ''}
                      </td>
                      <td className="alert-sentence" data-testid="alert-sentence">
                        {describeAlert(a, t, words)}
                      </td>
                      <td data-label={m.colOpened}>{formatDateTime(a.openedAt)}</td>
                      <td data-label={m.colStatus}>
                        {m.statusName[a.status] ?? a.status}
                        {a.acknowledgedBy ? (
                          <div className="muted small">
                            {m.by(a.acknowledgedBy)}
                            {a.acknowledgeNote ? `: ${a.acknowledgeNote}` : ''}
                          </div>
                        ) : null}
                      </td>
                      <td>
                        {a.status === 'open' ? (
                          <ActionDialog
                            label={m.acknowledge}
                            title={m.acknowledgeTitle}
                            testId="action-acknowledge"
                            onOpen={() => setNote('')}
                            summary={() =>
                              t.alertAck.summary(
                                m.kinds[a.kind] ?? a.kind.replace(/_/g, ' '),
                                a.subject,
                                note,
                              )
                            }
                            onConfirm={() =>
                              api.post('/v1/alerts/{id}/acknowledge', {
                                params: { path: { id: a.alertId } },
                                body: note ? { note } : {},
                              })
                            }
                            onDone={() => void qc.invalidateQueries({ queryKey: ['alerts'] })}
                          >
                            <Field label={m.note}>
                              <input
                                value={note}
                                onChange={(e) => setNote(e.target.value)}
                                placeholder={t.alertAck.placeholder}
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
