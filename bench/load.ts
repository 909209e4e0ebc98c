/**
 * Closed-loop load: N workers, each issuing one operation at a time for warmup + measure.
 * Only operations that complete inside the measurement window are counted, so the rate is
 * completions per second of that window and the latencies are those of the same operations.
 */
import { performance } from 'node:perf_hooks';

/** Resolves to null on success, or to a short label of what went wrong. */
export type Operation = (worker: number, seq: number) => Promise<string | null>;

export interface LoadResult {
  workers: number;
  seconds: number;
  /** Successful operations completed inside the measurement window. */
  ok: number;
  /** Successful operations over the whole run, warmup and tail included. */
  okTotal: number;
  /** Failed operations inside the measurement window, by label. */
  errors: Record<string, number>;
  perSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  /** Successful completions in each whole second of the window, to show steadiness. */
  timeline: number[];
}

export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export async function closedLoop(options: {
  workers: number;
  warmupMs: number;
  measureMs: number;
  op: Operation;
  /** Called when the measurement window opens and closes (for CPU accounting). */
  onWindowStart?: () => void;
  onWindowEnd?: () => void;
}): Promise<LoadResult> {
  const { workers, warmupMs, measureMs, op } = options;
  const t0 = performance.now();
  const windowStart = t0 + warmupMs;
  const windowEnd = windowStart + measureMs;
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const timeline = new Array<number>(Math.ceil(measureMs / 1000)).fill(0);
  let okTotal = 0;

  const worker = async (w: number) => {
    for (let seq = 0; ; seq++) {
      const start = performance.now();
      if (start >= windowEnd) return;
      let outcome: string | null;
      try {
        outcome = await op(w, seq);
      } catch (err) {
        outcome = errorLabel(err);
      }
      const done = performance.now();
      if (outcome === null) okTotal++;
      if (done < windowStart || done > windowEnd) continue;
      if (outcome === null) {
        latencies.push(done - start);
        const slot = Math.min(timeline.length - 1, Math.floor((done - windowStart) / 1000));
        timeline[slot] = (timeline[slot] ?? 0) + 1;
      } else {
        errors[outcome] = (errors[outcome] ?? 0) + 1;
      }
    }
  };
  const timers = [
    setTimeout(() => options.onWindowStart?.(), warmupMs),
    setTimeout(() => options.onWindowEnd?.(), warmupMs + measureMs),
  ];
  await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
  // Workers stop issuing at the window's end, so the end timer has normally fired by now.
  await new Promise((resolve) => setTimeout(resolve, Math.max(0, windowEnd - performance.now()) + 1));
  for (const t of timers) clearTimeout(t);

  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    workers,
    seconds: measureMs / 1000,
    ok: latencies.length,
    okTotal,
    errors,
    perSecond: latencies.length / (measureMs / 1000),
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
      mean: latencies.length > 0 ? sum / latencies.length : NaN,
    },
    timeline,
  };
}

export function errorLabel(err: unknown): string {
  if (typeof err === 'object' && err !== null) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string') return code;
  }
  return err instanceof Error ? err.message.slice(0, 80) : String(err).slice(0, 80);
}

/** Runs `fn` over `items` with at most `concurrency` in flight; fails on the first error. */
export async function mapConcurrent<T>(
  items: readonly T[],
  concurrency: number,
  fn: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  const run = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, run));
}

/**
 * Open-loop load: operations started at a fixed rate whatever the answers do, for warmup +
 * measure. Latency counts from when an operation was due, not when it could be sent, so a
 * stall shows in the percentiles instead of slowing the load down (no coordinated omission).
 * At most `maxInFlight` at once; an operation due while that many are open waits its turn, and
 * its wait counts in its latency.
 */
export async function openLoop(options: {
  perSecond: number;
  warmupMs: number;
  measureMs: number;
  maxInFlight: number;
  op: Operation;
}): Promise<LoadResult> {
  const { perSecond, warmupMs, measureMs, maxInFlight, op } = options;
  const t0 = performance.now();
  const windowStart = t0 + warmupMs;
  const windowEnd = windowStart + measureMs;
  const total = Math.floor(((warmupMs + measureMs) / 1000) * perSecond);
  const latencies: number[] = [];
  const errors: Record<string, number> = {};
  const timeline = new Array<number>(Math.ceil(measureMs / 1000)).fill(0);
  let okTotal = 0;
  let inFlight = 0;
  const waiting: (() => void)[] = [];
  const running: Promise<void>[] = [];
  const launch = async (i: number, due: number) => {
    if (inFlight >= maxInFlight) await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight++;
    let outcome: string | null;
    try {
      outcome = await op(0, i);
    } catch (err) {
      outcome = errorLabel(err);
    }
    const done = performance.now();
    inFlight--;
    waiting.shift()?.();
    if (outcome === null) okTotal++;
    if (due < windowStart || due > windowEnd) return;
    if (outcome === null) {
      latencies.push(done - due);
      const slot = Math.min(timeline.length - 1, Math.floor((due - windowStart) / 1000));
      timeline[slot] = (timeline[slot] ?? 0) + 1;
    } else {
      errors[outcome] = (errors[outcome] ?? 0) + 1;
    }
  };
  // Whatever came due since the last tick starts now (timers cannot wake every 0.2 ms).
  for (let i = 0; i < total;) {
    const now = performance.now();
    for (; i < total && t0 + (i * 1000) / perSecond <= now; i++) {
      running.push(launch(i, t0 + (i * 1000) / perSecond));
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await Promise.all(running);
  const sorted = Float64Array.from(latencies).sort();
  const sum = latencies.reduce((a, b) => a + b, 0);
  return {
    workers: maxInFlight,
    seconds: measureMs / 1000,
    ok: latencies.length,
    okTotal,
    errors,
    perSecond: latencies.length / (measureMs / 1000),
    latencyMs: {
      p50: percentile(sorted, 50),
      p90: percentile(sorted, 90),
      p99: percentile(sorted, 99),
      max: sorted.length > 0 ? sorted[sorted.length - 1]! : NaN,
      mean: latencies.length > 0 ? sum / latencies.length : NaN,
    },
    timeline,
  };
}
