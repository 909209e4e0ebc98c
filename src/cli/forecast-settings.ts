/** What `stockroom forecast evaluate` evaluates: shared by the main thread and its workers. */
import type { ReplenishmentPolicy } from '../domain/replenishment.ts';
import {
  modelsFor,
  seasonalNaive,
  zeroForecast,
  type EvaluationOptions,
  type Granularity,
  type IntervalVariant,
} from '../domain/forecast/index.ts';

/** `all`: every model's row; `served`: only the served forecast and its baseline (faster). */
export type EvaluatedModels = 'all' | 'served';

export interface EvaluationRequest {
  horizonDays: number;
  origins: number;
  selectionOrigins: number;
  granularity: Granularity;
  models?: EvaluatedModels;
  /** The replenishment policy whose stock outcome is simulated (days only). */
  stockPolicy?: ReplenishmentPolicy;
  /** Interval variants to compare with the served intervals. */
  intervalVariants?: readonly IntervalVariant[];
}

export function evaluationSettings(request: EvaluationRequest): EvaluationOptions {
  const { models = 'all', ...rest } = request;
  // The zero forecast is a reference row: it shows what the absolute-error measures reward.
  const all = [...modelsFor(request.granularity.bucket), zeroForecast];
  // So are the hindsight rows: what a forecast of the mean could score if it knew the outcome.
  return { ...rest, models: models === 'served' ? [seasonalNaive] : all, hindsight: models === 'all' };
}
