/**
 * The zone check on stock positions (migration 027): a movement by any command that would take
 * a position below the units its named zones hold (a repair of units in the damaged area, a
 * shipment of units still in a bin) fails it. That is an expected refusal, not a bug.
 */
import type { Move } from '../domain/movements.ts';
import { fail } from '../domain/errors.ts';

const CHECK_VIOLATION = '23514';
const ZONE_CONSTRAINT = 'zone_units_within_position';

export function isZoneCheck(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; constraint?: unknown; message?: unknown };
  return (
    e.code === CHECK_VIOLATION &&
    (e.constraint === ZONE_CONSTRAINT ||
      (typeof e.message === 'string' && e.message.includes(ZONE_CONSTRAINT)))
  );
}

export function failUnitsInZone(moves: readonly Move[]): never {
  return fail(
    'units_in_zone',
    'the units this needs are held in a named zone of the warehouse: move them to the default zone first (a move out of an unsellable zone makes them sellable)',
    { positions: [...new Set(moves.map((m) => `${m.sku}@${m.warehouse}`))] },
  );
}
