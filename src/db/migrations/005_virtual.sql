-- Virtual stock: a supplier's quick-supply capacity at a position (the quantity itself is the
-- position's `virtual` bucket, changed only through movements); who supplies it and how fast.
create table virtual_supply (
  sku text collate "C" not null,
  warehouse text collate "C" not null,
  supplier text,
  lead_time_days integer not null default 0 check (lead_time_days >= 0),
  updated_at timestamptz not null,
  primary key (sku, warehouse),
  foreign key (sku, warehouse) references stock_positions
);
