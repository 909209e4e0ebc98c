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
import { lastSeq, readEvents, readEventsBySeq } from '../db/events.ts';
import { signatureHeader } from '../domain/signing.ts';
import { DEFAULT_WEBHOOK_CONFIG, type WebhookConfig } from '../config.ts';
import type { AppContext } from './context.ts';
import { outboundFetch } from './outbound.ts';
import { OutagePause } from './background.ts';

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
  // Through the SSRF policy (./outbound.ts): checked addresses only, no redirects.
  fetch: outboundFetch,
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
        const { rows: events } = await tx.query<{ id: number; seq: number; type: string; stream: string }>(
          `select id, seq, type, stream from events
           where seq > $1 and seq <= $2 and ($3::text[] is null or type = any($3::text[]))
           order by seq`,
          [hook.cursor_seq, upTo, hook.event_types],
        );
        if (events.length > 0) {
          const now = ctx.clock();
          await tx.query(
            `insert into webhook_deliveries (id, webhook_id, event_seq, event_id, event_type, event_stream,
                                             status, next_attempt_at, created_at)
             select t.id, $1, t.seq, t.event_id, t.type, t.stream, 'pending', $2, $2
             from unnest($3::text[], $4::bigint[], $5::text[], $6::text[], $7::text[])
                  as t(id, seq, event_id, type, stream)
             on conflict (webhook_id, event_seq) do nothing`,
            [
              id,
              now,
              events.map(() => ctx.newId('dlv')),
              events.map((e) => e.seq),
              events.map((e) => `evt_${e.id}`),
              events.map((e) => e.type),
              events.map((e) => e.stream),
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
  /** The subscription takes `{"events": [...]}` (batch_size over 1). */
  batched: boolean;
  /** Deliveries of one group go in one request. */
  group: string;
}

/**
 * How far into a subscription's pending deliveries the claim looks for stream heads (ordering
 * `stream`): bounded, so a long backlog costs no more than this per claim.
 */
const STREAM_WINDOW = 500;

/**
 * Claims due deliveries for up to `limit` requests and leases them. A request is a group of
 * deliveries of one subscription (`group`): with `ordering = 'log'` the first `batch_size`
 * pending deliveries when none of them is in flight (so event n+1 never goes before n); with
 * `ordering = 'stream'` the oldest pending delivery of each stream, up to
 * `endpointConcurrency` requests of `batch_size` per subscription in flight at once.
 */
export async function claimDeliveries(
  ctx: AppContext,
  limit: number,
  options: Pick<WebhookConfig, 'timeoutMs'> & { endpointConcurrency?: number },
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
    batch_size: number;
    req_no: number;
  }>(
    `with cand as (
       -- Each subscription's oldest pending deliveries, through the partial index: the cost
       -- does not grow with a backlog, so a failing receiver's queue slows no other subscription.
       select d.id, d.webhook_id, d.event_seq, d.event_stream, w.batch_size, w.ordering,
              (d.next_attempt_at <= $1 and (d.lease_until is null or d.lease_until <= $1)) as ready,
              (d.lease_until is not null and d.lease_until > $1) as leased
       from webhooks w
       cross join lateral (
         select * from webhook_deliveries d
         where d.webhook_id = w.id and d.status = 'pending'
         order by d.event_seq
         limit case when w.ordering = 'stream' then $4::int else w.batch_size end) d
     ),
     busy as (select webhook_id, count(*) filter (where leased) as n from cand group by webhook_id),
     eligible as (
       select c.*,
              row_number() over (partition by c.webhook_id order by c.event_seq) as rn,
              bool_and(c.ready) over (partition by c.webhook_id order by c.event_seq) as prefix_ready
       from cand c
       where c.ordering = 'log'
          or (c.ready and not exists (
                select 1 from webhook_deliveries e
                where e.webhook_id = c.webhook_id and e.status = 'pending'
                  and e.event_stream is not distinct from c.event_stream and e.event_seq < c.event_seq))
     ),
     picked as (
       select e.id, e.webhook_id,
              case when e.ordering = 'log' then 0 else (e.rn - 1) / e.batch_size end as req_no
       from eligible e join busy b using (webhook_id)
       where (e.ordering = 'log' and e.prefix_ready)
          or (e.ordering = 'stream' and e.rn <= $5::int * e.batch_size - b.n)
     ),
     ranked as (select p.*, dense_rank() over (order by p.req_no, p.webhook_id) as r from picked p),
     due as (
       select d.id, r.req_no from webhook_deliveries d join ranked r on r.id = d.id
       where r.r <= $2
         and d.status = 'pending' and d.next_attempt_at <= $1
         and (d.lease_until is null or d.lease_until <= $1)
       for update of d skip locked
     ),
     claimed as (
       update webhook_deliveries d set attempts = d.attempts + 1, lease_until = $3
       from due where d.id = due.id
       returning d.*, due.req_no
     )
     select c.id, c.webhook_id, w.url, w.secret, c.event_seq, c.event_id, c.event_type,
            c.attempts, c.schedule_base, w.batch_size, c.req_no::int as req_no
     from claimed c join webhooks w on w.id = c.webhook_id
     order by c.event_seq`,
    [now, limit, new Date(now.getTime() + leaseMs(options)), STREAM_WINDOW, options.endpointConcurrency ?? 1],
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
    batched: r.batch_size > 1,
    group: `${r.webhook_id}/${r.req_no}`,
  }));
}

/** Claims grouped into requests, each group in log order. */
export function groupClaims(claims: ClaimedAttempt[]): ClaimedAttempt[][] {
  const groups = new Map<string, ClaimedAttempt[]>();
  for (const c of claims) {
    const g = groups.get(c.group);
    if (g) g.push(c);
    else groups.set(c.group, [c]);
  }
  return [...groups.values()];
}

export type AttemptOutcome = 'delivered' | 'retry' | 'dead' | 'superseded';

interface PostResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  permanent: boolean;
}

/** POSTs one signed body (outside any transaction, with the timeout). Never throws for the receiver's faults. */
async function post(
  ctx: AppContext,
  url: string,
  secret: string,
  body: string | null,
  missing: string,
  headers: Record<string, string>,
  options: DeliveryOptions,
): Promise<PostResult> {
  let statusCode: number | null = null;
  let error: string | null = null;
  let permanent = false;
  const started = performance.now();
  if (body === null) {
    error = missing;
  } else if (Buffer.byteLength(body) > options.maxPayloadBytes) {
    error = `the ${headers['stockroom-event-count'] ? 'batch' : 'event'} is ${Buffer.byteLength(body)} bytes, over the ${options.maxPayloadBytes}-byte limit for webhook payloads`;
    permanent = true;
  } else {
    try {
      // Every request goes through the injected fetch (the outbound policy's one entry point).
      const res = await options.fetch(url, {
        method: 'POST',
        redirect: 'manual',
        signal: AbortSignal.timeout(options.timeoutMs),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Stockroom-Webhooks/1',
          'stockroom-signature': signatureHeader(secret, body, ctx.clock()),
          ...headers,
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
  return { statusCode, error, durationMs: Math.round(performance.now() - started), permanent };
}

/** Makes one claimed attempt and records it. Never throws for the receiver's faults. */
export async function attemptDelivery(
  ctx: AppContext,
  claim: ClaimedAttempt,
  options: DeliveryOptions,
): Promise<AttemptOutcome> {
  const event = (await readEvents(ctx.db, claim.eventSeq - 1, 1))[0];
  const body = event && event.seq === claim.eventSeq ? JSON.stringify(event) : null;
  const result = await post(
    ctx,
    claim.url,
    claim.secret,
    body,
    `event ${claim.eventId} is no longer in the log`,
    {
      'stockroom-event-id': claim.eventId,
      'stockroom-event-type': claim.eventType,
      'stockroom-delivery-id': claim.deliveryId,
      'stockroom-delivery-attempt': String(claim.attempt),
    },
    options,
  );
  return recordAttempt(ctx, claim, result, options);
}

/**
 * Makes one request for a group of claims and records its outcome for each. A subscription
 * with batch_size over 1 receives `{"events": [...]}` in log order; the group succeeds or
 * fails as a whole.
 */
export async function attemptGroup(
  ctx: AppContext,
  claims: ClaimedAttempt[],
  options: DeliveryOptions,
): Promise<AttemptOutcome[]> {
  const first = claims[0]!;
  if (claims.length === 1 && !first.batched) return [await attemptDelivery(ctx, first, options)];
  const events = await readEventsBySeq(
    ctx.db,
    claims.map((c) => c.eventSeq),
  );
  const body = events.length === claims.length ? JSON.stringify({ events }) : null;
  const result = await post(
    ctx,
    first.url,
    first.secret,
    body,
    'an event of the batch is no longer in the log',
    {
      'stockroom-event-count': String(claims.length),
      'stockroom-event-id': claims.map((c) => c.eventId).join(','),
      'stockroom-delivery-id': claims.map((c) => c.deliveryId).join(','),
      'stockroom-delivery-attempt': String(Math.max(...claims.map((c) => c.attempt))),
    },
    options,
  );
  return recordAttempts(ctx, claims, result, options);
}

type PostOutcome = {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  permanent: boolean;
};

async function recordAttempt(
  ctx: AppContext,
  claim: ClaimedAttempt,
  result: PostOutcome,
  options: DeliveryOptions,
): Promise<AttemptOutcome> {
  return (await recordAttempts(ctx, [claim], result, options))[0]!;
}

/**
 * Records one request's outcome for each of its claims in one statement (a batch of 50 is one
 * round trip, not 50: the round trips bounded a batched subscription's throughput). Only a
 * delivery's latest attempt may record an outcome (a lease that ran out lost it); the attempt
 * is logged with it. Answers each claim's outcome, in order.
 */
async function recordAttempts(
  ctx: AppContext,
  claims: readonly ClaimedAttempt[],
  result: PostOutcome,
  options: DeliveryOptions,
): Promise<AttemptOutcome[]> {
  const now = ctx.clock();
  const error = result.error?.slice(0, MAX_ERROR_LENGTH) ?? null;
  const outcomes = claims.map((claim): AttemptOutcome =>
    error === null
      ? 'delivered'
      : result.permanent || claim.scheduled >= options.maxAttempts
        ? 'dead'
        : 'retry',
  );
  const next = claims.map(
    (claim, i) =>
      new Date(now.getTime() + (outcomes[i] === 'retry' ? backoffMs(claim.scheduled, options) : 0)),
  );
  const { rows } = await ctx.db.query<{ id: string }>(
    `with t as (
       select * from unnest($1::text[], $2::int[], $3::text[], $4::timestamptz[])
         as t(id, attempt, status, next_attempt_at)),
     updated as (
       update webhook_deliveries d set
         status = t.status, lease_until = null, last_status_code = $5, last_error = $6,
         next_attempt_at = t.next_attempt_at,
         delivered_at = case when t.status = 'delivered' then $7::timestamptz else d.delivered_at end,
         dead_at = case when t.status = 'dead' then $7::timestamptz else d.dead_at end
       from t
       where d.id = t.id and d.attempts = t.attempt and d.status = 'pending'
       returning d.id, t.attempt),
     logged as (
       insert into webhook_attempts (delivery_id, attempt, at, status_code, error, duration_ms)
       select id, attempt, $7, $5, $6, $8 from updated
       on conflict do nothing)
     select id from updated`,
    [
      claims.map((c) => c.deliveryId),
      claims.map((c) => c.attempt),
      outcomes.map((o) => (o === 'retry' ? 'pending' : o)),
      next,
      result.statusCode,
      error,
      now,
      result.durationMs,
    ],
  );
  const recorded = new Set(rows.map((r) => String(r.id)));
  return claims.map((c, i) => (recorded.has(String(c.deliveryId)) ? outcomes[i]! : 'superseded'));
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
  return (await Promise.all(groupClaims(claims).map((g) => attemptGroup(ctx, g, options)))).flat();
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
 * wait for `intervalMs`, which then only paces retries that come due. With `watchMs: 0` there
 * is no watch: the caller calls `logMoved()` whenever it numbered events (PGlite, where the
 * sequencer of this process numbers every event).
 */
export function startWebhookWorker(
  ctx: AppContext,
  options: DeliveryOptions & { onError: (err: unknown) => void; watchMs?: number },
): { stop: () => Promise<void>; stats: () => WorkerStats; logMoved: () => void } {
  const inFlight = new Set<Promise<unknown>>();
  const counters: WorkerStats = { inFlight: 0, peakInFlight: 0, attempts: 0 };
  let ticking: Promise<void> | null = null;
  let again = false;
  let stopped = false;
  // While the database is away the worker pauses like the other loops (background.ts).
  const pause = new OutagePause(options.onError);
  const tick = () => {
    if (stopped || !pause.ready()) return;
    if (ticking) {
      again = true;
      return;
    }
    again = false;
    ticking = (async () => {
      while (await fanOutWebhooks(ctx));
      const claims = await claimDeliveries(ctx, options.concurrency - inFlight.size, options);
      for (const group of groupClaims(claims)) {
        const attempt: Promise<unknown> = attemptGroup(ctx, group, options)
          .catch((err: unknown) => pause.failed(err))
          .finally(() => {
            inFlight.delete(attempt);
            setImmediate(tick);
          });
        inFlight.add(attempt);
        counters.attempts++;
        counters.peakInFlight = Math.max(counters.peakInFlight, inFlight.size);
      }
    })()
      .then(
        () => pause.succeeded(),
        (err: unknown) => pause.failed(err),
      )
      .finally(() => {
        ticking = null;
        if (again) setImmediate(tick);
      });
  };
  const timer = setInterval(tick, options.intervalMs);
  timer.unref();
  let watching: Promise<void> | null = null;
  const watchMs = options.watchMs ?? Math.min(WATCH_MS, options.intervalMs);
  const watch =
    watchMs > 0
      ? setInterval(() => {
          if (watching || ticking || stopped || !pause.ready()) return;
          watching = webhooksBehind(ctx)
            .then((behind) => {
              pause.succeeded();
              if (behind) tick();
            })
            .catch((err: unknown) => pause.failed(err))
            .finally(() => {
              watching = null;
            });
        }, watchMs)
      : null;
  watch?.unref();
  return {
    stats: () => ({ ...counters, inFlight: inFlight.size }),
    logMoved: tick,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (watch) clearInterval(watch);
      await watching;
      await ticking;
      await Promise.all(inFlight);
    },
  };
}
