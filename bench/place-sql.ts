/**
 * The SQL work of one order, without HTTP (issue 15): batches of orders go straight to
 * `placeBatch` in one transaction each, on one connection, and the CPU time they cost is
 * divided by the orders placed. On PostgreSQL that is the backend's CPU (from /proc, so the
 * server must run on this machine) and this process's; on embedded PGlite the database runs in
 * this process, so its CPU is everything. CPU time per order, unlike throughput, barely moves
 * when other work shares the machine, which makes it the figure to compare changes by. After
 * each scenario its orders' events are numbered as the server's sequencer numbers them (a pass
 * over up to 1,000 committed events, outside the placement's transaction): the row under each
 * scenario is that work, per order.
 *
 *   npx tsx bench/place-sql.ts                   # both back ends
 *   BENCH_BACKEND=pglite npx tsx bench/place-sql.ts
 *
 * Environment: BENCH_BACKEND (both | pglite | postgres), BENCH_DATABASE_URL (the admin URL of
 * bench/reserve.ts), BENCH_ORDERS (orders measured per scenario, 3,000), BENCH_BATCH (orders a
 * batch, 64), BENCH_SKUS (the spread scenario's SKUs, 1,000), BENCH_SCENARIOS (keys to run,
 * comma-separated: hot, hotr, spread, wide, alone; all by default), BENCH_PRIME_ORDERS (orders
 * placed before the ANALYZE, in batches of 64, 2,000; 0 analyzes the tables empty, as a young
 * shop's may be). Last, the same for a storefront's single availability read
 * (GET /v1/availability/{sku}?region= without HTTP), per read.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { createApiKey } from '../src/app/api-keys.ts';
import { availability } from '../src/app/availability.ts';
import { createContext } from '../src/app/create-context.ts';
import { sequencePass } from '../src/app/events.ts';
import { placeBatch, type PlacementRequest } from '../src/app/placement.ts';
import type { Database } from '../src/db/database.ts';
import { migrate } from '../src/db/migrate.ts';
import { openPglite } from '../src/db/pglite.ts';
import { openPostgres } from '../src/db/postgres.ts';
import { buildServer } from '../src/http/server.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL } from './throwaway-db.ts';

const WAREHOUSE = 'WH-BENCH';
const HOT_SKU = 'HOT-1';
const REGION = 'eu';
const WIDE_LINES = 500;

const count = (name: string, fallback: number) => {
  const n = Number(process.env[name] || fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a whole number >= 1`);
  return n;
};
const settings = {
  backend: process.env.BENCH_BACKEND || 'both',
  orders: count('BENCH_ORDERS', 3000),
  batch: count('BENCH_BATCH', 64),
  skus: count('BENCH_SKUS', 1000),
  primeOrders: process.env.BENCH_PRIME_ORDERS === '0' ? 0 : count('BENCH_PRIME_ORDERS', 2000),
  only: process.env.BENCH_SCENARIOS ? process.env.BENCH_SCENARIOS.split(',').map((k) => k.trim()) : null,
};
const skuCode = (i: number) => `SKU-${String(i).padStart(5, '0')}`;
const log = (line: string) => console.log(`[bench:place-sql] ${line}`);

/** utime + stime of a process in milliseconds (Linux /proc), or null. */
function processCpuMs(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

const ownCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

async function seed(db: Database): Promise<void> {
  const ctx = createContext(db);
  const app = await buildServer(ctx, {});
  try {
    const { key } = await createApiKey(ctx, { name: 'bench', role: 'admin' });
    const call = async (method: 'PUT' | 'POST', url: string, payload: object) => {
      const res = await app.inject({ method, url, headers: { authorization: `Bearer ${key}` }, payload });
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${res.body}`);
    };
    await call('PUT', `/v1/regions/${REGION}`, {
      name: 'Europe',
      lat: 50.11,
      lon: 8.68,
      countries: ['DE', 'FR'],
    });
    await call('PUT', `/v1/warehouses/${WAREHOUSE}`, { name: 'Bench warehouse', region: REGION });
    const skus = [HOT_SKU, ...Array.from({ length: settings.skus }, (_, i) => skuCode(i))];
    for (const sku of skus) await call('PUT', `/v1/skus/${sku}`, { name: sku });
    for (let i = 0; i < skus.length; i += 1000) {
      await call('POST', '/v1/receipts', {
        warehouse: WAREHOUSE,
        lines: skus.slice(i, i + 1000).map((sku) => ({ sku, qty: 100_000_000 })),
      });
    }
  } finally {
    await app.close();
  }
  // Orders placed before the ANALYZE, so that the plans are made on a table in use. Analyzed
  // empty, `orders` is planned as a page or two, and the locking read's lookup of each order id
  // in it (a prepared statement, planned once per connection) becomes a sequential scan of all
  // orders: each order then costs more than the one before, with nothing left to correct it
  // but the next ANALYZE, which the server's statistics keeper runs and this script does not.
  // Measured per order with 16 a batch on one hot SKU, those scans took the backend from
  // 0.35 ms at 3,000 orders to 0.73 ms at 24,000. BENCH_PRIME_ORDERS=0 measures that case.
  await primeOrders(
    db,
    Array.from({ length: settings.skus }, (_, i) => skuCode(i)),
  );
  // Plans on current statistics, as the statistics keeper would leave them.
  await db.exec('analyze');
}

async function primeOrders(db: Database, skus: string[]): Promise<void> {
  for (let done = 0; done < settings.primeOrders; done += 64) {
    const batch = Array.from({ length: 64 }, (_, i): PlacementRequest => {
      const n = done + i;
      return {
        orderId: `bench-prime-${n}`,
        lines: [{ sku: skus[n % skus.length]!, qty: 1, warehouse: WAREHOUSE }],
        region: REGION,
        channel: null,
        routing: undefined,
        requestHash: `prime${n}`,
        expiresAt: null,
        actor: 'bench',
        warehouses: null,
      };
    });
    await db.transaction((tx) => placeBatch(tx, batch, new Date()));
  }
  await sequenceAll(db);
}

interface Scenario {
  key: string;
  label: string;
  batch: number;
  line: (_: unknown, index: number) => { sku: string; qty: number; warehouse?: string };
  /** Lines an order has (default 1, each from `line`). */
  linesPerOrder?: number;
  /** Orders measured, when not BENCH_ORDERS (a wide order costs hundreds of single-line ones). */
  orders?: number;
}

interface Figure {
  label: string;
  orders: number;
  wallMsPerOrder: number;
  nodeCpuMsPerOrder: number;
  backendCpuMsPerOrder: number | null;
}

/** Numbers every committed event (the sequencer's passes, SEQUENCE_BATCH events each) until none is left. */
async function sequenceAll(db: Database): Promise<void> {
  const ctx = createContext(db);
  while (await sequencePass(ctx));
}

/**
 * Places the scenario's orders, then numbers their events as the server's sequencer does: each
 * order's share of the database's work is both, and the second is outside the placement's
 * transaction (the events are written unnumbered, so that placements never queue on the log).
 */
async function measure(db: Database, backendPid: number | null, s: Scenario): Promise<Figure[]> {
  const tag = randomBytes(3).toString('hex');
  let n = 0;
  const request = (): PlacementRequest => ({
    orderId: `bench-${s.key}-${tag}-${n++}`,
    lines: Array.from({ length: s.linesPerOrder ?? 1 }, s.line),
    region: REGION,
    channel: null,
    routing: undefined,
    requestHash: `h${n}`,
    expiresAt: null,
    actor: 'bench',
    warehouses: null,
  });
  const run = async (orders: number) => {
    for (let done = 0; done < orders; done += s.batch) {
      const batch = Array.from({ length: Math.min(s.batch, orders - done) }, request);
      const outcomes = await db.transaction((tx) => placeBatch(tx, batch, new Date()));
      const bad = outcomes.find((o) => o.outcome !== 'placed');
      if (bad) throw new Error(`${s.label}: an order was not placed: ${JSON.stringify(bad).slice(0, 300)}`);
    }
  };
  await run(Math.min(s.orders ?? settings.orders, 10 * s.batch)); // warm caches and plans
  await sequenceAll(db);
  const orders = s.orders ?? (s.batch === 1 ? Math.ceil(settings.orders / 4) : settings.orders);
  const wall0 = performance.now();
  const own0 = ownCpuMs();
  const backend0 = backendPid === null ? null : processCpuMs(backendPid);
  await run(orders);
  const wall = performance.now() - wall0;
  const own = ownCpuMs() - own0;
  const backend1 = backendPid === null ? null : processCpuMs(backendPid);
  const placing = {
    label: s.label,
    orders,
    wallMsPerOrder: wall / orders,
    nodeCpuMsPerOrder: own / orders,
    backendCpuMsPerOrder: backend0 === null || backend1 === null ? null : (backend1 - backend0) / orders,
  };
  const sequenceWall0 = performance.now();
  await sequenceAll(db);
  const backend2 = backendPid === null ? null : processCpuMs(backendPid);
  const sequencing = {
    label: `  then numbering their events (the sequencer)`,
    orders,
    wallMsPerOrder: (performance.now() - sequenceWall0) / orders,
    nodeCpuMsPerOrder: (ownCpuMs() - own0 - own) / orders,
    backendCpuMsPerOrder: backend1 === null || backend2 === null ? null : (backend2 - backend1) / orders,
  };
  return [placing, sequencing];
}

/** A storefront's single read (GET /v1/availability/{sku}?region=) without HTTP, per read. */
async function measureRead(db: Database, backendPid: number | null): Promise<Figure> {
  const ctx = createContext(db);
  const read = async () => {
    const sku = skuCode(Math.floor(Math.random() * settings.skus));
    const [view] = await availability(ctx, [sku], { region: REGION });
    if (view!.sellable <= 0) throw new Error(`${sku} has nothing sellable`);
  };
  for (let i = 0; i < 200; i++) await read();
  const reads = settings.orders;
  const wall0 = performance.now();
  const own0 = ownCpuMs();
  const backend0 = backendPid === null ? null : processCpuMs(backendPid);
  for (let i = 0; i < reads; i++) await read();
  const backend1 = backendPid === null ? null : processCpuMs(backendPid);
  return {
    label: 'availability read of a random SKU (per read, not per order)',
    orders: reads,
    wallMsPerOrder: (performance.now() - wall0) / reads,
    nodeCpuMsPerOrder: (ownCpuMs() - own0) / reads,
    backendCpuMsPerOrder: backend0 === null || backend1 === null ? null : (backend1 - backend0) / reads,
  };
}

const scenarios = (): Scenario[] => [
  {
    key: 'hot',
    label: `1 hot SKU, named, ${settings.batch} a batch`,
    batch: settings.batch,
    line: () => ({ sku: HOT_SKU, qty: 1, warehouse: WAREHOUSE }),
  },
  {
    key: 'hotr',
    label: `1 hot SKU, routed, ${settings.batch} a batch`,
    batch: settings.batch,
    line: () => ({ sku: HOT_SKU, qty: 1 }),
  },
  {
    key: 'spread',
    label: `${settings.skus.toLocaleString('en')} SKUs, routed, ${settings.batch} a batch`,
    batch: settings.batch,
    line: () => ({ sku: skuCode(Math.floor(Math.random() * settings.skus)), qty: 1 }),
  },
  {
    // A wholesale order: its lines, one SKU each, sorted and summed in one statement. Until the
    // order's fields were taken out of its JSON first, each of its movements carried the whole
    // order through the sorts (a 521-line order: seconds and hundreds of MB of temporary files).
    key: 'wide',
    label: `1 order of ${WIDE_LINES} lines, 1 a batch (per order)`,
    batch: 1,
    linesPerOrder: WIDE_LINES,
    orders: 20,
    line: (_: unknown, i: number) => ({ sku: skuCode(i % settings.skus), qty: 1 }),
  },
  {
    key: 'alone',
    label: '1 hot SKU, named, 1 a batch',
    batch: 1,
    line: () => ({ sku: HOT_SKU, qty: 1, warehouse: WAREHOUSE }),
  },
];

function print(backend: string, figures: Figure[]) {
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  console.log(`\n${backend}: milliseconds per order placed`);
  console.log('| scenario | orders | wall | Node CPU | backend CPU |\n| --- | --- | --- | --- | --- |');
  for (const r of figures)
    console.log(
      `| ${r.label} | ${r.orders} | ${f(r.wallMsPerOrder)} | ${f(r.nodeCpuMsPerOrder)} | ${f(r.backendCpuMsPerOrder)} |`,
    );
}

const chosenScenarios = () =>
  scenarios().filter((s) => settings.only === null || settings.only.includes(s.key));

async function onPglite() {
  const db = await openPglite();
  try {
    await migrate(db);
    await seed(db);
    const figures: Figure[] = [];
    for (const s of chosenScenarios()) figures.push(...(await measure(db, null, s)));
    figures.push(await measureRead(db, null));
    print('PGlite (the database runs in this process: Node CPU is all of it)', figures);
  } finally {
    await db.close();
  }
}

async function onPostgres() {
  const throwaway = await createThrowawayDatabase(process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL);
  // One connection: every batch runs on the backend whose CPU is read.
  const db = openPostgres(throwaway.url, { max: 1 });
  try {
    await migrate(db);
    await seed(db);
    const { rows } = await db.query<{ pid: number }>('select pg_backend_pid() as pid');
    const pid = rows[0]!.pid;
    if (processCpuMs(pid) === null) log('the backend is not on this machine: backend CPU not measured');
    const figures: Figure[] = [];
    for (const s of chosenScenarios()) figures.push(...(await measure(db, pid, s)));
    figures.push(await measureRead(db, pid));
    print('PostgreSQL', figures);
    // A prepared statement is planned once only if the server keeps a generic plan for it:
    // custom plans here mean every execution is planned anew (plan_cache_mode auto).
    const { rows: plans } = await db.query<{
      statement: string;
      generic_plans: string;
      custom_plans: string;
    }>(
      `select left(regexp_replace(statement, '\\s+', ' ', 'g'), 60) as statement, generic_plans, custom_plans
       from pg_prepared_statements order by name`,
    );
    console.log(
      '\nPrepared statements on the connection: plans made\n| statement | generic | custom |\n| --- | --- | --- |',
    );
    for (const p of plans) console.log(`| ${p.statement} | ${p.generic_plans} | ${p.custom_plans} |`);
  } finally {
    await db.close();
    await throwaway.drop();
  }
}

async function main() {
  log(`${settings.orders} orders a scenario, ${settings.batch} a batch`);
  if (settings.backend !== 'postgres') await onPglite();
  if (settings.backend !== 'pglite') await onPostgres();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
