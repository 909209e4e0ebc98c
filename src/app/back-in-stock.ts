/**
 * Back-in-stock subscriptions: a shopper (by email) or a system (by webhook) waits for a SKU,
 * optionally in one region; unsubscribes with the token handed out at subscription. What is
 * waiting is also purchasing's demand signal (`waitingBySku`). Notifying is
 * src/app/back-in-stock-notifier.ts.
 */
import { randomBytes } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { fail } from '../domain/errors.ts';
import { requireKnown } from './catalog.ts';
import type { Actor, AppContext, CommandOptions, Outcome } from './context.ts';
import { runCommand } from './idempotency.ts';
import { checkOutboundUrl } from './outbound.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';

export const SUBSCRIPTION_STATUSES = ['waiting', 'sending', 'notified', 'failed', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

export interface SubscribeInput {
  sku: string;
  region?: string | undefined;
  contact: { email?: string | undefined; webhookUrl?: string | undefined; secret?: string | undefined };
}

export interface SubscriptionView {
  subscriptionId: number;
  sku: string;
  region: string | null;
  channel: 'email' | 'webhook';
  /** The email address, or the webhook URL. */
  target: string;
  status: SubscriptionStatus;
  /** Why it is still waiting, or why it failed. */
  note: string | null;
  attempts: number;
  lastError: string | null;
  createdAt: string;
  notifiedAt: string | null;
  unsubscribedAt: string | null;
}

export type Subscribed = SubscriptionView & {
  unsubscribeToken: string;
  unsubscribePath: string;
  /** For a webhook: the secret its deliveries are signed with (generated when none was given). */
  webhookSecret?: string;
};

export interface SubscriptionRow {
  id: number;
  token: string;
  sku: string;
  region: string | null;
  email: string | null;
  webhook_url: string | null;
  webhook_secret: string | null;
  status: SubscriptionStatus;
  note: string | null;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  notified_at: Date | null;
  unsubscribed_at: Date | null;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export const unsubscribePath = (token: string) => `/v1/back-in-stock-subscriptions/${token}/unsubscribe`;

export const subscriptionView = (r: SubscriptionRow): SubscriptionView => ({
  subscriptionId: r.id,
  sku: r.sku,
  region: r.region,
  channel: r.email !== null ? 'email' : 'webhook',
  target: r.email ?? r.webhook_url ?? '',
  status: r.status,
  note: r.note,
  attempts: r.attempts,
  lastError: r.last_error,
  createdAt: r.created_at.toISOString(),
  notifiedAt: iso(r.notified_at),
  unsubscribedAt: iso(r.unsubscribed_at),
});

// Deliberately simple: one @, no spaces, a dot in the domain. The mail server is the judge.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

async function checkContact(
  ctx: AppContext,
  contact: SubscribeInput['contact'],
  actor: Pick<Actor, 'role'> | undefined,
): Promise<void> {
  const { email, webhookUrl, secret } = contact;
  if ((email === undefined) === (webhookUrl === undefined)) {
    fail('invalid_contact', 'give exactly one of contact.email or contact.webhookUrl', {
      contact: Object.keys(contact),
    });
  }
  if (email !== undefined && !EMAIL.test(email)) {
    fail('invalid_contact', `"${email}" is not an email address`, { email });
  }
  if (webhookUrl !== undefined) {
    // A storefront key is public (it ships in a shop's front end): letting it name URLs the
    // server will call is handing the world an outbound request. Shoppers subscribe by email.
    if (actor?.role === 'storefront') {
      fail(
        'forbidden',
        'a storefront key may subscribe by email only; webhook subscribers need an operator or admin key',
        {
          role: actor.role,
          allowed: ['admin', 'operator'],
        },
      );
    }
    await checkOutboundUrl(ctx, webhookUrl, 'invalid_contact', 'contact.webhookUrl');
  }
  if (secret !== undefined && webhookUrl === undefined) {
    fail('invalid_contact', 'contact.secret goes with contact.webhookUrl', {});
  }
}

async function requireRegion(q: Queryable, region: string): Promise<void> {
  const { rows } = await q.query('select 1 from regions where code = $1', [region]);
  if (rows.length === 0) fail('unknown_region', `unknown region ${region}`, { region });
}

export async function subscribe(
  ctx: AppContext,
  input: SubscribeInput,
  opts: CommandOptions,
): Promise<Outcome<Subscribed>> {
  await checkContact(ctx, input.contact, opts.actor);
  await requireKnown(ctx.db, [input.sku], []);
  if (input.region) await requireRegion(ctx.db, input.region);
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['subscribe', input] },
    async (tx) => {
      const token = randomBytes(24).toString('base64url');
      const secret =
        input.contact.webhookUrl !== undefined
          ? (input.contact.secret ?? randomBytes(24).toString('base64url'))
          : null;
      const { rows } = await tx.query<SubscriptionRow>(
        `insert into back_in_stock_subscriptions
         (token, sku, region, email, webhook_url, webhook_secret, status, created_at, after_event_id)
       values ($1, $2, $3, $4, $5, $6, 'waiting', $7, (select coalesce(max(id), 0) from events))
       returning *`,
        [
          token,
          input.sku,
          input.region ?? null,
          input.contact.email ?? null,
          input.contact.webhookUrl ?? null,
          secret,
          ctx.clock(),
        ],
      );
      const body: Subscribed = {
        ...subscriptionView(rows[0]!),
        unsubscribeToken: token,
        unsubscribePath: unsubscribePath(token),
        ...(secret !== null ? { webhookSecret: secret } : {}),
      };
      return { created: true, body };
    },
  );
}

/** Unsubscribes by token; a repeat is harmless. Already notified or failed: left as it is. */
export async function unsubscribe(ctx: AppContext, token: string): Promise<SubscriptionView> {
  const { rows } = await ctx.db.query<SubscriptionRow>(
    `update back_in_stock_subscriptions
     set status = case when status in ('waiting', 'sending') then 'unsubscribed' else status end,
       unsubscribed_at = case when status in ('waiting', 'sending') then $2::timestamptz else unsubscribed_at end,
       next_attempt_at = null
     where token = $1 returning *`,
    [token, ctx.clock()],
  );
  if (!rows[0]) fail('unknown_subscription', 'no subscription has this token', {});
  return subscriptionView(rows[0]);
}

export async function listSubscriptions(
  ctx: AppContext,
  filter: {
    sku?: string | undefined;
    status?: SubscriptionStatus | undefined;
    cursor?: string | undefined;
    limit: number;
  },
): Promise<Page<SubscriptionView>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, ['int'])[0] : null;
  const { rows } = await ctx.db.query<SubscriptionRow>(
    `select * from back_in_stock_subscriptions
     where ($1::text is null or sku = $1) and ($2::text is null or status = $2)
       and ($3::bigint is null or id > $3)
     order by id limit $4`,
    [filter.sku ?? null, filter.status ?? null, after, filter.limit + 1],
  );
  const items = rows.slice(0, filter.limit).map(subscriptionView);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.subscriptionId]) : null,
  };
}

export interface WaitingForSku {
  sku: string;
  waiting: number;
  byRegion: { region: string | null; waiting: number }[];
}

/** How many wait for one SKU, overall and per region (null: any region). */
export async function waitingForSku(ctx: AppContext, sku: string): Promise<WaitingForSku> {
  await requireKnown(ctx.db, [sku], []);
  const { rows } = await ctx.db.query<{ region: string | null; n: number }>(
    `select region, count(*)::int as n from back_in_stock_subscriptions
     where sku = $1 and status = 'waiting' group by region order by region nulls first`,
    [sku],
  );
  return {
    sku,
    waiting: rows.reduce((n, r) => n + r.n, 0),
    byRegion: rows.map((r) => ({ region: r.region, waiting: r.n })),
  };
}

/** SKUs by how many people wait for them, most first: the demand signal for purchasing. */
export async function waitingBySku(
  ctx: AppContext,
  filter: { cursor?: string | undefined; limit: number },
): Promise<Page<{ sku: string; name: string; waiting: number }>> {
  const after = filter.cursor ? decodeCursor(filter.cursor, ['int', 'text']) : undefined;
  const { rows } = await ctx.db.query<{ sku: string; name: string; waiting: number }>(
    `select w.sku, k.name, w.waiting from (
       select sku, count(*)::int as waiting from back_in_stock_subscriptions
       where status = 'waiting' group by sku) w
     join skus k on k.sku = w.sku
     where $1::int is null or (w.waiting < $1 or (w.waiting = $1 and w.sku > $2::text))
     order by w.waiting desc, w.sku limit $3`,
    [after?.[0] ?? null, after?.[1] ?? null, filter.limit + 1],
  );
  const items = rows.slice(0, filter.limit);
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: rows.length > filter.limit && last ? encodeCursor([last.waiting, last.sku]) : null,
  };
}
