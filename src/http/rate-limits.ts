/**
 * Request budgets (docs/security.md): per client IP for failed authentications, and per key for
 * requests, with a lower budget for storefront keys (public: they ship in a shop's front end).
 * Over a budget: `429 rate_limited` with `Retry-After` in seconds.
 */
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import type { RateLimitConfig } from '../config.ts';
import { errorBody } from './errors.ts';

/**
 * Failed authentications per IP in fixed windows. It cannot be @fastify/rate-limit, which counts
 * every request it sees: this one must refuse a blocked IP *before* its key is looked at (or a
 * right guess would still answer differently from a wrong one) yet count only failures (so a
 * client with a good key is never charged).
 */
export class AuthFailureLimiter {
  private readonly windows = new Map<string, { failures: number; endsAt: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `ip` may try a key again; 0: it may now. */
  retryAfterSeconds(ip: string): number {
    if (this.maxFailures <= 0) return 0;
    const w = this.windows.get(ip);
    if (!w) return 0;
    const left = w.endsAt - this.now();
    if (left <= 0) {
      this.windows.delete(ip);
      return 0;
    }
    return w.failures >= this.maxFailures ? Math.ceil(left / 1000) : 0;
  }

  recordFailure(ip: string): void {
    if (this.maxFailures <= 0) return;
    const now = this.now();
    const w = this.windows.get(ip);
    if (w && w.endsAt > now) {
      w.failures++;
      return;
    }
    // Bounded memory under a spray from many addresses: drop finished windows first.
    if (this.windows.size >= 100_000) {
      for (const [key, old] of this.windows) if (old.endsAt <= now) this.windows.delete(key);
      if (this.windows.size >= 100_000) this.windows.clear();
    }
    this.windows.set(ip, { failures: 1, endsAt: now + this.windowMs });
  }
}

export function sendRateLimited(reply: FastifyReply, retryAfterSeconds: number, message: string) {
  return reply
    .status(429)
    .header('retry-after', String(retryAfterSeconds))
    .send(errorBody('rate_limited', message, { retryAfterSeconds }));
}

/**
 * Per-key budgets through @fastify/rate-limit. Its hooks are added to each route as it is
 * declared, after the global authentication hook, so the key (`request.actor`) is known; routes
 * without a key (health, docs, the dashboard's files, unsubscribe links) are not counted.
 */
export async function registerKeyBudgets(app: FastifyInstance, limits: RateLimitConfig): Promise<void> {
  const budget = (role: string) =>
    role === 'storefront' ? limits.requestsPerStorefrontKey : limits.requestsPerKey;
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    timeWindow: limits.windowMs,
    max: (req) => budget(req.actor.role),
    keyGenerator: (req) => `key:${req.actor?.id}`,
    allowList: (req) => !req.actor || budget(req.actor.role) <= 0,
    errorResponseBuilder: (req, context) =>
      new DomainError(
        'rate_limited',
        `this API key has used its ${context.max} requests per minute; retry in ${context.after}`,
        {
          retryAfterSeconds: Math.ceil(context.ttl / 1000),
          limit: context.max,
          role: req.actor.role,
        },
      ),
  });
}
