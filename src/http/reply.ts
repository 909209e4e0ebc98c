import type { FastifyReply } from 'fastify';
import type { Outcome } from '../app/context.ts';

/**
 * Sends a use case's outcome: 201 when it created something, 200 when it was already there.
 * A stored answer replayed for a repeated Idempotency-Key says so (as Stripe does).
 */
export function sendOutcome(reply: FastifyReply, out: Outcome<unknown>) {
  if (out.replayed) reply.header('idempotent-replayed', 'true');
  return (reply as FastifyReply).status(out.created ? 201 : 200).send(out.body);
}
