/** SQL for the settings table: one JSON document per key (routing policy, replenishment defaults, ...). */
import type { Queryable } from './database.ts';

export async function readSetting<T>(q: Queryable, key: string): Promise<T | undefined> {
  const { rows } = await q.query<{ value: T }>('select value from settings where key = $1', [key]);
  return rows[0]?.value;
}

/** Replaces the whole document of `key`. */
export async function writeSetting(q: Queryable, key: string, value: unknown, at: Date): Promise<void> {
  await q.query(
    `insert into settings (key, value, updated_at) values ($1, $2, $3)
     on conflict (key) do update set value = excluded.value, updated_at = excluded.updated_at`,
    [key, JSON.stringify(value), at],
  );
}
