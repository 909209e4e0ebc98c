/**
 * The SKU page's demand and forecast panel (history with out-of-stock days marked, the forecast
 * with its prediction interval, the model in words) and its replenishment suggestion per
 * warehouse (GET /v1/demand/{sku}, /v1/forecast/{sku}, /v1/replenishment?sku=).
 */
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { useQuery } from '@tanstack/react-query';
import { useI18n } from '../i18n.tsx';
import { useApi } from '../context.tsx';
import { Badge, Card, ChartLoading, Empty, ErrorNote, Loading, QueryView } from '../components/ui.tsx';
import { formatDay, formatUnits } from '../lib/format.ts';
import {
  chartRows,
  daysBefore,
  describeClass,
  describeModel,
  describeSummary,
  describeTypicalDay,
  describeWape,
  summarise,
  typicalDay,
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
  const fc = useI18n().t.forecastCard;
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
  else if (!demand.data || !forecast.data) body = <Loading what={fc.what} />;
  else body = <ForecastView history={demand.data} forecast={forecast.data} today={today} />;
  return (
    <Card
      title={fc.title}
      actions={
        <select
          aria-label={fc.warehouseLabel}
          value={warehouse}
          onChange={(e) => setWarehouse(e.target.value)}
        >
          <option value="">{fc.allWarehouses}</option>
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
  const { t } = useI18n();
  const fc = t.forecastCard;
  const fw = t.forecastWords;
  if (!sold && forecast.model === 'none') {
    return <Empty title={fc.noDemand}>{fc.noDemandBody}</Empty>;
  }
  const stockouts = history.days.filter((d) => d.outOfStock).length;
  const summary = summarise(forecast.days);
  return (
    <>
      <dl className="facts" data-testid="forecast-facts">
        <div>
          <dt>{fc.forecast}</dt>
          <dd>{describeSummary(summary, forecast.level, undefined, fw)}</dd>
        </div>
        <div>
          <dt>{fc.typicalDay}</dt>
          <dd data-testid="forecast-typical-day">
            {describeTypicalDay(typicalDay(forecast.days), undefined, fw)}
          </dd>
        </div>
        <div>
          <dt>{fc.model}</dt>
          <dd data-testid="forecast-model">{describeModel(forecast.model, fw)}</dd>
        </div>
        <div>
          <dt>{fc.demand}</dt>
          <dd>{describeClass(forecast.classification, fw)}</dd>
        </div>
        <div>
          <dt>{fc.accuracy}</dt>
          <dd>{describeWape(forecast.backtest.wape, forecast.backtest.origins, undefined, fw)}</dd>
        </div>
        <div>
          <dt>{fc.history}</dt>
          <dd>
            {forecast.history.from
              ? fc.historyLine(
                  formatDay(forecast.history.from),
                  formatDay(forecast.history.to),
                  formatUnits(forecast.history.observedDays),
                  formatUnits(forecast.history.outOfStockDays),
                )
              : fc.none}
          </dd>
        </div>
      </dl>
      <Suspense fallback={<ChartLoading height={280} />}>
        <ForecastChart rows={rows} level={forecast.level} stockouts={stockouts} historyDays={HISTORY_DAYS} />
      </Suspense>
      <p className="muted small">
        {fc.utcNote} {stockouts > 0 ? fc.stockoutDays(stockouts, formatUnits(stockouts)) : fc.noStockoutDays}
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
  const { t } = useI18n();
  const fc = t.forecastCard;
  const col = t.purchasing.col;
  return (
    <Card title={fc.replenishment} actions={<Link to="/purchasing">{fc.purchasingLink}</Link>}>
      <QueryView query={rows} what={fc.suggestionsWhat}>
        {(items) =>
          items.length === 0 ? (
            <Empty title={fc.noPosition}>{fc.noPositionBody}</Empty>
          ) : (
            <>
              <div className="table-wrap">
                <table className="table" data-testid="sku-replenishment">
                  <thead>
                    <tr>
                      <th>{col.warehouse}</th>
                      <th>{col.supplier}</th>
                      <th className="num" title={fc.positionTitle}>
                        {col.position}
                      </th>
                      <th className="num">{col.incoming}</th>
                      <th className="num">{fc.safetyStock}</th>
                      <th className="num">{col.reorderPoint}</th>
                      <th className="num">{col.upTo}</th>
                      <th className="num">{col.suggested}</th>
                      <th>{col.reorderBy}</th>
                      <th className="num">{col.cover}</th>
                      <th>{col.state}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {items.map((s) => {
                      const state = suggestionState(s, t.reorder);
                      return (
                        <tr key={s.warehouse} data-testid={`replenishment-${s.warehouse}`}>
                          <th scope="row">{s.warehouse}</th>
                          <td>
                            {s.policy.supplier ?? '–'}{' '}
                            <span className="muted small">
                              {fc.leadDays(formatUnits(s.policy.leadTimeDays))}
                            </span>
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
                          <td className="nowrap">{describeReorderBy(s, undefined, t.reorder)}</td>
                          <td className="num nowrap">{describeCover(s.daysOfCover, undefined, t.reorder)}</td>
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
                <summary>{fc.howWorkedOut}</summary>
                {items.map((s) => (
                  <div key={s.warehouse}>
                    <h3>{s.warehouse}</h3>
                    <ul className="plain small">
                      {explainSuggestion(s, undefined, t.explain).map((line) => (
                        <li key={line}>{line}</li>
                      ))}
                    </ul>
                  </div>
                ))}
                <p className="muted small">{fc.incomingNote}</p>
              </details>
            </>
          )
        }
      </QueryView>
    </Card>
  );
}
