/**
 * Reservation throughput through HTTP against PostgreSQL (`npm run bench`; alone:
 * `npx tsx bench/reserve.ts`). Every figure is also given as a share of the HTTP ceiling
 * measured in the same run, so that runs on a loaded or a different machine compare:
 *
 *   (0) the ceiling: a Fastify no-op `POST /v1/orders` parsing the same JSON body
 *       (bench/noop-server.mjs, as many processes as the server has workers), same clients
 *   (a) POST /v1/orders, one line of qty 1, every order on one hot SKU, warehouse named
 *   (a') the same, routed (no warehouse on the line)
 *   (b) each order on a random SKU of BENCH_SKUS (10,000), warehouse named
 *   (b') the same, routed
 *   (e) GET /v1/availability/{sku}?region=, one random SKU per request
 *   (e') the same GET, every request on the hot SKU (a product page everyone visits: the
 *       per-process availability cache answers most of them, docs/scaling.md)
 *   (a), (b), (e), (e') again as open loops at BENCH_OPEN_LOOP (0.7) of their peak: latency below saturation
 *   (c) a plain autocommit single-row conditional UPDATE on one hot row (what one commit costs)
 *   (d) the same UPDATE with each connection on its own row (uncontended)
 *
 * For each reservation scenario: commits, WAL bytes and rows written per order (the WAL
 * position and pg_stat_user_tables' n_tup_ins / n_tup_upd before and after, partitions counted
 * under their table; BENCH_SETTLE_SECONDS lets idle backends report their counters first). The
 * WAL position is the server's: another database busy on the same server adds to it.
 *
 * BENCH_STALE=1 adds (s): the spread scenario right after the SKUs are created, before anything
 * has analyzed them (no priming, no VACUUM ANALYZE; the server's own statistics keeper runs
 * unless STOCKROOM_ANALYZE_INTERVAL=0), to compare with (b) measured after VACUUM ANALYZE.
 *
 * Each with BENCH_CLIENTS concurrent clients for a warmup and a measured window, on one
 * throwaway database that is dropped at the end. The server runs as a child process.
 *
 * Environment: BENCH_DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CLIENTS (64), BENCH_SKUS (10000),
 * BENCH_WORKERS (STOCKROOM_WORKERS for the server and the ceiling; default: the server's own,
 * one per core), BENCH_PRIME_ORDERS (3000 untimed orders placed before measuring, so that
 * planner statistics and cached plans see a database in use rather than empty tables; 0 to
 * skip), BENCH_STALE=1, BENCH_OPEN_LOOP (0.7; 0 skips the open loops), BENCH_SETTLE_SECONDS (11), BENCH_HTTP_CLIENT (node:http | fetch),
 * BENCH_SERVER_NODE_ARGS (extra node options for the server, e.g. "--cpu-prof
 * --cpu-prof-dir=/tmp/prof"), BENCH_SYNCHRONOUS_COMMIT (e.g. "off": set on the throwaway
 * database only, for every scenario). Results: bench/results/latest.json.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import {
  createHttpClient,
  expectStatus,
  failureLabel,
  type HttpClient,
  type HttpResponse,
} from './http-client.ts';
import { cpuCells, cpuWindow, type CpuUse } from './cpu.ts';
import { closedLoop, mapConcurrent, openLoop, type LoadResult } from './load.ts';
import { waitUntilSettled } from './settle.ts';
import { freePort, ROOT, startServer, type ServerProcess } from './server.ts';
import { busyWaits, topWaits, waitSampler, type WaitShares } from './waits.ts';
import {
  cpuPerOperation,
  formatTargets,
  p99Target,
  ratioTarget,
  shareTarget,
  type MeasuredPhase,
  type TargetLine,
} from './targets.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL, type ThrowawayDatabase } from './throwaway-db.ts';

const FLOOR_PER_SECOND = 1000;
const WAREHOUSE = 'WH-BENCH';
const REGION = 'eu';
const HOT_SKU = 'HOT-1';
const HOT_UNITS = 100_000_000;
const UNITS_PER_SKU = 1_000_000;
const RECEIPT_LINES = 1000;

function numberFromEnv(name: string, fallback: number, integer = false): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new Error(`${name} must be a positive ${integer ? 'whole ' : ''}number, got "${raw}"`);
  }
  return value;
}

const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  seconds: numberFromEnv('BENCH_SECONDS', 10),
  warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 2),
  clients: numberFromEnv('BENCH_CLIENTS', 64, true),
  skus: numberFromEnv('BENCH_SKUS', 10_000, true),
  primeOrders: process.env.BENCH_PRIME_ORDERS === '0' ? 0 : numberFromEnv('BENCH_PRIME_ORDERS', 3000, true),
  httpClient: process.env.BENCH_HTTP_CLIENT === 'fetch' ? ('fetch' as const) : ('node:http' as const),
  workers: process.env.BENCH_WORKERS ? numberFromEnv('BENCH_WORKERS', 1, true) : undefined,
  stale: process.env.BENCH_STALE === '1',
  /** Open-loop runs at this share of each closed-loop peak (hot, spread, availability); 0: none. */
  openLoopShare: process.env.BENCH_OPEN_LOOP === '0' ? 0 : numberFromEnv('BENCH_OPEN_LOOP', 0.7),
  settleSeconds: process.env.BENCH_SETTLE_SECONDS === '0' ? 0 : numberFromEnv('BENCH_SETTLE_SECONDS', 11),
  serverNodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
  /** Overrides synchronous_commit for the throwaway database only (e.g. "off"), to see what fsync costs. */
  synchronousCommit: process.env.BENCH_SYNCHRONOUS_COMMIT || null,
};

const skuCode = (i: number) => `SKU-${String(i).padStart(5, '0')}`;
const log = (message: string) => console.error(`[bench] ${message}`);

interface DbStats {
  commits: number;
  rollbacks: number;
  walBytes: bigint;
  /** WAL flushes to disk (pg_stat_wal.wal_sync: the whole server, every database); null before PostgreSQL 14. */
  walSyncs: number | null;
  /** Rows inserted and updated per table (partitions under their parent), from pg_stat_user_tables. */
  tables: Map<string, { ins: number; upd: number }>;
}

/** Commits from pg_stat_database (flushed by backends about once a second) and the exact WAL position. */
async function dbStats(q: pg.Pool | pg.Client, dbName: string): Promise<DbStats> {
  const { rows } = await q.query<{ xact_commit: string; xact_rollback: string; lsn: string }>(
    `select xact_commit, xact_rollback, pg_current_wal_lsn() as lsn from pg_stat_database where datname = $1`,
    [dbName],
  );
  const r = rows[0]!;
  const [hi, lo] = r.lsn.split('/');
  const { rows: tables } = await q.query<{ name: string; ins: string; upd: string }>(
    `select coalesce((select i.inhparent::regclass::text from pg_inherits i where i.inhrelid = t.relid),
                     t.relname) as name,
            sum(t.n_tup_ins) as ins, sum(t.n_tup_upd) as upd
     from pg_stat_user_tables t group by 1`,
  );
  const walSyncs = await q
    .query<{ wal_sync: string }>('select wal_sync from pg_stat_wal')
    .then((res) => Number(res.rows[0]!.wal_sync))
    .catch(() => null);
  return {
    commits: Number(r.xact_commit),
    rollbacks: Number(r.xact_rollback),
    walBytes: (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`),
    walSyncs,
    tables: new Map(tables.map((t) => [t.name, { ins: Number(t.ins), upd: Number(t.upd) }])),
  };
}

/** Rows written per operation between two snapshots, by table, largest first. */
function rowsPerOp(before: DbStats, after: DbStats, ops: number) {
  const byTable: Record<string, { ins: number; upd: number }> = {};
  let ins = 0;
  let upd = 0;
  for (const [name, a] of after.tables) {
    const b = before.tables.get(name) ?? { ins: 0, upd: 0 };
    const di = a.ins - b.ins;
    const du = a.upd - b.upd;
    if (di === 0 && du === 0) continue;
    byTable[name] = { ins: di / Math.max(1, ops), upd: du / Math.max(1, ops) };
    ins += di;
    upd += du;
  }
  const sorted = Object.fromEntries(
    Object.entries(byTable).sort((x, y) => y[1].ins + y[1].upd - (x[1].ins + x[1].upd)),
  );
  return { inserted: ins / Math.max(1, ops), updated: upd / Math.max(1, ops), byTable: sorted };
}

function measured(s: Scenario): MeasuredPhase {
  return {
    label: s.label,
    perSecond: s.result.perSecond,
    p50Ms: s.result.latencyMs.p50,
    p99Ms: s.result.latencyMs.p99,
    maxMs: s.result.latencyMs.max,
    cpu: s.cpu,
    waits: s.waits,
    commitsPerOrder: s.perOp?.commits,
    walFlushesPerOrder: s.perOp?.walFlushes,
    ordersPerBatch: s.perOp?.ordersPerBatch,
    rowsPerOrder: s.perOp && { inserted: s.perOp.rowsInserted, updated: s.perOp.rowsUpdated },
  };
}

/** Issue 15's targets for the server benchmark (the PGlite ones are in bench/reserve-pglite.ts). */
function judgeTargets(run: {
  cpus: number;
  ceiling: number;
  hot: Scenario;
  hotRouted: Scenario;
  spread: Scenario;
  spreadRouted: Scenario;
  stale: Scenario | null;
  read: Scenario;
  hotRead: Scenario;
  open: Scenario[];
}): TargetLine[] {
  const { cpus, ceiling } = run;
  const lines: TargetLine[] = [
    shareTarget('(a) hot SKU >= 35% of the ceiling', measured(run.hot), ceiling, 0.35, cpus),
    ratioTarget('(b) spread SKUs >= hot SKU', measured(run.spread), measured(run.hot), 1, cpus),
    ratioTarget(
      "(a') routed within 10% of named, hot",
      measured(run.hotRouted),
      measured(run.hot),
      0.9,
      cpus,
    ),
    ratioTarget(
      "(b') routed within 10% of named, spread",
      measured(run.spreadRouted),
      measured(run.spread),
      0.9,
      cpus,
    ),
  ];
  if (run.stale) {
    lines.push(
      ratioTarget(
        '(s) never analyzed within 20% of analyzed',
        measured(run.stale),
        measured(run.spread),
        0.8,
        cpus,
      ),
    );
  }
  lines.push(
    shareTarget('(e) availability GET >= 50% of the ceiling', measured(run.read), ceiling, 0.5, cpus),
    shareTarget("(e') the same GET, hot SKU", measured(run.hotRead), ceiling, 0.5, cpus),
  );
  for (const s of run.open)
    lines.push(p99Target(`${s.label.split(' ')[0]} open loop p99 <= 25 ms`, measured(s), 25, cpus));
  return lines;
}

interface Scenario {
  key: string;
  label: string;
  result: LoadResult;
  /** Per successful operation over the whole phase, warmup included; commits are approximate. */
  perOp?: {
    commits: number;
    walBytes: number;
    /** WAL flushes per order, server-wide (other databases busy on the server add to it). */
    walFlushes: number | null;
    rowsInserted: number;
    rowsUpdated: number;
    byTable: Record<string, { ins: number; upd: number }>;
    /** Orders placed per placement transaction (the batcher's batches), warmup included. */
    ordersPerBatch: number;
  };
  consistent?: { expectedReserved: number; reserved: number; ok: boolean };
  cpu?: CpuUse | undefined;
  /** pg_stat_activity samples of the benchmark database's backends during the window. */
  waits?: WaitShares;
  /** Active backends in other databases of the same server when the phase started. */
  otherActiveBackends?: number;
}

/** CPU accounting and wait-event sampling over a load's measurement window. */
function probe(serverPid: number | undefined, dbName: string, statsDb: pg.Client) {
  const cpu = cpuWindow(serverPid, dbName);
  const waits = waitSampler(statsDb);
  return {
    onWindowStart: () => {
      cpu.onWindowStart();
      waits.start();
    },
    onWindowEnd: () => {
      waits.stop();
      cpu.onWindowEnd();
    },
    finish: async () => ({ cpu: cpu.use(), waits: await waits.shares() }),
  };
}

async function otherActiveBackends(q: pg.Pool | pg.Client): Promise<number> {
  const { rows } = await q.query<{ n: number }>(
    `select count(*)::int as n from pg_stat_activity
     where datname is distinct from current_database() and state = 'active' and backend_type = 'client backend'`,
  );
  return rows[0]!.n;
}

async function machineInfo(adminUrl: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const show = async (name: string) =>
      (await c.query<{ setting: string }>(`select current_setting($1) as setting`, [name])).rows[0]!.setting;
    const info = {
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? 'unknown',
      memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
      loadAverage: os.loadavg().map((n) => Math.round(n * 100) / 100),
      platform: `${os.platform()} ${os.release()} ${os.arch()}`,
      node: process.version,
      postgres: (await c.query<{ version: string }>('select version()')).rows[0]!.version,
      postgresHost: new URL(adminUrl).host,
      synchronousCommit: await show('synchronous_commit'),
      fsync: await show('fsync'),
      walSyncMethod: await show('wal_sync_method'),
      sharedBuffers: await show('shared_buffers'),
      maxConnections: await show('max_connections'),
      commit: gitCommit(),
    };
    return info;
  } finally {
    await c.end();
  }
}

function gitCommit(): string | null {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'src'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return dirty.trim() === '' ? head : `${head} (src/ modified)`;
  } catch {
    return null;
  }
}

async function setUpCatalogue(http: HttpClient) {
  const started = Date.now();
  await expectStatus(
    http.request('PUT', `/v1/regions/${REGION}`, {
      name: 'Europe',
      lat: 50.1109,
      lon: 8.6821,
      countries: ['DE', 'FR', 'NL'],
    }),
    [200, 201],
    'create region',
  );
  await expectStatus(
    http.request('PUT', `/v1/warehouses/${WAREHOUSE}`, { name: 'Bench warehouse', region: REGION }),
    [200, 201],
    'create warehouse',
  );
  const skus = [HOT_SKU, ...Array.from({ length: settings.skus }, (_, i) => skuCode(i))];
  await mapConcurrent(skus, settings.clients, async (sku) => {
    await expectStatus(
      http.request('PUT', `/v1/skus/${sku}`, { name: `Bench ${sku}`, price: 9.99 }),
      [200, 201],
      `create SKU ${sku}`,
    );
  });
  await expectStatus(
    http.request('POST', '/v1/receipts', {
      warehouse: WAREHOUSE,
      reference: 'bench hot stock',
      lines: [{ sku: HOT_SKU, qty: HOT_UNITS }],
    }),
    [201],
    'receive hot SKU',
  );
  const batches: string[][] = [];
  for (let i = 0; i < settings.skus; i += RECEIPT_LINES) {
    batches.push(skus.slice(1 + i, 1 + Math.min(settings.skus, i + RECEIPT_LINES)));
  }
  await mapConcurrent(batches, 4, async (batch, n) => {
    await expectStatus(
      http.request('POST', '/v1/receipts', {
        warehouse: WAREHOUSE,
        reference: `bench stock ${n}`,
        lines: batch.map((sku) => ({ sku, qty: UNITS_PER_SKU })),
      }),
      [201],
      `receipt ${n}`,
    );
  });
  log(`catalogue ready: 1 warehouse, ${skus.length} SKUs with stock (${Date.now() - started} ms)`);
}

/**
 * Untimed orders on random SKUs before anything is measured. On a brand-new database the
 * first plans (plpgsql statements, foreign-key checks) are made while `orders` is empty and
 * stay cached per connection, so every lookup in it would be a sequential scan that grows
 * with the table: a cold-start effect, not the steady state this benchmark is about.
 * The ANALYZE that follows (in main) gives the planner real figures and invalidates those plans.
 */
async function primeOrders(http: HttpClient) {
  const started = Date.now();
  const tag = randomBytes(3).toString('hex');
  let failed = 0;
  await mapConcurrent(
    Array.from({ length: settings.primeOrders }, (_, i) => i),
    settings.clients,
    async (i) => {
      const res = await http.request('POST', '/v1/orders', {
        orderId: `bench-prime-${tag}-${i}`,
        lines: [{ sku: skuCode(Math.floor(Math.random() * settings.skus)), qty: 1 }],
      });
      if (res.status !== 201) failed++;
    },
  );
  if (failed > 0) throw new Error(`${failed} of ${settings.primeOrders} priming orders failed`);
  log(`primed with ${settings.primeOrders} orders on random SKUs (${Date.now() - started} ms)`);
}

async function reservePhase(
  http: HttpClient,
  serverPid: number | undefined,
  key: string,
  label: string,
  pickSku: () => string,
  named: boolean,
  statsDb: pg.Client,
  dbName: string,
): Promise<Scenario> {
  const tag = randomBytes(3).toString('hex');
  const line = (sku: string) => (named ? { sku, qty: 1, warehouse: WAREHOUSE } : { sku, qty: 1 });
  log(`${label}: ${settings.clients} clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s`);
  const before = await dbStats(statsDb, dbName);
  const others = await otherActiveBackends(statsDb);
  const watch = probe(serverPid, dbName, statsDb);
  const result = await closedLoop({
    workers: settings.clients,
    warmupMs: settings.warmupSeconds * 1000,
    measureMs: settings.seconds * 1000,
    onWindowStart: watch.onWindowStart,
    onWindowEnd: watch.onWindowEnd,
    op: async (w, seq) => {
      const res = await http.request('POST', '/v1/orders', {
        orderId: `bench-${key}-${tag}-${w}-${seq}`,
        lines: [line(pickSku())],
      });
      return res.status === 201 ? null : failureLabel(res);
    },
  });
  // Idle backends report their counters within 10 s (PGSTAT_IDLE_INTERVAL), busy ones each second.
  await sleep(settings.settleSeconds * 1000);
  const after = await dbStats(statsDb, dbName);
  const rows = rowsPerOp(before, after, result.okTotal);
  // Each batch is one transaction: its orders share the inserting transaction id (xmin).
  const { rows: batches } = await statsDb.query<{ orders: number; batches: number }>(
    `select count(*)::int as orders, count(distinct xmin::text)::int as batches from orders where left(order_id, length($1)) = $1`,
    [`bench-${key}-${tag}-`],
  );
  return {
    key,
    label,
    result,
    perOp: {
      commits: (after.commits - before.commits) / Math.max(1, result.okTotal),
      walBytes: Number(after.walBytes - before.walBytes) / Math.max(1, result.okTotal),
      walFlushes:
        after.walSyncs !== null && before.walSyncs !== null
          ? (after.walSyncs - before.walSyncs) / Math.max(1, result.okTotal)
          : null,
      rowsInserted: rows.inserted,
      rowsUpdated: rows.updated,
      byTable: rows.byTable,
      ordersPerBatch: batches[0]!.orders / Math.max(1, batches[0]!.batches),
    },
    ...(await watch.finish()),
    otherActiveBackends: others,
  };
}

/** A fixed rate of one kind of HTTP request, latency from when each was due (bench/load.ts). */
async function openPhase(
  serverPid: number | undefined,
  key: string,
  label: string,
  perSecond: number,
  request: (seq: number) => Promise<HttpResponse>,
  okStatus: number,
  statsDb: pg.Client,
  dbName: string,
): Promise<Scenario> {
  log(
    `${label}: ${fmt(perSecond, 0)}/s open loop, ${settings.warmupSeconds} s warmup + ${settings.seconds} s`,
  );
  const others = await otherActiveBackends(statsDb);
  const watch = probe(serverPid, dbName, statsDb);
  const timers = [
    setTimeout(watch.onWindowStart, settings.warmupSeconds * 1000),
    setTimeout(watch.onWindowEnd, (settings.warmupSeconds + settings.seconds) * 1000),
  ];
  const result = await openLoop({
    perSecond,
    warmupMs: settings.warmupSeconds * 1000,
    measureMs: settings.seconds * 1000,
    maxInFlight: settings.clients,
    op: async (_w, seq) => {
      const res = await request(seq);
      return res.status === okStatus ? null : failureLabel(res);
    },
  });
  for (const t of timers) clearTimeout(t);
  return { key, label, result, ...(await watch.finish()), otherActiveBackends: others };
}

/** A closed loop of one kind of HTTP request (the ceiling, availability reads). */
async function httpPhase(
  http: HttpClient,
  serverPid: number | undefined,
  key: string,
  label: string,
  request: (w: number, seq: number) => Promise<HttpResponse>,
  okStatus: number,
  statsDb: pg.Client,
  dbName: string,
): Promise<Scenario> {
  log(`${label}: ${settings.clients} clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s`);
  const others = await otherActiveBackends(statsDb);
  const watch = probe(serverPid, dbName, statsDb);
  const result = await closedLoop({
    workers: settings.clients,
    warmupMs: settings.warmupSeconds * 1000,
    measureMs: settings.seconds * 1000,
    onWindowStart: watch.onWindowStart,
    onWindowEnd: watch.onWindowEnd,
    op: async (w, seq) => {
      const res = await request(w, seq);
      return res.status === okStatus ? null : failureLabel(res);
    },
  });
  return { key, label, result, ...(await watch.finish()), otherActiveBackends: others };
}

async function updatePhase(
  pool: pg.Pool,
  statsDb: pg.Client,
  dbName: string,
  key: string,
  label: string,
  hot: boolean,
): Promise<Scenario> {
  log(
    `${label}: ${settings.clients} connections, ${settings.warmupSeconds} s warmup + ${settings.seconds} s`,
  );
  const others = await otherActiveBackends(pool);
  const watch = probe(undefined, dbName, statsDb);
  const conns = await Promise.all(Array.from({ length: settings.clients }, () => pool.connect()));
  try {
    const sql = conns.map(
      (_, w) => `update bench_counter set n = n + 1 where id = ${hot ? 1 : w + 1} and n < 1000000000`,
    );
    const result = await closedLoop({
      workers: settings.clients,
      warmupMs: settings.warmupSeconds * 1000,
      measureMs: settings.seconds * 1000,
      onWindowStart: watch.onWindowStart,
      onWindowEnd: watch.onWindowEnd,
      op: async (w) => {
        const r = await conns[w]!.query(sql[w]!);
        return r.rowCount === 1 ? null : 'no row updated';
      },
    });
    return { key, label, result, ...(await watch.finish()), otherActiveBackends: others };
  } finally {
    for (const c of conns) c.release();
  }
}

function fmt(n: number, digits = 1): string {
  return Number.isFinite(n) ? n.toFixed(digits) : '-';
}

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  const info = await machineInfo(settings.adminUrl);
  log(
    `${info.cpus} CPUs (${info.cpuModel}), Node ${info.node}, ${info.postgres.split(' on ')[0]}, ` +
      `synchronous_commit=${info.synchronousCommit}, fsync=${info.fsync}`,
  );
  let db: ThrowawayDatabase | null = null;
  let server: ServerProcess | null = null;
  let http: HttpClient | null = null;
  let statsDb: pg.Client | null = null;
  let pool: pg.Pool | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      http?.close();
      await server?.stop().catch((err: unknown) => log(`stopping the server failed: ${String(err)}`));
      await statsDb?.end().catch(() => {});
      await pool?.end().catch(() => {});
      await db?.drop().catch((err: unknown) => log(`dropping ${db?.name} failed: ${String(err)}`));
    })());
  const interrupted = () => {
    log('interrupted: cleaning up');
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);

  try {
    db = await createThrowawayDatabase(settings.adminUrl);
    log(`throwaway database ${db.name}`);
    if (settings.synchronousCommit) {
      const admin = new pg.Client({ connectionString: db.url });
      await admin.connect();
      try {
        await admin.query(
          `alter database ${db.name} set synchronous_commit = ${pg.escapeLiteral(settings.synchronousCommit)}`,
        );
      } finally {
        await admin.end();
      }
      log(`synchronous_commit = ${settings.synchronousCommit} for ${db.name}`);
    }
    const adminKey = `sr_bench_${randomBytes(18).toString('base64url')}`;
    statsDb = new pg.Client({ connectionString: db.url });
    await statsDb.connect();

    // (0) The ceiling first, while nothing else of this run is up.
    const noop = await startServer({
      databaseUrl: db.url,
      adminKey,
      port: await freePort(),
      script: 'bench/noop-server.mjs',
      workers: settings.workers ?? os.availableParallelism(),
    });
    const scenarios: Scenario[] = [];
    let ceiling: Scenario;
    {
      const noopHttp = createHttpClient(noop.baseUrl, adminKey, settings.clients, settings.httpClient);
      try {
        ceiling = await httpPhase(
          noopHttp,
          noop.pid,
          'ceiling',
          '(0) ceiling: no-op POST /v1/orders',
          (w, seq) =>
            noopHttp.request('POST', '/v1/orders', {
              orderId: `bench-noop-${w}-${seq}`,
              lines: [{ sku: HOT_SKU, qty: 1, warehouse: WAREHOUSE }],
            }),
          201,
          statsDb,
          db.name,
        );
      } finally {
        noopHttp.close();
        await noop.stop();
      }
    }
    scenarios.push(ceiling);

    server = await startServer({
      databaseUrl: db.url,
      adminKey,
      port: await freePort(),
      nodeArgs: settings.serverNodeArgs,
      workers: settings.workers,
    });
    log(
      `server pid ${server.pid} at ${server.baseUrl} (LOG_LEVEL=warn, STOCKROOM_WORKERS=${settings.workers ?? 'default'})`,
    );
    http = createHttpClient(server.baseUrl, adminKey, settings.clients, settings.httpClient);
    await setUpCatalogue(http);
    const randomSku = () => skuCode(Math.floor(Math.random() * settings.skus));
    const skusLabel = `${settings.skus.toLocaleString('en')} SKUs`;

    let stale: Scenario | null = null;
    if (settings.stale) {
      // (s) Right after the SKUs were created: no priming, no ANALYZE by this benchmark.
      stale = await reservePhase(
        http,
        server.pid,
        'stale',
        `(s) reserve, ${skusLabel}, named, never analyzed`,
        randomSku,
        true,
        statsDb,
        db.name,
      );
      scenarios.push(stale);
    }
    // After (s), which measures orders the moment the SKUs exist: every other scenario starts
    // with the server's catch-up on the catalogue done (bench/settle.ts).
    log(`server caught up with the catalogue in ${await waitUntilSettled(http)} ms`);
    if (settings.primeOrders > 0) await primeOrders(http);
    // Fresh statistics and a checkpoint, so autovacuum and checkpoints are less likely mid-run.
    await statsDb.query('vacuum analyze');
    await statsDb.query('checkpoint').catch(() => log('checkpoint skipped (needs superuser)'));

    // Each scenario below starts once the server has caught up with the one before (its events
    // sequenced, the followers done): a window measures its own requests, not the previous
    // window's backlog. Without it, the open loops that follow a saturated run measured the
    // server numbering that run's events: (e) at 70% had p99 287 ms after (b), 19-29 ms alone.
    const caughtUp = async () => log(`server caught up in ${await waitUntilSettled(http!)} ms`);
    const phase = async (key: string, label: string, pick: () => string, named: boolean) => {
      await caughtUp();
      return reservePhase(http!, server!.pid, key, label, pick, named, statsDb!, db!.name);
    };
    const hot = await phase('hot', '(a) reserve, 1 hot SKU, named', () => HOT_SKU, true);
    scenarios.push(hot);
    const hotRouted = await phase('hot_routed', "(a') reserve, 1 hot SKU, routed", () => HOT_SKU, false);
    scenarios.push(hotRouted);
    const spread = await phase('spread', `(b) reserve, ${skusLabel}, named`, randomSku, true);
    scenarios.push(spread);
    const spreadRouted = await phase('spread_routed', `(b') reserve, ${skusLabel}, routed`, randomSku, false);
    scenarios.push(spreadRouted);
    await caughtUp();
    const read = await httpPhase(
      http,
      server.pid,
      'availability',
      '(e) GET /v1/availability/{sku}?region=',
      () => http!.request('GET', `/v1/availability/${randomSku()}?region=${REGION}`),
      200,
      statsDb,
      db.name,
    );
    scenarios.push(read);
    await caughtUp();
    const hotRead = await httpPhase(
      http,
      server.pid,
      'availability_hot',
      "(e') GET /v1/availability/{sku}?region=, 1 hot SKU",
      () => http!.request('GET', `/v1/availability/${HOT_SKU}?region=${REGION}`),
      200,
      statsDb,
      db.name,
    );
    scenarios.push(hotRead);

    // (a), (b), (e), (e') again at a fixed share of their peak: the latency a shop sees below saturation.
    const open: Scenario[] = [];
    if (settings.openLoopShare > 0) {
      const pct = `${Math.round(settings.openLoopShare * 100)}%`;
      const tag = randomBytes(3).toString('hex');
      const order = (key: string, sku: () => string) => (seq: number) =>
        http!.request('POST', '/v1/orders', {
          orderId: `bench-${key}-${tag}-${seq}`,
          lines: [{ sku: sku(), qty: 1, warehouse: WAREHOUSE }],
        });
      for (const [base, key, request, okStatus] of [
        [hot, 'hot_open', order('hot-open', () => HOT_SKU), 201],
        [spread, 'spread_open', order('spread-open', randomSku), 201],
        [
          read,
          'availability_open',
          () => http!.request('GET', `/v1/availability/${randomSku()}?region=${REGION}`),
          200,
        ],
        [
          hotRead,
          'availability_hot_open',
          () => http!.request('GET', `/v1/availability/${HOT_SKU}?region=${REGION}`),
          200,
        ],
      ] as const) {
        await caughtUp();
        const s = await openPhase(
          server.pid,
          key,
          `${base.label.split(' ')[0]} at ${pct} of its peak, open loop`,
          base.result.perSecond * settings.openLoopShare,
          request,
          okStatus,
          statsDb,
          db.name,
        );
        open.push(s);
        scenarios.push(s);
      }
    }

    // Every 201 must be exactly one unit reserved: a cheap check that the numbers are real
    // (the priming orders are on the 10,000 SKUs too).
    const reserved = await statsDb.query<{ hot: string; others: string }>(
      `select coalesce(sum(reserved) filter (where sku = $1), 0) as hot,
              coalesce(sum(reserved) filter (where sku <> $1), 0) as others
       from stock_positions`,
      [HOT_SKU],
    );
    const r = reserved.rows[0]!;
    const openOk = (key: string) => open.find((s) => s.key === key)?.result.okTotal ?? 0;
    const hotAcknowledged = hot.result.okTotal + hotRouted.result.okTotal + openOk('hot_open');
    const spreadAcknowledged =
      spread.result.okTotal +
      spreadRouted.result.okTotal +
      settings.primeOrders +
      (stale?.result.okTotal ?? 0) +
      openOk('spread_open');
    const consistency = {
      hot: {
        expectedReserved: hotAcknowledged,
        reserved: Number(r.hot),
        ok: Number(r.hot) === hotAcknowledged,
      },
      spread: {
        expectedReserved: spreadAcknowledged,
        reserved: Number(r.others),
        ok: Number(r.others) === spreadAcknowledged,
      },
    };
    hot.consistent = consistency.hot;
    spread.consistent = consistency.spread;

    http.close();
    await server.stop();
    const serverLog = server.logLines().filter((l) => l.startsWith('{'));
    server = null;

    pool = new pg.Pool({ connectionString: db.url, max: settings.clients });
    pool.on('error', () => {});
    await pool.query('create table bench_counter (id integer primary key, n bigint not null)');
    await pool.query('insert into bench_counter select g, 0 from generate_series(1, $1::int) g', [
      settings.clients,
    ]);
    await pool.query('vacuum analyze bench_counter');
    await pool.query('checkpoint').catch(() => {});
    const updHot = await updatePhase(pool, statsDb, db.name, 'update_hot', '(c) UPDATE, 1 hot row', true);
    scenarios.push(updHot);
    const updOwn = await updatePhase(
      pool,
      statsDb,
      db.name,
      'update_own_row',
      '(d) UPDATE, own row per connection',
      false,
    );
    scenarios.push(updOwn);

    const share = (x: Scenario) => x.result.perSecond / ceiling.result.perSecond;
    const ratios = {
      hotOfCeiling: share(hot),
      hotRoutedOfCeiling: share(hotRouted),
      spreadOfCeiling: share(spread),
      spreadRoutedOfCeiling: share(spreadRouted),
      availabilityOfCeiling: share(read),
      hotAvailabilityOfCeiling: share(hotRead),
      routedOverNamedHot: hotRouted.result.perSecond / hot.result.perSecond,
      routedOverNamedSpread: spreadRouted.result.perSecond / spread.result.perSecond,
      spreadOverHot: spread.result.perSecond / hot.result.perSecond,
      staleOverAnalyzed: stale ? stale.result.perSecond / spread.result.perSecond : null,
      hotReserveOverHotUpdate: hot.result.perSecond / updHot.result.perSecond,
      spreadReserveOverOwnRowUpdate: spread.result.perSecond / updOwn.result.perSecond,
    };
    const floorMet = hot.result.perSecond >= FLOOR_PER_SECOND;
    const targets = judgeTargets({
      cpus: info.cpus,
      ceiling: ceiling.result.perSecond,
      hot,
      hotRouted,
      spread,
      spreadRouted,
      stale,
      read,
      hotRead,
      open,
    });

    const rows = [
      [
        'scenario',
        'ok/s',
        'of ceiling',
        'p50 ms',
        'p99 ms',
        'max ms',
        'errors',
        'commits/op',
        'WAL B/op',
        'WAL flushes/op',
        'rows ins/op',
        'rows upd/op',
        'orders/batch',
      ],
      ...scenarios.map((s) => [
        s.label,
        fmt(s.result.perSecond),
        `${fmt(100 * share(s), 1)}%`,
        fmt(s.result.latencyMs.p50, 2),
        fmt(s.result.latencyMs.p99, 2),
        fmt(s.result.latencyMs.max, 1),
        String(Object.values(s.result.errors).reduce((a, b) => a + b, 0)),
        s.perOp ? fmt(s.perOp.commits, 2) : '-',
        s.perOp ? fmt(s.perOp.walBytes, 0) : '-',
        s.perOp?.walFlushes != null ? fmt(s.perOp.walFlushes, 3) : '-',
        s.perOp ? fmt(s.perOp.rowsInserted, 2) : '-',
        s.perOp ? fmt(s.perOp.rowsUpdated, 2) : '-',
        s.perOp ? fmt(s.perOp.ordersPerBatch, 1) : '-',
      ]),
    ];
    const out: string[] = [
      '',
      `Stockroom reservation benchmark: ${settings.clients} concurrent clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s measured per scenario`,
      `machine: ${info.cpus} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB, ${info.platform}, Node ${info.node}, load average at start ${info.loadAverage.join(' ')}, at end ${os
        .loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')}`,
      `database: ${info.postgres.split(' on ')[0]} at ${info.postgresHost}, synchronous_commit=${settings.synchronousCommit ? `${settings.synchronousCommit} (override for this run; server default ${info.synchronousCommit})` : info.synchronousCommit}, fsync=${info.fsync}, wal_sync_method=${info.walSyncMethod}, shared_buffers=${info.sharedBuffers}`,
      `HTTP client: ${settings.httpClient} keep-alive, ${settings.clients} sockets; server: child process, STOCKROOM_WORKERS=${settings.workers ?? `default (${os.availableParallelism()} cores)`}, LOG_LEVEL=warn, code ${info.commit ?? 'unknown'}`,
      '',
      table(rows),
      '',
      'CPU during the measured window, % of one CPU (machine: % of all CPUs busy)',
      table([
        [
          'scenario',
          'machine',
          'bench client',
          'server',
          'PG backends',
          'other',
          'other DBs',
          'ms/op: all',
          'server',
          'PG',
        ],
        ...scenarios.map((s) => {
          const per = s.cpu ? cpuPerOperation(s.cpu, s.result.perSecond, info.cpus) : null;
          return [
            s.label,
            ...cpuCells(s.cpu),
            `${s.otherActiveBackends ?? '-'} active`,
            per ? fmt(per.machine, 3) : '-',
            per?.server != null ? fmt(per.server, 3) : '-',
            per?.postgres != null ? fmt(per.postgres, 3) : '-',
          ];
        }),
      ]),
      'ms/op: CPU milliseconds per successful operation (all: every busy CPU of the machine; server: its Node processes; PG: the benchmark database backends)',
      '',
      'Where the benchmark database backends were (pg_stat_activity samples during the window)',
      ...scenarios.map((s) => `  ${s.label.padEnd(36)} ${topWaits(s.waits)}`),
      'The same, without the spare connections ("idle"): what the backends with work were doing',
      ...scenarios.map((s) => `  ${s.label.padEnd(36)} ${topWaits(busyWaits(s.waits))}`),
      '',
      'Rows written per order, by table (inserted + updated, pg_stat_user_tables)',
      ...scenarios
        .filter((s) => s.perOp)
        .map(
          (s) =>
            `  ${s.label.padEnd(40)} ${Object.entries(s.perOp!.byTable)
              .map(([t, n]) => `${t} ${fmt(n.ins, 2)}+${fmt(n.upd, 2)}`)
              .join(', ')}`,
        ),
      '',
      `routed / named, hot SKU:                      ${fmt(ratios.routedOverNamedHot, 3)}`,
      `routed / named, ${skusLabel}:`.padEnd(47) + fmt(ratios.routedOverNamedSpread, 3),
      `${skusLabel} / hot SKU (named):`.padEnd(47) + fmt(ratios.spreadOverHot, 3),
      ...(ratios.staleOverAnalyzed !== null
        ? [`never analyzed / analyzed (${skusLabel}):`.padEnd(47) + fmt(ratios.staleOverAnalyzed, 3)]
        : []),
      `ratio (a)/(c) hot reserve / hot UPDATE:       ${fmt(ratios.hotReserveOverHotUpdate, 3)}`,
      `ratio (b)/(d) spread reserve / own-row UPDATE: ${fmt(ratios.spreadReserveOverOwnRowUpdate, 3)}`,
      `floor: hot SKU ${fmt(hot.result.perSecond)}/s vs ${FLOOR_PER_SECOND}/s -> ${floorMet ? 'MET' : 'NOT MET'}`,
      '',
      "Issue 15's targets, and for each one missed what bounds it in this run",
      ...formatTargets(targets),
    ];
    for (const s of scenarios) {
      const errors = Object.entries(s.result.errors);
      if (errors.length > 0)
        out.push(`errors in ${s.label}: ${errors.map(([k, v]) => `${k} x${v}`).join(', ')}`);
      if (s.consistent && !s.consistent.ok) {
        out.push(
          `INCONSISTENT ${s.label}: ${s.consistent.expectedReserved} orders answered 201 but ${s.consistent.reserved} units are reserved`,
        );
      }
    }
    if (hot.consistent?.ok && spread.consistent?.ok)
      out.push('check: units reserved in the database equal the 201 answers (hot SKU, and the spread SKUs)');
    for (const s of scenarios) {
      if (s.cpu?.other != null && s.cpu.other > 50) {
        out.push(
          `WARNING ${s.label}: other processes used ${fmt(s.cpu.other, 0)}% of a CPU during the window; ` +
            'the figures understate this machine (rerun on a quiet machine).',
        );
      }
    }
    if (serverLog.length > 0) out.push(`server logged ${serverLog.length} warning/error line(s)`);
    out.push(
      "commits/op: transactions committed per successful order (pg_stat_database); WAL B/op: the server's WAL position (other databases on it add to it); rows: pg_stat_user_tables, partitions under their table.",
    );
    console.log(out.join('\n'));

    const resultsDir = join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, 'latest.json');
    const json = {
      at: new Date().toISOString(),
      settings: { ...settings, adminUrl: undefined, floorPerSecond: FLOOR_PER_SECOND },
      machine: info,
      scenarios: Object.fromEntries(
        scenarios.map((s) => [
          s.key,
          {
            label: s.label,
            ...s.result,
            perOp: s.perOp,
            consistent: s.consistent,
            cpu: s.cpu,
            waits: s.waits,
            otherActiveBackends: s.otherActiveBackends,
          },
        ]),
      ),
      ratios,
      floorMet,
      targets,
      serverLog: serverLog.slice(0, 50),
    };
    writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
    console.log(`\nresults written to ${file}`);
  } finally {
    await cleanup();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
