/**
 * A warehouse's explicit delivery days per region (PUT /v1/warehouses/{code}/regions) as a form:
 * one box per region, empty when the warehouse does not serve it. With no explicit region the
 * warehouse serves every region, by distance (docs/regions.md).
 */

import type { Ok } from './api.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

/** The form's words in the chosen language (English when none is given). */
type DeliveryWords = WordsMessages['deliveryDays'];

/** One region a warehouse serves, as GET and PUT /v1/warehouses/{code}/regions spell it. */
export type ServiceLine = Ok<'/v1/warehouses/{code}/regions', 'get'>['regions'][number];

export function serviceForm(regions: string[], current: ServiceLine[]): Record<string, string> {
  const days = new Map(current.map((l) => [l.region, l.deliveryDays]));
  return Object.fromEntries(regions.map((r) => [r, days.has(r) ? String(days.get(r)) : '']));
}

export function serviceLines(
  form: Record<string, string>,
  words: DeliveryWords = WORDS.en.deliveryDays,
): { lines: ServiceLine[]; errors: string[] } {
  const lines: ServiceLine[] = [];
  const errors: string[] = [];
  for (const [region, text] of Object.entries(form)) {
    const t = text.trim();
    if (t === '') continue;
    const n = Number(t);
    if (!/^\d+$/.test(t) || n > 365) errors.push(words.notDays(region));
    else lines.push({ region, deliveryDays: n });
  }
  return { lines, errors };
}

/** "uk in 1 day, eu in 2 days" */
export function describeService(
  lines: ServiceLine[],
  units: (n: number) => string = String,
  words: DeliveryWords = WORDS.en.deliveryDays,
): string {
  return words.list(lines.map((l) => words.inDays(l.region, l.deliveryDays, units(l.deliveryDays))));
}
