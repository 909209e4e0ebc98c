/**
 * The life of a purchase order: open until goods arrive, partially received until all have,
 * then received; closed by hand with what has not come recorded as short, or cancelled while
 * nothing was received (docs/purchasing.md). One list for the API's schemas, the CLI and the
 * use cases.
 */
export const PURCHASE_ORDER_STATUSES = [
  'open',
  'partially_received',
  'received',
  'closed',
  'cancelled',
] as const;
export type PurchaseOrderStatus = (typeof PURCHASE_ORDER_STATUSES)[number];

/** Still expecting goods: their open quantities are the positions' incoming. */
export const OPEN_PURCHASE_ORDER_STATUSES: readonly PurchaseOrderStatus[] = ['open', 'partially_received'];

/** The list filter's name for the open statuses together. */
export const ACTIVE_PURCHASE_ORDERS = 'active';
/** What the purchase-order list filters by: one status, or the open ones. */
export type PurchaseOrderFilter = PurchaseOrderStatus | typeof ACTIVE_PURCHASE_ORDERS;
