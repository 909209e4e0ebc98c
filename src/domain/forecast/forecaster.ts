/**
 * The forecast of one SKU's daily demand: the whole pipeline over the models.
 *
 *   1. Event days in the history are held out (null) and their uplifts learned (events.ts).
 *   2. With two years of history, the yearly profile is divided out (seasonality.ts).
 *   3. The demand class picks the candidates; a rolling-origin backtest picks the model.
 *   4. The model is refitted on the whole history and forecasts the horizon; the yearly
 *      profile and the event uplifts are multiplied back in.
 *   5. Intervals come from the winner's backtest errors (intervals.ts).
 */
import { fitAndForecast, selectModel, type BacktestScore } from './backtest.ts';
import { defaultCandidatePolicy, type CandidatePolicy } from './candidates.ts';
import { classifyDemand, type Classification } from './classification.ts';
import { holdOutEvents, learnEventUplifts, upliftByDay, type EventDay, type EventUplift } from './events.ts';
import { predictionIntervals } from './intervals.ts';
import { bias, wape } from './metrics.ts';
import { seasonalNaive } from './baseline-models.ts';
import { weeklyPeriod, yearlyProfile } from './seasonality.ts';
import { addDays, countObserved, type DemandSeries, type IsoDate } from './series.ts';

export interface ForecastOptions {
  horizonDays: number;
  /** Central coverage of the intervals; 0.8 gives the 10% and 90% quantiles. */
  level?: number;
  events?: readonly EventDay[];
  /** Rolling origins for the model choice (default 3), each `horizonDays` long. */
  backtestOrigins?: number;
  policy?: CandidatePolicy;
}

export interface ForecastDay {
  date: IsoDate;
  forecast: number;
  lower: number;
  upper: number;
  events: string[];
}

export interface DemandForecast {
  model: string;
  params: Readonly<Record<string, number>>;
  classification: Classification;
  weeklyPeriod: number | null;
  yearlySeasonality: boolean;
  /** Each candidate's backtest score, the winner first. */
  backtest: { model: string; wape: number | null; bias: number | null; origins: number }[];
  events: EventUplift[];
  days: ForecastDay[];
}

export const DEFAULT_BACKTEST_ORIGINS = 3;

export function forecastDemand(series: DemandSeries, options: ForecastOptions): DemandForecast {
  const { horizonDays, level = 0.8, events = [], backtestOrigins = DEFAULT_BACKTEST_ORIGINS } = options;
  if (!(Number.isInteger(horizonDays) && horizonDays >= 1)) throw new RangeError('horizonDays must be >= 1');
  const n = series.units.length;
  const uplifts = learnEventUplifts(series.start, series.units, events);
  let history = holdOutEvents(series.start, series.units, events);
  const profile = yearlyProfile(history);
  if (profile) history = history.map((y, t) => (y === null ? null : y / profile.factorAt(t)));

  const classification = classifyDemand(history);
  const selection = selectModel(history, {
    horizonDays,
    origins: backtestOrigins,
    policy: options.policy ?? defaultCandidatePolicy,
  });
  let fit = countObserved(history) > 0 ? fitAndForecast(selection.model, history, horizonDays) : null;
  if (!fit && countObserved(history) > 0) fit = fitAndForecast(seasonalNaive, history, horizonDays);
  const base = fit?.forecast ?? new Array<number>(horizonDays).fill(0);
  const intervals = predictionIntervals(
    base,
    { backtestErrors: selection.score?.stepErrors, residuals: fit?.fitted.residuals ?? [] },
    level,
  );
  const byDay = upliftByDay(series.start, n, horizonDays, events, uplifts);
  const days = base.map((f, i): ForecastDay => {
    const factor = (profile ? profile.factorAt(n + i) : 1) * byDay[i]!.factor;
    return {
      date: addDays(series.start, n + i),
      forecast: f * factor,
      lower: intervals[i]!.lower * factor,
      upper: intervals[i]!.upper * factor,
      events: byDay[i]!.events,
    };
  });
  const ranked = [...selection.scores].sort((a, b) =>
    a.model === selection.model
      ? -1
      : b.model === selection.model
        ? 1
        : a.totals.absError - b.totals.absError,
  );
  return {
    model: fit?.fitted.model ?? 'none',
    params: fit?.fitted.params ?? {},
    classification,
    weeklyPeriod: weeklyPeriod(history),
    yearlySeasonality: profile !== null,
    backtest: ranked.map((s: BacktestScore) => ({
      model: s.model.name,
      wape: wape(s.totals),
      bias: bias(s.totals),
      origins: s.origins,
    })),
    events: uplifts,
    days,
  };
}
