/**
 * The replay's world and its stock: the regions, warehouses, routing policy and catalogue it
 * starts from, and the receipts of opening stock and of each week's replenishment.
 */
import { putSku, putWarehouse } from '../app/catalog.ts';
import type { AppContext, CommandOptions } from '../app/context.ts';
import { createContext } from '../app/create-context.ts';
import { putRegion, putRoutingPolicy } from '../app/regions.ts';
import { listMovements, listStock, receiveGoods } from '../app/stock.ts';
import { RECEIPT_BATCH } from '../app/stock-import.ts';
import { transactionAsDatabase, type Database } from '../db/database.ts';
import { DEFAULT_ROUTING } from '../domain/routing.ts';
import { CliError } from './open.ts';
import { REPLAY_REGIONS, REPLAY_WAREHOUSES, type Invoice, type InvoiceStream } from './replay-data.ts';
import { topUpLines, weeklyTargets, type DemandTracker, type StockPolicy } from './replay-model.ts';
import type { ReplayCounters } from './replay-report.ts';

/** The replay's times are the data's: the clock its contexts read, moved on by the replay. */
export interface ReplayClock {
  now: Date;
}

/** The replay writes its own ledger: it refuses a database that has one. */
export async function requireEmptyLedger(ctx: AppContext, opts: CommandOptions): Promise<void> {
  if ((await listMovements(ctx, { limit: 1 }, opts.actor)).items.length > 0) {
    throw new CliError(
      'replay needs a database with an empty ledger: point STOCKROOM_DATA at a new folder ' +
        '(or DATABASE_URL at an empty database) and run it again',
    );
  }
}

/** Regions, warehouses, the routing policy, and every SKU of the invoices in the catalogue. */
export async function setUpWorld(
  db: Database,
  ctx: AppContext,
  clock: ReplayClock,
  invoices: readonly Invoice[],
  stream: Pick<InvoiceStream, 'skus'>,
): Promise<void> {
  for (const { code, ...region } of REPLAY_REGIONS) await putRegion(ctx, code, region);
  for (const { code, ...warehouse } of REPLAY_WAREHOUSES) await putWarehouse(ctx, code, warehouse);
  await putRoutingPolicy(ctx, DEFAULT_ROUTING);
  const skus = new Set(invoices.flatMap((i) => [...i.lines.keys()]));
  await db.transaction(async (tx) => {
    // One transaction for the catalogue: a commit per SKU costs milliseconds on PGlite.
    const txCtx = createContext(transactionAsDatabase(db, tx), { clock: () => clock.now });
    for (const sku of [...skus].sort()) {
      const info = stream.skus.get(sku) ?? { name: sku, price: null };
      await putSku(txCtx, sku, { name: info.name, price: info.price });
    }
  });
}

const sum = (xs: Iterable<{ qty: number }>) => [...xs].reduce((n, x) => n + x.qty, 0);

/** Receives stock (per warehouse, then SKU) in receipts of at most RECEIPT_BATCH lines; answers the units. */
export type StockReceiver = (stock: Map<string, Map<string, number>>, reference: string) => Promise<number>;

export function stockReceiver(
  ctx: AppContext,
  opts: CommandOptions,
  counters: ReplayCounters,
): StockReceiver {
  return async (stock, reference) => {
    let units = 0;
    for (const warehouse of REPLAY_WAREHOUSES.map((w) => w.code)) {
      const lines = [...(stock.get(warehouse) ?? new Map<string, number>())]
        .filter(([, qty]) => qty > 0)
        .map(([sku, qty]) => ({ sku, qty }))
        .sort((a, b) => (a.sku < b.sku ? -1 : 1));
      for (let i = 0; i < lines.length; i += RECEIPT_BATCH) {
        const batch = lines.slice(i, i + RECEIPT_BATCH);
        await receiveGoods(ctx, { warehouse, reference, lines: batch }, opts);
        counters.receipts++;
        units += sum(batch);
      }
    }
    return units;
  };
}

/** Tops each warehouse's stock up to the week's targets; answers the units received. */
export async function replenish(
  ctx: AppContext,
  opts: CommandOptions,
  tracker: DemandTracker,
  week: number,
  policy: StockPolicy,
  receive: StockReceiver,
): Promise<number> {
  const targets = weeklyTargets(tracker, week, policy);
  const stock = new Map<string, Map<string, number>>();
  for (const [warehouse, wanted] of targets) {
    const sellable = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await listStock(ctx, { warehouse, cursor, limit: 1000 }, opts.actor);
      for (const p of page.items) sellable.set(p.sku, p.sellable);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    stock.set(warehouse, new Map(topUpLines(wanted, sellable).map((l) => [l.sku, l.qty])));
  }
  return receive(stock, `replay: week ${week} replenishment`);
}
