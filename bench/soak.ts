/**
 * Soak: mixed traffic at a steady rate against PostgreSQL, with one webhook subscriber of every
 * event, reporting how the database grows and how latency moves, minute by minute
 * (`npx tsx bench/soak.ts`). A benchmark, never a test: the machine is shared, so the figures
 * are indicative; compare runs made one after the other.
 *
 * Traffic (open loop, SOAK_RATE operations a second): place an order (40%), confirm one (15%),
 * ship one (15%), cancel one (10%), receive goods (20%); every request carries an
 * Idempotency-Key. The server runs as a child process on a throwaway database, with a short
 * retention window for the run (SOAK_EVENT_RETENTION, SOAK_IDEMPOTENCY_TTL, pruning every
 * SOAK_RETENTION_INTERVAL); SOAK_RETENTION=off runs the same without pruning, for comparison.
 *
 * PostgreSQL on these machines runs with autovacuum off, so space freed by pruning would never
 * be reused; with SOAK_VACUUM=1 (the default) the soak runs a plain VACUUM (what autovacuum
 * does in production) on the pruned tables once a minute, in both modes alike.
 *
 * Environment: BENCH_DATABASE_URL (admin connection), SOAK_RATE (150), SOAK_MINUTES (4),
 * SOAK_RETENTION (on | off), SOAK_EVENT_RETENTION (1m), SOAK_IDEMPOTENCY_TTL (1m),
 * SOAK_RETENTION_INTERVAL (10s), SOAK_VACUUM (1), SOAK_SKUS (200), SOAK_SOCKETS (32),
 * SOAK_WEBHOOK_TYPES (order.shipped; `*` for every event: one subscriber's deliveries are made
 * one at a time, in order, so a subscriber of everything falls behind at high rates, and the
 * events it has not received yet are rightly kept).
 * Results also go to bench/results/soak-<mode>.json.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { createHttpClient } from './http-client.ts';
import { freePort, ROOT, startServer } from './server.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL } from './throwaway-db.ts';

const env = process.env;
const settings = {
  adminUrl: env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  rate: Number(env.SOAK_RATE || 150),
  minutes: Number(env.SOAK_MINUTES || 4),
  retention: (env.SOAK_RETENTION || 'on') !== 'off',
  eventRetention: env.SOAK_EVENT_RETENTION || '1m',
  idempotencyTtl: env.SOAK_IDEMPOTENCY_TTL || '1m',
  interval: env.SOAK_RETENTION_INTERVAL || '10s',
  vacuum: (env.SOAK_VACUUM || '1') !== '0',
  skus: Number(env.SOAK_SKUS || 200),
  sockets: Number(env.SOAK_SOCKETS || 32),
  webhookTypes: (env.SOAK_WEBHOOK_TYPES || 'order.shipped').split(','),
};

/** The tables whose growth matters; movements is summed over its partitions. */
const TABLES = [
  'events',
  'webhook_deliveries',
  'webhook_attempts',
  'idempotency_keys',
  'movements',
  'orders',
  'order_lines',
  'order_allocations',
  'stock_positions',
] as const;
const PRUNED = ['events', 'webhook_deliveries', 'webhook_attempts', 'idempotency_keys'];

type Op = 'order' | 'confirm' | 'ship' | 'cancel' | 'receipt';
const MIX: [Op, number][] = [
  ['order', 0.4],
  ['confirm', 0.15],
  ['ship', 0.15],
  ['cancel', 0.1],
  ['receipt', 0.2],
];

async function startReceiver() {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    received: () => received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;

interface Minute {
  minute: number;
  ops: number;
  errors: number;
  /** What the errors were: an HTTP status, or the client's error code (a reset, a timeout). */
  errorKinds: Record<string, number>;
  p50Ms: number;
  p99Ms: number;
  databaseMb: number;
  growthMb: number;
  tablesMb: Record<string, number>;
  rows: Record<string, number>;
}

async function measure(db: pg.Client) {
  const tablesMb: Record<string, number> = {};
  const rows: Record<string, number> = {};
  for (const t of TABLES) {
    const size = await db.query<{ bytes: string }>(
      t === 'movements'
        ? `select coalesce(sum(pg_total_relation_size(inhrelid)), 0) + pg_total_relation_size('movements') as bytes
           from pg_inherits where inhparent = 'movements'::regclass`
        : `select pg_total_relation_size($1::regclass) as bytes`,
      t === 'movements' ? [] : [t],
    );
    tablesMb[t] = Math.round((Number(size.rows[0]!.bytes) / 1048576) * 100) / 100;
    rows[t] = Number((await db.query<{ n: string }>(`select count(*) as n from ${t}`)).rows[0]!.n);
  }
  const total = await db.query<{ bytes: string }>('select pg_database_size(current_database()) as bytes');
  return { tablesMb, rows, databaseMb: Math.round((Number(total.rows[0]!.bytes) / 1048576) * 100) / 100 };
}

async function main() {
  const mode = settings.retention ? 'retention-on' : 'retention-off';
  console.log(
    `soak (${mode}): ${settings.rate} ops/s for ${settings.minutes} min, ${JSON.stringify(settings)}`,
  );
  const throwaway = await createThrowawayDatabase(settings.adminUrl);
  const adminKey = `sr_soak_${randomBytes(16).toString('hex')}`;
  const receiver = await startReceiver();
  Object.assign(process.env, {
    STOCKROOM_EVENT_RETENTION: settings.eventRetention,
    STOCKROOM_IDEMPOTENCY_TTL: settings.idempotencyTtl,
    STOCKROOM_RETENTION_INTERVAL: settings.retention ? settings.interval : '0',
    STOCKROOM_WEBHOOK_ALLOW_HOSTS: '127.0.0.1',
  });
  const server = await startServer({ databaseUrl: throwaway.url, adminKey, port: await freePort() });
  const api = createHttpClient(server.baseUrl, adminKey, settings.sockets);
  const db = new pg.Client({ connectionString: throwaway.url });
  await db.connect();
  try {
    const must = async (method: string, path: string, body?: unknown) => {
      const r = await api.request(method, path, body);
      if (r.status >= 300) throw new Error(`${method} ${path}: ${r.status} ${r.text}`);
      return r;
    };
    for (const [code, region] of [
      ['LON', 'uk'],
      ['AMS', 'eu'],
    ])
      await must('PUT', `/v1/warehouses/${code}`, { name: code, region });
    const skus = Array.from({ length: settings.skus }, (_, i) => `SOAK-${i}`);
    for (const sku of skus) await must('PUT', `/v1/skus/${sku}`, { name: sku, price: 10 });
    for (const warehouse of ['LON', 'AMS'])
      await must('POST', '/v1/receipts', { warehouse, lines: skus.map((sku) => ({ sku, qty: 1_000_000 })) });
    await must('POST', '/v1/webhooks', { url: receiver.url, eventTypes: settings.webhookTypes });

    const open: string[] = []; // reserved, not yet confirmed/cancelled
    const confirmed: string[] = [];
    let orderNo = 0;
    let keyNo = 0;
    const pick = <T>(list: T[]) => list.splice(Math.floor(Math.random() * list.length), 1)[0];
    const sku = () => skus[Math.floor(Math.random() * skus.length)]!;
    const chooseOp = (): Op => {
      let r = Math.random();
      for (const [op, share] of MIX) if ((r -= share) < 0) return op;
      return 'order';
    };
    const run = async (op: Op): Promise<number> => {
      const key = `soak-${++keyNo}`;
      switch (op) {
        case 'confirm': {
          const id = pick(open);
          if (!id) return run('order');
          const r = await api.request('POST', `/v1/orders/${id}/confirm`, undefined, key);
          if (r.status === 200) confirmed.push(id);
          return r.status;
        }
        case 'ship': {
          const id = pick(confirmed) ?? pick(open);
          if (!id) return run('order');
          return (await api.request('POST', `/v1/orders/${id}/shipments`, undefined, key)).status;
        }
        case 'cancel': {
          const id = pick(open);
          if (!id) return run('order');
          return (await api.request('POST', `/v1/orders/${id}/cancel`, undefined, key)).status;
        }
        case 'receipt':
          return (
            await api.request(
              'POST',
              '/v1/receipts',
              { warehouse: Math.random() < 0.5 ? 'LON' : 'AMS', lines: [{ sku: sku(), qty: 5 }] },
              key,
            )
          ).status;
        default: {
          const id = `soak-o-${++orderNo}`;
          const r = await api.request(
            'POST',
            '/v1/orders',
            { orderId: id, lines: [{ sku: sku(), qty: 1 }] },
            key,
          );
          if (r.status === 201) open.push(id);
          return r.status;
        }
      }
    };

    const minutes: Minute[] = [];
    let previous = await measure(db);
    console.log(`after seeding: database ${previous.databaseMb} MB`);
    const started = Date.now();
    let inFlight = 0;
    let dropped = 0;
    for (let m = 1; m <= settings.minutes; m++) {
      const latencies: number[] = [];
      let errors = 0;
      const errorKinds: Record<string, number> = {};
      const countError = (kind: string) => {
        errors++;
        errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
      };
      const droppedBefore = dropped;
      const minuteEnd = started + m * 60_000;
      const pending = new Set<Promise<void>>();
      // Open loop: each operation is due at its own time, whatever the earlier ones do.
      let next = Date.now();
      while (Date.now() < minuteEnd) {
        const wait = next - Date.now();
        if (wait > 0) await sleep(wait);
        next += 1000 / settings.rate;
        if (inFlight >= settings.sockets * 8) {
          dropped++;
          continue;
        }
        inFlight++;
        const t0 = performance.now();
        const p = run(chooseOp())
          .then((status) => {
            if (status >= 300 && status !== 409) countError(String(status));
            latencies.push(performance.now() - t0);
          })
          .catch((err: unknown) => {
            countError((err as { code?: string }).code ?? 'thrown');
          })
          .finally(() => {
            inFlight--;
            pending.delete(p);
          });
        pending.add(p);
      }
      await Promise.all(pending);
      if (settings.vacuum) for (const t of PRUNED) await db.query(`vacuum ${t}`);
      const now = await measure(db);
      latencies.sort((a, b) => a - b);
      const row: Minute = {
        minute: m,
        ops: latencies.length,
        errors,
        errorKinds,
        p50Ms: Math.round(percentile(latencies, 0.5) * 10) / 10,
        p99Ms: Math.round(percentile(latencies, 0.99) * 10) / 10,
        databaseMb: now.databaseMb,
        growthMb: Math.round((now.databaseMb - previous.databaseMb) * 100) / 100,
        tablesMb: now.tablesMb,
        rows: now.rows,
      };
      minutes.push(row);
      previous = now;
      console.log(
        `minute ${m}: ${row.ops} ops (${errors} errors${errors > 0 ? ` ${JSON.stringify(errorKinds)}` : ''}, ${dropped - droppedBefore} not sent: ${settings.sockets * 8} in flight), p50 ${row.p50Ms} ms, p99 ${row.p99Ms} ms, ` +
          `database ${row.databaseMb} MB (+${row.growthMb} MB)`,
      );
      console.log(
        '  MB:   ' +
          TABLES.map((t) => `${t} ${now.tablesMb[t]}`).join(', ') +
          '\n  rows: ' +
          TABLES.map((t) => `${t} ${now.rows[t]}`).join(', '),
      );
    }
    const first = minutes[0]!;
    const last = minutes[minutes.length - 1]!;
    const summary = {
      mode,
      settings,
      webhookDeliveriesReceived: receiver.received(),
      growthMbPerMinute: { first: first.growthMb, last: last.growthMb },
      p99Ms: { first: first.p99Ms, last: last.p99Ms },
      minutes,
    };
    console.log(
      `\n${mode}: growth ${first.growthMb} MB in minute 1, ${last.growthMb} MB in minute ${last.minute}; ` +
        `p99 ${first.p99Ms} ms in minute 1, ${last.p99Ms} ms in minute ${last.minute}; ` +
        `webhook deliveries received ${receiver.received()}`,
    );
    const dir = join(ROOT, 'bench', 'results');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, `soak-${mode}.json`), JSON.stringify(summary, null, 2));
  } finally {
    api.close();
    await db.end();
    await server.stop();
    await receiver.close();
    await throwaway.drop();
  }
}

await main();
