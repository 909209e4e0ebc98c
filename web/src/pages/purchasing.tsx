/**
 * Purchasing: what to order (replenishment suggestions, with a CSV download and "order these"
 * per supplier and warehouse), the purchase orders with receiving and closing, a manual order,
 * and what is already owed or on the road (backorders, units in transit).
 */
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import {
  ActionDialog,
  Badge,
  Card,
  Empty,
  ErrorNote,
  Field,
  QueryView,
  positiveInt,
} from '../components/ui.tsx';
import { Pager, useCursorPages } from '../components/paging.tsx';
import type { Ok, Query } from '../lib/api.ts';
import { saveBlob } from '../lib/download.ts';
import { formatDateTime, formatMoney, formatUnits } from '../lib/format.ts';
import { parseLines } from '../lib/lines.ts';
import {
  PO_STATUS_LABEL,
  PO_STATUS_TONE,
  csvFileName,
  describeCover,
  describeReceipt,
  describeReorderBy,
  isActive,
  poTotals,
  suggestionState,
  type PurchaseOrder,
  type Suggestion,
} from '../lib/replenishment.ts';
import { useWarehouses } from './skus.tsx';

const PAGE_SIZE = 50;

export function PurchasingPage() {
  const { poId } = useParams();
  if (poId) return <PurchaseOrderView key={poId} poId={poId} />;
  return (
    <>
      <h1>Purchasing</h1>
      <Suggestions />
      <PurchaseOrders />
      <div className="grid-2">
        <Backorders />
        <InTransitCard />
      </div>
    </>
  );
}

export function useSuppliers() {
  const api = useApi();
  return useQuery({
    queryKey: ['suppliers'],
    queryFn: () => api.get('/v1/suppliers').then((r) => r.items),
    staleTime: 60_000,
  });
}

interface CodeSelectProps {
  value: string;
  onChange: (v: string) => void;
  all?: string;
  label?: string;
  required?: boolean;
}

/** A select of things with a code and a name (suppliers, warehouses), "all" or "choose" first. */
function CodeSelect(
  props: CodeSelectProps & { options: readonly { code: string; name: string }[] | undefined },
) {
  return (
    <select
      aria-label={props.label}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      required={props.required}
    >
      <option value="">{props.all ?? 'Choose…'}</option>
      {(props.options ?? []).map((o) => (
        <option key={o.code} value={o.code}>
          {o.code} – {o.name}
        </option>
      ))}
    </select>
  );
}

function SupplierSelect(props: CodeSelectProps) {
  return <CodeSelect {...props} options={useSuppliers().data} />;
}

function WarehouseSelect(props: CodeSelectProps) {
  return <CodeSelect {...props} options={useWarehouses().data} />;
}

function Suggestions() {
  const api = useApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [warehouse, setWarehouse] = useState('');
  const [supplier, setSupplier] = useState('');
  const [onlyNeeded, setOnlyNeeded] = useState(true);
  const pages = useCursorPages();
  const filter = { warehouse: warehouse || undefined, supplier: supplier || undefined, onlyNeeded };
  const list = useQuery({
    queryKey: ['replenishment', 'list', filter, pages.cursor],
    queryFn: () =>
      api.get('/v1/replenishment', {
        params: { query: { ...filter, cursor: pages.cursor, limit: PAGE_SIZE } },
      }),
    placeholderData: (previous) => previous,
  });
  const totals = useQuery({
    queryKey: ['replenishment', 'totals', warehouse, supplier],
    queryFn: () =>
      api.get('/v1/replenishment/totals', {
        params: { query: { warehouse: filter.warehouse, supplier: filter.supplier } },
      }),
  });
  const download = useMutation({
    mutationFn: async () => {
      const blob = await api.get('/v1/replenishment', {
        params: { query: { ...filter, format: 'csv' } },
        headers: { accept: 'text/csv' },
        parseAs: 'blob',
      });
      saveBlob(blob, csvFileName(filter, new Date()));
    },
  });
  const refresh = useMutation({
    mutationFn: () => api.post('/v1/replenishment/refresh', { body: {} }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['replenishment'] }),
  });
  const [orderWarehouse, setOrderWarehouse] = useState('');
  const [orderSupplier, setOrderSupplier] = useState('');
  const [reference, setReference] = useState('');
  const setFilter = (f: () => void) => {
    f();
    pages.reset();
  };
  const pending = (list.data?.items ?? []).filter((s) => s.forecastPending).length;
  return (
    <Card
      title="What to order"
      actions={
        <div className="actions">
          <button
            type="button"
            className="btn"
            onClick={() => download.mutate()}
            disabled={download.isPending}
            data-testid="download-csv"
          >
            {download.isPending ? 'Preparing…' : 'Download CSV'}
          </button>
          <ActionDialog
            testId="order-suggestions"
            variant="primary"
            label="Create purchase order from suggestions"
            title="Order the suggestions"
            onOpen={() => {
              setOrderWarehouse(warehouse);
              setOrderSupplier(supplier);
              setReference('');
            }}
            summary={() =>
              orderWarehouse && orderSupplier
                ? `Create one purchase order to ${orderSupplier} for every position at ${orderWarehouse} it supplies that needs an order, each at its suggested quantity${reference ? ` (reference ${reference})` : ''}.`
                : null
            }
            onConfirm={() =>
              api.post('/v1/replenishment/purchase-orders', {
                body: {
                  warehouse: orderWarehouse,
                  supplier: orderSupplier,
                  ...(reference ? { reference } : {}),
                },
              })
            }
            onDone={(po) => {
              void qc.invalidateQueries({ queryKey: ['replenishment'] });
              void qc.invalidateQueries({ queryKey: ['purchase-orders'] });
              void navigate(`/purchasing/orders/${encodeURIComponent(po.poId)}`);
            }}
          >
            <Field label="Supplier">
              <SupplierSelect value={orderSupplier} onChange={setOrderSupplier} required />
            </Field>
            <Field label="Warehouse">
              <WarehouseSelect value={orderWarehouse} onChange={setOrderWarehouse} required />
            </Field>
            <Field label="Reference (optional)" hint="your own order number, e.g. ACME-2041">
              <input value={reference} onChange={(e) => setReference(e.target.value)} />
            </Field>
            <p className="muted small">
              Positions whose forecast is still pending are ordered only for what is owed to customers. When
              nothing needs ordering the server says so (nothing_to_order) and creates no order.
            </p>
          </ActionDialog>
        </div>
      }
    >
      <div className="toolbar">
        <Field label="Warehouse">
          <WarehouseSelect
            value={warehouse}
            onChange={(v) => setFilter(() => setWarehouse(v))}
            all="All warehouses"
            label="Suggestions warehouse"
          />
        </Field>
        <Field label="Supplier">
          <SupplierSelect
            value={supplier}
            onChange={(v) => setFilter(() => setSupplier(v))}
            all="All suppliers"
            label="Suggestions supplier"
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={onlyNeeded}
            onChange={(e) => setFilter(() => setOnlyNeeded(e.target.checked))}
          />{' '}
          Only positions that need an order
        </label>
      </div>
      {download.error ? <ErrorNote error={download.error} /> : null}
      {totals.data ? <SuggestionTotals totals={totals.data} /> : null}
      {pending > 0 ? (
        <div className="notice" role="status">
          {formatUnits(pending)} of these rows have no forecast yet: they cover only what is owed to customers
          until the server computes their forecast in the background.{' '}
          <button type="button" className="btn" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
            {refresh.isPending ? 'Computing forecasts…' : 'Compute them now'}
          </button>
          {refresh.data
            ? ` ${formatUnits(refresh.data.refreshed)} computed${refresh.data.more ? ', more to go' : ''}.`
            : null}
          {refresh.error ? <ErrorNote error={refresh.error} /> : null}
        </div>
      ) : null}
      <div data-testid="replenishment-panel">
        <QueryView query={list} what="suggestions">
          {(p) =>
            p.items.length === 0 ? (
              <Empty title={onlyNeeded ? 'Nothing needs ordering.' : 'No positions match.'}>
                {onlyNeeded
                  ? 'Every position matching the filters is above its reorder point.'
                  : 'Positions appear once a SKU has stock or a policy at a warehouse.'}
              </Empty>
            ) : (
              <>
                <div className="table-wrap">
                  <table className="table" data-testid="suggestions-table">
                    <thead>
                      <tr>
                        <th>SKU</th>
                        <th>Warehouse</th>
                        <th>Supplier</th>
                        <th className="num">Position</th>
                        <th className="num">Incoming</th>
                        <th className="num">Reorder point</th>
                        <th className="num">Up to</th>
                        <th className="num">Suggested</th>
                        <th className="num">Value</th>
                        <th>Reorder by</th>
                        <th className="num">Cover</th>
                        <th>State</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.items.map((s) => (
                        <SuggestionRow key={`${s.sku}@${s.warehouse}`} s={s} />
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="muted small">
                  Position = on hand − unsellable − reserved − transfer-reserved + inbound transfers +
                  incoming. An order is suggested when it is at or below the reorder point (lead-time demand +
                  safety stock), for enough to reach the order-up-to level (demand over lead time + review
                  period + safety stock), in whole packs. Open a SKU for its numbers worked out.
                </p>
                <Pager
                  page={pages.page}
                  more={p.nextCursor !== null}
                  shown={p.items.length}
                  onPrev={pages.prev}
                  onNext={() => p.nextCursor && pages.next(p.nextCursor)}
                />
              </>
            )
          }
        </QueryView>
      </div>
    </Card>
  );
}

export type ReplenishmentTotals = Ok<'/v1/replenishment/totals', 'get'>;

/** The whole list's size under the filter, before paging: what ordering it all would mean. */
export function SuggestionTotals(props: { totals: ReplenishmentTotals }) {
  const t = props.totals;
  return (
    <p className="muted" data-testid="suggestion-totals">
      {formatUnits(t.needed)} of {formatUnits(t.positions)} positions to order now:{' '}
      {formatUnits(t.suggestedUnits)} units worth {formatMoney(t.suggestedValue)} at unit cost
      {t.neededWithoutCost > 0
        ? ` (${formatUnits(t.neededWithoutCost)} without a unit cost, not counted)`
        : ''}
      .
    </p>
  );
}

function SuggestionRow(props: { s: Suggestion }) {
  const { s } = props;
  const state = suggestionState(s);
  const dash = s.forecastPending;
  return (
    <tr className={dash ? 'pending' : ''}>
      <td>
        <Link className="mono" to={`/skus/${encodeURIComponent(s.sku)}`}>
          {s.sku}
        </Link>
      </td>
      <td>{s.warehouse}</td>
      <td>{s.policy.supplier ?? '–'}</td>
      <td className="num">{formatUnits(s.inventoryPosition)}</td>
      <td className={`num ${s.stock.incoming ? 'incoming' : ''}`}>{formatUnits(s.stock.incoming)}</td>
      <td className="num">{dash ? '–' : formatUnits(s.reorderPoint)}</td>
      <td className="num">{dash ? '–' : formatUnits(s.orderUpTo)}</td>
      <td className="num strong">{s.suggestedQty > 0 ? formatUnits(s.suggestedQty) : '–'}</td>
      <td className="num">
        {s.suggestedQty > 0 && s.unitCost !== null ? formatMoney(s.suggestedQty * s.unitCost) : '–'}
      </td>
      <td className="nowrap">{describeReorderBy(s)}</td>
      <td className="num nowrap">{describeCover(s.daysOfCover)}</td>
      <td>
        <Badge tone={state.tone}>{state.label}</Badge>
      </td>
    </tr>
  );
}

const STATUSES: { value: Query<'/v1/purchase-orders'>['status'] | ''; label: string }[] = [
  { value: 'active', label: 'Active (open or partly received)' },
  { value: 'open', label: 'Open' },
  { value: 'partially_received', label: 'Partly received' },
  { value: 'received', label: 'Received' },
  { value: 'closed', label: 'Closed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: '', label: 'All' },
];

function PurchaseOrders() {
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
    placeholderData: (previous) => previous,
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
              <Pager
                page={pages.page}
                more={p.nextCursor !== null}
                shown={p.items.length}
                onPrev={pages.prev}
                onNext={() => p.nextCursor && pages.next(p.nextCursor)}
              />
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

function PurchaseOrderView(props: { poId: string }) {
  const api = useApi();
  const po = useQuery({
    queryKey: ['purchase-orders', 'one', props.poId],
    queryFn: () => api.get('/v1/purchase-orders/{poId}', { params: { path: { poId: props.poId } } }),
  });
  return (
    <>
      <nav className="crumbs" aria-label="Breadcrumb">
        <Link to="/purchasing">Purchasing</Link> / <span className="mono">{props.poId}</span>
      </nav>
      <QueryView query={po} what="the purchase order">
        {(o) => <PurchaseOrderDetail po={o} />}
      </QueryView>
    </>
  );
}

function PurchaseOrderDetail(props: { po: PurchaseOrder }) {
  const { po } = props;
  const t = poTotals(po);
  return (
    <>
      <header className="page-head">
        <h1>
          Purchase order <span className="mono">{po.poId}</span>{' '}
          <Badge tone={PO_STATUS_TONE[po.status]}>
            <span data-testid="po-status">{PO_STATUS_LABEL[po.status]}</span>
          </Badge>
        </h1>
      </header>
      <Card title="Order" actions={isActive(po) ? <PoActions po={po} /> : null}>
        <dl className="facts">
          <dt>Supplier</dt>
          <dd>{po.supplier}</dd>
          <dt>Warehouse</dt>
          <dd>{po.warehouse}</dd>
          <dt>Reference</dt>
          <dd>{po.reference ?? '–'}</dd>
          <dt>Expected</dt>
          <dd>{formatDateTime(po.expectedAt)}</dd>
          <dt>Created</dt>
          <dd>{formatDateTime(po.createdAt)}</dd>
          <dt>Last change</dt>
          <dd>{formatDateTime(po.updatedAt)}</dd>
          {po.closeReason ? (
            <>
              <dt>Closed because</dt>
              <dd>{po.closeReason}</dd>
            </>
          ) : null}
          <dt>Units</dt>
          <dd>
            {formatUnits(t.ordered)} ordered, {formatUnits(t.received)} received, {formatUnits(t.open)} still
            expected{t.value !== null ? ` · value ${formatMoney(t.value)}` : ''}
          </dd>
        </dl>
        <div className="table-wrap">
          <table className="table" data-testid="po-lines">
            <thead>
              <tr>
                <th>SKU</th>
                <th className="num">Ordered</th>
                <th className="num">Received</th>
                <th className="num" title="still expected: the position's incoming while the order is open">
                  Open
                </th>
                <th className="num">Over</th>
                <th className="num">Short</th>
                <th className="num">Unit cost</th>
              </tr>
            </thead>
            <tbody>
              {po.lines.map((l) => (
                <tr key={l.sku} data-testid={`po-line-${l.sku}`}>
                  <td>
                    <Link className="mono" to={`/skus/${encodeURIComponent(l.sku)}`}>
                      {l.sku}
                    </Link>
                  </td>
                  <td className="num">{formatUnits(l.ordered)}</td>
                  <td className="num" data-testid="received">
                    {formatUnits(l.received)}
                  </td>
                  <td className="num incoming" data-testid="open">
                    {formatUnits(l.open)}
                  </td>
                  <td className="num">{l.overReceived ? formatUnits(l.overReceived) : '–'}</td>
                  <td className={`num ${l.short ? 'neg' : ''}`}>{l.short ? formatUnits(l.short) : '–'}</td>
                  <td className="num">{formatMoney(l.unitCost)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="muted small">
          Open units are the warehouse’s incoming: counted in the replenishment position, never sellable until
          received. Receiving books them in as a receipt referencing this order.
        </p>
      </Card>
    </>
  );
}

function PoActions(props: { po: PurchaseOrder }) {
  const { po } = props;
  const api = useApi();
  const qc = useQueryClient();
  const [qty, setQty] = useState<Record<string, string>>({});
  const [inspect, setInspect] = useState<Record<string, boolean>>({});
  const [reference, setReference] = useState('');
  const [reason, setReason] = useState('');
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['purchase-orders'] });
    void qc.invalidateQueries({ queryKey: ['replenishment'] });
    for (const l of po.lines) void qc.invalidateQueries({ queryKey: ['sku', l.sku] });
  };
  const receiptLines = po.lines
    .map((l) => ({ sku: l.sku, qty: positiveInt(qty[l.sku] ?? ''), inspect: inspect[l.sku] ?? false }))
    .filter((l): l is { sku: string; qty: number; inspect: boolean } => l.qty !== null);
  const badQty = po.lines.some(
    (l) => (qty[l.sku] ?? '').trim() !== '' && positiveInt(qty[l.sku] ?? '') === null,
  );
  const nothingReceived = po.lines.every((l) => l.received === 0);
  return (
    <div className="actions">
      <ActionDialog
        testId="po-receive"
        variant="primary"
        label="Receive"
        title={`Receive against ${po.poId}`}
        onOpen={() => {
          setQty({});
          setInspect({});
          setReference('');
        }}
        summary={() =>
          receiptLines.length > 0 && !badQty
            ? describeReceipt(po, receiptLines) +
              (receiptLines.some((l) => l.qty > (po.lines.find((x) => x.sku === l.sku)?.open ?? 0))
                ? ' More than is open on a line is kept as an over-delivery.'
                : '')
            : null
        }
        onConfirm={() =>
          api.post('/v1/purchase-orders/{poId}/receipts', {
            params: { path: { poId: po.poId } },
            body: {
              ...(reference ? { reference } : {}),
              lines: receiptLines.map((l) => ({
                sku: l.sku,
                qty: l.qty,
                ...(l.inspect ? { inspect: true } : {}),
              })),
            },
          })
        }
        onDone={refresh}
      >
        <div className="table-wrap scroll dialog-lines">
          <table className="table line-inputs">
            <thead>
              <tr>
                <th>SKU</th>
                <th className="num">Open</th>
                <th>Received now</th>
                <th>Inspect</th>
              </tr>
            </thead>
            <tbody>
              {po.lines.map((l) => (
                <tr key={l.sku}>
                  <td className="mono">{l.sku}</td>
                  <td className="num">{formatUnits(l.open)}</td>
                  <td>
                    <input
                      inputMode="numeric"
                      aria-label={`Units of ${l.sku} received`}
                      value={qty[l.sku] ?? ''}
                      onChange={(e) => setQty((q) => ({ ...q, [l.sku]: e.target.value }))}
                    />
                  </td>
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Hold ${l.sku} for inspection`}
                      checked={inspect[l.sku] ?? false}
                      onChange={(e) => setInspect((i) => ({ ...i, [l.sku]: e.target.checked }))}
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {badQty ? (
          <p className="neg small">Quantities are whole numbers above 0 (leave a line empty to skip it).</p>
        ) : null}
        <Field label="Delivery note (optional)">
          <input value={reference} onChange={(e) => setReference(e.target.value)} />
        </Field>
      </ActionDialog>
      <ActionDialog
        testId="po-close"
        label="Close"
        title={`Close ${po.poId}`}
        onOpen={() => setReason('')}
        summary={() => {
          const open = poTotals(po).open;
          return `Close ${po.poId}: ${open > 0 ? `the ${formatUnits(open)} units not delivered are recorded as short and leave incoming` : 'nothing is outstanding'}${reason ? ` (${reason})` : ''}.`;
        }}
        onConfirm={() =>
          api.post('/v1/purchase-orders/{poId}/close', {
            params: { path: { poId: po.poId } },
            body: reason ? { reason } : {},
          })
        }
        onDone={refresh}
      >
        <Field label="Reason (optional)">
          <input
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="supplier out of stock"
          />
        </Field>
      </ActionDialog>
      {nothingReceived ? (
        <ActionDialog
          testId="po-cancel"
          variant="danger"
          label="Cancel order"
          title={`Cancel ${po.poId}`}
          summary={() =>
            `Cancel ${po.poId}: nothing was received; its ${formatUnits(poTotals(po).open)} units leave incoming.`
          }
          onConfirm={() =>
            api.post('/v1/purchase-orders/{poId}/close', {
              params: { path: { poId: po.poId } },
              body: { cancel: true },
            })
          }
          onDone={refresh}
        />
      ) : null}
    </div>
  );
}

function Backorders() {
  const api = useApi();
  const backorders = useQuery({
    queryKey: ['backorders'],
    queryFn: () => api.get('/v1/backorders').then((r) => r.items),
  });
  return (
    <Card title="Backorders by supplier">
      <QueryView query={backorders} what="backorders">
        {(items) =>
          items.length === 0 ? (
            <Empty title="Nothing is sold beyond physical stock." />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>Supplier</th>
                  <th>SKU</th>
                  <th>Warehouse</th>
                  <th className="num">Backordered</th>
                  <th className="num">Lead time</th>
                </tr>
              </thead>
              <tbody>
                {items.map((b) => (
                  <tr key={`${b.sku}@${b.warehouse}`}>
                    <td>{b.supplier ?? '–'}</td>
                    <td>
                      <Link className="mono" to={`/skus/${encodeURIComponent(b.sku)}`}>
                        {b.sku}
                      </Link>
                    </td>
                    <td>{b.warehouse}</td>
                    <td className="num">{formatUnits(b.backordered)}</td>
                    <td className="num">
                      {b.leadTimeDays === null ? '–' : `${formatUnits(b.leadTimeDays)} d`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}

function InTransitCard() {
  const api = useApi();
  const transit = useQuery({
    queryKey: ['transfers', 'in-transit'],
    queryFn: () => api.get('/v1/in-transit', { params: { query: { limit: 500 } } }).then((r) => r.items),
  });
  return (
    <Card title="Transfers on the road">
      <QueryView query={transit} what="units in transit">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No units on the road." />
          ) : (
            <table className="table">
              <thead>
                <tr>
                  <th>SKU</th>
                  <th>Transfer</th>
                  <th>Route</th>
                  <th className="num">In transit</th>
                </tr>
              </thead>
              <tbody>
                {items.map((t) => (
                  <tr key={`${t.transferId}/${t.sku}`}>
                    <td className="mono">{t.sku}</td>
                    <td className="mono">{t.transferId}</td>
                    <td>
                      {t.from} → {t.to}
                    </td>
                    <td className="num">{formatUnits(t.inTransit)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}
