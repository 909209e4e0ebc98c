/**
 * Event days for forecasting, as typed in Settings: dates `YYYY-MM-DD` separated by spaces,
 * commas or new lines. Checked as the API checks them (real calendar dates, at least one, at
 * most MAX_EVENT_DATES), so the form says what is wrong before anything is sent.
 */
import { formatUnits } from './format.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

export const MAX_EVENT_DATES = 400;

/** The form's words in the chosen language (English when none is given). */
type EventWords = WordsMessages['eventDates'];

export function parseEventDates(
  text: string,
  words: EventWords = WORDS.en.eventDates,
): { dates: string[]; errors: string[] } {
  const typed = text.split(/[\s,;]+/).filter(Boolean);
  const errors: string[] = [];
  const dates = new Set<string>();
  for (const w of typed) {
    // A real calendar day: 2026-13-01 does not parse, and 2026-02-30 would roll over to March.
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(w) ? Date.parse(`${w}T00:00:00Z`) : NaN;
    const ok = Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === w;
    if (ok) dates.add(w);
    else errors.push(words.notADate(w));
  }
  if (typed.length === 0) errors.push(words.none);
  if (dates.size > MAX_EVENT_DATES) errors.push(words.tooMany(formatUnits(MAX_EVENT_DATES)));
  return { dates: [...dates].sort(), errors };
}

/** "3 dates, 2 past and 1 to come": what the forecast learns from and applies to. */
export function describeEventDates(
  dates: readonly string[],
  today: string,
  words: EventWords = WORDS.en.eventDates,
): string {
  const past = dates.filter((d) => d < today).length;
  const future = dates.length - past;
  return words.describe(dates.length, formatUnits(dates.length), formatUnits(past), formatUnits(future));
}
