-- Oversold records: a physical fact (damage found, a loss, a count variance) is booked even when
-- it makes a position's sellable quantity negative; each such movement leaves a row here naming
-- the open orders holding reservations at that position. `resolved_at` is for the alerts to come.

create table oversold_events (
  id bigserial primary key,
  at timestamptz not null,
  sku text collate "C" not null references skus,
  warehouse text collate "C" not null references warehouses,
  movement_id bigint not null references movements,
  sellable_after bigint not null,
  orders_at_risk text[] not null default '{}',
  resolved_at timestamptz
);
create index oversold_events_by_position on oversold_events (sku, warehouse, id);
-- `stockroom_apply_movements` (src/db/functions/) writes them.

