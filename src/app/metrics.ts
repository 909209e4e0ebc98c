/**
 * The Prometheus registry of one service (served by GET /metrics, src/http/routes/metrics.ts).
 * Every metric is defined here, in one place, so that a new one is added beside the others:
 * counters and gauges the code updates as it works, and gauges read from the database when
 * scraped (their cost is one small indexed query each). Each AppContext has its own registry,
 * so that several services in one process (tests) do not share counts.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Database, Queryable } from '../db/database.ts';

export interface Metrics {
  registry: Registry;
  retention: {
    /** Rows removed by the maintenance job, by table. */
    prunedRows: Counter<'table'>;
    /** When this process last finished a maintenance run (unix seconds). */
    lastRunSeconds: Gauge;
    lastRunDurationSeconds: Gauge;
    /** Monthly ledger partitions the job created. */
    partitionsCreated: Counter;
  };
  reads: {
    /** Requests that read through the read router (DATABASE_READ_URL), by use case and where they went. */
    total: Counter<'use_case' | 'source'>;
    /** Reads that could have gone to a replica but went to the primary, by reason. */
    fallbacks: Counter<'reason'>;
  };
  http: {
    /** Every answered request, by route template (not the raw URL: bounded labels) and status. */
    requestDuration: Histogram<'method' | 'route' | 'status'>;
  };
  reservations: {
    /** Order placements by outcome: placed, refused (not enough stock), replay, unknown, rejected. */
    outcomes: Counter<'outcome'>;
    /** Orders committed together by the reservation batcher (src/app/reservation-batcher.ts). */
    batchSize: Histogram;
  };
  /** Adds Node's process metrics (memory, CPU, event-loop lag, ...) once, on the first scrape. */
  collectProcessMetrics(): void;
}

export function createMetrics(source: {
  db: Queryable & Pick<Database, 'poolStats'>;
  clock: () => Date;
}): Metrics {
  const registry = new Registry();
  const { db, clock } = source;
  /** A gauge read from the database at scrape time; left empty when the database is away. */
  const fromDatabase = (name: string, help: string, read: () => Promise<number | null>) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      async collect() {
        this.reset();
        try {
          const value = await read();
          if (value !== null) this.set(value);
        } catch {
          // Scraping must not fail because one reading did: the gauge is absent this time.
        }
      },
    });

  const oldestEvent = async () =>
    (
      await db.query<{ seq: number; at: Date }>(
        'select seq, at from events where seq is not null order by seq limit 1',
      )
    ).rows[0];
  fromDatabase(
    'stockroom_events_oldest_retained_seq',
    'Sequence number of the oldest event still in the log (older ones were pruned)',
    async () => (await oldestEvent())?.seq ?? null,
  );
  fromDatabase(
    'stockroom_events_oldest_retained_age_seconds',
    'Age of the oldest event still in the log',
    async () => {
      const e = await oldestEvent();
      return e ? Math.max(0, (clock().getTime() - e.at.getTime()) / 1000) : null;
    },
  );
  fromDatabase(
    'stockroom_idempotency_keys_stored',
    'Idempotency keys stored (expired ones included until the job purges them)',
    async () => (await db.query<{ n: number }>('select count(*)::int as n from idempotency_keys')).rows[0]!.n,
  );
  fromDatabase(
    'stockroom_movements_default_partition_rows',
    'Ledger rows in the default partition (0 when every month has its partition ahead of time)',
    async () =>
      (await db.query<{ n: number }>('select count(*)::int as n from movements_default')).rows[0]!.n,
  );

  /** Seconds since `at`, 0 when nothing is waiting (null) or it is not due yet. */
  const secondsSince = (at: Date | null | undefined) =>
    at ? Math.max(0, (clock().getTime() - new Date(at).getTime()) / 1000) : 0;
  // "Due" by the service's clock, which the expiry and lock loops use, not the database's.
  const oldest = async (sql: string, due = false) =>
    secondsSince((await db.query<{ at: Date | null }>(sql, due ? [clock()] : [])).rows[0]?.at);
  fromDatabase(
    'stockroom_outbox_lag_seconds',
    'Age of the oldest event not yet sequenced into the log (what subscribers and NATS wait for)',
    () => oldest('select at from events where seq is null order by id limit 1'),
  );
  fromDatabase(
    'stockroom_expiry_lag_seconds',
    'How long the most overdue reservation has been past its expiry without being released',
    () =>
      oldest("select min(expires_at) as at from orders where status = 'reserved' and expires_at <= $1", true),
  );
  fromDatabase(
    'stockroom_lock_wave_lag_seconds',
    'How long the most overdue lock release wave has been due without being released',
    () => oldest('select min(at) as at from stock_lock_waves where released_at is null and at <= $1', true),
  );
  const deliveries = async (status: 'pending' | 'dead') =>
    (
      await db.query<{ n: number }>('select count(*)::int as n from webhook_deliveries where status = $1', [
        status,
      ])
    ).rows[0]!.n;
  fromDatabase('stockroom_webhook_deliveries_pending', 'Webhook deliveries not yet delivered nor dead', () =>
    deliveries('pending'),
  );
  fromDatabase(
    'stockroom_webhook_deliveries_dead',
    'Webhook deliveries that ran out of attempts (kept until retention prunes them)',
    () => deliveries('dead'),
  );
  // The outbox lag says when the log is complete; a follower (alerts, back-in-stock) may still be
  // behind it, and what it has not read yet has not raised its alert or stock state.
  new Gauge({
    name: 'stockroom_event_follower_lag_events',
    help: 'Events in the log that a follower (alert evaluator, back-in-stock notifier) has not acted on yet',
    labelNames: ['follower'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      try {
        const { rows } = await db.query<{ name: string; behind: number }>(
          `select f.name, greatest(0, coalesce((select max(seq) from events), 0) - f.after_seq)::float8 as behind
           from event_followers f order by f.name`,
        );
        for (const row of rows) this.set({ follower: row.name }, row.behind);
      } catch {
        // As for the other database gauges: absent this scrape rather than a failed scrape.
      }
    },
  });
  if (db.poolStats) {
    const poolStats = db.poolStats.bind(db);
    new Gauge({
      name: 'stockroom_db_pool_connections',
      help: 'PostgreSQL pool connections, by state (in_use, idle)',
      labelNames: ['state'] as const,
      registers: [registry],
      collect() {
        const { total, idle } = poolStats();
        this.set({ state: 'in_use' }, total - idle);
        this.set({ state: 'idle' }, idle);
      },
    });
    new Gauge({
      name: 'stockroom_db_pool_waiting',
      help: 'Callers waiting for a free PostgreSQL pool connection',
      registers: [registry],
      collect() {
        this.set(poolStats().waiting);
      },
    });
  }

  let processMetrics = false;
  return {
    registry,
    retention: {
      prunedRows: new Counter({
        name: 'stockroom_retention_pruned_rows_total',
        help: 'Rows removed by the retention job, by table',
        labelNames: ['table'] as const,
        registers: [registry],
      }),
      lastRunSeconds: new Gauge({
        name: 'stockroom_retention_last_run_timestamp_seconds',
        help: 'When this process last finished a retention run (unix time)',
        registers: [registry],
      }),
      lastRunDurationSeconds: new Gauge({
        name: 'stockroom_retention_last_run_duration_seconds',
        help: 'How long the last retention run of this process took',
        registers: [registry],
      }),
      partitionsCreated: new Counter({
        name: 'stockroom_movement_partitions_created_total',
        help: 'Monthly partitions of the movement ledger created ahead of time',
        registers: [registry],
      }),
    },
    reads: {
      total: new Counter({
        name: 'stockroom_reads_total',
        help: 'Requests whose reads may lag, by use case and source (replica or primary)',
        labelNames: ['use_case', 'source'] as const,
        registers: [registry],
      }),
      fallbacks: new Counter({
        name: 'stockroom_read_replica_fallbacks_total',
        help: 'Reads sent to the primary instead of a replica, by reason (replica_down, replica_behind, read_only)',
        labelNames: ['reason'] as const,
        registers: [registry],
      }),
    },
    http: {
      requestDuration: new Histogram({
        name: 'stockroom_http_request_duration_seconds',
        help: 'HTTP requests by method, route template and status (the count is the request rate)',
        labelNames: ['method', 'route', 'status'] as const,
        buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        registers: [registry],
      }),
    },
    reservations: {
      outcomes: new Counter({
        name: 'stockroom_reservations_total',
        help: 'Order placements by outcome (placed, refused, replay, unknown, rejected)',
        labelNames: ['outcome'] as const,
        registers: [registry],
      }),
      batchSize: new Histogram({
        name: 'stockroom_reservation_batch_size',
        help: 'Orders committed in one transaction by the reservation batcher',
        buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
        registers: [registry],
      }),
    },
    collectProcessMetrics() {
      if (processMetrics) return;
      processMetrics = true;
      collectDefaultMetrics({ register: registry });
    },
  };
}
