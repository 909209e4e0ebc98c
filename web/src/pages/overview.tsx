import { lazy, Suspense, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi, useLive, useSession } from '../context.tsx';
import { Card, ChartLoading, Empty, ErrorNote, QueryView, Stat } from '../components/ui.tsx';
import { formatDateTime, formatMoney, formatUnits, startOfLocalDay } from '../lib/format.ts';
import { describeFeedEntry } from '../lib/live.ts';
import type { Ok } from '../lib/api.ts';
import { useI18n } from '../i18n.tsx';

export type Overview = Ok<'/v1/dashboard/overview', 'get'>;

// Recharts is large: the charts load as a chunk of their own, after the page's first paint.
const SeriesChartView = lazy(() => import('../charts/series-chart.tsx'));

export function OverviewPage() {
  const api = useApi();
  const { t } = useI18n();
  const m = t.overview;
  const since = startOfLocalDay().toISOString();
  const overview = useQuery({
    queryKey: ['overview', since],
    queryFn: () => api.get('/v1/dashboard/overview', { params: { query: { since } } }),
  });
  return (
    <>
      <h1>{m.title}</h1>
      {overview.data?.skus === 0 ? <EmptyStockroom /> : null}
      <QueryView query={overview} what={m.what}>
        {(o) => (
          <div className="stats" data-testid="overview-stats">
            <Stat
              testId="stat-sellable"
              label={m.sellable}
              value={formatUnits(o.sellableUnits)}
              hint={
                m.onHand(formatUnits(o.onHandUnits)) +
                (o.oversoldUnits > 0 ? m.oversold(formatUnits(o.oversoldUnits)) : '')
              }
            />
            <Stat
              testId="stat-stock-value"
              label={m.stockValue}
              value={formatMoney(o.stockValue)}
              hint={m.stockValueHint}
            />
            <Stat
              label={m.outOfStock}
              value={formatUnits(o.skusOutOfStock)}
              hint={
                m.ofSkus(formatUnits(o.skus)) +
                (o.skusOversold > 0 ? m.oversoldSomewhere(formatUnits(o.skusOversold)) : '')
              }
              tone={o.skusOutOfStock > 0 ? 'warn' : 'good'}
            />
            <Stat
              testId="stat-alerts"
              label={m.openAlerts}
              value={formatUnits(o.openAlerts)}
              hint={m.acknowledged(formatUnits(o.acknowledgedAlerts))}
              tone={o.openAlerts > 0 ? 'bad' : 'good'}
            />
            <Stat testId="stat-reserved" label={m.reservedToday} value={formatUnits(o.ordersReservedSince)} />
            <Stat
              testId="stat-shipped"
              label={m.shippedToday}
              value={formatUnits(o.ordersShippedSince)}
              hint={m.units(formatUnits(o.unitsShippedSince))}
            />
            <Stat
              label={m.inTransit}
              value={formatUnits(o.unitsInTransit)}
              hint={m.openTransfers(formatUnits(o.transfersOpen))}
            />
          </div>
        )}
      </QueryView>
      <div className="grid-2">
        <SeriesChart />
        <Activity />
      </div>
    </>
  );
}

function SeriesChart() {
  const api = useApi();
  const [bucket, setBucket] = useState<'hour' | 'day'>('hour');
  const series = useQuery({
    queryKey: ['series', bucket],
    queryFn: () =>
      api.get('/v1/dashboard/series', { params: { query: { bucket, points: bucket === 'hour' ? 48 : 30 } } }),
  });
  const { t } = useI18n();
  const oc = t.overviewCards;
  return (
    <Card
      title={oc.chartTitle}
      actions={
        <div role="group" aria-label={oc.timeScale} className="segmented">
          <button type="button" aria-pressed={bucket === 'hour'} onClick={() => setBucket('hour')}>
            {oc.hours48}
          </button>
          <button type="button" aria-pressed={bucket === 'day'} onClick={() => setBucket('day')}>
            {oc.days30}
          </button>
        </div>
      }
    >
      <QueryView query={series} what={t.common.theChart}>
        {(s) => (
          <Suspense fallback={<ChartLoading height={280} />}>
            <SeriesChartView series={s} />
          </Suspense>
        )}
      </QueryView>
    </Card>
  );
}

function Activity() {
  const live = useLive();
  const { t } = useI18n();
  const oc = t.overviewCards;
  const words = { live: t.live, kinds: t.alerts.kinds };
  return (
    <Card title={oc.activity}>
      {live.feed.length === 0 ? (
        <Empty title={live.status === 'open' ? oc.listening : oc.notConnected}>{oc.activityBody}</Empty>
      ) : (
        // Scrolls: focusable so a keyboard can scroll it (axe scrollable-region-focusable).
        <ol className="feed" data-testid="activity" tabIndex={0}>
          {live.feed.map((f) => (
            <li key={f.event.id}>
              <time dateTime={f.event.at}>{formatDateTime(f.event.at)}</time>{' '}
              <span>{describeFeedEntry(f, undefined, words)}</span>
            </li>
          ))}
        </ol>
      )}
    </Card>
  );
}

/**
 * A stockroom with no SKUs yet: what to do first. An admin may load the demo (the same as
 * `stockroom demo`) with one click; everyone is told how to start with their own data.
 */
function EmptyStockroom() {
  const api = useApi();
  const { can } = useSession();
  const queryClient = useQueryClient();
  const load = useMutation({
    mutationFn: () => api.post('/v1/admin/demo'),
    // Stay "loading" until every screen has refetched: otherwise the overview would go on saying
    // the stockroom is empty for the seconds its refetch takes.
    onSuccess: () => queryClient.invalidateQueries(),
  });
  const oc = useI18n().t.overviewCards;
  return (
    <Card title={oc.emptyTitle} className="empty-stockroom">
      <p>
        {oc.emptyIntro} <code>npx stockroom import stock.csv</code> {oc.emptyOrApi} (
        <a href="/docs">{oc.apiDocs}</a>).
      </p>
      {can('admin') ? (
        <>
          <p>{oc.demoIntro}</p>
          <button
            type="button"
            className="btn btn-primary"
            disabled={load.isPending}
            onClick={() => load.mutate()}
          >
            {load.isPending ? oc.loadingDemo : oc.loadDemo}
          </button>
          {load.error ? <ErrorNote error={load.error} /> : null}
          {load.data ? (
            <p role="status">
              {oc.loaded(
                formatUnits(load.data.skus),
                formatUnits(load.data.units),
                formatUnits(load.data.historyDays),
              )}
            </p>
          ) : null}
        </>
      ) : (
        <p>{oc.adminCanLoad}</p>
      )}
    </Card>
  );
}
