/**
 * What a storefront is told about a SKU (GET /v1/availability): sellable units for a customer's
 * region, and from which warehouses in how many days. Computed in src/app/availability.ts.
 */
export interface AvailabilityOption {
  warehouse: string;
  sellable: number;
  /** Standing orders' deliveries from this warehouse within the look-ahead, not reserved yet. */
  committed: number;
  /** sellable - committed, at least 0: what new orders may take without failing a delivery. */
  promisable: number;
  /** Days to the customer's region for units in stock; null without a region. */
  deliveryDays: number | null;
  /** Of `sellable`, units physically in the warehouse. */
  fromStock: number;
  /** Of `sellable`, units resting on a supplier's capacity; they ship after its lead time. */
  virtual: {
    units: number;
    supplier: string | null;
    leadTimeDays: number;
    deliveryDays: number | null;
  } | null;
}

export interface AvailabilityView {
  sku: string;
  /** Set when `sku` names the damaged units of this SKU (suffix rule): nothing is sellable. */
  damagedOf?: string;
  region: string | null;
  sellable: number;
  inStock: boolean;
  /** Committed deliveries not reserved yet at the warehouses serving the region. */
  committed: number;
  /** The options' promisable units: sellable across warehouses less what is committed. */
  promisable: number;
  /** The look-ahead `committed` counts, in days from today. */
  committedDays: number;
  /** Fastest first. */
  options: AvailabilityOption[];
}
