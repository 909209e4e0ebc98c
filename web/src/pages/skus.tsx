import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useApi, useSession } from '../context.tsx';
import { categoryLabel } from '../lib/catalog.ts';
import { useCategories } from './sku-edit.tsx';
import { Badge, Empty, ErrorNote, Loading, useDebounced } from '../components/ui.tsx';
import { formatMoney, formatUnits } from '../lib/format.ts';
import {
  apiQuery,
  PAGE_SIZES,
  pageCount,
  parseState,
  STATES,
  toggleSort,
  toParams,
  update,
  type Sort,
  type SkuTableState,
} from '../lib/sku-query.ts';
import type { Ok } from '../lib/api.ts';

export type SkuRow = Ok<'/v1/dashboard/skus', 'get'>['items'][number];

export type Warehouse = Ok<'/v1/warehouses', 'get'>['items'][number];

export function useWarehouses() {
  const api = useApi();
  return useQuery({
    queryKey: ['warehouses'],
    queryFn: () => api.get('/v1/warehouses').then((r) => r.items),
    staleTime: 60_000,
  });
}

const STATE_LABEL: Record<(typeof STATES)[number], string> = {
  out: 'Out of stock',
  low: 'Low stock',
  overstock: 'Overstock',
};

const col = createColumnHelper<SkuRow>();
const SORTABLE = new Set<string>(['sku', 'name', 'sellable', 'onHand', 'reserved', 'unsellable', 'value']);

export function SkusPage() {
  const api = useApi();
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
    placeholderData: keepPreviousData,
  });

  const columns = useMemo(
    () => [
      col.accessor('sku', {
        header: 'SKU',
        cell: (c) => (
          <Link to={`/skus/${encodeURIComponent(c.getValue())}`} className="mono">
            {c.getValue()}
          </Link>
        ),
      }),
      col.accessor('name', { header: 'Name' }),
      col.accessor('sellable', {
        header: 'Sellable',
        meta: { numeric: true },
        cell: (c) => {
          const oversold = c.row.original.oversold;
          return (
            <>
              <span className={c.getValue() <= 0 ? 'neg' : ''}>{formatUnits(c.getValue())}</span>
              {oversold > 0 ? (
                <span className="neg" title="units sold beyond stock at oversold warehouses">
                  {' '}
                  ({formatUnits(oversold)} oversold)
                </span>
              ) : null}
            </>
          );
        },
      }),
      col.accessor('onHand', {
        header: 'On hand',
        meta: { numeric: true },
        cell: (c) => formatUnits(c.getValue()),
      }),
      col.accessor('reserved', {
        header: 'Reserved',
        meta: { numeric: true },
        cell: (c) => formatUnits(c.getValue()),
      }),
      col.accessor('unsellable', {
        header: 'Damaged + insp.',
        meta: { numeric: true },
        cell: (c) => formatUnits(c.getValue()),
      }),
      col.accessor('value', {
        header: 'Value',
        meta: { numeric: true },
        cell: (c) => formatMoney(c.getValue()),
      }),
      col.accessor('openAlerts', {
        header: 'Alerts',
        enableSorting: false,
        cell: (c) => (c.getValue() > 0 ? <Badge tone="bad">{c.getValue()}</Badge> : null),
      }),
    ],
    [],
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

  return (
    <>
      <header className="page-head row">
        <h1>SKUs</h1>
        {can('admin') ? (
          <Link className="btn btn-primary" to="/skus/new" data-testid="new-sku">
            New SKU
          </Link>
        ) : null}
      </header>
      <div className="toolbar" role="search">
        <label className="field grow">
          <span className="field-label">Search</span>
          <input
            type="search"
            placeholder="SKU or name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            aria-label="Search SKUs by code or name"
            data-testid="sku-search"
          />
        </label>
        <label className="field">
          <span className="field-label">Warehouse</span>
          <select value={state.warehouse} onChange={(e) => set(update(state, { warehouse: e.target.value }))}>
            <option value="">All warehouses</option>
            {(warehouses.data ?? []).map((w) => (
              <option key={w.code} value={w.code}>
                {w.code} – {w.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">State</span>
          <select
            value={state.state}
            onChange={(e) => set(update(state, { state: e.target.value as SkuTableState['state'] }))}
          >
            <option value="">Any state</option>
            {STATES.map((s) => (
              <option key={s} value={s}>
                {STATE_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Category</span>
          <select
            value={state.category}
            onChange={(e) => set(update(state, { category: e.target.value }))}
            data-testid="sku-category"
          >
            <option value="">Any category</option>
            {(categories.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {categoryLabel(c)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span className="field-label">Channel</span>
          <select value={state.channel} onChange={(e) => set(update(state, { channel: e.target.value }))}>
            <option value="">Any channel</option>
            {(channels.data ?? []).map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
      </div>
      {rows.error ? <ErrorNote error={rows.error} retry={() => void rows.refetch()} /> : null}
      {rows.isPending ? (
        <Loading what="SKUs" />
      ) : total === 0 && !rows.error ? (
        <Empty title="No SKU matches.">Clear the search or the filters to see the whole catalogue.</Empty>
      ) : (
        <div className={`table-wrap ${rows.isFetching ? 'is-fetching' : ''}`}>
          <table className="table" data-testid="sku-table" aria-rowcount={total}>
            <thead>
              {table.getHeaderGroups().map((g) => (
                <tr key={g.id}>
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
                  {r.getVisibleCells().map((c) => (
                    <td
                      key={c.id}
                      className={
                        (c.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric ? 'num' : ''
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
      <div className="pager" aria-label="Pages">
        <span>
          {formatUnits(total)} SKUs · page {formatUnits(state.page + 1)} of {formatUnits(pages)}
        </span>
        <button
          type="button"
          className="btn"
          disabled={state.page === 0}
          onClick={() => set(update(state, { page: 0 }))}
        >
          First
        </button>
        <button
          type="button"
          className="btn"
          disabled={state.page === 0}
          onClick={() => set(update(state, { page: state.page - 1 }))}
        >
          Previous
        </button>
        <button
          type="button"
          className="btn"
          disabled={state.page + 1 >= pages}
          onClick={() => set(update(state, { page: state.page + 1 }))}
        >
          Next
        </button>
        <label>
          Rows{' '}
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
