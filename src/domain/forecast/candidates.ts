/**
 * The model registry and the default candidate policy: which models compete for a series,
 * by its demand class (classification.ts). A strategy, so a deployment can swap it.
 */
import { seasonalNaive, movingAverage } from './baseline-models.ts';
import type { Classification } from './classification.ts';
import {
  holt,
  holtDamped,
  holtWintersAdditive,
  holtWintersAdditiveDamped,
  holtWintersMultiplicative,
  holtWintersMultiplicativeDamped,
  ses,
} from './exponential-smoothing.ts';
import { croston, sba, tsb, tsbTuned } from './intermittent.ts';
import { adida7, imapa7 } from './aggregation.ts';
import type { ForecastModel } from './model.ts';
import { MOVING_AVERAGE_POINTS, type Bucket } from './buckets.ts';

export const movingAverage28 = movingAverage(MOVING_AVERAGE_POINTS.day);
const movingAverages: Readonly<Record<Bucket, ForecastModel>> = {
  day: movingAverage28,
  week: movingAverage(MOVING_AVERAGE_POINTS.week),
  month: movingAverage(MOVING_AVERAGE_POINTS.month),
};

/** The moving average of a bucket: four weeks of days, eight weeks or six months. */
export function movingAverageFor(bucket: Bucket): ForecastModel {
  return movingAverages[bucket];
}

/** Every model, the baseline first. */
export const ALL_MODELS: readonly ForecastModel[] = [
  seasonalNaive,
  movingAverage28,
  ses,
  holt,
  holtDamped,
  holtWintersAdditive,
  holtWintersAdditiveDamped,
  holtWintersMultiplicative,
  holtWintersMultiplicativeDamped,
  croston,
  sba,
  tsb,
  adida7,
  tsbTuned,
  imapa7,
];

export function modelByName(name: string): ForecastModel | undefined {
  return (
    ALL_MODELS.find((m) => m.name === name) ?? Object.values(movingAverages).find((m) => m.name === name)
  );
}

/** Every model for a bucket: ALL_MODELS with the bucket's moving average. */
export function modelsFor(bucket: Bucket): readonly ForecastModel[] {
  return ALL_MODELS.map((m) => (m === movingAverage28 ? movingAverageFor(bucket) : m));
}

export interface CandidatePolicy {
  /** The models to backtest for a series, simplest first (ties go to the earlier one). */
  candidates(
    classification: Classification,
    period: number | null,
    bucket?: Bucket,
  ): readonly ForecastModel[];
}

/**
 * Smooth and erratic demand: the level, damped-trend and seasonal smoothers. Intermittent and
 * lumpy demand: Croston, SBA and TSB instead of the trend and seasonal smoothers, whose
 * assumptions (a level seen every day) do not hold. The seasonal naive baseline, the moving
 * average and SES compete everywhere. The undamped Holt trend is left out: extrapolating a
 * straight line for weeks is what goes badly wrong on retail data when a short backtest
 * happens to favour it (it stays in ALL_MODELS, and the evaluation reports it).
 */
export const defaultCandidatePolicy: CandidatePolicy = {
  candidates({ demandClass }, period, bucket = 'day') {
    const base = [seasonalNaive, movingAverageFor(bucket), ses];
    switch (demandClass) {
      case 'none':
        return [seasonalNaive];
      case 'intermittent':
      case 'lumpy':
        return [...base, croston, sba, tsb, adida7, tsbTuned, imapa7];
      default:
        return period === null
          ? [...base, holtDamped]
          : [
              ...base,
              holtDamped,
              holtWintersAdditive,
              holtWintersAdditiveDamped,
              holtWintersMultiplicative,
              holtWintersMultiplicativeDamped,
            ];
    }
  },
};
