-- Demand history imported from a merchant's previous system (docs/forecasting.md, "Importing
-- history"). The ledger-derived history needs no table: it is computed from `movements` and
-- `order_allocations` on the fly (src/db/demand.ts), with the existing index on
-- movements (sku, warehouse, at).

-- One row per import: the first and last day of its file.
create table demand_imports (
  id bigserial primary key,
  source text not null check (source in ('csv', 'online-retail')),
  first_day date not null,
  last_day date not null,
  row_count integer not null,
  created_at timestamptz not null,
  check (first_day <= last_day)
);

-- Daily sales per SKU, at a warehouse or (warehouse null) for the SKU as a whole. Importing the
-- same (sku, warehouse, day) again replaces the row. out_of_stock is null when the file did not
-- say.
create table demand_history (
  sku text collate "C" not null references skus,
  warehouse text collate "C" references warehouses,
  day date not null,
  units bigint not null check (units >= 0),
  returned bigint not null default 0 check (returned >= 0),
  out_of_stock boolean,
  import_id bigint not null references demand_imports,
  imported_at timestamptz not null
);
create unique index demand_history_key on demand_history (sku, (coalesce(warehouse, '')), day);

-- The days imports cover per SKU: from the first to the last day of each file naming it
-- (widened by every import). A SKU's imported history runs until last_day, so a SKU that
-- stopped selling shows zeros up to the end of its file, not up to the end of another's.
create table demand_coverage (
  sku text collate "C" primary key references skus,
  first_day date not null,
  last_day date not null
);
