import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useApi, useSession } from '../context.tsx';
import { categoryLabel } from '../lib/catalog.ts';
import { useCategories } from './sku-edit.tsx';
import {
  ActionDialog,
  Badge,
  Empty,
  ErrorNote,
  Field,
  Loading,
  positiveInt,
  useDebounced,
} from '../components/ui.tsx';
import { ExportCsv, SavedViews, SelectAll, useSelection } from '../components/list-tools.tsx';
import { exportName, toCsv } from '../lib/list-tools.ts';
import { SupplierSelect, WarehouseSelect, useWarehouses } from '../components/code-selects.tsx';
import { formatMoney, formatUnits } from '../lib/format.ts';
import {
  apiQuery,
  PAGE_SIZES,
  pageCount,
  parseState,
  STATES,
  toggleSort,
  toParams,
  sameRowSet,
  update,
  type Sort,
  type SkuTableState,
} from '../lib/sku-query.ts';
import { seg, type Ok } from '../lib/api.ts';
import { useI18n } from '../i18n.tsx';

export type SkuRow = Ok<'/v1/dashboard/skus', 'get'>['items'][number];

export type Warehouse = Ok<'/v1/warehouses', 'get'>['items'][number];

// Where it has always been imported from by the other screens.
export { useWarehouses };

const col = createColumnHelper<SkuRow>();
const SORTABLE = new Set<string>(['sku', 'name', 'sellable', 'onHand', 'reserved', 'unsellable', 'value']);

export function SkusPage() {
  const api = useApi();
  const { t } = useI18n();
  const m = t.skus;
  const [params, setParams] = useSearchParams();
  const state = parseState(params);
  const set = (next: SkuTableState) => setParams(toParams(next), { replace: true });
  const [search, setSearch] = useState(state.search);
  const debounced = useDebounced(search);
  useEffect(() => {
    if (debounced !== state.search) set(update(state, { search: debounced }));
    // Only the settled text drives the address bar.
  }, [debounced]);

  const { can } = useSession();
  const warehouses = useWarehouses();
  const categories = useCategories();
  const channels = useQuery({
    queryKey: ['channels'],
    queryFn: () => api.get('/v1/channels').then((r) => r.items),
    staleTime: 60_000,
  });
  const query = apiQuery(state);
  const rows = useQuery({
    queryKey: ['skus', query],
    queryFn: () => api.get('/v1/dashboard/skus', { params: { query } }),
    placeholderData: (previous, previousQuery) =>
      sameRowSet(previousQuery?.queryKey[1] as typeof query | undefined, query) ? previous : undefined,
  });

  const columns = useMemo(
    () => [
      col.accessor('sku', {
        header: m.colSku,
        cell: (c) => (
          <Link to={`/skus/${encodeURIComponent(c.getValue())}`} className="mono">
            {c.getValue()}
          </Link>
        ),
      }),
      col.accessor('name', { header: m.colName }),
      col.accessor('sellable', {
        header: m.colSellable,
        meta: { numeric: true },
        cell: (c) => {
          const oversold = c.row.original.oversold;
          return (
            <>
              <span className={c.getValue() <= 0 ? 'neg' : ''}>{formatUnits(c.getValue())}</span>
              {oversold > 0 ? (
                <span className="neg" title={m.oversoldTitle}>
                  {' '}
                  {m.oversold(formatUnits(oversold))}
                </span>
              ) : null}
            </>
          );
        },
      }),
      col.accessor('onHand', {
        header: m.colOnHand,
        meta: { numeric: true },
        cell: (c) => formatUnits(c.getValue()),
      }),
      col.accessor('reserved', {
        header: m.colReserved,
        meta: { numeric: true },
        cell: (c) => formatUnits(c.getValue()),
      }),
      col.accessor('unsellable', {
        header: m.colUnsellable,
        meta: { numeric: true },
        cell: (c) => formatUnits(c.getValue()),
      }),
      col.accessor('value', {
        header: m.colValue,
        meta: { numeric: true },
        cell: (c) => formatMoney(c.getValue()),
      }),
      col.accessor('openAlerts', {
        header: m.colAlerts,
        enableSorting: false,
        cell: (c) => (c.getValue() > 0 ? <Badge tone="bad">{c.getValue()}</Badge> : null),
      }),
    ],
    [m],
  );
  const data = rows.data?.items ?? [];
  const table = useReactTable({
    data,
    columns,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    manualFiltering: true,
    rowCount: rows.data?.total ?? 0,
  });
  const total = rows.data?.total ?? 0;
  const pages = pageCount(total, state.pageSize);
  const selection = useSelection();
  const shown = rows.data?.items ?? [];
  const exportAll = async () => {
    const items: SkuRow[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await api.get('/v1/dashboard/skus', {
        params: { query: { ...query, offset, limit: 500 } },
      });
      items.push(...page.items);
      if (page.items.length === 0 || items.length >= page.total) break;
    }
    const filters = Object.fromEntries([...toParams({ ...state, page: 0 })].filter(([k]) => k !== 'size'));
    return {
      csv: toCsv(
        ['sku', 'name', 'sellable', 'on_hand', 'reserved', 'unsellable', 'value', 'open_alerts'],
        items.map((r) => [
          r.sku,
          r.name,
          r.sellable,
          r.onHand,
          r.reserved,
          r.unsellable,
          r.value,
          r.openAlerts,
        ]),
      ),
      fileName: exportName('skus', filters, new Date()),
    };
  };

  return (
    <>
      <header className="page-head row">
        <h1>{m.title}</h1>
        {can('admin') ? (
          <Link className="btn btn-primary" to="/skus/new" data-testid="new-sku">
            {m.newSku}
          </Link>
        ) : null}
      </header>
      <div className="toolbar" role="search">
        <label className="field grow">
          <span className="field-label">{m.search}</span>
          <input
            type="search"
            placeholder={m.searchPlaceholder}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label={m.searchLabel}
            data-testid="sku-search"
            data-search
          />
        </label>
        <label className="field">
          <span className="field-label">{m.warehouse}</span>
          <select value={state.warehouse} onChange={(e) => set(update(state, { warehouse: e.target.value }))}>
            <option value="">{m.allWarehouses}</option>
            {(warehouses.data ?? []).map((w) => (
              <option key={w.code} value={w.code}>
                {w.code} – {w.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{m.state}</span>
          <select
            value={state.state}
            onChange={(e) => set(update(state, { state: e.target.value as SkuTableState['state'] }))}
          >
            <option value="">{m.anyState}</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {m.states[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{m.category}</span>
          <select
            value={state.category}
            onChange={(e) => set(update(state, { category: e.target.value }))}
            data-testid="sku-category"
          >
            <option value="">{m.anyCategory}</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">{m.channel}</span>
          <select value={state.channel} onChange={(e) => set(update(state, { channel: e.target.value }))}>
            <option value="">{m.anyChannel}</option>
            {(channels.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="list-bar">
        <p className="muted" data-testid="list-totals">
          {/* The server's totals: the whole filtered list, every page of it. */}
          {rows.data
            ? m.totals(
                formatUnits(total),
                formatUnits(rows.data.totals.sellable),
                formatUnits(rows.data.totals.onHand),
                formatMoney(rows.data.totals.value),
              )
            : null}
        </p>
        <div className="actions">
          {can('operate') && selection.among(shown.map((r) => r.sku)).length > 0 ? (
            <OrderSelected
              skus={selection.among(shown.map((r) => r.sku))}
              warehouse={state.warehouse}
              onDone={selection.clear}
            />
          ) : null}
          <ExportCsv build={exportAll} />
          <SavedViews
            list="skus"
            current={Object.fromEntries([...toParams({ ...state, page: 0 })])}
            onApply={(f) => {
              setSearch(f.q ?? '');
              setParams(new URLSearchParams(f), { replace: true });
              selection.clear();
            }}
          />
        </div>
      </div>
      {rows.error ? <ErrorNote error={rows.error} retry={() => void rows.refetch()} /> : null}
      {rows.isPending ? (
        <Loading what={m.what} />
      ) : total === 0 && !rows.error ? (
        <Empty title={m.emptyTitle}>{m.emptyBody}</Empty>
      ) : (
        <div className={`table-wrap ${rows.isFetching ? 'is-fetching' : ''}`}>
          <table
            className="table stack"
            data-testid="sku-table"
            aria-rowcount={total}
            aria-busy={rows.isFetching}
          >
            <thead>
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id}>
                  <th>
                    <SelectAll keys={shown.map((r) => r.sku)} selection={selection} />
                  </th>
                  {g.headers.map((h) => {
                    const id = h.column.id;
                    const numeric = (h.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric;
                    const sorted = state.sort === id ? (state.desc ? 'descending' : 'ascending') : 'none';
                    return (
                      <th
                        key={h.id}
                        aria-sort={SORTABLE.has(id) ? sorted : undefined}
                        className={numeric ? 'num' : ''}
                      >
                        {SORTABLE.has(id) ? (
                          <button
                            type="button"
                            className="sort"
                            onClick={() => set(toggleSort(state, id as Sort))}
                          >
                            {flexRender(h.column.columnDef.header, h.getContext())}
                            <span aria-hidden="true">
                              {sorted === 'ascending' ? ' ▲' : sorted === 'descending' ? ' ▼' : ''}
                            </span>
                          </button>
                        ) : (
                          flexRender(h.column.columnDef.header, h.getContext())
                        )}
                      </th>
                    );
                  })}
                </tr>
              ))}
            </thead>
            <tbody>
              {table.getRowModel().rows.map((r) => (
                <tr key={r.id}>
                  <td className="pick">
                    <input
                      type="checkbox"
                      aria-label={t.lists.select(r.original.sku)}
                      checked={selection.has(r.original.sku)}
                      onChange={(e) => selection.toggle(r.original.sku, e.target.checked)}
                    />
                  </td>
                  {r.getVisibleCells().map((c) => (
                    <td
                      key={c.id}
                      className={
                        (c.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric ? 'num' : ''
                      }
                      data-label={
                        typeof c.column.columnDef.header === 'string' ? c.column.columnDef.header : undefined
                      }
                    >
                      {flexRender(c.column.columnDef.cell, c.getContext())}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="pager" role="group" aria-label={m.pages}>
        <span>{m.pageOf(formatUnits(total), formatUnits(state.page + 1), formatUnits(pages))}</span>
        <button
          type="button"
          className="btn"
          disabled={state.page === 0}
          onClick={() => set(update(state, { page: 0 }))}
        >
          {m.first}
        </button>
        <button
          type="button"
          className="btn"
          disabled={state.page === 0}
          onClick={() => set(update(state, { page: state.page - 1 }))}
        >
          {m.previous}
        </button>
        <button
          type="button"
          className="btn"
          disabled={state.page + 1 >= pages}
          onClick={() => set(update(state, { page: state.page + 1 }))}
        >
          {m.next}
        </button>
        <label>
          {m.rows}{' '}
          <select
            value={state.pageSize}
            onChange={(e) => set(update(state, { pageSize: Number(e.target.value) }))}
          >
            {PAGE_SIZES.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
      </div>
    </>
  );
}

/** The selected SKUs on one new purchase order: a supplier, a warehouse, a quantity each. */
function OrderSelected(props: { skus: string[]; warehouse: string; onDone: () => void }) {
  const api = useApi();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const m = useI18n().t.skus;
  const [supplier, setSupplier] = useState('');
  const [warehouse, setWarehouse] = useState('');
  const [qty, setQty] = useState<Record<string, string>>({});
  const lines = props.skus
    .map((sku) => ({ sku, qty: positiveInt(qty[sku] ?? '') }))
    .filter((l): l is { sku: string; qty: number } => l.qty !== null);
  return (
    <ActionDialog
      variant="primary"
      testId="order-selected-skus"
      label={m.orderSelected(formatUnits(props.skus.length))}
      title={m.orderTitle}
      onOpen={() => {
        setSupplier('');
        setWarehouse(props.warehouse);
        setQty({});
      }}
      summary={() =>
        supplier && warehouse && lines.length > 0
          ? m.orderSummary(
              lines.map((l) => `${formatUnits(l.qty)} × ${l.sku}`).join(', '),
              supplier,
              warehouse,
            )
          : null
      }
      onConfirm={() => api.post('/v1/purchase-orders', { body: { supplier, warehouse, lines } })}
      onDone={(po) => {
        props.onDone();
        void qc.invalidateQueries({ queryKey: ['purchase-orders'] });
        void qc.invalidateQueries({ queryKey: ['replenishment'] });
        void navigate(`/purchasing/orders/${seg((po as { poId: string }).poId)}`);
      }}
    >
      <Field label={m.supplier}>
        <SupplierSelect value={supplier} onChange={setSupplier} required />
      </Field>
      <Field label={m.warehouse}>
        <WarehouseSelect value={warehouse} onChange={setWarehouse} required />
      </Field>
      <p className="muted small">{m.qtyHint}</p>
      {props.skus.map((sku) => (
        <Field key={sku} label={sku}>
          <input
            inputMode="numeric"
            aria-label={m.qtyOf(sku)}
            value={qty[sku] ?? ''}
            onChange={(e) => setQty((q) => ({ ...q, [sku]: e.target.value }))}
          />
        </Field>
      ))}
    </ActionDialog>
  );
}
