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
import { formatDay, formatDayShort, formatDecimal, formatPercent, formatUnits } from '../lib/format.ts';
import { useI18n } from '../i18n.tsx';
import type { ChartRow } from '../lib/forecast.ts';

export default function ForecastChart(props: {
  rows: ChartRow[];
  level: number;
  stockouts: number;
  historyDays: number;
}) {
  const m = useI18n().t.charts;
  return (
    <div className="chart" role="img" aria-label={m.forecastLabel(formatUnits(props.historyDays))}>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={props.rows} margin={{ left: 0, right: 16, top: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis dataKey="date" tickFormatter={(d: string) => formatDayShort(d)} minTickGap={28} />
          <YAxis tickFormatter={(v: number) => formatUnits(v)} width={56} allowDecimals={false} />
          <Tooltip content={<ChartTooltip />} />
          <Legend />
          <Area
            dataKey="band"
            name={m.band(formatPercent(props.level))}
            stroke="none"
            fill="#a5d8ff"
            fillOpacity={0.6}
            isAnimationActive={false}
          />
          <Line
            dataKey="units"
            name={m.unitsOrdered}
            stroke="#495057"
            strokeWidth={1.5}
            dot={false}
            isAnimationActive={false}
          />
          <Line
            dataKey="forecast"
            name={m.forecast}
            stroke="#1c7ed6"
            strokeWidth={2}
            strokeDasharray="5 3"
            dot={false}
            isAnimationActive={false}
          />
          {props.stockouts > 0 ? (
            <Scatter dataKey="stockout" name={m.outOfStock} fill="#e03131" isAnimationActive={false} />
          ) : null}
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}

function ChartTooltip(props: { active?: boolean; payload?: { payload?: ChartRow }[] }) {
  const m = useI18n().t.charts;
  const row = props.active ? props.payload?.[0]?.payload : undefined;
  if (!row) return null;
  return (
    <div className="chart-tip">
      <strong>{formatDay(row.date)}</strong>
      {row.units !== undefined ? (
        <div>
          {m.ordered(formatUnits(row.units), row.partial === true)}
          {row.stockout !== undefined ? <Badge tone="bad">{m.outOfStock}</Badge> : null}
        </div>
      ) : null}
      {row.forecast !== undefined && row.band ? (
        <div>
          {m.forecastTip(formatDecimal(row.forecast), formatDecimal(row.band[0]), formatDecimal(row.band[1]))}
        </div>
      ) : null}
    </div>
  );
}
