/**
 * A lock's release schedule as a person types it: one wave a line, "2030-01-01 10:00 = 20" (the
 * browser's local time), checked against the rules of POST /v1/locks before it is sent: times in
 * the future, strictly increasing, each before `until`, quantities summing to at most the lock.
 *
 * The messages come from the catalogue (lib/i18n-desk.ts) in the chosen language; English when
 * none is given.
 */
import { DESK, type DeskMessages } from './i18n-desk.ts';

type WaveWords = DeskMessages['waves'];

export interface Wave {
  /** ISO 8601, UTC. */
  at: string;
  qty: number;
}

/** "YYYY-MM-DD HH:MM" or "YYYY-MM-DDTHH:MM" (what a datetime-local input gives) in local time, or null. */
export function parseLocalDateTime(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(text.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as number[];
  const date = new Date(y!, mo! - 1, d!, h!, mi!, s!);
  // new Date rolls 2030-02-31 over to March: such a date is not what was typed.
  if (
    date.getFullYear() !== y ||
    date.getMonth() !== mo! - 1 ||
    date.getDate() !== d ||
    date.getHours() !== h
  ) {
    return null;
  }
  return date;
}

export function parseWaves(
  text: string,
  opts: { qty: number | null; until: Date | null; now?: Date },
  words: WaveWords = DESK.en.waves,
): { waves: Wave[]; errors: string[] } {
  const now = opts.now ?? new Date();
  const waves: Wave[] = [];
  const errors: string[] = [];
  const times: number[] = [];
  for (const raw of text.split('\n')) {
    const part = raw.trim();
    if (!part) continue;
    const m = /^(.+?)\s*(?:=|×)\s*(\d+)$/.exec(part);
    const at = m ? parseLocalDateTime(m[1]!) : null;
    const qty = m ? Number(m[2]) : 0;
    if (!m || !at || qty <= 0) {
      errors.push(words.notAWave(part));
      continue;
    }
    const n = waves.length + 1;
    if (at.getTime() <= now.getTime()) errors.push(words.notFuture(n));
    if (times.length > 0 && at.getTime() <= times[times.length - 1]!) {
      errors.push(words.notAfter(n));
    }
    if (opts.until && at.getTime() >= opts.until.getTime()) errors.push(words.notBeforeUntil(n));
    times.push(at.getTime());
    waves.push({ at: at.toISOString(), qty });
  }
  const total = waves.reduce((s, w) => s + w.qty, 0);
  if (opts.qty !== null && total > opts.qty) {
    errors.push(words.tooMany(total, opts.qty));
  }
  return { waves, errors };
}

/**
 * How the lock's units come back, in words: "20 at 1 Jan 2030, 10:00, then the remaining 40 at
 * 1 Jan 2030, 14:00". `time` and `units` format for the browser's locale.
 */
export function describeRelease(
  qty: number,
  waves: Wave[],
  until: Date | null,
  time: (iso: string) => string,
  units: (n: number) => string,
  words: WaveWords = DESK.en.waves,
): string {
  const parts = waves.map((w) => words.at(units(w.qty), time(w.at)));
  const rest = qty - waves.reduce((s, w) => s + w.qty, 0);
  if (rest > 0) {
    const what = waves.length ? words.remaining(units(rest)) : words.all(units(rest));
    parts.push(until ? words.atUntil(what, time(until.toISOString())) : words.byHand(what));
  }
  return parts.join(words.then);
}
