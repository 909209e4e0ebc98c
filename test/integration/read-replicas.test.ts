/**
 * Reads that may lag go to a PostgreSQL streaming replica (DATABASE_READ_URL), against real
 * engines: a throwaway primary and a hot standby made from it with pg_basebackup, on loopback
 * ports of their own (one pair for the whole file; it costs a few seconds). Proves the answers
 * match the primary's, that `Stockroom-Min-Event: N` never answers with a state older than
 * event N (it waits for the replica or reads the primary), and that a replica that is down or
 * refuses a write sends the read to the primary. Writes never reach the replica.
 *
 * Without replicas (PGlite, or no DATABASE_READ_URL) every read is on the primary, as before:
 * that part runs on both back ends.
 *
 * The replica part needs the PostgreSQL 15 binaries; outside CI it is skipped, saying so,
 * when they are missing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sequencePass } from '../../src/app/events.ts';
import { loadConfig } from '../../src/config.ts';
import { migrate } from '../../src/db/migrate.ts';
import { openReadRouter } from '../../src/db/open.ts';
import { openPostgres } from '../../src/db/postgres.ts';
import type { Database } from '../../src/db/database.ts';
import {
  createReadRouter,
  replayedEventSeq,
  type FallbackReason,
  type ReadRouterOptions,
} from '../../src/db/read-replicas.ts';
import { backends, pglite, type Backend } from '../helpers/backends.ts';
import { AvailabilityCache } from '../../src/app/availability-cache.ts';
import { seedCatalogue, startHarness, type Harness } from '../helpers/harness.ts';
import { createPgCluster, pgBinariesPresent, PG_BIN, type PgCluster } from '../helpers/pg-cluster.ts';
import { freePort } from '../helpers/server-process.ts';

const runnable = pgBinariesPresent() || process.env.CI === 'true';
if (!runnable) {
  console.log(`read-replica tests skipped: no PostgreSQL binaries at ${PG_BIN} (set STOCKROOM_TEST_PG_BIN)`);
}

type Read = { status: number; body: any; source: string | undefined }; // eslint-disable-line @typescript-eslint/no-explicit-any

async function read(h: Harness, url: string, minEvent?: number | string): Promise<Read> {
  const res = await h.app.inject({
    method: 'GET',
    url,
    headers: {
      authorization: `Bearer ${h.adminKey}`,
      ...(minEvent === undefined ? {} : { 'stockroom-min-event': String(minEvent) }),
    },
  });
  return {
    status: res.statusCode,
    body: res.body ? JSON.parse(res.body) : undefined,
    source: res.headers['stockroom-read-source'] as string | undefined,
  };
}

const drain = async (h: Harness) => {
  while (await sequencePass(h.ctx));
  return replayedEventSeq(h.db);
};

describe('configuration', () => {
  it('reads DATABASE_READ_URL as a list, and keeps 3 stream copies when NATS_URL lists a cluster', () => {
    const config = loadConfig({
      DATABASE_READ_URL: 'postgres://r1/db, postgres://r2/db,',
      STOCKROOM_READ_MAX_WAIT: '1s',
      NATS_URL: 'nats://a:4222,nats://b:4222',
    });
    expect(config.databaseReadUrls).toEqual(['postgres://r1/db', 'postgres://r2/db']);
    expect(config.readReplicaMaxWaitMs).toBe(1000);
    expect(config.natsStreamReplicas).toBe(3);
    expect(loadConfig({}).databaseReadUrls).toEqual([]);
    expect(loadConfig({ NATS_URL: 'nats://a:4222' }).natsStreamReplicas).toBe(1);
    expect(
      loadConfig({ NATS_URL: 'nats://a:4222,nats://b:4222', NATS_STREAM_REPLICAS: '1' }).natsStreamReplicas,
    ).toBe(1);
  });

  it('has no replicas on PGlite, whatever DATABASE_READ_URL says', async () => {
    const h = await startHarness(pglite);
    try {
      const router = openReadRouter(h.db, { dataDir: 'memory://', databaseReadUrls: ['postgres://x/y'] });
      expect(router.replicas).toBe(0);
      expect((await router.forReads(5)).source()).toBe('primary');
    } finally {
      await h.close();
    }
  });
});

describe.each(backends())('without read replicas on $name', (backend) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(backend);
    await seedCatalogue(h, ['MUG']);
  });
  afterAll(() => h?.close());

  it('reads the primary, with or without Stockroom-Min-Event, and says so', async () => {
    await h.call('POST', '/v1/receipts', { warehouse: 'LON', lines: [{ sku: 'MUG', qty: 4 }] });
    const seq = await drain(h);
    for (const minEvent of [undefined, seq, seq + 1_000]) {
      const r = await read(h, '/v1/availability/MUG', minEvent);
      expect(r).toMatchObject({ status: 200, source: 'primary', body: { sellable: 4 } });
    }
  });

  it('refuses a Stockroom-Min-Event that is not a sequence number, changing nothing', async () => {
    for (const bad of ['-1', 'abc', '1.5', '9999999999999999999']) {
      const r = await read(h, '/v1/availability/MUG', bad);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe('invalid_request');
    }
  });
});

describe.skipIf(!runnable)('with a streaming replica (pg_basebackup, hot standby)', () => {
  let primary: PgCluster;
  let replica: PgCluster;
  let replicaDb: Database;
  let h: Harness;
  const fallbacks: FallbackReason[] = [];
  let fakeNow = 0;

  /** Routes the harness's reads through a router to the replica with these options. */
  const route = (options: Partial<ReadRouterOptions>, replicas = [{ name: 'replica', db: replicaDb }]) => {
    h.ctx.reads = createReadRouter(h.db, replicas, {
      maxWaitMs: 10_000,
      pollMs: 5,
      now: () => Date.now() + fakeNow,
      onFallback: (reason) => fallbacks.push(reason),
      ...options,
    });
  };
  const onReplica = <T>(sql: string) => replicaDb.query<T>(sql);

  beforeAll(async () => {
    primary = await createPgCluster();
    const db = openPostgres(primary.url, { max: 10 });
    await migrate(db);
    replica = await createPgCluster({ replicaOf: primary });
    replicaDb = openPostgres(replica.url, { max: 5, connectTimeoutMs: 1_000 });
    const onPrimary: Backend = {
      name: 'postgres',
      open: async () => ({ db, url: primary.url, drop: () => db.close() }),
    };
    h = await startHarness(onPrimary);
    // Where each read went is the subject here: none may be answered from memory.
    h.ctx.availabilityCache = new AvailabilityCache({ ttlMs: 0 });
    await seedCatalogue(h, ['MUG', 'TEE']);
    await h.call('PUT', '/v1/channels/web', { name: 'Web' });
    await h.call('POST', '/v1/receipts', {
      warehouse: 'LON',
      lines: [
        { sku: 'MUG', qty: 10 },
        { sku: 'TEE', qty: 3 },
      ],
    });
    route({});
  }, 120_000);
  afterAll(async () => {
    await replicaDb?.close();
    await h?.close();
    await replica?.destroy();
    await primary?.destroy();
  });

  it('is a hot standby of the primary', async () => {
    const { rows } = await onReplica<{ standby: boolean }>('select pg_is_in_recovery() as standby');
    expect(rows[0]!.standby).toBe(true);
  });

  it('answers availability, dashboard, channel feed and forecast from the replica, as the primary would', async () => {
    const seq = await drain(h);
    const paths = [
      '/v1/availability/MUG',
      '/v1/dashboard/overview',
      '/v1/dashboard/skus',
      '/v1/channels/web/availability',
      '/v1/forecast/MUG',
    ];
    for (const path of paths) {
      const fromReplica = await read(h, path, seq);
      expect(fromReplica.status, path).toBe(200);
      expect(fromReplica.source, path).toBe('replica');
      const before = h.ctx.reads;
      h.ctx.reads = createReadRouter(h.db, []);
      const fromPrimary = await read(h, path);
      h.ctx.reads = before;
      expect(fromPrimary.source, path).toBe('primary');
      expect(fromReplica.body, path).toEqual(fromPrimary.body);
    }
    expect(fallbacks).toEqual([]);
  });

  it('never answers older than the event asked for: waits for the replica, or reads the primary', async () => {
    route({ maxWaitMs: 300 });
    await onReplica('select pg_wal_replay_pause()');
    try {
      await h.call('POST', '/v1/orders', { orderId: 'r-1', lines: [{ sku: 'MUG', qty: 4 }] });
      const seq = await drain(h);
      // Without a bound the replica answers, with the state before the order: it is behind.
      const stale = await read(h, '/v1/availability/MUG');
      expect(stale).toMatchObject({ source: 'replica', body: { sellable: 10 } });
      // Asking for the order's events: the paused replica cannot reach them, the primary answers.
      const bounded = await read(h, '/v1/availability/MUG', seq);
      expect(bounded).toMatchObject({ status: 200, source: 'primary', body: { sellable: 6 } });
      expect(fallbacks).toEqual(['replica_behind']);
      expect(await h.ctx.metrics.registry.getSingleMetricAsString('stockroom_reads_total')).toContain(
        'use_case="availability",source="primary"',
      );
    } finally {
      await onReplica('select pg_wal_replay_resume()');
    }
    // Replaying again: with a long enough wait the replica answers, and has the order.
    route({ maxWaitMs: 10_000 });
    const seq = await replayedEventSeq(h.db);
    const caughtUp = await read(h, '/v1/availability/MUG', seq);
    expect(caughtUp).toMatchObject({ source: 'replica', body: { sellable: 6 } });
  });

  it('sends every read to the primary while the replica is down, and back once it is up', async () => {
    fallbacks.length = 0;
    route({ downForMs: 60_000 });
    await replica.stop('fast');
    try {
      const seq = await drain(h);
      for (const minEvent of [undefined, seq]) {
        const r = await read(h, '/v1/availability/MUG', minEvent);
        expect(r).toMatchObject({ status: 200, source: 'primary', body: { sellable: 6 } });
      }
      const overview = await read(h, '/v1/dashboard/overview');
      expect(overview).toMatchObject({ status: 200, source: 'primary' });
      // Set aside after the first failure: the replica is not asked again on every request.
      expect(fallbacks).toEqual(['replica_down']);
    } finally {
      await replica.start();
    }
    fakeNow += 60_001; // the set-aside time is over
    const back = await read(h, '/v1/availability/MUG', await replayedEventSeq(h.db));
    expect(back).toMatchObject({ status: 200, source: 'replica', body: { sellable: 6 } });
  });

  it('skips a replica that does not answer and reads another', async () => {
    fallbacks.length = 0;
    const dead = openPostgres(`postgres://postgres@127.0.0.1:${await freePort()}/postgres`, {
      connectTimeoutMs: 1_000,
    });
    try {
      route({ downForMs: 60_000 }, [
        { name: 'dead', db: dead },
        { name: 'replica', db: replicaDb },
      ]);
      const seq = await replayedEventSeq(h.db);
      const sources = [];
      for (let i = 0; i < 4; i++) {
        const r = await read(h, '/v1/availability/TEE', i % 2 ? seq : undefined);
        expect(r).toMatchObject({ status: 200, body: { sellable: 3 } });
        sources.push(r.source);
      }
      // The first request was pinned to the dead one (round robin starts there) and found it
      // down: the primary answered it. From then on the dead replica is set aside.
      expect(sources).toEqual(['primary', 'replica', 'replica', 'replica']);
      expect(fallbacks).toEqual(['replica_down']);
    } finally {
      await dead.close();
    }
  });

  it('never writes to the replica: commands use the primary, and a write through a read handle is re-run there', async () => {
    route({});
    const order = await h.call('POST', '/v1/orders', { orderId: 'r-2', lines: [{ sku: 'TEE', qty: 1 }] });
    expect(order.status).toBe(201);
    const handle = await h.ctx.reads.forReads();
    expect(handle.source()).toBe('replica');
    const { rows } = await handle.db.query<{ sku: string }>(
      "update skus set name = name where sku = 'TEE' returning sku",
    );
    expect(rows).toEqual([{ sku: 'TEE' }]);
    expect(handle.source()).toBe('primary');
    expect(fallbacks.at(-1)).toBe('read_only');
    // The replica still has the data, read-only as ever.
    await expect(onReplica("update skus set name = name where sku = 'TEE'")).rejects.toMatchObject({
      code: '25006',
    });
  });
});
