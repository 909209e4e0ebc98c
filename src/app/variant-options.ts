/**
 * A variant's option values use its product's option names (`{"size": "M"}` needs `size` among
 * the product's options). The rule is enforced by the write itself: triggers of migration 034
 * refuse a SKU whose options name something else, and a product dropping an option one of its
 * SKUs still uses. This maps their refusals to the stable codes of the error catalogue.
 */
import { isPgError } from '../db/database.ts';
import { fail } from '../domain/errors.ts';

/** Raised by the SKU trigger: an option name its product does not have. */
export const INVALID_OPTIONS_SQLSTATE = 'SR001';
/** Raised by the product trigger: an option a variant still uses. */
export const OPTION_IN_USE_SQLSTATE = 'SR002';

function detailOf(err: { detail?: string }): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(err.detail ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Throws `invalid_options` or `option_in_use` when `err` is one of the triggers' refusals. */
export function failOptionGuard(err: unknown): void {
  if (!isPgError(err)) return;
  if (err.code === INVALID_OPTIONS_SQLSTATE) {
    const d = detailOf(err);
    const names = Array.isArray(d.options) ? d.options.join(', ') : '';
    fail(
      'invalid_options',
      `SKU ${String(d.sku)}: option ${names} is not an option of product ${String(d.product)}`,
      d,
    );
  }
  if (err.code === OPTION_IN_USE_SQLSTATE) {
    const d = detailOf(err);
    const names = Array.isArray(d.options) ? d.options.join(', ') : '';
    fail(
      'option_in_use',
      `product ${String(d.product)}: SKU ${String(d.sku)} still uses option ${names}; change its options first`,
      d,
    );
  }
}
