/**
 * Event days for forecasting (Black Friday, a yearly sale, ...): each names all its dates, past
 * and future. Past occurrences are held out of model fitting and teach the event's uplift;
 * future ones get it (src/domain/forecast/events.ts). Kept in settings as one JSON object,
 * changed by single SQL statements so concurrent edits of different events never lose one.
 */
import type { Queryable } from '../db/database.ts';
import { fail } from '../domain/errors.ts';
import type { AppContext, Outcome } from './context.ts';

const KEY = 'forecast_events';
export const MAX_EVENT_DATES = 400;

export async function listEventDays(q: Queryable): Promise<{ name: string; dates: string[] }[]> {
  const { rows } = await q.query<{ value: Record<string, string[]> }>(
    'select value from settings where key = $1',
    [KEY],
  );
  return Object.entries(rows[0]?.value ?? {})
    .map(([name, dates]) => ({ name, dates: [...dates].sort() }))
    .sort((a, b) => (a.name < b.name ? -1 : 1));
}

export async function putEventDay(
  ctx: AppContext,
  name: string,
  dates: readonly string[],
): Promise<Outcome<{ name: string; dates: string[] }>> {
  const sorted = [...new Set(dates)].sort();
  const { rows } = await ctx.db.query<{ existed: boolean }>(
    `with before as (select value ? $2 as existed from settings where key = $1)
     insert into settings (key, value, updated_at) values ($1, jsonb_build_object($2::text, $3::jsonb), $4)
     on conflict (key) do update
       set value = settings.value || jsonb_build_object($2::text, $3::jsonb), updated_at = excluded.updated_at
     returning coalesce((select existed from before), false) as existed`,
    [KEY, name, JSON.stringify(sorted), ctx.clock()],
  );
  return { created: !rows[0]!.existed, body: { name, dates: sorted } };
}

export async function deleteEventDay(ctx: AppContext, name: string): Promise<void> {
  const { rows } = await ctx.db.query(
    `update settings set value = value - $2::text, updated_at = $3 where key = $1 and value ? $2 returning key`,
    [KEY, name, ctx.clock()],
  );
  if (rows.length === 0) fail('not_found', `no event day named ${name}`, { name });
}
