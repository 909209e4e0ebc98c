/**
 * The maintenance job (docs/retention.md): prunes what is past its retention window and
 * prepares the movement ledger's monthly partitions ahead of time. Every server process runs
 * it; one at a time works (an advisory lock per batch), and each batch is one short statement
 * of at most `batchSize` rows in its own transaction, so it never holds locks that writers wait
 * on for long, and on embedded PGlite requests are served between batches.
 *
 * What is removed, and what is never removed:
 * - idempotency keys older than `idempotencyTtlMs` (they no longer answer anyway);
 * - webhook deliveries delivered or dead-lettered more than `eventRetentionMs` ago, with their
 *   attempts; pending deliveries never;
 * - the daily demand counts (`position_demand_days`) of days before the alert evaluator's
 *   window, which nothing reads;
 * - events older than `eventRetentionMs` that every consumer has passed: below every webhook
 *   subscription's cursor, every NATS cursor and every event-log follower's position, older
 *   than every pending webhook delivery and every back-in-stock notification being sent. The
 *   newest event is always kept (the log's next number is counted from it).
 * The movement ledger is never pruned: old months are detached and archived by hand.
 */
import type { Queryable } from '../db/database.ts';
import { DEMAND_WINDOW_DAYS } from '../domain/alerts.ts';
import { fail } from '../domain/errors.ts';
import { DAY_MS } from '../domain/time.ts';
import type { AppContext } from './context.ts';

/** Serialises maintenance batches across processes (and dead-letter replays against them). */
export const RETENTION_LOCK = 7_302_121;

/** The most batches per table in one run: a large backlog clears over several runs. */
const MAX_BATCHES_PER_RUN = 200;

/** How far ahead monthly ledger partitions are created. */
const MONTHS_AHEAD = 2;

export interface RetentionRun {
  events: number;
  webhookDeliveries: number;
  idempotencyKeys: number;
  /** Daily demand counts older than the alert evaluator's window (`position_demand_days`). */
  demandDays: number;
  partitionsCreated: number;
  /** False when another process held the lock: this run did nothing. */
  ran: boolean;
}

type Pruner = {
  table: 'events' | 'webhook_deliveries' | 'idempotency_keys' | 'position_demand_days';
  /** Where the run reports how many rows it removed. */
  counted: 'events' | 'webhookDeliveries' | 'idempotencyKeys' | 'demandDays';
  /** How long its rows are kept, in ms. */
  keptMs: (retention: AppContext['retention']) => number;
  sql: string;
};

const PRUNERS: Pruner[] = [
  {
    table: 'idempotency_keys',
    counted: 'idempotencyKeys',
    keptMs: (r) => r.idempotencyTtlMs,
    sql: `with old as (
            select actor_id, key from idempotency_keys where created_at < $1 order by created_at limit $2)
          delete from idempotency_keys k using old where k.actor_id = old.actor_id and k.key = old.key`,
  },
  {
    // Attempts go with their delivery (on delete cascade).
    table: 'webhook_deliveries',
    counted: 'webhookDeliveries',
    keptMs: (r) => r.eventRetentionMs,
    sql: `with old as (
            select id from webhook_deliveries
            where status <> 'pending' and coalesce(delivered_at, dead_at) < $1
            order by coalesce(delivered_at, dead_at) limit $2)
          delete from webhook_deliveries d using old where d.id = old.id`,
  },
  {
    // Daily demand counts (migration 044) older than the alert evaluator's window: their day
    // is before the cutoff's UTC day.
    table: 'position_demand_days',
    counted: 'demandDays',
    keptMs: () => DEMAND_WINDOW_DAYS * DAY_MS,
    sql: `with old as (
            select sku, warehouse, day from position_demand_days
            where day < ($1::timestamptz at time zone 'UTC')::date order by day limit $2)
          delete from position_demand_days d using old
          where d.sku = old.sku and d.warehouse = old.warehouse and d.day = old.day`,
  },
  {
    // The oldest `limit` events below the horizon, of which those past the window: a bounded
    // scan of the seq index even when nothing is old enough.
    table: 'events',
    counted: 'events',
    keptMs: (r) => r.eventRetentionMs,
    sql: `with horizon as (
            select least(
              (select max(seq) from events),
              (select min(cursor_seq) + 1 from webhooks),
              (select min(cursor_seq) + 1 from nats_cursors),
              (select min(after_seq) + 1 from event_followers),
              (select min(event_seq) from webhook_deliveries where status = 'pending'),
              (select min(announcement_seq) from back_in_stock_subscriptions where status = 'sending')
            ) as seq),
          oldest as (
            select e.id, e.at from events e
            where e.seq < (select seq from horizon)
            order by e.seq limit $2)
          delete from events e using oldest where e.id = oldest.id and oldest.at < $1`,
  },
];

async function withLock<T>(ctx: AppContext, work: (q: Queryable) => Promise<T>): Promise<T | null> {
  return ctx.db.transaction(async (tx) => {
    const { rows } = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [
      RETENTION_LOCK,
    ]);
    if (!rows[0]!.locked) return null;
    return work(tx);
  });
}

/** Lets requests in between batches (PGlite serves one statement at a time). */
const yieldToRequests = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Creates the ledger's partitions for this month and the next ones, where missing. */
export async function ensureMovementPartitions(ctx: AppContext, monthsAhead = MONTHS_AHEAD): Promise<number> {
  const now = ctx.clock();
  let created = 0;
  for (let i = 0; i <= monthsAhead; i++) {
    const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + i, 1));
    const made = await withLock(ctx, async (q) => {
      // Creating a partition locks the parent briefly: wait for it a little, else next run.
      await q.query(`set local lock_timeout = '2s'`);
      const { rows } = await q.query<{ made: boolean }>(
        'select stockroom_ensure_movement_partition($1) as made',
        [month],
      );
      return rows[0]!.made;
    });
    if (made) created++;
  }
  return created;
}

/** One maintenance run: partitions ahead, then each table pruned in batches. */
export async function runRetention(ctx: AppContext): Promise<RetentionRun> {
  const started = performance.now();
  const { retention, metrics } = ctx;
  const run: RetentionRun = {
    events: 0,
    webhookDeliveries: 0,
    idempotencyKeys: 0,
    demandDays: 0,
    partitionsCreated: 0,
    ran: true,
  };
  run.partitionsCreated = await ensureMovementPartitions(ctx);
  metrics.retention.partitionsCreated.inc(run.partitionsCreated);
  const now = ctx.clock().getTime();
  for (const pruner of PRUNERS) {
    const cutoff = new Date(now - pruner.keptMs(retention));
    let total = 0;
    for (let batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
      const deleted = await withLock(ctx, async (q) => {
        const { rows } = await q.query<{ n: number }>(
          `with deleted as (${pruner.sql} returning 1) select count(*)::int as n from deleted`,
          [cutoff, retention.batchSize],
        );
        return rows[0]!.n;
      });
      if (deleted === null) {
        run.ran = false;
        break;
      }
      total += deleted;
      if (deleted < retention.batchSize) break;
      await yieldToRequests();
    }
    metrics.retention.prunedRows.inc({ table: pruner.table }, total);
    run[pruner.counted] = total;
    if (!run.ran) break;
  }
  metrics.retention.lastRunSeconds.set(Date.now() / 1000);
  metrics.retention.lastRunDurationSeconds.set((performance.now() - started) / 1000);
  return run;
}

/** Runs the job every `intervalMs` (0: never) until stopped. */
export function startRetentionJob(
  ctx: AppContext,
  options: { onError: (err: unknown) => void; onRun?: (run: RetentionRun) => void },
): { stop: () => Promise<void> } {
  const intervalMs = ctx.retention.intervalMs;
  if (intervalMs <= 0) return { stop: async () => {} };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running) return;
    running = runRetention(ctx)
      .then((run) => options.onRun?.(run))
      .catch(options.onError)
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  // The first run at start-up, so that this month's partition exists before much is written.
  const first = setTimeout(tick, 0);
  first.unref();
  return {
    async stop() {
      clearInterval(timer);
      clearTimeout(first);
      await running;
    },
  };
}

/** The oldest event still in the log, or null for an empty log. */
export async function oldestRetainedEvent(q: Queryable): Promise<{ seq: number; id: number } | null> {
  const { rows } = await q.query<{ seq: number; id: number }>(
    'select seq, id from events where seq is not null order by seq limit 1',
  );
  return rows[0] ?? null;
}

/**
 * Refuses to read the log from `after` when events after it were pruned: the reader would
 * silently miss them. Reading from the oldest retained event's predecessor (or later) is fine,
 * and so is `after` 0, which means "from the start of the log as it is kept".
 */
export async function requireRetainedAfter(q: Queryable, after: number): Promise<void> {
  if (after === 0) return;
  const oldest = await oldestRetainedEvent(q);
  if (oldest && after < oldest.seq - 1) {
    fail(
      'events_pruned',
      `events after seq ${after} are no longer kept: the oldest retained event is seq ${oldest.seq}; read from after=${oldest.seq - 1} and reconcile what was missed from current state`,
      { after, oldestSeq: oldest.seq, oldestEventId: `evt_${oldest.id}` },
    );
  }
}
