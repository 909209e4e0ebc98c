/**
 * Daily demand series: units demanded per calendar day (UTC), one value per day from `start`.
 *
 * A day whose demand could not be observed is `null`, never 0: a day out of stock (sales were
 * lost, so the units sold understate demand), a day the shop was closed for an unusual reason,
 * or an event day held out of model fitting. Models skip such days instead of reading lost
 * sales as zero demand.
 */
import { DAY_MS } from '../time.ts';

/** A calendar day, `YYYY-MM-DD` (UTC). */
export type IsoDate = string;
/** Units demanded on one day, or null when demand was not observable (censored). */
export type Demand = number | null;

export interface DemandSeries {
  readonly start: IsoDate;
  readonly units: readonly Demand[];
}

const ISO_DATE = /^\d{4}-\d\d-\d\d$/;

/** Days since 1970-01-01 (UTC). */
export function dayNumber(date: IsoDate): number {
  const ms = ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
  if (!Number.isFinite(ms)) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return Math.round(ms / DAY_MS);
}

export function dateOfDay(day: number): IsoDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return dateOfDay(dayNumber(date) + days);
}

/** 0 = Sunday ... 6 = Saturday. */
export function dayOfWeek(date: IsoDate): number {
  return (dayNumber(date) + 4) % 7; // 1970-01-01 was a Thursday
}

/** The date of position `index` of a series. */
export function dateAt(series: DemandSeries, index: number): IsoDate {
  return addDays(series.start, index);
}

export interface DailySalesInput {
  /** First and last day of the series, both included. */
  start: IsoDate;
  end: IsoDate;
  /** Units per day; several entries for one day are summed; days outside [start, end] are ignored. */
  sales: Iterable<{ date: IsoDate; units: number }>;
  /** Days demand was not observable (out of stock, closed): marked null whatever was sold. */
  unobserved?: Iterable<IsoDate>;
}

/** Builds a series with every day from `start` to `end`: no sales is 0, unobserved days null. */
export function buildDailySeries(input: DailySalesInput): DemandSeries {
  const first = dayNumber(input.start);
  const length = dayNumber(input.end) - first + 1;
  if (length < 1) throw new RangeError(`end ${input.end} is before start ${input.start}`);
  const units: Demand[] = new Array<Demand>(length).fill(0);
  for (const { date, units: qty } of input.sales) {
    if (!(Number.isFinite(qty) && qty >= 0))
      throw new RangeError(`units must be >= 0, got ${qty} on ${date}`);
    const i = dayNumber(date) - first;
    if (i >= 0 && i < length) units[i] = (units[i] ?? 0) + qty;
  }
  for (const date of input.unobserved ?? []) {
    const i = dayNumber(date) - first;
    if (i >= 0 && i < length) units[i] = null;
  }
  return { start: input.start, units };
}

/** The observed values, in order. */
export function observedValues(units: readonly Demand[]): number[] {
  const out: number[] = [];
  for (const v of units) if (v !== null) out.push(v);
  return out;
}

export function countObserved(units: readonly Demand[]): number {
  let n = 0;
  for (const v of units) if (v !== null) n++;
  return n;
}

/**
 * The mean of the observed values at each phase of a cycle `period` points long (phase t %
 * period); 0 for a phase never observed.
 */
export function phaseMeans(values: readonly Demand[], period: number): number[] {
  const sums = new Array<number>(period).fill(0);
  const counts = new Array<number>(period).fill(0);
  values.forEach((y, t) => {
    if (y === null) return;
    sums[t % period]! += y;
    counts[t % period]!++;
  });
  return sums.map((s, i) => (counts[i]! > 0 ? s / counts[i]! : 0));
}
