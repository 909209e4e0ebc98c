/**
 * Temporal aggregation for intermittent demand.
 *
 * ADIDA (Nikolopoulos et al. 2011): days are summed into blocks of `blockDays` counted back
 * from the end, so most blocks hold some demand and a plain smoother works on them; SES on the
 * block totals (alpha from a small grid by in-sample SSE) forecasts the next block, spread back
 * to days by the history's share of each day of the season (a shop closed on Saturdays gets
 * nothing on Saturdays). A block's days not observed are filled with its observed mean; a block
 * less than half observed is skipped.
 *
 * IMAPA (Petropoulos and Kourentzes 2015): the same at every aggregation level from 1 to
 * `maxLevel` points, each level's forecast per point averaged: no single block length has to
 * be right, and the combination of levels is what holds up across series.
 */
import type { FitContext, FittedModel, ForecastModel } from './model.ts';
import { phaseMeans, type Demand } from './series.ts';

const ALPHA_GRID = [0.05, 0.1, 0.2, 0.3, 0.5];

/** Block totals of `blockDays` points counted back from the end, oldest first. */
function blockTotals(history: readonly Demand[], blockDays: number): number[] {
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
  return blocks.reverse();
}

/** SES on block totals, alpha from the grid by in-sample SSE; residuals per point of a block. */
function smoothBlocks(blocks: readonly number[], blockDays: number) {
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
  return best;
}

/** Each position's weight in the season (mean 1): the history's mean at that phase over the mean. */
function seasonWeights(history: readonly Demand[], period: number): (t: number) => number {
  const means = phaseMeans(history, period);
  const total = means.reduce((a, b) => a + b, 0);
  return (t: number) => (total > 0 ? (period * means[t % period]!) / total : 1);
}

export function adida(blockDays = 7): ForecastModel {
  const name = `adida-${blockDays}`;
  return {
    name,
    fit(history: readonly Demand[], context: FitContext): FittedModel | null {
      const n = history.length;
      const blocks = blockTotals(history, blockDays);
      if (blocks.length < 2 || blocks.every((b) => b === 0)) return null;
      const best = smoothBlocks(blocks, blockDays);
      const weight = seasonWeights(history, context.period ?? 1);
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

/**
 * IMAPA over levels 1..`maxLevel` (7 for days: up to a week). A level with fewer than two
 * blocks, or only empty ones, is left out; null when every level is. The forecast per point is
 * the mean of the levels' (block forecast / block length), spread by the season's weights as
 * ADIDA does; the residuals are those of the finest level used.
 */
export function imapa(maxLevel = 7): ForecastModel {
  if (!(Number.isInteger(maxLevel) && maxLevel >= 1)) throw new RangeError('maxLevel must be >= 1');
  const name = `imapa-${maxLevel}`;
  return {
    name,
    fit(history: readonly Demand[], context: FitContext): FittedModel | null {
      const n = history.length;
      let sum = 0;
      let used = 0;
      let residuals: number[] | null = null;
      const alphas: number[] = [];
      for (let k = 1; k <= maxLevel; k++) {
        const blocks = blockTotals(history, k);
        if (blocks.length < 2 || blocks.every((b) => b === 0)) continue;
        const best = smoothBlocks(blocks, k);
        sum += best.level / k;
        used++;
        alphas.push(best.alpha);
        residuals ??= best.residuals;
      }
      if (used === 0) return null;
      const weight = seasonWeights(history, context.period ?? 1);
      const perDay = sum / used;
      return {
        model: name,
        params: { levels: used, maxLevel, meanAlpha: alphas.reduce((a, b) => a + b, 0) / used },
        residuals: residuals ?? [],
        forecast: (h) => Array.from({ length: h }, (_, k) => perDay * weight(n + k)),
      };
    },
  };
}

export const imapa7 = imapa(7);
