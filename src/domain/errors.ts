/**
 * The catalogue of expected failures. Each is a value with a stable code that clients may
 * switch on; the HTTP adapter maps codes to statuses from this table and nowhere else.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  invalid_json: 400,
  invalid_cursor: 400,
  same_warehouse: 400,
  invalid_schedule: 400,
  invalid_channel: 400,
  invalid_region: 400,
  invalid_contact: 400,
  reason_required: 400,
  invalid_webhook: 400,
  invalid_csv: 400,
  invalid_horizon: 400,
  invalid_level: 400,
  invalid_currency: 400,
  invalid_damaged_suffix: 400,
  invalid_period: 400,
  same_zone: 400,
  invalid_product: 400,
  invalid_options: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  unknown_sku: 404,
  unknown_warehouse: 404,
  unknown_order: 404,
  unknown_api_key: 404,
  unknown_transfer: 404,
  unknown_lock: 404,
  unknown_channel: 404,
  unknown_region: 404,
  unknown_count: 404,
  unknown_alert: 404,
  unknown_subscription: 404,
  unknown_webhook: 404,
  unknown_delivery: 404,
  unknown_supplier: 404,
  unknown_purchase_order: 404,
  unknown_zone: 404,
  unknown_product: 404,
  unknown_category: 404,
  unknown_standing_order: 404,
  insufficient_stock: 409,
  insufficient_on_hand: 409,
  insufficient_damaged: 409,
  insufficient_qc_pending: 409,
  insufficient_virtual: 409,
  insufficient_zone_units: 409,
  units_in_zone: 409,
  zone_not_empty: 409,
  invalid_state: 409,
  order_expired: 409,
  exceeds_open_quantity: 409,
  return_exceeds_shipped: 409,
  exceeds_planned: 409,
  exceeds_in_transit: 409,
  exceeds_locked: 409,
  sku_not_in_count: 409,
  count_overlap: 409,
  sku_not_on_purchase_order: 409,
  nothing_to_order: 409,
  count_incomplete: 409,
  category_cycle: 409,
  category_too_deep: 409,
  category_has_children: 409,
  product_has_skus: 409,
  option_in_use: 409,
  invalid_scope: 409,
  idempotency_key_reused: 409,
  order_id_unavailable: 409,
  damaged_sku_not_sellable: 409,
  damaged_suffix_conflict: 409,
  events_pruned: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  too_many_streams: 429,
  database_unavailable: 503,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function fail(code: ErrorCode, message: string, details?: Record<string, unknown>): never {
  throw new DomainError(code, message, details);
}
