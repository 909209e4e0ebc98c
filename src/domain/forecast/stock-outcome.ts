/**
 * The stock outcome of a forecast: the service level that the order production would place from
 * it reaches on the days that followed. Accuracy measures score the mean, interval measures the
 * quantiles; neither says whether the shelf had the goods, which is what a forecast is for.
 *
 * One replenishment cycle per forecast, in the steady state of production's periodic-review,
 * order-up-to policy (domain/replenishment.ts): at the origin the inventory position is raised
 * to the order-up-to level S that suggestReplenishment computes from the forecast's daily points
 * and its backtest daily errors (the safety stock reads those errors, not the intervals). That
 * order arrives L days later and must last until the next one arrives, L + R days after the
 * origin. What happens in the first L days belongs to the previous cycle's order, so:
 *   - the cycle has a stockout when demand over the L + R days exceeds S (cycle service level:
 *     the share of cycles without one, which the policy's serviceLevel targets);
 *   - the units short in the cycle are (D(L + R) - S)+ - (D(L) - S)+, the demand of days L to
 *     L + R that the stock could not serve (fill rate: 1 - short / that demand);
 *   - closed days (null) sold nothing.
 */
import { EMPTY_SUPPLY, suggestReplenishment, type ReplenishmentPolicy } from '../replenishment.ts';
import type { SafetyStockErrors } from './forecaster.ts';
import type { Demand } from './series.ts';

export interface StockOutcome {
  /** Replenishment cycles simulated. */
  cycles: number;
  /** Cycles whose demand over lead time plus review period stayed within the stock. */
  cyclesWithoutStockout: number;
  /** Units demanded from the order's arrival to the next one's (days L to L + R). */
  demand: number;
  /** Of `demand`, the units the stock could not serve. */
  short: number;
  /** Demand over the whole cycle (days 0 to L + R). */
  cycleDemand: number;
  /** The order-up-to levels, summed: the stock each cycle started from. */
  stock: number;
  /** Units left when the next order arrives, summed. */
  leftover: number;
}

export const noStockOutcome = (): StockOutcome => ({
  cycles: 0,
  cyclesWithoutStockout: 0,
  demand: 0,
  short: 0,
  cycleDemand: 0,
  stock: 0,
  leftover: 0,
});

export function addStockOutcome(into: StockOutcome, more: StockOutcome): StockOutcome {
  into.cycles += more.cycles;
  into.cyclesWithoutStockout += more.cyclesWithoutStockout;
  into.demand += more.demand;
  into.short += more.short;
  into.cycleDemand += more.cycleDemand;
  into.stock += more.stock;
  into.leftover += more.leftover;
  return into;
}

/** The order-up-to level production reaches from this forecast: what it orders for an empty position. */
export function orderUpToLevel(
  daily: readonly number[],
  errors: SafetyStockErrors,
  policy: ReplenishmentPolicy,
): number {
  return suggestReplenishment(policy, EMPTY_SUPPLY, { daily, ...errors }).suggestedQty;
}

/**
 * One cycle from the origin: `actual` are the outcomes of the days after it, `daily` the
 * forecast from it. Null when `actual` does not reach L + R days.
 */
export function stockCycle(
  actual: readonly Demand[],
  daily: readonly number[],
  errors: SafetyStockErrors,
  policy: ReplenishmentPolicy,
): StockOutcome | null {
  const lead = policy.leadTimeDays;
  const cycle = lead + policy.reviewPeriodDays;
  if (!(Number.isInteger(lead) && lead >= 0 && Number.isInteger(cycle) && cycle >= 1))
    throw new RangeError('lead time and review period must be whole days, together at least 1');
  if (actual.length < cycle) return null;
  const sum = (from: number, to: number) => {
    let total = 0;
    for (let i = from; i < to; i++) total += actual[i] ?? 0;
    return total;
  };
  const stock = orderUpToLevel(daily, errors, policy);
  const beforeArrival = sum(0, lead);
  const cycleDemand = beforeArrival + sum(lead, cycle);
  const short = Math.max(0, cycleDemand - stock) - Math.max(0, beforeArrival - stock);
  return {
    cycles: 1,
    cyclesWithoutStockout: cycleDemand <= stock ? 1 : 0,
    demand: cycleDemand - beforeArrival,
    short,
    cycleDemand,
    stock,
    leftover: Math.max(0, stock - cycleDemand),
  };
}

/** The measures of a sum of cycles; null where their denominator is 0. */
export function stockMeasures(o: StockOutcome): {
  cycleServiceLevel: number | null;
  fillRate: number | null;
  stockPerUnit: number | null;
  leftoverPerUnit: number | null;
} {
  return {
    cycleServiceLevel: o.cycles > 0 ? o.cyclesWithoutStockout / o.cycles : null,
    fillRate: o.demand > 0 ? 1 - o.short / o.demand : null,
    stockPerUnit: o.cycleDemand > 0 ? o.stock / o.cycleDemand : null,
    leftoverPerUnit: o.cycleDemand > 0 ? o.leftover / o.cycleDemand : null,
  };
}
