/**
 * The use cases whose reads may lag (docs/scaling.md): they run against `ctx.reads`, a
 * streaming replica when one is configured and fresh enough, else the primary. Reservations,
 * commands and anything that must read its own writes use `ctx.db` and never come here.
 */
import type { ReadSource } from '../db/read-replicas.ts';
import type { AvailabilityView } from '../domain/availability.ts';
import { DEFAULT_COMMITTED_DAYS } from '../domain/standing-orders.ts';
import { availability, type AvailabilityQuery } from './availability.ts';
import type { AppContext } from './context.ts';

export type LaggingReadUseCase = 'availability' | 'dashboard' | 'channel_feed' | 'forecast';

export interface LaggingRead<T> {
  value: T;
  /** `cache`: this process's availability cache answered (src/app/availability-cache.ts). */
  source: ReadSource | 'cache';
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

/**
 * A storefront's single-SKU read: from this process's availability cache when it holds a fresh
 * answer, else a lagging read (stored for the next visitors). A caller asking for at least
 * event `minEventSeq` is never answered from the cache, and its answer is not stored: the
 * cache does not know which events its entries reflect.
 */
export async function availabilityOfOne(
  ctx: AppContext,
  sku: string,
  where: AvailabilityQuery,
  minEventSeq: number | undefined,
): Promise<LaggingRead<AvailabilityView>> {
  const readOne = (readCtx: AppContext) => availability(readCtx, [sku], where).then((views) => views[0]!);
  if (minEventSeq !== undefined) return withLaggingReads(ctx, 'availability', minEventSeq, readOne);
  // Everything the answer depends on besides stock: the customer's place, the look-ahead and
  // the day it is counted from (standing orders' deliveries are dated).
  const key = JSON.stringify([
    sku,
    where.region ?? null,
    where.country ?? null,
    where.postalCode ?? null,
    where.committedDays ?? DEFAULT_COMMITTED_DAYS,
    ctx.clock().toISOString().slice(0, 10),
  ]);
  let source: ReadSource | 'cache' = 'cache';
  const { value, cached } = await ctx.availabilityCache.get(key, async () => {
    const read = await withLaggingReads(ctx, 'availability', undefined, readOne);
    source = read.source;
    return read.value;
  });
  if (cached) ctx.metrics.reads.total.inc({ use_case: 'availability', source: 'cache' });
  return { value, source: cached ? 'cache' : source };
}
