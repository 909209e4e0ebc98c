/**
 * Availability answers through HTTP against PostgreSQL (`npm run bench`, after the reservation
 * benchmark; alone: `npx tsx bench/availability.ts`).
 *
 *   (a) POST /v1/availability with BENCH_AVAILABILITY_BATCH (1,000) random SKUs per request
 *   (b) GET /v1/availability/{sku}?region=, one random SKU per request
 *
 * Both ask for a region, so that every answer works out delivery days per warehouse. The
 * catalogue: BENCH_SKUS (10,000) SKUs with stock in three warehouses (LON, AMS, NYC, with
 * coordinates: delivery days by distance), some units reserved, so answers are not trivial.
 * Closed loop with a warmup and a measured window per scenario, on a throwaway database that
 * is dropped at the end; the server runs as a child process, as in bench/reserve.ts.
 *
 * Environment: BENCH_DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_SKUS (10000), BENCH_AVAILABILITY_BATCH (1000),
 * BENCH_BATCH_CLIENTS (8: concurrent clients of (a), each request is large), BENCH_CLIENTS (64:
 * concurrent clients of (b)), BENCH_HTTP_CLIENT (node:http | fetch).
 * Results: bench/results/availability-latest.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { cpuCells, cpuWindow, type CpuUse } from './cpu.ts';
import { formatTargets, rateTarget, type MeasuredPhase } from './targets.ts';
import { createHttpClient, expectStatus, failureLabel, type HttpClient } from './http-client.ts';
import { closedLoop, mapConcurrent, type LoadResult } from './load.ts';
import { freePort, ROOT, startServer, type ServerProcess } from './server.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL, type ThrowawayDatabase } from './throwaway-db.ts';

const RECEIPT_LINES = 1000;
const REGION = 'uk';

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0)
    throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return value;
}

const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  seconds: numberFromEnv('BENCH_SECONDS', 10),
  warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 2),
  skus: numberFromEnv('BENCH_SKUS', 10_000),
  batch: numberFromEnv('BENCH_AVAILABILITY_BATCH', 1000),
  batchClients: numberFromEnv('BENCH_BATCH_CLIENTS', 8),
  clients: numberFromEnv('BENCH_CLIENTS', 64),
  httpClient: process.env.BENCH_HTTP_CLIENT === 'fetch' ? ('fetch' as const) : ('node:http' as const),
};

const WAREHOUSES = [
  { code: 'LON', name: 'London', region: 'uk', lat: 51.5072, lon: -0.1276, priority: 2 },
  { code: 'AMS', name: 'Amsterdam', region: 'eu', lat: 52.3676, lon: 4.9041, priority: 1 },
  { code: 'NYC', name: 'New York', region: 'na', lat: 40.7128, lon: -74.006, priority: 0 },
];
const REGIONS = [
  { code: 'uk', name: 'United Kingdom', lat: 52.4862, lon: -1.8904, countries: ['GB'] },
  { code: 'eu', name: 'Europe', lat: 50.1109, lon: 8.6821, countries: ['DE', 'FR', 'NL'] },
  { code: 'na', name: 'North America', lat: 40.7128, lon: -74.006, countries: ['US', 'CA'] },
];

const skuCode = (i: number) => `AV-${String(i).padStart(5, '0')}`;
const randomSku = () => skuCode(Math.floor(Math.random() * settings.skus));
const log = (message: string) => console.error(`[bench] ${message}`);

/** `n` distinct random SKUs (a partial Fisher-Yates shuffle of the catalogue). */
function randomSkus(n: number, all: string[]): string[] {
  const count = Math.min(n, all.length);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(Math.random() * (all.length - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, count);
}

async function setUp(http: HttpClient) {
  const started = Date.now();
  for (const { code, ...body } of REGIONS) {
    await expectStatus(http.request('PUT', `/v1/regions/${code}`, body), [200, 201], `region ${code}`);
  }
  for (const { code, ...body } of WAREHOUSES) {
    await expectStatus(http.request('PUT', `/v1/warehouses/${code}`, body), [200, 201], `warehouse ${code}`);
  }
  const skus = Array.from({ length: settings.skus }, (_, i) => skuCode(i));
  await mapConcurrent(skus, 32, async (sku) => {
    await expectStatus(
      http.request('PUT', `/v1/skus/${sku}`, { name: `Bench ${sku}`, price: 4.99 }),
      [200, 201],
      `SKU ${sku}`,
    );
  });
  // Stock in every warehouse, differing by SKU; a tenth of the SKUs absent from NYC.
  const receipts: { warehouse: string; lines: { sku: string; qty: number }[] }[] = [];
  for (const [w, { code }] of WAREHOUSES.entries()) {
    const lines = skus
      .map((sku, i) => ({ sku, qty: ((i * 7 + w * 13) % 50) + 1 }))
      .filter((_, i) => code !== 'NYC' || i % 10 !== 0);
    for (let i = 0; i < lines.length; i += RECEIPT_LINES) {
      receipts.push({ warehouse: code, lines: lines.slice(i, i + RECEIPT_LINES) });
    }
  }
  await mapConcurrent(receipts, 4, async (r, n) => {
    await expectStatus(
      http.request('POST', '/v1/receipts', { ...r, reference: `bench availability ${n}` }),
      [201],
      `receipt ${n}`,
    );
  });
  // Some reservations, so that sellable differs from onHand.
  const tag = randomBytes(3).toString('hex');
  await mapConcurrent(
    Array.from({ length: 500 }, (_, i) => i),
    16,
    async (i) => {
      await expectStatus(
        http.request('POST', '/v1/orders', {
          orderId: `bench-av-${tag}-${i}`,
          region: REGION,
          lines: [{ sku: skuCode((i * 37) % settings.skus), qty: 1 }],
        }),
        [201],
        `order ${i}`,
      );
    },
  );
  log(
    `catalogue ready: ${WAREHOUSES.length} warehouses, ${settings.skus.toLocaleString('en')} SKUs, 500 orders (${Date.now() - started} ms)`,
  );
}

interface Scenario {
  key: string;
  label: string;
  /** SKUs answered per successful request. */
  skusPerRequest: number;
  clients: number;
  result: LoadResult;
  cpu?: CpuUse | undefined;
}

async function measure(
  key: string,
  label: string,
  clients: number,
  skusPerRequest: number,
  serverPid: number | undefined,
  dbName: string,
  op: () => Promise<string | null>,
): Promise<Scenario> {
  log(`${label}: ${clients} clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s`);
  const cpu = cpuWindow(serverPid, dbName);
  const result = await closedLoop({
    workers: clients,
    warmupMs: settings.warmupSeconds * 1000,
    measureMs: settings.seconds * 1000,
    onWindowStart: cpu.onWindowStart,
    onWindowEnd: cpu.onWindowEnd,
    op,
  });
  return { key, label, skusPerRequest, clients, result, cpu: cpu.use() };
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const line = (r: string[]) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}

async function main() {
  log(`${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}`);
  let db: ThrowawayDatabase | null = null;
  let server: ServerProcess | null = null;
  let http: HttpClient | null = null;
  let cleaning: Promise<void> | null = null;
  const cleanup = () =>
    (cleaning ??= (async () => {
      http?.close();
      await server?.stop().catch((err: unknown) => log(`stopping the server failed: ${String(err)}`));
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
    const adminKey = `sr_bench_${randomBytes(18).toString('base64url')}`;
    server = await startServer({ databaseUrl: db.url, adminKey, port: await freePort() });
    log(`server pid ${server.pid} at ${server.baseUrl} (LOG_LEVEL=warn)`);
    http = createHttpClient(
      server.baseUrl,
      adminKey,
      Math.max(settings.clients, settings.batchClients),
      settings.httpClient,
    );
    await setUp(http);
    const client = http;
    const all = Array.from({ length: settings.skus }, (_, i) => skuCode(i));

    const scenarios: Scenario[] = [];
    scenarios.push(
      await measure(
        'batch',
        `(a) POST /v1/availability, ${settings.batch.toLocaleString('en')} SKUs`,
        settings.batchClients,
        Math.min(settings.batch, settings.skus),
        server.pid,
        db.name,
        async () => {
          const skus = randomSkus(settings.batch, [...all]);
          const res = await client.request('POST', '/v1/availability', { skus, region: REGION });
          if (res.status !== 200) return failureLabel(res);
          const items = (JSON.parse(res.text) as { items: unknown[] }).items;
          return items.length === skus.length ? null : `answered ${items.length} of ${skus.length}`;
        },
      ),
    );
    scenarios.push(
      await measure(
        'single',
        '(b) GET /v1/availability/{sku}?region=',
        settings.clients,
        1,
        server.pid,
        db.name,
        async () => {
          const res = await client.request('GET', `/v1/availability/${randomSku()}?region=${REGION}`);
          return res.status === 200 ? null : failureLabel(res);
        },
      ),
    );

    http.close();
    await server.stop();
    const serverLog = server.logLines().filter((l) => l.startsWith('{'));
    server = null;

    const out = [
      '',
      `Stockroom availability benchmark: ${settings.warmupSeconds} s warmup + ${settings.seconds} s measured per scenario, region ${REGION}, ${settings.skus.toLocaleString('en')} SKUs in ${WAREHOUSES.length} warehouses`,
      `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; PostgreSQL at ${new URL(settings.adminUrl).host}; HTTP client ${settings.httpClient} keep-alive`,
      '',
      table([
        ['scenario', 'clients', 'requests/s', 'SKUs/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'errors'],
        ...scenarios.map((s) => [
          s.label,
          String(s.clients),
          fmt(s.result.perSecond),
          fmt(s.result.perSecond * s.skusPerRequest, 0),
          fmt(s.result.latencyMs.p50, 2),
          fmt(s.result.latencyMs.p90, 2),
          fmt(s.result.latencyMs.p99, 2),
          fmt(s.result.latencyMs.max, 1),
          String(Object.values(s.result.errors).reduce((a, b) => a + b, 0)),
        ]),
      ]),
      '',
      'CPU during the measured window, % of one CPU',
      table([
        ['scenario', 'machine (% of all)', 'bench client', 'server', 'PG backends', 'other'],
        ...scenarios.map((s) => [s.label, ...cpuCells(s.cpu)]),
      ]),
    ];
    // Issue 15's target for batches is in answers (SKUs) a second; the single GET's, as a share
    // of the HTTP ceiling, is judged by bench/reserve.ts, which measures the ceiling.
    const batch = scenarios.find((s) => s.key === 'batch');
    if (batch) {
      const answers: MeasuredPhase = {
        label: batch.label,
        perSecond: batch.result.perSecond * batch.skusPerRequest,
        p50Ms: batch.result.latencyMs.p50,
        p99Ms: batch.result.latencyMs.p99,
        maxMs: batch.result.latencyMs.max,
        cpu: batch.cpu,
      };
      out.push(
        '',
        "Issue 15's target for batch reads",
        ...formatTargets([
          rateTarget('(a) batch availability >= 40,000 SKU answers/s', answers, 40_000, os.cpus().length),
        ]),
      );
    }
    for (const s of scenarios) {
      const errors = Object.entries(s.result.errors);
      if (errors.length > 0)
        out.push(`errors in ${s.label}: ${errors.map(([k, v]) => `${k} x${v}`).join(', ')}`);
      if (s.cpu?.other != null && s.cpu.other > 50) {
        out.push(
          `WARNING ${s.label}: other processes used ${fmt(s.cpu.other, 0)}% of a CPU during the window; ` +
            'the figures understate this machine.',
        );
      }
    }
    if (serverLog.length > 0) out.push(`server logged ${serverLog.length} warning/error line(s)`);
    console.log(out.join('\n'));

    const resultsDir = join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, 'availability-latest.json');
    const json = {
      at: new Date().toISOString(),
      settings: { ...settings, adminUrl: undefined, region: REGION },
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? 'unknown', node: process.version },
      scenarios: Object.fromEntries(
        scenarios.map((s) => [
          s.key,
          {
            label: s.label,
            clients: s.clients,
            requestsPerSecond: s.result.perSecond,
            skusPerSecond: s.result.perSecond * s.skusPerRequest,
            ...s.result,
            cpu: s.cpu,
          },
        ]),
      ),
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
