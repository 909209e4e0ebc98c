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
import { croston, sba, tsb } from './intermittent.ts';
import type { ForecastModel } from './model.ts';

export const movingAverage28 = movingAverage(28);

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
];

export function modelByName(name: string): ForecastModel | undefined {
  return ALL_MODELS.find((m) => m.name === name);
}

export interface CandidatePolicy {
  /** The models to backtest for a series, simplest first (ties go to the earlier one). */
  candidates(classification: Classification, period: number | null): readonly ForecastModel[];
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
  candidates({ demandClass }, period) {
    const base = [seasonalNaive, movingAverage28, ses];
    switch (demandClass) {
      case 'none':
        return [seasonalNaive];
      case 'intermittent':
      case 'lumpy':
        return [...base, croston, sba, tsb];
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
