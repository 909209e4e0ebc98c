/**
 * What the benchmark database's backends are doing, sampled from pg_stat_activity during a
 * measurement window: the share of samples in each wait event ("Lock:transactionid",
 * "IO:WALSync", ...), or in each state when not waiting ("active" on CPU). A backend between
 * statements counts as "idle" (a pooled connection with no work: most of a pool, most of the
 * time) or "idle in transaction" (mid-transaction, waiting for the client to send the next
 * statement), not under the "Client:ClientRead" wait event both report, so that a connection
 * holding a transaction open while the application works is told apart from a spare one.
 */
import type pg from 'pg';

export type WaitShares = Record<string, number>;

export function waitSampler(client: pg.Client, intervalMs = 100) {
  const counts = new Map<string, number>();
  let running = false;
  let loop: Promise<void> = Promise.resolve();
  const sample = async () => {
    const { rows } = await client.query<{ what: string; n: number }>(
      `select case when state = 'idle' then 'idle'
                  when state like 'idle in transaction%' then 'idle in transaction'
                  else coalesce(wait_event_type || ':' || wait_event, state, 'unknown') end as what,
              count(*)::int as n
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

/**
 * The same shares without the spare connections ("idle"): what the backends that had work were
 * doing, in percent of those samples, largest first.
 */
export function busyWaits(shares: WaitShares | undefined): WaitShares | undefined {
  if (!shares) return undefined;
  const busy = Object.entries(shares).filter(([k]) => k !== 'idle');
  const total = busy.reduce((a, [, v]) => a + v, 0);
  if (total === 0) return {};
  return Object.fromEntries(busy.map(([k, v]) => [k, Math.round((1000 * v) / total) / 10]));
}
