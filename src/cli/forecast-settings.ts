/** What `stockroom forecast evaluate` evaluates: shared by the main thread and its workers. */
import {
  modelsFor,
  seasonalNaive,
  type EvaluationOptions,
  type Granularity,
} from '../domain/forecast/index.ts';

/** `all`: every model's row; `served`: only the served forecast and its baseline (faster). */
export type EvaluatedModels = 'all' | 'served';

export interface EvaluationRequest {
  horizonDays: number;
  origins: number;
  selectionOrigins: number;
  granularity: Granularity;
  models?: EvaluatedModels;
}

export function evaluationSettings(request: EvaluationRequest): EvaluationOptions {
  const { models = 'all', ...rest } = request;
  return { ...rest, models: models === 'served' ? [seasonalNaive] : modelsFor(request.granularity.bucket) };
}
