/**
 * Event days (Black Friday, a yearly sale, ...): demand on them is not the usual weekday's.
 *
 * An event lists all its dates, past and future. Past occurrences are held out of model
 * fitting (null), so one day at five times the usual does not drag the level or the weekday
 * index. The uplift is learned from the occurrences in the history: the units sold on them
 * divided by the units of a baseline, the mean of the same weekday in the four weeks before
 * (non-event, observed days). It multiplies the baseline forecast on future occurrences. An
 * event that never occurred in the history (or only on days with no baseline) gets no uplift
 * (factor 1): we do not guess.
 */
import { addDays, dayNumber, type Demand, type IsoDate } from './series.ts';

export interface EventDay {
  name: string;
  dates: readonly IsoDate[];
}

export interface EventUplift {
  name: string;
  /** Multiplicative factor on the baseline forecast; 1 when nothing was learned. */
  uplift: number;
  /** Past occurrences it was learned from. */
  occurrences: number;
}

const BASELINE_WEEKS = 4;

function eventPositions(start: IsoDate, length: number, events: readonly EventDay[]): Set<number> {
  const first = dayNumber(start);
  const positions = new Set<number>();
  for (const e of events) {
    for (const d of e.dates) {
      const i = dayNumber(d) - first;
      if (i >= 0 && i < length) positions.add(i);
    }
  }
  return positions;
}

/** The history with every event day set to null. */
export function holdOutEvents(
  start: IsoDate,
  history: readonly Demand[],
  events: readonly EventDay[],
): Demand[] {
  const held = eventPositions(start, history.length, events);
  return history.map((y, i) => (held.has(i) ? null : y));
}

export function learnEventUplifts(
  start: IsoDate,
  history: readonly Demand[],
  events: readonly EventDay[],
): EventUplift[] {
  const anyEvent = eventPositions(start, history.length, events);
  const first = dayNumber(start);
  return events.map((event) => {
    let sold = 0;
    let baseline = 0;
    let occurrences = 0;
    for (const date of event.dates) {
      const i = dayNumber(date) - first;
      const y = history[i];
      if (i < 0 || y === null || y === undefined) continue;
      const usual: number[] = [];
      for (let w = 1; w <= BASELINE_WEEKS; w++) {
        const v = history[i - 7 * w];
        if (v !== null && v !== undefined && !anyEvent.has(i - 7 * w)) usual.push(v);
      }
      const base = usual.length > 0 ? usual.reduce((a, b) => a + b, 0) / usual.length : 0;
      if (!(base > 0)) continue;
      sold += y;
      baseline += base;
      occurrences++;
    }
    return { name: event.name, uplift: occurrences > 0 ? sold / baseline : 1, occurrences };
  });
}

/** For each of the `horizonDays` days after the history, the product of its events' uplifts. */
export function upliftByDay(
  start: IsoDate,
  historyLength: number,
  horizonDays: number,
  events: readonly EventDay[],
  uplifts: readonly EventUplift[],
): { factor: number; events: string[] }[] {
  const firstForecast = addDays(start, historyLength);
  const origin = dayNumber(firstForecast);
  const out = Array.from({ length: horizonDays }, () => ({ factor: 1, events: [] as string[] }));
  events.forEach((event, k) => {
    for (const d of event.dates) {
      const i = dayNumber(d) - origin;
      if (i >= 0 && i < horizonDays && !out[i]!.events.includes(event.name)) {
        out[i]!.factor *= uplifts[k]!.uplift;
        out[i]!.events.push(event.name);
      }
    }
  });
  return out;
}
