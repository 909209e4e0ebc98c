-- Core: catalogue, stock positions, the movement ledger, orders, idempotency and API keys.
-- Codes use the "C" collation so that every writer sorts positions the same way: locks are
-- always taken in (sku, warehouse) byte order, which is what rules deadlocks out.

create table skus (
  sku text collate "C" primary key,
  name text not null,
  attributes jsonb not null default '{}',
  unit_cost numeric(16, 4),
  price numeric(16, 4),
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table warehouses (
  code text collate "C" primary key,
  name text not null,
  region text not null,
  lat double precision,
  lon double precision,
  priority integer not null default 0,
  created_at timestamptz not null,
  updated_at timestamptz not null
);

create table stock_positions (
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  on_hand bigint not null default 0,
  reserved bigint not null default 0,
  damaged bigint not null default 0,
  qc_pending bigint not null default 0,
  locked bigint not null default 0,
  transfer_reserved bigint not null default 0,
  virtual bigint not null default 0,
  updated_at timestamptz not null,
  primary key (sku, warehouse),
  constraint quantities_not_negative check (
    on_hand >= 0 and reserved >= 0 and damaged >= 0 and qc_pending >= 0
    and locked >= 0 and transfer_reserved >= 0 and virtual >= 0),
  constraint held_units_within_on_hand check (
    damaged + qc_pending + locked + transfer_reserved <= on_hand)
);
create index stock_positions_by_warehouse on stock_positions (warehouse, sku);

-- The ledger: append-only. Each row is one movement's deltas on one position; summing a
-- position's rows rebuilds it, and summing those at or before a time answers `asOf`.
create table movements (
  id bigserial primary key,
  at timestamptz not null,
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  type text not null,
  qty bigint not null,
  d_on_hand bigint not null default 0,
  d_reserved bigint not null default 0,
  d_damaged bigint not null default 0,
  d_qc_pending bigint not null default 0,
  d_locked bigint not null default 0,
  d_transfer_reserved bigint not null default 0,
  d_virtual bigint not null default 0,
  reason text,
  order_id text collate "C",
  reference text,
  actor text
);
create index movements_by_position on movements (sku, warehouse, at);
create index movements_by_warehouse on movements (warehouse, id);
create index movements_by_order on movements (order_id) where order_id is not null;

-- requires function: stockroom_forbid_change (it refuses every change; src/db/functions/)
create trigger movements_append_only before update or delete on movements
  for each row execute function stockroom_forbid_change();

create table orders (
  order_id text collate "C" primary key,
  status text not null check (status in ('reserved', 'confirmed', 'partially_shipped', 'shipped', 'released')),
  region text,
  channel text,
  request_hash text not null,
  placed_response jsonb not null,
  expires_at timestamptz,
  released_reason text,
  created_at timestamptz not null,
  updated_at timestamptz not null
);
create index orders_due_to_expire on orders (expires_at) where status = 'reserved' and expires_at is not null;

create table order_lines (
  order_id text collate "C" not null references orders,
  line_no integer not null,
  sku text collate "C" not null references skus,
  warehouse text collate "C",
  qty bigint not null check (qty > 0),
  primary key (order_id, line_no)
);

-- An order's reservation, per position: allocated = shipped + released + still open.
create table order_allocations (
  order_id text collate "C" not null references orders,
  sku text collate "C" not null,
  warehouse text collate "C" not null,
  qty bigint not null check (qty > 0),
  shipped bigint not null default 0,
  released bigint not null default 0,
  returned bigint not null default 0,
  primary key (order_id, sku, warehouse),
  foreign key (sku, warehouse) references stock_positions,
  constraint allocation_accounted check (shipped >= 0 and released >= 0 and shipped + released <= qty),
  constraint returns_within_shipped check (returned >= 0)
);

create table idempotency_keys (
  key text primary key,
  request_hash text not null,
  status_code integer,
  response jsonb,
  created_at timestamptz not null
);

create table api_keys (
  id text primary key,
  name text not null,
  key_hash text not null unique,
  role text not null check (role in ('admin', 'operator', 'storefront')),
  warehouses text[],
  created_at timestamptz not null,
  revoked_at timestamptz
);

-- The one write path for stock, `stockroom_apply_movements`, and the order placement that uses
-- it, `stockroom_place_orders`, live in src/db/functions/ (docs/database.md).

-- Documents of what happened, for reading back; the stock effect lives in movements.
create table receipts (
  id text primary key,
  warehouse text collate "C" not null references warehouses,
  reference text,
  lines jsonb not null,
  created_at timestamptz not null
);

create table shipments (
  id text primary key,
  order_id text collate "C" not null references orders,
  lines jsonb not null,
  created_at timestamptz not null
);
create index shipments_by_order on shipments (order_id);

create table customer_returns (
  id text primary key,
  order_id text collate "C" references orders,
  warehouse text collate "C" not null references warehouses,
  lines jsonb not null,
  created_at timestamptz not null
);

