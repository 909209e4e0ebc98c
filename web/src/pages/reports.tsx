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
  insightPath,
  REPORT_NAMES,
  reportView,
  type CellKind,
  type ReportFilters,
  type ReportName,
} from '../lib/reports.ts';
import { useI18n } from '../i18n.tsx';
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
  /** How plain string options are named on screen (their value stays as the API takes it). */
  names?: Readonly<Record<string, string>>;
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
              {props.names?.[o] ?? o}
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
  const w = useI18n().t.reports;
  const days = Object.fromEntries(
    ['30', '60', '180', '365'].map((n) => [n, w.daysOption(formatUnits(Number(n)))]),
  );
  return (
    <div className="page" data-testid="reports-page">
      <h1>{w.title}</h1>
      <nav className="report-tabs" aria-label={w.title}>
        {REPORT_NAMES.map((r) => (
          <Link key={r} to={`/reports/${r}${search}`} aria-current={r === name ? 'page' : undefined}>
            {w.names[r]}
          </Link>
        ))}
      </nav>
      <Card
        title={w.names[name]}
        actions={
          <button type="button" className="btn" onClick={() => void download()} data-testid="report-csv">
            {w.downloadCsv}
          </button>
        }
      >
        <div className="toolbar" data-testid="report-filters">
          {usesPeriod ? (
            <>
              <Field label={w.from}>
                <input
                  type="date"
                  aria-label={w.from}
                  value={filters.from ?? ''}
                  onChange={(e) => set({ from: e.target.value })}
                />
              </Field>
              <Field label={w.to}>
                <input
                  type="date"
                  aria-label={w.to}
                  value={filters.to ?? ''}
                  onChange={(e) => set({ to: e.target.value })}
                />
              </Field>
              <Select
                label={w.by}
                value={filters.bucket}
                options={['day', 'week', 'month']}
                names={w.buckets}
                all={w.buckets.day!}
                onChange={(v) => set({ bucket: v })}
              />
            </>
          ) : null}
          <Select
            label={w.warehouse}
            value={filters.warehouse}
            options={warehouses.data}
            all={w.allWarehouses}
            onChange={(v) => set({ warehouse: v })}
          />
          <Select
            label={w.channel}
            value={filters.channel}
            options={channels.data}
            all={w.allChannels}
            onChange={(v) => set({ channel: v })}
          />
          <Select
            label={w.supplier}
            value={filters.supplier}
            options={suppliers.data}
            all={w.allSuppliers}
            onChange={(v) => set({ supplier: v })}
          />
          <Select
            label={w.category}
            value={filters.category}
            options={withChosen(
              // A category's report takes in its descendants: the path says where it sits.
              categories.data?.map((c) => ({
                code: c.code,
                name: c.path.length > 1 ? `${c.name} (${c.path.slice(0, -1).join(' › ')})` : c.name,
              })),
              filters.category,
            )}
            all={w.allCategories}
            onChange={(v) => set({ category: v })}
          />
          <Select
            label={w.product}
            value={filters.product}
            options={withChosen(products.data, filters.product)}
            all={w.allProducts}
            onChange={(v) => set({ product: v })}
          />
          {extra.includes('by') ? (
            <Select
              label={w.rows}
              value={filters.by}
              options={['channel', 'warehouse']}
              names={w.rowsBy}
              all={w.rowsBy.sku!}
              onChange={(v) => set({ by: v })}
            />
          ) : null}
          {extra.includes('basis') ? (
            <Select
              label={w.abcBy}
              value={filters.basis}
              options={['margin']}
              names={w.basis}
              all={w.basis.revenue!}
              onChange={(v) => set({ basis: v })}
            />
          ) : null}
          {extra.includes('abc') ? (
            <Select
              label="ABC"
              value={filters.abc}
              options={['A', 'B', 'C']}
              all={w.all}
              onChange={(v) => set({ abc: v })}
            />
          ) : null}
          {extra.includes('xyz') ? (
            <Select
              label="XYZ"
              value={filters.xyz}
              options={['X', 'Y', 'Z']}
              all={w.all}
              onChange={(v) => set({ xyz: v })}
            />
          ) : null}
          {extra.includes('days') ? (
            <Select
              label={w.noSaleIn}
              value={filters.days}
              options={['30', '60', '180', '365']}
              names={days}
              all={w.daysOption(formatUnits(90))}
              onChange={(v) => set({ days: v })}
            />
          ) : null}
        </div>
        {downloadError ? <ErrorNote error={downloadError} /> : null}
        <QueryView query={result} what={w.what}>
          {(body) => {
            const view = reportView(name, body, w);
            return (
              <>
                {view.chart ? (
                  <Suspense fallback={<ChartLoading height={280} />}>
                    <ReportChart spec={view.chart} label={w.names[name]} />
                  </Suspense>
                ) : null}
                {view.rows.length === 0 ? (
                  <Empty title={w.emptyTitle}>{w.emptyBody}</Empty>
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
