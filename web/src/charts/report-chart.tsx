/** A report's chart: lines or bars over its buckets (loaded lazily: Recharts is large). */
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDayShort, formatMoney, formatUnits } from '../lib/format.ts';
import type { ChartSpec } from '../lib/reports.ts';

const COLOURS = ['#1c7ed6', '#2f9e44', '#f08c00', '#ae3ec9'];

export default function ReportChart(props: { spec: ChartSpec; label: string }) {
  const { spec } = props;
  // Money on the left axis; units (if any) on the right.
  const money = spec.series.filter((s) => s.money);
  const units = spec.series.filter((s) => !s.money);
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
      {/* Periods are calendar days: written as the chosen language writes a day ("4 Dec", "12月4日"). */}
      <XAxis
        dataKey={spec.x}
        minTickGap={24}
        tickFormatter={spec.x === 't' ? (d: string) => formatDayShort(d) : undefined}
      />
      {money.length > 0 ? (
        <YAxis yAxisId="money" tickFormatter={(v: number) => formatMoney(v)} width={96} />
      ) : null}
      {units.length > 0 ? (
        <YAxis
          yAxisId="units"
          orientation={money.length > 0 ? 'right' : 'left'}
          tickFormatter={(v: number) => formatUnits(v)}
          width={64}
        />
      ) : null}
      <Tooltip />
      <Legend />
    </>
  );
  const axisOf = (money: boolean | undefined) => (money ? 'money' : 'units');
  return (
    <div className="chart" role="img" aria-label={props.label} data-testid="report-chart">
      <ResponsiveContainer width="100%" height={280}>
        {spec.kind === 'line' ? (
          <LineChart data={spec.data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            {axes}
            {spec.series.map((s, i) => (
              <Line
                key={s.key}
                yAxisId={axisOf(s.money)}
                type="stepAfter"
                dataKey={s.key}
                name={s.label}
                stroke={COLOURS[i % COLOURS.length]}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        ) : (
          <BarChart data={spec.data} margin={{ top: 8, right: 8, bottom: 0, left: 8 }}>
            {axes}
            {spec.series.map((s, i) => (
              <Bar
                key={s.key}
                yAxisId={axisOf(s.money)}
                dataKey={s.key}
                name={s.label}
                fill={COLOURS[i % COLOURS.length]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}
