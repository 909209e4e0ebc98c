/**
 * What every list in the dashboard offers beyond its rows, without React: a CSV of the list
 * exactly as filtered (through the server's one CSV writer, with its formula-injection guard)
 * and saved views (named filter sets).
 *
 * Saved views are kept in this browser (localStorage), not on the server: a view is a person's
 * way of looking at a list, the dashboard signs in with API keys that are shared by role rather
 * than per person, so a server-side view would belong to a key and be seen by everyone holding
 * it; and a view is only the filter values the address bar or the form already carries.
 */
import { csvLine } from '../../../src/app/csv-write.ts';
import { formatUnits } from './format.ts';
import { WORDS, type WordsMessages } from './i18n-words.ts';

export type Cell = string | number | boolean | null | undefined;

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  return csvLine(header) + rows.map((r) => csvLine(r)).join('');
}

/** Every page of a cursor-paged list, for an export of the whole list as filtered. */
export async function allPages<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
  maxPages = 200,
  words: WordsMessages['listExport'] = WORDS.en.listExport,
): Promise<T[]> {
  const out: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < maxPages; i++) {
    const page = await fetchPage(cursor);
    out.push(...page.items);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
  throw new Error(words.tooMany(formatUnits(maxPages)));
}

/**
 * One request per selected row, one after the other (the API's guards decide each); the rows
 * that were refused are listed in the error, the others are done.
 */
export async function forEachSelected<T>(
  items: readonly T[],
  name: (item: T) => string,
  act: (item: T) => Promise<unknown>,
): Promise<{ done: number }> {
  const failed: string[] = [];
  for (const item of items) {
    try {
      await act(item);
    } catch (err) {
      failed.push(`${name(item)}: ${err instanceof Error ? err.message : String(err)}`);
    }
  }
  if (failed.length > 0)
    throw new Error(`${items.length - failed.length} of ${items.length} done; refused: ${failed.join('; ')}`);
  return { done: items.length };
}

export interface SavedView {
  name: string;
  filters: Record<string, string>;
}

const viewsKey = (list: string) => `stockroom.views.${list}`;

export function loadViews(list: string, storage: Pick<Storage, 'getItem'> = localStorage): SavedView[] {
  try {
    const raw = JSON.parse(storage.getItem(viewsKey(list)) ?? '[]') as unknown;
    return Array.isArray(raw)
      ? raw.filter(
          (v): v is SavedView =>
            typeof v === 'object' &&
            v !== null &&
            typeof v.name === 'string' &&
            typeof v.filters === 'object',
        )
      : [];
  } catch {
    return [];
  }
}

/** Saves (or replaces, by name) a view; answers the list of views after. */
export function saveView(
  list: string,
  view: SavedView,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): SavedView[] {
  const name = view.name.trim();
  if (!name) return loadViews(list, storage);
  const views = [...loadViews(list, storage).filter((v) => v.name !== name), { ...view, name }].sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  storage.setItem(viewsKey(list), JSON.stringify(views));
  return views;
}

export function deleteView(
  list: string,
  name: string,
  storage: Pick<Storage, 'getItem' | 'setItem'> = localStorage,
): SavedView[] {
  const views = loadViews(list, storage).filter((v) => v.name !== name);
  storage.setItem(viewsKey(list), JSON.stringify(views));
  return views;
}

/** A file name for an export: the list, its filters that are set, and today's date. */
export function exportName(list: string, filters: Record<string, string | undefined>, now: Date): string {
  const parts = Object.entries(filters)
    .filter(([, v]) => v)
    .map(([k, v]) => `${k}-${String(v).replace(/[^\w.-]+/g, '_')}`);
  return [list, ...parts, now.toISOString().slice(0, 10)].join('_') + '.csv';
}
