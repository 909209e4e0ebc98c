-- Zones (issue 13, docs/zones.md): bins or areas of a warehouse, each sellable or not. Every
-- warehouse also has an implicit default zone, sellable, that holds whatever units are in no
-- named zone; with no zones defined every position behaves exactly as before.
create table warehouse_zones (
  warehouse text collate "C" not null references warehouses,
  code text collate "C" not null,
  name text not null,
  kind text not null check (kind in ('pick', 'bulk', 'damaged', 'quarantine', 'returns', 'qc')),
  created_at timestamptz not null,
  updated_at timestamptz not null,
  primary key (warehouse, code)
);

-- The units of a position in each named zone (the default zone's are the rest of onHand).
create table zone_stock (
  sku text collate "C" not null,
  warehouse text collate "C" not null,
  zone text collate "C" not null,
  units bigint not null check (units >= 0),
  primary key (sku, warehouse, zone),
  foreign key (sku, warehouse) references stock_positions,
  foreign key (warehouse, zone) references warehouse_zones
);
create index zone_stock_by_zone on zone_stock (warehouse, zone) where units > 0;

-- The zone side of the ledger: how many units a movement put into (+) or took out of (-) a
-- named zone, at the movement's time. Summing a position's rows rebuilds zone_stock; those at or
-- before a time answer `asOf`. Append-only like the movements it belongs to (no foreign key: the ledger is
-- partitioned by month, keyed by id and time).
create table zone_movements (
  movement_id bigint not null,
  at timestamptz not null,
  sku text collate "C" not null,
  warehouse text collate "C" not null,
  zone text collate "C" not null,
  d_units bigint not null,
  primary key (movement_id, zone)
);
create index zone_movements_by_position on zone_movements (sku, warehouse, at);
-- requires function: stockroom_forbid_change
create trigger zone_movements_append_only before update or delete on zone_movements
  for each row execute function stockroom_forbid_change();

-- Per position, the units in named zones (all of them, and those in unsellable zones by the
-- bucket they count in). The check makes every movement, whichever command writes it, keep
-- the zones inside the position: units in a damaged/quarantine/returns zone are part of
-- `damaged`, units in a qc zone part of `qcPending`, and no zone holds units the position
-- does not have. A movement that would break this is refused (`units_in_zone`).
alter table stock_positions
  add column zone_units bigint not null default 0,
  add column zone_damaged bigint not null default 0,
  add column zone_qc_pending bigint not null default 0;
alter table stock_positions add constraint zone_units_within_position check (
  zone_damaged >= 0 and zone_qc_pending >= 0 and zone_damaged + zone_qc_pending <= zone_units
  and zone_units <= on_hand and zone_damaged <= damaged and zone_qc_pending <= qc_pending);
