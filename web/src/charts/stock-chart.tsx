/** The SKU page's units by state per warehouse, a stacked bar (loaded lazily: Recharts is large). */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatUnits } from '../lib/format.ts';
import { SEGMENTS, type segments } from '../lib/formula.ts';
import { useI18n } from '../i18n.tsx';

export default function StockChart(props: {
  data: ({ warehouse: string } & ReturnType<typeof segments>)[];
  height: number;
}) {
  const { data } = props;
  const m = useI18n().t.charts;
  return (
    <div className="chart" role="img" aria-label={m.stockLabel}>
      <ResponsiveContainer width="100%" height={props.height}>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e9ecef" />
          <XAxis type="number" tickFormatter={(v: number) => formatUnits(v)} allowDecimals={false} />
          <YAxis type="category" dataKey="warehouse" width={56} />
          <Tooltip formatter={(v) => formatUnits(Number(v))} />
          <Legend />
          {SEGMENTS.map((s) => (
            <Bar
              key={s.key}
              dataKey={s.key}
              name={m.segment[s.key]}
              stackId="units"
              fill={s.color}
              isAnimationActive={false}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
