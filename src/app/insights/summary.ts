/**
 * The period's inventory ratios: turnover, days of inventory, sell-through and GMROI, from the
 * sales report's totals and the day-end stock values (whatever bucket the caller charts by, the
 * average inventory is the mean over every day of the period).
 */
import { inventoryRatios, minorDigits, periodDays, type Period, type Ratios } from '../../domain/insights.ts';
import type { AppContext } from '../context.ts';
import { salesReport, type SalesFigures } from './sales.ts';
import type { InsightsScope } from './scope.ts';
import { stockSeries } from './stock-value.ts';

export interface InsightsSummary extends SalesFigures, Ratios {
  currency: string;
  from: string;
  to: string;
  days: number;
  averageInventoryValue: number;
  closingUnits: number;
  closingValue: number;
}

export async function insightsSummary(
  ctx: AppContext,
  scope: InsightsScope,
  period: Period,
): Promise<InsightsSummary> {
  const daily = { ...period, bucket: 'day' as const };
  const [sales, stock] = await Promise.all([
    salesReport(ctx, scope, daily, 'sku'),
    stockSeries(ctx, scope, daily),
  ]);
  const days = periodDays(period);
  const last = stock.points[stock.points.length - 1]!;
  // Rounded like every money figure, so that the ratios are computed from what is shown.
  const factor = 10 ** minorDigits(sales.currency);
  const averageInventoryValue =
    Math.round((stock.points.reduce((sum, p) => sum + p.value, 0) / days) * factor) / factor;
  const ratios = inventoryRatios({
    days,
    cogs: sales.totals.cogs,
    grossMargin: sales.totals.margin,
    unitsSold: sales.totals.units,
    averageInventoryValue,
    closingUnits: last.onHand,
  });
  return {
    currency: sales.currency,
    from: period.from,
    to: period.to,
    days,
    ...sales.totals,
    averageInventoryValue,
    closingUnits: last.onHand,
    closingValue: last.value,
    ...ratios,
  };
}
