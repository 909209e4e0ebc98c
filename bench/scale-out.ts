/**
 * Several stateless API processes sharing one PostgreSQL primary (docs/scaling.md): the same
 * order load (POST /v1/orders, one line on a random SKU of BENCH_SKUS) through 1, 2 and 4
 * server processes, and where the time goes as processes are added: server CPU, database
 * CPU, commits and WAL flushes per second, what the backends wait on.
 *
 * The database is a cluster of the benchmark's own (scripts/replica-up.sh, no replica, fsync
 * on, on a free loopback port in a temp folder), never the shared server on 5432. The load
 * generator spreads its clients over the processes round robin, as an L4 balancer with one
 * connection per client would; a separate balancer process would only take CPU from the same
 * two cores.
 *
 * The ceiling, measured in the same run: the same number of clients sending the database a
 * bare autocommit conditional UPDATE on a random row (what one reservation commit costs at
 * the least). Each row is reported as a share of it.
 *
 *   npx tsx bench/scale-out.ts     (BENCH_SECONDS 8, BENCH_WARMUP_SECONDS 2, BENCH_CLIENTS 32,
 *                                   BENCH_SKUS 1000, BENCH_PROCESSES "1,2,4")
 * Results: bench/results/scale-out.json.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { cpuSnapshot, cpuUse } from './cpu.ts';
import { createHttpClient, expectStatus, failureLabel, type HttpClient } from './http-client.ts';
import { closedLoop, mapConcurrent, type LoadResult } from './load.ts';
import { freePort, ROOT, startServer, type ServerProcess } from './server.ts';
import { topWaits, waitSampler } from './waits.ts';

const num = (name: string, fallback: number) => Number(process.env[name] || fallback);
const settings = {
  seconds: num('BENCH_SECONDS', 8),
  warmupSeconds: num('BENCH_WARMUP_SECONDS', 2),
  clients: num('BENCH_CLIENTS', 32),
  skus: num('BENCH_SKUS', 1000),
  processes: (process.env.BENCH_PROCESSES || '1,2,4').split(',').map(Number),
};
const DB_NAME = 'stockroom_scale_out';
const WAREHOUSE = 'WH-SCALE';
const ADMIN_KEY = `sk_admin_scale_out_${Date.now()}`;
const log = (m: string) => console.error(`[scale-out] ${m}`);
let primaryPort = 0;
const urlOf = (db: string) => `postgres://postgres@127.0.0.1:${primaryPort}/${db}`;
const skuCode = (i: number) => `SKU-${String(i).padStart(5, '0')}`;

/** utime + stime of a process, in seconds (Linux /proc). */
function processCpuSeconds(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

interface Row {
  label: string;
  processes: number;
  result: LoadResult;
  ofCeiling: number | null;
  cpu: { machinePercentOfAll: number; serversPercent: number; postgresBackendsPercent: number | null };
  commitsPerSecond: number;
  walSyncsPerSecond: number;
  walRecordsPerCommit: number;
  waits: string;
}

async function measure(
  label: string,
  processes: number,
  stats: pg.Client,
  serverPids: (number | undefined)[],
  op: (worker: number, seq: number) => Promise<string | null>,
): Promise<Omit<Row, 'ofCeiling'>> {
  await sleep(1000); // backends flush their statistics about once a second
  const commits = async () =>
    Number(
      (
        await stats.query<{ n: string }>('select xact_commit as n from pg_stat_database where datname = $1', [
          DB_NAME,
        ])
      ).rows[0]!.n,
    );
  const wal = async () =>
    (
      await stats.query<{ syncs: string; records: string }>(
        'select wal_sync as syncs, wal_records as records from pg_stat_wal',
      )
    ).rows[0]!;
  // The sampler reads pg_stat_activity of the benchmark's database, from a connection to it.
  const sampled = new pg.Client({ connectionString: urlOf(DB_NAME) });
  await sampled.connect();
  const sampler = waitSampler(sampled);
  let cpuA = cpuSnapshot(undefined, DB_NAME);
  let serversA = 0;
  let c0 = 0;
  let w0 = { syncs: '0', records: '0' };
  let windowEnded: Promise<void> = Promise.resolve();
  let cpuB = cpuA;
  let serversB = 0;
  let c1 = 0;
  let w1 = w0;
  const result = await closedLoop({
    workers: settings.clients,
    warmupMs: settings.warmupSeconds * 1000,
    measureMs: settings.seconds * 1000,
    onWindowStart: () => {
      cpuA = cpuSnapshot(undefined, DB_NAME);
      serversA = serverPids.reduce<number>((sum, pid) => sum + processCpuSeconds(pid), 0);
      void commits().then((c) => (c0 = c));
      void wal().then((w) => (w0 = w));
      sampler.start();
    },
    onWindowEnd: () => {
      cpuB = cpuSnapshot(undefined, DB_NAME);
      serversB = serverPids.reduce<number>((sum, pid) => sum + processCpuSeconds(pid), 0);
      sampler.stop();
      windowEnded = Promise.all([commits().then((c) => (c1 = c)), wal().then((w) => (w1 = w))]).then(
        () => {},
      );
    },
    op,
  });
  await windowEnded;
  const waits = await sampler.shares();
  await sampled.end();
  const use = cpuUse(cpuA, cpuB);
  const seconds = (cpuB.at - cpuA.at) / 1000;
  const commitsInWindow = Math.max(1, c1 - c0);
  return {
    label,
    processes,
    result,
    cpu: {
      machinePercentOfAll: use.machinePercentOfAll,
      serversPercent: Math.round(((serversB - serversA) / seconds) * 1000) / 10,
      postgresBackendsPercent: use.postgresBackends,
    },
    // pg_stat_database is flushed about once a second: a rate over the window, roughly.
    commitsPerSecond: Math.round(commitsInWindow / seconds),
    walSyncsPerSecond: Math.round((Number(w1.syncs) - Number(w0.syncs)) / seconds),
    walRecordsPerCommit: Math.round(((Number(w1.records) - Number(w0.records)) / commitsInWindow) * 10) / 10,
    waits: topWaits(waits),
  };
}

async function main() {
  const dir = `/tmp/stockroom-scale-out-${process.pid}`;
  const port = await freePort();
  primaryPort = port;
  log(`starting a PostgreSQL primary of our own on 127.0.0.1:${port} (${dir})`);
  execFileSync(join(ROOT, 'scripts/replica-up.sh'), [dir, String(port), '0'], { stdio: 'inherit' });
  const servers: ServerProcess[] = [];
  const clients: HttpClient[] = [];
  try {
    const adminUrl = `postgres://postgres@127.0.0.1:${port}/postgres`;
    const stats = new pg.Client({ connectionString: adminUrl });
    await stats.connect();
    await stats.query(`create database ${DB_NAME}`);
    const url = `postgres://postgres@127.0.0.1:${port}/${DB_NAME}`;

    const startOne = async () => {
      const s = await startServer({
        databaseUrl: url,
        adminKey: ADMIN_KEY,
        port: await freePort(),
        workers: 1,
      });
      servers.push(s);
      clients.push(createHttpClient(s.baseUrl, ADMIN_KEY, settings.clients));
      log(`server process ${servers.length} up at ${s.baseUrl}`);
    };
    await startOne();
    const http = clients[0]!;
    await expectStatus(
      http.request('PUT', `/v1/warehouses/${WAREHOUSE}`, { name: 'Scale', region: 'eu' }),
      [200, 201],
      'warehouse',
    );
    const skus = Array.from({ length: settings.skus }, (_, i) => skuCode(i));
    await mapConcurrent(skus, 8, async (sku) => {
      await expectStatus(http.request('PUT', `/v1/skus/${sku}`, { name: sku }), [200, 201], sku);
    });
    for (let i = 0; i < skus.length; i += 1000) {
      await expectStatus(
        http.request('POST', '/v1/receipts', {
          warehouse: WAREHOUSE,
          lines: skus.slice(i, i + 1000).map((sku) => ({ sku, qty: 1_000_000 })),
        }),
        [201],
        'receipt',
      );
    }
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query('analyze');
    await db.query('create table ceiling (id int primary key, n bigint not null)');
    await db.query('insert into ceiling select g, 1000000000 from generate_series(0, $1) g', [settings.skus]);
    await db.end();
    log(`catalogue ready: ${settings.skus} SKUs`);

    const rows: Omit<Row, 'ofCeiling'>[] = [];
    // The ceiling: the database alone, one conditional UPDATE per commit, same clients.
    const conns = await Promise.all(
      Array.from({ length: settings.clients }, async () => {
        const c = new pg.Client({ connectionString: url });
        await c.connect();
        return c;
      }),
    );
    log('ceiling: bare conditional UPDATE per commit');
    rows.push(
      await measure('ceiling: bare UPDATE ... WHERE n >= 1 (autocommit)', 0, stats, [], async (w) => {
        const id = Math.floor(Math.random() * settings.skus);
        const r = await conns[w]!.query('update ceiling set n = n - 1 where id = $1 and n >= 1', [id]);
        return r.rowCount === 1 ? null : 'no row';
      }),
    );
    await Promise.all(conns.map((c) => c.end()));

    let tag = 0;
    for (const n of settings.processes) {
      while (servers.length < n) await startOne();
      const t = ++tag;
      log(
        `${n} process(es): ${settings.clients} clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s`,
      );
      rows.push(
        await measure(
          `${n} API process${n > 1 ? 'es' : ''}`,
          n,
          stats,
          servers.slice(0, n).map((s) => s.pid),
          async (w, seq) => {
            const res = await clients[w % n]!.request('POST', '/v1/orders', {
              orderId: `so-${t}-${w}-${seq}`,
              lines: [{ sku: skuCode(Math.floor(Math.random() * settings.skus)), qty: 1 }],
            });
            return res.status === 201 ? null : failureLabel(res);
          },
        ),
      );
    }
    await stats.end();
    const ceiling = rows[0]!.result.perSecond;
    const table = rows.map((r) => ({
      ...r,
      ofCeiling: Math.round((r.result.perSecond / ceiling) * 1000) / 1000,
    }));
    const load = os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench/results/scale-out.json'),
      JSON.stringify(
        { at: new Date().toISOString(), cpus: os.cpus().length, loadAverage: load, settings, rows: table },
        null,
        2,
      ),
    );
    console.log(`\n${os.cpus().length} CPUs, load average at the end ${load} (the machine is shared)\n`);
    console.log(
      '| run | orders/s | of ceiling | p50 ms | p99 ms | errors | servers CPU % | PG backends CPU % | machine % | commits/s | WAL syncs/s | WAL records/commit | top waits |',
    );
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const r of table) {
      const errors = Object.values(r.result.errors).reduce((a, b) => a + b, 0);
      console.log(
        `| ${r.label} | ${Math.round(r.result.perSecond)} | ${r.ofCeiling} | ${r.result.latencyMs.p50.toFixed(1)} | ${r.result.latencyMs.p99.toFixed(1)} | ${errors} | ${r.cpu.serversPercent} | ${r.cpu.postgresBackendsPercent ?? '-'} | ${r.cpu.machinePercentOfAll} | ${r.commitsPerSecond} | ${r.walSyncsPerSecond} | ${r.walRecordsPerCommit} | ${r.waits} |`,
      );
    }
  } finally {
    for (const c of clients) c.close();
    for (const s of servers) await s.stop();
    execFileSync(join(ROOT, 'scripts/replica-up.sh'), ['stop', dir], { stdio: 'inherit' });
  }
}

await main();
