/**
 * Replenishment suggestions per position: the policy after inheritance, what the position has
 * and expects, and its stored demand forecast, through the pure maths in
 * src/domain/replenishment.ts. A suggestion becomes a purchase order in one call.
 *
 * Forecasts are stored per position (demand_forecasts) and refreshed in the background: fitting
 * models for a whole catalogue inside one request would take minutes. A request computes at most
 * a few missing forecasts itself; the rest show as pending until the refresher reaches them.
 */
import { committedSql } from '../db/committed-demand.ts';
import type { Queryable } from '../db/database.ts';
import { incomingSql } from '../db/stock.ts';
import { fail } from '../domain/errors.ts';
import { addDays, dayNumber, MAX_HORIZON_DAYS, type EventDay } from '../domain/forecast/index.ts';
import {
  forecastHorizon,
  suggestReplenishment,
  type PolicyFields,
  type ReplenishmentPolicy,
  type Suggestion,
  type SupplyState,
} from '../domain/replenishment.ts';
import { requireWarehouseAccess } from './access.ts';
import { startDrainLoop } from './background.ts';
import { requireKnown } from './catalog.ts';
import type { AppContext, CommandOptions, Outcome } from './context.ts';
import { csvLine, type CsvValue } from './csv.ts';
import { listEventDays } from './forecast-events.ts';
import { freshWarehouseForecast, historyEnd } from './forecast.ts';
import { readDemandHistories, type DemandHistoryView } from './demand.ts';
import { runCommand } from './idempotency.ts';
import { withKnownDemand } from '../domain/standing-orders.ts';
import { shopCurrency } from './shop.ts';
import { decodeCursor, encodeCursor, type Page } from './paging.ts';
import {
  effectivePolicy,
  getReplenishmentDefaults,
  insertPurchaseOrder,
  requireSupplier,
  supplierFields,
  type PurchaseOrder,
} from './purchasing.ts';
import { DAY_MS } from '../domain/time.ts';
import { keyOf } from '../domain/keys.ts';

/** A stored forecast older than this is refreshed (it is still used meanwhile). */
export const FORECAST_MAX_AGE_MS = DAY_MS;
/** Missing forecasts one request may compute itself before it reports the rest as pending. */
export const INLINE_FORECAST_BUDGET = 20;
const SCAN_CHUNK = 500;
/** Positions whose histories a refresh reads at once: a few hundred days each, kept in memory. */
const REFRESH_CHUNK = 200;
/** Standing orders' deliveries read ahead: the longest forecast a policy uses (forecastHorizon). */
const COMMITTED_HORIZON_DAYS = MAX_HORIZON_DAYS;

export interface ReplenishmentRow extends Suggestion {
  sku: string;
  warehouse: string;
  policy: ReplenishmentPolicy;
  stock: SupplyState & { locked: number; virtual: number; sellable: number };
  forecast: {
    model: string;
    computedAt: string;
    /** Mean daily demand over lead time plus review period. */
    dailyMean: number;
    dailyErrorSd: number;
    wape: number | null;
  } | null;
  /** No forecast yet: the suggestion covers only what is owed until the refresher computes one. */
  forecastPending: boolean;
  /**
   * Units of standing orders' deliveries not reserved yet within lead time plus review period:
   * known demand, added to the forecast's days they fall on.
   */
  committed: number;
  /** The date to order by (today when needed now), null when not within the forecast. */
  reorderBy: string | null;
  unitCost: number | null;
}

interface CandidateRow {
  sku: string;
  warehouse: string;
  on_hand: string;
  reserved: string;
  damaged: string;
  qc_pending: string;
  locked: string;
  transfer_reserved: string;
  virtual: string;
  incoming: string;
  inbound: string;
  own_supplier: string | null;
  own_lead_time_days: number | null;
  own_service_level: number | null;
  own_review_period_days: number | null;
  own_min_order: string | null;
  own_pack_size: string | null;
  supplier_row: Parameters<typeof supplierFields>[0] | null;
  computed_at: Date | null;
  model: string | null;
  daily: number[] | null;
  daily_error_sd: number | null;
  daily_errors: number[] | null;
  daily_error_paths: number[][] | null;
  wape: number | null;
  needs_refresh: boolean | null;
  unit_cost: string | null;
  /** Standing orders' deliveries not reserved yet: [days from today, units]. */
  committed: [number, number][] | null;
}

interface Filter {
  warehouse?: string | undefined;
  supplier?: string | undefined;
  sku?: string | undefined;
}

/** Positions with everything a suggestion needs, in (sku, warehouse) order after `after`. */
async function readCandidates(
  q: Queryable,
  filter: Filter,
  after: [string, string] | null,
  limit: number,
  today: string,
): Promise<CandidateRow[]> {
  const { rows } = await q.query<CandidateRow>(
    `with incoming as (${incomingSql()}), inbound as (
       select tl.sku, t.to_warehouse as warehouse,
         sum(greatest(tl.planned - tl.cancelled - tl.received - tl.damaged - tl.lost, 0)) as units
       from transfer_lines tl join transfers t using (transfer_id)
       where t.status in ('planned', 'partially_shipped', 'in_transit') group by tl.sku, t.to_warehouse
     )
     select p.sku, p.warehouse, p.on_hand, p.reserved, p.damaged, p.qc_pending, p.locked,
       p.transfer_reserved, p.virtual, coalesce(i.incoming, 0) as incoming, coalesce(b.units, 0) as inbound,
       r.supplier as own_supplier, r.lead_time_days as own_lead_time_days,
       r.service_level as own_service_level, r.review_period_days as own_review_period_days,
       r.min_order as own_min_order, r.pack_size as own_pack_size,
       to_jsonb(s) - 'created_at' - 'updated_at' as supplier_row,
       f.computed_at, f.model, f.daily, f.daily_error_sd, f.daily_errors, f.daily_error_paths, f.wape, f.needs_refresh, k.unit_cost,
       (select jsonb_agg(jsonb_build_array(c.day - $7::date, c.units))
          from (${committedSql('$7', '$8')}) c where c.sku = p.sku and c.warehouse = p.warehouse) as committed
     from stock_positions p
       join skus k on k.sku = p.sku
       left join replenishment_policies r on r.sku = p.sku and r.warehouse = p.warehouse
       left join suppliers s on s.code = r.supplier
       left join demand_forecasts f on f.sku = p.sku and f.warehouse = p.warehouse
       left join incoming i on i.sku = p.sku and i.warehouse = p.warehouse
       left join inbound b on b.sku = p.sku and b.warehouse = p.warehouse
     where ($1::text is null or p.warehouse = $1)
       and ($2::text is null or r.supplier = $2)
       and ($3::text is null or p.sku = $3)
       and ($4::text is null or (p.sku, p.warehouse) > ($4, $5::text))
     order by p.sku, p.warehouse
     limit $6`,
    [
      filter.warehouse ?? null,
      filter.supplier ?? null,
      filter.sku ?? null,
      after?.[0] ?? null,
      after?.[1] ?? null,
      limit,
      today,
      addDays(today, COMMITTED_HORIZON_DAYS),
    ],
  );
  return rows;
}

function supplyOf(r: CandidateRow): ReplenishmentRow['stock'] {
  const n = (v: string | number) => Number(v);
  const onHand = n(r.on_hand);
  const unsellable = n(r.damaged) + n(r.qc_pending);
  const physicallyFree = onHand - unsellable - n(r.locked) - n(r.transfer_reserved);
  return {
    onHand,
    reserved: n(r.reserved),
    unsellable,
    locked: n(r.locked),
    transferReserved: n(r.transfer_reserved),
    virtual: n(r.virtual),
    inboundTransfers: n(r.inbound),
    incoming: n(r.incoming),
    // Physically free units serve reservations first; the rest rest on virtual stock.
    backorders: Math.max(0, n(r.reserved) - Math.max(physicallyFree, 0)),
    sellable: physicallyFree - n(r.reserved) + n(r.virtual),
  };
}

function policyOf(r: CandidateRow, defaults: PolicyFields): ReplenishmentPolicy {
  return effectivePolicy(
    {
      supplier: r.own_supplier,
      leadTimeDays: r.own_lead_time_days,
      serviceLevel: r.own_service_level,
      reviewPeriodDays: r.own_review_period_days,
      minOrder: r.own_min_order == null ? null : Number(r.own_min_order),
      packSize: r.own_pack_size == null ? null : Number(r.own_pack_size),
    },
    r.supplier_row ? supplierFields(r.supplier_row) : null,
    defaults,
  );
}

interface StoredForecast {
  model: string;
  computedAt: Date;
  daily: number[];
  dailyErrorSd: number;
  dailyErrors: number[];
  errorPaths: number[][];
  wape: number | null;
  needsRefresh: boolean;
}

/** The stored forecast from today on, or null when missing, stale or too short for the policy. */
function usableForecast(
  stored: StoredForecast | null,
  policy: ReplenishmentPolicy,
  now: Date,
): number[] | null {
  if (!stored || stored.needsRefresh) return null;
  if (now.getTime() - stored.computedAt.getTime() > FORECAST_MAX_AGE_MS) return null;
  const daily = fromToday(stored, now);
  return daily.length >= policy.leadTimeDays + policy.reviewPeriodDays + 1 ? daily : null;
}

/** The stored daily forecast from today on (it starts on the day it was computed). */
export function fromToday(stored: Pick<StoredForecast, 'daily' | 'computedAt'>, now: Date): number[] {
  const elapsed =
    dayNumber(now.toISOString().slice(0, 10)) - dayNumber(stored.computedAt.toISOString().slice(0, 10));
  const daily = stored.daily.slice(Math.max(elapsed, 0));
  // Past its end, its last day is the best guess left (demandOver repeats it).
  return daily.length > 0 ? daily : stored.daily.slice(-1);
}

/**
 * Fits the forecast of one position (read from stock_positions) for its policy's horizon, to be
 * stored by `storeForecasts`. A caller fitting many reads the event days and histories once and
 * passes them.
 */
async function fitForecast(
  ctx: AppContext,
  sku: string,
  warehouse: string,
  policy: ReplenishmentPolicy,
  read?: { events: readonly EventDay[]; history: DemandHistoryView },
): Promise<StoredForecast> {
  const f = await freshWarehouseForecast(
    ctx,
    { sku, warehouse, horizonDays: forecastHorizon(policy) },
    read?.events ?? (await listEventDays(ctx.db)),
    read?.history,
  );
  return {
    model: f.model,
    computedAt: ctx.clock(),
    daily: f.days.map((d) => d.forecast),
    dailyErrorSd: f.backtest.dailyErrorSd,
    dailyErrors: f.backtest.dailyErrors,
    errorPaths: f.backtest.errorPaths,
    wape: f.backtest.wape,
    needsRefresh: false,
  };
}

/** Fits and stores the forecast of one position. */
async function computeForecast(ctx: AppContext, sku: string, warehouse: string, policy: ReplenishmentPolicy) {
  const stored = await fitForecast(ctx, sku, warehouse, policy);
  await storeForecasts(ctx.db, [{ sku, warehouse, stored }]);
  return stored;
}

/** Stores fitted forecasts, each position's replacing its last, in one statement. */
async function storeForecasts(
  q: Queryable,
  fitted: readonly { sku: string; warehouse: string; stored: StoredForecast }[],
): Promise<void> {
  if (fitted.length === 0) return;
  // One JSON document of rows: arrays of numbers become double precision[] as they are.
  const rows = fitted.map(({ sku, warehouse, stored: s }) => ({
    sku,
    warehouse,
    computed_at: s.computedAt.toISOString(),
    model: s.model,
    daily: s.daily,
    daily_error_sd: s.dailyErrorSd,
    daily_errors: s.dailyErrors,
    daily_error_paths: s.errorPaths,
    wape: s.wape,
  }));
  await q.query(
    `insert into demand_forecasts
       (sku, warehouse, computed_at, model, daily, daily_error_sd, daily_errors, daily_error_paths, wape)
     select x.sku, x.warehouse, x.computed_at, x.model, x.daily, x.daily_error_sd, x.daily_errors,
            x.daily_error_paths, x.wape
     from jsonb_to_recordset($1::jsonb) as x(sku text, warehouse text, computed_at timestamptz, model text,
       daily double precision[], daily_error_sd double precision, daily_errors double precision[],
       daily_error_paths jsonb, wape double precision)
     on conflict (sku, warehouse) do update set computed_at = excluded.computed_at, model = excluded.model,
       daily = excluded.daily, daily_error_sd = excluded.daily_error_sd,
       daily_errors = excluded.daily_errors, daily_error_paths = excluded.daily_error_paths,
       wape = excluded.wape,
       needs_refresh = false`,
    [JSON.stringify(rows)],
  );
}

const storedOf = (r: CandidateRow): StoredForecast | null =>
  r.computed_at && r.daily && r.model
    ? {
        model: r.model,
        computedAt: new Date(r.computed_at),
        daily: r.daily.map(Number),
        dailyErrorSd: Number(r.daily_error_sd ?? 0),
        dailyErrors: (r.daily_errors ?? []).map(Number),
        errorPaths: (r.daily_error_paths ?? []).map((path) => path.map(Number)),
        wape: r.wape == null ? null : Number(r.wape),
        needsRefresh: r.needs_refresh === true,
      }
    : null;

/** One suggestion; computes the forecast if it is missing and the budget allows. */
async function evaluate(
  ctx: AppContext,
  r: CandidateRow,
  defaults: PolicyFields,
  budget: { left: number },
): Promise<ReplenishmentRow> {
  const now = ctx.clock();
  const policy = policyOf(r, defaults);
  let stored = storedOf(r);
  let daily = usableForecast(stored, policy, now);
  if (!daily && budget.left > 0) {
    budget.left--;
    stored = await computeForecast(ctx, r.sku, r.warehouse, policy);
    daily = usableForecast(stored, policy, now);
  }
  // A stale forecast is better than none while the refresher catches up.
  if (!daily && stored) daily = fromToday(stored, now);
  const pending = daily === null;
  const stock = supplyOf(r);
  // Standing orders are known demand on their delivery days, on top of the forecast, whose
  // history leaves their reservations out (src/db/demand.ts).
  const known = r.committed ?? [];
  const outlook = {
    daily: withKnownDemand(daily ?? [0], known, forecastHorizon(policy)),
    dailyErrorSd: pending ? 0 : (stored?.dailyErrorSd ?? 0),
    dailyErrors: pending ? [] : (stored?.dailyErrors ?? []),
    errorPaths: pending ? [] : (stored?.errorPaths ?? []),
  };
  const suggestion = suggestReplenishment(policy, stock, outlook);
  const today = now.toISOString().slice(0, 10);
  return {
    sku: r.sku,
    warehouse: r.warehouse,
    policy,
    stock,
    forecast:
      stored && !pending
        ? {
            model: stored.model,
            computedAt: stored.computedAt.toISOString(),
            dailyMean: suggestion.dailyDemand,
            dailyErrorSd: Math.round(stored.dailyErrorSd * 1000) / 1000,
            wape: stored.wape,
          }
        : null,
    forecastPending: pending,
    ...suggestion,
    committed: known
      .filter(([day]) => day >= 0 && day < Math.max(policy.leadTimeDays + policy.reviewPeriodDays, 1))
      .reduce((sum, [, units]) => sum + Number(units), 0),
    reorderBy: suggestion.reorderInDays === null ? null : addDays(today, suggestion.reorderInDays),
    unitCost: r.unit_cost == null ? null : Number(r.unit_cost),
  };
}

export interface ReplenishmentFilter extends Filter {
  onlyNeeded?: boolean | undefined;
  cursor?: string | undefined;
  limit: number;
}

/**
 * Suggestions in (sku, warehouse) order. With onlyNeeded, positions are examined in chunks until
 * the page is full, and the cursor is the last position examined.
 */
export async function listReplenishment(
  ctx: AppContext,
  filter: ReplenishmentFilter,
): Promise<Page<ReplenishmentRow>> {
  await requireFilter(ctx, filter);
  return scanSuggestions(ctx, ctx.db, filter, { left: INLINE_FORECAST_BUDGET });
}

/** Fails with unknown_sku, unknown_warehouse or unknown_supplier for a filter naming none. */
export async function requireFilter(ctx: AppContext, filter: Filter): Promise<void> {
  await requireKnown(ctx.db, filter.sku ? [filter.sku] : [], filter.warehouse ? [filter.warehouse] : []);
  if (filter.supplier) await requireSupplier(ctx.db, filter.supplier);
}

/**
 * Reads through `q` (a transaction, inside one); computes missing forecasts only while the
 * budget lasts, and only outside a transaction (budget 0 there): fitting reads the ledger on
 * the context's own connection.
 */
async function scanSuggestions(
  ctx: AppContext,
  q: Queryable,
  filter: ReplenishmentFilter,
  budget: { left: number },
): Promise<Page<ReplenishmentRow>> {
  const defaults = await getReplenishmentDefaults(q);
  let after = filter.cursor ? decodeCursor(filter.cursor, ['text', 'text']) : null;
  const items: ReplenishmentRow[] = [];
  for (;;) {
    const chunk = await readCandidates(
      q,
      filter,
      after,
      filter.onlyNeeded ? SCAN_CHUNK : filter.limit + 1,
      ctx.clock().toISOString().slice(0, 10),
    );
    for (const r of chunk) {
      if (items.length === filter.limit) return { items, nextCursor: encodeCursor(after!) };
      after = [r.sku, r.warehouse];
      const row = await evaluate(ctx, r, defaults, budget);
      if (!filter.onlyNeeded || row.needed) items.push(row);
    }
    if (!filter.onlyNeeded || chunk.length < SCAN_CHUNK) return { items, nextCursor: null };
  }
}

/**
 * Every page of suggestions under a filter, from its first; each page may compute up to
 * `inlinePerPage` missing forecasts (0 inside a transaction: see scanSuggestions).
 */
async function* suggestionPages(
  ctx: AppContext,
  q: Queryable,
  filter: Omit<ReplenishmentFilter, 'cursor'>,
  inlinePerPage: number,
): AsyncGenerator<ReplenishmentRow[]> {
  let cursor: string | undefined;
  do {
    const page = await scanSuggestions(ctx, q, { ...filter, cursor }, { left: inlinePerPage });
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

export interface ReplenishmentTotals {
  /** Positions matching the filter, and of them those to order now. */
  positions: number;
  needed: number;
  /** Positions still waiting for their first forecast (counted only for what is owed). */
  forecastPending: number;
  suggestedUnits: number;
  /** suggestedQty x unitCost over the needed rows that have a unit cost. */
  suggestedValue: number;
  /** Needed rows without a unit cost, left out of suggestedValue. */
  neededWithoutCost: number;
  /** The shop's currency, which suggestedValue is in. */
  currency: string;
}

/**
 * The whole list's totals under a filter, from the stored forecasts (none is computed here: a
 * missing one counts as pending), so a buyer sees the size of the order before paging through it.
 */
export async function replenishmentTotals(ctx: AppContext, filter: Filter): Promise<ReplenishmentTotals> {
  await requireFilter(ctx, filter);
  const totals: ReplenishmentTotals = {
    positions: 0,
    needed: 0,
    forecastPending: 0,
    suggestedUnits: 0,
    suggestedValue: 0,
    neededWithoutCost: 0,
    currency: await shopCurrency(ctx.db),
  };
  for await (const page of suggestionPages(ctx, ctx.db, { ...filter, limit: SCAN_CHUNK }, 0)) {
    for (const r of page) {
      totals.positions++;
      if (r.forecastPending) totals.forecastPending++;
      if (!r.needed) continue;
      totals.needed++;
      totals.suggestedUnits += r.suggestedQty;
      if (r.unitCost === null) totals.neededWithoutCost++;
      else totals.suggestedValue += r.suggestedQty * r.unitCost;
    }
  }
  totals.suggestedValue = Math.round(totals.suggestedValue * 100) / 100;
  return totals;
}

export const CSV_COLUMNS = [
  'sku',
  'warehouse',
  'supplier',
  'needed',
  'suggestedQty',
  'reorderBy',
  'inventoryPosition',
  'reorderPoint',
  'orderUpTo',
  'safetyStock',
  'leadTimeDemand',
  'daysOfCover',
  'dailyDemand',
  'coverWindowDays',
  'onHand',
  'reserved',
  'backorders',
  'unsellable',
  'transferReserved',
  'inboundTransfers',
  'incoming',
  'virtual',
  'leadTimeDays',
  'serviceLevel',
  'reviewPeriodDays',
  'minOrder',
  'packSize',
  'model',
  'dailyMean',
  'forecastPending',
  'unitCost',
] as const;

/** One suggestion as a CSV record, newline-terminated, in the order of `CSV_COLUMNS`. */
export function replenishmentCsvLine(r: ReplenishmentRow): string {
  const flat: Record<(typeof CSV_COLUMNS)[number], CsvValue> = {
    ...r.stock,
    ...r.policy,
    ...r,
    model: r.forecast?.model,
    dailyMean: r.forecast?.dailyMean,
  };
  return csvLine(CSV_COLUMNS.map((c) => flat[c]));
}

/**
 * Every matching suggestion as CSV, header first; each page may compute the usual few missing
 * forecasts. Check the filter first (requireFilter): a refusal must come before a response
 * starts streaming.
 */
export async function* replenishmentCsv(
  ctx: AppContext,
  filter: Omit<ReplenishmentFilter, 'cursor' | 'limit'>,
) {
  yield csvLine(CSV_COLUMNS);
  for await (const page of suggestionPages(
    ctx,
    ctx.db,
    { ...filter, limit: SCAN_CHUNK },
    INLINE_FORECAST_BUDGET,
  )) {
    yield page.map(replenishmentCsvLine).join('');
  }
}

/**
 * Refreshes stored forecasts that are missing or stale, oldest first, at most `limit`; yields
 * to the event loop between positions so that serving requests goes on. Returns how many it
 * computed and whether more are due.
 */
export async function refreshForecasts(
  ctx: AppContext,
  opts: { limit: number; warehouse?: string | undefined },
): Promise<{ refreshed: number; more: boolean }> {
  const defaults = await getReplenishmentDefaults(ctx.db);
  const { rows } = await ctx.db.query<CandidateRow>(
    `select p.sku, p.warehouse, r.supplier as own_supplier, r.lead_time_days as own_lead_time_days,
       r.review_period_days as own_review_period_days, to_jsonb(s) - 'created_at' - 'updated_at' as supplier_row
     from stock_positions p
       left join replenishment_policies r on r.sku = p.sku and r.warehouse = p.warehouse
       left join suppliers s on s.code = r.supplier
       left join demand_forecasts f on f.sku = p.sku and f.warehouse = p.warehouse
     where ($2::text is null or p.warehouse = $2)
       and (f.computed_at is null or f.computed_at < $1 or f.needs_refresh)
     order by f.computed_at is not null, f.needs_refresh desc, f.computed_at, p.sku, p.warehouse
     limit $3`,
    [new Date(ctx.clock().getTime() - FORECAST_MAX_AGE_MS), opts.warehouse ?? null, opts.limit + 1],
  );
  const events = await listEventDays(ctx.db);
  const due = rows.slice(0, opts.limit);
  let refreshed = 0;
  for (let start = 0; start < due.length; start += REFRESH_CHUNK) {
    const chunk = due.slice(start, start + REFRESH_CHUNK);
    // The chunk's histories, warehouse by warehouse, in five statements each.
    const histories = new Map<string, DemandHistoryView>();
    const skusAt = new Map<string, string[]>();
    for (const r of chunk) {
      const skus = skusAt.get(r.warehouse);
      if (skus) skus.push(r.sku);
      else skusAt.set(r.warehouse, [r.sku]);
    }
    for (const [warehouse, skus] of skusAt) {
      const read = await readDemandHistories(ctx, skus, { warehouse, to: historyEnd(ctx) });
      for (const [sku, history] of read) histories.set(keyOf(sku, warehouse), history);
    }
    const fitted: { sku: string; warehouse: string; stored: StoredForecast }[] = [];
    for (const r of chunk) {
      const history = histories.get(keyOf(r.sku, r.warehouse))!;
      const stored = await fitForecast(ctx, r.sku, r.warehouse, policyOf(r, defaults), { events, history });
      fitted.push({ sku: r.sku, warehouse: r.warehouse, stored });
      // Fitting is CPU: let requests in between two positions.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await storeForecasts(ctx.db, fitted);
    refreshed += fitted.length;
  }
  return { refreshed, more: rows.length > opts.limit };
}

export interface SuggestedOrderInput {
  warehouse: string;
  supplier: string;
  /** Only these SKUs (default: every needed position of the supplier at the warehouse). */
  skus?: string[] | undefined;
  expectedAt?: string | undefined;
  reference?: string | undefined;
}

/**
 * Turns the current suggestions of one supplier at one warehouse into a purchase order, in one
 * transaction. Once it exists its quantities are incoming, so the same suggestion is not made
 * twice.
 */
export async function orderSuggestions(
  ctx: AppContext,
  input: SuggestedOrderInput,
  opts: CommandOptions,
): Promise<Outcome<PurchaseOrder>> {
  requireWarehouseAccess(opts.actor, [input.warehouse]);
  await requireKnown(ctx.db, input.skus ?? [], [input.warehouse]);
  const supplier = await requireSupplier(ctx.db, input.supplier);
  const wanted = input.skus ? new Set(input.skus) : null;
  const filter = {
    warehouse: input.warehouse,
    supplier: input.supplier,
    onlyNeeded: true,
    limit: SCAN_CHUNK,
  };
  // Bring missing forecasts in first, outside the transaction (the rest are pending).
  await scanSuggestions(ctx, ctx.db, filter, { left: INLINE_FORECAST_BUDGET });
  return runCommand(
    ctx,
    { actor: opts.actor, idempotencyKey: opts.idempotencyKey, request: ['order-suggestions', input] },
    async (tx) => {
      // One order from suggestions per supplier at a time: a second click waits here, then sees
      // the first order's quantities as incoming and orders only what is still short.
      await tx.query('select 1 from suppliers where code = $1 for update', [input.supplier]);
      const suggestions: ReplenishmentRow[] = [];
      for await (const page of suggestionPages(ctx, tx, filter, 0)) {
        suggestions.push(...page.filter((r) => r.suggestedQty > 0 && (!wanted || wanted.has(r.sku))));
      }
      if (suggestions.length === 0) {
        fail(
          'nothing_to_order',
          `no position supplied by ${input.supplier} at ${input.warehouse} needs an order`,
          {
            supplier: input.supplier,
            warehouse: input.warehouse,
          },
        );
      }
      return insertPurchaseOrder(
        ctx,
        tx,
        {
          supplier: input.supplier,
          warehouse: input.warehouse,
          expectedAt: input.expectedAt,
          reference: input.reference,
          lines: suggestions.map((r) => ({
            sku: r.sku,
            qty: r.suggestedQty,
            unitCost: r.unitCost ?? undefined,
          })),
        },
        supplier.lead_time_days,
      );
    },
  );
}

/** Positions refreshed per batch; the loop goes on while more are due. */
const REFRESH_BATCH = 20;

/**
 * Keeps stored forecasts at most a day old, in the background. Each process may do it; two
 * doing the same position only overwrite one result with an equal one.
 */
export function startForecastRefresher(
  ctx: AppContext,
  opts: { intervalMs: number; onError: (err: unknown) => void },
): { stop: () => Promise<void> } {
  if (opts.intervalMs <= 0) return { stop: async () => {} };
  return startDrainLoop({
    intervalMs: opts.intervalMs,
    drainBatch: async () => (await refreshForecasts(ctx, { limit: REFRESH_BATCH })).more,
    onError: opts.onError,
  });
}
