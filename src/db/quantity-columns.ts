/**
 * The seven quantities of a stock position (domain/quantities.ts) and their columns: the one
 * table of bucket and column. `stock_positions` has the column; a movement has `d_` + column,
 * its delta. Every SQL that lists the quantities is generated from it, in the order of
 * `BUCKETS`, which is also the order of the arguments of `stockroom_sellable` and of the delta
 * arrays of `stockroom_apply_movements` (src/db/functions/).
 */
import { BUCKETS, type Bucket } from '../domain/quantities.ts';

export const COLUMN: Readonly<Record<Bucket, string>> = Object.freeze({
  onHand: 'on_hand',
  reserved: 'reserved',
  damaged: 'damaged',
  qcPending: 'qc_pending',
  locked: 'locked',
  transferReserved: 'transfer_reserved',
  virtual: 'virtual',
});

/** A movement's delta column of a quantity. */
export const DELTA_COLUMN: Readonly<Record<Bucket, string>> = Object.freeze(
  Object.fromEntries(BUCKETS.map((b) => [b, `d_${COLUMN[b]}`])) as Record<Bucket, string>,
);

const qualified = (alias: string | undefined, column: string) => (alias ? `${alias}.${column}` : column);

/** The seven quantity columns of `alias` (a position; `prefix` 'd_': a movement), in bucket order. */
export const columnsOf = (alias?: string, prefix = ''): string[] =>
  BUCKETS.map((b) => qualified(alias, prefix + COLUMN[b]));

/** `on_hand as "onHand", ...`: a position's quantities under their bucket names. */
export const quantitiesSql = (alias?: string): string =>
  BUCKETS.map((b) => `${qualified(alias, COLUMN[b])} as "${b}"`).join(', ');

/** `sum(d_on_hand) as "onHand", ...`: the quantities a set of movements adds up to. */
export const summedDeltasSql = (alias?: string): string =>
  BUCKETS.map((b) => `sum(${qualified(alias, DELTA_COLUMN[b])}) as "${b}"`).join(', ');

/**
 * S = I - O - U - L - T + V in SQL, over the quantity columns of `alias` (a stock position),
 * or over a movement's deltas with prefix `d_`: a call of `stockroom_sellable`, which the
 * planner inlines into the expression itself.
 */
export const sellableSql = (alias: string, prefix = ''): string =>
  `stockroom_sellable(${columnsOf(alias, prefix).join(', ')})`;

/** A position's physically free units, I - U - L - T (`stockroom_physically_free`, inlined too). */
export const physicallyFreeSql = (alias: string): string =>
  `stockroom_physically_free(${(['onHand', 'damaged', 'qcPending', 'locked', 'transferReserved'] as const)
    .map((b) => qualified(alias, COLUMN[b]))
    .join(', ')})`;
