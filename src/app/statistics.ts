/**
 * Planner statistics kept current by the service itself. PostgreSQL plans from row estimates
 * that ANALYZE takes; autovacuum refreshes them, but it may be off (as on the benchmark
 * machines), or a minute behind a bulk import: then 10,000 SKUs created a moment ago are planned
 * as an empty table, the cached plans of every pooled connection keep that shape, and orders on
 * those SKUs ran at a fifth of their steady rate (issue 15).
 *
 * Every `intervalMs` each process looks in `pg_stat_user_tables` for tables changed since their
 * last ANALYZE by more than autovacuum's own default threshold (50 rows plus 10% of the table)
 * and analyzes them, one at a time under an advisory lock, so that processes do not analyze
 * the same table twice. ANALYZE invalidates the cached plans that depend on a
 * table, so every connection re-plans with the new figures on its next use. With autovacuum on
 * this mostly finds nothing to do; each run reads one catalogue view, and again for each table
 * before analyzing it.
 *
 * PostgreSQL only: embedded PGlite keeps no table statistics counters to go by.
 */
import type { Transaction } from '../db/database.ts';
import { startDrainLoop } from './background.ts';
import type { AppContext } from './context.ts';

/** Serialises the keeper across processes; the value is arbitrary but fixed. */
const STATISTICS_LOCK = 7_302_415;

/** autovacuum_analyze_threshold and autovacuum_analyze_scale_factor's defaults. */
export const ANALYZE_THRESHOLD_ROWS = 50;
export const ANALYZE_SCALE_FACTOR = 0.1;

/** Tables analyzed per run at most (the most changed first); the rest wait for the next run. */
const MAX_TABLES_PER_RUN = 20;

/**
 * Tables of this database changed enough since their last ANALYZE (by anyone) to deserve one;
 * with `only`, whether that one table (a name from this list) still does.
 */
export async function staleTables(tx: Transaction, only?: string): Promise<string[]> {
  const { rows } = await tx.query<{ name: string }>(
    `select format('%I.%I', t.schemaname, t.relname) as name
     from pg_stat_user_tables t join pg_class c on c.oid = t.relid
     where t.n_mod_since_analyze > $1 + $2 * greatest(c.reltuples, 0)
       and ($4::text is null or t.relid = to_regclass($4::text))
     order by t.n_mod_since_analyze desc
     limit $3`,
    [ANALYZE_THRESHOLD_ROWS, ANALYZE_SCALE_FACTOR, MAX_TABLES_PER_RUN, only ?? null],
  );
  return rows.map((r) => r.name);
}

/**
 * Analyzes the tables much changed since their last ANALYZE; returns their names (none when
 * another process holds the keeper's lock, or on PGlite).
 *
 * Each table is analyzed in a transaction of its own. ANALYZE writes its figures to the
 * catalogue, so its transaction takes an ID, and while that transaction is open no backend may
 * prune the row versions that updates leave behind, the hot SKU's position among them. One
 * transaction around a run held that back for the whole run (nine tables, about a second under
 * load); one per table holds it for the largest table's ANALYZE (0.4 s for `events`). How much
 * a longer hold costs: the same one-transaction run slowed down as autovacuum slows its own
 * (several seconds) doubled the p50 and p99 of 600 hot orders/s in an open loop
 * (docs/performance.md, "What the open-loop tail is made of").
 */
export async function analyzeStaleTables(ctx: Pick<AppContext, 'db'>): Promise<string[]> {
  if (ctx.db.kind !== 'postgres') return [];
  const candidates = await ctx.db.transaction((tx) => staleTables(tx));
  const analyzed: string[] = [];
  for (const table of candidates) {
    const outcome = await ctx.db.transaction(async (tx) => {
      const { rows } = await tx.query<{ locked: boolean }>('select pg_try_advisory_xact_lock($1) as locked', [
        STATISTICS_LOCK,
      ]);
      if (!rows[0]!.locked) return 'busy' as const;
      // Another process may have analyzed it since the list was read: its counter says so.
      if ((await staleTables(tx, table)).length === 0) return 'fresh' as const;
      // The names come from the catalogue, quoted by format('%I'); ANALYZE takes no parameters.
      await tx.query(`analyze ${table}`);
      return 'analyzed' as const;
    });
    if (outcome === 'busy') break;
    if (outcome === 'analyzed') analyzed.push(table);
  }
  return analyzed;
}

export function startStatisticsKeeper(
  ctx: Pick<AppContext, 'db'>,
  options: { intervalMs: number; onError: (err: unknown) => void; onAnalyzed?: (tables: string[]) => void },
): { stop: () => Promise<void> } {
  if (options.intervalMs <= 0 || ctx.db.kind !== 'postgres') return { stop: async () => {} };
  return startDrainLoop({
    intervalMs: options.intervalMs,
    drainBatch: async () => {
      const tables = await analyzeStaleTables(ctx);
      if (tables.length > 0) options.onAnalyzed?.(tables);
      return false;
    },
    onError: options.onError,
  });
}
