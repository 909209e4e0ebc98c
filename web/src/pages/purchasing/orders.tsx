/** The purchase orders by status, and a purchase order typed by hand. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Badge, Card, Empty, Field, QueryView } from '../../components/ui.tsx';
import { Pager, sameFilter, useCursorPages } from '../../components/paging.tsx';
import { formatDateTime, formatDay, formatUnits } from '../../lib/format.ts';
import { parseLines } from '../../lib/lines.ts';
import type { Query } from '../../lib/api.ts';
import { PO_STATUS_TONE, poTotals } from '../../lib/replenishment.ts';
import { PAGE_SIZE, SupplierSelect, WarehouseSelect } from './shared.tsx';
import { useI18n } from '../../i18n.tsx';
import type { DeskMessages } from '../../lib/i18n-desk.ts';

/** The status filter's choices, each named by its key in the catalogue (`t.po.list.statuses`). */
const STATUSES: {
  value: Query<'/v1/purchase-orders'>['status'] | '';
  label: keyof DeskMessages['po']['list']['statuses'];
}[] = [
  { value: 'active', label: 'active' },
  { value: 'open', label: 'open' },
  { value: 'partially_received', label: 'partially_received' },
  { value: 'received', label: 'received' },
  { value: 'closed', label: 'closed' },
  { value: 'cancelled', label: 'cancelled' },
  { value: '', label: 'all' },
];

export function PurchaseOrders() {
  const api = useApi();
  const m = useI18n().t.po;
  const l = m.list;
  const [status, setStatus] = useState<(typeof STATUSES)[number]['value']>('active');
  const [warehouse, setWarehouse] = useState('');
  const [supplier, setSupplier] = useState('');
  const pages = useCursorPages();
  const filter = {
    status: status || undefined,
    warehouse: warehouse || undefined,
    supplier: supplier || undefined,
  };
  const list = useQuery({
    queryKey: ['purchase-orders', 'list', filter, pages.cursor],
    queryFn: () =>
      api.get('/v1/purchase-orders', {
        params: { query: { ...filter, cursor: pages.cursor, limit: PAGE_SIZE } },
      }),
    placeholderData: (previous, previousQuery) =>
      sameFilter(previousQuery?.queryKey, filter) ? previous : undefined,
  });
  const set = (f: () => void) => {
    f();
    pages.reset();
  };
  return (
    <Card title={l.title} actions={<NewPurchaseOrder />}>
      <div className="toolbar">
        <Field label={l.status}>
          <select
            aria-label={l.statusLabel}
            data-testid="po-status-filter"
            value={status}
            onChange={(e) => set(() => setStatus(e.target.value as typeof status))}
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {l.statuses[s.label]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={m.warehouse}>
          <WarehouseSelect
            value={warehouse}
            onChange={(v) => set(() => setWarehouse(v))}
            all={l.allWarehouses}
            label={l.warehouseLabel}
          />
        </Field>
        <Field label={m.supplier}>
          <SupplierSelect
            value={supplier}
            onChange={(v) => set(() => setSupplier(v))}
            all={l.allSuppliers}
            label={l.supplierLabel}
          />
        </Field>
      </div>
      <QueryView query={list} what={l.what}>
        {(p) =>
          p.items.length === 0 ? (
            <Empty title={l.empty}>{l.emptyBody}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="po-table">
                  <thead>
                    <tr>
                      <th>{l.colOrder}</th>
                      <th>{m.supplier}</th>
                      <th>{m.warehouse}</th>
                      <th>{l.colStatus}</th>
                      <th>{m.reference}</th>
                      <th className="num">{l.colLines}</th>
                      <th className="num">{m.col.ordered}</th>
                      <th className="num">{m.col.received}</th>
                      <th className="num">{m.col.open}</th>
                      <th>{m.expected}</th>
                      <th>{m.created}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.items.map((po) => {
                      const t = poTotals(po);
                      return (
                        <tr key={po.poId}>
                          <td>
                            <Link className="mono" to={`/purchasing/orders/${encodeURIComponent(po.poId)}`}>
                              {po.poId}
                            </Link>
                          </td>
                          <td>{po.supplier}</td>
                          <td>{po.warehouse}</td>
                          <td>
                            <Badge tone={PO_STATUS_TONE[po.status]}>{m.statusName[po.status]}</Badge>
                          </td>
                          <td>{po.reference ?? '–'}</td>
                          <td className="num">{formatUnits(po.lines.length)}</td>
                          <td className="num">{formatUnits(t.ordered)}</td>
                          <td className="num">{formatUnits(t.received)}</td>
                          <td className="num">{formatUnits(t.open)}</td>
                          <td>{formatDateTime(po.expectedAt)}</td>
                          <td>{formatDateTime(po.createdAt)}</td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <Pager pages={pages} page={p} />
            </>
          )
        }
      </QueryView>
    </Card>
  );
}

/** A purchase order typed by hand: supplier, warehouse, lines as SKU=qty. */
function NewPurchaseOrder() {
  const api = useApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [supplier, setSupplier] = useState('');
  const [warehouse, setWarehouse] = useState('');
  const [text, setText] = useState('');
  const [reference, setReference] = useState('');
  const [expected, setExpected] = useState('');
  const { t } = useI18n();
  const parsed = parseLines(text, t.qtyLines);
  const m = t.po;
  return (
    <ActionDialog
      testId="new-po"
      label={m.new.label}
      title={m.new.label}
      onOpen={() => {
        setSupplier('');
        setWarehouse('');
        setText('');
        setReference('');
        setExpected('');
      }}
      summary={() =>
        supplier && warehouse && parsed.lines.length > 0 && parsed.errors.length === 0
          ? m.new.summary(
              parsed.lines.map((l) => `${formatUnits(l.qty)} × ${l.sku}`).join(', '),
              supplier,
              warehouse,
              expected ? formatDay(expected) : '',
              reference,
            )
          : null
      }
      onConfirm={() =>
        api.post('/v1/purchase-orders', {
          body: {
            supplier,
            warehouse,
            lines: parsed.lines,
            ...(reference ? { reference } : {}),
            ...(expected ? { expectedAt: new Date(`${expected}T12:00:00`).toISOString() } : {}),
          },
        })
      }
      onDone={(po) => {
        void qc.invalidateQueries({ queryKey: ['purchase-orders'] });
        void qc.invalidateQueries({ queryKey: ['replenishment'] });
        void navigate(`/purchasing/orders/${encodeURIComponent(po.poId)}`);
      }}
    >
      <Field label={m.supplier}>
        <SupplierSelect value={supplier} onChange={setSupplier} required />
      </Field>
      <Field label={m.warehouse}>
        <WarehouseSelect value={warehouse} onChange={setWarehouse} required />
      </Field>
      <Field label={m.new.lines} hint={m.new.linesHint}>
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
      </Field>
      {parsed.errors.length > 0 ? <p className="neg small">{parsed.errors.join('; ')}</p> : null}
      <Field label={m.new.expected} hint={m.new.expectedHint}>
        <input type="date" value={expected} onChange={(e) => setExpected(e.target.value)} />
      </Field>
      <Field label={m.new.reference}>
        <input value={reference} onChange={(e) => setReference(e.target.value)} />
      </Field>
    </ActionDialog>
  );
}
