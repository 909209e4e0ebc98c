/**
 * Time buckets: a series can be forecast per day, per week (Monday to Sunday) or per calendar
 * month. Every model works on positions, so the bucket only decides how days are summed, which
 * season lengths make sense (weekly and yearly for days, yearly for weeks and months), and how
 * a bucket's forecast is spread back to its days.
 */
import {
  addDays,
  dateOfDay,
  dayNumber,
  dayOfWeek,
  type Demand,
  type DemandSeries,
  type IsoDate,
} from './series.ts';

export type Bucket = 'day' | 'week' | 'month';
export const BUCKETS = ['day', 'week', 'month'] as const satisfies readonly Bucket[];

/** The season length the bucket's data is modelled with by default (yearly for weeks and months). */
export const DEFAULT_SEASON: Readonly<Record<Bucket, number>> = { day: 7, week: 52, month: 12 };
/** Points of the moving average: four weeks of days, eight weeks, six months. */
export const MOVING_AVERAGE_POINTS: Readonly<Record<Bucket, number>> = { day: 28, week: 8, month: 6 };
/** Points a non-seasonal smoother's start level averages: a week of days, a month of weeks, a quarter. */
export const START_POINTS: Readonly<Record<Bucket, number>> = { day: 7, week: 4, month: 3 };
/** The shortest history, in points, a backtest origin needs before it. */
export const MIN_TRAIN_POINTS: Readonly<Record<Bucket, number>> = { day: 28, week: 8, month: 6 };

/** The first day of the bucket that holds `date`. */
export function bucketStart(date: IsoDate, bucket: Bucket): IsoDate {
  if (bucket === 'day') return date;
  if (bucket === 'week') return addDays(date, -((dayOfWeek(date) + 6) % 7)); // back to Monday
  return `${date.slice(0, 7)}-01`;
}

/** The first day of the bucket after the one starting at `start`. */
export function nextBucket(start: IsoDate, bucket: Bucket): IsoDate {
  if (bucket === 'day') return addDays(start, 1);
  if (bucket === 'week') return addDays(start, 7);
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

export function bucketDays(start: IsoDate, bucket: Bucket): number {
  return dayNumber(nextBucket(start, bucket)) - dayNumber(start);
}

export interface BucketSeries {
  readonly bucket: Bucket;
  /** The first day of the first bucket. */
  readonly start: IsoDate;
  /** Units per bucket, null when too little of it was observed. */
  readonly units: readonly Demand[];
}

/**
 * Sums a daily series into buckets. A bucket is observed when at least half of its days were
 * (days out of stock or before the series started count as not observed); its unobserved days
 * are filled with the mean of its observed ones, so a censored day does not read as zero. A
 * trailing bucket that the series does not reach to its end is left out: the forecast starts
 * with it, whole.
 */
export function aggregateSeries(series: DemandSeries, bucket: Bucket): BucketSeries {
  if (bucket === 'day') return { bucket, start: series.start, units: series.units };
  const first = dayNumber(series.start);
  const end = first + series.units.length; // exclusive
  const units: Demand[] = [];
  const start = bucketStart(series.start, bucket);
  for (let b = start; dayNumber(nextBucket(b, bucket)) <= end; b = nextBucket(b, bucket)) {
    const from = dayNumber(b);
    const length = bucketDays(b, bucket);
    let sum = 0;
    let seen = 0;
    for (let d = from; d < from + length; d++) {
      const y = d >= first ? series.units[d - first] : null;
      if (y !== null && y !== undefined) {
        sum += y;
        seen++;
      }
    }
    units.push(seen * 2 >= length ? (sum * length) / seen : null);
  }
  return { bucket, start, units };
}

/** The first day of bucket `index` of a bucket series. */
export function bucketDateAt(start: IsoDate, bucket: Bucket, index: number): IsoDate {
  if (bucket === 'day') return addDays(start, index);
  if (bucket === 'week') return addDays(start, 7 * index);
  const y = Number(start.slice(0, 4));
  const m = Number(start.slice(5, 7)) - 1 + index;
  return `${y + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
}

/**
 * The share of a week's demand that falls on each weekday (0 = Sunday), from the observed days
 * of a daily history; uniform without any demand. Spreads a weekly or monthly forecast back to
 * days in the shop's own pattern (a shop closed on Saturdays gets none on Saturdays).
 */
export function weekdayShares(series: DemandSeries): number[] {
  const sums = new Array<number>(7).fill(0);
  const counts = new Array<number>(7).fill(0);
  const first = dayNumber(series.start);
  series.units.forEach((y, i) => {
    if (y === null) return;
    const w = (first + i + 4) % 7;
    sums[w]! += y;
    counts[w]!++;
  });
  const means = sums.map((s, w) => (counts[w]! > 0 ? s / counts[w]! : 0));
  const total = means.reduce((a, b) => a + b, 0);
  return total > 0 ? means.map((m) => m / total) : new Array<number>(7).fill(1 / 7);
}

/** The days of bucket starting `start`, each with its share of the bucket (summing to 1). */
export function spreadBucket(
  start: IsoDate,
  bucket: Bucket,
  shares: readonly number[],
): { date: IsoDate; share: number }[] {
  const length = bucketDays(start, bucket);
  const first = dayNumber(start);
  const raw = Array.from({ length }, (_, k) => shares[(first + k + 4) % 7]!);
  const total = raw.reduce((a, b) => a + b, 0);
  return raw.map((w, k) => ({ date: dateOfDay(first + k), share: total > 0 ? w / total : 1 / length }));
}

/**
 * Whole units spread as evenly as possible over `days` days, the remainder one unit a day from
 * the first: an imported weekly or monthly total becomes daily rows that sum back to it exactly.
 */
export function spreadEvenly(total: number, days: number): number[] {
  if (!(Number.isInteger(total) && total >= 0 && Number.isInteger(days) && days >= 1))
    throw new RangeError('spreadEvenly needs a whole total >= 0 and days >= 1');
  const each = Math.floor(total / days);
  const rest = total - each * days;
  return Array.from({ length: days }, (_, k) => each + (k < rest ? 1 : 0));
}
