/**
 * Models for intermittent demand (many days without any):
 *
 *   Croston (1972): smooth the non-zero demand sizes z and the intervals p between them, only
 *     on days with demand; forecast z / p per day.
 *   SBA, Syntetos-Boylan approximation (2005): Croston times (1 - alpha / 2), which removes
 *     Croston's known upward bias.
 *   TSB, Teunter-Syntetos-Babai (2011): smooth the probability d of a demand every day (so
 *     the forecast decays while nothing sells, which matters for obsolescence) and the size z
 *     on days with demand; forecast d * z.
 *
 * Start values: z is the first non-zero demand; p the days up to and including it (so a demand
 * on the first day gives p = 1); TSB starts with d = 1 / p. Days not observed (null) are
 * skipped: they are neither demand nor a day without demand, so they do not lengthen an
 * interval. Smoothing weights minimise the in-sample one-step SSE over a small grid.
 */
import { flat, type FittedModel, type ForecastModel } from './model.ts';
import type { Demand } from './series.ts';

export type IntermittentMethod = 'croston' | 'sba' | 'tsb';

export interface IntermittentParams {
  /** Weight for demand sizes (and, in Croston and SBA, intervals). */
  alpha: number;
  /** TSB's weight for the demand probability. */
  beta: number;
}

const ALPHA_GRID = [0.05, 0.1, 0.2, 0.3];
const BETA_GRID = [0.02, 0.05, 0.1, 0.2, 0.3];

interface Run {
  sse: number;
  residuals: number[];
  forecast: number;
}

/**
 * Runs the recursion over the history; null when it never had a demand. `keepResiduals: false`
 * skips the residuals (the grid search needs only the SSE; the same arithmetic either way).
 */
export function runIntermittent(
  history: readonly Demand[],
  method: IntermittentMethod,
  { alpha, beta }: IntermittentParams,
  keepResiduals = true,
): Run | null {
  let t = 0;
  let interval = 0; // observed days up to and including the current demand
  for (; t < history.length; t++) {
    const y = history[t];
    if (y === null || y === undefined) continue;
    interval++;
    if (y > 0) break;
  }
  if (t >= history.length) return null;
  let size = history[t]!;
  let meanInterval = interval;
  let probability = 1 / interval;
  const correction = method === 'sba' ? 1 - alpha / 2 : 1;
  const tsbMethod = method === 'tsb';
  let sse = 0;
  const residuals: number[] = [];
  let sinceDemand = 0;
  for (t++; t < history.length; t++) {
    const y = history[t];
    if (y === null || y === undefined) continue;
    const e = y - (tsbMethod ? probability * size : (correction * size) / meanInterval);
    sse += e * e;
    if (keepResiduals) residuals.push(e);
    sinceDemand++;
    if (tsbMethod) {
      probability += beta * ((y > 0 ? 1 : 0) - probability);
      if (y > 0) size += alpha * (y - size);
    } else if (y > 0) {
      size += alpha * (y - size);
      meanInterval += alpha * (sinceDemand - meanInterval);
    }
    if (y > 0) sinceDemand = 0;
  }
  return {
    sse,
    residuals,
    forecast: tsbMethod ? probability * size : (correction * size) / meanInterval,
  };
}

/** Croston, SBA or TSB; `fixed` pins the weights (otherwise fitted on the grid). */
export function intermittentModel(
  method: IntermittentMethod,
  fixed: Partial<IntermittentParams> = {},
): ForecastModel {
  return {
    name: method,
    fit(history: readonly Demand[]): FittedModel | null {
      let best: { params: IntermittentParams; sse: number } | null = null;
      for (const alpha of fixed.alpha !== undefined ? [fixed.alpha] : ALPHA_GRID) {
        const betas = method !== 'tsb' ? [0] : fixed.beta !== undefined ? [fixed.beta] : BETA_GRID;
        for (const beta of betas) {
          const r = runIntermittent(history, method, { alpha, beta }, false);
          if (!r) return null;
          if (!best || r.sse < best.sse) best = { params: { alpha, beta }, sse: r.sse };
        }
      }
      if (!best) return null;
      const { params } = best;
      const run = runIntermittent(history, method, params)!;
      return {
        model: method,
        params: method === 'tsb' ? { ...params } : { alpha: params.alpha },
        residuals: run.residuals,
        forecast: (h) => flat(run.forecast, h),
      };
    },
  };
}

export const croston = intermittentModel('croston');
export const sba = intermittentModel('sba');
export const tsb = intermittentModel('tsb');

const TUNED_GRID = [0.01, 0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5];

export type TuningCost = 'mse' | 'msr';

/**
 * The cost of a TSB run started at the history's means. `mse`: the one-step squared errors.
 * `msr`, the mean squared rate (Kourentzes 2014): at every observed day, the gap between the
 * demand per day so far and the forecasts per day so far, squared and averaged: a forecast that
 * stays too high or too low for long costs more than one that misses single lumps, which is
 * what stock held over a lead time feels.
 */
function tunedTsbRun(
  ys: readonly Demand[],
  alpha: number,
  beta: number,
  start: { size: number; probability: number },
  cost: TuningCost,
  keepResiduals: boolean,
): Run {
  let size = start.size;
  let probability = start.probability;
  let sse = 0;
  let rate = 0;
  let cumulative = 0;
  let days = 0;
  const residuals: number[] = [];
  for (const y of ys) {
    if (y === null || y === undefined) continue;
    const e = y - probability * size;
    days++;
    sse += e * e;
    cumulative += e;
    rate += (cumulative / days) ** 2;
    if (keepResiduals) residuals.push(e);
    probability += beta * ((y > 0 ? 1 : 0) - probability);
    if (y > 0) size += alpha * (y - size);
  }
  return { sse: cost === 'mse' ? sse : rate, residuals, forecast: probability * size };
}

/**
 * TSB with tuned parameters (`tsb-tuned`): it starts from the history's own means (the share
 * of observed days with demand, the mean size of a demand) rather than the first demand, and
 * chooses its weights on a finer grid (alpha and beta from 0.01 to 0.5, 64 pairs) by the
 * one-step SSE. `cost: 'msr'` (`tsb-tuned-msr`) chooses them by the mean squared rate instead:
 * measured worse on Online Retail (it likes large weights that chase the last few days), so it
 * is not a candidate.
 */
export function tunedTsb(cost: TuningCost = 'mse'): ForecastModel {
  const name = cost === 'mse' ? 'tsb-tuned' : `tsb-tuned-${cost}`;
  return {
    name,
    fit(history: readonly Demand[]): FittedModel | null {
      let observed = 0;
      let demands = 0;
      let total = 0;
      for (const y of history) {
        if (y === null || y === undefined) continue;
        observed++;
        if (y > 0) {
          demands++;
          total += y;
        }
      }
      if (demands === 0) return null;
      const start = { size: total / demands, probability: demands / observed };
      let best: { alpha: number; beta: number; cost: number } | null = null;
      for (const alpha of TUNED_GRID)
        for (const beta of TUNED_GRID) {
          const r = tunedTsbRun(history, alpha, beta, start, cost, false);
          if (Number.isFinite(r.sse) && (!best || r.sse < best.cost)) best = { alpha, beta, cost: r.sse };
        }
      if (!best) return null;
      const run = tunedTsbRun(history, best.alpha, best.beta, start, cost, true);
      return {
        model: name,
        params: { alpha: best.alpha, beta: best.beta },
        residuals: run.residuals,
        forecast: (h) => flat(run.forecast, h),
      };
    },
  };
}

export const tsbTuned = tunedTsb('mse');
