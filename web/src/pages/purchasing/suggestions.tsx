/** What to order: the replenishment suggestions with their totals, CSV download and "order these". */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Badge, Card, Empty, ErrorNote, Field, QueryView } from '../../components/ui.tsx';
import { Pager, useCursorPages } from '../../components/paging.tsx';
import { saveBlob } from '../../lib/download.ts';
import { formatMoney, formatUnits } from '../../lib/format.ts';
import {
  csvFileName,
  describeCover,
  describeReorderBy,
  suggestionState,
  type PurchaseOrder,
  type Suggestion,
} from '../../lib/replenishment.ts';
import { PAGE_SIZE, SupplierSelect, WarehouseSelect, type Page } from './shared.tsx';

export function Suggestions() {
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
      api.get<Page<Suggestion>>('/v1/replenishment', { ...filter, cursor: pages.cursor, limit: PAGE_SIZE }),
    placeholderData: (previous) => previous,
  });
  const totals = useQuery({
    queryKey: ['replenishment', 'totals', warehouse, supplier],
    queryFn: () =>
      api.get<ReplenishmentTotals>('/v1/replenishment/totals', {
        warehouse: filter.warehouse,
        supplier: filter.supplier,
      }),
  });
  const download = useMutation({
    mutationFn: async () => {
      const blob = await api.getBlob('/v1/replenishment', { ...filter, format: 'csv' }, 'text/csv');
      saveBlob(blob, csvFileName(filter, new Date()));
    },
  });
  const refresh = useMutation({
    mutationFn: () => api.post<{ refreshed: number; more: boolean }>('/v1/replenishment/refresh', {}),
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
              api.post<PurchaseOrder>('/v1/replenishment/purchase-orders', {
                warehouse: orderWarehouse,
                supplier: orderSupplier,
                ...(reference ? { reference } : {}),
              })
            }
            onDone={(po) => {
              void qc.invalidateQueries({ queryKey: ['replenishment'] });
              void qc.invalidateQueries({ queryKey: ['purchase-orders'] });
              void navigate(`/purchasing/orders/${encodeURIComponent((po as PurchaseOrder).poId)}`);
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

export interface ReplenishmentTotals {
  positions: number;
  needed: number;
  forecastPending: number;
  suggestedUnits: number;
  suggestedValue: number;
  neededWithoutCost: number;
}

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
