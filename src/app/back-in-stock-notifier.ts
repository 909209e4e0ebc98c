/**
 * Back-in-stock notifications. Announcing follows the event log (`sku.back_in_stock` since its
 * stored cursor): each announcement picks the waiting subscribers of that SKU whose region
 * matches (none for an overall announcement, or the announced region), first come first
 * served, at most ceil(multiple x sellable units), and marks them `sending`; the rest keep
 * waiting for the next announcement. Delivering claims due `sending` rows (a lease through
 * `next_attempt_at`, SKIP LOCKED), checks the SKU is still sellable (in the subscriber's region)
 * and otherwise puts it back to `waiting`, sends outside any transaction, then records `notified`,
 * or a retry with backoff, or `failed` after the last attempt. A crash between sending and
 * recording sends again: delivery is at least once.
 */
import { lastSeq } from '../db/events.ts';
import { keyOf } from '../domain/keys.ts';
import { advanceFollower, claimFollower, followerBehind, tryExclusive } from './alert-follower.ts';
import { startDrainLoop } from './background.ts';
import type { EmailSender, Notice, WebhookSender } from './back-in-stock-delivery.ts';
import { unsubscribePath, type SubscriptionRow } from './back-in-stock.ts';
import { availability } from './availability.ts';
import type { AppContext } from './context.ts';

const ANNOUNCER_LOCK = 7_302_120;
const FOLLOWER = 'back-in-stock';
const BATCH = 5000;
/** Announcements with waiting subscribers acted on in one pass (one transaction). */
const MAX_ANNOUNCEMENTS_PER_PASS = 100;
const EMAIL_NOT_CONFIGURED = 'email delivery is not configured (SMTP_URL is not set): still waiting';

export interface NotifierOptions {
  /** Notify at most ceil(multiple x sellable) subscribers per announcement. */
  multiple: number;
  /** null: no SMTP configured, email subscribers keep waiting. */
  email: EmailSender | null;
  webhook: WebhookSender;
  /** Absolute base for unsubscribe links, e.g. https://stock.example.com */
  publicUrl: string;
  /** Attempts per notice, and the first retry's wait (then x4 each time). */
  maxAttempts?: number;
  retryBaseMs?: number;
  /** How long a claimed notice is left to its sender before another process may try. */
  leaseMs?: number;
  /**
   * A notice found sold out at sending time waits; this long after, it is looked at again, in
   * case the SKU came back with no new announcement (until an out-of-stock one is made).
   */
  recheckMs?: number;
}

export const DEFAULT_MULTIPLE = 3;
const DEFAULT_MAX_ATTEMPTS = 4;
const DEFAULT_RETRY_BASE_MS = 30_000;
const DEFAULT_LEASE_MS = 120_000;
const DEFAULT_RECHECK_MS = 30_000;

/** How many an announcement of `sellable` units may notify. */
export const notifyCap = (multiple: number, sellable: number): number =>
  Math.max(0, Math.ceil(multiple * Math.max(0, sellable)));

/** One pass over the announcements since the cursor. Resolves true when the log goes on. */
export async function announcePass(
  ctx: AppContext,
  opts: Pick<NotifierOptions, 'multiple' | 'email'>,
): Promise<boolean> {
  if (!(await followerBehind(ctx.db, FOLLOWER))) return false;
  return ctx.db.transaction(async (tx) => {
    if (!(await tryExclusive(tx, ANNOUNCER_LOCK))) return false;
    const after = await claimFollower(tx, FOLLOWER);
    const end = await lastSeq(tx);
    const upTo = Math.min(end, after + BATCH);
    if (upTo <= after) return false;
    const { rows } = await tx.query<{
      id: number;
      seq: number;
      type: 'sku.back_in_stock' | 'sku.out_of_stock';
      sku: string;
      region: string | null;
      sellable: number;
    }>(
      `select id, seq, type, data->>'sku' as sku, data->>'region' as region,
              (data->>'sellable')::bigint as sellable
       from events where seq > $1 and seq <= $2 and type in ('sku.back_in_stock', 'sku.out_of_stock')
       order by seq`,
      [after, upTo],
    );
    // Both updates below touch waiting subscriptions only, and neither makes one: an
    // announcement of a SKU nobody waits for (every SKU of a bulk import comes into stock at
    // once) has nothing to do, and is skipped without a statement of its own.
    const { rows: awaited } = await tx.query<{ sku: string; region: string | null }>(
      `select distinct sku, region from back_in_stock_subscriptions
       where sku = any($1::text[]) and status = 'waiting'`,
      [[...new Set(rows.map((a) => a.sku))]],
    );
    // Per SKU and region, as both updates match them (an overall announcement: region null).
    const waitedFor = new Set(awaited.map((r) => regionKey(r.sku, r.region)));
    const todo = rows.filter((a) => waitedFor.has(regionKey(a.sku, a.region)));
    // A pass holds its transaction while it works, and on embedded PGlite every other query
    // waits for it (orders included): at most this many announcements a pass, the rest next.
    const handled = todo.slice(0, MAX_ANNOUNCEMENTS_PER_PASS);
    const through = handled.length < todo.length ? handled.at(-1)!.seq : upTo;
    const now = ctx.clock();
    for (const a of handled) {
      if (a.type === 'sku.out_of_stock') {
        // Sold out for all to see: who was waiting for a second look now waits for the next
        // back-in-stock announcement instead.
        await tx.query(
          `update back_in_stock_subscriptions set next_attempt_at = null
           where sku = $1 and status = 'waiting' and region is not distinct from $2::text
             and next_attempt_at is not null`,
          [a.sku, a.region],
        );
        continue;
      }
      // Only subscribers who were already waiting when the announcement was written: a notice
      // of an earlier restock, read late, would tell a newcomer of units that may be gone.
      await tx.query(
        `with picked as (
           select id from back_in_stock_subscriptions
           where sku = $1 and status = 'waiting' and region is not distinct from $2::text
             and ($4::boolean or email is null) and coalesce(after_event_id, 0) < $7
           order by id limit $3 for update)
         update back_in_stock_subscriptions s
         set status = 'sending', announcement_seq = $5, next_attempt_at = $6, note = null
         from picked where s.id = picked.id`,
        [a.sku, a.region, notifyCap(opts.multiple, a.sellable), opts.email !== null, a.seq, now, a.id],
      );
      if (opts.email === null) {
        await tx.query(
          `update back_in_stock_subscriptions set note = $3
           where sku = $1 and status = 'waiting' and region is not distinct from $2::text
             and email is not null`,
          [a.sku, a.region, EMAIL_NOT_CONFIGURED],
        );
      }
    }
    await advanceFollower(tx, FOLLOWER, through);
    return through < end;
  });
}

type Claimed = SubscriptionRow & { name: string };

/**
 * Sends the due notices (up to `limit`), in subscription order. Returns how many it claimed;
 * the number sent, retried and failed are in the rows' status.
 */
export async function deliverDue(ctx: AppContext, opts: NotifierOptions, limit = 20): Promise<number> {
  const now = ctx.clock();
  const lease = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const { rows } = await ctx.db.query<Claimed>(
    `with due as (
       select id from back_in_stock_subscriptions
       where status in ('sending', 'waiting') and next_attempt_at <= $1
       order by id limit $2 for update skip locked)
     update back_in_stock_subscriptions s
     set status = 'sending', attempts = s.attempts + 1,
         next_attempt_at = $1::timestamptz + make_interval(secs => $3)
     from due, skus k
     where s.id = due.id and k.sku = s.sku
     returning s.*, k.name`,
    [now, limit, lease / 1000],
  );
  rows.sort((a, b) => a.id - b.id);
  const sellableNow = await currentSellable(ctx, rows);
  for (const sub of rows) {
    const sellable = sellableNow.get(regionKey(sub.sku, sub.region)) ?? 0;
    if (sellable <= 0) {
      await backToWaiting(ctx, sub, opts);
      continue;
    }
    const notice: Notice = {
      subscriptionId: sub.id,
      sku: sub.sku,
      name: sub.name,
      region: sub.region,
      sellable,
      at: ctx.clock(),
      unsubscribeUrl: `${opts.publicUrl.replace(/\/$/, '')}${unsubscribePath(sub.token)}`,
    };
    let error: string | null = null;
    try {
      if (sub.email !== null) {
        if (!opts.email) throw new Error(EMAIL_NOT_CONFIGURED);
        await opts.email(sub.email, notice);
      } else {
        await opts.webhook(sub.webhook_url!, sub.webhook_secret!, notice);
      }
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    await recordAttempt(ctx, sub, error, opts);
  }
  return rows.length;
}

const regionKey = (sku: string, region: string | null) => keyOf(sku, region);

/** What each claimed subscription's SKU can sell now, in its region (or anywhere). */
async function currentSellable(ctx: AppContext, subs: readonly Claimed[]): Promise<Map<string, number>> {
  const byRegion = new Map<string | null, Set<string>>();
  for (const s of subs) byRegion.set(s.region, (byRegion.get(s.region) ?? new Set()).add(s.sku));
  const sellable = new Map<string, number>();
  for (const [region, skus] of byRegion) {
    for (const view of await availability(ctx, [...skus], region === null ? {} : { region })) {
      sellable.set(regionKey(view.sku, region), view.sellable);
    }
  }
  return sellable;
}

/**
 * Sold out again between the announcement and the send: no notice (it would promise units that
 * are gone). The subscriber waits for the next announcement, with its place in the queue, and
 * the claim's attempt is given back.
 */
async function backToWaiting(ctx: AppContext, sub: Claimed, opts: NotifierOptions): Promise<void> {
  const again = new Date(ctx.clock().getTime() + (opts.recheckMs ?? DEFAULT_RECHECK_MS));
  await ctx.db.query(
    `update back_in_stock_subscriptions
     set status = 'waiting', announcement_seq = null, next_attempt_at = $2,
         attempts = greatest(attempts - 1, 0), note = $3
     where id = $1 and status = 'sending'`,
    [sub.id, again, 'sold out again before the notice was sent: still waiting'],
  );
}

async function recordAttempt(ctx: AppContext, sub: Claimed, error: string | null, opts: NotifierOptions) {
  const now = ctx.clock();
  if (error === null) {
    await ctx.db.query(
      `update back_in_stock_subscriptions
       set status = 'notified', notified_at = $2, next_attempt_at = null, last_error = null
       where id = $1 and status = 'sending'`,
      [sub.id, now],
    );
    return;
  }
  const maxAttempts = opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  if (sub.attempts >= maxAttempts) {
    await ctx.db.query(
      `update back_in_stock_subscriptions
       set status = 'failed', next_attempt_at = null, last_error = $2, note = $3
       where id = $1 and status = 'sending'`,
      [sub.id, error.slice(0, 1000), `gave up after ${sub.attempts} attempts`],
    );
    return;
  }
  const waitMs = (opts.retryBaseMs ?? DEFAULT_RETRY_BASE_MS) * 4 ** (sub.attempts - 1);
  await ctx.db.query(
    `update back_in_stock_subscriptions set next_attempt_at = $2, last_error = $3
     where id = $1 and status = 'sending'`,
    [sub.id, new Date(now.getTime() + waitMs), error.slice(0, 1000)],
  );
}

/** Announcing and delivering in the background, every `intervalMs`. */
export function startBackInStockNotifier(
  ctx: AppContext,
  opts: NotifierOptions & { intervalMs: number; onError: (err: unknown) => void },
): { stop: () => Promise<void> } {
  const announcer = startDrainLoop({
    intervalMs: opts.intervalMs,
    drainBatch: () => announcePass(ctx, opts),
    onError: opts.onError,
  });
  const deliverer = startDrainLoop({
    intervalMs: opts.intervalMs,
    drainBatch: async () => (await deliverDue(ctx, opts)) === 20,
    onError: opts.onError,
  });
  return {
    async stop() {
      await announcer.stop();
      await deliverer.stop();
    },
  };
}
