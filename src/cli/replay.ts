/**
 * `stockroom replay`: the real order stream of the UCI Online Retail data pushed through the
 * same use cases as the API. Regions from the customers' countries, three warehouses with
 * opening stock and weekly replenishment, invoices in time order as routed orders, cancellation
 * invoices as cancellations (or returns, once the order has shipped), shipping on the next
 * day's pass; the ledger's times are the data's (an injected clock). Ends with the report and
 * `verifyStock`. Needs a database whose ledger is empty. See docs/replay.md.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import cliProgress from 'cli-progress';
import { putSku, putWarehouse } from '../app/catalog.ts';
import { SYSTEM_ACTOR } from '../app/context.ts';
import { createContext } from '../app/create-context.ts';
import { createContext } from '../app/create-context.ts';
import { cancelOrder, confirmOrder, placeOrder, recordReturn, shipOrder } from '../app/orders.ts';
import { putRegion, putRoutingPolicy } from '../app/regions.ts';
import { listMovements, listStock, receiveGoods } from '../app/stock.ts';
import { RECEIPT_BATCH } from '../app/stock-import.ts';
import { verifyStock } from '../app/verify.ts';
import type { Config } from '../config.ts';
import { transactionAsDatabase, type Database } from '../db/database.ts';
import { describeDatabase } from '../db/open.ts';
import { DomainError } from '../domain/errors.ts';
import type { Allocation } from '../domain/orders.ts';
import { DEFAULT_ROUTING } from '../domain/routing.ts';
import { CliError, openForCli } from './open.ts';
import {
  DAY_MS,
  dayOf,
  invoicesFromCsv,
  readSourceText,
  REPLAY_REGIONS,
  REPLAY_WAREHOUSES,
  selectWindow,
  type Invoice,
  type InvoiceStream,
} from './replay-data.ts';
import {
  DEFAULT_STOCK_POLICY,
  DemandTracker,
  OrderBook,
  openingStock,
  shipAfterCancel,
  topUpLines,
  weeklyTargets,
  type StockPolicy,
} from './replay-model.ts';
import {
  buildReport,
  emptyCounters,
  formatReplayReport,
  type ReplayCounters,
  type ReplayReport,
} from './replay-report.ts';

export const DEFAULT_REPLAY_SOURCE = fileURLToPath(
  new URL('../../../shared/data/online-retail/onlineretail.csv.gz', import.meta.url),
);

/** The ledger's actor for everything the replay does. */
const REPLAY_ACTOR = { ...SYSTEM_ACTOR, id: 'replay' };

export interface ReplaySettings {
  /** Placements in flight at once (they share commits through the reservation batcher). */
  concurrency: number;
  /** An order ships on the first day pass at least this many days after the day it was placed. */
  shipAfterDays: number;
  stock: StockPolicy;
}

export const DEFAULT_SETTINGS: ReplaySettings = {
  concurrency: 8,
  shipAfterDays: 1,
  stock: DEFAULT_STOCK_POLICY,
};

interface OpenOrder {
  orderId: string;
  day: number;
  allocations: Allocation[];
  /** Units cancelled before shipping, per SKU. */
  cancelled: Map<string, number>;
  state: 'open' | 'shipped' | 'cancelled';
}

const sum = (xs: Iterable<{ qty: number }>) => [...xs].reduce((n, x) => n + x.qty, 0);

/** Runs the replay of `invoices` into an empty database. */
export async function replayInto(
  db: Database,
  invoices: readonly Invoice[],
  stream: Pick<InvoiceStream, 'skus'>,
  options: Partial<ReplaySettings> & {
    source?: string;
    database?: string;
    onProgress?: (done: number, day: Date, c: ReplayCounters) => void;
  } = {},
): Promise<ReplayReport> {
  const settings = { ...DEFAULT_SETTINGS, ...options };
  const started = performance.now();
  const counters = emptyCounters();
  const first = invoices[0]?.at ?? null;
  const startDay = first ? dayOf(first) : dayOf(new Date());
  let now = new Date(startDay);
  const ctx = createContext(db, { clock: () => now });
  const opts = { actor: REPLAY_ACTOR };

  if ((await listMovements(ctx, { limit: 1 }, REPLAY_ACTOR)).items.length > 0) {
    throw new CliError(
      'replay needs a database with an empty ledger: point STOCKROOM_DATA at a new folder ' +
        '(or DATABASE_URL at an empty database) and run it again',
    );
  }

  // The world: regions, warehouses, the routing policy, the catalogue and opening stock.
  for (const { code, ...region } of REPLAY_REGIONS) await putRegion(ctx, code, region);
  for (const { code, ...warehouse } of REPLAY_WAREHOUSES) await putWarehouse(ctx, code, warehouse);
  await putRoutingPolicy(ctx, DEFAULT_ROUTING);
  const skus = new Set(invoices.flatMap((i) => [...i.lines.keys()]));
  await db.transaction(async (tx) => {
    // One transaction for the catalogue: a commit per SKU costs milliseconds on PGlite.
    const txCtx = createContext(transactionAsDatabase(db, tx), { clock: () => now });
    for (const sku of [...skus].sort()) {
      const info = stream.skus.get(sku) ?? { name: sku, price: null };
      await putSku(txCtx, sku, { name: info.name, price: info.price });
    }
  });
  const receive = async (stock: Map<string, Map<string, number>>, reference: string) => {
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
  counters.units.receivedOpening = await receive(
    openingStock(invoices, startDay, settings.stock),
    'replay: opening stock',
  );
  const setupMs = performance.now() - started;

  // The stream.
  const tracker = new DemandTracker(startDay);
  const book = new OrderBook();
  const orders = new Map<string, OpenOrder>();
  let toShip: OpenOrder[] = [];
  const inFlight = new Set<Promise<void>>();
  const drain = async () => {
    while (inFlight.size > 0) await Promise.all(inFlight);
  };
  const countError = (what: string, err: unknown) => {
    if (!(err instanceof DomainError)) throw err;
    const key = `${what}:${err.code}`;
    counters.orders.errors[key] = (counters.orders.errors[key] ?? 0) + 1;
  };

  const replenish = async (week: number) => {
    const targets = weeklyTargets(tracker, week, settings.stock);
    const stock = new Map<string, Map<string, number>>();
    for (const [warehouse, wanted] of targets) {
      const sellable = new Map<string, number>();
      let cursor: string | undefined;
      do {
        const page = await listStock(ctx, { warehouse, cursor, limit: 1000 }, REPLAY_ACTOR);
        for (const p of page.items) sellable.set(p.sku, p.sellable);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      stock.set(warehouse, new Map(topUpLines(wanted, sellable).map((l) => [l.sku, l.qty])));
    }
    counters.units.receivedWeekly += await receive(stock, `replay: week ${week} replenishment`);
  };

  const ship = async (order: OpenOrder) => {
    try {
      const cancelledUnits = [...order.cancelled.values()].reduce((a, b) => a + b, 0);
      const lines = cancelledUnits > 0 ? shipAfterCancel(order.allocations, order.cancelled) : undefined;
      if (lines === undefined || lines.length > 0) {
        const { body } = await shipOrder(ctx, order.orderId, lines, opts);
        counters.units.shipped += sum(body.lines);
        counters.orders.shipped++;
      }
      if (cancelledUnits > 0) {
        await cancelOrder(ctx, order.orderId, opts);
        counters.units.released += cancelledUnits;
      }
      order.state = 'shipped';
    } catch (err) {
      countError('ship', err);
    }
  };
  const shipPass = async (day: number, all = false) => {
    const due = toShip.filter(
      (o) => o.state === 'open' && (all || o.day + settings.shipAfterDays * DAY_MS <= day),
    );
    toShip = toShip.filter((o) => o.state === 'open' && !due.includes(o));
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(settings.concurrency, due.length) }, async () => {
        while (next < due.length) await ship(due[next++]!);
      }),
    );
  };

  const place = async (invoice: Invoice) => {
    const orderId = `ord-${invoice.invoiceNo}`;
    const lines = [...invoice.lines].map(([sku, qty]) => ({ sku, qty }));
    const region = invoice.region ?? undefined;
    counters.orders.attempted++;
    counters.units.demanded += sum(lines);
    let placed;
    let inPart = false;
    try {
      placed = (await placeOrder(ctx, { orderId, lines, region }, opts)).body;
    } catch (err) {
      if (!(err instanceof DomainError && err.code === 'insufficient_stock')) return countError('place', err);
      // Sell what there is: the short lines trimmed to the sellable units, once.
      const short = new Map(
        ((err.details?.lines ?? []) as { sku: string; requested: number; sellable: number }[]).map((l) => [
          l.sku,
          l,
        ]),
      );
      for (const s of short.values()) {
        const seen = counters.shortSkus.get(s.sku) ?? { orders: 0, units: 0 };
        counters.shortSkus.set(s.sku, {
          orders: seen.orders + 1,
          units: seen.units + s.requested - s.sellable,
        });
      }
      const trimmed = lines
        .map((l) => ({ sku: l.sku, qty: Math.min(l.qty, short.get(l.sku)?.sellable ?? l.qty) }))
        .filter((l) => l.qty > 0);
      if (trimmed.length > 0) {
        try {
          placed = (await placeOrder(ctx, { orderId, lines: trimmed, region }, opts)).body;
          inPart = true;
        } catch (retryErr) {
          if (!(retryErr instanceof DomainError && retryErr.code === 'insufficient_stock'))
            return countError('place', retryErr);
        }
      }
    }
    if (!placed) {
      counters.orders.refused++;
      return;
    }
    if (inPart) counters.orders.placedInPart++;
    else counters.orders.placedInFull++;
    const allocations = placed.allocations.map(({ sku, warehouse, qty }) => ({ sku, warehouse, qty }));
    counters.units.placed += sum(allocations);
    if (new Set(allocations.map((a) => a.warehouse)).size > 1) counters.orders.split++;
    try {
      await confirmOrder(ctx, orderId, opts);
    } catch (err) {
      countError('confirm', err);
    }
    const units = new Map<string, number>();
    for (const a of allocations) units.set(a.sku, (units.get(a.sku) ?? 0) + a.qty);
    const order: OpenOrder = {
      orderId,
      day: dayOf(invoice.at),
      allocations,
      cancelled: new Map(),
      state: 'open',
    };
    orders.set(orderId, order);
    toShip.push(order);
    book.add({ orderId, customer: invoice.customer, at: invoice.at, units });
  };

  const cancel = async (invoice: Invoice) => {
    if (!invoice.customer) {
      counters.cancellations.unmatchedNoCustomer++;
      return;
    }
    const match = book.match(invoice);
    const order = match && orders.get(match.orderId);
    if (!order) {
      counters.cancellations.unmatchedNoOrder++;
      return;
    }
    try {
      if (order.state === 'open') {
        for (const [sku, qty] of invoice.lines)
          order.cancelled.set(sku, (order.cancelled.get(sku) ?? 0) + qty);
        if (shipAfterCancel(order.allocations, order.cancelled).length === 0) {
          await cancelOrder(ctx, order.orderId, opts);
          counters.units.released += sum(order.allocations);
          order.state = 'cancelled';
          counters.cancellations.cancelled++;
        } else {
          counters.cancellations.partlyCancelled++;
        }
        return;
      }
      // Shipped already (a cancelled order has no units left to match): the goods come back.
      const byWarehouse = new Map<string, { sku: string; qty: number; condition: 'sellable' }[]>();
      for (const [sku, qty] of invoice.lines) {
        const from = order.allocations
          .filter((a) => a.sku === sku)
          .sort((a, b) => b.qty - a.qty || (a.warehouse < b.warehouse ? -1 : 1))[0]!.warehouse;
        byWarehouse.set(from, [...(byWarehouse.get(from) ?? []), { sku, qty, condition: 'sellable' }]);
      }
      for (const [warehouse, lines] of byWarehouse) {
        await recordReturn(ctx, { orderId: order.orderId, warehouse, lines }, opts);
        counters.units.returned += sum(lines);
      }
      counters.cancellations.returned++;
    } catch (err) {
      countError('cancel', err);
    }
  };

  const replayStarted = performance.now();
  let currentDay = startDay;
  let week = 0;
  for (const [i, invoice] of invoices.entries()) {
    const day = dayOf(invoice.at);
    if (day > currentDay) {
      await drain();
      now = new Date(day);
      const thisWeek = tracker.weekOf(now);
      if (thisWeek > week) await replenish((week = thisWeek));
      await shipPass(day);
      currentDay = day;
    }
    if (invoice.at.getTime() > now.getTime()) now = invoice.at;
    tracker.record(invoice);
    if (invoice.cancellation) {
      counters.invoices.cancellations++;
      await drain();
      await cancel(invoice);
    } else {
      counters.invoices.sales++;
      const task: Promise<void> = place(invoice).finally(() => inFlight.delete(task));
      inFlight.add(task);
      if (inFlight.size >= settings.concurrency) await Promise.race(inFlight);
    }
    options.onProgress?.(i + 1, now, counters);
  }
  await drain();
  // The last day's orders ship on the next morning's pass, so every placed order ends shipped
  // or cancelled.
  now = new Date(currentDay + DAY_MS);
  await shipPass(currentDay + DAY_MS, true);
  const replayMs = performance.now() - replayStarted;

  const report = buildReport(counters, {
    source: options.source ?? 'invoices',
    database: options.database ?? db.kind,
    first,
    last: invoices[invoices.length - 1]?.at ?? null,
    concurrency: settings.concurrency,
    setupMs,
    replayMs,
    elapsedMs: performance.now() - started,
  });
  const verified = await verifyStock(createContext(db));
  report.verify = {
    ok: verified.ok,
    positions: verified.positions,
    movements: verified.movements,
    problemCount: verified.problemCount,
    durationMs: verified.durationMs,
  };
  return report;
}

export interface ReplayCliOptions {
  source?: string | undefined;
  limit?: string | undefined;
  from?: string | undefined;
  to?: string | undefined;
  concurrency?: string | undefined;
  shipAfterDays?: string | undefined;
  coverWeeks?: string | undefined;
  json?: boolean | undefined;
}

function positiveInt(raw: string | undefined, what: string, fallback: number, min = 1): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < min) {
    throw new CliError(`${what} must be a whole number of at least ${min}, got "${raw}"`);
  }
  return value;
}

function progressBar(total: number) {
  if (!process.stderr.isTTY || total === 0) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: 'replay |{bar}| {value}/{total} invoices | {day} | placed {placed}, refused {refused}',
      hideCursor: true,
      clearOnComplete: true,
      fps: 5,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { day: '', placed: 0, refused: 0 });
  return {
    update: (done: number, day: Date, c: ReplayCounters) =>
      bar.update(done, {
        day: day.toISOString().slice(0, 10),
        placed: c.orders.placedInFull + c.orders.placedInPart,
        refused: c.orders.refused,
      }),
    stop: () => bar.stop(),
  };
}

export async function runReplay(config: Config, options: ReplayCliOptions): Promise<void> {
  const source = options.source ?? DEFAULT_REPLAY_SOURCE;
  // The default is found next to the checkout: elsewhere (an installed copy, an image) say what to pass.
  if (!existsSync(source)) {
    throw new CliError(
      options.source
        ? `no such file: ${resolve(source)}`
        : `the Online Retail data is not at ${source} (the default, next to the checkout): ` +
            'pass --source <file> (the Online Retail CSV, .csv or .csv.gz)',
    );
  }
  const settings: ReplaySettings = {
    concurrency: positiveInt(options.concurrency, '--concurrency', DEFAULT_SETTINGS.concurrency),
    shipAfterDays: positiveInt(options.shipAfterDays, '--ship-after-days', DEFAULT_SETTINGS.shipAfterDays, 0),
    stock: {
      ...DEFAULT_STOCK_POLICY,
      coverWeeks: positiveInt(options.coverWeeks, '--cover-weeks', DEFAULT_STOCK_POLICY.coverWeeks),
    },
  };
  const limit = options.limit === undefined ? undefined : positiveInt(options.limit, '--limit', 1);
  let stream: InvoiceStream;
  let invoices: Invoice[];
  try {
    stream = invoicesFromCsv(readSourceText(source));
    invoices = selectWindow(stream.invoices, { from: options.from, to: options.to, limit });
  } catch (err) {
    throw new CliError(`cannot replay ${source}: ${(err as Error).message}`);
  }
  if (invoices.length === 0) throw new CliError(`no invoices to replay in ${source} for that window`);

  const db = await openForCli(config);
  try {
    const bar = progressBar(invoices.length);
    let report: ReplayReport;
    try {
      report = await replayInto(db, invoices, stream, {
        ...settings,
        source,
        database: describeDatabase(config),
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    if (options.json) {
      console.log(JSON.stringify(report, null, 2));
    } else {
      const v = report.verify!;
      console.log(formatReplayReport(report));
      console.log(
        `verify: ${v.ok ? 'OK' : 'DRIFT'}: ${v.positions.toLocaleString('en')} positions, ${v.movements.toLocaleString('en')} movements checked in ${v.durationMs.toLocaleString('en')} ms` +
          (v.ok ? '' : `; ${v.problemCount} problem(s): run \`stockroom verify\` for the list`),
      );
    }
    if (!report.verify?.ok) process.exitCode = 1;
  } finally {
    await db.close();
  }
}
