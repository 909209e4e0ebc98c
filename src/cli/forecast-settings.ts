/** What `stockroom forecast evaluate` evaluates: shared by the main thread and its workers. */
import { modelsFor, type EvaluationOptions, type Granularity } from '../domain/forecast/index.ts';

export interface EvaluationRequest {
  horizonDays: number;
  origins: number;
  selectionOrigins: number;
  granularity: Granularity;
}

export function evaluationSettings(request: EvaluationRequest): EvaluationOptions {
  return { ...request, models: modelsFor(request.granularity.bucket) };
}
