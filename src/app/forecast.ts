/**
 * The forecast of one position (a SKU at a warehouse) or of a SKU everywhere (warehouse null):
 * its demand history up to yesterday (the last whole day) through the pure forecaster, from
 * today for `horizonDays` days. Replenishment reads `forecastPosition`.
 *
 * Forecasts are cached in the process by (sku, warehouse, horizon, level, the history's last
 * day, the SKU's latest movement id and the latest import id): a dashboard reading the same
 * forecast again costs one small query until the ledger, an import or the day changes.
 */
import { demandScopes, demandVersion } from '../db/demand.ts';
import { demandSeries } from '../domain/demand.ts';
import { assert } from '../domain/assert.ts';
import { fail } from '../domain/errors.ts';
import {
  addDays,
  DEFAULT_BAND_LEVELS,
  forecastDemand,
  MAX_HORIZON_DAYS,
  type Band,
  type Bucket,
  type DemandClass,
  type EventDay,
  type ForecastDay,
  type ForecastPeriod,
  type IsoDate,
} from '../domain/forecast/index.ts';
import { listEventDays } from './forecast-events.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext } from './context.ts';
import { readDemandHistory, today, type DemandHistoryView } from './demand.ts';

export interface PositionForecast {
  sku: string;
  warehouse: string | null;
  horizonDays: number;
  level: number;
  bucket: Bucket;
  /** The season length used, in buckets; null when none applied. */
  seasonLength: number | null;
  model: string;
  classification: DemandClass;
  /**
   * dailyErrors and errorPaths: the backtest errors replenishment reads, sorted and in order
   * per origin (not part of the HTTP answer).
   */
  backtest: {
    wape: number | null;
    dailyErrorSd: number;
    origins: number;
    dailyErrors: number[];
    errorPaths: number[][];
  };
  history: { from: string | null; to: string | null; observedDays: number; outOfStockDays: number };
  /** Each configured event's uplift, learned from its past occurrences (1: nothing learned). */
  eventUplifts: { name: string; uplift: number; occurrences: number }[];
  /**
   * How the intervals were made (`conformal`, `normal` or `zero-inflated`) and, per band level,
   * the coverage they reached on the backtest's held-out origins (null: too little history).
   */
  intervals: {
    method: 'conformal' | 'normal' | 'zero-inflated' | 'none';
    heldOut: { level: number; coverage: number | null; days: number }[];
  };
  /**
   * `bottom-up`: a SKU's forecast as a whole (no warehouse) is the sum of its warehouses'
   * forecasts (listed with their models), which the evaluation on the demo data favoured; its
   * intervals keep the widths of the SKU's own forecast (`model`, `backtest`) around that sum.
   * `none`: the SKU's own forecast (one warehouse, or history imported for the SKU as a whole).
   */
  reconciliation: { method: 'bottom-up' | 'none'; warehouses: { warehouse: string; model: string }[] };
  /** The forecast per bucket (whole weeks or months with those buckets; the days with days). */
  periods: ForecastPeriod[];
  days: ForecastDay[];
}

export interface ForecastQuery {
  sku: string;
  warehouse: string | null;
  horizonDays: number;
  level?: number;
  bucket?: Bucket;
  /** In buckets; null for none; default by bucket (7, 52, 12). */
  seasonLength?: number | null;
}

export const DEFAULT_HORIZON_DAYS = 28;
export const DEFAULT_LEVEL = 0.8;
/** Forecasts kept per context; the oldest is dropped beyond this. */
const CACHE_SIZE = 2_000;

/**
 * Keyed by the service's metrics registry, which every context of one service shares: the
 * contexts derived per request for replica reads (src/app/reads.ts) then share one cache. The
 * key holds the history's version as read, so an entry is right whichever database read it.
 */
const caches = new WeakMap<AppContext['metrics'], Map<string, PositionForecast>>();

export async function forecastPosition(ctx: AppContext, q: ForecastQuery): Promise<PositionForecast> {
  const level = q.level ?? DEFAULT_LEVEL;
  const shape = { bucket: q.bucket ?? 'day', seasonLength: q.seasonLength } as const;
  if (!(Number.isInteger(q.horizonDays) && q.horizonDays >= 1 && q.horizonDays <= MAX_HORIZON_DAYS)) {
    fail('invalid_horizon', `horizonDays must be a whole number from 1 to ${MAX_HORIZON_DAYS}`, {
      horizonDays: q.horizonDays,
      max: MAX_HORIZON_DAYS,
    });
  }
  if (!(Number.isFinite(level) && level > 0 && level < 1)) {
    fail('invalid_level', 'level must be strictly between 0 and 1, e.g. 0.8 for 10% to 90%', { level });
  }
  await requireKnown(ctx.db, [q.sku], q.warehouse ? [q.warehouse] : []);
  const lastDay = historyEnd(ctx);
  const [version, events] = await Promise.all([demandVersion(ctx.db, q.sku), listEventDays(ctx.db)]);
  const key = [
    q.sku,
    q.warehouse ?? '',
    q.horizonDays,
    level,
    shape.bucket,
    String(shape.seasonLength),
    lastDay,
    version,
    JSON.stringify(events),
  ].join('|');
  let cache = caches.get(ctx.metrics);
  if (!cache) caches.set(ctx.metrics, (cache = new Map()));
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last, so the oldest is the first to go.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  let result = await computeForecast(ctx, q.sku, q.warehouse, q.horizonDays, level, lastDay, events, shape);
  if (q.warehouse === null) result = await bottomUp(ctx, result, { ...q, level });
  cache.set(key, result);
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return result;
}

/**
 * A warehouse's forecast as replenishment stores it (the default level, daily buckets), computed
 * afresh: for a position the caller read from stock_positions, so both SKU and warehouse exist,
 * with the event days it read once for all its positions. No cache: a stored forecast is
 * refreshed because the history moved or the day turned. Three statements fewer per position
 * than `forecastPosition` (the known check and the cache key's two reads).
 */
export async function freshWarehouseForecast(
  ctx: AppContext,
  q: { sku: string; warehouse: string; horizonDays: number },
  events: readonly EventDay[],
  history?: DemandHistoryView,
): Promise<PositionForecast> {
  assert(
    Number.isInteger(q.horizonDays) && q.horizonDays >= 1 && q.horizonDays <= MAX_HORIZON_DAYS,
    `a stored forecast's horizon is 1 to ${MAX_HORIZON_DAYS} days, not ${q.horizonDays}`,
  );
  const lastDay = historyEnd(ctx);
  assert(
    !history || (history.sku === q.sku && history.warehouse === q.warehouse),
    () => `history of ${history!.sku}@${history!.warehouse} given for ${q.sku}@${q.warehouse}`,
  );
  return computeForecast(
    ctx,
    q.sku,
    q.warehouse,
    q.horizonDays,
    DEFAULT_LEVEL,
    lastDay,
    events,
    { bucket: 'day', seasonLength: undefined },
    history,
  );
}

/** The last day a forecast learns from: yesterday, the last whole day. */
export const historyEnd = (ctx: AppContext): IsoDate => addDays(today(ctx), -1);

async function computeForecast(
  ctx: AppContext,
  sku: string,
  warehouse: string | null,
  horizonDays: number,
  level: number,
  lastDay: IsoDate,
  events: readonly EventDay[],
  shape: { bucket: Bucket; seasonLength: number | null | undefined },
  preloaded?: DemandHistoryView,
): Promise<PositionForecast> {
  const history = preloaded ?? (await readDemandHistory(ctx, { sku, warehouse, to: lastDay }));
  const series = demandSeries(history.days);
  const observedDays = history.days.filter((d) => !d.outOfStock && d.source !== 'none').length;
  const outOfStockDays = history.days.filter((d) => d.outOfStock).length;
  const base = {
    sku,
    warehouse,
    horizonDays,
    level,
    bucket: shape.bucket,
    history: { from: history.from, to: history.to, observedDays, outOfStockDays },
  };
  if (!series || observedDays === 0) {
    // No history at all: nothing is known, so nothing is forecast (not an error).
    const start = history.to ? addDays(history.to, 1) : today(ctx);
    const levels = [...new Set([level, ...DEFAULT_BAND_LEVELS])].sort((a, b) => a - b);
    return {
      ...base,
      model: 'none',
      classification: 'none',
      seasonLength: null,
      periods: [],
      backtest: { wape: null, dailyErrorSd: 0, origins: 0, dailyErrors: [], errorPaths: [] },
      eventUplifts: events.map((e) => ({ name: e.name, uplift: 1, occurrences: 0 })),
      reconciliation: { method: 'none', warehouses: [] },
      intervals: { method: 'none', heldOut: levels.map((l) => ({ level: l, coverage: null, days: 0 })) },
      days: Array.from({ length: horizonDays }, (_, i) => ({
        date: addDays(start, i),
        forecast: 0,
        median: 0,
        lower: 0,
        upper: 0,
        bands: levels.map((l) => ({ level: l, lower: 0, upper: 0 })),
        events: [],
      })),
    };
  }
  const f = forecastDemand(series, {
    horizonDays,
    level,
    events,
    bucket: shape.bucket,
    ...(shape.seasonLength === undefined ? {} : { seasonLength: shape.seasonLength }),
  });
  return {
    ...base,
    seasonLength: f.seasonLength,
    periods: f.periods,
    model: f.model,
    classification: f.classification.demandClass,
    backtest: {
      wape: f.combinedBacktest.wape,
      dailyErrorSd: f.dailyErrorSd,
      origins: f.combinedBacktest.origins,
      dailyErrors: f.dailyErrors,
      errorPaths: f.errorPaths,
    },
    eventUplifts: f.events.map((e) => ({ name: e.name, uplift: e.uplift, occurrences: e.occurrences })),
    intervals: f.intervals,
    reconciliation: { method: 'none', warehouses: [] },
    days: f.days,
  };
}

interface Point {
  forecast: number;
  median: number;
  lower: number;
  upper: number;
  bands: Band[];
}

/**
 * `total` with its median and bounds at `own`'s distances from its forecast, cut at 0 and
 * holding the total: the median of a sum is not the sum of the medians.
 */
function around<T extends Point>(own: T, total: number): T {
  const bound = (lower: number, upper: number) => ({
    lower: Math.max(0, Math.min(total, total - (own.forecast - lower))),
    upper: Math.max(total, total + (upper - own.forecast)),
  });
  return {
    ...own,
    forecast: total,
    median: Math.max(0, total - (own.forecast - own.median)),
    ...bound(own.lower, own.upper),
    bands: own.bands.map((b) => ({ level: b.level, ...bound(b.lower, b.upper) })),
  };
}

/**
 * Bottom-up reconciliation of a SKU's forecast as a whole: with history at two or more
 * warehouses and none imported for the SKU as a whole, each day (and period) is the sum of the
 * warehouses' forecasts, so they add up to the SKU's (docs/forecasting.md: bottom-up forecast
 * the SKU best on the demo data). The intervals keep the SKU's own widths. When the warehouses'
 * forecasts do not cover the same dates as the SKU's, the SKU's own forecast stands.
 */
async function bottomUp(
  ctx: AppContext,
  own: PositionForecast,
  q: ForecastQuery & { level: number },
): Promise<PositionForecast> {
  if (own.model === 'none') return own;
  const scopes = await demandScopes(ctx.db, q.sku);
  if (scopes.wholeSkuImport || scopes.warehouses.length < 2) return own;
  const parts: PositionForecast[] = [];
  for (const warehouse of scopes.warehouses) parts.push(await forecastPosition(ctx, { ...q, warehouse }));
  const sums = <T extends { forecast: number }>(
    mine: readonly T[],
    key: (t: T) => string,
    of: (p: PositionForecast) => readonly T[],
  ) => {
    const total = new Map<string, number>();
    for (const p of parts) for (const t of of(p)) total.set(key(t), (total.get(key(t)) ?? 0) + t.forecast);
    const keys = (p: PositionForecast) => of(p).map(key).join();
    const same = parts.every((p) => keys(p) === mine.map(key).join());
    return same ? mine.map((t) => total.get(key(t))!) : null;
  };
  const daySums = sums(
    own.days,
    (d) => d.date,
    (p) => p.days,
  );
  const periodSums = sums(
    own.periods,
    (d) => d.start,
    (p) => p.periods,
  );
  if (!daySums || !periodSums) return own;
  return {
    ...own,
    reconciliation: {
      method: 'bottom-up',
      warehouses: parts.map((p) => ({ warehouse: p.warehouse!, model: p.model })),
    },
    days: own.days.map((d, i) => around(d, daySums[i]!)),
    periods: own.periods.map((p, i) => around(p, periodSums[i]!)),
  };
}
