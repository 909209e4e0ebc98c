/**
 * The HTTP side of reads that may lag: a client that has seen event N (a webhook, the NATS
 * stream, GET /v1/events) sends `Stockroom-Min-Event: N` to read at least the state after it;
 * the answer says where it was read in `Stockroom-Read-Source` (replica or primary).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../app/context.ts';
import { withLaggingReads, type LaggingRead, type LaggingReadUseCase } from '../app/reads.ts';
import { fail } from '../domain/errors.ts';

export const MIN_EVENT_HEADER = 'stockroom-min-event';
export const READ_SOURCE_HEADER = 'stockroom-read-source';

/** The event sequence number asked for, or undefined; anything but a whole number is refused. */
export function minEventSeq(req: FastifyRequest): number | undefined {
  const raw = req.headers[MIN_EVENT_HEADER];
  if (raw === undefined) return undefined;
  const text = Array.isArray(raw) ? raw.join(',') : raw;
  if (!/^\d{1,15}$/.test(text.trim()))
    fail('invalid_request', `${MIN_EVENT_HEADER} must be an event sequence number (a whole number)`, {
      header: MIN_EVENT_HEADER,
    });
  return Number(text.trim());
}

export async function laggingRead<T>(
  ctx: AppContext,
  useCase: LaggingReadUseCase,
  req: FastifyRequest,
  reply: FastifyReply,
  work: (readCtx: AppContext) => Promise<T>,
): Promise<T> {
  return answered(reply, await withLaggingReads(ctx, useCase, minEventSeq(req), work));
}

/** The value of a lagging read, with where it was read in `Stockroom-Read-Source`. */
export function answered<T>(reply: FastifyReply, read: LaggingRead<T>): T {
  reply.header(READ_SOURCE_HEADER, read.source);
  return read.value;
}
