/**
 * What makes an open loop's slow requests slow (issue 15: p99 at 70% of the peak). Runs one
 * kind of request at a fixed rate against the real server on a throwaway database and, while it
 * runs, samples what the database's processes are doing every 20 ms (pg_stat_activity, the
 * background processes included) and has each server process report event-loop stalls and long
 * garbage collections (bench/stall-monitor.mjs). Then it cuts the run into 100 ms windows by
 * when each request was due, and for every window whose slowest request took more than
 * BENCH_SLOW_MS prints the windows around it, the samples of that time, and what the server
 * processes reported.
 *
 *   npx tsx bench/open-loop-tail.ts                        # 600 hot-SKU orders/s for 60 s
 *   BENCH_KIND=read BENCH_RATE=2000 npx tsx bench/open-loop-tail.ts
 *
 * Environment: BENCH_DATABASE_URL (admin URL, as bench/reserve.ts), BENCH_KIND (hot: one SKU,
 * named warehouse | spread: a random SKU of BENCH_SKUS | read: GET /v1/availability of a random
 * SKU), BENCH_RATE (600 a second), BENCH_SECONDS (60), BENCH_SKUS (2,000), BENCH_SLOW_MS (80),
 * BENCH_SERVER_ENV (JSON of more server environment, e.g. '{"STOCKROOM_ANALYZE_INTERVAL":"0"}'),
 * BENCH_DATABASE_SETTINGS (name=value,... set on the throwaway database, e.g.
 * "backend_flush_after=256kB"), BENCH_SERVER_NODE_ARGS (extra node options for the server and
 * its workers, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof").
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createHttpClient, expectStatus, failureLabel, type HttpClient } from './http-client.ts';
import { mapConcurrent, openLoop } from './load.ts';
import { freePort, startServer } from './server.ts';
import { waitUntilSettled } from './settle.ts';
import { createThrowawayDatabase, DEFAULT_ADMIN_URL } from './throwaway-db.ts';

const WAREHOUSE = 'WH-TAIL';
const REGION = 'eu';
const HOT_SKU = 'HOT-1';
const WINDOW_MS = 100;
const SAMPLE_MS = 20;

const positive = (name: string, fallback: number) => {
  const raw = process.env[name];
  const n = raw ? Number(raw) : fallback;
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${name} must be a positive number, got "${raw}"`);
  return n;
};
const kind = process.env.BENCH_KIND ?? 'hot';
if (!['hot', 'spread', 'read'].includes(kind)) throw new Error(`BENCH_KIND must be hot, spread or read`);
const settings = {
  adminUrl: process.env.BENCH_DATABASE_URL || DEFAULT_ADMIN_URL,
  rate: positive('BENCH_RATE', 600),
  seconds: positive('BENCH_SECONDS', 60),
  skus: Math.round(positive('BENCH_SKUS', 2000)),
  slowMs: positive('BENCH_SLOW_MS', 80),
  serverEnv: JSON.parse(process.env.BENCH_SERVER_ENV || '{}') as Record<string, string>,
  serverNodeArgs: (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== ''),
  databaseSettings: (process.env.BENCH_DATABASE_SETTINGS ?? '')
    .split(',')
    .filter((s) => s !== '')
    .map((s) => {
      const m = /^([a-z_]+)=([A-Za-z0-9_.]+)$/.exec(s.trim());
      if (!m) throw new Error(`BENCH_DATABASE_SETTINGS: "${s}" is not name=value`);
      return [m[1]!, m[2]!] as const;
    }),
};
const log = (m: string) => console.error(`[tail] ${m}`);
const skuCode = (i: number) => `SKU-${i}`;

interface Sample {
  at: number;
  backends: {
    kind: string;
    state: string | null;
    wait: string | null;
    query: string;
    queryMs: number;
    xactMs: number | null;
  }[];
}

async function setUp(http: HttpClient) {
  await expectStatus(
    http.request('PUT', `/v1/regions/${REGION}`, { name: 'Europe', lat: 50.1, lon: 8.7, countries: ['DE'] }),
    [200, 201],
    'create region',
  );
  await expectStatus(
    http.request('PUT', `/v1/warehouses/${WAREHOUSE}`, { name: 'Tail', region: REGION }),
    [200, 201],
    'create warehouse',
  );
  const skus = [HOT_SKU, ...Array.from({ length: settings.skus }, (_, i) => skuCode(i))];
  await mapConcurrent(skus, 32, async (sku) => {
    await expectStatus(
      http.request('PUT', `/v1/skus/${sku}`, { name: sku, price: 1 }),
      [200, 201],
      `SKU ${sku}`,
    );
  });
  for (let i = 0; i < skus.length; i += 1000) {
    await expectStatus(
      http.request('POST', '/v1/receipts', {
        warehouse: WAREHOUSE,
        reference: `tail ${i}`,
        lines: skus.slice(i, i + 1000).map((sku) => ({ sku, qty: 100_000_000 })),
      }),
      [201],
      'receipt',
    );
  }
  // A database in use rather than empty tables, as bench/reserve.ts primes it.
  await mapConcurrent(
    Array.from({ length: 3000 }, (_, i) => i),
    32,
    async (i) => {
      await expectStatus(
        http.request('POST', '/v1/orders', {
          orderId: `tail-prime-${i}`,
          lines: [{ sku: skuCode(i % settings.skus), qty: 1, warehouse: WAREHOUSE }],
        }),
        [201],
        'priming order',
      );
    },
  );
}

function sampler(client: pg.Client) {
  const samples: Sample[] = [];
  let running = true;
  const loop = (async () => {
    while (running) {
      const at = Date.now();
      const { rows } = await client.query<{
        kind: string;
        state: string | null;
        wait: string | null;
        query: string;
        query_ms: number;
        xact_ms: number | null;
      }>(
        `select backend_type as kind, state, wait_event_type || ':' || wait_event as wait,
                left(regexp_replace(query, '\\s+', ' ', 'g'), 60) as query,
                coalesce(extract(epoch from (now() - query_start)) * 1000, 0)::int as query_ms,
                (extract(epoch from (now() - xact_start)) * 1000)::int as xact_ms
         from pg_stat_activity
         where pid <> pg_backend_pid() and (datname = current_database() or datname is null)`,
      );
      samples.push({
        at,
        backends: rows.map((r) => ({ ...r, queryMs: r.query_ms, xactMs: r.xact_ms })),
      });
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    }
  })();
  return {
    samples,
    async stop() {
      running = false;
      await loop;
    },
  };
}

/** One line per sample: backends by what they were doing, and the longest-running statement. */
function describe(sample: Sample, t0: number): string {
  const counts = new Map<string, number>();
  let longest: Sample['backends'][number] | null = null;
  for (const b of sample.backends) {
    if (
      b.state === 'idle' ||
      (b.kind !== 'client backend' && b.state === null && b.wait?.startsWith('Activity:'))
    )
      continue;
    const what = `${b.kind === 'client backend' ? '' : `${b.kind} `}${b.state ?? ''}${b.wait ? ` ${b.wait}` : ''}`;
    counts.set(what, (counts.get(what) ?? 0) + 1);
    if (b.state === 'active' && (longest === null || b.queryMs > longest.queryMs)) longest = b;
  }
  const busy = [...counts].map(([k, v]) => `${k.trim()} x${v}`).join(', ') || 'nothing';
  const oldest = sample.backends
    .filter((b) => b.xactMs !== null && b.xactMs > 50)
    .sort((a, b) => b.xactMs! - a.xactMs!)[0];
  return (
    `   +${sample.at - t0} ms: ${busy}` +
    (longest && longest.queryMs > 20 ? ` | running ${longest.queryMs} ms: ${longest.query}` : '') +
    (oldest ? ` | oldest transaction ${oldest.xactMs} ms (${oldest.state}): ${oldest.query}` : '')
  );
}

async function main() {
  const db = await createThrowawayDatabase(settings.adminUrl);
  const stats = new pg.Client({ connectionString: db.url });
  let server: Awaited<ReturnType<typeof startServer>> | null = null;
  let http: HttpClient | null = null;
  try {
    await stats.connect();
    for (const [name, value] of settings.databaseSettings) {
      await stats.query(`alter database ${db.name} set ${name} = ${pg.escapeLiteral(value)}`);
      log(`${name} = ${value} on ${db.name}`);
    }
    const adminKey = `sr_bench_${randomBytes(18).toString('base64url')}`;
    server = await startServer({
      databaseUrl: db.url,
      adminKey,
      port: await freePort(),
      logLevel: 'info',
      nodeArgs: [
        '--import',
        new URL('./stall-monitor.mjs', import.meta.url).pathname,
        ...settings.serverNodeArgs,
      ],
      extraEnv: settings.serverEnv,
    });
    http = createHttpClient(server.baseUrl, adminKey, 64, 'node:http');
    await setUp(http);
    log(`set up; server caught up in ${await waitUntilSettled(http)} ms`);
    await stats.query('vacuum analyze');
    await stats.query('checkpoint').catch(() => log('checkpoint skipped (needs superuser)'));

    const tag = randomBytes(3).toString('hex');
    const request = (seq: number) => {
      const sku = kind === 'hot' ? HOT_SKU : skuCode(Math.floor(Math.random() * settings.skus));
      return kind === 'read'
        ? http!.request('GET', `/v1/availability/${sku}?region=${REGION}`)
        : http!.request('POST', '/v1/orders', {
            orderId: `tail-${tag}-${seq}`,
            lines: [{ sku, qty: 1, warehouse: WAREHOUSE }],
          });
    };
    const okStatus = kind === 'read' ? 200 : 201;
    const watch = sampler(stats);
    const requests: { due: number; ms: number }[] = [];
    const started = performance.now();
    const t0 = Date.now();
    const toWall = (perf: number) => t0 + (perf - started);
    log(`${kind}: ${settings.rate}/s for ${settings.seconds} s after 2 s of warmup`);
    const result = await openLoop({
      perSecond: settings.rate,
      warmupMs: 2000,
      measureMs: settings.seconds * 1000,
      maxInFlight: 64,
      op: async (_w, seq) => {
        // The loop starts request `seq` when it is due: 1000 / rate ms apart from its start.
        const due = started + (seq * 1000) / settings.rate;
        const res = await request(seq);
        requests.push({ due: toWall(due), ms: performance.now() - due });
        return res.status === okStatus ? null : failureLabel(res);
      },
    });
    await watch.stop();

    const windows = new Map<number, number[]>();
    for (const r of requests) {
      const w = Math.floor((r.due - t0) / WINDOW_MS);
      const window = windows.get(w);
      if (window) window.push(r.ms);
      else windows.set(w, [r.ms]);
    }
    const slowest = (w: number) => Math.max(...(windows.get(w) ?? [0]));
    const slow = [...windows.keys()].filter((w) => slowest(w) > settings.slowMs).sort((a, b) => a - b);
    const reports: { at: number; text: string }[] = [];
    for (const line of server.logLines()) {
      const stall = /^STALL (\w+) pid=(\d+) at=(\d+) ms=(\d+)$/.exec(line);
      if (stall)
        reports.push({ at: Number(stall[3]), text: `${stall[1]} stall ${stall[4]} ms in ${stall[2]}` });
      else if (line.startsWith('{')) {
        try {
          const record = JSON.parse(line) as { time: number; msg: string; level: number };
          if (/analyzed|retention|sweep|expired/i.test(record.msg))
            reports.push({ at: record.time, text: record.msg });
        } catch {
          // not a log record
        }
      }
    }

    console.log(
      `\n${kind} at ${settings.rate}/s for ${settings.seconds} s: ${result.ok} ok, p50 ${result.latencyMs.p50.toFixed(1)} ms, ` +
        `p99 ${result.latencyMs.p99.toFixed(1)} ms, max ${result.latencyMs.max.toFixed(0)} ms, errors ${JSON.stringify(result.errors)}`,
    );
    console.log(
      `${slow.length} of ${windows.size} windows of ${WINDOW_MS} ms had a request slower than ${settings.slowMs} ms`,
    );
    console.log(
      `server reports (event-loop stalls > 30 ms, GC > 15 ms, background runs), ms from the start:`,
    );
    for (const r of reports.filter((r) => r.at >= t0)) console.log(`   +${r.at - t0} ${r.text}`);
    let last = -Infinity;
    for (const w of slow) {
      if (w - last <= 3) continue; // part of the episode printed above
      last = w;
      console.log(`\nslow window at +${w * WINDOW_MS} ms (slowest ${slowest(w).toFixed(0)} ms)`);
      for (let k = w - 2; k <= w + 4; k++) {
        const ms = windows.get(k) ?? [];
        console.log(
          `   window +${k * WINDOW_MS}: ${ms.length} requests, slowest ${ms.length ? Math.max(...ms).toFixed(0) : '-'} ms`,
        );
      }
      const from = t0 + (w - 2) * WINDOW_MS;
      const to = t0 + (w + 3) * WINDOW_MS;
      for (const s of watch.samples.filter((s) => s.at >= from && s.at <= to)) console.log(describe(s, t0));
      for (const r of reports.filter((r) => r.at >= from - 500 && r.at <= to))
        console.log(`   server: +${r.at - t0} ${r.text}`);
    }
  } finally {
    http?.close();
    await server?.stop();
    await stats.end().catch(() => {});
    await db.drop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
