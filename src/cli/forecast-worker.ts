/**
 * A worker thread of `stockroom forecast evaluate`: evaluates the chunks of series it is sent
 * and returns its summary when told to finish. Started by forecast-evaluate.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  accumulate,
  emptySummary,
  evaluateSeries,
  seasonalNaive,
  type Demand,
} from '../domain/forecast/index.ts';
import { evaluationSettings, type EvaluationRequest } from './forecast-settings.ts';

export type ToWorker = { type: 'work'; series: Demand[][] } | { type: 'finish' };
export type FromWorker =
  { type: 'more'; done: number } | { type: 'summary'; summary: ReturnType<typeof emptySummary> };

const port = parentPort!;
const settings = evaluationSettings(workerData as EvaluationRequest);
const summary = emptySummary();

port.on('message', (message: ToWorker) => {
  if (message.type === 'finish') {
    port.postMessage({ type: 'summary', summary } satisfies FromWorker);
    port.close();
    return;
  }
  for (const units of message.series)
    accumulate(summary, evaluateSeries(units, settings), seasonalNaive.name);
  port.postMessage({ type: 'more', done: message.series.length } satisfies FromWorker);
});
port.postMessage({ type: 'more', done: 0 } satisfies FromWorker);
