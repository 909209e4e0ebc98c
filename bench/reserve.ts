/**
 * Reservation throughput through HTTP against PostgreSQL (`npm run bench`).
 *
 *   (a) POST /v1/orders, one line of qty 1, every order on one hot SKU
 *   (b) the same, each order on a random SKU of 10,000
 *   (c) the denominator: a plain autocommit single-row conditional UPDATE on one hot row
 *   (d) the same UPDATE with each connection on its own row (uncontended), for (b)
 *
 * Each with 64 concurrent clients for a warmup and a measured window, on one throwaway
 * database that is dropped at the end. The server runs as a child process.
 *
 * Environment: BENCH_DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CLIENTS (64), BENCH_SKUS (10000),
 * BENCH_PRIME_ORDERS (3000 untimed orders placed before measuring, so that planner statistics
 * and cached plans see a database in use rather than empty tables; 0 to skip),
 * BENCH_HTTP_CLIENT (node:http | fetch), BENCH_EXPLICIT_WAREHOUSE=1 (order lines name the
 * warehouse, skipping automatic allocation), BENCH_SERVER_NODE_ARGS (extra node options for the
 * server, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof"), BENCH_SYNCHRONOUS_COMMIT (e.g. "off": set on
 * the throwaway database only, for every scenario). Results: bench/results/latest.json.
 */
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createHttpClient, expectStatus, failureLabel, type HttpClient } from './http-client.ts';
import { cpuSnapshot, cpuUse, type CpuSnapshot, type CpuUse } from './cpu.ts';
import { closedLoop, mapConcurrent, type LoadResult } from './load.ts';
import { freePort, ROOT, startServer, type ServerProcess } from './server.ts';
import { topWaits, waitSampler, type WaitShares } from './waits.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL, type ThrowawayDatabase } from './throwaway-db.ts';

const FLOOR_PER_SECOND = 1000;
const WAREHOUSE = 'WH-BENCH';
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
  explicitWarehouse: process.env.BENCH_EXPLICIT_WAREHOUSE === '1',
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
}

/** Commits from pg_stat_database (flushed by backends about once a second) and the exact WAL position. */
async function dbStats(q: pg.Pool | pg.Client, dbName: string): Promise<DbStats> {
  const { rows } = await q.query<{ xact_commit: string; xact_rollback: string; lsn: string }>(
    `select xact_commit, xact_rollback, pg_current_wal_lsn() as lsn from pg_stat_database where datname = $1`,
    [dbName],
  );
  const r = rows[0]!;
  const [hi, lo] = r.lsn.split('/');
  return {
    commits: Number(r.xact_commit),
    rollbacks: Number(r.xact_rollback),
    walBytes: (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`),
  };
}

interface Scenario {
  key: string;
  label: string;
  result: LoadResult;
  /** Per successful operation over the whole phase, warmup included; commits are approximate. */
  perOp?: { commits: number; walBytes: number };
  consistent?: { expectedReserved: number; reserved: number; ok: boolean };
  cpu?: CpuUse | undefined;
  /** pg_stat_activity samples of the benchmark database's backends during the window. */
  waits?: WaitShares;
  /** Active backends in other databases of the same server when the phase started. */
  otherActiveBackends?: number;
}

/** CPU accounting and wait-event sampling over a load's measurement window. */
function probe(serverPid: number | undefined, dbName: string, statsDb: pg.Client) {
  let start: CpuSnapshot | null = null;
  let use: CpuUse | undefined;
  const waits = waitSampler(statsDb);
  return {
    onWindowStart: () => {
      start = cpuSnapshot(serverPid, dbName);
      waits.start();
    },
    onWindowEnd: () => {
      waits.stop();
      use = start ? cpuUse(start, cpuSnapshot(serverPid, dbName)) : undefined;
    },
    finish: async () => ({ cpu: use, waits: await waits.shares() }),
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
    http.request('PUT', `/v1/warehouses/${WAREHOUSE}`, { name: 'Bench warehouse', region: 'eu' }),
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
  statsDb: pg.Client,
  dbName: string,
): Promise<Scenario> {
  const tag = randomBytes(3).toString('hex');
  const line = (sku: string) =>
    settings.explicitWarehouse ? { sku, qty: 1, warehouse: WAREHOUSE } : { sku, qty: 1 };
  log(`${label}: ${settings.clients} clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s`);
  await sleep(1500); // let backends flush their statistics before the snapshot
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
  await sleep(1500);
  const after = await dbStats(statsDb, dbName);
  return {
    key,
    label,
    result,
    perOp: {
      commits: (after.commits - before.commits) / Math.max(1, result.okTotal),
      walBytes: Number(after.walBytes - before.walBytes) / Math.max(1, result.okTotal),
    },
    ...(await watch.finish()),
    otherActiveBackends: others,
  };
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
    server = await startServer({
      databaseUrl: db.url,
      adminKey,
      port: await freePort(),
      nodeArgs: settings.serverNodeArgs,
    });
    log(`server pid ${server.pid} at ${server.baseUrl} (LOG_LEVEL=warn)`);
    http = createHttpClient(server.baseUrl, adminKey, settings.clients, settings.httpClient);
    await setUpCatalogue(http);
    if (settings.primeOrders > 0) await primeOrders(http);

    statsDb = new pg.Client({ connectionString: db.url });
    await statsDb.connect();
    // Fresh statistics and a checkpoint, so autovacuum and checkpoints are less likely mid-run.
    await statsDb.query('vacuum analyze');
    await statsDb.query('checkpoint').catch(() => log('checkpoint skipped (needs superuser)'));

    const scenarios: Scenario[] = [];
    const hot = await reservePhase(
      http,
      server.pid,
      'hot',
      '(a) HTTP reserve, 1 hot SKU',
      () => HOT_SKU,
      statsDb,
      db.name,
    );
    scenarios.push(hot);
    const spread = await reservePhase(
      http,
      server.pid,
      'spread',
      `(b) HTTP reserve, ${settings.skus.toLocaleString('en')} SKUs`,
      () => skuCode(Math.floor(Math.random() * settings.skus)),
      statsDb,
      db.name,
    );
    scenarios.push(spread);

    // Every 201 must be exactly one unit reserved: a cheap check that the numbers are real
    // (the priming orders are on the 10,000 SKUs too).
    const reserved = await statsDb.query<{ hot: string; others: string }>(
      `select coalesce(sum(reserved) filter (where sku = $1), 0) as hot,
              coalesce(sum(reserved) filter (where sku <> $1), 0) as others
       from stock_positions`,
      [HOT_SKU],
    );
    const r = reserved.rows[0]!;
    hot.consistent = {
      expectedReserved: hot.result.okTotal,
      reserved: Number(r.hot),
      ok: Number(r.hot) === hot.result.okTotal,
    };
    spread.consistent = {
      expectedReserved: spread.result.okTotal + settings.primeOrders,
      reserved: Number(r.others),
      ok: Number(r.others) === spread.result.okTotal + settings.primeOrders,
    };

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

    const ratios = {
      hotReserveOverHotUpdate: hot.result.perSecond / updHot.result.perSecond,
      spreadReserveOverOwnRowUpdate: spread.result.perSecond / updOwn.result.perSecond,
      spreadReserveOverHotUpdate: spread.result.perSecond / updHot.result.perSecond,
    };
    const floorMet = hot.result.perSecond >= FLOOR_PER_SECOND;

    const rows = [
      ['scenario', 'ok/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'ok', 'errors', 'commits/op', 'WAL B/op'],
      ...scenarios.map((s) => [
        s.label,
        fmt(s.result.perSecond),
        fmt(s.result.latencyMs.p50, 2),
        fmt(s.result.latencyMs.p90, 2),
        fmt(s.result.latencyMs.p99, 2),
        fmt(s.result.latencyMs.max, 1),
        String(s.result.ok),
        String(Object.values(s.result.errors).reduce((a, b) => a + b, 0)),
        s.perOp ? fmt(s.perOp.commits, 2) : '-',
        s.perOp ? fmt(s.perOp.walBytes, 0) : '-',
      ]),
    ];
    const out: string[] = [
      '',
      `Stockroom reservation benchmark: ${settings.clients} concurrent clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s measured per scenario`,
      `machine: ${info.cpus} CPUs (${info.cpuModel}), ${info.memoryGiB} GiB, ${info.platform}, Node ${info.node}`,
      `database: ${info.postgres.split(' on ')[0]} at ${info.postgresHost}, synchronous_commit=${settings.synchronousCommit ? `${settings.synchronousCommit} (override for this run; server default ${info.synchronousCommit})` : info.synchronousCommit}, fsync=${info.fsync}, wal_sync_method=${info.walSyncMethod}, shared_buffers=${info.sharedBuffers}`,
      `HTTP client: ${settings.httpClient} keep-alive, ${settings.clients} sockets; order lines: ${settings.explicitWarehouse ? 'explicit warehouse' : 'automatic allocation'}; server: child process, LOG_LEVEL=warn, code ${info.commit ?? 'unknown'}`,
      '',
      table(rows),
      '',
      'CPU during the measured window, % of one CPU (machine: % of all CPUs busy)',
      table([
        ['scenario', 'machine', 'bench client', 'server', 'PG backends', 'other', 'other DBs'],
        ...scenarios.map((s) => [
          s.label,
          s.cpu ? `${fmt(s.cpu.machinePercentOfAll, 0)}%` : '-',
          s.cpu ? fmt(s.cpu.benchClient, 0) : '-',
          s.cpu?.server != null ? fmt(s.cpu.server, 0) : '-',
          s.cpu?.postgresBackends != null ? fmt(s.cpu.postgresBackends, 0) : '-',
          s.cpu?.other != null ? fmt(s.cpu.other, 0) : '-',
          `${s.otherActiveBackends ?? '-'} active`,
        ]),
      ]),
      '',
      'Where the benchmark database backends were (pg_stat_activity samples during the window)',
      ...scenarios.map((s) => `  ${s.label.padEnd(36)} ${topWaits(s.waits)}`),
      '',
      `ratio (a)/(c) hot reserve / hot UPDATE:           ${fmt(ratios.hotReserveOverHotUpdate, 3)}`,
      `ratio (b)/(d) spread reserve / own-row UPDATE:    ${fmt(ratios.spreadReserveOverOwnRowUpdate, 3)}`,
      `ratio (b)/(c) spread reserve / hot UPDATE:        ${fmt(ratios.spreadReserveOverHotUpdate, 3)}`,
      `floor: hot SKU ${fmt(hot.result.perSecond)}/s vs ${FLOOR_PER_SECOND}/s -> ${floorMet ? 'MET' : 'NOT MET'}`,
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
      out.push('check: units reserved in the database equal the 201 answers in both HTTP scenarios');
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
      'commits/op: transactions committed per successful order (pg_stat_database, approximate); WAL B/op: exact.',
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
