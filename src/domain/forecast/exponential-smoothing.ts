/**
 * Exponential smoothing: simple (level), Holt (level and trend, optionally damped) and
 * Holt-Winters (with additive or multiplicative seasonality), in the error-correction form of
 * Hyndman et al., "Forecasting with Exponential Smoothing" (2008), ch. 2:
 *
 *   forecast  f = (l + phi b) + s        additive season     (l + phi b) * s    multiplicative
 *   level     l' = alpha (y - s) + (1 - alpha)(l + phi b)     alpha y/s + ...  (multiplicative)
 *   trend     b' = beta (l' - l) + (1 - beta) phi b
 *   season    s' = gamma (y - l - phi b) + (1 - gamma) s      gamma y/(l + phi b) + ...
 *
 * with phi = 1 for an undamped trend. Parameters minimise the in-sample one-step SSE by
 * Nelder-Mead within the usual region 0 < beta < alpha, 0 < gamma < 1 - alpha, 0.8 <= phi <= 0.98.
 * Days not observed (null) are not errors: the state moves on by its own forecast.
 */
import { fromInterval, nelderMead, toInterval } from './nelder-mead.ts';
import type { FitContext, FittedModel, ForecastModel } from './model.ts';
import type { Demand } from './series.ts';

export type TrendKind = 'none' | 'additive' | 'damped';
export type SeasonKind = 'none' | 'additive' | 'multiplicative';

export interface SmoothingSpec {
  trend: TrendKind;
  season: SeasonKind;
}

export interface SmoothingParams {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface State {
  level: number;
  trend: number;
  season: Float64Array;
}

const EPS = 1e-9;
const ALPHA = [0.001, 0.999] as const;
const SHARE = [0.001, 0.999] as const; // beta / alpha and gamma / (1 - alpha)
const PHI = [0.8, 0.98] as const;

export function smoothingModelName(spec: SmoothingSpec): string {
  const damped = spec.trend === 'damped' ? '-damped' : '';
  if (spec.season === 'none') return spec.trend === 'none' ? 'ses' : `holt${damped}`;
  return `holt-winters-${spec.season}${damped}`;
}

function mean(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0) / values.length;
}

/** Classical start values from the first cycles (or the first days without a season). */
function initialState(
  history: readonly Demand[],
  spec: SmoothingSpec,
  period: number,
  startPoints = 7,
): State | null {
  const hasTrend = spec.trend !== 'none';
  if (spec.season === 'none') {
    const observed = history.filter((v): v is number => v !== null);
    if (observed.length < (hasTrend ? 4 : 1)) return null;
    if (!hasTrend)
      return { level: mean(observed.slice(0, startPoints)), trend: 0, season: new Float64Array(1) };
    const k = Math.min(startPoints, Math.floor(observed.length / 2));
    const first = mean(observed.slice(0, k));
    const trend = (mean(observed.slice(k, 2 * k)) - first) / k;
    // The level one day before the first observation, so that its forecast is the first mean's line.
    return { level: first - (trend * (k + 1)) / 2, trend, season: new Float64Array(1) };
  }
  const cycles = Math.min(3, Math.floor(history.length / period));
  if (cycles < 2) return null;
  const cycleMeans: number[] = [];
  for (let j = 0; j < cycles; j++) {
    const seen = history.slice(j * period, (j + 1) * period).filter((v): v is number => v !== null);
    if (seen.length === 0) return null;
    cycleMeans.push(mean(seen));
  }
  const trend = hasTrend ? (cycleMeans[cycles - 1]! - cycleMeans[0]!) / ((cycles - 1) * period) : 0;
  const multiplicative = spec.season === 'multiplicative';
  const season = new Float64Array(period);
  for (let i = 0; i < period; i++) {
    const parts: number[] = [];
    for (let j = 0; j < cycles; j++) {
      const y = history[j * period + i];
      if (y === null || y === undefined) continue;
      const base = cycleMeans[j]! + trend * (i - (period - 1) / 2);
      if (!multiplicative) parts.push(y - base);
      else if (base > EPS) parts.push(y / base);
    }
    season[i] = parts.length > 0 ? mean(parts) : multiplicative ? 1 : 0;
  }
  const centre = mean([...season]);
  if (multiplicative) {
    if (!(centre > EPS)) return null;
    for (let i = 0; i < period; i++) season[i]! /= centre;
  } else {
    for (let i = 0; i < period; i++) season[i]! -= centre;
  }
  const level = cycleMeans[0]! - trend * ((period - 1) / 2 + 1);
  if (multiplicative && !(level + trend > EPS)) return null;
  return { level, trend, season };
}

interface Run {
  sse: number;
  state: State;
  residuals: number[] | null;
}

/** The history as numbers, NaN where not observed: the recursion's hot loop reads a typed array. */
export function observedArray(history: readonly Demand[]): Float64Array {
  const out = new Float64Array(history.length);
  for (let t = 0; t < history.length; t++) {
    const y = history[t];
    out[t] = y === null || y === undefined ? NaN : y;
  }
  return out;
}

/**
 * One pass of the recursion. `work`, when given, is the season buffer to use (a fit reuses one
 * over its Nelder-Mead evaluations); the arithmetic is the same expression by expression either way.
 */
function run(
  history: Float64Array,
  spec: SmoothingSpec,
  p: SmoothingParams,
  init: State,
  keepResiduals: boolean,
  work?: Float64Array,
): Run {
  const period = init.season.length;
  const season = work ?? new Float64Array(period);
  season.set(init.season);
  const seasonal = spec.season !== 'none';
  const multiplicative = spec.season === 'multiplicative';
  const phi = spec.trend === 'damped' ? p.phi : 1;
  const beta = spec.trend === 'none' ? 0 : p.beta;
  const alpha = p.alpha;
  const gamma = p.gamma;
  const keepAlpha = 1 - alpha;
  const keepGamma = 1 - gamma;
  const keepTrend = (1 - beta) * phi;
  let level = init.level;
  let trend = spec.trend === 'none' ? 0 : init.trend;
  let sse = 0;
  const residuals: number[] | null = keepResiduals ? [] : null;
  const n = history.length;
  let i = 0; // t % period
  for (let t = 0; t < n; t++, i = i + 1 === period ? 0 : i + 1) {
    const s = seasonal ? season[i]! : 0;
    const base = level + phi * trend;
    const y = history[t]!;
    if (y !== y) {
      // not observed (NaN): the state moves on by its own forecast
      level = base;
      trend = phi * trend;
      continue;
    }
    const f = multiplicative ? base * s : base + s;
    const e = y - f;
    sse += e * e;
    if (residuals !== null) residuals.push(e);
    let next: number;
    if (!multiplicative) next = alpha * (y - s) + keepAlpha * base;
    else next = s > EPS ? (alpha * y) / s + keepAlpha * base : base; // a zero season says nothing of the level
    if (seasonal) {
      if (!multiplicative) season[i] = gamma * (y - base) + keepGamma * s;
      else if (base > EPS) season[i] = (gamma * y) / base + keepGamma * s;
    }
    trend = beta * (next - level) + keepTrend * trend;
    level = next;
  }
  return { sse: Number.isFinite(sse) ? sse : Infinity, state: { level, trend, season }, residuals };
}

function forecastFrom(
  state: State,
  spec: SmoothingSpec,
  phi: number,
  start: number,
  horizon: number,
): number[] {
  const period = state.season.length;
  const out: number[] = [];
  let damp = 0;
  for (let h = 1; h <= horizon; h++) {
    damp += spec.trend === 'damped' ? phi ** h : spec.trend === 'additive' ? 1 : 0;
    const base = state.level + damp * state.trend;
    const s = state.season[(start + h - 1) % period]!;
    const f = spec.season === 'none' ? base : spec.season === 'additive' ? base + s : base * s;
    out.push(Number.isFinite(f) ? f : 0);
  }
  return out;
}

/**
 * An exponential smoothing model. `fixed` pins parameters (the rest are fitted); a seasonal
 * model needs a period from the context and at least two full cycles.
 */
export function exponentialSmoothing(
  spec: SmoothingSpec,
  fixed: Partial<SmoothingParams> = {},
): ForecastModel {
  const name = smoothingModelName(spec);
  const free: (keyof SmoothingParams)[] = ['alpha'];
  if (spec.trend !== 'none') free.push('beta');
  if (spec.season !== 'none') free.push('gamma');
  if (spec.trend === 'damped') free.push('phi');
  const toFit = free.filter((k) => fixed[k] === undefined);

  // Unconstrained vector -> parameters inside the admissible region.
  const at: Readonly<Record<keyof SmoothingParams, number>> = {
    alpha: toFit.indexOf('alpha'),
    beta: toFit.indexOf('beta'),
    gamma: toFit.indexOf('gamma'),
    phi: toFit.indexOf('phi'),
  };
  // No closure per call: Nelder-Mead decodes a few hundred times per fit.
  const decode = (x: readonly number[]): SmoothingParams => {
    const alpha = fixed.alpha ?? toInterval(x[at.alpha]!, ALPHA[0], ALPHA[1]);
    return {
      alpha,
      beta: fixed.beta ?? alpha * (at.beta >= 0 ? toInterval(x[at.beta]!, SHARE[0], SHARE[1]) : 0.1),
      gamma:
        fixed.gamma ?? (1 - alpha) * (at.gamma >= 0 ? toInterval(x[at.gamma]!, SHARE[0], SHARE[1]) : 0.1),
      phi: fixed.phi ?? (at.phi >= 0 ? toInterval(x[at.phi]!, PHI[0], PHI[1]) : 0.9),
    };
  };
  const start = toFit.map((k) =>
    k === 'alpha'
      ? fromInterval(0.2, ...ALPHA)
      : k === 'phi'
        ? fromInterval(0.9, ...PHI)
        : fromInterval(0.1, ...SHARE),
  );

  return {
    name,
    fit(history: readonly Demand[], context: FitContext): FittedModel | null {
      if (spec.season !== 'none' && context.period === null) return null;
      const period = spec.season === 'none' ? 1 : context.period!;
      const init = initialState(history, spec, period, context.startPoints);
      if (!init) return null;
      const ys = observedArray(history);
      let params = decode([]);
      if (toFit.length > 0) {
        const work = new Float64Array(period);
        const best = nelderMead((x) => run(ys, spec, decode(x), init, false, work).sse, start, {
          step: 1.5,
          maxEvaluations: 60 * toFit.length + 40,
          tolerance: 1e-7,
        });
        params = decode(best.x);
      }
      const result = run(ys, spec, params, init, true);
      if (!Number.isFinite(result.sse)) return null;
      const shown: Record<string, number> = {};
      for (const k of free) shown[k] = params[k];
      return {
        model: name,
        params: shown,
        residuals: result.residuals!,
        forecast: (h) => forecastFrom(result.state, spec, params.phi, history.length, h),
      };
    },
  };
}

export const ses = exponentialSmoothing({ trend: 'none', season: 'none' });
export const holt = exponentialSmoothing({ trend: 'additive', season: 'none' });
export const holtDamped = exponentialSmoothing({ trend: 'damped', season: 'none' });
export const holtWintersAdditive = exponentialSmoothing({ trend: 'none', season: 'additive' });
export const holtWintersAdditiveDamped = exponentialSmoothing({ trend: 'damped', season: 'additive' });
export const holtWintersMultiplicative = exponentialSmoothing({ trend: 'none', season: 'multiplicative' });
export const holtWintersMultiplicativeDamped = exponentialSmoothing({
  trend: 'damped',
  season: 'multiplicative',
});
