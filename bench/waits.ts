/**
 * What the benchmark database's backends are doing, sampled from pg_stat_activity during a
 * measurement window: the share of samples in each wait event ("Lock:transactionid",
 * "IO:WALSync", ...), or in each state when not waiting ("active" on CPU, "idle" waiting for
 * the client, "idle in transaction" waiting for the client mid-transaction).
 */
import type pg from 'pg';

export type WaitShares = Record<string, number>;

export function waitSampler(client: pg.Client, intervalMs = 100) {
  const counts = new Map<string, number>();
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  const sample = async () => {
    const { rows } = await client.query<{ what: string; n: number }>(
      `select coalesce(wait_event_type || ':' || wait_event, state, 'unknown') as what, count(*)::int as n
       from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
       group by 1`,
    );
    for (const r of rows) counts.set(r.what, (counts.get(r.what) ?? 0) + r.n);
  };
  return {
    start() {
      running = true;
      loop = (async () => {
        while (running) {
          await sample().catch(() => {});
          await new Promise((resolve) => setTimeout(resolve, intervalMs));
        }
      })();
    },
    stop() {
      running = false;
    },
    /** Shares in percent, largest first. */
    async shares(): Promise<WaitShares> {
      running = false;
      await loop;
      const total = [...counts.values()].reduce((a, b) => a + b, 0);
      const sorted = [...counts].sort((a, b) => b[1] - a[1]);
      return Object.fromEntries(
        sorted.map(([k, v]) => [k, Math.round((1000 * v) / Math.max(1, total)) / 10]),
      );
    },
  };
}

export function topWaits(shares: WaitShares | undefined, n = 4): string {
  if (!shares) return '-';
  return Object.entries(shares)
    .slice(0, n)
    .map(([k, v]) => `${k} ${v.toFixed(0)}%`)
    .join(', ');
}
