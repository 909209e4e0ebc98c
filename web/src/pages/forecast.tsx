/**
 * The forecast panel of the SKU page. The demand and forecast endpoints are being built on
 * another branch (GET /v1/demand/{sku}, GET /v1/forecast/{sku}); until the server has them the
 * panel says so instead of showing invented numbers.
 */
import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useApi } from '../context.tsx';
import { Card, Empty, ErrorNote, Loading } from '../components/ui.tsx';
import { ApiError, seg } from '../lib/api.ts';
import { formatBucket, formatPercent, formatUnits } from '../lib/format.ts';
import { useWarehouses } from './skus.tsx';

interface Demand {
  days: { date: string; units: number; returned?: number; outOfStock?: boolean }[];
}
interface Forecast {
  model: string;
  backtest?: { wape?: number };
  days: { date: string; forecast: number; lower: number; upper: number }[];
}

/** 404 with the router's code means the route itself is missing, not the SKU. */
export function isMissingEndpoint(err: unknown): boolean {
  return err instanceof ApiError && err.status === 404 && err.code === 'not_found';
}

/** Accepts `{days: [...]}` or `{items: [...]}` while the planned API settles. */
function daysOf<T>(body: unknown): T[] {
  const b = body as { days?: T[]; items?: T[] } | null;
  return b?.days ?? b?.items ?? [];
}

export function ForecastPanel(props: { sku: string }) {
  const api = useApi();
  const warehouses = useWarehouses();
  const [warehouse, setWarehouse] = useState('');
  const wh = warehouse || undefined;
  const demand = useQuery({
    queryKey: ['sku', props.sku, 'demand', wh],
    queryFn: () => api.get<Demand>(`/v1/demand/${seg(props.sku)}`, { warehouse: wh }),
    retry: false,
  });
  const forecast = useQuery({
    queryKey: ['sku', props.sku, 'forecast', wh],
    queryFn: () => api.get<Forecast>(`/v1/forecast/${seg(props.sku)}`, { warehouse: wh, horizonDays: 28 }),
    retry: false,
  });
  const missing = isMissingEndpoint(demand.error) && isMissingEndpoint(forecast.error);
  let body;
  if (demand.isPending || forecast.isPending) body = <Loading what="the forecast" />;
  else if (missing)
    body = (
      <Empty title="Forecasts are not available on this server yet.">
        This panel shows demand history and the forecast with its intervals once the server offers the demand
        and forecast API.
      </Empty>
    );
  else if (demand.error && !isMissingEndpoint(demand.error)) body = <ErrorNote error={demand.error} />;
  else if (forecast.error && !isMissingEndpoint(forecast.error)) body = <ErrorNote error={forecast.error} />;
  else {
    const history = daysOf<Demand['days'][number]>(demand.data).map((d) => ({
      date: d.date,
      units: d.units,
    }));
    const ahead = daysOf<Forecast['days'][number]>(forecast.data).map((d) => ({
      date: d.date,
      forecast: d.forecast,
      band: [d.lower, d.upper] as [number, number],
    }));
    const data = [...history, ...ahead];
    body =
      data.length === 0 ? (
        <Empty title="No demand recorded for this SKU." />
      ) : (
        <>
          {forecast.data ? (
            <p className="muted small">
              model {forecast.data.model}
              {forecast.data.backtest?.wape !== undefined
                ? ` · backtest WAPE ${formatPercent(forecast.data.backtest.wape)}`
                : ''}
            </p>
          ) : null}
          <div className="chart" role="img" aria-label="Demand history and forecast">
            <ResponsiveContainer width="100%" height={260}>
              <ComposedChart data={data}>
                <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
                <XAxis
                  dataKey="date"
                  tickFormatter={(d: string) => formatBucket(`${d}T00:00:00Z`, 'day', undefined, 'UTC')}
                  minTickGap={24}
                />
                <YAxis tickFormatter={(v: number) => formatUnits(v)} width={56} />
                <Tooltip />
                <Legend />
                <Area dataKey="band" name="interval" stroke="none" fill="#d0ebff" />
                <Line dataKey="units" name="units sold" stroke="#495057" dot={false} />
                <Line dataKey="forecast" name="forecast" stroke="#1c7ed6" strokeDasharray="4 3" dot={false} />
              </ComposedChart>
            </ResponsiveContainer>
          </div>
        </>
      );
  }
  return (
    <Card
      title="Demand and forecast"
      actions={
        missing ? null : (
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
        )
      }
    >
      <div data-testid="forecast-panel">{body}</div>
    </Card>
  );
}
