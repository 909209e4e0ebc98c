/**
 * The arithmetic of the insights reports (docs/insights.md): periods cut into buckets, the
 * inventory ratios, ABC and XYZ classes. Pure: the SQL in src/app/insights computes the sums,
 * this module says what the sums mean.
 */
import { fail } from './errors.ts';
import { DAY_MS } from './time.ts';

export const BUCKETS = ['day', 'week', 'month'] as const;
export type Bucket = (typeof BUCKETS)[number];

/** A report period: whole UTC days, `from` and `to` both included. */
export interface Period {
  from: string;
  to: string;
  bucket: Bucket;
}

export interface BucketSpan {
  /** The first day of the bucket (clipped to the period), YYYY-MM-DD. */
  start: string;
  /** The instant the bucket ends (exclusive): midnight UTC after its last day. */
  end: Date;
}

/** A report's period when no `from` is given: the 30 days up to and including `to`. */
export const DEFAULT_PERIOD_DAYS = 30;
/** Three years of days: long enough for year-on-year, short enough that no period is a DoS. */
export const MAX_PERIOD_DAYS = 3 * 366;

const ymd = (d: Date) => d.toISOString().slice(0, 10);

function parseDay(text: string, field: string): Date {
  const d = new Date(`${text}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || Number.isNaN(d.getTime()) || ymd(d) !== text) {
    fail('invalid_period', `${field} must be a calendar day YYYY-MM-DD`, { [field]: text });
  }
  return d;
}

/** The number of days in the period (both ends included). */
export function periodDays(p: Period): number {
  return Math.round((parseDay(p.to, 'to').getTime() - parseDay(p.from, 'from').getTime()) / DAY_MS) + 1;
}

/** Checks the period and cuts it into buckets: ISO weeks start on Monday, months on the 1st. */
export function bucketsOf(p: Period): BucketSpan[] {
  const from = parseDay(p.from, 'from');
  const to = parseDay(p.to, 'to');
  if (to < from) fail('invalid_period', 'to is before from', { from: p.from, to: p.to });
  // The period ends at midnight after `to`: that instant must still be a four-digit year.
  if (to.getUTCFullYear() > 9998 && to.getUTCMonth() === 11 && to.getUTCDate() === 31) {
    fail('invalid_period', 'to must be before 9999-12-31', { to: p.to });
  }
  const days = periodDays(p);
  if (days > MAX_PERIOD_DAYS) {
    fail('invalid_period', `a period spans at most ${MAX_PERIOD_DAYS} days`, { days });
  }
  const endOfPeriod = new Date(to.getTime() + DAY_MS);
  const spans: BucketSpan[] = [];
  for (let start = from; start < endOfPeriod;) {
    const next = nextBucketStart(start, p.bucket);
    const end = next < endOfPeriod ? next : endOfPeriod;
    spans.push({ start: ymd(start), end });
    start = end;
  }
  return spans;
}

function nextBucketStart(d: Date, bucket: Bucket): Date {
  if (bucket === 'day') return new Date(d.getTime() + DAY_MS);
  if (bucket === 'week') {
    const sinceMonday = (d.getUTCDay() + 6) % 7;
    return new Date(d.getTime() + (7 - sinceMonday) * DAY_MS);
  }
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
}

/** The decimals of a currency's minor unit (2 for EUR, 0 for JPY): money is rounded to them. */
export function minorDigits(currency: string): number {
  return (
    new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2
  );
}

export interface RatioInputs {
  days: number;
  cogs: number;
  grossMargin: number;
  unitsSold: number;
  /** The mean of the day-end stock values over the period, at cost. */
  averageInventoryValue: number;
  /** On hand at the end of the period. */
  closingUnits: number;
}

export interface Ratios {
  /** COGS / average inventory value: how many times the stock was sold through. */
  turnover: number | null;
  /** Days the average inventory lasts at the period's rate of COGS. */
  daysOfInventory: number | null;
  /** Units sold / (units sold + units still on hand at the end). */
  sellThrough: number | null;
  /** Gross margin / average inventory value at cost. */
  gmroi: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function inventoryRatios(x: RatioInputs): Ratios {
  return {
    turnover: ratio(x.cogs, x.averageInventoryValue),
    daysOfInventory: x.cogs > 0 ? (x.days * x.averageInventoryValue) / x.cogs : null,
    sellThrough: ratio(x.unitsSold, x.unitsSold + x.closingUnits),
    gmroi: ratio(x.grossMargin, x.averageInventoryValue),
  };
}

export const ABC_CLASSES = ['A', 'B', 'C'] as const;
export type AbcClass = (typeof ABC_CLASSES)[number];
export const XYZ_CLASSES = ['X', 'Y', 'Z'] as const;
export type XyzClass = (typeof XYZ_CLASSES)[number];

/** The usual Pareto cut: A is the first 80% of the total, B the next 15%, C the rest. */
export const ABC_SHARES = { A: 0.8, B: 0.95 } as const;
/** Coefficient of variation of demand per bucket: X steady, Y variable, Z erratic. */
export const XYZ_CV = { X: 0.5, Y: 1 } as const;

/**
 * ABC by a contribution (revenue or margin): sorted largest first, a SKU is A while the total
 * before it is under 80% of the whole, B under 95%, else C. A SKU with nothing is C.
 */
export function abcClasses(values: readonly { key: string; value: number }[]): Map<string, AbcClass> {
  const sorted = [...values].sort((a, b) => b.value - a.value || (a.key < b.key ? -1 : 1));
  const total = sorted.reduce((sum, v) => sum + Math.max(v.value, 0), 0);
  const classes = new Map<string, AbcClass>();
  let before = 0;
  for (const v of sorted) {
    const share = total > 0 ? before / total : 1;
    classes.set(v.key, v.value <= 0 ? 'C' : share < ABC_SHARES.A ? 'A' : share < ABC_SHARES.B ? 'B' : 'C');
    before += Math.max(v.value, 0);
  }
  return classes;
}

/** Population coefficient of variation of the units per bucket; null when nothing sold. */
export function coefficientOfVariation(units: readonly number[]): number | null {
  if (units.length === 0) return null;
  const mean = units.reduce((a, b) => a + b, 0) / units.length;
  if (mean <= 0) return null;
  const variance = units.reduce((a, u) => a + (u - mean) ** 2, 0) / units.length;
  return Math.sqrt(variance) / mean;
}

export function xyzClass(cv: number | null): XyzClass {
  if (cv === null) return 'Z';
  return cv <= XYZ_CV.X ? 'X' : cv <= XYZ_CV.Y ? 'Y' : 'Z';
}

/** Days since receipt at which stock enters each age band (the last band is open-ended). */
export const AGE_BANDS = [0, 31, 61, 91, 181] as const;
export const ageBandLabel = (i: number) =>
  i === AGE_BANDS.length - 1 ? `${AGE_BANDS[i]}+` : `${AGE_BANDS[i]}-${AGE_BANDS[i + 1]! - 1}`;
