/**
 * Signatures on outgoing deliveries (webhooks, back-in-stock webhook targets): HMAC-SHA256 over
 * `${timestamp}.${body}` with the receiver's secret, sent as
 * `Stockroom-Signature: t=<unix seconds>,v1=<hex>`. A receiver recomputes it, compares in
 * constant time, and rejects stale timestamps, so a captured delivery cannot be replayed later.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'stockroom-signature';
/** Deliveries older than this are rejected by `verifySignature` (replay protection). */
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signature(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

export function signatureHeader(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return `t=${t},v1=${signature(secret, t, body)}`;
}

export type Verification =
  { ok: true; timestamp: number } | { ok: false; reason: 'malformed' | 'mismatch' | 'stale' };

export function verifySignature(
  secret: string,
  header: string | undefined,
  body: string,
  now: Date,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): Verification {
  const parts = Object.fromEntries(
    (header ?? '').split(',').map((p) => p.trim().split('=', 2) as [string, string]),
  );
  const t = Number(parts.t);
  if (!Number.isInteger(t) || !parts.v1 || !/^[0-9a-f]{64}$/.test(parts.v1))
    return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signature(secret, t, body), 'hex');
  if (!timingSafeEqual(expected, Buffer.from(parts.v1, 'hex'))) return { ok: false, reason: 'mismatch' };
  if (Math.abs(now.getTime() / 1000 - t) > toleranceSeconds) return { ok: false, reason: 'stale' };
  return { ok: true, timestamp: t };
}
