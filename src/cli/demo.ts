/**
 * `stockroom demo`: loads the demo (src/app/demo.ts) into the configured database and says
 * what it loaded and what to try next.
 */
import {
  COVER_WEEKS,
  DEMO_REGIONS,
  DEMO_SUPPLIER,
  DEMO_WAREHOUSES,
  LEAD_TIME_DAYS,
  loadDemo,
} from '../app/demo.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { describeDatabase } from '../db/open.ts';
import { describeSummary } from './import.ts';
import { openForCli } from './open.ts';
import { progressBar } from './progress.ts';

/** Loads the demo into the configured database, or into `db`: one the caller opened, and closes. */
export async function runDemo(config: Config, { db: given }: { db?: Database } = {}): Promise<void> {
  const db = given ?? (await openForCli(config));
  try {
    const bar = progressBar('{stage} |{bar}| {value}/{total}');
    const { summary, plan, history } = await loadDemo(db, {
      onProgress: (stage, done, total) => bar.update(done, total, stage),
    }).finally(() => bar.stop());
    const supplier = DEMO_SUPPLIER.code;
    const perWarehouse = [...plan.stock].map(
      ([code, skus]) => `${code} ${[...skus.values()].reduce((a, b) => a + b, 0).toLocaleString('en')}`,
    );
    const url = `http://${config.host}:${config.port}`;
    const sku = [...plan.skus.keys()][0] ?? '85123A';
    console.log(
      [
        `Demo loaded into ${describeDatabase(config)}:`,
        `  regions: ${DEMO_REGIONS.map((r) => `${r.code} (${r.name})`).join(', ')}`,
        `  warehouses: ${DEMO_WAREHOUSES.map((w) => `${w.code} (${w.name}, region ${w.region})`).join(', ')}`,
        `  ${describeSummary(summary)}`,
        `  opening stock (units): ${perWarehouse.join(', ')}: about ${COVER_WEEKS} weeks of each region's demand`,
        `  demand history: ${history.rows.toLocaleString('en')} daily sales figures (one per SKU, warehouse and day) from ${history.from} to ${history.to}`,
        `  supplier ${supplier} for every SKU (lead time ${Object.entries(LEAD_TIME_DAYS)
          .map(([w, d]) => `${w} ${d}`)
          .join(', ')} days)`,
        '',
        'Next: start the server (it prints an admin API key on its first start) and try the API:',
        '  npm start',
        '  export KEY=<the admin API key>',
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/stock/${sku}"`,
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/stock?warehouse=AMS&limit=5"`,
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/availability/${sku}?region=eu"`,
        `  curl -s -X POST -H "Authorization: Bearer $KEY" -H "Content-Type: application/json" \\`,
        `    -d '{"orderId":"demo-1","region":"uk","lines":[{"sku":"${sku}","qty":2}]}' "${url}/v1/orders"`,
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/forecast/${sku}?warehouse=LON"`,
        `  curl -s -H "Authorization: Bearer $KEY" "${url}/v1/replenishment?warehouse=LON&onlyNeeded=true"`,
        `  API docs: ${url}/docs`,
      ].join('\n'),
    );
  } finally {
    if (!given) await db.close();
  }
}
