/**
 * The standing-orders screen's model: the form as typed turned into the API's body (or the
 * first problem with it, as a key of the message catalogue), and the body that pauses or
 * resumes a standing order as it is. No React here.
 */
import type { Body, Ok } from './api.ts';
import { parseLines } from './lines.ts';

export type StandingOrder = Ok<'/v1/standing-orders/{id}', 'get'>;
export type StandingOrderBody = Body<'/v1/standing-orders/{id}', 'put'>;

/** The form as typed: every field text. */
export interface StandingOrderForm {
  id: string;
  customer: string;
  warehouse: string;
  channel: string;
  lines: string;
  startsOn: string;
  everyDays: string;
  endsOn: string;
  reserveDaysAhead: string;
}

export const EMPTY_STANDING_ORDER_FORM: StandingOrderForm = {
  id: '',
  customer: '',
  warehouse: '',
  channel: '',
  lines: '',
  startsOn: '',
  everyDays: '7',
  endsOn: '',
  reserveDaysAhead: '3',
};

/** What may be wrong with a filled-in form: each a key of `standingOrders.problems`. */
export type FormProblem = 'id' | 'lines' | 'everyDays' | 'reserveDaysAhead' | 'dates';

const ID = /^[A-Za-z0-9\-_.]{1,40}$/;

function wholeIn(text: string, min: number, max: number): number | null {
  if (!/^\d+$/.test(text.trim())) return null;
  const n = Number(text.trim());
  return n >= min && n <= max ? n : null;
}

/**
 * The PUT body for a form, or the first problem; `incomplete` while a required field is empty
 * (nothing to say yet). The server judges the rest (unknown SKUs, warehouse, channel).
 */
export function standingOrderBody(
  f: StandingOrderForm,
): { body: StandingOrderBody; id: string } | { problem: FormProblem } | { incomplete: true } {
  if (!f.id.trim() || !f.customer.trim() || !f.warehouse || !f.lines.trim() || !f.startsOn) {
    return { incomplete: true };
  }
  if (!ID.test(f.id.trim())) return { problem: 'id' };
  const parsed = parseLines(f.lines);
  const skus = parsed.lines.map((l) => l.sku);
  if (parsed.errors.length > 0 || parsed.lines.length === 0 || new Set(skus).size !== skus.length) {
    return { problem: 'lines' };
  }
  const everyDays = wholeIn(f.everyDays, 1, 366);
  if (everyDays === null) return { problem: 'everyDays' };
  const reserveDaysAhead = wholeIn(f.reserveDaysAhead, 0, 60);
  if (reserveDaysAhead === null) return { problem: 'reserveDaysAhead' };
  if (f.endsOn && f.endsOn < f.startsOn) return { problem: 'dates' };
  return {
    id: f.id.trim(),
    body: {
      customer: f.customer.trim(),
      warehouse: f.warehouse,
      ...(f.channel ? { channel: f.channel } : {}),
      lines: parsed.lines,
      schedule: { startsOn: f.startsOn, everyDays, ...(f.endsOn ? { endsOn: f.endsOn } : {}) },
      reserveDaysAhead,
    },
  };
}

/** The body that changes only the status of a standing order: the PUT takes the whole of it. */
export function withStatus(so: StandingOrder, status: 'active' | 'paused'): StandingOrderBody {
  return {
    customer: so.customer,
    warehouse: so.warehouse,
    channel: so.channel,
    lines: so.lines,
    schedule: so.schedule,
    reserveDaysAhead: so.reserveDaysAhead,
    status,
  };
}

/** "2 × MUG, 1 × TEE" with the caller's number writer. */
export const describeLines = (
  lines: readonly { sku: string; qty: number }[],
  n: (v: number) => string,
): string => lines.map((l) => `${n(l.qty)} × ${l.sku}`).join(', ');

/** Deliveries reserved whose day has not passed: their stock is held now. */
export const reservedAhead = (so: StandingOrder, today: string): StandingOrder['deliveries'] =>
  so.deliveries.filter((d) => d.status === 'reserved' && d.deliveryOn >= today);
