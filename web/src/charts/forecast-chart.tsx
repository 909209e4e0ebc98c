/** The SKU page's demand history and forecast with its interval (loaded lazily: Recharts is large). */
import {
  Area,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Scatter,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { Badge } from '../components/ui.tsx';
import { formatDay, formatDayShort, formatDecimal, formatUnits } from '../lib/format.ts';
import type { ChartRow } from '../lib/forecast.ts';

export default function ForecastChart(props: {
  rows: ChartRow[];
  level: number;
  stockouts: number;
  historyDays: number;
}) {
  return (
    <div
      className="chart"
      role="img"
      aria-label={`Demand of the last ${props.historyDays} days and the forecast`}
    >
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={props.rows} margin={{ left: 0, right: 16, top: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis dataKey="date" tickFormatter={(d: string) => formatDayShort(d)} minTickGap={28} />
          <YAxis tickFormatter={(v: number) => formatUnits(v)} width={56} allowDecimals={false} />
          <Tooltip content={<ChartTooltip />} />
          <Legend />
          <Area
            dataKey="band"
            name={`forecast interval (${Math.round(props.level * 100)}%)`}
            stroke="none"
            fill="#a5d8ff"
            fillOpacity={0.6}
            isAnimationActive={false}
          />
          <Line
            dataKey="units"
            name="units ordered"
            stroke="#495057"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="forecast"
            name="forecast"
            stroke="#1c7ed6"
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
          {props.stockouts > 0 ? (
            <Scatter dataKey="stockout" name="out of stock" fill="#e03131" isAnimationActive={false} />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function ChartTooltip(props: { active?: boolean; payload?: { payload?: ChartRow }[] }) {
  const row = props.active ? props.payload?.[0]?.payload : undefined;
  if (!row) return null;
  return (
    <div className="chart-tip">
      <strong>{formatDay(row.date)}</strong>
      {row.units !== undefined ? (
        <div>
          {formatUnits(row.units)} ordered{row.partial ? ' so far' : ''}
          {row.stockout !== undefined ? <Badge tone="bad">out of stock</Badge> : null}
        </div>
      ) : null}
      {row.forecast !== undefined && row.band ? (
        <div>
          forecast {formatDecimal(row.forecast)} ({formatDecimal(row.band[0])} to {formatDecimal(row.band[1])}
          )
        </div>
      ) : null}
    </div>
  );
}
