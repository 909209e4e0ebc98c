/**
 * Webhook subscriptions: a URL, the event types it wants and a signing secret. Each follows the
 * event log from the seq at which it was created, with its own cursor; the worker in
 * ./webhook-delivery.ts turns the events it passes into deliveries and makes the attempts.
 * This file holds the subscription and delivery records as the API shows them, and replays.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { lastSeq } from '../db/events.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext } from './context.ts';
import { EVENT_TYPES } from './events.ts';
import { checkOutboundUrl } from './outbound.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import { oldestRetainedEvent, RETENTION_LOCK } from './retention.ts';

/** `eventTypes: ["*"]` (or none given): every event type, also those added later. */
export const ALL_EVENT_TYPES = '*';

export interface WebhookInput {
  url: string;
  eventTypes?: string[] | undefined;
  secret?: string | undefined;
  description?: string | undefined;
  /** Events per request (1: one event per request, the event itself as the body). */
  batchSize?: number | undefined;
  ordering?: WebhookOrdering | undefined;
}

/** `log`: a subscription's events in log order; `stream`: in order within each stream only. */
export type WebhookOrdering = 'log' | 'stream';

export interface WebhookView {
  webhookId: string;
  url: string;
  eventTypes: string[];
  description: string | null;
  createdAt: string;
  /** Every event up to this seq has been looked at (a delivery exists where its type matched). */
  cursorSeq: number;
  pending: number;
  deadLetters: number;
  batchSize: number;
  ordering: WebhookOrdering;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'dead'];

export interface AttemptView {
  attempt: number;
  at: string;
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface DeliveryView {
  deliveryId: string;
  webhookId: string;
  eventId: string;
  eventSeq: number;
  eventType: string;
  status: DeliveryStatus;
  attempts: number;
  /** When the next attempt is due (pending only). */
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  deadAt: string | null;
  attemptLog: AttemptView[];
}

interface WebhookRow {
  id: string;
  url: string;
  event_types: string[] | null;
  secret: string;
  description: string | null;
  created_at: Date;
  cursor_seq: number;
  pending: number;
  dead: number;
  batch_size: number;
  ordering: WebhookOrdering;
}

interface DeliveryRow {
  id: string;
  webhook_id: string;
  event_seq: number;
  event_id: string;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
  dead_at: Date | null;
}

interface AttemptRow {
  delivery_id: string;
  attempt: number;
  at: Date;
  status_code: number | null;
  error: string | null;
  duration_ms: number;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

const webhookView = (r: WebhookRow): WebhookView => ({
  webhookId: r.id,
  url: r.url,
  eventTypes: r.event_types ?? [ALL_EVENT_TYPES],
  description: r.description,
  createdAt: r.created_at.toISOString(),
  cursorSeq: r.cursor_seq,
  pending: r.pending,
  deadLetters: r.dead,
  batchSize: r.batch_size,
  ordering: r.ordering,
});

const WEBHOOK_SELECT = `
  select w.*,
    (select count(*)::int from webhook_deliveries d where d.webhook_id = w.id and d.status = 'pending') as pending,
    (select count(*)::int from webhook_deliveries d where d.webhook_id = w.id and d.status = 'dead') as dead
  from webhooks w`;

/** Checks the URL (the outbound policy: ./outbound.ts) and event types; returns the types to store (null: all). */
async function validate(ctx: AppContext, input: WebhookInput): Promise<string[] | null> {
  await checkOutboundUrl(ctx, input.url, 'invalid_webhook', 'url');
  const types = input.eventTypes ?? [ALL_EVENT_TYPES];
  if (types.includes(ALL_EVENT_TYPES)) {
    if (types.length > 1)
      fail('invalid_webhook', `"${ALL_EVENT_TYPES}" means every event type and stands alone`, {
        eventTypes: types,
      });
    return null;
  }
  const unknown = types.filter((t) => !(EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    fail('invalid_webhook', `unknown event type(s): ${unknown.join(', ')}`, {
      unknown,
      known: [...EVENT_TYPES],
    });
  }
  return [...new Set(types)].sort();
}

export function generateSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** Creates a subscription starting after the last event sequenced so far; the secret is returned only here. */
export async function createWebhook(
  ctx: AppContext,
  input: WebhookInput,
): Promise<WebhookView & { secret: string }> {
  const types = await validate(ctx, input);
  const secret = input.secret ?? generateSecret();
  const id = ctx.newId('wh');
  await ctx.db.transaction(async (tx) => {
    await tx.query(
      `insert into webhooks (id, url, event_types, secret, description, created_at, cursor_seq, batch_size, ordering)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        id,
        input.url,
        types,
        secret,
        input.description ?? null,
        ctx.clock(),
        await lastSeq(tx),
        input.batchSize ?? 1,
        input.ordering ?? 'log',
      ],
    );
  });
  return { ...(await getWebhook(ctx, id)), secret };
}

async function webhookRow(q: Queryable, id: string): Promise<WebhookRow> {
  const { rows } = await q.query<WebhookRow>(`${WEBHOOK_SELECT} where w.id = $1`, [id]);
  if (!rows[0]) fail('unknown_webhook', `no webhook ${id}`, { webhookId: id });
  return rows[0];
}

export async function getWebhook(ctx: AppContext, id: string): Promise<WebhookView> {
  return webhookView(await webhookRow(ctx.db, id));
}

export async function listWebhooks(
  ctx: AppContext,
  filter: { cursor?: string | undefined; limit: number },
): Promise<Page<WebhookView>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, ['text'])[0] : '';
  const { rows } = await ctx.db.query<WebhookRow>(
    `${WEBHOOK_SELECT} where w.id > $1 order by w.id limit $2`,
    [after, filter.limit + 1],
  );
  const items = rows.slice(0, filter.limit).map(webhookView);
  const more = rows.length > filter.limit;
  return { items, nextCursor: more ? encodeCursor([items[items.length - 1]!.webhookId]) : null };
}

/** Removes the subscription with its deliveries; an attempt in flight finishes but is not recorded. */
export async function deleteWebhook(ctx: AppContext, id: string): Promise<WebhookView> {
  const view = await getWebhook(ctx, id);
  await ctx.db.query('delete from webhooks where id = $1', [id]);
  return view;
}

async function attemptsOf(q: Queryable, ids: string[]): Promise<Map<string, AttemptView[]>> {
  const out = new Map<string, AttemptView[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return out;
  const { rows } = await q.query<AttemptRow>(
    'select * from webhook_attempts where delivery_id = any($1::text[]) order by delivery_id, attempt',
    [ids],
  );
  for (const r of rows) {
    out.get(r.delivery_id)!.push({
      attempt: r.attempt,
      at: r.at.toISOString(),
      statusCode: r.status_code,
      error: r.error,
      durationMs: r.duration_ms,
    });
  }
  return out;
}

async function deliveryViews(q: Queryable, rows: DeliveryRow[]): Promise<DeliveryView[]> {
  const attempts = await attemptsOf(
    q,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({
    deliveryId: r.id,
    webhookId: r.webhook_id,
    eventId: r.event_id,
    eventSeq: r.event_seq,
    eventType: r.event_type,
    status: r.status,
    attempts: r.attempts,
    nextAttemptAt: r.status === 'pending' ? r.next_attempt_at.toISOString() : null,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    createdAt: r.created_at.toISOString(),
    deliveredAt: iso(r.delivered_at),
    deadAt: iso(r.dead_at),
    attemptLog: attempts.get(r.id)!,
  }));
}

/** A subscription's deliveries in log order, optionally of one status. */
export async function listDeliveries(
  ctx: AppContext,
  webhookId: string,
  filter: { status?: DeliveryStatus | undefined; cursor?: string | undefined; limit: number },
): Promise<Page<DeliveryView>> {
  await webhookRow(ctx.db, webhookId);
  const after = filter.cursor ? decodeCursor(filter.cursor, ['int'])[0] : 0;
  const { rows } = await ctx.db.query<DeliveryRow>(
    `select * from webhook_deliveries
     where webhook_id = $1 and event_seq > $2 and ($3::text is null or status = $3)
     order by event_seq limit $4`,
    [webhookId, after, filter.status ?? null, filter.limit + 1],
  );
  const items = await deliveryViews(ctx.db, rows.slice(0, filter.limit));
  const more = rows.length > filter.limit;
  return { items, nextCursor: more ? encodeCursor([items[items.length - 1]!.eventSeq]) : null };
}

/**
 * Puts dead-lettered deliveries back in the queue with a fresh retry schedule, due now. They
 * keep their place in log order: a subscription's later events wait behind them (see
 * docs/events.md). Returns the deliveries replayed.
 */
export async function replayDeadLetters(
  ctx: AppContext,
  webhookId: string,
  deliveryId?: string,
): Promise<DeliveryView[]> {
  await webhookRow(ctx.db, webhookId);
  return ctx.db.transaction(async (tx) => {
    // No pruning batch runs meanwhile: an event seen here stays until the replay is pending.
    await tx.query('select pg_advisory_xact_lock_shared($1)', [RETENTION_LOCK]);
    if (deliveryId !== undefined) {
      const { rows } = await tx.query<{ status: DeliveryStatus }>(
        'select status from webhook_deliveries where id = $1 and webhook_id = $2 for update',
        [deliveryId, webhookId],
      );
      if (!rows[0])
        fail('unknown_delivery', `webhook ${webhookId} has no delivery ${deliveryId}`, {
          webhookId,
          deliveryId,
        });
      if (rows[0].status !== 'dead')
        fail(
          'invalid_state',
          `delivery ${deliveryId} is ${rows[0].status}; only dead letters can be replayed`,
          {
            deliveryId,
            status: rows[0].status,
          },
        );
    }
    await requireEventsOfDeadLetters(tx, webhookId, deliveryId);
    const { rows } = await tx.query<DeliveryRow>(
      `update webhook_deliveries
       set status = 'pending', schedule_base = attempts, next_attempt_at = $3, dead_at = null, lease_until = null
       where webhook_id = $1 and status = 'dead' and ($2::text is null or id = $2)
       returning *`,
      [webhookId, deliveryId ?? null, ctx.clock()],
    );
    rows.sort((a, b) => a.event_seq - b.event_seq);
    return deliveryViews(tx, rows);
  });
}

/**
 * A dead letter whose event was pruned (it died long ago, past the retention window) cannot be
 * sent again: the replay is refused (410) naming those deliveries, never done without them.
 */
async function requireEventsOfDeadLetters(
  q: Queryable,
  webhookId: string,
  deliveryId: string | undefined,
): Promise<void> {
  const { rows } = await q.query<{ id: string; event_id: string }>(
    `select d.id, d.event_id from webhook_deliveries d
     where d.webhook_id = $1 and d.status = 'dead' and ($2::text is null or d.id = $2)
       and not exists (select 1 from events e where e.seq = d.event_seq)
     order by d.event_seq limit 100`,
    [webhookId, deliveryId ?? null],
  );
  if (rows.length === 0) return;
  const oldest = await oldestRetainedEvent(q);
  fail(
    'events_pruned',
    `${rows.length === 100 ? 'at least 100' : rows.length} dead letter(s) name events no longer kept (past the retention window); replay the others one by one, or let these expire`,
    {
      deliveryIds: rows.map((r) => r.id),
      eventIds: rows.map((r) => r.event_id),
      oldestSeq: oldest?.seq ?? null,
      oldestEventId: oldest ? `evt_${oldest.id}` : null,
    },
  );
}
