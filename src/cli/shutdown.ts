/**
 * A clean stop on SIGTERM (what a container runtime or supervisor sends) and SIGINT (Ctrl-C):
 * readiness flips at once so that load balancers stop sending, the HTTP server stops accepting
 * and lets in-flight requests finish, the background loops finish their current batch, the pool
 * drains, and the process exits. All within `timeoutMs`: past it the process exits anyway
 * (code 1), because a supervisor would otherwise kill it without a word. Each outcome is logged.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Readiness } from '../http/routes/health.ts';

export interface ShutdownStep {
  name: string;
  stop: () => Promise<void>;
}

export function stopOnSignals(
  log: FastifyBaseLogger,
  timeoutMs: number,
  readiness: Readiness,
  steps: ShutdownStep[],
  exit: (code: number) => void = (code) => process.exit(code),
): (signal: NodeJS.Signals) => Promise<void> {
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    readiness.shuttingDown = true;
    const started = performance.now();
    log.info(
      { signal, timeoutMs },
      `${signal}: shutting down, in-flight requests finish (at most ${timeoutMs} ms)`,
    );
    const deadline = setTimeout(() => {
      log.error(
        { signal, timeoutMs },
        `shutdown took longer than ${timeoutMs} ms: exiting without finishing it`,
      );
      exit(1);
    }, timeoutMs);
    try {
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
