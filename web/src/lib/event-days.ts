/**
 * Event days for forecasting, as typed in Settings: dates `YYYY-MM-DD` separated by spaces,
 * commas or new lines. Checked as the API checks them (real calendar dates, at least one, at
 * most MAX_EVENT_DATES), so the form says what is wrong before anything is sent.
 */
export const MAX_EVENT_DATES = 400;

export function parseEventDates(text: string): { dates: string[]; errors: string[] } {
  const words = text.split(/[\s,;]+/).filter(Boolean);
  const errors: string[] = [];
  const dates = new Set<string>();
  for (const w of words) {
    // A real calendar day: 2026-13-01 does not parse, and 2026-02-30 would roll over to March.
    const ms = /^\d{4}-\d{2}-\d{2}$/.test(w) ? Date.parse(`${w}T00:00:00Z`) : NaN;
    const ok = Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === w;
    if (ok) dates.add(w);
    else errors.push(`${w} is not a date (YYYY-MM-DD)`);
  }
  if (words.length === 0) errors.push('give at least one date');
  if (dates.size > MAX_EVENT_DATES) errors.push(`at most ${MAX_EVENT_DATES} dates`);
  return { dates: [...dates].sort(), errors };
}

/** "3 dates, 2 past and 1 to come": what the forecast learns from and applies to. */
export function describeEventDates(dates: readonly string[], today: string): string {
  const past = dates.filter((d) => d < today).length;
  const future = dates.length - past;
  const n = (k: number, one: string) => `${k} ${one}${k === 1 ? '' : 's'}`;
  return `${n(dates.length, 'date')}: ${past} past (the uplift is learned from them), ${future} to come`;
}
