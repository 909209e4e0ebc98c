/**
 * The demand history and forecast of one SKU (at a warehouse or everywhere) as chart rows, and
 * the forecast's model, demand class and backtest in words a purchaser reads.
 */
import type { Ok } from './api.ts';
import { formatDecimal, formatPercent, formatUnits } from './format.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

/** The forecast's words in the chosen language (English when none is given). */
type ForecastWords = WordsMessages['forecastWords'];
const EN = WORDS.en.forecastWords;

export type DemandHistory = Ok<'/v1/demand/{sku}', 'get'>;
export type DemandDay = DemandHistory['days'][number];
export type Forecast = Ok<'/v1/forecast/{sku}', 'get'>;
export type ForecastDay = Forecast['days'][number];

/** One day of the chart: what sold (history), what is expected (forecast) with its interval. */
export interface ChartRow {
  date: string;
  /** Units ordered that day; absent on future days. */
  units?: number;
  /** The same units again on a day the position was out of stock (drawn as a red mark). */
  stockout?: number;
  /** Today is still going: its units are so far. */
  partial?: boolean;
  forecast?: number;
  /** [lower, upper] of the prediction interval. */
  band?: [number, number];
}

/** The date `days` before `today` (YYYY-MM-DD, UTC), for `from=`. */
export function daysBefore(today: Date, days: number): string {
  const d = new Date(
    Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - days * 86_400_000,
  );
  return d.toISOString().slice(0, 10);
}

/**
 * History and forecast on one date axis, oldest first. The history runs to today and the
 * forecast starts today, so today has both: the units so far (marked partial) and the forecast.
 * Days with source `none` (neither imported nor in the ledger) have no units: a gap, not a zero.
 */
export function chartRows(history: DemandDay[], forecast: ForecastDay[], today?: string): ChartRow[] {
  const rows = new Map<string, ChartRow>();
  const row = (date: string) => {
    let r = rows.get(date);
    if (!r) rows.set(date, (r = { date }));
    return r;
  };
  for (const d of history) {
    const r = row(d.date);
    if (d.source === 'none') continue;
    r.units = d.units;
    if (d.outOfStock) r.stockout = d.units;
    if (today !== undefined && d.date === today) r.partial = true;
  }
  for (const d of forecast) {
    const r = row(d.date);
    r.forecast = round1(d.forecast);
    r.band = [round1(d.lower), round1(d.upper)];
  }
  return [...rows.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** A class the API names in words; anything else shows as is. */
export function describeClass(classification: string, words: ForecastWords = EN): string {
  // Typed by the API: a class it names without words in the catalogue fails to compile.
  const classes: Record<Forecast['classification'], string> = words.classes;
  return (classes as Record<string, string | undefined>)[classification] ?? classification;
}

/** "average of 3 models (a, b, c)", or the one model, or that there is none. */
export function describeModel(model: string, words: ForecastWords = EN, locale?: string): string {
  if (model === 'none') return words.noModel;
  const parts = model.split(' + ').map((p) => p.trim());
  return parts.length > 1 ? words.average(formatUnits(parts.length, locale), parts.join(', ')) : parts[0]!;
}

/**
 * The backtest's WAPE as a sentence: how far off the forecast was, as a share of the units
 * actually sold, when it was tried on the last weeks of the history.
 */
export function describeWape(
  wape: number | null,
  origins: number,
  locale?: string,
  words: ForecastWords = EN,
): string {
  if (wape === null) return words.notTested;
  const grade = wape <= 0.25 ? words.reliable : wape <= 0.5 ? words.fair : words.rough;
  return words.wape(origins, formatUnits(origins, locale), formatPercent(wape, locale), grade);
}

export interface ForecastSummary {
  /** Units expected over the whole horizon. */
  total: number;
  /** Mean per day. */
  perDay: number;
  days: number;
}

export function summarise(days: ForecastDay[]): ForecastSummary {
  const total = days.reduce((s, d) => s + d.forecast, 0);
  return { total, perDay: days.length ? total / days.length : 0, days: days.length };
}

export function describeSummary(
  s: ForecastSummary,
  level: number,
  locale?: string,
  words: ForecastWords = EN,
): string {
  return words.summary(
    s.total < 10 ? formatDecimal(s.total, locale) : formatUnits(s.total, locale),
    formatUnits(s.days, locale),
    formatDecimal(s.perDay, locale),
    formatPercent(level, locale),
  );
}

/**
 * The days' medians (half the days like each sell at most that): how many are 0, the days on
 * which selling nothing is likelier than selling anything, and the median of the others. The
 * forecast is a mean, which stock needs; on a SKU that sells now and then it is a fraction no
 * single day sells, and the median says what a day usually looks like.
 */
export interface TypicalDay {
  days: number;
  quiet: number;
  /** The median of the non-quiet days' medians; 0 when every day is quiet. */
  median: number;
}

export function typicalDay(days: ForecastDay[]): TypicalDay {
  const busy = days
    .map((d) => round1(d.median))
    .filter((m) => m > 0)
    .sort((a, b) => a - b);
  const mid = busy.length >> 1;
  const median = busy.length === 0 ? 0 : busy.length % 2 ? busy[mid]! : (busy[mid - 1]! + busy[mid]!) / 2;
  return { days: days.length, quiet: days.length - busy.length, median };
}

export function describeTypicalDay(t: TypicalDay, locale?: string, words: ForecastWords = EN): string {
  return words.typical(
    t.quiet,
    t.days > 0 && t.quiet === t.days,
    formatUnits(t.quiet, locale),
    formatUnits(t.days, locale),
    formatDecimal(t.median, locale),
  );
}
