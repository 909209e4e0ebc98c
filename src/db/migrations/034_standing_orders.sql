-- Standing orders, variant option keys and capacity by volume (docs/products.md,
-- docs/standing-orders.md, docs/alerts.md).

-- A variant's option values use its product's option names. Checked by the write itself (a
-- trigger), so the API, the bulk edit, the CSV import and a hand-written UPDATE are all held to
-- it. The SKU's check takes a share lock on its product row and the product's check runs under
-- the product row's update lock, so a SKU taking an option and its product dropping that option
-- at once run one after the other. Rows written before this migration are checked when their
-- product or options next change, not before.
-- requires function: stockroom_check_variant_options (src/db/functions/)

create trigger skus_variant_options before insert or update of product, options on skus
  for each row execute function stockroom_check_variant_options();

-- requires function: stockroom_check_product_options (src/db/functions/)

create trigger products_variant_options before update of options on products
  for each row execute function stockroom_check_product_options();

-- Capacity by volume: a SKU's volume per unit and a warehouse's capacity in litres, watched by
-- warehouse_near_capacity beside (or instead of) its capacity in units.
alter table skus add column volume_litres numeric(14, 4) check (volume_litres >= 0);
alter table warehouses add column capacity_litres numeric(16, 4) check (capacity_litres > 0);

-- A customer's repeat purchase: SKU lines delivered on a schedule (every N days from a first
-- day, until an optional last day) from one warehouse. Each delivery is reserved as an ordinary
-- order `reserve_days_ahead` days before its day by a background loop; until then its units are
-- committed future demand (replenishment, the forecast, GET /v1/standing-orders/committed).
create table standing_orders (
  id text collate "C" primary key,
  customer text not null,
  warehouse text collate "C" not null references warehouses,
  channel text collate "C" references channels,
  starts_on date not null,
  every_days integer not null check (every_days between 1 and 366),
  ends_on date,
  reserve_days_ahead integer not null check (reserve_days_ahead between 0 and 60),
  status text not null check (status in ('active', 'paused', 'cancelled')),
  -- The first delivery not yet reserved; null when none is left (ended or cancelled).
  next_delivery_on date,
  -- A process placing the next delivery's order holds it until then (several processes share the loop).
  claimed_until timestamptz,
  -- After an attempt that found too little stock: not tried again before this.
  retry_at timestamptz,
  created_at timestamptz not null,
  updated_at timestamptz not null,
  check (ends_on is null or ends_on >= starts_on)
);
create index standing_orders_due on standing_orders (next_delivery_on) where status = 'active';
create index standing_orders_by_customer on standing_orders (customer, id);

create table standing_order_lines (
  standing_order text collate "C" not null references standing_orders on delete cascade,
  sku text collate "C" not null references skus,
  qty integer not null check (qty > 0),
  primary key (standing_order, sku)
);
create index standing_order_lines_by_sku on standing_order_lines (sku, standing_order);

-- What happened to each delivery: reserved (by order_id), short (tried, too little stock; retried
-- until its day) or missed (its day passed without a reservation).
create table standing_order_deliveries (
  standing_order text collate "C" not null references standing_orders on delete cascade,
  delivery_on date not null,
  order_id text collate "C",
  status text not null check (status in ('reserved', 'short', 'missed')),
  details jsonb not null default '{}',
  attempts integer not null default 1,
  updated_at timestamptz not null,
  primary key (standing_order, delivery_on)
);
create index standing_order_deliveries_by_order on standing_order_deliveries (order_id)
  where order_id is not null;
