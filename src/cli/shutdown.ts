/**
 * A clean stop on SIGTERM (what a container runtime or supervisor sends) and SIGINT (Ctrl-C):
 * readiness flips at once; after SIGTERM the server goes on serving for the drain delay, so
 * that load balancers, which notice /readyz only at their next probe, stop sending before the
 * listener closes (closing first refuses the requests they still route here). Then the HTTP
 * server stops accepting and lets in-flight requests finish, the background loops finish their
 * current batch, the pool drains, and the process exits. All within `timeoutMs`, the drain
 * included: past it the process exits anyway (code 1), because a supervisor would otherwise kill
 * it without a word. Each outcome is logged. SIGINT is a person at a terminal: no drain.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Readiness } from '../http/routes/health.ts';

export interface ShutdownStep {
  name: string;
  stop: () => Promise<void>;
}

export interface ShutdownTiming {
  /** The longest the whole stop may take, drain included. */
  timeoutMs: number;
  /** After SIGTERM, how long the server keeps serving with /readyz at 503 before it closes. */
  drainMs: number;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function stopOnSignals(
  log: FastifyBaseLogger,
  timing: ShutdownTiming,
  readiness: Readiness,
  steps: ShutdownStep[],
  exit: (code: number) => void = (code) => process.exit(code),
  wait: (ms: number) => Promise<void> = sleep,
): (signal: NodeJS.Signals) => Promise<void> {
  const { timeoutMs } = timing;
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    readiness.shuttingDown = true;
    const started = performance.now();
    const drainMs = signal === 'SIGINT' ? 0 : timing.drainMs;
    log.info(
      { signal, timeoutMs, drainMs },
      drainMs > 0
        ? `${signal}: shutting down: /readyz answers 503; serving ${drainMs} ms more so load balancers stop sending, then in-flight requests finish (at most ${timeoutMs} ms in all)`
        : `${signal}: shutting down, in-flight requests finish (at most ${timeoutMs} ms)`,
    );
    const deadline = setTimeout(() => {
      log.error(
        { signal, timeoutMs },
        `shutdown took longer than ${timeoutMs} ms: exiting without finishing it`,
      );
      exit(1);
    }, timeoutMs);
    try {
      if (drainMs > 0) {
        await wait(drainMs);
        log.info({ signal, drainMs }, `drained for ${drainMs} ms: closing the listener`);
      }
      for (const step of steps) await step.stop();
    } catch (err) {
      clearTimeout(deadline);
      log.error({ err }, 'shutdown failed');
      exit(1);
      return;
    }
    clearTimeout(deadline);
    const ms = Math.round(performance.now() - started);
    log.info({ signal, shutdownMs: ms }, `stopped cleanly in ${ms} ms`);
    exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return stop;
}
