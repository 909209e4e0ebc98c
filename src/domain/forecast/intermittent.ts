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

/** Runs the recursion over the history; null when it never had a demand. */
export function runIntermittent(
  history: readonly Demand[],
  method: IntermittentMethod,
  { alpha, beta }: IntermittentParams,
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
  const current = () => (method === 'tsb' ? probability * size : (correction * size) / meanInterval);
  let sse = 0;
  const residuals: number[] = [];
  let sinceDemand = 0;
  for (t++; t < history.length; t++) {
    const y = history[t];
    if (y === null || y === undefined) continue;
    const e = y - current();
    sse += e * e;
    residuals.push(e);
    sinceDemand++;
    if (method === 'tsb') {
      probability += beta * ((y > 0 ? 1 : 0) - probability);
      if (y > 0) size += alpha * (y - size);
    } else if (y > 0) {
      size += alpha * (y - size);
      meanInterval += alpha * (sinceDemand - meanInterval);
    }
    if (y > 0) sinceDemand = 0;
  }
  return { sse, residuals, forecast: current() };
}

/** Croston, SBA or TSB; `fixed` pins the weights (otherwise fitted on the grid). */
export function intermittentModel(
  method: IntermittentMethod,
  fixed: Partial<IntermittentParams> = {},
): ForecastModel {
  return {
    name: method,
    fit(history: readonly Demand[]): FittedModel | null {
      let best: { params: IntermittentParams; run: Run } | null = null;
      for (const alpha of fixed.alpha !== undefined ? [fixed.alpha] : ALPHA_GRID) {
        const betas = method !== 'tsb' ? [0] : fixed.beta !== undefined ? [fixed.beta] : BETA_GRID;
        for (const beta of betas) {
          const r = runIntermittent(history, method, { alpha, beta });
          if (!r) return null;
          if (!best || r.sse < best.run.sse) best = { params: { alpha, beta }, run: r };
        }
      }
      if (!best) return null;
      const { params, run } = best;
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
