/**
 * Standing orders: a customer's repeat purchase, SKU lines delivered on a schedule. The
 * schedule is a first delivery day and an interval in days, until an optional last day; each
 * delivery is reserved as an ordinary order `reserveDaysAhead` days before its day. Pure date
 * arithmetic on UTC calendar days (`YYYY-MM-DD`), no I/O.
 */
import { addDays, dayNumber, type IsoDate } from './forecast/series.ts';

export const STANDING_ORDER_STATUSES = ['active', 'paused', 'cancelled'] as const;
export type StandingOrderStatus = (typeof STANDING_ORDER_STATUSES)[number];

export const DEFAULT_RESERVE_DAYS_AHEAD = 3;
export const MAX_RESERVE_DAYS_AHEAD = 60;
export const MAX_EVERY_DAYS = 366;
/** The id is part of its deliveries' order ids (`so:<id>:<day>`), which are at most 64 characters. */
export const MAX_STANDING_ORDER_ID = 40;

export interface Schedule {
  /** The first delivery day. */
  startsOn: IsoDate;
  /** Days between deliveries: 7 for weekly. */
  everyDays: number;
  /** The last day a delivery may fall on; null: open-ended. */
  endsOn: IsoDate | null;
}

/** Schedules live between these days (so that date arithmetic stays within four-digit years). */
export const EARLIEST_DAY = '2000-01-01';
export const LATEST_DAY = '2999-12-31';

/** What is wrong with a schedule, or null. */
export function scheduleProblem(s: Schedule): string | null {
  if (!Number.isInteger(s.everyDays) || s.everyDays < 1 || s.everyDays > MAX_EVERY_DAYS) {
    return `everyDays must be a whole number from 1 to ${MAX_EVERY_DAYS}`;
  }
  for (const day of [s.startsOn, s.endsOn]) {
    if (day !== null && (day < EARLIEST_DAY || day > LATEST_DAY)) {
      return `schedule days fall between ${EARLIEST_DAY} and ${LATEST_DAY}`;
    }
  }
  if (s.endsOn !== null && dayNumber(s.endsOn) < dayNumber(s.startsOn)) {
    return 'endsOn is before startsOn';
  }
  return null;
}

/** The first delivery day on or after `day`, or null when the schedule has ended by then. */
export function deliveryOnOrAfter(s: Schedule, day: IsoDate): IsoDate | null {
  const start = dayNumber(s.startsOn);
  const from = dayNumber(day);
  const steps = from <= start ? 0 : Math.ceil((from - start) / s.everyDays);
  const next = addDays(s.startsOn, steps * s.everyDays);
  return s.endsOn !== null && dayNumber(next) > dayNumber(s.endsOn) ? null : next;
}

/** The delivery days from `from` to `to`, both included. */
export function deliveriesBetween(s: Schedule, from: IsoDate, to: IsoDate): IsoDate[] {
  const out: IsoDate[] = [];
  for (let d = deliveryOnOrAfter(s, from); d !== null && dayNumber(d) <= dayNumber(to);) {
    out.push(d);
    d = deliveryOnOrAfter(s, addDays(d, 1));
  }
  return out;
}

/**
 * How far ahead a storefront's availability counts committed deliveries by default: a week,
 * which holds the next delivery of a weekly standing order most days. A shop that restocks
 * more slowly asks for more (`committedDays`).
 */
export const DEFAULT_COMMITTED_DAYS = 7;
/** How far ahead the committed-demand list looks unless asked for more or less: four weeks. */
export const COMMITTED_DEMAND_LIST_DAYS = 28;
/** The longest look ahead for committed demand, in days. */
export const MAX_COMMITTED_DAYS = 366;

/**
 * What a warehouse may still promise to new orders: its sellable units less the standing
 * orders' deliveries from it that are not reserved yet. Never negative: a warehouse that cannot
 * cover its commitments promises nothing and takes nothing from other warehouses.
 */
export const promisable = (sellable: number, committed: number): number => Math.max(0, sellable - committed);

/** The day a delivery's stock is reserved: `reserveDaysAhead` days before it. */
export const reserveOn = (delivery: IsoDate, reserveDaysAhead: number): IsoDate =>
  addDays(delivery, -reserveDaysAhead);

/** The order that reserves one delivery: one id per delivery, so placing it twice is a replay. */
export const deliveryOrderId = (standingOrder: string, delivery: IsoDate): string =>
  `so:${standingOrder}:${delivery}`;

/**
 * What to do with the next delivery today: reserve it (its reservation day has come), record it
 * as missed (its day passed without a reservation, e.g. the stock was short until then), or
 * wait.
 */
export function nextStep(
  delivery: IsoDate,
  reserveDaysAhead: number,
  today: IsoDate,
): 'reserve' | 'missed' | 'wait' {
  const t = dayNumber(today);
  if (dayNumber(delivery) < t) return 'missed';
  return dayNumber(reserveOn(delivery, reserveDaysAhead)) <= t ? 'reserve' : 'wait';
}

/**
 * A daily demand outlook (from today on; past its end its last day repeats) with known demand
 * added: `known` holds [days from today, units]. The result covers at least `days` days and
 * every known day, and ends on a day of the forecast alone, so that repeating its last day
 * never repeats a delivery.
 */
export function withKnownDemand(
  daily: readonly number[],
  known: readonly (readonly [number, number])[],
  days: number,
): number[] {
  const base = daily.length > 0 ? daily : [0];
  const last = known.reduce((m, [d]) => Math.max(m, d), -1);
  const n = Math.max(days, base.length, last + 2);
  const out = Array.from({ length: n }, (_, i) => base[Math.min(i, base.length - 1)]!);
  for (const [d, units] of known) if (d >= 0 && d < n) out[d] = out[d]! + Number(units);
  return out;
}
