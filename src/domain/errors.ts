/**
 * The catalogue of expected failures. Each is a value with a stable code that clients may
 * switch on, and a kind: what sort of failure it is. The HTTP adapter maps kinds to statuses
 * (src/http/errors.ts) and nowhere else; the domain knows no protocol.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'missing'
  | 'conflict'
  | 'gone'
  | 'too_large'
  | 'unsupported'
  | 'too_many'
  | 'unavailable';

export const ERROR_KINDS = {
  invalid_request: 'invalid',
  invalid_json: 'invalid',
  invalid_cursor: 'invalid',
  same_warehouse: 'invalid',
  invalid_schedule: 'invalid',
  invalid_channel: 'invalid',
  invalid_region: 'invalid',
  invalid_contact: 'invalid',
  reason_required: 'invalid',
  invalid_webhook: 'invalid',
  invalid_csv: 'invalid',
  invalid_horizon: 'invalid',
  invalid_level: 'invalid',
  invalid_currency: 'invalid',
  invalid_damaged_suffix: 'invalid',
  invalid_period: 'invalid',
  same_zone: 'invalid',
  invalid_product: 'invalid',
  invalid_options: 'invalid',
  unauthenticated: 'unauthenticated',
  forbidden: 'forbidden',
  not_found: 'missing',
  unknown_sku: 'missing',
  unknown_warehouse: 'missing',
  unknown_order: 'missing',
  unknown_api_key: 'missing',
  unknown_transfer: 'missing',
  unknown_lock: 'missing',
  unknown_channel: 'missing',
  unknown_region: 'missing',
  unknown_count: 'missing',
  unknown_alert: 'missing',
  unknown_subscription: 'missing',
  unknown_webhook: 'missing',
  unknown_delivery: 'missing',
  unknown_supplier: 'missing',
  unknown_purchase_order: 'missing',
  unknown_zone: 'missing',
  unknown_product: 'missing',
  unknown_category: 'missing',
  unknown_standing_order: 'missing',
  insufficient_stock: 'conflict',
  insufficient_on_hand: 'conflict',
  insufficient_damaged: 'conflict',
  insufficient_qc_pending: 'conflict',
  insufficient_virtual: 'conflict',
  insufficient_zone_units: 'conflict',
  units_in_zone: 'conflict',
  zone_not_empty: 'conflict',
  invalid_state: 'conflict',
  order_expired: 'conflict',
  exceeds_open_quantity: 'conflict',
  return_exceeds_shipped: 'conflict',
  exceeds_planned: 'conflict',
  exceeds_in_transit: 'conflict',
  exceeds_locked: 'conflict',
  sku_not_in_count: 'conflict',
  count_overlap: 'conflict',
  sku_not_on_purchase_order: 'conflict',
  nothing_to_order: 'conflict',
  count_incomplete: 'conflict',
  category_cycle: 'conflict',
  category_too_deep: 'conflict',
  category_has_children: 'conflict',
  product_has_skus: 'conflict',
  option_in_use: 'conflict',
  duplicate_variant: 'conflict',
  invalid_scope: 'conflict',
  idempotency_key_reused: 'conflict',
  order_id_unavailable: 'conflict',
  damaged_sku_not_sellable: 'conflict',
  damaged_suffix_conflict: 'conflict',
  events_pruned: 'gone',
  payload_too_large: 'too_large',
  unsupported_media_type: 'unsupported',
  rate_limited: 'too_many',
  too_many_streams: 'too_many',
  database_unavailable: 'unavailable',
  not_ready: 'unavailable',
} as const satisfies Record<string, ErrorKind>;

export type ErrorCode = keyof typeof ERROR_KINDS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get kind(): ErrorKind {
    return ERROR_KINDS[this.code];
  }
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}
