/**
 * The webhook worker. Three steps, each its own short transaction, so that no transaction is
 * open while a receiver is being called (on embedded PGlite that would stall every request):
 *
 * 1. Fan out: each subscription's cursor moves over newly sequenced events; a delivery row is
 *    written for each event whose type it wants (cursor and rows in one transaction, the
 *    subscription row locked with SKIP LOCKED so only one process moves a cursor at a time).
 * 2. Claim: due deliveries are claimed with SELECT ... FOR UPDATE SKIP LOCKED and leased
 *    (`lease_until`) with their attempt number raised: no other process makes that attempt
 *    while the lease runs. Per subscription only the pending delivery with the lowest seq is
 *    eligible, so event n+1 is never sent before n was delivered or dead-lettered.
 * 3. Attempt: POST the event (outside any transaction, with a timeout), then record the attempt
 *    and the outcome: delivered on 2xx; otherwise a retry after a random wait up to
 *    min(max, base * 2^(n-1)) (full jitter), or dead-lettered after the last attempt. An
 *    outcome is recorded only while the attempt is still the delivery's latest, so a process
 *    whose lease ran out cannot overwrite a newer attempt.
 *
 * Delivery is at least once: a process that dies between the POST and the record makes the
 * attempt again after its lease expires. Receivers de-duplicate with Stockroom-Event-Id.
 */
import { lastSeq, readEvents } from '../db/events.ts';
import { signatureHeader } from '../domain/signing.ts';
import { DEFAULT_WEBHOOK_CONFIG, type WebhookConfig } from '../config.ts';
import type { AppContext } from './context.ts';

export interface DeliveryOptions extends WebhookConfig {
  /** In [0, 1): the jitter. Injected so tests are deterministic. */
  random: () => number;
  fetch: typeof fetch;
  /** The largest event body sent; a larger one is dead-lettered at once (a retry would not shrink it). */
  maxPayloadBytes: number;
}

/** 8 MiB: well above any event the API's 1 MiB request bodies produce (an order's allocations carry reasons). */
export const MAX_PAYLOAD_BYTES = 8 * 1024 * 1024;

export const defaultDeliveryOptions = (overrides: Partial<DeliveryOptions> = {}): DeliveryOptions => ({
  ...DEFAULT_WEBHOOK_CONFIG,
  random: Math.random,
  fetch: globalThis.fetch,
  maxPayloadBytes: MAX_PAYLOAD_BYTES,
  ...overrides,
});

/** Events looked at per subscription per fan-out transaction. */
const FAN_OUT_BATCH = 1000;
/** The longest error text kept per attempt. */
const MAX_ERROR_LENGTH = 500;

/** How long a claim holds a delivery: well past the request timeout, so a live attempt is never taken over. */
export const leaseMs = (options: Pick<WebhookConfig, 'timeoutMs'>) => options.timeoutMs * 2 + 30_000;

/** Full jitter: a random wait up to min(max, base * 2^(retry-1)), retry counting from 1. */
export function backoffMs(
  retry: number,
  options: Pick<DeliveryOptions, 'backoffBaseMs' | 'backoffMaxMs' | 'random'>,
) {
  const cap = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(retry - 1, 40));
  return Math.floor(options.random() * cap);
}

/**
 * Moves every subscription's cursor over the events sequenced since, writing a delivery per
 * matching event. Resolves true when some cursor may have more to read.
 */
export async function fanOutWebhooks(ctx: AppContext, batch = FAN_OUT_BATCH): Promise<boolean> {
  const { rows: hooks } = await ctx.db.query<{ id: string }>(
    'select id from webhooks where cursor_seq < (select coalesce(max(seq), 0) from events) order by id',
  );
  let more = false;
  for (const { id } of hooks) {
    more =
      (await ctx.db.transaction(async (tx) => {
        const { rows } = await tx.query<{ cursor_seq: number; event_types: string[] | null }>(
          'select cursor_seq, event_types from webhooks where id = $1 for update skip locked',
          [id],
        );
        const hook = rows[0];
        if (!hook) return false;
        const upTo = Math.min(hook.cursor_seq + batch, await lastSeq(tx));
        if (upTo <= hook.cursor_seq) return false;
        // Sequence numbers are gap-free, so (cursor, upTo] is exactly the next `batch` events.
        const { rows: events } = await tx.query<{ id: number; seq: number; type: string }>(
          `select id, seq, type from events
           where seq > $1 and seq <= $2 and ($3::text[] is null or type = any($3::text[]))
           order by seq`,
          [hook.cursor_seq, upTo, hook.event_types],
        );
        if (events.length > 0) {
          const now = ctx.clock();
          await tx.query(
            `insert into webhook_deliveries (id, webhook_id, event_seq, event_id, event_type, status,
                                             next_attempt_at, created_at)
             select t.id, $1, t.seq, t.event_id, t.type, 'pending', $2, $2
             from unnest($3::text[], $4::bigint[], $5::text[], $6::text[]) as t(id, seq, event_id, type)
             on conflict (webhook_id, event_seq) do nothing`,
            [
              id,
              now,
              events.map(() => ctx.newId('dlv')),
              events.map((e) => e.seq),
              events.map((e) => `evt_${e.id}`),
              events.map((e) => e.type),
            ],
          );
        }
        await tx.query('update webhooks set cursor_seq = $2 where id = $1', [id, upTo]);
        return upTo === hook.cursor_seq + batch;
      })) || more;
  }
  return more;
}

/** A claimed attempt: everything needed to make it, read in the claim's transaction. */
export interface ClaimedAttempt {
  deliveryId: string;
  webhookId: string;
  url: string;
  secret: string;
  eventSeq: number;
  eventId: string;
  eventType: string;
  attempt: number;
  /** Attempts since the delivery was created or last replayed: the retry schedule's count. */
  scheduled: number;
}

/** Claims up to `limit` due deliveries (at most one per subscription) and leases them. */
export async function claimDeliveries(
  ctx: AppContext,
  limit: number,
  options: Pick<WebhookConfig, 'timeoutMs'>,
): Promise<ClaimedAttempt[]> {
  if (limit <= 0) return [];
  const now = ctx.clock();
  // One statement: atomic on its own, no BEGIN/COMMIT round trips.
  const { rows } = await ctx.db.query<{
    id: string;
    webhook_id: string;
    url: string;
    secret: string;
    event_seq: number;
    event_id: string;
    event_type: string;
    attempts: number;
    schedule_base: number;
  }>(
    `with heads as (
       -- Each subscription's oldest pending delivery, through the partial index: the cost does
       -- not grow with a backlog, so a failing receiver's queue slows no other subscription.
       select h.id from webhooks w
       cross join lateral (
         select d.id from webhook_deliveries d
         where d.webhook_id = w.id and d.status = 'pending'
         order by d.event_seq limit 1) h
     ),
     due as (
       select d.id from webhook_deliveries d
       where d.id in (select id from heads)
         and d.status = 'pending' and d.next_attempt_at <= $1
         and (d.lease_until is null or d.lease_until <= $1)
       order by d.next_attempt_at, d.event_seq
       limit $2
       for update skip locked
     ),
     claimed as (
       update webhook_deliveries d set attempts = d.attempts + 1, lease_until = $3
       from due where d.id = due.id
       returning d.*
     )
     select c.id, c.webhook_id, w.url, w.secret, c.event_seq, c.event_id, c.event_type,
            c.attempts, c.schedule_base
     from claimed c join webhooks w on w.id = c.webhook_id
     order by c.event_seq`,
    [now, limit, new Date(now.getTime() + leaseMs(options))],
  );
  return rows.map((r) => ({
    deliveryId: r.id,
    webhookId: r.webhook_id,
    url: r.url,
    secret: r.secret,
    eventSeq: r.event_seq,
    eventId: r.event_id,
    eventType: r.event_type,
    attempt: r.attempts,
    scheduled: r.attempts - r.schedule_base,
  }));
}

export type AttemptOutcome = 'delivered' | 'retry' | 'dead' | 'superseded';

/** Makes one claimed attempt and records it. Never throws for the receiver's faults. */
export async function attemptDelivery(
  ctx: AppContext,
  claim: ClaimedAttempt,
  options: DeliveryOptions,
): Promise<AttemptOutcome> {
  const event = (await readEvents(ctx.db, claim.eventSeq - 1, 1))[0];
  let statusCode: number | null = null;
  let error: string | null = null;
  let permanent = false;
  const started = performance.now();
  const body = event && event.seq === claim.eventSeq ? JSON.stringify(event) : null;
  if (body === null) {
    error = `event ${claim.eventId} is no longer in the log`;
  } else if (Buffer.byteLength(body) > options.maxPayloadBytes) {
    error = `the event is ${Buffer.byteLength(body)} bytes, over the ${options.maxPayloadBytes}-byte limit for webhook payloads`;
    permanent = true;
  } else {
    try {
      const res = await options.fetch(claim.url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Stockroom-Webhooks/1',
          'stockroom-signature': signatureHeader(claim.secret, body, ctx.clock()),
          'stockroom-event-id': claim.eventId,
          'stockroom-event-type': claim.eventType,
          'stockroom-delivery-id': claim.deliveryId,
          'stockroom-delivery-attempt': String(claim.attempt),
        },
        body,
      });
      statusCode = res.status;
      // The answer's body is never read (not a byte of it is buffered): a receiver only needs
      // to say 2xx. Cancelling closes the connection if the receiver is still sending.
      await res.body?.cancel().catch(() => {});
      if (statusCode < 200 || statusCode > 299) error = `HTTP ${statusCode}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string; message?: string } };
      error =
        e.name === 'TimeoutError'
          ? `no answer within ${options.timeoutMs} ms`
          : (e.cause?.code ?? e.cause?.message ?? e.message ?? String(err));
    }
  }
  const durationMs = Math.round(performance.now() - started);
  return recordAttempt(ctx, claim, { statusCode, error, durationMs, permanent }, options);
}

async function recordAttempt(
  ctx: AppContext,
  claim: ClaimedAttempt,
  result: { statusCode: number | null; error: string | null; durationMs: number; permanent: boolean },
  options: DeliveryOptions,
): Promise<AttemptOutcome> {
  const now = ctx.clock();
  const error = result.error?.slice(0, MAX_ERROR_LENGTH) ?? null;
  const outcome: AttemptOutcome =
    error === null
      ? 'delivered'
      : result.permanent || claim.scheduled >= options.maxAttempts
        ? 'dead'
        : 'retry';
  const next = new Date(now.getTime() + (outcome === 'retry' ? backoffMs(claim.scheduled, options) : 0));
  // One statement (atomic without BEGIN/COMMIT round trips). Only the delivery's latest attempt
  // may record an outcome (a lease that ran out lost it); the attempt is logged with it.
  const { rows } = await ctx.db.query<{ recorded: number }>(
    `with updated as (
       update webhook_deliveries set
         status = $3, lease_until = null, last_status_code = $4, last_error = $5,
         next_attempt_at = $6,
         delivered_at = case when $3 = 'delivered' then $7::timestamptz else delivered_at end,
         dead_at = case when $3 = 'dead' then $7::timestamptz else dead_at end
       where id = $1 and attempts = $2 and status = 'pending'
       returning id),
     logged as (
       insert into webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
       select id, $2, $7, $4, $5, $8 from updated
       on conflict do nothing)
     select count(*)::int as recorded from updated`,
    [
      claim.deliveryId,
      claim.attempt,
      outcome === 'retry' ? 'pending' : outcome,
      result.statusCode,
      error,
      next,
      now,
      result.durationMs,
    ],
  );
  return rows[0]!.recorded === 0 ? 'superseded' : outcome;
}

/**
 * One pass of the worker, for tests and tools: fan out, then claim up to `concurrency` due
 * deliveries and make those attempts in parallel. Resolves with the outcomes.
 */
export async function deliverWebhooksPass(
  ctx: AppContext,
  options: DeliveryOptions = defaultDeliveryOptions(),
): Promise<AttemptOutcome[]> {
  while (await fanOutWebhooks(ctx));
  const claims = await claimDeliveries(ctx, options.concurrency, options);
  return Promise.all(claims.map((c) => attemptDelivery(ctx, c, options)));
}

/** Whether some subscription's cursor is behind the log: one cheap query, for the worker's watch. */
export async function webhooksBehind(ctx: AppContext): Promise<boolean> {
  const { rows } = await ctx.db.query<{ behind: boolean }>(
    `select exists (select 1 from webhooks
                    where cursor_seq < (select coalesce(max(seq), 0) from events)) as behind`,
  );
  return rows[0]?.behind ?? false;
}

/**
 * What one worker holds: requests in flight (each with one claimed attempt; nothing else is
 * queued in memory, a backlog stays in the database), the most ever in flight, attempts started.
 */
export interface WorkerStats {
  inFlight: number;
  peakInFlight: number;
  attempts: number;
}

/** How often the worker looks for newly sequenced events between its ticks. */
export const WATCH_MS = 50;

/**
 * The worker every server process runs: at most `concurrency` requests in flight; a free slot
 * is filled on the next tick, or at once when an attempt finishes (so a subscription's next
 * event follows without waiting for the interval). Slow receivers hold only their own slot.
 * A tick asked for while one runs runs again right after it, so no finished attempt's slot
 * waits for the interval. Between ticks the worker watches for newly sequenced events every
 * `watchMs` (one cheap query) and ticks at once when there are some, so a new event does not
 * wait for `intervalMs`, which then only paces retries that come due.
 */
export function startWebhookWorker(
  ctx: AppContext,
  options: DeliveryOptions & { onError: (err: unknown) => void; watchMs?: number },
): { stop: () => Promise<void>; stats: () => WorkerStats } {
  const inFlight = new Set<Promise<unknown>>();
  const counters: WorkerStats = { inFlight: 0, peakInFlight: 0, attempts: 0 };
  let ticking: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  const tick = () => {
    if (stopped) return;
    if (ticking) {
      again = true;
      return;
    }
    again = false;
    ticking = (async () => {
      while (await fanOutWebhooks(ctx));
      const claims = await claimDeliveries(ctx, options.concurrency - inFlight.size, options);
      for (const claim of claims) {
        const attempt: Promise<unknown> = attemptDelivery(ctx, claim, options)
          .catch(options.onError)
          .finally(() => {
            inFlight.delete(attempt);
            setImmediate(tick);
          });
        inFlight.add(attempt);
        counters.attempts++;
        counters.peakInFlight = Math.max(counters.peakInFlight, inFlight.size);
      }
    })()
      .catch(options.onError)
      .finally(() => {
        ticking = null;
        if (again) setImmediate(tick);
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  let watching: Promise<void> | null = null;
  const watch = setInterval(
    () => {
      if (watching || ticking || stopped) return;
      watching = webhooksBehind(ctx)
        .then((behind) => {
          if (behind) tick();
        })
        .catch(options.onError)
        .finally(() => {
          watching = null;
        });
    },
    options.watchMs ?? Math.min(WATCH_MS, options.intervalMs),
  );
  watch.unref();
  return {
    stats: () => ({ ...counters, inFlight: inFlight.size }),
    async stop() {
      stopped = true;
      clearInterval(timer);
      clearInterval(watch);
      await watching;
      await ticking;
      await Promise.all(inFlight);
    },
  };
}
