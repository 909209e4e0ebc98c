/**
 * Sales channels: which warehouses a channel sells from, what it publishes of the shared pool
 * (buffer, cap; see src/domain/channels.ts), and units ring-fenced for it alone. A ring-fence
 * is a lock owned by the channel (`stock_locks.channel`): setting one locks units (guarded by
 * S >= q inside the SQL write, like any lock), lowering it unlocks them, and the channel's own
 * orders consume it (`takeFromRingFence`).
 *
 * Lock order, shared with orders and locks: the channel row, then the channel's lock rows in
 * (sku, warehouse, created_at, id) order, then positions in (sku, warehouse) order.
 *
 * Incremental sync. A SKU's published quantity changes when one of its positions at the
 * channel's warehouses changes (every stock change, ring-fences included, rewrites the position
 * row) or when the channel's settings change. A timestamp cannot say which rows a reader has
 * not yet seen: a writer stamps its time before it commits, so a row may become visible after
 * a reader that started later. Transaction ids can: the sync token is the `xmin` of the
 * reading snapshot, the oldest transaction still running when the read began. Every change
 * that read could not see was written by a transaction at or after it; so the next sync
 * returns the SKUs with a position (or a channel row) last written by such a transaction. It
 * may return a SKU twice (a concurrent transaction holds the horizon back), never miss one.
 * The token is taken before anything is read, and carried through every page of one sync.
 */
import type { Queryable, Transaction } from '../db/database.ts';
import {
  applyMovements,
  GuardRefused,
  positionsOfSkus,
  QUANTITY_COLUMNS,
  type PositionRow,
} from '../db/stock.ts';
import {
  channelLimits,
  duplicateRingFences,
  isValidBufferPercent,
  publishedQuantity,
  ringFenceChanges,
  sellsFrom,
  type ChannelLimits,
  type ChannelPolicySettings,
  type RingFence,
  type RingFenceChange,
} from '../domain/channels.ts';
import { fail } from '../domain/errors.ts';
import { moves, type Move } from '../domain/movements.ts';
import { sellable } from '../domain/quantities.ts';
import { requireWarehouseAccess } from './access.ts';
import { requireKnown } from './catalog.ts';
import type { Actor, AppContext, Outcome } from './context.ts';
import { csvLine } from './csv.ts';
import { runCommand } from './idempotency.ts';
import { effectiveListings, listingChangedSql } from './listings.ts';
import { decodeCursor, encodeCursor, readCursor, type Page } from './paging.ts';

export interface ChannelInput {
  name: string;
  /** Omitted or null: every warehouse. */
  warehouses?: string[] | null | undefined;
  bufferUnits?: number | null | undefined;
  bufferPercent?: number | null | undefined;
  cap?: number | null | undefined;
  /**
   * The units to hold for the channel alone, by position: replaces the current set (a position
   * left out goes to 0). Omitted: the ring-fences stay as they are.
   */
  ringFenced?: RingFence[] | undefined;
}

/** A channel's settings, as the order placement and availability read them. */
export interface Channel extends ChannelPolicySettings {
  code: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface ChannelView {
  code: string;
  name: string;
  warehouses: string[] | null;
  bufferUnits: number | null;
  bufferPercent: number | null;
  cap: number | null;
  /** Units still locked for the channel, by position (orders of the channel consume them). */
  ringFenced: RingFence[];
  createdAt: string;
  /** When the settings last changed (ring-fences are stock, seen in the positions). */
  updatedAt: string;
}

interface ChannelRow {
  code: string;
  name: string;
  warehouses: string[] | null;
  buffer_units: number | null;
  buffer_percent: number | null;
  cap: number | null;
  created_at: Date;
  updated_at: Date;
}

const RING_FENCE_REASON = (code: string) => `ring-fence for channel ${code}`;

function toChannel(row: ChannelRow): Channel {
  return {
    code: row.code,
    name: row.name,
    warehouses: row.warehouses,
    bufferUnits: row.buffer_units,
    bufferPercent: row.buffer_percent,
    cap: row.cap,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function channelView(channel: Channel, ringFenced: RingFence[]): ChannelView {
  return {
    code: channel.code,
    name: channel.name,
    warehouses: channel.warehouses ? [...channel.warehouses] : null,
    bufferUnits: channel.bufferUnits,
    bufferPercent: channel.bufferPercent,
    cap: channel.cap,
    ringFenced,
    createdAt: channel.createdAt.toISOString(),
    updatedAt: channel.updatedAt.toISOString(),
  };
}

function failUnknownChannel(codes: string[]): never {
  return fail('unknown_channel', `unknown channel ${codes.join(', ')}`, { channels: codes });
}

/**
 * Channel settings by code, for the order placement: one read, no locks. Codes that name no
 * channel are absent from the map; an order naming one is `404 unknown_channel`.
 */
export async function loadChannels(q: Queryable, codes: string[]): Promise<Map<string, Channel>> {
  const { rows } = await q.query<ChannelRow>('select * from channels where code = any($1::text[])', [
    [...new Set(codes)],
  ]);
  return new Map(rows.map((r) => [r.code, toChannel(r)]));
}

/** Units locked for the channel, per SKU and warehouse (all SKUs when `skus` is null). */
export async function ringFencedOf(
  q: Queryable,
  channel: string,
  skus: string[] | null,
): Promise<Map<string, Map<string, number>>> {
  const { rows } = await q.query<{ sku: string; warehouse: string; locked: number }>(
    `select sku, warehouse, sum(locked) as locked from stock_locks
     where channel = $1 and released_at is null and ($2::text[] is null or sku = any($2::text[]))
     group by sku, warehouse order by sku, warehouse`,
    [channel, skus],
  );
  const out = new Map<string, Map<string, number>>();
  for (const r of rows) {
    if (!out.has(r.sku)) out.set(r.sku, new Map());
    out.get(r.sku)!.set(r.warehouse, r.locked);
  }
  return out;
}

/** The units still ring-fenced for each of the channels, by position. */
async function ringFencesOf(q: Queryable, channels: string[]): Promise<Map<string, RingFence[]>> {
  const { rows } = await q.query<RingFence & { channel: string }>(
    `select channel, sku, warehouse, sum(locked) as qty from stock_locks
     where channel = any($1::text[]) and released_at is null
     group by channel, sku, warehouse order by channel, sku, warehouse`,
    [channels],
  );
  const out = new Map<string, RingFence[]>(channels.map((c) => [c, []]));
  for (const { channel, ...fence } of rows) out.get(channel)?.push(fence);
  return out;
}

interface LockRow {
  id: string;
  sku: string;
  warehouse: string;
  locked: number;
}

/** Takes up to `qty` units off the given lock rows (held by the caller), oldest first. */
async function drainLocks(
  tx: Transaction,
  locks: readonly LockRow[],
  qty: number,
  at: Date,
): Promise<{ lockId: string; qty: number }[]> {
  const taken: { lockId: string; qty: number }[] = [];
  let left = qty;
  for (const lock of locks) {
    if (left === 0) break;
    const take = Math.min(lock.locked, left);
    if (take === 0) continue;
    await tx.query(
      `update stock_locks set locked = locked - $2,
         released_at = case when locked - $2 = 0 then $3::timestamptz else null end
       where id = $1`,
      [lock.id, take, at],
    );
    taken.push({ lockId: lock.id, qty: take });
    left -= take;
  }
  return taken;
}

async function channelLocks(
  tx: Transaction,
  channel: string,
  where: { sku: string; warehouse: string } | null,
): Promise<LockRow[]> {
  const { rows } = await tx.query<LockRow>(
    `select id, sku, warehouse, locked from stock_locks
     where channel = $1 and released_at is null
       and ($2::text is null or (sku = $2 and warehouse = $3))
     order by sku, warehouse, created_at, id for update`,
    [channel, where?.sku ?? null, where?.warehouse ?? null],
  );
  return rows;
}

export interface RingFenceTaken {
  /** Units taken off the channel's ring-fence at this position: min(qty, what it holds). */
  taken: number;
  /** The `unlock` move (L -= taken) to apply with the order's reservation; empty if none. */
  moves: Move[];
  /** Which of the channel's locks gave the units, oldest first. */
  locks: { lockId: string; qty: number }[];
}

/**
 * For the order placement: an order of `channel` consumes the channel's ring-fenced units at a
 * position first. This takes up to `qty` units off the channel's lock rows there (oldest
 * first), writing those rows, and returns the matching `moves.unlock`. Put that move before
 * the order's `moves.reserve` for the position in the same `applyMovements` call (moves of one
 * position are applied in the order given): L -= taken, then O += q, so S changes only by the
 * part not taken from the ring-fence, and the reservation's guard (S >= 0) holds for exactly
 * that part. Nothing touches the position until the caller applies the moves.
 *
 * Lock order: call it for every position of the order, in (sku, warehouse) order, before any
 * position is written or locked (lock rows come before positions; `lockChannelLimits` does
 * both for a whole order). If the order is then refused, roll the transaction back: the lock
 * rows were already written. The unlock movement carries the order's id, not a lock id.
 */
export async function takeFromRingFence(
  tx: Transaction,
  channel: string,
  sku: string,
  warehouse: string,
  qty: number,
  meta: { at: Date },
): Promise<RingFenceTaken> {
  const locks = await channelLocks(tx, channel, { sku, warehouse });
  const taken = await drainLocks(tx, locks, qty, meta.at);
  const total = taken.reduce((n, t) => n + t.qty, 0);
  return { taken: total, moves: total > 0 ? [moves.unlock({ sku, warehouse }, total)] : [], locks: taken };
}

/**
 * For the order placement: locks what decides how much an order of `channel` may take of
 * `skus` (the channel row for share, the channel's lock rows of those SKUs, then the SKUs'
 * positions at the channel's warehouses, each in lock order) and answers the limits per SKU
 * (`channelLimits`; check an order's takes with `splitChannelTake`). Read under these locks,
 * a buffer or cap that spans several warehouses holds under concurrency, not only S >= q per
 * position. Fails `unknown_channel`.
 */
export async function lockChannelLimits(
  tx: Transaction,
  code: string,
  skus: string[],
): Promise<{ channel: Channel; limits: Map<string, ChannelLimits> }> {
  const unique = [...new Set(skus)];
  const locked = await lockChannelsForOrders(tx, [code], unique);
  const channel = locked.channels.get(code);
  if (!channel) failUnknownChannel([code]);
  const locks = locked.locks;
  const { rows: positions } = await tx.query<PositionRow>(
    `select sku, warehouse, ${QUANTITY_COLUMNS} from stock_positions
     where sku = any($1::text[]) and ($2::text[] is null or warehouse = any($2::text[]))
     order by sku, warehouse for update`,
    [unique, channel.warehouses],
  );
  const limits = new Map<string, ChannelLimits>();
  for (const sku of unique) {
    const ringFenced = new Map<string, number>();
    for (const l of locks) {
      if (l.sku === sku) ringFenced.set(l.warehouse, (ringFenced.get(l.warehouse) ?? 0) + l.locked);
    }
    const sellableAt = positions
      .filter((p) => p.sku === sku)
      .map((p) => ({ warehouse: p.warehouse, sellable: sellable(p) }));
    limits.set(sku, channelLimits(channel, sellableAt, ringFenced));
  }
  return { channel, limits };
}

/**
 * The first step of placing orders of these channels: locks the channel rows (for share: their
 * settings cannot change under the orders) and their ring-fence lock rows of these SKUs (for
 * update), before the caller locks any position. Unknown codes are absent from `channels`.
 */
export async function lockChannelsForOrders(
  tx: Transaction,
  codes: string[],
  skus: string[],
): Promise<{ channels: Map<string, Channel>; locks: (LockRow & { channel: string })[] }> {
  const { rows } = await tx.query<ChannelRow>(
    'select * from channels where code = any($1::text[]) order by code for share',
    [[...new Set(codes)]],
  );
  const { rows: locks } = await tx.query<LockRow & { channel: string }>(
    `select id, channel, sku, warehouse, locked from stock_locks
     where channel = any($1::text[]) and released_at is null and sku = any($2::text[])
     order by sku, warehouse, created_at, id for update`,
    [[...new Set(codes)], [...new Set(skus)]],
  );
  return { channels: new Map(rows.map((r) => [r.code, toChannel(r)])), locks };
}

/** Checks that need no database: fail early with a stable code. */
function checkInput(code: string, input: ChannelInput): void {
  if (input.bufferPercent !== undefined && input.bufferPercent !== null) {
    if (!isValidBufferPercent(input.bufferPercent)) {
      fail('invalid_channel', 'bufferPercent is a percentage from 0 to 100 with at most two decimals', {
        bufferPercent: input.bufferPercent,
      });
    }
  }
  const ringFenced = input.ringFenced ?? [];
  const duplicates = duplicateRingFences(ringFenced);
  if (duplicates.length > 0) {
    fail('invalid_channel', 'each position may be ring-fenced once', { duplicates });
  }
  checkRingFencesInside(code, input.warehouses ?? null, ringFenced);
}

function checkRingFencesInside(code: string, warehouses: string[] | null, ringFenced: readonly RingFence[]) {
  const outside = ringFenced.filter((r) => r.qty > 0 && !sellsFrom({ warehouses }, r.warehouse));
  if (outside.length > 0) {
    fail(
      'invalid_channel',
      `channel ${code} does not sell from ${[...new Set(outside.map((r) => r.warehouse))].join(', ')}: ring-fences must be at its warehouses (release the others by leaving them out of ringFenced)`,
      { outside, warehouses },
    );
  }
}

/**
 * Creates (201) or updates (200) a channel and sets its ring-fences, all in one transaction:
 * a ring-fence raised beyond sellable stock is `409 insufficient_stock` and nothing changes.
 */
export async function putChannel(
  ctx: AppContext,
  code: string,
  input: ChannelInput,
  opts: { actor: Actor; idempotencyKey?: string | undefined },
): Promise<Outcome<ChannelView>> {
  checkInput(code, input);
  const ringFenced = input.ringFenced;
  await requireKnown(
    ctx.db,
    (ringFenced ?? []).map((r) => r.sku),
    [...(input.warehouses ?? []), ...(ringFenced ?? []).map((r) => r.warehouse)],
  );
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['channel', code, input] },
    async (tx) => {
      const now = ctx.clock();
      const inserted = await upsertChannel(tx, code, input, now);
      const locks = await channelLocks(tx, code, null);
      const current = locks.map((l) => ({ sku: l.sku, warehouse: l.warehouse, qty: l.locked }));
      checkRingFencesInside(code, input.warehouses ?? null, ringFenced ?? current);
      if (ringFenced) {
        const changes = ringFenceChanges(current, ringFenced);
        requireWarehouseAccess(
          opts.actor,
          changes.map((c) => c.warehouse),
        );
        // In (sku, warehouse) order: the order in which every writer locks positions.
        for (const change of changes) {
          if (change.to > change.from) await raiseRingFence(ctx, tx, code, change, opts.actor, now);
          else await lowerRingFence(tx, code, change, locks, opts.actor, now);
        }
      }
      return { status: inserted ? 201 : 200, body: await readChannel(tx, code) };
    },
  );
}

/**
 * Creates or updates the channel row, locking it; true when created. Unchanged settings keep
 * the row as it was (and so its updatedAt): an incremental sync that follows a repeated PUT
 * does not have to send every SKU again.
 */
async function upsertChannel(
  tx: Transaction,
  code: string,
  input: ChannelInput,
  now: Date,
): Promise<boolean> {
  const { rows } = await tx.query<{ inserted: boolean }>(
    `insert into channels as c (code, name, warehouses, buffer_units, buffer_percent, cap, created_at, updated_at)
     values ($1, $2, $3::text[], $4, $5, $6, $7, $7)
     on conflict (code) do update set name = excluded.name, warehouses = excluded.warehouses,
       buffer_units = excluded.buffer_units, buffer_percent = excluded.buffer_percent,
       cap = excluded.cap, updated_at = excluded.updated_at
     where (c.name, c.warehouses, c.buffer_units, c.buffer_percent, c.cap)
       is distinct from (excluded.name, excluded.warehouses, excluded.buffer_units,
                         excluded.buffer_percent, excluded.cap)
     returning (xmax = 0) as inserted`,
    [
      code,
      input.name,
      input.warehouses ?? null,
      input.bufferUnits ?? null,
      input.bufferPercent ?? null,
      input.cap ?? null,
      now,
    ],
  );
  return rows[0]?.inserted ?? false;
}

/** Unlocks `from - to` of the channel's units at a position, oldest lock first. */
async function lowerRingFence(
  tx: Transaction,
  code: string,
  change: RingFenceChange,
  locks: readonly LockRow[],
  actor: Actor,
  now: Date,
): Promise<void> {
  const at = { sku: change.sku, warehouse: change.warehouse };
  const here = locks.filter((l) => l.sku === at.sku && l.warehouse === at.warehouse);
  for (const taken of await drainLocks(tx, here, change.from - change.to, now)) {
    await applyMovements(tx, [moves.unlock(at, taken.qty)], {
      at: now,
      reason: `${RING_FENCE_REASON(code)} lowered`,
      reference: taken.lockId,
      actor: actor.id,
    });
  }
}

/** Locks `to - from` more units for the channel at a position, as a new lock it owns. */
async function raiseRingFence(
  ctx: AppContext,
  tx: Transaction,
  code: string,
  change: RingFenceChange,
  actor: Actor,
  now: Date,
): Promise<void> {
  const qty = change.to - change.from;
  const lockId = ctx.newId('lck');
  const reason = RING_FENCE_REASON(code);
  try {
    await applyMovements(tx, [moves.lock({ sku: change.sku, warehouse: change.warehouse }, qty)], {
      at: now,
      reason,
      reference: lockId,
      actor: actor.id,
    });
  } catch (err) {
    if (!(err instanceof GuardRefused)) throw err;
    fail(
      'insufficient_stock',
      `not enough sellable stock to ring-fence ${qty} more units for channel ${code}`,
      {
        channel: code,
        sku: change.sku,
        warehouse: change.warehouse,
        ringFenced: change.from,
        target: change.to,
        requested: qty,
        sellable: err.refused[0]?.sellable ?? 0,
      },
    );
  }
  await tx.query(
    `insert into stock_locks (id, sku, warehouse, qty, locked, reason, until, actor, created_at, channel)
     values ($1, $2, $3, $4, $4, $5, null, $6, $7, $8)`,
    [lockId, change.sku, change.warehouse, qty, reason, actor.id, now, code],
  );
}

async function readChannel(q: Queryable, code: string): Promise<ChannelView> {
  const channel = (await loadChannels(q, [code])).get(code);
  if (!channel) failUnknownChannel([code]);
  return channelView(channel, (await ringFencesOf(q, [code])).get(code) ?? []);
}

export async function getChannel(ctx: AppContext, code: string): Promise<ChannelView> {
  return readChannel(ctx.db, code);
}

export async function listChannels(
  ctx: AppContext,
  page: { cursor?: string | undefined; limit: number },
): Promise<Page<ChannelView>> {
  const after = page.cursor ? decodeCursor(page.cursor, ['text'])[0] : null;
  const { rows } = await ctx.db.query<ChannelRow>(
    'select * from channels where ($1::text is null or code > $1) order by code limit $2',
    [after, page.limit + 1],
  );
  const channels = rows.slice(0, page.limit).map(toChannel);
  const fences = await ringFencesOf(
    ctx.db,
    channels.map((c) => c.code),
  );
  const items = channels.map((c) => channelView(c, fences.get(c.code) ?? []));
  const last = items[items.length - 1];
  return { items, nextCursor: rows.length > page.limit && last ? encodeCursor([last.code]) : null };
}

export interface ChannelAvailabilityItem {
  sku: string;
  /** What the channel may sell: shared + ringFenced. */
  published: number;
  /** Units locked for the channel alone, at its warehouses. */
  ringFenced: number;
  /** Sellable units at the channel's warehouses, shared by every channel. */
  pool: number;
  /** The SKU's product, and its listing on the channel (src/app/listings.ts). */
  product: string | null;
  title: string;
  price: number | null;
  listed: boolean;
}

export interface ChannelAvailabilityPage extends Page<ChannelAvailabilityItem> {
  channel: string;
  /** Pass as `changedSince` to the next sync: the same on every page of one sync. */
  syncToken: string;
  /** When this sync began (informative; the token is what counts). */
  syncedAt: string;
}

const TOKEN_TAG = 'sync';
const XID = /^\d{1,19}$/;
/** A transaction id as the bigint casts in the sync query take it: digits, within int8. */
const isXid = (xid: string) => XID.test(xid) && BigInt(xid) <= 9223372036854775807n;

function decodeSyncToken(token: string): string {
  const [tag, xid] = readCursor(token, ['text', 'text']) ?? [];
  if (tag !== TOKEN_TAG || xid === undefined || !isXid(xid)) {
    fail('invalid_request', 'changedSince is not a syncToken this API handed out', { changedSince: token });
  }
  return xid;
}

interface SyncState {
  after: string | null;
  syncXid: string;
  /** Only SKUs with a position written at or after this transaction id; null: every SKU. */
  sinceXid: string | null;
  syncedAt: string;
}

/**
 * The quantity a channel may show, per SKU of the catalogue, in SKU order. With `changedSince`
 * (a previous answer's `syncToken`), only SKUs whose published quantity may have changed since
 * that sync; every SKU if the channel's settings changed.
 */
export async function channelAvailability(
  ctx: AppContext,
  code: string,
  opts: { cursor?: string | undefined; limit: number; changedSince?: string | undefined },
): Promise<ChannelAvailabilityPage> {
  const since = opts.changedSince !== undefined ? decodeSyncToken(opts.changedSince) : null;
  let state: SyncState;
  let channel: Channel;
  if (opts.cursor) {
    const [after, syncXid, sinceXid, syncedAt] = decodeCursor(opts.cursor, ['text', 'text', 'text', 'text']);
    if (!isXid(syncXid) || (sinceXid !== '' && !isXid(sinceXid))) {
      fail('invalid_cursor', 'the cursor is not one this API handed out', { cursor: opts.cursor });
    }
    state = { after, syncXid, sinceXid: sinceXid === '' ? null : sinceXid, syncedAt };
    const found = (await loadChannels(ctx.db, [code])).get(code);
    if (!found) failUnknownChannel([code]);
    channel = found;
  } else {
    // One statement, one snapshot: the token is the horizon of the read that follows.
    const { rows } = await ctx.db.query<ChannelRow & { sync_xid: string; all_changed: boolean }>(
      `select c.*, snap.sync_xid,
         coalesce($2::bigint > snap.next or stockroom_full_xid(c.xmin, snap.next) >= $2::bigint, false)
           as all_changed
       from channels c,
         (select pg_snapshot_xmin(pg_current_snapshot())::text as sync_xid,
                 pg_snapshot_xmax(pg_current_snapshot())::text::bigint as next) snap
       where c.code = $1`,
      [code, since],
    );
    if (!rows[0]) failUnknownChannel([code]);
    channel = toChannel(rows[0]);
    state = {
      after: null,
      syncXid: rows[0].sync_xid,
      // A token from the future (another database, a restored backup) means: send everything.
      sinceXid: rows[0].all_changed ? null : since,
      syncedAt: ctx.clock().toISOString(),
    };
  }
  const { rows: skuRows } = await ctx.db.query<{ sku: string }>(
    `select s.sku
     from skus s, (select pg_snapshot_xmax(pg_current_snapshot())::text::bigint as next) snap
     where ($1::text is null or s.sku > $1)
       and ($2::bigint is null or exists (
         select 1 from stock_positions p
         where p.sku = s.sku and ($3::text[] is null or p.warehouse = any($3::text[]))
           and stockroom_full_xid(p.xmin, snap.next) >= $2::bigint)
         or ${listingChangedSql('$5', '$2', 'snap.next')})
     order by s.sku limit $4`,
    [state.after, state.sinceXid, channel.warehouses, opts.limit + 1, code],
  );
  const skus = skuRows.slice(0, opts.limit).map((r) => r.sku);
  const [positions, ringFenced, listings] = await Promise.all([
    skus.length > 0 ? positionsOfSkus(ctx.db, skus) : Promise.resolve([]),
    skus.length > 0
      ? ringFencedOf(ctx.db, code, skus)
      : Promise.resolve(new Map<string, Map<string, number>>()),
    effectiveListings(ctx.db, code, skus),
  ]);
  const bySku = new Map<string, PositionRow[]>();
  for (const p of positions) {
    if (!bySku.has(p.sku)) bySku.set(p.sku, []);
    bySku.get(p.sku)!.push(p);
  }
  const items = skus.map((sku) => {
    const sellableAt = (bySku.get(sku) ?? []).map((p) => ({ warehouse: p.warehouse, sellable: sellable(p) }));
    const p = publishedQuantity(channel, sellableAt, ringFenced.get(sku) ?? new Map());
    const listing = listings.get(sku) ?? { product: null, title: sku, price: null, listed: true };
    return { sku, published: p.published, ringFenced: p.ringFenced, pool: p.pool, ...listing };
  });
  const last = skus[skus.length - 1];
  return {
    channel: code,
    items,
    nextCursor:
      skuRows.length > opts.limit && last
        ? encodeCursor([last, state.syncXid, state.sinceXid ?? '', state.syncedAt])
        : null,
    syncToken: encodeCursor([TOKEN_TAG, state.syncXid]),
    syncedAt: state.syncedAt,
  };
}

/** Rows per read while exporting; the export itself holds one page at a time. */
export const EXPORT_PAGE = 1000;

export interface ChannelExport {
  channel: string;
  syncToken: string;
  syncedAt: string;
  /** The items, page by page: the first page is already read (errors surface before streaming). */
  pages: AsyncIterable<ChannelAvailabilityItem[]>;
}

/** Every SKU's availability for a marketplace feed (or only those changed since a token). */
export async function exportChannelAvailability(
  ctx: AppContext,
  code: string,
  opts: { changedSince?: string | undefined },
): Promise<ChannelExport> {
  const first = await channelAvailability(ctx, code, { limit: EXPORT_PAGE, changedSince: opts.changedSince });
  async function* pages() {
    let page = first;
    yield page.items;
    while (page.nextCursor) {
      page = await channelAvailability(ctx, code, { limit: EXPORT_PAGE, cursor: page.nextCursor });
      yield page.items;
    }
  }
  return { channel: code, syncToken: first.syncToken, syncedAt: first.syncedAt, pages: pages() };
}

export const CSV_HEADER = 'sku,published,ring_fenced,pool,listed,title,price,product';

/** The export as CSV text, one chunk per page. */
export async function* availabilityCsv(
  pages: AsyncIterable<ChannelAvailabilityItem[]>,
): AsyncGenerator<string> {
  yield `${CSV_HEADER}\n`;
  for await (const items of pages) {
    if (items.length === 0) continue;
    yield items
      .map((i) => csvLine([i.sku, i.published, i.ringFenced, i.pool, i.listed, i.title, i.price, i.product]))
      .join('');
  }
}

/** The export as one JSON document, `{channel, syncToken, syncedAt, items}`, one chunk per page. */
export async function* availabilityJson(exported: ChannelExport): AsyncGenerator<string> {
  const head = { channel: exported.channel, syncToken: exported.syncToken, syncedAt: exported.syncedAt };
  yield `${JSON.stringify(head).slice(0, -1)},"items":[`;
  let first = true;
  for await (const items of exported.pages) {
    if (items.length === 0) continue;
    yield (first ? '' : ',') + items.map((i) => JSON.stringify(i)).join(',');
    first = false;
  }
  yield ']}';
}
