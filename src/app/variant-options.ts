/**
 * A variant's option values use its product's option names (`{"size": "M"}` needs `size` among
 * the product's options), and two variants of a product never share the same values. The rules
 * are enforced by the write itself: triggers of migration 034 refuse a SKU whose options name
 * something else or that another variant holds, and a product dropping an option one of its
 * SKUs still uses; the unique index of migration 040 refuses the same values written by two
 * transactions at once. This maps their refusals to the stable codes of the error catalogue.
 */
import { isPgError } from '../db/database.ts';
import { fail } from '../domain/errors.ts';

/** Raised by the SKU trigger: an option name its product does not have. */
export const INVALID_OPTIONS_SQLSTATE = 'SR001';
/** Raised by the product trigger: an option a variant still uses. */
export const OPTION_IN_USE_SQLSTATE = 'SR002';
/** Raised by the SKU trigger: another variant of the product has the same option values. */
export const DUPLICATE_VARIANT_SQLSTATE = 'SR003';
/** The unique index behind it, met when two transactions write the same values at once. */
const ONE_VARIANT_INDEX = 'skus_one_variant_per_option_values';
const UNIQUE_VIOLATION = '23505';

function detailOf(err: { detail?: string }): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(err.detail ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** Throws `invalid_options`, `option_in_use` or `duplicate_variant` when `err` is one of the guards' refusals. */
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
  if (err.code === DUPLICATE_VARIANT_SQLSTATE) {
    const d = detailOf(err);
    fail(
      'duplicate_variant',
      `product ${String(d.product)}: SKU ${String(d.existing)} has these option values already; give SKU ${String(d.sku)} its own`,
      d,
    );
  }
  if (err.code === UNIQUE_VIOLATION && err.message.includes(ONE_VARIANT_INDEX)) {
    fail('duplicate_variant', 'another variant of the product took these option values meanwhile', {});
  }
}
