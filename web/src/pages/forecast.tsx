/**
 * The SKU page's demand and forecast panel (history with out-of-stock days marked, the forecast
 * with its prediction interval, the model in words) and its replenishment suggestion per
 * warehouse (GET /v1/demand/{sku}, /v1/forecast/{sku}, /v1/replenishment?sku=).
 */
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useApi } from '../context.tsx';
import { Badge, Card, ChartLoading, Empty, ErrorNote, Loading, QueryView } from '../components/ui.tsx';
import { formatDay, formatUnits } from '../lib/format.ts';
import {
  chartRows,
  daysBefore,
  describeClass,
  describeModel,
  describeSummary,
  describeWape,
  summarise,
  type DemandHistory,
  type Forecast,
} from '../lib/forecast.ts';
import {
  describeCover,
  describeReorderBy,
  explainSuggestion,
  suggestionState,
} from '../lib/replenishment.ts';
import { useWarehouses } from './skus.tsx';

// Recharts is large: the chart loads as a chunk of its own.
const ForecastChart = lazy(() => import('../charts/forecast-chart.tsx'));

export const HISTORY_DAYS = 180;
export const HORIZON_DAYS = 28;

export function ForecastPanel(props: { sku: string }) {
  const api = useApi();
  const warehouses = useWarehouses();
  const [warehouse, setWarehouse] = useState('');
  const wh = warehouse || undefined;
  const today = daysBefore(new Date(), 0);
  const from = daysBefore(new Date(), HISTORY_DAYS);
  const demand = useQuery({
    queryKey: ['sku', props.sku, 'demand', wh, from],
    queryFn: () =>
      api.get('/v1/demand/{sku}', { params: { path: { sku: props.sku }, query: { warehouse: wh, from } } }),
  });
  const forecast = useQuery({
    queryKey: ['sku', props.sku, 'forecast', wh],
    queryFn: () =>
      api.get('/v1/forecast/{sku}', {
        params: { path: { sku: props.sku }, query: { warehouse: wh, horizonDays: HORIZON_DAYS } },
      }),
  });
  let body;
  if (demand.error) body = <ErrorNote error={demand.error} retry={() => void demand.refetch()} />;
  else if (forecast.error) body = <ErrorNote error={forecast.error} retry={() => void forecast.refetch()} />;
  else if (!demand.data || !forecast.data) body = <Loading what="demand and the forecast" />;
  else body = <ForecastView history={demand.data} forecast={forecast.data} today={today} />;
  return (
    <Card
      title="Demand and forecast"
      actions={
        <select
          aria-label="Forecast warehouse"
          value={warehouse}
          onChange={(e) => setWarehouse(e.target.value)}
        >
          <option value="">All warehouses</option>
          {(warehouses.data ?? []).map((w) => (
            <option key={w.code} value={w.code}>
              {w.code}
            </option>
          ))}
        </select>
      }
    >
      <div data-testid="forecast-panel">{body}</div>
    </Card>
  );
}

function ForecastView(props: { history: DemandHistory; forecast: Forecast; today: string }) {
  const { history, forecast } = props;
  const rows = chartRows(history.days, forecast.days, props.today);
  const sold = history.days.some((d) => d.units > 0);
  if (!sold && forecast.model === 'none') {
    return (
      <Empty title="No demand recorded for this SKU yet.">
        Once orders arrive (or sales history is imported) the forecast appears here.
      </Empty>
    );
  }
  const stockouts = history.days.filter((d) => d.outOfStock).length;
  const summary = summarise(forecast.days);
  return (
    <>
      <dl className="facts" data-testid="forecast-facts">
        <div>
          <dt>Forecast</dt>
          <dd>{describeSummary(summary, forecast.level)}</dd>
        </div>
        <div>
          <dt>Model</dt>
          <dd data-testid="forecast-model">{describeModel(forecast.model)}</dd>
        </div>
        <div>
          <dt>Demand</dt>
          <dd>{describeClass(forecast.classification)}</dd>
        </div>
        <div>
          <dt>Accuracy</dt>
          <dd>{describeWape(forecast.backtest.wape, forecast.backtest.origins)}</dd>
        </div>
        <div>
          <dt>History</dt>
          <dd>
            {forecast.history.from
              ? `${formatDay(forecast.history.from)} to ${formatDay(forecast.history.to)}: ${formatUnits(forecast.history.observedDays)} days observed, ${formatUnits(forecast.history.outOfStockDays)} out of stock (left out: their sales understate demand)`
              : 'none'}
          </dd>
        </div>
      </dl>
      <Suspense fallback={<ChartLoading height={280} />}>
        <ForecastChart rows={rows} level={forecast.level} stockouts={stockouts} historyDays={HISTORY_DAYS} />
      </Suspense>
      <p className="muted small">
        Days are UTC calendar days; today’s units are so far.{' '}
        {stockouts > 0
          ? `${stockouts === 1 ? 'One day' : `${formatUnits(stockouts)} days`} shown ${stockouts === 1 ? 'was' : 'were'} out of stock at some moment (red): sales then understate demand.`
          : 'No day shown was out of stock.'}
      </p>
    </>
  );
}

/** What to order of this SKU, per warehouse, with the formula worked out. */
export function SkuReplenishment(props: { sku: string }) {
  const api = useApi();
  const rows = useQuery({
    queryKey: ['sku', props.sku, 'replenishment'],
    queryFn: () =>
      api
        .get('/v1/replenishment', { params: { query: { sku: props.sku, limit: 200 } } })
        .then((r) => r.items),
  });
  return (
    <Card title="Replenishment" actions={<Link to="/purchasing">Purchasing →</Link>}>
      <QueryView query={rows} what="the suggestions">
        {(items) =>
          items.length === 0 ? (
            <Empty title="No position of this SKU to replenish.">
              A position appears once the SKU has stock, a purchase order or a policy at a warehouse.
            </Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="sku-replenishment">
                  <thead>
                    <tr>
                      <th>Warehouse</th>
                      <th>Supplier</th>
                      <th
                        className="num"
                        title="on hand − unsellable − reserved − transfer + inbound + incoming"
                      >
                        Position
                      </th>
                      <th className="num">Incoming</th>
                      <th className="num">Safety stock</th>
                      <th className="num">Reorder point</th>
                      <th className="num">Up to</th>
                      <th className="num">Suggested</th>
                      <th>Reorder by</th>
                      <th className="num">Cover</th>
                      <th>State</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((s) => {
                      const state = suggestionState(s);
                      return (
                        <tr key={s.warehouse} data-testid={`replenishment-${s.warehouse}`}>
                          <th scope="row">{s.warehouse}</th>
                          <td>
                            {s.policy.supplier ?? '–'}{' '}
                            <span className="muted small">{formatUnits(s.policy.leadTimeDays)} d lead</span>
                          </td>
                          <td className="num">{formatUnits(s.inventoryPosition)}</td>
                          <td className={`num ${s.stock.incoming ? 'incoming' : ''}`} data-testid="incoming">
                            {formatUnits(s.stock.incoming)}
                          </td>
                          <td className="num">{s.forecastPending ? '–' : formatUnits(s.safetyStock)}</td>
                          <td className="num">{s.forecastPending ? '–' : formatUnits(s.reorderPoint)}</td>
                          <td className="num">{s.forecastPending ? '–' : formatUnits(s.orderUpTo)}</td>
                          <td className="num strong">
                            {s.suggestedQty > 0 ? formatUnits(s.suggestedQty) : '–'}
                          </td>
                          <td className="nowrap">{describeReorderBy(s)}</td>
                          <td className="num nowrap">{describeCover(s.daysOfCover)}</td>
                          <td>
                            <Badge tone={state.tone}>{state.label}</Badge>
                          </td>
                        </tr>
                      );
                    })}
                  </tbody>
                </table>
              </div>
              <details className="explain">
                <summary>How these numbers are worked out</summary>
                {items.map((s) => (
                  <div key={s.warehouse}>
                    <h3>{s.warehouse}</h3>
                    <ul className="plain small">
                      {explainSuggestion(s).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </div>
                ))}
                <p className="muted small">
                  Incoming (open purchase orders) counts in the inventory position but is never sellable: it
                  is not in S = I − O − U − L − T + V until it is received.
                </p>
              </details>
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
