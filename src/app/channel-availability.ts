/**
 * What a sales channel publishes, per SKU of the catalogue (src/domain/channels.ts computes it),
 * page by page with incremental sync, and the whole of it as a CSV or JSON feed.
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
import { positionsOfSkus, type PositionRow } from '../db/stock.ts';
import { publishedQuantity } from '../domain/channels.ts';
import { fail } from '../domain/errors.ts';
import { sellable } from '../domain/quantities.ts';
import {
  failUnknownChannel,
  loadChannels,
  toChannel,
  type Channel,
  type ChannelRow,
} from './channel-rows.ts';
import type { AppContext } from './context.ts';
import { csvLine } from './csv.ts';
import { effectiveListings, listingChangedSql } from './listings.ts';
import { decodeCursor, encodeCursor, readCursor, type Page } from './paging.ts';
import { ringFencedOf } from './ring-fences.ts';

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
