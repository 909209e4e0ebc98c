/**
 * The event log: every change writes its events in its own transaction (the outbox, see
 * src/db/events.ts and `stockroom_apply_movements`); a sequencer running in every server
 * process (one at a time, by an advisory lock) gives committed events their place in the log
 * and derives `sku.out_of_stock` / `sku.back_in_stock` from the stock they describe. Readers
 * (GET /v1/events, the live stream, webhooks, NATS) follow the log by sequence number.
 */
import { sellableSql } from '../db/stock.ts';
import type { Queryable, Transaction } from '../db/database.ts';
import {
  emitEvents,
  lastSeq,
  readEvents,
  sequenceEvents,
  unsequencedEventsExist,
  type NewEvent,
  type StoredEvent,
} from '../db/events.ts';
import { servingWarehouses } from '../domain/delivery.ts';
import { keyOf } from '../domain/keys.ts';
import { startDrainLoop } from './background.ts';
import type { AppContext } from './context.ts';
import { loadServiceMap } from './regions.ts';

export const EVENT_TYPES = [
  'stock.changed',
  'order.reserved',
  'order.confirmed',
  'order.released',
  'order.shipped',
  'transfer.planned',
  'transfer.shipped',
  'transfer.received',
  'transfer.cancelled',
  'purchase_order.created',
  'purchase_order.received',
  'purchase_order.closed',
  'purchase_order.cancelled',
  'sku.out_of_stock',
  'sku.back_in_stock',
  'alert.opened',
  'alert.resolved',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export type { StoredEvent } from '../db/events.ts';

export const SEQUENCE_BATCH = 1000;

/** The overall in-stock state of a SKU is kept under this region key. */
const ALL_REGIONS = '';

/**
 * One sequencing pass: numbers up to SEQUENCE_BATCH committed events, then announces SKUs whose
 * in-stock state (overall, and per region where regions exist) differs from what was last
 * announced, numbering those announcements in the same transaction. Resolves true when more
 * events may be waiting. `onSequenced` is called once the numbers are committed, if there were
 * some.
 */
export async function sequencePass(ctx: AppContext, onSequenced?: () => void): Promise<boolean> {
  // The loop runs ten times a second and usually finds nothing: one read through the partial
  // index of unnumbered events answers that, instead of a transaction of four statements. An
  // event committed just after it waits for the next pass, as it would have anyway.
  if (!(await unsequencedEventsExist(ctx.db))) return false;
  let numbered = 0;
  const more = await ctx.db.transaction(async (tx) => {
    const before = await lastSeq(tx);
    numbered = await sequenceEvents(tx, SEQUENCE_BATCH);
    if (numbered === 0) return false;
    const { rows } = await tx.query<{ sku: string }>(
      `select distinct data->>'sku' as sku from events
       where seq > $1 and type = 'stock.changed' order by 1`,
      [before],
    );
    const announcements = await stockStateChanges(
      tx,
      rows.map((r) => r.sku),
    );
    if (announcements.length > 0) {
      await emitEvents(tx, ctx.clock(), announcements);
      await sequenceEvents(tx, announcements.length);
    }
    return numbered === SEQUENCE_BATCH;
  });
  if (numbered > 0) onSequenced?.();
  return more;
}

/**
 * For each SKU: is it sellable anywhere, and in each region (from the warehouses serving it)?
 * Compared with the last announced state; a change is announced once and remembered.
 */
async function stockStateChanges(tx: Transaction, skus: string[]): Promise<NewEvent[]> {
  if (skus.length === 0) return [];
  const service = await loadServiceMap(tx);
  const regions = [...service.regions.keys()];
  const serving = new Map(
    regions.map((r) => [r, new Set(servingWarehouses(service, r).map((w) => w.warehouse))]),
  );
  const { rows: positions } = await tx.query<{ sku: string; warehouse: string; sellable: number }>(
    `select p.sku, p.warehouse, ${sellableSql('p')} as sellable
     from stock_positions p where p.sku = any($1::text[])`,
    [skus],
  );
  const { rows: known } = await tx.query<{ sku: string; region: string; in_stock: boolean }>(
    'select sku, region, in_stock from sku_stock_state where sku = any($1::text[])',
    [skus],
  );
  const announced = new Map(known.map((k) => [keyOf(k.sku, k.region), k.in_stock]));
  const changes: { sku: string; region: string; inStock: boolean; sellable: number }[] = [];
  for (const sku of skus) {
    const mine = positions.filter((p) => p.sku === sku);
    const sellableIn = (warehouses: Set<string> | null) =>
      mine
        .filter((p) => !warehouses || warehouses.has(p.warehouse))
        .reduce((n, p) => n + Math.max(0, p.sellable), 0);
    for (const [region, warehouses] of [[ALL_REGIONS, null] as const, ...serving.entries()]) {
      const sellable = sellableIn(warehouses);
      const inStock = sellable > 0;
      // A SKU never announced counts as out of stock: its first units are "back in stock".
      if ((announced.get(keyOf(sku, region)) ?? false) !== inStock)
        changes.push({ sku, region, inStock, sellable });
    }
  }
  if (changes.length === 0) return [];
  await tx.query(
    `insert into sku_stock_state (sku, region, in_stock)
     select * from unnest($1::text[], $2::text[], $3::boolean[])
     on conflict (sku, region) do update set in_stock = excluded.in_stock`,
    [changes.map((c) => c.sku), changes.map((c) => c.region), changes.map((c) => c.inStock)],
  );
  return changes.map((c) => ({
    type: c.inStock ? 'sku.back_in_stock' : 'sku.out_of_stock',
    stream: `sku:${c.sku}`,
    data: { sku: c.sku, region: c.region === ALL_REGIONS ? null : c.region, sellable: c.sellable },
  }));
}

/**
 * The sequencer every server process runs. `onSequenced` hears of each pass that numbered
 * events: on PGlite, where this process is the only writer, that is how the webhook worker
 * learns the log moved without asking the database (src/cli/serve.ts).
 */
export function startEventSequencer(
  ctx: AppContext,
  options: { intervalMs: number; onError: (err: unknown) => void; onSequenced?: () => void },
): { stop: () => Promise<void> } {
  return startDrainLoop({
    intervalMs: options.intervalMs,
    drainBatch: () => sequencePass(ctx, options.onSequenced),
    onError: options.onError,
  });
}

export const MAX_EVENTS_PAGE = 1000;

export async function listEvents(
  q: Queryable,
  filter: { after: number; limit: number; types?: string[] | undefined },
): Promise<{ items: StoredEvent[]; lastSeq: number }> {
  const items = await readEvents(q, filter.after, Math.min(filter.limit, MAX_EVENTS_PAGE), filter.types);
  return { items, lastSeq: items.length > 0 ? items[items.length - 1]!.seq : filter.after };
}

export { emitEvents };
