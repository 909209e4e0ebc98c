-- Replenishment and purchase orders (issue 6).

-- Suppliers carry the defaults of the positions they supply.
create table suppliers (
  code text collate "C" primary key,
  name text not null,
  lead_time_days integer not null check (lead_time_days >= 0),
  service_level double precision not null check (service_level > 0 and service_level < 1),
  review_period_days integer not null check (review_period_days >= 0),
  min_order bigint not null check (min_order >= 0),
  pack_size bigint not null check (pack_size >= 1),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

-- How one position is replenished. A null figure inherits the supplier's; a position without a
-- row (or without a supplier) uses the defaults in settings 'replenishment'.
create table replenishment_policies (
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  supplier text collate "C" references suppliers,
  lead_time_days integer check (lead_time_days >= 0),
  service_level double precision check (service_level > 0 and service_level < 1),
  review_period_days integer check (review_period_days >= 0),
  min_order bigint check (min_order >= 0),
  pack_size bigint check (pack_size >= 1),
  updated_at timestamptz not null,
  primary key (sku, warehouse)
);
create index replenishment_policies_by_supplier on replenishment_policies (supplier, warehouse);

-- The last forecast of each position, refreshed in the background: replenishment over a whole
-- catalogue reads these instead of fitting thousands of models inside one request.
create table demand_forecasts (
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  computed_at timestamptz not null,
  model text not null,
  -- Mean demand per day from the day after computed_at, one value per day.
  daily double precision[] not null,
  daily_error_sd double precision not null,
  -- The backtest's daily errors (actual - forecast), sorted; empty with too few to trust.
  daily_errors double precision[] not null default '{}',
  wape double precision,
  -- Set when the position's policy changes (its horizon may no longer do): used until refreshed.
  needs_refresh boolean not null default false,
  primary key (sku, warehouse)
);
create index demand_forecasts_by_age on demand_forecasts (computed_at);

create table purchase_orders (
  po_id text collate "C" primary key,
  supplier text collate "C" not null references suppliers,
  warehouse text collate "C" not null references warehouses,
  status text not null
    check (status in ('open', 'partially_received', 'received', 'closed', 'cancelled')),
  reference text,
  expected_at timestamptz not null,
  close_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index purchase_orders_by_status on purchase_orders (status, warehouse);

-- received may exceed ordered (an over-delivery, kept as it came); `short` is what was still
-- missing when the order was closed (an under-delivery).
create table purchase_order_lines (
  po_id text collate "C" not null references purchase_orders,
  sku text collate "C" not null references skus,
  ordered bigint not null check (ordered > 0),
  received bigint not null default 0 check (received >= 0),
  short bigint not null default 0 check (short >= 0),
  unit_cost numeric(16, 4),
  primary key (po_id, sku)
);
-- `incoming` of a position: the open quantities of its open purchase orders.
create index purchase_order_lines_by_sku on purchase_order_lines (sku, po_id);
