/**
 * Who may see and change what, decided once here and called by the use cases (docs/access.md).
 *
 * - A storefront key is public (it ships in a shop's front end): it sees and changes only the
 *   orders it placed. Any other order looks exactly like an unknown one (`404 unknown_order`).
 * - An operator key limited to warehouses touches only those warehouses: a command naming or
 *   reaching another warehouse is `403 forbidden`, a read naming one is `403 forbidden`, and a
 *   read that names none is filtered to the key's warehouses. An order none of whose allocations
 *   is at one of its warehouses looks unknown (`404 unknown_order`); an order partly at them can
 *   be read, but a command reaching its other warehouses is `403 forbidden`.
 * - Routes that span every warehouse and cannot be filtered yet are refused to limited operators
 *   as a whole (see `requireUnlimited` and src/http/warehouse-scope.ts).
 */
import { fail } from '../domain/errors.ts';
import type { Actor } from './context.ts';

/** Operators may be limited to some warehouses; refuse a command touching any other. */
export function requireWarehouseAccess(actor: Actor, warehouses: readonly string[]): void {
  if (!actor.warehouses) return;
  const denied = [...new Set(warehouses)].filter((w) => !actor.warehouses!.includes(w));
  if (denied.length > 0) {
    fail('forbidden', `this API key may not change stock at ${denied.join(', ')}`, { warehouses: denied });
  }
}

/**
 * The warehouses a read may show: null for all. A limited operator naming another warehouse is
 * refused (rather than answered with an empty page, which would read as "nothing there").
 */
export function readableWarehouses(actor: Actor, named?: string | undefined): string[] | null {
  if (!actor.warehouses) return named ? [named] : null;
  if (named) {
    if (!actor.warehouses.includes(named)) {
      fail('forbidden', `this API key may not read ${named}`, { warehouses: [named] });
    }
    return [named];
  }
  return [...actor.warehouses];
}

/**
 * One record of a warehouse (a count, a lock; a transfer has two): readable by a limited
 * operator when one of them is its own, else `403 forbidden` as a command there would be.
 */
export function requireRecordReadable(actor: Actor, warehouses: readonly string[]): void {
  if (!actor.warehouses || warehouses.some((w) => actor.warehouses!.includes(w))) return;
  fail('forbidden', `this API key may not read records of ${warehouses.join(', ')}`, { warehouses });
}

/** For reads that span every warehouse and are not filtered: refused to limited operators. */
export function requireUnlimited(actor: Actor, what: string): void {
  if (actor.warehouses) {
    fail('forbidden', `a key limited to warehouses may not ${what}: it spans every warehouse`, {
      warehouses: actor.warehouses,
    });
  }
}

/** What access needs to know about an order: who placed it and where it is allocated. */
export interface OrderOwnership {
  /** The API key that placed it; null for orders placed before keys were recorded (staff). */
  placedBy: string | null;
  warehouses: readonly string[];
}

/** Whether the caller may know the order exists at all. */
export function canSeeOrder(actor: Actor, order: OrderOwnership): boolean {
  if (actor.role === 'storefront') return order.placedBy !== null && order.placedBy === actor.id;
  if (actor.warehouses) return order.warehouses.some((w) => actor.warehouses!.includes(w));
  return true;
}

/** Fails exactly as for an order that does not exist, so that a hidden order tells nothing. */
export function requireOrderVisible(actor: Actor, orderId: string, order: OrderOwnership): void {
  if (!canSeeOrder(actor, order)) fail('unknown_order', `no order ${orderId}`, { orderId });
}

/**
 * A command on a visible order reaching its warehouses (cancel, confirm): a limited operator
 * needs every one of them, so that it never releases or confirms stock at a warehouse not its own.
 */
export function requireOrderCommand(actor: Actor, orderId: string, order: OrderOwnership): void {
  requireOrderVisible(actor, orderId, order);
  requireWarehouseAccess(actor, order.warehouses);
}

/**
 * Placing an order id that already exists answers with the stored placement only to a caller who
 * may see that order. Anyone else learns only that the id is taken: not its lines, its
 * allocations, nor whether the request matched them.
 */
export function requireReplayAllowed(actor: Actor, orderId: string, order: OrderOwnership): void {
  if (!canSeeOrder(actor, order)) {
    fail('order_id_unavailable', `order id ${orderId} cannot be used; choose another`, { orderId });
  }
}
