/**
 * Shipping (an order's or a transfer's) takes physical units. When the guard refuses because
 * the units are not there, the answer is `409 invalid_state`, not a stock shortage: the
 * reservation exists, but the warehouse cannot hand the units over. The details say, per line,
 * how many units could physically leave and what holds the rest.
 */
import type { GuardRefused } from '../db/stock.ts';
import { fail } from '../domain/errors.ts';
import { heldOnHand } from '../domain/quantities.ts';

export function failUnitsNotThere(err: GuardRefused): never {
  fail('invalid_state', 'the units to ship are not physically in the warehouse', {
    lines: err.refused.map((r) => ({
      sku: r.sku,
      warehouse: r.warehouse,
      requested: r.requested,
      ...(r.position && {
        onHand: r.position.onHand,
        shippable: Math.max(0, r.position.onHand - heldOnHand(r.position)),
        held: {
          damaged: r.position.damaged,
          qcPending: r.position.qcPending,
          locked: r.position.locked,
          transferReserved: r.position.transferReserved,
        },
      }),
    })),
  });
}
