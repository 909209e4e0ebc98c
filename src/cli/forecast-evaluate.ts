/**
 * `stockroom forecast evaluate`: the rolling-origin evaluation of every model and of the
 * automatic choice over the Online Retail year, on worker threads (one per core by default:
 * the evaluation is CPU-bound and the series are independent).
 */
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import {
  BUCKETS,
  DEFAULT_SEASON,
  MIN_TRAIN_POINTS,
  accumulate,
  emptySummary,
  evaluateSeries,
  mergeSummaries,
  seasonalNaive,
  type Bucket,
  type Demand,
  type EvaluationSummary,
} from '../domain/forecast/index.ts';
import { DEFAULT_POLICY, type ReplenishmentPolicy } from '../domain/replenishment.ts';
import { readSeriesCsv } from './forecast-csv.ts';
import { readDailyDemand } from './forecast-data.ts';
import { buildEvaluationReport, formatEvaluationReport } from './forecast-report.ts';
import { evaluationSettings, type EvaluatedModels, type EvaluationRequest } from './forecast-settings.ts';
import type { FromWorker, ToWorker } from './forecast-worker.ts';

export interface ForecastEvaluateOptions {
  data?: string;
  csv?: string;
  bucket?: string;
  season?: string;
  horizon?: string;
  origins?: string;
  selectionOrigins?: string;
  skus?: string;
  workers?: string;
  models?: string;
  leadTime?: string;
  reviewPeriod?: string;
  serviceLevel?: string;
  json?: boolean;
}

const DATA_FROM_ROOT = '../shared/data/online-retail/onlineretail.csv.gz';
const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
/** Series per message to a worker: small enough to balance the load, large enough to be cheap. */
const CHUNK = 20;

/** --data, else the shared data next to the project (found from this file), else from the cwd. */
export function resolveDataPath(data: string | undefined): string {
  if (data) {
    const path = resolve(data);
    if (!existsSync(path)) throw new Error(`no such file: ${path}`);
    return path;
  }
  const tried = [resolve(PROJECT_ROOT, DATA_FROM_ROOT), resolve(DATA_FROM_ROOT)];
  const found = tried.find((p) => existsSync(p));
  if (!found)
    throw new Error(`Online Retail data not found (tried ${tried.join(', ')}); pass --data <csv.gz>`);
  return found;
}

function positiveInteger(value: string | undefined, fallback: number, name: string, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= min)) throw new Error(`--${name} must be a whole number >= ${min}`);
  return n;
}

/** Production's default policy, with the options given; no minimum order, packs of one. */
function stockPolicy(options: ForecastEvaluateOptions): ReplenishmentPolicy {
  const serviceLevel =
    options.serviceLevel === undefined ? DEFAULT_POLICY.serviceLevel : Number(options.serviceLevel);
  if (!(serviceLevel > 0 && serviceLevel < 1)) throw new Error('--service-level must be in (0, 1)');
  const leadTimeDays = positiveInteger(options.leadTime, DEFAULT_POLICY.leadTimeDays, 'lead-time', 0);
  const reviewPeriodDays = positiveInteger(
    options.reviewPeriod,
    DEFAULT_POLICY.reviewPeriodDays,
    'review-period',
    0,
  );
  if (leadTimeDays + reviewPeriodDays < 1)
    throw new Error('--lead-time plus --review-period must be at least 1 day');
  return { supplier: null, leadTimeDays, reviewPeriodDays, serviceLevel, minOrder: 0, packSize: 1 };
}

function evaluatedModels(value: string | undefined): EvaluatedModels {
  if (value === undefined || value === 'all' || value === 'served') return value ?? 'all';
  throw new Error('--models must be all or served');
}

function evaluateInProcess(series: Demand[][], request: EvaluationRequest): EvaluationSummary {
  const settings = evaluationSettings(request);
  const summary = emptySummary();
  for (const units of series) accumulate(summary, evaluateSeries(units, settings), seasonalNaive.name);
  return summary;
}

/**
 * Built (dist/), a worker runs the compiled forecast-worker.js; from source it runs the
 * TypeScript through tsx, as bin/stockroom.mjs does for the main thread.
 */
function startWorker(request: EvaluationRequest): Worker {
  if (!import.meta.url.endsWith('.ts')) {
    return new Worker(new URL('./forecast-worker.js', import.meta.url), { workerData: request });
  }
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./forecast-worker.ts', import.meta.url).href;
  const bootstrap = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: request });
}

function evaluateOnWorkers(series: Demand[][], request: EvaluationRequest, count: number) {
  let next = 0;
  const runs = Array.from(
    { length: count },
    () =>
      new Promise<EvaluationSummary>((done, fail) => {
        const worker = startWorker(request);
        worker.on('error', fail);
        worker.on('exit', (code) => code !== 0 && fail(new Error(`forecast worker exited with ${code}`)));
        worker.on('message', (message: FromWorker) => {
          if (message.type === 'summary') {
            done(message.summary);
            return;
          }
          const chunk = series.slice(next, next + CHUNK);
          next += chunk.length;
          worker.postMessage(
            (chunk.length > 0 ? { type: 'work', series: chunk } : { type: 'finish' }) satisfies ToWorker,
          );
        });
      }),
  );
  return Promise.all(runs).then((parts) => parts.reduce(mergeSummaries, emptySummary()));
}

export async function runForecastEvaluate(options: ForecastEvaluateOptions): Promise<void> {
  const started = performance.now();
  const bucket = (options.bucket ?? 'day') as Bucket;
  if (!BUCKETS.includes(bucket)) throw new Error(`--bucket must be one of ${BUCKETS.join(', ')}`);
  if (!options.csv && bucket !== 'day') throw new Error('--bucket is for --csv (Online Retail is daily)');
  const season =
    options.season === undefined ? DEFAULT_SEASON[bucket] : positiveInteger(options.season, 0, 'season', 0);
  const defaultHorizon = { day: 28, week: 8, month: 6 }[bucket];
  const request: EvaluationRequest = {
    horizonDays: positiveInteger(options.horizon, defaultHorizon, 'horizon'),
    origins: positiveInteger(options.origins, 4, 'origins'),
    selectionOrigins: positiveInteger(options.selectionOrigins, 3, 'selection-origins'),
    granularity: { bucket, seasonLength: season === 0 ? null : season },
    models: evaluatedModels(options.models),
    ...(bucket === 'day' ? { stockPolicy: stockPolicy(options) } : {}),
    // What was served before (conformal everywhere) and the zero-inflated sources not chosen.
    intervalVariants: ['conformal', 'zi-history', 'zi-recent'],
  };
  const limit = options.skus === undefined ? Infinity : positiveInteger(options.skus, 0, 'skus');
  const workers = positiveInteger(options.workers, availableParallelism(), 'workers', 0);
  const path = options.csv ? resolve(options.csv) : resolveDataPath(options.data);
  if (!existsSync(path)) throw new Error(`no such file: ${path}`);

  const data = options.csv ? await readSeriesCsv(path, bucket) : await readDailyDemand(path);
  // At least one origin needs a horizon after it and the shortest training history before it.
  const minTrain = MIN_TRAIN_POINTS[bucket];
  const eligible = data.series.filter((s) => s.units.length >= minTrain + request.horizonDays);
  const chosen = eligible.slice(0, limit);
  const loaded = performance.now();

  const units = chosen.map((s) => s.units);
  const used = Math.min(workers, Math.ceil(units.length / CHUNK));
  const summary =
    used === 0 ? evaluateInProcess(units, request) : await evaluateOnWorkers(units, request, used);
  const finished = performance.now();

  const report = buildEvaluationReport(summary, {
    data: path,
    first: data.first,
    last: data.last,
    closedDays: data.closedDays,
    skusSkipped: data.series.length - eligible.length,
    horizonDays: request.horizonDays,
    bucket,
    seasonLength: request.granularity.seasonLength,
    origins: request.origins,
    selectionOrigins: request.selectionOrigins,
    evaluated: request.models ?? 'all',
    stockPolicy: request.stockPolicy ?? null,
    workers: used,
    elapsedMs: {
      load: Math.round(loaded - started),
      evaluate: Math.round(finished - loaded),
      total: Math.round(finished - started),
    },
  });
  console.log(options.json ? JSON.stringify(report, null, 2) : formatEvaluationReport(report));
}
