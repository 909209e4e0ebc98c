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
import { SYSTEM_ACTOR } from '../app/context.ts';
import { createContext } from '../app/create-context.ts';
import { verifyStock } from '../app/verify.ts';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';
import { describeDatabase } from '../db/open.ts';
import { CliError, openForCli } from './open.ts';
import { DAY_MS } from '../domain/time.ts';
import { dayOf, invoicesFromCsv, selectWindow, type Invoice, type InvoiceStream } from './replay-data.ts';
import { DEFAULT_STOCK_POLICY, DemandTracker, openingStock, type StockPolicy } from './replay-model.ts';
import { readTextFile } from './read-file.ts';
import { ReplayOrders } from './replay-orders.ts';
import {
  buildReport,
  emptyCounters,
  formatReplayReport,
  type ReplayCounters,
  type ReplayReport,
} from './replay-report.ts';
import {
  replenish,
  requireEmptyLedger,
  setUpWorld,
  stockReceiver,
  type ReplayClock,
} from './replay-world.ts';

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
  const clock: ReplayClock = { now: new Date(startDay) };
  const ctx = createContext(db, { clock: () => clock.now });
  const opts = { actor: REPLAY_ACTOR };

  await requireEmptyLedger(ctx, opts);
  await setUpWorld(db, ctx, clock, invoices, stream);
  const receive = stockReceiver(ctx, opts, counters);
  counters.units.receivedOpening = await receive(
    openingStock(invoices, startDay, settings.stock),
    'replay: opening stock',
  );
  const setupMs = performance.now() - started;

  const replayStarted = performance.now();
  const tracker = new DemandTracker(startDay);
  const orders = new ReplayOrders(ctx, opts, counters, settings);
  let currentDay = startDay;
  let week = 0;
  for (const [i, invoice] of invoices.entries()) {
    const day = dayOf(invoice.at);
    if (day > currentDay) {
      await orders.drain();
      clock.now = new Date(day);
      const thisWeek = tracker.weekOf(clock.now);
      if (thisWeek > week) {
        week = thisWeek;
        counters.units.receivedWeekly += await replenish(ctx, opts, tracker, week, settings.stock, receive);
      }
      await orders.shipPass(day);
      currentDay = day;
    }
    if (invoice.at.getTime() > clock.now.getTime()) clock.now = invoice.at;
    tracker.record(invoice);
    if (invoice.cancellation) {
      counters.invoices.cancellations++;
      await orders.drain();
      await orders.cancel(invoice);
    } else {
      counters.invoices.sales++;
      await orders.submit(invoice);
    }
    options.onProgress?.(i + 1, clock.now, counters);
  }
  await orders.drain();
  // The last day's orders ship on the next morning's pass, so every placed order ends shipped
  // or cancelled.
  clock.now = new Date(currentDay + DAY_MS);
  await orders.shipPass(currentDay + DAY_MS, true);
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
    stream = invoicesFromCsv(readTextFile(source));
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
