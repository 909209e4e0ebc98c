/**
 * Which seasonality a history supports. Weekly (period 7) from three full weeks of observed
 * days: two cycles to start the seasonal indices and one more to test them. Yearly only from
 * two full years (2 x 364 days: whole weeks, so a year-ago day is the same weekday), as a
 * multiplicative profile by week of the year that the forecaster divides out before modelling
 * and multiplies back after.
 */
import { countObserved, type Demand } from './series.ts';

export const WEEK_DAYS = 7;
export const YEAR_DAYS = 364;
export const MIN_WEEKLY_DAYS = 3 * WEEK_DAYS;
export const MIN_YEARLY_DAYS = 2 * YEAR_DAYS;

/** 7 when the history holds at least three weeks of observed days, otherwise null. */
export function weeklyPeriod(history: readonly Demand[]): number | null {
  return seasonalPeriod(history, WEEK_DAYS);
}

/**
 * `seasonLength` when the history supports it, otherwise null (no season). A short season (a
 * week of days) needs three cycles of observed points: two to start the indices and one to
 * test them. A long one (52 weeks, 12 months) needs two: asking for three years of history
 * before a weekly or monthly series may have a yearly season would leave most shops without.
 */
export function seasonalPeriod(history: readonly Demand[], seasonLength: number | null): number | null {
  if (seasonLength === null || seasonLength < 2) return null;
  const need = (seasonLength <= WEEK_DAYS ? 3 : 2) * seasonLength;
  return history.length >= need && countObserved(history) >= need ? seasonLength : null;
}

export interface YearlyProfile {
  /** The factor for series position `position` (any integer, past or future). */
  factorAt(position: number): number;
  /** 52 weekly factors, mean 1, the week ending at the end of the history last. */
  readonly weekly: readonly number[];
}

const WEEKS = YEAR_DAYS / WEEK_DAYS;
const FACTOR_RANGE = [0.05, 20] as const;

/**
 * The yearly profile, or null with less than two years of history. Each whole year counted
 * back from the end gives 52 weekly means, each divided by the trend at its week; the factors
 * average them over the years, smoothed over three weeks so one odd week does not become a
 * season.
 *
 * The trend is the straight line through the years' means (each at its year's middle week):
 * a whole year holds every week of the season once, so its mean is free of the season, and
 * the line is free of it too. Dividing by each year's own mean instead (as before) reads a
 * growing shop's trend as season: within every year the last weeks look high and the first
 * low, so the history's end is divided by too much and the weeks ahead (the first weeks of a
 * year ago) multiplied by too little, and the forecast runs low by about a year's growth.
 * Where the line is not positive (a steep decline) the year's own mean is used instead.
 */
export function yearlyProfile(history: readonly Demand[]): YearlyProfile | null {
  const n = history.length;
  const years = Math.floor(n / YEAR_DAYS);
  if (years < 2) return null;
  const sums = new Array<number>(WEEKS).fill(0);
  const counts = new Array<number>(WEEKS).fill(0);
  // Week means of each year, the latest year first (k = 0), and each year's mean.
  const yearWeeks: (number | null)[][] = [];
  const yearMeans: number[] = [];
  for (let k = 0; k < years; k++) {
    const from = n - (k + 1) * YEAR_DAYS;
    let total = 0;
    let seen = 0;
    const weekMeans: (number | null)[] = [];
    for (let w = 0; w < WEEKS; w++) {
      let s = 0;
      let c = 0;
      for (let d = 0; d < WEEK_DAYS; d++) {
        const y = history[from + w * WEEK_DAYS + d];
        if (y !== null && y !== undefined) {
          s += y;
          c++;
        }
      }
      total += s;
      seen += c;
      weekMeans.push(c > 0 ? s / c : null);
    }
    yearWeeks.push(weekMeans);
    yearMeans.push(seen > 0 ? total / seen : 0);
  }
  const trend = yearlyTrend(yearMeans);
  yearWeeks.forEach((weekMeans, k) => {
    const yearMean = yearMeans[k]!;
    if (!(yearMean > 0)) return;
    weekMeans.forEach((m, w) => {
      if (m === null) return;
      const level = trend(k, w);
      sums[w]! += m / (level > 0 ? level : yearMean);
      counts[w]!++;
    });
  });
  if (counts.filter((c) => c > 0).length < WEEKS / 2) return null;
  const raw = sums.map((s, w) => (counts[w]! > 0 ? s / counts[w]! : 1));
  const smoothed = raw.map((_, w) => (raw[(w + WEEKS - 1) % WEEKS]! + raw[w]! + raw[(w + 1) % WEEKS]!) / 3);
  const mean = smoothed.reduce((a, b) => a + b, 0) / WEEKS;
  const weekly = smoothed.map((f) => Math.min(FACTOR_RANGE[1], Math.max(FACTOR_RANGE[0], f / mean)));
  return {
    weekly,
    factorAt(position: number): number {
      const offset = (((position - n) % YEAR_DAYS) + YEAR_DAYS) % YEAR_DAYS;
      return weekly[Math.floor(offset / WEEK_DAYS)]!;
    },
  };
}

/**
 * The level at week w (0..51) of year k (0: the latest) on the least-squares line through the
 * years' means, each placed at its year's middle; each year's own mean when fewer than two
 * years sold anything (no line to fit).
 */
function yearlyTrend(yearMeans: readonly number[]): (k: number, w: number) => number {
  // Weeks counted forward from the oldest year's first week.
  const years = yearMeans.length;
  const at = (k: number, w: number) => (years - 1 - k) * WEEKS + w;
  const points = yearMeans.map((mean, k) => ({ x: at(k, (WEEKS - 1) / 2), y: mean })).filter((p) => p.y > 0);
  if (points.length < 2) return (k) => yearMeans[k]!;
  const mx = points.reduce((a, p) => a + p.x, 0) / points.length;
  const my = points.reduce((a, p) => a + p.y, 0) / points.length;
  const sxx = points.reduce((a, p) => a + (p.x - mx) ** 2, 0);
  const slope = points.reduce((a, p) => a + (p.x - mx) * (p.y - my), 0) / sxx;
  return (k, w) => my + slope * (at(k, w) - mx);
}
