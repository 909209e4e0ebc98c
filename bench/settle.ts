/**
 * Waits, after a benchmark's setup, until the server has caught up with it: every event
 * sequenced into the log (`stockroom_outbox_lag_seconds` 0) and every follower of the log (the
 * alert evaluator, the back-in-stock notifier) has acted on all of it
 * (`stockroom_event_follower_lag_events` 0). Importing a catalogue leaves the server that work
 * to do; a scenario started before it is done measures the catch-up along with its own orders
 * (on PGlite, where the background loops share the one connection, the first orders waited
 * seconds). Read from GET /metrics with the benchmark's admin key.
 */
import type { HttpClient } from './http-client.ts';

/** The values of every series of a metric in a Prometheus text page. */
function samples(page: string, metric: string): number[] {
  return page
    .split('\n')
    .filter((line) => line.startsWith(`${metric} `) || line.startsWith(`${metric}{`))
    .map((line) => Number(line.slice(line.lastIndexOf(' ') + 1)));
}

/** Resolves with the milliseconds it took; rejects when the server has not settled by `timeoutMs`. */
export async function waitUntilSettled(http: HttpClient, timeoutMs = 120_000): Promise<number> {
  const started = Date.now();
  let settledReads = 0;
  for (;;) {
    const res = await http.request('GET', '/metrics');
    if (res.status !== 200) throw new Error(`GET /metrics answered ${res.status}: ${res.text.slice(0, 200)}`);
    const outbox = samples(res.text, 'stockroom_outbox_lag_seconds');
    const followers = samples(res.text, 'stockroom_event_follower_lag_events');
    const caughtUp = outbox.length === 1 && outbox[0] === 0 && followers.every((behind) => behind === 0);
    // Twice in a row: a follower's pass may announce events of its own (alerts) that the
    // sequencer then numbers, which the first reading cannot see yet.
    settledReads = caughtUp ? settledReads + 1 : 0;
    if (settledReads === 2) return Date.now() - started;
    if (Date.now() - started > timeoutMs) {
      throw new Error(
        `the server had not caught up after ${timeoutMs} ms (outbox ${outbox}, followers ${followers})`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
