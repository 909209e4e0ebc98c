/**
 * ADIDA (Nikolopoulos et al. 2011): temporal aggregation for intermittent demand. Days are
 * summed into blocks of `blockDays` counted back from the end, so most blocks hold some demand
 * and a plain smoother works on them; SES on the block totals (alpha from a small grid by
 * in-sample SSE) forecasts the next block, spread back to days by the history's share of each
 * day of the season (a shop closed on Saturdays gets nothing on Saturdays). A block's days
 * not observed are filled with its observed mean; a block less than half observed is skipped.
 */
import type { FitContext, FittedModel, ForecastModel } from './model.ts';
import type { Demand } from './series.ts';

const ALPHA_GRID = [0.05, 0.1, 0.2, 0.3, 0.5];

export function adida(blockDays = 7): ForecastModel {
  const name = `adida-${blockDays}`;
  return {
    name,
    fit(history: readonly Demand[], context: FitContext): FittedModel | null {
      const n = history.length;
      const blocks: number[] = [];
      for (let end = n; end - blockDays >= 0; end -= blockDays) {
        let sum = 0;
        let seen = 0;
        for (let t = end - blockDays; t < end; t++) {
          const y = history[t];
          if (y !== null && y !== undefined) {
            sum += y;
            seen++;
          }
        }
        if (seen * 2 >= blockDays) blocks.push((sum * blockDays) / seen);
      }
      blocks.reverse();
      if (blocks.length < 2 || blocks.every((b) => b === 0)) return null;
      let best = { alpha: 0, sse: Infinity, level: 0, residuals: [] as number[] };
      for (const alpha of ALPHA_GRID) {
        let level = blocks[0]!;
        let sse = 0;
        const residuals: number[] = [];
        for (let i = 1; i < blocks.length; i++) {
          const e = blocks[i]! - level;
          sse += e * e;
          residuals.push(e / blockDays);
          level += alpha * e;
        }
        if (sse < best.sse) best = { alpha, sse, level, residuals };
      }
      const period = context.period ?? 1;
      const sums = new Array<number>(period).fill(0);
      const counts = new Array<number>(period).fill(0);
      history.forEach((y, t) => {
        if (y === null) return;
        sums[t % period]! += y;
        counts[t % period]!++;
      });
      const means = sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
      const total = means.reduce((a, b) => a + b, 0);
      const weight = (t: number) => (total > 0 ? (period * means[t % period]!) / total : 1);
      const perDay = best.level / blockDays;
      return {
        model: name,
        params: { alpha: best.alpha, blockDays },
        residuals: best.residuals,
        forecast: (h) => Array.from({ length: h }, (_, k) => perDay * weight(n + k)),
      };
    },
  };
}

export const adida7 = adida(7);
