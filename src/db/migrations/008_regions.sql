-- Regions customers live in, the warehouses that serve them with delivery days, and how orders
-- are routed. A region is located by coordinates (for a distance-based delivery estimate) and/or
-- by coverage: the countries and postal-code prefixes that resolve an address to it.

create table regions (
  code text collate "C" primary key,
  name text not null,
  lat double precision,
  lon double precision,
  countries text[] not null default '{}',
  postal_prefixes text[] not null default '{}',
  created_at timestamptz not null,
  updated_at timestamptz not null,
  constraint region_located check (
    (lat is not null and lon is not null) or cardinality(countries) > 0 or cardinality(postal_prefixes) > 0)
);

-- Explicit service: this warehouse delivers to this region in `delivery_days`. A warehouse with
-- any explicit rows serves only those regions; one without serves every region, with a
-- distance-based estimate where both have coordinates (src/domain/delivery.ts).
create table warehouse_regions (
  warehouse text collate "C" not null references warehouses,
  region text collate "C" not null references regions,
  delivery_days integer not null check (delivery_days >= 0 and delivery_days <= 365),
  primary key (warehouse, region)
);

-- Service-wide settings, one JSON value per key (routing: strategy and splitting).
create table settings (
  key text primary key,
  value jsonb not null,
  updated_at timestamptz not null
);

-- Why each allocation went to its warehouse, kept with the order for support staff.
alter table order_allocations add column reason text;

-- `stockroom_place_orders` (src/db/functions/) stores each allocation's reason. The routing itself
-- happens before it, in the same transaction, with the positions already locked
-- (src/app/placement.ts).
