/**
 * The use cases whose reads may lag (docs/scaling.md): they run against `ctx.reads`, a
 * streaming replica when one is configured and fresh enough, else the primary. Reservations,
 * commands and anything that must read its own writes use `ctx.db` and never come here.
 */
import type { ReadSource } from '../db/read-replicas.ts';
import type { AppContext } from './context.ts';

export type LaggingReadUseCase = 'availability' | 'dashboard' | 'channel_feed' | 'forecast';

export interface LaggingRead<T> {
  value: T;
  source: ReadSource;
}

/**
 * Runs `work` with a context whose database reads from a replica that has replayed at least
 * event `minEventSeq` (any replica when undefined), or from the primary.
 */
export async function withLaggingReads<T>(
  ctx: AppContext,
  useCase: LaggingReadUseCase,
  minEventSeq: number | undefined,
  work: (readCtx: AppContext) => Promise<T>,
): Promise<LaggingRead<T>> {
  const handle = await ctx.reads.forReads(minEventSeq);
  const value = await work(handle.db === ctx.db ? ctx : { ...ctx, db: handle.db });
  const source = handle.source();
  ctx.metrics.reads.total.inc({ use_case: useCase, source });
  return { value, source };
}
