/** The overview's chart of sellable units and orders per bucket (loaded lazily: Recharts is large). */
import {
  Bar,
  CartesianGrid,
  ComposedChart,
  Legend,
  Line,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatBucket, formatDateTime, formatUnits } from '../lib/format.ts';
import type { Ok } from '../lib/api.ts';
import { useI18n } from '../i18n.tsx';

/** The dashboard series, as the API answers it (the overview page reads it, this draws it). */
export type Series = Ok<'/v1/dashboard/series', 'get'>;

export default function SeriesChartView(props: { series: Series }) {
  const s = props.series;
  const m = useI18n().t.charts;
  return (
    <div className="chart" role="img" aria-label={m.seriesLabel(s.bucket)}>
      <ResponsiveContainer width="100%" height={280}>
        <ComposedChart data={s.points} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis dataKey="t" tickFormatter={(t: string) => formatBucket(t, s.bucket)} minTickGap={24} />
          <YAxis yAxisId="units" tickFormatter={(v: number) => formatUnits(v)} width={64} />
          <YAxis yAxisId="orders" orientation="right" allowDecimals={false} width={40} />
          <Tooltip
            labelFormatter={(t) => formatDateTime(String(t))}
            formatter={(v) => formatUnits(Number(v))}
          />
          <Legend />
          <Bar
            yAxisId="orders"
            dataKey="ordersPlaced"
            name={m.ordersPlaced}
            fill="#74c0fc"
            isAnimationActive={false}
          />
          <Bar
            yAxisId="orders"
            dataKey="ordersShipped"
            name={m.ordersShipped}
            fill="#1c7ed6"
            isAnimationActive={false}
          />
          <Line
            yAxisId="units"
            type="stepAfter"
            dataKey="sellable"
            name={m.sellableUnits}
            stroke="#2f9e44"
            strokeWidth={2}
            dot={false}
            // Live data redraws often: an animation would replay on every event (and a
            // screenshot could catch the line half drawn).
            isAnimationActive={false}
          />
        </ComposedChart>
      </ResponsiveContainer>
    </div>
  );
}
