/**
 * Which reconciliation of warehouse and SKU forecasts wins on the demo data (demo/daily-sales.csv.gz:
 * each SKU's daily units per warehouse group, uk / eu / row). For the N best-selling SKUs and
 * each of `--origins` origins (horizon 28 days), the served forecast is made for each warehouse
 * and for the SKU as a whole on the history before the origin, reconciled by each method, and
 * scored by WAPE at the warehouses and at the SKU. Run: npx tsx scripts/evaluate-reconciliation.ts [N] [origins]
 */
import { readDemoSales } from '../src/app/demo.ts';
import {
  DAILY,
  RECONCILIATION_METHODS,
  addErrors,
  errorTotals,
  noErrors,
  reconcile,
  servedForecast,
  wape,
  type ErrorTotals,
} from '../src/domain/forecast/index.ts';

const N = Number(process.argv[2] ?? 100);
const ORIGINS = Number(process.argv[3] ?? 2);
const H = 28;
const groups = ['uk', 'eu', 'row'] as const;

const started = performance.now();
const sales = readDemoSales();
const days = [...new Set(sales.map((s) => s.date))].sort();
const first = Date.parse(`${days[0]}T00:00:00Z`);
const length = Math.round((Date.parse(`${days.at(-1)}T00:00:00Z`) - first) / 86_400_000) + 1;
const bySku = new Map<string, number[][]>();
for (const s of sales) {
  let series = bySku.get(s.sku);
  if (!series) bySku.set(s.sku, (series = groups.map(() => new Array<number>(length).fill(0))));
  const t = Math.round((Date.parse(`${s.date}T00:00:00Z`) - first) / 86_400_000);
  groups.forEach((g, j) => (series![j]![t]! += s.units[g]));
}
const total = (series: number[][]) => series[0]!.map((_, t) => series.reduce((a, c) => a + c[t]!, 0));
const skus = [...bySku.entries()]
  .map(([sku, series]) => ({ sku, series, units: total(series).reduce((a, b) => a + b, 0) }))
  .sort((a, b) => b.units - a.units)
  .slice(0, N);

const score = Object.fromEntries(
  [...RECONCILIATION_METHODS, 'base'].map((m) => [m, { warehouses: noErrors(), sku: noErrors() }]),
) as Record<string, { warehouses: ErrorTotals; sku: ErrorTotals }>;
for (const { series } of skus) {
  const sum = total(series);
  for (let j = 1; j <= ORIGINS; j++) {
    const origin = length - j * H;
    const forecastOf = (units: number[]) => servedForecast(units.slice(0, origin), H, {}, DAILY).points;
    const kids = series.map(forecastOf);
    const top = forecastOf(sum);
    const history = series.map((c) => c.slice(0, origin).reduce((a, b) => a + b, 0));
    const record = (name: string, t: number[], children: number[][]) => {
      addErrors(score[name]!.sku, errorTotals(sum.slice(origin, origin + H), t));
      children.forEach((c, k) =>
        addErrors(score[name]!.warehouses, errorTotals(series[k]!.slice(origin, origin + H), c)),
      );
    };
    record('base', top, kids);
    for (const m of RECONCILIATION_METHODS) {
      const r = reconcile(m, top, kids, history);
      record(m, r.total, r.children);
    }
  }
}
console.log(`${skus.length} SKUs x 3 warehouses, ${ORIGINS} origins, horizon ${H} days`);
console.log('method      WAPE warehouses  WAPE SKU');
for (const [m, s] of Object.entries(score))
  console.log(
    `${m.padEnd(10)}  ${wape(s.warehouses)!.toFixed(3).padStart(15)}  ${wape(s.sku)!.toFixed(3).padStart(8)}`,
  );
console.log('base: each forecast on its own (not coherent)');
console.log(`elapsed ${((performance.now() - started) / 1000).toFixed(1)} s`);
