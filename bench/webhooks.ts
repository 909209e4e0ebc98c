/**
 * Webhooks under load (`npm run bench`, after the reservation and availability benchmarks;
 * alone: `npx tsx bench/webhooks.ts`).
 *
 *   (a) POST /v1/orders on random SKUs of BENCH_SKUS (10,000): the spread scenario of
 *       bench/reserve.ts, with no webhook subscribers
 *   (b) the same with 10 subscribers of `order.reserved`: 9 receivers in this process that
 *       answer 200 at once and record when each event arrived, 1 that always answers 500
 *
 * Reported: orders/s of both and their ratio; the delay from commit to receipt for every
 * order.reserved event the 9 healthy receivers got, p50/p99/max, taking as the commit time the
 * moment the client had the order's 201 (the answer is sent after the commit; the event's `at`
 * is taken before it, inside the transaction, so delays measured from `at` also shown are a
 * little longer); how long the backlog took to drain after the load stopped; and the same delay
 * with no backlog (BENCH_PROBE_ORDERS orders one at a time, BENCH_PROBE_GAP_MS apart), with
 * the failing subscriber present and after it was deleted, to show that its retries do not
 * hold up the others. The server runs with its default webhook settings (sequencer every
 * 100 ms, worker every STOCKROOM_WEBHOOK_INTERVAL_MS = 500 ms, 8 requests in flight).
 *
 * Environment: BENCH_DATABASE_URL (admin connection; default postgres://postgres@127.0.0.1:5432/postgres),
 * BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CLIENTS (64), BENCH_SKUS (10000),
 * BENCH_PRIME_ORDERS (1000), BENCH_DRAIN_SECONDS (300: longest wait for the receivers to catch
 * up), BENCH_PROBE_ORDERS (40), BENCH_PROBE_GAP_MS (250). Results: bench/results/webhooks-latest.json.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { cpuWindow, type CpuUse } from './cpu.ts';
import { createHttpClient, expectStatus, failureLabel, type HttpClient } from './http-client.ts';
import { closedLoop, mapConcurrent, percentile, type LoadResult } from './load.ts';
import { freePort, ROOT, startServer, type ServerProcess } from './server.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL, type ThrowawayDatabase } from './throwaway-db.ts';

const WAREHOUSE = 'WH-BENCH';
const UNITS_PER_SKU = 1_000_000;
const RECEIPT_LINES = 1000;
const HEALTHY_RECEIVERS = 9;

function numberFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a number >= 0, got "${raw}"`);
  return value;
}

const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  seconds: numberFromEnv('BENCH_SECONDS', 10),
  warmupSeconds: numberFromEnv('BENCH_WARMUP_SECONDS', 2),
  clients: numberFromEnv('BENCH_CLIENTS', 64),
  skus: numberFromEnv('BENCH_SKUS', 10_000),
  primeOrders: numberFromEnv('BENCH_PRIME_ORDERS', 1000),
  drainSeconds: numberFromEnv('BENCH_DRAIN_SECONDS', 300),
  probeOrders: numberFromEnv('BENCH_PROBE_ORDERS', 40),
  probeGapMs: numberFromEnv('BENCH_PROBE_GAP_MS', 250),
};

const skuCode = (i: number) => `SKU-${String(i).padStart(5, '0')}`;
const log = (message: string) => console.error(`[bench] ${message}`);
/** Wall-clock milliseconds with sub-millisecond resolution, comparable with the server's clock. */
const nowMs = () => performance.timeOrigin + performance.now();

interface Receipt {
  at: number;
  orderId: string;
  eventAt: number;
}

/** A local receiver: records the first receipt of each event id (and counts repeats), or always fails. */
interface Receiver {
  name: string;
  url: string;
  failing: boolean;
  received: Map<string, Receipt>;
  requests: number;
  duplicates: number;
  close: () => Promise<void>;
}

async function startReceiver(name: string, failing: boolean): Promise<Receiver> {
  const received = new Map<string, Receipt>();
  const r: Omit<Receiver, 'url' | 'close'> = { name, failing, received, requests: 0, duplicates: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const at = nowMs();
      r.requests++;
      if (failing) {
        res.writeHead(500, { 'content-type': 'text/plain' }).end('failing on purpose');
        return;
      }
      const id = String(req.headers['stockroom-event-id'] ?? '');
      if (received.has(id)) r.duplicates++;
      else {
        const event = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          at: string;
          data: { orderId?: string };
        };
        received.set(id, { at, orderId: event.data.orderId ?? '', eventAt: Date.parse(event.at) });
      }
      res.writeHead(200).end();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    ...r,
    get requests() {
      return r.requests;
    },
    get duplicates() {
      return r.duplicates;
    },
    url: `http://127.0.0.1:${port}/${name}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Delays {
  n: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
}

function delays(values: number[]): Delays {
  const sorted = Float64Array.from(values).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p90: percentile(sorted, 90),
    p99: percentile(sorted, 99),
    max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
  };
}

/** Commit (201 at the client) to receipt, and event `at` to receipt, over the healthy receivers. */
function commitToReceipt(receivers: Receiver[], committed: Map<string, number>) {
  const fromCommit: number[] = [];
  const fromAt: number[] = [];
  let missing = 0;
  for (const r of receivers) {
    if (r.failing) continue;
    const byOrder = new Map([...r.received.values()].map((x) => [x.orderId, x]));
    for (const [orderId, commitAt] of committed) {
      const got = byOrder.get(orderId);
      if (!got) {
        missing++;
        continue;
      }
      fromCommit.push(got.at - commitAt);
      fromAt.push(got.at - got.eventAt);
    }
  }
  return { fromCommit: delays(fromCommit), fromAt: delays(fromAt), missing };
}

async function setUpCatalogue(http: HttpClient) {
  await expectStatus(
    http.request('PUT', `/v1/warehouses/${WAREHOUSE}`, { name: 'Bench warehouse', region: 'eu' }),
    [200, 201],
    'create warehouse',
  );
  const skus = Array.from({ length: settings.skus }, (_, i) => skuCode(i));
  await mapConcurrent(skus, settings.clients, async (sku) => {
    await expectStatus(
      http.request('PUT', `/v1/skus/${sku}`, { name: `Bench ${sku}`, price: 9.99 }),
      [200, 201],
      `create SKU ${sku}`,
    );
  });
  const batches: string[][] = [];
  for (let i = 0; i < skus.length; i += RECEIPT_LINES) batches.push(skus.slice(i, i + RECEIPT_LINES));
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
}

const randomSku = () => skuCode(Math.floor(Math.random() * settings.skus));

interface Phase {
  result: LoadResult;
  /** orderId -> wall-clock ms when its 201 reached the client (every 201, warmup included). */
  committed: Map<string, number>;
  cpu: CpuUse | undefined;
  endedAt: number;
}

async function placementPhase(http: HttpClient, serverPid: number | undefined, dbName: string, key: string) {
  const tag = randomBytes(3).toString('hex');
  const committed = new Map<string, number>();
  const cpu = cpuWindow(serverPid, dbName);
  const result = await closedLoop({
    workers: settings.clients,
    warmupMs: settings.warmupSeconds * 1000,
    measureMs: settings.seconds * 1000,
    onWindowStart: cpu.onWindowStart,
    onWindowEnd: cpu.onWindowEnd,
    op: async (w, seq) => {
      const orderId = `bench-${key}-${tag}-${w}-${seq}`;
      const res = await http.request('POST', '/v1/orders', {
        orderId,
        lines: [{ sku: randomSku(), qty: 1 }],
      });
      if (res.status !== 201) return failureLabel(res);
      committed.set(orderId, nowMs());
      return null;
    },
  });
  return { result, committed, cpu: cpu.use(), endedAt: nowMs() } satisfies Phase;
}

/** Waits until every healthy receiver has every order in `committed`; resolves with the ms it took. */
async function drain(receivers: Receiver[], committed: Map<string, number>, from: number) {
  const deadline = Date.now() + settings.drainSeconds * 1000;
  for (;;) {
    const behind = receivers
      .filter((r) => !r.failing)
      .map((r) => committed.size - [...r.received.values()].filter((x) => committed.has(x.orderId)).length);
    if (behind.every((n) => n <= 0)) return { ms: nowMs() - from, behind: 0 };
    if (Date.now() > deadline) return { ms: NaN, behind: Math.max(...behind) };
    await sleep(50);
  }
}

/** Orders one at a time, spaced out: the delay without a backlog, where poll intervals show. */
async function probe(http: HttpClient, receivers: Receiver[], key: string) {
  const committed = new Map<string, number>();
  for (let i = 0; i < settings.probeOrders; i++) {
    const orderId = `probe-${key}-${i}`;
    await expectStatus(
      http.request('POST', '/v1/orders', { orderId, lines: [{ sku: randomSku(), qty: 1 }] }),
      [201],
      `probe order ${orderId}`,
    );
    committed.set(orderId, nowMs());
    await sleep(settings.probeGapMs * (0.5 + Math.random()));
  }
  await drain(receivers, committed, nowMs());
  return commitToReceipt(receivers, committed).fromCommit;
}

const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : '-');

async function main() {
  let db: ThrowawayDatabase | null = null;
  let server: ServerProcess | null = null;
  let http: HttpClient | null = null;
  const receivers: Receiver[] = [];
  const cleanup = async () => {
    http?.close();
    await server?.stop().catch((err: unknown) => log(`stopping the server failed: ${String(err)}`));
    await Promise.all(receivers.map((r) => r.close()));
    await db?.drop().catch((err: unknown) => log(`dropping ${db?.name} failed: ${String(err)}`));
  };
  const interrupted = () => {
    log('interrupted: cleaning up');
    void cleanup().then(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  const loadBefore = os.loadavg();
  try {
    db = await createThrowawayDatabase(settings.adminUrl);
    log(`throwaway database ${db.name}`);
    const adminKey = `sr_bench_${randomBytes(18).toString('base64url')}`;
    server = await startServer({ databaseUrl: db.url, adminKey, port: await freePort() });
    log(`server pid ${server.pid} at ${server.baseUrl} (LOG_LEVEL=warn, default webhook settings)`);
    http = createHttpClient(server.baseUrl, adminKey, settings.clients);
    await setUpCatalogue(http);
    if (settings.primeOrders > 0) {
      await mapConcurrent(
        Array.from({ length: settings.primeOrders }, (_, i) => i),
        settings.clients,
        async (i) => {
          await expectStatus(
            http!.request('POST', '/v1/orders', {
              orderId: `prime-${i}`,
              lines: [{ sku: randomSku(), qty: 1 }],
            }),
            [201],
            'priming order',
          );
        },
      );
    }
    log(`catalogue ready: ${settings.skus} SKUs, ${settings.primeOrders} priming orders`);

    log(
      `(a) no subscribers: ${settings.clients} clients, ${settings.warmupSeconds} s + ${settings.seconds} s`,
    );
    await sleep(1000);
    const without = await placementPhase(http, server.pid, db.name, 'plain');

    for (let i = 0; i < HEALTHY_RECEIVERS; i++) receivers.push(await startReceiver(`ok${i + 1}`, false));
    receivers.push(await startReceiver('failing', true));
    const hookIds = new Map<Receiver, string>();
    for (const r of receivers) {
      const res = await expectStatus(
        http.request('POST', '/v1/webhooks', {
          url: r.url,
          eventTypes: ['order.reserved'],
          description: r.name,
        }),
        [201],
        `subscribe ${r.name}`,
      );
      hookIds.set(r, (JSON.parse(res.text) as { webhookId: string }).webhookId);
    }
    log(`10 webhooks for order.reserved (9 answering 200, 1 answering 500)`);
    await sleep(1000);

    log(
      `(b) 10 subscribers: ${settings.clients} clients, ${settings.warmupSeconds} s + ${settings.seconds} s`,
    );
    const withHooks = await placementPhase(http, server.pid, db.name, 'hooks');
    log(`load stopped; waiting for the 9 healthy receivers to catch up (up to ${settings.drainSeconds} s)`);
    const drained = await drain(receivers, withHooks.committed, withHooks.endedAt);
    const loaded = commitToReceipt(receivers, withHooks.committed);
    const failing = receivers.find((r) => r.failing)!;
    const hooksAfter = JSON.parse((await http.request('GET', '/v1/webhooks?limit=100')).text) as {
      items: { description: string; pending: number; deadLetters: number }[];
    };

    log(`probe: ${settings.probeOrders} orders one at a time, the failing subscriber still there`);
    const idleWithFailing = await probe(http, receivers, 'with-failing');
    await expectStatus(http.request('DELETE', `/v1/webhooks/${hookIds.get(failing)}`), [200], 'unsubscribe');
    log(`probe: the same after deleting the failing subscriber`);
    const idleWithoutFailing = await probe(http, receivers, 'without-failing');
    const loadAfter = os.loadavg();

    const ratio = withHooks.result.perSecond / without.result.perSecond;
    const healthy = receivers.filter((r) => !r.failing);
    const dup = healthy.reduce((n, r) => n + r.duplicates, 0);
    const row = (label: string, p: Phase) => [
      label,
      fmt(p.result.perSecond),
      fmt(p.result.latencyMs.p50, 2),
      fmt(p.result.latencyMs.p99, 2),
      String(Object.values(p.result.errors).reduce((a, b) => a + b, 0)),
      p.cpu ? `${fmt(p.cpu.machinePercentOfAll, 0)}%` : '-',
      p.cpu?.server != null ? fmt(p.cpu.server, 0) : '-',
      p.cpu?.postgresBackends != null ? fmt(p.cpu.postgresBackends, 0) : '-',
      p.cpu ? fmt(p.cpu.benchClient, 0) : '-',
      p.cpu?.other != null ? fmt(p.cpu.other, 0) : '-',
    ];
    const header = [
      'scenario',
      'orders/s',
      'p50 ms',
      'p99 ms',
      'errors',
      'machine',
      'server',
      'PG',
      'bench',
      'other',
    ];
    const rows = [header, row('(a) no subscribers', without), row('(b) 10 subscribers', withHooks)];
    const widths = header.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
    const line = (r: string[]) =>
      r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
    const d = (x: Delays) =>
      `p50 ${fmt(x.p50, 0)} ms, p90 ${fmt(x.p90, 0)} ms, p99 ${fmt(x.p99, 0)} ms, max ${fmt(x.max, 0)} ms (n=${x.n})`;
    const out = [
      '',
      `Stockroom webhook benchmark: ${settings.clients} clients, ${settings.warmupSeconds} s warmup + ${settings.seconds} s, orders on ${settings.skus} SKUs`,
      `machine: ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? '?'}), load average before ${loadBefore.map((n) => n.toFixed(2)).join(' ')}, after ${loadAfter.map((n) => n.toFixed(2)).join(' ')}`,
      'server: default webhook settings (sequencer 100 ms, worker interval 500 ms, 8 in flight, timeout 5 s)',
      '',
      line(rows[0]!),
      widths.map((w) => '-'.repeat(w)).join('  '),
      ...rows.slice(1).map(line),
      '(CPU columns: % of one CPU during the measured window; machine: % of all CPUs busy)',
      '',
      `ratio (b)/(a): ${fmt(ratio, 3)}`,
      `commit (201 at the client) -> receipt, under load, all ${withHooks.committed.size} orders x 9 receivers: ${d(loaded.fromCommit)}`,
      `event at -> receipt, the same:                                           ${d(loaded.fromAt)}`,
      `backlog drained ${fmt(drained.ms / 1000, 1)} s after the load stopped${drained.behind > 0 ? ` (NOT drained: ${drained.behind} behind)` : ''}; missing ${loaded.missing}, duplicates ${dup}`,
      `failing subscriber: ${failing.requests} attempts answered 500; pending after the load: ${hooksAfter.items.map((h) => `${h.description} ${h.pending}`).join(', ')}`,
      `no backlog, failing subscriber present:  ${d(idleWithFailing)}`,
      `no backlog, failing subscriber deleted:  ${d(idleWithoutFailing)}`,
    ];
    for (const p of [without, withHooks]) {
      if (p.cpu?.other != null && p.cpu.other > 50)
        out.push(
          `WARNING: other processes used ${fmt(p.cpu.other, 0)}% of a CPU during a window; rerun on a quiet machine.`,
        );
    }
    console.log(out.join('\n'));
    const resultsDir = join(ROOT, 'bench', 'results');
    mkdirSync(resultsDir, { recursive: true });
    const file = join(resultsDir, 'webhooks-latest.json');
    writeFileSync(
      file,
      `${JSON.stringify(
        {
          at: new Date().toISOString(),
          settings: { ...settings, adminUrl: undefined },
          machine: { cpus: os.cpus().length, loadBefore, loadAfter, node: process.version },
          withoutSubscribers: { ...without.result, cpu: without.cpu },
          withSubscribers: { ...withHooks.result, cpu: withHooks.cpu },
          ratio,
          commitToReceiptMs: loaded.fromCommit,
          eventAtToReceiptMs: loaded.fromAt,
          drainMs: drained.ms,
          missing: loaded.missing,
          duplicates: dup,
          failingAttempts: failing.requests,
          noBacklogWithFailingMs: idleWithFailing,
          noBacklogWithoutFailingMs: idleWithoutFailing,
          serverLog: server
            .logLines()
            .filter((l) => l.startsWith('{'))
            .slice(0, 50),
        },
        null,
        2,
      )}\n`,
    );
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
