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
