/** What `stockroom forecast evaluate` evaluates: shared by the main thread and its workers. */
import { ALL_MODELS, type EvaluationOptions } from '../domain/forecast/index.ts';

export interface EvaluationRequest {
  horizonDays: number;
  origins: number;
  selectionOrigins: number;
}

export function evaluationSettings(request: EvaluationRequest): EvaluationOptions {
  return { ...request, models: ALL_MODELS };
}
