/**
 * Channel listings: per sales channel, a product or a SKU may have its own title and price and
 * be listed or not. A SKU's listing on a channel is, field by field, its own listing there, else
 * its product's listing there, else the SKU itself (its name, its price, listed). The channel
 * feed (src/app/channels.ts) carries the result next to the published quantity, so a
 * marketplace integration reads stock and listing from one place.
 *
 * A PUT replaces the listing: a field left out goes back to falling back. Rows are never
 * deleted, only cleared, so the feed's `changedSince` (row transaction ids) sees every change.
 */
import { isPgError, type Queryable } from '../db/database.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext, Outcome } from './context.ts';

export interface ListingInput {
  title?: string | null | undefined;
  price?: number | null | undefined;
  listed?: boolean | null | undefined;
}

export interface Listing {
  channel: string;
  title: string | null;
  price: number | null;
  listed: boolean | null;
  updatedAt: string;
}

/** What a channel shows of a SKU after the fallbacks. */
export interface EffectiveListing {
  product: string | null;
  title: string;
  price: number | null;
  listed: boolean;
}

type Target = { kind: 'sku'; code: string } | { kind: 'product'; code: string };

export async function putListing(
  ctx: AppContext,
  channel: string,
  target: Target,
  input: ListingInput,
): Promise<Outcome<Listing>> {
  const [table, column] = target.kind === 'sku' ? ['sku_listings', 'sku'] : ['product_listings', 'product'];
  try {
    const { rows } = await ctx.db.query<Omit<Listing, 'updatedAt'> & { updatedAt: Date; inserted: boolean }>(
      `insert into ${table} as l (channel, ${column}, title, price, listed, updated_at)
       values ($1, $2, $3, $4, $5, $6)
       on conflict (channel, ${column}) do update set title = excluded.title, price = excluded.price,
         listed = excluded.listed, updated_at = excluded.updated_at
       returning channel, title, price::float8 as price, listed, updated_at as "updatedAt", (xmax = 0) as inserted`,
      [channel, target.code, input.title ?? null, input.price ?? null, input.listed ?? null, ctx.clock()],
    );
    const { inserted, updatedAt, ...listing } = rows[0]!;
    return { created: inserted, body: { ...listing, updatedAt: updatedAt.toISOString() } };
  } catch (err) {
    if (isPgError(err) && err.code === '23503') {
      if (/channel/.test(err.message + (err.detail ?? ''))) {
        fail('unknown_channel', `no channel ${channel}`, { channel });
      }
      if (target.kind === 'sku') fail('unknown_sku', `no SKU ${target.code}`, { sku: target.code });
      fail('unknown_product', `no product ${target.code}`, { product: target.code });
    }
    throw err;
  }
}

/** The effective listing of each SKU on a channel (SKUs that do not exist are absent). */
export async function effectiveListings(
  q: Queryable,
  channel: string,
  skus: readonly string[],
): Promise<Map<string, EffectiveListing>> {
  const { rows } = await q.query<EffectiveListing & { sku: string }>(
    `select s.sku, s.product,
            coalesce(sl.title, pl.title, s.name) as title,
            coalesce(sl.price, pl.price, s.price)::float8 as price,
            coalesce(sl.listed, pl.listed, true) as listed
       from skus s
       left join sku_listings sl on sl.channel = $1 and sl.sku = s.sku
       left join product_listings pl on pl.channel = $1 and pl.product = s.product
      where s.sku = any($2::text[])`,
    [channel, [...skus]],
  );
  return new Map(rows.map(({ sku, ...listing }) => [sku, listing]));
}

/**
 * SQL for the feed's `changedSince`: the SKU `s` (a row of `skus`), or its listing on channel
 * `channelParam`, or its product's listing there, was last written by a transaction at or after
 * `sinceParam`. `next` is the reading snapshot's next transaction id (see channels.ts).
 */
export const listingChangedSql = (channelParam: string, sinceParam: string, next: string): string =>
  `(stockroom_full_xid(s.xmin, ${next}) >= ${sinceParam}::bigint
    or exists (select 1 from sku_listings sl where sl.channel = ${channelParam} and sl.sku = s.sku
                 and stockroom_full_xid(sl.xmin, ${next}) >= ${sinceParam}::bigint)
    or exists (select 1 from product_listings pl where pl.channel = ${channelParam} and pl.product = s.product
                 and stockroom_full_xid(pl.xmin, ${next}) >= ${sinceParam}::bigint))`;
