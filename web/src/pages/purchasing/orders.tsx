/** The purchase orders by status, and a purchase order typed by hand. */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Badge, Card, Empty, Field, QueryView } from '../../components/ui.tsx';
import { Pager, sameFilter, useCursorPages } from '../../components/paging.tsx';
import { formatDateTime, formatUnits } from '../../lib/format.ts';
import { parseLines } from '../../lib/lines.ts';
import type { Query } from '../../lib/api.ts';
import { PO_STATUS_LABEL, PO_STATUS_TONE, poTotals } from '../../lib/replenishment.ts';
import { PAGE_SIZE, SupplierSelect, WarehouseSelect } from './shared.tsx';

const STATUSES: { value: Query<'/v1/purchase-orders'>['status'] | ''; label: string }[] = [
  { value: 'active', label: 'Active (open or partly received)' },
  { value: 'open', label: 'Open' },
  { value: 'partially_received', label: 'Partly received' },
  { value: 'received', label: 'Received' },
  { value: 'closed', label: 'Closed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: '', label: 'All' },
];

export function PurchaseOrders() {
  const api = useApi();
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
    <Card title="Purchase orders" actions={<NewPurchaseOrder />}>
      <div className="toolbar">
        <Field label="Status">
          <select
            aria-label="Purchase order status"
            data-testid="po-status-filter"
            value={status}
            onChange={(e) => set(() => setStatus(e.target.value as typeof status))}
          >
            {STATUSES.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Warehouse">
          <WarehouseSelect
            value={warehouse}
            onChange={(v) => set(() => setWarehouse(v))}
            all="All warehouses"
            label="Purchase order warehouse"
          />
        </Field>
        <Field label="Supplier">
          <SupplierSelect
            value={supplier}
            onChange={(v) => set(() => setSupplier(v))}
            all="All suppliers"
            label="Purchase order supplier"
          />
        </Field>
      </div>
      <QueryView query={list} what="purchase orders">
        {(p) =>
          p.items.length === 0 ? (
            <Empty title="No purchase orders match.">
              Create one from the suggestions above, or with “New purchase order”.
            </Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="po-table">
                  <thead>
                    <tr>
                      <th>Order</th>
                      <th>Supplier</th>
                      <th>Warehouse</th>
                      <th>Status</th>
                      <th>Reference</th>
                      <th className="num">Lines</th>
                      <th className="num">Ordered</th>
                      <th className="num">Received</th>
                      <th className="num">Open</th>
                      <th>Expected</th>
                      <th>Created</th>
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
                            <Badge tone={PO_STATUS_TONE[po.status]}>{PO_STATUS_LABEL[po.status]}</Badge>
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
  const parsed = parseLines(text);
  return (
    <ActionDialog
      testId="new-po"
      label="New purchase order"
      title="New purchase order"
      onOpen={() => {
        setSupplier('');
        setWarehouse('');
        setText('');
        setReference('');
        setExpected('');
      }}
      summary={() =>
        supplier && warehouse && parsed.lines.length > 0 && parsed.errors.length === 0
          ? `Order ${parsed.lines.map((l) => `${formatUnits(l.qty)} × ${l.sku}`).join(', ')} from ${supplier} for ${warehouse}${expected ? `, expected ${expected}` : ", expected after the supplier's lead time"}${reference ? ` (reference ${reference})` : ''}.`
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
      <Field label="Supplier">
        <SupplierSelect value={supplier} onChange={setSupplier} required />
      </Field>
      <Field label="Warehouse">
        <WarehouseSelect value={warehouse} onChange={setWarehouse} required />
      </Field>
      <Field label="Lines" hint="one SKU=quantity a line, e.g. 85123A=120">
        <textarea rows={4} value={text} onChange={(e) => setText(e.target.value)} required />
      </Field>
      {parsed.errors.length > 0 ? <p className="neg small">{parsed.errors.join('; ')}</p> : null}
      <Field label="Expected (optional)" hint="default: today plus the supplier's lead time">
        <input type="date" value={expected} onChange={(e) => setExpected(e.target.value)} />
      </Field>
      <Field label="Reference (optional)">
        <input value={reference} onChange={(e) => setReference(e.target.value)} />
      </Field>
    </ActionDialog>
  );
}
