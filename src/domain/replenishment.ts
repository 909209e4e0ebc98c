/**
 * Replenishment maths: when to order and how much, for one position, from its demand forecast,
 * its forecast error and what is on hand, promised and on the way. Pure; see
 * docs/replenishment.md for the reasoning.
 */
import { seededRandom } from './counts.ts';
import { MIN_EMPIRICAL_ERRORS, normalQuantile, quantile } from './forecast/intervals.ts';
import { MAX_HORIZON_DAYS } from './forecast/model.ts';

/** How a position is replenished, after inheritance (position > supplier > defaults). */
export interface ReplenishmentPolicy {
  supplier: string | null;
  leadTimeDays: number;
  /** Cycle service level: the chance of not running out before the next order arrives. */
  serviceLevel: number;
  /** Days between two looks at this position (0: continuous review). */
  reviewPeriodDays: number;
  minOrder: number;
  packSize: number;
}

export const DEFAULT_POLICY: Omit<ReplenishmentPolicy, 'supplier'> = {
  leadTimeDays: 14,
  serviceLevel: 0.95,
  reviewPeriodDays: 7,
  minOrder: 0,
  packSize: 1,
};

export type PolicyFields = Omit<ReplenishmentPolicy, 'supplier'>;

/** The most specific value of each field wins; null or undefined inherits. */
export function resolvePolicy(
  supplier: string | null,
  ...layers: readonly (Partial<Record<keyof PolicyFields, number | null | undefined>> | null | undefined)[]
): ReplenishmentPolicy {
  const out: ReplenishmentPolicy = { supplier, ...DEFAULT_POLICY };
  for (const layer of [...layers].reverse()) {
    if (!layer) continue;
    for (const key of Object.keys(DEFAULT_POLICY) as (keyof PolicyFields)[]) {
      const v = layer[key];
      if (v !== null && v !== undefined) out[key] = v;
    }
  }
  return out;
}

/** What a position has, holds and expects, in units. */
export interface SupplyState {
  onHand: number;
  /** Reserved for orders, including backorders (reservations resting on virtual stock). */
  reserved: number;
  /** Damaged plus awaiting inspection: on hand but not usable. */
  unsellable: number;
  /** Promised to outbound transfers. */
  transferReserved: number;
  /** Inbound transfers: shipped and not yet arrived, plus planned and not yet shipped. */
  inboundTransfers: number;
  /** Open purchase-order quantities. */
  incoming: number;
  /** Reserved units that rest on virtual stock (orders waiting for goods). */
  backorders: number;
}

/** A position with nothing on hand, promised or on its way: what an order for a new SKU starts from. */
export const EMPTY_SUPPLY: Readonly<SupplyState> = Object.freeze({
  onHand: 0,
  reserved: 0,
  unsellable: 0,
  transferReserved: 0,
  inboundTransfers: 0,
  incoming: 0,
  backorders: 0,
});

export interface DemandOutlook {
  /** Mean demand per day from today on. */
  daily: readonly number[];
  /** Standard deviation of one day's forecast error. */
  dailyErrorSd: number;
  /** The forecast's backtest daily errors (actual - forecast), sorted; empty when too few. */
  dailyErrors?: readonly number[];
  /**
   * The same errors in the order they came: one run per backtest origin, day by day from the
   * first day after it (a closed day 0). Safety stock sums them over the protection interval.
   */
  errorPaths?: readonly (readonly number[])[];
}

/**
 * A position forecast to sell under half a unit over the next four weeks (or its protection
 * interval, if longer) is dormant: nobody wants it, so it holds no safety stock.
 */
export const DORMANT_UNITS = 0.5;
export const DORMANT_WINDOW_DAYS = 28;

/** Forecast days read past the protection interval: a week to see past it. */
export const FORECAST_MARGIN_DAYS = 7;

/**
 * Days of forecast a policy needs: lead time plus review period and a margin past them; at
 * least the dormant window, which the suggestion reads too; at most the longest forecast.
 */
export const forecastHorizon = (p: Pick<ReplenishmentPolicy, 'leadTimeDays' | 'reviewPeriodDays'>) =>
  Math.min(
    MAX_HORIZON_DAYS,
    Math.max(DORMANT_WINDOW_DAYS, p.leadTimeDays + p.reviewPeriodDays + FORECAST_MARGIN_DAYS),
  );

/** Days per block of the bootstrap: a week keeps the weekday pattern and runs of orders. */
export const BLOCK_DAYS = 7;
/** Bootstrap draws of an n-day sum: the 95% quantile is then between the 950th and 951st of 1,000. */
export const BOOTSTRAP_DRAWS = 1000;
const BOOTSTRAP_SEED = 'safety-stock';

/**
 * The forecast's error summed over n consecutive days, BOOTSTRAP_DRAWS draws sorted, from the
 * backtest's error paths by a block bootstrap (Kunsch 1989). A draw picks one origin's path,
 * then strings together blocks of BLOCK_DAYS consecutive days of it, each starting on any of
 * its days (wrapping past its end to its start, so every day is drawn equally often), until
 * they span n days, and sums them. Within a block the days keep their streaks (a customer's
 * orders, a week the forecast ran low); within a draw they keep the level that one forecast
 * missed by, which mixing origins would average away (measured on the Online Retail year, see
 * docs/forecasting.md). Seeded: the same paths give the same sums. Empty when the paths hold
 * fewer than MIN_EMPIRICAL_ERRORS days.
 */
export function summedErrors(n: number, paths: readonly (readonly number[])[]): number[] {
  const usable = paths.filter((p) => p.length > 0);
  const days = usable.reduce((a, p) => a + p.length, 0);
  if (n <= 0 || days < MIN_EMPIRICAL_ERRORS) return [];
  const random = seededRandom(BOOTSTRAP_SEED);
  // A typed array sorts numerically without a comparator, several times faster: the
  // calibration below builds one bootstrap per origin on top of this one.
  const sums = new Float64Array(BOOTSTRAP_DRAWS);
  for (let draw = 0; draw < BOOTSTRAP_DRAWS; draw++) {
    const path = usable[Math.floor(random() * usable.length)]!;
    let total = 0;
    for (let day = 0; day < n;) {
      const start = Math.floor(random() * path.length);
      for (let i = 0; i < BLOCK_DAYS && day < n; i++, day++) total += path[(start + i) % path.length]!;
    }
    sums[draw] = total;
  }
  return Array.from(sums.sort());
}

/** The highest quantile level calibration may raise the service level to (see calibratedLevel). */
export const MAX_CALIBRATED_LEVEL = 0.98;
/**
 * Held-out origins a calibration needs, each with at least one n-day window. The windows of one
 * origin overlap and share the level that forecast missed by, so they are close to one
 * observation: with two origins, each is ranked against a bootstrap of the other alone, and the
 * level would swing between serviceLevel and MAX_CALIBRATED_LEVEL on one forecast's luck. The
 * backtest has three origins (DEFAULT_BACKTEST_ORIGINS), so a full backtest calibrates.
 */
export const MIN_CALIBRATION_ORIGINS = 3;
/** A realized sum within this (relative) of a draw ties with it: blocks add the same days in another order. */
const TIE_TOLERANCE = 1e-9;

/**
 * The smallest p at which the type-7 quantile of `sorted` reaches x: 0 at or below the first,
 * Infinity above the last (no level covers it). quantile(sorted, p) is continuous and
 * nondecreasing in p, so x <= quantile(sorted, level) exactly when level >= this.
 */
export function coveringLevel(sorted: readonly number[], x: number): number {
  const last = sorted.length - 1;
  if (last < 0 || x > sorted[last]!) return Infinity;
  if (x <= sorted[0]!) return 0;
  let lo = 1; // the first index whose value is >= x lies in [lo, hi]
  let hi = last;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! >= x) hi = mid;
    else lo = mid + 1;
  }
  const below = sorted[lo - 1]!;
  return (lo - 1 + (x - below) / (sorted[lo]! - below)) / last;
}

/**
 * The quantile level of summedErrors(n, paths) that makes its safety stock cover serviceLevel of
 * the backtest's own n-day outcomes, by split conformal prediction (leave one origin out). For
 * each origin, every window of n consecutive days of its path (where it is that long) is a
 * realized n-day error; its score is the level at which the bootstrap of the OTHER origins'
 * paths covers it (coveringLevel), so a forecast is judged by sums it did not see, as the next
 * one will be. With k scores, the ceil((k + 1) x serviceLevel)-th smallest is the level that
 * covers serviceLevel of new sums exchangeable with them (Vovk et al. 2005; Lei et al. 2018);
 * beyond the k-th it is unbounded. The result is at least serviceLevel (calibration widens, it
 * never narrows a bootstrap that covers well: lower stock would rest on 3 origins' luck) and at
 * most MAX_CALIBRATED_LEVEL (or serviceLevel, if higher): the bootstrap's top 2% are its few
 * largest draws, and an unbounded score on 3 origins is no reason to stock for the worst one.
 * serviceLevel itself with scores from under MIN_CALIBRATION_ORIGINS origins. The windows of
 * one origin overlap, so the k scores are not independent and the finite-sample correction is
 * a guide, not a guarantee (measured in docs/forecasting.md, round 7). Seeded as summedErrors;
 * costs one bootstrap per origin.
 */
export function calibratedLevel(
  n: number,
  serviceLevel: number,
  paths: readonly (readonly number[])[],
): number {
  const usable = paths.filter((p) => p.length > 0);
  if (n <= 0 || usable.length < MIN_CALIBRATION_ORIGINS) return serviceLevel;
  const scores: number[] = [];
  let origins = 0;
  for (let held = 0; held < usable.length; held++) {
    const path = usable[held]!;
    if (path.length < n) continue;
    const others = summedErrors(
      n,
      usable.filter((_, i) => i !== held),
    );
    if (others.length === 0) continue;
    origins++;
    for (let start = 0; start + n <= path.length; start++) {
      // Summed afresh, in day order like the draws: a running sum drifts in its last bits, and
      // a constant error (a forecast of a SKU that sold nothing) would rank above its own draws.
      let sum = 0;
      for (let day = start; day < start + n; day++) sum += path[day]!;
      scores.push(coveringLevel(others, sum - TIE_TOLERANCE * (1 + Math.abs(sum))));
    }
  }
  if (origins < MIN_CALIBRATION_ORIGINS) return serviceLevel;
  scores.sort((a, b) => a - b);
  const rank = Math.ceil((scores.length + 1) * serviceLevel);
  const level = rank > scores.length ? Infinity : scores[Math.max(rank, 1) - 1]!;
  return Math.max(serviceLevel, Math.min(MAX_CALIBRATED_LEVEL, level));
}

/**
 * Safety stock over n = L + R days: a quantile of the forecast's error summed over n days
 * (summedErrors), at least 0, at the service level calibrated on the backtest's own n-day sums
 * (calibratedLevel): the bootstrap alone was too narrow, its 95% quantile covered 85.5% of them
 * on the Online Retail year (docs/forecasting.md). The sum keeps what a day's quantile grown by
 * sqrt(n) lost: demand of a few large orders is skewed, and its errors run in streaks (a
 * customer's orders, a level the forecast missed), so n days spread more than sqrt(n) times one.
 * The errors' mean (the forecast's bias) is in the sum: a forecast that has been too high earns
 * less safety stock. Without error paths, from the sorted daily errors: n * bias + (q - bias) *
 * sqrt(n) (forecasts stored before the paths were); without errors: z(serviceLevel) * sd * sqrt(n).
 */
export function safetyStock(n: number, serviceLevel: number, outlook: DemandOutlook): number {
  if (n <= 0) return 0;
  const paths = outlook.errorPaths ?? [];
  const sums = summedErrors(n, paths);
  if (sums.length > 0) return Math.max(0, quantile(sums, calibratedLevel(n, serviceLevel, paths)));
  const errors = outlook.dailyErrors ?? [];
  if (errors.length > 0) {
    const bias = errors.reduce((a, b) => a + b, 0) / errors.length;
    return Math.max(0, n * bias + (quantile(errors, serviceLevel) - bias) * Math.sqrt(n));
  }
  return Math.max(0, normalQuantile(serviceLevel) * outlook.dailyErrorSd * Math.sqrt(n));
}

export interface Suggestion {
  /** Units expected to be demanded over the lead time. */
  leadTimeDemand: number;
  safetyStock: number;
  /** Order when the inventory position is at or below this. */
  reorderPoint: number;
  /** An order brings the inventory position up to this. */
  orderUpTo: number;
  /** onHand - unsellable - reserved - transferReserved + inboundTransfers + incoming. */
  inventoryPosition: number;
  needed: boolean;
  /** Rounded up to the pack size, at least the minimum order; 0 when not needed. */
  suggestedQty: number;
  /** The days the demand figures below are taken over: lead time plus review period (at least 1). */
  coverWindowDays: number;
  /** Mean demand per day over `coverWindowDays` (rounded to 3 decimals). */
  dailyDemand: number;
  /**
   * Days the inventory position lasts: inventoryPosition / dailyDemand, both on the row (null
   * without demand), so a reader can rebuild it.
   */
  daysOfCover: number | null;
  /** Days from today until the position reaches the reorder point (0: now; null: not within the forecast). */
  reorderInDays: number | null;
}

/** Demand over the first `days` days; beyond the forecast the last day repeats. */
export function demandOver(daily: readonly number[], days: number): number {
  let total = 0;
  const whole = Math.floor(days);
  for (let i = 0; i < whole; i++) total += daily[Math.min(i, daily.length - 1)] ?? 0;
  const part = days - whole;
  if (part > 0) total += part * (daily[Math.min(whole, daily.length - 1)] ?? 0);
  return total;
}

export function inventoryPosition(s: SupplyState): number {
  return s.onHand - s.unsellable - s.reserved - s.transferReserved + s.inboundTransfers + s.incoming;
}

/** Round up to a whole number of packs, and to at least the minimum order (itself in packs). */
export function roundOrder(qty: number, policy: Pick<ReplenishmentPolicy, 'minOrder' | 'packSize'>): number {
  if (qty <= 0) return 0;
  const wanted = Math.max(Math.ceil(qty - 1e-9), policy.minOrder);
  return Math.ceil(wanted / policy.packSize) * policy.packSize;
}

/**
 * The safety stock is at most this many times the demand over L + R. A bound is needed: a slow
 * mover with one wild backtest error would otherwise hold years of stock (22539 at NYC on the
 * demo: 56 units against 0.6 demanded over 35 days). It was 1, and it cut the safety stock of
 * half the Online Retail cycles at a 95% target, whose service fell from 90.6% to 80.5% under it
 * (docs/forecasting.md): demand of a few large orders is lumpy, one order is often several
 * intervals' forecast, and a buffer of one interval's demand cannot hold it. Three intervals'
 * demand holds such an order and still bounds the wild case at a few weeks' worth.
 */
export const SAFETY_STOCK_CAP = 3;

/**
 * A periodic-review, order-up-to policy. An order placed now must last until the order after it
 * arrives, L + R days later, so the safety stock protects that interval (see safetyStock):
 *   reorderPoint = demand(L) + safetyStock
 *   orderUpTo = demand(L + R) + safetyStock
 * With R = 0 this is a continuous-review (s, S) policy. Suggest ordering when the inventory
 * position is at or below the reorder point. Two bounds keep suggestions credible: the safety
 * stock is at most SAFETY_STOCK_CAP times the demand over L + R, and the reorder point is at most
 * that demand, so a position whose cover exceeds L + R is never due. A dormant position (under
 * DORMANT_UNITS expected over the next four weeks) gets no safety stock and is ordered only for
 * what is owed.
 */
export function suggestReplenishment(
  policy: ReplenishmentPolicy,
  state: SupplyState,
  outlook: DemandOutlook,
): Suggestion {
  const L = policy.leadTimeDays;
  const R = policy.reviewPeriodDays;
  const protectedDemand = demandOver(outlook.daily, L + R);
  const dormant = demandOver(outlook.daily, Math.max(L + R, DORMANT_WINDOW_DAYS)) < DORMANT_UNITS;
  const buffer = dormant
    ? 0
    : Math.min(safetyStock(L + R, policy.serviceLevel, outlook), SAFETY_STOCK_CAP * protectedDemand);
  const leadTimeDemand = demandOver(outlook.daily, L);
  // A position that covers the whole protection interval is never due, whatever the buffer.
  const reorderPoint = dormant ? 0 : Math.min(leadTimeDemand + buffer, protectedDemand);
  const orderUpTo = dormant ? 0 : protectedDemand + buffer;
  const ip = inventoryPosition(state);
  const needed = atOrBelowReorderPoint(ip, reorderPoint);
  const suggestedQty = needed ? roundOrder(Math.max(orderUpTo, 0) - ip, policy) : 0;
  const coverWindowDays = Math.max(L + R, 1);
  const dailyDemand =
    Math.round((demandOver(outlook.daily, coverWindowDays) / coverWindowDays) * 1000) / 1000;
  return {
    leadTimeDemand: round2(leadTimeDemand),
    safetyStock: round2(buffer),
    reorderPoint: round2(reorderPoint),
    orderUpTo: round2(orderUpTo),
    inventoryPosition: ip,
    needed,
    suggestedQty,
    coverWindowDays,
    dailyDemand,
    daysOfCover: dailyDemand > 0 ? round2(Math.max(ip, 0) / dailyDemand) : null,
    reorderInDays: needed ? 0 : daysUntilReorder(ip, reorderPoint, outlook.daily),
  };
}

/** Units owed, or at or below a reorder point that protects something. A position nobody wants is never due at 0. */
function atOrBelowReorderPoint(ip: number, reorderPoint: number): boolean {
  return ip < 0 || (reorderPoint > 0 && ip <= reorderPoint);
}

/** The first day on which the position, drawn down by the forecast, reaches the reorder point. */
function daysUntilReorder(ip: number, reorderPoint: number, daily: readonly number[]): number | null {
  let left = ip;
  for (let day = 0; day < daily.length; day++) {
    left -= daily[day]!;
    if (atOrBelowReorderPoint(left, reorderPoint)) return day + 1;
  }
  return null;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
