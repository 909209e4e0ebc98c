/**
 * Reports: each insights report as a chart and a table, with the period and filters in the
 * address bar (a report can be bookmarked or sent) and the same table as a CSV download.
 */
import { lazy, Suspense, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { Card, ChartLoading, Empty, ErrorNote, Field, QueryView } from '../components/ui.tsx';
import { saveBlob } from '../lib/download.ts';
import { formatDay, formatDecimal, formatMoney, formatPercent, formatUnits } from '../lib/format.ts';
import {
  apiQuery,
  csvFileName,
  EXTRA_FILTERS,
  filtersFromParams,
  filtersToParams,
  isReportName,
  REPORT_LABELS,
  insightPath,
  REPORT_NAMES,
  reportView,
  type CellKind,
  type ReportFilters,
  type ReportName,
} from '../lib/reports.ts';
import { useCategories } from './sku-edit.tsx';
import { useWarehouses } from './skus.tsx';

const ReportChart = lazy(() => import('../charts/report-chart.tsx'));

function formatCell(value: unknown, kind: CellKind): string {
  if (value === null || value === undefined) return '–';
  if (kind === 'money') return formatMoney(Number(value));
  if (kind === 'units') return formatUnits(Number(value));
  if (kind === 'ratio') return formatDecimal(Number(value));
  if (kind === 'percent') return formatPercent(Number(value));
  if (kind === 'day') return formatDay(String(value).slice(0, 10));
  return String(value);
}

function useCodes(path: '/v1/channels' | '/v1/suppliers') {
  const api = useApi();
  return useQuery({
    queryKey: ['codes', path],
    queryFn: () => api.get(path).then((r) => r.items),
    staleTime: 60_000,
  });
}

/** The products a report may be narrowed to (the first thousand, by code). */
function useProducts() {
  const api = useApi();
  return useQuery({
    queryKey: ['codes', '/v1/products'],
    queryFn: () => api.get('/v1/products', { params: { query: { limit: 1000 } } }).then((r) => r.items),
    staleTime: 60_000,
  });
}

/** A choice kept in the address bar stays a choice while the list loads, or if it does not hold it. */
const withChosen = (options: { code: string; name: string }[] | undefined, chosen: string | undefined) =>
  !chosen || options?.some((o) => o.code === chosen)
    ? options
    : [...(options ?? []), { code: chosen, name: chosen }];

function Select(props: {
  label: string;
  value: string | undefined;
  options: readonly (string | { code: string; name: string })[] | undefined;
  all: string;
  onChange: (v: string) => void;
}) {
  return (
    <Field label={props.label}>
      <select
        aria-label={props.label}
        value={props.value ?? ''}
        onChange={(e) => props.onChange(e.target.value)}
      >
        <option value="">{props.all}</option>
        {(props.options ?? []).map((o) =>
          typeof o === 'string' ? (
            <option key={o} value={o}>
              {o}
            </option>
          ) : (
            <option key={o.code} value={o.code}>
              {o.code} – {o.name}
            </option>
          ),
        )}
      </select>
    </Field>
  );
}

export function ReportsPage() {
  const { report } = useParams();
  const name: ReportName = isReportName(report) ? report : 'stock';
  const [params, setParams] = useSearchParams();
  const filters = filtersFromParams(params);
  const set = (next: Partial<ReportFilters>) =>
    setParams(filtersToParams({ ...filters, ...next }), { replace: true });
  const api = useApi();
  const warehouses = useWarehouses();
  const channels = useCodes('/v1/channels');
  const suppliers = useCodes('/v1/suppliers');
  const categories = useCategories();
  const products = useProducts();
  const result = useQuery({
    queryKey: ['insights', name, filters],
    queryFn: () => api.get(insightPath(name), { params: { query: apiQuery(filters) } }),
  });
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const download = async () => {
    setDownloadError(null);
    try {
      const blob = await api.get(insightPath(name), {
        params: { query: { ...apiQuery(filters), format: 'csv' } },
        headers: { accept: 'text/csv' },
        parseAs: 'blob',
      });
      saveBlob(blob, csvFileName(name, filters));
    } catch (err) {
      setDownloadError(err);
    }
  };
  const extra = EXTRA_FILTERS[name];
  const usesPeriod = name !== 'ageing' && name !== 'dead-stock';
  const search = params.toString() ? `?${params.toString()}` : '';
  return (
    <div className="page" data-testid="reports-page">
      <h1>Reports</h1>
      <nav className="report-tabs" aria-label="Reports">
        {REPORT_NAMES.map((r) => (
          <Link key={r} to={`/reports/${r}${search}`} aria-current={r === name ? 'page' : undefined}>
            {REPORT_LABELS[r]}
          </Link>
        ))}
      </nav>
      <Card
        title={REPORT_LABELS[name]}
        actions={
          <button type="button" className="btn" onClick={() => void download()} data-testid="report-csv">
            Download CSV
          </button>
        }
      >
        <div className="toolbar" data-testid="report-filters">
          {usesPeriod ? (
            <>
              <Field label="From">
                <input
                  type="date"
                  aria-label="From"
                  value={filters.from ?? ''}
                  onChange={(e) => set({ from: e.target.value })}
                />
              </Field>
              <Field label="To">
                <input
                  type="date"
                  aria-label="To"
                  value={filters.to ?? ''}
                  onChange={(e) => set({ to: e.target.value })}
                />
              </Field>
              <Select
                label="By"
                value={filters.bucket}
                options={['day', 'week', 'month']}
                all="day"
                onChange={(v) => set({ bucket: v })}
              />
            </>
          ) : null}
          <Select
            label="Warehouse"
            value={filters.warehouse}
            options={warehouses.data}
            all="All warehouses"
            onChange={(v) => set({ warehouse: v })}
          />
          <Select
            label="Channel"
            value={filters.channel}
            options={channels.data}
            all="All channels"
            onChange={(v) => set({ channel: v })}
          />
          <Select
            label="Supplier"
            value={filters.supplier}
            options={suppliers.data}
            all="All suppliers"
            onChange={(v) => set({ supplier: v })}
          />
          <Select
            label="Category"
            value={filters.category}
            options={withChosen(
              // A category's report takes in its descendants: the path says where it sits.
              categories.data?.map((c) => ({
                code: c.code,
                name: c.path.length > 1 ? `${c.name} (${c.path.slice(0, -1).join(' › ')})` : c.name,
              })),
              filters.category,
            )}
            all="All categories"
            onChange={(v) => set({ category: v })}
          />
          <Select
            label="Product"
            value={filters.product}
            options={withChosen(products.data, filters.product)}
            all="All products"
            onChange={(v) => set({ product: v })}
          />
          {extra.includes('by') ? (
            <Select
              label="Rows"
              value={filters.by}
              options={['channel', 'warehouse']}
              all="sku"
              onChange={(v) => set({ by: v })}
            />
          ) : null}
          {extra.includes('basis') ? (
            <Select
              label="ABC by"
              value={filters.basis}
              options={['margin']}
              all="revenue"
              onChange={(v) => set({ basis: v })}
            />
          ) : null}
          {extra.includes('abc') ? (
            <Select
              label="ABC"
              value={filters.abc}
              options={['A', 'B', 'C']}
              all="All"
              onChange={(v) => set({ abc: v })}
            />
          ) : null}
          {extra.includes('xyz') ? (
            <Select
              label="XYZ"
              value={filters.xyz}
              options={['X', 'Y', 'Z']}
              all="All"
              onChange={(v) => set({ xyz: v })}
            />
          ) : null}
          {extra.includes('days') ? (
            <Select
              label="No sale in"
              value={filters.days}
              options={['30', '60', '180', '365']}
              all="90 days"
              onChange={(v) => set({ days: v })}
            />
          ) : null}
        </div>
        {downloadError ? <ErrorNote error={downloadError} /> : null}
        <QueryView query={result} what="the report">
          {(body) => {
            const view = reportView(name, body);
            return (
              <>
                {view.chart ? (
                  <Suspense fallback={<ChartLoading height={280} />}>
                    <ReportChart spec={view.chart} label={REPORT_LABELS[name]} />
                  </Suspense>
                ) : null}
                {view.rows.length === 0 ? (
                  <Empty title="Nothing in this period.">Try a longer period or fewer filters.</Empty>
                ) : (
                  <div className="table-wrap">
                    <table className="table" data-testid="report-table">
                      <thead>
                        <tr>
                          {view.columns.map((c) => (
                            <th key={c.key} className={c.kind === 'text' || c.kind === 'day' ? '' : 'num'}>
                              {c.label}
                            </th>
                          ))}
                        </tr>
                      </thead>
                      <tbody>
                        {view.rows.map((row, i) => (
                          <tr key={i}>
                            {view.columns.map((c) => (
                              <td key={c.key} className={c.kind === 'text' || c.kind === 'day' ? '' : 'num'}>
                                {name === 'summary' && c.key === 'value'
                                  ? formatCell(row.value, row.kind as CellKind)
                                  : formatCell(row[c.key], c.kind)}
                              </td>
                            ))}
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  </div>
                )}
              </>
            );
          }}
        </QueryView>
      </Card>
    </div>
  );
}
