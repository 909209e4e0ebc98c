/** What to order: the replenishment suggestions with their totals, CSV download and "order these". */
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../context.tsx';
import { ActionDialog, Badge, Card, Empty, ErrorNote, Field, QueryView } from '../../components/ui.tsx';
import { Pager, sameFilter, useCursorPages } from '../../components/paging.tsx';
import { saveBlob } from '../../lib/download.ts';
import { formatMoney, formatUnits } from '../../lib/format.ts';
import type { Ok } from '../../lib/api.ts';
import {
  csvFileName,
  describeCover,
  describeReorderBy,
  suggestionState,
  type PurchaseOrder,
  type Suggestion,
} from '../../lib/replenishment.ts';
import { PAGE_SIZE, SupplierSelect, WarehouseSelect } from './shared.tsx';
import { SavedViews, SelectAll, useSelection } from '../../components/list-tools.tsx';
import { useI18n } from '../../i18n.tsx';

const keyOf = (s: Suggestion) => `${s.sku}@${s.warehouse}`;

/** The selected suggestions as purchase orders: one per supplier and warehouse. */
export function ordersFor(chosen: readonly Suggestion[]) {
  const groups = new Map<
    string,
    { supplier: string; warehouse: string; lines: { sku: string; qty: number }[] }
  >();
  let skipped = 0;
  for (const s of chosen) {
    const supplier = s.policy.supplier;
    if (!supplier || s.suggestedQty <= 0) {
      skipped++;
      continue;
    }
    const key = JSON.stringify([supplier, s.warehouse]);
    const g = groups.get(key) ?? { supplier, warehouse: s.warehouse, lines: [] };
    g.lines.push({ sku: s.sku, qty: s.suggestedQty });
    groups.set(key, g);
  }
  return { orders: [...groups.values()], skipped };
}

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
      api.get('/v1/replenishment', {
        params: { query: { ...filter, cursor: pages.cursor, limit: PAGE_SIZE } },
      }),
    placeholderData: (previous, previousQuery) =>
      sameFilter(previousQuery?.queryKey, filter) ? previous : undefined,
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
  const { t } = useI18n();
  const m = t.purchasing;
  const sp = t.suggestionsPage;
  const selection = useSelection();
  const shown = list.data?.items ?? [];
  const plan = ordersFor(shown.filter((s) => selection.has(keyOf(s))));
  const chosenCount = shown.filter((s) => selection.has(keyOf(s))).length;
  return (
    <Card
      title={m.whatToOrder}
      actions={
        <div className="actions">
          <button
            type="button"
            className="btn"
            onClick={() => download.mutate()}
            disabled={download.isPending}
            data-testid="download-csv"
          >
            {download.isPending ? m.preparing : m.downloadCsv}
          </button>
          <ActionDialog
            testId="order-suggestions"
            variant="primary"
            label={m.orderSuggestions}
            title={m.orderSuggestionsTitle}
            onOpen={() => {
              setOrderWarehouse(warehouse);
              setOrderSupplier(supplier);
              setReference('');
            }}
            summary={() =>
              orderWarehouse && orderSupplier
                ? sp.orderSummary(orderSupplier, orderWarehouse, reference)
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
            <Field label={m.supplier}>
              <SupplierSelect value={orderSupplier} onChange={setOrderSupplier} required />
            </Field>
            <Field label={m.warehouse}>
              <WarehouseSelect value={orderWarehouse} onChange={setOrderWarehouse} required />
            </Field>
            <Field label={m.reference} hint={sp.referenceHint}>
              <input value={reference} onChange={(e) => setReference(e.target.value)} />
            </Field>
            <p className="muted small">{sp.orderNote}</p>
          </ActionDialog>
        </div>
      }
    >
      <div className="toolbar">
        <Field label={m.warehouse}>
          <WarehouseSelect
            value={warehouse}
            onChange={(v) => setFilter(() => setWarehouse(v))}
            all={m.allWarehouses}
            label={sp.warehouseLabel}
          />
        </Field>
        <Field label={m.supplier}>
          <SupplierSelect
            value={supplier}
            onChange={(v) => setFilter(() => setSupplier(v))}
            all={m.allSuppliers}
            label={sp.supplierLabel}
          />
        </Field>
        <label className="check">
          <input
            type="checkbox"
            checked={onlyNeeded}
            onChange={(e) => setFilter(() => setOnlyNeeded(e.target.checked))}
          />{' '}
          {m.onlyNeeded}
        </label>
      </div>
      <div className="list-bar">
        <div className="actions">
          {chosenCount > 0 ? (
            <ActionDialog
              variant="primary"
              testId="order-selected"
              label={t.purchasing.orderSelected(formatUnits(chosenCount))}
              title={t.purchasing.orderSelectedTitle}
              summary={() =>
                plan.orders.length === 0
                  ? t.purchasing.nothing
                  : t.purchasing.orderPlan(
                      plan.orders
                        .map((o) =>
                          t.purchasing.onePo(
                            o.supplier,
                            o.warehouse,
                            formatUnits(o.lines.length),
                            formatUnits(o.lines.reduce((n, l) => n + l.qty, 0)),
                          ),
                        )
                        .join('; '),
                    ) + (plan.skipped > 0 ? t.purchasing.skipped(formatUnits(plan.skipped)) : '')
              }
              onConfirm={async () => {
                if (plan.orders.length === 0) throw new Error(t.purchasing.nothing);
                const created: PurchaseOrder[] = [];
                for (const o of plan.orders) created.push(await api.post('/v1/purchase-orders', { body: o }));
                return created;
              }}
              onDone={(created) => {
                selection.clear();
                void qc.invalidateQueries({ queryKey: ['replenishment'] });
                void qc.invalidateQueries({ queryKey: ['purchase-orders'] });
                const pos = created as PurchaseOrder[];
                if (pos.length === 1) void navigate(`/purchasing/orders/${encodeURIComponent(pos[0]!.poId)}`);
              }}
            />
          ) : null}
        </div>
        <SavedViews
          list="suggestions"
          current={{ warehouse, supplier, onlyNeeded: onlyNeeded ? '1' : '' }}
          onApply={(f) =>
            setFilter(() => {
              setWarehouse(f.warehouse ?? '');
              setSupplier(f.supplier ?? '');
              setOnlyNeeded(f.onlyNeeded === '1');
              selection.clear();
            })
          }
        />
      </div>
      {download.error ? <ErrorNote error={download.error} /> : null}
      {totals.data ? <SuggestionTotals totals={totals.data} /> : null}
      {pending > 0 ? (
        <div className="notice" role="status">
          {sp.pending(formatUnits(pending))}{' '}
          <button type="button" className="btn" onClick={() => refresh.mutate()} disabled={refresh.isPending}>
            {refresh.isPending ? sp.computing : sp.computeNow}
          </button>
          {refresh.data ? ` ${sp.computed(formatUnits(refresh.data.refreshed), refresh.data.more)}` : null}
          {refresh.error ? <ErrorNote error={refresh.error} /> : null}
        </div>
      ) : null}
      <div data-testid="replenishment-panel">
        <QueryView query={list} what={m.what}>
          {(p) =>
            p.items.length === 0 ? (
              <Empty title={onlyNeeded ? m.nothingNeeded : m.noPositions}>
                {onlyNeeded ? sp.everyAbove : sp.appear}
              </Empty>
            ) : (
              <>
                <div className="table-wrap">
                  <table className="table stack" data-testid="suggestions-table">
                    <thead>
                      <tr>
                        <th>
                          <SelectAll keys={p.items.map(keyOf)} selection={selection} />
                        </th>
                        <th>{m.col.sku}</th>
                        <th>{m.col.warehouse}</th>
                        <th>{m.col.supplier}</th>
                        <th className="num">{m.col.position}</th>
                        <th className="num">{m.col.incoming}</th>
                        <th className="num">{m.col.reorderPoint}</th>
                        <th className="num">{m.col.upTo}</th>
                        <th className="num">{m.col.suggested}</th>
                        <th className="num">{m.col.value}</th>
                        <th>{m.col.reorderBy}</th>
                        <th className="num">{m.col.cover}</th>
                        <th>{m.col.state}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {p.items.map((s) => (
                        <SuggestionRow
                          key={keyOf(s)}
                          s={s}
                          picked={selection.has(keyOf(s))}
                          onPick={(on) => selection.toggle(keyOf(s), on)}
                        />
                      ))}
                    </tbody>
                  </table>
                </div>
                <p className="muted small">{sp.formulaNote}</p>
                <Pager pages={pages} page={p} />
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
  const sp = useI18n().t.suggestionsPage;
  return (
    <p className="muted" data-testid="suggestion-totals">
      {sp.totals(
        formatUnits(t.needed),
        formatUnits(t.positions),
        formatUnits(t.suggestedUnits),
        formatMoney(t.suggestedValue),
        t.neededWithoutCost > 0 ? formatUnits(t.neededWithoutCost) : null,
      )}
    </p>
  );
}

function SuggestionRow(props: { s: Suggestion; picked: boolean; onPick: (on: boolean) => void }) {
  const { s } = props;
  const { t } = useI18n();
  const c = t.purchasing.col;
  const state = suggestionState(s, t.reorder);
  const dash = s.forecastPending;
  return (
    <tr className={dash ? 'pending' : ''}>
      <td className="pick">
        <input
          type="checkbox"
          aria-label={t.lists.select(`${s.sku} @ ${s.warehouse}`)}
          checked={props.picked}
          onChange={(e) => props.onPick(e.target.checked)}
        />
      </td>
      <td className="lead">
        <Link className="mono" to={`/skus/${encodeURIComponent(s.sku)}`}>
          {s.sku}
        </Link>
      </td>
      <td data-label={c.warehouse}>{s.warehouse}</td>
      <td data-label={c.supplier}>{s.policy.supplier ?? '–'}</td>
      <td className="num" data-label={c.position}>
        {formatUnits(s.inventoryPosition)}
      </td>
      <td className={`num ${s.stock.incoming ? 'incoming' : ''}`} data-label={c.incoming}>
        {formatUnits(s.stock.incoming)}
      </td>
      <td className="num" data-label={c.reorderPoint}>
        {dash ? '–' : formatUnits(s.reorderPoint)}
      </td>
      <td className="num" data-label={c.upTo}>
        {dash ? '–' : formatUnits(s.orderUpTo)}
      </td>
      <td className="num strong" data-label={c.suggested} data-testid="suggested-qty">
        {s.suggestedQty > 0 ? formatUnits(s.suggestedQty) : '–'}
      </td>
      <td className="num" data-label={c.value}>
        {s.suggestedQty > 0 && s.unitCost !== null ? formatMoney(s.suggestedQty * s.unitCost) : '–'}
      </td>
      <td className="nowrap" data-label={c.reorderBy}>
        {describeReorderBy(s, undefined, t.reorder)}
      </td>
      <td className="num nowrap" data-label={c.cover}>
        {describeCover(s.daysOfCover, undefined, t.reorder)}
      </td>
      <td data-label={c.state}>
        <Badge tone={state.tone}>{state.label}</Badge>
      </td>
    </tr>
  );
}
